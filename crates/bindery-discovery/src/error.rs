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
        }
    }
}
