//! The provider catalog, as data (`catalog/providers.json`), with each entry's connected flag.

pub(crate) mod entry;

use std::collections::HashSet;

use crate::json::CatalogEntry;
use crate::{ApiError, Bindery, ErrorCode};

const PROVIDERS: &str = include_str!("../../catalog/providers.json");

/// The catalog as shipped.
pub(crate) fn entries() -> Result<Vec<CatalogEntry>, ApiError> {
    let entries: Vec<CatalogEntry> = serde_json::from_str(PROVIDERS).map_err(|e| {
        ApiError::new(
            ErrorCode::InternalError,
            format!("the built-in provider catalog does not parse: {e}"),
        )
    })?;
    let problems = entry::check(&entries);
    if !problems.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InternalError,
            format!(
                "the built-in provider catalog is inconsistent: {}",
                problems.join("; ")
            ),
        ));
    }
    Ok(entries)
}

/// The entry named `kind`.
pub(crate) fn entry(kind: &str) -> Result<Option<CatalogEntry>, ApiError> {
    Ok(entries()?.into_iter().find(|e| e.kind == kind))
}

impl Bindery {
    /// `GET /integrations/catalog`: every provider type, with whether one is connected.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn catalog(&self) -> Result<Vec<CatalogEntry>, ApiError> {
        let connected: HashSet<String> = self
            .store
            .providers()
            .await?
            .into_iter()
            .map(|p| p.source_kind)
            .collect();
        let mut entries = entries()?;
        for entry in &mut entries {
            entry.connected = entry
                .source_kind
                .as_ref()
                .is_some_and(|kind| connected.contains(kind));
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::entry::{check, placeholders};

    #[test]
    fn shipped_catalog_parses_and_keeps_its_rules() {
        let entries = super::entries().expect("catalog/providers.json parses and passes check");
        let find = |kind: &str| {
            entries
                .iter()
                .find(|e| e.kind == kind)
                .expect("every kind named in this test is in the catalog")
        };
        assert!(find("sqlite").connectable, "SQLite is connectable");
        for kind in ["postgres", "mysql"] {
            assert_eq!(
                find(kind).auth_mode,
                "sql",
                "{kind} authenticates with a SQL login"
            );
        }
        for kind in ["google_calendar", "google_sheets"] {
            let google = find(kind);
            let oauth = google
                .oauth
                .as_ref()
                .expect("Google entries carry OAuth endpoints");
            assert_eq!(google.auth_mode, "oauth2", "{kind} is OAuth");
            assert_eq!(
                oauth.scope_separator, " ",
                "Google joins scopes with spaces"
            );
            assert_eq!(
                oauth
                    .extra_authorize_params
                    .get("access_type")
                    .map(String::as_str),
                Some("offline"),
                "{kind} asks for a refresh token"
            );
        }
        let shopify = find("shopify");
        let key = shopify
            .api_key
            .as_ref()
            .expect("Shopify says where its token goes");
        assert_eq!(
            (key.placement.as_str(), key.name.as_str()),
            ("header", "X-Shopify-Access-Token"),
            "Shopify's admin token header"
        );
        assert_eq!(
            placeholders(shopify.base_url.as_deref().unwrap_or_default()),
            ["shop"],
            "the base URL takes the shop domain"
        );
        for entry in &entries {
            for field in &entry.fields {
                let secretish = ["password", "apiKey", "accessToken", "clientSecret"];
                if secretish.contains(&field.name.as_str()) {
                    assert!(
                        field.is_secret(),
                        "{}.{} is a masked secret field",
                        entry.kind,
                        field.name
                    );
                }
            }
        }
    }

    #[test]
    fn check_names_each_broken_rule() {
        let mut entries = super::entries().expect("the catalog loads");
        for entry in &mut entries {
            match entry.kind.as_str() {
                "google_calendar" => entry.fields.retain(|f| f.name != "clientSecret"),
                "shopify" => {
                    entry.base_url = Some("https://{store}/admin".to_owned());
                    if let Some(key) = entry.api_key.as_mut() {
                        key.field = "shop".to_owned();
                    }
                }
                "google_sheets" => entry.verify = None,
                _ => {}
            }
        }
        let problems = check(&entries);
        for expected in [
            "google_calendar: oauth2 without a secret clientSecret field",
            "shopify: the key field \"shop\" is not a password field",
            "shopify: https://{store}/admin names {store}, which is no field",
            "google_sheets: no verification call",
        ] {
            assert!(
                problems.iter().any(|p| p == expected),
                "{expected:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 4, "nothing else is reported: {problems:#?}");
    }
}
