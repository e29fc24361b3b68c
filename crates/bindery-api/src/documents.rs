//! REST descriptions (OpenAPI, Google discovery documents) as providers: where the document is,
//! given as exactly one of a file, a URL or pasted text.

use std::path::{Path, PathBuf};

use bindery_discovery::document::MAX_DOCUMENT_BYTES;
use bindery_discovery::DocumentSource;
use bindery_store::ProviderRecord;

use crate::json::ConnectRequest;
use crate::{ApiError, ErrorCode};

/// The document a REST provider's config points at: a file (pasted text is kept as a file in the
/// workspace) or a URL, fetched again at each discovery.
pub(crate) fn document_source(provider: &ProviderRecord) -> Result<DocumentSource, ApiError> {
    let text = |key: &str| provider.config.get(key).and_then(|v| v.as_str());
    match (text("path"), text("url")) {
        (Some(path), _) => Ok(DocumentSource::File(PathBuf::from(path))),
        (None, Some(url)) => Ok(DocumentSource::Url(url.to_owned())),
        (None, None) => Err(ApiError::new(
            ErrorCode::InternalError,
            format!(
                "provider {} has neither a path nor a URL in its config",
                provider.kind
            ),
        )),
    }
}

/// The config of a REST provider from `credentials`: exactly one of `path` (a local file, stored
/// absolute), `url` (http or https) or `text` (pasted; written to `<workspace>/sources/KIND.json`
/// or `.yaml` so re-discovery works).
pub(crate) fn document_config(
    request: &ConnectRequest,
    sources_dir: &Path,
    kind: &str,
) -> Result<serde_json::Value, ApiError> {
    if let Some(unknown) = request
        .credentials
        .keys()
        .find(|k| !matches!(k.as_str(), "path" | "url" | "text"))
    {
        return Err(ApiError::new(
            ErrorCode::ValidationError,
            format!("a REST description takes credentials.path, .url or .text, not {unknown:?}"),
        ));
    }
    let given: Vec<(&str, &str)> = ["path", "url", "text"]
        .into_iter()
        .filter_map(|key| {
            let value = request.credentials.get(key).and_then(|v| v.as_str());
            value.filter(|v| !v.trim().is_empty()).map(|v| (key, v))
        })
        .collect();
    match given.as_slice() {
        [("path", path)] => {
            let absolute = std::fs::canonicalize(path).map_err(|_| {
                ApiError::new(ErrorCode::SourceNotFound, format!("no file at {path}"))
            })?;
            if !absolute.is_file() {
                return Err(ApiError::new(
                    ErrorCode::SourceInvalid,
                    format!("{path} is not a file"),
                ));
            }
            Ok(serde_json::json!({ "path": absolute.to_string_lossy() }))
        }
        [("url", url)] => {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ApiError::new(
                    ErrorCode::ValidationError,
                    "credentials.url must be an http or https URL",
                ));
            }
            Ok(serde_json::json!({ "url": url }))
        }
        [("text", text)] => {
            if text.len() > MAX_DOCUMENT_BYTES {
                return Err(ApiError::new(
                    ErrorCode::SourceInvalid,
                    format!(
                        "the pasted description is larger than {} MiB",
                        MAX_DOCUMENT_BYTES >> 20
                    ),
                ));
            }
            let extension = if text.trim_start().starts_with(['{', '[']) {
                "json"
            } else {
                "yaml"
            };
            let unwritable = |e: std::io::Error| {
                ApiError::new(
                    ErrorCode::WorkspaceUnavailable,
                    format!(
                        "cannot keep the pasted description in {}: {e}",
                        sources_dir.display()
                    ),
                )
            };
            std::fs::create_dir_all(sources_dir).map_err(unwritable)?;
            let file = sources_dir.join(format!("{kind}.{extension}"));
            std::fs::write(&file, text).map_err(unwritable)?;
            Ok(serde_json::json!({ "path": file.to_string_lossy(), "pasted": true }))
        }
        [] => Err(ApiError::new(
            ErrorCode::ValidationError,
            "give the description as credentials.path (a file), .url or .text (pasted)",
        )),
        _ => Err(ApiError::new(
            ErrorCode::ValidationError,
            "give only one of credentials.path, .url and .text",
        )),
    }
}
