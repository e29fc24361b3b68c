//! Google API discovery documents (Calendar, Sheets, ...) to the normalized schema.
//!
//! Split like the SQL sources: [`parse_document`] reads bytes into a JSON tree (the only step that
//! can fail on the input's syntax), [`normalize`] turns the tree into a schema without I/O.
//!
//! - Named `schemas` become objects (kind `resource`), fields in document order; inline object
//!   properties become objects named `{Parent}.{property}`; `$ref`s stay references (no
//!   expansion), so cyclic schemas are harmless.
//! - Every method of every (nested) resource, and every top-level method, becomes one operation
//!   whose id is the method's `id` (derived from the resource path when missing or duplicated).
//! - Global `parameters` (`alt`, `fields`, `key`, ...) are transport options and are not
//!   arguments of any operation.
//! - Problems are diagnostics with codes prefixed `google/`.

mod methods;
mod schemas;
mod types;

use bindery_schema::{Diagnostic, Schema, SourceInfo, SourceKind, WithDiagnostics};
use serde_json::Value;

use crate::{Discovered, DiscoveryError};

/// Largest document read: the same cap as every document origin.
pub use crate::document::MAX_DOCUMENT_BYTES;

const EXPECTED: &str = "a Google API discovery document";

/// Parses a discovery document (JSON). Bad JSON is [`DiscoveryError::Malformed`] with the 1-based
/// line and column; JSON that is not a discovery document (no `kind: "discovery#restDescription"`
/// and no `resources`/`schemas`), or a document over [`MAX_DOCUMENT_BYTES`], is
/// [`DiscoveryError::NotADescription`].
pub fn parse_document(bytes: &[u8], source_name: &str) -> Result<Value, DiscoveryError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(not_a_description(
            source_name,
            format!(
                "the document is {} bytes; Bindery reads at most {MAX_DOCUMENT_BYTES} bytes (64 MiB)",
                bytes.len()
            ),
        ));
    }
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| DiscoveryError::Malformed {
        source_name: source_name.to_owned(),
        format: "JSON",
        line: e.line().max(1),
        column: e.column().max(1),
        detail: e.to_string(),
    })?;
    check_description(&doc, source_name)?;
    Ok(doc)
}

/// Normalizes a parsed discovery document, without I/O. Fails only when the tree is not a
/// discovery document at all; everything else is a diagnostic.
pub fn normalize(
    doc: &Value,
    source_name: &str,
) -> Result<WithDiagnostics<Schema>, DiscoveryError> {
    check_description(doc, source_name)?;
    let mut diagnostics: Vec<Diagnostic> = Vec::new();

    let empty = serde_json::Map::new();
    let schema_defs = doc
        .get("schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let built = schemas::build(schema_defs, &mut diagnostics);
    let api_name = doc.get("name").and_then(Value::as_str).unwrap_or_default();
    let methods = methods::operations(doc, api_name, &built, &mut diagnostics);
    let objects = schemas::with_capabilities(built.objects, &methods.capabilities);

    let title = [doc.get("title"), doc.get("name")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find(|s| !s.trim().is_empty())
        .unwrap_or(source_name)
        .to_owned();
    let source = SourceInfo {
        kind: SourceKind::GoogleDiscovery,
        title,
        version: doc
            .get("version")
            .and_then(Value::as_str)
            .map(str::to_owned),
        base_url: base_url(doc),
    };
    Ok(WithDiagnostics {
        value: Schema::finish(source, objects, built.edges, methods.operations),
        diagnostics,
    })
}

/// `rootUrl` + `servicePath`, the base of every method's path.
fn base_url(doc: &Value) -> Option<String> {
    let root = doc.get("rootUrl").and_then(Value::as_str)?;
    let service = doc.get("servicePath").and_then(Value::as_str).unwrap_or("");
    let url = format!("{root}{service}");
    Some(url.trim_end_matches('/').to_owned())
}

/// Parses and normalizes a discovery document.
pub fn discover_bytes(bytes: &[u8], source_name: &str) -> Result<Discovered, DiscoveryError> {
    let doc = parse_document(bytes, source_name)?;
    let discovered = normalize(&doc, source_name)?;
    tracing::debug!(
        source = source_name,
        objects = discovered.value.summary.object_count,
        operations = discovered.value.summary.operation_count,
        diagnostics = discovered.diagnostics.len(),
        "normalized discovery document"
    );
    Ok(discovered)
}

fn check_description(doc: &Value, source_name: &str) -> Result<(), DiscoveryError> {
    let Some(map) = doc.as_object() else {
        return Err(not_a_description(
            source_name,
            "the document is not a JSON object".to_owned(),
        ));
    };
    let kind = map.get("kind").and_then(Value::as_str);
    if kind == Some("discovery#restDescription") {
        return Ok(());
    }
    if map.contains_key("openapi") || map.contains_key("swagger") {
        return Err(not_a_description(
            source_name,
            "it is an OpenAPI description; discover it as `openapi`".to_owned(),
        ));
    }
    let has_parts = ["resources", "schemas"]
        .iter()
        .any(|key| map.get(*key).is_some_and(Value::is_object));
    if has_parts {
        Ok(())
    } else {
        Err(not_a_description(
            source_name,
            "no `kind: \"discovery#restDescription\"`, `resources` or `schemas`".to_owned(),
        ))
    }
}

fn not_a_description(source_name: &str, detail: String) -> DiscoveryError {
    DiscoveryError::NotADescription {
        source_name: source_name.to_owned(),
        expected: EXPECTED,
        detail,
    }
}

/// Escapes one JSON-pointer segment (RFC 6901).
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
