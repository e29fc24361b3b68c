//! Registered providers: what a source is and where it lives (never its secrets).

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{is_unique_violation, StoreError};
use crate::Store;

/// A provider to register.
#[derive(Debug, Clone)]
pub struct NewProvider {
    /// Name in URLs (`demo_fieldservice`).
    pub kind: String,
    /// Name for people.
    pub display_name: String,
    /// Source kind wire name (`sqlite`).
    pub source_kind: String,
    /// Where the source is, as JSON; never secret values.
    pub config: serde_json::Value,
    /// Whether this is the embedded demo.
    pub demo: bool,
}

/// A registered provider.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderRecord {
    /// Name in URLs.
    pub kind: String,
    /// Name for people.
    pub display_name: String,
    /// Source kind wire name.
    pub source_kind: String,
    /// Where the source is.
    pub config: serde_json::Value,
    /// Whether this is the embedded demo.
    pub demo: bool,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Registers a provider; `Conflict` if the kind is taken.
    pub async fn insert_provider(
        &self,
        provider: &NewProvider,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = sqlx::query(
            "INSERT INTO providers(kind, display_name, source_kind, config, demo, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&provider.kind)
        .bind(&provider.display_name)
        .bind(&provider.source_kind)
        .bind(provider.config.to_string())
        .bind(provider.demo)
        .bind(now.to_rfc3339())
        .bind(now.to_rfc3339())
        .execute(&self.pool)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "provider",
                key: provider.kind.clone(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// All providers, by kind.
    pub async fn providers(&self) -> Result<Vec<ProviderRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT kind, display_name, source_kind, config, demo, created_at FROM providers ORDER BY kind",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(provider_from_row).collect()
    }

    /// Replaces a provider's config; `false` when there is no such provider.
    pub async fn update_provider_config(
        &self,
        kind: &str,
        config: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query("UPDATE providers SET config = ?, updated_at = ? WHERE kind = ?")
            .bind(config.to_string())
            .bind(now.to_rfc3339())
            .bind(kind)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Removes a provider with its schema snapshots and its sealed credential, in one
    /// transaction; `false` when there was no such provider.
    pub async fn delete_provider(&self, kind: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM schema_snapshots WHERE provider_kind = ?")
            .bind(kind)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM credentials WHERE id = ?")
            .bind(kind)
            .execute(&mut *tx)
            .await?;
        let removed = sqlx::query("DELETE FROM providers WHERE kind = ?")
            .bind(kind)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        tx.commit().await?;
        Ok(removed)
    }

    /// One provider.
    pub async fn provider(&self, kind: &str) -> Result<Option<ProviderRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT kind, display_name, source_kind, config, demo, created_at FROM providers WHERE kind = ?",
        )
        .bind(kind)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(provider_from_row).transpose()
    }
}

fn provider_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<ProviderRecord, StoreError> {
    let config: String = row.try_get("config")?;
    let created_at: String = row.try_get("created_at")?;
    Ok(ProviderRecord {
        kind: row.try_get("kind")?,
        display_name: row.try_get("display_name")?,
        source_kind: row.try_get("source_kind")?,
        config: serde_json::from_str(&config)
            .map_err(|e| StoreError::corrupt("provider config", e))?,
        demo: row.try_get("demo")?,
        created_at: parse_time(&created_at)?,
    })
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::corrupt("timestamp", e))
}
