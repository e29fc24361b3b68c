//! A database provider's password is sealed in the vault: a reopened workspace with the same
//! key discovers it again, no workspace file holds the password, a workspace without a usable
//! key refuses to connect (and stores nothing), and credentials sealed under another key are
//! reported as unreadable rather than tried without a password. Reconnecting keeps scoping.

use std::collections::BTreeMap;
use std::path::Path;

use bindery_api::json::ConnectRequest;
use bindery_api::{Bindery, ErrorCode, OpenOptions, VaultChoice};
use bindery_testkit::PostgresServer;

const CANARY: &str = "canary-77aa-reopen-password";

fn request(pg: &PostgresServer, password: &str) -> ConnectRequest {
    let mut credentials = BTreeMap::new();
    for (key, value) in [
        ("host", pg.host().to_owned()),
        ("port", pg.port().to_string()),
        ("database", "reopen".to_owned()),
        ("user", "reopen_reader".to_owned()),
        ("password", password.to_owned()),
        ("sslmode", "disable".to_owned()),
    ] {
        credentials.insert(key.to_owned(), serde_json::Value::String(value));
    }
    ConnectRequest {
        source_kind: Some("postgres".to_owned()),
        catalog: None,
        display_name: None,
        credentials,
    }
}

const OPTIONS: OpenOptions = OpenOptions {
    demo: false,
    clock: chrono::Utc::now,
    refresh_margin: bindery_api::REFRESH_MARGIN,
};

async fn open_with_key(workspace: &Path, key_file: &Path) -> Bindery {
    let api = Bindery::open(workspace, OPTIONS).await.expect("open");
    let info = api
        .set_vault_key_source(VaultChoice {
            key_source: format!("file:{}", key_file.display()),
        })
        .await
        .expect("choose a key file");
    assert!(info.ready, "the vault opens with a key file: {info:?}");
    api
}

fn pg_with_reader() -> Option<PostgresServer> {
    let pg = PostgresServer::start().expect("PostgreSQL starts (or is skipped outside CI)")?;
    pg.create_database("reopen").expect("database");
    pg.load_sql_text(
        "reopen",
        "CREATE TABLE notes (id int PRIMARY KEY, body text, secret_token text);",
    )
    .expect("schema");
    pg.create_read_only_role("reopen", "reopen_reader", CANARY)
        .expect("role");
    Some(pg)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_is_sealed_and_a_reopened_workspace_discovers_again() {
    let Some(pg) = pg_with_reader() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("key dir");
    let key_file = keys.path().join("vault.key");

    let api = open_with_key(dir.path(), &key_file).await;
    api.connect_integration("pg", request(&pg, CANARY))
        .await
        .expect("connect");
    api.discover_integration("pg").await.expect("discover");
    let scoping = bindery_api::schema::Scoping {
        blocked_columns: ["public.notes.secret_token".to_owned()]
            .into_iter()
            .collect(),
        ..Default::default()
    };
    api.set_scoping("pg", scoping.clone())
        .await
        .expect("scoping");
    let status = api.vault_status().await.expect("vault status");
    assert_eq!(
        status.credential_count, 1,
        "one sealed credential: {status:?}"
    );
    let listed =
        serde_json::to_string(&api.list_integrations().await.expect("list")).expect("serialize");
    assert!(
        !listed.contains(CANARY),
        "no password in the integrations list"
    );
    api.close().await;

    for (path, bytes) in bindery_testkit::files_under(dir.path()) {
        assert!(
            !bindery_testkit::contains_bytes(&bytes, CANARY),
            "the password is in no workspace file ({})",
            path.display()
        );
    }

    let api = open_with_key(dir.path(), &key_file).await;
    api.discover_integration("pg")
        .await
        .expect("a reopened workspace discovers with the sealed password");
    let again = api
        .connect_integration("pg", request(&pg, CANARY))
        .await
        .expect("connect again");
    assert_eq!(
        again.status, "reconnected",
        "the provider is reconnected, not duplicated"
    );
    assert_eq!(
        api.scoping("pg").await.expect("scoping"),
        scoping,
        "scoping kept"
    );
    let notes = api.object("pg", "public.notes").await.expect("notes");
    assert!(
        notes.object.fields.iter().all(|f| f.name != "secret_token"),
        "the blocked column stays hidden"
    );
    api.close().await;

    // Another key: the sealed password does not open, and that is said, not hidden.
    let other_keys = tempfile::tempdir().expect("other key dir");
    let api = Bindery::open(dir.path(), OPTIONS).await.expect("reopen");
    let refused = api
        .set_vault_key_source(VaultChoice {
            key_source: format!("file:{}", other_keys.path().join("other.key").display()),
        })
        .await
        .expect_err("moving the key away from stored credentials is refused");
    assert_eq!(refused.code, ErrorCode::ValidationError, "coded: {refused}");
    api.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_usable_key_nothing_is_connected_or_stored() {
    let Some(pg) = pg_with_reader() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(dir.path(), OPTIONS).await.expect("open");
    // An environment-variable key that is not set: the vault cannot open.
    api.set_vault_key_source(VaultChoice {
        key_source: "env:BINDERY_TEST_KEY_THAT_IS_NOT_SET".to_owned(),
    })
    .await
    .expect("the choice is saved even though the key is missing");
    let status = api.vault_status().await.expect("status");
    assert!(!status.ready, "not ready without the key: {status:?}");
    assert_eq!(
        status.problem.as_ref().map(|p| p.code),
        Some("vault/env-key-missing"),
        "the vault says why: {status:?}"
    );
    let error = api
        .connect_integration("pg", request(&pg, CANARY))
        .await
        .expect_err("no vault, no connection");
    assert_eq!(error.code, ErrorCode::VaultUnavailable, "coded: {error}");
    assert!(!error.message.contains(CANARY), "no secret in the message");
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "nothing was registered"
    );
    api.close().await;
}
