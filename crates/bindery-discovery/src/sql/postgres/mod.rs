//! PostgreSQL: a server database read through `pg_catalog` with one connection, a constant
//! number of set-based queries (see [`CATALOG_QUERIES`]) and a read-only transaction.
//!
//! Objects are named `schema.table` and their origins are `postgres:schema.table.column`.
//! Partitions are folded into their partitioned parent (the table queries name); views and
//! materialized views are read; foreign tables and relation or constraint kinds Bindery does not
//! know are reported as skipped.

mod assemble;
mod fetch;

use bindery_schema::SourceKind;

use super::catalog::Dialect;
use super::SqlConnection;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

pub use fetch::{
    connect, fetch, login_options, CATALOG_QUERIES, CONNECT_TIMEOUT, STATEMENTS, STATEMENT_TIMEOUT,
};

/// PostgreSQL facts for the SQL normalizer: names carry the schema (`public.customer`), origins
/// are `postgres:public.customer.email`.
pub const DIALECT: Dialect = Dialect {
    kind: SourceKind::Postgres,
    origin_prefix: "postgres",
    qualify_names: true,
};

/// Discovers PostgreSQL databases.
pub struct PostgresDiscoverer;

impl Discover for PostgresDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::Postgres
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::Postgres { connection } => discover(connection).await,
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}

/// Fetches and normalizes one database; the schema's title is the database name.
pub async fn discover(connection: &SqlConnection) -> Result<Discovered, DiscoveryError> {
    let catalog = fetch(connection).await?;
    Ok(super::normalize(&catalog, DIALECT, &connection.database))
}
