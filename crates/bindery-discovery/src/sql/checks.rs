//! Connection checks (`POST /integrations/{kind}/sql/test`): ordered, named checks run against
//! credentials without storing anything. A failed check is data: the answer always lists every
//! check, each `passed`, `failed` or `skipped` (when an earlier one it needs failed), and an
//! overall `ok`. Messages never hold the password.

use std::time::{Duration, Instant};

use bindery_schema::SourceKind;
use serde::Serialize;
use sqlx::{Connection, Row};

use super::SqlConnection;
use crate::DiscoveryError;

/// Time allowed to resolve the host and to open a TCP connection.
const NETWORK_TIMEOUT: Duration = Duration::from_secs(5);

/// How one check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckStatus {
    /// It held.
    Passed,
    /// It did not.
    Failed,
    /// It could not run because an earlier check failed.
    Skipped,
}

/// One named check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SqlCheck {
    /// Stable name (`hostResolves`, `authentication`, …).
    pub name: &'static str,
    /// Outcome.
    pub status: CheckStatus,
    /// What was found, for a person.
    pub detail: String,
    /// The discovery error code of a failure, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// Time the check took.
    pub elapsed_ms: u64,
}

/// All checks, in order, and whether every one passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SqlTestResult {
    /// Every check passed.
    pub ok: bool,
    /// The checks, in the order they ran.
    pub checks: Vec<SqlCheck>,
}

/// The check names, in order.
pub const CHECKS: [&str; 9] = [
    "settings",
    "hostResolves",
    "portReachable",
    "authentication",
    "tls",
    "serverVersion",
    "schemasVisible",
    "cannotWrite",
    "notSuperuser",
];

struct Run {
    checks: Vec<SqlCheck>,
    started: Instant,
}

impl Run {
    fn record(
        &mut self,
        name: &'static str,
        result: Result<String, (String, Option<&'static str>)>,
    ) -> bool {
        let elapsed_ms = self.started.elapsed().as_millis() as u64;
        self.started = Instant::now();
        let (status, detail, code) = match result {
            Ok(detail) => (CheckStatus::Passed, detail, None),
            Err((detail, code)) => (CheckStatus::Failed, detail, code),
        };
        self.checks.push(SqlCheck {
            name,
            status,
            detail,
            code,
            elapsed_ms,
        });
        status == CheckStatus::Passed
    }

    fn finish(mut self) -> SqlTestResult {
        let failed = self
            .checks
            .iter()
            .find(|c| c.status == CheckStatus::Failed)
            .map(|c| c.name);
        for name in CHECKS.iter().skip(self.checks.len()) {
            self.checks.push(SqlCheck {
                name,
                status: CheckStatus::Skipped,
                detail: format!("not run: {} failed", failed.unwrap_or("an earlier check")),
                code: None,
                elapsed_ms: 0,
            });
        }
        SqlTestResult {
            ok: self.checks.iter().all(|c| c.status == CheckStatus::Passed),
            checks: self.checks,
        }
    }
}

fn failure(error: &DiscoveryError) -> (String, Option<&'static str>) {
    (error.to_string(), Some(error.code()))
}

/// Runs every check for `engine` (`Postgres` or `Mysql`).
pub async fn test_connection(engine: SourceKind, connection: &SqlConnection) -> SqlTestResult {
    let mut run = Run {
        checks: Vec::new(),
        started: Instant::now(),
    };
    if !run.record(
        "settings",
        connection
            .check()
            .map(|()| {
                format!(
                    "{} over {}",
                    connection.display(),
                    connection.ssl_mode.as_str()
                )
            })
            .map_err(|e| failure(&e)),
    ) {
        return run.finish();
    }
    let resolved = tokio::time::timeout(
        NETWORK_TIMEOUT,
        tokio::net::lookup_host((connection.host.as_str(), connection.port)),
    )
    .await;
    let addresses: Vec<std::net::SocketAddr> = match resolved {
        Ok(Ok(found)) => found.collect(),
        _ => Vec::new(),
    };
    let resolves = match addresses.first() {
        Some(first) => Ok(format!("{} resolves to {}", connection.host, first.ip())),
        None => Err((
            format!("{} does not resolve", connection.host),
            Some("discovery/unreachable"),
        )),
    };
    if !run.record("hostResolves", resolves) {
        return run.finish();
    }
    let mut reachable = Err((
        format!("nothing answers on port {}", connection.port),
        Some("discovery/unreachable"),
    ));
    for address in &addresses {
        if let Ok(Ok(_)) =
            tokio::time::timeout(NETWORK_TIMEOUT, tokio::net::TcpStream::connect(address)).await
        {
            reachable = Ok(format!("{address} accepts connections"));
            break;
        }
    }
    if !run.record("portReachable", reachable) {
        return run.finish();
    }
    match engine {
        SourceKind::Mysql => mysql_checks(&mut run, connection).await,
        _ => postgres_checks(&mut run, connection).await,
    }
    run.finish()
}

fn tls_detail(
    connection: &SqlConnection,
    in_use: bool,
) -> Result<String, (String, Option<&'static str>)> {
    match (connection.ssl_mode, in_use) {
        (super::SslMode::Disable, _) => Ok("not requested (a server on this machine)".to_owned()),
        (mode, true) => Ok(format!("TLS in use ({})", mode.as_str())),
        (mode, false) => Err((
            format!(
                "{} asked for TLS but the session is not encrypted",
                mode.as_str()
            ),
            Some("discovery/tls-failed"),
        )),
    }
}

/// Records the `authentication` check (and `tls`, when the handshake is what failed); the session
/// when the login worked.
fn authenticated<C>(
    run: &mut Run,
    connection: &SqlConnection,
    connected: Result<C, DiscoveryError>,
) -> Option<C> {
    match connected {
        Ok(conn) => {
            run.record(
                "authentication",
                Ok(format!("logged in as {}", connection.user)),
            );
            Some(conn)
        }
        Err(error) => {
            run.record("authentication", Err(failure(&error)));
            if matches!(error, DiscoveryError::TlsFailed { .. }) {
                // The failure was the TLS handshake; say so under its own name too.
                run.record("tls", Err(failure(&error)));
            }
            None
        }
    }
}

async fn postgres_checks(run: &mut Run, connection: &SqlConnection) {
    let Some(mut conn) = authenticated(run, connection, super::postgres::connect(connection).await)
    else {
        return;
    };
    let ssl: bool = sqlx::query(
        "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
    )
    .fetch_one(&mut conn)
    .await
    .and_then(|row| row.try_get(0))
    .unwrap_or(false);
    run.record("tls", tls_detail(connection, ssl));
    let version: Result<String, _> = sqlx::query("SHOW server_version")
        .fetch_one(&mut conn)
        .await
        .and_then(|r| r.try_get(0));
    run.record(
        "serverVersion",
        version
            .map(|v| format!("PostgreSQL {v}"))
            .map_err(|e| (e.to_string(), None)),
    );
    let schemas = connection.schemas.clone();
    let visible = sqlx::query(include_str!("checks/postgres_schemas.sql"))
        .bind(&schemas)
        .fetch_all(&mut conn)
        .await;
    let visible: Vec<(String, bool)> = match visible {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| Some((r.try_get(0).ok()?, r.try_get(1).ok()?)))
            .collect(),
        Err(e) => {
            run.record("schemasVisible", Err((e.to_string(), None)));
            let _ = conn.close().await;
            return;
        }
    };
    let missing: Vec<&String> = schemas
        .iter()
        .filter(|s| !visible.iter().any(|(n, usable)| n == *s && *usable))
        .collect();
    let schemas_check = if !missing.is_empty() {
        Err((
            format!(
                "not visible to {}: {}",
                connection.user,
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some("discovery/schema-not-found"),
        ))
    } else if visible.iter().all(|(_, usable)| !usable) {
        Err((
            "no schema is visible to this login".to_owned(),
            Some("discovery/permission-denied"),
        ))
    } else {
        Ok(format!(
            "{} schema(s) visible",
            visible.iter().filter(|(_, u)| *u).count()
        ))
    };
    run.record("schemasVisible", schemas_check);
    let writable: Result<(i64, Option<String>), _> =
        sqlx::query(include_str!("checks/postgres_writable.sql"))
            .bind(&schemas)
            .fetch_one(&mut conn)
            .await
            .and_then(|r| Ok((r.try_get(0)?, r.try_get(1)?)));
    run.record(
        "cannotWrite",
        match writable {
            Ok((0, _)) => Ok("the login can write no table".to_owned()),
            Ok((n, example)) => Err((
                format!(
                    "the login can write {n} table(s), e.g. {}",
                    example.unwrap_or_default()
                ),
                Some("discovery/permission-denied"),
            )),
            Err(e) => Err((e.to_string(), None)),
        },
    );
    let power: Result<(bool, bool, i64), _> =
        sqlx::query(include_str!("checks/postgres_power.sql"))
            .bind(&schemas)
            .fetch_one(&mut conn)
            .await
            .and_then(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)));
    run.record(
        "notSuperuser",
        match power {
            Ok((true, _, _)) => Err((
                format!(
                    "{} is a superuser: use a read-only login (see the SQL scripts)",
                    connection.user
                ),
                None,
            )),
            Ok((_, true, _)) => Err((format!("{} owns the database", connection.user), None)),
            Ok((_, _, owned)) if owned > 0 => Err((
                format!("{} owns {owned} table(s) it reads", connection.user),
                None,
            )),
            Ok(_) => Ok("not a superuser and owns nothing it reads".to_owned()),
            Err(e) => Err((e.to_string(), None)),
        },
    );
    let _ = conn.close().await;
}

async fn mysql_checks(run: &mut Run, connection: &SqlConnection) {
    let Some(mut conn) = authenticated(run, connection, super::mysql::connect(connection).await)
    else {
        return;
    };
    let cipher: String = sqlx::query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        .fetch_optional(&mut conn)
        .await
        .ok()
        .flatten()
        .and_then(|r| r.try_get::<String, _>(1).ok())
        .unwrap_or_default();
    run.record("tls", tls_detail(connection, !cipher.is_empty()));
    let version: Result<String, _> = sqlx::query("SELECT VERSION()")
        .fetch_one(&mut conn)
        .await
        .and_then(|r| r.try_get(0));
    run.record(
        "serverVersion",
        version
            .map(|v| format!("server {v}"))
            .map_err(|e| (e.to_string(), None)),
    );
    let tables: Result<i64, _> = sqlx::query(
        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
    )
    .fetch_one(&mut conn)
    .await
    .and_then(|r| r.try_get(0));
    run.record(
        "schemasVisible",
        match tables {
            Ok(0) => Err((
                format!(
                    "no table of {} is visible to this login",
                    connection.database
                ),
                Some("discovery/permission-denied"),
            )),
            Ok(n) => Ok(format!("{n} table(s) of {} visible", connection.database)),
            Err(e) => Err((e.to_string(), None)),
        },
    );
    let privileges: Vec<String> = sqlx::query(include_str!("checks/mysql_privileges.sql"))
        .fetch_all(&mut conn)
        .await
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r.try_get::<String, _>(0).ok())
                .collect()
        })
        .unwrap_or_default();
    let has = |list: &[&str]| {
        privileges
            .iter()
            .filter(|p| list.contains(&p.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    let writes = has(&[
        "INSERT",
        "UPDATE",
        "DELETE",
        "DROP",
        "ALTER",
        "CREATE",
        "ALL PRIVILEGES",
    ]);
    run.record(
        "cannotWrite",
        if writes.is_empty() {
            Ok("the login can write no table".to_owned())
        } else {
            Err((
                format!("the login holds {}", writes.join(", ")),
                Some("discovery/permission-denied"),
            ))
        },
    );
    let powers = has(&[
        "SUPER",
        "CREATE USER",
        "GRANT OPTION",
        "SHUTDOWN",
        "FILE",
        "ALL PRIVILEGES",
    ]);
    run.record(
        "notSuperuser",
        if powers.is_empty() {
            Ok("no administrative privilege".to_owned())
        } else {
            Err((
                format!(
                    "{} holds {}: use a read-only login (see the SQL scripts)",
                    connection.user,
                    powers.join(", ")
                ),
                None,
            ))
        },
    );
    let _ = conn.close().await;
}
