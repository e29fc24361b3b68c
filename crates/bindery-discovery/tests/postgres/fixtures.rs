//! Every PostgreSQL fixture: loaded into a fresh database, discovered through the registry, its
//! table, view, column, foreign key and index counts equal to the server's own catalogs
//! (information_schema and pg_indexes, queried here, not by the discovery queries), and a golden
//! snapshot of a compact sample of the schema with its fingerprint.

use std::collections::BTreeMap;
use std::time::Instant;

use bindery_discovery::Discovered;
use bindery_schema::pii::PiiClass;
use bindery_schema::{ObjectKind, Schema};
use bindery_testkit::PostgresServer;
use serde_json::{json, Value};

use super::{discovered, server, superuser};

struct Fixture {
    /// Database and snapshot name.
    name: &'static str,
    /// SQL run before the files.
    setup: &'static str,
    /// Files under `sql/postgres`, loaded in order.
    files: &'static [&'static str],
    /// Tables, columns and foreign keys PROVENANCE.md gives for the loaded schema, when they
    /// count the same things (partitions folded in).
    provenance: Option<(usize, usize, usize)>,
}

const PAGILA: Fixture = Fixture {
    name: "pagila",
    setup: "",
    files: &["pagila/pagila-schema.sql", "pagila/pagila-data.sql"],
    provenance: None,
};
const CHINOOK: Fixture = Fixture {
    name: "chinook",
    setup: "",
    files: &["chinook/Chinook_PostgreSql.sql"],
    provenance: Some((11, 64, 11)),
};
const NORTHWIND: Fixture = Fixture {
    name: "northwind",
    setup: "",
    files: &["northwind/northwind.sql"],
    provenance: Some((14, 92, 13)),
};
const SAKILA: Fixture = Fixture {
    name: "sakila",
    setup: "",
    files: &[
        "sakila/postgres-sakila-schema.sql",
        "sakila/postgres-sakila-insert-data-using-copy.sql",
    ],
    provenance: None,
};
const MUSICBRAINZ: Fixture = Fixture {
    name: "musicbrainz",
    // PROVENANCE.md: the schema and two extensions must exist first.
    setup: "CREATE SCHEMA musicbrainz; CREATE EXTENSION cube; CREATE EXTENSION earthdistance;",
    files: &["musicbrainz/musicbrainz-core-schema.sql"],
    provenance: None,
};

/// Counts the way the tests see them.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    tables: usize,
    views: usize,
    columns: usize,
    foreign_keys: usize,
    indexes: usize,
}

const NOT_SYSTEM: &str = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";

/// `schema.table` as a regclass, from information_schema's two columns.
fn regclass(schema: &str, table: &str) -> String {
    format!("(quote_ident({schema}) || '.' || quote_ident({table}))::regclass")
}

/// The server's own counts, through information_schema, pg_matviews and pg_indexes; partitions
/// (folded into their parent by discovery) are left out.
fn server_counts(server: &PostgresServer, database: &str) -> Counts {
    let n = |sql: String| super::count(server, database, &sql);
    let not_partition = |schema: &str, table: &str| {
        format!(
            "NOT (SELECT relispartition FROM pg_class WHERE oid = {})",
            regclass(schema, table)
        )
    };
    Counts {
        tables: n(format!(
            "SELECT count(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE' \
             AND table_schema {NOT_SYSTEM} AND {}",
            not_partition("table_schema", "table_name")
        )),
        views: n(format!(
            "SELECT (SELECT count(*) FROM information_schema.views WHERE table_schema {NOT_SYSTEM}) \
             + (SELECT count(*) FROM pg_matviews WHERE schemaname {NOT_SYSTEM})"
        )),
        columns: n(format!(
            "SELECT (SELECT count(*) FROM information_schema.columns col \
               JOIN information_schema.tables t USING (table_schema, table_name) \
               WHERE t.table_type IN ('BASE TABLE', 'VIEW') AND col.table_schema {NOT_SYSTEM} AND {}) \
             + (SELECT count(*) FROM pg_matviews m JOIN pg_attribute a ON a.attrelid = {} \
               WHERE a.attnum > 0 AND NOT a.attisdropped AND m.schemaname {NOT_SYSTEM})",
            not_partition("col.table_schema", "col.table_name"),
            regclass("m.schemaname", "m.matviewname"),
        )),
        foreign_keys: n(format!(
            "SELECT count(*) FROM information_schema.table_constraints \
             WHERE constraint_type = 'FOREIGN KEY' AND table_schema {NOT_SYSTEM} AND {}",
            not_partition("table_schema", "table_name")
        )),
        indexes: n(format!(
            "SELECT count(*) FROM pg_indexes WHERE schemaname {NOT_SYSTEM} AND {}",
            not_partition("schemaname", "tablename")
        )),
    }
}

fn schema_counts(schema: &Schema) -> Counts {
    let kind = |k: ObjectKind| schema.objects.iter().filter(|o| o.kind == k).count();
    Counts {
        tables: kind(ObjectKind::Table),
        views: kind(ObjectKind::View) + kind(ObjectKind::MaterializedView),
        columns: schema.summary.field_count,
        foreign_keys: schema.summary.edge_count,
        indexes: schema.objects.iter().map(|o| o.indexes.len()).sum(),
    }
}

/// A compact, stable sample: summary, fingerprint (without the server's version), histograms,
/// the first tables and views in full, some edges and operations.
fn sample(discovered: &Discovered) -> Value {
    let schema = &discovered.value;
    let mut stable = schema.clone();
    stable.source.version = None;
    let histogram = |items: Vec<String>| {
        let mut map: BTreeMap<String, usize> = BTreeMap::new();
        for item in items {
            *map.entry(item).or_default() += 1;
        }
        map
    };
    let fields = || schema.objects.iter().flat_map(|o| &o.fields);
    let mut shown: Vec<_> = schema
        .objects
        .iter()
        .filter(|o| o.kind == ObjectKind::Table)
        .take(3)
        .collect();
    shown.extend(
        schema
            .objects
            .iter()
            .filter(|o| o.kind != ObjectKind::Table)
            .take(1),
    );
    json!({
        "source": { "kind": schema.source.kind, "title": schema.source.title },
        "summary": schema.summary,
        "digest": stable.fingerprint(),
        "kinds": histogram(schema.objects.iter().map(|o| format!("{:?}", o.kind)).collect()),
        "types": histogram(fields().map(|f| f.ty.label()).collect()),
        "pii": histogram(fields().filter(|f| f.pii != PiiClass::None).map(|f| format!("{:?}", f.pii)).collect()),
        "operationClasses": histogram(schema.operations.iter().map(|o| format!("{:?}", o.class)).collect()),
        "objects": shown.iter().map(|o| json!({
            "name": o.name,
            "kind": o.kind,
            "origin": o.origin,
            "description": o.description,
            "capabilities": o.capabilities,
            "primaryKey": o.primary_key,
            "fields": o.fields.iter().map(|f| format!(
                "{}: {} ({}){}{}",
                f.name,
                f.ty.label(),
                f.native_type.as_deref().unwrap_or(""),
                if f.required { " required" } else { "" },
                if f.nullable { " nullable" } else { "" },
            )).collect::<Vec<_>>(),
            "indexes": o.indexes.iter().map(|i| format!(
                "{} ({}) {:?}{}{}",
                i.name,
                i.columns.join(", "),
                i.origin,
                if i.unique { " unique" } else { "" },
                if i.partial { " partial" } else { "" },
            )).collect::<Vec<_>>(),
            "checks": o.checks.iter().map(|c| c.expression.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "edges": schema.edges.iter().step_by((schema.edges.len() / 5).max(1)).map(|e| format!(
            "{}({}) -> {}({})",
            e.from.object,
            e.from.fields.join(", "),
            e.to.object,
            e.to.fields.join(", "),
        )).collect::<Vec<_>>(),
        "operations": schema.operations.iter().step_by((schema.operations.len() / 8).max(1)).map(|op| op.id.as_str()).collect::<Vec<_>>(),
        "diagnostics": histogram(discovered.diagnostics.iter().map(|d| d.code.clone()).collect()),
    })
}

/// Chinook's script drops and creates its own database and switches to it (`\c chinook`):
/// those lines are left out so it loads into the test's fresh database.
fn without_database_switch(sql: &str) -> String {
    sql.lines()
        .filter(|line| {
            let l = line.trim().to_ascii_uppercase();
            !(l.starts_with("DROP DATABASE")
                || l.starts_with("CREATE DATABASE")
                || l.starts_with("\\C "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn check(fixture: &Fixture) {
    let Some(server) = server() else { return };
    let name = fixture.name;
    let dir = bindery_testkit::fixtures_dir().join("sql").join("postgres");
    let started = Instant::now();
    server.create_database(name).expect("create the database");
    if !fixture.setup.is_empty() {
        server
            .psql(name, fixture.setup)
            .expect("the setup SQL runs");
    }
    for file in fixture.files {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read the fixture");
        if text.contains("CREATE DATABASE") {
            server
                .load_sql_text(name, &without_database_switch(&text))
                .expect("the fixture loads");
        } else {
            server.load_sql(name, &path).expect("the fixture loads");
        }
    }
    let loaded = started.elapsed();

    let started = Instant::now();
    let first = discovered(superuser(server, name)).await;
    let took = started.elapsed();
    eprintln!(
        "{name}: loaded in {} ms, discovered in {} ms ({} objects, {} fields, {} edges)",
        loaded.as_millis(),
        took.as_millis(),
        first.value.summary.object_count,
        first.value.summary.field_count,
        first.value.summary.edge_count
    );
    let schema = &first.value;
    let expected = server_counts(server, name);
    assert_eq!(
        schema_counts(schema),
        expected,
        "{name}: counts equal the server's catalogs"
    );
    if let Some((tables, columns, foreign_keys)) = fixture.provenance {
        assert_eq!(
            (
                expected.tables,
                schema.summary.field_count,
                schema.summary.edge_count
            ),
            (tables, columns, foreign_keys),
            "{name}: PROVENANCE.md's tables, columns and foreign keys"
        );
    }
    assert!(
        !first
            .diagnostics
            .iter()
            .any(|d| d.code == "discovery/sql-dangling-foreign-key"),
        "{name}: every foreign key lands: {:?}",
        first.diagnostics
    );
    let again = discovered(superuser(server, name)).await;
    assert_eq!(
        schema.to_canonical_json(),
        again.value.to_canonical_json(),
        "{name}: the same database gives the same bytes"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_json_snapshot!(format!("postgres_{name}"), sample(&first)));
}

#[tokio::test]
async fn pagila_matches_the_catalog() {
    check(&PAGILA).await;
}

#[tokio::test]
async fn chinook_matches_the_catalog() {
    check(&CHINOOK).await;
}

#[tokio::test]
async fn northwind_matches_the_catalog() {
    check(&NORTHWIND).await;
}

#[tokio::test]
async fn sakila_matches_the_catalog() {
    check(&SAKILA).await;
}

#[tokio::test]
async fn musicbrainz_matches_the_catalog() {
    check(&MUSICBRAINZ).await;
}
