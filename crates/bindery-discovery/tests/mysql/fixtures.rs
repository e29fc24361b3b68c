//! Every MySQL fixture: loaded into the server, discovered through the registry, counts equal to
//! `information_schema` (and to PROVENANCE.md), deterministic, golden snapshot of a sample.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bindery_discovery::Discovered;
use bindery_schema::{FieldType, ObjectKind};
use bindery_testkit::MariadbServer;
use serde_json::{json, Value};

use super::{
    catalog_counts, discover_as_root, field, fixtures_dir, load_once, opencart, sakila,
    schema_counts, server, Counts,
};

/// A compact, stable sample of a discovered schema: the source (version redacted: it names the
/// server build), counts, the fingerprint of the schema with the version cleared, the first
/// tables and view, a spread of edges and operations, diagnostics by code.
fn sample(discovered: &Discovered) -> Value {
    let schema = &discovered.value;
    let mut versionless = schema.clone();
    versionless.source.version = None;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for o in &schema.objects {
        *kinds.entry(format!("{:?}", o.kind)).or_default() += 1;
    }
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    for op in &schema.operations {
        *classes.entry(format!("{:?}", op.class)).or_default() += 1;
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &discovered.diagnostics {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    let tables = schema
        .objects
        .iter()
        .filter(|o| o.kind == ObjectKind::Table)
        .take(2);
    let views = schema
        .objects
        .iter()
        .filter(|o| o.kind == ObjectKind::View)
        .take(1);
    json!({
        "source": { "kind": schema.source.kind, "title": schema.source.title, "version": "[server version]" },
        "summary": schema.summary,
        "digest": versionless.fingerprint(),
        "objectKinds": kinds,
        "operationClasses": classes,
        "objects": tables.chain(views).map(|o| json!({
            "name": o.name,
            "kind": o.kind,
            "description": o.description,
            "capabilities": o.capabilities,
            "primaryKey": o.primary_key,
            "indexes": o.indexes.iter().map(|i| format!("{}({}){}", i.name, i.columns.join(","), if i.unique { " unique" } else { "" })).collect::<Vec<_>>(),
            "checks": o.checks.iter().map(|c| c.expression.as_str()).collect::<Vec<_>>(),
            "fields": o.fields.iter().take(10).map(|f| format!(
                "{}: {} ({}){}{}",
                f.name,
                f.ty.label(),
                f.native_type.as_deref().unwrap_or(""),
                if f.required { " required" } else { "" },
                f.default.as_deref().map(|d| format!(" default {d}")).unwrap_or_default(),
            )).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "edges": schema.edges.iter().step_by((schema.edges.len() / 5).max(1)).map(|e| format!(
            "{}({}) -> {}({})", e.from.object, e.from.fields.join(","), e.to.object, e.to.fields.join(",")
        )).collect::<Vec<_>>(),
        "operations": schema.operations.iter().step_by((schema.operations.len() / 8).max(1)).map(|op| op.id.as_str()).collect::<Vec<_>>(),
        "diagnostics": by_code,
    })
}

/// Discovers `database`, checks counts against the catalog and PROVENANCE.md, determinism, and
/// the snapshot.
async fn check(server: &MariadbServer, database: &str, provenance: Counts, snapshot: &str) {
    let discovered = discover_as_root(server, database).await;
    let schema = &discovered.value;
    assert_eq!(
        schema_counts(schema),
        catalog_counts(server, database),
        "{database}: counts equal information_schema"
    );
    // PROVENANCE.md lists tables, views, columns and foreign keys; indexes are not listed.
    let from_schema = Counts {
        indexes: 0,
        ..schema_counts(schema)
    };
    assert_eq!(
        from_schema, provenance,
        "{database}: counts equal PROVENANCE.md"
    );
    assert_eq!(
        schema.source.title, database,
        "the title is the database name"
    );
    assert_eq!(
        schema.source.version.as_deref(),
        Some(server.version()),
        "{database}: the version is the server's"
    );
    let again = super::discover(super::connection(&server.url(database)))
        .await
        .expect("discovers twice");
    assert_eq!(
        again.value.fingerprint(),
        schema.fingerprint(),
        "{database}: deterministic output"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_json_snapshot!(snapshot, sample(&discovered)));
}

fn enum_of(values: &[&str]) -> FieldType {
    FieldType::Enum {
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

fn counts(tables: usize, views: usize, columns: usize, foreign_keys: usize) -> Counts {
    Counts {
        tables,
        views,
        columns,
        foreign_keys,
        indexes: 0,
    }
}

#[tokio::test]
async fn sakila_schema_and_data() {
    let Some(server) = server() else { return };
    let database = sakila(server);
    check(server, database, counts(16, 7, 131, 22), "sakila").await;
    let discovered = discover_as_root(server, database).await;
    assert_eq!(
        field(&discovered.value, "film", "rating").ty,
        enum_of(&["G", "PG", "PG-13", "R", "NC-17"]),
        "film.rating is an enum with its values in order"
    );
    assert_eq!(
        field(&discovered.value, "film", "special_features")
            .ty
            .label(),
        "string",
        "a set(...) column is text"
    );
}

#[tokio::test]
async fn chinook_creates_its_own_database() {
    let Some(server) = server() else { return };
    static LOADED: OnceLock<Result<Duration, String>> = OnceLock::new();
    let took = load_once(&LOADED, || {
        server
            .load_sql(None, &fixtures_dir().join("chinook/Chinook_MySql.sql"))
            .map_err(|e| e.to_string())
    });
    eprintln!("timing: load chinook: {took:?}");
    check(server, "Chinook", counts(11, 0, 64, 11), "chinook").await;
}

#[tokio::test]
async fn opencart_has_no_declared_foreign_keys() {
    let Some(server) = server() else { return };
    let database = opencart(server);
    check(server, database, counts(134, 0, 826, 0), "opencart").await;
}

#[tokio::test]
async fn employees_ddl_stops_at_the_missing_dumps() {
    let Some(server) = server() else { return };
    let started = Instant::now();
    // employees.sql sources eight dumps; only two are in the fixtures, so the client stops at
    // the first missing one, after the tables and views exist.
    let error = server
        .load_sql(None, &fixtures_dir().join("employees/employees.sql"))
        .expect_err("load_employees.dump is not in the fixtures");
    assert!(
        error.to_string().contains("load_employees.dump"),
        "the load stops at the first missing dump: {error}"
    );
    eprintln!("timing: load employees: {:?}", started.elapsed());
    let departments = server
        .query("employees", "SELECT COUNT(*) FROM departments")
        .expect("count departments");
    assert_eq!(
        departments, "9",
        "load_departments.dump (found beside the script) ran"
    );
    check(server, "employees", counts(6, 2, 31, 6), "employees").await;
    let discovered = discover_as_root(server, "employees").await;
    assert_eq!(
        field(&discovered.value, "employees", "gender").ty,
        enum_of(&["M", "F"]),
        "employees.gender is an enum"
    );
}
