//! Shared by the REST and GraphQL run tests: schemas discovered from the real fixtures (once per
//! test binary), bindings validated and compiled into skills the way `bind` does it, targets with
//! a fake credential, a loopback listener that counts connections, and views of a run for
//! assertions and snapshots.
#![allow(dead_code)]

pub mod prism;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bindery_binding::{compile, validate, Binding, Context, ParamRegistry, Skill};
use bindery_runtime::{
    AuthHeader, HttpTarget, Limits, Runtime, Target, TransformContext, TryRun, REDACTED,
};
use bindery_schema::Schema;
use serde_json::{Map, Value};

/// A fake credential: it must never appear in what a run shows.
pub const TOKEN: &str = "sk_test_canary_7f3a9c1e";

/// The schema discovered from a fixture (`openapi/...` or `graphql/...`), kept for the process.
pub fn schema(relative: &str) -> &'static Schema {
    static CACHE: Mutex<BTreeMap<String, &'static Schema>> = Mutex::new(BTreeMap::new());
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(schema) = cache.get(relative) {
        return schema;
    }
    let path = bindery_testkit::fixtures_dir().join(relative);
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .expect("the fixture is readable (a missing fixture is a broken checkout)");
    let discovered = if relative.starts_with("graphql/") {
        bindery_discovery::graphql::discover_bytes(&bytes, relative)
    } else {
        bindery_discovery::openapi::discover_bytes(&bytes, relative)
    }
    .map_err(|e| format!("{relative}: {e}"))
    .expect("the fixture discovers");
    let schema: &'static Schema = Box::leak(Box::new(discovered.value));
    cache.insert(relative.to_owned(), schema);
    schema
}

/// Validates and compiles a binding against a fixture's schema, as `bind` does.
pub fn skill(relative: &str, binding: Value) -> Skill {
    let schema = schema(relative);
    let fingerprint = schema.fingerprint();
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema,
        unscoped: Some(schema),
        schema_fingerprint: &fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let binding: Binding = serde_json::from_value(binding).expect("the binding parses");
    let validation = validate(binding, &cx);
    let diagnostics = format!("{:#?}", validation.diagnostics);
    let (valid, _warnings) = validation
        .into_valid()
        .map_err(|_| diagnostics)
        .expect("the binding validates");
    compile(&valid, &cx)
        .map_err(|e| e.message)
        .expect("a valid binding compiles")
}

/// A compiled case of `crates/bindery-binding/tests/bindings/cases/<folder>/<name>.json`.
pub fn case_skill(folder: &str, name: &str, relative: &str) -> Skill {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../bindery-binding/tests/bindings/cases")
        .join(folder)
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).expect("the binding case reads");
    let case: Value = serde_json::from_str(&text).expect("the case is JSON");
    skill(relative, case["binding"].clone())
}

/// A runtime with default limits (or these).
pub fn runtime(limits: Option<Limits>) -> Runtime {
    Runtime::new(limits.unwrap_or_default(), TransformContext::default())
}

/// Short limits for failure tests.
pub fn short_limits(timeout_ms: u64, max_bytes: usize) -> Limits {
    Limits {
        http_timeout: Duration::from_millis(timeout_ms),
        max_response_bytes: max_bytes,
        ..Limits::default()
    }
}

/// An HTTP target with the given credential headers.
pub fn target(url: &str, auth: &[(&str, &str)]) -> Target {
    Target::Http(HttpTarget {
        url: Some(url.to_owned()),
        auth: auth
            .iter()
            .map(|(name, value)| AuthHeader::new(*name, *value))
            .collect(),
    })
}

/// A bearer credential with [`TOKEN`].
pub fn bearer(url: &str) -> Target {
    target(url, &[("Authorization", &format!("Bearer {TOKEN}"))])
}

/// Inputs from a JSON object literal.
pub fn inputs(value: Value) -> Map<String, Value> {
    value
        .as_object()
        .cloned()
        .expect("inputs are a JSON object")
}

/// The run's diagnostic codes.
pub fn codes(run: &TryRun) -> Vec<&'static str> {
    run.diagnostics.iter().map(|d| d.code).collect()
}

/// The run as JSON.
pub fn json(run: &TryRun) -> Value {
    serde_json::to_value(run).expect("a run serializes")
}

/// The shown request's headers as `(name, value, secret)`.
pub fn shown_headers(run: &TryRun) -> Vec<(String, String, bool)> {
    let request = json(run)["request"].clone();
    request["headers"]
        .as_array()
        .map(|headers| {
            headers
                .iter()
                .map(|h| {
                    (
                        h["name"].as_str().unwrap_or_default().to_owned(),
                        h["value"].as_str().unwrap_or_default().to_owned(),
                        h["secret"].as_bool().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The credential is shown redacted and appears nowhere in the run (or its debug print).
pub fn assert_secret_hidden(run: &TryRun, header: &str) {
    let shown = shown_headers(run);
    let credential = shown
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(header));
    assert_eq!(
        credential.map(|(_, value, secret)| (value.as_str(), *secret)),
        Some((REDACTED, true)),
        "the credential header {header} is shown redacted: {shown:?}"
    );
    let text = json(run).to_string();
    assert!(!text.contains(TOKEN), "the token is not in the run's JSON");
    assert!(
        !format!("{run:?}").contains(TOKEN),
        "the token is not in the run's debug print"
    );
}

/// The run as a snapshot: the server's address and the latency replaced.
pub fn snapshot_view(run: &TryRun, server_url: &str) -> Value {
    let origin = match url::Url::parse(server_url) {
        Ok(url) => url.origin().ascii_serialization(),
        Err(_) => server_url.to_owned(),
    };
    let mut value = json(run);
    if value["latencyMs"].is_number() {
        value["latencyMs"] = Value::String("[latency]".to_owned());
    }
    let text = value.to_string().replace(&origin, "http://[server]");
    serde_json::from_str(&text).expect("still JSON")
}

/// [`snapshot_view`] without the answer's body (long, and the mock's business).
pub fn snapshot_brief(run: &TryRun, server_url: &str) -> Value {
    let mut value = snapshot_view(run, server_url);
    if let Some(response) = value.get_mut("response").and_then(Value::as_object_mut) {
        response.remove("body");
        response.remove("bytes");
    }
    value
}

/// A loopback listener that accepts connections, counts them and never answers.
pub struct CountingListener {
    url: String,
    accepted: Arc<AtomicUsize>,
}

impl CountingListener {
    /// Listens on `127.0.0.1:<free port>`; the accept thread lives as long as the process.
    pub fn start() -> CountingListener {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        let port = listener.local_addr().expect("the bound address").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = accepted.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                held.push(stream);
            }
        });
        CountingListener {
            url: format!("http://127.0.0.1:{port}"),
            accepted,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}
