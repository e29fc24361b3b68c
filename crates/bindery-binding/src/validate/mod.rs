//! Validation: a binding against the discovered schema, every problem at once. A binding with
//! problems is a [`Validation`] holding coded diagnostics, never an `Err` and never a panic.

mod inputs;
mod projection;
mod values;

use bindery_schema::{Operation, Severity};
use serde::Serialize;

use crate::codes::{self, BindingDiagnostic};
use crate::{Binding, Context, Valid};

/// A binding and every problem found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// The binding as given.
    pub binding: Binding,
    /// Every diagnostic, in binding order.
    pub diagnostics: Vec<BindingDiagnostic>,
}

impl Validation {
    /// Whether some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The valid binding (with its warnings), or the whole validation when it has errors.
    // The error is the validation itself, handed back whole once per save: boxing it would only
    // move the allocation.
    #[allow(clippy::result_large_err)]
    pub fn into_valid(self) -> Result<(Valid<Binding>, Vec<BindingDiagnostic>), Validation> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok((Valid::assume_valid(self.binding), self.diagnostics))
        }
    }
}

/// Collects diagnostics; the severity of each code comes from the documented list.
pub(crate) struct Report {
    diagnostics: Vec<BindingDiagnostic>,
}

impl Report {
    fn new() -> Report {
        Report {
            diagnostics: Vec::new(),
        }
    }

    /// Adds a diagnostic and returns it for `schema`/`help`.
    pub(crate) fn add(
        &mut self,
        code: &'static str,
        binding_path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut BindingDiagnostic {
        let severity = codes::doc(code).map_or(Severity::Error, |d| d.severity);
        self.diagnostics.push(BindingDiagnostic {
            code: code.to_owned(),
            severity,
            message: message.into(),
            binding_path: binding_path.into(),
            schema_path: None,
            help: None,
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

impl BindingDiagnostic {
    /// Sets the schema place.
    pub(crate) fn schema(&mut self, path: impl Into<String>) -> &mut BindingDiagnostic {
        self.schema_path = Some(path.into());
        self
    }

    /// Sets the help.
    pub(crate) fn help(&mut self, help: impl Into<String>) -> &mut BindingDiagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Validates a binding against the schema; every problem at once.
pub fn validate(binding: Binding, cx: &Context<'_>) -> Validation {
    let mut report = Report::new();
    check_identity(&binding, cx, &mut report);
    if let Some(op) = find_operation(&binding, cx, &mut report) {
        check_class(&binding, op, &mut report);
        inputs::check(&binding, op, cx, &mut report);
        projection::check(&binding, op, cx, &mut report);
    }
    check_confirmation(&binding, cx, &mut report);
    Validation {
        binding,
        diagnostics: report.diagnostics,
    }
}

fn check_identity(binding: &Binding, cx: &Context<'_>, report: &mut Report) {
    let name = binding.tool_name.trim();
    if name.is_empty() {
        report
            .add(codes::MISSING_TOOL_NAME, "toolName", "the tool has no name")
            .help("name it for the LLM, for example \"Look up the caller\"");
    } else if cx
        .taken_tool_names
        .iter()
        .any(|taken| taken.trim().eq_ignore_ascii_case(name))
    {
        report
            .add(
                codes::DUPLICATE_TOOL_NAME,
                "toolName",
                format!("the agent already has a skill named \"{name}\""),
            )
            .help("choose another name, or update the existing skill instead");
    }
    if binding
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        report
            .add(
                codes::MISSING_DESCRIPTION,
                "description",
                "the tool has no description, so the LLM cannot tell when to call it",
            )
            .help("say what it does and when to use it, in one or two sentences");
    }
}

fn find_operation<'s>(
    binding: &Binding,
    cx: &Context<'s>,
    report: &mut Report,
) -> Option<&'s Operation> {
    let id = binding.operation.as_str();
    if let Some(op) = cx.schema.operation(id) {
        if let Some(reason) = &op.deprecated {
            report
                .add(
                    codes::DEPRECATED,
                    "operation",
                    format!("`{id}` is deprecated: {reason}"),
                )
                .schema(format!("operation {id}"));
        }
        return Some(op);
    }
    if cx.schema.subscriptions.iter().any(|s| s.id == id) {
        report
            .add(
                codes::NOT_BINDABLE,
                "operation",
                format!(
                    "`{id}` is a subscription; a voice agent calls operations that answer once"
                ),
            )
            .schema(format!("operation {id}"));
        return None;
    }
    if cx.unscoped.is_some_and(|full| full.operation(id).is_some()) {
        report
            .add(
                codes::BLOCKED_BY_SCOPING,
                "operation",
                format!("`{id}` reads or writes a table or column blocked by the provider's data scoping"),
            )
            .schema(format!("operation {id}"))
            .help("unblock it in the provider's scoping, or bind another operation");
        return None;
    }
    let close = crate::suggest::closest(id, cx.schema.operations.iter().map(|o| o.id.as_str()));
    let diagnostic = report
        .add(
            codes::UNKNOWN_OPERATION,
            "operation",
            format!("the provider has no operation `{id}`"),
        )
        .schema(cx.schema.source.title.clone());
    match close.first() {
        Some(first) => diagnostic.help(format!("did you mean `{first}`?")),
        None => diagnostic.help("pick an operation from the provider's schema browser"),
    };
    None
}

fn check_class(binding: &Binding, op: &Operation, report: &mut Report) {
    let writes = op.class.is_write();
    if binding.is_write != writes {
        let (said, is) = if binding.is_write {
            ("a write", "a read")
        } else {
            ("a read", "a write")
        };
        report
            .add(
                codes::WRITE_FLAG_MISMATCH,
                "isWrite",
                format!("the binding says {said} but `{}` is {is}", op.id),
            )
            .schema(format!("operation {}", op.id))
            .help(format!("set \"isWrite\": {writes}"));
    }
}

fn check_confirmation(binding: &Binding, cx: &Context<'_>, report: &mut Report) {
    if !binding.is_write {
        return;
    }
    if binding.enabled == Some(true) {
        report.add(
            codes::WRITE_LANDS_DISABLED,
            "enabled",
            "a write lands disabled; enable it after it is approved",
        );
    }
    let Some(confirmation) = &binding.confirmation else {
        report
            .add(
                codes::WRITE_WITHOUT_CONFIRMATION,
                "confirmation",
                "a write needs a confirmation the agent reads back to the caller first",
            )
            .help("add \"confirmation\": {\"prompt\": \"Book {appointment_start} for {caller_name}?\"}");
        return;
    };
    if confirmation.prompt.trim().is_empty() {
        report.add(
            codes::WRITE_WITHOUT_CONFIRMATION,
            "confirmation.prompt",
            "the confirmation prompt is empty",
        );
    }
    for placeholder in placeholders(&confirmation.prompt) {
        if cx.registry.get(placeholder).is_none() {
            report
                .add(
                    codes::UNKNOWN_PARAM,
                    "confirmation.prompt",
                    format!("the prompt reads `{{{placeholder}}}`, which is not a parameter"),
                )
                .help("placeholders name canonical parameters or the agent's own");
        }
    }
}

/// `{name}` placeholders of a prompt.
fn placeholders(prompt: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = prompt;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(after[..close].trim());
        rest = &after[close + 1..];
    }
    found
}
