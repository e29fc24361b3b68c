//! Reads a PostgreSQL catalog over one connection: five set-based queries on `pg_catalog`
//! (schemas, relations, columns, constraints, indexes) inside one read-only, repeatable-read
//! transaction, whatever the number of tables.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgRow, PgSslMode};
use sqlx::{Connection, PgConnection, Row};

use super::assemble::{
    self, choose_schemas, ColumnRow, ConstraintRow, IndexRow, RelationRow, Rows,
};
use crate::sql::catalog::Catalog;
use crate::sql::connection::{SqlConnection, SslMode};
use crate::DiscoveryError;

const SCHEMAS: &str = include_str!("catalog/schemas.sql");
const RELATIONS: &str = include_str!("catalog/relations.sql");
const COLUMNS: &str = include_str!("catalog/columns.sql");
const CONSTRAINTS: &str = include_str!("catalog/constraints.sql");
const INDEXES: &str = include_str!("catalog/indexes.sql");

/// Catalog queries per discovery, whatever the number of tables: schemas, relations, columns,
/// constraints, indexes.
pub const CATALOG_QUERIES: usize = 5;
/// Statements the server executes per discovery: `BEGIN`, the catalog queries, `ROLLBACK`.
pub const STATEMENTS: usize = CATALOG_QUERIES + 2;
/// How long connecting (TCP, TLS, login) may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one catalog query may run on the server (`statement_timeout`).
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(30);
const BEGIN: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// Reads the catalog of the schemas `connection.schemas` names (all the login may use when
/// empty). Discovery never writes: the session is read-only from its first statement.
pub async fn fetch(connection: &SqlConnection) -> Result<Catalog, DiscoveryError> {
    let mut conn = connect(connection).await?;
    let rows = read(&mut conn, connection).await;
    // Closing only says goodbye; the rows are already here.
    let _ = conn.close().await;
    Ok(assemble::assemble(rows?))
}

/// Opens one read-only session (checked settings, connect timeout, coded errors). Also used by
/// the connection checks.
pub async fn connect(connection: &SqlConnection) -> Result<PgConnection, DiscoveryError> {
    connection.check()?;
    let options = connect_options(connection);
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(error)) => Err(classify(connection, error)),
        Err(_) => Err(DiscoveryError::Timeout {
            source_name: connection.display(),
            seconds: CONNECT_TIMEOUT.as_secs_f64(),
        }),
    }
}

/// The login and TLS options of a connection, nothing else: every field from the connection (no
/// environment, no `~/.pgpass`). The runtime opens its pools with these.
pub fn login_options(connection: &SqlConnection, application: &str) -> PgConnectOptions {
    let mut options = PgConnectOptions::new_without_pgpass()
        .host(&connection.host)
        .port(connection.port)
        .database(&connection.database)
        .username(&connection.user)
        .application_name(application)
        .ssl_mode(match connection.ssl_mode {
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Require => PgSslMode::Require,
            SslMode::VerifyCa => PgSslMode::VerifyCa,
            SslMode::VerifyFull => PgSslMode::VerifyFull,
        });
    if let Some(password) = &connection.password {
        options = options.password(password.expose());
    }
    if let Some(root_cert) = &connection.root_cert {
        options = options.ssl_root_cert(root_cert);
    }
    options
}

/// Discovery's options: the login, and a read-only session with a statement timeout set in the
/// startup packet (no extra round trip).
fn connect_options(connection: &SqlConnection) -> PgConnectOptions {
    login_options(connection, "bindery-discovery").options([
        ("default_transaction_read_only", "on".to_owned()),
        (
            "statement_timeout",
            format!("{}ms", STATEMENT_TIMEOUT.as_millis()),
        ),
        ("lock_timeout", "5s".to_owned()),
    ])
}

async fn read(conn: &mut PgConnection, connection: &SqlConnection) -> Result<Rows, DiscoveryError> {
    let fail = |e: sqlx::Error| classify(connection, e);
    let source_name = connection.display();
    let mut tx = conn.begin_with(BEGIN).await.map_err(fail)?;

    let schema_rows = sqlx::query(SCHEMAS)
        .fetch_all(&mut *tx)
        .await
        .map_err(fail)?;
    let mut engine_version = None;
    let mut available = Vec::new();
    for row in &schema_rows {
        engine_version = Some(get::<String>(connection, row, "server_version")?);
        if let Some(name) = get::<Option<String>>(connection, row, "name")? {
            available.push((name, get::<bool>(connection, row, "usable")?));
        }
    }
    let (chosen, skipped) = choose_schemas(&connection.schemas, &available, &source_name)?;

    let relations = sqlx::query(RELATIONS)
        .bind(&chosen)
        .fetch_all(&mut *tx)
        .await
        .map_err(fail)?
        .iter()
        .map(|row| {
            Ok(RelationRow {
                namespace: get(connection, row, "namespace")?,
                name: get(connection, row, "name")?,
                kind: get(connection, row, "kind")?,
                comment: get(connection, row, "comment")?,
            })
        })
        .collect::<Result<Vec<_>, DiscoveryError>>()?;

    let columns = sqlx::query(COLUMNS)
        .bind(&chosen)
        .fetch_all(&mut *tx)
        .await
        .map_err(fail)?
        .iter()
        .map(|row| {
            Ok(ColumnRow {
                namespace: get(connection, row, "namespace")?,
                relation: get(connection, row, "relation")?,
                name: get(connection, row, "name")?,
                native_type: get(connection, row, "native_type")?,
                not_null: get(connection, row, "not_null")?,
                default: get(connection, row, "default_value")?,
                identity: get(connection, row, "identity")?,
                generated: get(connection, row, "generated")?,
                comment: get(connection, row, "comment")?,
                enum_values: get(connection, row, "enum_values")?,
            })
        })
        .collect::<Result<Vec<_>, DiscoveryError>>()?;

    let constraints = sqlx::query(CONSTRAINTS)
        .bind(&chosen)
        .fetch_all(&mut *tx)
        .await
        .map_err(fail)?
        .iter()
        .map(|row| {
            Ok(ConstraintRow {
                namespace: get(connection, row, "namespace")?,
                relation: get(connection, row, "relation")?,
                name: get(connection, row, "name")?,
                kind: get(connection, row, "kind")?,
                columns: get(connection, row, "columns")?,
                referenced_namespace: get(connection, row, "referenced_namespace")?,
                referenced_table: get(connection, row, "referenced_table")?,
                referenced_columns: get(connection, row, "referenced_columns")?,
                definition: get(connection, row, "definition")?,
            })
        })
        .collect::<Result<Vec<_>, DiscoveryError>>()?;

    let indexes = sqlx::query(INDEXES)
        .bind(&chosen)
        .fetch_all(&mut *tx)
        .await
        .map_err(fail)?
        .iter()
        .map(|row| {
            Ok(IndexRow {
                namespace: get(connection, row, "namespace")?,
                relation: get(connection, row, "relation")?,
                name: get(connection, row, "name")?,
                unique: get(connection, row, "is_unique")?,
                partial: get(connection, row, "partial")?,
                constraint_kind: get(connection, row, "constraint_kind")?,
                method: get(connection, row, "method")?,
                columns: get(connection, row, "columns")?,
            })
        })
        .collect::<Result<Vec<_>, DiscoveryError>>()?;

    tx.rollback().await.map_err(fail)?;
    Ok(Rows {
        engine_version,
        relations,
        columns,
        constraints,
        indexes,
        skipped,
    })
}

fn get<'r, T>(connection: &SqlConnection, row: &'r PgRow, column: &str) -> Result<T, DiscoveryError>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column).map_err(|e| classify(connection, e))
}

/// A driver error as a coded discovery error: by SQLSTATE for server errors, by kind for I/O.
/// No message here can hold the password: the server never repeats it and the options are never
/// printed.
fn classify(connection: &SqlConnection, error: sqlx::Error) -> DiscoveryError {
    let source_name = connection.display();
    match error {
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            let detail = format!("{} (SQLSTATE {code})", db.message());
            match code.as_str() {
                // invalid_password, invalid_authorization_specification (no pg_hba.conf line)
                "28P01" | "28000" => DiscoveryError::AuthenticationFailed { source_name },
                "3D000" => DiscoveryError::DatabaseNotFound {
                    source_name,
                    database: connection.database.clone(),
                },
                "42501" => DiscoveryError::PermissionDenied {
                    source_name,
                    detail,
                },
                // query_canceled: statement_timeout
                "57014" => DiscoveryError::Timeout {
                    source_name,
                    seconds: STATEMENT_TIMEOUT.as_secs_f64(),
                },
                // too many connections, shutting down, starting up, connection exceptions
                c if c == "53300" || c.starts_with("57P") || c.starts_with("08") => {
                    DiscoveryError::Unreachable {
                        source_name,
                        detail,
                    }
                }
                _ => DiscoveryError::QueryFailed {
                    source_name,
                    detail,
                },
            }
        }
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            DiscoveryError::Timeout {
                source_name,
                seconds: CONNECT_TIMEOUT.as_secs_f64(),
            }
        }
        sqlx::Error::Io(io) if crate::sql::connection::is_tls_failure(&io) => {
            DiscoveryError::TlsFailed {
                source_name,
                detail: io.to_string(),
            }
        }
        sqlx::Error::Io(io) => DiscoveryError::Unreachable {
            source_name,
            detail: io.to_string(),
        },
        sqlx::Error::Tls(tls) => DiscoveryError::TlsFailed {
            source_name,
            detail: tls.to_string(),
        },
        sqlx::Error::Configuration(e) => DiscoveryError::InvalidConnection {
            detail: e.to_string(),
        },
        sqlx::Error::Protocol(message) => DiscoveryError::Unreachable {
            source_name,
            detail: format!("the server does not speak the PostgreSQL protocol ({message})"),
        },
        other => DiscoveryError::QueryFailed {
            source_name,
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_queries_are_the_ones_counted() {
        let queries = [SCHEMAS, RELATIONS, COLUMNS, CONSTRAINTS, INDEXES];
        assert_eq!(queries.len(), CATALOG_QUERIES, "one query per catalog kind");
        for query in queries {
            assert!(
                query.contains("pg_catalog."),
                "reads pg_catalog, not information_schema: {query}"
            );
        }
        for query in &queries[1..] {
            assert!(
                query.contains("= ANY($1::text[])"),
                "filtered by the chosen schemas: {query}"
            );
        }
    }
}
