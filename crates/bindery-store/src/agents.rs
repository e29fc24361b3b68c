//! Agents: a name, a description and the agent's own parameters (JSON text; the store does not
//! read it).

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::error::{is_unique_violation, StoreError};
use crate::providers::parse_time;
use crate::Store;

/// An agent as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRecord {
    /// Id (`agt_…`).
    pub id: String,
    /// Name for people.
    pub name: String,
    /// What the agent is for.
    pub description: String,
    /// JSON array of the agent's own parameters.
    pub parameters: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Stores a new agent; `Conflict` if the id is taken.
    pub async fn insert_agent(&self, agent: &AgentRecord) -> Result<(), StoreError> {
        let result = sqlx::query(
            "INSERT INTO agents(id, name, description, parameters, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&agent.id)
        .bind(&agent.name)
        .bind(&agent.description)
        .bind(&agent.parameters)
        .bind(agent.created_at.to_rfc3339())
        .execute(&self.pool)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                what: "agent",
                key: agent.id.clone(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Every agent, oldest first.
    pub async fn agents(&self) -> Result<Vec<AgentRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, description, parameters, created_at FROM agents ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(agent_from_row).collect()
    }

    /// One agent.
    pub async fn agent(&self, id: &str) -> Result<Option<AgentRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, description, parameters, created_at FROM agents WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(agent_from_row).transpose()
    }
}

fn agent_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<AgentRecord, StoreError> {
    let created_at: String = row.try_get("created_at")?;
    Ok(AgentRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        parameters: row.try_get("parameters")?,
        created_at: parse_time(&created_at)?,
    })
}
