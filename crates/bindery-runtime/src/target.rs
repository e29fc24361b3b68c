//! Where a skill runs: the provider's endpoint with its credentials (HTTP) or an open database
//! pool (SQL), and the limits every run keeps.

use std::fmt;
use std::time::Duration;

use sqlx::{MySqlPool, PgPool, SqlitePool};

/// A credential sent as a header. The value is only ever written to the outgoing request: its
/// `Debug` is redacted and it is shown to people as `<redacted>`.
#[derive(Clone)]
pub struct AuthHeader {
    name: String,
    value: String,
}

impl AuthHeader {
    /// A header whose value is a credential.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> AuthHeader {
        AuthHeader {
            name: name.into(),
            value: value.into(),
        }
    }

    /// The header name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value, for the request being built only.
    pub fn expose(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for AuthHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: <redacted>", self.name)
    }
}

/// An HTTP provider (REST or GraphQL).
#[derive(Debug, Clone)]
pub struct HttpTarget {
    /// REST: the base URL paths are appended to; GraphQL: the endpoint.
    pub url: Option<String>,
    /// The credentials, attached at the transport.
    pub auth: Vec<AuthHeader>,
}

/// An open database, by engine.
#[derive(Debug, Clone)]
pub enum SqlTarget {
    /// PostgreSQL.
    Postgres(PgPool),
    /// MySQL or MariaDB.
    Mysql(MySqlPool),
    /// SQLite.
    Sqlite(SqlitePool),
}

impl SqlTarget {
    /// The dialect name a plan must have to run here.
    pub fn dialect(&self) -> &'static str {
        match self {
            SqlTarget::Postgres(_) => "postgres",
            SqlTarget::Mysql(_) => "mysql",
            SqlTarget::Sqlite(_) => "sqlite",
        }
    }
}

/// Where a skill runs.
#[derive(Debug, Clone)]
pub enum Target {
    /// An HTTP API.
    Http(HttpTarget),
    /// A database.
    Sql(SqlTarget),
}

/// The limits of every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole HTTP exchange.
    pub http_timeout: Duration,
    /// Server-side statement timeout (Postgres `statement_timeout`, MySQL/MariaDB
    /// `MAX_EXECUTION_TIME`/`max_statement_time`); SQLite gets a progress deadline.
    pub statement_timeout: Duration,
    /// The largest answer read; more is cut and the run fails with `runtime/response-too-large`.
    pub max_response_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            http_timeout: Duration::from_secs(15),
            statement_timeout: Duration::from_secs(5),
            max_response_bytes: 4 * 1024 * 1024,
        }
    }
}
