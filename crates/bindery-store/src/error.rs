use std::path::{Path, PathBuf};

/// What can go wrong in the workspace database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The workspace directory could not be created.
    #[error("cannot create the workspace directory {path}: {source}")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The database file could not be opened.
    #[error("cannot open the workspace database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("cannot migrate the workspace database {path}: {source}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// A row with this key exists already.
    #[error("{what} {key:?} already exists")]
    Conflict {
        /// Kind of row.
        what: &'static str,
        /// Its key.
        key: String,
    },
    /// A stored value did not parse (a JSON column, a timestamp).
    #[error("corrupt {what} in the workspace database: {detail}")]
    Corrupt {
        /// Which value.
        what: &'static str,
        /// The parse error.
        detail: String,
    },
    /// Any other database error.
    #[error("workspace database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: sqlx::Error) -> StoreError {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether the error comes from another process working on the same file at the same
    /// moment (a lock, or a migration it applied first): worth retrying.
    pub(crate) fn is_contention(&self) -> bool {
        match self {
            StoreError::Migrate { .. } => true,
            StoreError::Open {
                source: sqlx::Error::Database(db),
                ..
            } => {
                let message = db.message();
                message.contains("locked") || message.contains("busy")
            }
            _ => false,
        }
    }

    pub(crate) fn corrupt(what: &'static str, detail: impl ToString) -> StoreError {
        StoreError::Corrupt {
            what,
            detail: detail.to_string(),
        }
    }
}

/// Whether a sqlx error is a UNIQUE/PRIMARY KEY violation.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}
