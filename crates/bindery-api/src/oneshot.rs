//! Discovery without a workspace: `bindery discover KIND SOURCE --json`.

use std::path::PathBuf;

use bindery_discovery::graphql::GraphqlSource;
use bindery_discovery::sql::SqlConnection;
use bindery_discovery::{DocumentSource, Registry, SourceConfig};
use bindery_schema::SourceKind;

use crate::json::DiscoverOnce;
use crate::{ApiError, ErrorCode};

/// Discovers a source given by kind and location, storing nothing: a file path for `sqlite`; a
/// file path or an http(s) URL for `openapi` and `google-discovery`; for `graphql` an SDL or
/// introspection JSON file, or an endpoint URL asked by introspection; for `postgres` and `mysql`
/// a URL (`postgres://user:password@host:port/db?sslmode=require&schemas=public`).
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
        Some(SourceKind::Graphql) => SourceConfig::Graphql {
            source: GraphqlSource::from_argument(location),
        },
        Some(SourceKind::Postgres) => SourceConfig::Postgres {
            connection: SqlConnection::from_url(location, 5432)?,
        },
        Some(SourceKind::Mysql) => SourceConfig::Mysql {
            connection: SqlConnection::from_url(location, 3306)?,
        },
        _ => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedSourceKind,
                format!(
                    "cannot discover {kind:?} sources in this build; \
                     supported: sqlite, openapi, google-discovery, graphql, postgres, mysql"
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
