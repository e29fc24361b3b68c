//! Reading a discovered schema in slices: the UI asks for a page of objects or one object, never
//! the whole schema. Each provider's newest snapshot is parsed and indexed once, then served from
//! memory until a newer snapshot appears (from this process or another one).

use std::sync::Arc;

use bindery_schema::{ObjectFilter, ObjectPage, Operation, Schema, SchemaIndex, Scoping};

use crate::integrations::internal;
use crate::json::{Direction, ObjectDetail, ObjectQuery, Relationship};
use crate::{ApiError, Bindery, ErrorCode};

/// Default and largest page sizes of `GET /objects`.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// A parsed, indexed snapshot, with the provider's scoping applied.
pub(crate) struct Loaded {
    snapshot_id: i64,
    scoping: Scoping,
    schema: Arc<Schema>,
    index: SchemaIndex,
    /// The relationship graph, built on the first graph question about this snapshot.
    graph: std::sync::OnceLock<Arc<bindery_schema::RelationGraph>>,
}

impl Loaded {
    /// The scoped schema.
    pub(crate) fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The relationship graph of the scoped schema (built once).
    pub(crate) fn graph(&self) -> Arc<bindery_schema::RelationGraph> {
        self.graph
            .get_or_init(|| Arc::new(bindery_schema::RelationGraph::new(&self.schema)))
            .clone()
    }
}

impl Bindery {
    /// `GET /integrations/{kind}/schema`: the whole normalized schema.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn schema(&self, kind: &str) -> Result<Arc<Schema>, ApiError> {
        Ok(self.loaded(kind).await?.schema.clone())
    }

    /// `GET /integrations/{kind}/objects`: one page of objects matching `q`, best first.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn list_objects(
        &self,
        kind: &str,
        query: &ObjectQuery,
    ) -> Result<ObjectPage, ApiError> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::new(
                ErrorCode::ValidationError,
                format!("limit must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let filter = object_filter(query.hide.as_deref())?;
        let loaded = self.loaded(kind).await?;
        loaded
            .index
            .search(
                &loaded.schema,
                query.q.as_deref().unwrap_or(""),
                filter,
                query.cursor.as_deref(),
                limit,
            )
            .map_err(|bad| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    format!("cursor {:?} was not issued by this list", bad.0),
                )
            })
    }

    /// `GET /integrations/{kind}/objects/{object}`: the object, its relationships both ways and
    /// its operations.
    #[tracing::instrument(skip_all, fields(kind, object), err(level = "info"))]
    pub async fn object(&self, kind: &str, object: &str) -> Result<ObjectDetail, ApiError> {
        let loaded = self.loaded(kind).await?;
        let schema = &loaded.schema;
        let found = schema.object(object).ok_or_else(|| {
            ApiError::new(
                ErrorCode::ObjectNotFound,
                format!("{kind} has no object named {object:?}"),
            )
        })?;
        let mut relationships: Vec<Relationship> = Vec::new();
        for edge in schema.edges_of(object) {
            if edge.from.object == object {
                relationships.push(Relationship {
                    direction: Direction::Outgoing,
                    fields: edge.from.fields.clone(),
                    other_object: edge.to.object.clone(),
                    other_fields: edge.to.fields.clone(),
                    cardinality: edge.cardinality,
                    source: edge.source,
                    joinable: edge.joinable,
                    name: edge.name.clone(),
                });
            }
            if edge.to.object == object {
                relationships.push(Relationship {
                    direction: Direction::Incoming,
                    fields: edge.to.fields.clone(),
                    other_object: edge.from.object.clone(),
                    other_fields: edge.from.fields.clone(),
                    cardinality: bindery_schema::Cardinality::Many,
                    source: edge.source,
                    joinable: edge.joinable,
                    name: edge.name.clone(),
                });
            }
        }
        relationships.sort_by_key(|r| r.direction == Direction::Incoming);
        Ok(ObjectDetail {
            object: found.clone(),
            relationships,
            operations: schema.operations_of(object).cloned().collect(),
        })
    }

    /// `GET /integrations/{kind}/operations`: every operation, or those of one object.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn operations(
        &self,
        kind: &str,
        object: Option<&str>,
    ) -> Result<Vec<Operation>, ApiError> {
        let loaded = self.loaded(kind).await?;
        let schema = &loaded.schema;
        match object {
            None => Ok(schema.operations.clone()),
            Some(name) => {
                schema.object(name).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::ObjectNotFound,
                        format!("{kind} has no object named {name:?}"),
                    )
                })?;
                Ok(schema.operations_of(name).cloned().collect())
            }
        }
    }

    /// `GET /integrations/{kind}/subscriptions`: GraphQL subscriptions, listed but never
    /// bindable; empty for other source kinds.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn subscriptions(&self, kind: &str) -> Result<Vec<Operation>, ApiError> {
        Ok(self.loaded(kind).await?.schema.subscriptions.clone())
    }

    pub(crate) async fn loaded(&self, kind: &str) -> Result<Arc<Loaded>, ApiError> {
        let scoping = crate::scoping::stored(&self.provider(kind).await?);
        let latest = self.store.latest_snapshot_id(kind).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::ProviderNotDiscovered,
                format!("{kind} has not been discovered yet; run discover first"),
            )
        })?;
        if let Some(hit) = self
            .cache()
            .get(kind)
            .filter(|l| l.snapshot_id >= latest && l.scoping == scoping)
        {
            return Ok(hit.clone());
        }
        let record = self.store.latest_snapshot(kind).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::ProviderNotDiscovered,
                format!("{kind} has not been discovered yet"),
            )
        })?;
        let snapshot_id = record.meta.id;
        // Parsing and indexing a large schema is CPU work: keep it off the async workers.
        let loaded = tokio::task::spawn_blocking(move || -> Result<Loaded, ApiError> {
            let schema: Schema = serde_json::from_slice(&record.schema_json)
                .map_err(|e| internal(format!("stored schema does not parse: {e}")))?;
            let schema = scoping.apply(&schema);
            let index = SchemaIndex::new(&schema);
            Ok(Loaded {
                snapshot_id,
                scoping,
                schema: Arc::new(schema),
                index,
                graph: std::sync::OnceLock::new(),
            })
        })
        .await
        .map_err(internal)??;
        let loaded = Arc::new(loaded);
        self.cache().insert(kind.to_owned(), loaded.clone());
        Ok(loaded)
    }

    /// Drops a provider's parsed schema (it was disconnected).
    pub(crate) fn forget_loaded(&self, kind: &str) {
        self.cache().remove(kind);
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Arc<Loaded>>> {
        // A panic while holding this lock cannot leave the map inconsistent (inserts are atomic),
        // so a poisoned lock is still safe to use.
        self.loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The `hide` parameter: comma-separated `relay` and `input`.
fn object_filter(hide: Option<&str>) -> Result<ObjectFilter, ApiError> {
    let mut filter = ObjectFilter::default();
    for part in hide
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match part {
            "relay" => filter.hide_relay = true,
            "input" => filter.hide_input = true,
            other => {
                return Err(ApiError::new(
                    ErrorCode::ValidationError,
                    format!("hide takes relay and input, not {other:?}"),
                ))
            }
        }
    }
    Ok(filter)
}
