//! MySQL and MariaDB: the session's statement timeout set and the transaction started in one
//! round trip (`SET SESSION max_statement_time = <s>; START TRANSACTION READ ONLY` on MariaDB,
//! `SET SESSION MAX_EXECUTION_TIME = <ms>; ...` on MySQL, which bounds reads only), the frozen
//! statement prepared and run with bound parameters (the server converts between the bound
//! types and the column's), then ROLLBACK or COMMIT.
//!
//! Which of the two a server is, is learnt on its first run: the MariaDB form is tried, and a
//! server that does not know `max_statement_time` (error 1193) gets the MySQL form; the answer is
//! remembered per host and port.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use bindery_binding::SqlPlan;
use chrono::DateTime;
use sqlx::error::DatabaseError;
use sqlx::mysql::{MySqlArguments, MySqlDatabaseError, MySqlPool};
use sqlx::{Arguments, AssertSqlSafe, Connection, Executor, MySqlConnection};

use super::mysql_rows::row_object;
use super::transaction::run_in;
use super::{acquire, client_deadline, client_timeout, statement_error, Bound, Outcome, SqlValue};
use crate::{RunCode, RunDiagnostic};

/// MariaDB `ER_STATEMENT_TIMEOUT`.
const MARIADB_TIMEOUT: u16 = 1969;
/// MySQL `ER_QUERY_TIMEOUT`.
const MYSQL_TIMEOUT: u16 = 3024;
/// `ER_UNKNOWN_SYSTEM_VARIABLE`.
const UNKNOWN_VARIABLE: u16 = 1193;

/// Which server it is, for the statement timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Mariadb,
    Mysql,
    /// Knows neither variable: only the client-side deadline applies.
    Neither,
}

fn flavors() -> &'static Mutex<HashMap<String, Flavor>> {
    static FLAVORS: OnceLock<Mutex<HashMap<String, Flavor>>> = OnceLock::new();
    FLAVORS.get_or_init(|| Mutex::new(HashMap::new()))
}

fn server_key(pool: &MySqlPool) -> String {
    let options = pool.connect_options();
    format!(
        "{}:{}:{}",
        options.get_host(),
        options.get_port(),
        options
            .get_socket()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    )
}

/// Runs `plan` with `bound` values on a connection of `pool`.
pub(super) async fn execute(
    pool: &MySqlPool,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
) -> Outcome {
    let key = server_key(pool);
    let known = flavors().lock().ok().and_then(|f| f.get(&key).copied());
    let mut connection = match acquire(pool).await {
        Ok(connection) => connection,
        Err(problem) => return Outcome::stopped(problem),
    };
    let started = Instant::now();
    let work = in_transaction(&mut connection, plan, bound, timeout, known, &key);
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

fn begin_statement(flavor: Flavor, read_only: bool, timeout: Duration) -> String {
    let start = if read_only {
        "START TRANSACTION READ ONLY"
    } else {
        "START TRANSACTION"
    };
    match flavor {
        Flavor::Mariadb => format!(
            "SET SESSION max_statement_time = {:.3}; {start}",
            timeout.as_secs_f64()
        ),
        Flavor::Mysql => format!(
            "SET SESSION MAX_EXECUTION_TIME = {}; {start}",
            timeout.as_millis()
        ),
        Flavor::Neither => start.to_owned(),
    }
}

/// Which server this is, learnt once: the MariaDB variable is tried, then MySQL's.
async fn learn_flavor(
    connection: &mut MySqlConnection,
    timeout: Duration,
    key: &str,
) -> Result<Flavor, sqlx::Error> {
    let mut learnt = Flavor::Neither;
    for flavor in [Flavor::Mariadb, Flavor::Mysql] {
        let statement = match flavor {
            Flavor::Mariadb => format!(
                "SET SESSION max_statement_time = {:.3}",
                timeout.as_secs_f64()
            ),
            _ => format!("SET SESSION MAX_EXECUTION_TIME = {}", timeout.as_millis()),
        };
        match connection.execute(AssertSqlSafe(statement)).await {
            Ok(_) => {
                learnt = flavor;
                break;
            }
            Err(sqlx::Error::Database(db)) if number(db.as_ref()) == Some(UNKNOWN_VARIABLE) => {}
            Err(error) => return Err(error),
        }
    }
    if let Ok(mut flavors) = flavors().lock() {
        flavors.insert(key.to_owned(), learnt);
    }
    Ok(learnt)
}

async fn in_transaction(
    connection: &mut MySqlConnection,
    plan: &SqlPlan,
    bound: &[Bound],
    timeout: Duration,
    known: Option<Flavor>,
    key: &str,
) -> Outcome {
    let failure = |error: sqlx::Error| statement_error(&error, is_timeout, describe, timeout);
    let arguments = match arguments(bound) {
        Ok(arguments) => arguments,
        Err(problems) => {
            return Outcome {
                diagnostics: problems,
                ..Outcome::default()
            }
        }
    };
    let flavor = match known {
        Some(flavor) => flavor,
        None => match learn_flavor(connection, timeout, key).await {
            Ok(flavor) => flavor,
            Err(error) => return Outcome::stopped(failure(error)),
        },
    };
    let begin = begin_statement(flavor, plan.read_only, timeout);
    let transaction = match connection.begin_with(AssertSqlSafe(begin)).await {
        Ok(transaction) => transaction,
        Err(error) => return Outcome::stopped(failure(error)),
    };
    let query = sqlx::query_with(AssertSqlSafe(plan.statement.as_str()), arguments);
    run_in(transaction, query, plan, failure, row_object).await
}

/// The bound parameters; the server converts each to its column's type.
fn arguments(bound: &[Bound]) -> Result<MySqlArguments, Vec<RunDiagnostic>> {
    let mut arguments = MySqlArguments::default();
    let mut problems = Vec::new();
    for parameter in bound {
        let added = match &parameter.value {
            SqlValue::Null => arguments.add(None::<String>),
            SqlValue::Bool(b) => arguments.add(*b),
            SqlValue::Int(i) => arguments.add(*i),
            SqlValue::Float(f) => arguments.add(*f),
            SqlValue::Decimal(text) => arguments.add(text.clone()),
            SqlValue::Text(text) => arguments.add(date_time_text(text, &parameter.label)),
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

/// A `dateTime` in the form MySQL reads: an RFC 3339 time with an offset in UTC, `T` as a space.
fn date_time_text(text: &str, label: &str) -> String {
    if !label.starts_with("dateTime") {
        return text.to_owned();
    }
    match DateTime::parse_from_rfc3339(text.trim()) {
        Ok(time) => time.naive_utc().format("%Y-%m-%d %H:%M:%S%.f").to_string(),
        Err(_) => text.replacen('T', " ", 1),
    }
}

fn number(error: &dyn DatabaseError) -> Option<u16> {
    error
        .try_downcast_ref::<MySqlDatabaseError>()
        .map(MySqlDatabaseError::number)
}

fn is_timeout(error: &dyn DatabaseError) -> bool {
    matches!(number(error), Some(MARIADB_TIMEOUT | MYSQL_TIMEOUT))
}

/// The server's message with its error number and SQLSTATE.
fn describe(error: &dyn DatabaseError) -> String {
    let state = error.code().map(|c| c.into_owned()).unwrap_or_default();
    match number(error) {
        Some(n) => format!("{} [error {n}, SQLSTATE {state}]", error.message()),
        None => format!("{} [SQLSTATE {state}]", error.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_is_set_the_way_each_server_reads_it() {
        let t = Duration::from_millis(50);
        assert_eq!(
            begin_statement(Flavor::Mariadb, true, t),
            "SET SESSION max_statement_time = 0.050; START TRANSACTION READ ONLY"
        );
        assert_eq!(
            begin_statement(Flavor::Mysql, false, t),
            "SET SESSION MAX_EXECUTION_TIME = 50; START TRANSACTION"
        );
        assert_eq!(
            begin_statement(Flavor::Neither, true, t),
            "START TRANSACTION READ ONLY"
        );
    }

    #[test]
    fn date_times_are_written_the_way_mysql_reads_them() {
        assert_eq!(
            date_time_text("2026-11-26T09:30:00+02:00", "dateTime"),
            "2026-11-26 07:30:00"
        );
        assert_eq!(
            date_time_text("2026-11-26T09:30:00", "dateTime"),
            "2026-11-26 09:30:00"
        );
        assert_eq!(
            date_time_text("O'Brien T", "string"),
            "O'Brien T",
            "text is untouched"
        );
    }
}
