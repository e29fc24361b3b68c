//! PostgreSQL discovery against a real server: one throwaway PostgreSQL (bindery-testkit's
//! `PostgresServer`) per test binary and a fresh database per test. Every fixture under
//! `../shared/fixtures/sql/postgres` with counts checked against the server's own catalogs
//! (queried here with psql) and golden snapshots; small hand-written schemas for each rule
//! (partitions, enums, composite keys, checks, PII, schema filters); the constant number of
//! statements; a read-only login; and bad input, which gives coded errors quickly without ever
//! showing the password.
//!
//! Locally the tests are skipped when PostgreSQL is not installed; with `CI=true` they fail.

mod errors;
mod fixtures;
mod rules;
mod tls;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_discovery::{Discovered, DiscoveryError, Registry, SourceConfig};
use bindery_schema::{Field, Object, Schema};
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::PostgresServer;

/// The server of this test binary; `None` when PostgreSQL is missing (and `CI` is not set).
pub fn server() -> Option<&'static PostgresServer> {
    static SERVER: OnceLock<Option<PostgresServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            PostgresServer::start().expect("the PostgreSQL test server starts (or is skipped)")
        })
        .as_ref()
}

/// A fresh database named `name` with `sql` run in it (psql, ON_ERROR_STOP).
pub fn database(server: &PostgresServer, name: &str, sql: &str) {
    server.create_database(name).expect("create the database");
    if !sql.is_empty() {
        server.load_sql_text(name, sql).expect("the test SQL runs");
    }
}

/// A connection to `database` on the test server as `user`.
pub fn connection(
    server: &PostgresServer,
    database: &str,
    user: &str,
    password: &str,
) -> SqlConnection {
    SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: database.to_owned(),
        user: user.to_owned(),
        password: Some(Password::new(password)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    }
}

/// A superuser connection to `database`.
pub fn superuser(server: &PostgresServer, database: &str) -> SqlConnection {
    connection(server, database, SUPERUSER, SUPERUSER_PASSWORD)
}

/// Discovers through the registry, as the application does; returns the time it took too.
pub async fn discover(connection: SqlConnection) -> (Result<Discovered, DiscoveryError>, Duration) {
    let started = Instant::now();
    let result = Registry::default()
        .discover(&SourceConfig::Postgres { connection })
        .await;
    (result, started.elapsed())
}

/// Discovers and expects success.
pub async fn discovered(connection: SqlConnection) -> Discovered {
    discover(connection)
        .await
        .0
        .expect("the database discovers")
}

/// Runs `sql` as the superuser in `database` and reads one number.
pub fn count(server: &PostgresServer, database: &str, sql: &str) -> usize {
    server
        .psql(database, sql)
        .expect("the count query runs")
        .parse()
        .expect("the count query returns one number")
}

pub fn object<'s>(schema: &'s Schema, name: &str) -> &'s Object {
    schema
        .object(name)
        .ok_or_else(|| format!("no object named {name}"))
        .expect("the object exists")
}

pub fn field<'s>(schema: &'s Schema, object_name: &str, name: &str) -> &'s Field {
    object(schema, object_name)
        .fields
        .iter()
        .find(|f| f.name == name)
        .ok_or_else(|| format!("no field {object_name}.{name}"))
        .expect("the field exists")
}

/// Diagnostic codes in order.
pub fn codes(discovered: &Discovered) -> Vec<&str> {
    discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}
