//! How values are written into a REST request: path segments percent-encoded, query arguments
//! (lists as repeated keys, objects as `deepObject` `a[b]=`), header and cookie text, and the
//! body as JSON, form (the Stripe/Rails bracket convention `address[city]=x`, `items[0]=y`) or
//! multipart text parts. Names of body arguments may be dotted (`address.city`) for nested
//! properties.

use serde_json::{Map, Value};
use url::form_urlencoded::byte_serialize;

/// A value as text: strings as they are, numbers and booleans in their JSON spelling, lists
/// comma-joined (the OpenAPI `simple` style), objects as JSON.
pub(super) fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986), for a path segment or a
/// cookie value.
pub(super) fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Form-encodes one piece of a key or a value (`application/x-www-form-urlencoded`).
fn form_piece(text: &str) -> String {
    byte_serialize(text.as_bytes()).collect()
}

/// Flattens a value under `key` into `key=value` pairs: objects as `key[field]`, lists as
/// `key[0]` (`indexed`) or repeated `key` (not), nulls left out.
pub(super) fn flatten(key: &str, value: &Value, indexed: bool, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(fields) => {
            for (field, inner) in fields {
                flatten(&format!("{key}[{field}]"), inner, indexed, out);
            }
        }
        Value::Array(items) if indexed => {
            for (i, inner) in items.iter().enumerate() {
                flatten(&format!("{key}[{i}]"), inner, indexed, out);
            }
        }
        Value::Array(items) => {
            for inner in items {
                match inner {
                    Value::Object(_) | Value::Array(_) => flatten(key, inner, true, out),
                    scalar => out.push((key.to_owned(), text(scalar))),
                }
            }
        }
        scalar => out.push((key.to_owned(), text(scalar))),
    }
}

/// `key=value&...`, each name part and value form-encoded, the brackets kept as they are (as
/// Stripe's own libraries send them).
pub(super) fn form_string(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| {
            let key = key
                .split_inclusive(['[', ']'])
                .map(|part| {
                    let (name, bracket) = match part.strip_suffix(['[', ']']) {
                        Some(name) => (name, part.get(name.len()..).unwrap_or("")),
                        None => (part, ""),
                    };
                    format!("{}{bracket}", form_piece(name))
                })
                .collect::<String>();
            format!("{key}={}", form_piece(value))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Puts `value` at the dotted `name` of `tree`, making the objects on the way; an object value
/// meeting an object already there is merged into it.
pub(crate) fn insert(tree: &mut Map<String, Value>, name: &str, value: Value) {
    let (head, rest) = match name.split_once('.') {
        Some((head, rest)) if !head.is_empty() && !rest.is_empty() => (head, Some(rest)),
        _ => (name, None),
    };
    match rest {
        Some(rest) => {
            let slot = tree
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                insert(inner, rest, value);
            }
        }
        None => match (tree.get_mut(head), value) {
            (Some(Value::Object(existing)), Value::Object(more)) => {
                for (key, inner) in more {
                    insert(existing, &key, inner);
                }
            }
            (_, value) => {
                tree.insert(head.to_owned(), value);
            }
        },
    }
}

/// The body in its media type: `(bytes as text, Content-Type)`.
pub(super) fn body(tree: Map<String, Value>, media_type: &str) -> (String, String) {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or(media_type)
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => {
            let mut pairs = Vec::new();
            for (key, value) in &tree {
                flatten(key, value, true, &mut pairs);
            }
            (form_string(&pairs), essence)
        }
        "multipart/form-data" => multipart(&tree),
        json if json.ends_with("json") => (Value::Object(tree).to_string(), media_type.to_owned()),
        _ => match (tree.len(), tree.get("body")) {
            // A body that is not an object (text, bytes) is discovered as one `body` argument.
            (1, Some(Value::String(raw))) => (raw.clone(), media_type.to_owned()),
            _ => (Value::Object(tree).to_string(), media_type.to_owned()),
        },
    }
}

/// `multipart/form-data` with one text part per flattened key.
fn multipart(tree: &Map<String, Value>) -> (String, String) {
    let mut pairs = Vec::new();
    for (key, value) in tree {
        flatten(key, value, true, &mut pairs);
    }
    let mut boundary = String::from("bindery-form-boundary");
    while pairs
        .iter()
        .any(|(k, v)| k.contains(&boundary) || v.contains(&boundary))
    {
        boundary.push('x');
    }
    let mut out = String::new();
    for (key, value) in &pairs {
        let name = key.replace('"', "%22").replace(['\r', '\n'], " ");
        out.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    (out, format!("multipart/form-data; boundary={boundary}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree(pairs: &[(&str, Value)]) -> Map<String, Value> {
        let mut tree = Map::new();
        for (name, value) in pairs {
            insert(&mut tree, name, value.clone());
        }
        tree
    }

    #[test]
    fn dotted_names_nest_and_objects_merge() {
        let t = tree(&[
            ("name", json!("Dana")),
            ("address.city", json!("Austin")),
            ("address", json!({"line1": "1 Elm"})),
            ("start.dateTime", json!("2026-12-01T09:00:00Z")),
        ]);
        assert_eq!(
            Value::Object(t),
            json!({"name": "Dana", "address": {"city": "Austin", "line1": "1 Elm"},
                   "start": {"dateTime": "2026-12-01T09:00:00Z"}}),
            "nested"
        );
    }

    #[test]
    fn forms_use_the_bracket_convention() {
        let t = tree(&[
            ("email", json!("dana+1@example.com")),
            ("address.city", json!("San José")),
            ("items", json!([{"price": "p_1"}, "x"])),
            ("limit", json!(3)),
            ("gone", Value::Null),
        ]);
        let (text, media) = body(t, "application/x-www-form-urlencoded");
        assert_eq!(media, "application/x-www-form-urlencoded", "media type");
        assert_eq!(
            text,
            "email=dana%2B1%40example.com&address[city]=San+Jos%C3%A9&items[0][price]=p_1&items[1]=x&limit=3",
            "Stripe-style form"
        );
    }

    #[test]
    fn query_lists_repeat_and_objects_are_deep() {
        let mut pairs = Vec::new();
        flatten("status", &json!(["available", "sold"]), false, &mut pairs);
        flatten("filter", &json!({"a": {"b": true}}), false, &mut pairs);
        flatten("n", &json!(1.5), false, &mut pairs);
        assert_eq!(
            form_string(&pairs),
            "status=available&status=sold&filter[a][b]=true&n=1.5",
            "query pairs"
        );
    }

    #[test]
    fn path_segments_escape_reserved_characters() {
        assert_eq!(
            path_segment("a b/c?d#é"),
            "a%20b%2Fc%3Fd%23%C3%A9",
            "encoded"
        );
        assert_eq!(
            path_segment("cus_9s6-X.~"),
            "cus_9s6-X.~",
            "unreserved kept"
        );
    }

    #[test]
    fn multipart_parts_are_text() {
        let (text, media) = body(
            tree(&[("purpose", json!("dispute_evidence")), ("n", json!(2))]),
            "multipart/form-data",
        );
        assert_eq!(
            media, "multipart/form-data; boundary=bindery-form-boundary",
            "boundary named"
        );
        assert_eq!(
            text,
            "--bindery-form-boundary\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\ndispute_evidence\r\n--bindery-form-boundary\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n2\r\n--bindery-form-boundary--\r\n",
            "two parts"
        );
    }

    #[test]
    fn json_and_raw_bodies() {
        let (text, media) = body(tree(&[("a.b", json!(1))]), "application/json");
        assert_eq!(
            (text.as_str(), media.as_str()),
            (r#"{"a":{"b":1}}"#, "application/json"),
            "JSON"
        );
        let (text, _) = body(tree(&[("body", json!("raw"))]), "text/plain");
        assert_eq!(text, "raw", "a text body as it is");
    }
}
