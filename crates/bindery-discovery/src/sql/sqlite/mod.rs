//! SQLite: a database file, opened read-only.

mod fetch;

use std::path::Path;

use bindery_schema::SourceKind;

use super::catalog::Dialect;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

pub use fetch::fetch;

/// SQLite facts for the SQL normalizer: objects are named by table name alone (`main` is the
/// only namespace read), origins are `sqlite:main.table.column`.
pub const DIALECT: Dialect = Dialect {
    kind: SourceKind::Sqlite,
    origin_prefix: "sqlite",
    qualify_names: false,
};

/// Discovers SQLite database files.
pub struct SqliteDiscoverer;

impl Discover for SqliteDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::Sqlite
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::Sqlite { path } => discover_file(path).await,
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}

/// Fetches and normalizes one file.
pub async fn discover_file(path: &Path) -> Result<Discovered, DiscoveryError> {
    let catalog = fetch(path).await?;
    let title = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(super::normalize(&catalog, DIALECT, &title))
}
