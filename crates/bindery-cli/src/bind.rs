//! `bindery bind validate|compile FILE`: a binding file checked against a source discovered once
//! or a workspace provider, its diagnostics rendered for a terminal or as JSON.
//!
//! Exit codes: 0 the binding is valid (warnings allowed) and, for compile, the skill is
//! printed; 1 the binding has errors (compile: `binding_invalid`); 2 usage, an unreadable binding file
//! or malformed binding JSON (`validation_error`, with line and column); 3 and 4 as for every
//! command (the source; the workspace).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use bindery_api::bind_file::{self, BindAgainst, BindingDiagnostic};
use bindery_api::{ApiError, ErrorCode};
use clap::{ArgGroup, Args, Subcommand};

use crate::diagnostics::{self, Paint};
use crate::render;

/// `bindery bind ...`.
#[derive(Subcommand)]
pub(crate) enum BindCommand {
    /// Check a binding and print every diagnostic (code, location in FILE, schema place, help).
    Validate {
        #[command(flatten)]
        args: BindArgs,
        /// Print {"valid", "diagnostics"} as JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Compile a valid binding and print the frozen skill as JSON (diagnostics on stderr).
    Compile {
        #[command(flatten)]
        args: BindArgs,
        /// Print {"skill", "diagnostics"} as one JSON document instead (skill null on errors).
        #[arg(long)]
        json: bool,
    },
}

/// The binding file and what it is checked against.
#[derive(Args)]
#[command(group(ArgGroup::new("against").required(true).args(["source", "provider"])))]
pub(crate) struct BindArgs {
    /// The binding (JSON).
    file: PathBuf,
    /// Discover this source once (a file or URL, as `bindery discover` reads it).
    #[arg(
        long,
        value_name = "FILE_OR_URL",
        requires = "kind",
        conflicts_with_all = ["provider", "workspace"]
    )]
    source: Option<String>,
    /// The source's kind: sqlite, openapi, google-discovery, graphql, postgres, mysql.
    #[arg(long, requires = "source")]
    kind: Option<String>,
    /// Use this provider's newest discovered schema, with its data scoping.
    #[arg(long, value_name = "KIND")]
    provider: Option<String>,
    /// Workspace directory of --provider (default: $BINDERY_WORKSPACE, else the OS app-data
    /// directory).
    #[arg(long, value_name = "DIR", requires = "provider")]
    workspace: Option<PathBuf>,
}

impl BindArgs {
    fn against(&self) -> Result<BindAgainst, ApiError> {
        match (&self.source, &self.kind, &self.provider) {
            (Some(source), Some(kind), _) => Ok(BindAgainst::Source {
                // `google_discovery` reads as the wire name `google-discovery`.
                kind: kind.replace('_', "-"),
                location: source.clone(),
            }),
            (_, _, Some(provider)) => Ok(BindAgainst::Workspace {
                dir: match &self.workspace {
                    Some(dir) => dir.clone(),
                    None => bindery_api::default_workspace_dir()?,
                },
                provider: provider.clone(),
            }),
            // clap's argument group makes this unreachable; say so as a usage error anyway.
            _ => Err(ApiError::new(
                ErrorCode::ValidationError,
                "give --source FILE_OR_URL --kind KIND, or --provider KIND [--workspace DIR]",
            )),
        }
    }

    /// The binding file's text, and the name diagnostics point at.
    fn read(&self) -> Result<(String, String), ApiError> {
        let text = std::fs::read_to_string(&self.file).map_err(|e| {
            ApiError::new(
                ErrorCode::ValidationError,
                format!("cannot read the binding {}: {e}", self.file.display()),
            )
        })?;
        Ok((text, self.file.display().to_string()))
    }
}

/// Runs a `bind` command; `Ok` carries the exit code (1 when the binding has errors).
pub(crate) async fn run(command: BindCommand) -> Result<ExitCode, ApiError> {
    match command {
        BindCommand::Validate { args, json } => {
            let (text, name) = args.read()?;
            let report = bind_file::validate_binding_file(&text, args.against()?).await?;
            if json {
                render::print_json(&report)?;
            } else {
                let paint = Paint::for_terminal(std::io::stdout().is_terminal());
                render::print_text(&diagnostics::render(
                    &name,
                    &text,
                    &report.diagnostics,
                    paint,
                ));
            }
            Ok(exit(report.valid))
        }
        BindCommand::Compile { args, json } => {
            let (text, name) = args.read()?;
            let report = match bind_file::compile_binding_file(&text, args.against()?).await {
                Ok(report) => report,
                Err(error) => return refused(error, &name, &text, json),
            };
            if json {
                render::print_json(&report)?;
            } else {
                warn(&name, &text, &report.diagnostics);
                render::print_json_pretty(&report.skill)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Compile refused the binding (`binding_invalid`): its diagnostics, rendered on stderr or as
/// `{"skill": null, "diagnostics"}` with `--json`, and exit 1. Any other error goes on as is.
fn refused(error: ApiError, name: &str, text: &str, json: bool) -> Result<ExitCode, ApiError> {
    let diagnostics = match (&error.code, &error.diagnostics) {
        (ErrorCode::BindingInvalid, Some(value)) => {
            match serde_json::from_value::<Vec<BindingDiagnostic>>(value.clone()) {
                Ok(diagnostics) => diagnostics,
                Err(_) => return Err(error),
            }
        }
        _ => return Err(error),
    };
    if json {
        render::print_json(&serde_json::json!({ "skill": null, "diagnostics": diagnostics }))?;
    } else {
        warn(name, text, &diagnostics);
    }
    Ok(ExitCode::from(1))
}

/// Diagnostics for a person on stderr (stdout holds the skill).
fn warn(name: &str, text: &str, diagnostics: &[BindingDiagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let paint = Paint::for_terminal(std::io::stderr().is_terminal());
    eprint!("{}", diagnostics::render(name, text, diagnostics, paint));
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
