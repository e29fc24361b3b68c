//! bindery-oauth against a real authorization server (oidc-provider on loopback, through
//! `bindery-testkit`), a browser stand-in with a cookie jar, and scripted broken endpoints.
//!
//! Tests that need the server skip locally (and fail with `CI=true`) when node or
//! `tests/doubles/node_modules` is missing; the others run everywhere.

mod faults;
mod flow;
mod refresh;
mod revoke;

use std::time::Duration;

use bindery_oauth::{FlowCoordinator, ProviderOAuth, Token, TokenClient, TokenSet};
use bindery_testkit::{OidcDouble, OidcOptions};
use url::Url;

use bindery_testkit::OidcBrowser as Browser;

/// How long tests wait for a sign-in that should succeed.
const SIGN_IN_LIMIT: Duration = Duration::from_secs(30);

/// The OIDC double with this access-token lifetime, or `None` when skipped.
fn oidc(access_token_ttl: Duration) -> Option<OidcDouble> {
    OidcDouble::start(OidcOptions { access_token_ttl })
        .expect("the OIDC double starts (or is skipped outside CI)")
}

/// The public native client: PKCE only, refresh tokens rotate. Asks for `offline_access` with
/// `prompt=consent`, as Google's `access_type=offline&prompt=consent` does.
fn native_config(oidc: &OidcDouble) -> ProviderOAuth {
    let mut config = ProviderOAuth::new(
        oidc.authorization_endpoint(),
        oidc.token_endpoint(),
        OidcDouble::NATIVE_CLIENT_ID,
    );
    config.revocation_url = Some(oidc.revocation_endpoint().to_string());
    config.scopes = vec!["openid".into(), "offline_access".into(), "email".into()];
    config.extra_authorize_params = vec![("prompt".into(), "consent".into())];
    config
}

/// The confidential client (HTTP Basic): refresh tokens do not rotate.
fn confidential_config(oidc: &OidcDouble) -> ProviderOAuth {
    let mut config = native_config(oidc);
    config.client_id = OidcDouble::CONFIDENTIAL_CLIENT_ID.to_string();
    config.client_secret = Some(Token::new(
        OidcDouble::CONFIDENTIAL_CLIENT_SECRET.to_string(),
    ));
    config
}

/// A config whose endpoints are all `token_url` (for broken-endpoint tests).
fn config_with_token_url(token_url: &str) -> ProviderOAuth {
    ProviderOAuth::new("http://127.0.0.1:9/auth", token_url, "client-1")
}

fn token_client() -> TokenClient {
    TokenClient::new().expect("the HTTP client builds")
}

fn coordinator() -> FlowCoordinator {
    FlowCoordinator::new(token_client())
}

/// A complete sign-in as `alice`: start, approve in the browser, deliver the redirect, wait.
async fn sign_in(config: &ProviderOAuth) -> TokenSet {
    let flows = coordinator();
    let started = flows.start(config).await.expect("the flow starts");
    let browser = Browser::new();
    let callback = browser
        .approve(&started.authorize_url, &started.redirect_uri, "alice")
        .await
        .expect("login and consent lead back to Bindery");
    let page = browser.visit(&callback).await;
    assert_eq!(page.status, 200, "success page: {}", page.body);
    flows
        .wait(&started.flow_id, SIGN_IN_LIMIT)
        .await
        .expect("the code is exchanged for tokens")
}

/// The value of query parameter `name` in `url`.
fn query_param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `url` with query parameter `name` set to `value`.
fn with_query_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = Url::parse(url).expect("a URL");
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// Whether something still listens on the loopback URL's port.
async fn port_is_open(url: &str) -> bool {
    let parsed = Url::parse(url).expect("a URL");
    let port = parsed.port().expect("an explicit port");
    tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_ok()
}

/// GET the userinfo endpoint with the access token: the status and body.
async fn userinfo(oidc: &OidcDouble, access_token: &Token) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(oidc.userinfo_endpoint())
        .bearer_auth(access_token.expose())
        .send()
        .await
        .expect("userinfo answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Introspects `token` with the confidential client: the `active` flag.
async fn is_active(oidc: &OidcDouble, token: &Token) -> bool {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(oidc.introspection_endpoint())
        .basic_auth(
            OidcDouble::CONFIDENTIAL_CLIENT_ID,
            Some(OidcDouble::CONFIDENTIAL_CLIENT_SECRET),
        )
        .form(&[("token", token.expose())])
        .send()
        .await
        .expect("introspection answers")
        .json()
        .await
        .expect("introspection answers JSON");
    answer["active"]
        .as_bool()
        .expect("introspection has an `active` flag")
}
