//! PostgreSQL: `BEGIN [READ ONLY]; SET LOCAL statement_timeout = <ms>` in one round trip, the
//! frozen statement prepared (the server names its parameter types; cached per connection) and
//! run with bound parameters, then ROLLBACK (a read, or a write that did not write exactly one
//! row) or COMMIT.

use std::time::{Duration, Instant};

use bindery_binding::SqlPlan;
use sqlx::error::DatabaseError;
use sqlx::postgres::{PgArguments, PgDatabaseError, PgPool};
use sqlx::{Arguments, AssertSqlSafe, Connection, Either, Executor, PgConnection, SqlSafeStr};
use sqlx::{Postgres, Statement, Transaction};

use super::postgres_rows::row_object;
use super::postgres_types::bind;
use super::transaction::run_in;
use super::{acquire, client_deadline, client_timeout, statement_error, Bound, Outcome};
use crate::{RunCode, RunDiagnostic};

/// SQLSTATE `query_canceled`: what a statement timeout raises.
const QUERY_CANCELED: &str = "57014";

/// Runs `plan` with `bound` values on a connection of `pool`.
pub(super) async fn execute(
    pool: &PgPool,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
) -> Outcome {
    let mut connection = match acquire(pool).await {
        Ok(connection) => connection,
        Err(problem) => return Outcome::stopped(problem),
    };
    let started = Instant::now();
    let work = in_transaction(&mut connection, plan, bound, timeout);
    match tokio::time::timeout(client_deadline(timeout), work).await {
        Ok(mut outcome) => {
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

async fn in_transaction(
    connection: &mut PgConnection,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
) -> Outcome {
    let failure = |error: sqlx::Error| statement_error(&error, is_timeout, describe, timeout);
    let begin = format!(
        "{}; SET LOCAL statement_timeout = {}",
        if plan.read_only {
            "BEGIN READ ONLY"
        } else {
            "BEGIN"
        },
        timeout.as_millis()
    );
    let mut transaction = match connection.begin_with(AssertSqlSafe(begin)).await {
        Ok(transaction) => transaction,
        Err(error) => return Outcome::stopped(failure(error)),
    };
    let arguments = match arguments(&mut transaction, plan, bound, timeout).await {
        Ok(arguments) => arguments,
        Err(outcome) => {
            let _ = transaction.rollback().await;
            return outcome;
        }
    };
    let query = sqlx::query_with(AssertSqlSafe(plan.statement.as_str()), arguments);
    run_in(transaction, query, plan, failure, row_object).await
}

/// The bound parameters, each with the type the server gave for it.
async fn arguments(
    transaction: &mut Transaction<'_, Postgres>,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
) -> Result<PgArguments, Outcome> {
    let prepared = (&mut **transaction)
        .prepare(AssertSqlSafe(plan.statement.as_str()).into_sql_str())
        .await
        .map_err(|error| Outcome::failed(statement_error(&error, is_timeout, describe, timeout)))?;
    let types = match prepared.parameters() {
        Some(Either::Left(types)) => types.to_vec(),
        _ => Vec::new(),
    };
    if types.len() != bound.len() {
        return Err(Outcome::stopped(RunDiagnostic::new(
            RunCode::PlanInvalid,
            format!(
                "the statement takes {} parameters but the plan binds {}",
                types.len(),
                bound.len()
            ),
        )));
    }
    let mut arguments = PgArguments::default();
    let mut problems = Vec::new();
    for (ty, parameter) in types.iter().zip(bound) {
        let added = bind(ty, &parameter.value)
            .and_then(|value| arguments.add(value).map_err(|e| e.to_string()));
        if let Err(message) = added {
            problems.push(
                RunDiagnostic::new(RunCode::InputType, format!("the value {message}"))
                    .at(parameter.at.clone()),
            );
        }
    }
    if problems.is_empty() {
        Ok(arguments)
    } else {
        Err(Outcome {
            diagnostics: problems,
            ..Outcome::default()
        })
    }
}

fn is_timeout(error: &dyn DatabaseError) -> bool {
    error.code().as_deref() == Some(QUERY_CANCELED)
}

/// The server's message with its SQLSTATE (and detail, when it gives one).
fn describe(error: &dyn DatabaseError) -> String {
    let code = error.code().map(|c| c.into_owned()).unwrap_or_default();
    let detail = error
        .try_downcast_ref::<PgDatabaseError>()
        .and_then(PgDatabaseError::detail)
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!("{}{detail} [SQLSTATE {code}]", error.message())
}
