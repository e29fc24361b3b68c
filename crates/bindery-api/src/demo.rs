//! The embedded demo: on a new workspace, generate the field-service SQLite database, register
//! it as `demo_fieldservice` and discover it, so a newcomer sees a real schema at once.

use std::time::Duration;

use bindery_demo::{create_demo_database, DEMO_PROVIDER_KIND};
use bindery_store::{NewProvider, StoreError};

use crate::{ApiError, Bindery, ErrorCode};

const META_KEY: &str = "demo";
/// Fixed seed: every workspace gets the same demo rows (dates follow the day it was made).
const DEMO_SEED: u64 = 2026;
/// A seeding claim older than this is from a process that died.
const STALE_CLAIM_SECS: i64 = 60;
const POLL: Duration = Duration::from_millis(50);

pub(crate) async fn seed(bindery: &Bindery) -> Result<(), ApiError> {
    let store = &bindery.store;
    let claim = format!("seeding since {}", bindery.now().to_rfc3339());
    if !store.claim_meta(META_KEY, &claim).await? {
        // Seeded already, or another process is seeding now (wait for it), or a process died
        // half way (its claim goes stale: take over; every step below is safe to redo).
        let mut waited = Duration::ZERO;
        loop {
            let value = store.meta(META_KEY).await?.unwrap_or_default();
            if value == "done" {
                return Ok(());
            }
            let since = value
                .strip_prefix("seeding since ")
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
            let stale = since.is_none_or(|t| {
                bindery.now().signed_duration_since(t)
                    > chrono::TimeDelta::seconds(STALE_CLAIM_SECS)
            });
            if stale || waited > Duration::from_secs(STALE_CLAIM_SECS as u64) {
                tracing::warn!("taking over an unfinished demo set-up");
                store.set_meta(META_KEY, &claim).await?;
                break;
            }
            tokio::time::sleep(POLL).await;
            waited += POLL;
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
