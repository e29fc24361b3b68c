//! Agents and skills: one-line delegations to `bindery_api`, as the HTTP routes are. Bodies
//! arrive as JSON values and are checked by the core (`validation_error` with `errors[]`).

use bindery_api::{
    Agent, AgentVersion, ApiError, DriftOutcome, SkillView, TryRunView, VersionDiff,
};
use serde_json::Value;

use crate::commands::Api;

#[tauri::command]
pub async fn list_agents(api: Api<'_>) -> Result<Vec<Agent>, ApiError> {
    api.list_agents().await
}

#[tauri::command]
pub async fn create_agent(api: Api<'_>, body: Value) -> Result<Agent, ApiError> {
    api.create_agent(body).await
}

#[tauri::command]
pub async fn get_agent(api: Api<'_>, agent: String) -> Result<Agent, ApiError> {
    api.agent(&agent).await
}

#[tauri::command]
pub async fn bind_skill(
    api: Api<'_>,
    agent: String,
    kind: String,
    binding: Value,
) -> Result<SkillView, ApiError> {
    api.bind(&agent, &kind, binding).await
}

#[tauri::command]
pub async fn list_skills(api: Api<'_>, agent: String) -> Result<Vec<SkillView>, ApiError> {
    api.list_skills(&agent).await
}

#[tauri::command]
pub async fn get_skill(api: Api<'_>, agent: String, skill: String) -> Result<SkillView, ApiError> {
    api.skill(&agent, &skill).await
}

#[tauri::command]
pub async fn update_skill(
    api: Api<'_>,
    agent: String,
    skill: String,
    binding: Value,
) -> Result<SkillView, ApiError> {
    api.update_skill(&agent, &skill, binding).await
}

#[tauri::command]
pub async fn delete_skill(api: Api<'_>, agent: String, skill: String) -> Result<Value, ApiError> {
    api.delete_skill(&agent, &skill).await
}

#[tauri::command]
pub async fn approve_skill(
    api: Api<'_>,
    agent: String,
    skill: String,
    body: Value,
) -> Result<SkillView, ApiError> {
    api.approve_skill(&agent, &skill, body).await
}

/// Runs a skill against its provider with sample inputs (a write only with `confirm: true`).
#[tauri::command]
pub async fn try_skill(
    api: Api<'_>,
    agent: String,
    skill: String,
    body: Value,
) -> Result<TryRunView, ApiError> {
    api.try_skill(&agent, &skill, body).await
}

#[tauri::command]
pub async fn enable_skill(
    api: Api<'_>,
    agent: String,
    skill: String,
    body: Value,
) -> Result<SkillView, ApiError> {
    api.enable_skill(&agent, &skill, body).await
}

#[tauri::command]
pub async fn publish_agent(
    api: Api<'_>,
    agent: String,
    body: Value,
) -> Result<AgentVersion, ApiError> {
    api.publish(&agent, body).await
}

#[tauri::command]
pub async fn list_versions(api: Api<'_>, agent: String) -> Result<Vec<AgentVersion>, ApiError> {
    api.versions(&agent).await
}

#[tauri::command]
pub async fn diff_versions(
    api: Api<'_>,
    agent: String,
    version: String,
    against: Option<String>,
) -> Result<VersionDiff, ApiError> {
    api.diff_versions(&agent, &version, against.as_deref())
        .await
}

#[tauri::command]
pub async fn get_drift(api: Api<'_>, kind: String) -> Result<Option<DriftOutcome>, ApiError> {
    api.drift(&kind).await
}
