//! The normalized schema: objects with fields, edges between them, and the operations a skill can
//! call. Every source kind (SQL, OpenAPI, GraphQL) produces this one shape.
//!
//! On the wire, elements are addressed by stable names and paths (`customers`,
//! `sql:main.customers.phone`), never by positions, so re-discovery does not break bindings.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::operation::{Argument, Operation};
use crate::pii::PiiClass;

/// A discovered data model of one provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// Where the schema came from.
    pub source: SourceInfo,
    /// Objects sorted by name.
    pub objects: Vec<Object>,
    /// Relationships, sorted by (from, to).
    pub edges: Vec<Edge>,
    /// Operations sorted by id.
    pub operations: Vec<Operation>,
    /// GraphQL subscriptions, sorted by id: listed so people see them, never bindable (a skill
    /// is one request and one answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscriptions: Vec<Operation>,
    /// Counts, in the platform's names.
    pub summary: Summary,
}

/// The source a schema was discovered from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// Source kind (`sqlite`, `postgres`, `openapi`, ...).
    pub kind: SourceKind,
    /// Human name of the source: the database file name, the API title.
    pub title: String,
    /// Version the source reports (SQLite library version, API version), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The URL requests go to, when the description names one (OpenAPI `servers[0]`, Swagger
    /// `schemes`/`host`/`basePath`, a discovery document's `rootUrl` + `servicePath`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// The kinds of source Bindery can discover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A SQLite database file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
    /// A MySQL or MariaDB database.
    Mysql,
    /// An OpenAPI 2.0/3.x description.
    Openapi,
    /// A Google API discovery document.
    GoogleDiscovery,
    /// A GraphQL API.
    Graphql,
}

impl SourceKind {
    /// The stable wire name (`sqlite`, `google-discovery`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Sqlite => "sqlite",
            SourceKind::Postgres => "postgres",
            SourceKind::Mysql => "mysql",
            SourceKind::Openapi => "openapi",
            SourceKind::GoogleDiscovery => "google-discovery",
            SourceKind::Graphql => "graphql",
        }
    }

    /// Parses a wire name; `None` for a kind Bindery does not know.
    pub fn parse(name: &str) -> Option<SourceKind> {
        [
            SourceKind::Sqlite,
            SourceKind::Postgres,
            SourceKind::Mysql,
            SourceKind::Openapi,
            SourceKind::GoogleDiscovery,
            SourceKind::Graphql,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
    }
}

/// A table, view, REST resource or GraphQL type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object {
    /// Stable name, unique in the schema (`customers`, `public.customers`, `Pet`).
    pub name: String,
    /// What the object is in its source.
    pub kind: ObjectKind,
    /// Description or comment from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What can be done with it, sorted.
    pub capabilities: Vec<Capability>,
    /// Fields in source order (column order matters to people reading a table).
    pub fields: Vec<Field>,
    /// Primary key field names, in key order; empty when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub primary_key: Vec<String>,
    /// Indexes, sorted by name (SQL sources).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// SQL check constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Enumerations: the values in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<EnumValue>,
    /// GraphQL: the interfaces this type implements, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    /// GraphQL unions and interfaces: the member or implementing types, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// GraphQL: the part this type plays in Relay pagination, when it is a wrapper a person
    /// rarely wants to see (connections, edges, page info).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay: Option<RelayRole>,
    /// Where the object is in the source (`sqlite:main.customers`, a JSON pointer, a coordinate).
    pub origin: String,
}

/// A SQL check constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// Constraint name, when the engine has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The expression as the engine prints it.
    pub expression: String,
    /// Columns the expression reads, when the engine says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
}

/// One value of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumValue {
    /// The value as the source spells it.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecation reason, when the value is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

/// The part a GraphQL type plays in Relay cursor pagination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RelayRole {
    /// A `…Connection` type (`edges`/`nodes` and `pageInfo`).
    Connection,
    /// A `…Edge` type (`cursor` and `node`).
    Edge,
    /// The `PageInfo` type.
    PageInfo,
}

/// The kinds of object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    /// A SQL table.
    Table,
    /// A SQL view.
    View,
    /// A SQL materialized view.
    MaterializedView,
    /// A REST resource (named or inline schema).
    Resource,
    /// A GraphQL object type.
    Type,
    /// A GraphQL input type or a request body.
    Input,
    /// A GraphQL interface.
    Interface,
    /// A GraphQL union.
    Union,
    /// An enumeration.
    Enum,
}

/// What an object supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Fetch one by key.
    Read,
    /// List many, filtered.
    List,
    /// Create one.
    Create,
    /// Update one.
    Update,
    /// Delete one.
    Delete,
}

/// A column, property or GraphQL field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// Name as the source spells it.
    pub name: String,
    /// Normalized type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Must be present (NOT NULL without a default, a required property, a non-null field).
    pub required: bool,
    /// May hold null.
    pub nullable: bool,
    /// Description or comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Default value as the source writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The source's own type name (`VARCHAR(40)`, `int64`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_type: Option<String>,
    /// Personal-data class from the shared classifier.
    pub pii: PiiClass,
    /// Whether the field must never be projected or written without an explicit override.
    pub sensitive: bool,
    /// Deprecation reason, when the field is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// GraphQL: the field's own arguments, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<Argument>,
    /// GraphQL: the field is a Relay connection; `ty` is then the list of its node type and
    /// this says how to reach the nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<Connection>,
    /// A field with a special part; such fields are never projected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FieldRole>,
    /// Where the field is in the source (`sqlite:main.customers.phone`).
    pub origin: String,
}

impl Field {
    /// Whether a binding may project the field onto a parameter.
    pub fn is_projectable(&self) -> bool {
        self.role.is_none()
    }
}

/// How a Relay connection field reaches its nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// The connection type (`IssueConnection`).
    pub object: String,
    /// The selection path from the connection to one node: `edges.node` or `nodes`.
    pub path: String,
}

/// Fields with a special part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldRole {
    /// A mutation payload's `userErrors`: the provider's report of why a write was refused.
    UserErrors,
}

/// A normalized field or argument type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FieldType {
    /// A scalar, with its format when the source gives one.
    Scalar {
        /// The scalar.
        scalar: Scalar,
        /// Format (`e164`, `email`, `date-time`, `int64`), when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// One of fixed values.
    Enum {
        /// Allowed values in source order.
        values: Vec<String>,
    },
    /// A reference to another object of the schema.
    Object {
        /// Name of the object.
        object: String,
    },
    /// A list of another type.
    List {
        /// Item type.
        of: Box<FieldType>,
    },
    /// A type the normalizer could not map; a diagnostic says why.
    Unknown {
        /// The source's spelling.
        raw: String,
    },
}

impl FieldType {
    /// A scalar without a format.
    pub fn scalar(scalar: Scalar) -> FieldType {
        FieldType::Scalar {
            scalar,
            format: None,
        }
    }

    /// Short human label (`string`, `integer`, `list<Pet>`, `enum`, `untyped` for a column
    /// declared without a type).
    pub fn label(&self) -> String {
        match self {
            FieldType::Scalar { scalar, format } => match format {
                Some(format) => format!("{}({format})", scalar.as_str()),
                None => scalar.as_str().to_owned(),
            },
            FieldType::Enum { .. } => "enum".to_owned(),
            FieldType::Object { object } => object.clone(),
            FieldType::List { of } => format!("list<{}>", of.label()),
            FieldType::Unknown { raw } if raw.is_empty() => "untyped".to_owned(),
            FieldType::Unknown { raw } => format!("unknown({raw})"),
        }
    }
}

/// Scalars every source maps onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scalar {
    /// Text.
    String,
    /// Whole number.
    Integer,
    /// Decimal or floating number.
    Number,
    /// True or false.
    Boolean,
    /// Date and time.
    DateTime,
    /// Calendar date.
    Date,
    /// Time of day.
    Time,
    /// Bytes.
    Binary,
    /// Arbitrary JSON.
    Json,
    /// UUID.
    Uuid,
    /// Opaque identifier (GraphQL `ID`).
    Id,
}

impl Scalar {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
            Scalar::DateTime => "dateTime",
            Scalar::Date => "date",
            Scalar::Time => "time",
            Scalar::Binary => "binary",
            Scalar::Json => "json",
            Scalar::Uuid => "uuid",
            Scalar::Id => "id",
        }
    }
}

/// A SQL index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    /// Index name.
    pub name: String,
    /// Indexed columns in index order (the first is the leading column).
    pub columns: Vec<String>,
    /// Whether the index enforces uniqueness.
    pub unique: bool,
    /// Whether the index is partial (has a WHERE clause).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// How the index came to be: `index` (CREATE INDEX), `unique` (a UNIQUE constraint),
    /// `primaryKey`.
    pub origin: IndexOrigin,
    /// Access method as the engine names it, lower case (`btree`, `hash`, `gin`, `gist`,
    /// `fulltext`, ...). Only `btree` and `hash` serve equality lookups.
    pub method: String,
}

/// How an index came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IndexOrigin {
    /// Created with CREATE INDEX.
    Index,
    /// Created by a UNIQUE constraint.
    Unique,
    /// Created by a PRIMARY KEY constraint.
    PrimaryKey,
}

/// A relationship between two objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    /// The referencing side.
    pub from: EdgeEnd,
    /// The referenced side.
    pub to: EdgeEnd,
    /// How many `to` rows one `from` row reaches.
    pub cardinality: Cardinality,
    /// What the relationship was derived from.
    pub source: EdgeSource,
    /// Whether a skill may follow it in one hop (a declared key pair).
    pub joinable: bool,
    /// Constraint or field name, when the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One side of an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EdgeEnd {
    /// Object name.
    pub object: String,
    /// Fields, in key order (composite keys have several).
    pub fields: Vec<String>,
}

/// Edge cardinality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cardinality {
    /// At most one.
    One,
    /// Any number.
    Many,
}

/// What an edge was derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EdgeSource {
    /// A declared foreign key.
    ForeignKey,
    /// A `$ref` between schemas.
    Ref,
    /// A GraphQL field whose type is another object.
    GraphqlField,
    /// Inferred from a `*_id` naming convention.
    Inferred,
    /// A GraphQL type implements an interface (from the type, to the interface).
    Implements,
    /// A GraphQL union has a member type (from the union, to the member).
    UnionMember,
}

/// Counts in the platform's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Number of objects.
    pub object_count: usize,
    /// Number of fields over all objects.
    pub field_count: usize,
    /// Number of edges.
    pub edge_count: usize,
    /// Number of operations.
    pub operation_count: usize,
}

impl Schema {
    /// Builds a schema from its parts: sorts objects, edges and operations into their canonical
    /// order and computes the summary, so the same source always gives byte-identical JSON.
    pub fn finish(
        source: SourceInfo,
        mut objects: Vec<Object>,
        mut edges: Vec<Edge>,
        mut operations: Vec<Operation>,
    ) -> Schema {
        objects.sort_by(|a, b| a.name.cmp(&b.name));
        for object in &mut objects {
            object.capabilities.sort();
            object.capabilities.dedup();
            object.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        }
        edges.sort_by(|a, b| (&a.from, &a.to, &a.name).cmp(&(&b.from, &b.to, &b.name)));
        operations.sort_by(|a, b| a.id.cmp(&b.id));
        let summary = Summary {
            object_count: objects.len(),
            field_count: objects.iter().map(|o| o.fields.len()).sum(),
            edge_count: edges.len(),
            operation_count: operations.len(),
        };
        Schema {
            source,
            objects,
            edges,
            operations,
            subscriptions: Vec::new(),
            summary,
        }
    }

    /// Adds GraphQL subscriptions (listed, never bindable), sorted by id.
    pub fn with_subscriptions(mut self, mut subscriptions: Vec<Operation>) -> Schema {
        subscriptions.sort_by(|a, b| a.id.cmp(&b.id));
        self.subscriptions = subscriptions;
        self
    }

    /// The object with this name.
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.objects
            .binary_search_by(|o| o.name.as_str().cmp(name))
            .ok()
            .and_then(|i| self.objects.get(i))
    }

    /// The operation with this id (operations are sorted by id).
    pub fn operation(&self, id: &str) -> Option<&crate::Operation> {
        self.operations
            .binary_search_by(|o| o.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.operations.get(i))
    }

    /// Edges that start or end at the object.
    pub fn edges_of<'a>(&'a self, object: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges
            .iter()
            .filter(move |e| e.from.object == object || e.to.object == object)
    }

    /// Operations on the object.
    pub fn operations_of<'a>(
        &'a self,
        object: &'a str,
    ) -> impl Iterator<Item = &'a Operation> + 'a {
        self.operations
            .iter()
            .filter(move |op| op.object.as_deref() == Some(object))
    }

    /// Canonical JSON bytes (the form stored, hashed and snapshotted).
    pub fn to_canonical_json(&self) -> Vec<u8> {
        // Serializing plain structs, vecs and strings cannot fail; the fallback keeps the
        // function total without a panic path.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// `sha256:` fingerprint of the canonical JSON: what bindings and skills are approved against.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.to_canonical_json());
        format!("sha256:{}", hex::encode(digest))
    }
}
