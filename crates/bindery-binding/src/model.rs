//! The binding: what a person authors, in the platform's request shape (digest section 4).
//! Every item keeps the names the platform uses (`toolName`, `inputs[{param, arg}]`,
//! `inputObjectMap[{field, param | const}]`, `projection[{path, leaf}]`, `sqlSearch`,
//! `sqlWrite`); Bindery's additions (argument sources, transforms, PII overrides, the
//! confirmation policy) are optional fields beside them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A mapping of canonical parameters onto one operation, and of provider fields back onto
/// output leaves. Deserializing never fails on a wrong *mapping* (unknown names, wrong types):
/// those are diagnostics from [`crate::validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Binding {
    /// The LLM-facing tool name ("Look up the caller").
    pub tool_name: String,
    /// The LLM-facing description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The operation id in the provider's schema (`sql:select:public.customer.by_email`,
    /// `GetCustomersCustomer`, `Query.repository`).
    pub operation: String,
    /// Operation arguments and where their values come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputMapping>,
    /// A write's input-object fields and where their values come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_object_map: Vec<FieldMapping>,
    /// Provider fields projected onto output leaves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projection: Vec<Projection>,
    /// A SQL read's one filter, on a leading-index column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_search: Option<SqlSearch>,
    /// A SQL write: a single-row insert or an update by unique key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_write: Option<SqlWrite>,
    /// Binds a write (must agree with the operation's class).
    #[serde(default)]
    pub is_write: bool,
    /// Start enabled (reads only; a write always lands disabled). `false` saves a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// How the agent confirms a write with the caller before running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
}

impl Binding {
    /// Reads a binding from JSON text.
    pub fn from_json(text: &str) -> Result<Binding, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Where a value comes from: a canonical parameter (optionally transformed, with a default when
/// the caller gives none) or a constant the operator pinned. Exactly one of `param` and `const`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueSource {
    /// A canonical parameter (its provenance, call context or caller, is in the registry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// An operator-pinned constant.
    #[serde(default, rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<Value>,
    /// A named transform applied to the parameter's value (`e164`, `spoken_date`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<String>,
    /// The value used when the parameter is not supplied (makes it optional for the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
}

/// One operation argument and its value (`{"param": "caller_phone", "arg": "phone"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InputMapping {
    /// The operation's argument.
    pub arg: String,
    /// Where its value comes from.
    #[serde(flatten)]
    pub source: ValueSource,
    /// A recorded decision to send a PII or sensitive value anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pii_override: Option<PiiOverride>,
}

/// One field of a write's input object and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldMapping {
    /// The input object's field (a column for SQL).
    pub field: String,
    /// Where its value comes from.
    #[serde(flatten)]
    pub source: ValueSource,
    /// A recorded decision to write a PII or sensitive field anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pii_override: Option<PiiOverride>,
}

/// A provider field, by its absolute path from the operation's result, projected onto an
/// output leaf the agent sees. Segments are field names; a list is crossed with an explicit
/// cardinality (`items[first]`, `items[*]`, `items[2]`, `items[type=primary]`; a result that is
/// itself a list starts with `[first]`, `[*]`, ...). See [`crate::path`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Projection {
    /// Absolute path from the operation's result.
    pub path: Vec<String>,
    /// The output name.
    pub leaf: String,
    /// A recorded decision to project a PII or sensitive field anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pii_override: Option<PiiOverride>,
}

/// A person's recorded decision to let a PII or sensitive field through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PiiOverride {
    /// Why (shown in the data-egress map and the approval).
    pub reason: String,
    /// Who decided.
    pub by: String,
}

/// A SQL read's one deterministic filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SqlSearch {
    /// The table (object name); defaults to the operation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The filtered column; must lead an index.
    pub column: String,
    /// The canonical parameter compared for equality.
    pub param: String,
    /// A named transform applied to the parameter first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<String>,
}

/// A SQL write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SqlWrite {
    /// Insert one row, or update one row by a unique key.
    pub mode: SqlWriteMode,
    /// Update: the unique key column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_column: Option<String>,
    /// Update: the parameter holding the key's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_param: Option<String>,
    /// Update: a named transform applied to the key parameter (`to_integer` for a spoken id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_transform: Option<String>,
}

/// The two SQL writes a voice agent may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SqlWriteMode {
    /// A single-row INSERT.
    Insert,
    /// An UPDATE of one row by unique key.
    Update,
}

/// How the agent confirms a write with the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Confirmation {
    /// What the agent reads back before running the write; `{param}` placeholders name
    /// canonical parameters ("Book {appointment_start} for {caller_name}?").
    pub prompt: String,
}
