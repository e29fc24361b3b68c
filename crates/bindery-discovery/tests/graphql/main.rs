//! GraphQL discovery: every fixture under `../shared/fixtures/graphql` (override with
//! `BINDERY_FIXTURES`) with counts checked against the source and golden snapshots, small
//! hand-written schemas for each normalization rule, bad input, and a live endpoint (a real
//! graphql-yoga server) discovered by introspection.

mod endpoint;
mod errors;
mod fixtures;
mod robustness;
mod rules;

use std::path::PathBuf;

use bindery_discovery::graphql;
use bindery_discovery::Discovered;
use bindery_schema::{Field, Object, Operation, Schema};

pub fn fixtures_dir() -> PathBuf {
    bindery_testkit::fixtures_dir().join("graphql")
}

/// Discovers a small inline SDL document.
pub fn sdl(text: &str) -> Discovered {
    graphql::discover_sdl(text, "test.graphql").expect("the test schema discovers")
}

/// Diagnostic codes in order.
pub fn codes(discovered: &Discovered) -> Vec<&str> {
    discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
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

pub fn op<'s>(schema: &'s Schema, id: &str) -> &'s Operation {
    schema
        .operations
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| format!("no operation {id}"))
        .expect("the operation exists")
}
