//! Drift on a real PostgreSQL schema: skills bound to pagila, then the schema is altered (a
//! column renamed, a table dropped, a NOT NULL column added) and re-discovered. Exactly the
//! skills that use what changed are broken — by the drift report and by re-validation — and
//! the others are untouched.

use std::collections::BTreeSet;

use bindery_binding::drift::{self, DriftReport};
use bindery_binding::{validate, Binding, Context, ParamRegistry};
use bindery_schema::Schema;
use serde_json::json;

use crate::schemas;

fn binding(value: serde_json::Value) -> Binding {
    serde_json::from_value(value).expect("the binding parses")
}

/// The five skills of the test, by tool name.
fn bindings() -> Vec<Binding> {
    vec![
        binding(json!({
            "toolName": "Customer e-mail", "description": "The e-mail of a customer by id.",
            "operation": "sql:select:public.customer.by_customer_id",
            "sqlSearch": {"column": "customer_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [{"path": ["email"], "leaf": "customer_email"}]
        })),
        binding(json!({
            "toolName": "Language name", "description": "The name of a film language.",
            "operation": "sql:select:public.language.by_language_id",
            "inputs": [{"arg": "language_id", "const": 1}],
            "projection": [{"path": ["name"], "leaf": "language"}]
        })),
        binding(json!({
            "toolName": "Add an actor", "description": "Add an actor the caller names.",
            "operation": "sql:insert:public.actor", "isWrite": true,
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"}
            ],
            "sqlWrite": {"mode": "insert"},
            "projection": [{"path": ["actor_id"], "leaf": "actor_id"}],
            "confirmation": {"prompt": "Add {caller_first_name} {caller_last_name}?"}
        })),
        binding(json!({
            "toolName": "Category name", "description": "The name of a film category.",
            "operation": "sql:select:public.category.by_category_id",
            "inputs": [{"arg": "category_id", "const": 2}],
            "projection": [{"path": ["name"], "leaf": "category"}]
        })),
        binding(json!({
            "toolName": "Rename an actor", "description": "Correct an actor's last name.",
            "operation": "sql:update:public.actor.by_actor_id", "isWrite": true,
            "inputObjectMap": [{"field": "last_name", "param": "caller_last_name"}],
            "sqlWrite": {"mode": "update", "keyColumn": "actor_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
            "confirmation": {"prompt": "Change the name to {caller_last_name}?"}
        })),
    ]
}

fn errors_against(schema: &Schema, binding: &Binding) -> Vec<String> {
    let registry = ParamRegistry::canonical();
    let fingerprint = schema.fingerprint();
    let cx = Context {
        schema,
        unscoped: None,
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let validation = validate(binding.clone(), &cx);
    validation
        .diagnostics
        .iter()
        .filter(|d| d.severity == bindery_schema::Severity::Error)
        .map(|d| d.code.clone())
        .collect()
}

#[test]
fn altering_pagila_breaks_exactly_the_skills_that_use_what_changed() {
    let Some(server) = schemas::postgres() else {
        eprintln!("skipped: PostgreSQL is not installed");
        return;
    };
    server
        .create_database("pagila_drift")
        .expect("create the database");
    let pagila = bindery_testkit::fixtures_dir().join("sql/postgres/pagila/pagila-schema.sql");
    server
        .load_sql("pagila_drift", &pagila)
        .expect("pagila loads");
    let before = schemas::discover_postgres(server, "pagila_drift");

    let bindings = bindings();
    for b in &bindings {
        assert_eq!(
            errors_against(&before, b),
            Vec::<String>::new(),
            "{} is valid before",
            b.tool_name
        );
    }

    server
        .load_sql_text(
            "pagila_drift",
            "ALTER TABLE public.customer RENAME COLUMN email TO email_address;
             DROP TABLE public.language CASCADE;
             ALTER TABLE public.actor ADD COLUMN stage_name text NOT NULL;",
        )
        .expect("the schema changes");
    let after = schemas::discover_postgres(server, "pagila_drift");
    let report = DriftReport::new(&before, &after);
    assert!(
        report.summary.breaking > 0,
        "the changes are breaking: {:?}",
        report.summary
    );

    let mut broken_by_drift = BTreeSet::new();
    let mut broken_by_validation = BTreeSet::new();
    for b in &bindings {
        let deps = drift::dependencies(b, &before);
        let hits = drift::breaking_for(&report.changes, &deps);
        if !hits.is_empty() {
            broken_by_drift.insert(b.tool_name.clone());
        }
        if !errors_against(&after, b).is_empty() {
            broken_by_validation.insert(b.tool_name.clone());
        }
    }
    let expected: BTreeSet<String> = ["Customer e-mail", "Language name", "Add an actor"]
        .map(String::from)
        .into_iter()
        .collect();
    assert_eq!(
        broken_by_drift, expected,
        "the drift report names exactly the affected skills"
    );
    assert_eq!(broken_by_validation, expected, "re-validation agrees");

    let paths: BTreeSet<&str> = report.changes.iter().map(|c| c.path.as_str()).collect();
    assert!(
        paths.contains("public.customer.email"),
        "the renamed column is reported: {paths:?}"
    );
    assert!(
        paths.contains("public.language"),
        "the dropped table is reported: {paths:?}"
    );
}
