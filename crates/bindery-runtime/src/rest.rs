//! REST: the frozen [`RestPlan`] filled with the run's values — path placeholders
//! percent-encoded, query, header and cookie arguments, and the body in the plan's media type —
//! sent to the provider's base URL with the credentials attached at the transport, and the JSON
//! answer projected into the output leaves.

mod encode;

pub(crate) use encode::insert as insert_dotted;

use bindery_binding::RestPlan;
use bindery_schema::ArgLocation;
use serde_json::{Map, Value};

use crate::http::{self, Outgoing};
use crate::{
    project, HttpTarget, Inputs, Mode, ResolvedRequest, RunCode, RunDiagnostic, Runtime, TryRun,
};

/// Runs a REST plan: builds the request (every problem at once), then sends it unless this is a
/// dry run.
pub(crate) async fn run(
    runtime: &Runtime,
    plan: &RestPlan,
    inputs: &Inputs<'_>,
    target: &HttpTarget,
    mode: Mode,
) -> TryRun {
    let (outgoing, shown) = match build(plan, inputs, target) {
        Ok(built) => built,
        Err(problems) => return TryRun::failed(false, problems),
    };
    tracing::debug!(
        method = %plan.method,
        path = %plan.path,
        dry_run = mode == Mode::DryRun,
        "REST request built"
    );
    if mode == Mode::DryRun {
        return http::dry_run(shown);
    }
    http::run(runtime, outgoing, shown, |body| {
        let (leaves, diagnostics) = project::project_json(body, &plan.outputs);
        (Some(leaves), diagnostics)
    })
    .await
}

/// The arguments' values by where they go.
#[derive(Default)]
struct Placed {
    path: Vec<(String, Value)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    cookies: Vec<String>,
    body: Map<String, Value>,
}

/// Resolves every argument and builds the request to send and the one to show.
fn build(
    plan: &RestPlan,
    inputs: &Inputs<'_>,
    target: &HttpTarget,
) -> Result<(Outgoing, ResolvedRequest), Vec<RunDiagnostic>> {
    let mut problems = Vec::new();
    let mut placed = Placed::default();
    let mut has_body = false;
    for argument in &plan.arguments {
        let value = match inputs.resolve(&argument.value) {
            Ok(Some(value)) => value,
            Ok(None) => continue,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let name = argument.name.clone();
        match argument.location {
            ArgLocation::Path => placed.path.push((name, value)),
            ArgLocation::Query => encode::flatten(&name, &value, false, &mut placed.query),
            ArgLocation::Header if !value.is_null() => {
                placed.headers.push((name, encode::text(&value)));
            }
            ArgLocation::Cookie if !value.is_null() => {
                let text = encode::path_segment(&encode::text(&value));
                placed.cookies.push(format!("{name}={text}"));
            }
            ArgLocation::Header | ArgLocation::Cookie => {}
            ArgLocation::Body => {
                has_body = true;
                encode::insert(&mut placed.body, &name, value);
            }
            ArgLocation::Variable | ArgLocation::Column => problems.push(
                RunDiagnostic::new(
                    RunCode::PlanInvalid,
                    format!("`{name}` is not a place in an HTTP request"),
                )
                .at(format!("executionConfig.arguments.{name}")),
            ),
        }
    }
    let base = match target
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(base) => Some(base),
        None => {
            problems.push(RunDiagnostic::new(
                RunCode::NoBaseUrl,
                "the provider has no base URL: set one on the provider to send requests",
            ));
            None
        }
    };
    let path = fill_path(&plan.path, &placed.path, &mut problems);
    let method = reqwest::Method::from_bytes(plan.method.as_bytes()).map_err(|_| {
        vec![RunDiagnostic::new(
            RunCode::PlanInvalid,
            format!("`{}` is not an HTTP method", plan.method),
        )]
    })?;
    let url = base.and_then(|base| {
        let mut text = format!("{}{path}", base.trim_end_matches('/'));
        if !placed.query.is_empty() {
            text.push(if text.contains('?') { '&' } else { '?' });
            text.push_str(&encode::form_string(&placed.query));
        }
        match url::Url::parse(&text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
            _ => {
                problems.push(RunDiagnostic::new(
                    RunCode::NoBaseUrl,
                    format!(
                        "the provider's base URL {:?} is not an http(s) URL",
                        http::strip_userinfo(base)
                    ),
                ));
                None
            }
        }
    });

    let mut plain = vec![("Accept".to_owned(), "application/json".to_owned())];
    let body = if has_body {
        let media = plan
            .body_media_type
            .as_deref()
            .unwrap_or("application/json");
        let (text, content_type) = encode::body(std::mem::take(&mut placed.body), media);
        plain.push(("Content-Type".to_owned(), content_type.clone()));
        Some((text, content_type))
    } else {
        None
    };
    plain.append(&mut placed.headers);
    if !placed.cookies.is_empty() {
        plain.push(("Cookie".to_owned(), placed.cookies.join("; ")));
    }
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
    let shown = ResolvedRequest::NativeRest {
        method: method.as_str().to_owned(),
        url: http::shown_url(&url),
        headers: headers.shown,
        body: body.as_ref().map(|(text, _)| text.clone()),
        body_media_type: body.as_ref().map(|(_, media)| media.clone()),
    };
    let outgoing = Outgoing {
        method,
        url,
        headers: headers.map,
        body: body.map(|(text, _)| text.into_bytes()),
    };
    Ok((outgoing, shown))
}

/// The path template with every `{placeholder}` replaced by its percent-encoded value.
fn fill_path(
    template: &str,
    values: &[(String, Value)],
    problems: &mut Vec<RunDiagnostic>,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let name = after.get(1..close).unwrap_or("");
        match values.iter().find(|(n, _)| n == name) {
            Some((_, value)) if !encode::text(value).is_empty() => {
                out.push_str(&encode::path_segment(&encode::text(value)));
            }
            _ => problems.push(
                RunDiagnostic::new(
                    RunCode::PlanInvalid,
                    format!("the path placeholder `{{{name}}}` of `{template}` has no value"),
                )
                .at(format!("executionConfig.path.{name}")),
            ),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_are_filled_encoded_or_reported() {
        let mut problems = Vec::new();
        let values = vec![
            ("owner".to_owned(), json!("octo cat")),
            ("id".to_owned(), json!(42)),
        ];
        assert_eq!(
            fill_path("/repos/{owner}/{id}", &values, &mut problems),
            "/repos/octo%20cat/42",
            "filled"
        );
        assert!(problems.is_empty(), "no problem: {problems:?}");
        fill_path("/repos/{owner}/{repo}", &values, &mut problems);
        let codes: Vec<&str> = problems.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["runtime/plan-invalid"],
            "the missing one is reported"
        );
    }
}
