//! SQLite: a read runs with `PRAGMA query_only = ON` inside a deferred transaction that is
//! rolled back; a write in a transaction committed only when it wrote exactly one row. SQLite
//! has no statement timeout, so a progress handler interrupts the statement at the deadline
//! (`SQLITE_INTERRUPT`, reported as `runtime/timeout`). The pragma and the handler are removed
//! afterwards; a connection that cannot be put back as it was is closed instead of pooled.

use std::time::{Duration, Instant};

use bindery_binding::SqlPlan;
use serde_json::{Map, Value};
use sqlx::error::DatabaseError;
use sqlx::sqlite::{SqliteArguments, SqlitePool, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe, Column, Connection, Executor, Row, SqliteConnection};
use sqlx::{TypeInfo, ValueRef};

use super::forms::{base64, float_json};
use super::transaction::run_in;
use super::{
    as_declared, client_deadline, client_timeout, statement_error, Bound, Outcome, SqlValue, Unread,
};
use crate::{RunCode, RunDiagnostic};

/// SQLite virtual-machine steps between two looks at the deadline.
const PROGRESS_STEPS: i32 = 1_000;
/// `SQLITE_INTERRUPT`: the progress handler stopped the statement.
const INTERRUPTED: &str = "9";

/// Runs `plan` with `bound` values on a connection of `pool`.
pub(super) async fn execute(
    pool: &SqlitePool,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
) -> Outcome {
    let arguments = match arguments(bound) {
        Ok(arguments) => arguments,
        Err(problems) => {
            return Outcome {
                diagnostics: problems,
                ..Outcome::default()
            }
        }
    };
    let mut connection = match super::acquire(pool).await {
        Ok(connection) => connection,
        Err(problem) => return Outcome::stopped(problem),
    };
    let started = Instant::now();
    let work = guarded(&mut connection, plan, arguments, timeout, started + timeout);
    match tokio::time::timeout(client_deadline(timeout), work).await {
        Ok((mut outcome, clean)) => {
            if !clean {
                connection.close_on_drop();
            }
            outcome.latency = Some(started.elapsed());
            outcome
        }
        Err(_) => {
            connection.close_on_drop();
            let mut outcome = Outcome::failed(client_timeout(timeout));
            outcome.latency = Some(started.elapsed());
            outcome
        }
    }
}

/// Sets the deadline (and for a read `query_only`), runs, and puts the connection back as it
/// was; the flag says whether that worked.
async fn guarded(
    connection: &mut SqliteConnection,
    plan: &SqlPlan,
    arguments: SqliteArguments,
    timeout: Duration,
    deadline: Instant,
) -> (Outcome, bool) {
    let failure = |error: sqlx::Error| statement_error(&error, is_timeout, describe, timeout);
    match connection.lock_handle().await {
        Ok(mut handle) => {
            handle.set_progress_handler(PROGRESS_STEPS, move || Instant::now() < deadline)
        }
        Err(error) => return (Outcome::stopped(failure(error)), false),
    }
    let outcome = if plan.read_only {
        match connection.execute("PRAGMA query_only = ON").await {
            Ok(_) => in_transaction(connection, plan, arguments, timeout).await,
            Err(error) => Outcome::stopped(failure(error)),
        }
    } else {
        in_transaction(connection, plan, arguments, timeout).await
    };
    let mut clean = match connection.lock_handle().await {
        Ok(mut handle) => {
            handle.remove_progress_handler();
            true
        }
        Err(_) => false,
    };
    if plan.read_only {
        clean &= connection.execute("PRAGMA query_only = OFF").await.is_ok();
    }
    (outcome, clean)
}

async fn in_transaction(
    connection: &mut SqliteConnection,
    plan: &SqlPlan,
    arguments: SqliteArguments,
    timeout: Duration,
) -> Outcome {
    let failure = |error: sqlx::Error| statement_error(&error, is_timeout, describe, timeout);
    let transaction = match connection.begin().await {
        Ok(transaction) => transaction,
        Err(error) => return Outcome::stopped(failure(error)),
    };
    let query = sqlx::query_with(AssertSqlSafe(plan.statement.as_str()), arguments);
    run_in(transaction, query, plan, failure, row_object).await
}

/// The bound parameters (SQLite applies the column's affinity itself).
fn arguments(bound: &[Bound]) -> Result<SqliteArguments, Vec<RunDiagnostic>> {
    let mut arguments = SqliteArguments::default();
    let mut problems = Vec::new();
    for parameter in bound {
        let added = match &parameter.value {
            SqlValue::Null => arguments.add(None::<String>),
            SqlValue::Bool(b) => arguments.add(*b),
            SqlValue::Int(i) => arguments.add(*i),
            SqlValue::Float(f) => arguments.add(*f),
            SqlValue::Decimal(text) => match (text.parse::<i64>(), text.parse::<f64>()) {
                (Ok(i), _) => arguments.add(i),
                (_, Ok(f)) => arguments.add(f),
                _ => arguments.add(text.clone()),
            },
            SqlValue::Text(text) => arguments.add(text.clone()),
            SqlValue::Json(json) => arguments.add(json.to_string()),
            SqlValue::Bytes(bytes) => arguments.add(bytes.clone()),
        };
        if let Err(error) = added {
            problems.push(
                RunDiagnostic::new(
                    RunCode::InputType,
                    format!("the value cannot be bound: {error}"),
                )
                .at(parameter.at.clone()),
            );
        }
    }
    if problems.is_empty() {
        Ok(arguments)
    } else {
        Err(problems)
    }
}

/// A row as a JSON object keyed by column name, each value read by its storage class.
fn row_object(
    row: &SqliteRow,
    declared: &std::collections::BTreeMap<&str, &str>,
    unread: &mut Unread,
) -> Map<String, Value> {
    let mut object = Map::with_capacity(row.columns().len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = read(row, i).unwrap_or_else(|why| {
            unread.note(column.name(), why);
            Value::Null
        });
        object.insert(
            column.name().to_owned(),
            as_declared(value, declared.get(column.name()).copied()),
        );
    }
    object
}

fn read(row: &SqliteRow, i: usize) -> Result<Value, String> {
    let raw = row.try_get_raw(i).map_err(|e| e.to_string())?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let storage = raw.type_info().name().to_owned();
    let fail = |e: sqlx::Error| e.to_string();
    Ok(match storage.as_str() {
        "INTEGER" | "INT" | "INT8" | "BIGINT" | "BOOLEAN" => {
            Value::from(row.try_get_unchecked::<i64, _>(i).map_err(fail)?)
        }
        "REAL" | "FLOAT" | "DOUBLE" | "NUMERIC" => {
            float_json(row.try_get_unchecked::<f64, _>(i).map_err(fail)?)
        }
        "BLOB" => Value::String(base64(
            &row.try_get_unchecked::<Vec<u8>, _>(i).map_err(fail)?,
        )),
        _ => {
            let bytes = row.try_get_unchecked::<Vec<u8>, _>(i).map_err(fail)?;
            match String::from_utf8(bytes) {
                Ok(text) => Value::String(text),
                Err(not_utf8) => Value::String(base64(not_utf8.as_bytes())),
            }
        }
    })
}

fn is_timeout(error: &dyn DatabaseError) -> bool {
    error.code().as_deref() == Some(INTERRUPTED)
}

/// SQLite's message with its result code.
fn describe(error: &dyn DatabaseError) -> String {
    let code = error.code().map(|c| c.into_owned()).unwrap_or_default();
    format!("{} [SQLite result code {code}]", error.message())
}
