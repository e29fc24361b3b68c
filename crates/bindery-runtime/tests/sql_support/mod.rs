//! Shared by the SQL runtime tests: real servers from bindery-testkit (PostgreSQL with pagila,
//! MariaDB with sakila; skipped locally when the server is not installed, failing with
//! `CI=true`), the demo SQLite database, bindings validated and compiled against a discovered
//! schema, and the hostile strings of the injection tests.

#![allow(dead_code)]

pub mod pagila;

use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use bindery_binding::{compile, validate, Binding, Context, ParamRegistry, Skill};
use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_runtime::{Limits, Runtime, SqlTarget, Target, TransformContext, TryRun};
use bindery_schema::Schema;
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::{MariadbServer, PostgresServer};
use serde_json::{json, Map, Value};

/// A current-thread tokio runtime for one test.
pub fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// A runtime with the default limits, or with this statement timeout.
pub fn runtime(statement_timeout: Option<Duration>) -> Runtime {
    let mut limits = Limits::default();
    if let Some(timeout) = statement_timeout {
        limits.statement_timeout = timeout;
    }
    Runtime::new(limits, TransformContext::default())
}

/// Validates and compiles `binding` against `schema`; panics with the diagnostics otherwise.
pub fn skill(schema: &Schema, binding: Value) -> Skill {
    let binding: Binding = serde_json::from_value(binding).expect("the binding parses");
    let registry = ParamRegistry::canonical();
    let fingerprint = schema.fingerprint();
    let cx = Context {
        schema,
        unscoped: None,
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let validation = validate(binding.clone(), &cx);
    let (valid, _warnings) = validation
        .clone()
        .into_valid()
        .map_err(|_| format!("{}: {:#?}", binding.tool_name, validation.diagnostics))
        .expect("the binding is valid");
    compile(&valid, &cx)
        .map_err(|e| e.message)
        .expect("the binding compiles")
}

/// The SQL statement of a compiled skill.
pub fn statement(skill: &Skill) -> &str {
    plan(skill).statement.as_str()
}

/// The SQL plan of a compiled skill.
pub fn plan(skill: &Skill) -> &bindery_binding::SqlPlan {
    let plan = match &skill.execution_config {
        bindery_binding::ExecutionConfig::NativeSql(plan) => Some(plan),
        _ => None,
    };
    plan.expect("a SQL skill")
}

/// Inputs from a JSON object.
pub fn inputs(value: Value) -> Map<String, Value> {
    value.as_object().cloned().expect("inputs are an object")
}

/// Runs `skill` with `given` against `target`.
pub fn run(
    rt: &tokio::runtime::Runtime,
    runtime: &Runtime,
    skill: &Skill,
    given: Value,
    target: &Target,
    confirm: bool,
) -> TryRun {
    rt.block_on(runtime.run(skill, &inputs(given), target, confirm))
}

/// The diagnostic codes of a run.
pub fn codes(run: &TryRun) -> Vec<&'static str> {
    run.diagnostics.iter().map(|d| d.code).collect()
}

/// A run's JSON with the latency (never deterministic) replaced.
pub fn redacted(run: &TryRun) -> Value {
    let mut value = serde_json::to_value(run).expect("a run serializes");
    if let Some(latency) = value.get_mut("latencyMs") {
        if !latency.is_null() {
            *latency = json!("[latency]");
        }
    }
    value
}

/// The output leaf `name` of a run.
pub fn leaf<'r>(run: &'r TryRun, name: &str) -> &'r Value {
    run.output
        .as_ref()
        .and_then(|o| o.get(name))
        .ok_or_else(|| format!("the run has no output `{name}`: {run:#?}"))
        .expect("the output leaf is there")
}

/// Serializes tests that share one database whose contents they compare.
pub fn exclusive(lock: &'static Mutex<()>) -> MutexGuard<'static, ()> {
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

// PostgreSQL.

/// The PostgreSQL server of this test binary, with pagila loaded once into `pagila_template`.
pub fn postgres() -> Option<&'static PostgresServer> {
    static SERVER: OnceLock<Option<PostgresServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let server = PostgresServer::start()
                .expect("the PostgreSQL test server starts (or is skipped locally)")?;
            let dir = bindery_testkit::fixtures_dir().join("sql/postgres/pagila");
            server
                .create_database("pagila_template")
                .expect("create pagila_template");
            server
                .load_sql("pagila_template", &dir.join("pagila-schema.sql"))
                .expect("the pagila schema loads");
            server
                .load_sql("pagila_template", &dir.join("pagila-data.sql"))
                .expect("the pagila data loads");
            Some(server)
        })
        .as_ref()
}

/// A fresh copy of pagila named `name`.
pub fn pagila(server: &PostgresServer, name: &str) -> String {
    server
        .psql(
            "postgres",
            &format!("CREATE DATABASE {name} TEMPLATE pagila_template"),
        )
        .expect("pagila is copied");
    name.to_owned()
}

/// A connection description for discovery.
pub fn pg_connection(server: &PostgresServer, database: &str) -> SqlConnection {
    SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: database.to_owned(),
        user: SUPERUSER.to_owned(),
        password: Some(Password::new(SUPERUSER_PASSWORD)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    }
}

/// Discovers a database of the test server.
pub fn discover_postgres(
    rt: &tokio::runtime::Runtime,
    server: &PostgresServer,
    database: &str,
) -> Schema {
    rt.block_on(bindery_discovery::sql::postgres::discover(&pg_connection(
        server, database,
    )))
    .expect("the database discovers")
    .value
}

/// A pool on `database` as `user`.
pub fn pg_pool(
    rt: &tokio::runtime::Runtime,
    server: &PostgresServer,
    database: &str,
    user: &str,
    password: &str,
) -> sqlx::PgPool {
    let url = format!(
        "postgres://{user}:{password}@127.0.0.1:{}/{database}?sslmode=disable",
        server.port()
    );
    rt.block_on(
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(&url),
    )
    .expect("the pool connects")
}

/// The target of a superuser pool on `database`.
pub fn pg_target(rt: &tokio::runtime::Runtime, server: &PostgresServer, database: &str) -> Target {
    Target::Sql(SqlTarget::Postgres(pg_pool(
        rt,
        server,
        database,
        SUPERUSER,
        SUPERUSER_PASSWORD,
    )))
}

// MariaDB.

/// The MariaDB server of this test binary, with sakila loaded once.
pub fn mariadb() -> Option<&'static MariadbServer> {
    let server =
        MariadbServer::shared().expect("the MariaDB test server starts (or is skipped locally)")?;
    static LOADED: OnceLock<()> = OnceLock::new();
    LOADED.get_or_init(|| {
        let dir = bindery_testkit::fixtures_dir().join("sql/mysql/sakila");
        server
            .load_sql(None, &dir.join("sakila-mv-schema.sql"))
            .expect("the sakila schema loads");
        server
            .load_sql(None, &dir.join("sakila-mv-data.sql"))
            .expect("the sakila data loads");
    });
    Some(server)
}

/// Discovers `database` of the MariaDB server as root.
pub fn discover_mariadb(
    rt: &tokio::runtime::Runtime,
    server: &MariadbServer,
    database: &str,
) -> Schema {
    let connection =
        SqlConnection::from_url(&server.url(database), 3306).expect("the test URL parses");
    rt.block_on(bindery_discovery::sql::mysql::discover_database(
        &connection,
    ))
    .expect("the database discovers")
    .value
}

/// A testkit URL (`sslmode=disable`) in sqlx's spelling (`ssl-mode=disabled`).
pub fn sqlx_mysql_url(url: &str) -> String {
    url.replace("sslmode=disable", "ssl-mode=disabled")
}

/// A pool on a testkit `url`.
pub fn mysql_pool(rt: &tokio::runtime::Runtime, url: &str) -> sqlx::MySqlPool {
    rt.block_on(
        sqlx::mysql::MySqlPoolOptions::new()
            .max_connections(2)
            .connect(&sqlx_mysql_url(url)),
    )
    .expect("the pool connects")
}

// Hostile strings.

/// At least a hundred strings that would change a statement if it were built by pasting them
/// in: quotes and comments, stacked statements, escapes, placeholders, wildcards, sleeps, and
/// Unicode look-alikes. None holds a NUL (PostgreSQL text cannot).
pub fn hostile_strings() -> Vec<String> {
    let fixed = [
        "'",
        "''",
        "\"",
        "`",
        "' OR 1=1 --",
        "' OR '1'='1",
        "' OR '1'='1' --",
        "' OR '1'='1' /*",
        "\" OR \"1\"=\"1",
        "` OR 1=1 --",
        "') OR ('1'='1",
        "')) OR 1=1 --",
        "1' OR '1' = '1'))/*",
        "admin'--",
        "admin' #",
        "admin'/*",
        "' OR 1=1#",
        "' OR 1=1 LIMIT 1 --",
        "'; DROP TABLE customer; --",
        "'; DROP TABLE actor; --",
        "\"; DROP TABLE customer; --",
        "'); DROP TABLE customer; --",
        "1; DELETE FROM customer",
        "'; DELETE FROM customer WHERE '1'='1",
        "'; UPDATE customer SET email = 'x' --",
        "'; INSERT INTO actor (first_name, last_name) VALUES ('x', 'y'); --",
        "'; TRUNCATE customer CASCADE; --",
        "'; CREATE TABLE pwned (x int); --",
        "'; ALTER TABLE customer DROP COLUMN email; --",
        "'; GRANT ALL ON customer TO PUBLIC; --",
        "'; COMMIT; DROP TABLE customer; --",
        "'; ROLLBACK; DELETE FROM customer; --",
        "'; SET TRANSACTION READ WRITE; --",
        "'; COPY customer TO '/tmp/pwned'; --",
        "' UNION SELECT NULL --",
        "' UNION SELECT NULL, NULL, NULL --",
        "' UNION ALL SELECT usename, passwd, NULL FROM pg_shadow --",
        "' UNION SELECT user, password, NULL FROM mysql.user #",
        "' UNION SELECT name, sql, NULL FROM sqlite_master --",
        "' AND 1=0 UNION SELECT version(), NULL, NULL --",
        "/* comment */",
        "*/ OR 1=1 /*",
        "/**/OR/**/1=1",
        "' /*!50000 OR */ 1=1 --",
        "' /*M! OR */ 1=1 --",
        "-- ",
        "--",
        "#",
        "' --",
        ";",
        "; SELECT 1",
        "\\",
        "\\'",
        "\\\\'",
        "\\' OR 1=1 --",
        "\\\"",
        "%",
        "_",
        "%%",
        "%' OR '%'='",
        "a%",
        "_%_",
        "$1",
        "$2",
        "$$",
        "$$; DROP TABLE customer; $$",
        "$tag$ OR 1=1 $tag$",
        "?",
        "?1",
        "??",
        ":name",
        "@x",
        "@@version",
        "0x27",
        "0x27204f5220313d31",
        "CHAR(39)",
        "chr(39)",
        "' || chr(39) || '",
        "' + CHAR(39) + '",
        "SLEEP(5)",
        "' OR SLEEP(5) --",
        "'; SELECT SLEEP(5); --",
        "' AND BENCHMARK(10000000, MD5('x')) --",
        "pg_sleep(5)",
        "'; SELECT pg_sleep(5); --",
        "' OR pg_sleep(5) IS NULL --",
        "'||pg_sleep(5)--",
        "randomblob(1000000000)",
        "' AND 1=(SELECT COUNT(*) FROM generate_series(1,100000000)) --",
        "E'\\x27'",
        "U&'\\0027'",
        "N'x' OR 1=1 --",
        "' COLLATE \"C\" --",
        "'::text; --",
        "x\u{ff07} OR 1=1 --",
        "\u{ff07}; DROP TABLE customer; --",
        "\u{2019} OR 1=1 --",
        "\u{02bc} OR 1=1 --",
        "\u{202e}1=1 RO '",
        "\u{202e}\u{2066}' OR 1=1 --\u{2069}",
        "SMI\u{200d}TH",
        "SMI\u{200b}TH",
        "\u{feff}SMITH",
        "SM\u{0399}TH",
        "\u{0405}MITH",
        "\u{ff33}\u{ff2d}\u{ff29}\u{ff34}\u{ff28}",
        "smith",
        "SMITH ",
        " SMITH",
        "SMITH'",
        "\u{1f600}' OR 1=1 --",
        "line\nbreak' OR 1=1 --",
        "carriage\r\nreturn",
        "tab\tseparated",
        "\u{85}next line",
        "NULL",
        "null",
        "true",
        "0",
        "-1",
        "1e309",
        "NaN",
        "' AND extractvalue(1, concat(0x7e, version())) --",
        "' AND updatexml(1, concat(0x7e, user()), 1) --",
        "'; EXEC xp_cmdshell('dir'); --",
        "'; LOAD DATA INFILE '/etc/passwd' INTO TABLE customer; --",
        "' INTO OUTFILE '/tmp/pwned' --",
        "'; ATTACH DATABASE '/tmp/pwned.db' AS pwned; --",
        "'; PRAGMA writable_schema = 1; --",
        "'; VACUUM; --",
    ];
    let mut strings: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
    strings.push("'".repeat(5000));
    strings.push(format!("{}' OR 1=1 --", "A".repeat(70_000)));
    strings.push("\u{ff07}".repeat(2000));
    strings.push("%".repeat(1000));
    strings.retain(|s| !s.is_empty() && !s.contains('\u{0}'));
    strings
}
