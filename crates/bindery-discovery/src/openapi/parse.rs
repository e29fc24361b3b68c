//! Bytes to a generic document tree (JSON or YAML).

use serde_json::Value;

use super::{EXPECTED, MAX_DOCUMENT_BYTES};
use crate::DiscoveryError;

pub(super) fn parse_document(bytes: &[u8], source_name: &str) -> Result<Value, DiscoveryError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(DiscoveryError::NotADescription {
            source_name: source_name.to_owned(),
            expected: EXPECTED,
            detail: format!(
                "the document is {} bytes; Bindery reads descriptions of at most {} bytes (64 MiB)",
                bytes.len(),
                MAX_DOCUMENT_BYTES
            ),
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{') | Some(b'[')) {
        serde_json::from_slice(body).map_err(|e| DiscoveryError::Malformed {
            source_name: source_name.to_owned(),
            format: "JSON",
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })
    } else {
        yaml_serde::from_slice(body).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            DiscoveryError::Malformed {
                source_name: source_name.to_owned(),
                format: "YAML",
                line,
                column,
                detail: e.to_string(),
            }
        })
    }
}
