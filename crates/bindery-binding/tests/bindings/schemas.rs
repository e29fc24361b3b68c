//! The schemas the cases bind against, discovered from real fixtures (`../shared/fixtures`, or
//! `BINDERY_FIXTURES`) and from the demo database, once per test process.

use std::path::PathBuf;
use std::sync::OnceLock;

use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_discovery::{graphql, openapi, Registry, SourceConfig};
use bindery_schema::Schema;
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::{fixtures_dir, PostgresServer};

/// A fixture the cases of one folder bind against.
pub struct Fixture {
    pub schema: Schema,
    pub fingerprint: String,
}

impl Fixture {
    fn new(schema: Schema) -> Fixture {
        let fingerprint = schema.fingerprint();
        Fixture {
            schema,
            fingerprint,
        }
    }
}

fn read(relative: &str) -> Vec<u8> {
    let path: PathBuf = fixtures_dir().join(relative);
    // A missing fixture is a broken checkout, not a reason to skip.
    std::fs::read(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .expect("the fixture is readable")
}

pub fn stripe() -> &'static Fixture {
    static ONCE: OnceLock<Fixture> = OnceLock::new();
    ONCE.get_or_init(|| {
        let bytes = read("openapi/stripe/stripe-spec3.yaml");
        let discovered = openapi::discover_bytes(&bytes, "stripe").expect("Stripe discovers");
        Fixture::new(discovered.value)
    })
}

pub fn github() -> &'static Fixture {
    static ONCE: OnceLock<Fixture> = OnceLock::new();
    ONCE.get_or_init(|| {
        let bytes = read("graphql/github/github-schema.graphql");
        let discovered = graphql::discover_bytes(&bytes, "github").expect("GitHub SDL discovers");
        Fixture::new(discovered.value)
    })
}

pub fn shopify() -> &'static Fixture {
    static ONCE: OnceLock<Fixture> = OnceLock::new();
    ONCE.get_or_init(|| {
        let bytes = read("graphql/shopify/shopify-admin-2026-07.graphql");
        let discovered = graphql::discover_bytes(&bytes, "shopify").expect("Shopify SDL discovers");
        Fixture::new(discovered.value)
    })
}

pub fn saleor() -> &'static Fixture {
    static ONCE: OnceLock<Fixture> = OnceLock::new();
    ONCE.get_or_init(|| {
        let bytes = read("graphql/saleor/saleor-schema.graphql");
        let discovered = graphql::discover_bytes(&bytes, "saleor").expect("Saleor SDL discovers");
        Fixture::new(discovered.value)
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// The demo field-service database, created in a temporary directory and discovered.
pub fn demo() -> &'static Fixture {
    static ONCE: OnceLock<Fixture> = OnceLock::new();
    ONCE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("demo.db");
        runtime().block_on(async {
            bindery_demo::create_demo_database(&path, 7, "2026-11-26")
                .await
                .expect("the demo database is created");
            let discovered = Registry::default()
                .discover(&SourceConfig::Sqlite { path: path.clone() })
                .await
                .expect("the demo database discovers");
            Fixture::new(discovered.value)
        })
    })
}

/// The PostgreSQL test server (None locally without PostgreSQL; CI fails instead).
pub fn postgres() -> Option<&'static PostgresServer> {
    static SERVER: OnceLock<Option<PostgresServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            PostgresServer::start().expect("the PostgreSQL test server starts (or is skipped)")
        })
        .as_ref()
}

pub fn superuser(server: &PostgresServer, database: &str) -> SqlConnection {
    SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: database.to_owned(),
        user: SUPERUSER.to_owned(),
        password: Some(Password::new(SUPERUSER_PASSWORD)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    }
}

/// Discovers a database of the test server.
pub fn discover_postgres(server: &PostgresServer, database: &str) -> Schema {
    runtime().block_on(async {
        Registry::default()
            .discover(&SourceConfig::Postgres {
                connection: superuser(server, database),
            })
            .await
            .expect("the database discovers")
            .value
    })
}

/// Pagila (schema and data) loaded into the test server and discovered.
pub fn pagila() -> Option<&'static Fixture> {
    static ONCE: OnceLock<Option<Fixture>> = OnceLock::new();
    ONCE.get_or_init(|| {
        let server = postgres()?;
        server.create_database("pagila").expect("create pagila");
        let dir = fixtures_dir().join("sql/postgres/pagila");
        server
            .load_sql("pagila", &dir.join("pagila-schema.sql"))
            .expect("pagila schema loads");
        Some(Fixture::new(discover_postgres(server, "pagila")))
    })
    .as_ref()
}
