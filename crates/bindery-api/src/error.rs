//! The one error type every shell renders: a stable code, an HTTP status and a sentence.

use serde::Serialize;

/// Stable error codes. Shells and the UI branch on these, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed (bad name, bad cursor, missing field).
    ValidationError,
    /// No API key, or an unknown or revoked one.
    Unauthorized,
    /// The key lacks the scope the call needs.
    InsufficientScope,
    /// No provider with that kind is registered.
    ProviderNotFound,
    /// The provider exists but was never discovered.
    ProviderNotDiscovered,
    /// The schema has no object with that name.
    ObjectNotFound,
    /// No such route.
    RouteNotFound,
    /// The route exists but not with this method.
    MethodNotAllowed,
    /// A provider with that kind exists already.
    ProviderAlreadyExists,
    /// The source kind is not one Bindery can connect yet.
    UnsupportedSourceKind,
    /// The source is not where it was said to be.
    SourceNotFound,
    /// The source is not what its kind expects (not a SQLite file, ...).
    SourceInvalid,
    /// The source exists but could not be read.
    SourceUnreadable,
    /// The source (an endpoint) refused the credentials it was given.
    SourceRefused,
    /// The source (an endpoint) could not be reached or did not answer in time.
    SourceUnreachable,
    /// The provider's credentials are not available (a password kept only in memory is gone).
    CredentialsMissing,
    /// The vault's master key cannot be used (no keyring service, a bad key file, …); the
    /// message says how to choose another key source.
    VaultUnavailable,
    /// A stored credential does not open (another key, damaged bytes): connect it again.
    CredentialsUnreadable,
    /// The provider no longer accepts the stored sign-in (a revoked or expired grant): connect
    /// it again.
    NeedsReconnect,
    /// The person did not approve the sign-in in the browser (timed out, cancelled, denied).
    OauthNotApproved,
    /// Another OAuth sign-in is waiting for its approval; one runs at a time.
    OauthFlowInProgress,
    /// The workspace database could not be opened or written.
    WorkspaceUnavailable,
    /// A bug or an unexpected state; the log has details.
    InternalError,
    /// No agent with that id.
    AgentNotFound,
    /// The agent has no skill with that id.
    SkillNotFound,
    /// The agent has no version with that id or number.
    VersionNotFound,
    /// The agent already has a skill with that tool name.
    DuplicateToolName,
    /// The binding does not validate against the provider's schema; `diagnostics` says why.
    BindingInvalid,
    /// A re-discovery broke the skill: update its binding, then approve it again.
    SkillBroken,
    /// The skill's binding no longer validates (scoping or schema changed); `diagnostics` says
    /// why.
    SkillNotValid,
    /// A write is enabled only once approved.
    ApprovalRequired,
    /// Another publish of the same agent took the version number at the same moment.
    PublishConflict,
}

impl ErrorCode {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationError => "validation_error",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InsufficientScope => "insufficient_scope",
            ErrorCode::ProviderNotFound => "provider_not_found",
            ErrorCode::ProviderNotDiscovered => "provider_not_discovered",
            ErrorCode::ObjectNotFound => "object_not_found",
            ErrorCode::RouteNotFound => "route_not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::ProviderAlreadyExists => "provider_already_exists",
            ErrorCode::UnsupportedSourceKind => "unsupported_source_kind",
            ErrorCode::SourceNotFound => "source_not_found",
            ErrorCode::SourceInvalid => "source_invalid",
            ErrorCode::SourceUnreadable => "source_unreadable",
            ErrorCode::SourceRefused => "source_refused",
            ErrorCode::SourceUnreachable => "source_unreachable",
            ErrorCode::CredentialsMissing => "credentials_missing",
            ErrorCode::VaultUnavailable => "vault_unavailable",
            ErrorCode::CredentialsUnreadable => "credentials_unreadable",
            ErrorCode::NeedsReconnect => "needs_reconnect",
            ErrorCode::OauthNotApproved => "oauth_not_approved",
            ErrorCode::OauthFlowInProgress => "oauth_flow_in_progress",
            ErrorCode::WorkspaceUnavailable => "workspace_unavailable",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::AgentNotFound => "agent_not_found",
            ErrorCode::SkillNotFound => "skill_not_found",
            ErrorCode::VersionNotFound => "version_not_found",
            ErrorCode::DuplicateToolName => "duplicate_tool_name",
            ErrorCode::BindingInvalid => "binding_invalid",
            ErrorCode::SkillBroken => "skill_broken",
            ErrorCode::SkillNotValid => "skill_not_valid",
            ErrorCode::ApprovalRequired => "approval_required",
            ErrorCode::PublishConflict => "publish_conflict",
        }
    }

    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::ValidationError => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::InsufficientScope => 403,
            ErrorCode::ProviderNotFound
            | ErrorCode::ProviderNotDiscovered
            | ErrorCode::ObjectNotFound
            | ErrorCode::RouteNotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::ProviderAlreadyExists => 409,
            ErrorCode::UnsupportedSourceKind
            | ErrorCode::SourceNotFound
            | ErrorCode::SourceInvalid
            | ErrorCode::SourceUnreadable
            | ErrorCode::SourceRefused => 422,
            ErrorCode::SourceUnreachable => 502,
            ErrorCode::CredentialsMissing
            | ErrorCode::CredentialsUnreadable
            | ErrorCode::NeedsReconnect
            | ErrorCode::OauthNotApproved
            | ErrorCode::OauthFlowInProgress => 409,
            ErrorCode::VaultUnavailable => 503,
            ErrorCode::WorkspaceUnavailable => 503,
            ErrorCode::InternalError => 500,
            ErrorCode::AgentNotFound | ErrorCode::SkillNotFound | ErrorCode::VersionNotFound => 404,
            ErrorCode::DuplicateToolName
            | ErrorCode::SkillBroken
            | ErrorCode::SkillNotValid
            | ErrorCode::ApprovalRequired
            | ErrorCode::PublishConflict => 409,
            ErrorCode::BindingInvalid => 422,
        }
    }

    /// A short title for problem+json.
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::ValidationError => "Invalid request",
            ErrorCode::Unauthorized => "Missing or invalid API key",
            ErrorCode::InsufficientScope => "API key lacks a scope",
            ErrorCode::ProviderNotFound => "Provider not found",
            ErrorCode::ProviderNotDiscovered => "Provider not discovered",
            ErrorCode::ObjectNotFound => "Object not found",
            ErrorCode::RouteNotFound => "No such endpoint",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::ProviderAlreadyExists => "Provider already exists",
            ErrorCode::UnsupportedSourceKind => "Unsupported source kind",
            ErrorCode::SourceNotFound => "Source not found",
            ErrorCode::SourceInvalid => "Source is not valid",
            ErrorCode::SourceUnreadable => "Source could not be read",
            ErrorCode::SourceRefused => "Source refused the credentials",
            ErrorCode::SourceUnreachable => "Source unreachable",
            ErrorCode::CredentialsMissing => "Credentials missing",
            ErrorCode::VaultUnavailable => "Vault unavailable",
            ErrorCode::CredentialsUnreadable => "Credentials unreadable",
            ErrorCode::NeedsReconnect => "Sign in again",
            ErrorCode::OauthNotApproved => "Sign-in not approved",
            ErrorCode::OauthFlowInProgress => "Another sign-in is waiting",
            ErrorCode::WorkspaceUnavailable => "Workspace unavailable",
            ErrorCode::InternalError => "Internal error",
            ErrorCode::AgentNotFound => "Agent not found",
            ErrorCode::SkillNotFound => "Skill not found",
            ErrorCode::VersionNotFound => "Version not found",
            ErrorCode::DuplicateToolName => "Tool name taken",
            ErrorCode::BindingInvalid => "Binding does not validate",
            ErrorCode::SkillBroken => "Skill broken by a schema change",
            ErrorCode::SkillNotValid => "Skill no longer validates",
            ErrorCode::ApprovalRequired => "Approval required",
            ErrorCode::PublishConflict => "Publish raced another",
        }
    }
}

/// An application error: what a shell shows. Its message never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message} [{}]", code.as_str())]
pub struct ApiError {
    /// Stable code.
    pub code: ErrorCode,
    /// HTTP status for the code.
    pub status: u16,
    /// A sentence for a person.
    pub message: String,
    /// What is wrong with which part of a request body (`validation_error`): the platform's
    /// `errors[]` (boxed to keep every `Result<_, ApiError>` small).
    #[serde(skip_serializing_if = "no_errors")]
    pub errors: Box<Vec<FieldError>>,
    /// The binding diagnostics behind `binding_invalid`, `skill_not_valid` or
    /// `duplicate_tool_name` (a JSON array of coded diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<serde_json::Value>,
}

fn no_errors(errors: &[FieldError]) -> bool {
    errors.is_empty()
}

/// One problem with one part of a request body: the platform's `errors[]` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field (`toolName`, `parameters[0].name`), or `body` for the body as a whole.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            status: code.status(),
            message: message.into(),
            errors: Box::default(),
            diagnostics: None,
        }
    }

    /// A malformed request body (`validation_error`, 400) with one `errors[]` item.
    pub fn invalid_body(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        let message = message.into();
        let mut error = ApiError::new(ErrorCode::ValidationError, message.clone());
        error.errors.push(FieldError {
            field: field.into(),
            message,
        });
        error
    }

    /// The same error carrying these diagnostics.
    pub fn with_diagnostics<T: Serialize>(mut self, diagnostics: &[T]) -> ApiError {
        self.diagnostics = Some(serde_json::to_value(diagnostics).unwrap_or_default());
        self
    }
}

impl From<bindery_store::StoreError> for ApiError {
    fn from(error: bindery_store::StoreError) -> Self {
        tracing::error!(%error, "workspace database error");
        match error {
            bindery_store::StoreError::Conflict { what: "skill", key } => ApiError::new(
                ErrorCode::DuplicateToolName,
                format!("the agent already has a skill named {key:?}"),
            ),
            bindery_store::StoreError::Conflict {
                what: "version", ..
            } => ApiError::new(
                ErrorCode::PublishConflict,
                "another publish of this agent finished at the same moment; publish again",
            ),
            bindery_store::StoreError::Conflict { what, key } => ApiError::new(
                ErrorCode::ProviderAlreadyExists,
                format!("a {what} named {key:?} already exists"),
            ),
            other => ApiError::new(ErrorCode::WorkspaceUnavailable, other.to_string()),
        }
    }
}

impl From<bindery_discovery::DiscoveryError> for ApiError {
    fn from(error: bindery_discovery::DiscoveryError) -> Self {
        use bindery_discovery::DiscoveryError as D;
        let code = match &error {
            D::UnsupportedKind { .. } => ErrorCode::UnsupportedSourceKind,
            D::NotFound { .. } => ErrorCode::SourceNotFound,
            D::InvalidConnection { .. } => ErrorCode::ValidationError,
            D::NotASource { .. }
            | D::Malformed { .. }
            | D::NotADescription { .. }
            | D::NotJson { .. }
            | D::GraphqlErrors { .. }
            | D::TooLarge { .. } => ErrorCode::SourceInvalid,
            D::Unreadable { .. } => ErrorCode::SourceUnreadable,
            D::Refused { .. } => ErrorCode::SourceRefused,
            D::Unreachable { .. } | D::Timeout { .. } | D::EndpointStatus { .. } => {
                ErrorCode::SourceUnreachable
            }
            D::AuthenticationFailed { .. } | D::PermissionDenied { .. } => ErrorCode::SourceRefused,
            D::DatabaseNotFound { .. } => ErrorCode::SourceNotFound,
            D::TlsFailed { .. } => ErrorCode::SourceUnreachable,
            D::QueryFailed { .. } => ErrorCode::SourceUnreadable,
            D::SchemaNotFound { .. } => ErrorCode::SourceNotFound,
        };
        ApiError::new(code, format!("{error} ({})", error.code()))
    }
}
