//! Problems as data. A malformed source, an unknown type or a suspicious mapping is a
//! [`Diagnostic`] with a stable code, never an `Err` and never a panic.

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Worth knowing; nothing is lost.
    Info,
    /// Something was approximated or skipped; the result is still usable.
    Warning,
    /// The element could not be used.
    Error,
}

/// One problem found while discovering, validating or compiling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable machine code (`discovery/sqlite-unknown-type`): branch on this, never on `message`.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// A sentence for a person.
    pub message: String,
    /// Where in the source or schema (`sqlite:main.jobs.status`), when it is about one place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A warning about one place.
    pub fn warning(code: &str, message: impl Into<String>, path: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_owned(),
            severity: Severity::Warning,
            message: message.into(),
            path: Some(path.into()),
            help: None,
        }
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A value together with the diagnostics produced while making it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithDiagnostics<T> {
    /// The value.
    pub value: T,
    /// Diagnostics, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// A value that passed validation. Only a validator can make one, so code that takes a
/// `Valid<T>` cannot be handed unvalidated input (apollo-compiler's idea).
#[derive(Debug, Clone, PartialEq)]
pub struct Valid<T>(T);

impl<T> Valid<T> {
    /// Marks a value as validated. Call only from a validator that has checked it and found no
    /// error-severity diagnostic.
    pub fn assume_valid(value: T) -> Self {
        Valid(value)
    }

    /// The validated value.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// Takes the value out.
    pub fn into_inner(self) -> T {
        self.0
    }
}
