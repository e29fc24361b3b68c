//! The authorization code flow against the real server: approval, refusal, a forged `state`.

use std::time::{Duration, SystemTime};

use bindery_oauth::GO_BACK_TO_BINDERY;

use super::{
    coordinator, native_config, oidc, port_is_open, query_param, userinfo, with_query_param,
    SIGN_IN_LIMIT,
};
use bindery_testkit::OidcBrowser as Browser;

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test]
async fn a_sign_in_approved_in_the_browser_gives_working_tokens() {
    let Some(oidc) = oidc(HOUR) else { return };
    let config = native_config(&oidc);
    let flows = coordinator();
    let started = flows.start(&config).await.expect("the flow starts");

    let url = &started.authorize_url;
    assert!(
        url.starts_with(oidc.authorization_endpoint()),
        "the provider's authorization endpoint: {url}"
    );
    assert_eq!(
        query_param(url, "code_challenge_method").as_deref(),
        Some("S256"),
        "PKCE S256: {url}"
    );
    assert!(
        query_param(url, "code_challenge").is_some_and(|c| c.len() == 43),
        "a SHA-256 challenge, base64url: {url}"
    );
    assert!(
        query_param(url, "state").is_some_and(|s| s.len() >= 16),
        "a random state: {url}"
    );
    let redirect_uri = query_param(url, "redirect_uri").expect("a redirect URI");
    assert_eq!(
        redirect_uri, started.redirect_uri,
        "the listener's URI is sent"
    );
    assert!(
        redirect_uri.starts_with("http://127.0.0.1:") && redirect_uri.ends_with("/callback"),
        "loopback redirect on an ephemeral port: {redirect_uri}"
    );
    assert_eq!(
        query_param(url, "scope").as_deref(),
        Some("openid offline_access email"),
        "scopes joined by a space: {url}"
    );
    assert_eq!(
        query_param(url, "prompt").as_deref(),
        Some("consent"),
        "extra parameters passed: {url}"
    );
    assert_eq!(
        query_param(url, "response_type").as_deref(),
        Some("code"),
        "{url}"
    );
    assert!(
        port_is_open(&started.redirect_uri).await,
        "the listener waits"
    );

    let browser = Browser::new();
    let callback = browser
        .approve(url, &started.redirect_uri, "alice")
        .await
        .expect("login and consent lead back to Bindery");
    assert!(
        query_param(&callback, "code").is_some(),
        "the provider sends a code: {callback}"
    );
    let page = browser.visit(&callback).await;
    assert_eq!(page.status, 200, "success page: {}", page.body);
    assert!(
        page.body.contains(GO_BACK_TO_BINDERY),
        "the page tells the person to go back to Bindery: {}",
        page.body
    );

    let tokens = flows
        .wait(&started.flow_id, SIGN_IN_LIMIT)
        .await
        .expect("the code is exchanged for tokens");
    assert!(!tokens.access_token.expose().is_empty(), "an access token");
    assert!(
        tokens
            .refresh_token
            .as_ref()
            .is_some_and(|t| !t.expose().is_empty()),
        "a refresh token (offline_access + prompt=consent)"
    );
    assert_eq!(tokens.token_type, "Bearer", "bearer tokens");
    for scope in ["openid", "offline_access", "email"] {
        assert!(
            tokens.scopes.iter().any(|s| s == scope),
            "{scope} granted: {:?}",
            tokens.scopes
        );
    }
    let expires_in = tokens
        .expires_at
        .expect("an expiry")
        .duration_since(SystemTime::now())
        .expect("in the future");
    assert!(
        expires_in > Duration::from_secs(3500) && expires_in <= HOUR,
        "expires in about an hour: {expires_in:?}"
    );
    let (status, body) = userinfo(&oidc, &tokens.access_token).await;
    assert_eq!(status, 200, "the access token works: {body}");
    assert!(body.contains("\"sub\":\"alice\""), "it is alice's: {body}");

    assert!(
        !port_is_open(&started.redirect_uri).await,
        "the listener is closed once the flow is over"
    );
    assert_eq!(flows.running(), None, "no flow runs any more");
    assert_eq!(
        oidc.token_requests().expect("count"),
        1,
        "one code exchange"
    );
}

#[tokio::test]
async fn refusing_in_the_browser_is_denied() {
    let Some(oidc) = oidc(HOUR) else { return };
    let flows = coordinator();
    let started = flows
        .start(&native_config(&oidc))
        .await
        .expect("the flow starts");
    let browser = Browser::new();
    let callback = browser
        .refuse(&started.authorize_url, &started.redirect_uri)
        .await
        .expect("aborting leads back to Bindery");
    assert_eq!(
        query_param(&callback, "error").as_deref(),
        Some("access_denied"),
        "the provider says access_denied: {callback}"
    );
    let page = browser.visit(&callback).await;
    assert_eq!(page.status, 400, "failure page: {}", page.body);
    assert!(
        page.body.contains("not approved") && page.body.contains(GO_BACK_TO_BINDERY),
        "the page says it was not approved: {}",
        page.body
    );
    let err = flows
        .wait(&started.flow_id, SIGN_IN_LIMIT)
        .await
        .expect_err("no tokens without approval");
    assert_eq!(err.code(), "oauth/denied", "{err}");
    assert!(
        !port_is_open(&started.redirect_uri).await,
        "listener closed"
    );
    assert_eq!(
        oidc.token_requests().expect("count"),
        0,
        "nothing exchanged"
    );
}

#[tokio::test]
async fn a_callback_with_a_wrong_state_is_refused_and_its_code_never_exchanged() {
    let Some(oidc) = oidc(HOUR) else { return };
    let flows = coordinator();
    let started = flows
        .start(&native_config(&oidc))
        .await
        .expect("the flow starts");
    let browser = Browser::new();
    let callback = browser
        .approve(&started.authorize_url, &started.redirect_uri, "alice")
        .await
        .expect("login and consent lead back to Bindery");

    // The provider's genuine code, delivered with a forged state, then with no state at all.
    for forged in [
        with_query_param(&callback, "state", "forged-state"),
        callback.replace("state=", "other="),
    ] {
        let page = browser.visit(&forged).await;
        assert_eq!(page.status, 400, "refused: {}", page.body);
        assert!(
            page.body
                .contains("did not come from the sign-in Bindery started"),
            "the page says why: {}",
            page.body
        );
    }
    assert_eq!(
        oidc.token_requests().expect("count"),
        0,
        "a refused callback never reaches the token endpoint"
    );
    assert!(flows.running().is_some(), "the flow keeps waiting");

    // The same code with the right state still works: it was never used (a replayed code
    // would be refused and would revoke the grant).
    let page = browser.visit(&callback).await;
    assert_eq!(
        page.status, 200,
        "the genuine callback succeeds: {}",
        page.body
    );
    let tokens = flows
        .wait(&started.flow_id, SIGN_IN_LIMIT)
        .await
        .expect("the genuine answer gives tokens");
    let (status, _) = userinfo(&oidc, &tokens.access_token).await;
    assert_eq!(status, 200, "and they work");
    assert_eq!(
        oidc.token_requests().expect("count"),
        1,
        "exactly one exchange"
    );
}
