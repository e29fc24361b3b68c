//! A live GraphQL endpoint: the introspection query over HTTP POST, with the provider's
//! credentials as headers, timeouts and a size cap. Servers older than the 2021 spec refuse the
//! query's `includeDeprecated` on arguments; their answer is retried once with the classic query.
//! Header values are secrets: they never reach a message, a log line or `Debug` output.

use std::fmt;
use std::time::Duration;

use super::introspection::{self, CLASSIC_QUERY, QUERY};
use crate::document::MAX_DOCUMENT_BYTES;
use crate::DiscoveryError;

/// Time allowed to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long and how much an introspection may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// Time allowed for the whole answer.
    pub timeout: Duration,
    /// Largest answer read.
    pub max_bytes: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(60),
            max_bytes: MAX_DOCUMENT_BYTES,
        }
    }
}

/// A request header whose value is a secret (an `Authorization` token, an API key).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretHeader {
    /// Header name.
    pub name: String,
    value: String,
}

impl SecretHeader {
    /// A header; the value is only ever written to the request.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> SecretHeader {
        SecretHeader {
            name: name.into(),
            value: value.into(),
        }
    }

    /// The value, for the request being built only.
    pub fn expose(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for SecretHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: <redacted>", self.name)
    }
}

/// A GraphQL endpoint and how to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The http(s) URL queries are POSTed to.
    pub url: String,
    /// Headers sent with each request (credentials from the vault).
    pub headers: Vec<SecretHeader>,
    /// Timeout and size cap.
    pub limits: FetchLimits,
}

impl Endpoint {
    /// An endpoint without credentials and with the default limits.
    pub fn new(url: impl Into<String>) -> Endpoint {
        Endpoint {
            url: url.into(),
            headers: Vec::new(),
            limits: FetchLimits::default(),
        }
    }

    /// Runs the introspection query; the bytes of an answer that holds a schema.
    pub(crate) async fn introspect(&self) -> Result<Vec<u8>, DiscoveryError> {
        let client = self.client()?;
        let first = self.post(&client, QUERY, "BinderyIntrospection").await?;
        let mut ignored = Vec::new();
        match introspection::read(&first, &self.url, &mut ignored) {
            Ok(introspection::Answer::Errors(messages)) => {
                tracing::info!(
                    url = %self.url,
                    errors = messages.len(),
                    "the endpoint refused the full introspection query; retrying the classic one"
                );
                self.post(&client, CLASSIC_QUERY, "BinderyIntrospectionClassic")
                    .await
            }
            _ => Ok(first),
        }
    }

    fn client(&self) -> Result<reqwest::Client, DiscoveryError> {
        let parsed = reqwest::Url::parse(&self.url)
            .map_err(|e| self.unreachable(format!("not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(self.unreachable(format!(
                "only http and https endpoints are queried, not {}:",
                parsed.scheme()
            )));
        }
        reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(self.limits.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("bindery/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| self.unreachable(format!("cannot build an HTTP client: {e}")))
    }

    async fn post(
        &self,
        client: &reqwest::Client,
        query: &str,
        operation: &str,
    ) -> Result<Vec<u8>, DiscoveryError> {
        let mut request = client
            .post(&self.url)
            .header(
                reqwest::header::ACCEPT,
                "application/graphql-response+json, application/json;q=0.9",
            )
            .json(&serde_json::json!({ "query": query, "operationName": operation }));
        for header in &self.headers {
            request = request.header(header.name.as_str(), header.value.as_str());
        }
        let mut response = request.send().await.map_err(|e| self.failed(&e))?;
        let status = response.status();
        if matches!(status.as_u16(), 401 | 403) {
            return Err(DiscoveryError::Refused {
                source_name: self.url.clone(),
                status: status.as_u16(),
            });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_owned();
        if response
            .content_length()
            .is_some_and(|n| n > self.limits.max_bytes as u64)
        {
            return Err(self.too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.failed(&e))? {
            if body.len() + chunk.len() > self.limits.max_bytes {
                return Err(self.too_large());
            }
            body.extend_from_slice(&chunk);
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            return Err(if status.is_success() {
                DiscoveryError::NotJson {
                    source_name: self.url.clone(),
                    content_type,
                }
            } else {
                DiscoveryError::EndpointStatus {
                    source_name: self.url.clone(),
                    status: status.as_u16(),
                }
            });
        }
        // A GraphQL server may answer errors with 400 and a JSON body; the body says why.
        Ok(body)
    }

    fn too_large(&self) -> DiscoveryError {
        DiscoveryError::TooLarge {
            source_name: self.url.clone(),
            limit_bytes: self.limits.max_bytes,
        }
    }

    fn unreachable(&self, detail: String) -> DiscoveryError {
        DiscoveryError::Unreachable {
            source_name: self.url.clone(),
            detail,
        }
    }

    fn failed(&self, error: &reqwest::Error) -> DiscoveryError {
        if error.is_timeout() {
            DiscoveryError::Timeout {
                source_name: self.url.clone(),
                seconds: self.limits.timeout.as_secs_f64(),
            }
        } else if error.is_connect() {
            self.unreachable("cannot connect to the server".to_owned())
        } else {
            // reqwest's message names the URL at most, never request headers.
            self.unreachable(error.to_string())
        }
    }
}
