//! Workspace persistence: one SQLite database (`bindery.db`) in the workspace directory holding
//! providers, discovered schema snapshots, agents with their skills and published versions, and
//! API keys.
//!
//! Layer L1. The database runs in WAL mode with `synchronous = FULL`, so concurrent readers are
//! safe and a crash mid-write loses nothing committed. Migrations live in `migrations/` and run on
//! open. The store holds JSON as text and knows nothing of the schema model: `bindery-api`
//! serializes.

mod agents;
mod credentials;
mod error;
mod keys;
mod providers;
mod skills;
mod snapshots;
mod versions;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub use agents::AgentRecord;
pub use credentials::{CredentialRecord, NewCredential};
pub use error::StoreError;
pub use keys::ApiKeyRecord;
pub use providers::{NewProvider, ProviderRecord};
pub use skills::{Approval, SkillRecord};
pub use snapshots::{NewSnapshot, SnapshotMeta, SnapshotRecord};
pub use versions::{NewVersion, VersionRecord};

/// How many times an open that raced another process is retried.
const OPEN_ATTEMPTS: u64 = 6;

/// File name of the workspace database inside the workspace directory.
pub const DATABASE_FILE: &str = "bindery.db";

/// Handle on a workspace database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the workspace database in `dir` and runs pending migrations.
    ///
    /// Two processes opening a fresh workspace at once (the desktop app and `bindery serve`)
    /// race on switching the file to WAL and on the first migration: sqlx's SQLite migrator takes
    /// no lock. Each migration runs in a transaction, so the loser rolls back; it then retries
    /// the whole open and finds the work done.
    pub async fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DATABASE_FILE);
        let mut attempt = 0;
        loop {
            match Store::try_open(&path).await {
                Ok(store) => {
                    tracing::debug!(path = %path.display(), "workspace database open");
                    return Ok(store);
                }
                Err(error) if attempt < OPEN_ATTEMPTS && error.is_contention() => {
                    attempt += 1;
                    tracing::debug!(%error, attempt, "workspace open raced another process; retrying");
                    tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    async fn try_open(path: &Path) -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|source| StoreError::open(path, source))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::open(path, source))?;
        if let Err(source) = sqlx::migrate!("./migrations").run(&pool).await {
            pool.close().await;
            return Err(StoreError::Migrate {
                path: path.to_path_buf(),
                source,
            });
        }
        Ok(Store {
            pool,
            path: path.to_path_buf(),
        })
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads a workspace setting.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let value =
            sqlx::query_scalar::<_, String>("SELECT value FROM workspace_meta WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(value)
    }

    /// Sets a workspace setting only if it is not set yet; returns whether this call set it.
    /// Two processes racing on a fresh workspace use this to elect who seeds it.
    pub async fn claim_meta(&self, key: &str, value: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("INSERT OR IGNORE INTO workspace_meta(key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets a workspace setting.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO workspace_meta(key, value) VALUES (?, ?) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
