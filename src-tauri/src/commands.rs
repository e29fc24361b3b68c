//! Tauri commands: each is one call into `bindery-api`. Errors reach the UI as
//! `{code, status, message}`.
//!
//! The one thing the shell adds is the system browser: when connecting a provider answers an
//! OAuth `oauthUrl`, the shell opens it itself (the UI cannot: the window has no opener
//! permission), remembers it for "Open again" (`open_oauth_url`, which opens only a URL the
//! core produced) and forgets it once the sign-in completes or is cancelled.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bindery_api::json::{
    CatalogEntry, ConnectRequest, ConnectResult, DiscoverResult, Integration, ObjectDetail,
    ObjectQuery,
};
use bindery_api::schema::{ObjectPage, Operation, Schema, Scoping};
use bindery_api::{
    ApiError, Bindery, ConnectionHealth, DisconnectResult, ErrorCode, ScopingResult, Scripts,
    ScriptsQuery, SqlTestResult, VaultChoice, VaultInfo,
};
use serde::Serialize;
use tauri::State;

pub(crate) type Api<'a> = State<'a, Arc<Bindery>>;

/// The sign-in URL of each provider whose OAuth approval is waiting (kind -> oauthUrl).
#[derive(Default)]
pub struct SignIns(Mutex<HashMap<String, String>>);

impl SignIns {
    fn put(&self, kind: &str, url: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(kind.to_owned(), url.to_owned());
        }
    }

    fn get(&self, kind: &str) -> Option<String> {
        self.0.lock().ok().and_then(|map| map.get(kind).cloned())
    }

    fn forget(&self, kind: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(kind);
        }
    }
}

/// Opens `url` in the person's default browser; whether that worked (a desktop without a
/// browser, or a headless session, cannot: the UI then shows the link to copy).
fn open_in_browser(url: &str) -> bool {
    match tauri_plugin_opener::open_url(url, None::<&str>) {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "cannot open the system browser for the sign-in");
            false
        }
    }
}

/// Answer of `connect_integration`: the core's, plus whether the shell opened the browser.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectAnswer {
    #[serde(flatten)]
    result: ConnectResult,
    /// Present with `oauthUrl`: whether the system browser was opened on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    browser_opened: Option<bool>,
}

/// Answer of `cancel_connect`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelAnswer {
    kind: String,
    /// Whether a sign-in was waiting (and is now stopped).
    cancelled: bool,
}

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
    sign_ins: State<'_, SignIns>,
    kind: String,
    request: ConnectRequest,
) -> Result<ConnectAnswer, ApiError> {
    let result = api.connect_integration(&kind, request).await?;
    let browser_opened = result.oauth_url.as_deref().map(|url| {
        sign_ins.put(&result.kind, url);
        open_in_browser(url)
    });
    Ok(ConnectAnswer {
        result,
        browser_opened,
    })
}

/// Opens the waiting sign-in of `kind` in the browser again; whether the browser opened.
#[tauri::command]
pub async fn open_oauth_url(sign_ins: State<'_, SignIns>, kind: String) -> Result<bool, ApiError> {
    let url = sign_ins.get(&kind).ok_or_else(|| {
        ApiError::new(
            ErrorCode::ValidationError,
            format!("no sign-in is waiting for {kind}; connect it first"),
        )
    })?;
    Ok(open_in_browser(&url))
}

#[tauri::command]
pub async fn complete_connect(
    api: Api<'_>,
    sign_ins: State<'_, SignIns>,
    kind: String,
) -> Result<ConnectResult, ApiError> {
    let result = api.complete_oauth(&kind).await;
    sign_ins.forget(&kind);
    result
}

#[tauri::command]
pub async fn cancel_connect(
    api: Api<'_>,
    sign_ins: State<'_, SignIns>,
    kind: String,
) -> Result<CancelAnswer, ApiError> {
    sign_ins.forget(&kind);
    let cancelled = api.cancel_oauth(&kind);
    Ok(CancelAnswer { kind, cancelled })
}

#[tauri::command]
pub async fn disconnect_integration(
    api: Api<'_>,
    sign_ins: State<'_, SignIns>,
    kind: String,
) -> Result<DisconnectResult, ApiError> {
    sign_ins.forget(&kind);
    api.disconnect_integration(&kind).await
}

#[tauri::command]
pub async fn connection_health(api: Api<'_>, kind: String) -> Result<ConnectionHealth, ApiError> {
    api.connection_health(&kind).await
}

#[tauri::command]
pub async fn vault_status(api: Api<'_>) -> Result<VaultInfo, ApiError> {
    api.vault_status().await
}

#[tauri::command]
pub async fn set_vault_key_source(
    api: Api<'_>,
    choice: VaultChoice,
) -> Result<VaultInfo, ApiError> {
    api.set_vault_key_source(choice).await
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
    hide: Option<String>,
) -> Result<ObjectPage, ApiError> {
    let query = ObjectQuery {
        q,
        cursor,
        limit,
        hide,
    };
    api.list_objects(&kind, &query).await
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

#[tauri::command]
pub async fn list_subscriptions(api: Api<'_>, kind: String) -> Result<Vec<Operation>, ApiError> {
    api.subscriptions(&kind).await
}

#[tauri::command]
pub async fn get_scoping(api: Api<'_>, kind: String) -> Result<Scoping, ApiError> {
    api.scoping(&kind).await
}

#[tauri::command]
pub async fn set_scoping(
    api: Api<'_>,
    kind: String,
    scoping: Scoping,
) -> Result<ScopingResult, ApiError> {
    api.set_scoping(&kind, scoping).await
}

#[tauri::command]
pub async fn sql_scripts(
    api: Api<'_>,
    kind: String,
    query: ScriptsQuery,
) -> Result<Scripts, ApiError> {
    api.sql_scripts(&kind, &query).await
}

#[tauri::command]
pub async fn test_sql_connection(
    api: Api<'_>,
    kind: String,
    request: ConnectRequest,
) -> Result<SqlTestResult, ApiError> {
    api.test_sql_connection(&kind, request).await
}
