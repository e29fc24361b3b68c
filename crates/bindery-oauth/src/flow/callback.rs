//! The browser's side of the loopback listener: reading one HTTP/1.1 request, reading the
//! callback's parameters out of it, and answering with a small HTML page.
//!
//! The request target holds the authorization code, so it is kept in a [`Token`] (zeroized on
//! drop) and never logged.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::error::provider_text;
use crate::{OAuthError, Token};

/// The path of the redirect URI.
pub(crate) const CALLBACK_PATH: &str = "/callback";
/// Largest request head read from the browser.
const REQUEST_LIMIT: usize = 16 * 1024;
/// How long a browser connection may take to send its request.
const READ_LIMIT: Duration = Duration::from_secs(10);
/// How long writing a page may take.
const WRITE_LIMIT: Duration = Duration::from_secs(5);

/// A request's method and target (path and query).
pub(crate) struct BrowserRequest {
    method: String,
    target: Token,
}

/// Reads one request head from the browser; `None` if it is not HTTP, too large, or too slow
/// (browsers also open connections they never use).
pub(crate) async fn read_request(stream: &mut TcpStream) -> Option<BrowserRequest> {
    let mut head = Vec::with_capacity(1024);
    let read = async {
        let mut buffer = [0u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buffer).await.ok()?;
            if n == 0 || head.len() + n > REQUEST_LIMIT {
                return None;
            }
            head.extend_from_slice(&buffer[..n]);
        }
        Some(())
    };
    tokio::time::timeout(READ_LIMIT, read).await.ok()??;
    let text = Token::new(String::from_utf8_lossy(&head).into_owned());
    head.fill(0);
    let line = text.expose().lines().next()?;
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    version.starts_with("HTTP/1.").then(|| BrowserRequest {
        method: method.to_string(),
        target: Token::new(target.to_string()),
    })
}

/// What a request to the listener is.
pub(crate) enum Callback {
    /// Not a GET of the callback path: answered with this page, the flow goes on.
    Elsewhere(Page),
    /// A callback whose `state` is missing or does not match: refused, the code never used.
    WrongState,
    /// The provider's error (`error=access_denied`, ...), with a matching state.
    ProviderError {
        error: String,
        description: Option<String>,
    },
    /// The authorization code, with a matching state.
    Code(Token),
    /// A matching state but neither a code nor an error.
    NoCode,
}

/// Reads the callback out of a request, checking `state` against `expected_state` before
/// looking at anything else.
pub(crate) fn classify(request: &BrowserRequest, expected_state: &Token) -> Callback {
    let target = request.target.expose();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != CALLBACK_PATH {
        return Callback::Elsewhere(Page::not_found());
    }
    if request.method != "GET" {
        return Callback::Elsewhere(Page::method_not_allowed());
    }
    let mut state = None;
    let mut code = None;
    let mut error = None;
    let mut description = None;
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "state" => state = Some(Token::new(value.into_owned())),
            "code" => code = Some(Token::new(value.into_owned())),
            "error" => error = Some(value.into_owned()),
            "error_description" => description = Some(value.into_owned()),
            _ => {}
        }
    }
    let state_matches = state
        .as_ref()
        .is_some_and(|given| same_secret(given.expose(), expected_state.expose()));
    if !state_matches {
        return Callback::WrongState;
    }
    let code_text = code.as_ref().map_or("", Token::expose).to_string();
    let secrets = [code_text.as_str()];
    match (error, code) {
        (Some(error), _) => Callback::ProviderError {
            error: provider_text(&error, &secrets),
            description: description.map(|d| provider_text(&d, &secrets)),
        },
        (None, Some(code)) if !code.expose().is_empty() => Callback::Code(code),
        (None, _) => Callback::NoCode,
    }
}

/// Compares two secrets in time independent of where they differ.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// A small self-contained HTML page (no script, no outside resource).
pub(crate) struct Page {
    status: u16,
    title: &'static str,
    message: String,
}

/// The sentence every sign-in page in the browser ends with (tests look for it).
pub const GO_BACK_TO_BINDERY: &str = "You can close this tab and go back to Bindery.";

impl Page {
    /// The approval reached Bindery and the tokens were received.
    pub(crate) fn connected() -> Page {
        Page {
            status: 200,
            title: "Bindery is connected",
            message: format!("The approval reached Bindery. {GO_BACK_TO_BINDERY}"),
        }
    }

    /// The sign-in ended with an error.
    pub(crate) fn failed(error: &OAuthError) -> Page {
        Page {
            status: 400,
            title: "Bindery could not connect",
            message: format!("{}. {GO_BACK_TO_BINDERY}", capitalized(&error.to_string())),
        }
    }

    /// A callback whose state did not match: refused, the sign-in still waits.
    pub(crate) fn refused() -> Page {
        Page {
            status: 400,
            title: "Bindery refused this answer",
            message: "This answer did not come from the sign-in Bindery started (its state did \
                      not match), so Bindery ignored it and is still waiting for your approval. \
                      Go back to Bindery and start the sign-in again if you need to."
                .to_string(),
        }
    }

    fn not_found() -> Page {
        Page {
            status: 404,
            title: "Not found",
            message: "This address only receives Bindery's sign-in answer.".to_string(),
        }
    }

    fn method_not_allowed() -> Page {
        Page {
            status: 405,
            title: "Method not allowed",
            message: "This address only receives Bindery's sign-in answer.".to_string(),
        }
    }

    fn html(&self) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:32rem;\
             margin:4rem auto;padding:0 1rem;color:#1f2328}}h1{{font-size:1.4rem}}</style>\
             </head><body><h1>{title}</h1><p>{message}</p></body></html>\n",
            title = escape(self.title),
            message = escape(&self.message),
        )
    }
}

/// Writes `page` and closes the connection. Failures are ignored: the browser may be gone.
pub(crate) async fn respond(mut stream: TcpStream, page: Page) {
    let body = page.html();
    let reason = match page.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let response = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n\
         Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n{body}",
        page.status,
        body.len(),
    );
    let write = async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    };
    if tokio::time::timeout(WRITE_LIMIT, write).await.is_err() {
        tracing::debug!("oauth: the browser did not read the sign-in page in time");
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{classify, escape, same_secret, BrowserRequest, Callback, Page};
    use crate::{OAuthError, Token};

    fn get(target: &str) -> BrowserRequest {
        BrowserRequest {
            method: "GET".to_string(),
            target: Token::new(target.to_string()),
        }
    }

    fn state() -> Token {
        Token::new("s-123".to_string())
    }

    #[test]
    fn the_state_is_checked_before_anything_else() {
        for target in [
            "/callback?code=c&state=other",
            "/callback?code=c",
            "/callback?error=access_denied&state=s-12",
        ] {
            assert!(
                matches!(classify(&get(target), &state()), Callback::WrongState),
                "{target} is refused"
            );
        }
        assert!(
            matches!(classify(&get("/callback?code=c%2B1&state=s-123"), &state()),
                Callback::Code(code) if code.expose() == "c+1"),
            "a matching state gives the decoded code"
        );
        assert!(
            matches!(
                classify(&get("/callback?error=access_denied&state=s-123"), &state()),
                Callback::ProviderError { error, .. } if error == "access_denied"
            ),
            "a matching error is the provider's"
        );
        assert!(
            matches!(
                classify(&get("/callback?state=s-123"), &state()),
                Callback::NoCode
            ),
            "neither code nor error"
        );
    }

    #[test]
    fn other_paths_and_methods_are_not_callbacks() {
        assert!(
            matches!(classify(&get("/favicon.ico"), &state()), Callback::Elsewhere(p) if p.status == 404),
            "404 elsewhere"
        );
        let post = BrowserRequest {
            method: "POST".to_string(),
            target: Token::new("/callback?code=c&state=s-123".to_string()),
        };
        assert!(
            matches!(classify(&post, &state()), Callback::Elsewhere(p) if p.status == 405),
            "only GET"
        );
    }

    #[test]
    fn pages_are_escaped_and_send_the_person_back() {
        assert_eq!(
            escape("<b>&'\""),
            "&lt;b&gt;&amp;&#39;&quot;",
            "HTML special characters"
        );
        let page = Page::failed(&OAuthError::Denied {
            description: Some("<script>".to_string()),
        })
        .html();
        assert!(!page.contains("<script>"), "provider text escaped: {page}");
        assert!(
            page.contains("go back to Bindery"),
            "says where to go: {page}"
        );
        assert!(
            same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("ab", "abc"),
            "secret comparison"
        );
    }
}
