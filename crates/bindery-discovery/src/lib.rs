//! Discovery: turn a source (a SQLite file, an OpenAPI description, a Google discovery document,
//! a GraphQL endpoint or schema file; Postgres and MySQL next) into
//! the normalized [`Schema`](bindery_schema::Schema).
//!
//! Layer L1: depends on `bindery-schema` only. Every source kind implements [`Discover`] and is
//! split in two: `fetch` does the I/O and returns the provider-native raw form (for SQL, a
//! [`sql::Catalog`] read with one set-based query per kind of catalog object), and `normalize`
//! turns the raw form into a schema without I/O, so it is tested offline.
//!
//! Entry points: [`Registry`] (all source kinds), [`SourceConfig`], [`DiscoveryError`].

pub mod document;
mod error;
pub mod google;
pub mod graphql;
pub mod openapi;
mod rest;
pub mod sql;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use bindery_schema::{Schema, SourceKind, WithDiagnostics};

pub use document::DocumentSource;
pub use error::DiscoveryError;
pub use rest::RestDiscoverer;

/// Where a source is. Never holds secret values: credentials reach discovery through the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceConfig {
    /// A SQLite database file, opened read-only.
    Sqlite {
        /// Path of the file.
        path: PathBuf,
    },
    /// An OpenAPI 2.0/3.0/3.1 description (JSON or YAML).
    Openapi {
        /// Where the document is.
        document: DocumentSource,
    },
    /// A Google API discovery document.
    GoogleDiscovery {
        /// Where the document is.
        document: DocumentSource,
    },
    /// A PostgreSQL database.
    Postgres {
        /// Server, login and schemas.
        connection: sql::SqlConnection,
    },
    /// A MySQL or MariaDB database.
    Mysql {
        /// Server and login.
        connection: sql::SqlConnection,
    },
    /// A GraphQL API: a live endpoint, an SDL file or an introspection answer.
    Graphql {
        /// Where the schema is.
        source: graphql::GraphqlSource,
    },
}

impl SourceConfig {
    /// The source kind this config is for.
    pub fn kind(&self) -> SourceKind {
        match self {
            SourceConfig::Sqlite { .. } => SourceKind::Sqlite,
            SourceConfig::Openapi { .. } => SourceKind::Openapi,
            SourceConfig::GoogleDiscovery { .. } => SourceKind::GoogleDiscovery,
            SourceConfig::Graphql { .. } => SourceKind::Graphql,
            SourceConfig::Postgres { .. } => SourceKind::Postgres,
            SourceConfig::Mysql { .. } => SourceKind::Mysql,
        }
    }
}

/// A boxed future, so [`Discover`] stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What discovery returns: the schema and the diagnostics found while making it.
pub type Discovered = WithDiagnostics<Schema>;

/// One source kind's discovery.
pub trait Discover: Send + Sync {
    /// The source kind handled.
    fn kind(&self) -> SourceKind;

    /// Reads the source and normalizes it. Problems with parts of the source are diagnostics; an
    /// `Err` means nothing usable could be read.
    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>>;
}

/// Every source kind Bindery can discover.
pub struct Registry {
    discoverers: Vec<Box<dyn Discover>>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            discoverers: vec![
                Box::new(sql::sqlite::SqliteDiscoverer),
                Box::new(sql::mysql::MysqlDiscoverer),
                Box::new(sql::postgres::PostgresDiscoverer),
                Box::new(rest::RestDiscoverer::OPENAPI),
                Box::new(rest::RestDiscoverer::GOOGLE_DISCOVERY),
                Box::new(graphql::GraphqlDiscoverer),
            ],
        }
    }
}

impl Registry {
    /// A registry of the given discoverers (tests use this to plug a fake source).
    pub fn with(discoverers: Vec<Box<dyn Discover>>) -> Self {
        Registry { discoverers }
    }

    /// Source kinds this registry can discover.
    pub fn kinds(&self) -> Vec<SourceKind> {
        self.discoverers.iter().map(|d| d.kind()).collect()
    }

    /// Discovers a source with the discoverer of its kind.
    pub async fn discover(&self, source: &SourceConfig) -> Result<Discovered, DiscoveryError> {
        let kind = source.kind();
        let discoverer = self
            .discoverers
            .iter()
            .find(|d| d.kind() == kind)
            .ok_or(DiscoveryError::UnsupportedKind { kind })?;
        let started = std::time::Instant::now();
        let discovered = discoverer.discover(source).await?;
        tracing::info!(
            kind = kind.as_str(),
            objects = discovered.value.summary.object_count,
            diagnostics = discovered.diagnostics.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "discovered"
        );
        Ok(discovered)
    }
}
