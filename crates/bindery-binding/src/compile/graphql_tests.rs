use serde_json::json;

use super::operation_name;
use crate::compile::testkit::{compile_ok, graphql_schema, try_compile};
use crate::{ExecutionConfig, GraphqlPlan, ValuePlan};

fn graphql_plan(config: &ExecutionConfig) -> &GraphqlPlan {
    let plan = match config {
        ExecutionConfig::NativeGraphql(plan) => Some(plan),
        _ => None,
    };
    plan.expect("a GraphQL plan")
}

#[test]
fn a_query_selects_exactly_the_projection_through_connections() {
    let schema = graphql_schema();
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Look up the caller",
            "description": "Find the caller's account by e-mail.",
            "operation": "Query.customer",
            "inputs": [{"arg": "email", "param": "caller_email"}],
            "projection": [
                {"path": ["name"], "leaf": "customer_name"},
                {"path": ["address", "city"], "leaf": "city"},
                {"path": ["issues[*]", "title"], "leaf": "open_issues"},
                {"path": ["orders[first]", "total"], "leaf": "last_order_total"},
                {"path": ["address", "city"], "leaf": "city_again"}
            ]
        }),
    );
    let plan = graphql_plan(&skill.execution_config);
    assert_eq!(
        plan.document,
        "query LookUpTheCaller($email: String!) { customer(email: $email) { name address { city } issues { nodes { title } } orders(first: 1) { edges { node { total } } } } }",
        "one line, merged by field name, connections through their real path, paged when they can be"
    );
    assert_eq!(plan.operation_name, "LookUpTheCaller", "operation name");
    assert_eq!(plan.root_field, "customer", "root field");
    assert_eq!(plan.variables.len(), 1, "only bound arguments");
    assert_eq!(
        plan.variables[0].graphql_type, "String!",
        "the schema's spelling"
    );
    assert!(
        matches!(&plan.variables[0].value, Some(ValuePlan::Param { param, .. }) if param == "caller_email"),
        "the variable's value"
    );
    let paths: Vec<Vec<&str>> = plan
        .outputs
        .iter()
        .map(|o| o.path.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        paths,
        vec![
            vec!["name"],
            vec!["address", "city"],
            vec!["issues", "nodes[*]", "title"],
            vec!["orders", "edges[first]", "node", "total"],
            vec!["address", "city"],
        ],
        "output paths follow the JSON"
    );
    assert!(
        plan.outputs[2].many && !plan.outputs[3].many,
        "cardinalities"
    );
    assert_eq!(plan.user_errors_path, None, "a query has no userErrors");
    assert_eq!(skill.expected_latency_ms, 400, "GraphQL read estimate");
    assert_eq!(
        skill.data_egress_map[0].destination, "variable:email",
        "egress"
    );
    assert_eq!(
        skill.allowed_fields,
        vec![
            "graphql:Address.city",
            "graphql:Customer.name",
            "graphql:Issue.title",
            "graphql:Order.total"
        ],
        "sorted and deduplicated"
    );
}

#[test]
fn a_mutation_sends_its_input_object_and_selects_user_errors() {
    let schema = graphql_schema();
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Add customer",
            "description": "Create the caller's account.",
            "operation": "Mutation.customerCreate",
            "isWrite": true,
            "confirmation": {"prompt": "Create an account for {caller_name}?"},
            "inputObjectMap": [
                {"field": "name", "param": "caller_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "accounts need an e-mail", "by": "ops"}}
            ],
            "projection": [{"path": ["customer", "name"], "leaf": "created_name"}]
        }),
    );
    let plan = graphql_plan(&skill.execution_config);
    assert_eq!(
        plan.document,
        "mutation AddCustomer($input: CustomerInput!) { customerCreate(input: $input) { customer { name } userErrors { field message } } }",
        "mutation document"
    );
    assert_eq!(
        plan.user_errors_path,
        Some(vec!["userErrors".to_owned()]),
        "userErrors path"
    );
    assert_eq!(plan.variables.len(), 1, "one input variable");
    let fields: Vec<&str> = plan.variables[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, vec!["name", "email"], "its fields in binding order");
    assert!(
        plan.variables[0].value.is_none(),
        "an input object has fields, not a value"
    );
    let egress: Vec<(&str, Option<&str>)> = skill
        .data_egress_map
        .iter()
        .map(|e| (e.destination.as_str(), e.override_reason.as_deref()))
        .collect();
    assert_eq!(
        egress,
        vec![
            ("variable:input.name", None),
            ("variable:input.email", Some("accounts need an e-mail"))
        ],
        "egress names the input fields"
    );
    assert!(
        !skill.requires_verified_identity,
        "a create needs no verified identity"
    );
    assert_eq!(skill.expected_latency_ms, 500, "GraphQL write estimate");
}

#[test]
fn a_root_connection_is_selected_through_its_path() {
    let schema = graphql_schema();
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "recent issues",
            "description": "The five latest issues.",
            "operation": "Query.issues",
            "inputs": [{"arg": "first", "const": 5}],
            "projection": [{"path": ["[*]", "title"], "leaf": "titles"}]
        }),
    );
    let plan = graphql_plan(&skill.execution_config);
    assert_eq!(
        plan.document,
        "query RecentIssues($first: Int) { issues(first: $first) { edges { node { title } } } }",
        "root connection"
    );
    assert_eq!(
        plan.outputs[0].path,
        vec!["edges[*]", "node", "title"],
        "output path"
    );
    assert_eq!(
        skill.parameters_schema["properties"],
        json!({}),
        "a constant is not asked for"
    );
}

#[test]
fn a_connection_the_binding_does_not_page_is_paged_for_the_projections() {
    let schema = graphql_schema();
    let document = |projection: serde_json::Value| {
        let skill = compile_ok(
            &schema,
            json!({
                "toolName": "Issues",
                "description": "Latest issues.",
                "operation": "Query.issues",
                "projection": projection
            }),
        );
        graphql_plan(&skill.execution_config).document.clone()
    };
    assert_eq!(
        document(json!([{"path": ["[first]", "title"], "leaf": "latest"}])),
        "query Issues { issues(first: 1) { edges { node { title } } } }",
        "one item for [first]"
    );
    assert_eq!(
        document(json!([
            {"path": ["[2]", "title"], "leaf": "third"},
            {"path": ["[*]", "title"], "leaf": "titles"}
        ])),
        "query Issues { issues(first: 50) { edges { node { title } } } }",
        "the largest need wins"
    );
}

#[test]
fn a_missing_type_spelling_is_a_compile_error() {
    let mut schema = graphql_schema();
    for op in &mut schema.operations {
        for arg in &mut op.arguments {
            arg.native_type = None;
        }
    }
    let result = try_compile(
        &schema,
        json!({
            "toolName": "Look up",
            "description": "Find by e-mail.",
            "operation": "Query.customer",
            "inputs": [{"arg": "email", "param": "caller_email"}],
            "projection": [{"path": ["name"], "leaf": "name"}]
        }),
    );
    assert!(
        result.is_err_and(|e| e.message.contains("GraphQL type")),
        "no type, no document"
    );
}

#[test]
fn operation_names_are_pascal_case_graphql_names() {
    assert_eq!(
        operation_name("Look up the caller"),
        "LookUpTheCaller",
        "words"
    );
    assert_eq!(
        operation_name("find-order #2"),
        "FindOrder2",
        "punctuation dropped"
    );
    assert_eq!(
        operation_name("2 day forecast"),
        "Bindery2DayForecast",
        "no leading digit"
    );
    assert_eq!(operation_name("¿?"), "Bindery", "never empty");
    assert_eq!(operation_name("Café lookup"), "CafLookup", "ASCII only");
}
