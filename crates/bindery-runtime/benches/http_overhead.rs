//! What the runtime adds to an HTTP call: `Runtime::run` of a compiled skill beside a
//! hand-written reqwest call doing the same work, against a loopback HTTP/1.1 server with
//! keep-alive that answers a fixed small JSON body.
//!
//! Two skills: the Stripe find-customer read (GET `/v1/customers?email=&limit=1`, projection
//! `data[first].id/name/phone`) compiled from the Stripe description, and a Shopify customer
//! lookup (POST `/graphql`, `data.customer.displayName`) compiled from the Shopify Admin SDL. The
//! hand-written call uses a client with the runtime's settings, the same URL, query, headers and
//! body, parses the JSON and picks the same fields. Runs interleave so machine noise hits both
//! columns; the table quotes p50 and p99 in microseconds and the overhead (run − reqwest).
//!
//! `cargo bench -p bindery-runtime --bench http_overhead [-- RUNS]` (release profile).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bindery_binding::{compile, validate, Binding, Context, ParamRegistry, Skill};
use bindery_runtime::{AuthHeader, HttpTarget, Limits, Runtime, Target, TransformContext};
use serde_json::{json, Map, Value};

const TOKEN: &str = "sk_test_bench";
const REST_BODY: &str = r#"{"object":"list","data":[{"id":"cus_1","name":"Dana Reyes","phone":"+14155550123"}],"has_more":false,"url":"/v1/customers"}"#;
const GRAPHQL_BODY: &str = r#"{"data":{"customer":{"displayName":"Dana Reyes"}}}"#;

fn fixtures() -> PathBuf {
    std::env::var_os("BINDERY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        })
}

fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

/// Discovers a fixture and compiles a binding over it.
fn skill(relative: &str, binding: Value) -> Skill {
    let bytes = std::fs::read(fixtures().join(relative))
        .unwrap_or_else(|e| fail(format!("cannot read {relative}: {e}")));
    let discovered = if relative.starts_with("graphql/") {
        bindery_discovery::graphql::discover_bytes(&bytes, relative)
    } else {
        bindery_discovery::openapi::discover_bytes(&bytes, relative)
    }
    .unwrap_or_else(|e| fail(format!("{relative} does not discover: {e}")));
    let schema = discovered.value;
    let fingerprint = schema.fingerprint();
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema: &schema,
        unscoped: Some(&schema),
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let binding: Binding =
        serde_json::from_value(binding).unwrap_or_else(|e| fail(format!("binding: {e}")));
    let (valid, _) = validate(binding, &cx)
        .into_valid()
        .unwrap_or_else(|v| fail(format!("invalid binding: {:?}", v.diagnostics)));
    compile(&valid, &cx).unwrap_or_else(|e| fail(format!("compile: {}", e.message)))
}

/// A loopback HTTP/1.1 server with keep-alive: `/graphql` gets [`GRAPHQL_BODY`], anything else
/// [`REST_BODY`]. One thread per connection; it lives as long as the bench.
fn serve() -> String {
    let listener =
        TcpListener::bind(("127.0.0.1", 0)).unwrap_or_else(|e| fail(format!("bind: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || connection(stream));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn connection(stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let answer = if request_line.contains(" /graphql ") {
            GRAPHQL_BODY
        } else {
            REST_BODY
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

/// A client with the runtime's settings (`Runtime::new`).
fn client(limits: Limits) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(limits.http_timeout)
        .connect_timeout(limits.http_timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent(concat!("Bindery/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_else(|e| fail(format!("client: {e}")))
}

/// The Stripe read by hand: the same URL, headers and projection.
async fn rest_by_hand(client: &reqwest::Client, base: &str, email: &str) -> Option<Value> {
    let url = format!(
        "{base}/v1/customers?email={}&limit=1",
        email.to_lowercase().replace('@', "%40")
    );
    let response = client
        .get(url)
        .header("Accept", "application/json")
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .ok()?;
    let bytes = response.bytes().await.ok()?;
    let body: Value = serde_json::from_slice(&bytes).ok()?;
    let first = body.get("data")?.get(0)?;
    Some(
        json!({"customer_id": first.get("id"), "customer_name": first.get("name"),
                "customer_phone": first.get("phone")}),
    )
}

/// The Shopify lookup by hand: the same document, variables, headers and projection.
async fn graphql_by_hand(
    client: &reqwest::Client,
    url: &str,
    document: &str,
    operation: &str,
    id: &str,
) -> Option<Value> {
    let body = json!({"query": document, "operationName": operation, "variables": {"id": id}});
    let response = client
        .post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Authorization", format!("Bearer {TOKEN}"))
        .body(body.to_string())
        .send()
        .await
        .ok()?;
    let bytes = response.bytes().await.ok()?;
    let answer: Value = serde_json::from_slice(&bytes).ok()?;
    let name = answer.get("data")?.get("customer")?.get("displayName")?;
    Some(json!({"customer_name": name}))
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples
        .get(at)
        .map(|d| d.as_secs_f64() * 1_000_000.0)
        .unwrap_or_default()
}

struct Row {
    name: &'static str,
    run: Vec<Duration>,
    hand: Vec<Duration>,
}

fn print(rows: &mut [Row], runs: usize) {
    println!("HTTP runtime overhead, {runs} interleaved runs on loopback keep-alive, microseconds");
    println!(
        "{:<28} {:>9} {:>9} {:>11} {:>11} {:>13} {:>13}",
        "skill", "run p50", "run p99", "reqwest p50", "reqwest p99", "overhead p50", "overhead p99"
    );
    for row in rows {
        let (a50, a99) = (
            percentile(&mut row.run, 0.5),
            percentile(&mut row.run, 0.99),
        );
        let (b50, b99) = (
            percentile(&mut row.hand, 0.5),
            percentile(&mut row.hand, 0.99),
        );
        println!(
            "{:<28} {a50:>9.1} {a99:>9.1} {b50:>11.1} {b99:>11.1} {:>13.1} {:>13.1}",
            row.name,
            a50 - b50,
            a99 - b99
        );
    }
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(2000);
    let find = skill(
        "openapi/stripe/stripe-spec3.yaml",
        json!({
            "toolName": "Find the caller in Stripe",
            "description": "Find the Stripe customer with the caller's e-mail address.",
            "operation": "GetCustomers",
            "inputs": [{"arg": "email", "param": "caller_email", "transform": "lowercase"},
                       {"arg": "limit", "const": 1}],
            "projection": [
                {"path": ["data[first]", "id"], "leaf": "customer_id"},
                {"path": ["data[first]", "name"], "leaf": "customer_name"},
                {"path": ["data[first]", "phone"], "leaf": "customer_phone"}
            ]
        }),
    );
    let lookup = skill(
        "graphql/shopify/shopify-admin-2026-07.graphql",
        json!({
            "toolName": "Look up a Shopify customer",
            "description": "Read a customer by id.",
            "operation": "Query.customer",
            "inputs": [{"arg": "id", "param": "customer_id"}],
            "projection": [{"path": ["displayName"], "leaf": "customer_name"}]
        }),
    );
    let (document, operation) = match &lookup.execution_config {
        bindery_binding::ExecutionConfig::NativeGraphql(plan) => {
            (plan.document.clone(), plan.operation_name.clone())
        }
        _ => fail("the lookup is not GraphQL".to_owned()),
    };
    let base = serve();
    let graphql_url = format!("{base}/graphql");
    let limits = Limits::default();
    let runtime = Runtime::new(limits, TransformContext::default());
    let hand = client(limits);
    let auth = vec![AuthHeader::new("Authorization", format!("Bearer {TOKEN}"))];
    let rest_target = Target::Http(HttpTarget {
        url: Some(base.clone()),
        auth: auth.clone(),
    });
    let graphql_target = Target::Http(HttpTarget {
        url: Some(graphql_url.clone()),
        auth,
    });
    let email = "Dana@Example.com";
    let rest_inputs: Map<String, Value> = [("caller_email".to_owned(), json!(email))]
        .into_iter()
        .collect();
    let id = "gid://shopify/Customer/1";
    let graphql_inputs: Map<String, Value> = [("customer_id".to_owned(), json!(id))]
        .into_iter()
        .collect();

    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(format!("tokio: {e}")));
    let mut rows = [
        Row {
            name: "stripe find (REST GET)",
            run: Vec::new(),
            hand: Vec::new(),
        },
        Row {
            name: "shopify customer (GraphQL)",
            run: Vec::new(),
            hand: Vec::new(),
        },
    ];
    tokio.block_on(async {
        let warmup = runs / 10 + 10;
        for i in 0..runs + warmup {
            let keep = i >= warmup;
            let started = Instant::now();
            let run = runtime.run(&find, &rest_inputs, &rest_target, false).await;
            let a = started.elapsed();
            let started = Instant::now();
            let by_hand = rest_by_hand(&hand, &base, email).await;
            let b = started.elapsed();
            if run.output.as_ref().and_then(|o| o.get("customer_id")) != Some(&json!("cus_1"))
                || by_hand.is_none()
            {
                fail(format!(
                    "the REST runs disagree: {:?} / {by_hand:?}",
                    run.diagnostics
                ));
            }
            let started = Instant::now();
            let run = runtime
                .run(&lookup, &graphql_inputs, &graphql_target, false)
                .await;
            let c = started.elapsed();
            let started = Instant::now();
            let by_hand = graphql_by_hand(&hand, &graphql_url, &document, &operation, id).await;
            let d = started.elapsed();
            if run.output.as_ref().and_then(|o| o.get("customer_name"))
                != Some(&json!("Dana Reyes"))
                || by_hand.is_none()
            {
                fail(format!(
                    "the GraphQL runs disagree: {:?} / {by_hand:?}",
                    run.diagnostics
                ));
            }
            if keep {
                rows[0].run.push(a);
                rows[0].hand.push(b);
                rows[1].run.push(c);
                rows[1].hand.push(d);
            }
        }
    });
    print(&mut rows, runs);
}
