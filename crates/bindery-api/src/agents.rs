//! Agents: a name, a description and the agent's own parameters (added to the canonical ones
//! its bindings may use). Also the body parsing every agent, skill and publish endpoint shares:
//! a malformed body is a 400 `validation_error` with the platform's `errors[]`.

use bindery_binding::params::check_name;
use bindery_binding::{CanonicalParam, ParamRegistry};
use bindery_store::AgentRecord;
use chrono::{DateTime, Utc};
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::integrations::internal;
use crate::{ApiError, Bindery, ErrorCode};

/// Longest agent name accepted.
const MAX_NAME_LEN: usize = 200;

/// Body of `POST /agents`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAgent {
    /// Name for people (required).
    pub name: String,
    /// What the agent is for.
    #[serde(default)]
    pub description: Option<String>,
    /// The agent's own parameters, beside the canonical ones (snake case, not shadowing one).
    #[serde(default)]
    pub parameters: Vec<CanonicalParam>,
}

/// An agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// Id (`agt_…`).
    pub id: String,
    /// Name for people.
    pub name: String,
    /// What the agent is for.
    pub description: String,
    /// The agent's own parameters.
    pub parameters: Vec<CanonicalParam>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// How many skills it has (any state).
    pub skill_count: usize,
    /// The newest published version's number, if it was ever published.
    pub latest_version: Option<i64>,
}

/// A random id with a prefix (`agt_3f9a…`).
pub(crate) fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}_{}", hex::encode(bytes))
}

/// Reads a request body as `T`; a body that does not fit is a 400 `validation_error` whose
/// `errors[]` names the field at fault by its path (`toolName`, `projection[0].leaf`; a missing
/// or unknown key by its own name), `body` when the body as a whole does not fit.
pub fn parse_body<T: DeserializeOwned>(body: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(body).map_err(|e| {
        let message = e.inner().to_string();
        let at = e.path().to_string();
        let at = if at == "." { String::new() } else { at };
        // serde names a missing key in the message, at the path of its object (an unknown key's
        // path is the key itself).
        let missing = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("missing field"));
        let field = match (missing, at.is_empty()) {
            (Some(key), true) => key.to_owned(),
            (Some(key), false) => format!("{at}.{key}"),
            (None, false) => at,
            (None, true) => "body".to_owned(),
        };
        ApiError::invalid_body(field, message)
    })
}

/// The agent's own parameters as stored.
pub(crate) fn own_parameters(agent: &AgentRecord) -> Result<Vec<CanonicalParam>, ApiError> {
    serde_json::from_str(&agent.parameters).map_err(|e| {
        internal(format!(
            "stored parameters of agent {} do not parse: {e}",
            agent.id
        ))
    })
}

/// The canonical parameters plus the agent's own.
pub(crate) fn registry(agent: &AgentRecord) -> Result<ParamRegistry, ApiError> {
    ParamRegistry::with_custom(&own_parameters(agent)?).map_err(|e| {
        internal(format!(
            "stored parameters of agent {} are refused: {} ({})",
            agent.id, e.message, e.code
        ))
    })
}

/// Every problem with an agent's own parameters, as `errors[]` items.
fn parameter_errors(parameters: &[CanonicalParam]) -> Vec<FieldError> {
    let canonical = ParamRegistry::canonical();
    let mut errors = Vec::new();
    for (i, param) in parameters.iter().enumerate() {
        let field = format!("parameters[{i}].name");
        if let Err(e) = check_name(&param.name) {
            errors.push(FieldError {
                field,
                message: e.message,
            });
        } else if canonical.get(&param.name).is_some() {
            errors.push(FieldError {
                field,
                message: format!(
                    "`{}` is a canonical parameter already; an agent's own parameter needs a new name",
                    param.name
                ),
            });
        } else if parameters[..i].iter().any(|p| p.name == param.name) {
            errors.push(FieldError {
                field,
                message: format!("`{}` is listed twice", param.name),
            });
        } else if param.description.trim().is_empty() {
            errors.push(FieldError {
                field: format!("parameters[{i}].description"),
                message: format!("`{}` needs a description (the LLM reads it)", param.name),
            });
        }
    }
    errors
}

impl Bindery {
    /// `POST /agents`: creates an agent with its own parameters.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn create_agent(&self, body: serde_json::Value) -> Result<Agent, ApiError> {
        let request: NewAgent = parse_body(body)?;
        let name = request.name.trim();
        let mut errors = Vec::new();
        if name.is_empty() || name.chars().count() > MAX_NAME_LEN {
            errors.push(FieldError {
                field: "name".to_owned(),
                message: format!("give the agent a name of 1 to {MAX_NAME_LEN} characters"),
            });
        }
        errors.extend(parameter_errors(&request.parameters));
        if let Some(first) = errors.first() {
            let mut error = ApiError::new(ErrorCode::ValidationError, first.message.clone());
            error.errors = Box::new(errors);
            return Err(error);
        }
        // The same rules as the checks above, by the registry itself.
        ParamRegistry::with_custom(&request.parameters)
            .map_err(|e| ApiError::invalid_body("parameters", e.message))?;
        let record = AgentRecord {
            id: new_id("agt"),
            name: name.to_owned(),
            description: request.description.unwrap_or_default().trim().to_owned(),
            parameters: serde_json::to_string(&request.parameters).map_err(internal)?,
            created_at: self.now(),
        };
        self.store.insert_agent(&record).await?;
        tracing::info!(agent = %record.id, parameters = request.parameters.len(), "agent created");
        Ok(Agent {
            id: record.id,
            name: record.name,
            description: record.description,
            parameters: request.parameters,
            created_at: record.created_at,
            skill_count: 0,
            latest_version: None,
        })
    }

    /// `GET /agents`: every agent, oldest first.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list_agents(&self) -> Result<Vec<Agent>, ApiError> {
        let mut list = Vec::new();
        for record in self.store.agents().await? {
            list.push(self.agent_view(record).await?);
        }
        Ok(list)
    }

    /// `GET /agents/{id}`: one agent.
    #[tracing::instrument(skip_all, fields(agent = id), err(level = "info"))]
    pub async fn agent(&self, id: &str) -> Result<Agent, ApiError> {
        let record = self.agent_record(id).await?;
        self.agent_view(record).await
    }

    /// The stored agent, or `agent_not_found`.
    pub(crate) async fn agent_record(&self, id: &str) -> Result<AgentRecord, ApiError> {
        self.store.agent(id).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::AgentNotFound,
                format!("no agent with id {id:?} in this workspace"),
            )
        })
    }

    async fn agent_view(&self, record: AgentRecord) -> Result<Agent, ApiError> {
        let skill_count = self.store.skills_of(&record.id).await?.len();
        let latest_version = self
            .store
            .versions(&record.id)
            .await?
            .first()
            .map(|v| v.version);
        Ok(Agent {
            parameters: own_parameters(&record)?,
            id: record.id,
            name: record.name,
            description: record.description,
            created_at: record.created_at,
            skill_count,
            latest_version,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_error_names_the_field_at_fault_by_its_path() {
        let missing = parse_body::<NewAgent>(serde_json::json!({})).expect_err("no name");
        assert_eq!(missing.code, ErrorCode::ValidationError, "a 400");
        assert_eq!(missing.errors[0].field, "name", "{missing:?}");
        let unknown = parse_body::<NewAgent>(serde_json::json!({"name": "a", "color": 1}))
            .expect_err("extra");
        assert_eq!(unknown.errors[0].field, "color", "{unknown:?}");
        let wrong = parse_body::<NewAgent>(serde_json::json!({"name": 1})).expect_err("type");
        assert_eq!(wrong.errors[0].field, "name", "{wrong:?}");
        let nested = parse_body::<bindery_binding::Binding>(serde_json::json!({
            "toolName": "t", "operation": "o", "projection": [{"path": ["a"], "leaf": 5}]
        }))
        .expect_err("a number as a leaf");
        assert_eq!(nested.errors[0].field, "projection[0].leaf", "{nested:?}");
        let inner_missing = parse_body::<bindery_binding::Binding>(serde_json::json!({
            "toolName": "t", "operation": "o", "projection": [{"path": ["a"]}]
        }))
        .expect_err("no leaf");
        assert_eq!(
            inner_missing.errors[0].field, "projection[0].leaf",
            "{inner_missing:?}"
        );
        let whole = parse_body::<NewAgent>(serde_json::json!("x")).expect_err("not an object");
        assert_eq!(whole.errors[0].field, "body", "{whole:?}");
    }
}
