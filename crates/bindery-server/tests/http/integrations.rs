//! The integration catalog and list, and connecting and discovering sources.

use std::sync::Arc;

use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{all_keys, array_of, count_of, make_shop_db, str_of, Answer, Server, DEMO};

// ---------------------------------------------------------------------------------------------
// Catalog and integrations
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn catalog_marks_sqlite_connected_because_of_the_demo() {
    let server = Server::start().await;
    let data = server
        .get("/api/v1/integrations/catalog", Some(&server.read_key))
        .await
        .ok("catalog");
    let entries = data.as_array().expect("the catalog is a list");
    assert!(!entries.is_empty(), "the catalog lists provider types");
    let sqlite = entries
        .iter()
        .find(|e| str_of(e, "kind") == "sqlite")
        .expect("the catalog has a sqlite entry");
    assert_eq!(
        sqlite.get("connected"),
        Some(&Value::Bool(true)),
        "the demo is a SQLite provider, so sqlite is connected: {sqlite}"
    );
    assert_eq!(
        sqlite.get("connectable"),
        Some(&Value::Bool(true)),
        "SQLite can be connected in this build: {sqlite}"
    );
    assert!(
        array_of(sqlite, "fields")
            .iter()
            .any(|f| str_of(f, "name") == "path"),
        "connecting SQLite asks for a path: {sqlite}"
    );
    for entry in entries {
        for key in ["kind", "displayName", "category", "authMode"] {
            assert!(
                entry.get(key).is_some_and(Value::is_string),
                "every catalog entry has a string {key}: {entry}"
            );
        }
        if entry.get("sourceKind").and_then(Value::as_str) != Some("sqlite") {
            assert_eq!(
                entry.get("connected"),
                Some(&Value::Bool(false)),
                "only sqlite is connected in a demo workspace: {entry}"
            );
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn integrations_list_the_discovered_demo_without_secrets() {
    let server = Server::start().await;
    let data = server
        .get("/api/v1/integrations", Some(&server.read_key))
        .await
        .ok("integrations");
    let list = data.as_array().expect("integrations is a list");
    let demo = list.first().expect("the demo is listed");
    assert_eq!(str_of(demo, "kind"), DEMO, "the demo comes first: {data}");
    assert_eq!(
        str_of(demo, "status"),
        "discovered",
        "the demo is discovered at seeding: {demo}"
    );
    assert_eq!(
        demo.get("demo"),
        Some(&Value::Bool(true)),
        "the demo is flagged: {demo}"
    );
    assert_eq!(str_of(demo, "sourceKind"), "sqlite", "the demo is SQLite");
    let summary = demo
        .get("summary")
        .expect("a discovered provider has a summary");
    for key in ["objectCount", "fieldCount", "edgeCount", "operationCount"] {
        let n = count_of(summary, key);
        assert!(
            n > 0 && n != u64::MAX,
            "the demo's {key} is a positive count: {summary}"
        );
    }
    assert!(
        !str_of(demo, "fingerprint").is_empty(),
        "a discovered provider has a fingerprint: {demo}"
    );
    assert!(
        demo.get("discoveredAt").is_some_and(Value::is_string),
        "a discovered provider has discoveredAt: {demo}"
    );

    let mut keys = Vec::new();
    all_keys(&data, &mut keys);
    for key in &keys {
        let lower = key.to_lowercase();
        for bad in [
            "secret",
            "password",
            "token",
            "credential",
            "apikey",
            "hash",
        ] {
            assert!(
                !lower.contains(bad),
                "GET /integrations exposes no secret-like field, found {key:?}"
            );
        }
    }
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Connect and discover
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn connect_then_discover_a_sqlite_file() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    let db = server.dir.path().join("shop.db");
    make_shop_db(&db).await;
    let body = json!({"sourceKind": "sqlite", "credentials": {"path": db}});

    let data = server
        .post("/api/v1/integrations/shop/connect", key, &body)
        .await
        .ok("connect shop");
    assert_eq!(
        data,
        json!({"kind": "shop", "status": "connected", "sourceKind": "sqlite"}),
        "connect answers the kind, its status and source kind"
    );

    let discovered = server
        .post("/api/v1/integrations/shop/discover", key, &json!({}))
        .await
        .ok("discover shop");
    assert_eq!(
        count_of(&discovered, "objectCount"),
        3,
        "shop has customers, orders and settings: {discovered}"
    );
    assert_eq!(
        count_of(&discovered, "edgeCount"),
        1,
        "orders.customer_id -> customers.id is the one edge: {discovered}"
    );
    assert_eq!(
        count_of(&discovered, "fieldCount"),
        8,
        "3 + 3 + 2 columns: {discovered}"
    );
    assert!(
        !str_of(&discovered, "fingerprint").is_empty(),
        "discover returns the schema fingerprint: {discovered}"
    );
    assert!(
        discovered.get("diagnostics").is_some_and(Value::is_array),
        "discover returns its diagnostics: {discovered}"
    );

    let list = server
        .get("/api/v1/integrations", key)
        .await
        .ok("integrations");
    let list = list.as_array().expect("integrations is a list");
    assert_eq!(
        list.iter().map(|i| str_of(i, "kind")).collect::<Vec<_>>(),
        vec![DEMO, "shop"],
        "the new provider is listed after the demo"
    );
    let shop = list.get(1).unwrap_or(&Value::Null);
    assert_eq!(
        str_of(shop, "status"),
        "discovered",
        "shop was discovered: {shop}"
    );
    assert_eq!(
        shop.get("summary").map(|s| count_of(s, "objectCount")),
        Some(3),
        "the list shows the shop's summary: {shop}"
    );
    assert_eq!(
        shop.get("demo"),
        Some(&Value::Bool(false)),
        "shop is not the demo"
    );

    // The discovered schema is browsable.
    let detail = server
        .get("/api/v1/integrations/shop/objects/customers", key)
        .await
        .ok("shop customers");
    assert!(
        array_of(&detail, "relationships")
            .iter()
            .any(|r| str_of(r, "direction") == "incoming" && str_of(r, "otherObject") == "orders"),
        "orders references customers: {detail}"
    );

    // Connecting the same kind again conflicts.
    server
        .post("/api/v1/integrations/shop/connect", key, &body)
        .await
        .problem(409, "provider_already_exists", "connect shop twice");
    // So does taking the demo's name.
    server
        .post(&format!("/api/v1/integrations/{DEMO}/connect"), key, &body)
        .await
        .problem(409, "provider_already_exists", "connect over the demo");
    server.stop().await;
}

#[tokio::test]
async fn rediscovery_serves_the_new_schema_not_a_cached_one() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    let db = server.dir.path().join("shop.db");
    make_shop_db(&db).await;
    server
        .post(
            "/api/v1/integrations/shop/connect",
            key,
            &json!({"sourceKind": "sqlite", "credentials": {"path": db}}),
        )
        .await
        .ok("connect shop");
    let first = server
        .post("/api/v1/integrations/shop/discover", key, &json!({}))
        .await
        .ok("first discover");
    // Warm the read cache.
    let page = server
        .get("/api/v1/integrations/shop/objects", key)
        .await
        .ok("objects before");
    assert_eq!(count_of(&page, "total"), 3, "three tables before: {page}");

    {
        use sqlx::sqlite::SqliteConnectOptions;
        use sqlx::{ConnectOptions, Connection, Executor};
        let mut conn = SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .expect("reopen the shop database");
        conn.execute("CREATE TABLE refunds (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id));")
            .await
            .expect("add a table");
        conn.close().await.expect("close the shop database");
    }
    let second = server
        .post("/api/v1/integrations/shop/discover", key, &json!({}))
        .await
        .ok("second discover");
    assert_eq!(
        count_of(&second, "objectCount"),
        4,
        "the new table is discovered: {second}"
    );
    assert_ne!(
        str_of(&first, "fingerprint"),
        str_of(&second, "fingerprint"),
        "a changed schema has a new fingerprint"
    );
    let page = server
        .get("/api/v1/integrations/shop/objects", key)
        .await
        .ok("objects after");
    assert_eq!(
        count_of(&page, "total"),
        4,
        "browsing serves the newest snapshot, not the cached one: {page}"
    );
    server
        .get("/api/v1/integrations/shop/objects/refunds", key)
        .await
        .ok("the new table is browsable");
    server.stop().await;
}

#[tokio::test]
async fn concurrent_connects_of_one_kind_register_it_once() {
    let server = Arc::new(Server::start().await);
    let db = server.dir.path().join("shop.db");
    make_shop_db(&db).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let server = server.clone();
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            server
                .post(
                    "/api/v1/integrations/shop/connect",
                    Some(&server.rw_key),
                    &json!({"sourceKind": "sqlite", "credentials": {"path": db}}),
                )
                .await
        }));
    }
    let mut created = 0;
    for task in tasks {
        let answer = task.await.expect("the request task does not panic");
        if answer.status == StatusCode::OK {
            created += 1;
        } else {
            answer.problem(
                409,
                "provider_already_exists",
                "a losing concurrent connect",
            );
        }
    }
    assert_eq!(created, 1, "exactly one of the concurrent connects wins");
    let server = Arc::into_inner(server).expect("every request task has finished");
    server.stop().await;
}

#[tokio::test]
async fn connect_rejects_bad_requests_with_stable_codes() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    let db = server.dir.path().join("shop.db");
    make_shop_db(&db).await;
    let missing = server.dir.path().join("missing.db");

    let cases: Vec<(&str, &str, Value, u16, &str)> = vec![
        (
            "a kind with capitals and a dash",
            "Shop-DB",
            json!({"sourceKind": "sqlite", "credentials": {"path": db}}),
            400,
            "validation_error",
        ),
        (
            "no credentials.path",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {}}),
            400,
            "validation_error",
        ),
        (
            "no credentials at all",
            "shop",
            json!({"sourceKind": "sqlite"}),
            400,
            "validation_error",
        ),
        (
            "an empty path",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": "  "}}),
            400,
            "validation_error",
        ),
        (
            "a non-string path",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": 42}}),
            400,
            "validation_error",
        ),
        (
            "a nonexistent file",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": missing}}),
            422,
            "source_not_found",
        ),
        (
            "a directory",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": server.dir.path()}}),
            422,
            "source_invalid",
        ),
        (
            "an unknown credential field",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": db, "password": "x"}}),
            400,
            "validation_error",
        ),
        (
            "an unknown top-level field",
            "shop",
            json!({"sourceKind": "sqlite", "credentials": {"path": db}, "extra": 1}),
            400,
            "validation_error",
        ),
        (
            "an unsupported source kind",
            "shop",
            json!({"sourceKind": "mssql", "credentials": {"path": db}}),
            422,
            "unsupported_source_kind",
        ),
        (
            "a database source with a file path",
            "shop",
            json!({"sourceKind": "postgres", "credentials": {"path": db}}),
            400,
            "validation_error",
        ),
        (
            "a database without TLS to another machine",
            "shop",
            json!({"sourceKind": "postgres", "credentials": {"host": "db.example.com", "database": "x", "user": "u", "sslmode": "disable"}}),
            400,
            "validation_error",
        ),
        (
            "no source kind on a kind that names none",
            "shop",
            json!({"credentials": {"path": db}}),
            400,
            "validation_error",
        ),
    ];
    for (what, kind, body, status, code) in cases {
        let answer = server
            .post(&format!("/api/v1/integrations/{kind}/connect"), key, &body)
            .await;
        answer.problem(status, code, what);
    }

    // Malformed JSON, a JSON array and a missing content type are validation errors too.
    for (what, content_type, raw) in [
        (
            "malformed JSON",
            Some("application/json"),
            "{\"sourceKind\": ",
        ),
        ("a JSON array", Some("application/json"), "[]"),
        ("no content type", None, "{\"sourceKind\": \"sqlite\"}"),
    ] {
        let mut request = server
            .client
            .post(format!("{}/api/v1/integrations/shop/connect", server.base))
            .bearer_auth(&server.rw_key)
            .body(raw);
        if let Some(ct) = content_type {
            request = request.header(CONTENT_TYPE, ct);
        }
        let answer = Answer::read(request.send().await.expect("the server answers")).await;
        answer.problem(400, "validation_error", what);
    }

    // None of the failures registered anything.
    let list = server
        .get("/api/v1/integrations", key)
        .await
        .ok("integrations");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "failed connects register nothing; only the demo is listed: {list}"
    );

    // The kind `sqlite` names its source kind, so sourceKind may be left out.
    server
        .post(
            "/api/v1/integrations/sqlite/connect",
            key,
            &json!({"credentials": {"path": db}}),
        )
        .await
        .ok("connect kind sqlite without sourceKind");
    server.stop().await;
}

#[tokio::test]
async fn discovering_a_text_file_is_source_invalid() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    let notes = server.dir.path().join("notes.txt");
    std::fs::write(&notes, "this is not a database\n".repeat(200)).expect("write a text file");
    server
        .post(
            "/api/v1/integrations/notes/connect",
            key,
            &json!({"sourceKind": "sqlite", "credentials": {"path": notes}}),
        )
        .await
        .ok("connecting an existing file succeeds; it is read at discover");
    server
        .post("/api/v1/integrations/notes/discover", key, &json!({}))
        .await
        .problem(422, "source_invalid", "discover a text file");
    // The failed discovery left no snapshot behind.
    server
        .get("/api/v1/integrations/notes/schema", key)
        .await
        .problem(
            404,
            "provider_not_discovered",
            "schema after a failed discover",
        );

    // A file that vanished after connect is source_not_found at discover.
    let db = server.dir.path().join("gone.db");
    make_shop_db(&db).await;
    server
        .post(
            "/api/v1/integrations/gone/connect",
            key,
            &json!({"sourceKind": "sqlite", "credentials": {"path": db}}),
        )
        .await
        .ok("connect gone");
    std::fs::remove_file(&db).expect("remove the database");
    server
        .post("/api/v1/integrations/gone/discover", key, &json!({}))
        .await
        .problem(422, "source_not_found", "discover a deleted file");
    server.stop().await;
}
