//! Try-it through the application API: saved skills of the demo field-service workspace run
//! against the real demo SQLite database, and a REST skill against a loopback provider that
//! checks the credential it receives; the credential never comes back.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use bindery_api::{Bindery, ErrorCode, OpenOptions};
use serde_json::{json, Value};
use sqlx::{Connection, Row};

const DEMO: &str = "demo_fieldservice";
/// A canary credential: it must reach the provider and appear nowhere else.
const CANARY: &str = "sk_live_CANARY_7f3a9b2c4d5e6f708192a3b4";

async fn workspace() -> (tempfile::TempDir, Bindery) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(dir.path(), OpenOptions::default())
        .await
        .expect("the workspace opens with the discovered demo");
    (dir, api)
}

async fn demo_db(dir: &std::path::Path) -> sqlx::SqliteConnection {
    let path = dir.join("demo").join("demo_fieldservice.db");
    sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .expect("the demo database opens")
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
        "inputObjectMap": [
            {"field": "customer_id", "param": "customer_id", "transform": "to_integer"},
            {"field": "property_id", "const": 1},
            {"field": "service_type_id", "const": 3},
            {"field": "description", "param": "notes"},
            {"field": "created_at", "param": "call_started_at"}
        ],
        "sqlWrite": {"mode": "insert"},
        "projection": [{"path": ["id"], "leaf": "job_id"}],
        "confirmation": {"prompt": "Shall I book that job?"}
    })
}

async fn jobs(db: &mut sqlx::SqliteConnection) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(db)
        .await
        .expect("jobs counted")
}

fn codes(run: &Value) -> Vec<String> {
    run["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_read_runs_against_the_demo_database_and_projects_the_caller() {
    let (dir, api) = workspace().await;
    let mut db = demo_db(dir.path()).await;
    let row = sqlx::query("SELECT id, first_name, phone FROM customers ORDER BY id LIMIT 1")
        .fetch_one(&mut db)
        .await
        .expect("a customer");
    let (id, first, phone): (i64, String, String) = (row.get(0), row.get(1), row.get(2));

    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let skill = api.bind(&agent.id, DEMO, lookup()).await.expect("binds");
    let run = api
        .try_skill(
            &agent.id,
            &skill.id,
            json!({"inputs": {"caller_phone": phone}}),
        )
        .await
        .expect("the run is a result");
    let run = serde_json::to_value(&run).expect("serializes");
    assert_eq!(run["status"], "ok", "the read ran: {run:#}");
    assert_eq!(run["executed"], true, "it reached the database");
    assert_eq!(
        run["output"],
        json!({"customer_id": id, "customer_first_name": first}),
        "projected as the database has it"
    );
    assert_eq!(run["request"]["transport"], "native_sql", "a SQL request");
    assert_eq!(
        run["request"]["statement"], skill.skill["executionConfig"]["statement"],
        "the frozen statement, verbatim"
    );
    assert_eq!(
        run["request"]["parameters"][0]["value"],
        json!(phone),
        "bound"
    );
    assert_eq!(run["request"]["readOnly"], true, "read-only");
    assert!(run["latencyMs"].is_number(), "latency measured");

    let missing = api
        .try_skill(&agent.id, &skill.id, json!({"inputs": {}}))
        .await
        .expect("a failed run is a result");
    let missing = serde_json::to_value(&missing).expect("serializes");
    assert_eq!(missing["status"], "failed", "nothing to look up with");
    assert_eq!(codes(&missing), ["runtime/input-missing"], "{missing:#}");

    let unknown = api
        .try_skill(
            &agent.id,
            &skill.id,
            json!({"inputs": {"caller_phone": phone, "shoe_size": 9}}),
        )
        .await
        .expect("a result");
    let unknown = serde_json::to_value(&unknown).expect("serializes");
    assert_eq!(codes(&unknown), ["runtime/input-unknown"], "{unknown:#}");
}

#[tokio::test]
async fn a_write_is_a_dry_run_until_confirmed_then_writes_one_row() {
    let (dir, api) = workspace().await;
    let mut db = demo_db(dir.path()).await;
    let agent = api
        .create_agent(json!({"name": "Booker"}))
        .await
        .expect("agent");
    let skill = api.bind(&agent.id, DEMO, book_job()).await.expect("binds");
    let inputs = json!({
        "customer_id": "1",
        "notes": "The boiler makes a knocking noise",
        "call_started_at": "2026-11-26T10:00:00Z"
    });
    let before = jobs(&mut db).await;

    let dry = api
        .try_skill(&agent.id, &skill.id, json!({"inputs": inputs}))
        .await
        .expect("a dry run");
    let dry = serde_json::to_value(&dry).expect("serializes");
    assert_eq!(dry["status"], "dryRun", "not confirmed: {dry:#}");
    assert_eq!(dry["executed"], false, "nothing sent");
    assert!(
        dry["request"]["statement"]
            .as_str()
            .is_some_and(|s| s.starts_with("INSERT INTO")),
        "the exact statement is shown: {dry:#}"
    );
    assert!(
        codes(&dry).contains(&"runtime/confirmation-required".to_owned()),
        "says why"
    );
    assert_eq!(jobs(&mut db).await, before, "the dry run wrote nothing");

    let done = api
        .try_skill(
            &agent.id,
            &skill.id,
            json!({"inputs": inputs, "confirm": true}),
        )
        .await
        .expect("a confirmed run");
    let done = serde_json::to_value(&done).expect("serializes");
    assert_eq!(done["status"], "ok", "confirmed: {done:#}");
    assert_eq!(done["response"]["rowsAffected"], 1, "one row written");
    assert_eq!(jobs(&mut db).await, before + 1, "exactly one more job");
    let newest: i64 = sqlx::query_scalar("SELECT max(id) FROM jobs")
        .fetch_one(&mut db)
        .await
        .expect("newest job");
    assert_eq!(
        done["output"]["job_id"], newest,
        "the new row's id comes back"
    );
}

#[tokio::test]
async fn unknown_skills_bad_bodies_and_broken_skills_are_refused_by_code() {
    let (_dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let skill = api.bind(&agent.id, DEMO, lookup()).await.expect("binds");
    let missing = api
        .try_skill(&agent.id, "skl_nope", json!({}))
        .await
        .expect_err("no such skill");
    assert_eq!(missing.code, ErrorCode::SkillNotFound, "{missing}");
    let bad = api
        .try_skill(
            &agent.id,
            &skill.id,
            json!({"inputs": [], "confirm": "yes"}),
        )
        .await
        .expect_err("a body of the wrong shape");
    assert_eq!(bad.code, ErrorCode::ValidationError, "{bad}");
    assert!(
        bad.errors.iter().any(|e| e.field == "inputs"),
        "the field at fault is named: {:?}",
        bad.errors
    );
}

/// A one-request HTTP provider on loopback: answers a Stripe-like list and keeps the request.
fn provider() -> (String, Arc<Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listener");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(String::new()));
    let keep = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut head = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                head.push_str(&line);
                line.clear();
            }
            *keep.lock().expect("lock") = head;
            let body = r#"{"object":"list","data":[{"id":"cus_1","name":"Ann"}]}"#;
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_rest_run_sends_the_sealed_credential_and_never_shows_it() {
    let (dir, api) = workspace().await;
    api.set_vault_key_source(bindery_api::VaultChoice {
        key_source: format!("file:{}", dir.path().join("vault.key").display()),
    })
    .await
    .expect("a key file vault");
    let (url, seen) = provider();
    let spec = bindery_testkit::fixtures_dir().join("openapi/stripe/stripe-spec3.yaml");
    api.connect_integration(
        "stripe",
        serde_json::from_value(json!({"sourceKind": "openapi", "credentials": {
            "path": spec.to_string_lossy(),
            "baseUrl": url,
            "authMode": "bearer",
            "apiKey": CANARY
        }}))
        .expect("a connect request"),
    )
    .await
    .expect("the Stripe description connects");
    api.discover_integration("stripe").await.expect("discovers");
    let agent = api
        .create_agent(json!({"name": "Billing"}))
        .await
        .expect("agent");
    let skill = api
        .bind(
            &agent.id,
            "stripe",
            json!({
                "toolName": "Find the customer",
                "description": "Find the Stripe customer by e-mail.",
                "operation": "GetCustomers",
                "inputs": [{"arg": "email", "param": "caller_email"}, {"arg": "limit", "const": 1}],
                "projection": [{"path": ["data[first]", "id"], "leaf": "customer_id"}]
            }),
        )
        .await
        .expect("binds");
    let run = api
        .try_skill(
            &agent.id,
            &skill.id,
            json!({"inputs": {"caller_email": "ann@example.com"}}),
        )
        .await
        .expect("runs");
    let text = serde_json::to_string(&run).expect("serializes");
    let run = serde_json::to_value(&run).expect("serializes");
    assert_eq!(run["status"], "ok", "{run:#}");
    assert_eq!(run["output"]["customer_id"], "cus_1", "projected");
    let head = seen.lock().expect("lock").clone();
    assert!(
        head.contains(&format!("authorization: Bearer {CANARY}"))
            || head.contains(&format!("Authorization: Bearer {CANARY}")),
        "the credential reached the provider: {head}"
    );
    assert!(
        head.contains("email=ann%40example.com"),
        "the query: {head}"
    );
    assert!(!text.contains(CANARY), "the run never shows the credential");
    assert!(text.contains("<redacted>"), "it shows that one was sent");
}
