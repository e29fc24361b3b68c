//! Curated catalog entries connect with their own data: Google Calendar starts a browser
//! sign-in with Google's endpoints, the person's client, offline access and PKCE (nothing is
//! stored until it completes); Shopify checks its shop domain and token before any call.

use std::collections::BTreeMap;

use bindery_api::json::ConnectRequest;
use bindery_api::{Bindery, ErrorCode, OpenOptions, VaultChoice};

async fn open(dir: &std::path::Path, keys: &std::path::Path) -> Bindery {
    let api = Bindery::open(
        dir,
        OpenOptions {
            demo: false,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open");
    api.set_vault_key_source(VaultChoice {
        key_source: format!("file:{}", keys.join("vault.key").display()),
    })
    .await
    .expect("key file");
    api
}

fn request(pairs: &[(&str, &str)]) -> ConnectRequest {
    let credentials: BTreeMap<String, serde_json::Value> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String((*v).to_owned())))
        .collect();
    ConnectRequest {
        source_kind: None,
        catalog: None,
        display_name: None,
        credentials,
    }
}

#[tokio::test]
async fn google_calendar_starts_a_pkce_sign_in_with_offline_access() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("keys");
    let api = open(dir.path(), keys.path()).await;
    let started = api
        .connect_integration(
            "google_calendar",
            request(&[
                ("clientId", "123-abc.apps.googleusercontent.com"),
                ("clientSecret", "canary-gcs-9e2a"),
            ]),
        )
        .await
        .expect("the sign-in starts");
    assert_eq!(started.status, "pending", "waits for approval");
    let url = url::Url::parse(started.oauth_url.as_deref().expect("an oauthUrl")).expect("URL");
    assert_eq!(
        url.host_str(),
        Some("accounts.google.com"),
        "Google's authorization endpoint"
    );
    let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    for (key, value) in [
        ("client_id", "123-abc.apps.googleusercontent.com"),
        ("response_type", "code"),
        ("code_challenge_method", "S256"),
        ("access_type", "offline"),
        ("prompt", "consent"),
    ] {
        assert_eq!(
            query.get(key).map(String::as_str),
            Some(value),
            "{key} in {url}"
        );
    }
    let scope = query.get("scope").cloned().unwrap_or_default();
    assert!(
        scope.contains("https://www.googleapis.com/auth/calendar.events"),
        "calendar scope: {scope}"
    );
    assert!(
        !url.as_str().contains("canary-gcs-9e2a"),
        "the client secret never goes in the URL"
    );
    assert!(
        query
            .get("redirect_uri")
            .is_some_and(|r| r.starts_with("http://127.0.0.1:")),
        "loopback redirect"
    );
    assert!(api.cancel_oauth("google_calendar"), "cancelled");
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "nothing stored before approval"
    );
    api.close().await;
}

#[tokio::test]
async fn shopify_refuses_a_bad_shop_domain_or_a_missing_token_before_any_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("keys");
    let api = open(dir.path(), keys.path()).await;
    for pairs in [
        vec![
            ("shop", "evil.example/steal?"),
            ("accessToken", "canary-shpat-1"),
        ],
        vec![("shop", "my-store.myshopify.com")],
        vec![
            ("shop", "my-store.myshopify.com"),
            ("accessToken", "canary-shpat-1"),
            ("extra", "x"),
        ],
    ] {
        let error = api
            .connect_integration("shopify", request(&pairs))
            .await
            .expect_err("refused");
        assert_eq!(error.code, ErrorCode::ValidationError, "{pairs:?}: {error}");
        assert!(
            !error.message.contains("canary-shpat-1"),
            "no token in {error}"
        );
    }
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "nothing stored"
    );
    api.close().await;
}
