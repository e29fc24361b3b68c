//! Declared SQL types to normalized field types.

use bindery_schema::{FieldType, Scalar};

/// Maps a declared type to a field type. Follows SQLite's affinity rules (a type containing
/// `INT` is an integer, `CHAR`/`CLOB`/`TEXT` text, ...) after recognising the date, time,
/// boolean, JSON and UUID names people declare. `None` when the name says nothing Bindery knows.
pub fn field_type(native: &str) -> Option<FieldType> {
    let upper = native.to_ascii_uppercase();
    let has = |needle: &str| upper.contains(needle);
    let scalar = if has("INT") {
        Scalar::Integer
    } else if has("BOOL") {
        Scalar::Boolean
    } else if has("DATETIME") || has("TIMESTAMP") {
        Scalar::DateTime
    } else if has("DATE") {
        Scalar::Date
    } else if has("TIME") {
        Scalar::Time
    } else if has("UUID") || has("UNIQUEIDENTIFIER") {
        Scalar::Uuid
    } else if has("JSON") {
        Scalar::Json
    } else if has("CHAR") || has("CLOB") || has("TEXT") || has("STRING") {
        Scalar::String
    } else if has("BLOB") || has("BINARY") || has("BYTEA") {
        Scalar::Binary
    } else if has("REAL")
        || has("FLOA")
        || has("DOUB")
        || has("NUMERIC")
        || has("DECIMAL")
        || has("MONEY")
    {
        Scalar::Number
    } else {
        return None;
    };
    Some(FieldType::scalar(scalar))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_declared_types() {
        let cases = [
            ("INTEGER", Some("integer")),
            ("bigint unsigned", Some("integer")),
            ("NVARCHAR(40)", Some("string")),
            ("TEXT", Some("string")),
            ("NUMERIC(10,2)", Some("number")),
            ("DATETIME", Some("dateTime")),
            ("timestamp with time zone", Some("dateTime")),
            ("DATE", Some("date")),
            ("BOOLEAN", Some("boolean")),
            ("BLOB", Some("binary")),
            ("", None),
            ("GEOMETRY", None),
        ];
        for (native, expected) in cases {
            let got = field_type(native).map(|t| t.label());
            assert_eq!(got.as_deref(), expected, "declared type {native:?}");
        }
    }
}
