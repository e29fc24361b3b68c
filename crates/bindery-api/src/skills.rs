//! Skills: a binding validated against a provider's newest schema (data scoping applied),
//! compiled to a frozen skill and saved on an agent. Writes always land disabled; `enabled:
//! false` saves a draft; a change to what a skill does (its content hash) clears its approval.

use std::sync::Arc;

use bindery_binding::{Binding, BindingDiagnostic, ParamRegistry, Skill};
use bindery_schema::Schema;
use bindery_store::{AgentRecord, SkillRecord};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::agents::{new_id, parse_body, registry};
use crate::integrations::internal;
use crate::{ApiError, Bindery, ErrorCode};

/// A skill of an agent, as every shell shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillView {
    /// Id (`skl_…`).
    pub id: String,
    /// The agent.
    pub agent_id: String,
    /// The provider the binding reads.
    pub provider_kind: String,
    /// The tool name.
    pub tool_name: String,
    /// `draft` (saved with `enabled: false`), `valid` or `approved` (the approval is of the
    /// current content hash).
    pub state: String,
    /// Whether the agent may call it.
    pub is_enabled: bool,
    /// Whether it changes data.
    pub is_write: bool,
    /// The binding as authored.
    pub binding: Value,
    /// The compiled skill.
    pub skill: Value,
    /// Content hash of the compiled skill.
    pub content_hash: String,
    /// Fingerprint of the schema it was validated against.
    pub schema_fingerprint: String,
    /// The warnings of its last validation.
    pub diagnostics: Value,
    /// Who approved which hash, and when.
    pub approval: Option<ApprovalView>,
    /// Why a re-discovery broke it (`changes`, `diagnostics`); `null` when it is fine. A broken
    /// skill is disabled and cannot be approved, enabled or published until its binding is
    /// updated and approved again.
    pub broken: Option<Value>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// An approval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalView {
    /// Who approved.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The content hash approved.
    pub content_hash: String,
}

/// Whether a stored skill's approval is of its current content.
pub(crate) fn is_approved(record: &SkillRecord) -> bool {
    record
        .approval
        .as_ref()
        .is_some_and(|a| a.hash == record.content_hash)
}

/// Whether a stored skill changes data.
pub(crate) fn is_write(record: &SkillRecord) -> bool {
    serde_json::from_str::<Value>(&record.skill)
        .ok()
        .and_then(|s| s.get("isWrite").and_then(Value::as_bool))
        .unwrap_or(true)
}

fn json(text: &str, what: &str) -> Result<Value, ApiError> {
    serde_json::from_str(text).map_err(|e| internal(format!("stored {what} does not parse: {e}")))
}

pub(crate) fn view(record: SkillRecord) -> Result<SkillView, ApiError> {
    Ok(SkillView {
        state: record.state.clone(),
        is_write: is_write(&record),
        binding: json(&record.binding, "binding")?,
        skill: json(&record.skill, "skill")?,
        diagnostics: json(&record.diagnostics, "diagnostics")?,
        broken: record
            .broken
            .as_deref()
            .map(|b| json(b, "drift record"))
            .transpose()?,
        approval: record.approval.map(|a| ApprovalView {
            by: a.by,
            at: a.at,
            content_hash: a.hash,
        }),
        id: record.id,
        agent_id: record.agent_id,
        provider_kind: record.provider_kind,
        tool_name: record.tool_name,
        is_enabled: record.is_enabled,
        content_hash: record.content_hash,
        schema_fingerprint: record.schema_fingerprint,
        created_at: record.created_at,
        updated_at: record.updated_at,
    })
}

/// A provider's newest snapshot, parsed: as discovered and with its data scoping applied.
pub(crate) struct Target {
    /// The snapshot parsed and the scoping applied (the cache key).
    snapshot_id: i64,
    scoping: bindery_schema::Scoping,
    pub(crate) full: Schema,
    pub(crate) scoped: Schema,
    pub(crate) fingerprint: String,
}

impl Target {
    /// A schema outside any workspace (one-shot): nothing is blocked.
    pub(crate) fn without_scoping(schema: Schema) -> Target {
        Target {
            snapshot_id: 0,
            scoping: bindery_schema::Scoping::default(),
            fingerprint: schema.fingerprint(),
            full: schema.clone(),
            scoped: schema,
        }
    }
}

/// Validates a binding against a target and compiles it: the skill with the validation's
/// warnings, or `duplicate_tool_name` (409) / `binding_invalid` (422) carrying the diagnostics.
pub(crate) fn check(
    binding: Binding,
    target: &Target,
    registry: &ParamRegistry,
    taken: &[String],
) -> Result<(Binding, Skill, Vec<BindingDiagnostic>), ApiError> {
    crate::preview::evaluate(binding, target, registry, taken).into_result()
}

/// `draft` when the binding says `enabled: false`, else `valid`.
fn state_of(binding: &Binding) -> &'static str {
    if binding.enabled == Some(false) {
        "draft"
    } else {
        "valid"
    }
}

impl Bindery {
    /// The provider's newest snapshot parsed, with and without its scoping: `provider_not_found`
    /// or `provider_not_discovered` (404) otherwise. Parsed once per snapshot and scoping: a
    /// newer snapshot or a scoping change parses again.
    pub(crate) async fn bind_target(&self, kind: &str) -> Result<Arc<Target>, ApiError> {
        let provider = self.provider(kind).await?;
        let scoping = crate::scoping::stored(&provider);
        let not_discovered = || {
            ApiError::new(
                ErrorCode::ProviderNotDiscovered,
                format!("{kind} has not been discovered yet; discover it before binding"),
            )
        };
        let latest = self
            .store
            .latest_snapshot_id(kind)
            .await?
            .ok_or_else(not_discovered)?;
        if let Some(hit) = self
            .targets()
            .get(kind)
            .filter(|t| t.snapshot_id >= latest && t.scoping == scoping)
        {
            return Ok(hit.clone());
        }
        let record = self
            .store
            .latest_snapshot(kind)
            .await?
            .ok_or_else(not_discovered)?;
        let fingerprint = record.meta.fingerprint.clone();
        let snapshot_id = record.meta.id;
        // Parsing a large schema is CPU work: keep it off the async workers.
        let target = tokio::task::spawn_blocking(move || -> Result<Target, ApiError> {
            let full: Schema = serde_json::from_slice(&record.schema_json)
                .map_err(|e| internal(format!("stored schema does not parse: {e}")))?;
            let scoped = scoping.apply(&full);
            Ok(Target {
                snapshot_id,
                scoping,
                full,
                scoped,
                fingerprint,
            })
        })
        .await
        .map_err(internal)??;
        let target = Arc::new(target);
        self.targets().insert(kind.to_owned(), target.clone());
        Ok(target)
    }

    /// Drops a provider's parsed binding target (it was disconnected).
    pub(crate) fn forget_target(&self, kind: &str) {
        self.targets().remove(kind);
    }

    fn targets(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Arc<Target>>> {
        // Inserts and removals are atomic: a poisoned lock still holds a consistent map.
        self.targets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The other skills' tool names of an agent (all but `except`).
    pub(crate) async fn taken_names(
        &self,
        agent_id: &str,
        except: Option<&str>,
    ) -> Result<Vec<String>, ApiError> {
        Ok(self
            .store
            .skills_of(agent_id)
            .await?
            .into_iter()
            .filter(|s| Some(s.id.as_str()) != except)
            .map(|s| s.tool_name)
            .collect())
    }

    /// `POST /agents/{agentId}/integrations/{kind}/bindings`: validates the binding against the
    /// provider's schema, compiles it and saves it as a skill (a write lands disabled).
    #[tracing::instrument(skip_all, fields(agent = agent_id, kind), err(level = "info"))]
    pub async fn bind(
        &self,
        agent_id: &str,
        kind: &str,
        body: Value,
    ) -> Result<SkillView, ApiError> {
        let agent = self.agent_record(agent_id).await?;
        let binding: Binding = parse_body(body)?;
        let target = self.bind_target(kind).await?;
        let taken = self.taken_names(agent_id, None).await?;
        let (binding, skill, warnings) = check(binding, &target, &registry(&agent)?, &taken)?;
        let now = self.now();
        let record = SkillRecord {
            id: new_id("skl"),
            agent_id: agent.id,
            provider_kind: kind.to_owned(),
            tool_name: binding.tool_name.trim().to_owned(),
            binding: serde_json::to_string(&binding).map_err(internal)?,
            skill: serde_json::to_string(&skill).map_err(internal)?,
            content_hash: skill.content_hash.clone(),
            schema_fingerprint: skill.schema_fingerprint.clone(),
            state: state_of(&binding).to_owned(),
            is_enabled: skill.is_enabled && !skill.is_write,
            diagnostics: serde_json::to_string(&warnings).map_err(internal)?,
            approval: None,
            broken: None,
            created_at: now,
            updated_at: now,
        };
        self.store.insert_skill(&record).await?;
        tracing::info!(skill = %record.id, write = skill.is_write, state = %record.state, "skill saved");
        view(record)
    }

    /// `GET /agents/{agentId}/skills`: an agent's skills by tool name.
    #[tracing::instrument(skip_all, fields(agent = agent_id), err(level = "info"))]
    pub async fn list_skills(&self, agent_id: &str) -> Result<Vec<SkillView>, ApiError> {
        self.agent_record(agent_id).await?;
        self.store
            .skills_of(agent_id)
            .await?
            .into_iter()
            .map(view)
            .collect()
    }

    /// `GET /agents/{agentId}/skills/{skillId}`.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn skill(&self, agent_id: &str, skill_id: &str) -> Result<SkillView, ApiError> {
        view(self.skill_record(agent_id, skill_id).await?.1)
    }

    /// The agent and its skill, or `agent_not_found` / `skill_not_found`.
    pub(crate) async fn skill_record(
        &self,
        agent_id: &str,
        skill_id: &str,
    ) -> Result<(AgentRecord, SkillRecord), ApiError> {
        let agent = self.agent_record(agent_id).await?;
        let skill = self.store.skill(agent_id, skill_id).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::SkillNotFound,
                format!("agent {agent_id} has no skill with id {skill_id:?}"),
            )
        })?;
        Ok((agent, skill))
    }

    /// `PUT /agents/{agentId}/skills/{skillId}`: replaces the skill's binding, validated and
    /// compiled again against the provider's newest schema. When what the skill does changes
    /// (its content hash), or it was broken, its approval is cleared and it is disabled.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn update_skill(
        &self,
        agent_id: &str,
        skill_id: &str,
        body: Value,
    ) -> Result<SkillView, ApiError> {
        let binding: Binding = parse_body(body)?;
        self.rebind(agent_id, skill_id, binding).await
    }

    /// `PATCH /agents/{agentId}/skills/{skillId}`: a JSON merge patch (RFC 7396) of the stored
    /// binding (`{"description": "…"}`), then as `PUT`.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn patch_skill(
        &self,
        agent_id: &str,
        skill_id: &str,
        patch: Value,
    ) -> Result<SkillView, ApiError> {
        if !patch.is_object() {
            return Err(ApiError::invalid_body(
                "body",
                "a patch is a JSON object of the binding fields to change",
            ));
        }
        let (_, record) = self.skill_record(agent_id, skill_id).await?;
        let mut binding = json(&record.binding, "binding")?;
        merge_patch(&mut binding, patch);
        let binding: Binding = parse_body(binding)?;
        self.rebind(agent_id, skill_id, binding).await
    }

    async fn rebind(
        &self,
        agent_id: &str,
        skill_id: &str,
        binding: Binding,
    ) -> Result<SkillView, ApiError> {
        let (agent, old) = self.skill_record(agent_id, skill_id).await?;
        let target = self.bind_target(&old.provider_kind).await?;
        let taken = self.taken_names(agent_id, Some(skill_id)).await?;
        let (binding, skill, warnings) = check(binding, &target, &registry(&agent)?, &taken)?;
        let same = skill.content_hash == old.content_hash && old.broken.is_none();
        let approval = if same { old.approval.clone() } else { None };
        let state = if same && is_approved(&old) {
            "approved"
        } else {
            state_of(&binding)
        };
        let record = SkillRecord {
            tool_name: binding.tool_name.trim().to_owned(),
            binding: serde_json::to_string(&binding).map_err(internal)?,
            skill: serde_json::to_string(&skill).map_err(internal)?,
            content_hash: skill.content_hash.clone(),
            schema_fingerprint: skill.schema_fingerprint.clone(),
            state: state.to_owned(),
            is_enabled: same && old.is_enabled,
            diagnostics: serde_json::to_string(&warnings).map_err(internal)?,
            approval,
            broken: None,
            updated_at: self.now(),
            ..old.clone()
        };
        self.store.update_skill(&record).await?;
        if !same {
            tracing::info!(
                skill = %record.id,
                repaired = old.broken.is_some(),
                had_approval = old.approval.is_some(),
                "skill changed: approval cleared and disabled"
            );
        }
        view(record)
    }

    /// `DELETE /agents/{agentId}/skills/{skillId}`: removes the skill (published versions keep
    /// their frozen copy).
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn delete_skill(&self, agent_id: &str, skill_id: &str) -> Result<Value, ApiError> {
        let (_, record) = self.skill_record(agent_id, skill_id).await?;
        self.store.delete_skill(agent_id, skill_id).await?;
        tracing::info!(skill = %record.id, "skill deleted");
        Ok(serde_json::json!({ "id": record.id, "toolName": record.tool_name, "deleted": true }))
    }
}

/// RFC 7396: objects merge key by key, `null` removes a key, anything else replaces.
fn merge_patch(target: &mut Value, patch: Value) {
    match patch {
        Value::Object(fields) => {
            if !target.is_object() {
                *target = Value::Object(serde_json::Map::new());
            }
            if let Value::Object(map) = target {
                for (key, value) in fields {
                    if value.is_null() {
                        map.remove(&key);
                    } else {
                        merge_patch(map.entry(key).or_insert(Value::Null), value);
                    }
                }
            }
        }
        other => *target = other,
    }
}

#[cfg(test)]
mod tests {
    use super::merge_patch;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut target, json!({"a": "z", "c": {"f": null}}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}), "merged");
        merge_patch(&mut target, json!({"c": [1]}));
        assert_eq!(target, json!({"a": "z", "c": [1]}), "arrays replace");
    }
}
