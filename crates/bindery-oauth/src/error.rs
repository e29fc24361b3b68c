//! What can go wrong, as data: one variant per situation, each with a stable code (`oauth/...`)
//! the application branches on, and a message for a person.
//!
//! No variant ever holds a token, a client secret or an authorization code. Text that comes from
//! the provider (`error_description`) is cut to a short single line and scrubbed of every secret
//! the request carried before it is kept.

use std::fmt;
use std::time::Duration;

/// The provider endpoint a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// The token endpoint (code exchange and refresh).
    Token,
    /// The RFC 7009 revocation endpoint.
    Revocation,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::Token => "token",
            Endpoint::Revocation => "revocation",
        })
    }
}

/// Why an OAuth operation failed. [`OAuthError::code`] is the stable identifier.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// The provider's OAuth settings cannot be used (a URL that does not parse or is plain http
    /// to another machine, an empty client id, an extra parameter that would override one
    /// Bindery sets).
    #[error("the OAuth settings for this provider cannot be used: {problem}")]
    InvalidConfig {
        /// What is wrong, naming the setting.
        problem: String,
    },
    /// A sign-in is already waiting for approval in the browser.
    #[error(
        "another sign-in is already waiting for approval in the browser: finish or cancel it first"
    )]
    FlowInProgress,
    /// No running sign-in has this id (it finished, timed out or was cancelled).
    #[error("no sign-in with this id is waiting: it finished, timed out or was cancelled")]
    NoSuchFlow,
    /// The loopback listener for the browser's redirect could not be opened.
    #[error("Bindery could not open its sign-in listener on 127.0.0.1: {source}")]
    Listener {
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Answers reached the loopback listener whose `state` did not match this sign-in; Bindery
    /// refused them (their codes were never exchanged) and no genuine approval arrived in time.
    #[error("Bindery refused an answer that did not belong to this sign-in (its state did not match), and no approval arrived in time: start the sign-in again")]
    StateMismatch,
    /// The person (or the provider) refused the request (`error=access_denied`).
    #[error("the sign-in was not approved in the browser{}", detail(description))]
    Denied {
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// The provider ended the sign-in with an error other than `access_denied` (for example
    /// `invalid_scope`), or redirected back without a code.
    #[error(
        "the provider could not complete the sign-in ({error}{})",
        detail(description)
    )]
    AuthorizationFailed {
        /// The provider's `error` code, or what was missing.
        error: String,
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// No approval arrived from the browser in time.
    #[error("no approval arrived from the browser within {} s: start the sign-in again when ready", waited.as_secs())]
    Timeout {
        /// How long Bindery waited.
        waited: Duration,
    },
    /// The sign-in was cancelled.
    #[error("the sign-in was cancelled")]
    Cancelled,
    /// The provider no longer accepts the grant (`invalid_grant`: a revoked, expired or already
    /// used refresh token or code). The connection needs a new sign-in.
    #[error("the provider no longer accepts this connection's approval (invalid_grant{}): connect again", detail(description))]
    InvalidGrant {
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// The access token has expired and there is no refresh token to renew it.
    #[error("the access has expired and the provider gave no refresh token: connect again")]
    NoRefreshToken,
    /// The endpoint answered with an OAuth error other than `invalid_grant` (for example
    /// `invalid_client`).
    #[error("the provider's {endpoint} endpoint refused the request ({error}{}): check the client id and secret", detail(description))]
    Refused {
        /// Which endpoint.
        endpoint: Endpoint,
        /// The provider's `error` code.
        error: String,
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// The endpoint's answer is not a usable OAuth response (not JSON, an HTML page, no
    /// `access_token`, too large).
    #[error(
        "the provider's {endpoint} endpoint did not answer with a valid OAuth response: {reason}"
    )]
    BadTokenResponse {
        /// Which endpoint.
        endpoint: Endpoint,
        /// What was wrong with the answer (never its content).
        reason: String,
    },
    /// The endpoint could not be reached (connection refused, DNS, TLS, timeout).
    #[error("Bindery could not reach the provider's {endpoint} endpoint at {host}: {reason}")]
    Unreachable {
        /// Which endpoint.
        endpoint: Endpoint,
        /// The endpoint's host and port.
        host: String,
        /// Why, in a few words.
        reason: String,
    },
    /// The revocation endpoint did not confirm the revocation.
    #[error("the provider's revocation endpoint did not confirm the revocation: {reason}")]
    RevocationFailed {
        /// What the endpoint answered (never a token).
        reason: String,
    },
}

impl OAuthError {
    /// The stable code, e.g. `oauth/invalid-grant`.
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::InvalidConfig { .. } => "oauth/invalid-config",
            OAuthError::FlowInProgress => "oauth/flow-in-progress",
            OAuthError::NoSuchFlow => "oauth/no-such-flow",
            OAuthError::Listener { .. } => "oauth/listener-failed",
            OAuthError::StateMismatch => "oauth/state-mismatch",
            OAuthError::Denied { .. } => "oauth/denied",
            OAuthError::AuthorizationFailed { .. } => "oauth/authorization-failed",
            OAuthError::Timeout { .. } => "oauth/timeout",
            OAuthError::Cancelled => "oauth/cancelled",
            OAuthError::InvalidGrant { .. } => "oauth/invalid-grant",
            OAuthError::NoRefreshToken => "oauth/no-refresh-token",
            OAuthError::Refused { .. } => "oauth/refused",
            OAuthError::BadTokenResponse { .. } => "oauth/bad-token-response",
            OAuthError::Unreachable { .. } => "oauth/unreachable",
            OAuthError::RevocationFailed { .. } => "oauth/revocation-failed",
        }
    }

    /// Every code, for documentation and for tests that check codes stay unique.
    pub const CODES: &'static [&'static str] = &[
        "oauth/invalid-config",
        "oauth/flow-in-progress",
        "oauth/no-such-flow",
        "oauth/listener-failed",
        "oauth/state-mismatch",
        "oauth/denied",
        "oauth/authorization-failed",
        "oauth/timeout",
        "oauth/cancelled",
        "oauth/invalid-grant",
        "oauth/no-refresh-token",
        "oauth/refused",
        "oauth/bad-token-response",
        "oauth/unreachable",
        "oauth/revocation-failed",
    ];

    pub(crate) fn invalid_config(problem: impl Into<String>) -> Self {
        OAuthError::InvalidConfig {
            problem: problem.into(),
        }
    }
}

fn detail(description: &Option<String>) -> String {
    match description {
        Some(text) => format!(": {text}"),
        None => String::new(),
    }
}

/// Longest provider text kept in an error.
const PROVIDER_TEXT_LIMIT: usize = 200;

/// Secrets shorter than this are not scrubbed: replacing every `a` would garble the text, and
/// real codes, tokens and client secrets are far longer.
const SHORTEST_SCRUBBED: usize = 8;

/// Provider text made safe to keep: one line, at most [`PROVIDER_TEXT_LIMIT`] characters, and
/// every secret in `secrets` (the code, token or client secret the request carried) replaced by
/// `<redacted>`, in case the provider echoes it.
pub(crate) fn provider_text(text: &str, secrets: &[&str]) -> String {
    let mut clean = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= SHORTEST_SCRUBBED) {
        clean = clean.replace(secret, "<redacted>");
    }
    let one_line: String = clean
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.chars().count() > PROVIDER_TEXT_LIMIT {
        let cut: String = trimmed.chars().take(PROVIDER_TEXT_LIMIT).collect();
        format!("{cut}…")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{provider_text, OAuthError, PROVIDER_TEXT_LIMIT};
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_listed() {
        let unique: BTreeSet<_> = OAuthError::CODES.iter().collect();
        assert_eq!(
            unique.len(),
            OAuthError::CODES.len(),
            "no code appears twice"
        );
        for error in [
            OAuthError::FlowInProgress,
            OAuthError::Cancelled,
            OAuthError::StateMismatch,
            OAuthError::NoRefreshToken,
            OAuthError::invalid_config("x"),
        ] {
            assert!(
                OAuthError::CODES.contains(&error.code()),
                "{} is listed in CODES",
                error.code()
            );
        }
    }

    #[test]
    fn provider_text_is_scrubbed_single_line_and_short() {
        let text = provider_text("bad code abc12345\nsee docs", &["abc12345", "", "e"]);
        assert_eq!(
            text, "bad code <redacted> see docs",
            "secret replaced, newline gone, too short a 'secret' ignored"
        );
        let long = provider_text(&"x".repeat(500), &[]);
        assert_eq!(
            long.chars().count(),
            PROVIDER_TEXT_LIMIT + 1,
            "cut to the limit plus an ellipsis"
        );
    }
}
