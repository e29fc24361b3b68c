//! What a binding relies on, and which changes touch it.

use std::collections::BTreeSet;
use std::ops::Bound;

use bindery_schema::{Edge, FieldType, Operation, Schema, Transport};

use super::{argument_path, edge_path, field_path, operation_path, Change, Impact};
use crate::path::Segment;
use crate::Binding;

/// The paths (in [`Change::path`]'s syntax) a binding relies on, computed against `schema`: the
/// snapshot the binding was validated against, normally the *old* side of a [`super::diff`].
///
/// - its operation, `operation:<id>`;
/// - each bound argument and every required argument of the operation, `operation:<id>.<arg>`
///   (a *new* required argument is caught through the operation's path: see
///   [`super::ChangeKind::touches_parent`]);
/// - for an operation with an input object, the object itself and each mapped field,
///   `<input object>` and `<input object>.<field>`;
/// - each field a projection path crosses, `<object>.<field>`, following object and list types
///   through the schema; for a SQL operation a `[foreign_key, column]` path goes through the
///   foreign key (`edge:<table>(<foreign_key>)-><target>`) to `<target>.<column>`;
/// - the `sqlSearch` column and the `sqlWrite` key column, `<table>.<column>`.
///
/// A path that cannot be resolved (an unknown operation, field or type: the binding may already
/// be invalid) is recorded as far as it goes.
pub fn dependencies(binding: &Binding, schema: &Schema) -> BTreeSet<String> {
    let id = binding.operation.as_str();
    let mut deps = BTreeSet::new();
    deps.insert(operation_path(id));
    for input in &binding.inputs {
        deps.insert(argument_path(id, &input.arg));
    }
    let op = schema.operation(id);
    if let Some(op) = op {
        for arg in op.arguments.iter().filter(|a| a.required) {
            deps.insert(argument_path(id, &arg.name));
        }
        if let Some(input) = op.input_object.as_deref() {
            deps.insert(input.to_owned());
            for mapping in &binding.input_object_map {
                deps.insert(field_path(input, &mapping.field));
            }
        }
        for projection in &binding.projection {
            walk_projection(schema, op, &projection.path, &mut deps);
        }
    }
    let table = op.and_then(|op| op.object.as_deref());
    if let Some(search) = &binding.sql_search {
        if let Some(table) = search.table.as_deref().or(table) {
            deps.insert(field_path(table, &search.column));
        }
    }
    if let Some(key) = binding
        .sql_write
        .as_ref()
        .and_then(|w| w.key_column.as_deref())
    {
        let target = op.and_then(|op| op.input_object.as_deref()).or(table);
        if let Some(target) = target {
            deps.insert(field_path(target, key));
        }
    }
    deps
}

/// Records the fields (and the foreign key of a SQL join) a projection path crosses, stopping
/// where the path no longer resolves.
fn walk_projection(schema: &Schema, op: &Operation, path: &[String], deps: &mut BTreeSet<String>) {
    let Some(mut current) = op.returns.as_ref() else {
        return;
    };
    let sql = op.transport == Transport::NativeSql;
    for (i, text) in path.iter().enumerate() {
        let Ok(segment) = Segment::parse(text) else {
            return;
        };
        let Some(name) = segment.field.as_deref() else {
            // A cardinality alone crosses the result itself.
            if let FieldType::List { of } = current {
                current = of;
            }
            continue;
        };
        // Lenient about a missing cardinality: validation reports it; the field is still used.
        while let FieldType::List { of } = current {
            current = of;
        }
        let FieldType::Object { object } = current else {
            return;
        };
        deps.insert(field_path(object, name));
        let Some(holder) = schema.object(object) else {
            return;
        };
        let Some(field) = holder.fields.iter().find(|f| f.name == name) else {
            return;
        };
        if sql && i + 1 < path.len() {
            // `[foreign_key, column]`: one hop along the foreign key to the referenced table.
            let Some(edge) = foreign_key(schema, &holder.name, name) else {
                return;
            };
            deps.insert(edge_path(edge));
            let column = path
                .get(i + 1)
                .and_then(|t| Segment::parse(t).ok())
                .and_then(|s| s.field);
            if let Some(column) = column {
                deps.insert(field_path(&edge.to.object, &column));
            }
            return;
        }
        current = &field.ty;
    }
}

/// The edge whose `from` is exactly `table(column)`: a binary search over the edges sorted by
/// `from` (as [`Schema::finish`] leaves them), with a scan as the fallback for a hand-built
/// schema whose edges are not sorted.
fn foreign_key<'s>(schema: &'s Schema, table: &str, column: &str) -> Option<&'s Edge> {
    let matches = |e: &&Edge| {
        e.from.object == table
            && e.from.fields.len() == 1
            && e.from.fields.iter().any(|f| f == column)
    };
    let start = schema
        .edges
        .partition_point(|e| e.from.object.as_str() < table);
    schema
        .edges
        .get(start..)
        .and_then(|rest| {
            rest.iter()
                .take_while(|e| e.from.object == table)
                .find(matches)
        })
        .or_else(|| schema.edges.iter().find(matches))
}

/// Whether `change` touches one of `dependencies` (see the module documentation): a dependency
/// at the change's path or under it, or, for a change that constrains its parent, a dependency
/// on a parent of the change's path.
fn touches(change: &Change, dependencies: &BTreeSet<String>) -> bool {
    let path = change.path.as_str();
    // Every dependency that starts with `path` sorts in one run from `path` on; one of them is
    // `path` itself or `path.…`.
    let under = dependencies
        .range::<str, _>((Bound::Included(path), Bound::Unbounded))
        .take_while(|d| d.starts_with(path))
        .any(|d| d.len() == path.len() || d.as_bytes().get(path.len()) == Some(&b'.'));
    if under {
        return true;
    }
    change.kind.touches_parent()
        && path.match_indices('.').any(|(i, _)| {
            path.get(..i)
                .is_some_and(|parent| dependencies.contains(parent))
        })
}

/// Every change (any impact) that touches one of `dependencies`, in the changes' order.
pub fn touching<'c>(changes: &'c [Change], dependencies: &BTreeSet<String>) -> Vec<&'c Change> {
    changes
        .iter()
        .filter(|c| touches(c, dependencies))
        .collect()
}

/// The breaking changes that touch one of `dependencies` (from [`dependencies`]): a non-empty
/// answer means the binding, and any skill compiled from it, no longer holds on the new schema.
pub fn breaking_for<'c>(changes: &'c [Change], dependencies: &BTreeSet<String>) -> Vec<&'c Change> {
    of_impact(changes, dependencies, Impact::Breaking)
}

/// The dangerous changes that touch one of `dependencies`: the binding still holds but should be
/// reviewed (slower, stricter, different personal data).
pub fn dangerous_for<'c>(
    changes: &'c [Change],
    dependencies: &BTreeSet<String>,
) -> Vec<&'c Change> {
    of_impact(changes, dependencies, Impact::Dangerous)
}

fn of_impact<'c>(
    changes: &'c [Change],
    dependencies: &BTreeSet<String>,
    impact: Impact,
) -> Vec<&'c Change> {
    changes
        .iter()
        .filter(|c| c.impact == impact && touches(c, dependencies))
        .collect()
}
