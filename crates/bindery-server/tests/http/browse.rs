//! Browsing a discovered provider: schema, objects, one object, operations; and the answers
//! for unknown and undiscovered providers.

use std::collections::{BTreeSet, HashSet};

use serde_json::{json, Value};

use crate::support::{array_of, count_of, make_shop_db, str_of, Server, DEMO};

// ---------------------------------------------------------------------------------------------
// Schema, objects, operations
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn schema_summary_matches_its_parts_and_is_stable() {
    let server = Server::start().await;
    let path = "/api/v1/integrations/demo_fieldservice/schema";
    let first = server.get(path, Some(&server.read_key)).await;
    let schema = first.ok("schema");
    let objects = array_of(&schema, "objects");
    let edges = array_of(&schema, "edges");
    let operations = array_of(&schema, "operations");
    let fields: usize = objects.iter().map(|o| array_of(o, "fields").len()).sum();
    let summary = schema.get("summary").expect("the schema has a summary");
    assert!(!objects.is_empty(), "the demo schema has objects");
    assert_eq!(
        count_of(summary, "objectCount"),
        objects.len() as u64,
        "objectCount is the number of objects"
    );
    assert_eq!(
        count_of(summary, "edgeCount"),
        edges.len() as u64,
        "edgeCount is the number of edges"
    );
    assert_eq!(
        count_of(summary, "operationCount"),
        operations.len() as u64,
        "operationCount is the number of operations"
    );
    assert_eq!(
        count_of(summary, "fieldCount"),
        fields as u64,
        "fieldCount is the sum of every object's fields"
    );

    let second = server.get(path, Some(&server.read_key)).await;
    assert!(
        first.text == second.text,
        "the schema JSON is byte-identical across calls (first {} bytes, second {} bytes)",
        first.text.len(),
        second.text.len()
    );

    // The list's summary agrees with the schema's.
    let list = server
        .get("/api/v1/integrations", Some(&server.read_key))
        .await
        .ok("integrations");
    let demo = list
        .as_array()
        .and_then(|l| l.iter().find(|i| str_of(i, "kind") == DEMO))
        .expect("the demo is listed");
    assert_eq!(
        demo.get("summary"),
        Some(summary),
        "GET /integrations reports the same summary as the schema"
    );
    server.stop().await;
}

#[tokio::test]
async fn objects_page_through_every_object_exactly_once() {
    let server = Server::start().await;
    let key = Some(server.read_key.as_str());
    let schema = server
        .get("/api/v1/integrations/demo_fieldservice/schema", key)
        .await
        .ok("schema");
    let expected: BTreeSet<String> = array_of(&schema, "objects")
        .iter()
        .map(|o| str_of(o, "name").to_owned())
        .collect();

    let mut seen: Vec<String> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            None => "/api/v1/integrations/demo_fieldservice/objects?limit=5".to_owned(),
            Some(c) => format!("/api/v1/integrations/demo_fieldservice/objects?limit=5&cursor={c}"),
        };
        let page = server.get(&path, key).await.ok("objects page");
        pages += 1;
        assert!(pages <= 100, "paging terminates");
        let items = array_of(&page, "items");
        assert!(items.len() <= 5, "a page holds at most limit items: {page}");
        assert_eq!(
            count_of(&page, "total"),
            expected.len() as u64,
            "total counts every object on every page"
        );
        for item in items {
            seen.push(str_of(item, "name").to_owned());
            for key in ["fieldCount", "relationshipCount", "operationCount"] {
                assert!(
                    item.get(key).is_some_and(Value::is_u64),
                    "every hit carries {key}: {item}"
                );
            }
        }
        let has_more = page.get("hasMore").and_then(Value::as_bool);
        cursor = page
            .get("nextCursor")
            .and_then(Value::as_str)
            .map(str::to_owned);
        assert_eq!(
            has_more,
            Some(cursor.is_some()),
            "hasMore is true exactly when there is a nextCursor: {page}"
        );
        if cursor.is_none() {
            assert_eq!(
                items.len(),
                expected.len() - (pages - 1) * 5,
                "the last page holds the rest"
            );
            break;
        }
        assert_eq!(items.len(), 5, "a page before the last is full");
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        seen.len(),
        "no object appears on two pages: {seen:?}"
    );
    assert_eq!(unique, expected, "paging visits every object of the schema");
    server.stop().await;
}

#[tokio::test]
async fn objects_search_and_bad_paging_parameters() {
    let server = Server::start().await;
    let key = Some(server.read_key.as_str());
    let page = server
        .get(
            "/api/v1/integrations/demo_fieldservice/objects?q=phone",
            key,
        )
        .await
        .ok("search for phone");
    let items = array_of(&page, "items");
    for name in ["customers", "technicians"] {
        let hit = items
            .iter()
            .find(|i| str_of(i, "name") == name)
            .unwrap_or(&Value::Null);
        assert!(hit.is_object(), "q=phone finds {name}: {page}");
        assert!(
            array_of(hit, "matchedFields")
                .iter()
                .any(|f| f.as_str() == Some("phone")),
            "{name} matched by its phone field, which is listed in matchedFields: {hit}"
        );
    }
    assert_eq!(
        count_of(&page, "total"),
        items.len() as u64,
        "a one-page search reports its total"
    );

    for query in [
        "limit=0",
        "limit=501",
        "limit=-1",
        "limit=abc",
        "cursor=garbage",
        "cursor=o",
        "cursor=ox",
    ] {
        let path = format!("/api/v1/integrations/demo_fieldservice/objects?{query}");
        let body = server
            .get(&path, key)
            .await
            .problem(400, "validation_error", query);
        assert!(
            !str_of(&body, "detail").is_empty(),
            "{query}: the problem says what is wrong"
        );
    }
    // The bounds themselves are accepted.
    for query in ["limit=1", "limit=500"] {
        server
            .get(
                &format!("/api/v1/integrations/demo_fieldservice/objects?{query}"),
                key,
            )
            .await
            .ok(query);
    }
    server.stop().await;
}

#[tokio::test]
async fn object_detail_has_relationships_both_ways_and_its_operations() {
    let server = Server::start().await;
    let key = Some(server.read_key.as_str());
    let detail = server
        .get(
            "/api/v1/integrations/demo_fieldservice/objects/customers",
            key,
        )
        .await
        .ok("customers");
    assert_eq!(
        detail.pointer("/object/name").and_then(Value::as_str),
        Some("customers"),
        "the detail is of the object asked for"
    );
    assert!(
        !array_of(detail.get("object").unwrap_or(&Value::Null), "fields").is_empty(),
        "the object comes with its fields"
    );
    let relationships = array_of(&detail, "relationships");
    let incoming: HashSet<&str> = relationships
        .iter()
        .filter(|r| str_of(r, "direction") == "incoming")
        .map(|r| str_of(r, "otherObject"))
        .collect();
    for other in ["properties", "jobs", "invoices"] {
        assert!(
            incoming.contains(other),
            "{other} references customers, so customers lists it as incoming: {incoming:?}"
        );
    }
    for r in relationships {
        assert!(
            matches!(str_of(r, "direction"), "incoming" | "outgoing"),
            "each relationship has a direction: {r}"
        );
        if str_of(r, "direction") == "outgoing" {
            assert_ne!(
                str_of(r, "otherObject"),
                "",
                "an outgoing relationship names its target: {r}"
            );
        }
    }
    // Outgoing come first.
    let directions: Vec<&str> = relationships
        .iter()
        .map(|r| str_of(r, "direction"))
        .collect();
    let mut sorted = directions.clone();
    sorted.sort_by_key(|d| *d == "incoming");
    assert_eq!(
        directions, sorted,
        "outgoing relationships are listed first"
    );

    let operations = array_of(&detail, "operations");
    assert!(
        operations
            .iter()
            .any(|o| str_of(o, "id") == "sql:select:customers.by_phone"),
        "customers can be looked up by phone: {operations:?}"
    );
    for op in operations {
        assert_eq!(
            str_of(op, "object"),
            "customers",
            "the detail lists only the object's own operations: {op}"
        );
    }

    let body = server
        .get(
            "/api/v1/integrations/demo_fieldservice/objects/no_such",
            key,
        )
        .await
        .problem(404, "object_not_found", "unknown object");
    assert!(
        str_of(&body, "detail").contains("no_such"),
        "the detail names the missing object: {body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn operations_list_and_filter_by_object() {
    let server = Server::start().await;
    let key = Some(server.read_key.as_str());
    let all = server
        .get("/api/v1/integrations/demo_fieldservice/operations", key)
        .await
        .ok("operations");
    let all = all.as_array().expect("operations is a list");
    assert!(!all.is_empty(), "the demo has operations");
    let jobs = server
        .get(
            "/api/v1/integrations/demo_fieldservice/operations?object=jobs",
            key,
        )
        .await
        .ok("operations of jobs");
    let jobs = jobs.as_array().expect("operations of jobs is a list");
    assert!(!jobs.is_empty(), "jobs has operations");
    for op in jobs {
        assert_eq!(
            str_of(op, "object"),
            "jobs",
            "the filter keeps only jobs: {op}"
        );
    }
    let expected = all
        .iter()
        .filter(|op| str_of(op, "object") == "jobs")
        .count();
    assert_eq!(
        jobs.len(),
        expected,
        "the filter keeps every operation of jobs"
    );
    server
        .get(
            "/api/v1/integrations/demo_fieldservice/operations?object=nope",
            key,
        )
        .await
        .problem(404, "object_not_found", "operations of an unknown object");
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Unknown and undiscovered providers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_provider_is_404_on_every_provider_route() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    for path in [
        "/api/v1/integrations/nope/schema",
        "/api/v1/integrations/nope/objects",
        "/api/v1/integrations/nope/objects?q=x",
        "/api/v1/integrations/nope/objects/customers",
        "/api/v1/integrations/nope/operations",
        "/api/v1/integrations/nope/operations?object=jobs",
    ] {
        server
            .get(path, key)
            .await
            .problem(404, "provider_not_found", path);
    }
    server
        .post("/api/v1/integrations/nope/discover", key, &json!({}))
        .await
        .problem(404, "provider_not_found", "discover of an unknown provider");
    server.stop().await;
}

#[tokio::test]
async fn connected_but_undiscovered_provider_is_not_discovered_not_500() {
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
    for path in [
        "/api/v1/integrations/shop/schema",
        "/api/v1/integrations/shop/objects",
        "/api/v1/integrations/shop/objects/customers",
        "/api/v1/integrations/shop/operations",
        "/api/v1/integrations/shop/operations?object=customers",
    ] {
        server
            .get(path, key)
            .await
            .problem(404, "provider_not_discovered", path);
    }
    let list = server
        .get("/api/v1/integrations", key)
        .await
        .ok("integrations");
    let shop = list
        .as_array()
        .and_then(|l| l.iter().find(|i| str_of(i, "kind") == "shop"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(
        str_of(&shop, "status"),
        "connected",
        "an undiscovered provider is listed as connected: {list}"
    );
    assert!(
        shop.get("summary").is_none_or(Value::is_null),
        "an undiscovered provider has no summary: {shop}"
    );
    server.stop().await;
}
