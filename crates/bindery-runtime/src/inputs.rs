//! The values a run starts from: checked against the skill's `parametersSchema` (type, format,
//! pattern, allowed values), then each [`ValuePlan`] of the frozen plan resolved — the given
//! value, else the plan's default, else the schema's default — and its named transform applied.
//!
//! Try-it supplies every parameter the plan names, the caller's and also the call context's and
//! the operator's (which at call time come from the telephony layer and the agent's settings).

use std::collections::BTreeSet;

use bindery_binding::{ExecutionConfig, Provenance, Skill, ValuePlan};
use serde_json::{Map, Value};

use crate::codes::RunCode;
use crate::outcome::RunDiagnostic;
use crate::transforms::{self, TransformContext};

/// Every value plan of an execution config with where it is used (`query:email`,
/// `variable:input.email`, `column:phone`).
pub fn value_plans(config: &ExecutionConfig) -> Vec<(String, &ValuePlan)> {
    match config {
        ExecutionConfig::NativeRest(rest) => rest
            .arguments
            .iter()
            .map(|a| {
                (
                    format!("{}:{}", location_name(a.location), a.name),
                    &a.value,
                )
            })
            .collect(),
        ExecutionConfig::NativeGraphql(graphql) => graphql
            .variables
            .iter()
            .flat_map(|v| {
                let own = v
                    .value
                    .as_ref()
                    .map(|plan| (format!("variable:{}", v.name), plan));
                own.into_iter().chain(
                    v.fields
                        .iter()
                        .map(|f| (format!("variable:{}.{}", v.name, f.field), &f.value)),
                )
            })
            .collect(),
        ExecutionConfig::NativeSql(sql) => sql
            .parameters
            .iter()
            .map(|p| (format!("column:{}", p.column), &p.value))
            .collect(),
    }
}

fn location_name(location: bindery_schema::ArgLocation) -> &'static str {
    use bindery_schema::ArgLocation;
    match location {
        ArgLocation::Path => "path",
        ArgLocation::Query => "query",
        ArgLocation::Header => "header",
        ArgLocation::Cookie => "cookie",
        ArgLocation::Body => "body",
        ArgLocation::Variable => "variable",
        ArgLocation::Column => "column",
    }
}

/// The parameter names a skill's plan uses, sorted.
pub fn used_params(skill: &Skill) -> BTreeSet<&str> {
    value_plans(&skill.execution_config)
        .into_iter()
        .filter_map(|(_, plan)| match plan {
            ValuePlan::Param { param, .. } => Some(param.as_str()),
            ValuePlan::Const { .. } => None,
        })
        .collect()
}

/// The checked inputs of one run and the means to resolve the plan's values.
pub struct Inputs<'r> {
    skill: &'r Skill,
    given: &'r Map<String, Value>,
    transforms: &'r TransformContext,
}

impl<'r> Inputs<'r> {
    /// Checks the given values: every name must be a parameter the plan uses, and a caller
    /// parameter's value must fit its property in `parametersSchema`. Problems come back all at
    /// once; `Ok` means the plan can be resolved.
    pub fn check(
        skill: &'r Skill,
        given: &'r Map<String, Value>,
        transforms: &'r TransformContext,
    ) -> Result<Inputs<'r>, Vec<RunDiagnostic>> {
        let used = used_params(skill);
        let mut problems = Vec::new();
        for (name, value) in given {
            if !used.contains(name.as_str()) {
                let known: Vec<&str> = used.iter().copied().collect();
                problems.push(
                    RunDiagnostic::new(
                        RunCode::InputUnknown,
                        format!(
                            "`{name}` is not a parameter of this skill; it uses {}",
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        ),
                    )
                    .at(format!("inputs.{name}")),
                );
                continue;
            }
            if let Some(property) = property(skill, name) {
                if let Err(message) = fits(value, property) {
                    problems.push(
                        RunDiagnostic::new(RunCode::InputType, format!("`{name}` {message}"))
                            .at(format!("inputs.{name}")),
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(Inputs {
                skill,
                given,
                transforms,
            })
        } else {
            Err(problems)
        }
    }

    /// The value a plan produces: `Ok(None)` for an optional parameter nobody gave (the argument
    /// is left out; SQL binds NULL).
    pub fn resolve(&self, plan: &ValuePlan) -> Result<Option<Value>, RunDiagnostic> {
        let (param, from, transform, default) = match plan {
            ValuePlan::Const { constant } => return Ok(Some(constant.clone())),
            ValuePlan::Param {
                param,
                from,
                transform,
                default,
            } => (param, *from, transform, default),
        };
        let schema_default = property(self.skill, param).and_then(|p| p.get("default"));
        let value = match (self.given.get(param), default, schema_default) {
            (Some(Value::Null) | None, Some(default), _) => return Ok(Some(default.clone())),
            (Some(Value::Null) | None, None, Some(default)) => return Ok(Some(default.clone())),
            (Some(Value::Null) | None, None, None) => {
                let optional = from == Provenance::Caller
                    && !self.skill.required_params.iter().any(|r| r == param);
                if optional {
                    return Ok(None);
                }
                let who = match from {
                    Provenance::Caller => "the caller",
                    Provenance::CallContext => "the call context",
                    Provenance::Operator => "the operator",
                };
                return Err(RunDiagnostic::new(
                    RunCode::InputMissing,
                    format!("`{param}` is needed (supplied by {who}) and has no default"),
                )
                .at(format!("inputs.{param}")));
            }
            (Some(value), _, _) => value,
        };
        match transform {
            None => Ok(Some(value.clone())),
            Some(name) => transforms::apply(name, value, self.transforms)
                .map(Some)
                .map_err(|message| {
                    RunDiagnostic::new(
                        RunCode::TransformFailed,
                        format!("`{param}` through `{name}`: {message}"),
                    )
                    .at(format!("inputs.{param}"))
                }),
        }
    }
}

/// The `parametersSchema` property of a caller parameter.
fn property<'s>(skill: &'s Skill, name: &str) -> Option<&'s Map<String, Value>> {
    skill
        .parameters_schema
        .get("properties")?
        .get(name)?
        .as_object()
}

/// Whether a value fits a JSON Schema property (the subset `compile` writes: `type`, `format`,
/// `pattern` for E.164, `enum`).
fn fits(value: &Value, property: &Map<String, Value>) -> Result<(), String> {
    let ty = property.get("type").and_then(Value::as_str).unwrap_or("");
    let type_ok = match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        _ => true,
    };
    if !type_ok {
        return Err(format!("must be a {ty}, not {}", kind_of(value)));
    }
    if let Some(allowed) = property.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            return Err(format!("must be one of {}", Value::Array(allowed.clone())));
        }
    }
    let (Some(text), Some(format)) = (
        value.as_str(),
        property.get("format").and_then(Value::as_str),
    ) else {
        return Ok(());
    };
    let ok = match format {
        "e164" => is_e164(text),
        "email" => text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
        }),
        "date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("must have the format {format}, not {text:?}"))
    }
}

/// `+` then 2 to 15 digits, the first not 0.
fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn e164_needs_a_plus_and_up_to_fifteen_digits() {
        assert!(is_e164("+14155550123"), "a US number");
        assert!(!is_e164("4155550123"), "no plus");
        assert!(!is_e164("+0123"), "leading zero");
        assert!(!is_e164("+1234567890123456"), "sixteen digits");
    }

    #[test]
    fn a_property_checks_type_enum_and_format() {
        let p = |v: Value| v.as_object().cloned().expect("an object");
        assert!(fits(&json!("x"), &p(json!({"type": "integer"}))).is_err());
        assert!(fits(&json!(3), &p(json!({"type": "integer"}))).is_ok());
        assert!(fits(&json!(3.5), &p(json!({"type": "integer"}))).is_err());
        assert!(fits(&json!("b"), &p(json!({"type": "string", "enum": ["a"]}))).is_err());
        assert!(fits(
            &json!("a@b"),
            &p(json!({"type": "string", "format": "email"}))
        )
        .is_err());
        assert!(fits(
            &json!("2026-12-01"),
            &p(json!({"type": "string", "format": "date"}))
        )
        .is_ok());
    }
}
