//! RFC 7009 revocation: at the real server (the grant ends), without an endpoint, and against
//! broken endpoints (reported, never hidden).

use std::time::Duration;

use bindery_oauth::{Revocation, Token, TokenSet};
use bindery_testkit::{Fault, FaultyHttp};

use super::{
    confidential_config, config_with_token_url, is_active, native_config, oidc, sign_in,
    token_client, userinfo,
};

const HOUR: Duration = Duration::from_secs(3600);

fn canned_tokens() -> TokenSet {
    TokenSet {
        access_token: Token::new("access-1".to_string()),
        refresh_token: Some(Token::new("refresh-1".to_string())),
        expires_at: None,
        scopes: Vec::new(),
        token_type: "Bearer".to_string(),
    }
}

#[tokio::test]
async fn a_revoked_grant_can_no_longer_be_refreshed() {
    let Some(oidc) = oidc(HOUR) else { return };
    let config = native_config(&oidc);
    let tokens = sign_in(&config).await;
    let revoked = token_client()
        .revoke(&config, &tokens)
        .await
        .expect("the provider revokes");
    assert_eq!(revoked, Revocation::Revoked, "confirmed");

    let err = token_client()
        .refresh(
            &config,
            tokens.refresh_token.as_ref().expect("refresh token"),
        )
        .await
        .expect_err("the grant is gone");
    assert_eq!(err.code(), "oauth/invalid-grant", "{err}");
    assert!(
        err.to_string().contains("connect again"),
        "says what to do: {err}"
    );
    let (status, _) = userinfo(&oidc, &tokens.access_token).await;
    assert_eq!(status, 401, "the access token is revoked too");
}

#[tokio::test]
async fn after_revocation_introspection_says_inactive() {
    let Some(oidc) = oidc(HOUR) else { return };
    let config = confidential_config(&oidc);
    let tokens = sign_in(&config).await;
    let refresh = tokens.refresh_token.clone().expect("refresh token");
    assert!(
        is_active(&oidc, &tokens.access_token).await,
        "active before"
    );
    assert!(is_active(&oidc, &refresh).await, "active before");

    let revoked = token_client()
        .revoke(&config, &tokens)
        .await
        .expect("the confidential client revokes");
    assert_eq!(revoked, Revocation::Revoked, "confirmed");
    assert!(
        !is_active(&oidc, &tokens.access_token).await,
        "access token inactive"
    );
    assert!(!is_active(&oidc, &refresh).await, "refresh token inactive");
}

#[tokio::test]
async fn without_a_revocation_endpoint_nothing_is_sent() {
    let server = FaultyHttp::start(Fault::Json("{}".to_string())).expect("server");
    let config = config_with_token_url(server.url());
    let outcome = token_client()
        .revoke(&config, &canned_tokens())
        .await
        .expect("nothing to do is not an error");
    assert_eq!(outcome, Revocation::NotSupported, "said plainly");
    assert_eq!(server.requests(), 0, "no request");
}

#[tokio::test]
async fn a_failing_revocation_endpoint_is_reported() {
    for (fault, code, says) in [
        (
            Fault::Status {
                code: 503,
                body: "<html>down</html>".to_string(),
                content_type: "text/html".to_string(),
            },
            "oauth/revocation-failed",
            "HTTP 503 text/html",
        ),
        (
            Fault::Status {
                code: 400,
                body: r#"{"error":"invalid_request","error_description":"no client"}"#.into(),
                content_type: "application/json".to_string(),
            },
            "oauth/revocation-failed",
            "invalid_request: no client",
        ),
    ] {
        let server = FaultyHttp::start(fault.clone()).expect("server");
        let mut config = config_with_token_url(server.url());
        config.revocation_url = Some(server.url().to_string());
        let err = token_client()
            .revoke(&config, &canned_tokens())
            .await
            .expect_err("the provider did not confirm");
        assert_eq!(err.code(), code, "{fault:?}: {err}");
        assert!(err.to_string().contains(says), "{fault:?}: {err}");
        assert_eq!(server.requests(), 1, "stopped at the refresh token");
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let mut config = config_with_token_url("https://oauth.example/token");
    config.revocation_url = Some(format!("http://127.0.0.1:{port}/revoke"));
    let err = token_client()
        .revoke(&config, &canned_tokens())
        .await
        .expect_err("nobody listens");
    assert_eq!(err.code(), "oauth/unreachable", "{err}");
    assert!(
        err.to_string().contains("revocation"),
        "names the endpoint: {err}"
    );
}
