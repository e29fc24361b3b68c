//! [`TokenClient`]: the requests to a provider's token and revocation endpoints (code exchange,
//! refresh, RFC 7009 revocation), with every failure mapped to a coded [`OAuthError`].

use std::time::{Duration, SystemTime};

use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicTokenResponse, BasicTokenType,
};
use oauth2::{
    AuthorizationCode, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError,
    TokenResponse,
};
use url::Url;

use crate::error::provider_text;
use crate::http::{
    build_client, content_type, read_limited, reason_of, Answer, RecordingHttp, Timeouts,
    TransportError,
};
use crate::{ClientAuthentication, Endpoint, OAuthError, ProviderOAuth, Token, TokenSet};

/// What [`TokenClient::revoke`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// The provider confirmed the revocation (refresh token first, then access token).
    Revoked,
    /// The provider has no revocation endpoint: nothing was sent. The tokens stay valid at the
    /// provider until they expire or the person removes the app's access there.
    NotSupported,
}

/// Talks to a provider's token and revocation endpoints over HTTPS (or http to this machine).
///
/// Redirects are never followed; a request may take 10 s to connect and 30 s in all; an answer
/// larger than 1 MiB is refused. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct TokenClient {
    http: reqwest::Client,
}

impl std::fmt::Debug for TokenClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenClient").finish_non_exhaustive()
    }
}

type TokenRequestError = RequestTokenError<TransportError, BasicErrorResponse>;

impl TokenClient {
    /// A client with the default limits (10 s to connect, 30 s per request).
    pub fn new() -> Result<TokenClient, OAuthError> {
        Self::with_timeouts(Timeouts::default().connect, Timeouts::default().total)
    }

    /// A client with other limits (tests use short ones).
    pub fn with_timeouts(connect: Duration, total: Duration) -> Result<TokenClient, OAuthError> {
        Ok(TokenClient {
            http: build_client(Timeouts { connect, total })?,
        })
    }

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    pub(crate) async fn exchange_code(
        &self,
        config: &ProviderOAuth,
        code: Token,
        verifier: PkceCodeVerifier,
        redirect_uri: RedirectUrl,
    ) -> Result<TokenSet, OAuthError> {
        let client = config.token_client(Some(redirect_uri))?;
        let http = RecordingHttp::new(&self.http);
        tracing::info!(host = %config.token_host(), "oauth: exchanging the authorization code");
        let response = client
            .exchange_code(AuthorizationCode::new(code.expose().to_string()))
            .set_pkce_verifier(verifier)
            .request_async(&http)
            .await;
        let secrets = secrets_of(config, &[code.expose()]);
        finish(
            response,
            &http.answer(),
            config,
            &config.scopes,
            None,
            &secrets,
        )
    }

    /// Refreshes an access token. The answer's refresh token replaces the old one when the
    /// provider rotates; when it does not, the old refresh token is kept in the result. A
    /// revoked, expired or already used refresh token is `oauth/invalid-grant`.
    pub async fn refresh(
        &self,
        config: &ProviderOAuth,
        refresh_token: &Token,
    ) -> Result<TokenSet, OAuthError> {
        self.refresh_with_scopes(config, refresh_token, &config.scopes)
            .await
    }

    /// [`TokenClient::refresh`] with the scopes to assume when the answer names none.
    pub(crate) async fn refresh_with_scopes(
        &self,
        config: &ProviderOAuth,
        refresh_token: &Token,
        scopes: &[String],
    ) -> Result<TokenSet, OAuthError> {
        let client = config.token_client(None)?;
        let http = RecordingHttp::new(&self.http);
        tracing::info!(host = %config.token_host(), "oauth: refreshing an access token");
        let refresh = RefreshToken::new(refresh_token.expose().to_string());
        let response = client
            .exchange_refresh_token(&refresh)
            .request_async(&http)
            .await;
        let secrets = secrets_of(config, &[refresh_token.expose()]);
        finish(
            response,
            &http.answer(),
            config,
            scopes,
            Some(refresh_token),
            &secrets,
        )
    }

    /// Revokes the connection at the provider (RFC 7009): the refresh token first (which ends
    /// the whole grant at most providers), then the access token. Any failure is returned, not
    /// hidden; the one exception is an access token the provider calls `invalid_token` or
    /// `unsupported_token_type` after its refresh token was revoked (Google answers so once the
    /// grant is gone).
    pub async fn revoke(
        &self,
        config: &ProviderOAuth,
        tokens: &TokenSet,
    ) -> Result<Revocation, OAuthError> {
        let Some(endpoint) = config.revocation_endpoint()? else {
            tracing::info!("oauth: the provider has no revocation endpoint; nothing revoked");
            return Ok(Revocation::NotSupported);
        };
        let secrets = secrets_of(
            config,
            &[
                tokens.access_token.expose(),
                tokens.refresh_token.as_ref().map_or("", Token::expose),
            ],
        );
        let refresh_revoked = match &tokens.refresh_token {
            Some(refresh) => {
                self.revoke_one(config, &endpoint, refresh, "refresh_token", &secrets)
                    .await
                    .map_err(RevokeFailure::into_error)?;
                true
            }
            None => false,
        };
        match self
            .revoke_one(
                config,
                &endpoint,
                &tokens.access_token,
                "access_token",
                &secrets,
            )
            .await
        {
            Ok(()) => Ok(Revocation::Revoked),
            Err(RevokeFailure::Refused { error, .. })
                if refresh_revoked
                    && (error == "invalid_token" || error == "unsupported_token_type") =>
            {
                Ok(Revocation::Revoked)
            }
            Err(failure) => Err(failure.into_error()),
        }
    }

    async fn revoke_one(
        &self,
        config: &ProviderOAuth,
        endpoint: &Url,
        token: &Token,
        hint: &str,
        secrets: &[&str],
    ) -> Result<(), RevokeFailure> {
        let mut form = vec![("token", token.expose()), ("token_type_hint", hint)];
        let mut request = self.http.post(endpoint.clone());
        match (&config.client_secret, config.client_authentication) {
            (Some(secret), ClientAuthentication::HttpBasic) => {
                // RFC 6749 §2.3.1: id and secret are form-url-encoded before Basic encoding.
                let id: String =
                    url::form_urlencoded::byte_serialize(config.client_id.trim().as_bytes())
                        .collect();
                let secret: String =
                    url::form_urlencoded::byte_serialize(secret.expose().as_bytes()).collect();
                request = request.basic_auth(id, Some(secret));
            }
            (Some(secret), ClientAuthentication::RequestBody) => {
                form.push(("client_id", config.client_id.trim()));
                form.push(("client_secret", secret.expose()));
            }
            (None, _) => form.push(("client_id", config.client_id.trim())),
        }
        tracing::info!(host = %config.revocation_host(), hint, "oauth: revoking a token");
        let unreachable = |reason: String| {
            RevokeFailure::Other(OAuthError::Unreachable {
                endpoint: Endpoint::Revocation,
                host: config.revocation_host(),
                reason,
            })
        };
        let mut response = request
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| unreachable(reason_of(&e)))?;
        let answer = Answer {
            status: Some(response.status().as_u16()),
            content_type: content_type(&response),
        };
        if response.status() == reqwest::StatusCode::OK {
            return Ok(());
        }
        let body = read_limited(&mut response).await.map_err(|e| match e {
            TransportError::Unreachable { reason } => unreachable(reason),
            TransportError::TooLarge { .. } => RevokeFailure::Other(OAuthError::RevocationFailed {
                reason: format!("{} with a body larger than 1 MiB", answer.describe()),
            }),
        })?;
        match serde_json::from_slice::<BasicErrorResponse>(&body) {
            Ok(error) => Err(RevokeFailure::Refused {
                error: provider_text(error.error().as_ref(), secrets),
                description: error.error_description().map(|d| provider_text(d, secrets)),
                answer,
            }),
            Err(_) => Err(RevokeFailure::Other(OAuthError::RevocationFailed {
                reason: format!("{}, not an OAuth error", answer.describe()),
            })),
        }
    }
}

/// Why one revocation request failed.
enum RevokeFailure {
    /// The endpoint answered with an OAuth error.
    Refused {
        error: String,
        description: Option<String>,
        answer: Answer,
    },
    /// Anything else, already mapped.
    Other(OAuthError),
}

impl RevokeFailure {
    fn into_error(self) -> OAuthError {
        match self {
            RevokeFailure::Refused {
                error,
                description,
                answer,
            } => OAuthError::RevocationFailed {
                reason: match description {
                    Some(description) => format!("{} {error}: {description}", answer.describe()),
                    None => format!("{} {error}", answer.describe()),
                },
            },
            RevokeFailure::Other(error) => error,
        }
    }
}

/// The secrets a request carried (plus the client secret), to scrub from provider text.
fn secrets_of<'a>(config: &'a ProviderOAuth, carried: &[&'a str]) -> Vec<&'a str> {
    let mut secrets: Vec<&str> = carried.to_vec();
    if let Some(secret) = &config.client_secret {
        secrets.push(secret.expose());
    }
    secrets
}

/// Turns a token endpoint's answer into a [`TokenSet`] or a coded error.
fn finish(
    response: Result<BasicTokenResponse, TokenRequestError>,
    answer: &Answer,
    config: &ProviderOAuth,
    requested_scopes: &[String],
    previous_refresh_token: Option<&Token>,
    secrets: &[&str],
) -> Result<TokenSet, OAuthError> {
    let response = response.map_err(|e| token_error(e, answer, config, secrets))?;
    let access_token = response.access_token().secret();
    if access_token.trim().is_empty() {
        return Err(OAuthError::BadTokenResponse {
            endpoint: Endpoint::Token,
            reason: format!("{} with an empty access_token", answer.describe()),
        });
    }
    let refresh_token = match response.refresh_token() {
        Some(token) if !token.secret().trim().is_empty() => {
            Some(Token::new(token.secret().to_string()))
        }
        _ => previous_refresh_token.cloned(),
    };
    let scopes = match response.scopes() {
        Some(granted) => config.split_scopes(granted.iter().map(|s| s.as_str())),
        None => requested_scopes.to_vec(),
    };
    Ok(TokenSet {
        access_token: Token::new(access_token.to_string()),
        refresh_token,
        expires_at: response
            .expires_in()
            .and_then(|lifetime| SystemTime::now().checked_add(lifetime)),
        scopes,
        token_type: match response.token_type() {
            // RFC 6750 spells it `Bearer`; `oauth2` reports it in lower case.
            BasicTokenType::Bearer => "Bearer".to_string(),
            other => other.as_ref().to_string(),
        },
    })
}

/// Maps a failed token request to a coded error, without any part of the answer's body.
fn token_error(
    error: TokenRequestError,
    answer: &Answer,
    config: &ProviderOAuth,
    secrets: &[&str],
) -> OAuthError {
    let bad = |reason: String| OAuthError::BadTokenResponse {
        endpoint: Endpoint::Token,
        reason,
    };
    match error {
        RequestTokenError::ServerResponse(response) => {
            let description = response
                .error_description()
                .map(|d| provider_text(d, secrets));
            match response.error() {
                BasicErrorResponseType::InvalidGrant => OAuthError::InvalidGrant { description },
                other => OAuthError::Refused {
                    endpoint: Endpoint::Token,
                    error: provider_text(other.as_ref(), secrets),
                    description,
                },
            }
        }
        RequestTokenError::Request(TransportError::Unreachable { reason }) => {
            OAuthError::Unreachable {
                endpoint: Endpoint::Token,
                host: config.token_host(),
                reason,
            }
        }
        RequestTokenError::Request(TransportError::TooLarge { limit }) => bad(format!(
            "{} with a body larger than {limit} bytes",
            answer.describe()
        )),
        RequestTokenError::Parse(error, _body) => {
            let inner = error.inner();
            if inner.is_syntax() || inner.is_eof() {
                bad(format!("{} that is not JSON", answer.describe()))
            } else if let Some(field) = missing_field(&inner.to_string()) {
                bad(format!("{} without `{field}`", answer.describe()))
            } else {
                // serde's other messages may quote a value: only the field's path is kept.
                bad(format!(
                    "{} whose `{}` is not what OAuth expects",
                    answer.describe(),
                    error.path()
                ))
            }
        }
        RequestTokenError::Other(message) if message.contains("empty") => {
            bad(format!("{} with an empty body", answer.describe()))
        }
        RequestTokenError::Other(_) => bad(format!("{}, not JSON", answer.describe())),
    }
}

/// The field named by serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::missing_field;

    #[test]
    fn missing_field_is_read_from_serdes_message() {
        assert_eq!(
            missing_field("missing field `access_token` at line 1 column 2"),
            Some("access_token"),
            "the field name"
        );
        assert_eq!(
            missing_field("invalid type: string \"x\""),
            None,
            "other messages are not missing fields"
        );
    }
}
