//! SQL skills run against a real PostgreSQL with pagila: each skill is compiled from a binding
//! against the discovered schema and run through `Runtime::run`; what it reads equals what the
//! server answers to an independent query, writes change exactly one row (or none, with a
//! code), values are bound with the server's own parameter types (smallint, enum, domain,
//! numeric, date, timestamptz), and timeouts and errors come back coded.

mod sql_support;

use std::time::Duration;

use bindery_binding::{ExecutionConfig, Skill};
use bindery_runtime::{RunStatus, SqlTarget, Target};
use bindery_schema::Schema;
use bindery_testkit::PostgresServer;
use serde_json::{json, Value};
use sql_support::*;
use sqlx::Connection;

/// A fresh pagila, its schema, and a runtime target on it.
struct Pagila {
    rt: tokio::runtime::Runtime,
    server: &'static PostgresServer,
    database: String,
    schema: Schema,
    target: Target,
}

fn pagila_for(name: &str) -> Option<Pagila> {
    let server = postgres()?;
    let rt = tokio();
    let database = pagila(server, name);
    let schema = discover_postgres(&rt, server, &database);
    let target = pg_target(&rt, server, &database);
    Some(Pagila {
        rt,
        server,
        database,
        schema,
        target,
    })
}

impl Pagila {
    /// psql's one-value answer.
    fn psql(&self, sql: &str) -> String {
        self.server.psql(&self.database, sql).expect("psql answers")
    }

    /// A query's rows as JSON (psql builds the JSON, so the comparison is independent).
    fn json(&self, sql: &str) -> Value {
        let text = self.psql(&format!(
            "SELECT coalesce(json_agg(q), '[]'::json) FROM ({sql}) q"
        ));
        serde_json::from_str(&text).expect("psql gives JSON")
    }

    fn count(&self, table: &str) -> i64 {
        self.psql(&format!("SELECT count(*) FROM {table}"))
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
            "operation": "sql:select:public.customer.by_customer_id",
            "sqlSearch": {"column": "customer_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [
                {"path": ["first_name"], "leaf": "first_name"},
                {"path": ["email"], "leaf": "email"},
                {"path": ["activebool"], "leaf": "active"},
                {"path": ["create_date"], "leaf": "created_on"},
                {"path": ["last_update"], "leaf": "updated_at"},
                {"path": ["address_id", "phone"], "leaf": "phone"}
            ]
        }),
    )
}

fn customers_by_last_name(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Customers by last name",
            "description": "Customers with the caller's last name, with the phone of the first one.",
            "operation": "sql:list:public.customer.by_last_name",
            "sqlSearch": {"column": "last_name", "param": "caller_last_name"},
            "projection": [
                {"path": ["[*]", "first_name"], "leaf": "first_names"},
                {"path": ["[first]", "email"], "leaf": "customer_email"},
                {"path": ["[first]", "address_id", "phone"], "leaf": "customer_phone"}
            ]
        }),
    )
}

fn add_actor(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Add an actor",
            "description": "Add an actor the caller names.",
            "operation": "sql:insert:public.actor",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"}
            ],
            "sqlWrite": {"mode": "insert"},
            "projection": [{"path": ["actor_id"], "leaf": "actor_id"}],
            "confirmation": {"prompt": "Add {caller_first_name} {caller_last_name}?"}
        }),
    )
}

fn rename_actor(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Rename an actor",
            "description": "Correct an actor's last name.",
            "operation": "sql:update:public.actor.by_actor_id",
            "isWrite": true,
            "inputObjectMap": [{"field": "last_name", "param": "caller_last_name"}],
            "sqlWrite": {"mode": "update", "keyColumn": "actor_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
            "projection": [
                {"path": ["actor_id"], "leaf": "actor_id"},
                {"path": ["last_name"], "leaf": "new_last_name"}
            ],
            "confirmation": {"prompt": "Change the name to {caller_last_name}?"}
        }),
    )
}

#[test]
fn a_lookup_with_a_one_hop_join_reads_what_psql_reads() {
    let Some(db) = pagila_for("pg_lookup") else {
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
    assert_eq!(run.status, RunStatus::Ok, "the read succeeds: {run:#?}");
    assert!(run.executed && !run.is_write, "a read that ran");
    let expected = db.json(
        "SELECT c.first_name, c.email, c.activebool AS active, c.create_date AS created_on, \
         c.last_update AS updated_at, a.phone FROM customer c \
         LEFT JOIN address a ON a.address_id = c.address_id WHERE c.customer_id = 5",
    );
    let row = &expected[0];
    for name in ["first_name", "email", "active", "created_on", "phone"] {
        assert_eq!(leaf(&run, name), &row[name], "{name} equals psql's");
    }
    let instant = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("a timestamp as text"))
            .expect("an RFC 3339 timestamp")
    };
    assert_eq!(
        instant(leaf(&run, "updated_at")),
        instant(&row["updated_at"]),
        "the timestamptz is the same instant"
    );
    let latency = run.latency_ms.expect("a latency");
    assert!(latency > 0.0 && latency < 5_000.0, "latency {latency} ms");

    let none = run_skill_missing(&db, &runtime, &skill);
    assert_eq!(none.status, RunStatus::Ok, "no row is not a failure");
    assert_eq!(codes(&none), ["runtime/no-result"], "noted");
    assert_eq!(leaf(&none, "first_name"), &Value::Null, "null leaf");
}

fn run_skill_missing(
    db: &Pagila,
    runtime: &bindery_runtime::Runtime,
    skill: &Skill,
) -> bindery_runtime::TryRun {
    run(
        &db.rt,
        runtime,
        skill,
        json!({"customer_id": "999999"}),
        &db.target,
        false,
    )
}

#[test]
fn a_bounded_list_reads_every_row_psql_reads() {
    let Some(db) = pagila_for("pg_list") else {
        return;
    };
    let runtime = runtime(None);
    let skill = customers_by_last_name(&db.schema);
    let last_name = db.psql(
        "SELECT last_name FROM customer GROUP BY last_name ORDER BY count(*) DESC, last_name LIMIT 1",
    );
    let run = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"caller_last_name": last_name}),
        &db.target,
        false,
    );
    assert_eq!(run.status, RunStatus::Ok, "{run:#?}");
    let expected = db.json(&format!(
        "SELECT c.first_name, c.email, a.phone FROM customer c \
         LEFT JOIN address a ON a.address_id = c.address_id \
         WHERE c.last_name = '{last_name}' ORDER BY c.customer_id LIMIT 50"
    ));
    let rows = expected.as_array().expect("rows");
    assert!(!rows.is_empty(), "{last_name} has customers");
    let first_names: Vec<Value> = rows.iter().map(|r| r["first_name"].clone()).collect();
    assert_eq!(
        leaf(&run, "first_names"),
        &Value::Array(first_names),
        "every row, in key order"
    );
    assert_eq!(
        leaf(&run, "customer_email"),
        &rows[0]["email"],
        "the first row's e-mail"
    );
    assert_eq!(
        leaf(&run, "customer_phone"),
        &rows[0]["phone"],
        "the joined phone"
    );
    let body = run
        .response
        .as_ref()
        .map(|r| r.body.clone())
        .expect("a response");
    assert_eq!(
        body.as_array().map(Vec::len),
        Some(rows.len()),
        "the response holds the rows"
    );
}

#[test]
fn columns_of_every_kind_are_read_by_their_type() {
    let Some(db) = pagila_for("pg_film") else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill(
        &db.schema,
        json!({
            "toolName": "Film by id",
            "description": "A film's details.",
            "operation": "sql:select:public.film.by_film_id",
            "sqlSearch": {"column": "film_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [
                {"path": ["title"], "leaf": "title"},
                {"path": ["rating"], "leaf": "rating"},
                {"path": ["rental_rate"], "leaf": "rental_rate"},
                {"path": ["replacement_cost"], "leaf": "replacement_cost"},
                {"path": ["release_year"], "leaf": "release_year"},
                {"path": ["length"], "leaf": "length"},
                {"path": ["fulltext"], "leaf": "fulltext"}
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
    let expected = db.json(
        "SELECT title, rating, rental_rate, replacement_cost, release_year, length \
         FROM film WHERE film_id = 1",
    );
    for name in [
        "title",
        "rating",
        "rental_rate",
        "replacement_cost",
        "release_year",
        "length",
    ] {
        assert_eq!(
            leaf(&run, name),
            &expected[0][name],
            "{name} (enum, numeric, domain, smallint)"
        );
    }
    assert_eq!(
        leaf(&run, "fulltext"),
        &Value::Null,
        "a tsvector (a binary form Bindery does not read) is null"
    );
    let warning = run
        .diagnostics
        .iter()
        .find(|d| d.at.as_deref() == Some("response.fulltext"))
        .expect("a warning names the column");
    assert_eq!(warning.code, "runtime/output-missing", "{warning:?}");
    insta::assert_json_snapshot!("pg_film_by_id", redacted(&run));
}

#[test]
fn an_insert_dry_run_touches_nothing_and_the_confirmed_run_writes_one_row() {
    let Some(db) = pagila_for("pg_insert") else {
        return;
    };
    let runtime = runtime(None);
    let skill = add_actor(&db.schema);
    let before = db.count("actor");
    let given = json!({"caller_first_name": "Ada", "caller_last_name": "O'Hara"});

    let dry = run(&db.rt, &runtime, &skill, given.clone(), &db.target, false);
    assert_eq!(dry.status, RunStatus::DryRun, "unconfirmed: {dry:#?}");
    assert!(!dry.executed && dry.response.is_none(), "nothing sent");
    assert_eq!(codes(&dry), ["runtime/confirmation-required"], "said why");
    assert_eq!(db.count("actor"), before, "the dry run wrote nothing");
    insta::assert_json_snapshot!("pg_insert_actor_dry_run", redacted(&dry));

    let done = run(&db.rt, &runtime, &skill, given, &db.target, true);
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    assert_eq!(db.count("actor"), before + 1, "exactly one row more");
    assert_eq!(
        done.response.as_ref().and_then(|r| r.rows_affected),
        Some(1),
        "one row affected"
    );
    let id = leaf(&done, "actor_id").as_i64().expect("the new id");
    assert_eq!(
        db.psql(&format!(
            "SELECT first_name || '|' || last_name FROM actor WHERE actor_id = {id}"
        )),
        "Ada|O'Hara",
        "the returned id is the new row, its values stored as given"
    );
}

#[test]
fn an_update_by_key_changes_that_row_and_a_missing_key_changes_nothing() {
    let Some(db) = pagila_for("pg_update") else {
        return;
    };
    let runtime = runtime(None);
    let skill = rename_actor(&db.schema);
    let snapshot =
        || db.psql("SELECT md5(string_agg(a::text, ',' ORDER BY actor_id)) FROM actor a");

    let done = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "7", "caller_last_name": "Renamed"}),
        &db.target,
        true,
    );
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    assert_eq!(leaf(&done, "actor_id"), &json!(7), "RETURNING the key");
    assert_eq!(
        leaf(&done, "new_last_name"),
        &json!("Renamed"),
        "and the new value"
    );
    assert_eq!(
        db.psql("SELECT last_name FROM actor WHERE actor_id = 7"),
        "Renamed",
        "the row changed"
    );

    let before = snapshot();
    let missing = run(
        &db.rt,
        &runtime,
        &skill,
        json!({"customer_id": "999999", "caller_last_name": "Nobody"}),
        &db.target,
        true,
    );
    assert_eq!(missing.status, RunStatus::Failed, "{missing:#?}");
    assert_eq!(codes(&missing), ["runtime/no-row-written"], "coded");
    assert_eq!(
        missing.response.as_ref().and_then(|r| r.rows_affected),
        Some(0),
        "zero rows"
    );
    assert_eq!(snapshot(), before, "nothing changed");
}

#[test]
fn values_are_bound_with_the_servers_parameter_types() {
    let Some(db) = pagila_for("pg_types") else {
        return;
    };
    let runtime = runtime(None);
    let skill = skill(
        &db.schema,
        json!({
            "toolName": "Re-rate a film",
            "description": "Correct a film's rating, year, rate and rental days.",
            "operation": "sql:update:public.film.by_film_id",
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
    assert_eq!(
        done.status,
        RunStatus::Ok,
        "an enum, a domain, a numeric and a smallint bind: {done:#?}"
    );
    assert_eq!(
        db.psql("SELECT rating || '|' || release_year || '|' || rental_rate || '|' || rental_duration FROM film WHERE film_id = 2"),
        "NC-17|2007|3.49|5",
        "stored as given"
    );

    let customer = skill_insert_customer(&db.schema, json!(5));
    let before = db.count("customer");
    let done = run(
        &db.rt,
        &runtime,
        &customer,
        json!({
            "caller_first_name": "Grace", "caller_last_name": "Hopper",
            "caller_email": "grace@example.com", "call_started_at": "2026-11-26T09:30:00+01:00"
        }),
        &db.target,
        true,
    );
    assert_eq!(
        done.status,
        RunStatus::Ok,
        "a date, a timestamptz and a boolean bind: {done:#?}"
    );
    let id = leaf(&done, "customer_id").as_i64().expect("the new id");
    assert_eq!(db.count("customer"), before + 1, "one row");
    assert_eq!(
        db.psql(&format!(
            "SELECT create_date || '|' || activebool || '|' || (last_update = '2026-11-26 08:30:00+00') \
             FROM customer WHERE customer_id = {id}"
        )),
        "2026-11-26|true|true",
        "the date, the boolean and the instant are the ones given"
    );
}

fn skill_insert_customer(schema: &Schema, address_id: Value) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Add a customer",
            "description": "Create a customer record for the caller.",
            "operation": "sql:insert:public.customer",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "store_id", "const": 1},
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "the record needs a contact", "by": "ops@example.com"}},
                {"field": "address_id", "const": address_id},
                {"field": "activebool", "const": true},
                {"field": "create_date", "const": "2026-11-26"},
                {"field": "last_update", "param": "call_started_at"}
            ],
            "sqlWrite": {"mode": "insert"},
            "projection": [{"path": ["customer_id"], "leaf": "customer_id"}],
            "confirmation": {"prompt": "Create a record for {caller_first_name}?"}
        }),
    )
}

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

fn set_constant(skill: &mut Skill, column: &str, value: Value) {
    if let ExecutionConfig::NativeSql(plan) = &mut skill.execution_config {
        for parameter in &mut plan.parameters {
            if parameter.column == column {
                parameter.value = bindery_binding::ValuePlan::Const {
                    constant: value.clone(),
                };
            }
        }
    }
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
