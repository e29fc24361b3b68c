//! Re-discovery drift of a 2,000-table schema, beside what a naive "did anything change" costs.
//!
//! Builds a synthetic SQL-like schema in memory (2,000 tables of 11 columns, a primary key, a
//! unique code, two foreign keys with their indexes, and the operations SQL discovery derives:
//! select by key, list by foreign key, insert, update), then a re-discovered copy in which 1% of
//! the tables changed (a renamed column, a renamed indexed column, a dropped table, a new NOT
//! NULL column; 5 tables each). Measures, interleaved so machine noise hits every subject:
//!
//! - `diff(old, new)`;
//! - the baseline: both schemas to canonical JSON and a byte comparison;
//! - `diff(old, old)`: an unchanged re-discovery;
//! - `dependencies` + `breaking_for` for 100 bindings against the diff.
//!
//! `cargo bench -p bindery-binding --bench drift [-- RUNS]` (release profile). The table quotes
//! medians.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bindery_binding::drift::{breaking_for, dependencies, diff, Change, DriftReport};
use bindery_binding::Binding;
use bindery_schema::{
    ArgLocation, Argument, Cardinality, Edge, EdgeEnd, EdgeSource, Field, FieldType, Index,
    IndexOrigin, Object, ObjectKind, Operation, OperationClass, Scalar, Schema, SourceInfo,
    SourceKind, Transport,
};

const TABLES: usize = 2_000;
const BINDINGS: usize = 100;

fn name(i: usize) -> String {
    format!("t{i:04}")
}

fn column(name: &str, scalar: Scalar, required: bool) -> Field {
    let (pii, sensitive) = bindery_schema::pii::classify(name, None);
    Field {
        name: name.to_owned(),
        ty: FieldType::scalar(scalar),
        required,
        nullable: !required,
        description: None,
        default: None,
        native_type: Some(scalar.as_str().to_uppercase()),
        pii,
        sensitive,
        deprecated: None,
        arguments: Vec::new(),
        connection: None,
        role: None,
        origin: format!("postgres:public.?.{name}"),
    }
}

fn index(table: &str, column: &str, unique: bool, origin: IndexOrigin) -> Index {
    Index {
        name: format!("{table}_{column}_idx"),
        columns: vec![column.to_owned()],
        unique,
        partial: false,
        origin,
        method: "btree".to_owned(),
    }
}

/// One table as the re-discovery sees it; `variant` picks the 1% drift.
fn table(i: usize, variant: Variant) -> Object {
    let t = name(i);
    let phone = if variant == Variant::RenamePhone {
        "mobile"
    } else {
        "phone"
    };
    let email = if variant == Variant::RenameEmail {
        "email_address"
    } else {
        "email"
    };
    let mut fields = vec![
        column("id", Scalar::Integer, true),
        column("code", Scalar::String, true),
        column("name", Scalar::String, true),
        column(email, Scalar::String, false),
        column(phone, Scalar::String, false),
        column("status", Scalar::String, true),
        column("amount", Scalar::Number, false),
        column("created_at", Scalar::DateTime, true),
        column("note", Scalar::String, false),
        column("ref_a", Scalar::Integer, true),
        column("ref_b", Scalar::Integer, false),
    ];
    if variant == Variant::AddNotNull {
        fields.push(column("priority", Scalar::Integer, true));
    }
    let mut indexes = vec![
        Index {
            name: format!("{t}_pkey"),
            ..index(&t, "id", true, IndexOrigin::PrimaryKey)
        },
        index(&t, "code", true, IndexOrigin::Unique),
        index(&t, email, false, IndexOrigin::Index),
        index(&t, "ref_a", false, IndexOrigin::Index),
        index(&t, "ref_b", false, IndexOrigin::Index),
    ];
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    Object {
        name: t.clone(),
        kind: ObjectKind::Table,
        description: Some(format!("Table number {i}")),
        capabilities: Vec::new(),
        fields,
        primary_key: vec!["id".to_owned()],
        indexes,
        checks: Vec::new(),
        enum_values: Vec::new(),
        implements: Vec::new(),
        members: Vec::new(),
        relay: None,
        origin: format!("postgres:public.{t}"),
    }
}

fn argument(field: &Field, required: bool, leading: bool) -> Argument {
    Argument {
        name: field.name.clone(),
        ty: field.ty.clone(),
        required,
        location: ArgLocation::Column,
        indexed: leading,
        leading_index: leading,
        description: None,
        default: None,
        deprecated: None,
        native_type: None,
    }
}

/// The operations SQL discovery derives for the table.
fn operations(table: &Object) -> Vec<Operation> {
    let t = table.name.as_str();
    let base = |id: String, class: OperationClass| Operation {
        id,
        title: String::new(),
        object: Some(t.to_owned()),
        class,
        idempotent: class != OperationClass::Create,
        transport: Transport::NativeSql,
        http: None,
        arguments: Vec::new(),
        input_object: None,
        returns: Some(FieldType::Object {
            object: t.to_owned(),
        }),
        limit: None,
        description: None,
        tags: vec!["postgres".to_owned()],
        connection: None,
        deprecated: None,
        index: None,
    };
    let mut ops = Vec::new();
    for index in &table.indexes {
        let Some(column) = index.columns.first() else {
            continue;
        };
        let Some(field) = table.fields.iter().find(|f| &f.name == column) else {
            continue;
        };
        if index.unique {
            ops.push(Operation {
                arguments: vec![argument(field, true, true)],
                index: Some(index.name.clone()),
                ..base(format!("sql:select:{t}.by_{column}"), OperationClass::Read)
            });
        } else {
            ops.push(Operation {
                arguments: vec![argument(field, true, true)],
                returns: Some(FieldType::List {
                    of: Box::new(FieldType::Object {
                        object: t.to_owned(),
                    }),
                }),
                limit: Some(50),
                index: Some(index.name.clone()),
                ..base(format!("sql:list:{t}.by_{column}"), OperationClass::Read)
            });
        }
    }
    let settable: Vec<&Field> = table.fields.iter().filter(|f| f.name != "id").collect();
    ops.push(Operation {
        arguments: settable
            .iter()
            .map(|f| argument(f, f.required, false))
            .collect(),
        input_object: Some(t.to_owned()),
        ..base(format!("sql:insert:{t}"), OperationClass::Create)
    });
    if let Some(id) = table.fields.iter().find(|f| f.name == "id") {
        let mut arguments = vec![argument(id, true, true)];
        arguments.extend(settable.iter().map(|f| argument(f, false, false)));
        ops.push(Operation {
            arguments,
            input_object: Some(t.to_owned()),
            index: Some(format!("{t}_pkey")),
            ..base(format!("sql:update:{t}.by_id"), OperationClass::Update)
        });
    }
    ops
}

fn foreign_key(from: usize, column: &str, to: usize) -> Edge {
    Edge {
        from: EdgeEnd {
            object: name(from),
            fields: vec![column.to_owned()],
        },
        to: EdgeEnd {
            object: name(to),
            fields: vec!["id".to_owned()],
        },
        cardinality: Cardinality::One,
        source: EdgeSource::ForeignKey,
        joinable: true,
        name: Some(format!("{}_{column}_fkey", name(from))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Same,
    RenamePhone,
    RenameEmail,
    Drop,
    AddNotNull,
}

/// 1% of the tables drift when `drift` is set: 5 each of four kinds.
fn variant(i: usize, drift: bool) -> Variant {
    if !drift {
        return Variant::Same;
    }
    match i % 400 {
        0 => Variant::RenamePhone,
        100 => Variant::RenameEmail,
        200 => Variant::Drop,
        300 => Variant::AddNotNull,
        _ => Variant::Same,
    }
}

fn build(drift: bool) -> Schema {
    let dropped = |i: usize| variant(i, drift) == Variant::Drop;
    let mut objects = Vec::new();
    let mut edges = Vec::new();
    let mut ops = Vec::new();
    for i in (0..TABLES).filter(|&i| !dropped(i)) {
        let object = table(i, variant(i, drift));
        ops.extend(operations(&object));
        objects.push(object);
        for (column, to) in [("ref_a", (i + 1) % TABLES), ("ref_b", (i + 7) % TABLES)] {
            if !dropped(to) {
                edges.push(foreign_key(i, column, to));
            }
        }
    }
    Schema::finish(
        SourceInfo {
            kind: SourceKind::Postgres,
            title: "synthetic".to_owned(),
            version: Some("17".to_owned()),
            base_url: None,
        },
        objects,
        edges,
        ops,
    )
}

/// 100 bindings over every 20th table, four shapes in turn: a select by key reading the phone,
/// a lookup by email with a join, an update by key, an insert. The drifted tables line up so
/// that each kind of drift breaks the five bindings of one shape (20 in all): the renamed phone
/// the reads, the renamed email the lookups, the dropped table the updates, the new NOT NULL
/// column the inserts.
fn bindings() -> Vec<Binding> {
    (0..BINDINGS)
        .map(|k| {
            let t = name(k * 20);
            let json = match k % 4 {
                0 => serde_json::json!({
                    "toolName": format!("read_{k}"),
                    "operation": format!("sql:select:{t}.by_id"),
                    "inputs": [{"arg": "id", "param": "record_id"}],
                    "projection": [
                        {"path": ["phone"], "leaf": "phone"},
                        {"path": ["status"], "leaf": "status"},
                    ],
                }),
                1 => serde_json::json!({
                    "toolName": format!("lookup_{k}"),
                    "operation": format!("sql:list:{t}.by_email"),
                    "inputs": [{"arg": "email", "param": "caller_email"}],
                    "sqlSearch": {"column": "email", "param": "caller_email"},
                    "projection": [
                        {"path": ["[first]", "name"], "leaf": "name"},
                        {"path": ["[first]", "ref_a", "code"], "leaf": "ref_code"},
                    ],
                }),
                2 => serde_json::json!({
                    "toolName": format!("update_{k}"),
                    "operation": format!("sql:update:{t}.by_id"),
                    "isWrite": true,
                    "sqlWrite": {"mode": "update", "keyColumn": "id", "keyParam": "record_id"},
                    "inputObjectMap": [{"field": "note", "param": "note"}],
                }),
                _ => serde_json::json!({
                    "toolName": format!("add_{k}"),
                    "operation": format!("sql:insert:{t}"),
                    "isWrite": true,
                    "sqlWrite": {"mode": "insert"},
                    "inputObjectMap": [
                        {"field": "code", "param": "code"},
                        {"field": "name", "param": "caller_name"},
                        {"field": "status", "const": "new"},
                        {"field": "created_at", "param": "now"},
                        {"field": "ref_a", "param": "parent"},
                    ],
                }),
            };
            serde_json::from_value(json).unwrap_or_else(|e| {
                eprintln!("bench binding {k} does not parse: {e}");
                std::process::exit(2);
            })
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = black_box(f());
    (start.elapsed(), out)
}

fn check_bindings(changes: &[Change], bindings: &[Binding], old: &Schema) -> usize {
    bindings
        .iter()
        .filter(|b| {
            let deps: BTreeSet<String> = dependencies(b, old);
            !breaking_for(changes, &deps).is_empty()
        })
        .count()
}

fn main() {
    // `cargo bench` passes `--bench`; a bare number sets the run count.
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let old = build(false);
    let new = build(true);
    let bindings = bindings();
    let report = DriftReport::new(&old, &new);
    println!(
        "schema: {} objects, {} fields, {} edges, {} operations ({} bytes of canonical JSON)",
        old.summary.object_count,
        old.summary.field_count,
        old.summary.edge_count,
        old.summary.operation_count,
        old.to_canonical_json().len()
    );
    println!(
        "drift: {} changes ({} breaking, {} dangerous, {} safe); {} of {BINDINGS} bindings broken",
        report.changes.len(),
        report.summary.breaking,
        report.summary.dangerous,
        report.summary.safe,
        check_bindings(&report.changes, &bindings, &old)
    );

    let (mut diffs, mut same, mut naive, mut checks) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        diffs.push(time(|| diff(black_box(&old), black_box(&new))).0);
        naive.push(
            time(|| black_box(&old).to_canonical_json() == black_box(&new).to_canonical_json()).0,
        );
        same.push(time(|| diff(black_box(&old), black_box(&old))).0);
        checks.push(
            time(|| check_bindings(black_box(&report.changes), black_box(&bindings), &old)).0,
        );
    }
    let (d, n, s, c) = (median(diffs), median(naive), median(same), median(checks));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{runs} interleaved runs, median ms");
    println!(
        "{:<58} {:>9}",
        "diff(old, new), 1% of 2,000 tables drifted",
        format!("{:.3}", ms(d))
    );
    println!(
        "{:<58} {:>9}",
        "baseline: canonical JSON of both + byte comparison",
        format!("{:.3}", ms(n))
    );
    println!(
        "{:<58} {:>9}",
        "diff(old, old), nothing drifted",
        format!("{:.3}", ms(s))
    );
    println!(
        "{:<58} {:>9}",
        "dependencies + breaking_for, 100 bindings",
        format!("{:.3}", ms(c))
    );
    println!(
        "diff / baseline: {:.2}",
        d.as_secs_f64() / n.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}
