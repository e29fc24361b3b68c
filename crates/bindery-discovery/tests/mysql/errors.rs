//! Bad input gives a coded error quickly, and no error shows the password.

use std::time::{Duration, Instant};

use bindery_discovery::sql::mysql::CONNECT_TIMEOUT;
use bindery_discovery::sql::{Password, SslMode};
use bindery_discovery::DiscoveryError;

use super::{connection, database_with, discover, server};

/// A password that must never be printed.
const CANARY: &str = "canary-Pw-7f3a91";

/// Discovers `url` with the canary as password; returns the error and the time it took.
async fn failure(url: &str, ssl_mode: SslMode) -> (DiscoveryError, Duration) {
    let mut c = connection(url);
    c.password = Some(Password::new(CANARY));
    c.ssl_mode = ssl_mode;
    let started = Instant::now();
    let error = discover(c).await.expect_err("discovery fails");
    (error, started.elapsed())
}

fn assert_coded(error: &DiscoveryError, took: Duration, code: &str, within: Duration) {
    assert_eq!(error.code(), code, "coded error: {error}");
    assert!(took < within, "{code} within {within:?}, took {took:?}");
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(CANARY),
        "no password in Display/Debug: {shown}"
    );
}

#[tokio::test]
async fn wrong_password_unknown_database_and_no_privileges_are_coded() {
    let Some(server) = server() else { return };
    let db = database_with(server, "guarded", "CREATE TABLE t (id INT PRIMARY KEY);");
    let quick = Duration::from_secs(5);

    let (error, took) = failure(&server.url(&db), SslMode::Disable).await;
    assert_coded(&error, took, "discovery/authentication-failed", quick);

    server
        .create_user("nobody", CANARY)
        .expect("a login without privileges");
    let (error, took) = failure(&server.url_for("nobody", "x", &db), SslMode::Disable).await;
    assert_coded(&error, took, "discovery/permission-denied", quick);
    assert!(
        error.to_string().contains(&db),
        "the message names the database: {error}"
    );

    let mut missing = connection(&server.url("no_such_database"));
    missing.password = Some(Password::new(server.password()));
    let started = Instant::now();
    let error = discover(missing).await.expect_err("no such database");
    assert_coded(
        &error,
        started.elapsed(),
        "discovery/database-not-found",
        quick,
    );
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(server.password()),
        "no root password either: {shown}"
    );
}

#[tokio::test]
async fn tls_required_against_a_plain_server_is_coded() {
    let Some(server) = server() else { return };
    let url = server.url("mysql");
    let (error, took) = failure(&url, SslMode::Require).await;
    assert_coded(&error, took, "discovery/tls-failed", Duration::from_secs(5));
    assert!(
        error.to_string().contains("TLS"),
        "the message says TLS: {error}"
    );
}

#[tokio::test]
async fn an_unreachable_port_is_coded_quickly() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("mysql://root@127.0.0.1:{port}/db?sslmode=disable");
    let (error, took) = failure(&url, SslMode::Disable).await;
    assert_coded(
        &error,
        took,
        "discovery/unreachable",
        Duration::from_secs(5),
    );
}

#[tokio::test]
async fn a_server_that_never_greets_times_out() {
    // Accepts TCP (the kernel backlog) but never sends the MySQL greeting.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let url = format!("mysql://root@127.0.0.1:{port}/db?sslmode=disable");
    let (error, took) = failure(&url, SslMode::Disable).await;
    assert_coded(
        &error,
        took,
        "discovery/timeout",
        CONNECT_TIMEOUT + Duration::from_secs(5),
    );
    assert!(
        took >= CONNECT_TIMEOUT,
        "waited the connect timeout: {took:?}"
    );
    drop(listener);
}

#[tokio::test]
async fn plain_tcp_to_another_machine_is_refused_before_connecting() {
    let mut c = connection("mysql://root@127.0.0.1/db?sslmode=disable");
    c.host = "db.example.com".into();
    c.password = Some(Password::new(CANARY));
    let started = Instant::now();
    let error = discover(c).await.expect_err("refused");
    assert_coded(
        &error,
        started.elapsed(),
        "discovery/invalid-connection",
        Duration::from_millis(500),
    );
}
