//! The text and JSON forms values take on their way in and out: exact decimals (a JSON number
//! only when it is one exactly), floats (NaN and the infinities as text), bytes as base64, UUIDs
//! hyphenated.

use serde_json::{Number, Value};

/// A decimal number read from text: sign, digits before and after the point (no leading
/// zeros before, trailing zeros after kept for the scale).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    pub(crate) negative: bool,
    /// Digits before the point, without leading zeros (empty for zero).
    pub(crate) whole: String,
    /// Digits after the point, as written (the scale is their count).
    pub(crate) fraction: String,
}

impl Decimal {
    /// Reads `[+-]digits[.digits][e[+-]digits]`; `None` for anything else.
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i32>().ok()?),
            None => (rest, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if (whole.is_empty() && fraction.is_empty())
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || exponent.unsigned_abs() > 400
        {
            return None;
        }
        let mut digits = format!("{whole}{fraction}");
        let mut point = whole.len() as i64 + i64::from(exponent);
        if point < 0 {
            digits.insert_str(0, &"0".repeat(point.unsigned_abs() as usize));
            point = 0;
        }
        let point = point as usize;
        if point > digits.len() {
            digits.push_str(&"0".repeat(point - digits.len()));
        }
        let (whole, fraction) = digits.split_at(point);
        Some(Decimal {
            negative,
            whole: whole.trim_start_matches('0').to_owned(),
            fraction: fraction.to_owned(),
        })
    }

    /// Plain notation: `-12.50`, `0.001`, `0`.
    pub(crate) fn plain(&self) -> String {
        let is_zero = self.whole.is_empty() && self.fraction.bytes().all(|b| b == b'0');
        let sign = if self.negative && !is_zero { "-" } else { "" };
        let whole = if self.whole.is_empty() {
            "0"
        } else {
            &self.whole
        };
        if self.fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{}", self.fraction)
        }
    }
}

/// A decimal read back: a JSON number when it is one exactly (`4.99`, `12`), otherwise its text,
/// so no digit is lost (`12345678901234567890.12`).
pub(crate) fn decimal_json(text: &str) -> Value {
    let Some(decimal) = Decimal::parse(text.trim()) else {
        return Value::String(text.to_owned());
    };
    let fraction = decimal.fraction.trim_end_matches('0');
    let sign = if decimal.negative { "-" } else { "" };
    let whole = if decimal.whole.is_empty() {
        "0"
    } else {
        &decimal.whole
    };
    if fraction.is_empty() {
        if let Ok(i) = format!("{sign}{whole}").parse::<i64>() {
            return Value::from(i);
        }
    }
    let canonical = if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    };
    match canonical.parse::<f64>() {
        Ok(f) if f.is_finite() && f.to_string() == canonical => float_json(f),
        _ => Value::String(decimal.plain()),
    }
}

/// A float as JSON; NaN and the infinities (which JSON lacks) as text.
pub(crate) fn float_json(f: f64) -> Value {
    Number::from_f64(f)
        .map(Value::Number)
        .unwrap_or_else(|| Value::String(f.to_string()))
}

/// Standard base64 with padding (bytes are shown this way).
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// 16 bytes as a hyphenated UUID.
pub(crate) fn uuid_text(bytes: &[u8]) -> Option<String> {
    if bytes.len() != 16 {
        return None;
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// A UUID's 16 bytes from its text (with or without hyphens or braces).
pub(crate) fn uuid_bytes(text: &str) -> Option<[u8; 16]> {
    let hex: Vec<u8> = text
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .bytes()
        .filter(|b| *b != b'-')
        .collect();
    if hex.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (slot, pair) in out.iter_mut().zip(hex.chunks(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *slot = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimals_parse_and_print_plainly() {
        let plain = |t: &str| Decimal::parse(t).map(|d| d.plain());
        assert_eq!(plain("-12.50").as_deref(), Some("-12.50"));
        assert_eq!(plain("007").as_deref(), Some("7"));
        assert_eq!(plain(".5").as_deref(), Some("0.5"));
        assert_eq!(plain("1.5e3").as_deref(), Some("1500"));
        assert_eq!(plain("1.5e-3").as_deref(), Some("0.0015"));
        assert_eq!(plain("-0.0").as_deref(), Some("0.0"));
        assert_eq!(plain("1.2.3"), None);
        assert_eq!(plain("12a"), None);
        assert_eq!(plain(""), None);
        assert_eq!(plain("-"), None);
    }

    #[test]
    fn decimals_come_back_as_numbers_only_when_exact() {
        assert_eq!(decimal_json("4.99"), json!(4.99));
        assert_eq!(decimal_json("12.00"), json!(12));
        assert_eq!(decimal_json("-0.10"), json!(-0.1));
        assert_eq!(
            decimal_json("12345678901234567890.12"),
            json!("12345678901234567890.12")
        );
        assert_eq!(decimal_json("NaN"), json!("NaN"));
    }

    #[test]
    fn bytes_and_uuids_have_their_text_forms() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        let id = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        let bytes = uuid_bytes(id).expect("a UUID");
        assert_eq!(uuid_text(&bytes).as_deref(), Some(id), "round trip");
        assert_eq!(uuid_bytes("a0eebc99"), None, "too short");
        assert_eq!(
            uuid_bytes("g0eebc999c0b4ef8bb6d6bb9bd380a11"),
            None,
            "not hex"
        );
    }
}
