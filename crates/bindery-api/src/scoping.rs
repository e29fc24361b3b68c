//! Scoping: the tables and columns a person blocked for a provider. Kept in the provider's
//! config; the browse endpoints serve the schema without them (so search, object detail and
//! operations never show them), and bindings will refuse them.

use bindery_schema::Scoping;
use bindery_store::ProviderRecord;
use serde::Serialize;

use crate::{ApiError, Bindery, ErrorCode};

/// The scoping kept in a provider's config (none when never set or unreadable).
pub(crate) fn stored(provider: &ProviderRecord) -> Scoping {
    provider
        .config
        .get("scoping")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// Answer of `PATCH /integrations/{kind}/scoping`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopingResult {
    /// What is blocked now.
    #[serde(flatten)]
    pub scoping: Scoping,
    /// Objects left visible.
    pub object_count: usize,
    /// Fields left visible.
    pub field_count: usize,
}

impl Bindery {
    /// `GET /integrations/{kind}/scoping`: what is blocked.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn scoping(&self, kind: &str) -> Result<Scoping, ApiError> {
        Ok(stored(&self.provider(kind).await?))
    }

    /// `PATCH /integrations/{kind}/scoping`: replaces the blocked tables and columns (empty
    /// lists clear them). Every name must exist in the provider's newest schema.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn set_scoping(
        &self,
        kind: &str,
        scoping: Scoping,
    ) -> Result<ScopingResult, ApiError> {
        let provider = self.provider(kind).await?;
        let full = self.unscoped_schema(kind).await?;
        let unknown_table = scoping
            .blocked_tables
            .iter()
            .find(|t| full.object(t).is_none());
        if let Some(table) = unknown_table {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                format!("{kind} has no object named {table:?}"),
            ));
        }
        for entry in &scoping.blocked_columns {
            let known = Scoping::split_column(entry).is_some_and(|(object, field)| {
                full.object(object)
                    .is_some_and(|o| o.fields.iter().any(|f| f.name == field))
            });
            if !known {
                return Err(ApiError::new(
                    ErrorCode::ValidationError,
                    format!(
                        "{kind} has no column {entry:?} (write blocked columns as object.field)"
                    ),
                ));
            }
        }
        let mut config = provider.config.clone();
        if let Some(map) = config.as_object_mut() {
            map.insert(
                "scoping".to_owned(),
                serde_json::to_value(&scoping).map_err(crate::integrations::internal)?,
            );
        }
        self.store
            .update_provider_config(kind, &config, self.now())
            .await?;
        let scoped = scoping.apply(&full);
        tracing::info!(
            tables = scoping.blocked_tables.len(),
            columns = scoping.blocked_columns.len(),
            "scoping saved"
        );
        Ok(ScopingResult {
            object_count: scoped.summary.object_count,
            field_count: scoped.summary.field_count,
            scoping,
        })
    }

    /// The newest snapshot as discovered, before scoping.
    async fn unscoped_schema(&self, kind: &str) -> Result<bindery_schema::Schema, ApiError> {
        let record = self.store.latest_snapshot(kind).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::ProviderNotDiscovered,
                format!("{kind} has not been discovered yet; discover it before scoping"),
            )
        })?;
        serde_json::from_slice(&record.schema_json).map_err(|e| {
            crate::integrations::internal(format!("stored schema does not parse: {e}"))
        })
    }
}
