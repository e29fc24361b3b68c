//! Connecting a provider with OAuth: `connect` starts the authorization code flow (PKCE, the
//! redirect received on a loopback port) and answers the `oauthUrl` the person approves in their
//! browser; `complete` waits for the browser and then stores the provider with its tokens sealed
//! in the vault; `cancel` stops the flow. One flow runs at a time. Stored tokens are refreshed
//! before they expire (one refresh at a time per provider, rotated refresh tokens saved), and a
//! grant the provider no longer honours turns the provider to `needs_reconnect`.

use std::collections::HashMap;
use std::time::{Duration, UNIX_EPOCH};

use bindery_oauth::{
    FlowCoordinator, FlowId, OAuthError, ProviderOAuth, RefreshGate, Revocation, Token,
    TokenClient, TokenSet,
};
use bindery_store::{NewProvider, ProviderRecord};
use bindery_vault::{Secret, SecretMap};
use serde_json::Value;

use crate::json::ConnectResult;
use crate::{ApiError, Bindery, ErrorCode};

/// How long `complete` waits for the person to approve in the browser.
pub const APPROVAL_TIMEOUT: Duration = Duration::from_secs(300);
/// Tokens are refreshed when they expire within this margin (the default of
/// [`OpenOptions::refresh_margin`](crate::OpenOptions)).
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The OAuth side of a workspace: the running flow, the token client and the refresh gate.
pub(crate) struct OAuthState {
    flows: FlowCoordinator,
    tokens: TokenClient,
    gate: RefreshGate,
    margin: Duration,
    pending: std::sync::Mutex<HashMap<String, Pending>>,
}

/// Removes a pasted description the workspace kept for a provider that was not stored after
/// all (a cancelled or failed sign-in, a vault that would not open).
pub(crate) fn discard_pasted(config: &Value) {
    if config.get("pasted").and_then(Value::as_bool) == Some(true) {
        if let Some(path) = config.get("path").and_then(Value::as_str) {
            if let Err(error) = std::fs::remove_file(path) {
                tracing::warn!(%error, "the pasted description could not be removed");
            }
        }
    }
}

/// A provider waiting for its approval.
struct Pending {
    flow_id: FlowId,
    provider: NewProvider,
    secrets: SecretMap,
}

impl OAuthState {
    pub(crate) fn new(margin: Duration) -> Result<OAuthState, ApiError> {
        let tokens = TokenClient::new().map_err(oauth_error)?;
        Ok(OAuthState {
            flows: FlowCoordinator::new(tokens.clone()).with_lifetime(APPROVAL_TIMEOUT),
            tokens,
            gate: RefreshGate::new(),
            margin,
            pending: std::sync::Mutex::new(HashMap::new()),
        })
    }
}

/// An OAuth failure as an API error with the OAuth code in its message.
pub(crate) fn oauth_error(error: OAuthError) -> ApiError {
    let code = match error.code() {
        "oauth/flow-in-progress" => ErrorCode::OauthFlowInProgress,
        "oauth/invalid-config" => ErrorCode::ValidationError,
        "oauth/invalid-grant" | "oauth/no-refresh-token" => ErrorCode::NeedsReconnect,
        "oauth/unreachable" | "oauth/bad-token-response" => ErrorCode::SourceUnreachable,
        "oauth/timeout" | "oauth/cancelled" | "oauth/denied" | "oauth/state-mismatch" => {
            ErrorCode::OauthNotApproved
        }
        _ => ErrorCode::SourceRefused,
    };
    ApiError::new(code, format!("{error} [{}]", error.code()))
}

/// The OAuth settings of a provider's stored `auth` description and its sealed secrets.
pub(crate) fn provider_oauth(auth: &Value, secrets: Option<&SecretMap>) -> ProviderOAuth {
    let text = |key: &str| auth.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut oauth = ProviderOAuth::new(
        text("authorizeUrl").unwrap_or_default(),
        text("tokenUrl").unwrap_or_default(),
        text("clientId").unwrap_or_default(),
    );
    oauth.revocation_url = text("revokeUrl");
    oauth.client_secret = secrets
        .and_then(|s| s.get("clientSecret"))
        .map(|s| Token::new(s.expose().to_owned()));
    oauth.scopes = auth
        .get("scopes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some(separator) = text("scopeSeparator") {
        oauth.scope_separator = separator;
    }
    if let Some(extra) = auth.get("extraAuthorizeParams").and_then(Value::as_object) {
        oauth.extra_authorize_params = extra
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
            .collect();
    }
    oauth
}

/// Adds a token set to a provider's secrets (the expiry and scopes ride along, sealed too).
fn put_tokens(secrets: &mut SecretMap, tokens: &TokenSet) {
    secrets.insert(
        "accessToken",
        Secret::new(tokens.access_token.expose().to_owned()),
    );
    match &tokens.refresh_token {
        Some(refresh) => {
            secrets.insert("refreshToken", Secret::new(refresh.expose().to_owned()));
        }
        None => {
            secrets.remove("refreshToken");
        }
    }
    match tokens
        .expires_at
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
    {
        Some(at) => {
            secrets.insert("expiresAt", Secret::new(at.as_secs().to_string()));
        }
        None => {
            secrets.remove("expiresAt");
        }
    }
    secrets.insert("scopes", Secret::new(tokens.scopes.join(" ")));
}

/// The token set kept in a provider's secrets.
fn tokens_of(kind: &str, secrets: &SecretMap) -> Result<TokenSet, ApiError> {
    let access = secrets.get("accessToken").ok_or_else(|| {
        ApiError::new(
            ErrorCode::NeedsReconnect,
            format!("{kind} has no access token in the vault; connect it again"),
        )
    })?;
    Ok(TokenSet {
        access_token: Token::new(access.expose().to_owned()),
        refresh_token: secrets
            .get("refreshToken")
            .map(|t| Token::new(t.expose().to_owned())),
        expires_at: secrets
            .get("expiresAt")
            .and_then(|t| t.expose().parse::<u64>().ok())
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs)),
        scopes: secrets
            .get("scopes")
            .map(|s| {
                s.expose()
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        token_type: "Bearer".to_owned(),
    })
}

impl Bindery {
    /// Starts the flow of a provider that connects with OAuth; the answer carries `oauthUrl`.
    pub(crate) async fn start_oauth(
        &self,
        provider: NewProvider,
        secrets: SecretMap,
    ) -> Result<ConnectResult, ApiError> {
        if let Err(error) = self.vault().await {
            discard_pasted(&provider.config);
            return Err(error);
        }
        let auth = provider.config.get("auth").cloned().unwrap_or(Value::Null);
        let oauth = provider_oauth(&auth, Some(&secrets));
        let started = match self.oauth.flows.start(&oauth).await {
            Ok(started) => started,
            Err(error) => {
                discard_pasted(&provider.config);
                return Err(oauth_error(error));
            }
        };
        let kind = provider.kind.clone();
        let source_kind = provider.source_kind.clone();
        if let Ok(mut pending) = self.oauth.pending.lock() {
            pending.insert(
                kind.clone(),
                Pending {
                    flow_id: started.flow_id,
                    provider,
                    secrets,
                },
            );
        }
        Ok(ConnectResult {
            kind,
            status: "pending",
            source_kind,
            oauth_url: Some(started.authorize_url),
            account_label: None,
        })
    }

    /// `POST /integrations/{kind}/connect/complete`: waits (up to [`APPROVAL_TIMEOUT`]) for the
    /// person to approve in the browser, then stores the provider and its sealed tokens.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn complete_oauth(&self, kind: &str) -> Result<ConnectResult, ApiError> {
        let flow_id = self
            .oauth
            .pending
            .lock()
            .ok()
            .and_then(|p| p.get(kind).map(|p| p.flow_id.clone()))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    format!("no sign-in is waiting for {kind}; connect it first"),
                )
            })?;
        let outcome = self.oauth.flows.wait(&flow_id, APPROVAL_TIMEOUT).await;
        let pending = self
            .oauth
            .pending
            .lock()
            .ok()
            .and_then(|mut p| p.remove(kind));
        // A cancelled flow has no pending entry any more (cancel removed its pasted file): its
        // error says what happened.
        let tokens = match outcome {
            Ok(tokens) => tokens,
            Err(error) => {
                if let Some(pending) = &pending {
                    discard_pasted(&pending.provider.config);
                }
                return Err(oauth_error(error));
            }
        };
        let pending = pending.ok_or_else(|| {
            ApiError::new(
                ErrorCode::OauthNotApproved,
                format!("the sign-in for {kind} was cancelled"),
            )
        })?;
        let Pending {
            provider,
            mut secrets,
            ..
        } = pending;
        put_tokens(&mut secrets, &tokens);
        let mut provider = provider;
        let account_label = match self.verify_signed_in(&provider, &tokens).await {
            Ok(label) => label,
            Err(error) => {
                discard_pasted(&provider.config);
                return Err(error);
            }
        };
        if let (Some(map), Some(label)) = (provider.config.as_object_mut(), &account_label) {
            map.insert("accountLabel".to_owned(), Value::from(label.as_str()));
        }
        let existing = self.store.provider(kind).await?;
        match existing {
            Some(old) if old.source_kind == provider.source_kind => {
                let mut config = provider.config.clone();
                if let (Some(map), Some(scoping)) =
                    (config.as_object_mut(), old.config.get("scoping"))
                {
                    map.insert("scoping".to_owned(), scoping.clone());
                }
                self.store
                    .update_provider_config(kind, &config, self.now())
                    .await?;
            }
            _ => self.store.insert_provider(&provider, self.now()).await?,
        }
        self.store_secrets(kind, &secrets).await?;
        Ok(ConnectResult {
            kind: provider.kind,
            status: "connected",
            source_kind: provider.source_kind,
            oauth_url: None,
            account_label,
        })
    }

    /// Runs a catalog entry's verification call with the new access token; the account label
    /// it names, if any. A refusal means the sign-in does not work: nothing is stored.
    async fn verify_signed_in(
        &self,
        provider: &NewProvider,
        tokens: &TokenSet,
    ) -> Result<Option<String>, ApiError> {
        let Some(verify) = provider.config.get("verify") else {
            return Ok(None);
        };
        let text = |key: &str| verify.get(key).and_then(Value::as_str);
        let header = bindery_discovery::graphql::SecretHeader::new(
            "Authorization",
            format!("Bearer {}", tokens.access_token.expose()),
        );
        crate::catalog_connect::verify_call(
            text("method").unwrap_or("GET"),
            text("url").unwrap_or_default(),
            std::slice::from_ref(&header),
            text("accountLabel"),
            &provider.display_name,
        )
        .await
    }

    /// `DELETE /integrations/{kind}/connect`: stops a waiting sign-in; whether one was waiting.
    pub fn cancel_oauth(&self, kind: &str) -> bool {
        let pending = self
            .oauth
            .pending
            .lock()
            .ok()
            .and_then(|mut p| p.remove(kind));
        pending.is_some_and(|p| {
            discard_pasted(&p.provider.config);
            self.oauth.flows.cancel(&p.flow_id)
        })
    }

    /// A provider's access token, refreshed first when it expires soon (one refresh at a time;
    /// a rotated refresh token is saved). A refused grant marks the provider `needs_reconnect`.
    pub(crate) async fn fresh_tokens(
        &self,
        provider: &ProviderRecord,
    ) -> Result<TokenSet, ApiError> {
        let kind = provider.kind.as_str();
        let auth = provider.config.get("auth").cloned().unwrap_or(Value::Null);
        let secrets = self.secrets(kind).await?;
        let oauth = provider_oauth(&auth, secrets.as_ref());
        let result = self
            .oauth
            .gate
            .ensure_fresh(
                kind,
                &self.oauth.tokens,
                &oauth,
                self.oauth.margin,
                || async {
                    let secrets = self.secrets(kind).await?.unwrap_or_default();
                    tokens_of(kind, &secrets)
                },
                |fresh: TokenSet| async move {
                    let mut secrets = self.secrets(kind).await?.unwrap_or_default();
                    put_tokens(&mut secrets, &fresh);
                    self.store_secrets(kind, &secrets).await
                },
            )
            .await;
        if let Err(error) = &result {
            if error.code == ErrorCode::NeedsReconnect {
                self.mark_needs_reconnect(provider, &error.message).await?;
            }
        }
        result
    }

    async fn mark_needs_reconnect(
        &self,
        provider: &ProviderRecord,
        why: &str,
    ) -> Result<(), ApiError> {
        let mut config = provider.config.clone();
        if let Some(map) = config.as_object_mut() {
            map.insert("status".to_owned(), Value::from("needs_reconnect"));
            map.insert(
                "statusDetail".to_owned(),
                Value::from(format!(
                    "the provider no longer accepts this sign-in ({why}); connect it again"
                )),
            );
        }
        tracing::warn!(kind = provider.kind, "connection needs a new sign-in");
        self.store
            .update_provider_config(&provider.kind, &config, self.now())
            .await?;
        Ok(())
    }

    /// Revokes a provider's OAuth tokens at the provider, where it can.
    pub(crate) async fn revoke_tokens(
        &self,
        provider: &ProviderRecord,
    ) -> Result<Revocation, ApiError> {
        let auth = provider.config.get("auth").cloned().unwrap_or(Value::Null);
        let Some(secrets) = self.secrets(&provider.kind).await? else {
            return Ok(Revocation::NotSupported);
        };
        let oauth = provider_oauth(&auth, Some(&secrets));
        let tokens = tokens_of(&provider.kind, &secrets)?;
        self.oauth
            .tokens
            .revoke(&oauth, &tokens)
            .await
            .map_err(oauth_error)
    }
}

impl From<OAuthError> for ApiError {
    fn from(error: OAuthError) -> ApiError {
        oauth_error(error)
    }
}
