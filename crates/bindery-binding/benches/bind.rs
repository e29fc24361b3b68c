//! Validate + compile a binding against large real schemas: the Shopify Admin GraphQL SDL
//! (a read with a connection and a write with an input object) and MusicBrainz in PostgreSQL
//! (a lookup with a one-hop join). Beside each, in the same run: reading the binding's JSON
//! (the floor of handling a binding at all) and the schema's own discovery (what a person waits
//! for anyway).
//!
//! `cargo bench -p bindery-binding --bench bind [-- RUNS]` (release profile).

use std::time::{Duration, Instant};

use bindery_binding::{compile, validate, Binding, Context, ParamRegistry};
use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_discovery::{graphql, Registry, SourceConfig};
use bindery_schema::{FieldType, Schema};
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::PostgresServer;
use serde_json::{json, Value};

/// Calls per timed sample (validate+compile is microseconds; one call is below the clock's use).
const CALLS: u32 = 200;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn fail(what: &str, error: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {error}");
    std::process::exit(1);
}

/// Median time of one call of `f`, over `runs` samples of `CALLS` calls.
fn time_per_call(runs: usize, mut f: impl FnMut()) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..CALLS {
                f();
            }
            started.elapsed() / CALLS
        })
        .collect();
    median(samples)
}

fn measure(name: &str, schema: &Schema, binding: &Value, discovery: Duration, runs: usize) {
    let registry = ParamRegistry::canonical();
    let fingerprint = schema.fingerprint();
    let cx = Context {
        schema,
        unscoped: None,
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let text = binding.to_string();
    let check: Binding = serde_json::from_str(&text).unwrap_or_else(|e| fail("binding", e));
    if let Err(v) = validate(check, &cx).into_valid() {
        fail(name, format!("{:?}", v.diagnostics));
    }
    let parse = time_per_call(runs, || {
        let b: Result<Binding, _> = serde_json::from_str(&text);
        std::hint::black_box(b.is_ok());
    });
    let bind = time_per_call(runs, || {
        let Ok(b) = serde_json::from_str::<Binding>(&text) else {
            return;
        };
        match validate(b, &cx).into_valid() {
            Ok((valid, _)) => {
                std::hint::black_box(compile(&valid, &cx).is_ok());
            }
            Err(_) => fail(name, "no longer valid"),
        }
    });
    println!(
        "| {name} | {} objects | {:.1} µs | {:.1} µs ({:.1}×) | {:.1} ms ({:.0}× the bind) |",
        schema.summary.object_count,
        us(bind),
        us(parse),
        us(bind) / us(parse).max(0.001),
        discovery.as_secs_f64() * 1000.0,
        discovery.as_secs_f64() / bind.as_secs_f64().max(1e-9)
    );
}

fn shopify(runs: usize) {
    let path =
        bindery_testkit::fixtures_dir().join("graphql/shopify/shopify-admin-2026-07.graphql");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail("Shopify SDL", e));
    let started = Instant::now();
    let schema = graphql::discover_bytes(&bytes, "shopify")
        .unwrap_or_else(|e| fail("Shopify discovers", e))
        .value;
    let discovery = started.elapsed();
    let read = json!({
        "toolName": "Look up a customer", "description": "A customer of the shop and their last order.",
        "operation": "Query.customer", "inputs": [{"arg": "id", "param": "customer_id"}],
        "projection": [
            {"path": ["displayName"], "leaf": "customer_name"},
            {"path": ["numberOfOrders"], "leaf": "order_count"},
            {"path": ["orders[first]", "name"], "leaf": "last_order"}
        ]
    });
    let write = json!({
        "toolName": "Create a customer", "description": "Create a customer for a new caller.",
        "operation": "Mutation.customerCreate", "isWrite": true,
        "inputObjectMap": [
            {"field": "firstName", "param": "caller_first_name"},
            {"field": "lastName", "param": "caller_last_name"},
            {"field": "phone", "param": "caller_phone"}
        ],
        "projection": [{"path": ["customer", "id"], "leaf": "customer_id"}],
        "confirmation": {"prompt": "Create an account for {caller_first_name}?"}
    });
    measure("Shopify Admin, read", &schema, &read, discovery, runs);
    measure("Shopify Admin, write", &schema, &write, discovery, runs);
}

fn musicbrainz(runs: usize) {
    let server = match PostgresServer::start() {
        Ok(Some(server)) => server,
        Ok(None) => return,
        Err(e) => fail("PostgreSQL", e),
    };
    let fixtures = bindery_testkit::fixtures_dir().join("sql/postgres");
    let loaded = server.create_database("musicbrainz").and_then(|()| {
        server.psql(
            "musicbrainz",
            "CREATE SCHEMA musicbrainz; CREATE EXTENSION cube; CREATE EXTENSION earthdistance;",
        )?;
        server.load_sql(
            "musicbrainz",
            &fixtures.join("musicbrainz/musicbrainz-core-schema.sql"),
        )
    });
    if let Err(e) = loaded {
        fail("MusicBrainz", e);
    }
    let connection = SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: "musicbrainz".to_owned(),
        user: SUPERUSER.to_owned(),
        password: Some(Password::new(SUPERUSER_PASSWORD)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail("tokio", e));
    let started = Instant::now();
    let schema = runtime
        .block_on(Registry::default().discover(&SourceConfig::Postgres { connection }))
        .unwrap_or_else(|e| fail("MusicBrainz discovers", e))
        .value;
    let discovery = started.elapsed();
    // The artist lookup by its first unique key, with the artist's area joined (one hop).
    let Some(op) = schema
        .operations
        .iter()
        .find(|o| o.id.starts_with("sql:select:musicbrainz.artist.by_"))
    else {
        fail("MusicBrainz", "no artist lookup");
    };
    let key = op
        .arguments
        .first()
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let constant = match op.arguments.first().map(|a| &a.ty) {
        Some(FieldType::Scalar {
            scalar: bindery_schema::Scalar::Integer,
            ..
        }) => json!(1),
        _ => json!("5b11f4ce-a62d-471e-81fc-a69a8278c7da"),
    };
    let join = schema
        .edges
        .iter()
        .find(|e| {
            e.from.object == "musicbrainz.artist"
                && e.to.object == "musicbrainz.area"
                && e.from.fields.len() == 1
        })
        .and_then(|e| e.from.fields.first().cloned())
        .unwrap_or_else(|| "area".to_owned());
    let read = json!({
        "toolName": "Artist", "description": "An artist and the area they come from.",
        "operation": op.id, "inputs": [{"arg": key, "const": constant}],
        "projection": [
            {"path": ["name"], "leaf": "artist_name"},
            {"path": ["sort_name"], "leaf": "sort_name"},
            {"path": [join, "name"], "leaf": "area_name"}
        ]
    });
    measure(
        "MusicBrainz (PostgreSQL), read with a join",
        &schema,
        &read,
        discovery,
        runs,
    );
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(21);
    println!("| binding | schema | validate + compile | baseline: read the binding JSON | schema discovery |");
    println!("|---|---|---|---|---|");
    shopify(runs);
    musicbrainz(runs);
}
