//! The relationship graph, paths and the binding preview: one-line delegations to
//! `bindery_api`, as the HTTP routes are. JS passes camelCase arguments (`maxHops`), which Tauri
//! maps to these snake_case parameters.

use bindery_api::schema::Neighbourhood;
use bindery_api::{ApiError, BindingPreview, GraphQuery, PathsQuery, PathsView};
use serde_json::Value;

use crate::commands::Api;

#[tauri::command]
pub async fn get_graph(
    api: Api<'_>,
    kind: String,
    focus: String,
    depth: Option<usize>,
    limit: Option<usize>,
) -> Result<Neighbourhood, ApiError> {
    let query = GraphQuery {
        focus: Some(focus),
        depth,
        limit,
    };
    api.graph(&kind, &query).await
}

#[tauri::command]
pub async fn find_paths(
    api: Api<'_>,
    kind: String,
    from: String,
    to: String,
    max_hops: Option<usize>,
    max: Option<usize>,
) -> Result<PathsView, ApiError> {
    let query = PathsQuery {
        from: Some(from),
        to: Some(to),
        max_hops,
        max,
    };
    api.paths(&kind, &query).await
}

#[tauri::command]
pub async fn preview_binding(
    api: Api<'_>,
    agent: String,
    kind: String,
    binding: Value,
    skill: Option<String>,
) -> Result<BindingPreview, ApiError> {
    api.preview_binding(&agent, &kind, binding, skill.as_deref())
        .await
}
