//! Agents, skills and publishing over HTTP: every status code the platform gives a binding
//! (400 with `errors[]`, 404 unknown agent or undiscovered provider, 409 duplicate tool name,
//! 422 with `diagnostics`), the scopes, and a whole lifecycle on the demo database.

use bindery_api::Scope;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{array_of, make_shop_db, str_of, Answer, Server, DEMO};

/// A key with the agent and skill scopes (and reading integrations, for drift).
async fn agent_key(server: &Server) -> String {
    server
        .api
        .create_api_key(
            &[
                Scope::AgentsRead,
                Scope::AgentsWrite,
                Scope::SkillsWrite,
                Scope::IntegrationsRead,
            ],
            Some("agents".to_owned()),
        )
        .await
        .expect("an agents key is created")
        .key
}

fn created(answer: &Answer, what: &str) -> Value {
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "{what}: expected 201, got {} with {}",
        answer.status,
        answer.text
    );
    let body = answer.json();
    assert_eq!(body["success"], json!(true), "{what}: the envelope: {body}");
    body["data"].clone()
}

async fn new_agent(server: &Server, key: &str) -> String {
    let answer = server
        .post("/api/v1/agents", Some(key), &json!({"name": "Front desk"}))
        .await;
    str_of(&created(&answer, "create agent"), "id").to_owned()
}

fn lookup() -> Value {
    json!({
        "toolName": "Look up the caller",
        "description": "Find the calling customer by the phone number they call from.",
        "operation": "sql:select:customers.by_phone",
        "sqlSearch": {"column": "phone", "param": "caller_phone"},
        "projection": [
            {"path": ["id"], "leaf": "customer_id"},
            {"path": ["first_name"], "leaf": "customer_first_name"}
        ]
    })
}

fn book_job() -> Value {
    json!({
        "toolName": "Book a job",
        "description": "Create a job for the caller at their home.",
        "operation": "sql:insert:jobs",
        "isWrite": true,
        "enabled": true,
        "inputObjectMap": [
            {"field": "customer_id", "param": "customer_id", "transform": "to_integer"},
            {"field": "property_id", "const": 1},
            {"field": "service_type_id", "const": 3},
            {"field": "description", "param": "notes"},
            {"field": "created_at", "param": "call_started_at"}
        ],
        "sqlWrite": {"mode": "insert"},
        "projection": [{"path": ["id"], "leaf": "job_id"}],
        "confirmation": {"prompt": "Shall I book that job for {caller_name}?"}
    })
}

#[tokio::test]
async fn binding_answers_the_platforms_status_codes() {
    let server = Server::start().await;
    let key = agent_key(&server).await;
    let agent = new_agent(&server, &key).await;
    let bindings = format!("/api/v1/agents/{agent}/integrations/{DEMO}/bindings");

    // 400: a body that is not JSON, and one that is not a binding, both with errors[].
    let raw = server
        .client
        .post(format!("{}{bindings}", server.base))
        .bearer_auth(&key)
        .body("{not json")
        .send()
        .await
        .expect("the server answers");
    let body = Answer::read(raw)
        .await
        .problem(400, "validation_error", "a body that is not JSON");
    assert!(
        !array_of(&body, "errors").is_empty(),
        "errors[] is filled: {body}"
    );
    let body = server
        .post(
            &bindings,
            Some(&key),
            &json!({"operation": "x", "color": "red"}),
        )
        .await
        .problem(400, "validation_error", "a body that is not a binding");
    let errors = array_of(&body, "errors");
    assert!(
        errors
            .iter()
            .all(|e| e["field"].is_string() && e["message"].is_string()),
        "errors[] items are {{field, message}}: {body}"
    );

    // 404: an unknown agent; a provider that is connected but was never discovered.
    server
        .post(
            &format!("/api/v1/agents/agt_nope/integrations/{DEMO}/bindings"),
            Some(&key),
            &lookup(),
        )
        .await
        .problem(404, "agent_not_found", "an unknown agent");
    let shop = server.dir.path().join("shop.db");
    make_shop_db(&shop).await;
    server
        .post(
            "/api/v1/integrations/shop/connect",
            Some(&server.rw_key),
            &json!({"sourceKind": "sqlite", "credentials": {"path": shop.to_string_lossy()}}),
        )
        .await
        .ok("connect the shop without discovering it");
    server
        .post(
            &format!("/api/v1/agents/{agent}/integrations/shop/bindings"),
            Some(&key),
            &lookup(),
        )
        .await
        .problem(404, "provider_not_discovered", "an undiscovered provider");

    // 201, then 409 for the same tool name.
    let saved = created(
        &server.post(&bindings, Some(&key), &lookup()).await,
        "a valid read",
    );
    assert_eq!(str_of(&saved, "state"), "valid", "saved valid: {saved}");
    assert_eq!(saved["isEnabled"], json!(true), "a read starts enabled");
    server.post(&bindings, Some(&key), &lookup()).await.problem(
        409,
        "duplicate_tool_name",
        "the same tool name twice",
    );

    // 422 with the diagnostics.
    let mut invalid = lookup();
    invalid["toolName"] = json!("Another lookup");
    invalid["projection"] = json!([{"path": ["no_such_column"], "leaf": "x"}]);
    let body = server.post(&bindings, Some(&key), &invalid).await.problem(
        422,
        "binding_invalid",
        "a binding that does not validate",
    );
    let codes: Vec<&str> = array_of(&body, "diagnostics")
        .iter()
        .map(|d| str_of(d, "code"))
        .collect();
    assert!(
        codes.contains(&"binding/unknown-field"),
        "the 422 carries the diagnostics: {body}"
    );

    // Scopes: an integrations key may not touch agents.
    server
        .get("/api/v1/agents", Some(&server.rw_key))
        .await
        .problem(403, "insufficient_scope", "agents need agents:read");
    server
        .post(&bindings, Some(&server.rw_key), &lookup())
        .await
        .problem(403, "insufficient_scope", "bindings need skills:write");
    server.stop().await;
}

#[tokio::test]
async fn a_whole_lifecycle_over_http() {
    let server = Server::start().await;
    let key = agent_key(&server).await;
    let agent = new_agent(&server, &key).await;
    let base = format!("/api/v1/agents/{agent}");
    let bindings = format!("{base}/integrations/{DEMO}/bindings");
    let read = created(&server.post(&bindings, Some(&key), &lookup()).await, "read");
    let write = created(
        &server.post(&bindings, Some(&key), &book_job()).await,
        "write",
    );
    assert_eq!(
        write["isEnabled"],
        json!(false),
        "a write lands disabled: {write}"
    );
    let write_id = str_of(&write, "id");
    let read_id = str_of(&read, "id");

    server
        .post(
            &format!("{base}/skills/{write_id}/enable"),
            Some(&key),
            &json!({"enabled": true}),
        )
        .await
        .problem(409, "approval_required", "an unapproved write");
    for id in [read_id, write_id] {
        let approved = server
            .post(
                &format!("{base}/skills/{id}/approve"),
                Some(&key),
                &json!({"by": "ann"}),
            )
            .await
            .ok("approve");
        assert_eq!(
            approved["approval"]["contentHash"], approved["contentHash"],
            "the approval is of the current hash: {approved}"
        );
    }
    server
        .post(
            &format!("{base}/skills/{write_id}/enable"),
            Some(&key),
            &json!({"enabled": true}),
        )
        .await
        .ok("an approved write is enabled");
    let v1 = created(
        &server
            .post(
                &format!("{base}/publish"),
                Some(&key),
                &json!({"note": "first"}),
            )
            .await,
        "publish v1",
    );
    assert_eq!(v1["version"], json!(1), "v1: {v1}");

    let patched = server
        .send_patch(
            &format!("{base}/skills/{read_id}"),
            Some(&key),
            &json!({"description": "Find who is calling from their caller id."}),
        )
        .await
        .ok("patch the description");
    assert!(
        patched["approval"].is_null(),
        "a change clears the approval"
    );
    server
        .post(
            &format!("{base}/skills/{read_id}/approve"),
            Some(&key),
            &json!({"by": "ann"}),
        )
        .await
        .ok("approve again");
    let v2 = created(
        &server
            .post(&format!("{base}/publish"), Some(&key), &json!({}))
            .await,
        "publish v2",
    );
    let diff = server
        .get(
            &format!("{base}/versions/1/diff?against={}", str_of(&v2, "id")),
            Some(&key),
        )
        .await
        .ok("diff v1..v2");
    let entry = array_of(&diff, "entries")
        .iter()
        .find(|e| str_of(e, "field") == r#"skills["Look up the caller"].description"#)
        .cloned();
    assert!(entry.is_some(), "the description change is listed: {diff}");
    let entry = entry.expect("checked just above");
    assert_eq!(
        (str_of(&entry, "kind"), str_of(&entry, "after")),
        ("changed", "Find who is calling from their caller id."),
        "readable: {entry}"
    );
    let versions = server
        .get(&format!("{base}/versions"), Some(&key))
        .await
        .ok("versions");
    assert_eq!(
        versions
            .as_array()
            .map(|v| v.iter().map(|v| v["version"].clone()).collect::<Vec<_>>()),
        Some(vec![json!(2), json!(1)]),
        "newest first"
    );
    let skills = server
        .get(&format!("{base}/skills"), Some(&key))
        .await
        .ok("skills");
    assert_eq!(skills.as_array().map(Vec::len), Some(2), "two skills");
    let deleted = server
        .send(
            Method::DELETE,
            &format!("{base}/skills/{write_id}"),
            Some(&key),
            None,
        )
        .await
        .ok("delete");
    assert_eq!(deleted["deleted"], json!(true), "deleted");
    server
        .get(&format!("{base}/skills/{write_id}"), Some(&key))
        .await
        .problem(404, "skill_not_found", "a deleted skill");
    server
        .get(&format!("{base}/versions/9/diff"), Some(&key))
        .await
        .problem(404, "version_not_found", "an unknown version");
    let drift = server
        .get(&format!("/api/v1/integrations/{DEMO}/drift"), Some(&key))
        .await
        .ok("drift after one discovery");
    assert!(drift.is_null(), "no re-discovery yet: {drift}");
    server.stop().await;
}
