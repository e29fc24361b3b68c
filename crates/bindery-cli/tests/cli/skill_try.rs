//! `bindery skill try` on a workspace with the demo database: a read printed for a person and as
//! JSON, a write's dry run and confirmed run, and the exit code of a failed run.

use std::path::Path;

use bindery_api::{Bindery, OpenOptions};
use serde_json::{json, Value};
use sqlx::Connection;

use crate::support::{bindery, run, stderr, stdout};

/// A workspace (with the demo) holding agent "Front desk" with a read and a write skill; the
/// phone number and first name of the first customer.
fn workspace(dir: &Path) -> (String, String) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let api = Bindery::open(dir, OpenOptions::default())
            .await
            .expect("the workspace opens");
        let agent = api
            .create_agent(json!({"name": "Front desk"}))
            .await
            .expect("agent");
        api.bind(
            &agent.id,
            "demo_fieldservice",
            json!({
                "toolName": "Look up the caller",
                "description": "Find the calling customer by the phone number they call from.",
                "operation": "sql:select:customers.by_phone",
                "sqlSearch": {"column": "phone", "param": "caller_phone"},
                "projection": [{"path": ["first_name"], "leaf": "customer_first_name"}]
            }),
        )
        .await
        .expect("the read binds");
        api.bind(
            &agent.id,
            "demo_fieldservice",
            json!({
                "toolName": "Add a note",
                "description": "Replace the notes on a customer's record.",
                "operation": "sql:update:customers.by_id",
                "isWrite": true,
                "inputObjectMap": [{"field": "notes", "param": "notes"}],
                "sqlWrite": {"mode": "update", "keyColumn": "id", "keyParam": "customer_id", "keyTransform": "to_integer"},
                "confirmation": {"prompt": "Save that note?"}
            }),
        )
        .await
        .expect("the write binds");
        api.close().await;
        let db = dir.join("demo").join("demo_fieldservice.db");
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", db.display()))
            .await
            .expect("the demo database opens");
        let (phone, first): (String, String) =
            sqlx::query_as("SELECT phone, first_name FROM customers ORDER BY id LIMIT 1")
                .fetch_one(&mut conn)
                .await
                .expect("a customer");
        (phone, first)
    })
}

#[test]
fn a_read_prints_the_statement_and_the_output_and_json_has_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    let (phone, first) = workspace(&ws);
    let ws_arg = ws.to_string_lossy().into_owned();
    let input = format!("caller_phone={phone}");
    let out = run(bindery(dir.path()).args([
        "skill",
        "try",
        "--workspace",
        &ws_arg,
        "--agent",
        "Front desk",
        "Look up the caller",
        "--input",
        &input,
    ]));
    assert!(out.status.success(), "exit 0: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Look up the caller: ok"),
        "the status: {text}"
    );
    assert!(text.contains("SELECT"), "the statement: {text}");
    assert!(
        text.contains(&format!("customer_first_name = \"{first}\"")),
        "the output: {text}"
    );

    let out = run(bindery(dir.path()).args([
        "skill",
        "try",
        "--workspace",
        &ws_arg,
        "--agent",
        "Front desk",
        "Look up the caller",
        "-i",
        &input,
        "--json",
    ]));
    let run_json: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(
        run_json["output"]["customer_first_name"],
        json!(first),
        "{run_json:#}"
    );
    assert_eq!(
        run_json["request"]["transport"], "native_sql",
        "the request"
    );

    let out = run(bindery(dir.path()).args([
        "skill",
        "try",
        "--workspace",
        &ws_arg,
        "--agent",
        "Front desk",
        "Look up the caller",
    ]));
    assert_eq!(out.status.code(), Some(1), "a failed run exits 1");
    assert!(
        stdout(&out).contains("error[runtime/input-missing]"),
        "the diagnostic by code: {}",
        stdout(&out)
    );
}

#[test]
fn a_write_is_a_dry_run_without_confirm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    workspace(&ws);
    let ws_arg = ws.to_string_lossy().into_owned();
    let args = [
        "skill",
        "try",
        "--workspace",
        &ws_arg,
        "--agent",
        "Front desk",
        "Add a note",
        "-i",
        "customer_id=1",
        "-i",
        "notes=Gate code 4512",
    ];
    let out = run(bindery(dir.path()).args(args));
    assert!(out.status.success(), "a dry run exits 0: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("dry run"), "says so: {text}");
    assert!(text.contains("UPDATE"), "shows the statement: {text}");
    let out = run(bindery(dir.path()).args(args).arg("--confirm"));
    assert!(out.status.success(), "the confirmed run: {}", stderr(&out));
    assert!(
        stdout(&out).contains("1 row(s) written"),
        "{}",
        stdout(&out)
    );

    let out = run(bindery(dir.path()).args([
        "skill",
        "try",
        "--workspace",
        &ws_arg,
        "--agent",
        "Front desk",
        "Nope",
    ]));
    assert_eq!(out.status.code(), Some(1), "unknown skill");
    assert!(stderr(&out).contains("skill_not_found"), "{}", stderr(&out));
}
