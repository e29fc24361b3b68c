//! Approving and enabling skills: an approval records who approved which content hash and
//! when; a write is enabled only once approved; a broken skill is neither approved nor enabled.

use bindery_binding::{validate, Binding, Context};
use bindery_schema::Severity;
use bindery_store::{Approval, SkillRecord};
use serde::Deserialize;
use serde_json::Value;

use crate::agents::{parse_body, registry};
use crate::integrations::internal;
use crate::skills::{is_approved, is_write, view, SkillView};
use crate::{ApiError, Bindery, ErrorCode};

/// Body of `POST /agents/{agentId}/skills/{skillId}/approve`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApproveRequest {
    /// Who approves (a name or an e-mail address; recorded as given).
    pub by: String,
}

/// Body of `POST /agents/{agentId}/skills/{skillId}/enable`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnableRequest {
    /// Enable (`true`) or disable (`false`).
    pub enabled: bool,
}

fn refuse_broken(record: &SkillRecord, doing: &str) -> Result<(), ApiError> {
    match &record.broken {
        None => Ok(()),
        Some(broken) => Err(ApiError::new(
            ErrorCode::SkillBroken,
            format!(
                "\"{}\" was broken by a change in {}'s schema and cannot be {doing}; update its binding first",
                record.tool_name, record.provider_kind
            ),
        )
        .with_diagnostics(
            &serde_json::from_str::<Value>(broken)
                .ok()
                .and_then(|b| b.get("diagnostics").and_then(Value::as_array).cloned())
                .unwrap_or_default(),
        )),
    }
}

impl Bindery {
    /// `POST /agents/{agentId}/skills/{skillId}/approve`: records who approved the skill's
    /// current content hash, and when. The binding is validated again against the provider's
    /// newest schema and scoping first: `skill_broken` / `skill_not_valid` (409) otherwise.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn approve_skill(
        &self,
        agent_id: &str,
        skill_id: &str,
        body: Value,
    ) -> Result<SkillView, ApiError> {
        let request: ApproveRequest = parse_body(body)?;
        let by = request.by.trim();
        if by.is_empty() {
            return Err(ApiError::invalid_body("by", "say who approves"));
        }
        let (agent, record) = self.skill_record(agent_id, skill_id).await?;
        refuse_broken(&record, "approved")?;
        let binding: Binding = serde_json::from_str(&record.binding)
            .map_err(|e| internal(format!("stored binding does not parse: {e}")))?;
        let target = self.bind_target(&record.provider_kind).await?;
        let taken = self.taken_names(agent_id, Some(skill_id)).await?;
        let registry = registry(&agent)?;
        let validation = validate(
            binding,
            &Context {
                schema: &target.scoped,
                unscoped: Some(&target.full),
                schema_fingerprint: &target.fingerprint,
                registry: &registry,
                taken_tool_names: &taken,
            },
        );
        if validation.has_errors() {
            let errors: Vec<_> = validation
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            return Err(ApiError::new(
                ErrorCode::SkillNotValid,
                format!(
                    "\"{}\" no longer validates against {} ({} problem{}); update its binding",
                    record.tool_name,
                    record.provider_kind,
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                ),
            )
            .with_diagnostics(&errors));
        }
        let approved = SkillRecord {
            approval: Some(Approval {
                by: by.to_owned(),
                at: self.now(),
                hash: record.content_hash.clone(),
            }),
            state: "approved".to_owned(),
            updated_at: self.now(),
            ..record
        };
        self.store.update_skill(&approved).await?;
        tracing::info!(skill = %approved.id, hash = %approved.content_hash, "skill approved");
        view(approved)
    }

    /// `POST /agents/{agentId}/skills/{skillId}/enable` with `{"enabled": true|false}`. A
    /// write is enabled only once its current content is approved (`approval_required`); a
    /// broken skill is not enabled (`skill_broken`). Disabling always works.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn enable_skill(
        &self,
        agent_id: &str,
        skill_id: &str,
        body: Value,
    ) -> Result<SkillView, ApiError> {
        let request: EnableRequest = parse_body(body)?;
        let (_, record) = self.skill_record(agent_id, skill_id).await?;
        if request.enabled {
            refuse_broken(&record, "enabled")?;
            if is_write(&record) && !is_approved(&record) {
                return Err(ApiError::new(
                    ErrorCode::ApprovalRequired,
                    format!(
                        "\"{}\" changes data: approve it before enabling it",
                        record.tool_name
                    ),
                ));
            }
        }
        let state = if record.state == "draft" && request.enabled {
            "valid".to_owned()
        } else {
            record.state.clone()
        };
        let changed = SkillRecord {
            is_enabled: request.enabled,
            state,
            updated_at: self.now(),
            ..record
        };
        self.store.update_skill(&changed).await?;
        tracing::info!(skill = %changed.id, enabled = changed.is_enabled, "skill enablement set");
        view(changed)
    }
}
