//! SQL skills run against a real PostgreSQL with pagila: each skill is compiled from a binding
//! against the discovered schema and run through `Runtime::run`; what it reads equals what the
//! server answers to an independent query, writes change exactly one row (or none, with a
//! code), values are bound with the server's own parameter types (smallint, enum, domain,
//! numeric, date, timestamptz), and timeouts and errors come back coded.

mod sql_support;

use bindery_binding::Skill;
use bindery_runtime::RunStatus;
use serde_json::{json, Value};
use sql_support::pagila::*;
use sql_support::*;
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
