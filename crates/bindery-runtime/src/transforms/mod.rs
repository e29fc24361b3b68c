//! The named transforms of the parameter registry (`bindery_binding::params::TRANSFORMS`),
//! implemented: `e164`, `spoken_date`, `date_only`, `lowercase`, `trim`, `digits_only`,
//! `to_integer`.
//!
//! Each takes the value a caller gave (usually text an agent heard) and gives the value the
//! provider expects, or an error that says, for people, why it could not. The rules of each are
//! in its part: `phone` (`e164`), `spoken` and `date` (`spoken_date`, `date_only`); the
//! text ones are here:
//! - `lowercase`, `trim`: text only (a number or anything else is an error).
//! - `digits_only`: the digits in order, typed or said ("one two three" and "twelve thirty
//!   four" count, as in `e164`); a whole number gives its digits; no digits is an error.
//! - `to_integer`: `42`, `" 42 "`, `"+42"`, `"1,000"`, `42.0`, `"42.0"`, words ("forty two",
//!   "minus three", "a hundred and five"); a fraction (`4.5`), anything else, or a number
//!   outside i64 is an error.

mod date;
mod phone;
mod spoken;
mod words;

use serde_json::Value;

/// What transforms need from the business: its time zone and its country.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformContext {
    /// "Now" in the business time zone (spoken dates are relative to it).
    pub now: chrono::DateTime<chrono::FixedOffset>,
    /// The country calling code of numbers given without one (`1` for the US and Canada).
    pub default_country_code: String,
}

impl Default for TransformContext {
    fn default() -> TransformContext {
        TransformContext {
            now: chrono::Utc::now().fixed_offset(),
            default_country_code: "1".to_owned(),
        }
    }
}

/// Applies the transform `name` to `value`; the error says, for people, why it could not.
pub fn apply(name: &str, value: &Value, cx: &TransformContext) -> Result<Value, String> {
    match name {
        "e164" => {
            let text = match value {
                Value::Number(number) if number.is_u64() => number.to_string(),
                _ => text(value, "a phone number as text")?.to_owned(),
            };
            phone::e164(&text, &cx.default_country_code).map(Value::String)
        }
        "spoken_date" => {
            date::spoken_date(text(value, "a date as text")?, cx.now).map(Value::String)
        }
        "date_only" => date::date_only(text(value, "a date as text")?, cx.now).map(Value::String),
        "lowercase" => Ok(Value::String(text(value, "text")?.to_lowercase())),
        "trim" => Ok(Value::String(text(value, "text")?.trim().to_owned())),
        "digits_only" => digits_only(value).map(Value::String),
        "to_integer" => to_integer(value).map(Value::from),
        _ => {
            let known: Vec<&str> = bindery_binding::params::TRANSFORMS
                .iter()
                .map(|transform| transform.name)
                .collect();
            Err(format!(
                "there is no transform named `{name}` (known: {})",
                known.join(", ")
            ))
        }
    }
}

/// The text of `value`, or an error saying it expected `what`.
fn text<'v>(value: &'v Value, what: &str) -> Result<&'v str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("expects {what}, got {}", kind(value)))
}

/// What a JSON value is, for people.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The digits of text (typed or said) or of a whole number.
fn digits_only(value: &Value) -> Result<String, String> {
    if let Value::Number(_) = value {
        let whole = to_integer(value)?;
        return Ok(whole.unsigned_abs().to_string());
    }
    let text = text(value, "text or a whole number")?;
    let digits = words::read_digits(text, false).digits;
    if digits.is_empty() {
        return Err(format!("\"{text}\" has no digits"));
    }
    Ok(digits)
}

/// A whole number from a number or text.
fn to_integer(value: &Value) -> Result<i64, String> {
    match value {
        Value::Number(number) => {
            if let Some(whole) = number.as_i64() {
                Ok(whole)
            } else if number.is_u64() {
                Err(format!("{number} is too large for a whole number"))
            } else {
                whole_float(number.as_f64().unwrap_or(f64::NAN), &number.to_string())
            }
        }
        Value::String(text) => integer_text(text),
        other => Err(format!("expects a whole number, got {}", kind(other))),
    }
}

/// `number` when it has no fraction and fits i64; `shown` is how it was written.
fn whole_float(number: f64, shown: &str) -> Result<i64, String> {
    // i64::MAX is not exactly representable: 2^63 is the first float out of range.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !number.is_finite() || number.fract().abs() > 0.0 {
        return Err(format!("{shown} is not a whole number"));
    }
    if !(-LIMIT..LIMIT).contains(&number) {
        return Err(format!("{shown} is too large for a whole number"));
    }
    // In range and whole: the cast is exact.
    Ok(number as i64)
}

/// A whole number written in `text`: digits (with a sign, `,` between thousands, or `.0`) or
/// words.
fn integer_text(text: &str) -> Result<i64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty, not a whole number".to_owned());
    }
    let (sign, unsigned) = match trimmed.split_at_checked(1) {
        Some(("-", rest)) => ("-", rest),
        Some(("+", rest)) => ("", rest),
        _ => ("", trimmed),
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mut groups = unsigned.split(',');
    let grouped = groups
        .next()
        .is_some_and(|first| all_digits(first) && first.len() <= 3)
        && groups.all(|group| group.len() == 3 && all_digits(group));
    let plain = if grouped {
        unsigned.replace(',', "")
    } else {
        unsigned.to_owned()
    };
    if let Some((whole, fraction)) = plain.split_once('.') {
        if all_digits(whole) && all_digits(fraction) {
            if fraction.chars().any(|c| c != '0') {
                return Err(format!("\"{trimmed}\" is not a whole number"));
            }
            return digits_integer(sign, whole, trimmed);
        }
    }
    if all_digits(&plain) {
        return digits_integer(sign, &plain, trimmed);
    }
    let lowered = trimmed.to_lowercase();
    let said: Vec<&str> = lowered
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    words::words_to_integer(&said)
        .ok_or_else(|| format!("could not read a whole number in \"{trimmed}\""))
}

/// `sign` and `digits` as i64; `shown` is how it was written.
fn digits_integer(sign: &str, digits: &str, shown: &str) -> Result<i64, String> {
    format!("{sign}{digits}")
        .parse()
        .map_err(|_| format!("\"{shown}\" is too large for a whole number"))
}

#[cfg(test)]
mod tests;
