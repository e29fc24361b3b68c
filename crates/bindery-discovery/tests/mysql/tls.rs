//! TLS against a MariaDB server that has it: `require` encrypts without checking the
//! certificate (sqlx refuses to go on in plain text when TLS is required, so a success went over
//! TLS); `verify-ca` checks it against the given authority and fails with an unrelated one;
//! `verify-full` also checks the name, so the certificate made for `localhost` fails when the
//! host is `127.0.0.1` and passes when it is `localhost`.

use std::path::PathBuf;
use std::sync::OnceLock;

use bindery_discovery::sql::checks::{test_connection, CheckStatus};
use bindery_discovery::sql::{SqlConnection, SslMode};
use bindery_schema::SourceKind;
use bindery_testkit::{MariadbServer, TestCertificates};

use super::{connection, discover};

/// The certificates and a server that uses them; `None` when a tool is missing outside CI.
fn tls_server() -> Option<&'static (TestCertificates, MariadbServer)> {
    static SERVER: OnceLock<Option<(TestCertificates, MariadbServer)>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let certs = TestCertificates::generate().expect("openssl makes the certificates")?;
            let server = MariadbServer::start_with_tls(&certs)
                .expect("the TLS MariaDB test server starts (or is skipped)")?;
            Some((certs, server))
        })
        .as_ref()
}

fn over_tls(
    server: &MariadbServer,
    host: &str,
    mode: SslMode,
    root: Option<PathBuf>,
) -> SqlConnection {
    SqlConnection {
        host: host.to_owned(),
        ssl_mode: mode,
        root_cert: root,
        ..connection(&server.url("mysql"))
    }
}

#[tokio::test]
async fn require_and_verify_ca_connect_over_tls() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    discover(over_tls(server, "127.0.0.1", SslMode::Require, None))
        .await
        .expect("sslmode=require discovers over TLS");
    discover(over_tls(
        server,
        "127.0.0.1",
        SslMode::VerifyCa,
        Some(certs.ca_cert()),
    ))
    .await
    .expect("verify-ca with the signing CA discovers");
    discover(over_tls(
        server,
        "localhost",
        SslMode::VerifyFull,
        Some(certs.ca_cert()),
    ))
    .await
    .expect("verify-full to the name on the certificate discovers");
}

#[tokio::test]
async fn an_untrusted_or_misnamed_certificate_fails_as_tls() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    for (what, connection) in [
        (
            "verify-ca with an unrelated CA",
            over_tls(
                server,
                "127.0.0.1",
                SslMode::VerifyCa,
                Some(certs.other_ca_cert()),
            ),
        ),
        (
            "verify-full to an address the certificate does not name",
            over_tls(
                server,
                "127.0.0.1",
                SslMode::VerifyFull,
                Some(certs.ca_cert()),
            ),
        ),
    ] {
        let error = discover(connection).await.expect_err(what);
        assert_eq!(error.code(), "discovery/tls-failed", "{what}: {error}");
        assert!(
            error.to_string().contains("TLS"),
            "{what}: says TLS: {error}"
        );
    }
}

#[tokio::test]
async fn the_tls_check_passes_for_a_trusted_certificate() {
    let Some((certs, server)) = tls_server() else {
        return;
    };
    let result = test_connection(
        SourceKind::Mysql,
        &over_tls(
            server,
            "localhost",
            SslMode::VerifyFull,
            Some(certs.ca_cert()),
        ),
    )
    .await;
    let tls = result
        .checks
        .iter()
        .find(|c| c.name == "tls")
        .expect("a tls check");
    assert_eq!(tls.status, CheckStatus::Passed, "{result:?}");
}
