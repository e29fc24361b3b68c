//! The relationship graph of a provider's newest snapshot (its scoping applied): the objects
//! around a focus for the graph view, and the shortest ways between two objects. The graph is
//! built once per parsed snapshot and kept beside it.

use bindery_schema::{GraphError, Neighbourhood, ObjectPath};
use serde::{Deserialize, Serialize};

use crate::{ApiError, Bindery, ErrorCode};

/// Default and largest depth of `GET /graph`.
const DEFAULT_DEPTH: usize = 1;
const MAX_DEPTH: usize = 3;
/// Default and largest node count of `GET /graph`.
const DEFAULT_NODES: usize = 60;
const MAX_NODES: usize = 200;
/// Default and largest hop count of `GET /paths`.
const DEFAULT_HOPS: usize = 4;
const MAX_HOPS: usize = 6;
/// Default and largest path count of `GET /paths`.
const DEFAULT_PATHS: usize = 5;
const MAX_PATHS: usize = 20;

/// Query of `GET /integrations/{kind}/graph`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphQuery {
    /// The object in the middle (required).
    #[serde(default)]
    pub focus: Option<String>,
    /// Hops from the focus, 1..=3 (default 1).
    #[serde(default)]
    pub depth: Option<usize>,
    /// Most objects returned, 1..=200 (default 60).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Query of `GET /integrations/{kind}/paths`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathsQuery {
    /// Where the paths start (required).
    #[serde(default)]
    pub from: Option<String>,
    /// Where the paths end (required).
    #[serde(default)]
    pub to: Option<String>,
    /// Longest path, in hops, 1..=6 (default 4).
    #[serde(default)]
    pub max_hops: Option<usize>,
    /// Most paths, 1..=20 (default 5).
    #[serde(default)]
    pub max: Option<usize>,
}

/// The answer of `GET /integrations/{kind}/paths`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathsView {
    /// Where the paths start.
    pub from: String,
    /// Where they end.
    pub to: String,
    /// Shortest first; empty when the two are not connected within `maxHops`.
    pub paths: Vec<ObjectPath>,
}

fn required<'a>(value: Option<&'a str>, name: &str) -> Result<&'a str, ApiError> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::invalid_body(name, format!("{name} is required")))
}

fn bounded(
    value: Option<usize>,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    let value = value.unwrap_or(default);
    if value == 0 || value > max {
        return Err(ApiError::invalid_body(
            name,
            format!("{name} must be between 1 and {max}"),
        ));
    }
    Ok(value)
}

fn not_found(kind: &str, error: GraphError) -> ApiError {
    match error {
        GraphError::UnknownObject(name) => ApiError::new(
            ErrorCode::ObjectNotFound,
            format!("{kind} has no object named {name:?}"),
        ),
    }
}

impl Bindery {
    /// `GET /integrations/{kind}/graph`: the focus and the objects within `depth` hops (edges
    /// followed either way), nearest first, at most `limit`, with the edges between them.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn graph(&self, kind: &str, query: &GraphQuery) -> Result<Neighbourhood, ApiError> {
        let focus = required(query.focus.as_deref(), "focus")?;
        let depth = bounded(query.depth, "depth", DEFAULT_DEPTH, MAX_DEPTH)?;
        let limit = bounded(query.limit, "limit", DEFAULT_NODES, MAX_NODES)?;
        let loaded = self.loaded(kind).await?;
        loaded
            .graph()
            .neighbourhood(loaded.schema(), focus, depth, limit)
            .map_err(|e| not_found(kind, e))
    }

    /// `GET /integrations/{kind}/paths`: the shortest simple paths between two objects over
    /// edges in either direction, shortest first; empty when they are not connected.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn paths(&self, kind: &str, query: &PathsQuery) -> Result<PathsView, ApiError> {
        let from = required(query.from.as_deref(), "from")?;
        let to = required(query.to.as_deref(), "to")?;
        let max_hops = bounded(query.max_hops, "maxHops", DEFAULT_HOPS, MAX_HOPS)?;
        let max = bounded(query.max, "max", DEFAULT_PATHS, MAX_PATHS)?;
        let loaded = self.loaded(kind).await?;
        let paths = loaded
            .graph()
            .paths(loaded.schema(), from, to, max_hops, max)
            .map_err(|e| not_found(kind, e))?;
        Ok(PathsView {
            from: from.to_owned(),
            to: to.to_owned(),
            paths,
        })
    }
}
