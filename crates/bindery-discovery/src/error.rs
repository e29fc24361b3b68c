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
    /// The source exists but could not be read.
    #[error("cannot read {path}: {detail}")]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// What failed.
        detail: String,
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
        }
    }
}
