//! The two REST source kinds as [`Discover`] implementations: read the document (file, URL or
//! pasted text; the only I/O), then normalize it off the async workers, since a large spec is
//! milliseconds of CPU.

use bindery_schema::SourceKind;

use crate::document::DocumentSource;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

/// Discovers OpenAPI 2.0/3.0/3.1 descriptions.
pub struct OpenapiDiscoverer;

/// Discovers Google API discovery documents.
pub struct GoogleDiscoveryDiscoverer;

type Normalizer = fn(&[u8], &str) -> Result<Discovered, DiscoveryError>;

async fn discover(
    document: &DocumentSource,
    normalizer: Normalizer,
) -> Result<Discovered, DiscoveryError> {
    let bytes = document.read().await?;
    let name = document.name();
    let task = tokio::task::spawn_blocking(move || normalizer(&bytes, &name));
    task.await.map_err(|e| DiscoveryError::Unreadable {
        path: document.name().into(),
        detail: format!("the normalizer stopped: {e}"),
    })?
}

impl Discover for OpenapiDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::Openapi
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::Openapi { document } => {
                    discover(document, crate::openapi::discover_bytes).await
                }
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}

impl Discover for GoogleDiscoveryDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::GoogleDiscovery
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::GoogleDiscovery { document } => {
                    discover(document, crate::google::discover_bytes).await
                }
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}
