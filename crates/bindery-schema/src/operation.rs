//! What a skill can call: operations, their arguments and how they are executed.

use serde::{Deserialize, Serialize};

use crate::model::{Connection, FieldType};

/// Something a skill can call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Stable id (`sql:select:customers.by_phone`, an operationId, `Query.user`).
    pub id: String,
    /// Short human title.
    pub title: String,
    /// The object the operation reads or writes, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Read or write class.
    pub class: OperationClass,
    /// Whether running it twice has the effect of running it once.
    pub idempotent: bool,
    /// How it is executed.
    pub transport: Transport,
    /// REST: the HTTP method and path template. Absent for SQL and GraphQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpRoute>,
    /// Arguments in order.
    pub arguments: Vec<Argument>,
    /// The input object of a write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_object: Option<String>,
    /// What a successful call returns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<FieldType>,
    /// Row cap of a bounded list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Grouping tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// GraphQL: the result is a Relay connection; `returns` is then the list of its node type
    /// and this says how to reach the nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<Connection>,
    /// Deprecation reason, when the operation is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// SQL: the index that makes the operation fast (`film_pkey`, `PRIMARY`; `rowid` for a
    /// SQLite rowid table's own b-tree). Absent for an insert, which needs none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
}

/// Where a REST operation is: method and path template relative to the API's base URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRoute {
    /// Upper-case HTTP method (`GET`, `POST`, ...).
    pub method: String,
    /// Path template with `{parameters}` (`/pets/{petId}`).
    pub path: String,
    /// The media type of the request body, when the operation takes one
    /// (`application/json`, `application/x-www-form-urlencoded`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_media_type: Option<String>,
}

/// Read vs write class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationClass {
    /// Reads only.
    Read,
    /// Creates.
    Create,
    /// Updates.
    Update,
    /// Deletes.
    Delete,
}

impl OperationClass {
    /// Whether the operation changes data.
    pub fn is_write(self) -> bool {
        !matches!(self, OperationClass::Read)
    }
}

/// How an operation is executed (the platform's skill types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// REST over HTTP.
    NativeRest,
    /// GraphQL over HTTP.
    NativeGraphql,
    /// A parameterized SQL statement.
    NativeSql,
    /// A person's own HTTP endpoint.
    HttpWebhook,
}

/// An operation argument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Argument {
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Must be bound.
    pub required: bool,
    /// Where the value goes.
    pub location: ArgLocation,
    /// SQL: the column is indexed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub indexed: bool,
    /// SQL: the column leads an index (safe to filter on).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub leading_index: bool,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Default value as the source writes it (GraphQL value syntax for GraphQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Deprecation reason, when the argument is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// The source's own spelling of the type, when it matters to build a request (GraphQL:
    /// `ID!`, `[String!]`, `CustomerInput!`, written into a frozen document's variables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_type: Option<String>,
}

/// Where an argument's value is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ArgLocation {
    /// URL path segment.
    Path,
    /// Query string.
    Query,
    /// HTTP header.
    Header,
    /// Cookie.
    Cookie,
    /// Request body field.
    Body,
    /// GraphQL variable.
    Variable,
    /// SQL column (bound parameter).
    Column,
}
