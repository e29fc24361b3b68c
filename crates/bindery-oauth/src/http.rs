//! The HTTP side of token requests: a reqwest client that never follows redirects (as the
//! `oauth2` documentation advises, against SSRF), with timeouts and a cap on the answer's size,
//! adapted to `oauth2`'s [`AsyncHttpClient`]. Each request records the answer's status and
//! content type so errors can say what came back without repeating its body.

use std::error::Error as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};

use crate::OAuthError;

/// Largest answer read from a token or revocation endpoint (token answers are a few KiB).
pub(crate) const RESPONSE_LIMIT: usize = 1024 * 1024;

/// Limits for requests to the provider.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    pub(crate) connect: Duration,
    pub(crate) total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
        }
    }
}

/// Builds the reqwest client: no redirects, the given timeouts.
pub(crate) fn build_client(timeouts: Timeouts) -> Result<reqwest::Client, OAuthError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeouts.connect)
        .timeout(timeouts.total)
        .user_agent(concat!("Bindery/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| OAuthError::invalid_config(format!("cannot set up HTTPS ({e})")))
}

/// What an endpoint answered: status and content type (never the body).
#[derive(Debug, Clone, Default)]
pub(crate) struct Answer {
    pub(crate) status: Option<u16>,
    pub(crate) content_type: Option<String>,
}

impl Answer {
    /// `HTTP 500 text/html`, or `no answer`.
    pub(crate) fn describe(&self) -> String {
        match (self.status, self.content_type.as_deref()) {
            (Some(status), Some(kind)) => format!("HTTP {status} {kind}"),
            (Some(status), None) => format!("HTTP {status} without a content type"),
            (None, _) => "no answer".to_string(),
        }
    }
}

/// Why a request got no usable answer.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TransportError {
    /// Connecting, sending or reading failed.
    #[error("{reason}")]
    Unreachable { reason: String },
    /// The answer exceeded [`RESPONSE_LIMIT`].
    #[error("the answer is larger than {limit} bytes")]
    TooLarge { limit: usize },
}

/// One request's client: sends through `client` and records the [`Answer`].
pub(crate) struct RecordingHttp<'a> {
    client: &'a reqwest::Client,
    answer: Mutex<Answer>,
}

impl<'a> RecordingHttp<'a> {
    pub(crate) fn new(client: &'a reqwest::Client) -> Self {
        RecordingHttp {
            client,
            answer: Mutex::new(Answer::default()),
        }
    }

    /// What the endpoint answered (status and content type).
    pub(crate) fn answer(&self) -> Answer {
        self.answer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn record(&self, answer: Answer) {
        *self.answer.lock().unwrap_or_else(PoisonError::into_inner) = answer;
    }
}

impl<'c> AsyncHttpClient<'c> for RecordingHttp<'_> {
    type Error = TransportError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request =
                reqwest::Request::try_from(request).map_err(|e| TransportError::Unreachable {
                    reason: format!("the request could not be built ({})", reason_of(&e)),
                })?;
            let mut response =
                self.client
                    .execute(request)
                    .await
                    .map_err(|e| TransportError::Unreachable {
                        reason: reason_of(&e),
                    })?;
            let content_type = content_type(&response);
            self.record(Answer {
                status: Some(response.status().as_u16()),
                content_type,
            });
            let body = read_limited(&mut response).await?;
            let mut builder = oauth2::http::Response::builder()
                .status(response.status())
                .version(response.version());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            builder.body(body).map_err(|e| TransportError::Unreachable {
                reason: format!("the answer could not be read ({e})"),
            })
        })
    }
}

/// Reads a whole answer, refusing more than [`RESPONSE_LIMIT`] bytes.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
) -> Result<Vec<u8>, TransportError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| TransportError::Unreachable {
            reason: reason_of(&e),
        })?
    {
        if body.len() + chunk.len() > RESPONSE_LIMIT {
            return Err(TransportError::TooLarge {
                limit: RESPONSE_LIMIT,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The content type without parameters (`text/html`).
pub(crate) fn content_type(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_string())
}

/// A few words on why a request failed: the innermost cause (connection refused, DNS, TLS),
/// never the request itself.
pub(crate) fn reason_of(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "no answer in time".to_string();
    }
    let mut innermost = None;
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return "connection refused (is the server running?)".to_string()
                }
                std::io::ErrorKind::TimedOut => return "no answer in time".to_string(),
                _ => {}
            }
        }
        innermost = Some(cause.to_string());
        source = cause.source();
    }
    innermost.unwrap_or_else(|| error.to_string())
}
