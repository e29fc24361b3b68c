//! Where a description document comes from, and reading its bytes: a local file, a URL (fetched
//! with timeouts and a size cap, http(s) only), or text a person pasted. This is the only I/O of
//! the REST source kinds; their normalizers are pure.

use std::path::PathBuf;
use std::time::Duration;

use crate::DiscoveryError;

/// Largest document read from any origin. Real specs are a few MB (Stripe: 4 MB).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Time allowed to connect to a URL.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed for the whole download.
const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentSource {
    /// A local file.
    File(PathBuf),
    /// An http(s) URL.
    Url(String),
    /// Pasted text, with a name to show in messages.
    Text {
        /// Name for messages (`pasted text`).
        name: String,
        /// The document.
        text: String,
    },
}

impl DocumentSource {
    /// Reads `FILE`, `http(s)://URL` or `-`-less text from a command-line argument.
    pub fn from_argument(argument: &str) -> DocumentSource {
        if argument.starts_with("http://") || argument.starts_with("https://") {
            DocumentSource::Url(argument.to_owned())
        } else {
            DocumentSource::File(PathBuf::from(argument))
        }
    }

    /// The name used in messages and as the schema title fallback: the file name, the URL, or
    /// the paste's name.
    pub fn name(&self) -> String {
        match self {
            DocumentSource::File(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            DocumentSource::Url(url) => url.clone(),
            DocumentSource::Text { name, .. } => name.clone(),
        }
    }

    /// Reads the bytes, refusing anything over [`MAX_DOCUMENT_BYTES`] without reading it whole.
    pub async fn read(&self) -> Result<Vec<u8>, DiscoveryError> {
        match self {
            DocumentSource::File(path) => read_file(path).await,
            DocumentSource::Url(url) => fetch_url(url).await,
            DocumentSource::Text { name, text } => {
                if text.len() > MAX_DOCUMENT_BYTES {
                    return Err(too_large(name));
                }
                Ok(text.as_bytes().to_vec())
            }
        }
    }
}

fn too_large(name: &str) -> DiscoveryError {
    DiscoveryError::NotADescription {
        source_name: name.to_owned(),
        expected: "a description Bindery reads",
        detail: format!(
            "it is larger than {} MiB",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ),
    }
}

async fn read_file(path: &std::path::Path) -> Result<Vec<u8>, DiscoveryError> {
    let unreadable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => DiscoveryError::NotFound {
            path: path.to_path_buf(),
        },
        _ => DiscoveryError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    };
    let metadata = tokio::fs::metadata(path).await.map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(DiscoveryError::NotASource {
            path: path.to_path_buf(),
            expected: "description file",
            detail: "it is a directory, not a file".to_owned(),
        });
    }
    if metadata.len() > MAX_DOCUMENT_BYTES as u64 {
        return Err(too_large(&path.display().to_string()));
    }
    tokio::fs::read(path).await.map_err(unreadable)
}

async fn fetch_url(url: &str) -> Result<Vec<u8>, DiscoveryError> {
    let failed = |detail: String| DiscoveryError::Unreadable {
        path: PathBuf::from(url),
        detail,
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| failed(format!("not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(failed(format!(
            "only http and https URLs are fetched, not {}:",
            parsed.scheme()
        )));
    }
    let client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(FETCH_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent(concat!("bindery/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| failed(format!("cannot build an HTTP client: {e}")))?;
    let mut response = client
        .get(parsed)
        .send()
        .await
        .map_err(|e| failed(describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(failed(format!("the server answered {status}")));
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_DOCUMENT_BYTES as u64)
    {
        return Err(too_large(url));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| failed(describe(&e)))? {
        if body.len() + chunk.len() > MAX_DOCUMENT_BYTES {
            return Err(too_large(url));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "the server did not answer in time".to_owned()
    } else if error.is_connect() {
        "cannot connect to the server".to_owned()
    } else {
        error.to_string()
    }
}
