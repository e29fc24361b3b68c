//! Everything that can go wrong around a sign-in or a refresh, without the real server: a
//! second flow, cancel, timeout, a forged state, broken and unreachable token endpoints, bad
//! settings.

use std::time::Duration;

use bindery_oauth::{FlowId, OAuthError, StartedFlow, Token, TokenClient, GO_BACK_TO_BINDERY};
use bindery_testkit::{Fault, FaultyHttp};

use super::{config_with_token_url, coordinator, port_is_open, query_param, token_client};
use bindery_testkit::{OidcBrowser as Browser, Visit};

const SHORT: Duration = Duration::from_millis(300);

/// A URL on a port nothing listens on (bound, then released).
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("its address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/token")
}

fn faulty(fault: Fault) -> FaultyHttp {
    FaultyHttp::start(fault).expect("the faulty server starts")
}

fn html(code: u16) -> Fault {
    Fault::Status {
        code,
        body: "<html><body><h1>Service unavailable</h1></body></html>".to_string(),
        content_type: "text/html".to_string(),
    }
}

/// Delivers a callback with the flow's own state and `params` (e.g. `code=abc`).
async fn callback(started: &StartedFlow, params: &str) -> Visit {
    let state = query_param(&started.authorize_url, "state").expect("a state");
    Browser::new()
        .visit(&format!("{}?{params}&state={state}", started.redirect_uri))
        .await
}

async fn refresh_error(token_url: &str) -> OAuthError {
    token_client()
        .refresh(
            &config_with_token_url(token_url),
            &Token::new("refresh-1".to_string()),
        )
        .await
        .expect_err("no tokens from a broken endpoint")
}

#[tokio::test]
async fn one_flow_at_a_time_and_cancel_ends_it() {
    let flows = coordinator();
    let config = config_with_token_url(&closed_port_url());
    let first = flows.start(&config).await.expect("the first flow starts");
    let err = flows
        .start(&config)
        .await
        .expect_err("a second flow is refused");
    assert_eq!(err.code(), "oauth/flow-in-progress", "{err}");
    assert_eq!(
        flows.running(),
        Some(first.flow_id.clone()),
        "the first still runs"
    );

    assert!(
        flows.cancel(&first.flow_id),
        "the running flow is cancelled"
    );
    let err = flows
        .wait(&first.flow_id, SHORT)
        .await
        .expect_err("a cancelled flow has no tokens");
    assert_eq!(err.code(), "oauth/cancelled", "{err}");
    assert!(!port_is_open(&first.redirect_uri).await, "listener closed");
    assert!(!flows.cancel(&first.flow_id), "nothing left to cancel");

    let second = flows.start(&config).await.expect("a new flow may start");
    assert_ne!(second.flow_id, first.flow_id, "a new id");
    assert_ne!(
        query_param(&second.authorize_url, "state"),
        query_param(&first.authorize_url, "state"),
        "a new state"
    );
}

#[tokio::test]
async fn no_answer_in_time_is_a_timeout_and_closes_the_port() {
    let flows = coordinator();
    let started = flows
        .start(&config_with_token_url(&closed_port_url()))
        .await
        .expect("the flow starts");
    assert!(
        port_is_open(&started.redirect_uri).await,
        "listening at first"
    );
    let err = flows
        .wait(&started.flow_id, SHORT)
        .await
        .expect_err("nobody approved");
    assert_eq!(err.code(), "oauth/timeout", "{err}");
    assert!(
        !port_is_open(&started.redirect_uri).await,
        "the port is closed"
    );
    assert_eq!(flows.running(), None, "no flow left");
    let err = flows
        .wait(&started.flow_id, SHORT)
        .await
        .expect_err("the flow is gone");
    assert_eq!(err.code(), "oauth/no-such-flow", "{err}");
}

#[tokio::test]
async fn only_a_forged_answer_then_a_timeout_is_a_state_mismatch() {
    let flows = coordinator();
    let faulty = faulty(Fault::Json("{}".to_string()));
    let started = flows
        .start(&config_with_token_url(faulty.url()))
        .await
        .expect("the flow starts");
    let page = Browser::new()
        .visit(&format!(
            "{}?code=stolen-code&state=forged",
            started.redirect_uri
        ))
        .await;
    assert_eq!(page.status, 400, "refused: {}", page.body);
    let err = flows
        .wait(&started.flow_id, SHORT)
        .await
        .expect_err("no genuine answer came");
    assert_eq!(err.code(), "oauth/state-mismatch", "{err}");
    assert_eq!(faulty.requests(), 0, "the forged code was never exchanged");
    assert!(
        !port_is_open(&started.redirect_uri).await,
        "listener closed"
    );
}

#[tokio::test]
async fn an_unknown_flow_id_and_an_abandoned_wait() {
    let flows = coordinator();
    let err = flows
        .wait(&FlowId::new("nope"), SHORT)
        .await
        .expect_err("unknown id");
    assert_eq!(err.code(), "oauth/no-such-flow", "{err}");

    let config = config_with_token_url(&closed_port_url());
    let started = flows.start(&config).await.expect("the flow starts");
    // The application stops waiting (its request was dropped): the flow must not linger.
    let abandoned =
        tokio::time::timeout(SHORT, flows.wait(&started.flow_id, Duration::from_secs(60))).await;
    assert!(abandoned.is_err(), "the outer timeout dropped the wait");
    flows
        .start(&config)
        .await
        .expect("a new flow starts right away");
}

#[tokio::test]
async fn provider_errors_on_the_callback_end_the_flow() {
    let config = config_with_token_url(&closed_port_url());
    for (params, code) in [
        ("error=access_denied", "oauth/denied"),
        (
            "error=invalid_scope&error_description=unknown%20scope",
            "oauth/authorization-failed",
        ),
        ("iss=x", "oauth/authorization-failed"),
    ] {
        let flows = coordinator();
        let started = flows.start(&config).await.expect("the flow starts");
        let page = callback(&started, params).await;
        assert_eq!(page.status, 400, "{params}: failure page {}", page.body);
        assert!(
            page.body.contains(GO_BACK_TO_BINDERY),
            "{params}: {}",
            page.body
        );
        let err = flows
            .wait(&started.flow_id, SHORT)
            .await
            .expect_err("no tokens");
        assert_eq!(err.code(), code, "{params}: {err}");
    }
}

#[tokio::test]
async fn malformed_token_answers_are_bad_token_responses() {
    for (fault, says) in [
        (html(200), "HTTP 200 text/html, not JSON"),
        (html(500), "HTTP 500 text/html that is not JSON"),
        (html(302), "HTTP 302 text/html that is not JSON"),
        (Fault::Json("{}".to_string()), "without `access_token`"),
        (Fault::Json("not json".to_string()), "not JSON"),
        (
            Fault::Json(r#"{"access_token":"a","token_type":"Bearer","expires_in":"soon"}"#.into()),
            "`expires_in`",
        ),
        (
            Fault::Json(r#"{"access_token":"","token_type":"Bearer"}"#.to_string()),
            "empty access_token",
        ),
    ] {
        let server = faulty(fault.clone());
        let err = refresh_error(server.url()).await;
        assert_eq!(err.code(), "oauth/bad-token-response", "{fault:?}: {err}");
        assert!(err.to_string().contains(says), "{fault:?}: {err}");
    }
}

#[tokio::test]
async fn a_malformed_answer_to_the_code_exchange_fails_the_flow() {
    let server = faulty(html(200));
    let flows = coordinator();
    let started = flows
        .start(&config_with_token_url(server.url()))
        .await
        .expect("the flow starts");
    let page = callback(&started, "code=abc").await;
    assert_eq!(page.status, 400, "failure page: {}", page.body);
    assert!(
        page.body.contains("Bindery could not connect") && page.body.contains("not JSON"),
        "the page says what went wrong: {}",
        page.body
    );
    let err = flows
        .wait(&started.flow_id, SHORT)
        .await
        .expect_err("no tokens");
    assert_eq!(err.code(), "oauth/bad-token-response", "{err}");
    assert_eq!(server.requests(), 1, "the code was exchanged once");
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_unreachable() {
    let url = closed_port_url();
    let err = refresh_error(&url).await;
    assert_eq!(err.code(), "oauth/unreachable", "{err}");
    assert!(
        err.to_string().contains("connection refused") && err.to_string().contains("127.0.0.1"),
        "says where and why: {err}"
    );

    let flows = coordinator();
    let started = flows
        .start(&config_with_token_url(&url))
        .await
        .expect("the flow starts");
    let page = callback(&started, "code=abc").await;
    assert_eq!(page.status, 400, "failure page: {}", page.body);
    let err = flows
        .wait(&started.flow_id, SHORT)
        .await
        .expect_err("no tokens");
    assert_eq!(err.code(), "oauth/unreachable", "{err}");
}

#[tokio::test]
async fn a_hanging_token_endpoint_times_out_as_unreachable() {
    let server = faulty(Fault::Hang);
    let client = TokenClient::with_timeouts(SHORT, SHORT).expect("client");
    let err = client
        .refresh(
            &config_with_token_url(server.url()),
            &Token::new("r".to_string()),
        )
        .await
        .expect_err("no answer");
    assert_eq!(err.code(), "oauth/unreachable", "{err}");
    assert!(err.to_string().contains("no answer in time"), "{err}");
}

#[tokio::test]
async fn oauth_errors_from_the_token_endpoint_keep_their_meaning() {
    let grant = faulty(Fault::Status {
        code: 400,
        body:
            r#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#
                .to_string(),
        content_type: "application/json".to_string(),
    });
    let err = refresh_error(grant.url()).await;
    assert_eq!(err.code(), "oauth/invalid-grant", "{err}");
    assert!(
        err.to_string().contains("expired or revoked"),
        "provider text kept: {err}"
    );

    let client = faulty(Fault::Status {
        code: 401,
        body: r#"{"error":"invalid_client"}"#.to_string(),
        content_type: "application/json".to_string(),
    });
    let err = refresh_error(client.url()).await;
    assert_eq!(err.code(), "oauth/refused", "{err}");
    assert!(err.to_string().contains("invalid_client"), "{err}");
}

#[tokio::test]
async fn unusable_settings_are_refused_before_anything_is_sent() {
    let flows = coordinator();
    let mut plain_http = config_with_token_url("http://oauth.example/token");
    let err = flows.start(&plain_http).await.expect_err("plain http");
    assert_eq!(err.code(), "oauth/invalid-config", "{err}");
    plain_http.token_url = "https://oauth.example/token".to_string();
    plain_http.authorize_url = "http://accounts.example/auth".to_string();
    let err = flows.start(&plain_http).await.expect_err("plain http");
    assert_eq!(err.code(), "oauth/invalid-config", "{err}");
    assert!(err.to_string().contains("authorization URL"), "{err}");

    let mut reserved = config_with_token_url("https://oauth.example/token");
    reserved.extra_authorize_params = vec![("redirect_uri".into(), "https://evil.example".into())];
    let err = flows
        .start(&reserved)
        .await
        .expect_err("reserved parameter");
    assert_eq!(err.code(), "oauth/invalid-config", "{err}");
    assert_eq!(flows.running(), None, "nothing started");
}
