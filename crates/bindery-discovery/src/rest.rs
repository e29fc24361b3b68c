//! The two REST source kinds as [`Discover`] implementations: read the document (file, URL or
//! pasted text; the only I/O), then normalize it off the async workers, since a large spec is
//! milliseconds of CPU.

use bindery_schema::SourceKind;

use crate::document::DocumentSource;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

type Normalizer = fn(&[u8], &str) -> Result<Discovered, DiscoveryError>;

/// Discovers one REST source kind: OpenAPI 2.0/3.0/3.1 ([`RestDiscoverer::OPENAPI`]) or Google
/// API discovery documents ([`RestDiscoverer::GOOGLE_DISCOVERY`]).
pub struct RestDiscoverer {
    kind: SourceKind,
    normalizer: Normalizer,
}

impl RestDiscoverer {
    /// OpenAPI 2.0/3.0/3.1 descriptions.
    pub const OPENAPI: RestDiscoverer = RestDiscoverer {
        kind: SourceKind::Openapi,
        normalizer: crate::openapi::discover_bytes,
    };

    /// Google API discovery documents.
    pub const GOOGLE_DISCOVERY: RestDiscoverer = RestDiscoverer {
        kind: SourceKind::GoogleDiscovery,
        normalizer: crate::google::discover_bytes,
    };
}

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

impl Discover for RestDiscoverer {
    fn kind(&self) -> SourceKind {
        self.kind
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            match source {
                SourceConfig::Openapi { document } | SourceConfig::GoogleDiscovery { document }
                    if source.kind() == self.kind =>
                {
                    discover(document, self.normalizer).await
                }
                other => Err(DiscoveryError::UnsupportedKind { kind: other.kind() }),
            }
        })
    }
}

/// REST descriptions mark an element with `deprecated: true` and give no reason.
pub(crate) const DEPRECATED: &str = "Marked deprecated by the provider's description";

/// The deprecation of a schema, parameter or operation node (`deprecated: true`).
pub(crate) fn deprecation(node: &serde_json::Value) -> Option<String> {
    (node.get("deprecated").and_then(serde_json::Value::as_bool) == Some(true))
        .then(|| DEPRECATED.to_owned())
}
