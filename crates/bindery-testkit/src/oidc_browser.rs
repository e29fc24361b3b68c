//! A browser stand-in for the [`OidcDouble`](crate::OidcDouble): reqwest with a cookie jar that
//! walks oidc-provider's development login and consent forms the way a person would, and stops
//! at the redirect to Bindery's loopback listener so a test can decide how (and whether) to
//! deliver it. (The end-to-end test drives the same forms in Chromium.)

use std::time::Duration;

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use url::Url;

/// Most redirects and form posts one sign-in takes (login, consent and their redirects are 6).
const MOST_STEPS: usize = 12;

/// The person at the browser.
pub struct OidcBrowser {
    client: reqwest::Client,
}

/// What the browser shows after visiting a page.
pub struct Visit {
    /// The HTTP status.
    pub status: StatusCode,
    /// The page.
    pub body: String,
}

impl Default for OidcBrowser {
    fn default() -> Self {
        OidcBrowser::new()
    }
}

impl OidcBrowser {
    /// A browser with an empty cookie jar that does not follow redirects by itself.
    pub fn new() -> OidcBrowser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .timeout(Duration::from_secs(20))
            .build()
            .expect("a cookie-jar client builds");
        OidcBrowser { client }
    }

    /// Opens `authorize_url`, signs in as `login` and consents; returns the URL the provider
    /// redirects to on `redirect_uri` (Bindery's listener), not yet visited.
    pub async fn approve(
        &self,
        authorize_url: &str,
        redirect_uri: &str,
        login: &str,
    ) -> Result<String, String> {
        self.walk(authorize_url, redirect_uri, Some(login)).await
    }

    /// Opens `authorize_url` and presses "abort" on the sign-in page (the development forms'
    /// way to refuse); returns the redirect to Bindery's listener, not yet visited.
    pub async fn refuse(&self, authorize_url: &str, redirect_uri: &str) -> Result<String, String> {
        self.walk(authorize_url, redirect_uri, None).await
    }

    /// A plain GET, as when the browser follows the redirect to Bindery.
    pub async fn visit(&self, url: &str) -> Visit {
        let response = self.client.get(url).send().await.expect("the page answers");
        let status = response.status();
        let body = response.text().await.expect("the page has a body");
        Visit { status, body }
    }

    async fn walk(
        &self,
        authorize_url: &str,
        redirect_uri: &str,
        login: Option<&str>,
    ) -> Result<String, String> {
        let mut next = self
            .redirect_of(self.client.get(authorize_url), authorize_url)
            .await?;
        for _ in 0..MOST_STEPS {
            if next.starts_with(redirect_uri) {
                return Ok(next);
            }
            let url = Url::parse(&next).map_err(|e| format!("{next}: {e}"))?;
            if !url.path().starts_with("/interaction/") {
                next = self
                    .redirect_of(self.client.get(url.clone()), &next)
                    .await?;
                continue;
            }
            let page = self.visit(&next).await;
            if page.status != StatusCode::OK {
                return Err(format!("interaction page {}: {}", page.status, page.body));
            }
            next = match login {
                None => {
                    let abort = url
                        .join(&format!("{}/abort", url.path()))
                        .map_err(|e| e.to_string())?;
                    self.redirect_of(self.client.get(abort), &next).await?
                }
                Some(login) if page.body.contains("value=\"login\"") => {
                    let form = [("prompt", "login"), ("login", login), ("password", "x")];
                    self.redirect_of(self.client.post(url.clone()).form(&form), &next)
                        .await?
                }
                Some(_) if page.body.contains("value=\"consent\"") => {
                    let form = [("prompt", "consent")];
                    self.redirect_of(self.client.post(url.clone()).form(&form), &next)
                        .await?
                }
                Some(_) => return Err(format!("unknown interaction page: {}", page.body)),
            };
        }
        Err(format!(
            "no redirect to {redirect_uri} after {MOST_STEPS} steps"
        ))
    }

    /// Sends `request` and returns its redirect target, resolved against `base`.
    async fn redirect_of(
        &self,
        request: reqwest::RequestBuilder,
        base: &str,
    ) -> Result<String, String> {
        let response = request.send().await.map_err(|e| format!("{base}: {e}"))?;
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        match location {
            Some(location) if status.is_redirection() => Url::parse(base)
                .and_then(|b| b.join(&location))
                .map(String::from)
                .map_err(|e| format!("redirect {location}: {e}")),
            _ => {
                let body = response.text().await.unwrap_or_default();
                Err(format!(
                    "expected a redirect from {base}, got {status}: {body}"
                ))
            }
        }
    }
}
