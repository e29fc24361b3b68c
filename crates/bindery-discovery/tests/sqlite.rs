//! SQLite discovery on real files: the Chinook database and the Sakila DDL from
//! `../shared/fixtures` (override with `BINDERY_FIXTURES`), the embedded demo, and small
//! hand-written databases for the edge cases.

use std::path::{Path, PathBuf};

use bindery_discovery::{sql::sqlite::discover_file, DiscoveryError};
use bindery_schema::{OperationClass, Schema};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row, SqliteConnection};

fn fixtures() -> PathBuf {
    match std::env::var_os("BINDERY_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    }
}

/// Counts taken the slow, obvious way (one pragma call per table), independent of the
/// set-based catalog queries under test.
#[derive(Debug, PartialEq, Eq)]
struct PragmaCounts {
    tables: usize,
    views: usize,
    columns: usize,
    foreign_keys: usize,
    indexes: usize,
}

async fn pragma_counts(path: &Path) -> PragmaCounts {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .expect("open fixture");
    let rows = sqlx::query("SELECT type, name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'")
        .fetch_all(&mut conn)
        .await
        .expect("sqlite_master");
    let mut counts = PragmaCounts {
        tables: 0,
        views: 0,
        columns: 0,
        foreign_keys: 0,
        indexes: 0,
    };
    for row in rows {
        let kind: String = row.get("type");
        let name: String = row.get("name");
        if kind == "table" {
            counts.tables += 1;
        } else {
            counts.views += 1;
        }
        let quoted = name.replace('"', "\"\"");
        counts.columns += sqlx::query(sqlx::AssertSqlSafe(format!(
            "PRAGMA table_xinfo(\"{quoted}\")"
        )))
        .fetch_all(&mut conn)
        .await
        .expect("table_xinfo")
        .len();
        let fk_ids: std::collections::BTreeSet<i64> = sqlx::query(sqlx::AssertSqlSafe(format!(
            "PRAGMA foreign_key_list(\"{quoted}\")"
        )))
        .fetch_all(&mut conn)
        .await
        .expect("foreign_key_list")
        .iter()
        .map(|r| r.get::<i64, _>("id"))
        .collect();
        counts.foreign_keys += fk_ids.len();
        counts.indexes += sqlx::query(sqlx::AssertSqlSafe(format!(
            "PRAGMA index_list(\"{quoted}\")"
        )))
        .fetch_all(&mut conn)
        .await
        .expect("index_list")
        .len();
    }
    counts
}

fn schema_counts(schema: &Schema) -> PragmaCounts {
    PragmaCounts {
        tables: schema
            .objects
            .iter()
            .filter(|o| o.kind == bindery_schema::ObjectKind::Table)
            .count(),
        views: schema
            .objects
            .iter()
            .filter(|o| o.kind == bindery_schema::ObjectKind::View)
            .count(),
        columns: schema.summary.field_count,
        foreign_keys: schema.summary.edge_count,
        indexes: schema.objects.iter().map(|o| o.indexes.len()).sum(),
    }
}

async fn database_from_sql(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(name);
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .expect("create database");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await
        .expect("run DDL");
    conn.close().await.expect("close");
    path
}

#[tokio::test]
async fn chinook_counts_match_the_catalog_and_snapshot_is_stable() {
    let path = fixtures().join("sql/sqlite/chinook/Chinook_Sqlite.sqlite");
    let discovered = discover_file(&path).await.expect("Chinook discovers");
    let schema = &discovered.value;
    assert_eq!(
        schema_counts(schema),
        pragma_counts(&path).await,
        "counts equal sqlite_master/pragma"
    );
    assert_eq!(schema.summary.object_count, 11, "PROVENANCE: 11 tables");
    assert_eq!(schema.summary.field_count, 64, "PROVENANCE: 64 columns");
    assert_eq!(schema.summary.edge_count, 11, "PROVENANCE: 11 foreign keys");
    assert!(
        discovered.diagnostics.is_empty(),
        "no diagnostics: {:?}",
        discovered.diagnostics
    );
    let again = discover_file(&path).await.expect("second run");
    assert_eq!(
        schema.to_canonical_json(),
        again.value.to_canonical_json(),
        "deterministic bytes"
    );
    insta::assert_json_snapshot!("chinook", schema, {".source.version" => "[sqlite version]"});
}

#[tokio::test]
async fn sakila_ddl_counts_match_the_catalog() {
    let ddl =
        std::fs::read_to_string(fixtures().join("sql/sqlite/sakila/sqlite-sakila-schema.sql"))
            .expect("read Sakila DDL");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_from_sql(dir.path(), "sakila.db", &ddl).await;
    let discovered = discover_file(&path).await.expect("Sakila discovers");
    let schema = &discovered.value;
    let expected = pragma_counts(&path).await;
    assert_eq!(
        schema_counts(schema),
        expected,
        "counts equal sqlite_master/pragma"
    );
    assert_eq!(
        (expected.tables, expected.views, expected.foreign_keys),
        (16, 5, 22),
        "PROVENANCE: 16 tables, 5 views, 22 FKs"
    );
    let film_actor = schema.object("film_actor").expect("film_actor exists");
    assert_eq!(
        film_actor.primary_key,
        ["actor_id", "film_id"],
        "composite primary key in key order"
    );
    assert!(
        schema
            .operations
            .iter()
            .any(|op| op.id == "sql:select:film_actor.by_actor_id_and_film_id"),
        "composite key lookup operation"
    );
    insta::assert_json_snapshot!("sakila_summary", schema.summary);
}

#[tokio::test]
async fn demo_database_counts_match_the_catalog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    bindery_demo::create_demo_database(&path, 7, "2026-11-26")
        .await
        .expect("demo generates");
    let discovered = discover_file(&path).await.expect("demo discovers");
    assert_eq!(
        schema_counts(&discovered.value),
        pragma_counts(&path).await,
        "counts equal sqlite_master/pragma"
    );
    assert!(
        discovered.diagnostics.is_empty(),
        "the demo is clean: {:?}",
        discovered.diagnostics
    );
    let customers = discovered
        .value
        .object("customers")
        .expect("customers table");
    let phone = customers
        .fields
        .iter()
        .find(|f| f.name == "phone")
        .expect("phone column");
    assert_eq!(
        phone.pii,
        bindery_schema::pii::PiiClass::Contact,
        "phone is contact PII"
    );
    assert!(
        discovered
            .value
            .operations
            .iter()
            .any(|op| op.id == "sql:select:customers.by_phone"),
        "a unique phone gives a lookup by phone"
    );
}

const SHOP: &str = r#"
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, password_hash TEXT);
CREATE TABLE warehouses (region TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (region, code)) WITHOUT ROWID;
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  region TEXT NOT NULL, code TEXT NOT NULL,
  total_cents INTEGER NOT NULL DEFAULT 0,
  total_dollars REAL GENERATED ALWAYS AS (total_cents / 100.0) VIRTUAL,
  shape GEOMETRY,
  FOREIGN KEY (region, code) REFERENCES warehouses(region, code)
);
CREATE INDEX idx_orders_customer ON orders(customer_id, id);
CREATE INDEX idx_orders_expr ON orders(lower(code));
CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE total_cents > 10000;
"#;

#[tokio::test]
async fn operations_edges_and_diagnostics_on_a_small_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_from_sql(dir.path(), "shop.db", SHOP).await;
    let discovered = discover_file(&path).await.expect("discovers");
    let schema = &discovered.value;
    let composite = schema
        .edges
        .iter()
        .find(|e| e.to.object == "warehouses")
        .expect("composite foreign key edge");
    assert_eq!(
        composite.from.fields,
        ["region", "code"],
        "composite FK keeps column order"
    );
    assert_eq!(
        composite.to.fields,
        ["region", "code"],
        "and the referenced columns"
    );
    let ids: Vec<&str> = schema.operations.iter().map(|op| op.id.as_str()).collect();
    for expected in [
        "sql:select:customers.by_email",
        "sql:select:customers.by_id",
        "sql:list:orders.by_customer_id",
        "sql:insert:orders",
        "sql:update:orders.by_id",
    ] {
        assert!(ids.contains(&expected), "{expected} in {ids:?}");
    }
    assert!(
        !ids.iter().any(|id| id.contains("big_orders")),
        "views get no operations: {ids:?}"
    );
    assert!(
        !ids.iter().any(|id| id.starts_with("sql:delete")),
        "no deletes offered"
    );
    let insert = schema
        .operations
        .iter()
        .find(|op| op.id == "sql:insert:orders")
        .expect("insert");
    assert_eq!(insert.class, OperationClass::Create, "insert is a create");
    let args: Vec<&str> = insert.arguments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        args,
        ["customer_id", "region", "code", "total_cents", "shape"],
        "no rowid alias, no generated column"
    );
    let customers = schema.object("customers").expect("customers");
    let secret = customers
        .fields
        .iter()
        .find(|f| f.name == "password_hash")
        .expect("column");
    assert!(secret.sensitive, "password hashes are sensitive");
    let codes: Vec<&str> = discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["discovery/sql-unknown-type"],
        "GEOMETRY is reported once"
    );
    let orders = schema.object("orders").expect("orders");
    let expr = orders
        .indexes
        .iter()
        .find(|i| i.name == "idx_orders_expr")
        .expect("expression index");
    assert_eq!(
        expr.columns,
        ["<expression>"],
        "expression columns are named as such"
    );
}

#[tokio::test]
async fn a_broken_view_is_skipped_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_from_sql(
        dir.path(),
        "broken.db",
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE VIEW v AS SELECT id FROM a; DROP TABLE a; CREATE TABLE b (x TEXT);",
    )
    .await;
    let discovered = discover_file(&path)
        .await
        .expect("the rest still discovers");
    let names: Vec<&str> = discovered
        .value
        .objects
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["b"], "the broken view is left out");
    assert_eq!(
        discovered.diagnostics[0].code, "discovery/sql-relation-skipped",
        "and reported"
    );
}

#[tokio::test]
async fn bad_inputs_have_stable_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = discover_file(&dir.path().join("nope.db")).await;
    assert!(
        matches!(&missing, Err(e @ DiscoveryError::NotFound { .. }) if e.code() == "discovery/source-not-found"),
        "{missing:?}"
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some text of a reasonable length",
    )
    .expect("write");
    let not_db = discover_file(&text).await;
    assert!(
        matches!(&not_db, Err(e @ DiscoveryError::NotASource { .. }) if e.code() == "discovery/not-a-source"),
        "{not_db:?}"
    );
    let as_dir = discover_file(dir.path()).await;
    assert!(
        matches!(as_dir, Err(DiscoveryError::NotASource { .. })),
        "a directory is not a database"
    );
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    let discovered = discover_file(&empty)
        .await
        .expect("an empty file is an empty database");
    assert_eq!(discovered.value.summary.object_count, 0, "nothing in it");
}
