//! Discovered schema snapshots. Each discovery appends one; the newest is the provider's schema.
//! Older ones stay for drift diffs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::providers::parse_time;
use crate::{Store, StoreError};

/// A snapshot to store.
#[derive(Debug, Clone)]
pub struct NewSnapshot<'a> {
    /// Provider kind.
    pub provider_kind: &'a str,
    /// When discovery finished.
    pub discovered_at: DateTime<Utc>,
    /// Schema fingerprint.
    pub fingerprint: &'a str,
    /// Summary JSON.
    pub summary: &'a str,
    /// Diagnostics JSON array.
    pub diagnostics: &'a str,
    /// Canonical schema JSON.
    pub schema_json: &'a [u8],
}

/// A snapshot without its schema body (for lists).
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotMeta {
    /// Row id; grows with every discovery.
    pub id: i64,
    /// When discovery finished.
    pub discovered_at: DateTime<Utc>,
    /// Schema fingerprint.
    pub fingerprint: String,
    /// Summary JSON.
    pub summary: String,
}

/// A whole snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotRecord {
    /// Metadata.
    pub meta: SnapshotMeta,
    /// Diagnostics JSON array.
    pub diagnostics: String,
    /// Canonical schema JSON.
    pub schema_json: Vec<u8>,
}

impl Store {
    /// Appends a snapshot; returns its id.
    pub async fn insert_snapshot(&self, snapshot: &NewSnapshot<'_>) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO schema_snapshots(provider_kind, discovered_at, fingerprint, summary, diagnostics, schema_json) \
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(snapshot.provider_kind)
        .bind(snapshot.discovered_at.to_rfc3339())
        .bind(snapshot.fingerprint)
        .bind(snapshot.summary)
        .bind(snapshot.diagnostics)
        .bind(snapshot.schema_json)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Id of the newest snapshot of a provider (cheap: an index lookup).
    pub async fn latest_snapshot_id(&self, provider_kind: &str) -> Result<Option<i64>, StoreError> {
        let id = sqlx::query_scalar::<_, Option<i64>>(
            "SELECT max(id) FROM schema_snapshots WHERE provider_kind = ?",
        )
        .bind(provider_kind)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// The newest snapshot of a provider, with its body.
    pub async fn latest_snapshot(
        &self,
        provider_kind: &str,
    ) -> Result<Option<SnapshotRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, discovered_at, fingerprint, summary, diagnostics, schema_json \
             FROM schema_snapshots WHERE provider_kind = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(provider_kind)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SnapshotRecord {
            meta: meta_from_row(&row)?,
            diagnostics: row.try_get("diagnostics")?,
            schema_json: row.try_get("schema_json")?,
        }))
    }

    /// The newest snapshot metadata of every provider, by provider kind.
    pub async fn latest_snapshot_metas(&self) -> Result<HashMap<String, SnapshotMeta>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.provider_kind, s.id, s.discovered_at, s.fingerprint, s.summary \
             FROM schema_snapshots s \
             JOIN (SELECT provider_kind, max(id) AS id FROM schema_snapshots GROUP BY provider_kind) latest \
               ON latest.id = s.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("provider_kind")?, meta_from_row(row)?)))
            .collect()
    }
}

fn meta_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<SnapshotMeta, StoreError> {
    let discovered_at: String = row.try_get("discovered_at")?;
    Ok(SnapshotMeta {
        id: row.try_get("id")?,
        discovered_at: parse_time(&discovered_at)?,
        fingerprint: row.try_get("fingerprint")?,
        summary: row.try_get("summary")?,
    })
}
