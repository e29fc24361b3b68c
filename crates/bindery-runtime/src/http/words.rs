//! The words of a failed exchange: the provider's own explanation of an error answer, and URLs
//! as shown or named in messages (never with the credentials of their userinfo).

use serde_json::Value;

use crate::REDACTED;

/// The provider's own explanation of an error answer: Stripe `error.message`, RFC 9457
/// `title`/`detail`, a validator's list of violations (Prism `validation[]`), GraphQL
/// `errors[].message`, a plain `message`, or the start of a text body.
pub(super) fn provider_error(body: &Value) -> Option<String> {
    fn text(v: Option<&Value>) -> Option<&str> {
        v.and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }
    let mut parts: Vec<String> = Vec::new();
    match body {
        Value::String(s) if !s.trim().is_empty() => return Some(excerpt(s.trim(), 300)),
        Value::Object(o) => {
            if let Some(error) = o.get("error") {
                match error {
                    Value::String(s) => parts.push(s.clone()),
                    Value::Object(e) => {
                        parts.extend(text(e.get("message")).map(str::to_owned));
                    }
                    _ => {}
                }
                parts.extend(text(o.get("error_description")).map(str::to_owned));
            }
            if parts.is_empty() {
                match (text(o.get("title")), text(o.get("detail"))) {
                    (Some(title), Some(detail)) => parts.push(format!("{title}: {detail}")),
                    (one, other) => parts.extend(one.or(other).map(str::to_owned)),
                }
            }
            for key in ["validation", "errors"] {
                let items = o.get(key).and_then(Value::as_array).into_iter().flatten();
                parts.extend(items.take(10).filter_map(violation));
            }
            if parts.is_empty() {
                parts.extend(text(o.get("message")).map(str::to_owned));
            }
        }
        _ => {}
    }
    (!parts.is_empty()).then(|| excerpt(&parts.join("; "), 1000))
}

/// One violation of a list: `location: message` (Prism `location`, GraphQL `path`,
/// JSON:API `source.pointer`) or just its message.
fn violation(item: &Value) -> Option<String> {
    let message = item
        .get("message")
        .or_else(|| item.get("detail"))
        .and_then(Value::as_str)?;
    let place = ["location", "path"]
        .iter()
        .find_map(|k| item.get(*k).and_then(Value::as_array))
        .map(|segments| {
            segments
                .iter()
                .map(|s| match s {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(".")
        })
        .or_else(|| {
            item.pointer("/source/pointer")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .filter(|p| !p.is_empty());
    Some(match place {
        Some(place) => format!("{place}: {message}"),
        None => message.to_owned(),
    })
}

/// At most `max` characters of `text`, with `…` when cut.
pub(super) fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// `scheme://host:port` of a URL, for messages.
pub(super) fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(url) => {
            let host = url.host_str().unwrap_or("the provider");
            match url.port() {
                Some(port) => format!("{}://{host}:{port}", url.scheme()),
                None => format!("{}://{host}", url.scheme()),
            }
        }
        Err(_) => String::from("the provider"),
    }
}

/// Removes `user:password@` from every URL in `text`.
pub(crate) fn strip_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let authority_end = after.find(['/', '?', '#', ' ']).unwrap_or(after.len());
        let authority = after.get(..authority_end).unwrap_or(after);
        match authority.rfind('@') {
            Some(userinfo_end) => out.push_str(authority.get(userinfo_end + 1..).unwrap_or("")),
            None => out.push_str(authority),
        }
        rest = after.get(authority_end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The URL as shown: a password in its userinfo replaced by the redaction mark.
pub(crate) fn shown_url(url: &url::Url) -> String {
    match url.password() {
        Some(_) => {
            let text = url.as_str();
            let user = url.username();
            match (text.find("://"), text.find('@')) {
                (Some(scheme_end), Some(at)) => format!(
                    "{}{user}:{REDACTED}{}",
                    text.get(..scheme_end + 3).unwrap_or(""),
                    text.get(at..).unwrap_or("")
                ),
                _ => strip_userinfo(text),
            }
        }
        None => url.to_string(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn provider_errors_are_read_in_each_dialect() {
        let cases = [
            (
                json!({"error": {"message": "No such customer: 'cus_x'", "type": "invalid_request_error"}}),
                "No such customer: 'cus_x'",
            ),
            (
                json!({"type": "about:blank", "title": "Invalid request", "detail": "limit is wrong"}),
                "Invalid request: limit is wrong",
            ),
            (
                json!({"title": "Invalid request", "validation": [{"location": ["query", "limit"], "message": "must be integer"}]}),
                "Invalid request; query.limit: must be integer",
            ),
            (
                json!({"errors": [{"message": "boom", "path": ["a", 0]}]}),
                "a.0: boom",
            ),
            (
                json!({"message": "Not Found", "documentation_url": "https://docs"}),
                "Not Found",
            ),
            (json!("Bad gateway"), "Bad gateway"),
        ];
        for (body, want) in cases {
            assert_eq!(
                provider_error(&body).as_deref(),
                Some(want),
                "read from {body}"
            );
        }
        assert_eq!(provider_error(&json!({})), None, "nothing to say");
    }

    #[test]
    fn userinfo_never_reaches_a_message() {
        assert_eq!(
            strip_userinfo("error for https://me:pw@api.example.com/v1 and http://x.io"),
            "error for https://api.example.com/v1 and http://x.io",
            "stripped"
        );
        let url = url::Url::parse("https://me:pw@api.example.com/v1?a=1").expect("a URL");
        assert_eq!(
            shown_url(&url),
            "https://me:<redacted>@api.example.com/v1?a=1",
            "password redacted"
        );
    }
}
