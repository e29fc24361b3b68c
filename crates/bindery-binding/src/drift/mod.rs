//! Schema drift: what changed between two snapshots of a provider's schema, how much each change
//! matters to bindings, and which bindings each change breaks.
//!
//! - [`diff`] compares the previous snapshot with the new one and lists every difference that
//!   matters to a binding, each with an [`Impact`] and a stable [`Change::path`]. The order is
//!   deterministic: objects by name (each object's own change, then its fields by name), then
//!   edges by (from object, from fields, to object), then operations by id (each operation's own
//!   changes, then its arguments by name). A renamed column shows as a field removed and a field
//!   added (and the operations named after it as removed and added): schemas carry no identity
//!   beyond names.
//! - [`dependencies`] lists the paths a binding relies on, in the same syntax.
//! - [`breaking_for`] / [`dangerous_for`] / [`touching`] intersect the two.
//! - [`DriftReport`] is the diff with its counts, the shape the API returns.
//!
//! # Paths
//!
//! | path | place |
//! |---|---|
//! | `object` | an object (table, resource, type) |
//! | `object.field` | a field (column, property); an enum value change is reported on the field |
//! | `operation:<id>` | an operation |
//! | `operation:<id>.<arg>` | an operation's argument |
//! | `edge:<from object>(<from fields>)-><to object>` | a relationship; composite keys join their fields with `,` |
//!
//! # What a change touches
//!
//! A change at path `P` touches a dependency `D` when `D == P` or `D` lies under `P` (`D` starts
//! with `P.`): removing `customers` touches `customers.phone`, removing `operation:<id>` touches
//! `operation:<id>.<arg>`. Besides, a change that constrains its parent (see
//! [`ChangeKind::touches_parent`]: an argument added or made required, a field added to or made
//! required in an object) also touches the dependency on that parent. This is how a *new* required
//! argument, which no binding could depend on yet, reaches the bindings of its operation: every
//! binding depends on `operation:<id>`, and a change at `operation:<id>.<new arg>` of kind
//! [`ChangeKind::ArgumentAddedRequired`] touches it. [`diff`] therefore reports a new argument
//! only once, at the argument's path.
//!
//! Matching is by path text, so an object or operation whose name is a dotted prefix of another's
//! (an object `public` beside `public.customers`) can make a change over-report; it never makes
//! one under-report.
//!
//! Layer L0: pure, no I/O; the same two schemas always give the same changes in the same order.
//! The diff is a merge-walk over the sorted objects, edges and operations (linear in the schema's
//! size, with an equality fast path for untouched objects and operations).

mod deps;
#[cfg(test)]
mod fixtures;
mod objects;
mod operations;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_bindings;

use bindery_schema::Schema;
use serde::{Deserialize, Serialize};

pub use deps::{breaking_for, dangerous_for, dependencies, touching};

/// How much a change matters to a binding that depends on the changed place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// A binding that depends on the place no longer validates or no longer runs as compiled.
    Breaking,
    /// A binding still validates but may behave differently: slower, refused values, nulls where
    /// there were none, personal data it did not send before.
    Dangerous,
    /// Nothing a binding relies on changes (additions, relaxations).
    Safe,
}

impl Impact {
    /// Wire name (`breaking`, `dangerous`, `safe`).
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Dangerous => "dangerous",
            Impact::Safe => "safe",
        }
    }
}

/// What changed. The wire name is the camelCase variant name (`fieldRemoved`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// An object is gone (breaking).
    ObjectRemoved,
    /// A new object (safe).
    ObjectAdded,
    /// An object changed kind, such as a table that became a view (dangerous).
    ObjectKindChanged,
    /// A field is gone (breaking).
    FieldRemoved,
    /// A new field (safe; breaking when it is required in an input object, which every write
    /// must now fill).
    FieldAdded,
    /// A field's type label changed (breaking).
    FieldRetyped,
    /// A field became required (dangerous; breaking in an input object).
    FieldBecameRequired,
    /// A field is no longer required (safe).
    FieldBecameOptional,
    /// A nullable field became non-null (dangerous).
    FieldBecameNonNull,
    /// A non-null field became nullable (safe).
    FieldBecameNullable,
    /// A field's personal-data class changed (dangerous).
    FieldPiiChanged,
    /// A field's sensitive flag changed (dangerous when it became sensitive, safe otherwise).
    FieldSensitiveChanged,
    /// A field was deprecated (safe: it still works).
    FieldDeprecated,
    /// A value of an enumeration (field, argument or enum object) is gone (dangerous).
    EnumValueRemoved,
    /// A new enumeration value (safe).
    EnumValueAdded,
    /// A relationship is gone (breaking when it was joinable, since a join may follow it).
    EdgeRemoved,
    /// A new relationship (safe).
    EdgeAdded,
    /// A relationship became or stopped being joinable in one hop (breaking when it stopped).
    EdgeJoinableChanged,
    /// A relationship's cardinality changed (dangerous).
    EdgeCardinalityChanged,
    /// An operation is gone (breaking).
    OperationRemoved,
    /// A new operation (safe).
    OperationAdded,
    /// An operation's read/write class changed (breaking).
    OperationClassChanged,
    /// An operation's transport changed (breaking).
    OperationTransportChanged,
    /// A REST operation's method or path template changed (breaking: compiled skills hold the
    /// old route).
    OperationRouteChanged,
    /// A write's input object changed (breaking).
    OperationInputObjectChanged,
    /// What an operation returns changed, or how its connection reaches the nodes (breaking).
    OperationReturnsChanged,
    /// SQL: the index that answers the operation changed (dangerous: it may be less selective)
    /// or appeared (safe).
    OperationIndexChanged,
    /// SQL: no index answers the operation any more (dangerous: it becomes slow).
    OperationIndexRemoved,
    /// An operation was deprecated (safe: it still works).
    OperationDeprecated,
    /// An argument is gone (breaking).
    ArgumentRemoved,
    /// A new required argument (breaking: every binding of the operation must now bind it).
    ArgumentAddedRequired,
    /// A new optional argument (safe).
    ArgumentAddedOptional,
    /// An argument's type label changed (breaking).
    ArgumentRetyped,
    /// An argument became required (breaking).
    ArgumentBecameRequired,
    /// An argument is no longer required (safe).
    ArgumentBecameOptional,
    /// An argument moved (path, query, header, body, ...) (breaking: compiled skills place it).
    ArgumentLocationChanged,
    /// SQL: an argument's column no longer leads an index (dangerous: filtering on it is slow).
    ArgumentIndexLost,
}

impl ChangeKind {
    /// Wire name (`fieldRemoved`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::ObjectRemoved => "objectRemoved",
            ChangeKind::ObjectAdded => "objectAdded",
            ChangeKind::ObjectKindChanged => "objectKindChanged",
            ChangeKind::FieldRemoved => "fieldRemoved",
            ChangeKind::FieldAdded => "fieldAdded",
            ChangeKind::FieldRetyped => "fieldRetyped",
            ChangeKind::FieldBecameRequired => "fieldBecameRequired",
            ChangeKind::FieldBecameOptional => "fieldBecameOptional",
            ChangeKind::FieldBecameNonNull => "fieldBecameNonNull",
            ChangeKind::FieldBecameNullable => "fieldBecameNullable",
            ChangeKind::FieldPiiChanged => "fieldPiiChanged",
            ChangeKind::FieldSensitiveChanged => "fieldSensitiveChanged",
            ChangeKind::FieldDeprecated => "fieldDeprecated",
            ChangeKind::EnumValueRemoved => "enumValueRemoved",
            ChangeKind::EnumValueAdded => "enumValueAdded",
            ChangeKind::EdgeRemoved => "edgeRemoved",
            ChangeKind::EdgeAdded => "edgeAdded",
            ChangeKind::EdgeJoinableChanged => "edgeJoinableChanged",
            ChangeKind::EdgeCardinalityChanged => "edgeCardinalityChanged",
            ChangeKind::OperationRemoved => "operationRemoved",
            ChangeKind::OperationAdded => "operationAdded",
            ChangeKind::OperationClassChanged => "operationClassChanged",
            ChangeKind::OperationTransportChanged => "operationTransportChanged",
            ChangeKind::OperationRouteChanged => "operationRouteChanged",
            ChangeKind::OperationInputObjectChanged => "operationInputObjectChanged",
            ChangeKind::OperationReturnsChanged => "operationReturnsChanged",
            ChangeKind::OperationIndexChanged => "operationIndexChanged",
            ChangeKind::OperationIndexRemoved => "operationIndexRemoved",
            ChangeKind::OperationDeprecated => "operationDeprecated",
            ChangeKind::ArgumentRemoved => "argumentRemoved",
            ChangeKind::ArgumentAddedRequired => "argumentAddedRequired",
            ChangeKind::ArgumentAddedOptional => "argumentAddedOptional",
            ChangeKind::ArgumentRetyped => "argumentRetyped",
            ChangeKind::ArgumentBecameRequired => "argumentBecameRequired",
            ChangeKind::ArgumentBecameOptional => "argumentBecameOptional",
            ChangeKind::ArgumentLocationChanged => "argumentLocationChanged",
            ChangeKind::ArgumentIndexLost => "argumentIndexLost",
        }
    }

    /// Whether the change constrains its parent, so that it touches a dependency on the parent
    /// and not only dependencies on its own path: a new or newly required argument concerns
    /// every binding of the operation (`operation:<id>`), a new or newly required field every
    /// write into the object (`object`, which bindings record for their input object only).
    pub fn touches_parent(self) -> bool {
        matches!(
            self,
            ChangeKind::ArgumentAddedRequired
                | ChangeKind::ArgumentAddedOptional
                | ChangeKind::ArgumentBecameRequired
                | ChangeKind::FieldAdded
                | ChangeKind::FieldBecameRequired
        )
    }
}

/// One difference between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// How much it matters to a binding that depends on [`Change::path`].
    pub impact: Impact,
    /// Where (see the module documentation for the syntax).
    pub path: String,
    /// A sentence for a person.
    pub message: String,
    /// The old value (type label, class, index, PII class, enum value), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The new value, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl Change {
    fn new(kind: ChangeKind, impact: Impact, path: String, message: String) -> Change {
        Change {
            kind,
            impact,
            path,
            message,
            before: None,
            after: None,
        }
    }

    fn before(mut self, value: impl Into<String>) -> Change {
        self.before = Some(value.into());
        self
    }

    fn after(mut self, value: impl Into<String>) -> Change {
        self.after = Some(value.into());
        self
    }
}

/// Every difference between `old` and `new` that matters to bindings, in a deterministic order
/// (see the module documentation). Identical schemas give no change.
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    objects::diff_objects(&old.objects, &new.objects, &mut out);
    objects::diff_edges(&old.edges, &new.edges, &mut out);
    operations::diff_operations(&old.operations, &new.operations, &mut out);
    out
}

/// The path of an object: its name.
pub fn object_path(object: &str) -> String {
    object.to_owned()
}

/// The path of a field: `object.field`.
pub fn field_path(object: &str, field: &str) -> String {
    let mut path = String::with_capacity(object.len() + field.len() + 1);
    path.push_str(object);
    path.push('.');
    path.push_str(field);
    path
}

/// The path of an operation: `operation:<id>`.
pub fn operation_path(id: &str) -> String {
    format!("operation:{id}")
}

/// The path of an operation's argument: `operation:<id>.<arg>`.
pub fn argument_path(id: &str, arg: &str) -> String {
    format!("operation:{id}.{arg}")
}

/// The path of a relationship: `edge:<from object>(<from fields, comma-separated>)-><to object>`.
pub fn edge_path(edge: &bindery_schema::Edge) -> String {
    format!(
        "edge:{}({})->{}",
        edge.from.object,
        edge.from.fields.join(","),
        edge.to.object
    )
}

/// Counts of changes by impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftSummary {
    /// Breaking changes.
    pub breaking: usize,
    /// Dangerous changes.
    pub dangerous: usize,
    /// Safe changes.
    pub safe: usize,
}

/// The changes between two snapshots with their counts: what the API returns for a re-discovery.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftReport {
    /// Every change, in [`diff`]'s order.
    pub changes: Vec<Change>,
    /// Counts by impact.
    pub summary: DriftSummary,
}

impl DriftReport {
    /// Diffs `old` against `new`.
    pub fn new(old: &Schema, new: &Schema) -> DriftReport {
        DriftReport::from_changes(diff(old, new))
    }

    /// Wraps changes already computed with [`diff`] and counts them.
    pub fn from_changes(changes: Vec<Change>) -> DriftReport {
        let mut summary = DriftSummary::default();
        for change in &changes {
            match change.impact {
                Impact::Breaking => summary.breaking += 1,
                Impact::Dangerous => summary.dangerous += 1,
                Impact::Safe => summary.safe += 1,
            }
        }
        DriftReport { changes, summary }
    }

    /// Whether nothing that matters to bindings changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The breaking changes that touch these dependencies (see [`breaking_for`]).
    pub fn breaking_for<'c>(
        &'c self,
        dependencies: &std::collections::BTreeSet<String>,
    ) -> Vec<&'c Change> {
        breaking_for(&self.changes, dependencies)
    }

    /// The dangerous changes that touch these dependencies (see [`dangerous_for`]).
    pub fn dangerous_for<'c>(
        &'c self,
        dependencies: &std::collections::BTreeSet<String>,
    ) -> Vec<&'c Change> {
        dangerous_for(&self.changes, dependencies)
    }
}

/// References to `items` ordered by `key`: the slice's own order when it is already sorted (as
/// [`Schema::finish`] leaves it), sorted otherwise, so a hand-built schema diffs the same way.
fn sorted_by_key<'a, T, K: Ord>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<&'a T> {
    let mut refs: Vec<&'a T> = items.iter().collect();
    if !refs.is_sorted_by(|a, b| key(a) <= key(b)) {
        refs.sort_by_key(|a| key(a));
    }
    refs
}

/// One step of a merge-walk over two sorted lists.
enum Side<'a, T> {
    /// Only in the old list.
    Old(&'a T),
    /// Only in the new list.
    New(&'a T),
    /// In both, under the same key.
    Both(&'a T, &'a T),
}

/// Walks two lists sorted by `key` in step, calling `visit` once per key.
fn merge<'a, T, K: Ord>(
    old: &[&'a T],
    new: &[&'a T],
    key: impl Fn(&'a T) -> K,
    mut visit: impl FnMut(Side<'a, T>),
) {
    let (mut i, mut j) = (0, 0);
    loop {
        match (old.get(i), new.get(j)) {
            (Some(&a), Some(&b)) => match key(a).cmp(&key(b)) {
                std::cmp::Ordering::Less => {
                    visit(Side::Old(a));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    visit(Side::New(b));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    visit(Side::Both(a, b));
                    i += 1;
                    j += 1;
                }
            },
            (Some(&a), None) => {
                visit(Side::Old(a));
                i += 1;
            }
            (None, Some(&b)) => {
                visit(Side::New(b));
                j += 1;
            }
            (None, None) => break,
        }
    }
}
