//! What the runtime adds to a SQL read: `Runtime::run` of a compiled skill beside a hand-written
//! sqlx call doing the same work, on bindery-testkit's throwaway PostgreSQL over loopback TCP.
//!
//! The table `items` holds 1,000,000 rows (generate_series) with a unique index on `code`;
//! discovery finds the lookup `sql:select:public.items.by_code` and a binding projects three
//! columns (text, integer, timestamptz). Each iteration picks a random key and runs, in turn:
//!
//! - (a) `Runtime::run` of the skill;
//! - (b) the same work by hand on the same pool (one connection, so the same prepared
//!   statement): `BEGIN READ ONLY; SET LOCAL statement_timeout`, the frozen statement with the
//!   bound key, the row decoded into a JSON object, ROLLBACK;
//! - (c) the bare prepared query, without the transaction.
//!
//! (a) − (b) is the runtime's own overhead (inputs, typing, binding by the server's parameter
//! types, decoding, projection, the result); (b) − (c) what the read-only transaction costs.
//! "own" is each run's total time minus the database time it reports (`latencyMs`). Runs
//! interleave so machine noise hits every column; the table quotes p50 and p99 in microseconds.
//!
//! `cargo bench -p bindery-runtime --bench sql_overhead [-- RUNS]` (release profile).

use std::time::{Duration, Instant};

use bindery_binding::{compile, validate, Binding, Context, ParamRegistry, Skill};
use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_runtime::{Limits, Runtime, SqlTarget, Target, TransformContext};
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::PostgresServer;
use serde_json::{json, Map, Value};
use sqlx::{AssertSqlSafe, Row};

const ROWS: u32 = 1_000_000;

fn fail(what: &str, error: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {error}");
    std::process::exit(1)
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The value at quantile `q` (0..=1) of the samples, in microseconds.
fn quantile(samples: &[f64], q: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

/// xorshift64*: random keys without a dependency.
struct Keys(u64);

impl Keys {
    fn next(&mut self) -> String {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let n = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % u64::from(ROWS) + 1;
        format!("C{n:07}")
    }
}

fn skill(schema: &bindery_schema::Schema) -> Skill {
    let fingerprint = schema.fingerprint();
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema,
        unscoped: None,
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let binding: Binding = serde_json::from_value(json!({
        "toolName": "Item by code",
        "description": "An item by the code the caller reads out.",
        "operation": "sql:select:public.items.by_code",
        "sqlSearch": {"column": "code", "param": "order_number"},
        "projection": [
            {"path": ["name"], "leaf": "item_name"},
            {"path": ["price_cents"], "leaf": "price_cents"},
            {"path": ["created"], "leaf": "created"}
        ]
    }))
    .unwrap_or_else(|e| fail("the binding", e));
    let validation = validate(binding, &cx);
    let (valid, _) = validation.clone().into_valid().unwrap_or_else(|_| {
        fail(
            "the binding is invalid",
            format!("{:?}", validation.diagnostics),
        )
    });
    compile(&valid, &cx).unwrap_or_else(|e| fail("compile", e.message))
}

/// (b): the runtime's work written by hand.
async fn by_hand(
    pool: &sqlx::PgPool,
    statement: &str,
    key: &str,
    timeout_ms: u128,
) -> Result<Map<String, Value>, sqlx::Error> {
    let mut transaction = pool
        .begin_with(AssertSqlSafe(format!(
            "BEGIN READ ONLY; SET LOCAL statement_timeout = {timeout_ms}"
        )))
        .await?;
    let rows = sqlx::query(AssertSqlSafe(statement))
        .bind(key)
        .fetch_all(&mut *transaction)
        .await?;
    transaction.rollback().await?;
    let mut object = Map::new();
    if let Some(row) = rows.first() {
        object.insert("item_name".into(), json!(row.try_get::<String, _>(0)?));
        object.insert("price_cents".into(), json!(row.try_get::<i32, _>(1)?));
        let created: chrono::DateTime<chrono::Utc> = row.try_get(2)?;
        object.insert("created".into(), json!(created.to_rfc3339()));
    }
    Ok(object)
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let server = match PostgresServer::start() {
        Ok(Some(server)) => server,
        Ok(None) => return,
        Err(e) => fail("cannot start PostgreSQL", e),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail("tokio", e));
    println!(
        "PostgreSQL {} test server ready in {:.0} ms",
        server.major_version(),
        server.started_in().as_secs_f64() * 1000.0
    );
    let started = Instant::now();
    let loaded = server.create_database("bench").and_then(|()| {
        server.load_sql_text(
            "bench",
            &format!(
                "CREATE TABLE items (id integer PRIMARY KEY, code text NOT NULL, name text NOT NULL, \
                 price_cents integer NOT NULL, created timestamptz NOT NULL DEFAULT now());\n\
                 INSERT INTO items SELECT i, 'C' || lpad(i::text, 7, '0'), 'Item ' || i, i % 10000, \
                 timestamptz '2026-01-01' + i * interval '1 minute' FROM generate_series(1, {ROWS}) i;\n\
                 CREATE UNIQUE INDEX items_code ON items (code);\nVACUUM ANALYZE items;"
            ),
        )
    });
    if let Err(e) = loaded {
        fail("cannot load the table", e);
    }
    println!(
        "items: {ROWS} rows loaded and indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let connection = SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: "bench".to_owned(),
        user: SUPERUSER.to_owned(),
        password: Some(Password::new(SUPERUSER_PASSWORD)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    };
    let schema = rt
        .block_on(bindery_discovery::sql::postgres::discover(&connection))
        .unwrap_or_else(|e| fail("discover", e))
        .value;
    let skill = skill(&schema);
    let statement = match &skill.execution_config {
        bindery_binding::ExecutionConfig::NativeSql(plan) => plan.statement.clone(),
        _ => fail("the skill", "is not SQL"),
    };
    println!("statement: {statement}");

    let pool = rt
        .block_on(
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&server.url("bench")),
        )
        .unwrap_or_else(|e| fail("the pool", e));
    let limits = Limits::default();
    let timeout_ms = limits.statement_timeout.as_millis();
    let runtime = Runtime::new(limits, TransformContext::default());
    let target = Target::Sql(SqlTarget::Postgres(pool.clone()));

    let mut keys = Keys(0x9E37_79B9_7F4A_7C15);
    let (mut a, mut b, mut c, mut own, mut diff) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let warm_up = runs / 10 + 50;
    for i in 0..runs + warm_up {
        let key = keys.next();
        let inputs: Map<String, Value> = [("order_number".to_owned(), json!(key))]
            .into_iter()
            .collect();

        let started = Instant::now();
        let run = rt.block_on(runtime.run(&skill, &inputs, &target, false));
        let ran = started.elapsed();
        let name = run
            .output
            .as_ref()
            .and_then(|o| o.get("item_name").cloned());
        if name != Some(json!(format!("Item {}", key[1..].trim_start_matches('0')))) {
            fail("the runtime's answer", format!("{key}: {run:?}"));
        }

        let started = Instant::now();
        let object = rt
            .block_on(by_hand(&pool, &statement, &key, timeout_ms))
            .unwrap_or_else(|e| fail("by hand", e));
        let hand = started.elapsed();
        if object.get("item_name") != name.as_ref() {
            fail("by hand", format!("{key}: {object:?}"));
        }

        let started = Instant::now();
        let bare = rt
            .block_on(
                sqlx::query(AssertSqlSafe(statement.as_str()))
                    .bind(&key)
                    .fetch_optional(&pool),
            )
            .unwrap_or_else(|e| fail("bare", e));
        let bare_took = started.elapsed();
        if bare.is_none() {
            fail("bare", &key);
        }

        if i >= warm_up {
            a.push(us(ran));
            b.push(us(hand));
            c.push(us(bare_took));
            diff.push(us(ran) - us(hand));
            own.push(us(ran) - run.latency_ms.unwrap_or_default() * 1000.0);
        }
    }

    println!("\n{runs} interleaved runs (after {warm_up} warm-up), random keys, microseconds");
    println!("{:<50} {:>10} {:>10}", "", "p50", "p99");
    for (name, samples) in [
        ("(a) Runtime::run", &a),
        ("(b) by hand: BEGIN READ ONLY + query + ROLLBACK", &b),
        ("(c) bare prepared query", &c),
        ("overhead (a) − (b), per pair", &diff),
        ("runtime's own time outside the database", &own),
    ] {
        println!(
            "{:<50} {:>10.1} {:>10.1}",
            name,
            quantile(samples, 0.5),
            quantile(samples, 0.99)
        );
    }
    println!(
        "{:<50} {:>10.1} {:>10.1}",
        "difference of the quantiles (a) − (b)",
        quantile(&a, 0.5) - quantile(&b, 0.5),
        quantile(&a, 0.99) - quantile(&b, 0.99)
    );
    println!(
        "{:<50} {:>10.1} {:>10.1}",
        "transaction cost (b) − (c)",
        quantile(&b, 0.5) - quantile(&c, 0.5),
        quantile(&b, 0.99) - quantile(&c, 0.99)
    );
}
