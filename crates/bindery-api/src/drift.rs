//! Drift: when a provider is discovered again, its new schema is diffed against the previous
//! snapshot; each change is classified (breaking, dangerous, safe) and intersected with what
//! every skill bound to the provider relies on. A skill that a breaking change touches, or whose
//! binding no longer validates on the new schema, is marked broken and disabled; it cannot be
//! approved, enabled or published until its binding is updated and approved again.

use std::collections::HashMap;

use bindery_binding::drift::{breaking_for, dangerous_for, dependencies, Change, DriftSummary};
use bindery_binding::{validate, Binding, BindingDiagnostic, Context, ParamRegistry};
use bindery_schema::{Schema, Severity};
use bindery_store::{SkillRecord, SnapshotRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::integrations::internal;
use crate::{ApiError, Bindery};

/// What a re-discovery changed, and which skills it touched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftOutcome {
    /// The provider.
    pub kind: String,
    /// When the re-discovery ran.
    pub detected_at: DateTime<Utc>,
    /// Fingerprint of the previous snapshot.
    pub from_fingerprint: String,
    /// Fingerprint of the new one.
    pub to_fingerprint: String,
    /// Counts of changes by impact.
    pub summary: DriftSummary,
    /// Every change that matters to bindings.
    pub changes: Vec<Change>,
    /// The skills a change touches or that no longer validate.
    pub affected: Vec<AffectedSkill>,
}

/// One skill a re-discovery touched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AffectedSkill {
    /// Its agent.
    pub agent_id: String,
    /// The skill.
    pub skill_id: String,
    /// Its tool name.
    pub tool_name: String,
    /// Marked broken (and disabled) by this re-discovery.
    pub broken: bool,
    /// It had an approval (which can no longer be published).
    pub was_approved: bool,
    /// The breaking changes it relies on.
    pub breaking: Vec<Change>,
    /// The dangerous changes it relies on (worth a review; not broken by them).
    pub dangerous: Vec<Change>,
    /// The errors of validating its binding against the new schema.
    pub diagnostics: Vec<BindingDiagnostic>,
}

/// What `broken` holds on a skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Broken {
    detected_at: DateTime<Utc>,
    from_fingerprint: String,
    to_fingerprint: String,
    changes: Vec<Change>,
    diagnostics: Vec<BindingDiagnostic>,
}

fn meta_key(kind: &str) -> String {
    format!("drift:{kind}")
}

/// Per agent: the parameters its bindings may use and every skill's tool name.
struct AgentContext {
    registry: ParamRegistry,
    names: Vec<(String, String)>,
}

impl Bindery {
    /// Runs after a re-discovery stored `new` (fingerprint `new_fingerprint`): diffs it against
    /// `previous`, marks the skills it broke and keeps the report for
    /// `GET /integrations/{kind}/drift`. `None` on a first discovery.
    pub(crate) async fn after_rediscovery(
        &self,
        kind: &str,
        previous: Option<SnapshotRecord>,
        new: &Schema,
        new_fingerprint: &str,
    ) -> Result<Option<DriftOutcome>, ApiError> {
        let Some(previous) = previous else {
            if self.store.meta(&meta_key(kind)).await?.is_some() {
                self.store.set_meta(&meta_key(kind), "null").await?;
            }
            return Ok(None);
        };
        let from_fingerprint = previous.meta.fingerprint.clone();
        let now = self.now();
        let mut outcome = DriftOutcome {
            kind: kind.to_owned(),
            detected_at: now,
            from_fingerprint: from_fingerprint.clone(),
            to_fingerprint: new_fingerprint.to_owned(),
            summary: DriftSummary::default(),
            changes: Vec::new(),
            affected: Vec::new(),
        };
        if from_fingerprint != new_fingerprint {
            let parsed = tokio::task::spawn_blocking(move || {
                serde_json::from_slice::<Schema>(&previous.schema_json)
            })
            .await
            .map_err(internal)?;
            let old = match parsed {
                Ok(old) => old,
                Err(error) => {
                    tracing::error!(%error, kind, "the previous snapshot does not parse; drift not checked");
                    return Ok(None);
                }
            };
            let report = bindery_binding::drift::DriftReport::new(&old, new);
            outcome.summary = report.summary;
            outcome.changes = report.changes;
            self.mark_broken(kind, &old, new, &mut outcome).await?;
        }
        let text = serde_json::to_string(&outcome).map_err(internal)?;
        self.store.set_meta(&meta_key(kind), &text).await?;
        tracing::info!(
            kind,
            breaking = outcome.summary.breaking,
            dangerous = outcome.summary.dangerous,
            safe = outcome.summary.safe,
            broken = outcome.affected.iter().filter(|a| a.broken).count(),
            "re-discovery drift checked"
        );
        Ok(Some(outcome))
    }

    /// Checks every skill bound to the provider against the changes and the new schema.
    async fn mark_broken(
        &self,
        kind: &str,
        old: &Schema,
        new: &Schema,
        outcome: &mut DriftOutcome,
    ) -> Result<(), ApiError> {
        let skills = self.store.skills_bound_to(kind).await?;
        if skills.is_empty() {
            return Ok(());
        }
        let scoping = crate::scoping::stored(&self.provider(kind).await?);
        let scoped = scoping.apply(new);
        let mut agents: HashMap<String, AgentContext> = HashMap::new();
        for record in skills {
            if !agents.contains_key(&record.agent_id) {
                let agent = self.agent_record(&record.agent_id).await?;
                let names = self
                    .store
                    .skills_of(&agent.id)
                    .await?
                    .into_iter()
                    .map(|s| (s.id, s.tool_name))
                    .collect();
                let registry = crate::agents::registry(&agent)?;
                agents.insert(agent.id, AgentContext { registry, names });
            }
            let Some(agent) = agents.get(&record.agent_id) else {
                continue;
            };
            let binding: Binding = match serde_json::from_str(&record.binding) {
                Ok(binding) => binding,
                Err(error) => {
                    tracing::error!(%error, skill = %record.id, "stored binding does not parse; skipped");
                    continue;
                }
            };
            let deps = dependencies(&binding, old);
            let breaking: Vec<Change> = breaking_for(&outcome.changes, &deps)
                .into_iter()
                .cloned()
                .collect();
            let dangerous: Vec<Change> = dangerous_for(&outcome.changes, &deps)
                .into_iter()
                .cloned()
                .collect();
            let taken: Vec<String> = agent
                .names
                .iter()
                .filter(|(id, _)| *id != record.id)
                .map(|(_, name)| name.clone())
                .collect();
            let validation = validate(
                binding,
                &Context {
                    schema: &scoped,
                    unscoped: Some(new),
                    schema_fingerprint: &outcome.to_fingerprint,
                    registry: &agent.registry,
                    taken_tool_names: &taken,
                },
            );
            let errors: Vec<BindingDiagnostic> = validation
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            let broken = !breaking.is_empty() || !errors.is_empty();
            if !broken && dangerous.is_empty() {
                continue;
            }
            outcome.affected.push(AffectedSkill {
                agent_id: record.agent_id.clone(),
                skill_id: record.id.clone(),
                tool_name: record.tool_name.clone(),
                broken,
                was_approved: record.approval.is_some(),
                breaking: breaking.clone(),
                dangerous,
                diagnostics: errors.clone(),
            });
            if broken {
                let why = Broken {
                    detected_at: outcome.detected_at,
                    from_fingerprint: outcome.from_fingerprint.clone(),
                    to_fingerprint: outcome.to_fingerprint.clone(),
                    changes: breaking,
                    diagnostics: errors,
                };
                tracing::warn!(
                    skill = %record.id,
                    tool = %record.tool_name,
                    changes = why.changes.len(),
                    errors = why.diagnostics.len(),
                    "a schema change broke a skill; disabled"
                );
                let marked = SkillRecord {
                    broken: Some(serde_json::to_string(&why).map_err(internal)?),
                    is_enabled: false,
                    updated_at: outcome.detected_at,
                    ..record
                };
                self.store.update_skill(&marked).await?;
            }
        }
        Ok(())
    }

    /// `GET /integrations/{kind}/drift`: the report of the provider's last re-discovery, or
    /// `null` when it was discovered only once.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn drift(&self, kind: &str) -> Result<Option<DriftOutcome>, ApiError> {
        self.provider(kind).await?;
        match self.store.meta(&meta_key(kind)).await? {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| internal(format!("stored drift report does not parse: {e}"))),
        }
    }
}
