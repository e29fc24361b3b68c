//! The DTOs every shell sends and receives (camelCase JSON). The HTTP API wraps them in the
//! platform's `{success, data}` envelope; Tauri returns them as they are.

use std::collections::BTreeMap;

use bindery_schema::{Cardinality, Diagnostic, EdgeSource, Object, Operation, Schema, Summary};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A connection field a catalog entry asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogField {
    /// Field name in `credentials` (or `kind`).
    pub name: String,
    /// Label for people.
    pub label: String,
    /// Input type: `text`, `path`, `password`, `url`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Must be filled.
    pub required: bool,
    /// Where to find the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One provider type Bindery can connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogEntry {
    /// Catalog kind (`sqlite`).
    pub kind: String,
    /// Name for people.
    pub display_name: String,
    /// Grouping (`database`, `calendar`).
    pub category: String,
    /// One-paragraph description.
    pub blurb: String,
    /// `oauth2`, `api_key`, `basic`, `sql` or `none`.
    pub auth_mode: String,
    /// Source kind discovered for it.
    pub source_kind: Option<String>,
    /// Curated actions (none yet).
    pub action_count: u32,
    /// Whether a connector pack ships with it.
    pub has_pack: bool,
    /// Whether a provider of this type is connected in the workspace.
    #[serde(default)]
    pub connected: bool,
    /// Whether it can be connected in this build.
    pub connectable: bool,
    /// What connecting asks for.
    pub fields: Vec<CatalogField>,
}

/// A registered provider with its latest discovery.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    /// Name in URLs.
    pub kind: String,
    /// Name for people.
    pub display_name: String,
    /// Source kind.
    pub source_kind: String,
    /// `connected` (never discovered) or `discovered`.
    pub status: &'static str,
    /// Where the source is (a file path); never a secret.
    pub location: String,
    /// Whether it is the embedded demo.
    pub demo: bool,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// When it was last discovered.
    pub discovered_at: Option<DateTime<Utc>>,
    /// Counts of the latest discovery.
    pub summary: Option<Summary>,
    /// Fingerprint of the latest discovery.
    pub fingerprint: Option<String>,
}

/// Body of `POST /integrations/{kind}/connect`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectRequest {
    /// Source kind; may be left out when the provider kind names one (`sqlite`).
    #[serde(default)]
    pub source_kind: Option<String>,
    /// Name for people; defaults to the kind.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Connection fields (`path` for SQLite).
    #[serde(default)]
    pub credentials: BTreeMap<String, serde_json::Value>,
}

/// Answer of connect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectResult {
    /// Provider kind.
    pub kind: String,
    /// Always `connected` for sources without OAuth.
    pub status: &'static str,
    /// Source kind.
    pub source_kind: String,
}

/// Answer of discover: the summary, flattened, with when and what.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscoverResult {
    /// Counts.
    #[serde(flatten)]
    pub summary: Summary,
    /// When discovery finished.
    pub discovered_at: DateTime<Utc>,
    /// Schema fingerprint.
    pub fingerprint: String,
    /// Problems found on the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// Query of `GET /objects`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectQuery {
    /// Search text.
    #[serde(default)]
    pub q: Option<String>,
    /// Cursor from the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Page size (1..=500, default 50).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Direction of a relationship seen from one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// This object references the other.
    Outgoing,
    /// The other object references this one.
    Incoming,
}

/// An edge seen from one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    /// Which way.
    pub direction: Direction,
    /// This object's fields.
    pub fields: Vec<String>,
    /// The other object.
    pub other_object: String,
    /// The other object's fields.
    pub other_fields: Vec<String>,
    /// How many of the other one row reaches.
    pub cardinality: Cardinality,
    /// Where the edge came from.
    pub source: EdgeSource,
    /// Followable in one hop.
    pub joinable: bool,
    /// Constraint name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `GET /objects/{object}`: the object, its relationships both ways, its operations.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectDetail {
    /// The object with its fields.
    pub object: Object,
    /// Relationships, outgoing first.
    pub relationships: Vec<Relationship>,
    /// Operations on it.
    pub operations: Vec<Operation>,
}

/// One-shot discovery output (`bindery discover KIND SOURCE --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscoverOnce {
    /// Counts.
    pub summary: Summary,
    /// Problems found on the way.
    pub diagnostics: Vec<Diagnostic>,
    /// The whole schema.
    pub schema: Schema,
}

/// A freshly created API key: the only time the key itself is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    /// Key id.
    pub id: String,
    /// The key. Shown once; only its hash is stored.
    pub key: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Label.
    pub label: Option<String>,
}
