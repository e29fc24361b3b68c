//! The part of a run every engine shares once its transaction is open: the statement run, the
//! transaction ended (a read always rolled back; a write committed only when it wrote exactly
//! one row), and the rows capped at the plan's limit and decoded.

use std::collections::BTreeMap;

use bindery_binding::SqlPlan;
use serde_json::{Map, Value};
use sqlx::query::Query;
use sqlx::{Database, Executor, IntoArguments, Transaction};

use super::{cap, output_types, write_verdict, Outcome, Unread};
use crate::RunDiagnostic;

/// An engine's result of a statement that ran without returning rows.
pub(crate) trait RowsAffected {
    /// Rows the statement wrote.
    fn rows_affected(&self) -> u64;
}

impl RowsAffected for sqlx::postgres::PgQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

impl RowsAffected for sqlx::mysql::MySqlQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

impl RowsAffected for sqlx::sqlite::SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

/// How an engine reads one row: a JSON object keyed by column name, with the columns it could
/// not read noted in the [`Unread`].
pub(crate) type RowDecoder<R> = fn(&R, &BTreeMap<&str, &str>, &mut Unread) -> Map<String, Value>;

/// Runs `query` in the open `transaction` and ends it: a read is fetched and rolled back; a
/// write is executed (or fetched, when its RETURNING feeds the outputs), rolled back on an
/// error or unless [`write_verdict`] accepts its row count, and committed. The rows kept are
/// capped at the plan's row limit and read with `decode`; `failure` words a database error.
pub(crate) async fn run_in<DB>(
    mut transaction: Transaction<'_, DB>,
    query: Query<'_, DB, DB::Arguments>,
    plan: &SqlPlan,
    failure: impl Fn(sqlx::Error) -> RunDiagnostic,
    decode: RowDecoder<DB::Row>,
) -> Outcome
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    DB::QueryResult: RowsAffected,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    let mut outcome = Outcome {
        executed: true,
        ..Outcome::default()
    };
    let mut rows = if plan.read_only {
        let result = query.fetch_all(&mut *transaction).await;
        let _ = transaction.rollback().await;
        match result {
            Ok(rows) => rows,
            Err(error) => return Outcome::failed(failure(error)),
        }
    } else {
        let written = if plan.outputs.is_empty() {
            query
                .execute(&mut *transaction)
                .await
                .map(|done| (Vec::new(), done.rows_affected()))
        } else {
            // RETURNING gives one row per row written.
            query.fetch_all(&mut *transaction).await.map(|rows| {
                let count = rows.len() as u64;
                (rows, count)
            })
        };
        let (rows, affected) = match written {
            Ok(written) => written,
            Err(error) => {
                let _ = transaction.rollback().await;
                return Outcome::failed(failure(error));
            }
        };
        outcome.rows_affected = Some(affected);
        if let Err(refused) = write_verdict(affected) {
            let _ = transaction.rollback().await;
            outcome.diagnostics.push(refused);
            return outcome;
        }
        if let Err(error) = transaction.commit().await {
            outcome.diagnostics.push(failure(error));
            return outcome;
        }
        rows
    };
    let mut unread = Unread::default();
    let declared = output_types(plan);
    outcome.truncated = cap(&mut rows, plan.row_limit);
    outcome.rows = rows
        .iter()
        .map(|row| decode(row, &declared, &mut unread))
        .collect();
    outcome.diagnostics.extend(unread.into_diagnostics());
    outcome
}
