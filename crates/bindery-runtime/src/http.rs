//! The HTTP exchange REST and GraphQL runs share: the request sent with the runtime's client and
//! time limit, the answer read as a stream up to the size cap, and what can go wrong mapped to
//! coded diagnostics (timeout, unreachable, an error status with the provider's own words, a
//! body that is not JSON or is too large). Header values are never logged.

mod words;

use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use words::{excerpt, host_of, provider_error};
pub(crate) use words::{shown_url, strip_userinfo};

use crate::codes::RunCode;
use crate::outcome::{
    RawResponse, ResolvedRequest, RunDiagnostic, RunStatus, Severity, ShownHeader, TryRun,
};
use crate::{AuthHeader, Runtime, REDACTED};

/// The headers of a request: as sent, and as shown (credentials redacted).
pub(crate) struct Headers {
    /// Sent.
    pub map: HeaderMap,
    /// Shown, in the order added.
    pub shown: Vec<ShownHeader>,
}

/// Plain headers (shown as sent) then the credentials (sent, shown redacted). A plain header
/// that cannot be sent is a plan problem; a credential that cannot is reported without its value.
pub(crate) fn headers(
    plain: Vec<(String, String)>,
    auth: &[AuthHeader],
) -> Result<Headers, Vec<RunDiagnostic>> {
    let mut out = Headers {
        map: HeaderMap::new(),
        shown: Vec::new(),
    };
    let mut problems = Vec::new();
    for (name, value) in plain {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(key), Ok(sent)) => {
                out.map.append(key, sent);
                out.shown.push(ShownHeader {
                    name,
                    value,
                    secret: false,
                });
            }
            _ => problems.push(
                RunDiagnostic::new(
                    RunCode::PlanInvalid,
                    format!("the header `{name}` cannot be sent with the value {value:?}"),
                )
                .at(format!("request.headers.{name}")),
            ),
        }
    }
    for credential in auth {
        let name = credential.name();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(credential.expose()),
        ) {
            (Ok(key), Ok(mut sent)) => {
                sent.set_sensitive(true);
                out.map.append(key, sent);
                out.shown.push(ShownHeader {
                    name: name.to_owned(),
                    value: REDACTED.to_owned(),
                    secret: true,
                });
            }
            _ => problems.push(RunDiagnostic::new(
                RunCode::CredentialsUnavailable,
                format!("the credential header `{name}` has a name or value that cannot be sent"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Follows at most `max` redirects, and only within the origin the request went to: reqwest drops
/// `Authorization` and `Cookie` when a redirect leaves the host, but not a provider's own
/// credential header (`api_key`, `X-Shopify-Access-Token`), so another host never gets a request
/// with the credentials. A redirect not followed is the answer (see [`answer`]).
pub(crate) fn same_origin_redirects(max: usize) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= max {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// What came back from one exchange.
pub(crate) struct Exchange {
    /// The answer as shown (JSON parsed, else text).
    pub response: RawResponse,
    /// Request sent → body read, in milliseconds.
    pub latency_ms: f64,
    /// Problems with the answer (status, size, not JSON).
    pub diagnostics: Vec<RunDiagnostic>,
    /// The body is complete JSON of a successful answer, so it may be projected.
    pub projectable: bool,
}

/// One request to send.
pub(crate) struct Outgoing {
    pub method: reqwest::Method,
    pub url: url::Url,
    pub headers: HeaderMap,
    pub body: Option<Vec<u8>>,
}

/// Sends the request and reads its answer, then makes the run: the projection (given the parsed
/// body) only when the answer is complete JSON of a successful status.
pub(crate) async fn run(
    runtime: &Runtime,
    outgoing: Outgoing,
    shown: ResolvedRequest,
    project: impl FnOnce(&Value) -> (Option<Map<String, Value>>, Vec<RunDiagnostic>),
) -> TryRun {
    let shown_url = shown_url(&outgoing.url);
    match exchange(runtime, outgoing, &shown_url).await {
        Ok(exchange) => {
            let mut diagnostics = exchange.diagnostics;
            let output = if exchange.projectable {
                let (output, found) = project(&exchange.response.body);
                diagnostics.extend(found);
                output
            } else {
                None
            };
            let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
            TryRun {
                status: if failed {
                    RunStatus::Failed
                } else {
                    RunStatus::Ok
                },
                is_write: false,
                executed: true,
                request: Some(shown),
                response: Some(exchange.response),
                output,
                latency_ms: Some(exchange.latency_ms),
                diagnostics,
            }
        }
        Err((diagnostic, latency_ms)) => TryRun {
            status: RunStatus::Failed,
            is_write: false,
            // A request that timed out may have been acted on; one that never connected was not.
            executed: diagnostic.code == RunCode::Timeout.as_str(),
            request: Some(shown),
            response: None,
            output: None,
            latency_ms: Some(latency_ms),
            diagnostics: vec![diagnostic],
        },
    }
}

/// A run that built its request and sent nothing.
pub(crate) fn dry_run(shown: ResolvedRequest) -> TryRun {
    TryRun {
        status: RunStatus::DryRun,
        is_write: false,
        executed: false,
        request: Some(shown),
        response: None,
        output: None,
        latency_ms: None,
        diagnostics: Vec::new(),
    }
}

/// Sends `outgoing` and reads its answer. `Err` when no answer came (timeout, unreachable).
async fn exchange(
    runtime: &Runtime,
    outgoing: Outgoing,
    shown_url: &str,
) -> Result<Exchange, (RunDiagnostic, f64)> {
    let limits = runtime.limits;
    let mut request = runtime
        .client
        .request(outgoing.method, outgoing.url)
        .headers(outgoing.headers)
        .timeout(limits.http_timeout);
    if let Some(body) = outgoing.body {
        request = request.body(body);
    }
    let started = Instant::now();
    let read = async {
        let response = request
            .send()
            .await
            .map_err(|e| transport_error(&e, shown_url))?;
        let status = response.status().as_u16();
        let (bytes, truncated) = read_capped(response, limits.max_response_bytes)
            .await
            .map_err(|e| transport_error(&e, shown_url))?;
        Ok::<_, RunDiagnostic>((status, bytes, truncated))
    };
    let outcome = tokio::time::timeout(limits.http_timeout, read).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (status, bytes, truncated) = match outcome {
        Ok(Ok(read)) => read,
        Ok(Err(diagnostic)) => return Err((diagnostic, latency_ms)),
        Err(_) => return Err((timeout(limits.http_timeout, shown_url), latency_ms)),
    };
    tracing::debug!(
        status,
        bytes = bytes.len(),
        truncated,
        latency_ms,
        "provider answered"
    );
    Ok(answer(
        status,
        &bytes,
        truncated,
        limits.max_response_bytes,
        latency_ms,
    ))
}

/// Reads the body piece by piece, keeping at most `cap` bytes.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let announced = response.content_length().unwrap_or(0);
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(cap).min(cap));
    while let Some(chunk) = response.chunk().await? {
        let room = cap.saturating_sub(body.len());
        if chunk.len() > room {
            body.extend_from_slice(chunk.get(..room).unwrap_or_default());
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// The answer read into a [`RawResponse`] with its diagnostics.
fn answer(status: u16, bytes: &[u8], truncated: bool, cap: usize, latency_ms: f64) -> Exchange {
    let mut diagnostics = Vec::new();
    let parsed = if bytes.iter().all(u8::is_ascii_whitespace) {
        Some(Value::Null)
    } else if truncated {
        None
    } else {
        serde_json::from_slice::<Value>(bytes).ok()
    };
    let is_json = parsed.is_some();
    let body = parsed.unwrap_or_else(|| Value::String(String::from_utf8_lossy(bytes).into_owned()));
    if truncated {
        diagnostics.push(
            RunDiagnostic::new(
                RunCode::ResponseTooLarge,
                format!("the answer is larger than {cap} bytes; it was cut there and not read"),
            )
            .at("response"),
        );
    }
    if (300..400).contains(&status) {
        diagnostics.push(
            RunDiagnostic::new(
                RunCode::HttpStatus,
                format!(
                    "the provider answered HTTP {status}, a redirect that leaves its host (or one \
                     too many); it is not followed with the credentials"
                ),
            )
            .at("response"),
        );
    } else if status >= 400 {
        let said = provider_error(&body);
        let message = match said {
            Some(text) => format!("the provider answered HTTP {status}: {text}"),
            None => format!("the provider answered HTTP {status}"),
        };
        diagnostics.push(RunDiagnostic::new(RunCode::HttpStatus, message).at("response"));
    } else if !is_json && !truncated {
        diagnostics.push(
            RunDiagnostic::new(
                RunCode::ResponseNotJson,
                format!(
                    "the answer is not JSON (it starts with {:?})",
                    excerpt(&String::from_utf8_lossy(bytes), 80)
                ),
            )
            .at("response"),
        );
    }
    Exchange {
        projectable: diagnostics.is_empty(),
        response: RawResponse {
            http_status: Some(status),
            body,
            bytes: bytes.len() as u64,
            truncated,
            rows_affected: None,
        },
        latency_ms,
        diagnostics,
    }
}

fn timeout(limit: std::time::Duration, shown_url: &str) -> RunDiagnostic {
    RunDiagnostic::new(
        RunCode::Timeout,
        format!(
            "{} did not answer within {} ms",
            host_of(shown_url),
            limit.as_millis()
        ),
    )
    .at("request")
}

/// A transport failure as a diagnostic, without the URL's credentials.
fn transport_error(error: &reqwest::Error, shown_url: &str) -> RunDiagnostic {
    let host = host_of(shown_url);
    if error.is_timeout() {
        return RunDiagnostic::new(
            RunCode::Timeout,
            format!("{host} did not answer within the time limit"),
        )
        .at("request");
    }
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !causes.contains(&text) {
            causes.push(text);
        }
        source = cause.source();
    }
    let cause = if causes.is_empty() {
        String::from("the connection failed")
    } else {
        causes.join(": ")
    };
    let message = if error.is_body() || error.is_decode() {
        format!("reading the answer from {host} failed: {cause}")
    } else {
        format!("could not reach {host}: {cause}")
    };
    RunDiagnostic::new(RunCode::Unreachable, strip_userinfo(&message)).at("request")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_are_classified() {
        let ok = answer(200, br#"{"a":1}"#, false, 100, 1.0);
        assert!(ok.projectable && ok.diagnostics.is_empty(), "plain JSON");
        let empty = answer(204, b"", false, 100, 1.0);
        assert!(empty.projectable, "an empty body is null");
        let html = answer(200, b"<html>", false, 100, 1.0);
        let codes: Vec<&str> = html.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["runtime/response-not-json"], "text body");
        assert_eq!(html.response.body, json!("<html>"), "shown as text");
        let cut = answer(200, br#"{"a":"#, true, 5, 1.0);
        let codes: Vec<&str> = cut.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["runtime/response-too-large"], "cut body");
        assert!(
            !cut.projectable && cut.response.truncated,
            "never projected"
        );
        let failed = answer(500, b"oops", false, 100, 1.0);
        let codes: Vec<&str> = failed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["runtime/http-status"], "status only");
    }
}
