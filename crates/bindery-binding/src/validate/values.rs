//! Whether a value source can fill an argument or field: the source's shape (param or const),
//! the parameter and transform names, and type and format compatibility.

use bindery_schema::{FieldType, Scalar};
use serde_json::Value;

use super::Report;
use crate::codes;
use crate::params::{self, ParamType};
use crate::{Context, ValueSource};

/// What a source produces once resolved: a JSON type and maybe a format.
struct Produced<'a> {
    ty: ParamType,
    format: Option<&'a str>,
}

/// Checks one source against the type of what it fills. `at` is the binding path of the item
/// (`inputs[0]`), `target` a label for messages (`argument email`), `schema_path` the place.
pub(super) fn check_source(
    source: &ValueSource,
    target_ty: &FieldType,
    at: &str,
    target: &str,
    schema_path: &str,
    cx: &Context<'_>,
    report: &mut Report,
) {
    match (&source.param, &source.constant) {
        (None, None) => {
            report
                .add(
                    codes::SOURCE_MISSING,
                    at.to_owned(),
                    format!("{target} has no value: give a `param` or a `const`"),
                )
                .schema(schema_path.to_owned());
        }
        (Some(_), Some(_)) => {
            report
                .add(
                    codes::SOURCE_CONFLICT,
                    at.to_owned(),
                    format!("{target} has both a `param` and a `const`; keep one"),
                )
                .schema(schema_path.to_owned());
        }
        (None, Some(constant)) => {
            if source.transform.is_some() || source.default.is_some() {
                report.add(
                    codes::SOURCE_CONFLICT,
                    format!("{at}.const"),
                    "a constant takes no transform and no default",
                );
            }
            if let Some(problem) = constant_fits(constant, target_ty) {
                report
                    .add(
                        codes::TYPE_MISMATCH,
                        format!("{at}.const"),
                        format!("the constant cannot fill {target}: {problem}"),
                    )
                    .schema(schema_path.to_owned());
            }
        }
        (Some(name), None) => {
            let Some(param) = cx.registry.get(name) else {
                let close = cx.registry.similar(name);
                let d = report.add(
                    codes::UNKNOWN_PARAM,
                    format!("{at}.param"),
                    format!("`{name}` is not a canonical parameter nor one of the agent's own"),
                );
                match close.first() {
                    Some(first) => d.help(format!("did you mean `{first}`?")),
                    None => d.help("declare it in the agent's own parameters"),
                };
                return;
            };
            let mut produced = Produced {
                ty: param.ty,
                format: param.format.as_deref(),
            };
            if let Some(name) = &source.transform {
                match params::transform(name) {
                    Some(t) => {
                        produced = Produced {
                            ty: t.output,
                            format: t.output_format,
                        }
                    }
                    None => {
                        let known: Vec<&str> = params::TRANSFORMS.iter().map(|t| t.name).collect();
                        report
                            .add(
                                codes::UNKNOWN_TRANSFORM,
                                format!("{at}.transform"),
                                format!("there is no transform `{name}`"),
                            )
                            .help(format!("transforms: {}", known.join(", ")));
                    }
                }
            }
            if let Some(default) = &source.default {
                if let Some(problem) = constant_fits(default, target_ty) {
                    report.add(
                        codes::TYPE_MISMATCH,
                        format!("{at}.default"),
                        format!("the default cannot fill {target}: {problem}"),
                    );
                }
            }
            param_fits(&produced, name, target_ty, at, target, schema_path, report);
        }
    }
}

fn param_fits(
    produced: &Produced<'_>,
    name: &str,
    target_ty: &FieldType,
    at: &str,
    target: &str,
    schema_path: &str,
    report: &mut Report,
) {
    let mismatch = |report: &mut Report, want: &str| {
        report
            .add(
                codes::TYPE_MISMATCH,
                format!("{at}.param"),
                format!("`{name}` is {} but {target} is {want}", describe(produced)),
            )
            .schema(schema_path.to_owned());
    };
    let format_mismatch = |report: &mut Report, want: &str, help: &str| {
        report
            .add(
                codes::FORMAT_MISMATCH,
                format!("{at}.param"),
                format!("`{name}` is {} but {target} is {want}", describe(produced)),
            )
            .schema(schema_path.to_owned())
            .help(help.to_owned());
    };
    match target_ty {
        FieldType::Scalar { scalar, format } => match scalar {
            Scalar::Integer => {
                if produced.ty != ParamType::Integer {
                    mismatch(report, "a whole number");
                }
            }
            Scalar::Number => {
                if !matches!(produced.ty, ParamType::Integer | ParamType::Number) {
                    mismatch(report, "a number");
                }
            }
            Scalar::Boolean => {
                if produced.ty != ParamType::Boolean {
                    mismatch(report, "true or false");
                }
            }
            Scalar::DateTime => {
                if produced.ty != ParamType::String {
                    mismatch(report, "a date-time");
                } else if produced.format != Some("date-time") {
                    format_mismatch(
                        report,
                        "a date-time (ISO 8601)",
                        "use a date-time parameter, or the `spoken_date` transform",
                    );
                }
            }
            Scalar::Date => {
                if produced.ty != ParamType::String {
                    mismatch(report, "a date");
                } else if produced.format == Some("date-time") {
                    format_mismatch(report, "a date", "add the `date_only` transform");
                } else if produced.format != Some("date") {
                    format_mismatch(
                        report,
                        "a date (YYYY-MM-DD)",
                        "use a date parameter, or `spoken_date` then `date_only`",
                    );
                }
            }
            Scalar::String
            | Scalar::Id
            | Scalar::Uuid
            | Scalar::Time
            | Scalar::Json
            | Scalar::Binary => {
                if produced.ty == ParamType::Boolean {
                    mismatch(report, "text");
                } else if let (Some(want), Some(have)) = (format.as_deref(), produced.format) {
                    if comparable_format(want) && comparable_format(have) && want != have {
                        format_mismatch(
                            report,
                            &format!("formatted as {want}"),
                            "map a parameter of the same format, or a transform that produces it",
                        );
                    }
                }
            }
        },
        FieldType::Enum { .. } => {
            if produced.ty != ParamType::String {
                mismatch(report, "one of fixed values");
            }
        }
        FieldType::Object { object } => mismatch(report, &format!("an object ({object})")),
        FieldType::List { of } => mismatch(report, &format!("a list of {}", of.label())),
        FieldType::Unknown { .. } => {}
    }
}

/// Formats that say what a string holds; others (`int64`, `byte`) say nothing to compare.
fn comparable_format(format: &str) -> bool {
    matches!(
        format,
        "e164" | "phone" | "email" | "date-time" | "date" | "uri" | "url" | "iana-timezone"
    )
}

fn describe(produced: &Produced<'_>) -> String {
    match produced.format {
        Some(format) => format!("a {} ({format})", produced.ty.as_str()),
        None => format!("a {}", produced.ty.as_str()),
    }
}

/// Why a constant cannot fill a type, if it cannot.
pub(super) fn constant_fits(value: &Value, ty: &FieldType) -> Option<String> {
    let ok = match ty {
        FieldType::Scalar { scalar, .. } => match scalar {
            Scalar::Integer => value.is_i64() || value.is_u64(),
            Scalar::Number => value.is_number(),
            Scalar::Boolean => value.is_boolean(),
            Scalar::Json => true,
            Scalar::Id => value.is_string() || value.is_i64() || value.is_u64(),
            _ => value.is_string(),
        },
        FieldType::Enum { values } => {
            return match value.as_str() {
                Some(v) if values.iter().any(|allowed| allowed == v) => None,
                _ => Some(format!("expected one of {}", values.join(", "))),
            };
        }
        FieldType::Object { .. } => value.is_object(),
        FieldType::List { .. } => value.is_array(),
        FieldType::Unknown { .. } => true,
    };
    (!ok).then(|| format!("expected {}, got {}", ty.label(), json_kind(value)))
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
