//! What a catalog entry says about a provider: how it authenticates (`oauth2`, `api_key`,
//! `basic`, `sql`, `none`), where its API is, how a connection is verified, where its schema
//! comes from, and the fields the connect dialog asks for. The entries are data
//! (`catalog/providers.json`); [`check`] holds them to these rules when the catalog loads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A connection field a catalog entry asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogField {
    /// Field name in `credentials` (or `kind`).
    pub name: String,
    /// Label for people.
    pub label: String,
    /// Input type: `text`, `path`, `password`, `url`, `textarea`, `select`. A `password` field
    /// is a secret: write-only, masked, kept only in the vault.
    #[serde(rename = "type")]
    pub ty: String,
    /// Must be filled.
    pub required: bool,
    /// Where to find the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// `select`: the allowed values, the first being the default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// A value to start from (`5432`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

impl CatalogField {
    /// Whether the value is a secret (kept in the vault, never shown again).
    pub fn is_secret(&self) -> bool {
        self.ty == "password"
    }
}

/// OAuth 2 endpoints and scopes of a provider; the person brings the client id and secret
/// (fields `clientId` and `clientSecret`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogOAuth {
    /// Authorization endpoint (opened in the person's browser).
    pub authorize_url: String,
    /// Token endpoint.
    pub token_url: String,
    /// RFC 7009 revocation endpoint, when the provider has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_url: Option<String>,
    /// Scopes asked for.
    pub scopes: Vec<String>,
    /// How scopes are joined in the authorize URL (a space for Google, a comma for some).
    pub scope_separator: String,
    /// Extra authorize parameters (`access_type=offline`, `prompt=consent` for Google, so a
    /// refresh token comes back).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_authorize_params: BTreeMap<String, String>,
}

/// Where an API key goes on each request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogApiKey {
    /// `header` or `query`.
    #[serde(rename = "in")]
    pub placement: String,
    /// Header or query parameter name (`X-Shopify-Access-Token`).
    pub name: String,
    /// The credential field that holds the key.
    pub field: String,
    /// Written before the key (`Bearer `).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
}

/// The call that proves a connection works, and where the account's name is in its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogVerify {
    /// HTTP method.
    pub method: String,
    /// Path under the base URL, or an absolute `https://` URL.
    pub path: String,
    /// JSON pointer to a label for the connected account (`/shop/name`, `/email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_label: Option<String>,
}

/// Where the provider's schema is discovered from once connected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogSchemaSource {
    /// Source kind (`google-discovery`, `graphql`, `openapi`).
    pub source_kind: String,
    /// Where (may hold `{field}` placeholders and `{baseUrl}`).
    pub url: String,
}

/// One provider type Bindery can connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogEntry {
    /// Catalog kind (`sqlite`).
    pub kind: String,
    /// Name for people.
    pub display_name: String,
    /// Grouping (`database`, `calendar`).
    pub category: String,
    /// One-paragraph description.
    pub blurb: String,
    /// `oauth2`, `api_key`, `basic`, `sql` or `none`.
    pub auth_mode: String,
    /// Source kind discovered for it.
    pub source_kind: Option<String>,
    /// Curated actions (none yet).
    pub action_count: u32,
    /// Whether a connector pack ships with it.
    pub has_pack: bool,
    /// Whether a provider of this type is connected in the workspace.
    #[serde(default)]
    pub connected: bool,
    /// Whether it can be connected in this build.
    pub connectable: bool,
    /// What connecting asks for.
    pub fields: Vec<CatalogField>,
    /// `oauth2`: endpoints and scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<CatalogOAuth>,
    /// `api_key`: where the key goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<CatalogApiKey>,
    /// The API's base URL (may hold `{field}` placeholders: `https://{shop}/admin/api/2025-07`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The verification call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<CatalogVerify>,
    /// Where the schema comes from once connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<CatalogSchemaSource>,
}

/// The auth modes an entry may have.
pub const AUTH_MODES: [&str; 5] = ["oauth2", "api_key", "basic", "sql", "none"];

/// Every way `entries` breaks the catalog's rules, one message each (empty: all good).
pub fn check(entries: &[CatalogEntry]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in entries {
        let mut problem = |what: String| problems.push(format!("{}: {what}", entry.kind));
        if !seen.insert(entry.kind.as_str()) {
            problem("appears twice".to_owned());
        }
        if !AUTH_MODES.contains(&entry.auth_mode.as_str()) {
            problem(format!(
                "auth mode {:?} is not one of {AUTH_MODES:?}",
                entry.auth_mode
            ));
        }
        let field = |name: &str| entry.fields.iter().find(|f| f.name == name);
        match entry.auth_mode.as_str() {
            "oauth2" => {
                match &entry.oauth {
                    Some(oauth) => {
                        for url in [Some(&oauth.authorize_url), Some(&oauth.token_url)]
                            .into_iter()
                            .flatten()
                            .chain(oauth.revoke_url.as_ref())
                        {
                            if !url.starts_with("https://") {
                                problem(format!("OAuth endpoint {url} is not https"));
                            }
                        }
                        if oauth.scopes.is_empty() {
                            problem("OAuth asks for no scope".to_owned());
                        }
                    }
                    None => problem("oauth2 without authorize/token URLs".to_owned()),
                }
                if field("clientId").is_none() {
                    problem(
                        "oauth2 without a clientId field (the person brings the client)".to_owned(),
                    );
                }
                if !field("clientSecret").is_some_and(CatalogField::is_secret) {
                    problem("oauth2 without a secret clientSecret field".to_owned());
                }
            }
            "api_key" => match &entry.api_key {
                Some(key) => {
                    if !field(&key.field).is_some_and(CatalogField::is_secret) {
                        problem(format!(
                            "the key field {:?} is not a password field",
                            key.field
                        ));
                    }
                    if !["header", "query"].contains(&key.placement.as_str()) {
                        problem(format!(
                            "the key goes in {:?}, not header or query",
                            key.placement
                        ));
                    }
                }
                None => problem("api_key without where the key goes".to_owned()),
            },
            _ => {}
        }
        if matches!(entry.auth_mode.as_str(), "oauth2" | "api_key") && entry.verify.is_none() {
            problem("no verification call".to_owned());
        }
        if entry.verify.is_some() && entry.base_url.is_none() {
            problem("a verification call without a base URL".to_owned());
        }
        for template in [
            entry.base_url.as_deref(),
            entry.schema.as_ref().map(|s| s.url.as_str()),
        ]
        .into_iter()
        .flatten()
        {
            for name in placeholders(template) {
                if name != "baseUrl" && field(name).is_none() {
                    problem(format!("{template} names {{{name}}}, which is no field"));
                }
            }
        }
        if field("kind").is_none() {
            problem("no kind (name) field".to_owned());
        }
    }
    problems
}

/// The `{name}` placeholders of a URL template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}
