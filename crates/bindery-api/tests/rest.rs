//! REST providers (OpenAPI, Google discovery documents) through the application API: given as a
//! file, an http URL served on loopback, or pasted text.

use std::path::PathBuf;

use bindery_api::json::{ConnectRequest, ObjectQuery};
use bindery_api::{Bindery, ErrorCode, OpenOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn fixtures() -> PathBuf {
    std::env::var_os("BINDERY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        })
}

fn request(source_kind: &str, key: &str, value: &str) -> ConnectRequest {
    ConnectRequest {
        source_kind: Some(source_kind.to_owned()),
        catalog: None,
        display_name: None,
        credentials: [(key.to_owned(), serde_json::json!(value))].into(),
    }
}

/// Serves `body` as JSON to every connection on loopback; returns the URL.
async fn serve_once(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
            });
        }
    });
    format!("http://{addr}/discovery.json")
}

async fn open() -> (tempfile::TempDir, Bindery) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(
        dir.path(),
        OpenOptions {
            demo: false,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open workspace");
    (dir, api)
}

#[tokio::test]
async fn openapi_from_a_file_discovers_and_browses() {
    let (_dir, api) = open().await;
    let spec = fixtures().join("openapi/petstore/petstore-v3.openapi.yaml");
    api.connect_integration(
        "petstore",
        request("openapi", "path", &spec.to_string_lossy()),
    )
    .await
    .expect("connect by path");
    let summary = api
        .discover_integration("petstore")
        .await
        .expect("discover");
    assert_eq!(
        summary.summary.operation_count, 19,
        "PROVENANCE: petstore v3 has 19 operations"
    );
    let page = api
        .list_objects(
            "petstore",
            &ObjectQuery {
                q: Some("pet".into()),
                ..ObjectQuery::default()
            },
        )
        .await
        .expect("search");
    assert!(
        page.items.iter().any(|hit| hit.name == "Pet"),
        "Pet is found: {:?}",
        page.items
    );
    let pet = api.object("petstore", "Pet").await.expect("Pet detail");
    assert!(
        !pet.operations.is_empty(),
        "operations return or take a Pet"
    );
    let list = api.list_integrations().await.expect("list");
    assert!(
        list[0].location.ends_with("petstore-v3.openapi.yaml"),
        "location is the file"
    );
}

#[tokio::test]
async fn google_discovery_from_a_url_is_fetched_at_each_discovery() {
    let (_dir, api) = open().await;
    let body = std::fs::read(fixtures().join("openapi/google/calendar-v3.discovery.json"))
        .expect("fixture");
    let url = serve_once(body).await;
    api.connect_integration("calendar", request("google-discovery", "url", &url))
        .await
        .expect("connect by URL");
    let summary = api
        .discover_integration("calendar")
        .await
        .expect("discover over HTTP");
    assert_eq!(
        summary.summary.operation_count, 37,
        "PROVENANCE: calendar v3 has 37 methods"
    );
    let list = api.list_integrations().await.expect("list");
    assert_eq!(list[0].location, url, "location is the URL");
}

#[tokio::test]
async fn pasted_text_is_kept_in_the_workspace() {
    let (dir, api) = open().await;
    let text = std::fs::read_to_string(
        fixtures().join("openapi/petstore/oai-v3.0-petstore-expanded.json"),
    )
    .expect("fixture");
    api.connect_integration("pasted", request("openapi", "text", &text))
        .await
        .expect("connect pasted text");
    let kept = bindery_testkit::files_under(&dir.path().join("sources"));
    assert_eq!(kept.len(), 1, "the paste is kept once: {kept:?}");
    let name = kept[0]
        .0
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        name.starts_with("pasted-") && name.ends_with(".json"),
        "kept as sources/pasted-<random>.json: {name}"
    );
    let again = api
        .connect_integration(
            "pasted",
            request("openapi", "text", "{\"swagger\": \"2.0\"}"),
        )
        .await
        .expect_err("the name is taken");
    assert_eq!(
        again.code,
        ErrorCode::ProviderAlreadyExists,
        "coded: {again}"
    );
    let after = bindery_testkit::files_under(&dir.path().join("sources"));
    assert_eq!(
        after, kept,
        "a refused connect leaves the first provider's copy as it was, and no copy of its own"
    );
    let summary = api.discover_integration("pasted").await.expect("discover");
    assert_eq!(
        summary.summary.operation_count, 4,
        "PROVENANCE: petstore-expanded has 4 operations"
    );
}

#[tokio::test]
async fn bad_rest_sources_have_codes() {
    let (dir, api) = open().await;
    let none = api
        .connect_integration("a", request("openapi", "other", "x"))
        .await
        .expect_err("unknown field");
    assert_eq!(
        none.code,
        ErrorCode::ValidationError,
        "only path, url or text"
    );
    let two = ConnectRequest {
        source_kind: Some("openapi".into()),
        catalog: None,
        display_name: None,
        credentials: [
            ("path".to_owned(), serde_json::json!("/x")),
            ("url".to_owned(), serde_json::json!("http://x")),
        ]
        .into(),
    };
    let two = api
        .connect_integration("b", two)
        .await
        .expect_err("two origins");
    assert_eq!(two.code, ErrorCode::ValidationError, "exactly one origin");
    let ftp = api
        .connect_integration("c", request("openapi", "url", "ftp://example.com/x"))
        .await
        .expect_err("ftp");
    assert_eq!(ftp.code, ErrorCode::ValidationError, "http(s) only");
    let missing = api
        .connect_integration("d", request("openapi", "path", "/no/such/spec.yaml"))
        .await
        .expect_err("missing");
    assert_eq!(missing.code, ErrorCode::SourceNotFound, "missing file");

    let not_a_spec = dir.path().join("notes.json");
    std::fs::write(&not_a_spec, r#"{"hello": "world"}"#).expect("write");
    api.connect_integration(
        "e",
        request("openapi", "path", &not_a_spec.to_string_lossy()),
    )
    .await
    .expect("connects");
    let invalid = api
        .discover_integration("e")
        .await
        .expect_err("not an OpenAPI document");
    assert_eq!(
        invalid.code,
        ErrorCode::SourceInvalid,
        "NotADescription maps to source_invalid"
    );
    assert!(
        invalid.message.contains("discovery/not-a-description"),
        "the discovery code is named: {}",
        invalid.message
    );

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "openapi: 3.0.0\ninfo: [unclosed\n").expect("write");
    api.connect_integration("f", request("openapi", "path", &broken.to_string_lossy()))
        .await
        .expect("connects");
    let malformed = api
        .discover_integration("f")
        .await
        .expect_err("malformed YAML");
    assert_eq!(
        malformed.code,
        ErrorCode::SourceInvalid,
        "malformed maps to source_invalid"
    );
    assert!(
        malformed.message.contains("line"),
        "the position is given: {}",
        malformed.message
    );
}
