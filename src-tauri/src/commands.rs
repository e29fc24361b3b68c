//! Tauri commands: each is one call into `bindery-api`. Errors reach the UI as
//! `{code, status, message}`.

use std::sync::Arc;

use bindery_api::json::{
    CatalogEntry, ConnectRequest, ConnectResult, DiscoverResult, Integration, ObjectDetail,
    ObjectQuery,
};
use bindery_api::schema::{ObjectPage, Operation, Schema};
use bindery_api::{ApiError, Bindery};
use tauri::State;

type Api<'a> = State<'a, Arc<Bindery>>;

#[tauri::command]
pub async fn catalog(api: Api<'_>) -> Result<Vec<CatalogEntry>, ApiError> {
    api.catalog().await
}

#[tauri::command]
pub async fn list_integrations(api: Api<'_>) -> Result<Vec<Integration>, ApiError> {
    api.list_integrations().await
}

#[tauri::command]
pub async fn connect_integration(
    api: Api<'_>,
    kind: String,
    request: ConnectRequest,
) -> Result<ConnectResult, ApiError> {
    api.connect_integration(&kind, request).await
}

#[tauri::command]
pub async fn discover_integration(api: Api<'_>, kind: String) -> Result<DiscoverResult, ApiError> {
    api.discover_integration(&kind).await
}

#[tauri::command]
pub async fn get_schema(api: Api<'_>, kind: String) -> Result<Schema, ApiError> {
    Ok(api.schema(&kind).await?.as_ref().clone())
}

#[tauri::command]
pub async fn list_objects(
    api: Api<'_>,
    kind: String,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
) -> Result<ObjectPage, ApiError> {
    api.list_objects(&kind, &ObjectQuery { q, cursor, limit })
        .await
}

#[tauri::command]
pub async fn get_object(
    api: Api<'_>,
    kind: String,
    object: String,
) -> Result<ObjectDetail, ApiError> {
    api.object(&kind, &object).await
}

#[tauri::command]
pub async fn list_operations(
    api: Api<'_>,
    kind: String,
    object: Option<String>,
) -> Result<Vec<Operation>, ApiError> {
    api.operations(&kind, object.as_deref()).await
}
