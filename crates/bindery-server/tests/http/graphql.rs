//! GraphQL providers over HTTP: connect by pasted SDL or a live endpoint, discover, browse with
//! the noise filters, list subscriptions; bad SDL and unreachable endpoints give coded problems.

use serde_json::{json, Value};

use crate::support::{array_of, count_of, str_of, Server};
use bindery_testkit::{GraphqlDouble, GraphqlOptions};

const SDL: &str = r#"
type Query { customers(first: Int): CustomerConnection! customer(id: ID!): Customer }
type Mutation { customerCreate(input: CustomerInput!): CustomerCreatePayload }
type Subscription { customerCreated: Customer }
interface Node { id: ID! }
type Customer implements Node { id: ID! email: String phone: String @deprecated(reason: "Use phones.") }
type CustomerConnection { edges: [CustomerEdge!]! pageInfo: PageInfo! }
type CustomerEdge { cursor: String! node: Customer! }
type PageInfo { hasNextPage: Boolean! }
input CustomerInput { email: String! }
type UserError { field: [String!] message: String! }
type CustomerCreatePayload { customer: Customer userErrors: [UserError!]! }
"#;

async fn connect(server: &Server, kind: &str, credentials: Value) -> Value {
    let body = json!({ "sourceKind": "graphql", "credentials": credentials });
    server
        .post(
            &format!("/api/v1/integrations/{kind}/connect"),
            Some(&server.rw_key),
            &body,
        )
        .await
        .ok("connect graphql");
    server
        .post(
            &format!("/api/v1/integrations/{kind}/discover"),
            Some(&server.rw_key),
            &json!({}),
        )
        .await
        .ok("discover graphql")
}

#[tokio::test]
async fn a_pasted_sdl_is_browsed_with_noise_filters_and_subscriptions() {
    let server = Server::start().await;
    let discovered = connect(&server, "shop_gql", json!({ "text": SDL })).await;
    assert_eq!(
        count_of(&discovered, "operationCount"),
        3,
        "2 queries + 1 mutation: {discovered}"
    );
    let list = |hide: &'static str| {
        let server = &server;
        async move {
            server
                .get(
                    &format!("/api/v1/integrations/shop_gql/objects?limit=100&hide={hide}"),
                    Some(&server.read_key),
                )
                .await
                .ok("objects")
        }
    };
    let all = list("").await;
    let filtered = list("relay,input").await;
    assert_eq!(count_of(&all, "total"), 8, "every object: {all}");
    let names: Vec<&str> = array_of(&filtered, "items")
        .iter()
        .map(|o| str_of(o, "name"))
        .collect();
    assert_eq!(
        names,
        ["Customer", "CustomerCreatePayload", "Node", "UserError"],
        "wrappers and inputs hidden before paging"
    );
    assert_eq!(
        count_of(&filtered, "total"),
        4,
        "the total reflects the filter"
    );
    let edge = array_of(&all, "items")
        .iter()
        .find(|o| str_of(o, "name") == "CustomerEdge")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        str_of(&edge, "relay"),
        "edge",
        "hits say which wrapper they are: {edge}"
    );
    server
        .get(
            "/api/v1/integrations/shop_gql/objects?hide=noise",
            Some(&server.read_key),
        )
        .await
        .problem(400, "validation_error", "an unknown hide value");
    let subscriptions = server
        .get(
            "/api/v1/integrations/shop_gql/subscriptions",
            Some(&server.read_key),
        )
        .await
        .ok("subscriptions");
    let ids: Vec<&str> = subscriptions
        .as_array()
        .map(|a| a.iter().map(|s| str_of(s, "id")).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        ["Subscription.customerCreated"],
        "subscriptions listed apart"
    );
    let customer = server
        .get(
            "/api/v1/integrations/shop_gql/objects/Customer",
            Some(&server.read_key),
        )
        .await
        .ok("Customer");
    let phone = array_of(&customer["object"], "fields")
        .iter()
        .find(|f| str_of(f, "name") == "phone")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        str_of(&phone, "deprecated"),
        "Use phones.",
        "deprecation on the wire: {phone}"
    );
    let sources: Vec<&str> = array_of(&customer, "relationships")
        .iter()
        .map(|r| str_of(r, "source"))
        .collect();
    assert!(
        sources.contains(&"implements"),
        "implements shown as a relationship: {sources:?}"
    );
    let payload = server
        .get(
            "/api/v1/integrations/shop_gql/objects/CustomerCreatePayload",
            Some(&server.read_key),
        )
        .await
        .ok("payload");
    let roles: Vec<&str> = array_of(&payload["object"], "fields")
        .iter()
        .map(|f| str_of(f, "role"))
        .collect();
    assert_eq!(
        roles,
        ["", "userErrors"],
        "userErrors recognised on the wire"
    );
    let demo_subscriptions = server
        .get(
            "/api/v1/integrations/demo_fieldservice/subscriptions",
            Some(&server.read_key),
        )
        .await
        .ok("demo subscriptions");
    assert_eq!(demo_subscriptions, json!([]), "other sources have none");
    server.stop().await;
}

#[tokio::test]
async fn bad_sdl_and_dead_endpoints_are_coded_problems() {
    let server = Server::start().await;
    let body =
        json!({ "sourceKind": "graphql", "credentials": { "text": "type Query {\n  a: [Int\n}" } });
    server
        .post(
            "/api/v1/integrations/broken_gql/connect",
            Some(&server.rw_key),
            &body,
        )
        .await
        .ok("connect");
    let problem = server
        .post(
            "/api/v1/integrations/broken_gql/discover",
            Some(&server.rw_key),
            &json!({}),
        )
        .await
        .problem(422, "source_invalid", "malformed SDL");
    let detail = str_of(&problem, "detail");
    assert!(
        detail.contains("line 3") && detail.contains("discovery/malformed-document"),
        "line and code: {detail}"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9);
    let body = json!({ "sourceKind": "graphql", "credentials": { "url": format!("http://127.0.0.1:{port}/graphql") } });
    server
        .post(
            "/api/v1/integrations/dead_gql/connect",
            Some(&server.rw_key),
            &body,
        )
        .await
        .ok("connect");
    server
        .post(
            "/api/v1/integrations/dead_gql/discover",
            Some(&server.rw_key),
            &json!({}),
        )
        .await
        .problem(502, "source_unreachable", "nobody listens");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_endpoint_is_connected_by_url_and_discovered_by_introspection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sdl = dir.path().join("shop.graphql");
    std::fs::write(&sdl, SDL).expect("write SDL");
    let Some(double) =
        GraphqlDouble::start(&sdl, GraphqlOptions::default()).expect("the double starts")
    else {
        return;
    };
    let server = Server::start().await;
    let live = connect(&server, "live_gql", json!({ "url": double.url() })).await;
    let pasted = connect(&server, "pasted_gql", json!({ "text": SDL })).await;
    for count in ["objectCount", "fieldCount", "edgeCount", "operationCount"] {
        assert_eq!(
            count_of(&live, count),
            count_of(&pasted, count),
            "the endpoint and its SDL agree on {count}: {live} vs {pasted}"
        );
    }
    assert_eq!(
        count_of(&live, "operationCount"),
        3,
        "operations found live: {live}"
    );
    let live_schema = server
        .get(
            "/api/v1/integrations/live_gql/schema",
            Some(&server.read_key),
        )
        .await
        .ok("live schema");
    let pasted_schema = server
        .get(
            "/api/v1/integrations/pasted_gql/schema",
            Some(&server.read_key),
        )
        .await
        .ok("pasted schema");
    assert_eq!(
        live_schema["objects"], pasted_schema["objects"],
        "same objects both ways"
    );
    assert_eq!(
        live_schema["operations"], pasted_schema["operations"],
        "same operations both ways"
    );
    let integrations = server
        .get("/api/v1/integrations", Some(&server.read_key))
        .await
        .ok("integrations");
    let text = integrations.to_string();
    assert!(
        text.contains(double.url()),
        "the endpoint is shown as the location: {text}"
    );
    server.stop().await;
}
