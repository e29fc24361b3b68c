//! Generator of the embedded demo database `demo_fieldservice`.
//!
//! When a workspace is new, Bindery creates this SQLite database so a newcomer can discover,
//! browse and bind a realistic schema before connecting anything of their own (no credential
//! needed). It models a small home-services business around Portland, Oregon: customers and the
//! properties they own, technicians and the service types they are certified for, jobs and the
//! appointments that carry them out, invoices with line items, and payments.
//!
//! The DDL lives in `schema.sql` (10 tables, 2 views, 15 explicit indexes, 13 foreign keys of
//! which one is composite: `appointments (technician_id, service_type_id)` references
//! `technician_skills`). The rows (about 25,000) are a pure function of a seed and of "today",
//! which the caller passes in: the crate never reads the clock, so the same inputs always give
//! the same database contents.
//!
//! Entry point: [`create_demo_database`].
#![deny(missing_docs)]

mod billing;
mod catalog;
mod dataset;
mod dates;
mod names;
mod people;
mod rng;
mod work;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};

use crate::dataset::{Dataset, Table, Value};
use crate::dates::Day;

/// The provider kind under which the demo database is registered.
pub const DEMO_PROVIDER_KIND: &str = "demo_fieldservice";

/// The DDL of the demo database.
const SCHEMA: &str = include_str!("schema.sql");

/// Bind parameters per INSERT statement: under SQLite's historical limit of 999, so batching
/// works with any SQLite build.
const MAX_BINDS: usize = 999;

/// Stats about what was generated.
///
/// `tables` excludes SQLite's internal `sqlite_%` tables; `indexes` counts explicitly created
/// indexes only (`CREATE INDEX`), not the `sqlite_autoindex_*` ones SQLite makes for PRIMARY
/// KEY / UNIQUE constraints; `foreign_keys` counts constraints (a composite key counts once,
/// i.e. distinct `(table, id)` of `pragma_foreign_key_list`); `rows` is the total number of rows
/// inserted across all tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoStats {
    /// User tables.
    pub tables: usize,
    /// Views.
    pub views: usize,
    /// Explicitly created indexes.
    pub indexes: usize,
    /// Foreign-key constraints.
    pub foreign_keys: usize,
    /// Rows inserted, all tables together.
    pub rows: u64,
}

/// Why the demo database could not be created.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Something already exists at the target path; it was left untouched.
    #[error("demo database {path} already exists")]
    AlreadyExists {
        /// The target path.
        path: PathBuf,
    },
    /// Writing failed (or `today` was not a `YYYY-MM-DD` date, reported as a
    /// [`sqlx::Error::Configuration`]). No file is left under the target path.
    #[error("could not write the demo database at {path}: {source}")]
    Write {
        /// The target path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: sqlx::Error,
    },
}

/// Creates the demo database at `path` (must not exist). Deterministic: the same `seed` and
/// `today` (a civil date "YYYY-MM-DD" passed in by the caller; the crate never reads the clock)
/// give the same rows.
///
/// The database is written to `<path>.partial` beside the target (one connection, one
/// transaction, rollback journal) and renamed into place only once complete, so a crash never
/// leaves a half-written database under the real name.
pub async fn create_demo_database(
    path: &Path,
    seed: u64,
    today: &str,
) -> Result<DemoStats, DemoError> {
    if exists(path) {
        return Err(DemoError::AlreadyExists {
            path: path.to_owned(),
        });
    }
    let write_error = |source| DemoError::Write {
        path: path.to_owned(),
        source,
    };
    let today = Day::parse(today).ok_or_else(|| {
        write_error(sqlx::Error::Configuration(
            format!("`today` must be a civil date YYYY-MM-DD, got {today:?}").into(),
        ))
    })?;
    let data = dataset::build(seed, today);
    let partial = partial_path(path);
    remove_leftovers(&partial).map_err(|e| write_error(sqlx::Error::Io(e)))?;

    let stats = match write(&partial, &data).await {
        Ok(stats) => stats,
        Err(e) => {
            let _ = remove_leftovers(&partial);
            return Err(write_error(e));
        }
    };
    if exists(path) {
        // Someone created the target while we were writing: theirs wins.
        let _ = remove_leftovers(&partial);
        return Err(DemoError::AlreadyExists {
            path: path.to_owned(),
        });
    }
    if let Err(e) = std::fs::rename(&partial, path) {
        let _ = remove_leftovers(&partial);
        return Err(write_error(sqlx::Error::Io(e)));
    }
    tracing::info!(
        path = %path.display(),
        tables = stats.tables,
        rows = stats.rows,
        "created the demo database"
    );
    Ok(stats)
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `<file name>.partial` in the same directory (so the final rename stays on one filesystem).
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map_or_else(|| OsString::from("demo.db"), OsString::from);
    name.push(".partial");
    path.with_file_name(name)
}

/// Removes a partial database and its rollback journal, if present.
fn remove_leftovers(partial: &Path) -> std::io::Result<()> {
    let mut journal = partial.as_os_str().to_owned();
    journal.push("-journal");
    for file in [partial, Path::new(&journal)] {
        match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

async fn write(file: &Path, data: &Dataset) -> Result<DemoStats, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Delete)
        .synchronous(SqliteSynchronous::Normal)
        .disable_statement_logging();
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let filled = fill(&mut conn, data).await;
    let closed = conn.close().await;
    let stats = filled?;
    closed?;
    Ok(stats)
}

async fn fill(conn: &mut SqliteConnection, data: &Dataset) -> Result<DemoStats, sqlx::Error> {
    sqlx::raw_sql(SCHEMA).execute(&mut *conn).await?;
    let mut tx = conn.begin().await?;
    for table in &data.tables {
        insert(&mut tx, table).await?;
    }
    tx.commit().await?;
    stats(conn, data.row_count()).await
}

/// Inserts a table's rows with multi-row INSERT statements (one prepared statement per batch
/// size, reused by every full batch).
async fn insert(conn: &mut SqliteConnection, table: &Table) -> Result<(), sqlx::Error> {
    let per_batch = (MAX_BINDS / table.columns.len().max(1)).max(1);
    for batch in table.rows.chunks(per_batch) {
        // Table and column names are the demo's own constants; values are bound.
        let sql = sqlx::AssertSqlSafe(insert_sql(table, batch.len()));
        let mut query = sqlx::query(sql);
        for value in batch.iter().flatten() {
            query = match value {
                Value::Int(i) => query.bind(*i),
                Value::Text(s) => query.bind(s.as_str()),
                Value::Null => query.bind(None::<i64>),
            };
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

fn insert_sql(table: &Table, rows: usize) -> String {
    let placeholders = format!("({})", vec!["?"; table.columns.len()].join(", "));
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        table.name,
        table.columns.join(", "),
        vec![placeholders; rows].join(", ")
    )
}

async fn stats(conn: &mut SqliteConnection, rows: u64) -> Result<DemoStats, sqlx::Error> {
    let mut count = async |sql: &'static str| -> Result<usize, sqlx::Error> {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut *conn).await?;
        Ok(usize::try_from(n).unwrap_or_default())
    };
    Ok(DemoStats {
        tables: count(
            "SELECT count(*) FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .await?,
        views: count("SELECT count(*) FROM sqlite_master WHERE type = 'view'").await?,
        indexes: count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        )
        .await?,
        foreign_keys: count(
            "SELECT count(*) FROM (SELECT DISTINCT m.name, f.id FROM sqlite_master AS m \
             JOIN pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table')",
        )
        .await?,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::partial_path;
    use std::path::Path;

    #[test]
    fn partial_sits_beside_the_target() {
        assert_eq!(
            partial_path(Path::new("/a/b/demo.db")),
            Path::new("/a/b/demo.db.partial")
        );
        assert_eq!(
            partial_path(Path::new("demo.sqlite")),
            Path::new("demo.sqlite.partial")
        );
    }
}
