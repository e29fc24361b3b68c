//! GraphQL scalars onto Bindery's scalars. The five built-ins map exactly; custom scalars map by
//! the names providers actually use (`DateTime`, `URL`, `Email`, `Decimal`, …, checked against
//! the GitHub, Shopify and Saleor schemas). Any other custom scalar is text, with its GraphQL name
//! kept as the field's native type.

use bindery_schema::{FieldType, Scalar};

/// The normalized type of a scalar named `name`.
pub(crate) fn scalar_type(name: &str) -> FieldType {
    let with = |scalar: Scalar, format: &str| FieldType::Scalar {
        scalar,
        format: Some(format.to_owned()),
    };
    match name {
        "String" => FieldType::scalar(Scalar::String),
        "Int" => with(Scalar::Integer, "int32"),
        "Float" => FieldType::scalar(Scalar::Number),
        "Boolean" => FieldType::scalar(Scalar::Boolean),
        "ID" => FieldType::scalar(Scalar::Id),
        _ => custom(name),
    }
}

fn custom(name: &str) -> FieldType {
    let with = |scalar: Scalar, format: &str| FieldType::Scalar {
        scalar,
        format: Some(format.to_owned()),
    };
    let lower = name.to_ascii_lowercase();
    let lower = lower.as_str();
    match lower {
        "datetime"
        | "iso8601datetime"
        | "timestamp"
        | "gittimestamp"
        | "precisedatetime"
        | "datetimewithtimezone"
        | "instant" => FieldType::scalar(Scalar::DateTime),
        "date" | "iso8601date" | "localdate" => FieldType::scalar(Scalar::Date),
        "time" | "localtime" | "timewithoutzone" => FieldType::scalar(Scalar::Time),
        "uuid" => FieldType::scalar(Scalar::Uuid),
        "json" | "jsonstring" | "jsonobject" | "jsonvalue" | "genericscalar" | "metadata"
        | "object" | "any" => FieldType::scalar(Scalar::Json),
        "url" | "uri" | "gitsshremote" => with(Scalar::String, "uri"),
        "email" | "emailaddress" => with(Scalar::String, "email"),
        "html" | "formattedstring" => with(Scalar::String, "html"),
        "phone" | "phonenumber" => with(Scalar::String, "phone"),
        "bigint" | "int64" | "long" | "unsignedint64" | "safeint" => with(Scalar::Integer, "int64"),
        "decimal" | "positivedecimal" | "bigdecimal" | "money" | "weightscalar" => {
            with(Scalar::Number, "decimal")
        }
        "base64" | "base64string" | "bytes" => with(Scalar::Binary, "base64"),
        "upload" | "file" => with(Scalar::Binary, "upload"),
        "gitobjectid" => with(Scalar::String, "git-object-id"),
        "color" => with(Scalar::String, "color"),
        "duration" | "iso8601duration" => with(Scalar::String, "duration"),
        _ if lower.ends_with("datetime") => FieldType::scalar(Scalar::DateTime),
        _ => FieldType::scalar(Scalar::String),
    }
}

#[cfg(test)]
mod tests {
    use super::scalar_type;
    use bindery_schema::{FieldType, Scalar};

    #[test]
    fn known_scalars_map_to_their_meaning() {
        assert_eq!(scalar_type("ID"), FieldType::scalar(Scalar::Id), "ID");
        assert_eq!(
            scalar_type("DateTime"),
            FieldType::scalar(Scalar::DateTime),
            "DateTime"
        );
        assert_eq!(scalar_type("URL").label(), "string(uri)", "URL");
        assert_eq!(scalar_type("Decimal").label(), "number(decimal)", "Decimal");
        assert_eq!(
            scalar_type("UnsignedInt64").label(),
            "integer(int64)",
            "Shopify int64"
        );
        assert_eq!(
            scalar_type("X509Certificate").label(),
            "string",
            "unknown is text"
        );
    }
}
