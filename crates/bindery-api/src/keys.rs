//! API keys for the local HTTP API: created with scopes, shown once, stored as a hash. The server
//! also mints one in-memory session key for the browser UI it serves; it is never stored.

use base64::Engine;
use bindery_store::ApiKeyRecord;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::json::CreatedKey;
use crate::{ApiError, Bindery, ErrorCode};

/// What a key may do: the platform's scope names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Read providers, catalog and schemas.
    IntegrationsRead,
    /// Connect and discover providers.
    IntegrationsWrite,
    /// Create skills and bindings.
    SkillsWrite,
    /// Read agents.
    AgentsRead,
    /// Change agents.
    AgentsWrite,
}

const ALL: [Scope; 5] = [
    Scope::IntegrationsRead,
    Scope::IntegrationsWrite,
    Scope::SkillsWrite,
    Scope::AgentsRead,
    Scope::AgentsWrite,
];

const KEY_PREFIX: &str = "bindery_sk_";

impl Scope {
    /// Wire name (`integrations:read`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::IntegrationsRead => "integrations:read",
            Scope::IntegrationsWrite => "integrations:write",
            Scope::SkillsWrite => "skills:write",
            Scope::AgentsRead => "agents:read",
            Scope::AgentsWrite => "agents:write",
        }
    }

    /// Parses a comma-separated list (`integrations:read,agents:read`).
    pub fn parse_list(list: &str) -> Result<Vec<Scope>, ApiError> {
        let mut scopes = Vec::new();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let scope = ALL
                .into_iter()
                .find(|s| s.as_str() == name)
                .ok_or_else(|| {
                    let known: Vec<&str> = ALL.iter().map(|s| s.as_str()).collect();
                    ApiError::new(
                        ErrorCode::ValidationError,
                        format!("unknown scope {name:?}; known scopes: {}", known.join(", ")),
                    )
                })?;
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        if scopes.is_empty() {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                "give at least one scope",
            ));
        }
        Ok(scopes)
    }
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

fn random_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!(
        "{KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

impl Bindery {
    /// Creates an API key with these scopes. The returned key is the only copy.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn create_api_key(
        &self,
        scopes: &[Scope],
        label: Option<String>,
    ) -> Result<CreatedKey, ApiError> {
        let key = random_key();
        let mut id_bytes = [0u8; 6];
        rand::rng().fill_bytes(&mut id_bytes);
        let record = ApiKeyRecord {
            id: format!("key_{}", hex::encode(id_bytes)),
            prefix: key.chars().take(KEY_PREFIX.len() + 4).collect(),
            secret_hash: hash(&key),
            scopes: scopes.iter().map(|s| s.as_str().to_owned()).collect(),
            label: label.clone(),
            created_at: self.now(),
            revoked_at: None,
        };
        self.store.insert_api_key(&record).await?;
        tracing::info!(key_id = %record.id, scopes = %record.scopes.join(" "), "API key created");
        Ok(CreatedKey {
            id: record.id,
            key,
            scopes: record.scopes,
            label,
        })
    }

    /// Mints a key with every scope that lives only in this process's memory: the server hands
    /// it to the browser UI it serves, in the URL fragment it prints.
    pub fn mint_session_key(&self) -> String {
        let key = random_key();
        self.session_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(hash(&key));
        key
    }

    /// Checks a bearer key for a scope: `unauthorized` without a valid key, `insufficient_scope`
    /// when it lacks the scope. Never echoes the key.
    pub async fn authorize(&self, bearer: Option<&str>, needed: Scope) -> Result<(), ApiError> {
        let key = bearer.map(str::trim).filter(|k| !k.is_empty()).ok_or_else(|| {
            ApiError::new(ErrorCode::Unauthorized, "send an API key as `Authorization: Bearer <key>` (create one with `bindery keys create`)")
        })?;
        let digest = hash(key);
        if self
            .session_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(&digest)
        {
            return Ok(());
        }
        let record = self
            .store
            .api_key_by_hash(&digest)
            .await?
            .filter(|r| r.revoked_at.is_none())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Unauthorized,
                    "the API key is not valid in this workspace",
                )
            })?;
        if record.scopes.iter().any(|s| s == needed.as_str()) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::InsufficientScope,
                format!(
                    "this API key lacks the scope {} (it has: {})",
                    needed.as_str(),
                    record.scopes.join(", ")
                ),
            ))
        }
    }
}
