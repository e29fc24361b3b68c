//! The relationship graph, paths and the binding preview through the application API, on the
//! demo field-service SQLite workspace (customers <- properties <- jobs <- appointments, ...).

use bindery_api::{Bindery, ErrorCode, GraphQuery, OpenOptions, PathsQuery};
use serde_json::{json, Value};

const DEMO: &str = "demo_fieldservice";

async fn workspace() -> (tempfile::TempDir, Bindery) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = Bindery::open(dir.path(), OpenOptions::default())
        .await
        .expect("the workspace opens with the discovered demo");
    (dir, api)
}

fn graph_query(focus: &str, depth: Option<usize>, limit: Option<usize>) -> GraphQuery {
    GraphQuery {
        focus: Some(focus.to_owned()),
        depth,
        limit,
    }
}

fn paths_query(from: &str, to: &str, max_hops: Option<usize>, max: Option<usize>) -> PathsQuery {
    PathsQuery {
        from: Some(from.to_owned()),
        to: Some(to.to_owned()),
        max_hops,
        max,
    }
}

#[tokio::test]
async fn the_graph_around_customers_is_its_direct_neighbours_and_their_edges() {
    let (_dir, api) = workspace().await;
    let graph = api
        .graph(DEMO, &graph_query("customers", None, None))
        .await
        .expect("customers is in the demo");
    let json = serde_json::to_value(&graph).expect("serializes");
    assert_eq!(json["focus"], "customers");
    assert_eq!(json["truncated"], false);
    let nodes: Vec<(&str, u64)> = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap_or(""),
                n["distance"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            ("customers", 0),
            ("invoices", 1),
            ("jobs", 1),
            ("properties", 1)
        ],
        "the focus, then the tables referencing it, by name"
    );
    let customers = &json["nodes"][0];
    assert_eq!(customers["kind"], "table");
    assert!(customers["fieldCount"].as_u64().unwrap_or(0) > 3);
    assert!(
        customers["piiFields"].as_u64().unwrap_or(0) >= 2,
        "phone and e-mail at least: {customers}"
    );
    let edges = json["edges"].as_array().expect("edges");
    let names: Vec<&str> = ["customers", "invoices", "jobs", "properties"].to_vec();
    assert!(
        edges.iter().all(|e| {
            names.contains(&e["from"].as_str().unwrap_or(""))
                && names.contains(&e["to"].as_str().unwrap_or(""))
        }),
        "edges only between returned nodes: {edges:#?}"
    );
    let jobs_customer = edges
        .iter()
        .find(|e| e["from"] == "jobs" && e["to"] == "customers")
        .expect("jobs.customer_id references customers");
    assert_eq!(jobs_customer["fromFields"], json!(["customer_id"]));
    assert_eq!(jobs_customer["toFields"], json!(["id"]));
    assert_eq!(jobs_customer["cardinality"], "one");
    assert_eq!(jobs_customer["source"], "foreignKey");
    assert_eq!(jobs_customer["joinable"], true);
    assert!(
        jobs_customer.get("name").is_some(),
        "name is always present"
    );
    assert!(edges
        .iter()
        .any(|e| e["from"] == "jobs" && e["to"] == "properties"));

    let wide = api
        .graph(DEMO, &graph_query("customers", Some(3), Some(5)))
        .await
        .expect("ok");
    assert_eq!(wide.nodes.len(), 5);
    assert!(
        wide.truncated,
        "the demo has more than 5 tables within 3 hops"
    );
}

#[tokio::test]
async fn graph_and_paths_check_their_query() {
    let (_dir, api) = workspace().await;
    for query in [
        GraphQuery::default(),
        graph_query("customers", Some(0), None),
        graph_query("customers", Some(4), None),
        graph_query("customers", None, Some(0)),
        graph_query("customers", None, Some(201)),
    ] {
        let error = api.graph(DEMO, &query).await.expect_err("out of range");
        assert_eq!(error.code, ErrorCode::ValidationError, "{query:?}: {error}");
        assert_eq!(error.status, 400);
    }
    for query in [
        PathsQuery::default(),
        paths_query("customers", "jobs", Some(0), None),
        paths_query("customers", "jobs", Some(7), None),
        paths_query("customers", "jobs", None, Some(21)),
    ] {
        let error = api.paths(DEMO, &query).await.expect_err("out of range");
        assert_eq!(error.code, ErrorCode::ValidationError, "{query:?}: {error}");
    }
    let unknown = api
        .graph(DEMO, &graph_query("nope", None, None))
        .await
        .expect_err("no such table");
    assert_eq!(unknown.code, ErrorCode::ObjectNotFound, "{unknown}");
    assert_eq!(unknown.status, 404);
    for (from, to) in [("nope", "jobs"), ("jobs", "nope")] {
        let error = api
            .paths(DEMO, &paths_query(from, to, None, None))
            .await
            .expect_err("no such table");
        assert_eq!(error.code, ErrorCode::ObjectNotFound, "{error}");
    }
    let provider = api
        .graph("nope", &graph_query("customers", None, None))
        .await
        .expect_err("no such provider");
    assert_eq!(provider.code, ErrorCode::ProviderNotFound, "{provider}");
}

#[tokio::test]
async fn paths_from_customers_to_appointments_go_through_jobs() {
    let (_dir, api) = workspace().await;
    let found = api
        .paths(DEMO, &paths_query("customers", "appointments", None, None))
        .await
        .expect("both exist");
    let json = serde_json::to_value(&found).expect("serializes");
    assert_eq!(
        (json["from"].as_str(), json["to"].as_str()),
        (Some("customers"), Some("appointments"))
    );
    let objects: Vec<Vec<&str>> = found
        .paths
        .iter()
        .map(|p| p.objects.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        objects,
        [
            vec!["customers", "jobs", "appointments"],
            vec!["customers", "invoices", "jobs", "appointments"],
            vec!["customers", "properties", "jobs", "appointments"],
            vec![
                "customers",
                "jobs",
                "service_types",
                "technician_skills",
                "appointments"
            ],
        ],
        "every simple path of at most 4 hops, shortest first, then by name"
    );
    assert!(found
        .paths
        .windows(2)
        .all(|w| w[0].hops.len() <= w[1].hops.len()));
    let first = &json["paths"][0]["hops"];
    assert_eq!(
        first,
        &json!([
            {"from": "customers", "to": "jobs", "fromFields": ["id"], "toFields": ["customer_id"],
             "direction": "backward", "joinable": true},
            {"from": "jobs", "to": "appointments", "fromFields": ["id"], "toFields": ["job_id"],
             "direction": "backward", "joinable": true}
        ])
    );
    let back = api
        .paths(
            DEMO,
            &paths_query("appointments", "customers", Some(2), Some(1)),
        )
        .await
        .expect("ok");
    assert_eq!(back.paths.len(), 1);
    assert_eq!(back.paths[0].objects, ["appointments", "jobs", "customers"]);
    let one_hop = api
        .paths(
            DEMO,
            &paths_query("customers", "appointments", Some(1), None),
        )
        .await
        .expect("ok");
    assert!(
        one_hop.paths.is_empty(),
        "not connected within one hop: 200 with no paths"
    );
}

#[tokio::test]
async fn the_graph_follows_the_scoping() {
    let (_dir, api) = workspace().await;
    api.set_scoping(
        DEMO,
        bindery_api::schema::Scoping {
            blocked_tables: ["jobs".to_owned()].into(),
            blocked_columns: Default::default(),
        },
    )
    .await
    .expect("block jobs");
    let error = api
        .graph(DEMO, &graph_query("jobs", None, None))
        .await
        .expect_err("a blocked table is not in the graph");
    assert_eq!(error.code, ErrorCode::ObjectNotFound, "{error}");
    let around = api
        .graph(DEMO, &graph_query("customers", None, None))
        .await
        .expect("ok");
    assert!(around.nodes.iter().all(|n| n.name != "jobs"));
    let found = api
        .paths(DEMO, &paths_query("customers", "appointments", None, None))
        .await
        .expect("ok");
    assert!(
        found
            .paths
            .iter()
            .all(|p| !p.objects.contains(&"jobs".to_owned())),
        "no path crosses a blocked table"
    );
}

fn lookup() -> Value {
    json!({
        "toolName": "Look up the caller",
        "description": "Find the calling customer by the phone number they call from.",
        "operation": "sql:select:customers.by_phone",
        "sqlSearch": {"column": "phone", "param": "caller_phone"},
        "projection": [
            {"path": ["id"], "leaf": "customer_id"},
            {"path": ["first_name"], "leaf": "customer_first_name"},
            {"path": ["email"], "leaf": "customer_email"}
        ]
    })
}

#[tokio::test]
async fn a_preview_compiles_what_bind_would_save_and_saves_nothing() {
    let (_dir, api) = workspace().await;
    let agent = api
        .create_agent(json!({"name": "Front desk"}))
        .await
        .expect("agent");
    let preview = api
        .preview_binding(&agent.id, DEMO, lookup(), None)
        .await
        .expect("a preview is an answer");
    assert!(preview.valid, "{preview:?}");
    assert!(
        api.list_skills(&agent.id).await.expect("skills").is_empty(),
        "a preview saves nothing"
    );
    let previewed = serde_json::to_value(&preview).expect("serializes");
    let saved = api.bind(&agent.id, DEMO, lookup()).await.expect("binds");
    assert_eq!(previewed["skill"], saved.skill, "the skill bind saves");
    assert_eq!(
        previewed["diagnostics"], saved.diagnostics,
        "the same warnings"
    );

    // The same binding again: its tool name is taken, a diagnostic rather than a 409.
    let taken = api
        .preview_binding(&agent.id, DEMO, lookup(), None)
        .await
        .expect("a duplicate is an answer");
    let codes: Vec<&str> = taken.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"binding/duplicate-tool-name"), "{codes:?}");
    let taken = serde_json::to_value(&taken).expect("serializes");
    assert_eq!(taken["valid"], false);
    assert_eq!(taken["skill"], Value::Null, "skill is null, not absent");
    // Editing that skill: its own name is not taken.
    let edit = api
        .preview_binding(&agent.id, DEMO, lookup(), Some(&saved.id))
        .await
        .expect("an edit preview");
    assert!(edit.valid, "{edit:?}");

    let mut invalid = lookup();
    invalid["toolName"] = json!("Something else");
    invalid["operation"] = json!("sql:select:customers.by_nothing");
    let invalid = api
        .preview_binding(&agent.id, DEMO, invalid, None)
        .await
        .expect("an invalid binding is an answer");
    assert!(!invalid.valid && invalid.skill.is_none());
    assert!(
        invalid
            .diagnostics
            .iter()
            .any(|d| d.code == "binding/unknown-operation"),
        "{:?}",
        invalid.diagnostics
    );
    assert_eq!(
        api.list_skills(&agent.id).await.expect("skills").len(),
        1,
        "previews saved nothing"
    );

    let malformed = api
        .preview_binding(&agent.id, DEMO, json!({"operation": "x"}), None)
        .await
        .expect_err("not a binding");
    assert_eq!(malformed.code, ErrorCode::ValidationError, "{malformed}");
    assert_eq!(malformed.errors[0].field, "toolName");
    let unknown = api
        .preview_binding("agt_nope", DEMO, lookup(), None)
        .await
        .expect_err("unknown agent");
    assert_eq!(unknown.code, ErrorCode::AgentNotFound);
    let unknown = api
        .preview_binding(&agent.id, DEMO, lookup(), Some("skl_nope"))
        .await
        .expect_err("unknown skill");
    assert_eq!(unknown.code, ErrorCode::SkillNotFound);
    let provider = api
        .preview_binding(&agent.id, "nope", lookup(), None)
        .await
        .expect_err("unknown provider");
    assert_eq!(provider.code, ErrorCode::ProviderNotFound);
}
