//! SQL: the frozen statement of a skill run with bound parameters only — its text is never
//! altered or joined with a value.
//!
//! A run resolves every parameter of the plan ([`Inputs::resolve`]) and reads it by its
//! column's type label ([`values::typed`]); each engine then binds it with the exact type its
//! driver needs (PostgreSQL asks the server for the statement's parameter types, since it does
//! not convert an `int8` into an `int4` or text into an enum by itself). A dry run (an
//! unconfirmed write) stops there and touches nothing, not even a transaction.
//!
//! Reads run in a read-only transaction that is always rolled back; writes in a transaction
//! that is committed only when exactly one row was written. Both get a server-side statement
//! timeout (PostgreSQL `SET LOCAL statement_timeout`, MariaDB `max_statement_time`, MySQL
//! `MAX_EXECUTION_TIME`, SQLite a progress-handler deadline) and a client-side deadline a little
//! longer. Rows come back as JSON objects keyed by column name, decoded by each column's type;
//! a type Bindery cannot read is `null` with a warning, never a panic.

mod forms;
mod mysql;
mod mysql_rows;
mod postgres;
mod postgres_rows;
mod postgres_types;
mod sqlite;
mod transaction;
mod values;

use std::collections::BTreeMap;
use std::time::Duration;

use bindery_binding::{SqlPlan, ValuePlan};
use serde_json::{Map, Value};

use crate::project::project_rows;
use crate::{
    Inputs, Mode, RawResponse, ResolvedRequest, RunCode, RunDiagnostic, RunStatus, Runtime,
    ShownSqlParameter, SqlTarget, TryRun,
};

pub(crate) use values::SqlValue;

/// How much longer than the server-side statement timeout the client waits before it gives
/// up on the connection.
const CLIENT_GRACE: Duration = Duration::from_secs(2);
/// The longest wait for a pooled connection.
const ACQUIRE_LIMIT: Duration = Duration::from_secs(10);

/// One parameter of the plan, resolved and typed.
pub(crate) struct Bound {
    /// Where a problem with it is reported (`inputs.caller_email`, `plan.parameters[2]`).
    pub(crate) at: String,
    /// The value to bind.
    pub(crate) value: SqlValue,
    /// The column's type label.
    pub(crate) label: String,
}

/// What an engine reports back.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The statement reached the database.
    pub(crate) executed: bool,
    /// The database round trips, transaction included.
    pub(crate) latency: Option<Duration>,
    /// Rows read (a read) or returned (a write with RETURNING), keyed by column name.
    pub(crate) rows: Vec<Map<String, Value>>,
    /// Rows written (a write).
    pub(crate) rows_affected: Option<u64>,
    /// More rows came back than the plan's row limit; the rest were dropped.
    pub(crate) truncated: bool,
    /// Problems (errors fail the run) and notes.
    pub(crate) diagnostics: Vec<RunDiagnostic>,
}

impl Outcome {
    /// A run that stopped on `diagnostic` before the statement ran.
    pub(crate) fn stopped(diagnostic: RunDiagnostic) -> Outcome {
        Outcome {
            diagnostics: vec![diagnostic],
            ..Outcome::default()
        }
    }

    /// A run the statement reached, failing with `diagnostic`.
    pub(crate) fn failed(diagnostic: RunDiagnostic) -> Outcome {
        Outcome {
            executed: true,
            diagnostics: vec![diagnostic],
            ..Outcome::default()
        }
    }
}

/// Runs a SQL plan (see the module documentation).
pub(crate) async fn run(
    runtime: &Runtime,
    plan: &SqlPlan,
    inputs: &Inputs<'_>,
    target: &SqlTarget,
    mode: Mode,
) -> TryRun {
    let timeout = runtime
        .limits()
        .statement_timeout
        .max(Duration::from_millis(1));
    let is_write = !plan.read_only;
    if plan.dialect != target.dialect() {
        return TryRun::failed(
            is_write,
            vec![RunDiagnostic::new(
                RunCode::PlanInvalid,
                format!(
                    "the skill's statement is written for {}, but the database is {}",
                    plan.dialect,
                    target.dialect()
                ),
            )],
        );
    }
    let mut problems = Vec::new();
    let mut bound = Vec::with_capacity(plan.parameters.len());
    let mut shown = Vec::with_capacity(plan.parameters.len());
    for (i, parameter) in plan.parameters.iter().enumerate() {
        let at = match &parameter.value {
            ValuePlan::Param { param, .. } => format!("inputs.{param}"),
            ValuePlan::Const { .. } => format!("plan.parameters[{i}]"),
        };
        let typed = inputs.resolve(&parameter.value).and_then(|value| {
            values::typed(value, &parameter.column_type).map_err(|message| {
                RunDiagnostic::new(
                    RunCode::InputType,
                    format!("the value for `{}` {message}", parameter.column),
                )
                .at(at.clone())
            })
        });
        match typed {
            Ok(value) => {
                shown.push(ShownSqlParameter {
                    placeholder: placeholder(&plan.dialect, i + 1),
                    column: parameter.column.clone(),
                    column_type: parameter.column_type.clone(),
                    value: value.shown(),
                });
                bound.push(Bound {
                    at,
                    value,
                    label: parameter.column_type.clone(),
                });
            }
            Err(problem) => problems.push(problem),
        }
    }
    let request = ResolvedRequest::NativeSql {
        dialect: plan.dialect.clone(),
        statement: plan.statement.clone(),
        parameters: shown,
        read_only: plan.read_only,
        statement_timeout_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
        row_limit: plan.row_limit,
    };
    if !problems.is_empty() {
        let mut run = TryRun::failed(is_write, problems);
        run.request = Some(request);
        return run;
    }
    if mode == Mode::DryRun {
        return TryRun {
            status: RunStatus::Ok,
            is_write,
            executed: false,
            request: Some(request),
            response: None,
            output: None,
            latency_ms: None,
            diagnostics: Vec::new(),
        };
    }
    let outcome = match target {
        SqlTarget::Postgres(pool) => postgres::execute(pool, plan, &bound, timeout).await,
        SqlTarget::Mysql(pool) => mysql::execute(pool, plan, &bound, timeout).await,
        SqlTarget::Sqlite(pool) => sqlite::execute(pool, plan, &bound, timeout).await,
    };
    finish(plan, request, outcome, is_write)
}

/// The run from an engine's outcome: the rows projected into the outputs when it succeeded.
fn finish(plan: &SqlPlan, request: ResolvedRequest, outcome: Outcome, is_write: bool) -> TryRun {
    let mut diagnostics = outcome.diagnostics;
    let failed = diagnostics
        .iter()
        .any(|d| d.severity == crate::Severity::Error);
    let response = outcome.executed.then(|| RawResponse {
        http_status: None,
        body: Value::Array(outcome.rows.iter().cloned().map(Value::Object).collect()),
        bytes: 0,
        truncated: outcome.truncated,
        rows_affected: outcome.rows_affected,
    });
    let output = if failed {
        None
    } else {
        let (leaves, notes) = project_rows(&outcome.rows, &plan.outputs);
        diagnostics.extend(notes);
        Some(leaves)
    };
    TryRun {
        status: if failed {
            RunStatus::Failed
        } else {
            RunStatus::Ok
        },
        is_write,
        executed: outcome.executed,
        request: Some(request),
        response,
        output,
        latency_ms: outcome.latency.map(|d| d.as_secs_f64() * 1000.0),
        diagnostics,
    }
}

/// The placeholder of the `n`th parameter (1-based) in a dialect.
fn placeholder(dialect: &str, n: usize) -> String {
    match dialect {
        "postgres" => format!("${n}"),
        "sqlite" => format!("?{n}"),
        _ => "?".to_owned(),
    }
}

/// The client-side deadline of a statement whose server-side timeout is `timeout`.
pub(crate) fn client_deadline(timeout: Duration) -> Duration {
    timeout + CLIENT_GRACE
}

/// Waits for a pooled connection; a failure means the database cannot be reached.
pub(crate) async fn acquire<DB: sqlx::Database>(
    pool: &sqlx::Pool<DB>,
) -> Result<sqlx::pool::PoolConnection<DB>, RunDiagnostic> {
    match tokio::time::timeout(ACQUIRE_LIMIT, pool.acquire()).await {
        Ok(Ok(connection)) => Ok(connection),
        Ok(Err(error)) => Err(RunDiagnostic::new(
            RunCode::Unreachable,
            format!(
                "the database could not be reached: {}",
                connection_error(&error)
            ),
        )),
        Err(_) => Err(RunDiagnostic::new(
            RunCode::Unreachable,
            format!(
                "no database connection within {} s",
                ACQUIRE_LIMIT.as_secs()
            ),
        )),
    }
}

/// A connection-level error in words (sqlx never puts the password in them).
fn connection_error(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => match db.code() {
            Some(code) => format!("{} (SQLSTATE {code})", db.message()),
            None => db.message().to_owned(),
        },
        other => other.to_string(),
    }
}

/// The diagnostic of a failed statement: a database error (`runtime/sql-error` with the
/// database's own message and code, or `runtime/timeout` when `is_timeout` says the statement
/// timeout stopped it), or a lost connection (`runtime/unreachable`).
pub(crate) fn statement_error(
    error: &sqlx::Error,
    is_timeout: impl Fn(&dyn sqlx::error::DatabaseError) -> bool,
    describe: impl Fn(&dyn sqlx::error::DatabaseError) -> String,
    timeout: Duration,
) -> RunDiagnostic {
    match error {
        sqlx::Error::Database(db) if is_timeout(db.as_ref()) => RunDiagnostic::new(
            RunCode::Timeout,
            format!(
                "the statement ran longer than the {} ms statement timeout: {}",
                timeout.as_millis(),
                describe(db.as_ref())
            ),
        ),
        sqlx::Error::Database(db) => RunDiagnostic::new(RunCode::SqlError, describe(db.as_ref())),
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => RunDiagnostic::new(
            RunCode::Unreachable,
            format!("the connection to the database failed: {error}"),
        ),
        other => RunDiagnostic::new(RunCode::SqlError, other.to_string()),
    }
}

/// The client gave up waiting (the server did not stop the statement in time).
pub(crate) fn client_timeout(timeout: Duration) -> RunDiagnostic {
    RunDiagnostic::new(
        RunCode::Timeout,
        format!(
            "the database did not answer within {} ms (statement timeout {} ms); the connection \
             was closed",
            client_deadline(timeout).as_millis(),
            timeout.as_millis()
        ),
    )
}

/// What a write's row count means: `Ok` to commit one row, else why it is rolled back.
pub(crate) fn write_verdict(rows_affected: u64) -> Result<(), RunDiagnostic> {
    match rows_affected {
        1 => Ok(()),
        0 => Err(RunDiagnostic::new(
            RunCode::NoRowWritten,
            "the write matched no row, so nothing changed",
        )),
        n => Err(RunDiagnostic::new(
            RunCode::TooManyRows,
            format!("the write would change {n} rows instead of one; it was rolled back"),
        )),
    }
}

/// The single-value type labels of a plan's outputs by column alias (`boolean` turns an
/// engine's 0/1 into `false`/`true`).
pub(crate) fn output_types(plan: &SqlPlan) -> BTreeMap<&str, &str> {
    plan.outputs
        .iter()
        .filter_map(|o| {
            o.path
                .first()
                .map(|alias| (alias.as_str(), o.leaf_type.as_str()))
        })
        .collect()
}

/// Columns whose values could not be read, with why; each becomes one warning.
#[derive(Debug, Default)]
pub(crate) struct Unread(BTreeMap<String, String>);

impl Unread {
    /// Notes that `column` could not be read.
    pub(crate) fn note(&mut self, column: &str, why: String) {
        self.0.entry(column.to_owned()).or_insert(why);
    }

    /// One warning per column.
    pub(crate) fn into_diagnostics(self) -> Vec<RunDiagnostic> {
        self.0
            .into_iter()
            .map(|(column, why)| {
                RunDiagnostic::new(
                    RunCode::OutputMissing,
                    format!("the column `{column}` could not be read ({why}); it is null"),
                )
                .at(format!("response.{column}"))
            })
            .collect()
    }
}

/// Turns a read 0/1 into a boolean when the output says it is one.
pub(crate) fn as_declared(value: Value, declared: Option<&str>) -> Value {
    match (declared, &value) {
        (Some("boolean"), Value::Number(n)) => match n.as_i64() {
            Some(0) => Value::Bool(false),
            Some(1) => Value::Bool(true),
            _ => value,
        },
        _ => value,
    }
}

/// Keeps at most `limit` rows; says whether any were dropped.
pub(crate) fn cap<T>(rows: &mut Vec<T>, limit: u32) -> bool {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let over = rows.len() > limit;
    rows.truncate(limit);
    over
}
