//! Tokens in memory: [`Token`] (a redacted, zeroized secret string) and [`TokenSet`] (what a
//! token endpoint granted), with [`needs_refresh`].

use std::fmt;
use std::time::{Duration, SystemTime};

use zeroize::ZeroizeOnDrop;

/// A secret string: an access token, a refresh token or a client secret.
///
/// `Debug` prints `Token(<redacted>)`; there is no `Display` and no `Serialize`, so a token
/// cannot reach a log line or a DTO by accident. The bytes are zeroized when the value is
/// dropped. Read it with [`Token::expose`], only where a request is built or the application
/// stores it in its vault.
///
/// ```compile_fail
/// let token = bindery_oauth::Token::new("hunter2".to_owned());
/// println!("{token}"); // a Token is not Display
/// ```
#[derive(Clone, ZeroizeOnDrop)]
pub struct Token(String);

impl Token {
    /// Takes ownership of a secret string (no copy is made).
    pub fn new(value: String) -> Token {
        Token(value)
    }

    /// The secret itself. Let the borrow end where the request is built: never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// What a token endpoint granted. `Debug` shows the expiry, scopes and type, never a token.
#[derive(Debug, Clone)]
pub struct TokenSet {
    /// The access token sent to the provider's API.
    pub access_token: Token,
    /// The refresh token, when the provider gave one (Google: with `access_type=offline`; OIDC:
    /// with the `offline_access` scope and `prompt=consent`).
    pub refresh_token: Option<Token>,
    /// When the access token expires (from `expires_in`), if the provider said.
    pub expires_at: Option<SystemTime>,
    /// The scopes granted: the provider's `scope` if it sent one, else the scopes requested
    /// (RFC 6749 §5.1: an omitted scope means the requested one).
    pub scopes: Vec<String>,
    /// The token type, normally `Bearer`.
    pub token_type: String,
}

/// Whether `tokens` should be refreshed at `now`: its access token expires within `margin`.
///
/// A token set without an expiry never needs a refresh by this rule (the provider did not say
/// when it ends); the application refreshes such a connection when the provider answers 401.
pub fn needs_refresh(tokens: &TokenSet, now: SystemTime, margin: Duration) -> bool {
    match tokens.expires_at {
        Some(expires_at) => now
            .checked_add(margin)
            .is_none_or(|deadline| deadline >= expires_at),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{needs_refresh, Token, TokenSet};
    use std::time::{Duration, SystemTime};

    fn tokens(expires_at: Option<SystemTime>) -> TokenSet {
        TokenSet {
            access_token: Token::new("canary-access".to_string()),
            refresh_token: Some(Token::new("canary-refresh".to_string())),
            expires_at,
            scopes: vec!["openid".to_string()],
            token_type: "Bearer".to_string(),
        }
    }

    #[test]
    fn debug_never_shows_a_token() {
        let printed = format!("{:?}", tokens(None));
        assert!(!printed.contains("canary"), "no token in Debug: {printed}");
        assert!(
            printed.contains("Token(<redacted>)"),
            "redaction shown: {printed}"
        );
        assert!(
            printed.contains("Bearer"),
            "non-secret fields shown: {printed}"
        );
    }

    #[test]
    fn refresh_is_needed_within_the_margin_of_expiry() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let margin = Duration::from_secs(60);
        let later = |secs| Some(now + Duration::from_secs(secs));
        assert!(
            !needs_refresh(&tokens(later(120)), now, margin),
            "two minutes left, one minute margin: still fresh"
        );
        assert!(
            needs_refresh(&tokens(later(30)), now, margin),
            "30 s left is inside the margin"
        );
        assert!(
            needs_refresh(
                &tokens(Some(now - Duration::from_secs(1))),
                now,
                Duration::ZERO
            ),
            "already expired"
        );
        assert!(
            !needs_refresh(&tokens(None), now, margin),
            "no expiry known: refreshed on a 401 instead"
        );
    }
}
