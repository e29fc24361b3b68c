//! Discovery `type`/`format` pairs to normalized scalars.

use bindery_schema::{FieldType, Scalar};
use serde_json::Value;

/// Maps a primitive discovery type (`string`, `integer`, `number`, `boolean`, `any`) with its
/// format. `None` when the type is not a primitive (`object`, `array`, unknown).
///
/// Google encodes 64-bit integers as strings (`type: string, format: int64`): they stay strings,
/// with the format kept so a client knows to parse them.
pub(super) fn scalar(ty: &str, format: Option<&str>) -> Option<FieldType> {
    let with = |scalar: Scalar| FieldType::Scalar {
        scalar,
        format: format.map(str::to_owned),
    };
    let mapped = match ty {
        "string" => match format {
            Some("date-time") | Some("google-datetime") => with(Scalar::DateTime),
            Some("date") => with(Scalar::Date),
            Some("byte") => with(Scalar::Binary),
            _ => with(Scalar::String),
        },
        "integer" => with(Scalar::Integer),
        "number" => with(Scalar::Number),
        "boolean" => with(Scalar::Boolean),
        "any" => with(Scalar::Json),
        _ => return None,
    };
    Some(mapped)
}

/// The `enum` values of a schema, when it has any.
pub(super) fn enum_values(schema: &Value) -> Option<Vec<String>> {
    let values = schema.get("enum")?.as_array()?;
    Some(
        values
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
    )
}

/// The description, trimmed; `None` when empty. Deprecation is a flag of its own
/// (`crate::rest::deprecation`).
pub(super) fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int64_stays_a_string_with_its_format() {
        assert_eq!(
            scalar("string", Some("int64")),
            Some(FieldType::Scalar {
                scalar: Scalar::String,
                format: Some("int64".to_owned())
            }),
            "Google sends int64 as a string"
        );
    }

    #[test]
    fn dates_and_bytes_map_to_their_scalars() {
        let label = |ty, format| scalar(ty, format).map(|t| t.label());
        assert_eq!(
            label("string", Some("date-time")).as_deref(),
            Some("dateTime(date-time)"),
            "date-time"
        );
        assert_eq!(
            label("string", Some("date")).as_deref(),
            Some("date(date)"),
            "date"
        );
        assert_eq!(
            label("string", Some("byte")).as_deref(),
            Some("binary(byte)"),
            "byte"
        );
        assert_eq!(label("any", None).as_deref(), Some("json"), "any");
        assert_eq!(label("object", None), None, "object is not a scalar");
    }

    #[test]
    fn deprecation_is_a_flag_not_a_prefix() {
        let schema = serde_json::json!({"description": "Old.", "deprecated": true});
        assert_eq!(
            description(&schema).as_deref(),
            Some("Old."),
            "description kept"
        );
        assert!(crate::rest::deprecation(&schema).is_some(), "flagged");
        let fresh = serde_json::json!({"description": " "});
        assert_eq!(description(&fresh), None, "blank is none");
        assert!(crate::rest::deprecation(&fresh).is_none(), "not flagged");
    }
}
