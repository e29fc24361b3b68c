//! MySQL/MariaDB discovery against a real MariaDB server (`bindery_testkit::MariadbServer`, one
//! per test binary, a fresh database per test): every fixture under
//! `../shared/fixtures/sql/mysql` with counts checked against `information_schema` queried
//! independently through the `mariadb` client, golden snapshots, the mapping rules on small
//! hand-written databases, and bad input. Skipped locally when MariaDB is not installed; fails
//! with `CI=true`.

mod errors;
mod fixtures;
mod rules;
mod tls;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bindery_discovery::sql::SqlConnection;
use bindery_discovery::{Discovered, DiscoveryError, Registry, SourceConfig};
use bindery_schema::{Field, Object, ObjectKind, Schema};
use bindery_testkit::MariadbServer;

/// The server of this test binary; `None` (the test returns early) when MariaDB is missing and
/// `CI` is not set.
pub fn server() -> Option<&'static MariadbServer> {
    let server =
        MariadbServer::shared().expect("the MariaDB test server starts (CI=true needs it)");
    if let Some(server) = server {
        static SAID: OnceLock<()> = OnceLock::new();
        SAID.get_or_init(|| {
            eprintln!(
                "timing: MariaDB {} started in {:?}",
                server.version(),
                server.started_in()
            );
        });
    }
    server
}

pub fn fixtures_dir() -> PathBuf {
    bindery_testkit::fixtures_dir().join("sql/mysql")
}

pub fn connection(url: &str) -> SqlConnection {
    SqlConnection::from_url(url, 3306).expect("a test URL parses")
}

/// Discovers through the registry, as the application does.
pub async fn discover(connection: SqlConnection) -> Result<Discovered, DiscoveryError> {
    Registry::default()
        .discover(&SourceConfig::Mysql { connection })
        .await
}

/// Discovers `database` as root and reports the time taken.
pub async fn discover_as_root(server: &MariadbServer, database: &str) -> Discovered {
    let started = Instant::now();
    let discovered = discover(connection(&server.url(database)))
        .await
        .expect("the database discovers");
    eprintln!("timing: discover {database}: {:?}", started.elapsed());
    discovered
}

/// Loads a fixture once per test binary (several tests share it) and reports the time taken.
pub fn load_once(
    cell: &'static OnceLock<Result<Duration, String>>,
    load: impl FnOnce() -> Result<(), String>,
) -> Duration {
    let result = cell.get_or_init(|| {
        let started = Instant::now();
        load().map(|()| started.elapsed())
    });
    result.clone().expect("the fixture loads")
}

/// The sakila schema and data, in database `sakila` (the scripts name it).
pub fn sakila(server: &MariadbServer) -> &'static str {
    static LOADED: OnceLock<Result<Duration, String>> = OnceLock::new();
    let took = load_once(&LOADED, || {
        let dir = fixtures_dir().join("sakila");
        server
            .load_sql(None, &dir.join("sakila-mv-schema.sql"))
            .and_then(|()| server.load_sql(None, &dir.join("sakila-mv-data.sql")))
            .map_err(|e| e.to_string())
    });
    eprintln!("timing: load sakila: {took:?}");
    "sakila"
}

/// OpenCart's schema and seed data, in database `opencart`.
pub fn opencart(server: &MariadbServer) -> &'static str {
    static LOADED: OnceLock<Result<Duration, String>> = OnceLock::new();
    let took = load_once(&LOADED, || {
        let file = fixtures_dir().join("opencart/opencart-3.0.x.sql");
        server
            .create_database("opencart")
            .and_then(|()| server.load_sql(Some("opencart"), &file))
            .map_err(|e| e.to_string())
    });
    eprintln!("timing: load opencart: {took:?}");
    "opencart"
}

/// A fresh database holding `ddl`.
pub fn database_with(server: &MariadbServer, prefix: &str, ddl: &str) -> String {
    let name = server.fresh_database(prefix).expect("a fresh database");
    server.execute(Some(&name), ddl).expect("the DDL runs");
    name
}

/// Counts of one database.
#[derive(Debug, PartialEq, Eq)]
pub struct Counts {
    pub tables: usize,
    pub views: usize,
    pub columns: usize,
    pub foreign_keys: usize,
    pub indexes: usize,
}

/// Counts read straight from `information_schema` through the `mariadb` client: independent of
/// the catalog queries under test.
pub fn catalog_counts(server: &MariadbServer, database: &str) -> Counts {
    let count = |sql: String| -> usize {
        let text = server
            .query("information_schema", &sql)
            .expect("count query");
        text.parse().expect("a number")
    };
    Counts {
        tables: count(format!(
            "SELECT COUNT(*) FROM TABLES WHERE TABLE_SCHEMA = '{database}' \
             AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
        )),
        views: count(format!(
            "SELECT COUNT(*) FROM TABLES WHERE TABLE_SCHEMA = '{database}' AND TABLE_TYPE = 'VIEW'"
        )),
        columns: count(format!(
            "SELECT COUNT(*) FROM COLUMNS c JOIN TABLES t USING (TABLE_SCHEMA, TABLE_NAME) \
             WHERE c.TABLE_SCHEMA = '{database}' AND t.TABLE_TYPE <> 'SEQUENCE'"
        )),
        foreign_keys: count(format!(
            "SELECT COUNT(*) FROM REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '{database}'"
        )),
        indexes: count(format!(
            "SELECT COUNT(DISTINCT TABLE_NAME, INDEX_NAME) FROM STATISTICS \
             WHERE TABLE_SCHEMA = '{database}'"
        )),
    }
}

/// The same counts from a discovered schema.
pub fn schema_counts(schema: &Schema) -> Counts {
    let of_kind = |kind: ObjectKind| schema.objects.iter().filter(|o| o.kind == kind).count();
    Counts {
        tables: of_kind(ObjectKind::Table),
        views: of_kind(ObjectKind::View),
        columns: schema.summary.field_count,
        foreign_keys: schema.summary.edge_count,
        indexes: schema.objects.iter().map(|o| o.indexes.len()).sum(),
    }
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
