//! Declared SQL types to normalized field types.

use bindery_schema::{FieldType, Scalar};

/// Maps a declared type to a field type. Follows SQLite's affinity rules (a type containing
/// `INT` is an integer, `CHAR`/`CLOB`/`TEXT` text, ...) after recognising the date, time,
/// boolean, JSON and UUID names people declare. `None` when the name says nothing Bindery knows.
pub fn field_type(native: &str) -> Option<FieldType> {
    let upper = native.to_ascii_uppercase();
    let has = |needle: &str| upper.contains(needle);
    if let Some(decided) = mysql_type(&upper) {
        return decided.map(FieldType::scalar);
    }
    if let Some(decided) = postgres_type(native) {
        return decided;
    }
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

/// MySQL/MariaDB names the affinity rules would get wrong: `tinyint(1)` and `bit(1)` are
/// booleans, `year` a number, `enum(...)`/`set(...)` text whatever their values spell, and the
/// spatial types (`point` holds "INT") nothing Bindery maps. `None` when not one of these.
fn mysql_type(upper: &str) -> Option<Option<Scalar>> {
    if upper.contains('[') {
        return None; // a PostgreSQL array (`bit(1)[]`)
    }
    let first = upper.split_whitespace().next().unwrap_or_default();
    let name = first.split('(').next().unwrap_or_default();
    Some(match name {
        "TINYINT" if first == "TINYINT(1)" => Some(Scalar::Boolean),
        "BIT" if first == "BIT(1)" => Some(Scalar::Boolean),
        "BIT" => Some(Scalar::Binary),
        "YEAR" => Some(Scalar::Integer),
        "ENUM" | "SET" | "INET4" | "INET6" => Some(Scalar::String),
        "POINT" | "MULTIPOINT" | "LINESTRING" | "MULTILINESTRING" | "POLYGON" | "MULTIPOLYGON"
        | "GEOMETRY" | "GEOMETRYCOLLECTION" | "GEOMCOLLECTION" => None,
        _ => return None,
    })
}

/// PostgreSQL `format_type` spellings (`character varying(40)`, `timestamp(3) with time zone`,
/// `integer[]`) and `udt_name`s (`int4`, `_int4` for an array): arrays become lists of their
/// element, `interval`, `inet` and text-search types text with a format, geometric and range
/// types nothing Bindery maps (the affinity rules would read `interval` and `point` as
/// integers). `None` when not one of these.
fn postgres_type(native: &str) -> Option<Option<FieldType>> {
    let lower = native.trim().to_ascii_lowercase();
    let list = |of: FieldType| FieldType::List { of: Box::new(of) };
    if let Some(element) = lower.strip_suffix("[]") {
        return Some(field_type(element).map(list));
    }
    if let Some(element) = lower.strip_prefix('_') {
        // udt_name of an array; only when the element is a PostgreSQL name.
        if let Some(decided) = postgres_type(element) {
            return Some(decided.map(list));
        }
    }
    // Drop type modifiers: `numeric(10,2)` -> `numeric`, `time(3) with time zone` -> `time with
    // time zone`.
    let mut name = String::with_capacity(lower.len());
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => name.push(c),
            _ => {}
        }
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let with_format = |scalar: Scalar, format: &str| FieldType::Scalar {
        scalar,
        format: Some(format.to_owned()),
    };
    Some(Some(match name.as_str() {
        "smallint" | "integer" | "bigint" | "int2" | "int4" | "int8" | "smallserial" | "serial"
        | "bigserial" | "serial2" | "serial4" | "serial8" | "oid" | "xid" => {
            FieldType::scalar(Scalar::Integer)
        }
        "real" | "double precision" | "float4" | "float8" | "numeric" | "decimal" | "money" => {
            FieldType::scalar(Scalar::Number)
        }
        "boolean" | "bool" => FieldType::scalar(Scalar::Boolean),
        "text" | "character varying" | "varchar" | "character" | "char" | "bpchar" | "name"
        | "citext" | "\"char\"" | "xml" => FieldType::scalar(Scalar::String),
        "bytea" => FieldType::scalar(Scalar::Binary),
        "json" | "jsonb" => FieldType::scalar(Scalar::Json),
        "uuid" => FieldType::scalar(Scalar::Uuid),
        "date" => FieldType::scalar(Scalar::Date),
        "time" | "time without time zone" | "time with time zone" | "timetz" => {
            FieldType::scalar(Scalar::Time)
        }
        "timestamp"
        | "timestamp without time zone"
        | "timestamp with time zone"
        | "timestamptz" => FieldType::scalar(Scalar::DateTime),
        "interval" => with_format(Scalar::String, "interval"),
        "inet" => with_format(Scalar::String, "inet"),
        "cidr" => with_format(Scalar::String, "cidr"),
        "macaddr" | "macaddr8" => with_format(Scalar::String, "macaddr"),
        "tsvector" => with_format(Scalar::String, "tsvector"),
        "tsquery" => with_format(Scalar::String, "tsquery"),
        "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "int4range"
        | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" | "int4multirange"
        | "int8multirange" | "nummultirange" | "tsmultirange" | "tstzmultirange"
        | "datemultirange" | "pg_lsn" | "txid_snapshot" | "pg_snapshot" => return Some(None),
        _ => return None,
    }))
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
            // MySQL / MariaDB COLUMN_TYPE spellings.
            ("tinyint(1)", Some("boolean")),
            ("tinyint(3) unsigned", Some("integer")),
            ("int(11) unsigned", Some("integer")),
            ("bigint(20) unsigned zerofill", Some("integer")),
            ("varchar(255)", Some("string")),
            ("datetime", Some("dateTime")),
            ("datetime(6)", Some("dateTime")),
            ("timestamp", Some("dateTime")),
            ("decimal(10,2)", Some("number")),
            ("double unsigned", Some("number")),
            ("json", Some("json")),
            ("blob", Some("binary")),
            ("varbinary(16)", Some("binary")),
            ("longtext", Some("string")),
            ("year", Some("integer")),
            ("year(4)", Some("integer")),
            ("bit(1)", Some("boolean")),
            ("bit(8)", Some("binary")),
            ("set('Trailers','Deleted Scenes')", Some("string")),
            ("set('POINTS','DATE')", Some("string")),
            ("enum('MINT','DATE')", Some("string")),
            ("point", None),
            ("multipolygon", None),
        ];
        for (native, expected) in cases {
            let got = field_type(native).map(|t| t.label());
            assert_eq!(got.as_deref(), expected, "declared type {native:?}");
        }
    }

    #[test]
    fn maps_postgres_type_names() {
        let cases = [
            ("integer[]", Some("list<integer>")),
            ("_int4", Some("list<integer>")),
            ("character varying(40)[]", Some("list<string>")),
            ("text[][]", Some("list<list<string>>")),
            ("character varying(40)", Some("string")),
            ("character(20)", Some("string")),
            ("\"char\"", Some("string")),
            ("timestamp with time zone", Some("dateTime")),
            ("timestamp(3) without time zone", Some("dateTime")),
            ("time(6) with time zone", Some("time")),
            ("numeric(10,2)", Some("number")),
            ("double precision", Some("number")),
            ("money", Some("number")),
            ("bytea", Some("binary")),
            ("jsonb", Some("json")),
            ("uuid", Some("uuid")),
            ("inet", Some("string(inet)")),
            ("interval", Some("string(interval)")),
            ("interval(3)", Some("string(interval)")),
            ("tsvector", Some("string(tsvector)")),
            ("boolean", Some("boolean")),
            ("oid", Some("integer")),
            ("point", None),
            ("int4range", None),
            ("cube", None),
            ("public.cube", None),
            ("_cube", None),
            ("point[]", None),
            ("_point", None),
        ];
        for (native, expected) in cases {
            let got = field_type(native).map(|t| t.label());
            assert_eq!(got.as_deref(), expected, "PostgreSQL type {native:?}");
        }
    }
}
