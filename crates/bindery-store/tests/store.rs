//! The workspace database against a real SQLite file in a throwaway directory.

use bindery_store::{ApiKeyRecord, NewProvider, NewSnapshot, Store, StoreError};
use chrono::{TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .expect("valid fixed date")
}

fn provider(kind: &str) -> NewProvider {
    NewProvider {
        kind: kind.to_owned(),
        display_name: "Shop DB".to_owned(),
        source_kind: "sqlite".to_owned(),
        config: serde_json::json!({"path": "/tmp/shop.db"}),
        demo: false,
    }
}

#[tokio::test]
async fn providers_round_trip_and_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open new workspace");
    store
        .insert_provider(&provider("shop"), now())
        .await
        .expect("first insert");
    let again = store.insert_provider(&provider("shop"), now()).await;
    assert!(
        matches!(
            again,
            Err(StoreError::Conflict {
                what: "provider",
                ..
            })
        ),
        "a second provider with the same kind is a conflict, got {again:?}"
    );
    let all = store.providers().await.expect("list");
    assert_eq!(all.len(), 1, "one provider registered");
    assert_eq!(
        all[0].config["path"], "/tmp/shop.db",
        "config JSON round-trips"
    );
    assert_eq!(all[0].created_at, now(), "timestamp round-trips");
    assert!(
        store.provider("nope").await.expect("query").is_none(),
        "unknown kind is None"
    );
}

#[tokio::test]
async fn newest_snapshot_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open");
    store
        .insert_provider(&provider("shop"), now())
        .await
        .expect("insert");
    assert_eq!(
        store.latest_snapshot_id("shop").await.expect("query"),
        None,
        "no snapshot yet"
    );
    for n in 1..=2 {
        let fingerprint = format!("sha256:{n}");
        store
            .insert_snapshot(&NewSnapshot {
                provider_kind: "shop",
                discovered_at: now(),
                fingerprint: &fingerprint,
                summary: "{}",
                diagnostics: "[]",
                schema_json: b"{}",
            })
            .await
            .expect("insert snapshot");
    }
    let latest = store
        .latest_snapshot("shop")
        .await
        .expect("query")
        .expect("has one");
    assert_eq!(
        latest.meta.fingerprint, "sha256:2",
        "the newest snapshot is returned"
    );
    let metas = store.latest_snapshot_metas().await.expect("query");
    assert_eq!(
        metas["shop"].id, latest.meta.id,
        "metas agree with latest_snapshot"
    );
}

#[tokio::test]
async fn committed_writes_survive_an_unclean_stop_and_readers_run_concurrently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let writer = Store::open(dir.path()).await.expect("open writer");
    writer
        .insert_provider(&provider("shop"), now())
        .await
        .expect("commit");
    // A second handle (as a second process would) sees the committed row while the first is
    // still open and never closed cleanly.
    let reader = Store::open(dir.path()).await.expect("open reader");
    let (a, b) = tokio::join!(reader.providers(), writer.providers());
    assert_eq!(
        a.expect("reader").len(),
        1,
        "reader sees the committed provider"
    );
    assert_eq!(b.expect("writer").len(), 1, "writer reads concurrently");
    assert!(
        dir.path().join("bindery.db-wal").exists(),
        "the database runs in WAL mode"
    );
}

#[tokio::test]
async fn api_keys_are_found_by_hash_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open");
    let key = ApiKeyRecord {
        id: "key_1".into(),
        prefix: "bindery_sk_ab".into(),
        secret_hash: "ff00".into(),
        scopes: vec!["integrations:read".into(), "agents:read".into()],
        label: Some("ci".into()),
        created_at: now(),
        revoked_at: None,
    };
    store.insert_api_key(&key).await.expect("insert key");
    let found = store
        .api_key_by_hash("ff00")
        .await
        .expect("query")
        .expect("found");
    assert_eq!(found, key, "the stored key round-trips");
    assert!(
        store
            .api_key_by_hash("00ff")
            .await
            .expect("query")
            .is_none(),
        "other hash: none"
    );
}

#[tokio::test]
async fn claim_meta_elects_one_winner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).await.expect("open");
    assert!(
        store.claim_meta("demo", "pending").await.expect("claim"),
        "first claim wins"
    );
    assert!(
        !store.claim_meta("demo", "pending").await.expect("claim"),
        "second claim loses"
    );
    store.set_meta("demo", "done").await.expect("set");
    assert_eq!(
        store.meta("demo").await.expect("get").as_deref(),
        Some("done"),
        "value updated"
    );
}
