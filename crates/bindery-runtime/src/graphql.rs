//! GraphQL: the frozen document POSTed to the endpoint with its variables (scalar variables from
//! their values, input objects from their fields, unset optional ones left out) and the
//! credentials attached at the transport; the answer's `errors` and the mutation payload's
//! `userErrors` are failures with the provider's words, `data.<rootField>` is projected.

use bindery_binding::GraphqlPlan;
use serde_json::{json, Map, Value};

use crate::http::{self, Outgoing};
use crate::{
    project, HttpTarget, Inputs, Mode, ResolvedRequest, RunCode, RunDiagnostic, Runtime, TryRun,
};

/// The most GraphQL errors or user errors listed one by one.
const LISTED: usize = 10;

/// Runs a GraphQL plan: builds the POST (every problem at once), then sends it unless this is a
/// dry run.
pub(crate) async fn run(
    runtime: &Runtime,
    plan: &GraphqlPlan,
    inputs: &Inputs<'_>,
    target: &HttpTarget,
    mode: Mode,
) -> TryRun {
    let (outgoing, shown) = match build(plan, inputs, target) {
        Ok(built) => built,
        Err(problems) => return TryRun::failed(false, problems),
    };
    tracing::debug!(
        operation = %plan.operation_name,
        dry_run = mode == Mode::DryRun,
        "GraphQL request built"
    );
    if mode == Mode::DryRun {
        return http::dry_run(shown);
    }
    http::run(runtime, outgoing, shown, |body| read_answer(plan, body)).await
}

/// The variables, the request to send and the one to show.
fn build(
    plan: &GraphqlPlan,
    inputs: &Inputs<'_>,
    target: &HttpTarget,
) -> Result<(Outgoing, ResolvedRequest), Vec<RunDiagnostic>> {
    let mut problems = Vec::new();
    let mut variables = Map::new();
    for variable in &plan.variables {
        if let Some(value) = &variable.value {
            match inputs.resolve(value) {
                Ok(Some(value)) => {
                    variables.insert(variable.name.clone(), value);
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
            continue;
        }
        if variable.fields.is_empty() {
            continue;
        }
        let mut object = Map::new();
        for field in &variable.fields {
            match inputs.resolve(&field.value) {
                Ok(Some(value)) => crate::rest::insert_dotted(&mut object, &field.field, value),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        if !object.is_empty() || variable.graphql_type.ends_with('!') {
            variables.insert(variable.name.clone(), Value::Object(object));
        }
    }
    let url = match target
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        None => {
            problems.push(RunDiagnostic::new(
                RunCode::NoBaseUrl,
                "the provider has no GraphQL endpoint URL: set one on the provider",
            ));
            None
        }
        Some(text) => match url::Url::parse(text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
            _ => {
                problems.push(RunDiagnostic::new(
                    RunCode::NoBaseUrl,
                    format!(
                        "the provider's endpoint {:?} is not an http(s) URL",
                        http::strip_userinfo(text)
                    ),
                ));
                None
            }
        },
    };
    let plain = vec![
        ("Accept".to_owned(), "application/json".to_owned()),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    let headers = match http::headers(plain, &target.auth) {
        Ok(headers) => Some(headers),
        Err(mut found) => {
            problems.append(&mut found);
            None
        }
    };
    let (Some(url), Some(headers), true) = (url, headers, problems.is_empty()) else {
        return Err(problems);
    };
    let body = json!({
        "query": plan.document,
        "operationName": plan.operation_name,
        "variables": variables,
    });
    let shown = ResolvedRequest::NativeGraphql {
        url: http::shown_url(&url),
        headers: headers.shown,
        operation_name: plan.operation_name.clone(),
        document: plan.document.clone(),
        variables,
    };
    let outgoing = Outgoing {
        method: reqwest::Method::POST,
        url,
        headers: headers.map,
        body: Some(body.to_string().into_bytes()),
    };
    Ok((outgoing, shown))
}

/// Reads a GraphQL answer: `errors`, then `data.<rootField>` projected and its user errors.
fn read_answer(
    plan: &GraphqlPlan,
    body: &Value,
) -> (Option<Map<String, Value>>, Vec<RunDiagnostic>) {
    let mut diagnostics = graphql_errors(body);
    let root = body
        .get("data")
        .and_then(|data| data.get(&plan.root_field))
        .unwrap_or(&Value::Null);
    if root.is_null() {
        if !diagnostics.is_empty() {
            return (None, diagnostics);
        }
        diagnostics.push(if body.get("data").is_none() {
            RunDiagnostic::new(
                RunCode::OutputMissing,
                "the answer has neither `data` nor `errors`: it is not a GraphQL answer",
            )
            .at("response.data")
        } else {
            RunDiagnostic::new(
                RunCode::NoResult,
                format!("the answer's `{}` is null", plan.root_field),
            )
            .at(format!("response.data.{}", plan.root_field))
        });
        let (leaves, _) = project::project_json(&Value::Null, &plan.outputs);
        return (Some(leaves), diagnostics);
    }
    if let Some(path) = &plan.user_errors_path {
        diagnostics.extend(user_errors(root, path, &plan.root_field));
    }
    let (leaves, found) = project::project_json(root, &plan.outputs);
    diagnostics.extend(found);
    (Some(leaves), diagnostics)
}

/// One `runtime/graphql-errors` per error of the answer (at most [`LISTED`], then a count).
fn graphql_errors(body: &Value) -> Vec<RunDiagnostic> {
    let errors = body
        .get("errors")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out: Vec<RunDiagnostic> = errors
        .iter()
        .take(LISTED)
        .enumerate()
        .map(|(i, error)| {
            let message = error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("an error without a message");
            let path = dotted(error.get("path"));
            let text = match &path {
                Some(path) => format!("the provider refused the query at `{path}`: {message}"),
                None => format!("the provider refused the query: {message}"),
            };
            RunDiagnostic::new(RunCode::GraphqlErrors, text).at(format!("response.errors[{i}]"))
        })
        .collect();
    if errors.len() > LISTED {
        out.push(
            RunDiagnostic::new(
                RunCode::GraphqlErrors,
                format!("and {} more errors", errors.len() - LISTED),
            )
            .at("response.errors"),
        );
    }
    out
}

/// One `runtime/user-errors` per entry of the payload's `userErrors` list.
fn user_errors(root: &Value, path: &[String], root_field: &str) -> Vec<RunDiagnostic> {
    let list = path
        .iter()
        .try_fold(root, |value, field| value.get(field))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let at = format!("response.data.{root_field}.{}", path.join("."));
    let mut out: Vec<RunDiagnostic> = list
        .iter()
        .take(LISTED)
        .enumerate()
        .map(|(i, error)| {
            let message = error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("refused without a message");
            let text = match dotted(error.get("field")) {
                Some(field) => format!("the provider refused `{field}`: {message}"),
                None => format!("the provider refused the input: {message}"),
            };
            RunDiagnostic::new(RunCode::UserErrors, text).at(format!("{at}[{i}]"))
        })
        .collect();
    if list.len() > LISTED {
        out.push(
            RunDiagnostic::new(
                RunCode::UserErrors,
                format!("and {} more refusals", list.len() - LISTED),
            )
            .at(at),
        );
    }
    out
}

/// A GraphQL path or a user error's `field` (`["input", "email"]`) as `input.email`.
fn dotted(path: Option<&Value>) -> Option<String> {
    match path? {
        Value::Array(segments) if !segments.is_empty() => Some(
            segments
                .iter()
                .map(|s| match s {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("."),
        ),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bindery_binding::OutputPlan;

    fn plan() -> GraphqlPlan {
        GraphqlPlan {
            document: "query Q($id: ID!) { customer(id: $id) { name } }".to_owned(),
            operation_name: "Q".to_owned(),
            root_field: "customer".to_owned(),
            variables: Vec::new(),
            user_errors_path: None,
            outputs: vec![OutputPlan {
                leaf: "name".to_owned(),
                path: vec!["name".to_owned()],
                leaf_type: "string".to_owned(),
                many: false,
            }],
        }
    }

    #[test]
    fn a_null_root_gives_null_leaves_and_a_note() {
        let (output, diagnostics) = read_answer(&plan(), &json!({"data": {"customer": null}}));
        assert_eq!(
            output,
            Some(
                json!({"name": null})
                    .as_object()
                    .cloned()
                    .unwrap_or_default()
            ),
            "null leaf"
        );
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["runtime/no-result"], "nothing found");
        let (_, diagnostics) = read_answer(&plan(), &json!({"message": "hello"}));
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["runtime/output-missing"], "not a GraphQL answer");
    }

    #[test]
    fn errors_and_user_errors_are_listed_with_where() {
        let errors = graphql_errors(&json!({"errors": [
            {"message": "Field 'x' doesn't exist", "path": ["customer", "x"]},
            {"message": "throttled"},
        ]}));
        let texts: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            texts,
            [
                "the provider refused the query at `customer.x`: Field 'x' doesn't exist",
                "the provider refused the query: throttled"
            ],
            "each error"
        );
        let refused = user_errors(
            &json!({"userErrors": [{"field": ["input", "email"], "message": "Email has already been taken"}]}),
            &["userErrors".to_owned()],
            "customerCreate",
        );
        assert_eq!(
            refused
                .first()
                .map(|d| (d.code, d.message.as_str(), d.at.as_deref())),
            Some((
                "runtime/user-errors",
                "the provider refused `input.email`: Email has already been taken",
                Some("response.data.customerCreate.userErrors[0]")
            )),
            "the user error"
        );
        assert!(
            user_errors(&json!({"userErrors": []}), &["userErrors".to_owned()], "x").is_empty(),
            "an empty list is fine"
        );
    }
}
