//! SQL skills on a real PostgreSQL with pagila that fail, each with its code: a database error
//! carries its SQLSTATE, a value the column cannot take is an input problem, a read plan that
//! would write is refused by the read-only transaction, a statement held past the timeout times
//! out, and an unreachable server is unreachable.

mod sql_support;

use std::time::Duration;

use bindery_binding::ExecutionConfig;
use bindery_runtime::{RunStatus, SqlTarget, Target};
use serde_json::json;
use sql_support::pagila::*;
use sql_support::*;
use sqlx::Connection;
#[test]
fn a_database_error_is_a_sql_error_with_its_sqlstate() {
    let Some(db) = pagila_for("pg_error") else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill_insert_customer(&db.schema, json!(999_999));
    let before = db.count("customer");
    let failed = run(
        &db.rt,
        &runtime,
        &skill,
        json!({
            "caller_first_name": "No", "caller_last_name": "Address",
            "caller_email": "none@example.com", "call_started_at": "2026-11-26T09:30:00Z"
        }),
        &db.target,
        true,
    );
    assert_eq!(failed.status, RunStatus::Failed, "{failed:#?}");
    assert_eq!(codes(&failed), ["runtime/sql-error"], "coded");
    let message = &failed.diagnostics[0].message;
    assert!(
        message.contains("23503"),
        "the SQLSTATE of a foreign key violation: {message}"
    );
    assert!(
        !message.contains(bindery_testkit::postgres::SUPERUSER_PASSWORD),
        "no password in {message}"
    );
    assert!(
        failed.executed && failed.output.is_none(),
        "it ran, nothing projected"
    );
    assert_eq!(db.count("customer"), before, "rolled back");
}

#[test]
fn a_value_the_column_cannot_take_is_an_input_type_problem() {
    let Some(db) = pagila_for("pg_input_type") else {
        return;
    };
    let runtime = runtime(None);
    let mut skill = skill_insert_customer(&db.schema, json!(5));
    set_constant(&mut skill, "create_date", json!("next tuesday"));
    let failed = run(
        &db.rt,
        &runtime,
        &skill,
        json!({
            "caller_first_name": "A", "caller_last_name": "B",
            "caller_email": "ab@example.com", "call_started_at": "2026-11-26T09:30:00Z"
        }),
        &db.target,
        true,
    );
    assert_eq!(codes(&failed), ["runtime/input-type"], "{failed:#?}");
    assert_eq!(
        failed.diagnostics[0].at.as_deref(),
        Some("plan.parameters[6]"),
        "where: the constant for create_date"
    );
    assert!(!failed.executed, "the statement did not run");
}

#[test]
fn a_read_plan_that_would_write_is_refused_by_the_read_only_transaction() {
    let Some(db) = pagila_for("pg_read_only") else {
        return;
    };
    let runtime = runtime(None);
    let mut skill = customer_by_id(&db.schema);
    if let ExecutionConfig::NativeSql(plan) = &mut skill.execution_config {
        plan.statement =
            "UPDATE \"public\".\"customer\" SET \"email\" = 'x' WHERE \"customer_id\" = $1 \
                          RETURNING \"first_name\" AS \"first_name\""
                .to_owned();
    }
    let before = db.psql("SELECT email FROM customer WHERE customer_id = 5");
    let refused = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "5"}),
        &db.target,
        false,
    );
    assert_eq!(codes(&refused), ["runtime/sql-error"], "{refused:#?}");
    assert!(
        refused.diagnostics[0].message.contains("25006"),
        "read_only_sql_transaction: {}",
        refused.diagnostics[0].message
    );
    assert_eq!(
        db.psql("SELECT email FROM customer WHERE customer_id = 5"),
        before,
        "nothing changed"
    );
}

#[test]
fn a_statement_held_past_the_timeout_is_a_timeout() {
    let Some(db) = pagila_for("pg_timeout") else {
        return;
    };
    let runtime = runtime(Some(Duration::from_millis(50)));
    let read = customer_by_id(&db.schema);
    let write = rename_actor(&db.schema);
    // Another session holds the tables: the read waits on its lock, the update on the row.
    let url = db.server.url(&db.database);
    let mut holder = db
        .rt
        .block_on(sqlx::PgConnection::connect(&url))
        .expect("a second session");
    db.rt.block_on(async {
        sqlx::raw_sql(
            "BEGIN; LOCK TABLE customer IN ACCESS EXCLUSIVE MODE; \
             UPDATE actor SET last_name = last_name WHERE actor_id = 3",
        )
        .execute(&mut holder)
        .await
        .expect("the locks are taken")
    });
    for (skill, given, confirm) in [
        (&read, json!({"customer_id": "5"}), false),
        (
            &write,
            json!({"customer_id": "3", "caller_last_name": "Late"}),
            true,
        ),
    ] {
        let started = std::time::Instant::now();
        let timed_out = run(&db.rt, &runtime, skill, given, &db.target, confirm);
        assert_eq!(
            codes(&timed_out),
            ["runtime/timeout"],
            "{}: {timed_out:#?}",
            skill.name
        );
        assert!(
            timed_out.diagnostics[0].message.contains("57014"),
            "the server's statement timeout: {}",
            timed_out.diagnostics[0].message
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "stopped at the timeout"
        );
    }
    db.rt.block_on(async {
        sqlx::raw_sql("ROLLBACK")
            .execute(&mut holder)
            .await
            .expect("released")
    });
    let after = run(
        &db.rt,
        &runtime,
        &read,
        json!({"customer_id": "5"}),
        &db.target,
        false,
    );
    assert_eq!(
        after.status,
        RunStatus::Ok,
        "the pool works again: {after:#?}"
    );
}

#[test]
fn an_unreachable_database_is_unreachable() {
    let Some(db) = pagila_for("pg_unreachable") else {
        return;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let _entered = db.rt.enter();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy(&format!("postgres://postgres:secret-pw@127.0.0.1:{port}/x"))
        .expect("a lazy pool");
    let target = Target::Sql(SqlTarget::Postgres(pool));
    let skill = customer_by_id(&db.schema);
    let failed = run(
        &db.rt,
        &runtime(None),
        &skill,
        json!({"customer_id": "5"}),
        &target,
        false,
    );
    assert_eq!(codes(&failed), ["runtime/unreachable"], "{failed:#?}");
    assert!(!failed.executed, "nothing reached a database");
    assert!(
        !failed.diagnostics[0].message.contains("secret-pw"),
        "no password: {}",
        failed.diagnostics[0].message
    );
    assert!(failed.request.is_some(), "the request is still shown");
}
