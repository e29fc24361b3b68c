//! The local HTTP API (`bindery serve`): the platform's integration API on the person's own
//! machine, under `/api/v1`, plus the browser UI at `/` and the API's OpenAPI document.
//!
//! Layer L3: each handler is one call into `bindery-api`; this crate only adapts HTTP (envelope,
//! RFC 9457 problems, bearer keys and scopes). Conventions: success is `{"success": true,
//! "data": …}`; errors are `application/problem+json` with a stable `code`; lists page by cursor.
//! It binds 127.0.0.1 unless told otherwise.

mod problem;
mod routes;
mod ui;

use std::net::SocketAddr;
use std::sync::Arc;

use bindery_api::Bindery;
use tokio::net::TcpListener;

pub use routes::router;

/// The OpenAPI document of this API, served at `/api/v1/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// Serves the API and UI on `listener` until Ctrl-C (or the future `shutdown` resolves).
pub async fn serve(
    listener: TcpListener,
    api: Arc<Bindery>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr: SocketAddr = listener.local_addr()?;
    tracing::info!(%addr, "serving the Bindery API");
    axum::serve(listener, router(api))
        .with_graceful_shutdown(shutdown)
        .await
}
