//! The provider catalog, as data (`catalog/providers.json`), with each entry's connected flag.

use std::collections::HashSet;

use crate::json::CatalogEntry;
use crate::{ApiError, Bindery, ErrorCode};

const PROVIDERS: &str = include_str!("../catalog/providers.json");

/// The catalog as shipped.
pub(crate) fn entries() -> Result<Vec<CatalogEntry>, ApiError> {
    serde_json::from_str(PROVIDERS).map_err(|e| {
        ApiError::new(
            ErrorCode::InternalError,
            format!("the built-in provider catalog does not parse: {e}"),
        )
    })
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
    #[test]
    fn shipped_catalog_parses() {
        let entries = super::entries().expect("catalog/providers.json parses");
        assert!(
            entries.iter().any(|e| e.kind == "sqlite" && e.connectable),
            "SQLite is connectable"
        );
    }
}
