//! The engine-neutral raw form of a SQL catalog, as fetched.

use bindery_schema::{IndexOrigin, SourceKind};

/// Everything discovery reads from a SQL catalog.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    /// Engine version string.
    pub engine_version: Option<String>,
    /// Tables and views, in any order (normalization sorts).
    pub relations: Vec<Relation>,
    /// Relations that were seen but not read (virtual tables), with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Table or view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// A table.
    Table,
    /// A view.
    View,
    /// A materialized view.
    MaterializedView,
}

/// A table or view with its columns, keys and indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Namespace (`main` for SQLite, `public` for Postgres).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: RelationKind,
    /// Comment.
    pub comment: Option<String>,
    /// Columns in ordinal order.
    pub columns: Vec<Column>,
    /// Primary key columns in key order.
    pub primary_key: Vec<String>,
    /// Foreign keys, in declaration order.
    pub foreign_keys: Vec<ForeignKey>,
    /// Indexes.
    pub indexes: Vec<IndexDef>,
    /// Check constraints.
    pub checks: Vec<CheckDef>,
}

/// A check constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckDef {
    /// Constraint name, when the engine has one.
    pub name: Option<String>,
    /// The expression as the engine prints it (`(rating = ANY (ARRAY['G', 'PG']))`).
    pub expression: String,
    /// Columns the expression reads, when the engine says.
    pub columns: Vec<String>,
}

/// A column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Name.
    pub name: String,
    /// Declared type as written (may be empty in SQLite).
    pub native_type: String,
    /// NOT NULL.
    pub not_null: bool,
    /// Default expression.
    pub default: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// Generated (computed) column: never written.
    pub generated: bool,
    /// The engine fills it on insert (SQLite rowid alias, serial, auto_increment, identity).
    pub auto_increment: bool,
    /// The allowed values, when the type is an enumeration (a Postgres enum type, a MySQL
    /// `enum(...)` column), in declaration order.
    pub enum_values: Vec<String>,
}

/// A foreign key (possibly composite).
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    /// Constraint name, when the engine has one.
    pub name: Option<String>,
    /// Referencing columns, in key order.
    pub columns: Vec<String>,
    /// Referenced table's namespace.
    pub referenced_namespace: String,
    /// Referenced table.
    pub referenced_table: String,
    /// Referenced columns; empty means "the referenced primary key" (SQLite allows that).
    pub referenced_columns: Vec<String>,
}

/// An index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    /// Name.
    pub name: String,
    /// Columns in index order; `None` for an expression.
    pub columns: Vec<Option<String>>,
    /// Unique.
    pub unique: bool,
    /// Partial (WHERE clause).
    pub partial: bool,
    /// How it came to be.
    pub origin: IndexOrigin,
    /// Access method, lower case: `btree`, `hash`, `gin`, `gist`, `brin`, `spgist` (Postgres),
    /// `fulltext`, `spatial`, `rtree` (MySQL). SQLite indexes are all `btree`.
    pub method: String,
}

impl IndexDef {
    /// Whether a `column = value` filter can use the index: b-tree and hash indexes can; a
    /// full-text, GIN, GiST, BRIN or spatial index answers other questions.
    pub fn serves_equality(&self) -> bool {
        matches!(self.method.as_str(), "btree" | "hash")
    }
}

/// Engine facts the normalizer needs.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Source kind.
    pub kind: SourceKind,
    /// Origin prefix (`sqlite`, `postgres`).
    pub origin_prefix: &'static str,
    /// Whether object names carry the namespace (`public.customers`) or not (SQLite: `customers`).
    pub qualify_names: bool,
}
