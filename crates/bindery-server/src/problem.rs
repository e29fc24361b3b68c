//! RFC 9457 problem responses and the success envelope.

use axum::body::Body;
use axum::extract::{OriginalUri, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bindery_api::{ApiError, ErrorCode};
use serde::Serialize;

/// `{"success": true, "data": …}`.
pub struct Envelope<T>(pub T);

impl<T: Serialize> IntoResponse for Envelope<T> {
    fn into_response(self) -> Response {
        Json(serde_json::json!({ "success": true, "data": self.0 })).into_response()
    }
}

/// An [`ApiError`] as `application/problem+json` (boxed: every handler returns
/// `Result<_, Problem>`, and the error may carry `errors[]` and diagnostics).
pub struct Problem {
    pub error: Box<ApiError>,
    pub instance: Option<String>,
}

impl From<ApiError> for Problem {
    fn from(error: ApiError) -> Self {
        Problem {
            error: Box::new(error),
            instance: None,
        }
    }
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Problem {
        ApiError::new(code, message).into()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let code = self.error.code;
        let status =
            StatusCode::from_u16(self.error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = serde_json::json!({
            "type": "about:blank",
            "title": code.title(),
            "status": status.as_u16(),
            "detail": self.error.message,
            "code": code.as_str(),
        });
        if let Some(map) = body.as_object_mut() {
            if let Some(instance) = self.instance {
                map.insert("instance".to_owned(), instance.into());
            }
            // The platform's `errors[]` for a malformed body; the binding diagnostics behind a
            // 409/422 about a binding.
            if !self.error.errors.is_empty() {
                map.insert(
                    "errors".to_owned(),
                    serde_json::to_value(&self.error.errors).unwrap_or_default(),
                );
            }
            if let Some(diagnostics) = self.error.diagnostics {
                map.insert("diagnostics".to_owned(), diagnostics);
            }
        }
        let mut response = (status, Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"bindery\""),
            );
        }
        response
    }
}

/// Largest problem body rewritten by [`fill_instance`]; problems are a few hundred bytes, a
/// binding's diagnostics a few kilobytes.
const MAX_PROBLEM_BYTES: usize = 1024 * 1024;

/// Gives every problem+json response an `instance` (the request path, without the query string,
/// which may hold search text) when the handler did not set one.
pub async fn fill_instance(request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PROBLEM_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "problem body too large").into_response();
    };
    let mut value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(_) => return Response::from_parts(parts, Body::from(bytes)),
    };
    if let Some(map) = value.as_object_mut() {
        map.entry("instance").or_insert_with(|| path.into());
    }
    let body = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
