//! What every transport shares: determinism, the content hash, the parameters schema.

use bindery_schema::SourceKind;
use serde_json::{json, Value};

use super::testkit::{compile_ok, graphql_schema, sql_schema};
use super::{content_hash, E164_PATTERN};

fn lookup(description: &str) -> Value {
    json!({
        "toolName": "Look up the caller",
        "description": description,
        "operation": "Query.customer",
        "inputs": [{"arg": "email", "param": "caller_email"}],
        "projection": [
            {"path": ["name"], "leaf": "customer_name"},
            {"path": ["issues[*]", "title"], "leaf": "open_issues"}
        ]
    })
}

#[test]
fn the_same_binding_and_schema_give_the_same_bytes() {
    let schema = graphql_schema();
    let first =
        serde_json::to_vec(&compile_ok(&schema, lookup("Find the caller."))).expect("serializes");
    let second =
        serde_json::to_vec(&compile_ok(&schema, lookup("Find the caller."))).expect("serializes");
    assert_eq!(first, second, "byte-identical");
    let skill = compile_ok(&schema, lookup("Find the caller."));
    assert!(
        skill.content_hash.starts_with("sha256:"),
        "prefixed: {}",
        skill.content_hash
    );
    assert_eq!(skill.content_hash.len(), "sha256:".len() + 64, "a SHA-256");
    assert_eq!(
        content_hash(&skill).expect("hashes"),
        skill.content_hash,
        "the hash is of the skill with an empty hash, so it can be checked"
    );
    assert_eq!(
        skill.schema_fingerprint, "sha256:test",
        "the fingerprint is recorded"
    );
}

#[test]
fn one_character_of_the_description_changes_the_hash() {
    let schema = graphql_schema();
    let before = compile_ok(&schema, lookup("Find the caller."));
    let after = compile_ok(&schema, lookup("Find the caller!"));
    assert_ne!(
        before.content_hash, after.content_hash,
        "the hash covers the description"
    );
}

#[test]
fn a_caller_phone_number_gets_the_e164_pattern_and_the_required_list_is_sorted() {
    let schema = sql_schema(SourceKind::Postgres, "customer");
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Add customer",
            "description": "Create a record.",
            "operation": "sql:insert:public.customer",
            "isWrite": true,
            "confirmation": {"prompt": "Save?"},
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_name"},
                {"field": "email", "param": "callback_phone"},
                {"field": "address_id", "param": "caller_phone"}
            ]
        }),
    );
    let schema = &skill.parameters_schema;
    assert_eq!(
        schema["properties"]["callback_phone"]["pattern"],
        json!(E164_PATTERN),
        "e164 pattern"
    );
    assert_eq!(
        schema["properties"]["callback_phone"]["format"],
        json!("e164"),
        "format kept"
    );
    assert_eq!(
        schema["required"],
        json!(["callback_phone", "caller_name"]),
        "sorted"
    );
    assert_eq!(
        skill.required_params,
        vec!["callback_phone", "caller_name"],
        "the same list"
    );
    let keys: Vec<&String> = schema["properties"]
        .as_object()
        .expect("an object")
        .keys()
        .collect();
    assert_eq!(
        keys,
        vec!["callback_phone", "caller_name"],
        "properties sorted by name"
    );
    assert_eq!(schema["additionalProperties"], json!(false), "closed");
}

#[test]
fn golden_skills() {
    let sql = compile_ok(
        &sql_schema(SourceKind::Postgres, "customer"),
        json!({
            "toolName": "Look up the caller",
            "description": "Find the caller's customer record by e-mail.",
            "operation": "sql:select:public.customer.by_email",
            "inputs": [{"arg": "email", "param": "caller_email", "transform": "lowercase"}],
            "projection": [
                {"path": ["first_name"], "leaf": "customer_name"},
                {"path": ["address_id", "phone"], "leaf": "customer_phone"}
            ]
        }),
    );
    insta::assert_json_snapshot!("sql_lookup", sql);
    let graphql = compile_ok(&graphql_schema(), lookup("Find the caller's account."));
    insta::assert_json_snapshot!("graphql_lookup", graphql);
}
