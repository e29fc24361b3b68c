//! How a generic API provider (OpenAPI, GraphQL) authenticates, as the person describes it in the
//! connect form: `authMode` `none`, `api_key` (a key in a named header), `bearer` (a token),
//! `basic` (user name and password) or `oauth2` (their own client and the provider's endpoints).
//! The description goes into the provider's config; the secrets (`apiKey`, `password`,
//! `clientSecret`, and later the OAuth tokens) are returned apart, for the vault.

use std::collections::BTreeMap;

use base64::Engine;
use bindery_discovery::graphql::SecretHeader;
use bindery_vault::{Secret, SecretMap};
use serde_json::{json, Value};

use crate::{ApiError, ErrorCode};

/// The credential fields that describe authentication (beside `path`, `url`, `text`).
pub(crate) const FIELDS: [&str; 12] = [
    "authMode",
    "authHeader",
    "apiKey",
    "username",
    "password",
    "authorizeUrl",
    "tokenUrl",
    "revokeUrl",
    "scopes",
    "clientId",
    "clientSecret",
    "accessToken",
];

/// The secret ones: sealed in the vault, never in the config.
const SECRET_FIELDS: [&str; 4] = ["apiKey", "password", "clientSecret", "accessToken"];

/// The default header of an API key.
const DEFAULT_KEY_HEADER: &str = "X-API-Key";

/// The stored description (`{"mode": …}`, no secret) and the secrets of a connect form.
pub(crate) fn from_form(
    credentials: &BTreeMap<String, Value>,
) -> Result<(Value, SecretMap), ApiError> {
    let invalid = |message: String| ApiError::new(ErrorCode::ValidationError, message);
    let text = |key: &str| -> Option<String> {
        credentials
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let required = |key: &str, mode: &str| {
        text(key).ok_or_else(|| invalid(format!("authMode {mode} needs credentials.{key}")))
    };
    let mode = text("authMode").unwrap_or_else(|| "none".to_owned());
    let mut secrets = SecretMap::new();
    let mut keep_secret = |key: &str| {
        if let Some(value) = credentials.get(key).and_then(Value::as_str) {
            if !value.is_empty() {
                secrets.insert(key, Secret::new(value.to_owned()));
            }
        }
    };
    let config = match mode.as_str() {
        "none" => {
            if let Some(extra) = FIELDS[1..].iter().find(|k| text(k).is_some()) {
                return Err(invalid(format!(
                    "credentials.{extra} is given but authMode is none; choose how the API authenticates"
                )));
            }
            json!({ "mode": "none" })
        }
        "api_key" => {
            required("apiKey", &mode)?;
            keep_secret("apiKey");
            let header = text("authHeader").unwrap_or_else(|| DEFAULT_KEY_HEADER.to_owned());
            check_header_name(&header)?;
            json!({ "mode": "api_key", "header": header })
        }
        "bearer" => {
            required("apiKey", &mode)?;
            keep_secret("apiKey");
            json!({ "mode": "bearer" })
        }
        "basic" => {
            let username = required("username", &mode)?;
            required("password", &mode)?;
            keep_secret("password");
            json!({ "mode": "basic", "username": username })
        }
        "oauth2" => {
            let scopes: Vec<String> = text("scopes")
                .unwrap_or_default()
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            keep_secret("clientSecret");
            // OpenID Connect gives a refresh token for `offline_access` only with consent.
            let extra = if scopes.iter().any(|s| s == "offline_access") {
                json!({ "prompt": "consent" })
            } else {
                json!({})
            };
            json!({
                "mode": "oauth2",
                "extraAuthorizeParams": extra,
                "authorizeUrl": required("authorizeUrl", &mode)?,
                "tokenUrl": required("tokenUrl", &mode)?,
                "revokeUrl": text("revokeUrl"),
                "clientId": required("clientId", &mode)?,
                "scopes": scopes,
            })
        }
        other => {
            return Err(invalid(format!(
                "credentials.authMode must be none, api_key, bearer, basic or oauth2, not {other:?}"
            )))
        }
    };
    debug_assert!(
        secrets.fields().all(|f| SECRET_FIELDS.contains(&f)),
        "only secret fields are sealed"
    );
    Ok((config, secrets))
}

/// The request headers a stored description and its secrets give (none for `none`; the
/// OAuth access token for `oauth2`). A missing secret is an error, never a request without it.
pub(crate) fn headers(
    kind: &str,
    auth: Option<&Value>,
    secrets: Option<&SecretMap>,
) -> Result<Vec<SecretHeader>, ApiError> {
    let mode = auth
        .and_then(|a| a.get("mode"))
        .and_then(Value::as_str)
        .unwrap_or("none");
    if mode == "none" {
        return Ok(Vec::new());
    }
    let secret = |field: &str| {
        secrets.and_then(|s| s.get(field)).ok_or_else(|| {
            ApiError::new(
                ErrorCode::CredentialsMissing,
                format!("{kind} authenticates with {mode} but its {field} is not in the vault; connect it again"),
            )
        })
    };
    let header = match mode {
        "api_key" => {
            let name = auth
                .and_then(|a| a.get("header"))
                .and_then(Value::as_str)
                .unwrap_or(DEFAULT_KEY_HEADER);
            SecretHeader::new(name, secret("apiKey")?.expose())
        }
        "bearer" => SecretHeader::new(
            "Authorization",
            format!("Bearer {}", secret("apiKey")?.expose()),
        ),
        "oauth2" => SecretHeader::new(
            "Authorization",
            format!("Bearer {}", secret("accessToken")?.expose()),
        ),
        "basic" => {
            let user = auth
                .and_then(|a| a.get("username"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            let pair = format!("{user}:{}", secret("password")?.expose());
            SecretHeader::new(
                "Authorization",
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ),
            )
        }
        other => {
            return Err(ApiError::new(
                ErrorCode::InternalError,
                format!("{kind} has an unknown stored auth mode {other:?}"),
            ))
        }
    };
    Ok(vec![header])
}

fn check_header_name(name: &str) -> Result<(), ApiError> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if !name.is_empty() && name.chars().all(token) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::ValidationError,
            format!("credentials.authHeader {name:?} is not an HTTP header name"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "canary-auth-key-3f9e";

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect()
    }

    #[test]
    fn each_mode_keeps_its_secret_apart_and_builds_its_header() {
        for (pairs, header) in [
            (
                vec![("authMode", "api_key"), ("apiKey", CANARY)],
                "X-API-Key",
            ),
            (
                vec![
                    ("authMode", "api_key"),
                    ("authHeader", "Api-Key"),
                    ("apiKey", CANARY),
                ],
                "Api-Key",
            ),
            (
                vec![("authMode", "bearer"), ("apiKey", CANARY)],
                "Authorization",
            ),
            (
                vec![
                    ("authMode", "basic"),
                    ("username", "ann"),
                    ("password", CANARY),
                ],
                "Authorization",
            ),
        ] {
            let (config, secrets) = from_form(&form(&pairs)).expect("a valid form");
            assert!(
                !config.to_string().contains(CANARY),
                "no secret in the stored config: {config}"
            );
            assert_eq!(secrets.len(), 1, "one sealed secret for {pairs:?}");
            let headers = headers("api", Some(&config), Some(&secrets)).expect("headers");
            assert_eq!(
                headers.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
                [header],
                "header of {pairs:?}"
            );
            assert!(
                !format!("{headers:?}").contains(CANARY),
                "headers print redacted"
            );
        }
    }

    #[test]
    fn bad_forms_and_missing_secrets_are_coded() {
        for pairs in [
            vec![("authMode", "api_key")],
            vec![("authMode", "basic"), ("username", "ann")],
            vec![("authMode", "magic"), ("apiKey", CANARY)],
            vec![("apiKey", CANARY)],
            vec![
                ("authMode", "api_key"),
                ("authHeader", "Bad Header"),
                ("apiKey", CANARY),
            ],
            vec![("authMode", "oauth2"), ("clientId", "x")],
        ] {
            let error = from_form(&form(&pairs)).expect_err("refused");
            assert_eq!(error.code, ErrorCode::ValidationError, "{pairs:?}: {error}");
            assert!(!error.message.contains(CANARY), "no secret in {error}");
        }
        let (config, _) =
            from_form(&form(&[("authMode", "bearer"), ("apiKey", CANARY)])).expect("valid");
        let error = headers("api", Some(&config), None).expect_err("no secret, no request");
        assert_eq!(error.code, ErrorCode::CredentialsMissing, "coded: {error}");
    }
}
