//! Bad input gives a coded error quickly, and never shows the password: a wrong password, a
//! port nobody listens on, a database or schema that does not exist, a login without CONNECT or
//! without USAGE on the schema, TLS required from a server without TLS; and a server that never
//! answers times out after the connect timeout.

use std::time::Duration;

use bindery_discovery::sql::postgres::CONNECT_TIMEOUT;
use bindery_discovery::DiscoveryError;

use super::{connection, database, discover, server, superuser};

/// Appears in no message: every bad connection below carries it as its password.
pub const CANARY: &str = "canary-Pw-7f3a9c";
/// Every refusal here is local: well under the connect timeout.
const QUICK: Duration = Duration::from_secs(5);

pub fn assert_coded(
    what: &str,
    result: (
        Result<bindery_discovery::Discovered, DiscoveryError>,
        Duration,
    ),
    code: &str,
) -> DiscoveryError {
    let (result, took) = result;
    let error = match result {
        Ok(d) => Err(format!(
            "{what}: discovered {:?} instead of failing",
            d.value.summary
        )),
        Err(error) => Ok(error),
    }
    .expect("the discovery fails");
    assert_eq!(error.code(), code, "{what}: {error}");
    assert!(took < QUICK, "{what}: answered in {took:?}");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(
            !text.contains(CANARY),
            "{what}: the password is not in the message: {text}"
        );
    }
    error
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_showing_it() {
    let Some(server) = server() else { return };
    database(server, "err_password", "");
    let bad = connection(server, "err_password", "postgres", CANARY);
    let error = assert_coded(
        "wrong password",
        discover(bad).await,
        "discovery/authentication-failed",
    );
    assert!(
        error.to_string().contains("postgres@127.0.0.1"),
        "names the login: {error}"
    );
}

#[tokio::test]
async fn a_port_without_a_server_is_unreachable() {
    let Some(server) = server() else { return };
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        listener.local_addr().expect("its address").port()
    };
    let mut bad = connection(server, "postgres", "postgres", CANARY);
    bad.port = port;
    assert_coded("closed port", discover(bad).await, "discovery/unreachable");
}

#[tokio::test]
async fn a_missing_database_is_not_found() {
    let Some(server) = server() else { return };
    let bad = superuser(server, "no_such_database");
    let error = assert_coded(
        "missing database",
        discover(bad).await,
        "discovery/database-not-found",
    );
    assert!(
        error.to_string().contains("no_such_database"),
        "names the database: {error}"
    );
}

#[tokio::test]
async fn a_missing_schema_is_not_found() {
    let Some(server) = server() else { return };
    database(server, "err_schema", "CREATE TABLE t (id int PRIMARY KEY);");
    let mut bad = superuser(server, "err_schema");
    bad.schemas = vec!["public".to_owned(), "nowhere".to_owned()];
    let error = assert_coded(
        "missing schema",
        discover(bad).await,
        "discovery/schema-not-found",
    );
    assert!(
        error.to_string().contains("nowhere") && !error.to_string().contains("public"),
        "names only the missing schema: {error}"
    );
}

#[tokio::test]
async fn a_login_without_connect_is_denied() {
    let Some(server) = server() else { return };
    database(
        server,
        "err_connect",
        "CREATE TABLE t (id int PRIMARY KEY);",
    );
    server
        .psql(
            "postgres",
            &format!(
                "CREATE ROLE no_connect LOGIN PASSWORD '{CANARY}'; \
                 REVOKE CONNECT ON DATABASE err_connect FROM PUBLIC;"
            ),
        )
        .expect("create the role");
    let bad = connection(server, "err_connect", "no_connect", CANARY);
    assert_coded(
        "no CONNECT",
        discover(bad).await,
        "discovery/permission-denied",
    );
}

#[tokio::test]
async fn a_schema_without_usage_is_denied_when_asked_for_and_skipped_otherwise() {
    let Some(server) = server() else { return };
    database(
        server,
        "err_usage",
        "CREATE TABLE open_t (id int PRIMARY KEY); \
         CREATE SCHEMA private; CREATE TABLE private.secret (id int PRIMARY KEY); \
         REVOKE ALL ON SCHEMA private FROM PUBLIC;",
    );
    server
        .psql(
            "postgres",
            &format!("CREATE ROLE no_usage LOGIN PASSWORD '{CANARY}';"),
        )
        .expect("create the role");
    let mut bad = connection(server, "err_usage", "no_usage", CANARY);
    bad.schemas = vec!["private".to_owned()];
    assert_coded(
        "no USAGE",
        discover(bad.clone()).await,
        "discovery/permission-denied",
    );

    bad.schemas.clear();
    let (result, _) = discover(bad).await;
    let found = result.expect("the schemas it may use are read");
    let names: Vec<&str> = found
        .value
        .objects
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["public.open_t"], "only the usable schema");
    assert!(
        found
            .diagnostics
            .iter()
            .any(|d| d.code == "discovery/sql-relation-skipped" && d.message.contains("private")),
        "the unusable schema is reported: {:?}",
        found.diagnostics
    );
}

#[tokio::test]
async fn tls_required_from_a_server_without_tls_fails_clearly() {
    let Some(server) = server() else { return };
    let mut bad = connection(server, "postgres", "postgres", CANARY);
    bad.ssl_mode = bindery_discovery::sql::SslMode::Require;
    let error = assert_coded(
        "sslmode=require",
        discover(bad).await,
        "discovery/tls-failed",
    );
    assert!(
        error.to_string().contains("TLS"),
        "says TLS is the problem: {error}"
    );
}

#[tokio::test]
async fn plain_tcp_to_another_machine_is_not_tried() {
    let Some(server) = server() else { return };
    let mut bad = connection(server, "postgres", "postgres", CANARY);
    bad.host = "db.example.com".to_owned();
    assert_coded(
        "remote sslmode=disable",
        discover(bad).await,
        "discovery/invalid-connection",
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let Some(server) = server() else { return };
    // Accepts the connection and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("its address").port();
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(CONNECT_TIMEOUT * 2);
        drop(held);
    });
    let mut bad = connection(server, "postgres", "postgres", CANARY);
    bad.port = port;
    let (result, took) = discover(bad).await;
    let error = result.expect_err("a silent server is an error");
    assert_eq!(error.code(), "discovery/timeout", "{error}");
    assert!(
        took >= CONNECT_TIMEOUT && took < CONNECT_TIMEOUT + Duration::from_secs(3),
        "gave up after the connect timeout, not later: {took:?}"
    );
    assert!(
        !format!("{error} {error:?}").contains(CANARY),
        "no password: {error:?}"
    );
}
