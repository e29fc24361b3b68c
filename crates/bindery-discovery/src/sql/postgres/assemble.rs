//! Catalog rows to the engine-neutral [`Catalog`], without I/O: which schemas to read, relation
//! kinds, keys, checks and indexes. Catalog values this code does not know (a new relkind or
//! contype) become entries of [`Catalog::skipped`], never a failure.

use std::collections::BTreeMap;

use bindery_schema::IndexOrigin;

use crate::sql::catalog::{
    Catalog, CheckDef, Column, ForeignKey, IndexDef, Relation, RelationKind,
};
use crate::DiscoveryError;

/// A row of `relations.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRow {
    pub namespace: String,
    pub name: String,
    /// `pg_class.relkind`.
    pub kind: String,
    pub comment: Option<String>,
}

/// A row of `columns.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnRow {
    pub namespace: String,
    pub relation: String,
    pub name: String,
    pub native_type: String,
    pub not_null: bool,
    pub default: Option<String>,
    /// `GENERATED ... AS IDENTITY`.
    pub identity: bool,
    /// `GENERATED ALWAYS AS (...) STORED`.
    pub generated: bool,
    pub comment: Option<String>,
    pub enum_values: Vec<String>,
}

/// A row of `constraints.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintRow {
    pub namespace: String,
    pub relation: String,
    pub name: String,
    /// `pg_constraint.contype`.
    pub kind: String,
    pub columns: Vec<String>,
    pub referenced_namespace: Option<String>,
    pub referenced_table: Option<String>,
    pub referenced_columns: Vec<String>,
    /// `pg_get_constraintdef` of a check.
    pub definition: Option<String>,
}

/// A row of `indexes.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    pub namespace: String,
    pub relation: String,
    pub name: String,
    pub unique: bool,
    pub partial: bool,
    /// `p`, `u`, `x` or empty (CREATE INDEX).
    pub constraint_kind: String,
    /// Access method (`btree`, `gin`, ...).
    pub method: String,
    /// Key columns in index order; `None` for an expression.
    pub columns: Vec<Option<String>>,
}

/// Everything the catalog queries returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub engine_version: Option<String>,
    pub relations: Vec<RelationRow>,
    pub columns: Vec<ColumnRow>,
    pub constraints: Vec<ConstraintRow>,
    pub indexes: Vec<IndexRow>,
    /// Schemas left out, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Which schemas to read. `available` is every non-system schema with whether the login has
/// USAGE on it. With nothing requested: every usable one (the others are reported as skipped).
/// A requested schema that does not exist is [`DiscoveryError::SchemaNotFound`]; one the login
/// may not use is [`DiscoveryError::PermissionDenied`].
#[allow(clippy::type_complexity)]
pub fn choose_schemas(
    requested: &[String],
    available: &[(String, bool)],
    source_name: &str,
) -> Result<(Vec<String>, Vec<(String, String)>), DiscoveryError> {
    if requested.is_empty() {
        let chosen = available
            .iter()
            .filter(|(_, usable)| *usable)
            .map(|(name, _)| name.clone())
            .collect();
        let skipped = available
            .iter()
            .filter(|(_, usable)| !*usable)
            .map(|(name, _)| {
                (
                    format!("schema {name}"),
                    "the login has no USAGE privilege on it, so its tables and views were not read"
                        .to_owned(),
                )
            })
            .collect();
        return Ok((chosen, skipped));
    }
    let missing: Vec<String> = requested
        .iter()
        .filter(|r| !available.iter().any(|(name, _)| name == *r))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(DiscoveryError::SchemaNotFound {
            source_name: source_name.to_owned(),
            schemas: missing,
        });
    }
    let denied: Vec<&str> = requested
        .iter()
        .filter(|r| available.iter().any(|(name, usable)| name == *r && !usable))
        .map(String::as_str)
        .collect();
    if !denied.is_empty() {
        return Err(DiscoveryError::PermissionDenied {
            source_name: source_name.to_owned(),
            detail: format!("no USAGE privilege on schema {}", denied.join(", ")),
        });
    }
    let mut chosen = requested.to_vec();
    chosen.sort();
    chosen.dedup();
    Ok((chosen, Vec::new()))
}

type Key = (String, String);

/// Builds the catalog from the rows.
pub fn assemble(rows: Rows) -> Catalog {
    let mut skipped = rows.skipped;
    let mut relations: BTreeMap<Key, Relation> = BTreeMap::new();
    for row in rows.relations {
        let kind = match row.kind.as_str() {
            "r" | "p" => RelationKind::Table,
            "v" => RelationKind::View,
            "m" => RelationKind::MaterializedView,
            "f" => {
                skipped.push((
                    format!("{}.{}", row.namespace, row.name),
                    "it is a foreign table: its rows live elsewhere, behind a foreign-data wrapper"
                        .to_owned(),
                ));
                continue;
            }
            other => {
                skipped.push((
                    format!("{}.{}", row.namespace, row.name),
                    format!("its relation kind {other:?} is not one Bindery knows"),
                ));
                continue;
            }
        };
        relations.insert(
            (row.namespace.clone(), row.name.clone()),
            Relation {
                namespace: row.namespace,
                name: row.name,
                kind,
                comment: row.comment,
                columns: Vec::new(),
                primary_key: Vec::new(),
                foreign_keys: Vec::new(),
                indexes: Vec::new(),
                checks: Vec::new(),
            },
        );
    }

    for row in rows.columns {
        let Some(relation) = relations.get_mut(&(row.namespace, row.relation)) else {
            continue;
        };
        let serial = row
            .default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("));
        relation.columns.push(Column {
            name: row.name,
            native_type: row.native_type,
            not_null: row.not_null,
            default: row.default,
            comment: row.comment,
            generated: row.generated,
            auto_increment: row.identity || serial,
            enum_values: row.enum_values,
        });
    }

    for row in rows.constraints {
        let Some(relation) = relations.get_mut(&(row.namespace.clone(), row.relation.clone()))
        else {
            continue;
        };
        match row.kind.as_str() {
            "p" => relation.primary_key = row.columns,
            "f" => match (row.referenced_namespace, row.referenced_table) {
                (Some(referenced_namespace), Some(referenced_table)) => {
                    relation.foreign_keys.push(ForeignKey {
                        name: Some(row.name),
                        columns: row.columns,
                        referenced_namespace,
                        referenced_table,
                        referenced_columns: row.referenced_columns,
                    });
                }
                _ => skipped.push((
                    format!("{}.{} constraint {}", row.namespace, row.relation, row.name),
                    "the table it references is not visible".to_owned(),
                )),
            },
            "c" => {
                let definition = row.definition.unwrap_or_default();
                let expression = definition
                    .strip_prefix("CHECK ")
                    .unwrap_or(&definition)
                    .to_owned();
                relation.checks.push(CheckDef {
                    name: Some(row.name),
                    expression,
                    columns: row.columns,
                });
            }
            // Unique keys come with their indexes; exclusion constraints are indexes too; NOT
            // NULL (PostgreSQL 18 lists them here) is read from the column; constraint triggers
            // say nothing about the shape of the data.
            "u" | "x" | "n" | "t" => {}
            other => skipped.push((
                format!("{}.{} constraint {}", row.namespace, row.relation, row.name),
                format!("its constraint kind {other:?} is not one Bindery knows"),
            )),
        }
    }

    for row in rows.indexes {
        let Some(relation) = relations.get_mut(&(row.namespace, row.relation)) else {
            continue;
        };
        relation.indexes.push(IndexDef {
            name: row.name,
            columns: row.columns,
            unique: row.unique,
            partial: row.partial,
            method: row.method,
            origin: match row.constraint_kind.as_str() {
                "p" => IndexOrigin::PrimaryKey,
                "u" => IndexOrigin::Unique,
                _ => IndexOrigin::Index,
            },
        });
    }

    Catalog {
        engine_version: rows.engine_version,
        relations: relations.into_values().collect(),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(name: &str, kind: &str) -> RelationRow {
        RelationRow {
            namespace: "public".to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            comment: None,
        }
    }

    fn constraint(relation: &str, name: &str, kind: &str, columns: &[&str]) -> ConstraintRow {
        ConstraintRow {
            namespace: "public".to_owned(),
            relation: relation.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            referenced_namespace: None,
            referenced_table: None,
            referenced_columns: Vec::new(),
            definition: None,
        }
    }

    #[test]
    fn unknown_relation_and_constraint_kinds_are_skipped_not_fatal() {
        let rows = Rows {
            relations: vec![
                relation("t", "r"),
                relation("parent", "p"),
                relation("remote", "f"),
                relation("odd", "z"),
            ],
            constraints: vec![
                constraint("t", "t_pkey", "p", &["b", "a"]),
                constraint("t", "t_new", "q", &["a"]),
                ConstraintRow {
                    definition: Some("CHECK ((a > 0))".to_owned()),
                    ..constraint("t", "t_a_check", "c", &["a"])
                },
            ],
            ..Rows::default()
        };
        let catalog = assemble(rows);
        let names: Vec<&str> = catalog.relations.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["parent", "t"], "tables kept, others skipped");
        let skipped: Vec<&str> = catalog.skipped.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            skipped,
            ["public.remote", "public.odd", "public.t constraint t_new"],
            "each unknown value is reported"
        );
        let t = catalog
            .relations
            .iter()
            .find(|r| r.name == "t")
            .expect("t is read");
        assert_eq!(t.primary_key, ["b", "a"], "key order kept");
        assert_eq!(
            t.checks.first().map(|c| c.expression.as_str()),
            Some("((a > 0))"),
            "CHECK prefix removed"
        );
    }

    #[test]
    fn schemas_are_chosen_or_refused_with_codes() {
        let available = vec![
            ("app".to_owned(), true),
            ("public".to_owned(), true),
            ("secret".to_owned(), false),
        ];
        let (all, skipped) = choose_schemas(&[], &available, "u@h:1/db").expect("all usable");
        assert_eq!(all, ["app", "public"], "every usable schema");
        assert_eq!(skipped.len(), 1, "the unusable one is reported");
        let missing = choose_schemas(&["nope".to_owned()], &available, "u@h:1/db")
            .expect_err("a missing schema");
        assert_eq!(missing.code(), "discovery/schema-not-found", "{missing}");
        let denied = choose_schemas(&["secret".to_owned()], &available, "u@h:1/db")
            .expect_err("a denied schema");
        assert_eq!(denied.code(), "discovery/permission-denied", "{denied}");
    }
}
