//! The DTOs every shell sends and receives (camelCase JSON). The HTTP API wraps them in the
//! platform's `{success, data}` envelope; Tauri returns them as they are.

use std::collections::BTreeMap;

use bindery_schema::{Cardinality, Diagnostic, EdgeSource, Object, Operation, Schema, Summary};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::agents::{Agent, NewAgent};
pub use crate::approvals::{ApproveRequest, EnableRequest};
pub use crate::catalog::entry::{
    CatalogApiKey, CatalogEntry, CatalogField, CatalogOAuth, CatalogSchemaSource, CatalogVerify,
};
pub use crate::drift::{AffectedSkill, DriftOutcome};
pub use crate::publish::{
    AgentVersion, DiffEntry, FrozenApproval, FrozenSkill, PublishRequest, VersionDiff,
};
pub use crate::skills::{ApprovalView, SkillView};

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
    /// `connected` (never discovered), `discovered`, or `needs_reconnect` (the provider no
    /// longer accepts the stored sign-in).
    pub status: &'static str,
    /// Why, for `needs_reconnect`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_detail: Option<String>,
    /// Who the connection is (`my-store`, `ann@example.com`), when the provider says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_label: Option<String>,
    /// The catalog entry it was connected from (`google_calendar`, `shopify`), when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
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
    /// The catalog entry to connect (`google_calendar`, `shopify`); defaults to the kind when
    /// that names an entry that describes its own API.
    #[serde(default)]
    pub catalog: Option<String>,
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
    /// `connected`; `reconnected` when a provider was connected again (its settings and secrets
    /// replaced; scoping and snapshots kept); `pending` while an OAuth sign-in waits.
    pub status: &'static str,
    /// Source kind.
    pub source_kind: String,
    /// OAuth: the URL the person opens to approve (status `pending`); then
    /// `POST /integrations/{kind}/connect/complete`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth_url: Option<String>,
    /// Who the connection is, from the verification call (`my-store`, `ann@example.com`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_label: Option<String>,
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
    /// A re-discovery: what changed since the previous snapshot and which skills it broke.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift: Option<crate::drift::DriftOutcome>,
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
    /// Kinds of object to leave out, comma-separated: `relay` (Relay connection, edge and
    /// page-info types), `input` (input types).
    #[serde(default)]
    pub hide: Option<String>,
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
