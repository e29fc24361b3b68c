//! REST runs of skills compiled from the Stripe description against scripted servers
//! (`bindery_testkit::FaultyHttp`) and a counting loopback listener: the form-encoded write as
//! sent, the provider's error words (Stripe `error.message`, RFC 9457), a write that is not
//! confirmed sends nothing, and the problems found before sending (no base URL, a path
//! placeholder without a value, an input the call context did not give) come back together.

mod http_support;

use bindery_binding::{ExecutionConfig, RestArgument, Skill, ValuePlan};
use bindery_runtime::{RunStatus, TryRun};
use bindery_schema::ArgLocation;
use bindery_testkit::{Fault, FaultyHttp};
use http_support::{
    assert_secret_hidden, bearer, case_skill, codes, inputs, runtime, snapshot_view, target,
    CountingListener, TOKEN,
};
use serde_json::{json, Map, Value};

const STRIPE: &str = "openapi/stripe/stripe-spec3.yaml";

fn find_customer() -> Skill {
    case_skill("stripe", "valid_find_customer_by_email", STRIPE)
}

fn create_customer() -> Skill {
    case_skill("stripe", "valid_create_customer", STRIPE)
}

fn create_inputs() -> Map<String, Value> {
    inputs(json!({
        "caller_name": "Dana Reyes",
        "caller_email": "dana+vip@example.com",
        "caller_phone": "+14155550123"
    }))
}

/// `FaultyHttp` answers on `/graphql`; a REST base URL is its origin.
fn origin(server: &FaultyHttp) -> String {
    server.url().trim_end_matches("/graphql").to_owned()
}

async fn run_against(fault: Fault, skill: &Skill, given: &Map<String, Value>) -> (TryRun, String) {
    let server = FaultyHttp::start(fault).expect("the scripted server starts");
    let base = origin(&server);
    let run = runtime(None).run(skill, given, &bearer(&base), true).await;
    assert_eq!(server.requests(), 1, "one request reached the server");
    assert_secret_hidden(&run, "Authorization");
    (run, base)
}

#[tokio::test]
async fn a_confirmed_write_is_sent_form_encoded_and_projected() {
    let (run, base) = run_against(
        Fault::Json(r#"{"id":"cus_NffrFeUfNV2Hib","object":"customer"}"#.to_owned()),
        &create_customer(),
        &create_inputs(),
    )
    .await;
    assert_eq!(run.status, RunStatus::Ok, "{:?}", run.diagnostics);
    assert_eq!(
        run.output,
        Some(inputs(json!({"customer_id": "cus_NffrFeUfNV2Hib"}))),
        "the new id"
    );
    let shown = http_support::json(&run)["request"].clone();
    assert_eq!(
        shown["body"],
        "name=Dana+Reyes&email=dana%2Bvip%40example.com&phone=%2B14155550123&description=Created+by+the+phone+agent",
        "the body as sent"
    );
    insta::assert_json_snapshot!("stripe_create_customer_sent", snapshot_view(&run, &base));
}

#[tokio::test]
async fn stripe_errors_are_read_from_error_message() {
    let body = json!({"error": {
        "code": "resource_missing", "message": "No such customer: 'cus_nope'",
        "type": "invalid_request_error"
    }});
    let (run, _) = run_against(
        Fault::Status {
            code: 404,
            body: body.to_string(),
            content_type: "application/json".to_owned(),
        },
        &find_customer(),
        &inputs(json!({"caller_email": "Dana@Example.com"})),
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
        Some("the provider answered HTTP 404: No such customer: 'cus_nope'"),
        "Stripe's words"
    );
    assert_eq!(
        run.response.as_ref().map(|r| r.body.clone()),
        Some(body),
        "the answer is shown"
    );
    assert!(run.output.is_none(), "not projected");
}

#[tokio::test]
async fn problem_details_are_read_from_title_and_detail() {
    let (run, _) = run_against(
        Fault::Status {
            code: 429,
            body: json!({"type": "about:blank", "title": "Too Many Requests",
                         "detail": "retry after 30 seconds", "status": 429})
            .to_string(),
            content_type: "application/problem+json".to_owned(),
        },
        &find_customer(),
        &inputs(json!({"caller_email": "dana@example.com"})),
    )
    .await;
    assert_eq!(
        run.diagnostics
            .first()
            .map(|d| (d.code, d.message.as_str())),
        Some((
            "runtime/http-status",
            "the provider answered HTTP 429: Too Many Requests: retry after 30 seconds"
        )),
        "RFC 9457 words"
    );
}

#[tokio::test]
async fn a_read_shows_its_query_and_projects_the_first_item() {
    let (run, base) = run_against(
        Fault::Json(
            json!({"object": "list", "data": [
                {"id": "cus_1", "name": "Dana Reyes", "phone": null},
                {"id": "cus_2", "name": "Other", "phone": "+1"}
            ], "has_more": false})
            .to_string(),
        ),
        &find_customer(),
        &inputs(json!({"caller_email": "Dana@Example.COM"})),
    )
    .await;
    assert_eq!(run.status, RunStatus::Ok, "{:?}", run.diagnostics);
    assert_eq!(
        run.output,
        Some(inputs(json!({
            "customer_id": "cus_1", "customer_name": "Dana Reyes", "customer_phone": null
        }))),
        "the first customer"
    );
    let url = http_support::json(&run)["request"]["url"].clone();
    assert_eq!(
        url,
        json!(format!(
            "{base}/v1/customers?email=dana%40example.com&limit=1"
        )),
        "query from the lowercased e-mail and the constant"
    );
}

#[tokio::test]
async fn an_unconfirmed_write_opens_no_connection() {
    let listener = CountingListener::start();
    let run = runtime(None)
        .run(
            &create_customer(),
            &create_inputs(),
            &bearer(listener.url()),
            false,
        )
        .await;
    assert_eq!(run.status, RunStatus::DryRun, "{:?}", run.diagnostics);
    assert!(!run.executed && run.response.is_none(), "nothing sent");
    assert_secret_hidden(&run, "Authorization");
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(listener.accepted(), 0, "no connection was opened");
    insta::assert_json_snapshot!(
        "stripe_create_customer_dry_run",
        snapshot_view(&run, listener.url())
    );
}

#[tokio::test]
async fn problems_before_sending_come_back_together() {
    let mut skill = case_skill("stripe", "valid_create_customer", STRIPE);
    if let ExecutionConfig::NativeRest(plan) = &mut skill.execution_config {
        plan.path = "/v1/customers/{customer}".to_owned();
    }
    let target = bindery_runtime::Target::Http(bindery_runtime::HttpTarget {
        url: None,
        auth: Vec::new(),
    });
    // The call context's phone number is missing as well.
    let given = inputs(json!({"caller_name": "Dana", "caller_email": "dana@example.com"}));
    let run = runtime(None).run(&skill, &given, &target, true).await;
    let mut found = codes(&run);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "runtime/input-missing",
            "runtime/no-base-url",
            "runtime/plan-invalid"
        ],
        "every problem at once: {:?}",
        run.diagnostics
    );
    assert!(
        run.request.is_none() && !run.executed,
        "nothing built or sent"
    );
}

/// A loopback server that redirects every request (`302`, to `elsewhere` or else to its own
/// `/moved`) except `/moved`, which gets a one-customer list.
fn redirecting_server(elsewhere: Option<String>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
    let own = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("the bound address").port()
    );
    let moved = elsewhere.unwrap_or_else(|| format!("{own}/moved"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let answer = if head.starts_with(b"GET /moved ") {
                let body = r#"{"data":[{"id":"cus_moved","name":"Dana","phone":null}]}"#;
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            } else {
                format!("HTTP/1.1 302 Found\r\nLocation: {moved}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    own
}

#[tokio::test]
async fn redirects_are_followed_only_within_the_host() {
    let given = inputs(json!({"caller_email": "dana@example.com"}));
    let credential = [("X-Api-Key", TOKEN)];

    let same_host = redirecting_server(None);
    let run = runtime(None)
        .run(
            &find_customer(),
            &given,
            &target(&same_host, &credential),
            false,
        )
        .await;
    assert_eq!(run.status, RunStatus::Ok, "followed: {:?}", run.diagnostics);
    assert_eq!(
        run.output
            .as_ref()
            .and_then(|o| o.get("customer_id"))
            .cloned(),
        Some(json!("cus_moved")),
        "the answer after the redirect"
    );

    let elsewhere = CountingListener::start();
    let leaving = redirecting_server(Some(format!("{}/steal", elsewhere.url())));
    let run = runtime(None)
        .run(
            &find_customer(),
            &given,
            &target(&leaving, &credential),
            false,
        )
        .await;
    assert_eq!(
        codes(&run),
        ["runtime/http-status"],
        "{:?}",
        run.diagnostics
    );
    assert_eq!(
        run.response.as_ref().and_then(|r| r.http_status),
        Some(302),
        "the redirect is the answer"
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(
        elsewhere.accepted(),
        0,
        "the other host never got the credential"
    );
    assert_secret_hidden(&run, "X-Api-Key");
}

#[tokio::test]
async fn header_cookie_and_structured_query_arguments_are_shown_as_sent() {
    let mut skill = find_customer();
    if let ExecutionConfig::NativeRest(plan) = &mut skill.execution_config {
        let constant = |name: &str, location, value: Value| RestArgument {
            name: name.to_owned(),
            location,
            value: ValuePlan::Const { constant: value },
        };
        plan.arguments.extend([
            constant("Stripe-Version", ArgLocation::Header, json!("2024-06-20")),
            constant("session", ArgLocation::Cookie, json!("a b;c")),
            constant("theme", ArgLocation::Cookie, json!("dark")),
            constant("created", ArgLocation::Query, json!({"gte": 1700000000})),
            constant(
                "expand",
                ArgLocation::Query,
                json!(["data.tax", "data.test_clock"]),
            ),
        ]);
    }
    let (run, base) = run_against(
        Fault::Json(r#"{"data":[]}"#.to_owned()),
        &skill,
        &inputs(json!({"caller_email": "dana@example.com"})),
    )
    .await;
    assert_eq!(run.status, RunStatus::Ok, "{:?}", run.diagnostics);
    assert_eq!(codes(&run), ["runtime/no-result"], "an empty list is noted");
    let shown = http_support::json(&run)["request"].clone();
    assert_eq!(
        shown["url"],
        json!(format!(
            "{base}/v1/customers?email=dana%40example.com&limit=1&created[gte]=1700000000&expand=data.tax&expand=data.test_clock"
        )),
        "objects as deepObject, lists as repeated keys"
    );
    let headers: Vec<(String, String, bool)> = http_support::shown_headers(&run);
    let plain: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(_, _, secret)| !secret)
        .map(|(n, v, _)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        plain,
        [
            ("Accept", "application/json"),
            ("Stripe-Version", "2024-06-20"),
            ("Cookie", "session=a%20b%3Bc; theme=dark")
        ],
        "header and cookie arguments as sent"
    );
}
