//! The workspace's credentials: the secret fields of a connection (a database password, an API
//! key, OAuth tokens) are sealed by the vault before the store keeps them, and opened only where
//! a provider request is built. Nothing secret is ever in a provider's config, an API answer or
//! a log line.
//!
//! Where the vault's master key lives is the person's choice ([`KeySource`]): the OS keyring by
//! default, or, where no keyring service runs, a key file or an environment variable they name
//! (`PUT /vault`, `bindery vault use …`, or `BINDERY_VAULT_KEY_SOURCE` for one process). Without a
//! working key, connecting a provider with secrets fails with `vault_unavailable` and says how to
//! choose; nothing is ever stored in plain text.

use std::str::FromStr;
use std::sync::Arc;

use bindery_store::NewCredential;
use bindery_vault::{
    probe_keyring, KeyLocation, KeySource, KeyringProbe, Sealed, SecretMap, Vault, VaultError,
};
use serde::{Deserialize, Serialize};

use crate::{ApiError, Bindery, ErrorCode};

/// Workspace setting holding the chosen key source (`keyring`, `file:<path>`, `env:<VAR>`).
const KEY_SOURCE_SETTING: &str = "vault.key_source";
/// Workspace setting holding the workspace's random id (bound into every seal).
const WORKSPACE_ID_SETTING: &str = "workspace.id";
/// Overrides the key source for one process (headless servers, CI).
pub const KEY_SOURCE_ENV: &str = "BINDERY_VAULT_KEY_SOURCE";

/// `GET /vault`: where the master key lives and whether it can be used. Never the key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultInfo {
    /// The key source in use, as a setting (`keyring`, `file:/path`, `env:VAR`).
    pub key_source: String,
    /// Where the choice comes from: `default`, `workspace` (a saved choice) or `environment`.
    pub chosen_by: &'static str,
    /// Whether the vault opened with it.
    pub ready: bool,
    /// Fingerprint of the master key, when ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// For a keyring: which one (`Secret Service`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyring_store: Option<String>,
    /// Whether a keyring service is reachable right now.
    pub keyring_reachable: bool,
    /// Why the keyring is not reachable, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyring_detail: Option<String>,
    /// The vault's error when not ready: its code (`vault/keyring-unavailable`) and message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<VaultProblem>,
    /// How many credentials the workspace holds (sealed).
    pub credential_count: usize,
    /// A key file to offer when the keyring cannot be used: in the OS config directory
    /// (`~/.config/bindery/vault.key` on Linux), outside the workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_key_file: Option<String>,
}

/// Why the vault cannot be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultProblem {
    /// The vault's stable code (`vault/keyring-unavailable`, `vault/key-file-permissions`, …).
    pub code: &'static str,
    /// For a person.
    pub message: String,
}

/// Body of `PUT /vault`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VaultChoice {
    /// `keyring`, `file:<path>` or `env:<VARIABLE>`.
    pub key_source: String,
}

pub(crate) fn vault_error(error: VaultError) -> ApiError {
    let code = match error.code() {
        "vault/decrypt-failed" | "vault/key-changed" => ErrorCode::CredentialsUnreadable,
        "vault/key-source-invalid" => ErrorCode::ValidationError,
        _ => ErrorCode::VaultUnavailable,
    };
    ApiError::new(code, format!("{error} [{}]", error.code()))
}

impl Bindery {
    /// The workspace's random id, made on first use.
    async fn workspace_id(&self) -> Result<String, ApiError> {
        if let Some(id) = self.store.meta(WORKSPACE_ID_SETTING).await? {
            return Ok(id);
        }
        let fresh = hex::encode(rand::random::<[u8; 16]>());
        self.store.claim_meta(WORKSPACE_ID_SETTING, &fresh).await?;
        // Another process may have claimed it first: read what won.
        Ok(self
            .store
            .meta(WORKSPACE_ID_SETTING)
            .await?
            .unwrap_or(fresh))
    }

    /// The key source and who chose it.
    async fn key_source(&self) -> Result<(KeySource, &'static str), ApiError> {
        if let Some(text) = std::env::var(KEY_SOURCE_ENV)
            .ok()
            .filter(|t| !t.trim().is_empty())
        {
            return Ok((
                KeySource::from_str(&text).map_err(vault_error)?,
                "environment",
            ));
        }
        match self.store.meta(KEY_SOURCE_SETTING).await? {
            Some(text) => Ok((
                KeySource::from_str(&text).map_err(vault_error)?,
                "workspace",
            )),
            None => Ok((KeySource::Keyring, "default")),
        }
    }

    /// The open vault, opened on first use (and again after a failure, once the person has
    /// chosen another key source).
    pub(crate) async fn vault(&self) -> Result<Arc<Vault>, ApiError> {
        self.try_vault().await?.map_err(vault_error)
    }

    /// The vault, or why it does not open (the outer error is the workspace database's).
    async fn try_vault(&self) -> Result<Result<Arc<Vault>, VaultError>, ApiError> {
        let (source, _) = self.key_source().await?;
        let mut slot = self.vault.lock().await;
        if let Some((opened_with, vault)) = slot.as_ref() {
            if *opened_with == source {
                return Ok(Ok(Arc::clone(vault)));
            }
        }
        let workspace_id = self.workspace_id().await?;
        let opening = source.clone();
        let opened = tokio::task::spawn_blocking(move || Vault::open(&opening, &workspace_id))
            .await
            .map_err(crate::integrations::internal)?;
        Ok(opened.map(|vault| {
            tracing::info!(
                source = source.kind(),
                key_id = vault.key_id(),
                "vault open"
            );
            let vault = Arc::new(vault);
            *slot = Some((source, Arc::clone(&vault)));
            vault
        }))
    }

    /// Seals `secrets` and stores them as provider `kind`'s credential (replacing any).
    pub(crate) async fn store_secrets(
        &self,
        kind: &str,
        secrets: &SecretMap,
    ) -> Result<(), ApiError> {
        let vault = self.vault().await?;
        let sealed = vault.seal(kind, secrets);
        self.store
            .put_credential(
                &NewCredential {
                    id: kind,
                    nonce: &sealed.nonce,
                    ciphertext: &sealed.ciphertext,
                    key_id: &sealed.key_id,
                },
                self.now(),
            )
            .await?;
        Ok(())
    }

    /// Provider `kind`'s secrets, opened; `None` when it has none stored.
    pub(crate) async fn secrets(&self, kind: &str) -> Result<Option<SecretMap>, ApiError> {
        let Some(record) = self.store.get_credential(kind).await? else {
            return Ok(None);
        };
        let vault = self.vault().await?;
        let sealed = Sealed {
            nonce: record.nonce,
            ciphertext: record.ciphertext,
            key_id: record.key_id,
        };
        vault.unseal(kind, &sealed).map(Some).map_err(vault_error)
    }

    /// Deletes provider `kind`'s credential; whether there was one.
    pub(crate) async fn forget_secrets(&self, kind: &str) -> Result<bool, ApiError> {
        Ok(self.store.delete_credential(kind).await?)
    }

    /// `GET /vault`: where the master key lives and whether the vault can be used.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn vault_status(&self) -> Result<VaultInfo, ApiError> {
        let (source, chosen_by) = self.key_source().await?;
        let probe = tokio::task::spawn_blocking(probe_keyring)
            .await
            .map_err(crate::integrations::internal)?;
        let credential_count = self.store.list_credential_ids().await?.len();
        let mut info = VaultInfo {
            key_source: source.to_string(),
            chosen_by,
            ready: false,
            key_id: None,
            keyring_store: None,
            keyring_reachable: probe.is_reachable(),
            keyring_detail: match &probe {
                KeyringProbe::Reachable { .. } => None,
                KeyringProbe::Locked { store } => Some(format!("{store} is locked")),
                KeyringProbe::Unavailable { store, reason } => Some(format!("{store}: {reason}")),
            },
            problem: None,
            credential_count,
            suggested_key_file: directories::ProjectDirs::from("dev", "bindery", "Bindery")
                .map(|dirs| dirs.config_dir().join("vault.key").display().to_string()),
        };
        match self.try_vault().await? {
            Ok(vault) => {
                info.ready = true;
                info.key_id = Some(vault.key_id().to_owned());
                if let KeyLocation::Keyring { store, .. } = &vault.status().location {
                    info.keyring_store = Some((*store).to_owned());
                }
            }
            Err(error) => {
                info.problem = Some(VaultProblem {
                    code: error.code(),
                    message: error.to_string(),
                })
            }
        }
        Ok(info)
    }

    /// `PUT /vault`: saves where the master key lives for this workspace, then opens the vault
    /// with it. Refused while credentials are stored under another key (they would no longer
    /// open): disconnect those providers first.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn set_vault_key_source(&self, choice: VaultChoice) -> Result<VaultInfo, ApiError> {
        let source = KeySource::from_str(&choice.key_source).map_err(vault_error)?;
        let stored = self.store.list_credential_ids().await?;
        let (current, _) = self.key_source().await?;
        if !stored.is_empty() && current != source {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                format!(
                    "{} credential(s) are sealed with the current key ({current}); disconnect \
                     those providers before moving the key to {source}",
                    stored.len()
                ),
            ));
        }
        self.store
            .set_meta(KEY_SOURCE_SETTING, &source.to_string())
            .await?;
        self.vault_status().await
    }
}
