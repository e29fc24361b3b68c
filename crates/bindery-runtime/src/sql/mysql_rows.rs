//! MySQL/MariaDB rows as JSON objects, each value read by its column's type (binary protocol):
//! integers, floats, exact decimals, text, dates and times as ISO text, JSON parsed, bytes as
//! base64. Anything else is `null` with a warning.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};
use sqlx::mysql::MySqlRow;
use sqlx::{Column, Row, TypeInfo, ValueRef};

use super::forms::{base64, decimal_json, float_json};
use super::{as_declared, Unread};

/// A row as a JSON object keyed by column name.
pub(super) fn row_object(
    row: &MySqlRow,
    declared: &BTreeMap<&str, &str>,
    unread: &mut Unread,
) -> Map<String, Value> {
    let mut object = Map::with_capacity(row.columns().len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = read(row, i, column.type_info().name()).unwrap_or_else(|why| {
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

/// Reads one value by its column's type name (as sqlx spells it: `INT UNSIGNED`, `VARCHAR`).
fn read(row: &MySqlRow, i: usize, type_name: &str) -> Result<Value, String> {
    let is_null = row.try_get_raw(i).map_err(|e| e.to_string())?.is_null();
    if is_null {
        return Ok(Value::Null);
    }
    let fail = |e: sqlx::Error| e.to_string();
    Ok(match type_name {
        "NULL" => Value::Null,
        "BOOLEAN" => Value::Bool(row.try_get_unchecked::<i64, _>(i).map_err(fail)? != 0),
        "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INT" | "BIGINT" | "YEAR" => {
            Value::from(row.try_get_unchecked::<i64, _>(i).map_err(fail)?)
        }
        "TINYINT UNSIGNED" | "SMALLINT UNSIGNED" | "MEDIUMINT UNSIGNED" | "INT UNSIGNED"
        | "BIGINT UNSIGNED" | "BIT" => {
            Value::from(row.try_get_unchecked::<u64, _>(i).map_err(fail)?)
        }
        "FLOAT" => float_json(f64::from(row.try_get_unchecked::<f32, _>(i).map_err(fail)?)),
        "DOUBLE" => float_json(row.try_get_unchecked::<f64, _>(i).map_err(fail)?),
        "DECIMAL" => decimal_json(&row.try_get_unchecked::<String, _>(i).map_err(fail)?),
        "DATE" => Value::String(
            row.try_get_unchecked::<NaiveDate, _>(i)
                .map_err(fail)?
                .format("%Y-%m-%d")
                .to_string(),
        ),
        "DATETIME" | "TIMESTAMP" => Value::String(
            row.try_get_unchecked::<NaiveDateTime, _>(i)
                .map_err(fail)?
                .format("%Y-%m-%dT%H:%M:%S%.f")
                .to_string(),
        ),
        "TIME" => Value::String(
            row.try_get_unchecked::<NaiveTime, _>(i)
                .map_err(fail)?
                .format("%H:%M:%S%.f")
                .to_string(),
        ),
        "JSON" => {
            let bytes = row.try_get_unchecked::<Vec<u8>, _>(i).map_err(fail)?;
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())?
        }
        "CHAR" | "VARCHAR" | "TINYTEXT" | "TEXT" | "MEDIUMTEXT" | "LONGTEXT" | "ENUM" | "SET" => {
            let bytes = row.try_get_unchecked::<Vec<u8>, _>(i).map_err(fail)?;
            match String::from_utf8(bytes) {
                Ok(text) => Value::String(text),
                Err(not_utf8) => Value::String(base64(not_utf8.as_bytes())),
            }
        }
        "BINARY" | "VARBINARY" | "TINYBLOB" | "BLOB" | "MEDIUMBLOB" | "LONGBLOB" => Value::String(
            base64(&row.try_get_unchecked::<Vec<u8>, _>(i).map_err(fail)?),
        ),
        other => return Err(format!("the type `{}` is not read", other.to_lowercase())),
    })
}
