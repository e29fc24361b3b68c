//! Bindings from a file, without an agent: `bindery bind validate|compile FILE`.
//!
//! The binding is checked against a schema read either once from a source (the same code path
//! as [`crate::discover_once`], storing nothing) or from a workspace provider's newest snapshot
//! with its data scoping applied (the same target agent bindings use). A binding with problems
//! is a report holding coded diagnostics; compile refuses it with `binding_invalid` carrying
//! them.

use std::path::PathBuf;
use std::sync::Arc;

use bindery_binding::{Binding, Context, ParamRegistry};
use serde::Serialize;

use crate::skills::Target;
use crate::{ApiError, Bindery, ErrorCode, OpenOptions};

pub use bindery_binding::{BindingDiagnostic, Skill};

/// What a binding file is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindAgainst {
    /// A source discovered once, as `bindery discover KIND LOCATION` reads it.
    Source {
        /// Source kind (`sqlite`, `openapi`, `google-discovery`, `graphql`, `postgres`, `mysql`).
        kind: String,
        /// File path or URL, as [`crate::discover_once`] takes it.
        location: String,
    },
    /// A provider of a workspace: its newest snapshot, with the provider's data scoping.
    Workspace {
        /// The workspace directory (it must exist; nothing is created).
        dir: PathBuf,
        /// The provider's kind (name) in that workspace.
        provider: String,
    },
}

/// Answer of [`validate_binding_file`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BindingReport {
    /// No diagnostic is an error (warnings and infos allowed).
    pub valid: bool,
    /// Every diagnostic, in binding order.
    pub diagnostics: Vec<BindingDiagnostic>,
}

/// Answer of [`compile_binding_file`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompiledReport {
    /// The frozen skill.
    pub skill: Skill,
    /// The validation's warnings and infos.
    pub diagnostics: Vec<BindingDiagnostic>,
}

/// Validates the binding in `binding_text` (JSON) against `against`.
///
/// Errors: `validation_error` when the text is not a binding (the message carries serde's line
/// and column); the codes of [`crate::discover_once`] for a source; `workspace_unavailable`,
/// `provider_not_found` and `provider_not_discovered` for a workspace provider.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn validate_binding_file(
    binding_text: &str,
    against: BindAgainst,
) -> Result<BindingReport, ApiError> {
    let binding = parse(binding_text)?;
    let target = load(against).await?;
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema: &target.scoped,
        unscoped: Some(&target.full),
        schema_fingerprint: &target.fingerprint,
        registry: &registry,
        // A file binding belongs to no agent: no other skill's name is taken.
        taken_tool_names: &[],
    };
    let validation = bindery_binding::validate(binding, &cx);
    Ok(BindingReport {
        valid: !validation.has_errors(),
        diagnostics: validation.diagnostics,
    })
}

/// Validates the binding in `binding_text` and compiles it to a skill. Errors as
/// [`validate_binding_file`], plus `binding_invalid` carrying the diagnostics
/// ([`ApiError::diagnostics`]) when the binding has errors.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn compile_binding_file(
    binding_text: &str,
    against: BindAgainst,
) -> Result<CompiledReport, ApiError> {
    let binding = parse(binding_text)?;
    let target = load(against).await?;
    let (_, skill, diagnostics) =
        crate::skills::check(binding, &target, &ParamRegistry::canonical(), &[])?;
    Ok(CompiledReport { skill, diagnostics })
}

/// Reads a binding; a malformed one is a `validation_error` saying where.
fn parse(text: &str) -> Result<Binding, ApiError> {
    Binding::from_json(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "is not a binding",
            serde_json::error::Category::Eof => "ends too early",
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                "is not valid JSON"
            }
        };
        let reason = e.to_string();
        // serde names the field in backquotes for a missing or unknown one.
        let field = reason
            .split('`')
            .nth(1)
            .filter(|_| reason.starts_with("missing field") || reason.starts_with("unknown field"))
            .unwrap_or("body")
            .to_owned();
        ApiError::invalid_body(
            field,
            format!(
                "the binding {what} (line {}, column {}): {reason}",
                e.line(),
                e.column()
            ),
        )
    })
}

/// The schema to check against: one-shot (nothing is blocked, so the full schema is the scoped
/// one) or a workspace provider's.
async fn load(against: BindAgainst) -> Result<Arc<Target>, ApiError> {
    match against {
        BindAgainst::Source { kind, location } => {
            let discovered = crate::discover_once(&kind, &location).await?;
            Ok(Arc::new(Target::without_scoping(discovered.schema)))
        }
        BindAgainst::Workspace { dir, provider } => {
            if !dir.is_dir() {
                return Err(ApiError::new(
                    ErrorCode::WorkspaceUnavailable,
                    format!("there is no workspace at {}", dir.display()),
                ));
            }
            let api = Bindery::open(
                &dir,
                OpenOptions {
                    demo: false,
                    ..OpenOptions::default()
                },
            )
            .await?;
            let target = api.bind_target(&provider).await;
            api.close().await;
            target
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_bindings_say_where() {
        let error = parse("{\n  \"toolName\": \"x\",\n  \"operation\": 3\n}")
            .expect_err("a number is not an operation id");
        assert_eq!(
            error.code,
            ErrorCode::ValidationError,
            "a stable code: {error:?}"
        );
        assert!(
            error.message.contains("line 3, column"),
            "the message says where: {}",
            error.message
        );
        assert_eq!(
            error.errors.first().map(|e| e.field.as_str()),
            Some("body"),
            "no one field is at fault: {error:?}"
        );
        let error = parse("{\"toolName\": \"t\", \"operation\": \"o\", \"input\": []}")
            .expect_err("an unknown key");
        assert_eq!(
            error.errors.first().map(|e| e.field.as_str()),
            Some("input"),
            "the unknown key is named: {error:?}"
        );
        let error = parse("{\"toolName\": ").expect_err("cut short");
        assert!(
            error.message.contains("ends too early") && error.message.contains("line 1"),
            "an early end says so: {}",
            error.message
        );
    }

    #[tokio::test]
    async fn a_missing_workspace_is_not_created() {
        let scratch = tempfile::tempdir().expect("a scratch dir");
        let dir = scratch.path().join("nowhere");
        let error = validate_binding_file(
            "{\"toolName\": \"t\", \"operation\": \"x\"}",
            BindAgainst::Workspace {
                dir: dir.clone(),
                provider: "demo".to_owned(),
            },
        )
        .await
        .expect_err("no workspace there");
        assert_eq!(
            error.code,
            ErrorCode::WorkspaceUnavailable,
            "the code says why: {error:?}"
        );
        assert!(!dir.exists(), "nothing was created at {}", dir.display());
    }
}
