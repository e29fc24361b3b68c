//! Injection on MariaDB: well over a hundred hostile strings through every string parameter of
//! five sakila skills (three reads, an insert, an update). The server's general log (to the
//! `mysql.general_log` table) shows that every statement prepared is a frozen statement and
//! every statement sent as text is a transaction, timeout or session-setup statement; the
//! tables the skills do not write are unchanged (`CHECKSUM TABLE`); the writes store each string
//! exactly or are refused with a code (too long for `VARCHAR(45)`, not in `utf8mb3`).

mod sql_support;

use std::collections::BTreeSet;

use bindery_binding::Skill;
use bindery_runtime::{RunStatus, SqlTarget, Target};
use bindery_schema::Schema;
use serde_json::{json, Value};
use sql_support::*;

const USER: &str = "inject";
const PASSWORD: &str = "inject-pass";

fn list(schema: &Schema, operation: &str, column: &str, param: &str) -> Skill {
    skill(
        schema,
        json!({
            "toolName": format!("List by {column}"),
            "description": format!("Rows whose {column} is the given value."),
            "operation": operation,
            "sqlSearch": {"column": column, "param": param},
            "projection": [{"path": ["[*]", column], "leaf": "matched"}]
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
                "operation": "sql:list:customer.by_last_name",
                "sqlSearch": {"column": "last_name", "param": "caller_last_name"},
                "projection": [
                    {"path": ["[*]", "last_name"], "leaf": "matched"},
                    {"path": ["[first]", "address_id", "phone"], "leaf": "customer_phone"}
                ]
            }),
        ),
        list(schema, "sql:list:film.by_title", "title", "search_text"),
        list(
            schema,
            "sql:list:actor.by_last_name",
            "last_name",
            "caller_name",
        ),
        skill(
            schema,
            json!({
                "toolName": "Add an actor",
                "description": "Add an actor the caller names.",
                "operation": "sql:insert:actor",
                "isWrite": true,
                "inputObjectMap": [
                    {"field": "first_name", "param": "caller_first_name"},
                    {"field": "last_name", "param": "caller_last_name"}
                ],
                "sqlWrite": {"mode": "insert"},
                "confirmation": {"prompt": "Add {caller_first_name} {caller_last_name}?"}
            }),
        ),
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
        ),
    ]
}

fn given(skill: &Skill, value: &str) -> serde_json::Map<String, Value> {
    bindery_runtime::inputs::used_params(skill)
        .into_iter()
        .map(|p| (p.to_owned(), Value::String(value.to_owned())))
        .collect()
}

#[test]
fn hostile_strings_only_ever_travel_as_bound_parameters() {
    let Some(server) = mariadb() else {
        return;
    };
    let rt = tokio();
    server.create_user(USER, PASSWORD).expect("the user");
    server
        .execute(None, &format!("GRANT ALL ON sakila.* TO '{USER}'@'%'"))
        .expect("the grant");
    let schema = discover_mariadb(&rt, server, "sakila");
    let skills = skills(&schema);
    let frozen: BTreeSet<String> = skills.iter().map(|s| statement(s).to_owned()).collect();
    let checker = mysql_pool(&rt, &server.url("sakila"));
    let tables: Vec<String> = rt
        .block_on(
            sqlx::query_scalar(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sakila' \
                 AND table_type = 'BASE TABLE' AND table_name <> 'actor' ORDER BY 1",
            )
            .fetch_all(&checker),
        )
        .expect("the tables");
    let checksums = || {
        server
            .query("sakila", &format!("CHECKSUM TABLE {}", tables.join(", ")))
            .expect("checksums")
    };
    let before = checksums();
    let actors_before: i64 = rt
        .block_on(sqlx::query_scalar("SELECT count(*) FROM actor").fetch_one(&checker))
        .expect("a count");
    server
        .execute(
            None,
            "SET GLOBAL general_log = 0; TRUNCATE TABLE mysql.general_log; \
             SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1;",
        )
        .expect("the general log is on");
    let target = Target::Sql(SqlTarget::Mysql(mysql_pool(
        &rt,
        &server.url_for(USER, PASSWORD, "sakila"),
    )));
    let runtime = runtime(None);
    let strings = hostile_strings();
    assert!(strings.len() >= 100, "{} hostile strings", strings.len());

    let (mut executed, mut inserted, mut refused) = (0usize, 0i64, Vec::new());
    for hostile in &strings {
        for (read, (table, column)) in skills[..3].iter().zip([
            ("customer", "last_name"),
            ("film", "title"),
            ("actor", "last_name"),
        ]) {
            let run = rt.block_on(runtime.run(read, &given(read, hostile), &target, false));
            executed += usize::from(run.executed);
            if run.status != RunStatus::Ok {
                assert_eq!(codes(&run), ["runtime/sql-error"], "{hostile:?}: {run:#?}");
                refused.push(format!("{}: {}", read.name, run.diagnostics[0].message));
                continue;
            }
            let expected: i64 = rt
                .block_on(
                    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {column} = ? LIMIT 50) m"
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
        let added =
            rt.block_on(runtime.run(&skills[3], &given(&skills[3], hostile), &target, true));
        executed += usize::from(added.executed);
        if added.status != RunStatus::Ok {
            assert_eq!(
                codes(&added),
                ["runtime/sql-error"],
                "{hostile:?}: {added:#?}"
            );
            refused.push(format!("insert: {}", added.diagnostics[0].message));
            continue;
        }
        inserted += 1;
        let id: u16 = rt
            .block_on(sqlx::query_scalar("SELECT max(actor_id) FROM actor").fetch_one(&checker))
            .expect("the new id");
        let stored: (String, String) = rt
            .block_on(
                sqlx::query_as("SELECT first_name, last_name FROM actor WHERE actor_id = ?")
                    .bind(id)
                    .fetch_one(&checker),
            )
            .expect("the new row");
        assert_eq!(stored, (hostile.clone(), hostile.clone()), "stored exactly");
        let mut rename = given(&skills[4], hostile);
        rename.insert("customer_id".to_owned(), json!(id.to_string()));
        let renamed = rt.block_on(runtime.run(&skills[4], &rename, &target, true));
        executed += usize::from(renamed.executed);
        assert_eq!(
            renamed.status,
            RunStatus::Ok,
            "update {hostile:?}: {renamed:#?}"
        );
    }
    server
        .execute(None, "SET GLOBAL general_log = 0")
        .expect("the general log is off");
    eprintln!(
        "{} hostile strings, {executed} statements executed, {inserted} rows inserted, {} refused by the server:\n{}",
        strings.len(),
        refused.len(),
        refused.join("\n")
    );
    assert!(inserted > 50, "most strings fit an actor's name");

    assert_eq!(checksums(), before, "no other table changed");
    let actors_after: i64 = rt
        .block_on(sqlx::query_scalar("SELECT count(*) FROM actor").fetch_one(&checker))
        .expect("a count");
    assert_eq!(
        actors_after,
        actors_before + inserted,
        "one actor per accepted insert"
    );

    let log: Vec<(String, String)> = rt
        .block_on(
            sqlx::query_as(
                "SELECT command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log \
                 WHERE user_host LIKE 'inject[%' ORDER BY event_time",
            )
            .fetch_all(&checker),
        )
        .expect("the general log");
    let setup = |text: &str| {
        text.starts_with("SET SESSION max_statement_time = ")
            || text.starts_with("START TRANSACTION")
            || text == "ROLLBACK"
            || text == "COMMIT"
            || text.starts_with("SET sql_mode=")
            || text.starts_with("SET NAMES ")
            || text.starts_with("SET time_zone")
            || text.starts_with("SET character_set")
            || text.starts_with("SET collation")
    };
    let mut executions = 0usize;
    let mut texts = BTreeSet::new();
    for (command, argument) in &log {
        match command.as_str() {
            "Prepare" => assert!(
                frozen.contains(argument),
                "only frozen statements are prepared: {argument:?}"
            ),
            "Execute" => {
                executions += 1;
                assert!(
                    frozen
                        .iter()
                        .any(|f| argument.starts_with(&f[..f.find('?').unwrap_or(f.len())])),
                    "an execution of a frozen statement: {argument:?}"
                );
            }
            "Query" => {
                for statement in argument.split("; ") {
                    assert!(
                        setup(statement),
                        "only set-up and transaction statements as text: {argument:?}"
                    );
                }
                texts.insert(argument.chars().take(70).collect::<String>());
            }
            _ => {}
        }
    }
    eprintln!("statements sent as text: {texts:#?}");
    assert_eq!(
        executions, executed,
        "one execution of a frozen statement per run that ran"
    );
}
