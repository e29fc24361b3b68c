//! OpenAPI 2.0 (Swagger), 3.0 and 3.1 descriptions (JSON or YAML) to the normalized schema.
//!
//! Split like the SQL sources: [`parse_document`] turns bytes into a generic tree (the only step
//! that can fail on syntax), [`normalize`] turns the tree into a [`Schema`] without I/O.
//!
//! # Rules
//! - Every (path, method) pair is exactly one operation. Its id is the `operationId`; a missing
//!   one, or a repeat of an id already used (the first keeps it), is derived from the method and
//!   the path (`get /pets/{id}` → `get_pets_by_id`, `_2`, `_3`… on a clash) and reported.
//! - Named schemas (`components/schemas`, `definitions`) that describe objects (properties,
//!   `allOf`/`oneOf`/`anyOf`, `type: object` or no type) become objects with their own name.
//!   Named schemas that are scalars, enums or arrays are aliases: a field referring to one gets the
//!   alias's type, and no object is made for it.
//! - A field referring to a named object is `FieldType::Object { object: name }`; references are
//!   never expanded into fields, so cycles and huge specs stay cheap.
//! - Inline object schemas become objects named by position: `{Parent}.{property}` for a
//!   property (also through arrays: the items of `Parent.tags` are `Parent.tags`),
//!   `{operationId}.request` / `{operationId}.response` for bodies, `{operationId}.{parameter}` for
//!   parameters, and, for an inline schema reached through a `$ref` to a place that is not a named
//!   schema, a name from the pointer (`#/components/schemas/A/properties/b` → `A.b`,
//!   `#/components/responses/NotFound/…` → `NotFound.response`). A clash with an existing name
//!   appends `_2`, `_3`…. A free-form object (no properties) is the scalar `json`.
//! - `allOf` members are merged (properties in member order, the first definition of a property
//!   wins, `required` lists united). A schema with `oneOf`/`anyOf` at the top of a named schema
//!   becomes one object with the union of the alternatives' properties, none of them required,
//!   and a description line `One of: A, B`. A property typed `oneOf`/`anyOf` is the alternatives'
//!   scalar when all agree, the one non-null alternative's type (nullable) when there is one,
//!   else `unknown(oneOf)` / `unknown(anyOf)`.
//! - Swagger 2.0 `formData` parameters become an object `{operationId}.request` and body fields.
//! - Only local `$ref`s (`#/…`) are followed, and only where a reference is allowed (schemas,
//!   parameters, request bodies, responses, path items): a `$ref` inside `example`, `examples` or
//!   an `x-` value is data. External references are refused (never fetched). Broken, cyclic,
//!   too-deep and external references are reported once per reference.

mod context;
mod edges;
mod naming;
mod operations;
pub(crate) use operations::body_argument;
mod parse;
mod refs;
mod schemas;

use bindery_schema::{Schema, SourceInfo, SourceKind, WithDiagnostics};
use serde_json::Value;

use crate::{Discovered, DiscoveryError};
use context::{Ctx, Version};

/// Largest document read: the same cap as every document origin.
pub use crate::document::MAX_DOCUMENT_BYTES;

/// What a document that is not OpenAPI should have been.
const EXPECTED: &str = "an OpenAPI or Swagger description";

/// Parses JSON or YAML into a generic tree: JSON when the first non-whitespace byte is `{` or `[`,
/// YAML otherwise. Syntax errors are [`DiscoveryError::Malformed`] with the parser's 1-based line
/// and column; a document over [`MAX_DOCUMENT_BYTES`] is [`DiscoveryError::NotADescription`].
pub fn parse_document(bytes: &[u8], source_name: &str) -> Result<Value, DiscoveryError> {
    parse::parse_document(bytes, source_name)
}

/// Turns a parsed document into the normalized schema, without I/O. A document that is not an
/// OpenAPI 3.x or Swagger 2.0 description is [`DiscoveryError::NotADescription`]; everything odd
/// inside one is a diagnostic (codes `openapi/...`).
pub fn normalize(
    doc: &Value,
    source_name: &str,
) -> Result<WithDiagnostics<Schema>, DiscoveryError> {
    let version = Version::detect(doc).ok_or_else(|| DiscoveryError::NotADescription {
        source_name: source_name.to_owned(),
        expected: EXPECTED,
        detail: "it has no `openapi: 3.x` or `swagger: \"2.0\"` version field".to_owned(),
    })?;
    let info = doc.get("info");
    let title = info
        .and_then(|i| i.get("title"))
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(source_name)
        .to_owned();
    let api_version = info.and_then(|i| i.get("version")).and_then(scalar_text);

    let mut ctx = Ctx::new(doc, version);
    ctx.build_named_objects();
    let operations = ctx.build_operations();
    let edges = edges::edges(&ctx.objects);
    let (objects, diagnostics) = ctx.finish();
    let source = SourceInfo {
        kind: SourceKind::Openapi,
        title,
        version: api_version,
        base_url: base_url(doc, version),
    };
    Ok(WithDiagnostics {
        value: Schema::finish(source, objects, edges, operations),
        diagnostics,
    })
}

/// [`parse_document`] then [`normalize`].
pub fn discover_bytes(bytes: &[u8], source_name: &str) -> Result<Discovered, DiscoveryError> {
    let doc = parse_document(bytes, source_name)?;
    normalize(&doc, source_name)
}

/// The URL requests go to: OpenAPI 3's first server (its variables replaced by their defaults),
/// or Swagger 2.0's https scheme when listed (else the first; https when none), host and base
/// path. `None` when the description names no server, or only a relative one.
fn base_url(doc: &Value, version: Version) -> Option<String> {
    let url = if version == Version::Swagger2 {
        let host = doc.get("host").and_then(Value::as_str)?;
        let schemes: Vec<&str> = doc
            .get("schemes")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let scheme = schemes
            .iter()
            .find(|s| **s == "https")
            .or(schemes.first())
            .copied()
            .unwrap_or("https");
        let base = doc.get("basePath").and_then(Value::as_str).unwrap_or("");
        format!("{scheme}://{host}{base}")
    } else {
        let server = doc.get("servers")?.as_array()?.first()?;
        let mut url = server.get("url")?.as_str()?.to_owned();
        if let Some(variables) = server.get("variables").and_then(Value::as_object) {
            for (name, variable) in variables {
                if let Some(default) = variable.get("default").and_then(scalar_text) {
                    url = url.replace(&format!("{{{name}}}"), &default);
                }
            }
        }
        url
    };
    let url = url.trim_end_matches('/').to_owned();
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

/// A string, or a number/bool written as text (YAML `version: 1.0`).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
