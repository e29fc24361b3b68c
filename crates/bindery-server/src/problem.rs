//! RFC 9457 problem responses and the success envelope.

use axum::http::{header, HeaderValue, StatusCode};
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

/// An [`ApiError`] as `application/problem+json`.
pub struct Problem {
    pub error: ApiError,
    pub instance: Option<String>,
}

impl From<ApiError> for Problem {
    fn from(error: ApiError) -> Self {
        Problem {
            error,
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
        if let (Some(instance), Some(map)) = (self.instance, body.as_object_mut()) {
            map.insert("instance".to_owned(), instance.into());
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
