//! What one run of a skill gives back: the request as it was (or would be) sent, the provider's
//! answer, the projected output, the latency and the diagnostics. A failed run is a result, not
//! an `Err`: the person sees what was built and why it failed.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::codes::RunCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RunStatus {
    /// The provider answered and the output was projected.
    Ok,
    /// A write that was not confirmed: the request is shown, nothing was sent.
    DryRun,
    /// Something failed; the diagnostics say what.
    Failed,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The run failed because of it.
    Error,
    /// The run went through, but something is off (a projected field the answer lacks).
    Warning,
    /// For the record (a dry run).
    Info,
}

/// One problem or note of a run, with a stable code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunDiagnostic {
    /// Stable code (`runtime/...`, see [`crate::codes`]).
    pub code: &'static str,
    /// How serious.
    pub severity: Severity,
    /// For people; never holds a secret.
    pub message: String,
    /// Where: `inputs.caller_phone`, `output.customer_id`, `response`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl RunDiagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: RunCode, message: impl Into<String>) -> RunDiagnostic {
        RunDiagnostic {
            code: code.as_str(),
            severity: code.severity(),
            message: message.into(),
            at: None,
        }
    }

    /// Where it applies.
    pub fn at(mut self, at: impl Into<String>) -> RunDiagnostic {
        self.at = Some(at.into());
        self
    }
}

/// A header as shown to the person: secret values are `<redacted>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShownHeader {
    /// Header name.
    pub name: String,
    /// Its value, or `<redacted>`.
    pub value: String,
    /// Whether the value is a credential.
    pub secret: bool,
}

/// The text shown in place of a secret.
pub const REDACTED: &str = "<redacted>";

/// One bound SQL parameter as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShownSqlParameter {
    /// `$1`, `?`, `?1`.
    pub placeholder: String,
    /// The column it is compared with or written to.
    pub column: String,
    /// The column's type label.
    #[serde(rename = "type")]
    pub column_type: String,
    /// The bound value (`null` when bound as NULL).
    pub value: Value,
}

/// The request exactly as built (credentials redacted), by transport.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum ResolvedRequest {
    /// An HTTP request.
    NativeRest {
        /// Upper-case method.
        method: String,
        /// The full URL with path and query filled (no credential is ever in it).
        url: String,
        /// Headers sent.
        headers: Vec<ShownHeader>,
        /// The body as sent, when there is one.
        #[serde(rename = "body")]
        body: Option<String>,
        /// Its media type.
        #[serde(rename = "bodyMediaType")]
        body_media_type: Option<String>,
    },
    /// A GraphQL POST.
    NativeGraphql {
        /// The endpoint.
        url: String,
        /// Headers sent.
        headers: Vec<ShownHeader>,
        /// The operation name.
        #[serde(rename = "operationName")]
        operation_name: String,
        /// The frozen document.
        document: String,
        /// The variables sent.
        variables: Map<String, Value>,
    },
    /// A SQL statement.
    NativeSql {
        /// `postgres`, `mysql`, `sqlite`.
        dialect: String,
        /// The frozen statement.
        statement: String,
        /// The bound parameters in placeholder order.
        parameters: Vec<ShownSqlParameter>,
        /// Ran (or would run) in a read-only transaction.
        #[serde(rename = "readOnly")]
        read_only: bool,
        /// The statement timeout set on the server.
        #[serde(rename = "statementTimeoutMs")]
        statement_timeout_ms: u64,
        /// The most rows read.
        #[serde(rename = "rowLimit")]
        row_limit: u32,
    },
}

/// The provider's answer, as received (size capped).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RawResponse {
    /// The HTTP status (REST, GraphQL).
    pub http_status: Option<u16>,
    /// The body: JSON as parsed, text when it is not JSON; SQL: the rows as objects.
    pub body: Value,
    /// Bytes received (SQL: 0).
    pub bytes: u64,
    /// The body was cut at the cap.
    pub truncated: bool,
    /// Rows written (SQL writes).
    pub rows_affected: Option<u64>,
}

/// One run of a skill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TryRun {
    /// How it ended.
    pub status: RunStatus,
    /// The skill changes data.
    pub is_write: bool,
    /// The request reached the provider.
    pub executed: bool,
    /// The request as built; `None` when the inputs did not allow building one.
    pub request: Option<ResolvedRequest>,
    /// The provider's answer.
    pub response: Option<RawResponse>,
    /// The output leaves, by name.
    pub output: Option<Map<String, Value>>,
    /// The round trip to the provider, in milliseconds.
    pub latency_ms: Option<f64>,
    /// Problems and notes.
    pub diagnostics: Vec<RunDiagnostic>,
}

impl TryRun {
    /// A run that failed before anything could be built.
    pub fn failed(is_write: bool, diagnostics: Vec<RunDiagnostic>) -> TryRun {
        TryRun {
            status: RunStatus::Failed,
            is_write,
            executed: false,
            request: None,
            response: None,
            output: None,
            latency_ms: None,
            diagnostics,
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}
