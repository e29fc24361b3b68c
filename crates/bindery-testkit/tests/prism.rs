//! The Prism double validates requests against a real OpenAPI document (the expanded petstore):
//! a valid request gets the spec's data, an invalid one a 422 with its violations; the
//! preprocessed copies start; dropping the double stops Prism and frees its port.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bindery_testkit::{fixtures_dir, PrismDouble, PrismOptions, TestkitError, VIOLATIONS_HEADER};
use serde_json::Value;

fn petstore() -> PathBuf {
    fixtures_dir().join("openapi/petstore/oai-v3.0-petstore-expanded.json")
}

fn start(spec: &Path, options: &PrismOptions) -> Option<PrismDouble> {
    assert!(
        spec.is_file(),
        "spec {} exists (set BINDERY_FIXTURES)",
        spec.display()
    );
    PrismDouble::mock_with(spec, options).expect("Prism starts")
}

async fn get(url: &str) -> (u16, Option<String>, String) {
    let response = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a reqwest client builds")
        .get(url)
        .send()
        .await
        .expect("Prism answers");
    let status = response.status().as_u16();
    let violations = response
        .headers()
        .get(VIOLATIONS_HEADER)
        .map(|v| v.to_str().expect("the header is ASCII").to_string());
    let body = response.text().await.expect("the body is readable");
    (status, violations, body)
}

fn addr(url: &str) -> SocketAddr {
    url.strip_prefix("http://")
        .expect("an http URL")
        .parse()
        .expect("host:port")
}

/// Neither a live process nor a zombie.
fn assert_gone(pid: u32) {
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "process {pid} is gone from /proc (no orphan, no zombie)"
    );
}

#[tokio::test]
async fn prism_answers_valid_requests_rejects_invalid_ones_and_stops_on_drop() {
    let Some(prism) = PrismDouble::mock(&petstore()).expect("Prism starts") else {
        return;
    };
    let url = prism.url().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with('/'),
        "a loopback base URL: {url}"
    );

    let (status, violations, body) = get(&format!("{url}/pets?limit=2")).await;
    assert_eq!(
        status,
        200,
        "a valid request: {body}\n{}",
        prism.output_tail()
    );
    assert_eq!(violations, None, "no violations on a valid request");
    let pets: Value = serde_json::from_str(&body).expect("the answer is JSON");
    assert!(
        pets.as_array()
            .and_then(|pets| pets.first())
            .is_some_and(|pet| pet["name"].is_string()),
        "a list of pets from the schema: {body}"
    );

    let (status, violations, body) = get(&format!("{url}/pets/notanint")).await;
    assert_eq!(status, 422, "a non-integer id is refused: {body}");
    let violations: Value =
        serde_json::from_str(&violations.expect("the violations are in sl-violations"))
            .expect("sl-violations is JSON");
    assert_eq!(
        violations[0]["location"],
        serde_json::json!(["request", "path", "id"]),
        "the violation names the path parameter: {violations}"
    );
    assert_eq!(violations[0]["code"], "type", "a type error: {violations}");

    let (status, _, body) = get(&format!("{url}/v2/pets")).await;
    assert_eq!(status, 404, "the servers base path is not served: {body}");

    let pid = prism.pid();
    let port = addr(&url);
    drop(prism);
    assert_gone(pid);
    assert!(
        TcpStream::connect_timeout(&port, Duration::from_secs(2)).is_err(),
        "nothing listens on {port} once the double is dropped"
    );
}

/// A spec with a remote `$ref` inside an example (like GitHub's) and nested schema `$ref`s
/// (like Stripe's), written next to nothing else: the copy must stand on its own.
const TRICKY_SPEC: &str = r##"{
  "openapi": "3.0.3",
  "info": {"title": "tricky", "version": "1"},
  "paths": {
    "/things": {
      "post": {
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}
        }}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {
          "schema": {"$ref": "#/components/schemas/thing"},
          "examples": {"scim": {"value": {"members": [{"$ref": "https://example.invalid/u/1"}]}}}
        }}}}
      }
    }
  },
  "components": {"schemas": {
    "thing": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/owner"}}},
    "owner": {"type": "object", "properties": {"things": {"type": "array", "items": {"$ref": "#/components/schemas/thing"}}}}
  }}
}"##;

#[tokio::test]
async fn prism_serves_a_preprocessed_copy_and_removes_it_on_drop() {
    let dir = std::env::temp_dir().join(format!("bindery-prism-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let spec = dir.join("tricky.json");
    std::fs::write(&spec, TRICKY_SPEC).expect("the spec is written");

    let options = PrismOptions {
        offline_refs: true,
        cut_schema_refs: true,
        ..PrismOptions::default()
    };
    let Some(prism) = start(&spec, &options) else {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    };
    let copy = prism.served_spec().to_path_buf();
    assert_ne!(copy, spec, "Prism serves a copy");
    let text = std::fs::read_to_string(&copy).expect("the copy is readable");
    assert!(
        text.contains(r#""x-offline-ref":"https://example.invalid/u/1""#),
        "the remote $ref is renamed: {text}"
    );
    assert!(
        text.contains(r##""owner":{"x-cut-ref":"#/components/schemas/owner"}"##),
        "the nested schema $ref is cut: {text}"
    );

    let client = reqwest::Client::new();
    let post = |body: &'static str| {
        client
            .post(format!("{}/things", prism.url()))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let valid = post(r#"{"name":"x","size":1}"#)
        .await
        .expect("Prism answers");
    assert_eq!(valid.status().as_u16(), 200, "a valid body is accepted");
    let invalid = post(r#"{"size":"big"}"#).await.expect("Prism answers");
    assert_eq!(
        invalid.status().as_u16(),
        422,
        "the inline body schema is still checked"
    );
    let problem = invalid.text().await.expect("the body is readable");
    assert!(
        problem.contains("UNPROCESSABLE_ENTITY") && problem.contains("required"),
        "no declared error response: Prism's problem+json lists the violations: {problem}"
    );

    drop(prism);
    assert!(!copy.exists(), "the copy is removed on drop");
    std::fs::remove_dir_all(&dir).expect("the test directory is removed");
}

/// The error of a start that must fail, or `None` when the double was skipped (no node).
fn start_error(result: Result<Option<PrismDouble>, TestkitError>) -> Option<TestkitError> {
    match result {
        Ok(None) => None,
        other => Some(
            other
                .map(|prism| prism.map(|prism| prism.url().to_string()))
                .expect_err("Prism must not start"),
        ),
    }
}

#[test]
fn prism_reports_a_missing_spec() {
    let Some(err) = start_error(PrismDouble::mock(Path::new("/nonexistent/openapi.yaml"))) else {
        return;
    };
    assert!(
        matches!(&err, TestkitError::Io { .. }) && err.to_string().contains("/nonexistent"),
        "the error names the spec: {err}"
    );
}

#[test]
fn prism_without_offline_refs_fails_on_a_remote_ref_with_its_reason() {
    let dir = std::env::temp_dir().join(format!("bindery-prism-remote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let spec = dir.join("remote.json");
    std::fs::write(&spec, TRICKY_SPEC).expect("the spec is written");
    let result = PrismDouble::mock(&spec);
    std::fs::remove_dir_all(&dir).expect("the test directory is removed");
    let Some(err) = start_error(result) else {
        return;
    };
    assert!(
        matches!(&err, TestkitError::NotReady { .. })
            && err.to_string().contains("example.invalid"),
        "the error carries Prism's reason: {err}"
    );
}
