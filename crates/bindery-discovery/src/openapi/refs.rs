//! Local `$ref` resolution: JSON pointers (with `~0`/`~1` and percent-decoding), a cache per
//! reference, chain following with cycle detection and a hop limit. External references are
//! refused and never fetched.

use bindery_schema::Diagnostic;
use serde_json::Value;

use super::context::{addr, Ctx};

/// Longest chain of `$ref` hops (and deepest schema nesting) followed.
pub(crate) const MAX_DEPTH: usize = 64;

/// Where a `$ref` chain ends.
pub(crate) enum Followed<'a> {
    /// At a node that is not a reference (its pointer: the last `$ref` followed, or the start).
    Node(&'a Value, String),
    /// At a named schema (index into `Ctx::named`).
    Named(usize),
    /// Nowhere usable: broken, external, cyclic or too deep (a diagnostic says which); the text
    /// is what the field type shows.
    Broken(String),
}

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
pub(crate) fn escape(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

/// Decodes `%XX` sequences (URI fragment encoding of a pointer).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or_default();
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The tokens of a fragment pointer (`#/a/b~1c` → `a`, `b/c`); `None` when not a pointer.
pub(crate) fn pointer_tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode(fragment);
    if decoded.is_empty() {
        return Some(Vec::new());
    }
    let rest = decoded.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Walks a pointer from the root.
fn walk<'a>(root: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(root, |node, token| match node {
        Value::Object(map) => map.get(token.as_str()),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The `$ref` of a node, when it has a textual one.
pub(crate) fn ref_of(node: &Value) -> Option<&str> {
    node.get("$ref").and_then(Value::as_str)
}

impl<'a> Ctx<'a> {
    /// Resolves one reference (cached). `at` is where it was found, for the diagnostic.
    pub(crate) fn resolve_ref(&mut self, reference: &'a str, at: &str) -> Option<&'a Value> {
        if let Some(hit) = self.ref_cache.get(reference) {
            return *hit;
        }
        let target = if reference.starts_with('#') {
            let found = pointer_tokens(reference).and_then(|t| walk(self.doc, &t));
            if found.is_none() {
                self.warn_once(
                    "openapi/unresolved-ref",
                    reference,
                    Diagnostic::warning(
                        "openapi/unresolved-ref",
                        format!("`{reference}` points at nothing in this document"),
                        at,
                    )
                    .with_help("Fix the reference; the field's type is left unknown."),
                );
            }
            found
        } else {
            self.warn_once(
                "openapi/external-ref-refused",
                reference,
                Diagnostic::warning(
                    "openapi/external-ref-refused",
                    format!("`{reference}` refers outside this document and was not fetched"),
                    at,
                )
                .with_help(
                    "External references are off by default (Bindery never fetches other files \
                     or URLs on its own); bundle the description into one document.",
                ),
            );
            None
        };
        self.ref_cache.insert(reference, target);
        target
    }

    /// Follows `$ref`s from `node` (found at `at`) until a node without one or a named schema.
    pub(crate) fn follow(&mut self, node: &'a Value, at: &str) -> Followed<'a> {
        let mut current = node;
        let mut pointer = at.to_owned();
        let mut seen: Vec<usize> = Vec::new();
        while let Some(reference) = ref_of(current) {
            if seen.len() >= MAX_DEPTH {
                self.warn_once(
                    "openapi/depth-limit",
                    reference,
                    Diagnostic::warning(
                        "openapi/depth-limit",
                        format!("more than {MAX_DEPTH} chained references; stopped following"),
                        at,
                    ),
                );
                return Followed::Broken("$ref depth".to_owned());
            }
            seen.push(addr(current));
            let Some(target) = self.resolve_ref(reference, &pointer) else {
                return Followed::Broken(reference.to_owned());
            };
            if let Some(&index) = self.named_by_addr.get(&addr(target)) {
                return Followed::Named(index);
            }
            if seen.contains(&addr(target)) {
                self.warn_once(
                    "openapi/ref-cycle",
                    reference,
                    Diagnostic::warning(
                        "openapi/ref-cycle",
                        format!("`{reference}` leads back to itself through references only"),
                        at,
                    ),
                );
                return Followed::Broken("cyclic $ref".to_owned());
            }
            current = target;
            pointer = reference.to_owned();
        }
        Followed::Node(current, pointer)
    }

    /// Follows references to a non-schema component (parameter, response, request body, path
    /// item); a named schema is returned as its node too.
    pub(crate) fn deref(&mut self, node: &'a Value, at: &str) -> Option<(&'a Value, String)> {
        match self.follow(node, at) {
            Followed::Node(n, p) => Some((n, p)),
            Followed::Named(i) => self.named.get(i).map(|n| (n.schema, n.pointer.clone())),
            Followed::Broken(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_unescape_and_percent_decode() {
        assert_eq!(
            pointer_tokens("#/paths/~1pets~1%7Bid%7D/get"),
            Some(vec![
                "paths".to_owned(),
                "/pets/{id}".to_owned(),
                "get".to_owned()
            ]),
            "~1 is a slash and %7B a brace"
        );
        assert_eq!(
            pointer_tokens("#/a~0b"),
            Some(vec!["a~b".to_owned()]),
            "~0 is a tilde"
        );
        assert_eq!(pointer_tokens("other.yaml#/X"), None, "not a local pointer");
        assert_eq!(escape("/pets/{id}"), "~1pets~1{id}", "escape slashes");
    }
}
