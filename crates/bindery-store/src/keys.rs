//! API keys of the local HTTP API. Only a SHA-256 hash of each key is stored; the key itself is
//! shown once, when it is created.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::providers::parse_time;
use crate::{Store, StoreError};

/// A stored API key (never the key itself).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKeyRecord {
    /// Key id.
    pub id: String,
    /// First characters of the key, to recognise it in a list.
    pub prefix: String,
    /// Hex SHA-256 of the whole key.
    pub secret_hash: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Optional label.
    pub label: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Stores a new key.
    pub async fn insert_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO api_keys(id, prefix, secret_hash, scopes, label, created_at, revoked_at) \
             VALUES (?, ?, ?, ?, ?, ?, NULL)",
        )
        .bind(&key.id)
        .bind(&key.prefix)
        .bind(&key.secret_hash)
        .bind(key.scopes.join(" "))
        .bind(&key.label)
        .bind(key.created_at.to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The key whose hash this is, revoked or not.
    pub async fn api_key_by_hash(
        &self,
        secret_hash: &str,
    ) -> Result<Option<ApiKeyRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, prefix, secret_hash, scopes, label, created_at, revoked_at FROM api_keys WHERE secret_hash = ?",
        )
        .bind(secret_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let scopes: String = row.try_get("scopes")?;
        let created_at: String = row.try_get("created_at")?;
        let revoked_at: Option<String> = row.try_get("revoked_at")?;
        Ok(Some(ApiKeyRecord {
            id: row.try_get("id")?,
            prefix: row.try_get("prefix")?,
            secret_hash: row.try_get("secret_hash")?,
            scopes: scopes.split_whitespace().map(str::to_owned).collect(),
            label: row.try_get("label")?,
            created_at: parse_time(&created_at)?,
            revoked_at: revoked_at.as_deref().map(parse_time).transpose()?,
        }))
    }
}
