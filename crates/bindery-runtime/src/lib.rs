//! Runs a compiled skill against its provider: the engine of try-it and (later) of the MCP
//! server.
//!
//! A run checks the inputs against the skill's `parametersSchema` ([`inputs`]), resolves every
//! value of the frozen plan (argument sources, defaults, named [`transforms`]), builds the
//! request from `executionConfig` — REST ([`rest`]), GraphQL ([`graphql`]) or SQL ([`sql`], the
//! frozen parameterized statement with bound parameters only) — attaches credentials at the
//! transport ([`AuthHeader`], never shown), calls the provider with a timeout and a size cap,
//! and projects the answer into the output leaves ([`project`]). Everything that goes wrong is a
//! [`RunDiagnostic`] with a stable code ([`codes`]); a run is a [`TryRun`], never an `Err`.
//!
//! Safety: a write never runs unless the run is confirmed ([`Mode::Execute`]); without it the
//! run is a dry run that shows the exact request and touches nothing. SQL reads run in a
//! read-only transaction with a server-side statement timeout.

pub mod codes;
pub mod graphql;
mod http;
pub mod inputs;
pub mod outcome;
pub mod project;
pub mod rest;
pub mod sql;
mod target;
pub mod transforms;

use std::time::Instant;

use bindery_binding::{ExecutionConfig, Skill};
use serde_json::{Map, Value};

pub use codes::RunCode;
pub use inputs::Inputs;
pub use outcome::{
    RawResponse, ResolvedRequest, RunDiagnostic, RunStatus, Severity, ShownHeader,
    ShownSqlParameter, TryRun, REDACTED,
};
pub use target::{AuthHeader, HttpTarget, Limits, SqlTarget, Target};
pub use transforms::TransformContext;

/// Whether a run may reach the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Build and show the request; send nothing.
    DryRun,
    /// Send it.
    Execute,
}

/// Runs skills. Cheap to clone; holds the HTTP client (connection pool) and the limits.
#[derive(Debug, Clone)]
pub struct Runtime {
    client: reqwest::Client,
    limits: Limits,
    transforms: TransformContext,
}

impl Runtime {
    /// A runtime with these limits and transform settings.
    pub fn new(limits: Limits, transforms: TransformContext) -> Runtime {
        let client = reqwest::Client::builder()
            .timeout(limits.http_timeout)
            .connect_timeout(limits.http_timeout.min(std::time::Duration::from_secs(10)))
            .redirect(http::same_origin_redirects(5))
            .user_agent(concat!("Bindery/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Runtime {
            client,
            limits,
            transforms,
        }
    }

    /// The same runtime (its HTTP client and connection pool, its limits) with other transform
    /// settings, e.g. "now" for one run.
    pub fn with_transforms(&self, transforms: TransformContext) -> Runtime {
        Runtime {
            client: self.client.clone(),
            limits: self.limits,
            transforms,
        }
    }

    /// The limits every run keeps.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs `skill` with `inputs` against `target`. A write runs only when `confirm` is true;
    /// otherwise (and for a read, never) nothing changes: the run is a dry run showing the
    /// request. Never fails: problems are the run's diagnostics.
    #[tracing::instrument(skip_all, fields(skill = %skill.name, confirm))]
    pub async fn run(
        &self,
        skill: &Skill,
        inputs: &Map<String, Value>,
        target: &Target,
        confirm: bool,
    ) -> TryRun {
        let started = Instant::now();
        let checked = match Inputs::check(skill, inputs, &self.transforms) {
            Ok(checked) => checked,
            Err(problems) => return TryRun::failed(skill.is_write, problems),
        };
        let mode = if skill.is_write && !confirm {
            Mode::DryRun
        } else {
            Mode::Execute
        };
        let mut run = match (&skill.execution_config, target) {
            (ExecutionConfig::NativeRest(plan), Target::Http(http)) => {
                rest::run(self, plan, &checked, http, mode).await
            }
            (ExecutionConfig::NativeGraphql(plan), Target::Http(http)) => {
                graphql::run(self, plan, &checked, http, mode).await
            }
            (ExecutionConfig::NativeSql(plan), Target::Sql(sql)) => {
                sql::run(self, plan, &checked, sql, mode).await
            }
            _ => TryRun::failed(
                skill.is_write,
                vec![RunDiagnostic::new(
                    RunCode::PlanInvalid,
                    "the skill's transport does not match the provider it is run against",
                )],
            ),
        };
        run.is_write = skill.is_write;
        if mode == Mode::DryRun && !run.has_errors() {
            run.status = RunStatus::DryRun;
            run.executed = false;
            run.diagnostics.push(RunDiagnostic::new(
                RunCode::ConfirmationRequired,
                "this skill writes: nothing was sent; confirm to run it",
            ));
        }
        tracing::info!(
            status = ?run.status,
            executed = run.executed,
            latency_ms = run.latency_ms,
            total_us = started.elapsed().as_micros() as u64,
            codes = ?run.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
            "skill run"
        );
        run
    }
}
