//! `bindery`: the command line over the application API.
//!
//! Exit codes: 0 success; 1 failure (the error's code is printed on stderr), or for
//! `bind validate|compile` a binding with error diagnostics; 2 usage error, or a binding file
//! that cannot be read or is not a binding (`validation_error`, with line and column); 3 the
//! source given is missing, invalid, unreachable or refuses the credentials; 4 the workspace
//! cannot be opened or written.
//! Human output by default, `--json` for scripts. Logs go to stderr (`-v`, `-vv`, `RUST_LOG`).

/// `println!` for this binary's stdout, tolerant of a closed pipe (see `render::print_text`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::render::print_text(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod bind;
mod diagnostics;
mod json_spans;
mod render;
mod skill;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use bindery_api::{ApiError, Bindery, ErrorCode, OpenOptions, Scope};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bindery",
    version,
    about = "Turn any API or database into approved skills for a voice/chat agent."
)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
pub(crate) struct WorkspaceArg {
    /// Workspace directory (default: $BINDERY_WORKSPACE, else the OS app-data directory).
    #[arg(long, value_name = "DIR")]
    workspace: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the local HTTP API and the browser UI.
    Serve {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8787)]
        port: u16,
        /// Address to bind. Anything but loopback exposes the API to the network.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        host: IpAddr,
        /// Do not create the demo provider in a new workspace.
        #[arg(long)]
        no_demo: bool,
    },
    /// Manage API keys of the local API.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Discover a source once, without a workspace, and print its schema summary.
    Discover {
        /// Source kind (sqlite).
        kind: String,
        /// Where the source is (a file for sqlite).
        source: String,
        /// Print the whole result as JSON: {"summary", "diagnostics", "schema"}.
        #[arg(long)]
        json: bool,
    },
    /// Where the vault's master key lives, and choosing it.
    Vault {
        #[command(subcommand)]
        command: VaultCommand,
    },
    /// Disconnect a provider: revoke its OAuth tokens at the provider where it can, delete its
    /// sealed credentials, its discovered schema and the provider.
    Disconnect {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Provider name.
        kind: String,
    },
    /// Write the demo field-service SQLite database to FILE (it must not exist).
    Demo {
        /// Where to write it.
        file: PathBuf,
    },
    /// Check a binding file against a source or a workspace provider, or compile it to a skill.
    Bind {
        #[command(subcommand)]
        command: bind::BindCommand,
    },
    /// Run a saved skill of an agent against its provider (`bindery skill try`).
    Skill {
        #[command(subcommand)]
        command: skill::SkillCommand,
    },
}

#[derive(Subcommand)]
enum VaultCommand {
    /// Print where the master key lives and whether the vault opens (never the key).
    Status {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Choose where the master key lives for this workspace: `keyring` (the OS keyring),
    /// `file:PATH` (a key file, created with mode 0600) or `env:VARIABLE` (a base64 key in that
    /// environment variable). `BINDERY_VAULT_KEY_SOURCE` overrides it for one process.
    Use {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// keyring, file:PATH or env:VARIABLE.
        source: String,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a key. It is printed once; only its hash is stored.
    Create {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Comma-separated scopes: integrations:read, integrations:write, skills:write, agents:read, agents:write.
        #[arg(long, value_name = "LIST")]
        scopes: String,
        /// A label to recognise the key by.
        #[arg(long)]
        label: Option<String>,
        /// Print {"id", "key", "scopes", "label"} as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter)),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error[internal_error]: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match cli.command {
        Command::Bind { command } => runtime.block_on(bind::run(command)),
        Command::Skill { command } => runtime.block_on(skill::run(command)),
        other => runtime.block_on(run(other)).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error[{}]: {}", error.code.as_str(), error.message);
            ExitCode::from(exit_code(error.code))
        }
    }
}

fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::ValidationError => 2,
        ErrorCode::SourceNotFound
        | ErrorCode::SourceInvalid
        | ErrorCode::SourceUnreadable
        | ErrorCode::SourceRefused
        | ErrorCode::SourceUnreachable
        | ErrorCode::UnsupportedSourceKind => 3,
        ErrorCode::WorkspaceUnavailable | ErrorCode::VaultUnavailable => 4,
        _ => 1,
    }
}

pub(crate) async fn open(workspace: WorkspaceArg, demo: bool) -> Result<Bindery, ApiError> {
    let dir = match workspace.workspace {
        Some(dir) => dir,
        None => bindery_api::default_workspace_dir()?,
    };
    Bindery::open(
        &dir,
        OpenOptions {
            demo,
            ..OpenOptions::default()
        },
    )
    .await
}

async fn run(command: Command) -> Result<(), ApiError> {
    match command {
        Command::Serve {
            workspace,
            port,
            host,
            no_demo,
        } => serve(workspace, SocketAddr::new(host, port), !no_demo).await,
        Command::Keys {
            command:
                KeysCommand::Create {
                    workspace,
                    scopes,
                    label,
                    json,
                },
        } => {
            let scopes = Scope::parse_list(&scopes)?;
            let api = open(workspace, false).await?;
            let key = api.create_api_key(&scopes, label).await?;
            api.close().await;
            render::created_key(&key, json)
        }
        Command::Vault {
            command: VaultCommand::Status { workspace, json },
        } => {
            let api = open(workspace, false).await?;
            let info = api.vault_status().await;
            api.close().await;
            render::vault(&info?, json)
        }
        Command::Vault {
            command: VaultCommand::Use { workspace, source },
        } => {
            let api = open(workspace, false).await?;
            let info = api
                .set_vault_key_source(bindery_api::VaultChoice { key_source: source })
                .await;
            api.close().await;
            render::vault(&info?, false)
        }
        Command::Disconnect { workspace, kind } => {
            let api = open(workspace, false).await?;
            let result = api.disconnect_integration(&kind).await;
            api.close().await;
            let result = result?;
            outln!(
                "Disconnected {} (revocation at the provider: {}{})",
                result.kind,
                result.revocation,
                result
                    .revocation_error
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            );
            Ok(())
        }
        Command::Demo { file } => {
            let stats = bindery_api::write_demo_database(&file).await?;
            outln!(
                "Wrote {} ({} tables, {} views, {} indexes, {} foreign keys, {} rows)",
                file.display(),
                stats.tables,
                stats.views,
                stats.indexes,
                stats.foreign_keys,
                stats.rows
            );
            Ok(())
        }
        Command::Discover { kind, source, json } => {
            let discovered = bindery_api::discover_once(&kind, &source).await?;
            render::discovered(&discovered, json)
        }
        // Dispatched by `main` (it has its own exit codes); kept here so the match is total.
        Command::Bind { command } => bind::run(command).await.map(|_| ()),
        Command::Skill { command } => skill::run(command).await.map(|_| ()),
    }
}

async fn serve(workspace: WorkspaceArg, addr: SocketAddr, demo: bool) -> Result<(), ApiError> {
    let api = Arc::new(open(workspace, demo).await?);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        ApiError::new(
            ErrorCode::ValidationError,
            format!("cannot listen on {addr}: {e}"),
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| ApiError::new(ErrorCode::InternalError, format!("no local address: {e}")))?;
    if !local.ip().is_loopback() {
        tracing::warn!(%local, "the API is reachable from the network; every call still needs an API key");
    }
    let session_key = api.mint_session_key();
    render::listening(local, &session_key, api.workspace_dir());
    let shutdown = shutdown_signal();
    bindery_server::serve(listener, api.clone(), shutdown)
        .await
        .map_err(|e| ApiError::new(ErrorCode::InternalError, format!("server stopped: {e}")))?;
    api.close().await;
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM, so service managers and test harnesses get the same
/// graceful shutdown. If a handler cannot be installed, that signal is simply not awaited.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
