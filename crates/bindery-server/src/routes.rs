//! The route table. Every handler is one call into `bindery-api`; scopes are enforced by a layer
//! per route group.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
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

/// `201 Created` with the envelope.
fn created<T: serde::Serialize>(data: T) -> Reply {
    Ok((StatusCode::CREATED, Envelope(data)).into_response())
}

/// A request body as JSON (`null` when empty); anything else is a 400 `validation_error` with
/// `errors[]`. The use case reads the JSON into its own request type.
fn json_body(bytes: &Bytes) -> Result<serde_json::Value, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_slice(bytes).map_err(|e| {
        bindery_api::ApiError::invalid_body("body", format!("the body is not JSON: {e}")).into()
    })
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
        .route("/integrations/{kind}/drift", get(drift))
        .route("/integrations/{kind}/graph", get(graph))
        .route("/integrations/{kind}/paths", get(paths))
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
    // Path parameters keep one name per position across routes (the router requires it).
    let agents_read = Router::new()
        .route("/agents", get(list_agents))
        .route("/agents/{agentId}", get(agent))
        .route("/agents/{agentId}/skills", get(list_skills))
        .route("/agents/{agentId}/skills/{skillId}", get(skill))
        .route("/agents/{agentId}/versions", get(versions))
        .route(
            "/agents/{agentId}/versions/{versionId}/diff",
            get(diff_versions),
        )
        .route_layer(middleware::from_fn_with_state(
            api.clone(),
            require_agents_read,
        ));
    let agents_write = Router::new()
        .route("/agents", post(create_agent))
        .route("/agents/{agentId}/publish", post(publish))
        .route_layer(middleware::from_fn_with_state(
            api.clone(),
            require_agents_write,
        ));
    let skills_write = Router::new()
        .route("/agents/{agentId}/integrations/{kind}/bindings", post(bind))
        .route(
            "/agents/{agentId}/integrations/{kind}/bindings/preview",
            post(preview_binding),
        )
        .route(
            "/agents/{agentId}/skills/{skillId}",
            put(update_skill).patch(patch_skill).delete(delete_skill),
        )
        .route("/agents/{agentId}/skills/{skillId}/approve", post(approve))
        .route("/agents/{agentId}/skills/{skillId}/enable", post(enable))
        .route("/agents/{agentId}/skills/{skillId}/try", post(try_skill))
        .route_layer(middleware::from_fn_with_state(
            api.clone(),
            require_skills_write,
        ));
    let v1 = Router::new()
        .route("/openapi.json", get(openapi))
        .merge(reads)
        .merge(writes)
        .merge(agents_read)
        .merge(agents_write)
        .merge(skills_write)
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

async fn require_agents_read(State(api): Api, request: Request, next: Next) -> Reply {
    require(api, Scope::AgentsRead, request, next).await
}

async fn require_agents_write(State(api): Api, request: Request, next: Next) -> Reply {
    require(api, Scope::AgentsWrite, request, next).await
}

async fn require_skills_write(State(api): Api, request: Request, next: Next) -> Reply {
    require(api, Scope::SkillsWrite, request, next).await
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
            error: Box::new(error),
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

async fn drift(State(api): Api, Path(kind): Path<String>) -> Reply {
    ok(api.drift(&kind).await?)
}

async fn graph(
    State(api): Api,
    Path(kind): Path<String>,
    query: Result<Query<bindery_api::GraphQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.graph(&kind, &query).await?)
}

async fn paths(
    State(api): Api,
    Path(kind): Path<String>,
    query: Result<Query<bindery_api::PathsQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api.paths(&kind, &query).await?)
}

async fn list_agents(State(api): Api) -> Reply {
    ok(api.list_agents().await?)
}

async fn create_agent(State(api): Api, body: Bytes) -> Reply {
    created(api.create_agent(json_body(&body)?).await?)
}

async fn agent(State(api): Api, Path(id): Path<String>) -> Reply {
    ok(api.agent(&id).await?)
}

async fn bind(State(api): Api, Path((agent, kind)): Path<(String, String)>, body: Bytes) -> Reply {
    created(api.bind(&agent, &kind, json_body(&body)?).await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PreviewQuery {
    skill_id: Option<String>,
}

async fn preview_binding(
    State(api): Api,
    Path((agent, kind)): Path<(String, String)>,
    query: Result<Query<PreviewQuery>, QueryRejection>,
    body: Bytes,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    let body = json_body(&body)?;
    ok(api
        .preview_binding(&agent, &kind, body, query.skill_id.as_deref())
        .await?)
}

async fn list_skills(State(api): Api, Path(agent): Path<String>) -> Reply {
    ok(api.list_skills(&agent).await?)
}

async fn skill(State(api): Api, Path((agent, skill)): Path<(String, String)>) -> Reply {
    ok(api.skill(&agent, &skill).await?)
}

async fn update_skill(
    State(api): Api,
    Path((agent, skill)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    ok(api.update_skill(&agent, &skill, json_body(&body)?).await?)
}

async fn patch_skill(
    State(api): Api,
    Path((agent, skill)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    ok(api.patch_skill(&agent, &skill, json_body(&body)?).await?)
}

async fn delete_skill(State(api): Api, Path((agent, skill)): Path<(String, String)>) -> Reply {
    ok(api.delete_skill(&agent, &skill).await?)
}

async fn approve(
    State(api): Api,
    Path((agent, skill)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    ok(api.approve_skill(&agent, &skill, json_body(&body)?).await?)
}

async fn enable(
    State(api): Api,
    Path((agent, skill)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    ok(api.enable_skill(&agent, &skill, json_body(&body)?).await?)
}

async fn try_skill(
    State(api): Api,
    Path((agent, skill)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    ok(api.try_skill(&agent, &skill, json_body(&body)?).await?)
}

async fn publish(State(api): Api, Path(agent): Path<String>, body: Bytes) -> Reply {
    created(api.publish(&agent, json_body(&body)?).await?)
}

async fn versions(State(api): Api, Path(agent): Path<String>) -> Reply {
    ok(api.versions(&agent).await?)
}

#[derive(Deserialize)]
struct DiffQuery {
    against: Option<String>,
}

async fn diff_versions(
    State(api): Api,
    Path((agent, version)): Path<(String, String)>,
    query: Result<Query<DiffQuery>, QueryRejection>,
) -> Reply {
    let Query(query) =
        query.map_err(|e| Problem::new(ErrorCode::ValidationError, e.body_text()))?;
    ok(api
        .diff_versions(&agent, &version, query.against.as_deref())
        .await?)
}
