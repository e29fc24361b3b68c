//! Try-it: `POST /agents/{agentId}/skills/{skillId}/try` runs a saved skill against its real
//! provider with sample inputs, through `bindery-runtime`. A write runs only with `confirm:
//! true`; otherwise the answer is a dry run showing the exact request. The provider's
//! credentials are opened from the vault here, where the request's target is built, and reach
//! the runtime as redacted headers or inside a database pool.

use std::collections::HashMap;

use bindery_binding::Skill;
use bindery_discovery::sql::SqlConnection;
use bindery_discovery::SourceConfig;
use bindery_runtime::{
    AuthHeader, HttpTarget, Limits, RunCode, RunDiagnostic, Runtime, SqlTarget, Target,
    TransformContext, TryRun,
};
use bindery_schema::SourceKind;
use bindery_store::ProviderRecord;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::integrations::internal;
use crate::{ApiError, Bindery, ErrorCode};

/// The body of a try: sample values by parameter name, and whether a write may run.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TryRequest {
    /// Values by canonical parameter name (caller, call-context and operator ones alike).
    #[serde(default)]
    pub inputs: Map<String, Value>,
    /// Runs a write for real. Without it a write is a dry run.
    #[serde(default)]
    pub confirm: bool,
}

/// One run of a saved skill, as every shell shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TryRunView {
    /// The skill run.
    pub skill_id: String,
    /// Its tool name.
    pub tool_name: String,
    /// The content hash of what ran.
    pub content_hash: String,
    /// The run: status, request (credentials redacted), response, output, latency, diagnostics.
    #[serde(flatten)]
    pub run: TryRun,
}

/// Open database pools by provider, kept while the provider's config is the same.
#[derive(Default)]
pub(crate) struct RunTargets {
    pools: tokio::sync::Mutex<HashMap<String, (String, SqlTarget)>>,
}

/// The runtime of a workspace: default limits, "now" taken at each run.
pub(crate) fn runtime() -> Runtime {
    Runtime::new(Limits::default(), TransformContext::default())
}

impl Bindery {
    /// `POST /agents/{agentId}/skills/{skillId}/try`: runs the skill with `request.inputs`
    /// (`agent_not_found` / `skill_not_found` 404, `skill_broken` 409). Whatever happens at the
    /// provider is the run's result (200), with coded diagnostics.
    #[tracing::instrument(skip_all, fields(agent = agent_id, skill = skill_id), err(level = "info"))]
    pub async fn try_skill(
        &self,
        agent_id: &str,
        skill_id: &str,
        body: Value,
    ) -> Result<TryRunView, ApiError> {
        let request: TryRequest = if body.is_null() {
            TryRequest::default()
        } else {
            crate::parse_body(body)?
        };
        let (_, record) = self.skill_record(agent_id, skill_id).await?;
        if record.broken.is_some() {
            return Err(ApiError::new(
                ErrorCode::SkillBroken,
                format!(
                    "{:?} was broken by a schema change; update its binding before trying it",
                    record.tool_name
                ),
            ));
        }
        let skill: Skill = serde_json::from_str(&record.skill)
            .map_err(|e| internal(format!("stored skill does not parse: {e}")))?;
        let provider = self.provider(&record.provider_kind).await?;
        let run = match self.run_target(&provider).await {
            Ok(target) => {
                let now = chrono::Utc::now().fixed_offset();
                let runtime = self.runtime.with_transforms(TransformContext {
                    now,
                    ..TransformContext::default()
                });
                runtime
                    .run(&skill, &request.inputs, &target, request.confirm)
                    .await
            }
            Err(diagnostic) => TryRun::failed(skill.is_write, vec![diagnostic]),
        };
        Ok(TryRunView {
            skill_id: record.id,
            tool_name: record.tool_name,
            content_hash: record.content_hash,
            run,
        })
    }

    /// Where a provider's skills run: its database pool (opened once per config) or its HTTP
    /// endpoint with credentials opened from the vault now.
    async fn run_target(&self, provider: &ProviderRecord) -> Result<Target, RunDiagnostic> {
        let kind = SourceKind::parse(&provider.source_kind);
        match kind {
            Some(SourceKind::Sqlite | SourceKind::Postgres | SourceKind::Mysql) => {
                self.sql_target(provider).await.map(Target::Sql)
            }
            Some(SourceKind::Openapi | SourceKind::GoogleDiscovery | SourceKind::Graphql) => {
                let url = self.endpoint(provider, kind).await?;
                let auth = self
                    .request_headers(provider)
                    .await
                    .map_err(|e| {
                        RunDiagnostic::new(
                            RunCode::CredentialsUnavailable,
                            format!("{}'s credentials: {}", provider.kind, e.message),
                        )
                    })?
                    .iter()
                    .map(|h| AuthHeader::new(h.name.clone(), h.expose()))
                    .collect();
                Ok(Target::Http(HttpTarget { url, auth }))
            }
            _ => Err(RunDiagnostic::new(
                RunCode::PlanInvalid,
                format!(
                    "{} is a {} source, which skills cannot run against",
                    provider.kind, provider.source_kind
                ),
            )),
        }
    }

    /// The URL a provider's requests go to: the `baseUrl` the person gave, else (REST) the
    /// description's server, else (GraphQL) the endpoint it was introspected at.
    async fn endpoint(
        &self,
        provider: &ProviderRecord,
        kind: Option<SourceKind>,
    ) -> Result<Option<String>, RunDiagnostic> {
        let text = |key: &str| provider.config.get(key).and_then(Value::as_str);
        if let Some(url) = text("baseUrl") {
            return Ok(Some(url.trim_end_matches('/').to_owned()));
        }
        if kind == Some(SourceKind::Graphql) {
            return Ok(text("url").map(str::to_owned));
        }
        let target = self.bind_target(&provider.kind).await.map_err(|e| {
            RunDiagnostic::new(
                RunCode::NoBaseUrl,
                format!("{}: {}", provider.kind, e.message),
            )
        })?;
        Ok(target.full.source.base_url.clone())
    }

    /// A pool for a database provider, reused while its config is unchanged.
    async fn sql_target(&self, provider: &ProviderRecord) -> Result<SqlTarget, RunDiagnostic> {
        let key = format!("{}|{}", provider.created_at.to_rfc3339(), provider.config);
        let mut pools = self.run_targets.pools.lock().await;
        if let Some((seen, target)) = pools.get(&provider.kind) {
            if *seen == key {
                return Ok(target.clone());
            }
        }
        let unreachable = |message: String| RunDiagnostic::new(RunCode::Unreachable, message);
        let config = self
            .source_config(provider)
            .await
            .map_err(|e| unreachable(format!("{}: {}", provider.kind, e.message)))?;
        let target = match config {
            SourceConfig::Sqlite { path } => {
                let options = sqlx::sqlite::SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(false)
                    .foreign_keys(true)
                    .busy_timeout(std::time::Duration::from_secs(5));
                SqlTarget::Sqlite(pool_options(2).connect_lazy_with(options))
            }
            SourceConfig::Postgres { connection } => {
                check(&connection)?;
                let options =
                    bindery_discovery::sql::postgres::login_options(&connection, "bindery-runtime");
                SqlTarget::Postgres(pool_options(4).connect_lazy_with(options))
            }
            SourceConfig::Mysql { connection } => {
                check(&connection)?;
                let options = bindery_discovery::sql::mysql::login_options(&connection);
                SqlTarget::Mysql(pool_options(4).connect_lazy_with(options))
            }
            _ => return Err(unreachable(format!("{} is not a database", provider.kind))),
        };
        pools.insert(provider.kind.clone(), (key, target.clone()));
        Ok(target)
    }

    /// Closes and forgets a provider's pool (it was disconnected or reconnected).
    pub(crate) async fn forget_run_target(&self, kind: &str) {
        let removed = self.run_targets.pools.lock().await.remove(kind);
        if let Some((_, target)) = removed {
            match target {
                SqlTarget::Postgres(pool) => pool.close().await,
                SqlTarget::Mysql(pool) => pool.close().await,
                SqlTarget::Sqlite(pool) => pool.close().await,
            }
        }
    }
}

/// A small pool: try-it runs one call at a time; MCP (later) a few.
fn pool_options<DB: sqlx::Database>(max: u32) -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new()
        .max_connections(max)
        .min_connections(0)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .idle_timeout(std::time::Duration::from_secs(300))
}

/// The same settings checks discovery makes (`sslmode=disable` only for loopback).
fn check(connection: &SqlConnection) -> Result<(), RunDiagnostic> {
    connection
        .check()
        .map_err(|e| RunDiagnostic::new(RunCode::Unreachable, e.to_string()))
}
