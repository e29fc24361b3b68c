//! How a GraphQL run fails, each against a scripted server (`bindery_testkit::FaultyHttp`): an
//! error status, a page that is not JSON, a server that never answers, an answer larger than
//! the cap, `errors` in the answer, `userErrors` in a mutation payload; and before anything is
//! sent: no endpoint, a closed port, a write that is not confirmed.

mod http_support;

use bindery_binding::Skill;
use bindery_runtime::{Limits, RunStatus, TryRun};
use bindery_testkit::{Fault, FaultyHttp};
use http_support::{
    assert_secret_hidden, bearer, case_skill, codes, inputs, runtime, short_limits, skill,
};
use serde_json::{json, Map, Value};

const SHOPIFY: &str = "graphql/shopify/shopify-admin-2026-07.graphql";

fn lookup() -> Skill {
    skill(
        SHOPIFY,
        json!({
            "toolName": "Look up a Shopify customer",
            "description": "Read a customer by id.",
            "operation": "Query.customer",
            "inputs": [{"arg": "id", "param": "customer_id"}],
            "projection": [{"path": ["displayName"], "leaf": "customer_name"}]
        }),
    )
}

fn lookup_inputs() -> Map<String, Value> {
    inputs(json!({"customer_id": "gid://shopify/Customer/1"}))
}

fn create() -> Skill {
    case_skill("shopify", "valid_customer_create", SHOPIFY)
}

fn create_inputs() -> Map<String, Value> {
    inputs(json!({
        "caller_first_name": "Dana", "caller_last_name": "Reyes",
        "caller_email": "dana@example.com", "caller_phone": "+14155550123", "notes": "none"
    }))
}

async fn run_against(
    fault: Fault,
    skill: &Skill,
    given: &Map<String, Value>,
    limits: Option<Limits>,
) -> TryRun {
    let server = FaultyHttp::start(fault).expect("the scripted server starts");
    let run = runtime(limits)
        .run(skill, given, &bearer(server.url()), true)
        .await;
    assert_eq!(
        server.requests(),
        1,
        "exactly one request reached the server"
    );
    assert_secret_hidden(&run, "Authorization");
    run
}

#[tokio::test]
async fn an_error_status_carries_the_graphql_error_text() {
    let run = run_against(
        Fault::Status {
            code: 500,
            body: r#"{"errors":[{"message":"Internal error","path":["customer"]}]}"#.to_owned(),
            content_type: "application/json".to_owned(),
        },
        &lookup(),
        &lookup_inputs(),
        None,
    )
    .await;
    assert_eq!(
        codes(&run),
        ["runtime/http-status"],
        "{:?}",
        run.diagnostics
    );
    assert_eq!(
        run.diagnostics.first().map(|d| d.message.as_str()),
        Some("the provider answered HTTP 500: customer: Internal error"),
        "the provider's words"
    );
    let response = run.response.as_ref().expect("the answer is shown");
    assert_eq!(response.http_status, Some(500), "status shown");
    assert_eq!(
        response.body["errors"][0]["message"], "Internal error",
        "body shown"
    );
    assert!(
        run.output.is_none() && run.status == RunStatus::Failed,
        "not projected"
    );
}

#[tokio::test]
async fn a_page_that_is_not_json_is_shown_as_text() {
    let run = run_against(
        Fault::Status {
            code: 200,
            body: "<html>maintenance</html>".to_owned(),
            content_type: "text/html".to_owned(),
        },
        &lookup(),
        &lookup_inputs(),
        None,
    )
    .await;
    assert_eq!(
        codes(&run),
        ["runtime/response-not-json"],
        "{:?}",
        run.diagnostics
    );
    let body = run.response.as_ref().map(|r| r.body.clone());
    assert_eq!(body, Some(json!("<html>maintenance</html>")), "text shown");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let run = run_against(
        Fault::Hang,
        &lookup(),
        &lookup_inputs(),
        Some(short_limits(300, 1 << 20)),
    )
    .await;
    assert_eq!(codes(&run), ["runtime/timeout"], "{:?}", run.diagnostics);
    let latency = run.latency_ms.expect("the wait is measured");
    assert!(
        (250.0..5000.0).contains(&latency),
        "cut near the limit: {latency} ms"
    );
    assert!(run.executed, "a timed-out request may have been acted on");
}

#[tokio::test]
async fn an_answer_over_the_cap_is_cut_and_not_projected() {
    for content_length in [true, false] {
        let run = run_against(
            Fault::Huge {
                bytes: 300_000,
                content_length,
            },
            &lookup(),
            &lookup_inputs(),
            Some(short_limits(10_000, 64 * 1024)),
        )
        .await;
        assert_eq!(
            codes(&run),
            ["runtime/response-too-large"],
            "{:?}",
            run.diagnostics
        );
        let response = run.response.as_ref().expect("the cut answer is shown");
        assert!(response.truncated, "marked cut");
        assert_eq!(response.bytes, 64 * 1024, "read up to the cap exactly");
        assert!(
            run.output.is_none(),
            "not projected (content length {content_length})"
        );
    }
}

#[tokio::test]
async fn graphql_errors_are_listed_with_their_path() {
    let run = run_against(
        Fault::Json(
            json!({
                "errors": [
                    {"message": "Customer not found", "path": ["customer"]},
                    {"message": "Throttled", "extensions": {"code": "THROTTLED"}}
                ],
                "data": {"customer": null}
            })
            .to_string(),
        ),
        &lookup(),
        &lookup_inputs(),
        None,
    )
    .await;
    assert_eq!(
        codes(&run),
        ["runtime/graphql-errors", "runtime/graphql-errors"],
        "{:?}",
        run.diagnostics
    );
    let messages: Vec<&str> = run.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the provider refused the query at `customer`: Customer not found",
            "the provider refused the query: Throttled"
        ],
        "each error"
    );
    assert_eq!(run.status, RunStatus::Failed, "failed");
}

#[tokio::test]
async fn user_errors_fail_the_mutation_and_an_empty_list_does_not() {
    let refused = run_against(
        Fault::Json(
            json!({"data": {"customerCreate": {
                "customer": null,
                "userErrors": [{"field": ["input", "email"], "message": "Email has already been taken"}]
            }}})
            .to_string(),
        ),
        &create(),
        &create_inputs(),
        None,
    )
    .await;
    assert_eq!(
        codes(&refused),
        ["runtime/user-errors"],
        "{:?}",
        refused.diagnostics
    );
    let first = refused.diagnostics.first();
    assert_eq!(
        first.map(|d| (d.message.as_str(), d.at.as_deref())),
        Some((
            "the provider refused `input.email`: Email has already been taken",
            Some("response.data.customerCreate.userErrors[0]")
        )),
        "field and message"
    );
    assert_eq!(refused.status, RunStatus::Failed, "failed");

    let created = run_against(
        Fault::Json(
            json!({"data": {"customerCreate": {
                "customer": {"id": "gid://shopify/Customer/42"}, "userErrors": []
            }}})
            .to_string(),
        ),
        &create(),
        &create_inputs(),
        None,
    )
    .await;
    assert_eq!(created.status, RunStatus::Ok, "{:?}", created.diagnostics);
    assert_eq!(
        created.output,
        Some(inputs(json!({"customer_id": "gid://shopify/Customer/42"}))),
        "the new id"
    );
}

#[tokio::test]
async fn an_unconfirmed_write_sends_nothing() {
    let server = FaultyHttp::start(Fault::Json("{}".to_owned())).expect("the server starts");
    let run = runtime(None)
        .run(&create(), &create_inputs(), &bearer(server.url()), false)
        .await;
    assert_eq!(run.status, RunStatus::DryRun, "a dry run");
    assert_eq!(server.requests(), 0, "no request reached the server");
    assert!(!run.executed && run.latency_ms.is_none(), "nothing sent");
}

#[tokio::test]
async fn a_closed_port_is_unreachable_and_the_userinfo_stays_hidden() {
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://me:hunter2@127.0.0.1:{port}/graphql");
    let run = runtime(None)
        .run(&lookup(), &lookup_inputs(), &bearer(&url), false)
        .await;
    assert_eq!(
        codes(&run),
        ["runtime/unreachable"],
        "{:?}",
        run.diagnostics
    );
    assert!(!run.executed, "never reached");
    let text = http_support::json(&run).to_string();
    assert!(
        !text.contains("hunter2"),
        "the URL's password is never shown: {text}"
    );
    assert!(
        run.diagnostics.iter().all(|d| !d.message.contains("me:")),
        "the message has no userinfo: {:?}",
        run.diagnostics
    );
}

#[tokio::test]
async fn no_endpoint_is_reported_before_sending() {
    let target = bindery_runtime::Target::Http(bindery_runtime::HttpTarget {
        url: None,
        auth: Vec::new(),
    });
    let run = runtime(None)
        .run(&lookup(), &lookup_inputs(), &target, false)
        .await;
    assert_eq!(
        codes(&run),
        ["runtime/no-base-url"],
        "{:?}",
        run.diagnostics
    );
    assert!(run.request.is_none(), "nothing built");
}
