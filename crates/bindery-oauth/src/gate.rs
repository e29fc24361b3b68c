//! [`RefreshGate`]: one refresh at a time per credential, so concurrent callers share one
//! request. With rotating refresh tokens this is required, not an optimisation: a second
//! request with the same (now used) refresh token makes the provider revoke the whole grant.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use tokio::sync::OwnedMutexGuard;

use crate::{needs_refresh, OAuthError, ProviderOAuth, TokenClient, TokenSet};

/// Serialises refreshes per credential id.
///
/// The stored token set is the single source of truth: [`RefreshGate::ensure_fresh`] loads it
/// only after the credential's turn has come, so a caller that waited behind a refresh sees the
/// new tokens and makes no request. Ids are kept for the gate's lifetime (one small entry per
/// credential).
#[derive(Debug, Default)]
pub struct RefreshGate {
    turns: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// The exclusive right to refresh one credential, held until dropped.
#[derive(Debug)]
pub struct RefreshTurn {
    _guard: OwnedMutexGuard<()>,
}

impl RefreshGate {
    /// An empty gate.
    pub fn new() -> RefreshGate {
        RefreshGate::default()
    }

    /// Waits until no one else holds `credential_id`'s turn, then holds it until the returned
    /// value is dropped. For callers that refresh by hand: load the tokens after this returns,
    /// check [`needs_refresh`] again, refresh, save, then drop the turn.
    pub async fn turn(&self, credential_id: &str) -> RefreshTurn {
        let turn = {
            let mut turns = self.turns.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(turns.entry(credential_id.to_string()).or_default())
        };
        RefreshTurn {
            _guard: turn.lock_owned().await,
        }
    }

    /// Fresh tokens for `credential_id`, refreshing at most once however many callers ask at the
    /// same time.
    ///
    /// In the credential's turn: `load` reads the stored tokens; if they expire within `margin`
    /// they are refreshed through `tokens` (keeping the old refresh token when the provider does
    /// not rotate, and the stored scopes when the answer names none), `save` stores the new set,
    /// and the new set is returned; otherwise the loaded set is returned as is.
    /// `oauth/invalid-grant` means the connection needs a new sign-in; so does
    /// `oauth/no-refresh-token` (expired, and nothing to refresh with). Nothing is saved on
    /// error.
    pub async fn ensure_fresh<E, Load, Loaded, Save, Saved>(
        &self,
        credential_id: &str,
        tokens: &TokenClient,
        config: &ProviderOAuth,
        margin: Duration,
        load: Load,
        save: Save,
    ) -> Result<TokenSet, E>
    where
        E: From<OAuthError>,
        Load: FnOnce() -> Loaded,
        Loaded: Future<Output = Result<TokenSet, E>>,
        Save: FnOnce(TokenSet) -> Saved,
        Saved: Future<Output = Result<(), E>>,
    {
        let _turn = self.turn(credential_id).await;
        let current = load().await?;
        if !needs_refresh(&current, SystemTime::now(), margin) {
            return Ok(current);
        }
        let Some(refresh_token) = current.refresh_token.as_ref() else {
            return Err(OAuthError::NoRefreshToken.into());
        };
        let fresh = tokens
            .refresh_with_scopes(config, refresh_token, &current.scopes)
            .await?;
        save(fresh.clone()).await?;
        Ok(fresh)
    }
}
