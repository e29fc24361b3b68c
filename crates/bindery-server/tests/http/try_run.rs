//! `POST /agents/{agentId}/skills/{skillId}/try` over HTTP: the run in the envelope, a write's
//! dry run then its confirmed run, the scope it needs, and the problems it answers.

use bindery_api::Scope;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{str_of, Server, DEMO};

async fn key(server: &Server, scopes: &[Scope]) -> String {
    server
        .api
        .create_api_key(scopes, Some("try".to_owned()))
        .await
        .expect("a key is created")
        .key
}

fn data(answer: &crate::support::Answer, what: &str) -> Value {
    assert!(
        answer.status.is_success(),
        "{what}: {} {}",
        answer.status,
        answer.text
    );
    answer.json()["data"].clone()
}

#[tokio::test]
async fn a_saved_skill_is_tried_over_http_and_a_write_needs_confirm() {
    let server = Server::start().await;
    let all = key(
        &server,
        &[Scope::AgentsRead, Scope::AgentsWrite, Scope::SkillsWrite],
    )
    .await;
    let agent = data(
        &server
            .post("/api/v1/agents", Some(&all), &json!({"name": "Front desk"}))
            .await,
        "agent",
    );
    let agent = str_of(&agent, "id").to_owned();
    let write = data(
        &server
            .post(
                &format!("/api/v1/agents/{agent}/integrations/{DEMO}/bindings"),
                Some(&all),
                &json!({
                    "toolName": "Add a note",
                    "description": "Replace the notes on a customer's record.",
                    "operation": "sql:update:customers.by_id",
                    "isWrite": true,
                    "inputObjectMap": [{"field": "notes", "param": "notes"}],
                    "sqlWrite": {"mode": "update", "keyColumn": "id", "keyParam": "customer_id", "keyTransform": "to_integer"},
                    "confirmation": {"prompt": "Shall I save that note?"}
                }),
            )
            .await,
        "bind",
    );
    let path = format!("/api/v1/agents/{agent}/skills/{}/try", str_of(&write, "id"));
    let inputs = json!({"customer_id": "2", "notes": "Prefers mornings"});

    let dry = data(
        &server
            .post(&path, Some(&all), &json!({"inputs": inputs}))
            .await,
        "dry run",
    );
    assert_eq!(dry["status"], "dryRun", "{dry:#}");
    assert_eq!(dry["toolName"], "Add a note", "the view names the skill");
    assert!(
        dry["request"]["statement"]
            .as_str()
            .is_some_and(|s| s.starts_with("UPDATE")),
        "the statement is shown: {dry:#}"
    );
    let done = data(
        &server
            .post(
                &path,
                Some(&all),
                &json!({"inputs": inputs, "confirm": true}),
            )
            .await,
        "confirmed",
    );
    assert_eq!(done["status"], "ok", "{done:#}");
    assert_eq!(done["response"]["rowsAffected"], 1, "one row updated");

    let absent = server
        .post(
            &format!("/api/v1/agents/{agent}/skills/skl_none/try"),
            Some(&all),
            &json!({}),
        )
        .await;
    absent.problem(404, "skill_not_found", "an unknown skill");
    let bad = server
        .post(&path, Some(&all), &json!({"inputs": {}, "confirm": 1}))
        .await;
    bad.problem(400, "validation_error", "confirm must be a boolean");

    let reader = key(&server, &[Scope::AgentsRead]).await;
    let refused = server
        .post(&path, Some(&reader), &json!({"inputs": inputs}))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "running a skill needs skills:write: {}",
        refused.text
    );
}
