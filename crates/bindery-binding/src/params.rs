//! Canonical parameters (the registry is data: `params/canonical.json`) and named transforms.
//! One agent prompt works whatever system is behind it because bindings map these names, not
//! the provider's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The JSON type of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamType {
    /// Text.
    String,
    /// Whole number.
    Integer,
    /// Any number.
    Number,
    /// True or false.
    Boolean,
}

impl ParamType {
    /// JSON Schema name.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Number => "number",
            ParamType::Boolean => "boolean",
        }
    }
}

/// Who supplies a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Provenance {
    /// The telephony layer, with every call (`caller_phone`, `call_id`).
    CallContext,
    /// The agent collects it from the caller (the only kind in `parametersSchema`).
    Caller,
    /// The operator pins it when configuring the agent.
    Operator,
}

/// One canonical parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CanonicalParam {
    /// Snake-case name (`caller_phone`).
    pub name: String,
    /// JSON type.
    #[serde(rename = "type")]
    pub ty: ParamType,
    /// Format (`e164`, `email`, `date-time`, `date`, `iana-timezone`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Who supplies it.
    pub provenance: Provenance,
    /// What it is, for the LLM and for a person.
    pub description: String,
    /// An example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RegistryFile {
    parameters: Vec<CanonicalParam>,
}

/// The parameters a binding may use: Bindery's canonical ones plus an agent's own.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRegistry {
    params: BTreeMap<String, CanonicalParam>,
}

/// Why an agent's own parameter was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// Stable code (`binding/param-invalid`).
    pub code: &'static str,
    /// A sentence for a person.
    pub message: String,
}

/// The registry file shipped with Bindery.
const CANONICAL: &str = include_str!("../params/canonical.json");

impl ParamRegistry {
    /// Bindery's canonical parameters.
    pub fn canonical() -> ParamRegistry {
        // The file ships inside the binary and a unit test reads it; an unreadable file is a
        // build defect, so it degrades to an empty registry rather than panicking.
        let params = serde_json::from_str::<RegistryFile>(CANONICAL)
            .map(|file| file.parameters)
            .unwrap_or_default();
        ParamRegistry {
            params: params.into_iter().map(|p| (p.name.clone(), p)).collect(),
        }
    }

    /// The canonical parameters plus an agent's own (which may not shadow a canonical one).
    pub fn with_custom(custom: &[CanonicalParam]) -> Result<ParamRegistry, ParamError> {
        let mut registry = ParamRegistry::canonical();
        for param in custom {
            check_name(&param.name)?;
            if registry.params.contains_key(&param.name) {
                return Err(ParamError {
                    code: "binding/param-exists",
                    message: format!(
                        "`{}` is already a parameter; an agent's own parameter needs a new name",
                        param.name
                    ),
                });
            }
            registry.params.insert(param.name.clone(), param.clone());
        }
        Ok(registry)
    }

    /// A parameter by name.
    pub fn get(&self, name: &str) -> Option<&CanonicalParam> {
        self.params.get(name)
    }

    /// Every parameter, by name.
    pub fn iter(&self) -> impl Iterator<Item = &CanonicalParam> {
        self.params.values()
    }

    /// Names close to `name` (for "did you mean").
    pub fn similar(&self, name: &str) -> Vec<&str> {
        crate::suggest::closest(name, self.params.keys().map(String::as_str))
    }
}

/// A parameter name is snake case: lower-case letters, digits and `_`, starting with a letter.
pub fn check_name(name: &str) -> Result<(), ParamError> {
    let mut chars = name.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if starts
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(())
    } else {
        Err(ParamError {
            code: "binding/param-invalid",
            message: format!(
                "`{name}` is not a parameter name: use lower-case letters, digits and `_`, starting with a letter (at most 64)"
            ),
        })
    }
}

/// A named transform: what it takes and what it gives. The runtime implements them; bindings
/// and compile only need their signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transform {
    /// Name used in bindings.
    pub name: &'static str,
    /// What it does.
    pub description: &'static str,
    /// The value's type after the transform.
    pub output: ParamType,
    /// The value's format after the transform.
    pub output_format: Option<&'static str>,
}

/// Every named transform.
pub const TRANSFORMS: &[Transform] = &[
    Transform {
        name: "e164",
        description: "Normalize a phone number to E.164 (+14155550123), in the business's country when it has no prefix.",
        output: ParamType::String,
        output_format: Some("e164"),
    },
    Transform {
        name: "spoken_date",
        description: "Read a spoken date and time (\"next Tuesday at 3\") in the business time zone as ISO 8601.",
        output: ParamType::String,
        output_format: Some("date-time"),
    },
    Transform {
        name: "date_only",
        description: "Keep the calendar date (YYYY-MM-DD) of a date or date-time.",
        output: ParamType::String,
        output_format: Some("date"),
    },
    Transform {
        name: "lowercase",
        description: "Lower-case the text (e-mail addresses, codes).",
        output: ParamType::String,
        output_format: None,
    },
    Transform {
        name: "trim",
        description: "Remove spaces around the text.",
        output: ParamType::String,
        output_format: None,
    },
    Transform {
        name: "digits_only",
        description: "Keep only the digits (order numbers read out with words or dashes).",
        output: ParamType::String,
        output_format: None,
    },
    Transform {
        name: "to_integer",
        description: "Read a whole number from text (\"four\" or \"4\").",
        output: ParamType::Integer,
        output_format: None,
    },
];

/// A transform by name.
pub fn transform(name: &str) -> Option<&'static Transform> {
    TRANSFORMS.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_registry_reads_and_names_the_issue_parameters() {
        let file: RegistryFile = serde_json::from_str(CANONICAL).expect("canonical.json reads");
        let registry = ParamRegistry::canonical();
        assert_eq!(
            registry.iter().count(),
            file.parameters.len(),
            "no duplicate names"
        );
        for name in [
            "caller_phone",
            "caller_name",
            "caller_email",
            "service_address",
            "called_number",
            "call_id",
            "business_timezone",
            "appointment_start",
            "appointment_end",
            "service_type",
            "notes",
            "order_number",
            "customer_id",
        ] {
            assert!(registry.get(name).is_some(), "{name} is canonical");
        }
        for param in registry.iter() {
            assert!(
                check_name(&param.name).is_ok(),
                "{} is snake case",
                param.name
            );
            assert!(
                !param.description.is_empty(),
                "{} has a description",
                param.name
            );
        }
    }

    #[test]
    fn an_agent_adds_its_own_but_cannot_shadow_or_misname() {
        let own = |name: &str| CanonicalParam {
            name: name.to_owned(),
            ty: ParamType::String,
            format: None,
            provenance: Provenance::Caller,
            description: "own".to_owned(),
            example: None,
        };
        let registry = ParamRegistry::with_custom(&[own("pet_name")]).expect("adds");
        assert!(registry.get("pet_name").is_some(), "added");
        let shadow = ParamRegistry::with_custom(&[own("caller_phone")]).expect_err("shadow");
        assert_eq!(shadow.code, "binding/param-exists", "{}", shadow.message);
        let bad = ParamRegistry::with_custom(&[own("Pet Name")]).expect_err("misnamed");
        assert_eq!(bad.code, "binding/param-invalid", "{}", bad.message);
    }
}
