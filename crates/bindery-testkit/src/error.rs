/// Why a test double could not be started.
#[derive(Debug, thiserror::Error)]
pub enum TestkitError {
    /// An operating-system call failed (spawning, binding a port, ...).
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// A tool the double needs is missing and `CI=true`, so the test must fail, not skip.
    #[error("test double unavailable (CI=true, so this fails instead of skipping): {0}; run cargo xtask test")]
    Unavailable(String),
    /// The double's process exited or stayed silent before printing `READY <url>`.
    #[error("{script} did not become ready: {reason}\n--- last output of {script} ---\n{tail}")]
    NotReady {
        script: String,
        reason: String,
        tail: String,
    },
}

impl TestkitError {
    pub(crate) fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            what: what.into(),
            source,
        }
    }
}
