//! Canary: secrets sent to (and echoed back by) hostile endpoints never appear in an error's
//! `Display` or `Debug`, in a `Debug` of the crate's types, or in the crate's log lines.
//!
//! Its own test binary, with the log capture as the process's global subscriber: tracing caches
//! each call site's interest process-wide, so a thread-local capture shared with other tests'
//! threads could miss lines (seen in CI: the capture missed the refresh's log line).

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bindery_oauth::{
    ClientAuthentication, OAuthError, ProviderOAuth, RefreshGate, Token, TokenSet,
};
use bindery_testkit::{Fault, FaultyHttp};
use tracing_subscriber::fmt::MakeWriter;

use bindery_oauth::{FlowCoordinator, TokenClient};
use bindery_testkit::OidcBrowser as Browser;
use url::Url;

/// A config whose endpoints are all `token_url`.
fn config_with_token_url(token_url: &str) -> ProviderOAuth {
    ProviderOAuth::new("http://127.0.0.1:9/auth", token_url, "client-1")
}

fn token_client() -> TokenClient {
    TokenClient::new().expect("the HTTP client builds")
}

fn coordinator() -> FlowCoordinator {
    FlowCoordinator::new(token_client())
}

fn query_param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

const CODE: &str = "canary-code-7f3a1c";
const SECRET: &str = "canary-secret-91b2e4";
const REFRESH: &str = "canary-refresh-5d0c8a";
const ACCESS: &str = "canary-access-e62f17";
const CANARIES: [&str; 4] = [CODE, SECRET, REFRESH, ACCESS];

/// Every log line the crate writes during the test.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Logs {
    type Writer = Logs;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

fn assert_clean(what: &str, text: &str) {
    for canary in CANARIES {
        assert!(!text.contains(canary), "{what} leaks {canary}: {text}");
    }
}

fn assert_error_clean(what: &str, err: &OAuthError) {
    assert_clean(what, &format!("{err} | {err:?} | {err:#?}"));
}

/// A config whose token and revocation endpoints are `server`, with the canary secret sent in
/// the form body (so an echoing server sees it).
fn hostile_config(server: &FaultyHttp) -> ProviderOAuth {
    let mut config = config_with_token_url(server.url());
    config.revocation_url = Some(server.url().to_string());
    config.client_secret = Some(Token::new(SECRET.to_string()));
    config.client_authentication = ClientAuthentication::RequestBody;
    config
}

fn canary_tokens() -> TokenSet {
    TokenSet {
        access_token: Token::new(ACCESS.to_string()),
        refresh_token: Some(Token::new(REFRESH.to_string())),
        expires_at: Some(std::time::SystemTime::UNIX_EPOCH),
        scopes: vec!["openid".to_string()],
        token_type: "Bearer".to_string(),
    }
}

/// Answers that echo `echoed` (the secrets the request carried) back, in every place an error
/// could pick them up from.
fn echoing_faults(echoed: &[&str]) -> Vec<Fault> {
    let json = |code: u16, body: String| Fault::Status {
        code,
        body,
        content_type: "application/json".to_string(),
    };
    let all = echoed.join(" ");
    let first = echoed.first().copied().unwrap_or_default();
    vec![
        json(
            400,
            format!(r#"{{"error":"invalid_grant","error_description":"bad {all}"}}"#),
        ),
        json(
            401,
            format!(r#"{{"error":"{first}","error_description":"{all}"}}"#),
        ),
        json(
            400,
            format!(r#"{{"error":"invalid_request","error_uri":"{all}"}}"#),
        ),
        Fault::Json(format!(
            r#"{{"access_token":"x","token_type":"Bearer","expires_in":"{all}"}}"#
        )),
        Fault::Json(format!(
            r#"{{"access_token":["{all}"],"token_type":"Bearer"}}"#
        )),
        Fault::Json(format!(r#"{{"token_type":"{all}","note":"{all}"}}"#)),
        Fault::Status {
            code: 500,
            body: format!("<html><pre>{all}</pre></html>"),
            content_type: "text/html".to_string(),
        },
        Fault::Status {
            code: 200,
            body: format!("<html>{all}</html>"),
            content_type: "text/html".to_string(),
        },
    ]
}

/// Runs `operation` against every echoing answer; returns how many errors were checked (a
/// revocation answered 200 is a success, whatever the body).
async fn against_echoes<F, Fut>(what: &str, echoed: &[&str], operation: F) -> usize
where
    F: Fn(ProviderOAuth) -> Fut,
    Fut: std::future::Future<Output = Result<(), OAuthError>>,
{
    let mut checked = 0;
    for fault in echoing_faults(echoed) {
        let server = FaultyHttp::start(fault.clone()).expect("server");
        if let Err(err) = operation(hostile_config(&server)).await {
            assert_error_clean(&format!("{what} against {fault:?}"), &err);
            checked += 1;
        }
    }
    checked
}

#[tokio::test]
async fn no_secret_reaches_an_error_a_debug_output_or_a_log_line() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    // The only test of this binary: every thread's log lines land in the capture.
    tracing::subscriber::set_global_default(subscriber)
        .expect("the capture is the first subscriber");
    let mut errors = 0;

    errors += against_echoes("refresh", &[REFRESH, SECRET], |config| async move {
        token_client()
            .refresh(&config, &Token::new(REFRESH.to_string()))
            .await
            .map(drop)
    })
    .await;

    errors += against_echoes("revoke", &[ACCESS, REFRESH, SECRET], |config| async move {
        token_client()
            .revoke(&config, &canary_tokens())
            .await
            .map(drop)
    })
    .await;

    errors += against_echoes("gate", &[REFRESH, SECRET], |config| async move {
        RefreshGate::new()
            .ensure_fresh::<OAuthError, _, _, _, _>(
                "c",
                &token_client(),
                &config,
                Duration::ZERO,
                || async { Ok(canary_tokens()) },
                |_| async { Ok(()) },
            )
            .await
            .map(drop)
    })
    .await;

    // The code exchange of a sign-in, with the page the browser gets.
    errors += against_echoes("code exchange", &[CODE, SECRET], |config| async move {
        let flows = coordinator();
        let started = flows.start(&config).await.expect("flow");
        let state = query_param(&started.authorize_url, "state").expect("state");
        let page = Browser::new()
            .visit(&format!(
                "{}?code={CODE}&state={state}",
                started.redirect_uri
            ))
            .await;
        assert_clean("failure page", &page.body);
        flows
            .wait(&started.flow_id, Duration::from_secs(10))
            .await
            .map(drop)
    })
    .await;

    // The provider's error on the callback, echoing the code it was not supposed to send.
    let flows = coordinator();
    let config = config_with_token_url("http://127.0.0.1:9/token");
    let started = flows.start(&config).await.expect("flow");
    let state = query_param(&started.authorize_url, "state").expect("state");
    let page = Browser::new()
        .visit(&format!(
            "{}?code={CODE}&error=server_error&error_description=code%20{CODE}&state={state}",
            started.redirect_uri
        ))
        .await;
    assert_clean("callback error page", &page.body);
    let err = flows
        .wait(&started.flow_id, Duration::from_secs(10))
        .await
        .expect_err("provider error");
    assert_eq!(err.code(), "oauth/authorization-failed", "{err}");
    assert_error_clean("callback error", &err);

    assert_clean("TokenSet debug", &format!("{:?}", canary_tokens()));
    assert_clean("config debug", &format!("{:?}", hostile_config_debug()));
    assert_clean("logs", &logs.text());
    assert_eq!(
        errors, 28,
        "every hostile answer failed (revocation: the four that are not 200)"
    );
    assert!(
        logs.text().contains("oauth: refreshing an access token"),
        "the crate did log (so the log check saw something): {}",
        logs.text()
    );
}

fn hostile_config_debug() -> ProviderOAuth {
    let mut config = config_with_token_url("https://oauth.example/token");
    config.client_secret = Some(Token::new(SECRET.to_string()));
    config
}
