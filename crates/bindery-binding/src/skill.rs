//! The frozen skill a binding compiles to: the platform's Skill shape (DESIGN.md 3.4) plus
//! Bindery's content hash and the fingerprint of the schema it was validated against.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use bindery_schema::Transport;

use crate::params::Provenance;

/// A compiled, frozen skill. Compiling the same binding against the same schema gives
/// byte-identical JSON; `content_hash` is the SHA-256 of that JSON without the hash itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skill {
    /// The tool name.
    pub name: String,
    /// The LLM-facing description.
    pub description: String,
    /// `native_rest`, `native_graphql` or `native_sql`.
    pub skill_type: Transport,
    /// The operation id it calls.
    pub operation: String,
    /// JSON Schema (`type: object`, `properties`, `required`) of only what the caller supplies.
    pub parameters_schema: Value,
    /// The caller-supplied parameters without a default.
    pub required_params: Vec<String>,
    /// The frozen request plan.
    pub execution_config: ExecutionConfig,
    /// Which values leave for the provider, and where they go.
    pub data_egress_map: Vec<Egress>,
    /// The provider fields the skill may read back (their schema origins).
    pub allowed_fields: Vec<String>,
    /// Changes data.
    pub is_write: bool,
    /// The agent confirms with the caller first.
    pub requires_confirmation: bool,
    /// Never runs in parallel with another call of the agent.
    pub non_parallelizable: bool,
    /// The caller must be verified first (updates and deletes).
    pub requires_verified_identity: bool,
    /// Starts enabled (never for a write).
    pub is_enabled: bool,
    /// A planning estimate of the provider call.
    pub expected_latency_ms: u32,
    /// The confirmation prompt of a write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_prompt: Option<String>,
    /// Fingerprint of the schema snapshot the binding was validated against.
    pub schema_fingerprint: String,
    /// `sha256:<hex>` of the canonical JSON of everything above.
    pub content_hash: String,
}

/// How one value is produced at run time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", untagged)]
pub enum ValuePlan {
    /// A canonical parameter.
    Param {
        /// Its name.
        param: String,
        /// Who supplies it.
        from: Provenance,
        /// A named transform applied first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        transform: Option<String>,
        /// Used when the parameter is not supplied.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<Value>,
    },
    /// An operator-pinned constant.
    Const {
        /// The value.
        #[serde(rename = "const")]
        constant: Value,
    },
}

/// The frozen request plan, by transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum ExecutionConfig {
    /// An HTTP request to the provider's base URL.
    NativeRest(RestPlan),
    /// A GraphQL document with variables.
    NativeGraphql(GraphqlPlan),
    /// A parameterized SQL statement.
    NativeSql(SqlPlan),
}

/// A REST request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestPlan {
    /// Upper-case method.
    pub method: String,
    /// Path template relative to the base URL (`/v1/customers/{customer}`).
    pub path: String,
    /// How the body is encoded (`application/json`, `application/x-www-form-urlencoded`), when
    /// an argument goes in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_media_type: Option<String>,
    /// Each bound argument: where it goes and how its value is made.
    pub arguments: Vec<RestArgument>,
    /// What the agent reads back.
    pub outputs: Vec<OutputPlan>,
}

/// One REST argument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestArgument {
    /// Its name (path parameter, query key, header, body property).
    pub name: String,
    /// `path`, `query`, `header`, `cookie` or `body`.
    #[serde(rename = "in")]
    pub location: bindery_schema::ArgLocation,
    /// Its value.
    pub value: ValuePlan,
}

/// A GraphQL request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphqlPlan {
    /// The frozen document (one operation, variables only, a selection of exactly the
    /// projected fields, plus `userErrors` of a mutation payload).
    pub document: String,
    /// The document's operation name.
    pub operation_name: String,
    /// The root field the result is under (`data.<rootField>`).
    pub root_field: String,
    /// Each variable: its GraphQL type and value.
    pub variables: Vec<GraphqlVariable>,
    /// The path of `userErrors` under the root field, for a mutation whose payload has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_errors_path: Option<Vec<String>>,
    /// What the agent reads back.
    pub outputs: Vec<OutputPlan>,
}

/// One GraphQL variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphqlVariable {
    /// The variable (and argument) name.
    pub name: String,
    /// Its GraphQL type (`String!`).
    #[serde(rename = "type")]
    pub graphql_type: String,
    /// A scalar argument's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValuePlan>,
    /// An input-object argument's fields and their values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldPlan>,
}

/// A field of an input object and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldPlan {
    /// The field (column).
    pub field: String,
    /// Its value.
    pub value: ValuePlan,
}

/// A SQL statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqlPlan {
    /// `postgres`, `mysql` or `sqlite`.
    pub dialect: String,
    /// The frozen statement with placeholders only (`$1` / `?` / `?1`).
    pub statement: String,
    /// The bound parameters, in placeholder order.
    pub parameters: Vec<SqlParameter>,
    /// Runs in a read-only transaction.
    pub read_only: bool,
    /// The most rows read.
    pub row_limit: u32,
    /// The index that makes it fast, when it filters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// What the agent reads back (columns by their output alias).
    pub outputs: Vec<OutputPlan>,
}

/// One bound SQL parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqlParameter {
    /// The column it is compared with or written to.
    pub column: String,
    /// The column's type label (`string`, `integer`, `dateTime`).
    #[serde(rename = "type")]
    pub column_type: String,
    /// Its value.
    pub value: ValuePlan,
}

/// One output leaf: where it is read from in the provider's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputPlan {
    /// The output name.
    pub leaf: String,
    /// The path in the answer (REST/GraphQL: segments with cardinalities; SQL: the column alias).
    pub path: Vec<String>,
    /// The leaf's type label.
    #[serde(rename = "type")]
    pub leaf_type: String,
    /// The leaf is a list (a `[*]` on the way).
    pub many: bool,
}

/// One value that leaves for the provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Egress {
    /// The parameter (or `const`) sent.
    pub source: String,
    /// Where it goes (`query:email`, `body:name`, `variable:input.email`, `column:email`).
    pub destination: String,
    /// The PII class of the destination field, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pii: Option<String>,
    /// The recorded override that let a PII value through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}
