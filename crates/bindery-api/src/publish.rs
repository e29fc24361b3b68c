//! Publishing: an agent's approved skills frozen into an immutable, numbered version; the
//! version history; and a readable, semantic diff between two versions or a version and the
//! current draft (the platform's `{field, before, after, kind}` entries).

use std::collections::BTreeMap;

use bindery_store::{NewVersion, SkillRecord, VersionRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::agents::{new_id, parse_body};
use crate::error::FieldError;
use crate::integrations::internal;
use crate::skills::is_approved;
use crate::{ApiError, Bindery, ErrorCode};

/// Body of `POST /agents/{id}/publish`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishRequest {
    /// What changed, in the publisher's words.
    #[serde(default)]
    pub note: Option<String>,
    /// Who publishes.
    #[serde(default)]
    pub by: Option<String>,
}

/// One skill as a version froze it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrozenSkill {
    /// The skill's id when it was published.
    pub skill_id: String,
    /// Its tool name.
    pub tool_name: String,
    /// The provider it reads.
    pub provider_kind: String,
    /// Whether it was enabled.
    pub is_enabled: bool,
    /// Its approval.
    pub approval: FrozenApproval,
    /// The compiled skill.
    pub skill: Value,
}

/// An approval as a version froze it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrozenApproval {
    /// Who approved.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The content hash approved.
    pub content_hash: String,
}

/// A published version (the platform's `AgentVersion`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentVersion {
    /// Id (`ver_…`).
    pub id: String,
    /// The agent.
    pub agent_id: String,
    /// 1, 2, 3, …
    pub version: i64,
    /// What changed.
    pub note: Option<String>,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// Who published.
    pub published_by: Option<String>,
    /// The frozen skills, by tool name.
    pub skills: Vec<FrozenSkill>,
}

/// One difference between two versions (or a version and the draft).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffEntry {
    /// What differs, readably: `skills["Look up the caller"]`,
    /// `skills["Look up the caller"].description`,
    /// `skills["Look up the caller"].executionConfig.statement`.
    pub field: String,
    /// The old value (`null` when added).
    pub before: Value,
    /// The new value (`null` when removed).
    pub after: Value,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
}

/// Answer of the diff: what is compared, and the entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionDiff {
    /// The older side: `v1`.
    pub from: String,
    /// The newer side: `v2` or `draft`.
    pub to: String,
    /// Every difference, by tool name and field.
    pub entries: Vec<DiffEntry>,
}

fn version_view(record: VersionRecord) -> Result<AgentVersion, ApiError> {
    let skills: Vec<FrozenSkill> = serde_json::from_str(&record.skills)
        .map_err(|e| internal(format!("stored version {} does not parse: {e}", record.id)))?;
    Ok(AgentVersion {
        id: record.id,
        agent_id: record.agent_id,
        version: record.version,
        note: record.note,
        published_at: record.published_at,
        published_by: record.published_by,
        skills,
    })
}

fn skill_json(record: &SkillRecord) -> Result<Value, ApiError> {
    serde_json::from_str(&record.skill)
        .map_err(|e| internal(format!("stored skill {} does not parse: {e}", record.id)))
}

impl Bindery {
    /// `POST /agents/{id}/publish`: freezes every approved skill (with its approval) into the
    /// agent's next numbered version. Refused (`skill_broken`, 409) while an approved or enabled
    /// skill is broken.
    #[tracing::instrument(skip_all, fields(agent = agent_id), err(level = "info"))]
    pub async fn publish(&self, agent_id: &str, body: Value) -> Result<AgentVersion, ApiError> {
        let request: PublishRequest = if body.is_null() {
            PublishRequest::default()
        } else {
            parse_body(body)?
        };
        self.agent_record(agent_id).await?;
        let skills = self.store.skills_of(agent_id).await?;
        let broken: Vec<&SkillRecord> = skills
            .iter()
            .filter(|s| s.broken.is_some() && (s.approval.is_some() || s.is_enabled))
            .collect();
        if !broken.is_empty() {
            let names: Vec<&str> = broken.iter().map(|s| s.tool_name.as_str()).collect();
            let mut error = ApiError::new(
                ErrorCode::SkillBroken,
                format!(
                    "a schema change broke {}; update and approve again before publishing",
                    names.join(", ")
                ),
            );
            *error.errors = broken
                .iter()
                .map(|s| FieldError {
                    field: format!("skills[{}]", quoted(&s.tool_name)),
                    message: format!("broken by a change in {}'s schema", s.provider_kind),
                })
                .collect();
            return Err(error);
        }
        let mut frozen = Vec::new();
        for record in skills.iter().filter(|s| is_approved(s)) {
            let Some(approval) = &record.approval else {
                continue;
            };
            frozen.push(FrozenSkill {
                skill_id: record.id.clone(),
                tool_name: record.tool_name.clone(),
                provider_kind: record.provider_kind.clone(),
                is_enabled: record.is_enabled,
                approval: FrozenApproval {
                    by: approval.by.clone(),
                    at: approval.at,
                    content_hash: approval.hash.clone(),
                },
                skill: skill_json(record)?,
            });
        }
        let skills_json = serde_json::to_string(&frozen).map_err(internal)?;
        let note = request
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let by = request
            .by
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let id = new_id("ver");
        let record = self
            .store
            .insert_version(&NewVersion {
                id: &id,
                agent_id,
                skills: &skills_json,
                note,
                published_by: by,
                published_at: self.now(),
            })
            .await?;
        tracing::info!(
            agent = agent_id,
            version = record.version,
            skills = frozen.len(),
            "agent published"
        );
        version_view(record)
    }

    /// `GET /agents/{id}/versions`: the published versions, newest first.
    #[tracing::instrument(skip_all, fields(agent = agent_id), err(level = "info"))]
    pub async fn versions(&self, agent_id: &str) -> Result<Vec<AgentVersion>, ApiError> {
        self.agent_record(agent_id).await?;
        self.store
            .versions(agent_id)
            .await?
            .into_iter()
            .map(version_view)
            .collect()
    }

    /// `GET /agents/{id}/versions/{versionId}/diff?against=draft|<versionId>`: what changed
    /// from the version (by id or number) to the draft (the agent's skills now, whatever their
    /// state) or to another version.
    #[tracing::instrument(skip_all, fields(agent = agent_id, version = version), err(level = "info"))]
    pub async fn diff_versions(
        &self,
        agent_id: &str,
        version: &str,
        against: Option<&str>,
    ) -> Result<VersionDiff, ApiError> {
        self.agent_record(agent_id).await?;
        let from = self.version_record(agent_id, version).await?;
        let from_label = format!("v{}", from.version);
        let before = frozen_map(&version_view(from)?.skills);
        let (to_label, after) = match against.map(str::trim).filter(|a| !a.is_empty()) {
            None | Some("draft") => {
                let mut draft = BTreeMap::new();
                for record in self.store.skills_of(agent_id).await? {
                    let mut skill = skill_json(&record)?;
                    set_enabled(&mut skill, record.is_enabled);
                    draft.insert(record.tool_name.clone(), skill);
                }
                ("draft".to_owned(), draft)
            }
            Some(other) => {
                let to = self.version_record(agent_id, other).await?;
                (
                    format!("v{}", to.version),
                    frozen_map(&version_view(to)?.skills),
                )
            }
        };
        Ok(VersionDiff {
            from: from_label,
            to: to_label,
            entries: diff_skills(&before, &after),
        })
    }

    async fn version_record(
        &self,
        agent_id: &str,
        version: &str,
    ) -> Result<VersionRecord, ApiError> {
        let wanted = version.trim().trim_start_matches('v');
        let wanted = if wanted.parse::<i64>().is_ok() {
            wanted
        } else {
            version
        };
        self.store.version(agent_id, wanted).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::VersionNotFound,
                format!("agent {agent_id} has no version {version:?}"),
            )
        })
    }
}

/// The frozen skills by tool name, each with its enablement at publish time.
fn frozen_map(skills: &[FrozenSkill]) -> BTreeMap<String, Value> {
    skills
        .iter()
        .map(|f| {
            let mut skill = f.skill.clone();
            set_enabled(&mut skill, f.is_enabled);
            (f.tool_name.clone(), skill)
        })
        .collect()
}

/// A compiled skill says whether it *starts* enabled; the diff shows whether it *is*.
fn set_enabled(skill: &mut Value, enabled: bool) {
    if let Some(map) = skill.as_object_mut() {
        map.insert("isEnabled".to_owned(), Value::Bool(enabled));
    }
}

/// A tool name as a readable key: `"Look up the caller"`.
fn quoted(name: &str) -> String {
    serde_json::to_string(name).unwrap_or_else(|_| format!("\"{name}\""))
}

/// Keys left out of the diff: the content hash changes with every other change.
const IGNORED: &[&str] = &["contentHash"];

/// Diffs two skill sets by tool name; inside a skill by top-level key, and inside
/// `executionConfig` by its keys.
pub(crate) fn diff_skills(
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
) -> Vec<DiffEntry> {
    let mut entries = Vec::new();
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let field = format!("skills[{}]", quoted(name));
        match (before.get(name), after.get(name)) {
            (Some(old), Some(new)) => diff_object(&field, old, new, 0, &mut entries),
            (old, new) => entries.push(entry(field, old.cloned(), new.cloned())),
        }
    }
    entries
}

fn diff_object(field: &str, old: &Value, new: &Value, depth: u8, out: &mut Vec<DiffEntry>) {
    let (Some(a), Some(b)) = (old.as_object(), new.as_object()) else {
        if old != new {
            out.push(entry(
                field.to_owned(),
                Some(old.clone()),
                Some(new.clone()),
            ));
        }
        return;
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if depth == 0 && IGNORED.contains(&key.as_str()) {
            continue;
        }
        let (x, y) = (a.get(key), b.get(key));
        if x == y {
            continue;
        }
        let path = format!("{field}.{key}");
        match (x, y) {
            (Some(x), Some(y)) if depth == 0 && key == "executionConfig" => {
                diff_object(&path, x, y, depth + 1, out);
            }
            _ => out.push(entry(path, x.cloned(), y.cloned())),
        }
    }
}

fn entry(field: String, before: Option<Value>, after: Option<Value>) -> DiffEntry {
    let kind = match (&before, &after) {
        (None, _) => "added",
        (_, None) => "removed",
        _ => "changed",
    };
    DiffEntry {
        field,
        before: before.unwrap_or(Value::Null),
        after: after.unwrap_or(Value::Null),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_diff_names_skills_and_execution_config_keys_readably() {
        let before = BTreeMap::from([
            (
                "Look up the caller".to_owned(),
                json!({"description": "a", "contentHash": "1",
                       "executionConfig": {"statement": "SELECT 1", "rowLimit": 1}}),
            ),
            ("Gone".to_owned(), json!({"description": "g"})),
        ]);
        let after = BTreeMap::from([
            (
                "Look up the caller".to_owned(),
                json!({"description": "a", "contentHash": "2",
                       "executionConfig": {"statement": "SELECT 2", "rowLimit": 1}}),
            ),
            ("New".to_owned(), json!({"description": "n"})),
        ]);
        let entries = diff_skills(&before, &after);
        let fields: Vec<(&str, &str)> =
            entries.iter().map(|e| (e.field.as_str(), e.kind)).collect();
        assert_eq!(
            fields,
            vec![
                ("skills[\"Gone\"]", "removed"),
                (
                    "skills[\"Look up the caller\"].executionConfig.statement",
                    "changed"
                ),
                ("skills[\"New\"]", "added"),
            ],
            "{entries:#?}"
        );
        assert_eq!(entries[1].before, json!("SELECT 1"), "before value");
        assert_eq!(entries[1].after, json!("SELECT 2"), "after value");
    }
}
