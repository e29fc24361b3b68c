//! GraphQL discovery from three inputs: a live endpoint (the introspection query over HTTP), an
//! SDL document, or a saved introspection answer (JSON). Each is read into one raw form, the
//! [`TypeSystem`](type_system::TypeSystem), which the pure normalizer turns into the schema; so
//! introspecting a server and reading the SDL it was built from give the same schema.

mod endpoint;
mod introspection;
mod normalize;
mod operations;
mod relay;
mod scalars;
mod sdl;
mod type_system;
mod value;

use bindery_schema::{Diagnostic, SourceKind};

pub use endpoint::{Endpoint, FetchLimits, SecretHeader};

use crate::document::DocumentSource;
use crate::{BoxFuture, Discover, Discovered, DiscoveryError, SourceConfig};

/// Where a GraphQL schema is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphqlSource {
    /// A live endpoint, asked by introspection.
    Endpoint(Endpoint),
    /// An SDL document or a saved introspection answer (told apart by content).
    Document(DocumentSource),
}

impl GraphqlSource {
    /// `http(s)://…` is an endpoint; anything else is a file.
    pub fn from_argument(argument: &str) -> GraphqlSource {
        match DocumentSource::from_argument(argument) {
            DocumentSource::Url(url) => GraphqlSource::Endpoint(Endpoint::new(url)),
            document => GraphqlSource::Document(document),
        }
    }
}

/// Discovers GraphQL sources.
pub struct GraphqlDiscoverer;

impl Discover for GraphqlDiscoverer {
    fn kind(&self) -> SourceKind {
        SourceKind::Graphql
    }

    fn discover<'a>(
        &'a self,
        source: &'a SourceConfig,
    ) -> BoxFuture<'a, Result<Discovered, DiscoveryError>> {
        Box::pin(async move {
            let SourceConfig::Graphql { source } = source else {
                return Err(DiscoveryError::UnsupportedKind {
                    kind: source.kind(),
                });
            };
            let (bytes, name, from_endpoint) = match source {
                GraphqlSource::Endpoint(endpoint) => {
                    (endpoint.introspect().await?, endpoint.url.clone(), true)
                }
                GraphqlSource::Document(document) => {
                    (document.read().await?, document.name(), false)
                }
            };
            let task = tokio::task::spawn_blocking(move || {
                if from_endpoint {
                    discover_introspection(&bytes, &name)
                } else {
                    discover_bytes(&bytes, &name)
                }
            });
            task.await.map_err(|e| DiscoveryError::Unreadable {
                path: "graphql".into(),
                detail: format!("the normalizer stopped: {e}"),
            })?
        })
    }
}

/// Discovers a document: an introspection answer when it starts with `{`, else SDL.
pub fn discover_bytes(bytes: &[u8], source_name: &str) -> Result<Discovered, DiscoveryError> {
    let text = std::str::from_utf8(bytes).map_err(|e| DiscoveryError::NotADescription {
        source_name: source_name.to_owned(),
        expected: "a GraphQL schema (SDL or introspection JSON)",
        detail: format!("it is not UTF-8 text: {e}"),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        discover_introspection(text.as_bytes(), source_name)
    } else {
        discover_sdl(text, source_name)
    }
}

/// Discovers an SDL document.
pub fn discover_sdl(text: &str, source_name: &str) -> Result<Discovered, DiscoveryError> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let system = sdl::read(text, source_name, &mut diagnostics)?;
    Ok(normalize::normalize(&system, source_name, diagnostics))
}

/// Discovers an introspection answer.
pub fn discover_introspection(
    bytes: &[u8],
    source_name: &str,
) -> Result<Discovered, DiscoveryError> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    match introspection::read(bytes, source_name, &mut diagnostics)? {
        introspection::Answer::Schema(system) => {
            Ok(normalize::normalize(&system, source_name, diagnostics))
        }
        introspection::Answer::Errors(messages) => Err(DiscoveryError::GraphqlErrors {
            source_name: source_name.to_owned(),
            messages,
        }),
    }
}
