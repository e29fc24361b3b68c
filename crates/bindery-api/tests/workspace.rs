//! The application API on real workspaces in throwaway directories.

use bindery_api::json::{ConnectRequest, ObjectQuery};
use bindery_api::{Bindery, ErrorCode, OpenOptions, Scope};
use chrono::{TimeZone, Utc};

fn fixed_clock() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
        .single()
        .expect("valid fixed date")
}

fn options() -> OpenOptions {
    OpenOptions {
        demo: true,
        clock: fixed_clock,
        ..OpenOptions::default()
    }
}

#[tokio::test]
async fn a_new_workspace_gets_the_discovered_demo_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(dir.path(), options())
        .await
        .expect("open new workspace");
    let list = api.list_integrations().await.expect("list");
    assert_eq!(list.len(), 1, "exactly the demo provider");
    let demo = &list[0];
    assert_eq!(demo.kind, "demo_fieldservice", "demo kind");
    assert!(demo.demo, "flagged as demo");
    assert_eq!(demo.status, "discovered", "discovered at once");
    let summary = demo.summary.expect("summary of the discovery");
    assert!(
        summary.object_count >= 10 && summary.edge_count >= 10,
        "a real schema: {summary:?}"
    );
    let fingerprint = demo.fingerprint.clone();
    api.close().await;

    let again = Bindery::open(dir.path(), options()).await.expect("reopen");
    let list = again.list_integrations().await.expect("list");
    assert_eq!(list.len(), 1, "reopening does not add a second demo");
    assert_eq!(list[0].fingerprint, fingerprint, "nor re-discover it");
}

#[tokio::test]
async fn two_processes_opening_a_fresh_workspace_seed_it_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = tokio::join!(
        Bindery::open(dir.path(), options()),
        Bindery::open(dir.path(), options())
    );
    let (a, b) = (a.expect("first opener"), b.expect("second opener"));
    for api in [&a, &b] {
        let list = api.list_integrations().await.expect("list");
        assert_eq!(list.len(), 1, "one demo provider whoever seeded it");
        assert_eq!(list[0].status, "discovered", "and it is discovered");
    }
}

#[tokio::test]
async fn without_demo_the_workspace_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(
        dir.path(),
        OpenOptions {
            demo: false,
            clock: fixed_clock,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open");
    assert!(
        api.list_integrations().await.expect("list").is_empty(),
        "no providers"
    );
    let catalog = api.catalog().await.expect("catalog");
    assert!(
        catalog.iter().all(|e| !e.connected),
        "nothing connected yet"
    );
}

#[tokio::test]
async fn connect_discover_and_browse_a_sqlite_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(
        &dir.path().join("ws"),
        OpenOptions {
            demo: false,
            clock: fixed_clock,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open");
    let db = dir.path().join("shop.db");
    bindery_api::write_demo_database(&db)
        .await
        .expect("demo file");
    let request = ConnectRequest {
        source_kind: Some("sqlite".into()),
        catalog: None,
        display_name: Some("Shop".into()),
        credentials: [("path".to_owned(), serde_json::json!(db.to_string_lossy()))].into(),
    };
    let connected = api
        .connect_integration("shop", request.clone())
        .await
        .expect("connect");
    assert_eq!(connected.status, "connected", "connected");
    let not_yet = api
        .list_objects("shop", &ObjectQuery::default())
        .await
        .expect_err("not discovered");
    assert_eq!(
        not_yet.code,
        ErrorCode::ProviderNotDiscovered,
        "404-class error, not a 500"
    );
    let summary = api.discover_integration("shop").await.expect("discover");
    assert_eq!(
        summary.discovered_at,
        fixed_clock(),
        "the clock passed in is used"
    );
    let page = api
        .list_objects(
            "shop",
            &ObjectQuery {
                q: Some("invoice".into()),
                cursor: None,
                limit: Some(2),
                hide: None,
            },
        )
        .await
        .expect("search");
    assert_eq!(page.items.len(), 2, "a page of two");
    assert!(page.has_more, "more invoice objects follow");
    let detail = api.object("shop", "invoices").await.expect("invoices");
    assert!(
        detail
            .relationships
            .iter()
            .any(|r| r.other_object == "customers"),
        "invoices reference customers: {:?}",
        detail.relationships
    );
    let again = api
        .connect_integration("shop", request)
        .await
        .expect_err("duplicate");
    assert_eq!(
        again.code,
        ErrorCode::ProviderAlreadyExists,
        "duplicate kind"
    );
    let unknown = api.object("nope", "x").await.expect_err("unknown provider");
    assert_eq!(
        unknown.code,
        ErrorCode::ProviderNotFound,
        "unknown provider code"
    );
}

#[tokio::test]
async fn keys_carry_scopes_and_are_stored_hashed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(
        dir.path(),
        OpenOptions {
            demo: false,
            clock: fixed_clock,
            ..OpenOptions::default()
        },
    )
    .await
    .expect("open");
    let created = api
        .create_api_key(&[Scope::IntegrationsRead], Some("test".into()))
        .await
        .expect("create");
    assert!(created.key.starts_with("bindery_sk_"), "key format");
    api.authorize(Some(&created.key), Scope::IntegrationsRead)
        .await
        .expect("has the scope");
    let denied = api
        .authorize(Some(&created.key), Scope::IntegrationsWrite)
        .await
        .expect_err("lacks write");
    assert_eq!(denied.code, ErrorCode::InsufficientScope, "403-class error");
    assert!(
        !denied.message.contains(&created.key),
        "the key is never echoed"
    );
    let none = api
        .authorize(None, Scope::IntegrationsRead)
        .await
        .expect_err("no key");
    assert_eq!(none.code, ErrorCode::Unauthorized, "401-class error");
    let session = api.mint_session_key();
    api.authorize(Some(&session), Scope::AgentsWrite)
        .await
        .expect("session key has every scope");
    api.close().await;
    // Canary: the key must not be anywhere in the workspace files.
    for entry in std::fs::read_dir(dir.path()).expect("read workspace") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let bytes = std::fs::read(&path).expect("read file");
            let found = bytes
                .windows(created.key.len())
                .any(|w| w == created.key.as_bytes());
            assert!(!found, "{} holds the plain key", path.display());
        }
    }
    assert!(
        Scope::parse_list("integrations:read,nope").is_err(),
        "unknown scopes are refused"
    );
}
