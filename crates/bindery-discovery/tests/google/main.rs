//! Google discovery documents: the Calendar v3 and Sheets v4 fixtures from `../shared/fixtures`
//! (override with `BINDERY_FIXTURES`); small hand-written documents for each rule are in `rules`.

use std::path::{Path, PathBuf};

mod robustness;
mod rules;

use bindery_discovery::google::discover_bytes;
use bindery_discovery::Discovered;
use bindery_schema::{ArgLocation, Capability, OperationClass};
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    match std::env::var_os("BINDERY_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    }
}

fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixtures().join("openapi/google").join(name);
    std::fs::read(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .expect("fixture readable (set BINDERY_FIXTURES to the fixtures directory)")
}

/// Methods counted the obvious way: every `methods` map under the root and under every
/// (nested) `resources` entry.
fn count_methods(node: &Value) -> usize {
    let own = node
        .get("methods")
        .and_then(Value::as_object)
        .map_or(0, |m| m.len());
    let nested: usize = node
        .get("resources")
        .and_then(Value::as_object)
        .map_or(0, |r| r.values().map(count_methods).sum());
    own + nested
}

/// A readable sample for the snapshot: summary, digest, the first objects and operations, and
/// diagnostic codes with their counts.
fn sample(discovered: &Discovered) -> Value {
    let schema = &discovered.value;
    let objects: Vec<Value> = schema
        .objects
        .iter()
        .take(3)
        .map(|o| {
            json!({
                "name": o.name,
                "fields": o.fields.iter().map(|f| format!("{}: {}", f.name, f.ty.label())).collect::<Vec<_>>(),
            })
        })
        .collect();
    let operations: Vec<Value> = schema
        .operations
        .iter()
        .take(5)
        .map(|op| {
            json!({
                "id": op.id,
                "class": op.class,
                "object": op.object,
                "arguments": op.arguments.iter().map(|a| format!("{} @{:?}", a.name, a.location)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &discovered.diagnostics {
        *counts.entry(d.code.as_str()).or_default() += 1;
    }
    json!({
        "source": schema.source,
        "summary": schema.summary,
        "digest": schema.fingerprint(),
        "objects": objects,
        "operations": operations,
        "diagnostics": counts,
    })
}

fn check_fixture(file: &str, provenance_methods: usize, provenance_schemas: usize) -> Discovered {
    let bytes = read_fixture(file);
    let raw: Value = serde_json::from_slice(&bytes).expect("fixture is JSON");
    let walked = count_methods(&raw);
    assert_eq!(
        walked, provenance_methods,
        "{file}: PROVENANCE method count"
    );
    let schemas = raw
        .get("schemas")
        .and_then(Value::as_object)
        .map_or(0, |s| s.len());
    assert_eq!(
        schemas, provenance_schemas,
        "{file}: PROVENANCE schema count"
    );

    let discovered = discover_bytes(&bytes, file).expect("fixture discovers");
    let schema = &discovered.value;
    assert_eq!(
        schema.summary.operation_count, walked,
        "{file}: one operation per method"
    );
    assert!(
        schema.summary.object_count >= schemas,
        "{file}: every schema is an object ({} < {schemas})",
        schema.summary.object_count
    );
    for name in raw
        .get("schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|s| s.keys())
    {
        assert!(schema.object(name).is_some(), "{file}: object {name}");
    }
    let again = discover_bytes(&bytes, file).expect("fixture discovers twice");
    assert_eq!(
        schema.to_canonical_json(),
        again.value.to_canonical_json(),
        "{file}: two runs give byte-identical JSON"
    );
    assert_eq!(
        discovered.diagnostics, again.diagnostics,
        "{file}: same diagnostics"
    );
    discovered
}

#[test]
fn calendar_v3_discovers_with_every_method() {
    let discovered = check_fixture("calendar-v3.discovery.json", 37, 37);
    let schema = &discovered.value;
    assert_eq!(schema.source.title, "Calendar API", "title");
    assert_eq!(schema.source.version.as_deref(), Some("v3"), "version");
    let insert = schema
        .operations
        .iter()
        .find(|op| op.id == "calendar.events.insert")
        .expect("events.insert");
    assert_eq!(insert.class, OperationClass::Create, "POST creates");
    assert!(!insert.idempotent, "POST is not idempotent");
    assert_eq!(insert.input_object.as_deref(), Some("Event"), "request");
    assert_eq!(insert.tags, vec!["events".to_owned()], "tag");
    assert!(
        insert
            .arguments
            .iter()
            .all(|a| !["alt", "key", "fields", "prettyPrint"].contains(&a.name.as_str())),
        "global parameters are not arguments"
    );
    let first = insert.arguments.first().expect("an argument");
    assert_eq!(
        (first.name.as_str(), first.location),
        ("calendarId", ArgLocation::Path),
        "parameterOrder first"
    );
    let event = schema.object("Event").expect("Event");
    assert!(
        event.capabilities.contains(&Capability::Create),
        "Event is created by events.insert"
    );
    insta::assert_json_snapshot!("calendar_v3", sample(&discovered));
}

#[test]
fn sheets_v4_discovers_with_every_method() {
    let discovered = check_fixture("sheets-v4.discovery.json", 17, 262);
    let schema = &discovered.value;
    let get = schema
        .operations
        .iter()
        .find(|op| op.id == "sheets.spreadsheets.values.get")
        .expect("values.get");
    assert_eq!(
        get.tags,
        vec!["spreadsheets.values".to_owned()],
        "nested tag"
    );
    assert_eq!(get.class, OperationClass::Read, "GET reads");
    insta::assert_json_snapshot!("sheets_v4", sample(&discovered));
}
