//! Catalog to schema, without I/O.

use std::collections::{BTreeSet, HashMap};

use bindery_schema::pii;
use bindery_schema::{
    Capability, Cardinality, Check, Diagnostic, Edge, EdgeEnd, EdgeSource, Field, FieldType, Index,
    Object, ObjectKind, OperationClass, Schema, SourceInfo, WithDiagnostics,
};

use super::catalog::{Catalog, Column, Dialect, Relation, RelationKind};
use super::{operations, types};

/// Normalizes a catalog: relations become objects (columns in ordinal order), foreign keys become
/// joinable edges, unique and leading-index columns become lookup and list operations, and tables
/// get single-row insert and update-by-key operations. Unknown types, dangling foreign keys and
/// skipped relations are warnings.
pub fn normalize(catalog: &Catalog, dialect: Dialect, title: &str) -> WithDiagnostics<Schema> {
    let mut diagnostics = Vec::new();
    for (name, reason) in &catalog.skipped {
        diagnostics.push(
            Diagnostic::warning(
                "discovery/sql-relation-skipped",
                format!("{name} was not read: {reason}"),
                format!("{}:{name}", dialect.origin_prefix),
            )
            .with_help(
                "Bindery reads ordinary tables and views; this one stays out of the schema.",
            ),
        );
    }

    let names: HashMap<(&str, &str), String> = catalog
        .relations
        .iter()
        .map(|r| {
            (
                (r.namespace.as_str(), r.name.as_str()),
                object_name(r, dialect),
            )
        })
        .collect();
    let primary_keys: HashMap<(&str, &str), &[String]> = catalog
        .relations
        .iter()
        .map(|r| {
            (
                (r.namespace.as_str(), r.name.as_str()),
                r.primary_key.as_slice(),
            )
        })
        .collect();

    let mut objects = Vec::with_capacity(catalog.relations.len());
    let mut edges = Vec::new();
    let mut ops = Vec::new();
    for relation in &catalog.relations {
        let name = object_name(relation, dialect);
        let origin = format!(
            "{}:{}.{}",
            dialect.origin_prefix, relation.namespace, relation.name
        );
        let fields = relation
            .columns
            .iter()
            .map(|column| field(relation, column, &origin, &mut diagnostics))
            .collect::<Vec<_>>();

        for fk in &relation.foreign_keys {
            let target = (
                fk.referenced_namespace.as_str(),
                fk.referenced_table.as_str(),
            );
            let Some(target_name) = names.get(&target) else {
                diagnostics.push(Diagnostic::warning(
                    "discovery/sql-dangling-foreign-key",
                    format!(
                        "{name}({}) references {}.{}, which does not exist",
                        fk.columns.join(", "),
                        fk.referenced_namespace,
                        fk.referenced_table
                    ),
                    origin.clone(),
                ));
                continue;
            };
            let to_fields = if fk.referenced_columns.is_empty() {
                primary_keys
                    .get(&target)
                    .map(|pk| pk.to_vec())
                    .unwrap_or_default()
            } else {
                fk.referenced_columns.clone()
            };
            edges.push(Edge {
                from: EdgeEnd {
                    object: name.clone(),
                    fields: fk.columns.clone(),
                },
                to: EdgeEnd {
                    object: target_name.clone(),
                    fields: to_fields,
                },
                cardinality: Cardinality::One,
                source: EdgeSource::ForeignKey,
                joinable: true,
                name: fk.name.clone(),
            });
        }

        let relation_ops = operations::for_relation(relation, &name, &fields, dialect);
        let capabilities =
            capabilities(relation_ops.iter().map(|op| (op.class, op.limit.is_some())));
        ops.extend(relation_ops);

        objects.push(Object {
            name,
            kind: match relation.kind {
                RelationKind::Table => ObjectKind::Table,
                RelationKind::View => ObjectKind::View,
                RelationKind::MaterializedView => ObjectKind::MaterializedView,
            },
            description: relation.comment.clone(),
            capabilities,
            fields,
            primary_key: relation.primary_key.clone(),
            indexes: relation
                .indexes
                .iter()
                .map(|index| Index {
                    name: index.name.clone(),
                    columns: index
                        .columns
                        .iter()
                        .map(|c| c.clone().unwrap_or_else(|| "<expression>".to_owned()))
                        .collect(),
                    unique: index.unique,
                    partial: index.partial,
                    origin: index.origin,
                    method: index.method.clone(),
                })
                .collect(),
            origin,
            enum_values: Vec::new(),
            implements: Vec::new(),
            members: Vec::new(),
            relay: None,
            checks: relation
                .checks
                .iter()
                .map(|check| Check {
                    name: check.name.clone(),
                    expression: check.expression.clone(),
                    columns: check.columns.clone(),
                })
                .collect(),
        });
    }

    let source = SourceInfo {
        kind: dialect.kind,
        title: title.to_owned(),
        version: catalog.engine_version.clone(),
        base_url: None,
    };
    WithDiagnostics {
        value: Schema::finish(source, objects, edges, ops),
        diagnostics,
    }
}

fn object_name(relation: &Relation, dialect: Dialect) -> String {
    if dialect.qualify_names {
        format!("{}.{}", relation.namespace, relation.name)
    } else {
        relation.name.clone()
    }
}

fn field(
    relation: &Relation,
    column: &Column,
    object_origin: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Field {
    let origin = format!("{object_origin}.{}", column.name);
    let known = if column.enum_values.is_empty() {
        types::field_type(&column.native_type)
    } else {
        let values = FieldType::Enum {
            values: column.enum_values.clone(),
        };
        // A PostgreSQL array of an enum type (`mood[]`) is a list of those values.
        Some(if column.native_type.ends_with("[]") {
            FieldType::List {
                of: Box::new(values),
            }
        } else {
            values
        })
    };
    let ty = match known {
        Some(ty) => ty,
        None => {
            // Views commonly carry no declared type: nothing to warn about there.
            if relation.kind == RelationKind::Table {
                diagnostics.push(
                    Diagnostic::warning(
                        "discovery/sql-unknown-type",
                        format!(
                            "column {}.{} has type {:?}, which Bindery does not map",
                            relation.name, column.name, column.native_type
                        ),
                        origin.clone(),
                    )
                    .with_help("The column stays browsable; bind it only as text."),
                );
            }
            FieldType::Unknown {
                raw: column.native_type.clone(),
            }
        }
    };
    let in_pk = relation.primary_key.contains(&column.name);
    let nullable = !(column.not_null || (in_pk && column.auto_increment));
    let required =
        column.not_null && column.default.is_none() && !column.auto_increment && !column.generated;
    let (pii, sensitive) = pii::classify(&column.name, None);
    Field {
        name: column.name.clone(),
        ty,
        required,
        nullable,
        description: column.comment.clone(),
        default: column.default.clone(),
        native_type: (!column.native_type.is_empty()).then(|| column.native_type.clone()),
        pii,
        sensitive,
        origin,
        deprecated: None,
        arguments: Vec::new(),
        connection: None,
        role: None,
    }
}

fn capabilities(ops: impl Iterator<Item = (OperationClass, bool)>) -> Vec<Capability> {
    let set: BTreeSet<Capability> = ops
        .map(|(class, bounded_list)| match class {
            OperationClass::Read if bounded_list => Capability::List,
            OperationClass::Read => Capability::Read,
            OperationClass::Create => Capability::Create,
            OperationClass::Update => Capability::Update,
            OperationClass::Delete => Capability::Delete,
        })
        .collect();
    set.into_iter().collect()
}
