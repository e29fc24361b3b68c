//! SQL skills run against a real MariaDB with sakila: compiled from bindings against the
//! discovered schema and run through `Runtime::run`. Reads equal what the `mariadb` client
//! reads; writes change exactly one row (MySQL has no RETURNING: the row count says it); the
//! session statement timeout, the read-only transaction and the server's errors come back
//! coded. The tests share one sakila database, so they take turns.

mod sql_support;

use std::sync::Mutex;
use std::time::Duration;

use bindery_binding::{ExecutionConfig, Skill};
use bindery_runtime::{RunStatus, SqlTarget, Target};
use bindery_schema::Schema;
use bindery_testkit::MariadbServer;
use serde_json::{json, Value};
use sql_support::*;
use sqlx::Connection;

static SAKILA: Mutex<()> = Mutex::new(());

struct Sakila {
    rt: tokio::runtime::Runtime,
    server: &'static MariadbServer,
    schema: Schema,
    target: Target,
}

fn sakila() -> Option<Sakila> {
    let server = mariadb()?;
    let rt = tokio();
    let schema = discover_mariadb(&rt, server, "sakila");
    let target = Target::Sql(SqlTarget::Mysql(mysql_pool(&rt, &server.url("sakila"))));
    Some(Sakila {
        rt,
        server,
        schema,
        target,
    })
}

impl Sakila {
    /// The client's answer (tab-separated), in UTC like the runtime's sessions.
    fn query(&self, sql: &str) -> String {
        self.server
            .query("sakila", &format!("SET time_zone = '+00:00'; {sql}"))
            .expect("the client answers")
    }

    fn count(&self, table: &str) -> i64 {
        self.query(&format!("SELECT count(*) FROM {table}"))
            .parse()
            .expect("a count")
    }
}

fn customer_by_id(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Customer by id",
            "description": "A customer's record with the phone of their address.",
            "operation": "sql:select:customer.by_customer_id",
            "sqlSearch": {"column": "customer_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [
                {"path": ["first_name"], "leaf": "first_name"},
                {"path": ["email"], "leaf": "email"},
                {"path": ["active"], "leaf": "active"},
                {"path": ["create_date"], "leaf": "created_at"},
                {"path": ["last_update"], "leaf": "updated_at"},
                {"path": ["address_id", "phone"], "leaf": "phone"}
            ]
        }),
    )
}

fn rename_actor(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Rename an actor",
            "description": "Correct an actor's last name.",
            "operation": "sql:update:actor.by_actor_id",
            "isWrite": true,
            "inputObjectMap": [{"field": "last_name", "param": "caller_last_name"}],
            "sqlWrite": {"mode": "update", "keyColumn": "actor_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
            "confirmation": {"prompt": "Change the name to {caller_last_name}?"}
        }),
    )
}

fn add_customer(schema: &Schema, address_id: Value) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Add a customer",
            "description": "Create a customer record for the caller.",
            "operation": "sql:insert:customer",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "store_id", "const": 1},
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "the record needs a contact", "by": "ops@example.com"}},
                {"field": "address_id", "const": address_id},
                {"field": "active", "const": true},
                {"field": "create_date", "param": "call_started_at"}
            ],
            "sqlWrite": {"mode": "insert"},
            "confirmation": {"prompt": "Create a record for {caller_first_name}?"}
        }),
    )
}

#[test]
fn a_lookup_with_a_one_hop_join_reads_what_the_client_reads() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = customer_by_id(&db.schema);
    let run = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "5"}),
        &db.target,
        false,
    );
    assert_eq!(run.status, RunStatus::Ok, "{run:#?}");
    let expected = db.query(
        "SELECT c.first_name, c.email, c.active, c.create_date, c.last_update, a.phone \
         FROM customer c LEFT JOIN address a ON a.address_id = c.address_id WHERE c.customer_id = 5",
    );
    let columns: Vec<&str> = expected.split('\t').collect();
    // The client writes a DATETIME with a space where ISO 8601 (and the runtime) has a `T`.
    let text = |name: &str| match leaf(&run, name) {
        Value::String(s) if name.ends_with("_at") => s.replacen('T', " ", 1),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        other => other.to_string(),
    };
    let got: Vec<String> = [
        "first_name",
        "email",
        "active",
        "created_at",
        "updated_at",
        "phone",
    ]
    .iter()
    .map(|name| text(name))
    .collect();
    assert_eq!(got, columns, "every leaf equals the client's column");
    assert_eq!(leaf(&run, "active"), &json!(true), "a BOOLEAN is a boolean");
}

#[test]
fn a_bounded_list_reads_every_row_the_client_reads() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill(
        &db.schema,
        json!({
            "toolName": "Customers by last name",
            "description": "Customers with the caller's last name, with the phone of the first one.",
            "operation": "sql:list:customer.by_last_name",
            "sqlSearch": {"column": "last_name", "param": "caller_last_name"},
            "projection": [
                {"path": ["[*]", "first_name"], "leaf": "first_names"},
                {"path": ["[first]", "address_id", "phone"], "leaf": "customer_phone"}
            ]
        }),
    );
    let run = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"caller_last_name": "SMITH"}),
        &db.target,
        false,
    );
    assert_eq!(run.status, RunStatus::Ok, "{run:#?}");
    let expected = db.query(
        "SELECT c.first_name, a.phone FROM customer c LEFT JOIN address a \
         ON a.address_id = c.address_id WHERE c.last_name = 'SMITH' ORDER BY c.customer_id LIMIT 50",
    );
    let rows: Vec<Vec<&str>> = expected.lines().map(|l| l.split('\t').collect()).collect();
    assert!(!rows.is_empty(), "SMITH is a customer");
    let first_names: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(leaf(&run, "first_names"), &json!(first_names), "every row");
    assert_eq!(
        leaf(&run, "customer_phone"),
        &json!(rows[0][1]),
        "the joined phone"
    );
}

#[test]
fn columns_of_every_kind_are_read_by_their_type() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill(
        &db.schema,
        json!({
            "toolName": "Film by id",
            "description": "A film's details.",
            "operation": "sql:select:film.by_film_id",
            "sqlSearch": {"column": "film_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [
                {"path": ["title"], "leaf": "title"},
                {"path": ["rating"], "leaf": "rating"},
                {"path": ["rental_rate"], "leaf": "rental_rate"},
                {"path": ["replacement_cost"], "leaf": "replacement_cost"},
                {"path": ["release_year"], "leaf": "release_year"},
                {"path": ["length"], "leaf": "length"},
                {"path": ["special_features"], "leaf": "special_features"}
            ]
        }),
    );
    let run = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "1"}),
        &db.target,
        false,
    );
    assert_eq!(run.status, RunStatus::Ok, "{run:#?}");
    let expected = db.query(
        "SELECT title, rating, rental_rate, replacement_cost, release_year, length, special_features \
         FROM film WHERE film_id = 1",
    );
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => format!("{:.2}", n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    };
    let got: Vec<String> = [
        "title",
        "rating",
        "rental_rate",
        "replacement_cost",
        "release_year",
        "length",
        "special_features",
    ]
    .iter()
    .map(|name| text(leaf(&run, name)))
    .collect();
    assert_eq!(
        got.join("\t"),
        expected,
        "ENUM, DECIMAL, YEAR, SMALLINT UNSIGNED and SET"
    );
    insta::assert_json_snapshot!("mariadb_film_by_id", redacted(&run));
}

#[test]
fn an_insert_dry_run_touches_nothing_and_the_confirmed_run_writes_one_row() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = add_customer(&db.schema, json!(5));
    let given = json!({
        "caller_first_name": "Ada", "caller_last_name": "O'Hara",
        "caller_email": "ada@example.com", "call_started_at": "2026-11-26T09:30:00+01:00"
    });
    let before = db.count("customer");
    let dry = run(&db.rt, &runtime, &skill, given.clone(), &db.target, false);
    assert_eq!(dry.status, RunStatus::DryRun, "{dry:#?}");
    assert_eq!(db.count("customer"), before, "the dry run wrote nothing");
    insta::assert_json_snapshot!("mariadb_insert_customer_dry_run", redacted(&dry));

    let done = run(&db.rt, &runtime, &skill, given, &db.target, true);
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    assert_eq!(
        done.response.as_ref().and_then(|r| r.rows_affected),
        Some(1),
        "one row written"
    );
    assert_eq!(db.count("customer"), before + 1, "one row more");
    assert_eq!(
        db.query(
            "SELECT concat_ws('|', last_name, email, active) FROM customer \
             ORDER BY customer_id DESC LIMIT 1"
        ),
        "O'Hara|ada@example.com|1",
        "stored as given (sakila's trigger sets create_date itself)"
    );
}

#[test]
fn an_update_by_key_changes_that_row_and_a_missing_key_changes_nothing() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = rename_actor(&db.schema);
    let done = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "7", "caller_last_name": "Renamed"}),
        &db.target,
        true,
    );
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    assert_eq!(
        db.query("SELECT last_name FROM actor WHERE actor_id = 7"),
        "Renamed"
    );
    let again = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "7", "caller_last_name": "Renamed"}),
        &db.target,
        true,
    );
    assert_eq!(
        again.status,
        RunStatus::Ok,
        "the same value again still matches one row: {again:#?}"
    );

    let checksum = || db.query("CHECKSUM TABLE actor");
    let before = checksum();
    let missing = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "60000", "caller_last_name": "Nobody"}),
        &db.target,
        true,
    );
    assert_eq!(codes(&missing), ["runtime/no-row-written"], "{missing:#?}");
    assert_eq!(checksum(), before, "nothing changed");
}

#[test]
fn values_are_converted_by_the_server_to_the_columns_types() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill(
        &db.schema,
        json!({
            "toolName": "Re-rate a film",
            "description": "Correct a film's rating, year, rate and rental days.",
            "operation": "sql:update:film.by_film_id",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "rating", "const": "NC-17"},
                {"field": "release_year", "const": 2007},
                {"field": "rental_rate", "const": 3.49},
                {"field": "rental_duration", "const": 5}
            ],
            "sqlWrite": {"mode": "update", "keyColumn": "film_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
            "confirmation": {"prompt": "Change the film?"}
        }),
    );
    let done = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "2"}),
        &db.target,
        true,
    );
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    assert_eq!(
        db.query("SELECT concat_ws('|', rating, release_year, rental_rate, rental_duration) FROM film WHERE film_id = 2"),
        "NC-17|2007|3.49|5",
        "stored as given"
    );
}

#[test]
fn a_database_error_is_a_sql_error_with_its_codes() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let skill = add_customer(&db.schema, json!(60000));
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
    assert_eq!(codes(&failed), ["runtime/sql-error"], "{failed:#?}");
    let message = &failed.diagnostics[0].message;
    assert!(
        message.contains("1452") && message.contains("23000"),
        "the error number and SQLSTATE of a foreign key violation: {message}"
    );
    assert!(
        !message.contains(db.server.password()),
        "no password: {message}"
    );
    assert_eq!(db.count("customer"), before, "rolled back");
}

#[test]
fn a_read_plan_that_would_write_is_refused_by_the_read_only_transaction() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(None);
    let mut skill = customer_by_id(&db.schema);
    if let ExecutionConfig::NativeSql(plan) = &mut skill.execution_config {
        plan.statement =
            "UPDATE `sakila`.`customer` SET `email` = 'x' WHERE `customer_id` = ?".to_owned();
        plan.outputs.clear();
    }
    let before = db.query("SELECT email FROM customer WHERE customer_id = 5");
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
        refused.diagnostics[0].message.contains("1792"),
        "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: {}",
        refused.diagnostics[0].message
    );
    assert_eq!(
        db.query("SELECT email FROM customer WHERE customer_id = 5"),
        before,
        "nothing changed"
    );
}

#[test]
fn a_statement_held_past_the_timeout_is_a_timeout() {
    let _turn = exclusive(&SAKILA);
    let Some(db) = sakila() else {
        return;
    };
    let runtime = runtime(Some(Duration::from_millis(50)));
    let skill = rename_actor(&db.schema);
    // Another session holds the row the update needs.
    let mut holder = db
        .rt
        .block_on(sqlx::MySqlConnection::connect(&sqlx_mysql_url(
            &db.server.url("sakila"),
        )))
        .expect("a second session");
    db.rt.block_on(async {
        sqlx::raw_sql(
            "START TRANSACTION; UPDATE actor SET last_name = last_name WHERE actor_id = 3",
        )
        .execute(&mut holder)
        .await
        .expect("the row is locked")
    });
    let started = std::time::Instant::now();
    let timed_out = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "3", "caller_last_name": "Late"}),
        &db.target,
        true,
    );
    assert_eq!(codes(&timed_out), ["runtime/timeout"], "{timed_out:#?}");
    assert!(
        timed_out.diagnostics[0].message.contains("1969"),
        "the server's max_statement_time: {}",
        timed_out.diagnostics[0].message
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "stopped at the timeout"
    );
    db.rt.block_on(async {
        sqlx::raw_sql("ROLLBACK")
            .execute(&mut holder)
            .await
            .expect("released")
    });
    let after = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "3", "caller_last_name": "OnTime"}),
        &db.target,
        true,
    );
    assert_eq!(
        after.status,
        RunStatus::Ok,
        "the pool works again: {after:#?}"
    );
}
