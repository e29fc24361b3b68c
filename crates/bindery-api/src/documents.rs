//! Providers described by a document (OpenAPI, Google discovery documents, GraphQL SDL or
//! introspection JSON): where it is, given as exactly one of a file, a URL or pasted text. For
//! GraphQL the URL is the live endpoint, asked by introspection.

use std::path::{Path, PathBuf};

use bindery_discovery::document::MAX_DOCUMENT_BYTES;
use bindery_discovery::DocumentSource;
use bindery_store::ProviderRecord;

use bindery_vault::SecretMap;

use crate::json::ConnectRequest;
use crate::{provider_auth, ApiError, ErrorCode};

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

/// The config of a document provider from `credentials`: exactly one of `path` (a local file,
/// stored absolute), `url` (http or https) or `text` (pasted; written to
/// `<workspace>/sources/KIND-<random>.json`, or `.<text_extension>` when it is not JSON, so
/// re-discovery works).
///
/// The authentication fields (`authMode` and what it needs, see `provider_auth`) go into the
/// config as `auth`, without their secrets, which come back apart for the vault.
pub(crate) fn document_config(
    request: &ConnectRequest,
    sources_dir: &Path,
    kind: &str,
    text_extension: &str,
) -> Result<(serde_json::Value, SecretMap), ApiError> {
    if let Some(unknown) = request.credentials.keys().find(|k| {
        !matches!(k.as_str(), "path" | "url" | "text" | "baseUrl")
            && !provider_auth::FIELDS.contains(&k.as_str())
    }) {
        return Err(ApiError::new(
            ErrorCode::ValidationError,
            format!(
                "this source takes credentials.path, .url or .text, optionally .baseUrl (where \
                 skills send requests), and how it authenticates (authMode, authHeader, apiKey, username, password, or the OAuth fields), not {unknown:?}"
            ),
        ));
    }
    let (auth, secrets) = provider_auth::from_form(&request.credentials)?;
    let base_url = request
        .credentials
        .get("baseUrl")
        .and_then(|v| v.as_str())
        .map(|v| v.trim().trim_end_matches('/'))
        .filter(|v| !v.is_empty());
    if let Some(url) = base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                "credentials.baseUrl must be an http or https URL",
            ));
        }
    }
    let mut config = document_location(request, sources_dir, kind, text_extension)?;
    if let Some(map) = config.as_object_mut() {
        map.insert("auth".to_owned(), auth);
        if let Some(url) = base_url {
            map.insert("baseUrl".to_owned(), url.into());
        }
    }
    Ok((config, secrets))
}

fn document_location(
    request: &ConnectRequest,
    sources_dir: &Path,
    kind: &str,
    text_extension: &str,
) -> Result<serde_json::Value, ApiError> {
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
                text_extension
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
            // A name of its own per paste: a connect that fails (a name already taken, a sign-in
            // not approved) removes its copy without touching another provider's.
            let unique = hex::encode(rand::random::<[u8; 4]>());
            let file = sources_dir.join(format!("{kind}-{unique}.{extension}"));
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
