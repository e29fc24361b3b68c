//! Discovery without a workspace: `bindery discover sqlite FILE --json`.

use std::path::PathBuf;

use bindery_discovery::{Registry, SourceConfig};
use bindery_schema::SourceKind;

use crate::json::DiscoverOnce;
use crate::{ApiError, ErrorCode};

/// Discovers a source given by kind and location (a file path for SQLite), storing nothing.
#[tracing::instrument(skip_all, fields(kind), err)]
pub async fn discover_once(kind: &str, location: &str) -> Result<DiscoverOnce, ApiError> {
    let source = match SourceKind::parse(kind) {
        Some(SourceKind::Sqlite) => SourceConfig::Sqlite {
            path: PathBuf::from(location),
        },
        _ => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedSourceKind,
                format!("cannot discover {kind:?} sources in this build; supported: sqlite"),
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
