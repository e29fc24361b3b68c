use bindery_schema::ArgLocation;
use serde_json::json;

use super::path_placeholders;
use crate::compile::testkit::{compile_ok, rest_schema, try_compile};
use crate::{ExecutionConfig, RestPlan};

fn rest_plan(config: &ExecutionConfig) -> &RestPlan {
    let plan = match config {
        ExecutionConfig::NativeRest(plan) => Some(plan),
        _ => None,
    };
    plan.expect("a REST plan")
}

#[test]
fn a_get_places_each_argument_and_keeps_the_paths_as_written() {
    let schema = rest_schema();
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Find customers",
            "description": "Customers with the caller's e-mail.",
            "operation": "ListCustomers",
            "inputs": [{"arg": "email", "param": "caller_email", "transform": "lowercase"}],
            "projection": [
                {"path": ["data[first]", "name"], "leaf": "customer_name"},
                {"path": ["data[*]", "id"], "leaf": "customer_ids"}
            ]
        }),
    );
    let plan = rest_plan(&skill.execution_config);
    assert_eq!(
        (plan.method.as_str(), plan.path.as_str()),
        ("GET", "/v1/customers"),
        "route"
    );
    assert_eq!(plan.arguments.len(), 1, "one argument");
    assert_eq!(
        plan.arguments[0].location,
        ArgLocation::Query,
        "in the query"
    );
    assert_eq!(
        plan.outputs[0].path,
        vec!["data[first]", "name"],
        "as written"
    );
    assert!(plan.outputs[1].many, "[*] is many");
    assert_eq!(
        skill.data_egress_map[0].destination, "query:email",
        "egress"
    );
    assert_eq!(skill.expected_latency_ms, 300, "REST read estimate");
    assert!(
        skill.parameters_schema["properties"]["caller_email"]
            .get("format")
            .is_none(),
        "a transformed parameter carries no format: the transform reads free text"
    );
}

#[test]
fn a_post_sends_the_input_object_as_body_properties() {
    let schema = rest_schema();
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Create customer",
            "description": "Create the caller's customer record.",
            "operation": "PostCustomers",
            "isWrite": true,
            "confirmation": {"prompt": "Create a record for {caller_name}?"},
            "inputObjectMap": [
                {"field": "name", "param": "caller_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "the provider needs an e-mail", "by": "ops"}}
            ],
            "projection": [{"path": ["id"], "leaf": "customer_id"}]
        }),
    );
    let plan = rest_plan(&skill.execution_config);
    let placed: Vec<(&str, ArgLocation)> = plan
        .arguments
        .iter()
        .map(|a| (a.name.as_str(), a.location))
        .collect();
    assert_eq!(
        placed,
        vec![("name", ArgLocation::Body), ("email", ArgLocation::Body)],
        "body"
    );
    let destinations: Vec<&str> = skill
        .data_egress_map
        .iter()
        .map(|e| e.destination.as_str())
        .collect();
    assert_eq!(destinations, vec!["body:name", "body:email"], "egress");
    assert_eq!(
        skill.parameters_schema["properties"]["caller_email"]["format"],
        json!("email"),
        "an untransformed parameter keeps its format"
    );
    assert_eq!(
        skill.required_params,
        vec!["caller_email", "caller_name"],
        "sorted"
    );
}

#[test]
fn every_path_parameter_needs_a_value() {
    let schema = rest_schema();
    let unfilled = try_compile(
        &schema,
        json!({
            "toolName": "Get customer",
            "description": "One customer.",
            "operation": "GetCustomer",
            "inputs": [{"arg": "expand", "const": "address"}],
            "projection": [{"path": ["name"], "leaf": "name"}]
        }),
    );
    assert!(
        unfilled.is_err_and(|e| e.message.contains("{customer}")),
        "an unfilled path is refused"
    );
    let filled = compile_ok(
        &schema,
        json!({
            "toolName": "Get customer",
            "description": "One customer.",
            "operation": "GetCustomer",
            "inputs": [{"arg": "customer", "param": "customer_id"}],
            "projection": [{"path": ["name"], "leaf": "name"}]
        }),
    );
    assert_eq!(
        filled.data_egress_map[0].destination, "path:customer",
        "egress"
    );
}

#[test]
fn path_templates_name_their_placeholders() {
    assert_eq!(path_placeholders("/a/{b}/c/{d}"), vec!["b", "d"], "two");
    assert!(path_placeholders("/a/{b").is_empty(), "unclosed is ignored");
}
