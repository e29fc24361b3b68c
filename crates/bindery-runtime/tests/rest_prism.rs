//! REST skills compiled from real descriptions (Stripe, GitHub, Google Calendar, the Swagger
//! petstore) run against Stoplight Prism mocking the same description with `--errors`: Prism
//! validates every request Bindery builds (path, query, headers, credentials, body and its media
//! type) against the spec, so an answer below 400 proves the request is one the provider accepts.
//! Prism serves the spec's paths as written (its `servers` base path is ignored), so the target
//! URL is Prism's own. One Prism per spec, shared by the runs of one test.

mod http_support;

use bindery_binding::{ExecutionConfig, ValuePlan};
use bindery_testkit::PrismOptions;
use http_support::prism::{assert_accepted, assert_violation, null_leaves, prism, with_constant};
use http_support::{
    assert_secret_hidden, bearer, case_skill, codes, inputs, runtime, skill, snapshot_brief,
    target, TOKEN,
};
use serde_json::{json, Value};

const STRIPE: &str = "openapi/stripe/stripe-spec3.yaml";
const GITHUB: &str = "openapi/github/api.github.com-1.1.4.openapi.yaml";
const CALENDAR: &str = "openapi/google/calendar-v3.openapi.yaml";
const PETSTORE: &str = "openapi/petstore/petstore-v3.openapi.yaml";

#[tokio::test]
async fn stripe_reads_and_writes_are_valid_requests() {
    // Prism never finishes dereferencing Stripe's schemas as they are: it serves a copy whose
    // schema-to-schema references are cut (parameters and form bodies are still checked).
    let options = PrismOptions {
        cut_schema_refs: true,
        ..PrismOptions::default()
    };
    let Some(prism) = prism(STRIPE, options) else {
        return;
    };
    let runtime = runtime(None);
    let target = bearer(prism.url());

    let find = case_skill("stripe", "valid_find_customer_by_email", STRIPE);
    let run = runtime
        .run(
            &find,
            &inputs(json!({"caller_email": "Dana@Example.com"})),
            &target,
            false,
        )
        .await;
    assert_accepted(&run, &prism, "GET /v1/customers?email=&limit=");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    assert_secret_hidden(&run, "Authorization");
    insta::assert_json_snapshot!("stripe_find_customer", snapshot_brief(&run, prism.url()));

    let create = case_skill("stripe", "valid_create_customer", STRIPE);
    let given = inputs(json!({
        "caller_name": "Dana Reyes", "caller_email": "dana@example.com",
        "caller_phone": "+14155550123"
    }));
    let run = runtime.run(&create, &given, &target, true).await;
    assert_accepted(&run, &prism, "POST /v1/customers (form)");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "the new id: {:?}",
        run.output
    );
    assert_secret_hidden(&run, "Authorization");

    // An object in the query is sent as a deepObject (`created[gte]=`), as Stripe declares it.
    let since = skill(
        STRIPE,
        json!({
            "toolName": "Recent customers",
            "description": "Customers created since a time.",
            "operation": "GetCustomers",
            "inputs": [{"arg": "created", "const": {"gte": 1700000000}}, {"arg": "limit", "const": 3}],
            "projection": [{"path": ["data[*]", "id"], "leaf": "customer_ids"}]
        }),
    );
    let run = runtime
        .run(&since, &inputs(json!({})), &target, false)
        .await;
    assert_accepted(&run, &prism, "GET /v1/customers?created[gte]=");
    assert_eq!(
        http_support::json(&run)["request"]["url"],
        json!(format!(
            "{}/v1/customers?created[gte]=1700000000&limit=3",
            prism.url()
        )),
        "deepObject"
    );

    let retrieve = skill(
        STRIPE,
        json!({
            "toolName": "Read an invoice",
            "description": "Read the invoice the caller names.",
            "operation": "GetInvoicesInvoice",
            "inputs": [{"arg": "invoice", "param": "invoice_number"}],
            "projection": [
                {"path": ["id"], "leaf": "invoice_id"},
                {"path": ["amount_due"], "leaf": "amount_due"},
                {"path": ["status"], "leaf": "invoice_status"}
            ]
        }),
    );
    let run = runtime
        .run(
            &retrieve,
            &inputs(json!({"invoice_number": "in_1MtHbELkdIwHu7ix"})),
            &target,
            false,
        )
        .await;
    assert_accepted(&run, &prism, "GET /v1/invoices/{invoice}");
    let url = http_support::json(&run)["request"]["url"].clone();
    assert_eq!(
        url,
        json!(format!("{}/v1/invoices/in_1MtHbELkdIwHu7ix", prism.url())),
        "path filled"
    );

    // A string where Stripe wants an integer: Prism refuses it with Stripe's declared error.
    let wrong = with_constant(find, "limit", json!("many"));
    let run = runtime
        .run(
            &wrong,
            &inputs(json!({"caller_email": "dana@example.com"})),
            &target,
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
        Some(422),
        "Prism's 422"
    );
}

#[tokio::test]
async fn github_reads_are_valid_requests() {
    // GitHub's SCIM examples hold remote `$ref`s as data, which Prism would try to download.
    let options = PrismOptions {
        offline_refs: true,
        ..PrismOptions::default()
    };
    let Some(prism) = prism(GITHUB, options) else {
        return;
    };
    let runtime = runtime(None);
    let target = bearer(prism.url());
    let repository = skill(
        GITHUB,
        json!({
            "toolName": "Describe a repository",
            "description": "Describe the repository the caller names.",
            "operation": "repos/get",
            "inputs": [{"arg": "owner", "const": "octocat"}, {"arg": "repo", "param": "search_text"}],
            "projection": [
                {"path": ["full_name"], "leaf": "full_name"},
                {"path": ["owner", "login"], "leaf": "owner"},
                {"path": ["stargazers_count"], "leaf": "stars"}
            ]
        }),
    );
    let run = runtime
        .run(
            &repository,
            &inputs(json!({"search_text": "Hello World"})),
            &target,
            false,
        )
        .await;
    assert_accepted(&run, &prism, "GET /repos/{owner}/{repo}");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    let url = http_support::json(&run)["request"]["url"].clone();
    assert_eq!(
        url,
        json!(format!("{}/repos/octocat/Hello%20World", prism.url())),
        "encoded"
    );
    assert_secret_hidden(&run, "Authorization");
    insta::assert_json_snapshot!("github_repository", snapshot_brief(&run, prism.url()));

    // The user answer is a oneOf, so a binding cannot project through it: the body is shown.
    let user = skill(
        GITHUB,
        json!({
            "toolName": "Read a user",
            "description": "Read a GitHub user.",
            "operation": "users/get-by-username",
            "inputs": [{"arg": "username", "param": "search_text"}]
        }),
    );
    let run = runtime
        .run(
            &user,
            &inputs(json!({"search_text": "octocat"})),
            &target,
            false,
        )
        .await;
    assert_accepted(&run, &prism, "GET /users/{username}");
    let login = run.response.as_ref().map(|r| r.body["login"].clone());
    assert!(
        login.is_some_and(|l| l.is_string()),
        "the user is shown: {:?}",
        run.response
    );

    let repos = skill(
        GITHUB,
        json!({
            "toolName": "List a user's repositories",
            "description": "List them.",
            "operation": "repos/list-for-user",
            "inputs": [{"arg": "username", "param": "search_text"}, {"arg": "per_page", "const": 5}],
            "projection": [{"path": ["[first]", "name"], "leaf": "first_name"}]
        }),
    );
    let given = json!({"search_text": "octocat"});
    let run = runtime
        .run(&repos, &inputs(given.clone()), &target, false)
        .await;
    assert_accepted(&run, &prism, "GET /users/{username}/repos?per_page=");
    let wrong = with_constant(repos, "per_page", json!("abc"));
    assert_violation(&wrong, given, &target, &["per_page", "integer"]).await;
}

#[tokio::test]
async fn calendar_reads_and_nested_writes_are_valid_requests() {
    let Some(prism) = prism(CALENDAR, PrismOptions::default()) else {
        return;
    };
    let runtime = runtime(None);
    let target = bearer(prism.url());
    let list = skill(
        CALENDAR,
        json!({
            "toolName": "List the day's events",
            "description": "List events from a time on.",
            "operation": "calendar.events.list",
            "inputs": [
                {"arg": "calendarId", "param": "calendar_id"},
                {"arg": "timeMin", "param": "appointment_start"},
                {"arg": "maxResults", "const": 5},
                {"arg": "singleEvents", "const": true},
                {"arg": "orderBy", "const": "startTime"}
            ],
            "projection": [
                {"path": ["items[first]", "summary"], "leaf": "first_summary"},
                {"path": ["items[*]", "id"], "leaf": "event_ids"}
            ]
        }),
    );
    let day = json!({"calendar_id": "primary", "appointment_start": "2026-12-01T09:00:00-06:00"});
    let run = runtime
        .run(&list, &inputs(day.clone()), &target, false)
        .await;
    assert_accepted(&run, &prism, "GET /calendars/{calendarId}/events");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    assert_secret_hidden(&run, "Authorization");

    let insert = skill(
        CALENDAR,
        json!({
            "toolName": "Book a visit",
            "description": "Put the visit in the calendar.",
            "operation": "calendar.events.insert",
            "isWrite": true,
            "inputs": [{"arg": "calendarId", "param": "calendar_id"}],
            "inputObjectMap": [
                {"field": "summary", "param": "service_type"},
                {"field": "description", "param": "notes"},
                {"field": "start", "const": {"dateTime": "2026-12-01T09:00:00-06:00", "timeZone": "America/Chicago"}},
                {"field": "end", "const": {"dateTime": "2026-12-01T10:00:00-06:00", "timeZone": "America/Chicago"}}
            ],
            "projection": [{"path": ["id"], "leaf": "event_id"}, {"path": ["htmlLink"], "leaf": "link"}],
            "confirmation": {"prompt": "Book {service_type}?"}
        }),
    );
    let booking =
        json!({"calendar_id": "primary", "service_type": "drain cleaning", "notes": "Gate 4411"});
    let run = runtime
        .run(&insert, &inputs(booking.clone()), &target, true)
        .await;
    assert_accepted(&run, &prism, "POST /calendars/{calendarId}/events (JSON)");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    insta::assert_json_snapshot!("calendar_insert_event", snapshot_brief(&run, prism.url()));

    // Dotted body names build the nested object from parameters (`start.dateTime`).
    let mut nested = insert;
    if let ExecutionConfig::NativeRest(plan) = &mut nested.execution_config {
        for argument in plan.arguments.iter_mut().filter(|a| a.name == "start") {
            argument.name = "start.dateTime".to_owned();
            argument.value = ValuePlan::Param {
                param: "appointment_start".to_owned(),
                from: bindery_binding::Provenance::Caller,
                transform: None,
                default: None,
            };
        }
    }
    let mut given = booking;
    given["appointment_start"] = json!("2026-12-02T08:30:00-06:00");
    let run = runtime.run(&nested, &inputs(given), &target, true).await;
    assert_accepted(&run, &prism, "POST with a dotted body name");
    let body: Value = serde_json::from_str(
        http_support::json(&run)["request"]["body"]
            .as_str()
            .unwrap_or_default(),
    )
    .expect("the JSON body as sent");
    assert_eq!(
        body["start"],
        json!({"dateTime": "2026-12-02T08:30:00-06:00"}),
        "nested"
    );

    let wrong = with_constant(list, "maxResults", json!("lots"));
    assert_violation(&wrong, day, &target, &["maxResults", "integer"]).await;
}

#[tokio::test]
async fn petstore_reads_and_writes_are_valid_requests() {
    let Some(prism) = prism(PETSTORE, PrismOptions::default()) else {
        return;
    };
    let runtime = runtime(None);
    // Reading one pet takes the `api_key` header; the other operations only OAuth (a bearer).
    let api_key = target(prism.url(), &[("api_key", TOKEN)]);
    let target = bearer(prism.url());
    let pet = skill(
        PETSTORE,
        json!({
            "toolName": "Read a pet", "description": "Read a pet.", "operation": "getPetById",
            "inputs": [{"arg": "petId", "const": 10}],
            "projection": [{"path": ["name"], "leaf": "name"}, {"path": ["status"], "leaf": "status"}]
        }),
    );
    let run = runtime.run(&pet, &inputs(json!({})), &api_key, false).await;
    assert_accepted(&run, &prism, "GET /pet/{petId}");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    assert_secret_hidden(&run, "api_key");

    let by_status = skill(
        PETSTORE,
        json!({
            "toolName": "Pets for sale", "description": "List pets.", "operation": "findPetsByStatus",
            "inputs": [{"arg": "status", "const": "available"}],
            "projection": [{"path": ["[first]", "name"], "leaf": "name"}, {"path": ["[*]", "id"], "leaf": "ids"}]
        }),
    );
    let run = runtime
        .run(&by_status, &inputs(json!({})), &target, false)
        .await;
    assert_accepted(&run, &prism, "GET /pet/findByStatus?status=");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );

    let add = skill(
        PETSTORE,
        json!({
            "toolName": "Add a pet", "description": "Add a pet.", "operation": "addPet", "isWrite": true,
            "inputObjectMap": [
                {"field": "name", "param": "search_text"},
                {"field": "photoUrls", "const": ["https://example.com/rex.jpg"]},
                {"field": "category", "const": {"id": 1, "name": "Dogs"}},
                {"field": "status", "const": "available"}
            ],
            "projection": [{"path": ["id"], "leaf": "pet_id"}],
            "confirmation": {"prompt": "Add {search_text}?"}
        }),
    );
    let run = runtime
        .run(&add, &inputs(json!({"search_text": "Rex"})), &target, true)
        .await;
    assert_accepted(&run, &prism, "POST /pet (JSON)");
    assert_eq!(
        null_leaves(&run),
        Vec::<String>::new(),
        "projected: {:?}",
        run.output
    );
    assert_secret_hidden(&run, "Authorization");
}
