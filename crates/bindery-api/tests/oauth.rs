//! Connecting with OAuth against a real authorization server (oidc-provider, through the
//! testkit) and a cookie-jar stand-in for the person at the browser: Bindery answers the
//! `oauthUrl`, the person signs in and consents, Bindery's loopback listener gets the code and
//! `complete` stores the provider with its tokens sealed. Then a short token lifetime forces
//! refreshes (one request for concurrent callers; the rotated refresh token is saved, so the
//! next refresh works too), a grant revoked at the provider turns the connection to
//! `needs_reconnect`, and disconnecting revokes at the provider and forgets everything.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use bindery_api::json::ConnectRequest;
use bindery_api::{Bindery, ErrorCode, OpenOptions, VaultChoice};
use bindery_testkit::{OidcBrowser, OidcDouble, OidcOptions};
use bindery_vault::{KeySource, Sealed, SecretMap, Vault};

const SPEC: &str = r#"{"openapi": "3.0.3", "info": {"title": "Me", "version": "1"},
  "paths": {"/me": {"get": {"operationId": "me", "responses": {"200": {"description": "me",
  "content": {"application/json": {"schema": {"type": "object",
  "properties": {"sub": {"type": "string"}, "email": {"type": "string"}}}}}}}}}}}"#;

fn oidc(ttl: Duration) -> Option<OidcDouble> {
    OidcDouble::start(OidcOptions {
        access_token_ttl: ttl,
    })
    .expect("the OIDC double starts (or is skipped outside CI)")
}

async fn open(dir: &Path, key_file: &Path, margin: Duration) -> Arc<Bindery> {
    let api = Bindery::open(
        dir,
        OpenOptions {
            demo: false,
            refresh_margin: margin,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open");
    api.set_vault_key_source(VaultChoice {
        key_source: format!("file:{}", key_file.display()),
    })
    .await
    .expect("a key file");
    Arc::new(api)
}

fn request(oidc: &OidcDouble, client_id: &str, secret: Option<&str>) -> ConnectRequest {
    let mut credentials = BTreeMap::new();
    let mut put = |k: &str, v: &str| {
        credentials.insert(k.to_owned(), serde_json::Value::String(v.to_owned()));
    };
    put("text", SPEC);
    put("authMode", "oauth2");
    put("authorizeUrl", oidc.authorization_endpoint());
    put("tokenUrl", oidc.token_endpoint());
    put("revokeUrl", oidc.revocation_endpoint());
    put("clientId", client_id);
    put("scopes", "openid offline_access email");
    if let Some(secret) = secret {
        put("clientSecret", secret);
    }
    ConnectRequest {
        source_kind: Some("openapi".to_owned()),
        catalog: None,
        display_name: None,
        credentials,
    }
}

/// Connects `kind`, approves as alice in the stand-in browser, and completes.
async fn connect(api: &Arc<Bindery>, kind: &str, request: ConnectRequest) {
    let started = api
        .connect_integration(kind, request)
        .await
        .expect("connect starts a sign-in");
    assert_eq!(started.status, "pending", "waits for the browser");
    let url = started.oauth_url.expect("an oauthUrl to open");
    let redirect = url::Url::parse(&url)
        .expect("the oauthUrl parses")
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .expect("the oauthUrl names Bindery's loopback redirect");
    assert!(
        redirect.starts_with("http://127.0.0.1:"),
        "loopback: {redirect}"
    );
    let waiting = {
        let api = Arc::clone(api);
        let kind = kind.to_owned();
        tokio::spawn(async move { api.complete_oauth(&kind).await })
    };
    let browser = OidcBrowser::new();
    let callback = browser
        .approve(&url, &redirect, "alice")
        .await
        .expect("sign-in and consent lead back to Bindery");
    let page = browser.visit(&callback).await;
    assert_eq!(page.status, 200, "the browser gets the success page");
    assert!(
        page.body.contains("Bindery"),
        "the page says to go back to Bindery"
    );
    let done = waiting
        .await
        .expect("the waiting task ends")
        .expect("the sign-in completes");
    assert_eq!(done.status, "connected", "connected after approval");
}

/// The provider's sealed tokens, opened the way Bindery does (white box: the test holds the key).
async fn sealed_secrets(dir: &Path, key_file: &Path, kind: &str) -> Option<SecretMap> {
    let store = bindery_store::Store::open(dir)
        .await
        .expect("the store opens");
    let workspace_id = store
        .meta("workspace.id")
        .await
        .expect("meta")
        .expect("a workspace id");
    let record = store.get_credential(kind).await.expect("read")?;
    store.close().await;
    let source = KeySource::from_str(&format!("file:{}", key_file.display())).expect("source");
    let vault = Vault::open(&source, &workspace_id).expect("the vault opens with the same key");
    let sealed = Sealed {
        nonce: record.nonce,
        ciphertext: record.ciphertext,
        key_id: record.key_id,
    };
    Some(vault.unseal(kind, &sealed).expect("the credential opens"))
}

async fn form_post(
    url: &str,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> serde_json::Value {
    let mut request = reqwest::Client::new().post(url).form(form);
    if let Some((user, secret)) = basic {
        request = request.basic_auth(user, Some(secret));
    }
    let response = request.send().await.expect("the double answers");
    response.json().await.unwrap_or(serde_json::Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refreshes_once_saves_rotation_and_a_revoked_grant_needs_reconnect() {
    let Some(oidc) = oidc(Duration::from_secs(3)) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("keys");
    let key_file = keys.path().join("vault.key");
    let api = open(dir.path(), &key_file, Duration::from_secs(2)).await;
    connect(
        &api,
        "idp",
        request(&oidc, OidcDouble::NATIVE_CLIENT_ID, None),
    )
    .await;
    api.discover_integration("idp")
        .await
        .expect("the pasted spec discovers");
    let listed = api.list_integrations().await.expect("list");
    assert_eq!(listed[0].status, "discovered", "{listed:?}");
    let exchanges = oidc.token_requests().expect("count");
    assert_eq!(exchanges, 1, "one code exchange");

    // Within the margin of expiry: four callers, one refresh.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let checks = futures::future::join_all((0..4).map(|_| api.connection_health("idp"))).await;
    for health in checks {
        let health = health.expect("health answers");
        assert_eq!(health.status, "ok", "{health:?}");
    }
    assert_eq!(
        oidc.token_requests().expect("count"),
        2,
        "one refresh for four callers"
    );

    // The rotated refresh token was saved: the next refresh works too.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let health = api.connection_health("idp").await.expect("health");
    assert_eq!(
        health.status, "ok",
        "second refresh with the rotated token: {health:?}"
    );
    assert_eq!(oidc.token_requests().expect("count"), 3, "a second refresh");

    // The grant is revoked at the provider (as a person removing the app's access would).
    let secrets = sealed_secrets(dir.path(), &key_file, "idp")
        .await
        .expect("sealed tokens");
    let refresh = secrets
        .get("refreshToken")
        .expect("a refresh token")
        .expose()
        .to_owned();
    form_post(
        oidc.revocation_endpoint(),
        &[
            ("token", &refresh),
            ("client_id", OidcDouble::NATIVE_CLIENT_ID),
        ],
        None,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let health = api.connection_health("idp").await.expect("health");
    assert_eq!(health.status, "needs_reconnect", "{health:?}");
    let listed = api.list_integrations().await.expect("list");
    assert_eq!(
        listed[0].status, "needs_reconnect",
        "the list says so: {listed:?}"
    );
    assert!(
        listed[0]
            .status_detail
            .as_deref()
            .is_some_and(|d| d.contains("connect it again")),
        "with what to do: {listed:?}"
    );
    assert!(
        !serde_json::to_string(&listed)
            .expect("json")
            .contains(&refresh),
        "no token in the list"
    );
    api.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn disconnect_revokes_at_the_provider_and_forgets_everything() {
    let Some(oidc) = oidc(Duration::from_secs(3600)) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("keys");
    let key_file = keys.path().join("vault.key");
    let api = open(dir.path(), &key_file, Duration::from_secs(60)).await;
    let secret = OidcDouble::CONFIDENTIAL_CLIENT_SECRET;
    connect(
        &api,
        "idp",
        request(&oidc, OidcDouble::CONFIDENTIAL_CLIENT_ID, Some(secret)),
    )
    .await;
    let secrets = sealed_secrets(dir.path(), &key_file, "idp")
        .await
        .expect("sealed");
    let refresh = secrets
        .get("refreshToken")
        .expect("refresh token")
        .expose()
        .to_owned();
    let basic = Some((OidcDouble::CONFIDENTIAL_CLIENT_ID, secret));
    let active = |answer: serde_json::Value| answer["active"].as_bool() == Some(true);
    assert!(
        active(form_post(oidc.introspection_endpoint(), &[("token", &refresh)], basic).await),
        "the refresh token is live before"
    );
    for (path, bytes) in bindery_testkit::files_under(dir.path()) {
        for needle in [secret, refresh.as_str()] {
            assert!(
                !bindery_testkit::contains_bytes(&bytes, needle),
                "no secret in {}",
                path.display()
            );
        }
    }

    let gone = api.disconnect_integration("idp").await.expect("disconnect");
    assert_eq!(gone.revocation, "revoked", "{gone:?}");
    assert!(
        !active(form_post(oidc.introspection_endpoint(), &[("token", &refresh)], basic).await),
        "the provider no longer honours the refresh token"
    );
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "provider gone"
    );
    assert_eq!(
        api.vault_status().await.expect("status").credential_count,
        0,
        "credential gone"
    );
    let error = api
        .discover_integration("idp")
        .await
        .expect_err("nothing left");
    assert_eq!(error.code, ErrorCode::ProviderNotFound, "coded: {error}");
    api.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_flow_at_a_time_and_a_cancelled_flow_stores_nothing() {
    let Some(oidc) = oidc(Duration::from_secs(3600)) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("keys");
    let api = open(
        dir.path(),
        &keys.path().join("vault.key"),
        Duration::from_secs(60),
    )
    .await;
    let first = api
        .connect_integration("one", request(&oidc, OidcDouble::NATIVE_CLIENT_ID, None))
        .await
        .expect("the first sign-in starts");
    assert_eq!(first.status, "pending", "pending");
    let second = api
        .connect_integration("two", request(&oidc, OidcDouble::NATIVE_CLIENT_ID, None))
        .await
        .expect_err("a second sign-in while one runs is refused");
    assert_eq!(
        second.code,
        ErrorCode::OauthFlowInProgress,
        "coded: {second}"
    );
    let waiting = {
        let api = Arc::clone(&api);
        tokio::spawn(async move { api.complete_oauth("one").await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(api.cancel_oauth("one"), "the waiting sign-in is cancelled");
    let error = waiting
        .await
        .expect("the task ends")
        .expect_err("a cancelled sign-in does not connect");
    assert_eq!(error.code, ErrorCode::OauthNotApproved, "coded: {error}");
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "nothing stored"
    );
    assert!(
        bindery_testkit::files_under(&dir.path().join("sources")).is_empty(),
        "no pasted description is kept for a provider that was never connected"
    );
    assert_eq!(
        api.vault_status().await.expect("status").credential_count,
        0,
        "no credential"
    );
    api.close().await;
}
