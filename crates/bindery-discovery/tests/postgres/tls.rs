//! TLS against a PostgreSQL server that has it: `require` encrypts without checking the
//! certificate; `verify-ca` checks it against the given authority and fails with an unrelated
//! one; `verify-full` also checks the name, so the certificate made for `localhost` fails when
//! the host is `127.0.0.1` and passes when it is `localhost`. The connection checks say the same.
//! The server takes TCP logins over TLS only, so every success here went over TLS.

use std::sync::OnceLock;

use bindery_discovery::sql::checks::{test_connection, CheckStatus};
use bindery_discovery::sql::{SqlConnection, SslMode};
use bindery_schema::SourceKind;
use bindery_testkit::{PostgresServer, TestCertificates};

use super::discover;
use super::errors::{assert_coded, CANARY};

/// The certificates and a server that uses them; `None` when a tool is missing outside CI.
fn tls_server() -> Option<&'static (TestCertificates, PostgresServer)> {
    static SERVER: OnceLock<Option<(TestCertificates, PostgresServer)>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let certs = TestCertificates::generate().expect("openssl makes the certificates")?;
            let server = PostgresServer::start_with_tls(&certs)
                .expect("the TLS PostgreSQL test server starts (or is skipped)")?;
            Some((certs, server))
        })
        .as_ref()
}

fn over_tls(
    server: &PostgresServer,
    host: &str,
    mode: SslMode,
    root: Option<std::path::PathBuf>,
) -> SqlConnection {
    SqlConnection {
        host: host.to_owned(),
        ssl_mode: mode,
        root_cert: root,
        ..super::superuser(server, "postgres")
    }
}

#[tokio::test]
async fn require_encrypts_without_checking_the_certificate() {
    let Some((_, server)) = tls_server() else {
        return;
    };
    let (result, _) = discover(over_tls(server, "127.0.0.1", SslMode::Require, None)).await;
    result.expect("sslmode=require discovers over TLS");
    // The server takes TCP logins over TLS only, so the success above was over TLS.
    let (plain, _) = discover(over_tls(server, "127.0.0.1", SslMode::Disable, None)).await;
    assert!(plain.is_err(), "the server refuses a plain login");
}

#[tokio::test]
async fn verify_ca_trusts_only_the_authority_given() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    let good = over_tls(
        server,
        "127.0.0.1",
        SslMode::VerifyCa,
        Some(certs.ca_cert()),
    );
    discover(good)
        .await
        .0
        .expect("verify-ca with the signing CA discovers");

    let mut wrong = over_tls(
        server,
        "127.0.0.1",
        SslMode::VerifyCa,
        Some(certs.other_ca_cert()),
    );
    wrong.password = Some(bindery_discovery::sql::Password::new(CANARY));
    assert_coded(
        "verify-ca with an unrelated CA",
        discover(wrong).await,
        "discovery/tls-failed",
    );
}

#[tokio::test]
async fn verify_full_checks_the_host_name() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    let mut by_address = over_tls(
        server,
        "127.0.0.1",
        SslMode::VerifyFull,
        Some(certs.ca_cert()),
    );
    by_address.password = Some(bindery_discovery::sql::Password::new(CANARY));
    let error = assert_coded(
        "verify-full to an address the certificate does not name",
        discover(by_address).await,
        "discovery/tls-failed",
    );
    assert!(
        error.to_string().contains("TLS"),
        "says TLS is the problem: {error}"
    );

    let by_name = over_tls(
        server,
        "localhost",
        SslMode::VerifyFull,
        Some(certs.ca_cert()),
    );
    discover(by_name)
        .await
        .0
        .expect("verify-full to the name on the certificate discovers");
}

#[tokio::test]
async fn the_tls_check_reports_each_mode() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    let tls_status = |result: &bindery_discovery::sql::checks::SqlTestResult| {
        result
            .checks
            .iter()
            .find(|c| c.name == "tls")
            .map(|c| (c.status, c.code))
            .expect("a tls check")
    };
    let passed = test_connection(
        SourceKind::Postgres,
        &over_tls(
            server,
            "localhost",
            SslMode::VerifyFull,
            Some(certs.ca_cert()),
        ),
    )
    .await;
    assert_eq!(tls_status(&passed).0, CheckStatus::Passed, "{passed:?}");

    let failed = test_connection(
        SourceKind::Postgres,
        &over_tls(
            server,
            "127.0.0.1",
            SslMode::VerifyCa,
            Some(certs.other_ca_cert()),
        ),
    )
    .await;
    assert!(
        !failed.ok,
        "an untrusted certificate fails the run: {failed:?}"
    );
    let failing: Vec<_> = failed
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Failed)
        .map(|c| (c.name, c.code))
        .collect();
    assert_eq!(
        failing.first().map(|(_, code)| *code),
        Some(Some("discovery/tls-failed")),
        "the first failed check is coded tls-failed: {failing:?}"
    );
}
