//! The embedded demo: on a new workspace, generate the field-service SQLite database, register
//! it as `demo_fieldservice` and discover it, so a newcomer sees a real schema at once.

use bindery_demo::{create_demo_database, DEMO_PROVIDER_KIND};
use bindery_store::{NewProvider, StoreError};

use crate::{ApiError, Bindery, ErrorCode};

const META_KEY: &str = "demo";
/// Fixed seed: every workspace gets the same demo rows (dates follow the day it was made).
const DEMO_SEED: u64 = 2026;

pub(crate) async fn seed(bindery: &Bindery) -> Result<(), ApiError> {
    let store = &bindery.store;
    if !store.claim_meta(META_KEY, "seeding").await? {
        // Seeded already, or another process is seeding now, or a process died half way; only
        // the last case has no demo provider row, and every step below is safe to redo.
        let done = store.meta(META_KEY).await?.as_deref() == Some("done");
        if done || store.provider(DEMO_PROVIDER_KIND).await?.is_some() {
            return Ok(());
        }
    }
    let started = std::time::Instant::now();
    let path = bindery.dir.join("demo").join("demo_fieldservice.db");
    if !path.exists() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                ApiError::new(
                    ErrorCode::WorkspaceUnavailable,
                    format!("cannot create {}: {e}", parent.display()),
                )
            })?;
        }
        let today = bindery.now().format("%Y-%m-%d").to_string();
        create_demo_database(&path, DEMO_SEED, &today)
            .await
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::WorkspaceUnavailable,
                    format!("cannot create the demo database: {e}"),
                )
            })?;
    }
    let provider = NewProvider {
        kind: DEMO_PROVIDER_KIND.to_owned(),
        display_name: "Demo: Evergreen Home Services".to_owned(),
        source_kind: "sqlite".to_owned(),
        config: serde_json::json!({ "path": path.to_string_lossy() }),
        demo: true,
    };
    match store.insert_provider(&provider, bindery.now()).await {
        Ok(()) | Err(StoreError::Conflict { .. }) => {}
        Err(other) => return Err(other.into()),
    }
    bindery.discover_integration(DEMO_PROVIDER_KIND).await?;
    store.set_meta(META_KEY, "done").await?;
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo workspace ready"
    );
    Ok(())
}

/// Writes the demo database to `path` (which must not exist) without a workspace:
/// `bindery demo FILE`, for people who want the file itself and for benchmarks.
pub async fn write_demo_database(
    path: &std::path::Path,
) -> Result<bindery_demo::DemoStats, ApiError> {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    create_demo_database(path, DEMO_SEED, &today)
        .await
        .map_err(|e| match e {
            bindery_demo::DemoError::AlreadyExists { .. } => {
                ApiError::new(ErrorCode::ValidationError, e.to_string())
            }
            other => ApiError::new(ErrorCode::SourceUnreadable, other.to_string()),
        })
}
