//! A real OAuth 2.0 / OpenID Connect authorization server: `tests/doubles/oidc-server.mjs`
//! (panva's oidc-provider with its development login and consent forms, PKCE required,
//! revocation and introspection on, everything in memory).
//!
//! Two clients are registered, both allowed any loopback port for
//! `http://127.0.0.1/callback`: [`OidcDouble::NATIVE_CLIENT_ID`] (public, rotating refresh
//! tokens) and [`OidcDouble::CONFIDENTIAL_CLIENT_ID`] with
//! [`OidcDouble::CONFIDENTIAL_CLIENT_SECRET`] (HTTP Basic, refresh tokens not rotated, the one
//! allowed to introspect). A refresh token is issued for the `offline_access` scope with
//! `prompt=consent`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::{node_doubles_available, NodeDouble, TestkitError};

/// How the OIDC double behaves.
#[derive(Debug, Clone)]
pub struct OidcOptions {
    /// Access token lifetime (whole seconds, at least 1): short to force a refresh.
    pub access_token_ttl: Duration,
}

impl Default for OidcOptions {
    /// Access tokens live an hour.
    fn default() -> Self {
        Self {
            access_token_ttl: Duration::from_secs(3600),
        }
    }
}

/// A running oidc-provider on `http://127.0.0.1:<free port>`; stopped on drop.
#[derive(Debug)]
pub struct OidcDouble {
    node: NodeDouble,
    authorization_endpoint: String,
    token_endpoint: String,
    revocation_endpoint: String,
    introspection_endpoint: String,
    userinfo_endpoint: String,
}

/// How long one request to the double may take.
const REQUEST_LIMIT: Duration = Duration::from_secs(10);

impl OidcDouble {
    /// The public native client (`token_endpoint_auth_method: none`).
    pub const NATIVE_CLIENT_ID: &'static str = "bindery-native";
    /// The confidential client (`client_secret_basic`).
    pub const CONFIDENTIAL_CLIENT_ID: &'static str = "bindery-confidential";
    /// The confidential client's secret.
    pub const CONFIDENTIAL_CLIENT_SECRET: &'static str = "bindery-test-secret";

    /// Starts the server and reads its endpoints from `/.well-known/openid-configuration`.
    ///
    /// `Ok(None)` when node or `tests/doubles/node_modules` is missing and `CI` is not set (a
    /// "skipped" line is printed to stderr): the caller returns early. With `CI=true` that is an
    /// `Err`.
    pub fn start(options: OidcOptions) -> Result<Option<Self>, TestkitError> {
        if !node_doubles_available()? {
            return Ok(None);
        }
        let ttl = options.access_token_ttl.as_secs().max(1).to_string();
        let node = NodeDouble::spawn(
            "oidc-server.mjs",
            ["--port", "0", "--access-token-ttl", ttl.as_str()],
        )?;
        let discovery = http_get(&format!("{}/.well-known/openid-configuration", node.url()))?;
        let endpoint = |name: &str| {
            json_string(&discovery, name).ok_or_else(|| {
                TestkitError::io(
                    format!("the discovery document of {} has no {name}", node.url()),
                    std::io::Error::other(discovery.clone()),
                )
            })
        };
        Ok(Some(Self {
            authorization_endpoint: endpoint("authorization_endpoint")?,
            token_endpoint: endpoint("token_endpoint")?,
            revocation_endpoint: endpoint("revocation_endpoint")?,
            introspection_endpoint: endpoint("introspection_endpoint")?,
            userinfo_endpoint: endpoint("userinfo_endpoint")?,
            node,
        }))
    }

    /// `http://127.0.0.1:PORT`, the issuer.
    pub fn issuer(&self) -> &str {
        self.node.url()
    }

    /// Where the browser goes to sign in and consent (`/auth`).
    pub fn authorization_endpoint(&self) -> &str {
        &self.authorization_endpoint
    }

    /// The token endpoint (`/token`).
    pub fn token_endpoint(&self) -> &str {
        &self.token_endpoint
    }

    /// The RFC 7009 revocation endpoint (`/token/revocation`).
    pub fn revocation_endpoint(&self) -> &str {
        &self.revocation_endpoint
    }

    /// The RFC 7662 introspection endpoint (`/token/introspection`; confidential client only).
    pub fn introspection_endpoint(&self) -> &str {
        &self.introspection_endpoint
    }

    /// The userinfo endpoint (`/me`; `Authorization: Bearer <access token>`).
    pub fn userinfo_endpoint(&self) -> &str {
        &self.userinfo_endpoint
    }

    /// How many POST requests the token endpoint has received since the server started.
    pub fn token_requests(&self) -> Result<u64, TestkitError> {
        let url = format!("{}/test/token-requests", self.issuer());
        let body = http_get(&url)?;
        json_number(&body, "count").ok_or_else(|| {
            TestkitError::io(
                format!("{url} did not answer with a count"),
                std::io::Error::other(body),
            )
        })
    }

    /// The node process id.
    pub fn pid(&self) -> u32 {
        self.node.pid()
    }

    /// The last lines the server wrote (for assertion messages).
    pub fn output_tail(&self) -> String {
        self.node.output_tail()
    }
}

/// A blocking `GET` of an `http://host:port/path` URL on loopback; the body of a 200 answer.
/// HTTP/1.0, so the body is neither chunked nor kept alive: it ends when the server closes.
fn http_get(url: &str) -> Result<String, TestkitError> {
    let fail = |what: &str, e: std::io::Error| TestkitError::io(format!("GET {url}: {what}"), e);
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| fail("not an http URL", std::io::Error::other("http:// expected")))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(authority).map_err(|e| fail("cannot connect", e))?;
    stream
        .set_read_timeout(Some(REQUEST_LIMIT))
        .and_then(|()| stream.set_write_timeout(Some(REQUEST_LIMIT)))
        .map_err(|e| fail("cannot set timeouts", e))?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nAccept: application/json\r\n\r\n"
    )
    .map_err(|e| fail("cannot send", e))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| fail("cannot read", e))?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text.as_str(), ""));
    let status = head.lines().next().unwrap_or_default();
    if status.split(' ').nth(1) == Some("200") {
        Ok(body.to_string())
    } else {
        Err(fail(
            "not 200",
            std::io::Error::other(format!("{status}\n{body}")),
        ))
    }
}

/// The string value of the top-level `"name": "value"` in compact JSON (what oidc-provider
/// writes); `\/` and `\"` escapes are undone.
fn json_string(json: &str, name: &str) -> Option<String> {
    let after = value_after(json, name)?.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = after.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            _ => value.push(c),
        }
    }
    None
}

/// The number value of `"name": 123` in JSON.
fn json_number(json: &str, name: &str) -> Option<u64> {
    let after = value_after(json, name)?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn value_after<'a>(json: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("\"{name}\"");
    let start = json.find(&key)? + key.len();
    json[start..]
        .trim_start()
        .strip_prefix(':')
        .map(str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::{json_number, json_string};

    #[test]
    fn values_are_read_from_compact_json() {
        let json = r#"{"issuer":"http://127.0.0.1:1","token_endpoint": "http:\/\/127.0.0.1:1\/token","count":12}"#;
        assert_eq!(
            json_string(json, "token_endpoint").as_deref(),
            Some("http://127.0.0.1:1/token"),
            "escaped slashes undone"
        );
        assert_eq!(json_number(json, "count"), Some(12), "a number");
        assert_eq!(json_string(json, "missing"), None, "an absent key");
    }
}
