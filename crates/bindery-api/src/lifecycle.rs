//! The end and the health of a connection: `DELETE /integrations/{kind}` revokes OAuth tokens at
//! the provider where it can, then deletes the sealed credentials, the discovered schema and the
//! provider (and a pasted description kept in the workspace); `GET /integrations/{kind}/health`
//! says whether the stored credentials still work, refreshing an OAuth token on the way.

use bindery_oauth::Revocation;
use serde::Serialize;

use crate::{ApiError, Bindery, ErrorCode};

/// Answer of `DELETE /integrations/{kind}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisconnectResult {
    /// Provider kind.
    pub kind: String,
    /// Always `disconnected`: nothing of it is left in the workspace.
    pub status: &'static str,
    /// What happened at the provider: `revoked`, `notSupported` (no revocation endpoint),
    /// `failed` (the provider did not confirm; see `revocationError`) or `none` (no tokens).
    pub revocation: &'static str,
    /// Why revocation failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation_error: Option<String>,
}

/// Answer of `GET /integrations/{kind}/health`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionHealth {
    /// Provider kind.
    pub kind: String,
    /// `ok`, `needs_reconnect` or `error`.
    pub status: &'static str,
    /// For a person.
    pub detail: String,
    /// The error code when not ok.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Bindery {
    /// `DELETE /integrations/{kind}`: revokes, then forgets everything of the provider.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn disconnect_integration(&self, kind: &str) -> Result<DisconnectResult, ApiError> {
        let provider = self.provider(kind).await?;
        self.cancel_oauth(kind);
        let oauth = provider
            .config
            .pointer("/auth/mode")
            .and_then(|m| m.as_str())
            == Some("oauth2");
        let (revocation, revocation_error) = if oauth {
            match self.revoke_tokens(&provider).await {
                Ok(Revocation::Revoked) => ("revoked", None),
                Ok(Revocation::NotSupported) => ("notSupported", None),
                Err(error) => {
                    tracing::warn!(error = %error, "revocation at the provider failed");
                    ("failed", Some(error.message))
                }
            }
        } else {
            ("none", None)
        };
        self.store.delete_provider(kind).await?;
        if provider.config.get("pasted").and_then(|p| p.as_bool()) == Some(true) {
            if let Some(path) = provider.config.get("path").and_then(|p| p.as_str()) {
                if let Err(error) = std::fs::remove_file(path) {
                    tracing::warn!(%error, "the pasted description could not be removed");
                }
            }
        }
        self.forget_loaded(kind);
        self.forget_target(kind);
        self.forget_run_target(kind).await;
        Ok(DisconnectResult {
            kind: kind.to_owned(),
            status: "disconnected",
            revocation,
            revocation_error,
        })
    }

    /// `GET /integrations/{kind}/health`: whether the stored credentials still open and, for
    /// OAuth, whether the token is fresh (refreshed if it was about to expire).
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn connection_health(&self, kind: &str) -> Result<ConnectionHealth, ApiError> {
        let provider = self.provider(kind).await?;
        let healthy = |detail: &str| ConnectionHealth {
            kind: kind.to_owned(),
            status: "ok",
            detail: detail.to_owned(),
            code: None,
        };
        if provider.config.get("status").and_then(|s| s.as_str()) == Some("needs_reconnect") {
            return Ok(ConnectionHealth {
                kind: kind.to_owned(),
                status: "needs_reconnect",
                detail: provider
                    .config
                    .get("statusDetail")
                    .and_then(|s| s.as_str())
                    .unwrap_or("connect it again")
                    .to_owned(),
                code: Some(ErrorCode::NeedsReconnect.as_str()),
            });
        }
        let result = match provider
            .config
            .pointer("/auth/mode")
            .and_then(|m| m.as_str())
        {
            Some("oauth2") => self
                .fresh_tokens(&provider)
                .await
                .map(|_| healthy("signed in; the access token is fresh")),
            Some("none") | None if self.store.get_credential(kind).await?.is_none() => {
                Ok(healthy("no credentials to check"))
            }
            _ => self
                .secrets(kind)
                .await
                .map(|_| healthy("the credentials open from the vault")),
        };
        Ok(result.unwrap_or_else(|error| ConnectionHealth {
            kind: kind.to_owned(),
            status: if error.code == ErrorCode::NeedsReconnect {
                "needs_reconnect"
            } else {
                "error"
            },
            detail: error.message,
            code: Some(error.code.as_str()),
        }))
    }
}
