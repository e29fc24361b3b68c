//! The application API: every use case of Bindery, called by the desktop shell (Tauri), the local
//! HTTP API (axum) and the CLI (clap) alike. Shells adapt transport; the rules live here.
//!
//! Layer L2: the only crate that wires adapters (store, discovery, demo) together. Nothing here
//! knows about HTTP, Tauri or terminals. Errors are [`ApiError`]s with stable codes; DTOs are in
//! [`json`].
//!
//! Entry points: [`Bindery::open`] (a workspace), then its methods; [`discover_once`] (one-shot
//! discovery without a workspace); [`Scope`] (API key scopes).

mod agents;
mod approvals;
pub mod bind_file;
mod browse;
mod catalog;
mod catalog_connect;
mod credentials;
mod databases;
mod demo;
mod documents;
mod drift;
mod error;
mod graph;
mod integrations;
pub mod json;
mod keys;
mod lifecycle;
mod oauth_connect;
mod oneshot;
mod preview;
mod provider_auth;
mod publish;
mod scoping;
mod skills;
mod sql_scripts;
mod sql_test;
mod try_run;
mod workspace;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bindery_discovery::Registry;
use bindery_store::Store;
use chrono::{DateTime, Utc};

pub use agents::{parse_body, Agent};
pub use bindery_discovery::sql::checks::{CheckStatus, SqlCheck, SqlTestResult};
pub use bindery_runtime::{
    ResolvedRequest, RunDiagnostic, RunStatus, Severity as RunSeverity, TryRun,
};
pub use bindery_schema as schema;
pub use credentials::{VaultChoice, VaultInfo, VaultProblem, KEY_SOURCE_ENV};
pub use demo::write_demo_database;
pub use drift::DriftOutcome;
pub use error::{ApiError, ErrorCode, FieldError};
pub use graph::{GraphQuery, PathsQuery, PathsView};
pub use keys::Scope;
pub use lifecycle::{ConnectionHealth, DisconnectResult};
pub use oauth_connect::{APPROVAL_TIMEOUT, REFRESH_MARGIN};
pub use oneshot::discover_once;
pub use preview::BindingPreview;
pub use publish::{AgentVersion, VersionDiff};
pub use scoping::ScopingResult;
pub use skills::SkillView;
pub use sql_scripts::{Script, Scripts, ScriptsQuery};
pub use try_run::{TryRequest, TryRunView};
pub use workspace::default_workspace_dir;

/// Where time comes from (tests pass a fixed clock).
pub type Clock = fn() -> DateTime<Utc>;

/// How to open a workspace.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Create and discover the embedded demo provider when the workspace is new.
    pub demo: bool,
    /// The clock.
    pub clock: Clock,
    /// OAuth access tokens are refreshed when they expire within this margin.
    pub refresh_margin: std::time::Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            demo: true,
            clock: Utc::now,
            refresh_margin: oauth_connect::REFRESH_MARGIN,
        }
    }
}

/// An open workspace: the handle every shell holds.
pub struct Bindery {
    store: Store,
    registry: Registry,
    dir: PathBuf,
    clock: Clock,
    loaded: Mutex<HashMap<String, Arc<browse::Loaded>>>,
    /// Parsed binding targets per provider (newest snapshot, with and without scoping).
    targets: Mutex<HashMap<String, Arc<skills::Target>>>,
    session_keys: Mutex<HashSet<String>>,
    /// The vault, once opened, with the key source it was opened with.
    vault: tokio::sync::Mutex<Option<(bindery_vault::KeySource, Arc<bindery_vault::Vault>)>>,
    /// OAuth flows, token refresh and revocation.
    oauth: oauth_connect::OAuthState,
    /// Runs skills (try-it).
    runtime: bindery_runtime::Runtime,
    /// Database pools skills run on, per provider.
    run_targets: try_run::RunTargets,
}

impl Bindery {
    /// Opens the workspace in `dir` (creating it), and on a new workspace creates, registers and
    /// discovers the demo provider when `options.demo` is set.
    #[tracing::instrument(skip_all, fields(dir = %dir.display()), err(level = "info"))]
    pub async fn open(dir: &Path, options: OpenOptions) -> Result<Bindery, ApiError> {
        let store = Store::open(dir).await?;
        let bindery = Bindery {
            store,
            registry: Registry::default(),
            dir: dir.to_path_buf(),
            clock: options.clock,
            loaded: Mutex::new(HashMap::new()),
            targets: Mutex::new(HashMap::new()),
            session_keys: Mutex::new(HashSet::new()),
            vault: tokio::sync::Mutex::new(None),
            oauth: oauth_connect::OAuthState::new(options.refresh_margin)?,
            runtime: try_run::runtime(),
            run_targets: try_run::RunTargets::default(),
        };
        if options.demo {
            demo::seed(&bindery).await?;
        }
        Ok(bindery)
    }

    /// The workspace directory.
    pub fn workspace_dir(&self) -> &Path {
        &self.dir
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Closes the workspace database cleanly.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
