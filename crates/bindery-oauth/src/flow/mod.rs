//! The authorization code flow with PKCE (S256) over a loopback redirect, one at a time.
//!
//! [`FlowCoordinator::start`] binds `127.0.0.1:<ephemeral port>`, makes a random `state` and
//! PKCE verifier and returns the URL the application opens in the browser. A background task
//! then serves the redirect: a callback with the right `state` and a code is exchanged at the
//! token endpoint (the verifier goes with it) and the browser gets a page saying the person can
//! go back to Bindery; an `error=access_denied` ends the flow as `oauth/denied`.
//!
//! **A callback with a wrong or missing `state` never ends the flow**: anything on this machine
//! can send a request to the port, so such a request is refused with a page saying so, its code
//! is never exchanged, and the flow keeps waiting for the genuine answer. If the flow then times
//! out, the error is `oauth/state-mismatch` rather than `oauth/timeout`, so the person learns
//! that something answered in the provider's place.
//!
//! [`FlowCoordinator::wait`] waits for the outcome up to a timeout (`oauth/timeout`);
//! [`FlowCoordinator::cancel`] ends the flow (`oauth/cancelled`). Whatever the outcome, the
//! listener is closed before `wait` returns. A flow nobody waits for ends by itself after the
//! coordinator's lifetime (10 minutes by default).

mod callback;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use oauth2::{CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::task::{JoinHandle, JoinSet};

use self::callback::{classify, read_request, respond, BrowserRequest, Callback, Page};
use crate::{OAuthError, ProviderOAuth, Token, TokenClient, TokenSet};

pub use self::callback::GO_BACK_TO_BINDERY;

/// How long a flow nobody waits for keeps its listener open.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// Identifies one sign-in, so the application's "wait" and "cancel" reach the right one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlowId(String);

impl FlowId {
    /// A flow id received back from the UI.
    pub fn new(id: impl Into<String>) -> FlowId {
        FlowId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FlowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A sign-in waiting for the browser.
#[derive(Debug, Clone)]
pub struct StartedFlow {
    /// Pass it to [`FlowCoordinator::wait`] and [`FlowCoordinator::cancel`].
    pub flow_id: FlowId,
    /// The provider's authorization URL with `response_type=code`, the client id, the scopes,
    /// `state`, `code_challenge` (S256) and the redirect URI: the application opens it in the
    /// person's browser.
    pub authorize_url: String,
    /// `http://127.0.0.1:<port>/callback`, where the browser comes back.
    pub redirect_uri: String,
}

/// Runs one sign-in at a time. Cheap to share behind an `Arc`; needs a Tokio runtime.
pub struct FlowCoordinator {
    tokens: TokenClient,
    lifetime: Duration,
    slot: Arc<Mutex<Option<ActiveFlow>>>,
}

impl fmt::Debug for FlowCoordinator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlowCoordinator")
            .field("lifetime", &self.lifetime)
            .field("running", &self.running())
            .finish_non_exhaustive()
    }
}

/// The running flow, as the coordinator sees it.
struct ActiveFlow {
    id: FlowId,
    stop: Option<oneshot::Sender<Stop>>,
    outcome: Option<oneshot::Receiver<Result<TokenSet, OAuthError>>>,
    task: JoinHandle<()>,
}

/// Why a flow was told to stop.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Cancel,
    Timeout(Duration),
}

impl FlowCoordinator {
    /// A coordinator exchanging codes through `tokens`.
    pub fn new(tokens: TokenClient) -> FlowCoordinator {
        FlowCoordinator {
            tokens,
            lifetime: DEFAULT_LIFETIME,
            slot: Arc::new(Mutex::new(None)),
        }
    }

    /// The same with another limit for a flow nobody waits for (10 minutes by default).
    pub fn with_lifetime(mut self, lifetime: Duration) -> FlowCoordinator {
        self.lifetime = lifetime;
        self
    }

    /// The running flow's id, if one runs.
    pub fn running(&self) -> Option<FlowId> {
        lock(&self.slot)
            .as_ref()
            .filter(|active| !active.task.is_finished())
            .map(|active| active.id.clone())
    }

    /// Starts a sign-in: binds the loopback listener and returns the authorization URL.
    /// `oauth/flow-in-progress` if one is still running; `oauth/invalid-config` if the
    /// settings cannot be used; `oauth/listener-failed` if no port can be bound.
    pub async fn start(&self, config: &ProviderOAuth) -> Result<StartedFlow, OAuthError> {
        let mut slot = lock(&self.slot);
        if slot
            .as_ref()
            .is_some_and(|active| !active.task.is_finished())
        {
            return Err(OAuthError::FlowInProgress);
        }
        let extra_params = config.checked_extra_params()?;
        let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| OAuthError::Listener { source })?;
        let port = listener
            .local_addr()
            .map_err(|source| OAuthError::Listener { source })?
            .port();
        let redirect_uri = format!("http://127.0.0.1:{port}{}", callback::CALLBACK_PATH);
        let redirect = RedirectUrl::new(redirect_uri.clone())
            .map_err(|e| OAuthError::invalid_config(format!("bad redirect URI ({e})")))?;
        let client = config.authorization_client(redirect.clone())?;

        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge);
        if let Some(scope) = config.scope_parameter() {
            request = request.add_scope(Scope::new(scope));
        }
        for (name, value) in extra_params {
            request = request.add_extra_param(name.trim(), value.as_str());
        }
        let (authorize_url, state) = request.url();

        let listener =
            TcpListener::from_std(listener).map_err(|source| OAuthError::Listener { source })?;
        let flow_id = FlowId(CsrfToken::new_random_len(12).into_secret());
        let (stop_tx, stop_rx) = oneshot::channel();
        let (outcome_tx, outcome_rx) = oneshot::channel();
        let flow = LoopbackFlow {
            listener,
            state: Token::new(state.into_secret()),
            verifier,
            redirect,
            config: config.clone(),
            tokens: self.tokens.clone(),
            lifetime: self.lifetime,
        };
        let task = tokio::spawn(async move {
            let outcome = flow.run(stop_rx).await;
            // The waiter may be gone (cancelled and never awaited): nothing to tell then.
            let _ = outcome_tx.send(outcome);
        });
        tracing::info!(flow = %flow_id, port, "oauth: sign-in started, waiting for the browser");
        *slot = Some(ActiveFlow {
            id: flow_id.clone(),
            stop: Some(stop_tx),
            outcome: Some(outcome_rx),
            task,
        });
        Ok(StartedFlow {
            flow_id,
            authorize_url: authorize_url.to_string(),
            redirect_uri,
        })
    }

    /// Waits for the sign-in's outcome, up to `timeout`: the tokens, or why there are none.
    /// After `timeout` the flow is ended (`oauth/timeout`, or `oauth/state-mismatch` if only
    /// refused answers came). The listener is closed before this returns, whatever happened;
    /// dropping this future cancels the flow. `oauth/no-such-flow` for an unknown id.
    pub async fn wait(&self, flow_id: &FlowId, timeout: Duration) -> Result<TokenSet, OAuthError> {
        let mut outcome = {
            let mut slot = lock(&self.slot);
            match slot.as_mut() {
                Some(active) if active.id == *flow_id => {
                    active.outcome.take().ok_or(OAuthError::FlowInProgress)?
                }
                _ => return Err(OAuthError::NoSuchFlow),
            }
        };
        let mut guard = WaitGuard {
            slot: &self.slot,
            id: flow_id,
            done: false,
        };
        let result = match tokio::time::timeout(timeout, &mut outcome).await {
            Ok(ended) => ended.unwrap_or(Err(OAuthError::Cancelled)),
            Err(_elapsed) => {
                guard.stop(Stop::Timeout(timeout));
                outcome
                    .await
                    .unwrap_or(Err(OAuthError::Timeout { waited: timeout }))
            }
        };
        guard.done = true;
        clear(&self.slot, flow_id);
        match &result {
            Ok(_) => tracing::info!(flow = %flow_id, "oauth: sign-in finished"),
            Err(e) => tracing::info!(flow = %flow_id, code = e.code(), "oauth: sign-in ended"),
        }
        result
    }

    /// Ends the sign-in `flow_id`: its waiter gets `oauth/cancelled` and the listener closes.
    /// Returns whether such a flow was running.
    pub fn cancel(&self, flow_id: &FlowId) -> bool {
        let mut slot = lock(&self.slot);
        match slot.as_mut() {
            Some(active) if active.id == *flow_id && !active.task.is_finished() => {
                if let Some(stop) = active.stop.take() {
                    // The flow may have just ended by itself: then there is nothing to stop.
                    let _ = stop.send(Stop::Cancel);
                }
                tracing::info!(flow = %flow_id, "oauth: sign-in cancelled");
                true
            }
            _ => false,
        }
    }
}

/// Cancels the flow if its `wait` future is dropped before the outcome arrived, so an
/// abandoned wait does not block the next sign-in for the whole lifetime.
struct WaitGuard<'a> {
    slot: &'a Mutex<Option<ActiveFlow>>,
    id: &'a FlowId,
    done: bool,
}

impl WaitGuard<'_> {
    fn stop(&self, reason: Stop) {
        let mut slot = lock(self.slot);
        if let Some(active) = slot.as_mut().filter(|a| a.id == *self.id) {
            if let Some(stop) = active.stop.take() {
                let _ = stop.send(reason);
            }
        }
    }
}

impl Drop for WaitGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.stop(Stop::Cancel);
            clear(self.slot, self.id);
        }
    }
}

fn lock(slot: &Mutex<Option<ActiveFlow>>) -> MutexGuard<'_, Option<ActiveFlow>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Forgets the flow `id` if it is the one in the slot.
fn clear(slot: &Mutex<Option<ActiveFlow>>, id: &FlowId) {
    let mut slot = lock(slot);
    if slot.as_ref().is_some_and(|active| active.id == *id) {
        *slot = None;
    }
}

/// One flow's listener and secrets, owned by its background task.
struct LoopbackFlow {
    listener: TcpListener,
    state: Token,
    verifier: PkceCodeVerifier,
    redirect: RedirectUrl,
    config: ProviderOAuth,
    tokens: TokenClient,
    lifetime: Duration,
}

impl LoopbackFlow {
    /// Serves the listener until the outcome is known; the listener and every browser
    /// connection are closed when this returns.
    async fn run(self, mut stop: oneshot::Receiver<Stop>) -> Result<TokenSet, OAuthError> {
        let LoopbackFlow {
            listener,
            state,
            verifier,
            redirect,
            config,
            tokens,
            lifetime,
        } = self;
        let deadline = tokio::time::sleep(lifetime);
        tokio::pin!(deadline);
        let (requests_tx, mut requests) = mpsc::channel::<(BrowserRequest, TcpStream)>(8);
        let mut readers = JoinSet::new();
        let mut refused = 0usize;

        let (stream, code) = loop {
            tokio::select! {
                reason = &mut stop => return Err(stopped(reason.unwrap_or(Stop::Cancel), refused)),
                () = &mut deadline => return Err(stopped(Stop::Timeout(lifetime), refused)),
                accepted = listener.accept() => match accepted {
                    Ok((mut stream, _)) => {
                        let requests_tx = requests_tx.clone();
                        readers.spawn(async move {
                            if let Some(request) = read_request(&mut stream).await {
                                // The flow may have ended meanwhile: the connection just closes.
                                let _ = requests_tx.send((request, stream)).await;
                            }
                        });
                        while readers.try_join_next().is_some() {}
                    }
                    Err(e) => {
                        // Transient (e.g. out of file descriptors): keep listening, gently.
                        tracing::warn!(error = %e, "oauth: the sign-in listener could not accept");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                Some((request, stream)) = requests.recv() => match classify(&request, &state) {
                    Callback::Elsewhere(page) => respond(stream, page).await,
                    Callback::WrongState => {
                        refused += 1;
                        tracing::warn!("oauth: refused a callback whose state did not match this sign-in");
                        respond(stream, Page::refused()).await;
                    }
                    Callback::ProviderError { error, description } => {
                        let failure = if error == "access_denied" {
                            OAuthError::Denied { description }
                        } else {
                            OAuthError::AuthorizationFailed { error, description }
                        };
                        respond(stream, Page::failed(&failure)).await;
                        return Err(failure);
                    }
                    Callback::NoCode => {
                        let failure = OAuthError::AuthorizationFailed {
                            error: "the answer had no authorization code".to_string(),
                            description: None,
                        };
                        respond(stream, Page::failed(&failure)).await;
                        return Err(failure);
                    }
                    Callback::Code(code) => break (stream, code),
                },
            }
        };
        // The answer is in: nothing else may reach the port while the code is exchanged.
        drop(listener);
        readers.abort_all();

        let exchanged = tokio::select! {
            result = tokens.exchange_code(&config, code, verifier, redirect) => result,
            reason = &mut stop => Err(stopped(reason.unwrap_or(Stop::Cancel), refused)),
        };
        let page = match &exchanged {
            Ok(_) => Page::connected(),
            Err(error) => Page::failed(error),
        };
        respond(stream, page).await;
        exchanged
    }
}

/// The error for a flow told to stop.
fn stopped(reason: Stop, refused: usize) -> OAuthError {
    match reason {
        Stop::Cancel => OAuthError::Cancelled,
        Stop::Timeout(_) if refused > 0 => OAuthError::StateMismatch,
        Stop::Timeout(waited) => OAuthError::Timeout { waited },
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{FlowCoordinator, FlowId};
    use crate::{ProviderOAuth, TokenClient};

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn the_futures_can_run_on_a_multi_threaded_runtime() {
        let flows = FlowCoordinator::new(TokenClient::new().expect("client"));
        let config = ProviderOAuth::new("https://a.example/auth", "https://a.example/token", "c");
        let id = FlowId::new("f");
        // Built, never polled: only their types matter.
        let start = flows.start(&config);
        let wait = flows.wait(&id, Duration::from_secs(1));
        assert_send(&start);
        assert_send(&wait);
        assert!(flows.running().is_none(), "nothing ran");
    }
}
