//! Validating and compiling a binding without saving it: the live editor's preview. The same
//! evaluation backs `bind`, `update` and `patch`, which turn a refusal into an error instead.

use bindery_binding::{
    codes, compile, validate, Binding, BindingDiagnostic, CompileError, Context, ParamRegistry,
    Skill,
};
use bindery_schema::Severity;
use serde::Serialize;
use serde_json::Value;

use crate::agents::{parse_body, registry};
use crate::skills::Target;
use crate::{ApiError, Bindery, ErrorCode};

/// The answer of `POST …/bindings/preview`: what saving the binding would give, nothing saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BindingPreview {
    /// Whether `bind` would accept it.
    pub valid: bool,
    /// Every problem (errors when invalid, warnings when valid).
    pub diagnostics: Vec<BindingDiagnostic>,
    /// The compiled skill `bind` would save; `null` when invalid.
    pub skill: Option<Skill>,
}

/// What a binding comes to against a target.
pub(crate) struct Evaluation {
    /// The tool name, trimmed.
    name: String,
    /// The validation's diagnostics (warnings only when valid).
    diagnostics: Vec<BindingDiagnostic>,
    verdict: Verdict,
}

enum Verdict {
    Compiled(Box<(Binding, Skill)>),
    /// Another skill of the agent has the name.
    Duplicate,
    /// Validation found errors.
    Invalid,
    /// A valid binding did not compile (a defect).
    NotCompiled(CompileError),
}

/// Validates a binding against a target and compiles it when valid.
pub(crate) fn evaluate(
    binding: Binding,
    target: &Target,
    registry: &ParamRegistry,
    taken: &[String],
) -> Evaluation {
    let cx = Context {
        schema: &target.scoped,
        unscoped: Some(&target.full),
        schema_fingerprint: &target.fingerprint,
        registry,
        taken_tool_names: taken,
    };
    let name = binding.tool_name.trim().to_owned();
    let validation = validate(binding, &cx);
    let duplicate = validation
        .diagnostics
        .iter()
        .any(|d| d.code == codes::DUPLICATE_TOOL_NAME)
        || taken.iter().any(|t| t.trim().eq_ignore_ascii_case(&name));
    if duplicate {
        return Evaluation {
            name,
            diagnostics: validation.diagnostics,
            verdict: Verdict::Duplicate,
        };
    }
    match validation.into_valid() {
        Err(invalid) => Evaluation {
            name,
            diagnostics: invalid.diagnostics,
            verdict: Verdict::Invalid,
        },
        Ok((valid, warnings)) => {
            let verdict = match compile(&valid, &cx) {
                Ok(skill) => Verdict::Compiled(Box::new((valid.into_inner(), skill))),
                Err(error) => Verdict::NotCompiled(error),
            };
            Evaluation {
                name,
                diagnostics: warnings,
                verdict,
            }
        }
    }
}

fn compile_diagnostic(error: &CompileError) -> BindingDiagnostic {
    BindingDiagnostic {
        code: CompileError::CODE.to_owned(),
        severity: Severity::Error,
        message: error.message.clone(),
        binding_path: String::new(),
        schema_path: None,
        help: Some("this is a Bindery defect; the log has details".to_owned()),
    }
}

impl Evaluation {
    /// The skill with the validation's warnings, or `duplicate_tool_name` (409) /
    /// `binding_invalid` (422) carrying the diagnostics.
    pub(crate) fn into_result(self) -> Result<(Binding, Skill, Vec<BindingDiagnostic>), ApiError> {
        match self.verdict {
            Verdict::Compiled(compiled) => {
                let (binding, skill) = *compiled;
                Ok((binding, skill, self.diagnostics))
            }
            Verdict::Duplicate => Err(ApiError::new(
                ErrorCode::DuplicateToolName,
                format!("the agent already has a skill named {:?}", self.name),
            )
            .with_diagnostics(&self.diagnostics)),
            Verdict::Invalid => {
                let errors = self
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                Err(ApiError::new(
                    ErrorCode::BindingInvalid,
                    format!(
                        "the binding has {errors} problem{} (see diagnostics)",
                        if errors == 1 { "" } else { "s" }
                    ),
                )
                .with_diagnostics(&self.diagnostics))
            }
            Verdict::NotCompiled(error) => {
                tracing::error!(error = %error, "a valid binding did not compile");
                Err(ApiError::new(ErrorCode::BindingInvalid, error.to_string())
                    .with_diagnostics(&[compile_diagnostic(&error)]))
            }
        }
    }

    /// The preview: never an error.
    fn into_preview(self) -> BindingPreview {
        let mut diagnostics = self.diagnostics;
        match self.verdict {
            Verdict::Compiled(compiled) => BindingPreview {
                valid: true,
                diagnostics,
                skill: Some(compiled.1),
            },
            Verdict::Duplicate => {
                if !diagnostics
                    .iter()
                    .any(|d| d.code == codes::DUPLICATE_TOOL_NAME)
                {
                    diagnostics.insert(
                        0,
                        BindingDiagnostic {
                            code: codes::DUPLICATE_TOOL_NAME.to_owned(),
                            severity: Severity::Error,
                            message: format!(
                                "the agent already has a skill named \"{}\"",
                                self.name
                            ),
                            binding_path: "toolName".to_owned(),
                            schema_path: None,
                            help: Some(
                                "choose another name, or update the existing skill instead"
                                    .to_owned(),
                            ),
                        },
                    );
                }
                BindingPreview {
                    valid: false,
                    diagnostics,
                    skill: None,
                }
            }
            Verdict::Invalid => BindingPreview {
                valid: false,
                diagnostics,
                skill: None,
            },
            Verdict::NotCompiled(error) => {
                tracing::error!(error = %error, "a valid binding did not compile");
                diagnostics.push(compile_diagnostic(&error));
                BindingPreview {
                    valid: false,
                    diagnostics,
                    skill: None,
                }
            }
        }
    }
}

impl Bindery {
    /// `POST /agents/{agentId}/integrations/{kind}/bindings/preview`: validates and compiles the
    /// binding as `bind` would, saving nothing. A body that is not a binding is a 400 as for
    /// `bind`; every other problem is a diagnostic of the answer (a taken tool name too). With
    /// `skill_id`, the binding is an edit of that skill: its own name is not taken.
    #[tracing::instrument(skip_all, fields(agent = agent_id, kind), err(level = "info"))]
    pub async fn preview_binding(
        &self,
        agent_id: &str,
        kind: &str,
        body: Value,
        skill_id: Option<&str>,
    ) -> Result<BindingPreview, ApiError> {
        let agent = match skill_id {
            Some(skill) => self.skill_record(agent_id, skill).await?.0,
            None => self.agent_record(agent_id).await?,
        };
        let binding: Binding = parse_body(body)?;
        let target = self.bind_target(kind).await?;
        let taken = self.taken_names(agent_id, skill_id).await?;
        Ok(evaluate(binding, &target, &registry(&agent)?, &taken).into_preview())
    }
}
