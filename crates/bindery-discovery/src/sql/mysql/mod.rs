//! MySQL and MariaDB: one database on a server, read through `information_schema` on a single
//! read-only connection.

mod assemble;
mod fetch;

use bindery_schema::SourceKind;

use super::catalog::Dialect;
use super::SqlConnection;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

pub use assemble::enum_values;
pub use fetch::{
    connect, fetch, login_options, CATALOG_QUERIES, CONNECT_TIMEOUT, STATEMENT_TIMEOUT,
};

/// MySQL facts for the SQL normalizer: one database is read, so objects are named by table name
/// alone; origins are `mysql:<database>.table.column`.
pub const DIALECT: Dialect = Dialect {
    kind: SourceKind::Mysql,
    origin_prefix: "mysql",
    qualify_names: false,
};

/// Discovers MySQL and MariaDB databases.
pub struct MysqlDiscoverer;

impl Discover for MysqlDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::Mysql
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::Mysql { connection } => discover_database(connection).await,
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}

/// Fetches and normalizes the connected database. The schema's title is the database name (not
/// the host or the login, so the same database gives the same schema wherever it runs).
pub async fn discover_database(connection: &SqlConnection) -> Result<Discovered, DiscoveryError> {
    let fetched = fetch(connection).await?;
    let mut discovered = super::normalize(&fetched.value, DIALECT, &connection.database);
    discovered.diagnostics.extend(fetched.diagnostics);
    Ok(discovered)
}
