//! Deterministic names: derived operation ids and names of inline objects reached by pointer.

use super::refs::pointer_tokens;

/// `{method}_{path}` as an identifier: `get` + `/pets/{id}` → `get_pets_by_id`.
pub(crate) fn derive_operation_id(method: &str, path: &str) -> String {
    let mut out = method.to_ascii_lowercase();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let (prefix, body) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => ("by_", param),
            None => ("", segment),
        };
        let mut word = String::with_capacity(body.len());
        for c in body.chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !word.ends_with('_') {
                word.push('_');
            }
        }
        let word = word.trim_matches('_');
        if word.is_empty() {
            continue;
        }
        out.push('_');
        out.push_str(prefix);
        out.push_str(word);
    }
    if !out.contains('_') {
        out.push_str("_root");
    }
    out
}

/// A name for an inline schema reached through a reference to a place that is not a named
/// schema: `#/components/schemas/A/properties/b` → `A.b`, `#/components/responses/R/...` →
/// `R.response`, `#/definitions/A/properties/b` → `A.b`.
pub(crate) fn name_from_pointer(reference: &str) -> String {
    let tokens = pointer_tokens(reference).unwrap_or_default();
    let strs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let (base, rest): (String, &[&str]) = match strs.as_slice() {
        ["components", "schemas", name, rest @ ..] | ["definitions", name, rest @ ..] => {
            ((*name).to_owned(), rest)
        }
        ["components", kind, name, rest @ ..] => (format!("{name}.{}", singular(kind)), rest),
        ["responses", name, rest @ ..] => (format!("{name}.response"), rest),
        ["parameters", name, rest @ ..] => (format!("{name}.parameter"), rest),
        _ => return strs.join("."),
    };
    let mut name = base;
    let mut iter = rest.iter();
    while let Some(token) = iter.next() {
        if *token == "properties" {
            if let Some(prop) = iter.next() {
                name.push('.');
                name.push_str(prop);
            }
        }
    }
    name
}

fn singular(kind: &str) -> &str {
    match kind {
        "responses" => "response",
        "requestBodies" => "request",
        "parameters" => "parameter",
        "headers" => "header",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_derive_from_method_and_path() {
        assert_eq!(
            derive_operation_id("get", "/pets/{id}"),
            "get_pets_by_id",
            "param"
        );
        assert_eq!(derive_operation_id("post", "/"), "post_root", "root");
        assert_eq!(
            derive_operation_id("delete", "/v1/Foo-Bar/{foo.id}/x"),
            "delete_v1_foo_bar_by_foo_id_x",
            "punctuation"
        );
    }

    #[test]
    fn pointer_names() {
        assert_eq!(
            name_from_pointer("#/components/schemas/A/properties/b"),
            "A.b",
            "schema"
        );
        assert_eq!(
            name_from_pointer("#/components/responses/NotFound/content/application~1json/schema"),
            "NotFound.response",
            "response"
        );
        assert_eq!(name_from_pointer("#/x/y"), "x.y", "fallback");
    }
}
