//! The relationship graph, paths and the binding preview over HTTP: shapes, status codes and
//! scopes, on the demo field-service database.

use bindery_api::Scope;
use serde_json::{json, Value};

use crate::support::{array_of, str_of, Server, DEMO};

fn graph_url(query: &str) -> String {
    format!("/api/v1/integrations/{DEMO}/graph?{query}")
}

fn paths_url(query: &str) -> String {
    format!("/api/v1/integrations/{DEMO}/paths?{query}")
}

#[tokio::test]
async fn the_graph_answers_nodes_and_edges_to_a_read_key() {
    let server = Server::start().await;
    let read = Some(server.read_key.as_str());
    let data = server
        .get(&graph_url("focus=customers&depth=1&limit=60"), read)
        .await
        .ok("graph around customers");
    assert_eq!(str_of(&data, "focus"), "customers");
    assert_eq!(data["truncated"], json!(false));
    let nodes = array_of(&data, "nodes");
    assert_eq!(
        nodes[0],
        json!({
            "name": "customers",
            "kind": "table",
            "fieldCount": nodes[0]["fieldCount"],
            "piiFields": nodes[0]["piiFields"],
            "distance": 0
        }),
        "exactly the contract's node fields"
    );
    let names: Vec<&str> = nodes.iter().map(|n| str_of(n, "name")).collect();
    assert_eq!(names, ["customers", "invoices", "jobs", "properties"]);
    let edge = array_of(&data, "edges")
        .iter()
        .find(|e| e["from"] == "jobs" && e["to"] == "customers")
        .cloned()
        .expect("jobs -> customers");
    assert_eq!(
        edge,
        json!({
            "from": "jobs", "to": "customers", "fromFields": ["customer_id"], "toFields": ["id"],
            "cardinality": "one", "source": "foreignKey", "joinable": true, "name": edge["name"]
        })
    );

    // Defaults: depth 1, limit 60.
    let default = server
        .get(&graph_url("focus=customers"), read)
        .await
        .ok("defaults");
    assert_eq!(default, data, "the defaults are depth 1 and limit 60");
    let cut = server
        .get(&graph_url("focus=customers&depth=3&limit=2"), read)
        .await
        .ok("a small limit");
    assert_eq!(array_of(&cut, "nodes").len(), 2);
    assert_eq!(cut["truncated"], json!(true));
    server.stop().await;
}

#[tokio::test]
async fn the_graph_and_paths_refuse_bad_queries_and_unknown_names() {
    let server = Server::start().await;
    let read = Some(server.read_key.as_str());
    for query in [
        "",
        "focus=customers&depth=0",
        "focus=customers&depth=4",
        "focus=customers&depth=abc",
        "focus=customers&limit=0",
        "focus=customers&limit=201",
    ] {
        server.get(&graph_url(query), read).await.problem(
            400,
            "validation_error",
            &format!("graph?{query}"),
        );
    }
    for query in [
        "from=customers",
        "to=jobs",
        "from=customers&to=jobs&maxHops=7",
        "from=customers&to=jobs&max=0",
    ] {
        server.get(&paths_url(query), read).await.problem(
            400,
            "validation_error",
            &format!("paths?{query}"),
        );
    }
    server.get(&graph_url("focus=nope"), read).await.problem(
        404,
        "object_not_found",
        "an unknown focus",
    );
    server
        .get(&paths_url("from=customers&to=nope"), read)
        .await
        .problem(404, "object_not_found", "an unknown end");
    server
        .get("/api/v1/integrations/nope/graph?focus=customers", read)
        .await
        .problem(404, "provider_not_found", "an unknown provider");
    server
        .get("/api/v1/integrations/nope/paths?from=a&to=b", read)
        .await
        .problem(404, "provider_not_found", "an unknown provider");
    server
        .get(&graph_url("focus=customers"), None)
        .await
        .problem(401, "unauthorized", "graph without a key");
    server
        .get(&graph_url("focus=customers"), Some(&server.write_key))
        .await
        .problem(403, "insufficient_scope", "graph with a write-only key");
    server
        .get(
            &paths_url("from=customers&to=jobs"),
            Some(&server.write_key),
        )
        .await
        .problem(403, "insufficient_scope", "paths with a write-only key");
    server.stop().await;
}

#[tokio::test]
async fn paths_walk_from_customers_to_appointments() {
    let server = Server::start().await;
    let read = Some(server.read_key.as_str());
    let data = server
        .get(
            &paths_url("from=customers&to=appointments&maxHops=3&max=5"),
            read,
        )
        .await
        .ok("paths");
    assert_eq!(
        (str_of(&data, "from"), str_of(&data, "to")),
        ("customers", "appointments")
    );
    let paths = array_of(&data, "paths");
    let objects: Vec<Value> = paths.iter().map(|p| p["objects"].clone()).collect();
    assert_eq!(
        objects,
        [
            json!(["customers", "jobs", "appointments"]),
            json!(["customers", "invoices", "jobs", "appointments"]),
            json!(["customers", "properties", "jobs", "appointments"]),
        ]
    );
    assert_eq!(
        paths[2]["hops"][0],
        json!({"from": "customers", "to": "properties", "fromFields": ["id"],
               "toFields": ["customer_id"], "direction": "backward", "joinable": true})
    );
    let back = server
        .get(&paths_url("from=jobs&to=customers&max=1"), read)
        .await
        .ok("one path back");
    assert_eq!(
        back["paths"][0]["hops"][0]["direction"],
        json!("forward"),
        "jobs references customers: forward"
    );
    let none = server
        .get(&paths_url("from=customers&to=appointments&maxHops=1"), read)
        .await
        .ok("not connected within one hop");
    assert_eq!(none["paths"], json!([]), "200 with no paths");
    server.stop().await;
}

#[tokio::test]
async fn a_binding_preview_validates_and_compiles_without_saving() {
    let server = Server::start().await;
    let key = server
        .api
        .create_api_key(
            &[Scope::AgentsRead, Scope::AgentsWrite, Scope::SkillsWrite],
            Some("skills".to_owned()),
        )
        .await
        .expect("a skills key")
        .key;
    let key = Some(key.as_str());
    let agent = server
        .post("/api/v1/agents", key, &json!({"name": "Front desk"}))
        .await;
    let agent = str_of(&agent.json()["data"], "id").to_owned();
    let preview = format!("/api/v1/agents/{agent}/integrations/{DEMO}/bindings/preview");
    let lookup = json!({
        "toolName": "Look up the caller",
        "description": "Find the calling customer by the phone number they call from.",
        "operation": "sql:select:customers.by_phone",
        "sqlSearch": {"column": "phone", "param": "caller_phone"},
        "projection": [{"path": ["id"], "leaf": "customer_id"}]
    });
    let valid = server
        .post(&preview, key, &lookup)
        .await
        .ok("a valid preview");
    assert_eq!(valid["valid"], json!(true));
    assert!(valid["diagnostics"].is_array());
    assert!(
        str_of(&valid["skill"], "contentHash").starts_with("sha256:"),
        "{valid}"
    );
    let skills = format!("/api/v1/agents/{agent}/skills");
    let listed = server.get(&skills, key).await.ok("skills");
    assert_eq!(listed, json!([]), "a preview saves nothing");

    let saved = server
        .post(
            &format!("/api/v1/agents/{agent}/integrations/{DEMO}/bindings"),
            key,
            &lookup,
        )
        .await;
    let saved = saved.json()["data"].clone();
    assert_eq!(saved["skill"], valid["skill"], "the skill bind then saves");
    let taken = server.post(&preview, key, &lookup).await.ok("a duplicate");
    assert_eq!(taken["valid"], json!(false));
    assert_eq!(taken["skill"], Value::Null);
    let codes: Vec<&str> = array_of(&taken, "diagnostics")
        .iter()
        .map(|d| str_of(d, "code"))
        .collect();
    assert!(codes.contains(&"binding/duplicate-tool-name"), "{codes:?}");
    let edit = server
        .post(
            &format!("{preview}?skillId={}", str_of(&saved, "id")),
            key,
            &lookup,
        )
        .await
        .ok("an edit of the saved skill");
    assert_eq!(edit["valid"], json!(true), "its own name is not taken");

    let mut unknown = lookup.clone();
    unknown["toolName"] = json!("Other");
    unknown["operation"] = json!("sql:select:customers.by_nothing");
    let invalid = server.post(&preview, key, &unknown).await.ok("invalid");
    assert_eq!(invalid["valid"], json!(false));
    assert!(array_of(&invalid, "diagnostics")
        .iter()
        .any(|d| d["code"] == "binding/unknown-operation"));
    server
        .post(&preview, key, &json!({"operation": "x"}))
        .await
        .problem(400, "validation_error", "not a binding");
    server
        .post(
            &format!("/api/v1/agents/agt_nope/integrations/{DEMO}/bindings/preview"),
            key,
            &lookup,
        )
        .await
        .problem(404, "agent_not_found", "an unknown agent");
    server
        .post(&preview, Some(&server.rw_key), &lookup)
        .await
        .problem(403, "insufficient_scope", "an integrations key");
    let listed = server.get(&skills, key).await.ok("skills");
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "only bind saved");
    server.stop().await;
}
