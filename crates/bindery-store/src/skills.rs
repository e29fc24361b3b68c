//! An agent's skills: the binding as authored, the skill it compiled to, its state, its approval
//! and, after a re-discovery broke it, why. JSON columns are text; the store does not read them.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{is_unique_violation, StoreError};
use crate::providers::parse_time;
use crate::Store;

/// Who approved which content hash, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// Who approved.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The content hash approved.
    pub hash: String,
}

/// A skill as stored (also what is written: insert and update take the whole row).
#[derive(Debug, Clone, PartialEq)]
pub struct SkillRecord {
    /// Id (`skl_…`).
    pub id: String,
    /// The agent it belongs to.
    pub agent_id: String,
    /// The provider the binding reads.
    pub provider_kind: String,
    /// The tool name (unique per agent).
    pub tool_name: String,
    /// JSON: the binding as authored.
    pub binding: String,
    /// JSON: the compiled skill.
    pub skill: String,
    /// Content hash of the compiled skill.
    pub content_hash: String,
    /// Fingerprint of the schema snapshot it was validated against.
    pub schema_fingerprint: String,
    /// `draft`, `valid` or `approved`.
    pub state: String,
    /// Whether the agent may call it.
    pub is_enabled: bool,
    /// JSON array: the warnings of the last validation.
    pub diagnostics: String,
    /// The approval, when there is one.
    pub approval: Option<Approval>,
    /// JSON: why a re-discovery broke it; `None` when it is fine.
    pub broken: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The columns every query reads, in one place (a literal: sqlx takes only static SQL).
macro_rules! columns {
    () => {
        "id, agent_id, provider_kind, tool_name, binding, skill, content_hash, \
         schema_fingerprint, state, is_enabled, diagnostics, approved_by, approved_at, \
         approved_hash, broken, created_at, updated_at"
    };
}

impl Store {
    /// Stores a new skill; `Conflict { what: "skill", key: tool name }` when the agent has a
    /// skill with that tool name.
    pub async fn insert_skill(&self, skill: &SkillRecord) -> Result<(), StoreError> {
        let result = sqlx::query(concat!(
            "INSERT INTO skills(",
            columns!(),
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ))
        .bind(&skill.id)
        .bind(&skill.agent_id)
        .bind(&skill.provider_kind)
        .bind(&skill.tool_name)
        .bind(&skill.binding)
        .bind(&skill.skill)
        .bind(&skill.content_hash)
        .bind(&skill.schema_fingerprint)
        .bind(&skill.state)
        .bind(skill.is_enabled)
        .bind(&skill.diagnostics)
        .bind(skill.approval.as_ref().map(|a| a.by.as_str()))
        .bind(skill.approval.as_ref().map(|a| a.at.to_rfc3339()))
        .bind(skill.approval.as_ref().map(|a| a.hash.as_str()))
        .bind(skill.broken.as_deref())
        .bind(skill.created_at.to_rfc3339())
        .bind(skill.updated_at.to_rfc3339())
        .execute(&self.pool)
        .await;
        conflict_on_tool_name(result, &skill.tool_name)
    }

    /// Replaces every changeable column of a skill (all but id, agent and creation time);
    /// `false` when there is no such skill; `Conflict` when the new tool name is taken.
    pub async fn update_skill(&self, skill: &SkillRecord) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE skills SET provider_kind = ?, tool_name = ?, binding = ?, skill = ?, \
             content_hash = ?, schema_fingerprint = ?, state = ?, is_enabled = ?, diagnostics = ?, \
             approved_by = ?, approved_at = ?, approved_hash = ?, broken = ?, updated_at = ? \
             WHERE id = ? AND agent_id = ?",
        )
        .bind(&skill.provider_kind)
        .bind(&skill.tool_name)
        .bind(&skill.binding)
        .bind(&skill.skill)
        .bind(&skill.content_hash)
        .bind(&skill.schema_fingerprint)
        .bind(&skill.state)
        .bind(skill.is_enabled)
        .bind(&skill.diagnostics)
        .bind(skill.approval.as_ref().map(|a| a.by.as_str()))
        .bind(skill.approval.as_ref().map(|a| a.at.to_rfc3339()))
        .bind(skill.approval.as_ref().map(|a| a.hash.as_str()))
        .bind(skill.broken.as_deref())
        .bind(skill.updated_at.to_rfc3339())
        .bind(&skill.id)
        .bind(&skill.agent_id)
        .execute(&self.pool)
        .await;
        match result {
            Ok(done) => Ok(done.rows_affected() == 1),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "skill",
                key: skill.tool_name.clone(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// An agent's skills, by tool name.
    pub async fn skills_of(&self, agent_id: &str) -> Result<Vec<SkillRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM skills WHERE agent_id = ? ORDER BY tool_name, id"
        ))
        .bind(agent_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(skill_from_row).collect()
    }

    /// Every skill bound to a provider, of every agent.
    pub async fn skills_bound_to(
        &self,
        provider_kind: &str,
    ) -> Result<Vec<SkillRecord>, StoreError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM skills WHERE provider_kind = ? ORDER BY agent_id, tool_name, id"
        ))
        .bind(provider_kind)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(skill_from_row).collect()
    }

    /// One skill of an agent.
    pub async fn skill(
        &self,
        agent_id: &str,
        skill_id: &str,
    ) -> Result<Option<SkillRecord>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM skills WHERE agent_id = ? AND id = ?"
        ))
        .bind(agent_id)
        .bind(skill_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(skill_from_row).transpose()
    }

    /// Removes a skill of an agent; `false` when there was none.
    pub async fn delete_skill(&self, agent_id: &str, skill_id: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM skills WHERE agent_id = ? AND id = ?")
            .bind(agent_id)
            .bind(skill_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn conflict_on_tool_name(
    result: Result<sqlx::sqlite::SqliteQueryResult, sqlx::Error>,
    tool_name: &str,
) -> Result<(), StoreError> {
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
            what: "skill",
            key: tool_name.to_owned(),
        }),
        Err(e) => Err(e.into()),
    }
}

fn skill_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<SkillRecord, StoreError> {
    let time = |column: &str| -> Result<DateTime<Utc>, StoreError> {
        let text: String = row.try_get(column)?;
        parse_time(&text)
    };
    let approved_by: Option<String> = row.try_get("approved_by")?;
    let approved_at: Option<String> = row.try_get("approved_at")?;
    let approved_hash: Option<String> = row.try_get("approved_hash")?;
    let approval = match (approved_by, approved_at, approved_hash) {
        (Some(by), Some(at), Some(hash)) => Some(Approval {
            by,
            at: parse_time(&at)?,
            hash,
        }),
        _ => None,
    };
    Ok(SkillRecord {
        id: row.try_get("id")?,
        agent_id: row.try_get("agent_id")?,
        provider_kind: row.try_get("provider_kind")?,
        tool_name: row.try_get("tool_name")?,
        binding: row.try_get("binding")?,
        skill: row.try_get("skill")?,
        content_hash: row.try_get("content_hash")?,
        schema_fingerprint: row.try_get("schema_fingerprint")?,
        state: row.try_get("state")?,
        is_enabled: row.try_get("is_enabled")?,
        diagnostics: row.try_get("diagnostics")?,
        approval,
        broken: row.try_get("broken")?,
        created_at: time("created_at")?,
        updated_at: time("updated_at")?,
    })
}
