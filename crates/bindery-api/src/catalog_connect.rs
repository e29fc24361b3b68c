//! Connecting a curated catalog entry that describes its own API (Google Calendar, Google
//! Sheets, Shopify): the entry's data says how it authenticates, where its base URL and schema
//! are, and which call verifies a connection. OAuth entries start the browser sign-in with the
//! entry's endpoints and the person's own client; API-key entries are verified by their
//! verification call before anything is stored, and remember who the account is.

use std::collections::BTreeMap;
use std::time::Duration;

use bindery_discovery::graphql::SecretHeader;
use bindery_schema::SourceKind;
use bindery_store::NewProvider;
use bindery_vault::{Secret, SecretMap};
use serde_json::{json, Value};

use crate::json::{CatalogEntry, ConnectRequest, ConnectResult};
use crate::{ApiError, Bindery, ErrorCode};

/// How long a verification call may take.
const VERIFY_TIMEOUT: Duration = Duration::from_secs(20);

/// Fills `{field}` placeholders of a URL template from the form; `{baseUrl}` from `base`.
pub(crate) fn fill(
    template: &str,
    form: &BTreeMap<String, String>,
    base: Option<&str>,
) -> Result<String, ApiError> {
    let mut out = template.to_owned();
    for name in crate::catalog::entry::placeholders(template) {
        let value = match (name, base) {
            ("baseUrl", Some(base)) => base.to_owned(),
            _ => form.get(name).cloned().ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    format!("credentials.{name} is required"),
                )
            })?,
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    Ok(out)
}

/// A host name as a person types it for a base URL (`my-store.myshopify.com`): no scheme, path,
/// port or user part, so it cannot redirect the credentials elsewhere.
fn check_host(field: &str, value: &str) -> Result<(), ApiError> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if value.len() <= 253 && value.contains('.') && value.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::ValidationError,
            format!("credentials.{field} must be a host name like my-store.myshopify.com, not {value:?}"),
        ))
    }
}

/// Calls `url` with `headers`; the JSON pointer `label` of a 2xx answer names the account. A
/// 401/403 is the provider refusing the credentials.
pub(crate) async fn verify_call(
    method: &str,
    url: &str,
    headers: &[SecretHeader],
    label: Option<&str>,
    provider: &str,
) -> Result<Option<String>, ApiError> {
    let client = reqwest::Client::builder()
        .timeout(VERIFY_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(crate::integrations::internal)?;
    let method =
        reqwest::Method::from_bytes(method.as_bytes()).map_err(crate::integrations::internal)?;
    let mut request = client.request(method, url);
    for header in headers {
        request = request.header(header.name.as_str(), header.expose());
    }
    let response = request.send().await.map_err(|e| {
        ApiError::new(
            ErrorCode::SourceUnreachable,
            format!(
                "{provider} did not answer the verification call to {}: {}",
                url.split('?').next().unwrap_or(url),
                if e.is_timeout() {
                    "timed out"
                } else {
                    "connection failed"
                }
            ),
        )
    })?;
    let status = response.status();
    if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
        return Err(ApiError::new(
            ErrorCode::SourceRefused,
            format!(
                "{provider} refused the credentials (HTTP {}); check the key and its permissions",
                status.as_u16()
            ),
        ));
    }
    if !status.is_success() {
        return Err(ApiError::new(
            ErrorCode::SourceUnreachable,
            format!(
                "{provider} answered the verification call with HTTP {}",
                status.as_u16()
            ),
        ));
    }
    let Some(pointer) = label else {
        return Ok(None);
    };
    let body: Value = response.json().await.unwrap_or(Value::Null);
    Ok(body
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned))
}

impl Bindery {
    /// Connects catalog entry `entry` as provider `kind`.
    pub(crate) async fn connect_catalog_entry(
        &self,
        kind: &str,
        entry: &CatalogEntry,
        request: &ConnectRequest,
    ) -> Result<ConnectResult, ApiError> {
        let form: BTreeMap<String, String> = request
            .credentials
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.trim().to_owned())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if let Some(unknown) = request
            .credentials
            .keys()
            .find(|k| !entry.fields.iter().any(|f| &f.name == *k))
        {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                format!("{} does not take credentials.{unknown}", entry.display_name),
            ));
        }
        for field in entry
            .fields
            .iter()
            .filter(|f| f.required && f.name != "kind")
        {
            if !form.contains_key(&field.name) {
                return Err(ApiError::new(
                    ErrorCode::ValidationError,
                    format!("credentials.{} ({}) is required", field.name, field.label),
                ));
            }
        }
        for field in entry.fields.iter().filter(|f| f.ty == "text") {
            if let Some(value) = form.get(&field.name) {
                if entry
                    .base_url
                    .as_deref()
                    .is_some_and(|b| b.contains(&format!("{{{}}}", field.name)))
                {
                    check_host(&field.name, value)?;
                }
            }
        }
        let base = entry
            .base_url
            .as_deref()
            .map(|b| fill(b, &form, None))
            .transpose()?;
        let schema = entry.schema.as_ref().ok_or_else(|| {
            crate::integrations::internal(format!(
                "catalog entry {} has no schema source",
                entry.kind
            ))
        })?;
        let location = fill(&schema.url, &form, base.as_deref())?;
        let source_kind = SourceKind::parse(&schema.source_kind)
            .map(SourceKind::as_str)
            .unwrap_or(schema.source_kind.as_str())
            .to_owned();
        let display_name = request
            .display_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| entry.display_name.clone());
        let mut secrets = SecretMap::new();
        let (auth, account_label) = match (entry.auth_mode.as_str(), &entry.oauth, &entry.api_key) {
            ("oauth2", Some(oauth), _) => {
                if let Some(secret) = request
                    .credentials
                    .get("clientSecret")
                    .and_then(Value::as_str)
                {
                    secrets.insert("clientSecret", Secret::new(secret.to_owned()));
                }
                let auth = json!({
                    "mode": "oauth2",
                    "authorizeUrl": oauth.authorize_url,
                    "tokenUrl": oauth.token_url,
                    "revokeUrl": oauth.revoke_url,
                    "clientId": form.get("clientId"),
                    "scopes": oauth.scopes,
                    "scopeSeparator": oauth.scope_separator,
                    "extraAuthorizeParams": oauth.extra_authorize_params,
                });
                (auth, None)
            }
            ("api_key", _, Some(key)) => {
                let value = request
                    .credentials
                    .get(&key.field)
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let header = SecretHeader::new(key.name.as_str(), format!("{}{value}", key.prefix));
                let label = match (&entry.verify, &base) {
                    (Some(verify), Some(base)) => {
                        let url = if verify.path.starts_with("https://") {
                            verify.path.clone()
                        } else {
                            format!("{base}{}", verify.path)
                        };
                        verify_call(
                            &verify.method,
                            &url,
                            std::slice::from_ref(&header),
                            verify.account_label.as_deref(),
                            &entry.display_name,
                        )
                        .await?
                    }
                    _ => None,
                };
                secrets.insert("apiKey", Secret::new(value.to_owned()));
                let auth = json!({ "mode": "api_key", "header": key.name, "prefix": key.prefix });
                (auth, label)
            }
            _ => {
                return Err(crate::integrations::internal(format!(
                    "catalog entry {} cannot be connected this way",
                    entry.kind
                )))
            }
        };
        let mut config = json!({
            "url": location,
            "auth": auth,
            "catalog": entry.kind,
            "baseUrl": base,
        });
        if let (Some(map), Some(verify), "oauth2") = (
            config.as_object_mut(),
            &entry.verify,
            entry.auth_mode.as_str(),
        ) {
            // Run once the sign-in completes, with the new access token.
            let url = match &base {
                Some(base) if !verify.path.starts_with("https://") => {
                    format!("{base}{}", verify.path)
                }
                _ => verify.path.clone(),
            };
            map.insert(
                "verify".to_owned(),
                json!({ "method": verify.method, "url": url, "accountLabel": verify.account_label }),
            );
        }
        if let (Some(map), Some(label)) = (config.as_object_mut(), &account_label) {
            map.insert("accountLabel".to_owned(), Value::from(label.as_str()));
        }
        let provider = NewProvider {
            kind: kind.to_owned(),
            display_name,
            source_kind,
            config,
            demo: false,
        };
        if entry.auth_mode == "oauth2" {
            return self.start_oauth(provider, secrets).await;
        }
        self.vault().await?;
        let status = match self.store.provider(kind).await? {
            Some(existing) if existing.source_kind == provider.source_kind => {
                let mut config = provider.config.clone();
                if let (Some(map), Some(scoping)) =
                    (config.as_object_mut(), existing.config.get("scoping"))
                {
                    map.insert("scoping".to_owned(), scoping.clone());
                }
                self.store
                    .update_provider_config(kind, &config, self.now())
                    .await?;
                "reconnected"
            }
            _ => {
                self.store.insert_provider(&provider, self.now()).await?;
                "connected"
            }
        };
        self.store_secrets(kind, &secrets).await?;
        Ok(ConnectResult {
            kind: provider.kind,
            status,
            source_kind: provider.source_kind,
            oauth_url: None,
            account_label,
        })
    }
}

#[cfg(test)]
mod tests {
    use bindery_testkit::{Fault, FaultyHttp};

    use super::*;

    const CANARY: &str = "canary-shpat-5d1f";

    fn header() -> Vec<SecretHeader> {
        vec![SecretHeader::new("X-Shopify-Access-Token", CANARY)]
    }

    #[tokio::test]
    async fn the_verification_call_names_the_account_or_says_why_not() {
        let ok = FaultyHttp::start(Fault::Json(r#"{"shop":{"name":"Canary Store"}}"#.into()))
            .expect("server");
        let label = verify_call("GET", ok.url(), &header(), Some("/shop/name"), "Shopify")
            .await
            .expect("a 200 verifies");
        assert_eq!(label.as_deref(), Some("Canary Store"), "the account label");
        assert_eq!(ok.requests(), 1, "one call");

        for (code, expected) in [
            (401, ErrorCode::SourceRefused),
            (403, ErrorCode::SourceRefused),
            (500, ErrorCode::SourceUnreachable),
        ] {
            let server = FaultyHttp::start(Fault::Status {
                code,
                body: format!("{{\"errors\":\"{CANARY}\"}}"),
                content_type: "application/json".into(),
            })
            .expect("server");
            let error = verify_call("GET", server.url(), &header(), None, "Shopify")
                .await
                .expect_err("refused");
            assert_eq!(error.code, expected, "HTTP {code}: {error}");
            assert!(!error.message.contains(CANARY), "no key or body in {error}");
        }
        let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/shop.json", closed.local_addr().expect("addr"));
        drop(closed);
        let error = verify_call("GET", &url, &header(), None, "Shopify")
            .await
            .expect_err("nobody listens");
        assert_eq!(error.code, ErrorCode::SourceUnreachable, "coded: {error}");
    }

    #[test]
    fn templates_fill_and_host_fields_stay_host_names() {
        let form: BTreeMap<String, String> =
            [("shop".to_owned(), "my-store.myshopify.com".to_owned())].into();
        let base = fill("https://{shop}/admin/api/2025-07", &form, None).expect("filled");
        assert_eq!(
            base, "https://my-store.myshopify.com/admin/api/2025-07",
            "base URL"
        );
        assert_eq!(
            fill("{baseUrl}/graphql.json", &form, Some(&base)).expect("filled"),
            "https://my-store.myshopify.com/admin/api/2025-07/graphql.json",
            "schema URL"
        );
        assert!(
            fill("https://{other}/", &form, None).is_err(),
            "a missing field is an error"
        );
        for good in ["my-store.myshopify.com", "a.b"] {
            assert!(check_host("shop", good).is_ok(), "{good} is a host");
        }
        for bad in [
            "evil.com/steal?x=",
            "https://my.shop",
            "user@my.shop",
            "my.shop:8443",
            "nodots",
            "a..b",
            "-a.b",
        ] {
            assert!(check_host("shop", bad).is_err(), "{bad} is refused");
        }
    }
}
