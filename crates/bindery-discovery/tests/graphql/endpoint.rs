//! Live endpoints: a real graphql-yoga server (tests/doubles) over a fixture's SDL, discovered by
//! introspection, gives the schema the SDL file gives; credentials, refusals, timeouts and
//! oversized answers give coded errors that never carry the secret.

use std::path::Path;
use std::time::Duration;

use bindery_discovery::graphql::{self, Endpoint, FetchLimits, GraphqlSource, SecretHeader};
use bindery_discovery::{DiscoveryError, Registry, SourceConfig};
use bindery_schema::Schema;
use bindery_testkit::{Fault, FaultyHttp, GraphqlDouble, GraphqlOptions};

const CANARY: &str = "canary-9f3b1c-graphql-token";

async fn introspect(endpoint: Endpoint) -> Result<bindery_discovery::Discovered, DiscoveryError> {
    let source = SourceConfig::Graphql {
        source: GraphqlSource::Endpoint(endpoint),
    };
    Registry::default().discover(&source).await
}

/// Everything but where it came from.
fn without_source(mut schema: Schema) -> Schema {
    schema.source.title = String::new();
    schema
}

fn start(schema: &Path, options: GraphqlOptions) -> Option<GraphqlDouble> {
    GraphqlDouble::start(schema, options)
        .expect("the GraphQL double starts (or is skipped outside CI)")
}

async fn assert_same_as_sdl(file: &str) {
    let path = super::fixtures_dir().join(file);
    let Some(server) = start(&path, GraphqlOptions::default()) else {
        return;
    };
    let live = introspect(Endpoint::new(server.url()))
        .await
        .expect("introspection discovers");
    let text = std::fs::read_to_string(&path).expect("read SDL");
    let from_file = graphql::discover_sdl(&text, file).expect("SDL discovers");
    assert_eq!(
        live.value.source.title,
        server.url(),
        "{file}: titled by the endpoint"
    );
    let live = without_source(live.value);
    let from_file = without_source(from_file.value);
    assert_eq!(live.summary, from_file.summary, "{file}: same counts");
    for (a, b) in live.objects.iter().zip(&from_file.objects) {
        assert_eq!(a, b, "{file}: object {} is the same both ways", b.name);
    }
    for (a, b) in live.operations.iter().zip(&from_file.operations) {
        assert_eq!(a, b, "{file}: operation {} is the same both ways", b.id);
    }
    assert_eq!(
        live.fingerprint(),
        from_file.fingerprint(),
        "{file}: identical schemas"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn introspecting_a_live_server_equals_reading_its_saleor_sdl() {
    assert_same_as_sdl("saleor/saleor-schema.graphql").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn introspecting_a_live_server_equals_reading_its_shopify_admin_sdl() {
    assert_same_as_sdl("shopify/shopify-admin-2026-07.graphql").await;
}

fn small_schema() -> tempfile::TempPath {
    let file = tempfile::Builder::new()
        .suffix(".graphql")
        .tempfile()
        .expect("temp file");
    std::fs::write(
        file.path(),
        "type Query { shop: Shop }\ntype Shop { name: String! email: String }\n",
    )
    .expect("write SDL");
    file.into_temp_path()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_are_sent_and_a_refusal_is_coded_without_the_secret() {
    let schema = small_schema();
    let options = GraphqlOptions {
        token: Some(CANARY.to_owned()),
        introspection: true,
    };
    let Some(server) = start(&schema, options) else {
        return;
    };
    let refused = introspect(Endpoint::new(server.url()))
        .await
        .expect_err("no token: refused");
    assert_eq!(
        refused.code(),
        "discovery/unauthorized",
        "401 coded: {refused}"
    );
    let mut wrong = Endpoint::new(server.url());
    wrong.headers.push(SecretHeader::new(
        "Authorization",
        format!("Bearer {CANARY}-wrong"),
    ));
    let refused = introspect(wrong.clone())
        .await
        .expect_err("wrong token: refused");
    assert_eq!(
        refused.code(),
        "discovery/unauthorized",
        "401 coded: {refused}"
    );
    for text in [
        refused.to_string(),
        format!("{refused:?}"),
        format!("{wrong:?}"),
    ] {
        assert!(!text.contains(CANARY), "the secret never shows: {text}");
    }
    let mut right = Endpoint::new(server.url());
    right.headers.push(SecretHeader::new(
        "Authorization",
        format!("Bearer {CANARY}"),
    ));
    let discovered = introspect(right).await.expect("the right token discovers");
    assert_eq!(discovered.value.summary.operation_count, 1, "Query.shop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_refuses_introspection_gives_its_errors() {
    let schema = small_schema();
    let options = GraphqlOptions {
        token: None,
        introspection: false,
    };
    let Some(server) = start(&schema, options) else {
        return;
    };
    let error = introspect(Endpoint::new(server.url()))
        .await
        .expect_err("refused");
    assert_eq!(error.code(), "discovery/graphql-errors", "coded: {error}");
    assert!(
        error.to_string().to_lowercase().contains("introspection"),
        "the server's reason: {error}"
    );
}

fn faulty(fault: Fault) -> FaultyHttp {
    FaultyHttp::start(fault).expect("the faulty server starts")
}

#[tokio::test]
async fn a_non_json_answer_is_coded() {
    let server = faulty(Fault::Status {
        code: 200,
        body: "<html><body>Sign in</body></html>".to_owned(),
        content_type: "text/html".to_owned(),
    });
    let error = introspect(Endpoint::new(server.url()))
        .await
        .expect_err("not JSON");
    assert_eq!(error.code(), "discovery/not-json", "coded: {error}");
    assert!(
        error.to_string().contains("text/html"),
        "says what came: {error}"
    );
}

#[tokio::test]
async fn a_plain_http_error_is_coded() {
    let server = faulty(Fault::Status {
        code: 502,
        body: "Bad Gateway".to_owned(),
        content_type: "text/plain".to_owned(),
    });
    let error = introspect(Endpoint::new(server.url()))
        .await
        .expect_err("502");
    assert_eq!(error.code(), "discovery/endpoint-error", "coded: {error}");
}

#[tokio::test]
async fn errors_in_a_json_answer_are_coded_after_one_retry() {
    let server = faulty(Fault::Json(
        r#"{"errors":[{"message":"Unknown argument includeDeprecated"}]}"#.to_owned(),
    ));
    let error = introspect(Endpoint::new(server.url()))
        .await
        .expect_err("errors");
    assert_eq!(error.code(), "discovery/graphql-errors", "coded: {error}");
    assert_eq!(
        server.requests(),
        2,
        "the classic query was tried once more"
    );
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let server = faulty(Fault::Hang);
    let mut endpoint = Endpoint::new(server.url());
    endpoint.limits = FetchLimits {
        timeout: Duration::from_millis(800),
        ..FetchLimits::default()
    };
    let started = std::time::Instant::now();
    let error = introspect(endpoint).await.expect_err("hangs");
    assert_eq!(error.code(), "discovery/timeout", "coded: {error}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "gave up on time"
    );
}

#[tokio::test]
async fn an_oversized_answer_is_refused_with_or_without_a_length() {
    for content_length in [true, false] {
        let server = faulty(Fault::Huge {
            bytes: 3 << 20,
            content_length,
        });
        let mut endpoint = Endpoint::new(server.url());
        endpoint.limits = FetchLimits {
            max_bytes: 1 << 20,
            ..FetchLimits::default()
        };
        let error = introspect(endpoint).await.expect_err("too large");
        assert_eq!(
            error.code(),
            "discovery/too-large",
            "coded (content-length {content_length}): {error}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_endpoint_is_coded() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let error = introspect(Endpoint::new(format!("http://127.0.0.1:{port}/graphql")))
        .await
        .expect_err("nobody listens");
    assert_eq!(error.code(), "discovery/unreachable", "coded: {error}");
    let error = introspect(Endpoint::new("ftp://example.test/graphql"))
        .await
        .expect_err("not http");
    assert_eq!(error.code(), "discovery/unreachable", "coded: {error}");
}
