//! The doubles do what they promise: the GraphQL server over real SDL fixtures (mock data, token,
//! introspection off, startup errors, no process left behind) and every `FaultyHttp` fault.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bindery_testkit::{
    fixtures_dir, node_doubles_available, Fault, FaultyHttp, GraphqlDouble, GraphqlOptions,
    NodeDouble, TestkitError,
};
use serde_json::{json, Value};

fn saleor() -> PathBuf {
    fixtures_dir().join("graphql/saleor/saleor-schema.graphql")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a reqwest client builds")
}

async fn post(url: &str, query: &str, token: Option<&str>) -> (u16, Value) {
    let mut request = client().post(url).json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the double answers");
    let status = response.status().as_u16();
    let body = response.text().await.expect("the body is readable");
    let parsed = serde_json::from_str(&body);
    assert!(parsed.is_ok(), "the answer is JSON, got {status}: {body}");
    (status, parsed.expect("checked just above"))
}

fn start(schema: &Path, options: GraphqlOptions) -> Option<GraphqlDouble> {
    assert!(
        schema.is_file(),
        "fixture {} exists (set BINDERY_FIXTURES)",
        schema.display()
    );
    GraphqlDouble::start(schema, options).expect("the GraphQL double starts")
}

/// Neither a live process nor a zombie: /proc has no entry and `kill -0` fails.
fn assert_gone(pid: u32) {
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "process {pid} is gone from /proc (no orphan, no zombie)"
    );
    let alive = Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the kill command runs");
    assert!(
        !alive.success(),
        "kill -0 {pid} fails once the double is dropped"
    );
}

#[tokio::test]
async fn graphql_double_serves_mock_data_over_saleor_and_leaves_nothing_behind() {
    let Some(double) = start(&saleor(), GraphqlOptions::default()) else {
        return;
    };
    let url = double.url().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/graphql"),
        "loopback URL at /graphql: {url}"
    );

    let (status, body) = post(&url, "{ __typename }", None).await;
    assert_eq!(status, 200, "__typename answers 200: {body}");
    assert_eq!(
        body,
        json!({"data": {"__typename": "Query"}}),
        "Saleor's query root"
    );

    let (status, body) = post(
        &url,
        "{ shop { name defaultCountry { code } } products(first: 2) { edges { node { id created } } } }",
        None,
    )
    .await;
    assert_eq!(status, 200, "a nested query answers 200: {body}");
    assert_eq!(
        body["data"]["shop"],
        json!({"name": "mock-string", "defaultCountry": {"code": "mock-string"}}),
        "deterministic String mocks"
    );
    assert_eq!(
        body["data"]["products"]["edges"][0]["node"],
        json!({"id": "mock-id", "created": "mock-DateTime"}),
        "ID mock and the custom scalar DateTime mocked as a string"
    );

    let (status, body) = post(&url, "{ noSuchField }", None).await;
    assert_eq!(status, 200, "validation errors come back as 200 by default");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("noSuchField")),
        "an unknown field is a validation error: {body}"
    );

    let pid = double.pid();
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "node runs while the double lives"
    );
    drop(double);
    assert_gone(pid);
}

#[tokio::test]
async fn graphql_double_serves_the_shopify_admin_schema() {
    let schema = fixtures_dir().join("graphql/shopify/shopify-admin-2026-07.graphql");
    let started = Instant::now();
    let Some(double) = start(&schema, GraphqlOptions::default()) else {
        return;
    };
    eprintln!("shopify admin double ready in {:?}", started.elapsed());
    let (status, body) = post(double.url(), "{ __typename shop { name } }", None).await;
    assert_eq!(status, 200, "Shopify answers 200: {body}");
    assert_eq!(
        body,
        json!({"data": {"__typename": "QueryRoot", "shop": {"name": "mock-string"}}}),
        "Shopify's query root and a mocked shop"
    );
}

#[tokio::test]
async fn graphql_double_with_a_token_refuses_requests_without_it() {
    let options = GraphqlOptions {
        token: Some("test-token-123".to_string()),
        introspection: true,
    };
    assert!(
        !format!("{options:?}").contains("test-token-123"),
        "Debug never shows the token: {options:?}"
    );
    let Some(double) = start(&saleor(), options) else {
        return;
    };
    let unauthorized = json!({"errors": [{"message": "unauthorized"}]});

    let (status, body) = post(double.url(), "{ __typename }", None).await;
    assert_eq!(status, 401, "no Authorization header: 401");
    assert_eq!(body, unauthorized, "the 401 body");

    let (status, body) = post(double.url(), "{ __typename }", Some("wrong-token")).await;
    assert_eq!(status, 401, "a wrong token: 401");
    assert_eq!(body, unauthorized, "the 401 body for a wrong token");

    let (status, body) = post(double.url(), "{ __typename }", Some("test-token-123")).await;
    assert_eq!(status, 200, "the right bearer token: 200");
    assert_eq!(
        body,
        json!({"data": {"__typename": "Query"}}),
        "the answer with the token"
    );
    assert!(
        !double.output_tail().contains("test-token-123"),
        "the server never prints the token: {}",
        double.output_tail()
    );
}

#[tokio::test]
async fn graphql_double_without_introspection_rejects_schema_queries() {
    let options = GraphqlOptions {
        token: None,
        introspection: false,
    };
    let Some(double) = start(&saleor(), options) else {
        return;
    };
    let (status, body) = post(double.url(), "{ __schema { queryType { name } } }", None).await;
    assert_eq!(status, 200, "a validation failure is still 200: {body}");
    assert!(
        body.get("data").is_none(),
        "no data for a rejected introspection: {body}"
    );
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        !errors.is_empty()
            && errors[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("introspection")),
        "the errors say introspection is disabled: {body}"
    );

    let (status, body) = post(double.url(), "{ __typename }", None).await;
    assert_eq!(
        (status, body),
        (200, json!({"data": {"__typename": "Query"}})),
        "ordinary queries still work"
    );
}

#[test]
fn graphql_double_reports_an_sdl_graphql_js_rejects() {
    // GitHub's public SDL defines some fields twice; graphql-js refuses it.
    let schema = fixtures_dir().join("graphql/github/github-schema.graphql");
    if !node_doubles_available().expect("CI has node") {
        return;
    }
    assert!(schema.is_file(), "fixture {} exists", schema.display());
    let err = GraphqlDouble::start(&schema, GraphqlOptions::default())
        .expect_err("a broken SDL cannot be served");
    let text = err.to_string();
    assert!(
        matches!(err, TestkitError::NotReady { .. }),
        "the process ended before READY: {text}"
    );
    assert!(
        text.contains("exited") && text.contains("can only be defined once"),
        "the error carries graphql-js's message from stderr: {text}"
    );
}

#[test]
fn a_node_double_that_never_gets_ready_times_out_and_is_stopped() {
    if !node_doubles_available().expect("CI has node") {
        return;
    }
    let script = "process.stderr.write(`waiting ${process.pid}\\n`); setInterval(() => {}, 1000);";
    let started = Instant::now();
    let err = NodeDouble::spawn_with_timeout("-e", [script], Duration::from_secs(2))
        .expect_err("no READY line");
    let text = err.to_string();
    assert!(
        text.contains("within") && text.contains("waiting "),
        "timeout error with the stderr tail: {text}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the timeout is honoured: {:?}",
        started.elapsed()
    );
    let pid: u32 = text
        .split("waiting ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse().ok())
        .expect("the script printed its pid");
    assert_gone(pid);
}

// ---- FaultyHttp ----

async fn send(url: &str, timeout: Duration) -> reqwest::Result<reqwest::Response> {
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("a reqwest client builds")
        .post(url)
        .json(&json!({"query": "{ __schema { types { name } } }"}))
        .send()
        .await
}

fn assert_drops_quickly(server: FaultyHttp) {
    let started = Instant::now();
    drop(server);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "FaultyHttp shuts down promptly: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn faulty_status_answers_with_the_scripted_code_and_body() {
    let server = FaultyHttp::start(Fault::Status {
        code: 401,
        body: r#"{"error":"invalid_token"}"#.to_string(),
        content_type: "application/json".to_string(),
    })
    .expect("the server starts");
    assert!(
        server.url().starts_with("http://127.0.0.1:") && server.url().ends_with("/graphql"),
        "loopback URL at /graphql: {}",
        server.url()
    );
    let response = send(server.url(), Duration::from_secs(10))
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 401, "the scripted status");
    assert_eq!(
        response.text().await.expect("a body"),
        r#"{"error":"invalid_token"}"#,
        "the scripted body"
    );
    assert_eq!(server.requests(), 1, "one request counted");
    assert_drops_quickly(server);
}

#[tokio::test]
async fn faulty_html_page_is_a_200_that_is_not_json() {
    let server = FaultyHttp::start(Fault::Status {
        code: 200,
        body: "<!doctype html><title>Sign in</title><p>Please log in</p>".to_string(),
        content_type: "text/html; charset=utf-8".to_string(),
    })
    .expect("the server starts");
    let response = send(server.url(), Duration::from_secs(10))
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 200, "status 200");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    assert_eq!(
        content_type.as_deref(),
        Some("text/html; charset=utf-8"),
        "the scripted content type"
    );
    let body = response.text().await.expect("a body");
    assert!(
        serde_json::from_str::<Value>(&body).is_err(),
        "the body is not JSON: {body}"
    );
}

#[tokio::test]
async fn faulty_json_answers_200_with_the_given_body() {
    let answer = r#"{"errors":[{"message":"GraphQL introspection is not allowed"}]}"#;
    let server = FaultyHttp::start(Fault::Json(answer.to_string())).expect("the server starts");
    for attempt in 1..=2 {
        let response = send(server.url(), Duration::from_secs(10))
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 200, "status 200 ({attempt})");
        let body: Value = response.json().await.expect("a JSON body");
        assert_eq!(
            body,
            serde_json::from_str::<Value>(answer).expect("valid JSON literal"),
            "the given body ({attempt})"
        );
    }
    assert_eq!(server.requests(), 2, "every request gets the same answer");
}

#[tokio::test]
async fn faulty_hang_never_answers_so_the_client_times_out() {
    let server = FaultyHttp::start(Fault::Hang).expect("the server starts");
    let started = Instant::now();
    let err = send(server.url(), Duration::from_secs(1))
        .await
        .expect_err("no answer ever comes");
    assert!(err.is_timeout(), "the client timed out: {err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "after about the 1 s timeout: {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests(), 1, "the request was read");

    // A second client still connected when the server goes away is cut off, not left hanging.
    let url = server.url().to_string();
    let pending = tokio::spawn(async move { send(&url, Duration::from_secs(30)).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    tokio::task::spawn_blocking(move || assert_drops_quickly(server))
        .await
        .expect("the drop task ends");
    let result = tokio::time::timeout(Duration::from_secs(5), pending)
        .await
        .expect("the pending request ends once the server is dropped")
        .expect("the request task does not panic");
    assert!(
        result.is_err(),
        "the pending request fails when the server is dropped: {result:?}"
    );
}

async fn read_huge(content_length: bool) {
    let bytes = 5 * 1024 * 1024 + 3;
    let server = FaultyHttp::start(Fault::Huge {
        bytes,
        content_length,
    })
    .expect("the server starts");
    let response = send(server.url(), Duration::from_secs(30))
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 200, "status 200");
    let header = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if content_length {
        assert_eq!(
            header,
            Some(bytes.to_string()),
            "Content-Length announces the size"
        );
    } else {
        assert_eq!(header, None, "no Content-Length: chunked");
        assert_eq!(response.content_length(), None, "size unknown up front");
    }
    let body = response.bytes().await.expect("the whole body");
    assert_eq!(body.len(), bytes, "exactly the asked number of bytes");
    assert!(
        body.starts_with(br#"{"data":{"__schema":{"types":[{"kind":"OBJECT""#),
        "it starts like an introspection answer"
    );
    let json: Value = serde_json::from_slice(&body).expect("the huge body is valid JSON");
    assert!(
        json["data"]["__schema"]["types"]
            .as_array()
            .is_some_and(|t| t.len() > 100_000),
        "many types in the body"
    );
    assert_drops_quickly(server);
}

#[tokio::test]
async fn faulty_huge_streams_the_exact_size_with_content_length() {
    read_huge(true).await;
}

#[tokio::test]
async fn faulty_huge_streams_the_exact_size_without_content_length() {
    read_huge(false).await;
}

#[tokio::test]
async fn faulty_huge_abandoned_by_the_client_does_not_block_shutdown() {
    // 1 GiB, never generated in full: the client reads one piece and leaves.
    let server = FaultyHttp::start(Fault::Huge {
        bytes: 1 << 30,
        content_length: false,
    })
    .expect("the server starts");
    let mut response = send(server.url(), Duration::from_secs(30))
        .await
        .expect("an answer");
    let first = response.chunk().await.expect("a first piece");
    assert!(
        first.is_some_and(|c| !c.is_empty()),
        "the body starts streaming"
    );
    drop(response);
    tokio::task::spawn_blocking(move || assert_drops_quickly(server))
        .await
        .expect("the drop task ends");
}
