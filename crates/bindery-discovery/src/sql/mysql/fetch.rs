//! Reads a MySQL or MariaDB catalog: one connection, read-only session, a time limit per
//! statement, and [`CATALOG_QUERIES`] set-based queries on `information_schema` (relations,
//! columns, keys, indexes, checks), whatever the number of tables.

use std::time::Duration;

use bindery_schema::WithDiagnostics;
use sqlx::mysql::{MySqlConnectOptions, MySqlDatabaseError, MySqlRow, MySqlSslMode};
use sqlx::{Connection, Executor, MySqlConnection, Row};

use super::assemble::{assemble, CheckRow, ColumnRow, Flavor, IndexRow, KeyRow, RelationRow, Rows};
use crate::sql::catalog::Catalog;
use crate::sql::{SqlConnection, SslMode};
use crate::DiscoveryError;

/// Catalog queries per discovery, whatever the number of tables (the server version and the
/// session settings come on top).
pub const CATALOG_QUERIES: usize = 5;
/// How long the TCP connection, TLS and login may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The server stops any one catalog statement after this long.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(30);
/// The whole read, after the login.
const READ_TIMEOUT: Duration = Duration::from_secs(120);

const RELATIONS: &str = include_str!("catalog/relations.sql");
const COLUMNS: &str = include_str!("catalog/columns.sql");
const KEYS: &str = include_str!("catalog/keys.sql");
const INDEXES: &str = include_str!("catalog/indexes.sql");
const CHECKS_MARIADB: &str = include_str!("catalog/checks_mariadb.sql");
const CHECKS_MYSQL: &str = include_str!("catalog/checks_mysql.sql");

/// Reads the catalog of the connected database (the namespace is the database name). Nothing is
/// written: the session is read-only.
pub async fn fetch(connection: &SqlConnection) -> Result<WithDiagnostics<Catalog>, DiscoveryError> {
    let conn = connect(connection).await?;
    // On a timeout the connection is dropped, which closes the socket.
    let rows = tokio::time::timeout(READ_TIMEOUT, read(conn, connection))
        .await
        .map_err(|_| DiscoveryError::Timeout {
            source_name: connection.display(),
            seconds: READ_TIMEOUT.as_secs_f64(),
        })??;
    Ok(assemble(&connection.database, rows))
}

/// Opens one connection (checked settings, connect timeout, coded errors). Also used by the
/// connection checks.
pub async fn connect(connection: &SqlConnection) -> Result<MySqlConnection, DiscoveryError> {
    connection.check()?;
    let options = login_options(connection);
    tokio::time::timeout(CONNECT_TIMEOUT, MySqlConnection::connect_with(&options))
        .await
        .map_err(|_| DiscoveryError::Timeout {
            source_name: connection.display(),
            seconds: CONNECT_TIMEOUT.as_secs_f64(),
        })?
        .map_err(|e| classify(connection, e))
}

/// The login and TLS options of a connection (utf8mb4). The runtime opens its pools with these.
pub fn login_options(connection: &SqlConnection) -> MySqlConnectOptions {
    let mut options = MySqlConnectOptions::new()
        .host(&connection.host)
        .port(connection.port)
        .username(&connection.user)
        .database(&connection.database)
        .charset("utf8mb4")
        .ssl_mode(match connection.ssl_mode {
            SslMode::Disable => MySqlSslMode::Disabled,
            SslMode::Require => MySqlSslMode::Required,
            SslMode::VerifyCa => MySqlSslMode::VerifyCa,
            SslMode::VerifyFull => MySqlSslMode::VerifyIdentity,
        });
    if let Some(password) = &connection.password {
        options = options.password(password.expose());
    }
    if let Some(ca) = &connection.root_cert {
        options = options.ssl_ca(ca);
    }
    options
}

async fn read(
    mut conn: MySqlConnection,
    connection: &SqlConnection,
) -> Result<Rows, DiscoveryError> {
    let fail = |e: sqlx::Error| classify(connection, e);
    let version: String = sqlx::query_scalar("SELECT VERSION()")
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;
    let flavor = Flavor::from_version(&version);
    // Session settings go as plain text statements (not prepared).
    conn.execute("SET SESSION TRANSACTION READ ONLY")
        .await
        .map_err(fail)?;
    let limit = match flavor {
        Flavor::Mariadb => format!(
            "SET SESSION max_statement_time = {}",
            STATEMENT_TIMEOUT.as_secs()
        ),
        Flavor::Mysql => format!(
            "SET SESSION max_execution_time = {}",
            STATEMENT_TIMEOUT.as_millis()
        ),
    };
    // The statement is built from a constant number only.
    if let Err(e) = conn.execute(sqlx::AssertSqlSafe(limit)).await {
        // Old servers have neither variable; the overall read limit still applies.
        tracing::warn!(error = %message(&e), "no per-statement time limit on this server");
    }

    let mut relations = Vec::new();
    for row in sqlx::query(RELATIONS)
        .fetch_all(&mut conn)
        .await
        .map_err(fail)?
    {
        relations.push(RelationRow {
            name: text(connection, &row, "table_name")?,
            table_type: text(connection, &row, "table_type")?,
            comment: opt_text(connection, &row, "table_comment")?,
        });
    }
    let mut columns = Vec::new();
    for row in sqlx::query(COLUMNS)
        .fetch_all(&mut conn)
        .await
        .map_err(fail)?
    {
        columns.push(ColumnRow {
            table: text(connection, &row, "table_name")?,
            name: text(connection, &row, "column_name")?,
            ordinal: int(connection, &row, "ordinal")?,
            column_type: text(connection, &row, "column_type")?,
            data_type: text(connection, &row, "data_type")?,
            nullable: text(connection, &row, "is_nullable")? == "YES",
            default: opt_text(connection, &row, "column_default")?,
            extra: opt_text(connection, &row, "extra")?.unwrap_or_default(),
            comment: opt_text(connection, &row, "column_comment")?,
        });
    }
    let mut keys = Vec::new();
    for row in sqlx::query(KEYS).fetch_all(&mut conn).await.map_err(fail)? {
        keys.push(KeyRow {
            table: text(connection, &row, "table_name")?,
            constraint: text(connection, &row, "constraint_name")?,
            constraint_type: text(connection, &row, "constraint_type")?,
            column: text(connection, &row, "column_name")?,
            ordinal: int(connection, &row, "ordinal")?,
            referenced_schema: opt_text(connection, &row, "referenced_schema")?,
            referenced_table: opt_text(connection, &row, "referenced_table")?,
            referenced_column: opt_text(connection, &row, "referenced_column")?,
        });
    }
    let mut indexes = Vec::new();
    for row in sqlx::query(INDEXES)
        .fetch_all(&mut conn)
        .await
        .map_err(fail)?
    {
        indexes.push(IndexRow {
            table: text(connection, &row, "table_name")?,
            index: text(connection, &row, "index_name")?,
            unique: int(connection, &row, "non_unique")? == 0,
            seq: int(connection, &row, "seq")?,
            column: opt_text(connection, &row, "column_name")?,
            method: text(connection, &row, "index_type")?.to_ascii_lowercase(),
        });
    }
    let checks_sql = match flavor {
        Flavor::Mariadb => CHECKS_MARIADB,
        Flavor::Mysql => CHECKS_MYSQL,
    };
    let checks = match sqlx::query(checks_sql).fetch_all(&mut conn).await {
        Ok(found) => {
            let mut checks = Vec::with_capacity(found.len());
            for row in found {
                checks.push(CheckRow {
                    table: text(connection, &row, "table_name")?,
                    name: text(connection, &row, "constraint_name")?,
                    level: opt_text(connection, &row, "level")?,
                    clause: text(connection, &row, "check_clause")?,
                });
            }
            Some(checks)
        }
        // 1109 unknown table / 1146 no such table: a server older than check constraints.
        Err(e) if matches!(error_number(&e), Some(1109 | 1146)) => None,
        Err(e) => return Err(fail(e)),
    };
    // Closing is a courtesy: the server ends the session when the socket goes anyway.
    let _ = conn.close().await;
    Ok(Rows {
        version,
        relations,
        columns,
        keys,
        indexes,
        checks,
    })
}

/// A text column; servers differ in whether `information_schema` columns are text or binary.
fn opt_text(
    connection: &SqlConnection,
    row: &MySqlRow,
    column: &str,
) -> Result<Option<String>, DiscoveryError> {
    match row.try_get::<Option<String>, _>(column) {
        Ok(value) => Ok(value),
        Err(_) => row
            .try_get::<Option<Vec<u8>>, _>(column)
            .map(|bytes| bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
            .map_err(|e| classify(connection, e)),
    }
}

fn text(
    connection: &SqlConnection,
    row: &MySqlRow,
    column: &str,
) -> Result<String, DiscoveryError> {
    opt_text(connection, row, column)?.ok_or_else(|| DiscoveryError::QueryFailed {
        source_name: connection.display(),
        detail: format!("the catalog returned no {column}"),
    })
}

fn int(connection: &SqlConnection, row: &MySqlRow, column: &str) -> Result<i64, DiscoveryError> {
    match row.try_get::<i64, _>(column) {
        Ok(value) => Ok(value),
        Err(_) => row
            .try_get::<u64, _>(column)
            .map(|v| i64::try_from(v).unwrap_or(i64::MAX))
            .map_err(|e| classify(connection, e)),
    }
}

fn error_number(error: &sqlx::Error) -> Option<u16> {
    match error {
        sqlx::Error::Database(db) => db
            .try_downcast_ref::<MySqlDatabaseError>()
            .map(|e| e.number()),
        _ => None,
    }
}

/// A driver error as a coded discovery error. No message carries the password: the server's
/// messages never hold it, and any text that did is scrubbed anyway.
pub(super) fn classify(connection: &SqlConnection, error: sqlx::Error) -> DiscoveryError {
    let source_name = connection.display();
    let detail = scrub(connection, &message(&error));
    match (&error, error_number(&error)) {
        // ER_ACCESS_DENIED_ERROR.
        (_, Some(1045)) => DiscoveryError::AuthenticationFailed { source_name },
        // ER_BAD_DB_ERROR.
        (_, Some(1049)) => DiscoveryError::DatabaseNotFound {
            source_name,
            database: connection.database.clone(),
        },
        // Database, table, column or command denied; host not allowed; not the needed privilege.
        (_, Some(1044 | 1142 | 1143 | 1130 | 1227 | 1370)) => DiscoveryError::PermissionDenied {
            source_name,
            detail,
        },
        // MariaDB max_statement_time, MySQL max_execution_time.
        (_, Some(1969 | 3024)) => DiscoveryError::Timeout {
            source_name,
            seconds: STATEMENT_TIMEOUT.as_secs_f64(),
        },
        (sqlx::Error::Io(io), _) if crate::sql::connection::is_tls_failure(io) => {
            DiscoveryError::TlsFailed {
                source_name,
                detail,
            }
        }
        (sqlx::Error::Io(_), _) => DiscoveryError::Unreachable {
            source_name,
            detail,
        },
        (sqlx::Error::Tls(_), _) => DiscoveryError::TlsFailed {
            source_name,
            detail,
        },
        (sqlx::Error::Configuration(_), _) => DiscoveryError::InvalidConnection { detail },
        _ => DiscoveryError::QueryFailed {
            source_name,
            detail,
        },
    }
}

fn message(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    }
}

fn scrub(connection: &SqlConnection, text: &str) -> String {
    match &connection.password {
        Some(password) if !password.expose().is_empty() => {
            text.replace(password.expose(), "<redacted>")
        }
        _ => text.to_owned(),
    }
}
