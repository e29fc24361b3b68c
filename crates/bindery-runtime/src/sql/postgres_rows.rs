//! PostgreSQL rows as JSON objects, each value read by its column's type in the binary format:
//! integers, floats, exact numerics, text and enums, JSON, bytes as base64, UUIDs, dates and
//! times as ISO text, one-dimensional arrays. Anything else is `null` with a warning.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgRow, PgTypeInfo, PgValueFormat, PgValueRef, Postgres};
use sqlx::{Column, Decode, Row, ValueRef};

use super::forms::{base64, decimal_json, float_json, uuid_text};
use super::postgres_types::*;
use super::{as_declared, Unread};

/// A binary `numeric` as plain decimal text (`NaN`, `Infinity` as words).
fn numeric_text(bytes: &[u8]) -> Option<String> {
    let word = |at: usize| -> Option<u16> {
        Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
    };
    let count = usize::from(word(0)?);
    let weight = i64::from(word(2)? as i16);
    let sign = word(4)?;
    let scale = usize::from(word(6)?);
    match sign {
        0xC000 => return Some("NaN".to_owned()),
        0xD000 => return Some("Infinity".to_owned()),
        0xF000 => return Some("-Infinity".to_owned()),
        _ => {}
    }
    let digits: Vec<i64> = (0..count)
        .map(|i| word(8 + 2 * i).map(|d| i64::from(d as i16)))
        .collect::<Option<_>>()?;
    let digit = |index: i64| -> i64 {
        usize::try_from(index)
            .ok()
            .and_then(|i| digits.get(i).copied())
            .unwrap_or(0)
    };
    let mut text = String::new();
    if sign == 0x4000 && count > 0 {
        text.push('-');
    }
    if weight < 0 {
        text.push('0');
    } else {
        for index in 0..=weight {
            if index == 0 {
                text.push_str(&digit(0).to_string());
            } else {
                text.push_str(&format!("{:04}", digit(index)));
            }
        }
    }
    if scale > 0 {
        let mut fraction = String::new();
        let mut index = weight + 1;
        while fraction.len() < scale {
            fraction.push_str(&format!("{:04}", digit(index)));
            index += 1;
        }
        fraction.truncate(scale);
        text.push('.');
        text.push_str(&fraction);
    }
    Some(text)
}

/// A row as a JSON object keyed by column name.
pub(super) fn row_object(
    row: &PgRow,
    declared: &BTreeMap<&str, &str>,
    unread: &mut Unread,
) -> Map<String, Value> {
    let mut object = Map::with_capacity(row.columns().len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = match row.try_get_raw(i) {
            Ok(raw) => read(raw, row, i, column.type_info()),
            Err(e) => Err(e.to_string()),
        };
        let value = value.unwrap_or_else(|why| {
            unread.note(column.name(), why);
            Value::Null
        });
        object.insert(
            column.name().to_owned(),
            as_declared(value, declared.get(column.name()).copied()),
        );
    }
    object
}

/// Reads one value by its column's type.
fn read(raw: PgValueRef<'_>, row: &PgRow, i: usize, ty: &PgTypeInfo) -> Result<Value, String> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    if raw.format() == PgValueFormat::Text {
        return raw
            .as_str()
            .map(|s| Value::String(s.to_owned()))
            .map_err(|e| e.to_string());
    }
    let fail = |e: BoxDynError| e.to_string();
    let bytes = raw.as_bytes().map_err(fail)?;
    let text = || String::from_utf8_lossy(bytes).into_owned();
    Ok(match shape(ty) {
        Shape::Textual => Value::String(text()),
        Shape::Builtin(oid) => match oid {
            BOOL => Value::Bool(bytes.first().is_some_and(|b| *b != 0)),
            INT2 => Value::from(<i16 as Decode<Postgres>>::decode(raw).map_err(fail)?),
            INT4 => Value::from(<i32 as Decode<Postgres>>::decode(raw).map_err(fail)?),
            INT8 => Value::from(<i64 as Decode<Postgres>>::decode(raw).map_err(fail)?),
            OID => match <[u8; 4]>::try_from(bytes) {
                Ok(be) => Value::from(u32::from_be_bytes(be)),
                Err(_) => return Err("a malformed oid".to_owned()),
            },
            FLOAT4 => float_json(f64::from(
                <f32 as Decode<Postgres>>::decode(raw).map_err(fail)?,
            )),
            FLOAT8 => float_json(<f64 as Decode<Postgres>>::decode(raw).map_err(fail)?),
            NUMERIC => decimal_json(&numeric_text(bytes).ok_or("a malformed numeric")?),
            TEXT | VARCHAR | BPCHAR | NAME | CHAR | UNKNOWN | XML => Value::String(text()),
            JSON => serde_json::from_slice(bytes).map_err(|e| e.to_string())?,
            JSONB => serde_json::from_slice(bytes.get(1..).unwrap_or_default())
                .map_err(|e| e.to_string())?,
            BYTEA => Value::String(base64(bytes)),
            UUID => Value::String(uuid_text(bytes).ok_or("a malformed uuid")?),
            DATE => Value::String(
                <NaiveDate as Decode<Postgres>>::decode(raw)
                    .map_err(fail)?
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            TIME => Value::String(
                <NaiveTime as Decode<Postgres>>::decode(raw)
                    .map_err(fail)?
                    .format("%H:%M:%S%.f")
                    .to_string(),
            ),
            TIMESTAMP => Value::String(
                <NaiveDateTime as Decode<Postgres>>::decode(raw)
                    .map_err(fail)?
                    .format("%Y-%m-%dT%H:%M:%S%.f")
                    .to_string(),
            ),
            TIMESTAMPTZ => Value::String(
                <DateTime<Utc> as Decode<Postgres>>::decode(raw)
                    .map_err(fail)?
                    .to_rfc3339_opts(SecondsFormat::AutoSi, true),
            ),
            _ => return Err(format!("the type `{}` is not read", type_name(ty))),
        },
        Shape::ArrayOf(element) => read_array(row, i, element)
            .ok_or_else(|| format!("the array type `{}` is not read", type_name(ty)))?,
        Shape::Other => return Err(format!("the type `{}` is not read", type_name(ty))),
    })
}

/// A one-dimensional array of numbers, booleans or text (checked decoding: a type mismatch is
/// an error, never a misread).
fn read_array(row: &PgRow, i: usize, element: u32) -> Option<Value> {
    fn list<T: Into<Value>>(items: Vec<Option<T>>) -> Value {
        Value::Array(
            items
                .into_iter()
                .map(|v| v.map_or(Value::Null, Into::into))
                .collect(),
        )
    }
    match element {
        BOOL => row.try_get::<Vec<Option<bool>>, _>(i).ok().map(list),
        INT2 => row.try_get::<Vec<Option<i16>>, _>(i).ok().map(list),
        INT4 => row.try_get::<Vec<Option<i32>>, _>(i).ok().map(list),
        INT8 => row.try_get::<Vec<Option<i64>>, _>(i).ok().map(list),
        FLOAT8 => row.try_get::<Vec<Option<f64>>, _>(i).ok().map(list),
        TEXT | VARCHAR | BPCHAR | NAME => row.try_get::<Vec<Option<String>>, _>(i).ok().map(list),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Option<String> {
        numeric_bytes(text).ok().and_then(|b| numeric_text(&b))
    }

    #[test]
    fn numerics_round_trip_through_the_binary_form() {
        for text in [
            "0",
            "4.99",
            "-4.99",
            "10000",
            "123456789.000123",
            "0.0001",
            "0.00001",
            "-0.5",
            "99999999999999999999.99",
        ] {
            assert_eq!(round_trip(text).as_deref(), Some(text), "{text}");
        }
        assert_eq!(
            round_trip("007.50").as_deref(),
            Some("7.50"),
            "leading zeros"
        );
        assert_eq!(
            round_trip("0.000").as_deref(),
            Some("0.000"),
            "zero keeps its scale"
        );
    }

    #[test]
    fn numeric_bytes_follow_the_wire_layout() {
        let bytes = numeric_bytes("123.45").expect("a number");
        let words: Vec<i16> = bytes
            .chunks(2)
            .map(|c| i16::from_be_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(
            words,
            vec![2, 0, 0, 2, 123, 4500],
            "count, weight, sign, scale, digits"
        );
        assert!(numeric_bytes("12a").is_err(), "not a number");
    }
}
