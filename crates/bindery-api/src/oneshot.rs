//! Discovery without a workspace: `bindery discover KIND SOURCE --json`.

use std::path::PathBuf;

use bindery_discovery::{DocumentSource, Registry, SourceConfig};
use bindery_schema::SourceKind;

use crate::json::DiscoverOnce;
use crate::{ApiError, ErrorCode};

/// Discovers a source given by kind and location, storing nothing: a file path for `sqlite`; a
/// file path or an http(s) URL for `openapi` and `google-discovery`.
#[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
pub async fn discover_once(kind: &str, location: &str) -> Result<DiscoverOnce, ApiError> {
    let source = match SourceKind::parse(kind) {
        Some(SourceKind::Sqlite) => SourceConfig::Sqlite {
            path: PathBuf::from(location),
        },
        Some(SourceKind::Openapi) => SourceConfig::Openapi {
            document: DocumentSource::from_argument(location),
        },
        Some(SourceKind::GoogleDiscovery) => SourceConfig::GoogleDiscovery {
            document: DocumentSource::from_argument(location),
        },
        _ => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedSourceKind,
                format!(
                    "cannot discover {kind:?} sources in this build; \
                     supported: sqlite, openapi, google-discovery"
                ),
            ))
        }
    };
    let discovered = Registry::default().discover(&source).await?;
    Ok(DiscoverOnce {
        summary: discovered.value.summary,
        diagnostics: discovered.diagnostics,
        schema: discovered.value,
    })
}
