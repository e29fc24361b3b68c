//! Agents, skills, publish and drift through the application API, on the demo field-service
//! SQLite workspace (discovered when the workspace opens).

use bindery_api::{Bindery, ErrorCode, OpenOptions};
use serde_json::{json, Value};

const DEMO: &str = "demo_fieldservice";

async fn workspace() -> (tempfile::TempDir, Bindery) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(dir.path(), OpenOptions::default())
        .await
        .expect("the workspace opens with the discovered demo");
    (dir, api)
}

/// A read: the caller found by caller id, with their name and e-mail.
fn lookup() -> Value {
    json!({
        "toolName": "Look up the caller",
        "description": "Find the calling customer by the phone number they call from.",
        "operation": "sql:select:customers.by_phone",
        "sqlSearch": {"column": "phone", "param": "caller_phone"},
        "projection": [
            {"path": ["id"], "leaf": "customer_id"},
            {"path": ["first_name"], "leaf": "customer_first_name"},
            {"path": ["email"], "leaf": "customer_email"}
        ]
    })
}

/// A read the e-mail rename does not touch: the jobs of a customer, with a one-hop join.
fn list_jobs() -> Value {
    json!({
        "toolName": "List the caller's jobs",
        "description": "List the jobs of a customer found earlier in the call.",
        "operation": "sql:list:jobs.by_customer_id",
        "sqlSearch": {"column": "customer_id", "param": "customer_id", "transform": "to_integer"},
        "projection": [
            {"path": ["[*]", "description"], "leaf": "job_descriptions"},
            {"path": ["[first]", "property_id", "street"], "leaf": "service_street"}
        ]
    })
}

/// A write: a single-row insert, confirmed with the caller.
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
        "confirmation": {"prompt": "Shall I book that job for {caller_name}?"}
    })
}

#[tokio::test]
async fn an_agent_binds_approves_enables_publishes_and_diffs() {
    let (_dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk", "description": "Answers the phone"}))
        .await
        .expect("the agent is created");
    let read = api
        .bind(&agent.id, DEMO, lookup())
        .await
        .expect("a valid read binds");
    assert_eq!(read.state, "valid", "a read without `enabled` is valid");
    assert!(read.is_enabled, "a read starts enabled");
    assert!(
        read.content_hash.starts_with("sha256:"),
        "the skill is hashed: {}",
        read.content_hash
    );
    let write = api
        .bind(&agent.id, DEMO, book_job())
        .await
        .expect("a valid write binds");
    assert!(!write.is_enabled, "a write lands disabled");
    assert!(write.is_write, "and is a write");

    let refused = api
        .enable_skill(&agent.id, &write.id, json!({"enabled": true}))
        .await
        .expect_err("an unapproved write is not enabled");
    assert_eq!(refused.code, ErrorCode::ApprovalRequired, "{refused}");
    let approved = api
        .approve_skill(&agent.id, &write.id, json!({"by": "ann@example.com"}))
        .await
        .expect("the write is approved");
    let approval = approved.approval.clone().expect("an approval is recorded");
    assert_eq!(approval.by, "ann@example.com", "who");
    assert_eq!(approval.content_hash, write.content_hash, "which hash");
    assert_eq!(approved.state, "approved", "the state says so");
    let enabled = api
        .enable_skill(&agent.id, &write.id, json!({"enabled": true}))
        .await
        .expect("an approved write is enabled");
    assert!(enabled.is_enabled, "enabled");
    api.approve_skill(&agent.id, &read.id, json!({"by": "ann@example.com"}))
        .await
        .expect("the read is approved");

    let v1 = api
        .publish(&agent.id, json!({"note": "first", "by": "ann"}))
        .await
        .expect("v1 is published");
    assert_eq!(v1.version, 1, "numbered from 1");
    assert_eq!(v1.skills.len(), 2, "both approved skills are frozen");

    // Change what the read returns: a new content hash clears its approval and disables it.
    let mut changed = lookup();
    changed["projection"] = json!([
        {"path": ["id"], "leaf": "customer_id"},
        {"path": ["last_name"], "leaf": "customer_last_name"}
    ]);
    let updated = api
        .update_skill(&agent.id, &read.id, changed)
        .await
        .expect("the read is updated");
    assert_ne!(
        updated.content_hash, read.content_hash,
        "what it does changed"
    );
    assert!(updated.approval.is_none(), "the approval is cleared");
    assert!(!updated.is_enabled, "and the skill disabled");
    let draft = api
        .diff_versions(&agent.id, "1", Some("draft"))
        .await
        .expect("v1 against the draft");
    assert!(
        draft
            .entries
            .iter()
            .any(|e| e.field == r#"skills["Look up the caller"].executionConfig.statement"#),
        "the draft diff shows the statement change: {:#?}",
        draft.entries
    );
    api.approve_skill(&agent.id, &read.id, json!({"by": "bob"}))
        .await
        .expect("approved again");
    let v2 = api
        .publish(&agent.id, json!({"note": "last name instead of e-mail"}))
        .await
        .expect("v2 is published");
    assert_eq!(v2.version, 2, "the next number");

    let diff = api
        .diff_versions(&agent.id, &v1.id, Some(&v2.id))
        .await
        .expect("v1 against v2");
    assert_eq!(
        (diff.from.as_str(), diff.to.as_str()),
        ("v1", "v2"),
        "sides"
    );
    let statement = diff
        .entries
        .iter()
        .find(|e| e.field == r#"skills["Look up the caller"].executionConfig.statement"#);
    assert!(
        statement.is_some(),
        "the statement change is listed: {:#?}",
        diff.entries
    );
    let statement = statement.expect("checked just above");
    assert_eq!(statement.kind, "changed", "a change");
    assert!(
        statement
            .before
            .as_str()
            .is_some_and(|s| s.contains("email"))
            && statement
                .after
                .as_str()
                .is_some_and(|s| s.contains("last_name")),
        "before and after are the statements: {statement:?}"
    );
    assert!(
        diff.entries
            .iter()
            .all(|e| !e.field.starts_with(r#"skills["Book a job"]"#)),
        "the untouched write does not appear: {:#?}",
        diff.entries
    );
    let versions = api.versions(&agent.id).await.expect("versions");
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![2, 1],
        "newest first"
    );
    let listed = api.agent(&agent.id).await.expect("the agent");
    assert_eq!(
        (listed.skill_count, listed.latest_version),
        (2, Some(2)),
        "the agent counts its skills and knows its last version"
    );
}

#[tokio::test]
async fn a_renamed_column_breaks_the_skill_using_it_and_blocks_publishing_until_repaired() {
    let (dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let lookup_skill = api.bind(&agent.id, DEMO, lookup()).await.expect("lookup");
    let jobs_skill = api.bind(&agent.id, DEMO, list_jobs()).await.expect("jobs");
    for skill in [&lookup_skill, &jobs_skill] {
        api.approve_skill(&agent.id, &skill.id, json!({"by": "ann"}))
            .await
            .expect("approved");
    }
    api.publish(&agent.id, Value::Null)
        .await
        .expect("v1 before the change");

    // The database changes under Bindery: customers.email becomes email_address.
    let db = dir.path().join("demo").join("demo_fieldservice.db");
    {
        use sqlx::{ConnectOptions, Connection, Executor};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .expect("open the demo database");
        conn.execute("ALTER TABLE customers RENAME COLUMN email TO email_address")
            .await
            .expect("rename the column");
        conn.close().await.expect("close");
    }
    let discovered = api.discover_integration(DEMO).await.expect("re-discover");
    let drift = discovered.drift.expect("a re-discovery reports drift");
    assert!(
        drift.summary.breaking > 0,
        "removing a column is breaking: {:?}",
        drift.summary
    );
    assert!(
        drift.changes.iter().any(|c| c.path == "customers.email"),
        "the removed column is listed: {:#?}",
        drift.changes
    );
    let affected: Vec<&str> = drift
        .affected
        .iter()
        .filter(|a| a.broken)
        .map(|a| a.tool_name.as_str())
        .collect();
    assert_eq!(
        affected,
        vec!["Look up the caller"],
        "only the lookup broke: {drift:#?}"
    );
    assert_eq!(
        api.drift(DEMO).await.expect("stored drift"),
        Some(drift.clone()),
        "the report is kept for GET /drift"
    );

    let broken = api.skill(&agent.id, &lookup_skill.id).await.expect("read");
    assert!(broken.broken.is_some(), "the lookup is flagged broken");
    assert!(!broken.is_enabled, "and disabled");
    let untouched = api.skill(&agent.id, &jobs_skill.id).await.expect("read");
    assert!(
        untouched.broken.is_none() && untouched.is_enabled && untouched.state == "approved",
        "the jobs skill is untouched: {untouched:?}"
    );

    let refused = api
        .publish(&agent.id, Value::Null)
        .await
        .expect_err("publishing waits for the repair");
    assert_eq!(refused.code, ErrorCode::SkillBroken, "{refused}");
    for attempt in [
        api.approve_skill(&agent.id, &lookup_skill.id, json!({"by": "ann"}))
            .await,
        api.enable_skill(&agent.id, &lookup_skill.id, json!({"enabled": true}))
            .await,
    ] {
        let error = attempt.expect_err("a broken skill is neither approved nor enabled");
        assert_eq!(error.code, ErrorCode::SkillBroken, "{error}");
    }

    // Repair: bind the new column name, approve again, publish.
    let mut repaired = lookup();
    repaired["projection"][2] = json!({"path": ["email_address"], "leaf": "customer_email"});
    let fixed = api
        .update_skill(&agent.id, &lookup_skill.id, repaired)
        .await
        .expect("the repaired binding validates");
    assert!(fixed.broken.is_none(), "no longer broken");
    assert!(fixed.approval.is_none(), "but needs a new approval");
    api.approve_skill(&agent.id, &lookup_skill.id, json!({"by": "ann"}))
        .await
        .expect("approved again");
    let v2 = api
        .publish(&agent.id, Value::Null)
        .await
        .expect("publishing works again");
    assert_eq!((v2.version, v2.skills.len()), (2, 2), "both skills in v2");
}

#[tokio::test]
async fn bind_errors_carry_codes_and_diagnostics() {
    let (_dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let malformed = api
        .bind(&agent.id, DEMO, json!({"operation": "x"}))
        .await
        .expect_err("no tool name");
    assert_eq!(malformed.code, ErrorCode::ValidationError, "{malformed}");
    assert_eq!(malformed.errors[0].field, "toolName", "{malformed:?}");
    let unknown_agent = api
        .bind("agt_nope", DEMO, lookup())
        .await
        .expect_err("unknown agent");
    assert_eq!(
        unknown_agent.code,
        ErrorCode::AgentNotFound,
        "{unknown_agent}"
    );
    api.bind(&agent.id, DEMO, lookup()).await.expect("first");
    let duplicate = api
        .bind(&agent.id, DEMO, lookup())
        .await
        .expect_err("the same tool name twice");
    assert_eq!(duplicate.code, ErrorCode::DuplicateToolName, "{duplicate}");
    assert_eq!(duplicate.status, 409, "a conflict");
    let mut invalid = lookup();
    invalid["toolName"] = json!("Something else");
    invalid["operation"] = json!("sql:select:customers.by_nothing");
    let invalid = api
        .bind(&agent.id, DEMO, invalid)
        .await
        .expect_err("an unknown operation");
    assert_eq!(invalid.code, ErrorCode::BindingInvalid, "{invalid}");
    let codes: Vec<&str> = invalid
        .diagnostics
        .as_ref()
        .and_then(Value::as_array)
        .map(|d| d.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        codes.contains(&"binding/unknown-operation"),
        "the diagnostics say why: {codes:?}"
    );
    let bad_param = api
        .create_agent(json!({"name": "x", "parameters": [
            {"name": "caller_phone", "type": "string", "provenance": "caller", "description": "d"}
        ]}))
        .await
        .expect_err("an own parameter may not shadow a canonical one");
    assert_eq!(
        bad_param.errors[0].field, "parameters[0].name",
        "{bad_param:?}"
    );
}

#[tokio::test]
async fn approval_validates_again_so_a_newly_blocked_column_is_refused() {
    let (_dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let skill = api.bind(&agent.id, DEMO, lookup()).await.expect("lookup");
    api.set_scoping(
        DEMO,
        bindery_api::schema::Scoping {
            blocked_tables: Default::default(),
            blocked_columns: ["customers.email".to_owned()].into(),
        },
    )
    .await
    .expect("block the e-mail column");
    let refused = api
        .approve_skill(&agent.id, &skill.id, json!({"by": "ann"}))
        .await
        .expect_err("the binding reads a blocked column");
    assert_eq!(refused.code, ErrorCode::SkillNotValid, "{refused}");
    let codes: Vec<&str> = refused
        .diagnostics
        .as_ref()
        .and_then(Value::as_array)
        .map(|d| d.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        codes,
        vec!["binding/blocked-by-scoping"],
        "why: {refused:?}"
    );
}
