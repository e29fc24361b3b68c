//! The route table. Every handler is one call into `bindery-api`; scopes are enforced by a layer
//! per route group.

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, patch, post, put};
use axum::{Json, Router};
use bindery_api::json::{ConnectRequest, ObjectQuery};
use bindery_api::{Bindery, ErrorCode, Scope, VaultChoice};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::problem::{Envelope, Problem};

type Api = State<Arc<Bindery>>;
type Reply = Result<Response, Problem>;

fn ok<T: serde::Serialize>(data: T) -> Reply {
    Ok(Envelope(data).into_response())
}

/// The whole app: `/api/v1/…` and the UI.
pub fn router(api: Arc<Bindery>) -> Router {
    let reads = Router::new()
        .route("/integrations/catalog", get(catalog))
        .route("/integrations", get(list_integrations))
        .route("/integrations/{kind}/schema", get(schema))
        .route("/integrations/{kind}/objects", get(list_objects))
        .route("/integrations/{kind}/objects/{object}", get(object))
        .route("/integrations/{kind}/operations", get(operations))
        .route("/integrations/{kind}/subscriptions", get(subscriptions))
        .route("/integrations/{kind}/scoping", get(scoping))
        .route("/integrations/{kind}/sql/scripts", get(sql_scripts))
        .route("/integrations/{kind}/health", get(health))
        .route("/vault", get(vault_status))
        .route_layer(middleware::from_fn_with_state(
            api.clone(),
            require_integrations_read,
        ));
    let writes = Router::new()
        .route("/integrations/{kind}/connect", post(connect))
        .route("/integrations/{kind}/discover", post(discover))
        .route("/integrations/{kind}/scoping", patch(set_scoping))
        .route("/integrations/{kind}/sql/test", post(sql_test))
        .route("/integrations/{kind}", delete(disconnect))
        .route(
            "/integrations/{kind}/connect/complete",
            post(complete_connect),
        )
        .route("/integrations/{kind}/connect", delete(cancel_connect))
        .route("/vault", put(set_vault))
        .route_layer(middleware::from_fn_with_state(
            api.clone(),
            require_integrations_write,
        ));
    let v1 = Router::new()
        .route("/openapi.json", get(openapi))
        .merge(reads)
        .merge(writes)
        .fallback(no_route)
        .method_not_allowed_fallback(no_method)
        .with_state(api);
    // Everything under /api is API: an unknown version or path is a problem, never the UI.
    Router::new()
        .nest("/api/v1", v1)
        .route("/api", any(no_route))
        .route("/api/", any(no_route))
        .route("/api/{*rest}", any(no_route))
        .fallback(crate::ui::asset)
        .layer(middleware::from_fn(crate::problem::fill_instance))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(TraceLayer::new_for_http())
}

async fn require_integrations_read(State(api): Api, request: Request, next: Next) -> Reply {
    require(api, Scope::IntegrationsRead, request, next).await
}

async fn require_integrations_write(State(api): Api, request: Request, next: Next) -> Reply {
    require(api, Scope::IntegrationsWrite, request, next).await
}

async fn require(api: Arc<Bindery>, scope: Scope, request: Request, next: Next) -> Reply {
    // The scheme name is case-insensitive (RFC 9110 section 11.1).
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_start().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key);
    let instance = request
        .extensions()
        .get::<OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    api.authorize(bearer, scope)
        .await
        .map_err(|error| Problem {
            error,
            instance: Some(instance),
        })?;
    Ok(next.run(request).await)
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::OPENAPI_JSON,
    )
        .into_response()
}

async fn no_route(OriginalUri(uri): OriginalUri) -> Problem {
    Problem {
        instance: Some(uri.path().to_owned()),
        ..Problem::new(
            ErrorCode::RouteNotFound,
            format!("no endpoint at {}", uri.path()),
        )
    }
}

async fn no_method(method: axum::http::Method, OriginalUri(uri): OriginalUri) -> Problem {
    Problem::new(
        ErrorCode::MethodNotAllowed,
        format!("{method} is not served at {}", uri.path()),
    )
}

async fn catalog(State(api): Api) -> Reply {
    ok(api.catalog().await?)
}

async fn list_integrations(State(api): Api) -> Reply {
    ok(api.list_integrations().await?)
}

async fn connect(
    State(api): Api,
    Path(kind): Path<String>,
    body: Result<Json<ConnectRequest>, JsonRejection>,
) -> Reply {
    let Json(request) =
        body.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.connect_integration(&kind, request).await?)
}

async fn complete_connect(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.complete_oauth(&kind).await?)
}

async fn cancel_connect(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(serde_json::json!({ "kind": kind, "cancelled": api.cancel_oauth(&kind) }))
}

async fn disconnect(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.disconnect_integration(&kind).await?)
}

async fn health(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.connection_health(&kind).await?)
}

async fn vault_status(State(api): Api) -> Reply {
    ok(api.vault_status().await?)
}

async fn set_vault(State(api): Api, body: Result<Json<VaultChoice>, JsonRejection>) -> Reply {
    let Json(choice) = body.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.set_vault_key_source(choice).await?)
}

async fn discover(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.discover_integration(&kind).await?)
}

async fn schema(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.schema(&kind).await?)
}

async fn list_objects(
    State(api): Api,
    Path(kind): Path<String>,
    query: Result<Query<ObjectQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.list_objects(&kind, &query).await?)
}

async fn object(State(api): Api, Path((kind, object)): Path<(String, String)>) -> Reply {
    ok(api.object(&kind, &object).await?)
}

#[derive(Deserialize)]
struct OperationsQuery {
    object: Option<String>,
}

async fn operations(
    State(api): Api,
    Path(kind): Path<String>,
    query: Result<Query<OperationsQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.operations(&kind, query.object.as_deref()).await?)
}

async fn subscriptions(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.subscriptions(&kind).await?)
}

async fn scoping(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.scoping(&kind).await?)
}

async fn set_scoping(
    State(api): Api,
    Path(kind): Path<String>,
    body: Result<Json<bindery_api::schema::Scoping>, JsonRejection>,
) -> Reply {
    let Json(scoping) =
        body.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.set_scoping(&kind, scoping).await?)
}

async fn sql_scripts(
    State(api): Api,
    Path(kind): Path<String>,
    query: Result<Query<bindery_api::ScriptsQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.sql_scripts(&kind, &query).await?)
}

async fn sql_test(
    State(api): Api,
    Path(kind): Path<String>,
    body: Result<Json<ConnectRequest>, JsonRejection>,
) -> Reply {
    let Json(request) =
        body.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.test_sql_connection(&kind, request).await?)
}
