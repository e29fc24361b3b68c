//! GraphQL skills compiled from the Shopify Admin SDL run against a real GraphQL server over the
//! same SDL (graphql-yoga with deterministic mocks, `bindery_testkit::GraphqlDouble`) that
//! demands a bearer token: a lookup by id, a search over a root connection, and the
//! `customerCreate` mutation (dry run, then confirmed). The token is sent (the server answers)
//! and never shown.

mod http_support;

use bindery_runtime::RunStatus;
use bindery_testkit::{fixtures_dir, GraphqlDouble, GraphqlOptions};
use http_support::{
    assert_secret_hidden, bearer, case_skill, codes, inputs, json as json_of, runtime, skill,
    snapshot_view, TOKEN,
};
use serde_json::json;

const SHOPIFY: &str = "graphql/shopify/shopify-admin-2026-07.graphql";

fn customer_by_id() -> bindery_binding::Skill {
    skill(
        SHOPIFY,
        json!({
            "toolName": "Look up a Shopify customer",
            "description": "Read a customer by the id found earlier in the call.",
            "operation": "Query.customer",
            "inputs": [{"arg": "id", "param": "customer_id"}],
            "projection": [
                {"path": ["displayName"], "leaf": "customer_name"},
                {"path": ["defaultEmailAddress", "emailAddress"], "leaf": "customer_email"},
                {"path": ["lastOrder", "name"], "leaf": "last_order"}
            ]
        }),
    )
}

fn customers_search() -> bindery_binding::Skill {
    skill(
        SHOPIFY,
        json!({
            "toolName": "Search Shopify customers",
            "description": "Find customers matching what the caller says.",
            "operation": "Query.customers",
            "inputs": [{"arg": "query", "param": "search_text"}],
            "projection": [
                {"path": ["[first]", "id"], "leaf": "customer_id"},
                {"path": ["[*]", "displayName"], "leaf": "names"}
            ]
        }),
    )
}

#[tokio::test]
async fn shopify_skills_run_against_the_graphql_double() {
    let sdl = fixtures_dir().join(SHOPIFY);
    let options = GraphqlOptions {
        token: Some(TOKEN.to_owned()),
        introspection: false,
    };
    let Some(server) =
        GraphqlDouble::start(&sdl, options).expect("the GraphQL double starts (or is skipped)")
    else {
        return;
    };
    let runtime = runtime(None);
    let target = bearer(server.url());

    // A lookup by id: variables sent, the nested fields projected.
    let lookup = customer_by_id();
    let given = inputs(json!({"customer_id": "gid://shopify/Customer/1"}));
    let run = runtime.run(&lookup, &given, &target, false).await;
    assert_eq!(
        run.status,
        RunStatus::Ok,
        "the lookup runs: {:?} ({})",
        run.diagnostics,
        server.output_tail()
    );
    assert!(run.executed, "sent");
    assert_eq!(
        run.output,
        Some(inputs(json!({
            "customer_name": "mock-string",
            "customer_email": "mock-string",
            "last_order": "mock-string"
        }))),
        "projected from data.customer"
    );
    assert_secret_hidden(&run, "Authorization");
    assert_eq!(
        json_of(&run)["request"]["variables"],
        json!({"id": "gid://shopify/Customer/1"}),
        "the variable as sent"
    );
    insta::assert_json_snapshot!("shopify_customer_by_id", snapshot_view(&run, server.url()));

    // A root connection: paged by the compiled document, [first] and [*] over its nodes.
    let search = customers_search();
    let run = runtime
        .run(
            &search,
            &inputs(json!({"search_text": "Dana"})),
            &target,
            false,
        )
        .await;
    assert_eq!(
        run.status,
        RunStatus::Ok,
        "the search runs: {:?}",
        run.diagnostics
    );
    assert_eq!(
        run.output,
        Some(inputs(json!({
            "customer_id": "mock-id",
            "names": ["mock-string", "mock-string"]
        }))),
        "the first id and every name"
    );

    // The mutation, unconfirmed: shown, not sent.
    let create = case_skill("shopify", "valid_customer_create", SHOPIFY);
    let given = inputs(json!({
        "caller_first_name": "Dana",
        "caller_last_name": "Reyes",
        "caller_email": "dana@example.com",
        "caller_phone": "+14155550123",
        "notes": "Gate code 4411"
    }));
    let dry = runtime.run(&create, &given, &target, false).await;
    assert_eq!(
        dry.status,
        RunStatus::DryRun,
        "a write waits for confirmation"
    );
    assert!(!dry.executed && dry.response.is_none(), "nothing sent");
    assert_eq!(codes(&dry), ["runtime/confirmation-required"], "noted");
    insta::assert_json_snapshot!(
        "shopify_customer_create_dry_run",
        snapshot_view(&dry, server.url())
    );

    // Confirmed: the input object built from its fields, the new id projected. The mocks answer
    // every list with two items, so the payload's userErrors are never empty: the run reports
    // them (the mutation was refused) while still showing what came back.
    let run = runtime.run(&create, &given, &target, true).await;
    assert!(run.executed, "sent once confirmed");
    assert_eq!(
        json_of(&run)["request"]["variables"],
        json!({"input": {
            "firstName": "Dana", "lastName": "Reyes", "email": "dana@example.com",
            "phone": "+14155550123", "note": "Gate code 4411"
        }}),
        "the input object"
    );
    assert_eq!(
        run.output,
        Some(inputs(json!({"customer_id": "mock-id"}))),
        "the new id projected"
    );
    assert_eq!(
        codes(&run),
        ["runtime/user-errors", "runtime/user-errors"],
        "the mocked userErrors are reported: {:?}",
        run.diagnostics
    );
    assert_eq!(
        run.diagnostics.first().map(|d| d.message.as_str()),
        Some("the provider refused `mock-string.mock-string`: mock-string"),
        "with the field and the message"
    );
    assert_secret_hidden(&run, "Authorization");

    // A wrong token: the server's 401 with its GraphQL error text.
    let wrong = http_support::target(server.url(), &[("Authorization", "Bearer not-the-token")]);
    let run = runtime
        .run(&lookup, &inputs(json!({"customer_id": "1"})), &wrong, false)
        .await;
    assert_eq!(
        codes(&run),
        ["runtime/http-status"],
        "refused: {:?}",
        run.diagnostics
    );
    assert_eq!(
        run.diagnostics.first().map(|d| d.message.as_str()),
        Some("the provider answered HTTP 401: unauthorized"),
        "the provider's words"
    );
    assert!(run.output.is_none(), "nothing projected from an error");
}
