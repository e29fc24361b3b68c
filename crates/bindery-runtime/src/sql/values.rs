//! Values on their way in and out of a database, engine-neutral: a resolved JSON value read by
//! its column's type label into a [`SqlValue`] (the engine modules then bind it with the exact
//! type their driver needs), and the JSON shapes decoded values take (exact decimals, base64
//! bytes, hyphenated UUIDs, ISO dates).

use serde_json::Value;

use super::forms::{float_json, Decimal};

/// A value ready to bind, typed by its column's label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SqlValue {
    /// Bound as NULL.
    Null,
    /// `boolean`.
    Bool(bool),
    /// `integer` (or a whole `number`).
    Int(i64),
    /// A fractional value of an untyped column.
    Float(f64),
    /// A `number` in decimal notation, kept as text so nothing is lost to a float.
    Decimal(String),
    /// Text (also dates, times, UUIDs, enums: each engine reads them by the column's type).
    Text(String),
    /// `json`.
    Json(Value),
    /// `binary`: the text's UTF-8 bytes.
    Bytes(Vec<u8>),
}

impl SqlValue {
    /// How the bound value is shown in the request.
    pub(crate) fn shown(&self) -> Value {
        match self {
            SqlValue::Null => Value::Null,
            SqlValue::Bool(b) => Value::Bool(*b),
            SqlValue::Int(i) => Value::from(*i),
            SqlValue::Float(f) => float_json(*f),
            SqlValue::Decimal(text) => Value::String(text.clone()),
            SqlValue::Text(text) => Value::String(text.clone()),
            SqlValue::Json(value) => value.clone(),
            SqlValue::Bytes(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The value as text, for a text-like column (`None` for NULL).
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            SqlValue::Null => None,
            SqlValue::Bool(b) => Some(b.to_string()),
            SqlValue::Int(i) => Some(i.to_string()),
            SqlValue::Float(f) => Some(f.to_string()),
            SqlValue::Decimal(text) | SqlValue::Text(text) => Some(text.clone()),
            SqlValue::Json(Value::String(text)) => Some(text.clone()),
            SqlValue::Json(value) => Some(value.to_string()),
            SqlValue::Bytes(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The value as a whole number, when it is one (`5`, `5.0`, `"5"`).
    pub(crate) fn as_i64(&self) -> Result<i64, String> {
        match self {
            SqlValue::Int(i) => Ok(*i),
            SqlValue::Bool(b) => Ok(i64::from(*b)),
            SqlValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(*f as i64),
            SqlValue::Decimal(text) | SqlValue::Text(text) => {
                let trimmed = text.trim();
                trimmed
                    .parse::<i64>()
                    .ok()
                    .or_else(|| {
                        let (whole, fraction) = trimmed.split_once('.')?;
                        fraction
                            .bytes()
                            .all(|b| b == b'0')
                            .then(|| whole.parse::<i64>().ok())?
                    })
                    .ok_or_else(|| format!("{} is not a whole number", describe(text)))
            }
            other => Err(format!("{} is not a whole number", other.kind())),
        }
    }

    /// The value as a float.
    pub(crate) fn as_f64(&self) -> Result<f64, String> {
        match self {
            SqlValue::Int(i) => Ok(*i as f64),
            SqlValue::Float(f) => Ok(*f),
            SqlValue::Decimal(text) | SqlValue::Text(text) => text
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("{} is not a number", describe(text))),
            other => Err(format!("{} is not a number", other.kind())),
        }
    }

    /// The value in plain decimal notation (`-12.50`), checked.
    pub(crate) fn as_decimal(&self) -> Result<String, String> {
        let text = match self {
            SqlValue::Int(i) => return Ok(i.to_string()),
            SqlValue::Float(f) if f.is_finite() => f.to_string(),
            SqlValue::Decimal(text) | SqlValue::Text(text) => text.trim().to_owned(),
            other => return Err(format!("{} is not a number", other.kind())),
        };
        Decimal::parse(&text)
            .map(|d| d.plain())
            .ok_or_else(|| format!("{} is not a decimal number", describe(&text)))
    }

    /// The value as a boolean (`true`, `"t"`, `1`).
    pub(crate) fn as_bool(&self) -> Result<bool, String> {
        match self {
            SqlValue::Bool(b) => Ok(*b),
            SqlValue::Int(0) => Ok(false),
            SqlValue::Int(1) => Ok(true),
            SqlValue::Text(text) | SqlValue::Decimal(text) => {
                match text.trim().to_ascii_lowercase().as_str() {
                    "true" | "t" | "yes" | "y" | "on" | "1" => Ok(true),
                    "false" | "f" | "no" | "n" | "off" | "0" => Ok(false),
                    _ => Err(format!("{} is not true or false", describe(text))),
                }
            }
            other => Err(format!("{} is not true or false", other.kind())),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            SqlValue::Null => "null",
            SqlValue::Bool(_) => "a boolean",
            SqlValue::Int(_) | SqlValue::Float(_) | SqlValue::Decimal(_) => "a number",
            SqlValue::Text(_) => "text",
            SqlValue::Json(_) => "a JSON value",
            SqlValue::Bytes(_) => "bytes",
        }
    }
}

/// A value quoted for a message, shortened when long.
pub(crate) fn describe(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(SHOWN).collect();
        format!("{head:?}… ({} characters)", text.chars().count())
    }
}

/// Reads a resolved value by its column's type label (`string`, `integer`, `number`,
/// `boolean`, `json`, `binary`, `date`, `dateTime`, `uuid`, `enum`, `untyped`, ...).
pub(crate) fn typed(value: Option<Value>, label: &str) -> Result<SqlValue, String> {
    let value = match value {
        None | Some(Value::Null) => return Ok(SqlValue::Null),
        Some(value) => value,
    };
    if label.starts_with("list<") {
        return Err(format!(
            "the column holds a list ({label}); Bindery binds single values only"
        ));
    }
    let base = label.split('(').next().unwrap_or(label);
    match base {
        "integer" => integer(value),
        "number" => number(value),
        "boolean" => boolean(value),
        "json" => Ok(SqlValue::Json(value)),
        "binary" => match value {
            Value::String(text) => Ok(SqlValue::Bytes(text.into_bytes())),
            other => Err(format!(
                "must be text for a binary column, not {}",
                kind(&other)
            )),
        },
        // A column without a declared type keeps what it is given (SQLite compares an
        // untyped column's values by their own type).
        "untyped" | "unknown" => Ok(match value {
            Value::Bool(b) => SqlValue::Bool(b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => SqlValue::Int(i),
                None => SqlValue::Float(n.as_f64().unwrap_or_default()),
            },
            Value::String(text) => SqlValue::Text(text),
            other => SqlValue::Json(other),
        }),
        _ => match value {
            Value::String(text) => Ok(SqlValue::Text(text)),
            Value::Number(n) => Ok(SqlValue::Text(n.to_string())),
            Value::Bool(b) => Ok(SqlValue::Text(b.to_string())),
            other => Err(format!("must be text, not {}", kind(&other))),
        },
    }
}

fn integer(value: Value) -> Result<SqlValue, String> {
    let whole = match &value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(text) => SqlValue::Text(text.clone()).as_i64().ok(),
        _ => None,
    };
    whole.map(SqlValue::Int).ok_or_else(|| match &value {
        Value::Number(n) if n.is_u64() => format!("{n} is too large for a whole number column"),
        Value::String(text) => format!("must be a whole number, not {}", describe(text)),
        other => format!("must be a whole number, not {}", kind(other)),
    })
}

fn number(value: Value) -> Result<SqlValue, String> {
    match &value {
        Value::Number(n) => Ok(match n.as_i64() {
            Some(i) => SqlValue::Int(i),
            None => SqlValue::Decimal(n.to_string()),
        }),
        Value::String(text) => match Decimal::parse(text.trim()) {
            Some(decimal) => Ok(SqlValue::Decimal(decimal.plain())),
            None => Err(format!("must be a number, not {}", describe(text))),
        },
        other => Err(format!("must be a number, not {}", kind(other))),
    }
}

fn boolean(value: Value) -> Result<SqlValue, String> {
    let read = match &value {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Ok(false),
            Some(1) => Ok(true),
            _ => Err(format!("must be true or false, not {n}")),
        },
        Value::String(text) => SqlValue::Text(text.clone()).as_bool(),
        other => Err(format!("must be true or false, not {}", kind(other))),
    };
    read.map(SqlValue::Bool)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_read_values_into_their_column_type() {
        assert_eq!(typed(Some(json!(7)), "integer"), Ok(SqlValue::Int(7)));
        assert_eq!(typed(Some(json!("7")), "integer"), Ok(SqlValue::Int(7)));
        assert_eq!(typed(Some(json!(7.0)), "integer"), Ok(SqlValue::Int(7)));
        assert!(typed(Some(json!("seven")), "integer").is_err(), "text");
        assert!(typed(Some(json!(u64::MAX)), "integer").is_err(), "too big");
        assert_eq!(
            typed(Some(json!(4.99)), "number"),
            Ok(SqlValue::Decimal("4.99".into()))
        );
        assert_eq!(
            typed(Some(json!("1e2")), "number"),
            Ok(SqlValue::Decimal("100".into()))
        );
        assert_eq!(typed(Some(json!("t")), "boolean"), Ok(SqlValue::Bool(true)));
        assert_eq!(
            typed(Some(json!(5035550123u64)), "string"),
            Ok(SqlValue::Text("5035550123".into()))
        );
        assert_eq!(typed(None, "integer"), Ok(SqlValue::Null), "absent is NULL");
        assert!(typed(Some(json!({"a": 1})), "string").is_err(), "object");
        assert!(typed(Some(json!(["a"])), "list<string>").is_err(), "list");
        assert_eq!(
            typed(Some(json!(3)), "untyped"),
            Ok(SqlValue::Int(3)),
            "an untyped column keeps the number"
        );
    }
}
