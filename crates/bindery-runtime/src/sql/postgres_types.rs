//! PostgreSQL types: a value bound with exactly the parameter type the server gave for the
//! prepared statement (PostgreSQL does not turn an `int8` into an `int4` or text into an enum
//! for a parameter), in the binary format sqlx sends.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sqlx::encode::{Encode, IsNull};
use sqlx::error::BoxDynError;
use sqlx::postgres::types::Oid;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgTypeKind, Postgres};
use sqlx::{Type, TypeInfo};

use super::forms::{uuid_bytes, Decimal};
use super::values::describe;
use super::SqlValue;

pub(super) const BOOL: u32 = 16;
pub(super) const BYTEA: u32 = 17;
pub(super) const CHAR: u32 = 18;
pub(super) const NAME: u32 = 19;
pub(super) const INT8: u32 = 20;
pub(super) const INT2: u32 = 21;
pub(super) const INT4: u32 = 23;
pub(super) const TEXT: u32 = 25;
pub(super) const OID: u32 = 26;
pub(super) const JSON: u32 = 114;
pub(super) const XML: u32 = 142;
pub(super) const FLOAT4: u32 = 700;
pub(super) const FLOAT8: u32 = 701;
pub(super) const UNKNOWN: u32 = 705;
pub(super) const BPCHAR: u32 = 1042;
pub(super) const VARCHAR: u32 = 1043;
pub(super) const DATE: u32 = 1082;
pub(super) const TIME: u32 = 1083;
pub(super) const TIMESTAMP: u32 = 1114;
pub(super) const TIMESTAMPTZ: u32 = 1184;
pub(super) const NUMERIC: u32 = 1700;
pub(super) const UUID: u32 = 2950;
pub(super) const JSONB: u32 = 3802;

/// How a type is read and written, after domains are followed to their base type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A builtin type, by OID.
    Builtin(u32),
    /// Its binary form is its text (enums, `citext`).
    Textual,
    /// An array of a builtin type.
    ArrayOf(u32),
    /// Something else.
    Other,
}

pub(super) fn shape(ty: &PgTypeInfo) -> Shape {
    match ty.kind() {
        PgTypeKind::Domain(base) => shape(base),
        PgTypeKind::Enum(_) => Shape::Textual,
        PgTypeKind::Array(element) => match shape(element) {
            Shape::Builtin(oid) => Shape::ArrayOf(oid),
            _ => Shape::Other,
        },
        PgTypeKind::Simple if ty.name().eq_ignore_ascii_case("citext") => Shape::Textual,
        _ => match ty.oid() {
            // Built-in types have OIDs below FirstNormalObjectId.
            Some(Oid(oid)) if oid < 16_384 => Shape::Builtin(oid),
            _ => Shape::Other,
        },
    }
}

/// A type's name for messages.
pub(super) fn type_name(ty: &PgTypeInfo) -> String {
    match (ty.name(), ty.oid()) {
        ("", Some(Oid(oid))) => format!("OID {oid}"),
        (name, _) => name.to_ascii_lowercase(),
    }
}

/// A value bound as a given PostgreSQL type.
#[derive(Debug, Clone)]
pub(super) struct PgBind {
    ty: PgTypeInfo,
    value: PgValue,
}

#[derive(Debug, Clone)]
enum PgValue {
    Null,
    Bool(bool),
    I16(i16),
    I32(i32),
    I64(i64),
    U32(u32),
    F32(f32),
    F64(f64),
    /// The binary form as is (text, enums, JSON, bytea, UUID, numeric).
    Raw(Vec<u8>),
    Date(NaiveDate),
    Time(NaiveTime),
    Timestamp(NaiveDateTime),
    Timestamptz(DateTime<Utc>),
}

impl Type<Postgres> for PgBind {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(Oid(UNKNOWN))
    }

    fn compatible(_: &PgTypeInfo) -> bool {
        true
    }
}

impl Encode<'_, Postgres> for PgBind {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        match &self.value {
            PgValue::Null => Ok(IsNull::Yes),
            PgValue::Bool(v) => <bool as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::I16(v) => <i16 as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::I32(v) => <i32 as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::I64(v) => <i64 as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::U32(v) => {
                buf.extend_from_slice(&v.to_be_bytes());
                Ok(IsNull::No)
            }
            PgValue::F32(v) => <f32 as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::F64(v) => <f64 as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::Raw(bytes) => {
                buf.extend_from_slice(bytes);
                Ok(IsNull::No)
            }
            PgValue::Date(v) => <NaiveDate as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::Time(v) => <NaiveTime as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::Timestamp(v) => <NaiveDateTime as Encode<Postgres>>::encode_by_ref(v, buf),
            PgValue::Timestamptz(v) => <DateTime<Utc> as Encode<Postgres>>::encode_by_ref(v, buf),
        }
    }

    fn produces(&self) -> Option<PgTypeInfo> {
        Some(self.ty.clone())
    }
}

/// Binds `value` as the parameter type `ty` the server gave; `Err` says why it cannot be.
pub(super) fn bind(ty: &PgTypeInfo, value: &SqlValue) -> Result<PgBind, String> {
    let bound = |value| {
        Ok(PgBind {
            ty: ty.clone(),
            value,
        })
    };
    if *value == SqlValue::Null {
        return bound(PgValue::Null);
    }
    let out_of_range = |what: &str| format!("{} is out of range for {what}", value.shown());
    let text = || value.as_text().unwrap_or_default();
    let converted = match shape(ty) {
        Shape::Textual => PgValue::Raw(text().into_bytes()),
        Shape::Builtin(oid) => match oid {
            BOOL => PgValue::Bool(value.as_bool()?),
            INT2 => {
                PgValue::I16(i16::try_from(value.as_i64()?).map_err(|_| out_of_range("smallint"))?)
            }
            INT4 => {
                PgValue::I32(i32::try_from(value.as_i64()?).map_err(|_| out_of_range("integer"))?)
            }
            INT8 => PgValue::I64(value.as_i64()?),
            OID => PgValue::U32(u32::try_from(value.as_i64()?).map_err(|_| out_of_range("oid"))?),
            FLOAT4 => PgValue::F32(value.as_f64()? as f32),
            FLOAT8 => PgValue::F64(value.as_f64()?),
            NUMERIC => PgValue::Raw(numeric_bytes(&value.as_decimal()?)?),
            TEXT | VARCHAR | BPCHAR | NAME | CHAR | UNKNOWN | XML => {
                PgValue::Raw(text().into_bytes())
            }
            JSON | JSONB => {
                let json = match value {
                    SqlValue::Json(json) => json.to_string(),
                    other => other.shown().to_string(),
                };
                let mut bytes = Vec::with_capacity(json.len() + 1);
                if oid == JSONB {
                    bytes.push(1);
                }
                bytes.extend_from_slice(json.as_bytes());
                PgValue::Raw(bytes)
            }
            BYTEA => PgValue::Raw(match value {
                SqlValue::Bytes(bytes) => bytes.clone(),
                other => other.as_text().unwrap_or_default().into_bytes(),
            }),
            UUID => PgValue::Raw(
                uuid_bytes(&text())
                    .ok_or_else(|| format!("{} is not a UUID", describe(&text())))?
                    .to_vec(),
            ),
            DATE => PgValue::Date(
                NaiveDate::parse_from_str(text().trim(), "%Y-%m-%d")
                    .map_err(|_| format!("{} is not a date (YYYY-MM-DD)", describe(&text())))?,
            ),
            TIME => PgValue::Time(parse_time(text().trim()).ok_or_else(|| {
                format!("{} is not a time of day (HH:MM[:SS])", describe(&text()))
            })?),
            TIMESTAMP => PgValue::Timestamp(
                parse_timestamp(text().trim())
                    .ok_or_else(|| format!("{} is not a date and time", describe(&text())))?,
            ),
            TIMESTAMPTZ => PgValue::Timestamptz(
                parse_timestamptz(text().trim())
                    .ok_or_else(|| format!("{} is not a date and time", describe(&text())))?,
            ),
            _ => return Err(cannot_bind(ty)),
        },
        Shape::ArrayOf(_) | Shape::Other => return Err(cannot_bind(ty)),
    };
    bound(converted)
}

fn cannot_bind(ty: &PgTypeInfo) -> String {
    format!(
        "cannot be bound: Bindery does not write values of the type `{}`",
        type_name(ty)
    )
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .ok()
}

/// A timestamp without time zone: an offset, when given, is ignored (as PostgreSQL does).
fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.naive_local());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })
}

/// A timestamp with time zone: without an offset it is read as UTC.
fn parse_timestamptz(text: &str) -> Option<DateTime<Utc>> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(with_offset) => Some(with_offset.with_timezone(&Utc)),
        Err(_) => parse_timestamp(text).map(|naive| naive.and_utc()),
    }
}

/// A decimal in PostgreSQL's binary `numeric` form: digit count, weight, sign, display scale,
/// then base-10000 digits, all big-endian.
pub(super) fn numeric_bytes(plain: &str) -> Result<Vec<u8>, String> {
    let decimal =
        Decimal::parse(plain).ok_or_else(|| format!("{} is not a number", describe(plain)))?;
    let scale = u16::try_from(decimal.fraction.len())
        .map_err(|_| format!("{} has too many decimals", describe(plain)))?;
    let lead = (4 - decimal.whole.len() % 4) % 4;
    let trail = (4 - decimal.fraction.len() % 4) % 4;
    let whole = format!("{}{}", "0".repeat(lead), decimal.whole);
    let fraction = format!("{}{}", decimal.fraction, "0".repeat(trail));
    let group = |text: &str| -> Vec<i16> {
        text.as_bytes()
            .chunks(4)
            .map(|chunk| {
                chunk
                    .iter()
                    .fold(0i16, |n, digit| n * 10 + i16::from(digit - b'0'))
            })
            .collect()
    };
    let mut digits = group(&whole);
    let mut weight = digits.len() as i64 - 1;
    digits.extend(group(&fraction));
    let leading_zeros = digits.iter().take_while(|d| **d == 0).count();
    digits.drain(..leading_zeros);
    weight -= leading_zeros as i64;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    let (weight, sign) = if digits.is_empty() {
        (0, 0x0000u16)
    } else if decimal.negative {
        (weight, 0x4000)
    } else {
        (weight, 0x0000)
    };
    let too_big = || format!("{} is too large for numeric", describe(plain));
    let count = i16::try_from(digits.len()).map_err(|_| too_big())?;
    let weight = i16::try_from(weight).map_err(|_| too_big())?;
    let mut bytes = Vec::with_capacity(8 + digits.len() * 2);
    bytes.extend_from_slice(&count.to_be_bytes());
    bytes.extend_from_slice(&weight.to_be_bytes());
    bytes.extend_from_slice(&sign.to_be_bytes());
    bytes.extend_from_slice(&scale.to_be_bytes());
    for digit in digits {
        bytes.extend_from_slice(&digit.to_be_bytes());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_the_forms_people_write() {
        assert!(
            parse_timestamp("2026-11-26T09:30:00Z").is_some(),
            "RFC 3339"
        );
        assert!(parse_timestamp("2026-11-26 09:30:00").is_some(), "SQL");
        assert!(parse_timestamp("2026-11-26T09:30").is_some(), "minutes");
        assert!(parse_timestamp("2026-11-26").is_some(), "a date");
        assert!(parse_timestamp("tomorrow").is_none(), "words");
        assert_eq!(
            parse_timestamptz("2026-11-26T09:30:00+02:00").map(|t| t.to_rfc3339()),
            Some("2026-11-26T07:30:00+00:00".to_owned()),
            "an offset is converted"
        );
    }
}
