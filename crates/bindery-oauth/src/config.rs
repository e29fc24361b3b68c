//! [`ProviderOAuth`]: one provider's OAuth settings with the person's own client, checked before
//! use and turned into an `oauth2` client.

use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, ClientId, ClientSecret, EndpointNotSet, EndpointSet, RedirectUrl, TokenUrl,
};
use url::Url;

use crate::{OAuthError, Token};

/// Authorization parameters Bindery sets itself: an extra parameter may not override them.
const RESERVED_PARAMETERS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// How the client authenticates at the token and revocation endpoints when it has a secret.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClientAuthentication {
    /// HTTP Basic with the url-encoded id and secret (RFC 6749 §2.3.1's recommendation).
    #[default]
    HttpBasic,
    /// `client_id` and `client_secret` in the form body, for providers that only accept that.
    RequestBody,
}

/// One provider's OAuth settings with the person's own client (they bring its id and secret).
///
/// Endpoint URLs must be `https`, except plain `http` to this machine (`127.0.0.1`, `[::1]`,
/// `localhost`) for local servers. `Debug` never shows the client secret.
#[derive(Debug, Clone)]
pub struct ProviderOAuth {
    /// The authorization endpoint the browser opens.
    pub authorize_url: String,
    /// The token endpoint (code exchange and refresh).
    pub token_url: String,
    /// The RFC 7009 revocation endpoint, if the provider has one.
    pub revocation_url: Option<String>,
    /// The person's OAuth client id.
    pub client_id: String,
    /// The person's client secret; `None` for a public (native) client, which PKCE protects.
    pub client_secret: Option<Token>,
    /// The scopes to request.
    pub scopes: Vec<String>,
    /// What joins the scopes in the `scope` parameter: `" "` per RFC 6749 (Google), `","` for
    /// some providers.
    pub scope_separator: String,
    /// Extra authorization parameters, e.g. Google's `access_type=offline` and `prompt=consent`.
    pub extra_authorize_params: Vec<(String, String)>,
    /// How the client authenticates when it has a secret.
    pub client_authentication: ClientAuthentication,
}

impl ProviderOAuth {
    /// Settings for a public client: no secret, no revocation endpoint, no scopes, scopes joined
    /// by a space, HTTP Basic when a secret is added. Set the other fields directly.
    pub fn new(
        authorize_url: impl Into<String>,
        token_url: impl Into<String>,
        client_id: impl Into<String>,
    ) -> ProviderOAuth {
        ProviderOAuth {
            authorize_url: authorize_url.into(),
            token_url: token_url.into(),
            revocation_url: None,
            client_id: client_id.into(),
            client_secret: None,
            scopes: Vec::new(),
            scope_separator: " ".to_string(),
            extra_authorize_params: Vec::new(),
            client_authentication: ClientAuthentication::default(),
        }
    }

    /// The `scope` parameter's value: the scopes joined by the separator, or `None` if there
    /// are none.
    pub(crate) fn scope_parameter(&self) -> Option<String> {
        let scopes: Vec<&str> = self
            .scopes
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        (!scopes.is_empty()).then(|| scopes.join(&self.scope_separator))
    }

    /// Splits a `scope` value into scopes: on whitespace and on the configured separator.
    pub(crate) fn split_scopes<'a>(&self, scopes: impl Iterator<Item = &'a str>) -> Vec<String> {
        let separator = self.scope_separator.trim();
        scopes
            .flat_map(str::split_whitespace)
            .flat_map(|part| {
                if separator.is_empty() {
                    vec![part]
                } else {
                    part.split(separator).collect()
                }
            })
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Checks the settings that every request needs (client id, token URL).
    fn check_client(&self) -> Result<(), OAuthError> {
        if self.client_id.trim().is_empty() {
            return Err(OAuthError::invalid_config("the client id is empty"));
        }
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.expose().is_empty())
        {
            return Err(OAuthError::invalid_config(
                "the client secret is empty (leave it out for a public client)",
            ));
        }
        Ok(())
    }

    /// The extra authorization parameters, refusing any that Bindery sets itself.
    pub(crate) fn checked_extra_params(&self) -> Result<&[(String, String)], OAuthError> {
        for (name, _) in &self.extra_authorize_params {
            if RESERVED_PARAMETERS.contains(&name.trim().to_ascii_lowercase().as_str()) {
                return Err(OAuthError::invalid_config(format!(
                    "the extra authorization parameter `{name}` would override one Bindery sets"
                )));
            }
        }
        Ok(&self.extra_authorize_params)
    }

    /// An `oauth2` client for the token endpoint (and the redirect URI, if given).
    pub(crate) fn token_client(
        &self,
        redirect_uri: Option<RedirectUrl>,
    ) -> Result<TokenEndpointClient, OAuthError> {
        self.check_client()?;
        let token_url = TokenUrl::from_url(endpoint_url("token URL", &self.token_url)?);
        let mut client = BasicClient::new(ClientId::new(self.client_id.trim().to_string()))
            .set_token_uri(token_url)
            .set_auth_type(match self.client_authentication {
                ClientAuthentication::HttpBasic => AuthType::BasicAuth,
                ClientAuthentication::RequestBody => AuthType::RequestBody,
            });
        if let Some(secret) = &self.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose().to_string()));
        }
        if let Some(redirect_uri) = redirect_uri {
            client = client.set_redirect_uri(redirect_uri);
        }
        Ok(client)
    }

    /// An `oauth2` client for the authorization request and the code exchange.
    pub(crate) fn authorization_client(
        &self,
        redirect_uri: RedirectUrl,
    ) -> Result<AuthorizationClient, OAuthError> {
        let auth_url = AuthUrl::from_url(endpoint_url("authorization URL", &self.authorize_url)?);
        Ok(self
            .token_client(Some(redirect_uri))?
            .set_auth_uri(auth_url))
    }

    /// The revocation endpoint, or `None` if the provider has none. (Revocation is sent by
    /// Bindery itself: `oauth2` refuses plain http even to this machine.)
    pub(crate) fn revocation_endpoint(&self) -> Result<Option<Url>, OAuthError> {
        match self
            .revocation_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            Some(raw) => {
                self.check_client()?;
                endpoint_url("revocation URL", raw).map(Some)
            }
            None => Ok(None),
        }
    }

    /// `host:port` of the token endpoint, for messages.
    pub(crate) fn token_host(&self) -> String {
        host_of(&self.token_url)
    }

    /// `host:port` of the revocation endpoint, for messages.
    pub(crate) fn revocation_host(&self) -> String {
        self.revocation_url
            .as_deref()
            .map(host_of)
            .unwrap_or_default()
    }
}

/// A client with a token endpoint.
pub(crate) type TokenEndpointClient =
    BasicClient<EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;
/// A client with authorization and token endpoints.
pub(crate) type AuthorizationClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// Parses an endpoint URL: `https`, or `http` to this machine only.
fn endpoint_url(setting: &str, raw: &str) -> Result<Url, OAuthError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| OAuthError::invalid_config(format!("the {setting} is not a URL ({e})")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(OAuthError::invalid_config(format!(
            "the {setting} must use https (plain http is allowed only to this machine)"
        ))),
        other => Err(OAuthError::invalid_config(format!(
            "the {setting} must be an https URL, not {other}:"
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// `host:port` of a URL (or `host`), or the text itself if it does not parse.
fn host_of(raw: &str) -> String {
    match Url::parse(raw.trim()) {
        Ok(url) => match (url.host_str(), url.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            (None, _) => raw.to_string(),
        },
        Err(_) => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{endpoint_url, ProviderOAuth};
    use crate::Token;

    fn config() -> ProviderOAuth {
        ProviderOAuth::new(
            "https://accounts.example/auth",
            "https://oauth.example/token",
            "client-1",
        )
    }

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        for ok in [
            "https://oauth2.googleapis.com/token",
            "http://127.0.0.1:8080/token",
            "http://localhost/token",
            "http://[::1]:9/token",
        ] {
            assert!(endpoint_url("token URL", ok).is_ok(), "{ok} is accepted");
        }
        for bad in ["http://oauth.example/token", "ftp://x/", "not a url", ""] {
            let err = endpoint_url("token URL", bad).expect_err("refused");
            assert_eq!(err.code(), "oauth/invalid-config", "{bad}: {err}");
            assert!(
                err.to_string().contains("token URL"),
                "names the setting: {err}"
            );
        }
    }

    #[test]
    fn scopes_join_and_split_with_the_separator() {
        let mut google = config();
        google.scopes = vec!["openid".into(), " email ".into(), String::new()];
        assert_eq!(
            google.scope_parameter().as_deref(),
            Some("openid email"),
            "space-joined, blanks dropped"
        );
        let mut comma = config();
        comma.scopes = vec!["read_orders".into(), "write_orders".into()];
        comma.scope_separator = ",".into();
        assert_eq!(
            comma.scope_parameter().as_deref(),
            Some("read_orders,write_orders"),
            "comma-joined"
        );
        assert_eq!(
            comma.split_scopes(["read_orders,write_orders"].into_iter()),
            vec!["read_orders", "write_orders"],
            "a comma-joined answer splits back"
        );
        assert_eq!(config().scope_parameter(), None, "no scopes, no parameter");
    }

    #[test]
    fn reserved_parameters_and_empty_client_settings_are_refused() {
        let mut overriding = config();
        overriding.extra_authorize_params = vec![("State".into(), "x".into())];
        let err = overriding
            .checked_extra_params()
            .expect_err("state is Bindery's");
        assert_eq!(err.code(), "oauth/invalid-config", "{err}");

        let mut google = config();
        google.extra_authorize_params = vec![("access_type".into(), "offline".into())];
        assert!(
            google.checked_extra_params().is_ok(),
            "access_type is allowed"
        );

        let mut empty_id = config();
        empty_id.client_id = " ".into();
        assert!(
            empty_id.token_client(None).is_err(),
            "an empty client id is refused"
        );

        let mut empty_secret = config();
        empty_secret.client_secret = Some(Token::new(String::new()));
        assert!(
            empty_secret.token_client(None).is_err(),
            "an empty secret is refused"
        );
    }

    #[test]
    fn debug_never_shows_the_client_secret() {
        let mut confidential = config();
        confidential.client_secret = Some(Token::new("canary-client-secret".into()));
        let printed = format!("{confidential:?}");
        assert!(!printed.contains("canary"), "secret redacted: {printed}");
        assert!(printed.contains("client-1"), "client id shown: {printed}");
    }
}
