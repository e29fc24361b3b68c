//! Routing: unknown routes and wrong methods, the `/api/*` reservation, and the OpenAPI
//! document checked against the routes the router serves.

use std::collections::BTreeSet;

use bindery_api::Scope;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{str_of, Server, DEMO};

/// Every route the router serves under `/api/v1`, as (method, OpenAPI path). Kept by hand on
/// purpose: the OpenAPI test checks this list against the document both ways, and against the
/// running router.
const ROUTES: &[(&str, &str)] = &[
    ("GET", "/openapi.json"),
    ("GET", "/integrations/catalog"),
    ("GET", "/integrations"),
    ("POST", "/integrations/{kind}/connect"),
    ("POST", "/integrations/{kind}/discover"),
    ("GET", "/integrations/{kind}/schema"),
    ("GET", "/integrations/{kind}/objects"),
    ("GET", "/integrations/{kind}/objects/{object}"),
    ("GET", "/integrations/{kind}/operations"),
    ("GET", "/integrations/{kind}/subscriptions"),
    ("GET", "/integrations/{kind}/scoping"),
    ("PATCH", "/integrations/{kind}/scoping"),
    ("GET", "/integrations/{kind}/sql/scripts"),
    ("POST", "/integrations/{kind}/sql/test"),
    ("DELETE", "/integrations/{kind}"),
    ("POST", "/integrations/{kind}/connect/complete"),
    ("DELETE", "/integrations/{kind}/connect"),
    ("GET", "/integrations/{kind}/health"),
    ("GET", "/vault"),
    ("PUT", "/vault"),
    ("GET", "/integrations/{kind}/drift"),
    ("GET", "/integrations/{kind}/graph"),
    ("GET", "/integrations/{kind}/paths"),
    ("GET", "/agents"),
    ("POST", "/agents"),
    ("GET", "/agents/{id}"),
    ("POST", "/agents/{agentId}/integrations/{kind}/bindings"),
    (
        "POST",
        "/agents/{agentId}/integrations/{kind}/bindings/preview",
    ),
    ("GET", "/agents/{agentId}/skills"),
    ("GET", "/agents/{agentId}/skills/{skillId}"),
    ("PUT", "/agents/{agentId}/skills/{skillId}"),
    ("PATCH", "/agents/{agentId}/skills/{skillId}"),
    ("DELETE", "/agents/{agentId}/skills/{skillId}"),
    ("POST", "/agents/{agentId}/skills/{skillId}/approve"),
    ("POST", "/agents/{agentId}/skills/{skillId}/enable"),
    ("POST", "/agents/{agentId}/skills/{skillId}/try"),
    ("POST", "/agents/{id}/publish"),
    ("GET", "/agents/{id}/versions"),
    ("GET", "/agents/{id}/versions/{versionId}/diff"),
];

fn concrete(path: &str, kind: &str) -> String {
    format!(
        "/api/v1{}",
        path.replace("{kind}", kind)
            .replace("{object}", "customers")
            .replace("{agentId}", "agt_unknown")
            .replace("{id}", "agt_unknown")
            .replace("{skillId}", "skl_unknown")
            .replace("{versionId}", "1")
    )
}

#[tokio::test]
async fn unknown_routes_and_methods_are_route_not_found_problems() {
    let server = Server::start().await;
    let key = Some(server.rw_key.as_str());
    for path in [
        "/api/v1/nope",
        "/api/v1/integrations/demo_fieldservice/objects/customers/extra",
        "/api/v1/integrations/demo_fieldservice/nope",
        "/api",
    ] {
        for k in [None, key] {
            let body = server
                .get(path, k)
                .await
                .problem(404, "route_not_found", path);
            if path.starts_with("/api/v1/") {
                assert_eq!(
                    str_of(&body, "instance"),
                    path,
                    "a route_not_found problem names the full path"
                );
            }
        }
    }

    // Wrong methods on real routes.
    for (method, path) in [
        (Method::DELETE, "/api/v1/integrations"),
        (Method::POST, "/api/v1/integrations"),
        (
            Method::GET,
            "/api/v1/integrations/demo_fieldservice/discover",
        ),
        (Method::PUT, "/api/v1/integrations/demo_fieldservice/schema"),
        (Method::POST, "/api/v1/openapi.json"),
    ] {
        let answer = server.send(method.clone(), path, key, None).await;
        let what = format!("{method} {path} with a valid key");
        assert!(
            answer.status.is_client_error(),
            "{what}: a wrong method is a 4xx, got {}",
            answer.status
        );
        answer.problem(405, "method_not_allowed", &what);
        // Without a key it is still a problem+json 4xx (401 or 405 are both fine).
        let answer = server.send(method.clone(), path, None, None).await;
        assert!(
            answer.status.is_client_error() && answer.content_type() == "application/problem+json",
            "{method} {path} without a key: a problem+json 4xx, got {} {:?}",
            answer.status,
            answer.content_type()
        );
    }
    server.stop().await;
}

/// The router reserves every path under `/api` for the API, not just `/api` itself and
/// `/api/v1/<something>`: `/api/v1/` with its trailing slash, `/api/v1`, `/api/v2/integrations`,
/// `/api/integrations` and `/api/` never fall through to the UI (a 200 `text/html` SPA index).
/// An API client with a wrong version, a missing `/v1` or a trailing slash gets a 404
/// `route_not_found` problem, not HTML with a success status.
#[tokio::test]
async fn every_path_under_api_is_api_not_the_ui() {
    let server = Server::start().await;
    let mut wrong = Vec::new();
    for path in [
        "/api/v1/",
        "/api/v1",
        "/api/v2/integrations",
        "/api/integrations",
        "/api/",
    ] {
        let answer = server.get(path, Some(&server.read_key)).await;
        let code = serde_json::from_str::<Value>(&answer.text)
            .ok()
            .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned));
        if answer.status != StatusCode::NOT_FOUND
            || answer.content_type() != "application/problem+json"
            || code.as_deref() != Some("route_not_found")
        {
            wrong.push(format!(
                "{path} -> {} {:?}",
                answer.status,
                answer.content_type()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "every path under /api answers a 404 route_not_found problem, never the UI: {wrong:#?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn openapi_documents_exactly_the_routes_the_router_serves() {
    let server = Server::start().await;
    // A key with every scope, so each route is reached past its scope layer.
    let all = server
        .api
        .create_api_key(
            &[
                Scope::IntegrationsRead,
                Scope::IntegrationsWrite,
                Scope::SkillsWrite,
                Scope::AgentsRead,
                Scope::AgentsWrite,
            ],
            Some("all".to_owned()),
        )
        .await
        .expect("a key with every scope")
        .key;
    let answer = server.get("/api/v1/openapi.json", None).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "the OpenAPI document needs no key"
    );
    assert!(
        answer.content_type().starts_with("application/json"),
        "the OpenAPI document is JSON: {:?}",
        answer.content_type()
    );
    let doc = answer.json();
    assert!(
        str_of(&doc, "openapi").starts_with("3.1"),
        "the document is OpenAPI 3.1: {:?}",
        doc.get("openapi")
    );
    assert_eq!(
        answer.text,
        bindery_server::OPENAPI_JSON,
        "the served document is the one the crate exports"
    );
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .expect("the document has paths");
    let mut documented: BTreeSet<(String, String)> = BTreeSet::new();
    for (path, item) in paths {
        let item = item.as_object().expect("a path item is an object");
        for method in item.keys() {
            if matches!(
                method.as_str(),
                "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace"
            ) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let undocumented: Vec<_> = listed.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "every route the router serves is documented; missing: {undocumented:?}"
    );
    let unserved: Vec<_> = documented.difference(&listed).collect();
    assert!(
        unserved.is_empty(),
        "every documented route is in the route list; extra: {unserved:?}"
    );

    // Each documented route answers something other than route_not_found with a valid key.
    for (method, path) in &documented {
        let kind = if method == "POST" && path.ends_with("/connect") {
            "probe"
        } else {
            DEMO
        };
        let method = Method::from_bytes(method.as_bytes()).expect("a valid method");
        let url = concrete(path, kind);
        let body = (method == Method::POST).then(|| json!({}));
        let answer = server
            .send(method.clone(), &url, Some(&all), body.as_ref())
            .await;
        let code = answer
            .json()
            .get("code")
            .and_then(Value::as_str)
            .map(str::to_owned);
        assert!(
            code.as_deref() != Some("route_not_found")
                && answer.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {url} is documented, so the router serves it; got {} {}",
            answer.status,
            answer.text
        );
        assert!(
            answer.status.as_u16() < 500,
            "{method} {url} does not fail on the server side: {} {}",
            answer.status,
            answer.text
        );
    }

    // And a method the document does not list on a documented path is not served.
    for (path, item) in paths {
        let item = item.as_object().expect("a path item is an object");
        for method in ["get", "post", "delete"] {
            if item.contains_key(method) {
                continue;
            }
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let url = concrete(path, DEMO);
            let answer = server.send(m, &url, Some(&all), None).await;
            answer.problem(
                405,
                "method_not_allowed",
                &format!("{method} {url} is undocumented, so it is not served"),
            );
        }
    }
    server.stop().await;
}
