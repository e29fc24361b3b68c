//! The Bindery desktop shell: a Tauri v2 window over the same UI build the browser gets, with
//! `invoke` commands that delegate to `bindery-api`.
//!
//! Layer L3: no SQL, HTTP, keyring or business rule lives here (the one outside effect of its
//! own: opening an OAuth sign-in URL in the system browser). This file opens the workspace
//! (`--workspace DIR`, else `$BINDERY_WORKSPACE`, else the OS app-data directory), sets up
//! logging to a daily rolling file in `<workspace>/logs` (plus stderr), and starts the window.

mod agent_commands;
mod commands;
mod graph_commands;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use bindery_api::{ApiError, Bindery, OpenOptions};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// Runs the desktop app until its window closes.
pub fn run() -> ExitCode {
    let dir = match workspace_dir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("error[{}]: {}", error.code.as_str(), error.message);
            return ExitCode::from(4);
        }
    };
    let _log_guard = init_logging(&dir);
    let api = match tauri::async_runtime::block_on(Bindery::open(&dir, OpenOptions::default())) {
        Ok(api) => Arc::new(api),
        Err(error) => {
            tracing::error!(%error, "cannot open the workspace");
            eprintln!("error[{}]: {}", error.code.as_str(), error.message);
            return ExitCode::from(4);
        }
    };
    tracing::info!(workspace = %dir.display(), "starting the desktop window");
    let result = tauri::Builder::default()
        .manage(api)
        .manage(commands::SignIns::default())
        .invoke_handler(tauri::generate_handler![
            commands::catalog,
            commands::list_integrations,
            commands::connect_integration,
            commands::discover_integration,
            commands::get_schema,
            commands::list_objects,
            commands::get_object,
            commands::list_operations,
            commands::list_subscriptions,
            commands::get_scoping,
            commands::set_scoping,
            commands::sql_scripts,
            commands::test_sql_connection,
            commands::open_oauth_url,
            commands::complete_connect,
            commands::cancel_connect,
            commands::disconnect_integration,
            commands::connection_health,
            commands::vault_status,
            commands::set_vault_key_source,
            agent_commands::list_agents,
            agent_commands::create_agent,
            agent_commands::get_agent,
            agent_commands::bind_skill,
            agent_commands::list_skills,
            agent_commands::get_skill,
            agent_commands::update_skill,
            agent_commands::delete_skill,
            agent_commands::approve_skill,
            agent_commands::enable_skill,
            agent_commands::try_skill,
            agent_commands::publish_agent,
            agent_commands::list_versions,
            agent_commands::diff_versions,
            agent_commands::get_drift,
            graph_commands::get_graph,
            graph_commands::find_paths,
            graph_commands::preview_binding,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the desktop window failed");
            eprintln!("error[internal_error]: the desktop window failed: {error}");
            ExitCode::from(1)
        }
    }
}

/// `--workspace DIR` (or `--workspace=DIR`), else the shared default.
fn workspace_dir() -> Result<PathBuf, ApiError> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            if let Some(dir) = args.next() {
                return Ok(PathBuf::from(dir));
            }
        } else if let Some(dir) = arg.strip_prefix("--workspace=") {
            return Ok(PathBuf::from(dir));
        }
    }
    bindery_api::default_workspace_dir()
}

fn init_logging(
    workspace: &std::path::Path,
) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = workspace.join("logs");
    let file = std::fs::create_dir_all(&logs).ok().and_then(|()| {
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("bindery-desktop")
            .filename_suffix("log")
            .max_log_files(14)
            .build(&logs)
            .ok()
    });
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    match file {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            tracing_subscriber::registry()
                .with(filter())
                .with(stderr)
                .with(
                    tracing_subscriber::fmt::layer()
                        .with_ansi(false)
                        .with_writer(writer),
                )
                .init();
            Some(guard)
        }
        None => {
            tracing_subscriber::registry()
                .with(filter())
                .with(stderr)
                .init();
            tracing::warn!(dir = %logs.display(), "cannot write log files; logging to stderr only");
            None
        }
    }
}
