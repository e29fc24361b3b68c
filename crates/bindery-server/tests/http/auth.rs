//! Authentication and authorisation: 401 problems, the Bearer scheme, per-route scopes, and
//! the canary check that a key never leaks into a response.

use bindery_api::Scope;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{str_of, Answer, Server, DEMO};

#[tokio::test]
async fn missing_garbage_and_malformed_keys_get_401_problems() {
    let server = Server::start().await;
    let path = "/api/v1/integrations";

    let mut cases: Vec<(&str, HeaderMap)> = Vec::new();
    cases.push(("no Authorization header", HeaderMap::new()));
    for (what, value) in [
        ("a garbage key", "Bearer not-a-real-key"),
        (
            "a well-formed but unknown key",
            "Bearer bindery_sk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ),
        ("a scheme without a key", "Bearer"),
        ("a scheme with only spaces", "Bearer    "),
        ("Basic auth", "Basic dXNlcjpwYXNz"),
        ("a bare key without a scheme", "bindery_sk_nope"),
    ] {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(value).expect("a valid header value"),
        );
        cases.push((what, headers));
    }
    let mut non_ascii = HeaderMap::new();
    non_ascii.insert(
        AUTHORIZATION,
        HeaderValue::from_bytes(b"Bearer \xff\xfe").expect("obs-text is a valid header value"),
    );
    cases.push(("a non-UTF-8 Authorization header", non_ascii));

    for (what, headers) in cases {
        let answer = server.get_with_headers(path, headers).await;
        let body = answer.problem(401, "unauthorized", what);
        assert_eq!(
            str_of(&body, "instance"),
            path,
            "{what}: instance is the full request path, including the /api/v1 prefix"
        );
        assert!(
            answer
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("Bearer")),
            "{what}: a 401 names the Bearer scheme in WWW-Authenticate"
        );
    }

    // instance follows the path on every protected route, not just the list.
    for path in [
        "/api/v1/integrations/catalog",
        "/api/v1/integrations/demo_fieldservice/objects/customers",
    ] {
        let answer = server.get(path, None).await;
        let body = answer.problem(401, "unauthorized", path);
        assert_eq!(
            str_of(&body, "instance"),
            path,
            "instance is the full path of {path}"
        );
    }
    let answer = server
        .post(
            "/api/v1/integrations/demo_fieldservice/discover",
            None,
            &json!({}),
        )
        .await;
    answer.problem(401, "unauthorized", "discover without a key");
    server.stop().await;
}

/// RFC 9110 section 11.1 makes the authentication scheme a case-insensitive token: a valid key
/// is accepted under `Bearer`, `bearer`, `BEARER` and `BeArEr` alike, never refused with a 401
/// because of the scheme's case.
#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let server = Server::start().await;
    let mut refused = Vec::new();
    for scheme in ["Bearer", "bearer", "BEARER", "BeArEr"] {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("{scheme} {}", server.read_key))
                .expect("a valid header value"),
        );
        let answer = server
            .get_with_headers("/api/v1/integrations", headers)
            .await;
        if answer.status != StatusCode::OK {
            refused.push(format!("{scheme} -> {}", answer.status));
        }
    }
    assert!(
        refused.is_empty(),
        "a valid key is accepted whatever the case of the Bearer scheme: {refused:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn scopes_are_enforced_per_route_group() {
    let server = Server::start().await;
    let read = Some(server.read_key.as_str());
    let write = Some(server.write_key.as_str());

    let answer = server
        .post(
            "/api/v1/integrations/demo_fieldservice/discover",
            read,
            &json!({}),
        )
        .await;
    let body = answer.problem(403, "insufficient_scope", "read key on POST discover");
    assert!(
        str_of(&body, "detail").contains("integrations:write"),
        "the detail names the missing scope: {body}"
    );
    assert!(
        answer.headers.get("www-authenticate").is_none(),
        "a 403 is not an authentication challenge"
    );

    let answer = server
        .post(
            "/api/v1/integrations/shop/connect",
            read,
            &json!({"sourceKind": "sqlite", "credentials": {"path": "/nonexistent"}}),
        )
        .await;
    answer.problem(403, "insufficient_scope", "read key on POST connect");

    for path in [
        "/api/v1/integrations",
        "/api/v1/integrations/catalog",
        "/api/v1/integrations/demo_fieldservice/schema",
    ] {
        let answer = server.get(path, write).await;
        let body = answer.problem(403, "insufficient_scope", "write-only key on a read route");
        assert!(
            str_of(&body, "detail").contains("integrations:read"),
            "the detail names the missing scope: {body}"
        );
    }

    // The keys do work where their scope allows.
    server
        .get("/api/v1/integrations", read)
        .await
        .ok("read key on GET integrations");
    server
        .post(
            "/api/v1/integrations/demo_fieldservice/discover",
            write,
            &json!({}),
        )
        .await
        .ok("write key on POST discover");

    // A key with only unrelated scopes gets 403, not 401.
    let agents = server
        .api
        .create_api_key(&[Scope::AgentsRead], None)
        .await
        .expect("an agents key")
        .key;
    server
        .get("/api/v1/integrations", Some(&agents))
        .await
        .problem(
            403,
            "insufficient_scope",
            "agents:read key on GET integrations",
        );

    // A session key (the UI's) carries every scope.
    let session = server.api.mint_session_key();
    server
        .get("/api/v1/integrations", Some(&session))
        .await
        .ok("session key reads");
    server
        .post(
            "/api/v1/integrations/demo_fieldservice/discover",
            Some(&session),
            &json!({}),
        )
        .await
        .ok("session key writes");
    server.stop().await;
}

#[tokio::test]
async fn keys_never_appear_in_any_response() {
    let server = Server::start().await;
    let canary = server
        .api
        .create_api_key(&[Scope::IntegrationsRead], Some("canary".to_owned()))
        .await
        .expect("the canary key is created");
    let key = canary.key.as_str();
    assert!(
        key.starts_with("bindery_sk_"),
        "keys carry the bindery_sk_ prefix"
    );
    let secret_part = key.trim_start_matches("bindery_sk_");
    // Variants of the key that a leak could show.
    let needles = [key.to_owned(), secret_part.to_owned()];

    let mut answers: Vec<(String, Answer)> = Vec::new();
    let requests: Vec<(Method, String, Option<String>, Option<Value>)> = vec![
        (
            Method::GET,
            "/api/v1/integrations".into(),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            "/api/v1/integrations/catalog".into(),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{DEMO}/schema"),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{DEMO}/objects?q=phone"),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{DEMO}/objects?cursor=bad"),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{DEMO}/objects?limit=0"),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{DEMO}/objects/nope"),
            Some(key.into()),
            None,
        ),
        (
            Method::GET,
            "/api/v1/integrations/nope/schema".into(),
            Some(key.into()),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/integrations/{DEMO}/discover"),
            Some(key.into()),
            Some(json!({})),
        ),
        (
            Method::POST,
            "/api/v1/integrations/shop/connect".into(),
            Some(key.into()),
            Some(json!({"sourceKind": "sqlite", "credentials": {"path": "/x"}})),
        ),
        (
            Method::DELETE,
            "/api/v1/integrations".into(),
            Some(key.into()),
            None,
        ),
        (Method::GET, "/api/v1/nope".into(), Some(key.into()), None),
        (
            Method::GET,
            "/api/v1/openapi.json".into(),
            Some(key.into()),
            None,
        ),
        (Method::GET, "/".into(), Some(key.into()), None),
        // A key that is one character off.
        (
            Method::GET,
            "/api/v1/integrations".into(),
            Some(format!("{key}x")),
            None,
        ),
        (
            Method::GET,
            "/api/v1/integrations".into(),
            Some(key[..key.len() - 1].to_owned()),
            None,
        ),
    ];
    for (method, path, k, body) in requests {
        let answer = server
            .send(method.clone(), &path, k.as_deref(), body.as_ref())
            .await;
        answers.push((format!("{method} {path}"), answer));
    }
    // Other ways a client might send the key.
    for (what, value) in [
        ("Token scheme", format!("Token {key}")),
        ("no scheme", key.to_owned()),
        ("lowercase bearer", format!("bearer {key}")),
    ] {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&value).expect("a header value"),
        );
        answers.push((
            what.to_owned(),
            server
                .get_with_headers("/api/v1/integrations", headers)
                .await,
        ));
    }
    answers.push((
        "key in a query string".to_owned(),
        server
            .get(&format!("/api/v1/integrations?api_key={key}"), None)
            .await,
    ));

    for (what, answer) in &answers {
        for needle in &needles {
            assert!(
                !answer.text.contains(needle.as_str()),
                "{what}: the response body never contains the API key"
            );
            for (name, value) in &answer.headers {
                let value = String::from_utf8_lossy(value.as_bytes());
                assert!(
                    !value.contains(needle.as_str()),
                    "{what}: header {name} never contains the API key"
                );
            }
        }
    }
    server.stop().await;
}
