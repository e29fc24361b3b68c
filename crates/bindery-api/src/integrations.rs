//! Registering providers and discovering them.

use std::path::{Path, PathBuf};

use bindery_discovery::graphql::{Endpoint, GraphqlSource};
use bindery_discovery::{DocumentSource, SourceConfig};
use bindery_schema::{SourceKind, Summary};
use bindery_store::{NewProvider, NewSnapshot, ProviderRecord};

use crate::json::{ConnectRequest, ConnectResult, DiscoverResult, Integration};
use crate::{ApiError, Bindery, ErrorCode};

/// Longest provider kind accepted.
const MAX_KIND_LEN: usize = 63;

/// Checks a provider kind: it appears in URLs and skill names, so lowercase letters, digits and
/// underscores, starting with a letter.
pub(crate) fn validate_kind(kind: &str) -> Result<(), ApiError> {
    let mut chars = kind.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok && kind.len() <= MAX_KIND_LEN {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::ValidationError,
            format!("provider name {kind:?} must start with a lowercase letter and hold only a-z, 0-9 and _ (at most {MAX_KIND_LEN})"),
        ))
    }
}

impl Bindery {
    /// The source config a provider record describes, with its secrets from the vault where it
    /// has any (a database password, a GraphQL endpoint's credentials).
    pub(crate) async fn source_config(
        &self,
        provider: &ProviderRecord,
    ) -> Result<SourceConfig, ApiError> {
        match SourceKind::parse(&provider.source_kind) {
            Some(kind @ (SourceKind::Postgres | SourceKind::Mysql)) => {
                let password = self.password(&provider.kind).await?;
                crate::databases::source_config(provider, kind, password)
            }
            Some(SourceKind::Sqlite) => {
                let path = provider
                    .config
                    .get("path")
                    .and_then(|p| p.as_str())
                    .ok_or_else(|| {
                        ApiError::new(
                            ErrorCode::InternalError,
                            format!("provider {} has no path in its config", provider.kind),
                        )
                    })?;
                Ok(SourceConfig::Sqlite {
                    path: PathBuf::from(path),
                })
            }
            Some(SourceKind::Openapi) => Ok(SourceConfig::Openapi {
                document: crate::documents::document_source(provider)?,
            }),
            Some(SourceKind::GoogleDiscovery) => Ok(SourceConfig::GoogleDiscovery {
                document: crate::documents::document_source(provider)?,
            }),
            Some(SourceKind::Graphql) => Ok(SourceConfig::Graphql {
                source: match crate::documents::document_source(provider)? {
                    DocumentSource::Url(url) => {
                        let mut endpoint = Endpoint::new(url);
                        endpoint.headers = self.request_headers(provider).await?;
                        GraphqlSource::Endpoint(endpoint)
                    }
                    document => GraphqlSource::Document(document),
                },
            }),
            _ => Err(ApiError::new(
                ErrorCode::UnsupportedSourceKind,
                format!(
                    "provider {} is a {} source, which this build cannot discover",
                    provider.kind, provider.source_kind
                ),
            )),
        }
    }

    /// The headers that authenticate requests to an API provider, secrets opened from the vault
    /// only here, where the request is built.
    pub(crate) async fn request_headers(
        &self,
        provider: &ProviderRecord,
    ) -> Result<Vec<bindery_discovery::graphql::SecretHeader>, ApiError> {
        let auth = provider.config.get("auth");
        let mode = auth.and_then(|a| a.get("mode")).and_then(|m| m.as_str());
        match mode {
            None | Some("none") => return Ok(Vec::new()),
            Some("oauth2") => {
                let tokens = self.fresh_tokens(provider).await?;
                return Ok(vec![bindery_discovery::graphql::SecretHeader::new(
                    "Authorization",
                    format!("Bearer {}", tokens.access_token.expose()),
                )]);
            }
            Some(_) => {}
        }
        let secrets = self.secrets(&provider.kind).await?;
        crate::provider_auth::headers(&provider.kind, auth, secrets.as_ref())
    }
}

fn location(provider: &ProviderRecord) -> String {
    let text = |key: &str| provider.config.get(key).and_then(|p| p.as_str());
    if let (Some(host), Some(database)) = (text("host"), text("database")) {
        // A database: user@host:port/database (the password is never in the config).
        return format!(
            "{}@{host}:{}/{database}",
            text("user").unwrap_or_default(),
            text("port").unwrap_or_default()
        );
    }
    ["path", "url"]
        .iter()
        .find_map(|key| text(key))
        .unwrap_or_default()
        .to_owned()
}

impl Bindery {
    /// `GET /integrations`: every registered provider with its latest discovery summary.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list_integrations(&self) -> Result<Vec<Integration>, ApiError> {
        let providers = self.store.providers().await?;
        let mut snapshots = self.store.latest_snapshot_metas().await?;
        let mut list = Vec::with_capacity(providers.len());
        for provider in providers {
            let snapshot = snapshots.remove(&provider.kind);
            let summary = match &snapshot {
                Some(s) => Some(serde_json::from_str::<Summary>(&s.summary).map_err(|e| {
                    ApiError::new(
                        ErrorCode::InternalError,
                        format!("stored summary of {} does not parse: {e}", provider.kind),
                    )
                })?),
                None => None,
            };
            let needs_reconnect =
                provider.config.get("status").and_then(|s| s.as_str()) == Some("needs_reconnect");
            list.push(Integration {
                location: location(&provider),
                status: if needs_reconnect {
                    "needs_reconnect"
                } else if snapshot.is_some() {
                    "discovered"
                } else {
                    "connected"
                },
                status_detail: provider
                    .config
                    .get("statusDetail")
                    .and_then(|s| s.as_str())
                    .filter(|_| needs_reconnect)
                    .map(str::to_owned),
                account_label: provider
                    .config
                    .get("accountLabel")
                    .and_then(|s| s.as_str())
                    .map(str::to_owned),
                catalog: provider
                    .config
                    .get("catalog")
                    .and_then(|s| s.as_str())
                    .map(str::to_owned),
                discovered_at: snapshot.as_ref().map(|s| s.discovered_at),
                fingerprint: snapshot.map(|s| s.fingerprint),
                summary,
                kind: provider.kind,
                display_name: provider.display_name,
                source_kind: provider.source_kind,
                demo: provider.demo,
                created_at: provider.created_at,
            });
        }
        // The demo first: it is what a newcomer looks for.
        list.sort_by(|a, b| (!a.demo, &a.kind).cmp(&(!b.demo, &b.kind)));
        Ok(list)
    }

    /// `POST /integrations/{kind}/connect`: registers a provider. For SQLite the credentials hold
    /// the database file's `path`, which must exist; it is stored as an absolute path.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn connect_integration(
        &self,
        kind: &str,
        request: ConnectRequest,
    ) -> Result<ConnectResult, ApiError> {
        validate_kind(kind)?;
        let catalog_kind = request.catalog.as_deref().unwrap_or(kind);
        if let Some(entry) = crate::catalog::entry(catalog_kind)? {
            if entry.schema.is_some() && matches!(entry.auth_mode.as_str(), "oauth2" | "api_key") {
                return self.connect_catalog_entry(kind, &entry, &request).await;
            }
        }
        let source_kind = request
            .source_kind
            .as_deref()
            .or_else(|| SourceKind::parse(kind).map(SourceKind::as_str))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    "sourceKind is required (for example \"sqlite\")",
                )
            })?;
        let mut password_to_keep = None;
        let mut secrets_to_keep = None;
        let config = match SourceKind::parse(source_kind) {
            Some(SourceKind::Sqlite) => sqlite_config(&request)?,
            Some(
                kind_of_document @ (SourceKind::Openapi
                | SourceKind::GoogleDiscovery
                | SourceKind::Graphql),
            ) => {
                let extension = if kind_of_document == SourceKind::Graphql {
                    "graphql"
                } else {
                    "yaml"
                };
                let (config, secrets) = crate::documents::document_config(
                    &request,
                    &self.dir.join("sources"),
                    kind,
                    extension,
                )?;
                secrets_to_keep = Some(secrets);
                config
            }
            Some(engine @ (SourceKind::Postgres | SourceKind::Mysql)) => {
                let (config, password) = crate::databases::database_config(&request, engine)?;
                password_to_keep = Some(password);
                config
            }
            _ => {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedSourceKind,
                    format!(
                        "{source_kind:?} sources cannot be connected in this build; \
                         sqlite, openapi, google-discovery, graphql, postgres and mysql can"
                    ),
                ))
            }
        };
        let provider = NewProvider {
            kind: kind.to_owned(),
            display_name: request
                .display_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| kind.to_owned()),
            source_kind: source_kind.to_owned(),
            config,
            demo: false,
        };
        let oauth = provider
            .config
            .pointer("/auth/mode")
            .and_then(|m| m.as_str())
            == Some("oauth2");
        if oauth {
            // Stored once the person approves: `complete_oauth`.
            return self
                .start_oauth(provider, secrets_to_keep.unwrap_or_default())
                .await;
        }
        let has_secrets = secrets_to_keep.as_ref().is_some_and(|s| !s.is_empty());
        if password_to_keep.as_ref().is_some_and(Option::is_some) || has_secrets {
            // Secrets are sealed in the vault: if it cannot be opened, nothing is stored.
            if let Err(error) = self.vault().await {
                crate::oauth_connect::discard_pasted(&provider.config);
                return Err(error);
            }
        }
        let mut status = "connected";
        match self.store.provider(kind).await? {
            // A database or an API with credentials connected again (new settings, a new key):
            // the settings and secrets are replaced, the scoping and snapshots are kept.
            Some(existing)
                if (password_to_keep.is_some() || has_secrets)
                    && existing.source_kind == provider.source_kind =>
            {
                let mut config = provider.config.clone();
                if let (Some(map), Some(scoping)) =
                    (config.as_object_mut(), existing.config.get("scoping"))
                {
                    map.insert("scoping".to_owned(), scoping.clone());
                }
                self.store
                    .update_provider_config(kind, &config, self.now())
                    .await?;
                status = "reconnected";
            }
            _ => {
                if let Err(error) = self.store.insert_provider(&provider, self.now()).await {
                    crate::oauth_connect::discard_pasted(&provider.config);
                    return Err(error.into());
                }
            }
        }
        if let Some(password) = password_to_keep {
            self.remember_password(&provider.kind, password).await?;
        }
        if let Some(secrets) = secrets_to_keep.filter(|s| !s.is_empty()) {
            self.store_secrets(&provider.kind, &secrets).await?;
        }
        Ok(ConnectResult {
            kind: provider.kind,
            status,
            source_kind: provider.source_kind,
            oauth_url: None,
            account_label: None,
        })
    }

    /// `POST /integrations/{kind}/discover`: reads the source again, stores a new snapshot and
    /// returns its summary. A re-discovery also diffs the new schema against the previous
    /// snapshot and marks the skills the changes break (`drift`).
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn discover_integration(&self, kind: &str) -> Result<DiscoverResult, ApiError> {
        let provider = self.provider(kind).await?;
        let source = self.source_config(&provider).await?;
        let discovered = self.registry.discover(&source).await?;
        let schema = discovered.value;
        let discovered_at = self.now();
        let fingerprint = schema.fingerprint();
        let summary_json = serde_json::to_string(&schema.summary).map_err(internal)?;
        let diagnostics_json = serde_json::to_string(&discovered.diagnostics).map_err(internal)?;
        let schema_json = schema.to_canonical_json();
        let previous = self.store.latest_snapshot(kind).await?;
        self.store
            .insert_snapshot(&NewSnapshot {
                provider_kind: kind,
                discovered_at,
                fingerprint: &fingerprint,
                summary: &summary_json,
                diagnostics: &diagnostics_json,
                schema_json: &schema_json,
            })
            .await?;
        let drift = self
            .after_rediscovery(kind, previous, &schema, &fingerprint)
            .await?;
        Ok(DiscoverResult {
            summary: schema.summary,
            discovered_at,
            fingerprint,
            diagnostics: discovered.diagnostics,
            drift,
        })
    }

    pub(crate) async fn provider(&self, kind: &str) -> Result<ProviderRecord, ApiError> {
        self.store.provider(kind).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::ProviderNotFound,
                format!("no provider named {kind:?} in this workspace"),
            )
        })
    }
}

fn sqlite_config(request: &ConnectRequest) -> Result<serde_json::Value, ApiError> {
    if let Some(unknown) = request.credentials.keys().find(|k| k.as_str() != "path") {
        return Err(ApiError::new(
            ErrorCode::ValidationError,
            format!("SQLite takes only credentials.path, not {unknown:?}"),
        ));
    }
    let path = request
        .credentials
        .get("path")
        .and_then(|p| p.as_str())
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::ValidationError,
                "credentials.path (the database file) is required",
            )
        })?;
    let absolute = std::fs::canonicalize(Path::new(path))
        .map_err(|_| ApiError::new(ErrorCode::SourceNotFound, format!("no file at {path}")))?;
    if !absolute.is_file() {
        return Err(ApiError::new(
            ErrorCode::SourceInvalid,
            format!("{path} is not a file"),
        ));
    }
    Ok(serde_json::json!({ "path": absolute.to_string_lossy() }))
}

pub(crate) fn internal(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::InternalError, error.to_string())
}

#[cfg(test)]
mod tests {
    use super::validate_kind;

    #[test]
    fn kinds_are_url_safe() {
        for ok in ["sqlite", "demo_fieldservice", "shop2"] {
            assert!(validate_kind(ok).is_ok(), "{ok} is a valid kind");
        }
        for bad in [
            "",
            "Shop",
            "2shop",
            "shop-db",
            "shop db",
            "../etc",
            &"a".repeat(64),
        ] {
            assert!(validate_kind(bad).is_err(), "{bad:?} is refused");
        }
    }
}
