use std::path::PathBuf;

use bindery_schema::SourceKind;

/// Why a source could not be discovered at all. Each variant has a stable [`code`](Self::code).
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// No discoverer for this kind is built in.
    #[error("Bindery cannot discover {} sources yet", kind.as_str())]
    UnsupportedKind {
        /// The kind asked for.
        kind: SourceKind,
    },
    /// The file does not exist.
    #[error("no file at {path}")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The file exists but is not what the source kind expects.
    #[error("{path} is not a {expected}: {detail}")]
    NotASource {
        /// The path given.
        path: PathBuf,
        /// What it should have been ("SQLite database").
        expected: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// A document (OpenAPI, discovery document) does not parse. `line`/`column` are 1-based.
    #[error("{source_name} is not valid {format}: {detail} (line {line}, column {column})")]
    Malformed {
        /// File name, URL or `pasted text`.
        source_name: String,
        /// What it was parsed as (`JSON`, `YAML`).
        format: &'static str,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// The parser's message.
        detail: String,
    },
    /// A document parses but is not a description of the expected kind (no `openapi`/`swagger`
    /// version, not a discovery document), or is larger than Bindery reads.
    #[error("{source_name} is not {expected}: {detail}")]
    NotADescription {
        /// File name, URL or `pasted text`.
        source_name: String,
        /// What it should have been.
        expected: &'static str,
        /// Why not.
        detail: String,
    },
    /// The endpoint refused the request's credentials (401 or 403).
    #[error(
        "{source_name} refused the request ({status}): its credentials are missing or not accepted"
    )]
    Refused {
        /// The endpoint.
        source_name: String,
        /// HTTP status.
        status: u16,
    },
    /// The endpoint answered an HTTP error without a GraphQL answer.
    #[error("{source_name} answered HTTP {status} without a GraphQL answer")]
    EndpointStatus {
        /// The endpoint.
        source_name: String,
        /// HTTP status.
        status: u16,
    },
    /// The endpoint answered something that is not JSON (an HTML login page, a proxy error).
    #[error("{source_name} answered {content_type}, not JSON: is this the GraphQL endpoint?")]
    NotJson {
        /// The endpoint.
        source_name: String,
        /// The answer's content type.
        content_type: String,
    },
    /// A GraphQL server answered with errors only.
    #[error("{source_name} answered with errors: {}", messages.join("; "))]
    GraphqlErrors {
        /// The endpoint or file.
        source_name: String,
        /// The errors' messages.
        messages: Vec<String>,
    },
    /// The endpoint did not answer in time.
    #[error("{source_name} did not answer within {seconds} s")]
    Timeout {
        /// The endpoint.
        source_name: String,
        /// The time allowed.
        seconds: f64,
    },
    /// The answer or document is larger than Bindery reads.
    #[error("{source_name} is larger than {} MiB, which Bindery does not read", *limit_bytes as f64 / 1048576.0)]
    TooLarge {
        /// The endpoint, URL or file.
        source_name: String,
        /// The cap in bytes.
        limit_bytes: usize,
    },
    /// The endpoint cannot be reached (no connection, not an http(s) URL).
    #[error("cannot reach {source_name}: {detail}")]
    Unreachable {
        /// The endpoint.
        source_name: String,
        /// What failed.
        detail: String,
    },
    /// A database connection that must not be tried (empty fields, plain TCP to another machine).
    #[error("the connection settings are not usable: {detail}")]
    InvalidConnection {
        /// What is wrong (never the password).
        detail: String,
    },
    /// The source exists but could not be read.
    #[error("cannot read {path}: {detail}")]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
    /// A database server refused the login: wrong user name or password.
    #[error("{source_name} refused the login: the user name or password is not accepted")]
    AuthenticationFailed {
        /// `user@host:port/database` (never the password).
        source_name: String,
    },
    /// The server has no database of that name (or hides it from this login).
    #[error("{source_name}: the server has no database named {database:?}")]
    DatabaseNotFound {
        /// `user@host:port/database`.
        source_name: String,
        /// The database asked for.
        database: String,
    },
    /// The login works but may not read the database or its catalog.
    #[error("{source_name}: the login may not read this database: {detail}")]
    PermissionDenied {
        /// `user@host:port/database`.
        source_name: String,
        /// The server's message.
        detail: String,
    },
    /// TLS was required but could not be set up (the server does not offer it, the certificate
    /// is not trusted or does not name the host).
    #[error("cannot open a TLS connection to {source_name}: {detail}")]
    TlsFailed {
        /// `user@host:port/database`.
        source_name: String,
        /// What failed.
        detail: String,
    },
    /// A database server answered a catalog query with an error.
    #[error("{source_name} failed while its catalog was read: {detail}")]
    QueryFailed {
        /// `user@host:port/database`.
        source_name: String,
        /// The server's message.
        detail: String,
    },
    /// A schema asked for does not exist in the database.
    #[error("{source_name}: the database has no schema named {}", schemas.join(", "))]
    SchemaNotFound {
        /// `user@host:port/database`.
        source_name: String,
        /// The schemas asked for that are not there.
        schemas: Vec<String>,
    },
}

impl DiscoveryError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            DiscoveryError::UnsupportedKind { .. } => "discovery/unsupported-kind",
            DiscoveryError::NotFound { .. } => "discovery/source-not-found",
            DiscoveryError::NotASource { .. } => "discovery/not-a-source",
            DiscoveryError::Unreadable { .. } => "discovery/source-unreadable",
            DiscoveryError::Malformed { .. } => "discovery/malformed-document",
            DiscoveryError::NotADescription { .. } => "discovery/not-a-description",
            DiscoveryError::Refused { .. } => "discovery/unauthorized",
            DiscoveryError::EndpointStatus { .. } => "discovery/endpoint-error",
            DiscoveryError::NotJson { .. } => "discovery/not-json",
            DiscoveryError::GraphqlErrors { .. } => "discovery/graphql-errors",
            DiscoveryError::Timeout { .. } => "discovery/timeout",
            DiscoveryError::TooLarge { .. } => "discovery/too-large",
            DiscoveryError::Unreachable { .. } => "discovery/unreachable",
            DiscoveryError::InvalidConnection { .. } => "discovery/invalid-connection",
            DiscoveryError::AuthenticationFailed { .. } => "discovery/authentication-failed",
            DiscoveryError::DatabaseNotFound { .. } => "discovery/database-not-found",
            DiscoveryError::PermissionDenied { .. } => "discovery/permission-denied",
            DiscoveryError::TlsFailed { .. } => "discovery/tls-failed",
            DiscoveryError::QueryFailed { .. } => "discovery/query-failed",
            DiscoveryError::SchemaNotFound { .. } => "discovery/schema-not-found",
        }
    }
}
