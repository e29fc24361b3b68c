//! Injection on PostgreSQL: well over a hundred hostile strings through every string parameter
//! of five pagila skills (three reads, an insert, an update). The server's own statement log
//! (`log_statement = all` for the test's role) shows that only the frozen statements and the
//! transaction and timeout statements ran, with the strings only ever as bound parameters; the
//! tables the skills do not write are byte-for-byte unchanged; the insert stores each string
//! exactly; and every run ends Ok or with a coded diagnostic.

mod sql_support;

use std::collections::BTreeSet;

use bindery_binding::Skill;
use bindery_runtime::{RunStatus, SqlTarget, Target};
use bindery_schema::Schema;
use serde_json::{json, Value};
use sql_support::*;
use sqlx::PgPool;

const ROLE: &str = "inject";
const ROLE_PASSWORD: &str = "inject-pass";
const DATABASE: &str = "pg_inject";

fn list(schema: &Schema, operation: &str, column: &str, param: &str, leaf: &str) -> Skill {
    skill(
        schema,
        json!({
            "toolName": format!("List by {column}"),
            "description": format!("Rows whose {column} is the given value."),
            "operation": operation,
            "sqlSearch": {"column": column, "param": param},
            "projection": [{"path": ["[*]", column], "leaf": leaf}]
        }),
    )
}

fn skills(schema: &Schema) -> Vec<Skill> {
    vec![
        skill(
            schema,
            json!({
                "toolName": "Customers by last name",
                "description": "Customers with the caller's last name, with the phone of the first one.",
                "operation": "sql:list:public.customer.by_last_name",
                "sqlSearch": {"column": "last_name", "param": "caller_last_name"},
                "projection": [
                    {"path": ["[*]", "last_name"], "leaf": "matched"},
                    {"path": ["[first]", "address_id", "phone"], "leaf": "customer_phone"}
                ]
            }),
        ),
        list(
            schema,
            "sql:list:public.film.by_title",
            "title",
            "search_text",
            "matched",
        ),
        list(
            schema,
            "sql:list:public.actor.by_last_name",
            "last_name",
            "caller_name",
            "matched",
        ),
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
        ),
        skill(
            schema,
            json!({
                "toolName": "Rename an actor",
                "description": "Correct an actor's last name.",
                "operation": "sql:update:public.actor.by_actor_id",
                "isWrite": true,
                "inputObjectMap": [{"field": "last_name", "param": "caller_last_name"}],
                "sqlWrite": {"mode": "update", "keyColumn": "actor_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
                "confirmation": {"prompt": "Change the name to {caller_last_name}?"}
            }),
        ),
    ]
}

/// `md5` of every table's rows, by table (actor left out: the writes change it).
async fn checksums(pool: &PgPool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables \
         WHERE schemaname = 'public' AND tablename <> 'actor' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("the tables");
    let mut sums = Vec::new();
    for table in tables {
        let sum: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
        )))
        .fetch_one(pool)
        .await
        .expect("a checksum");
        sums.push((table, sum));
    }
    sums
}

/// The server log's entries (a line with the log prefix and its continuation lines) of
/// `user@database`: (kind, text) with kind `statement`, `execute`, `parameters` or another.
fn log_entries(log: &str, user: &str, database: &str) -> Vec<(String, String)> {
    let starts_entry = |line: &str| {
        let b = line.as_bytes();
        b.len() > 24
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && line[..40.min(line.len())].contains(" [")
    };
    let mut entries: Vec<String> = Vec::new();
    for line in log.trim_end_matches('\n').split('\n') {
        if starts_entry(line) || entries.is_empty() {
            entries.push(line.to_owned());
        } else if let Some(last) = entries.last_mut() {
            // PostgreSQL indents a message's continuation lines with a tab.
            last.push('\n');
            last.push_str(line.strip_prefix('\t').unwrap_or(line));
        }
    }
    let marker = format!(" {user}@{database} ");
    entries
        .iter()
        .filter_map(|entry| entry.split_once(&marker).map(|(_, rest)| rest))
        .map(|rest| {
            if let Some(text) = rest.strip_prefix("LOG:  statement: ") {
                ("statement".to_owned(), text.to_owned())
            } else if let Some(text) = rest.strip_prefix("LOG:  execute ") {
                let text = text.split_once(": ").map(|(_, t)| t).unwrap_or(text);
                ("execute".to_owned(), text.to_owned())
            } else if let Some(text) = rest.strip_prefix("DETAIL:  parameters: ") {
                ("parameters".to_owned(), text.to_owned())
            } else {
                ("other".to_owned(), rest.to_owned())
            }
        })
        .collect()
}

#[test]
fn hostile_strings_only_ever_travel_as_bound_parameters() {
    let Some(server) = postgres() else {
        return;
    };
    let rt = tokio();
    let database = pagila(server, DATABASE);
    server
        .psql(
            "postgres",
            &format!(
                "CREATE ROLE {ROLE} LOGIN SUPERUSER PASSWORD '{ROLE_PASSWORD}'; \
                 ALTER ROLE {ROLE} SET log_statement = 'all';"
            ),
        )
        .expect("the logged role");
    let schema = discover_postgres(&rt, server, &database);
    let skills = skills(&schema);
    let frozen: BTreeSet<String> = skills.iter().map(|s| statement(s).to_owned()).collect();
    let checker = pg_pool(
        &rt,
        server,
        &database,
        "postgres",
        bindery_testkit::postgres::SUPERUSER_PASSWORD,
    );
    let target = Target::Sql(SqlTarget::Postgres(pg_pool(
        &rt,
        server,
        &database,
        ROLE,
        ROLE_PASSWORD,
    )));
    let runtime = runtime(None);
    let strings = hostile_strings();
    assert!(strings.len() >= 100, "{} hostile strings", strings.len());

    let before = rt.block_on(checksums(&checker));
    let actors_before: i64 = rt
        .block_on(sqlx::query_scalar("SELECT count(*) FROM actor").fetch_one(&checker))
        .expect("a count");
    let (mut runs, mut inserted) = (0usize, 0i64);
    for hostile in &strings {
        for (read, column) in
            skills[..3]
                .iter()
                .zip(["customer.last_name", "film.title", "actor.last_name"])
        {
            let given: serde_json::Map<String, Value> = used_params(read)
                .into_iter()
                .map(|p| (p, Value::String(hostile.clone())))
                .collect();
            let run = rt.block_on(runtime.run(read, &given, &target, false));
            runs += 1;
            assert_eq!(
                run.status,
                RunStatus::Ok,
                "{} with {hostile:?}: {run:#?}",
                read.name
            );
            let (table, col) = column.split_once('.').expect("table.column");
            let expected: i64 = rt
                .block_on(
                    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {col} = $1 LIMIT 50) m"
                    )))
                    .bind(hostile)
                    .fetch_one(&checker),
                )
                .expect("a count");
            let matched = leaf(&run, "matched").as_array().map(Vec::len).unwrap_or(0);
            assert_eq!(
                matched as i64, expected,
                "{} matched {hostile:?} exactly",
                read.name
            );
        }
        let added = rt.block_on(runtime.run(
            &skills[3],
            &inputs(json!({"caller_first_name": hostile, "caller_last_name": hostile})),
            &target,
            true,
        ));
        runs += 1;
        assert_eq!(
            added.status,
            RunStatus::Ok,
            "insert {hostile:?}: {added:#?}"
        );
        inserted += 1;
        let id = leaf(&added, "actor_id").as_i64().expect("the new id");
        let stored: (String, String) = rt
            .block_on(
                sqlx::query_as("SELECT first_name, last_name FROM actor WHERE actor_id = $1")
                    .bind(id as i32)
                    .fetch_one(&checker),
            )
            .expect("the new row");
        assert_eq!(stored, (hostile.clone(), hostile.clone()), "stored exactly");
        let renamed = rt.block_on(runtime.run(
            &skills[4],
            &inputs(
                json!({"customer_id": id.to_string(), "caller_last_name": format!("{hostile}!")}),
            ),
            &target,
            true,
        ));
        runs += 1;
        assert_eq!(
            renamed.status,
            RunStatus::Ok,
            "update {hostile:?}: {renamed:#?}"
        );
        let stored: String = rt
            .block_on(
                sqlx::query_scalar("SELECT last_name FROM actor WHERE actor_id = $1")
                    .bind(id as i32)
                    .fetch_one(&checker),
            )
            .expect("the renamed row");
        assert_eq!(stored, format!("{hostile}!"), "updated exactly");
    }
    eprintln!("{} hostile strings, {runs} runs", strings.len());

    assert_eq!(
        rt.block_on(checksums(&checker)),
        before,
        "no other table changed"
    );
    let actors_after: i64 = rt
        .block_on(sqlx::query_scalar("SELECT count(*) FROM actor").fetch_one(&checker))
        .expect("a count");
    assert_eq!(
        actors_after,
        actors_before + inserted,
        "one actor per insert, no more"
    );

    let log = std::fs::read_to_string(server.log_path()).expect("the server log");
    let entries = log_entries(&log, ROLE, &database);
    let control = |text: &str| {
        text.starts_with("BEGIN READ ONLY; SET LOCAL statement_timeout = ")
            || text.starts_with("BEGIN; SET LOCAL statement_timeout = ")
            || text == "ROLLBACK"
            || text == "COMMIT"
    };
    let mut executed = 0usize;
    for (kind, text) in &entries {
        match kind.as_str() {
            "execute" => {
                executed += 1;
                assert!(
                    frozen.contains(text),
                    "only frozen statements are executed: {text:?}"
                );
            }
            "statement" => {
                let catalog = text.contains("pg_catalog.")
                    && !strings
                        .iter()
                        .any(|s| s.len() > 3 && text.contains(s.as_str()));
                assert!(
                    control(text) || catalog,
                    "only transaction, timeout and the driver's catalog lookups run as text: {text:?}"
                );
            }
            _ => {}
        }
    }
    assert_eq!(
        executed, runs,
        "one execution of a frozen statement per run"
    );
    let texts: BTreeSet<String> = entries
        .iter()
        .filter(|(kind, _)| kind == "statement")
        .map(|(_, text)| text.chars().take(60).collect())
        .collect();
    eprintln!("statements run as text: {texts:#?}");
    let parameters: Vec<&str> = entries
        .iter()
        .filter(|(kind, _)| kind == "parameters")
        .map(|(_, text)| text.as_str())
        .collect();
    for hostile in &strings {
        let quoted = format!("'{}'", hostile.replace('\'', "''"));
        assert!(
            parameters.iter().any(|p| p.contains(&quoted)),
            "{hostile:?} reached the server as a bound parameter"
        );
    }
}

/// The parameters a skill's plan uses.
fn used_params(skill: &Skill) -> Vec<String> {
    bindery_runtime::inputs::used_params(skill)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_dry_run_sends_nothing_to_the_server() {
    let Some(server) = postgres() else {
        return;
    };
    let (role, password) = ("dry_runner", "dry-pass");
    let rt = tokio();
    let database = pagila(server, "pg_dry_run");
    server
        .psql(
            "postgres",
            &format!(
                "CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'; \
                 ALTER ROLE {role} SET log_statement = 'all';"
            ),
        )
        .expect("the logged role");
    let schema = discover_postgres(&rt, server, &database);
    let insert = &skills(&schema)[3];
    let target = Target::Sql(SqlTarget::Postgres(pg_pool(
        &rt, server, &database, role, password,
    )));
    let runtime = runtime(None);
    let given = inputs(json!({"caller_first_name": "Dry", "caller_last_name": "Run"}));
    let count = || {
        server
            .psql(&database, "SELECT count(*) FROM actor")
            .expect("a count")
    };
    let before = count();
    for _ in 0..3 {
        let dry = rt.block_on(runtime.run(insert, &given, &target, false));
        assert_eq!(dry.status, RunStatus::DryRun, "{dry:#?}");
    }
    let log = || std::fs::read_to_string(server.log_path()).expect("the server log");
    let statements = |log: &str| -> Vec<String> {
        log_entries(log, role, &database)
            .into_iter()
            .filter(|(kind, _)| kind == "statement" || kind == "execute")
            .map(|(_, text)| text)
            .collect()
    };
    assert_eq!(
        statements(&log()),
        Vec::<String>::new(),
        "the dry runs sent no statement at all"
    );
    assert_eq!(count(), before, "and wrote nothing");

    let done = rt.block_on(runtime.run(insert, &given, &target, true));
    assert_eq!(done.status, RunStatus::Ok, "{done:#?}");
    let sent = statements(&log());
    assert_eq!(
        sent.iter()
            .filter(|s| s.as_str() == statement(insert))
            .count(),
        1,
        "the confirmed run executed the INSERT once: {sent:#?}"
    );
}
