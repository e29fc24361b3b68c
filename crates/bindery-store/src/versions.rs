//! Published versions of an agent: its approved skills frozen (JSON text) under a number that
//! grows by one per agent. Versions are never changed or removed.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{is_unique_violation, StoreError};
use crate::providers::parse_time;
use crate::Store;

/// A version to publish (its number is the agent's next).
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    /// Id (`ver_…`).
    pub id: &'a str,
    /// The agent.
    pub agent_id: &'a str,
    /// JSON: the frozen skills.
    pub skills: &'a str,
    /// What changed, in the publisher's words.
    pub note: Option<&'a str>,
    /// Who published.
    pub published_by: Option<&'a str>,
    /// When.
    pub published_at: DateTime<Utc>,
}

/// A published version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecord {
    /// Id.
    pub id: String,
    /// The agent.
    pub agent_id: String,
    /// 1, 2, 3, … per agent.
    pub version: i64,
    /// JSON: the frozen skills.
    pub skills: String,
    /// What changed.
    pub note: Option<String>,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// Who published.
    pub published_by: Option<String>,
}

/// The columns every query reads (a literal: sqlx takes only static SQL).
macro_rules! columns {
    () => {
        "id, agent_id, version, skills, note, published_at, published_by"
    };
}

impl Store {
    /// Publishes the agent's next version in one statement (the number is the agent's highest
    /// plus one); `Conflict` when another publish took that number at the same moment.
    pub async fn insert_version(
        &self,
        version: &NewVersion<'_>,
    ) -> Result<VersionRecord, StoreError> {
        let result = sqlx::query(concat!(
            "INSERT INTO agent_versions(",
            columns!(),
            ") SELECT ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ? \
             FROM agent_versions WHERE agent_id = ? RETURNING ",
            columns!()
        ))
        .bind(version.id)
        .bind(version.agent_id)
        .bind(version.skills)
        .bind(version.note)
        .bind(version.published_at.to_rfc3339())
        .bind(version.published_by)
        .bind(version.agent_id)
        .fetch_one(&self.pool)
        .await;
        match result {
            Ok(row) => version_from_row(&row),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "version",
                key: version.agent_id.to_owned(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// An agent's versions, newest first.
    pub async fn versions(&self, agent_id: &str) -> Result<Vec<VersionRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM agent_versions WHERE agent_id = ? ORDER BY version DESC"
        ))
        .bind(agent_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// One version of an agent, by id or by number.
    pub async fn version(
        &self,
        agent_id: &str,
        id_or_number: &str,
    ) -> Result<Option<VersionRecord>, StoreError> {
        let number = id_or_number.parse::<i64>().ok();
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM agent_versions WHERE agent_id = ? AND (id = ? OR version = ?)"
        ))
        .bind(agent_id)
        .bind(id_or_number)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(version_from_row).transpose()
    }
}

fn version_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<VersionRecord, StoreError> {
    let published_at: String = row.try_get("published_at")?;
    Ok(VersionRecord {
        id: row.try_get("id")?,
        agent_id: row.try_get("agent_id")?,
        version: row.try_get("version")?,
        skills: row.try_get("skills")?,
        note: row.try_get("note")?,
        published_at: parse_time(&published_at)?,
        published_by: row.try_get("published_by")?,
    })
}
