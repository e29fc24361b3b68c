//! The rows of the catalog queries to a [`Catalog`], without I/O. Values the code does not know
//! (a new table type, a constraint type) become warnings, never panics.

use std::collections::BTreeMap;

use bindery_schema::{Diagnostic, IndexOrigin, WithDiagnostics};

use crate::sql::catalog::{
    Catalog, CheckDef, Column, ForeignKey, IndexDef, Relation, RelationKind,
};

/// Which server answered: they print defaults and check constraints differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// MariaDB (any version).
    Mariadb,
    /// MySQL (or a MySQL-compatible server that does not say MariaDB).
    Mysql,
}

impl Flavor {
    /// From `SELECT VERSION()` (`10.11.19-MariaDB-0+deb12u1`, `8.0.36`).
    pub fn from_version(version: &str) -> Flavor {
        if version.to_ascii_lowercase().contains("mariadb") {
            Flavor::Mariadb
        } else {
            Flavor::Mysql
        }
    }
}

/// A row of `relations.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRow {
    pub name: String,
    pub table_type: String,
    pub comment: Option<String>,
}

/// A row of `columns.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnRow {
    pub table: String,
    pub name: String,
    pub ordinal: i64,
    pub column_type: String,
    pub data_type: String,
    pub nullable: bool,
    pub default: Option<String>,
    pub extra: String,
    pub comment: Option<String>,
}

/// A row of `keys.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    pub table: String,
    pub constraint: String,
    pub constraint_type: String,
    pub column: String,
    pub ordinal: i64,
    pub referenced_schema: Option<String>,
    pub referenced_table: Option<String>,
    pub referenced_column: Option<String>,
}

/// A row of `indexes.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    pub table: String,
    pub index: String,
    pub unique: bool,
    pub seq: i64,
    pub column: Option<String>,
    /// `INDEX_TYPE`, lower case: `btree`, `hash`, `fulltext`, `spatial`, `rtree`.
    pub method: String,
}

/// A row of `checks_*.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    pub table: String,
    pub name: String,
    /// `Column` or `Table` (MariaDB); `None` on MySQL.
    pub level: Option<String>,
    pub clause: String,
}

/// Everything the catalog queries returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub version: String,
    pub relations: Vec<RelationRow>,
    pub columns: Vec<ColumnRow>,
    pub keys: Vec<KeyRow>,
    pub indexes: Vec<IndexRow>,
    /// `None` when the server has no `CHECK_CONSTRAINTS` table.
    pub checks: Option<Vec<CheckRow>>,
}

/// Builds the catalog of database `namespace` from the query rows.
pub fn assemble(namespace: &str, rows: Rows) -> WithDiagnostics<Catalog> {
    let flavor = Flavor::from_version(&rows.version);
    let origin = |rest: &str| format!("mysql:{namespace}{rest}");
    let mut diagnostics = Vec::new();
    let mut skipped = Vec::new();
    let mut relations: BTreeMap<String, Relation> = BTreeMap::new();
    for row in rows.relations {
        let kind = match row.table_type.as_str() {
            "BASE TABLE" | "SYSTEM VERSIONED" => RelationKind::Table,
            "VIEW" => RelationKind::View,
            "SEQUENCE" => {
                skipped.push((
                    row.name,
                    "a sequence is a number generator, not a table".into(),
                ));
                continue;
            }
            other => {
                skipped.push((
                    row.name,
                    format!("its table type {other:?} is not one Bindery reads"),
                ));
                continue;
            }
        };
        // MySQL and MariaDB give every view the comment "VIEW"; MySQL puts the error of a
        // broken view there.
        let comment = row
            .comment
            .filter(|c| !(c.is_empty() || (kind == RelationKind::View && c == "VIEW")));
        relations.insert(
            row.name.clone(),
            Relation {
                namespace: namespace.to_owned(),
                name: row.name,
                kind,
                comment,
                columns: Vec::new(),
                primary_key: Vec::new(),
                foreign_keys: Vec::new(),
                indexes: Vec::new(),
                checks: Vec::new(),
            },
        );
    }

    let mut columns = rows.columns;
    columns.sort_by(|a, b| (&a.table, a.ordinal).cmp(&(&b.table, b.ordinal)));
    for row in columns {
        let Some(relation) = relations.get_mut(&row.table) else {
            continue;
        };
        let extra: Vec<String> = row
            .extra
            .to_ascii_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let has = |word: &str| extra.iter().any(|w| w == word);
        let generated = has("generated")
            || has("persistent")
            || has("virtual")
            || has("stored")
            || (has("row") && (has("start") || has("end")));
        let default = row
            .default
            .filter(|d| !(flavor == Flavor::Mariadb && d.eq_ignore_ascii_case("NULL")));
        let enum_values = if row.data_type.eq_ignore_ascii_case("enum") {
            match enum_values(&row.column_type) {
                Some(values) => values,
                None => {
                    diagnostics.push(Diagnostic::warning(
                        "discovery/sql-enum-unparsed",
                        format!(
                            "the values of {}.{} ({}) could not be read",
                            row.table, row.name, row.column_type
                        ),
                        origin(&format!(".{}.{}", row.table, row.name)),
                    ));
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        relation.columns.push(Column {
            name: row.name,
            native_type: row.column_type,
            not_null: !row.nullable,
            default,
            comment: row.comment.filter(|c| !c.is_empty()),
            generated,
            auto_increment: has("auto_increment"),
            enum_values,
        });
    }
    // A view whose definition no longer compiles has no readable columns.
    let broken: Vec<String> = relations
        .values()
        .filter(|r| r.kind == RelationKind::View && r.columns.is_empty())
        .map(|r| r.name.clone())
        .collect();
    for name in broken {
        let detail = relations
            .remove(&name)
            .and_then(|r| r.comment)
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        skipped.push((
            name,
            format!(
                "the server lists no columns for it: its definition no longer compiles{detail}"
            ),
        ));
    }

    let mut keys: BTreeMap<(String, String), Vec<KeyRow>> = BTreeMap::new();
    for row in rows.keys {
        keys.entry((row.table.clone(), row.constraint.clone()))
            .or_default()
            .push(row);
    }
    for ((table, constraint), mut parts) in keys {
        let Some(relation) = relations.get_mut(&table) else {
            continue;
        };
        parts.sort_by_key(|p| p.ordinal);
        let kind = parts
            .first()
            .map(|p| p.constraint_type.clone())
            .unwrap_or_default();
        match kind.as_str() {
            "PRIMARY KEY" => relation.primary_key = parts.into_iter().map(|p| p.column).collect(),
            "FOREIGN KEY" => {
                let Some(referenced_table) = parts.iter().find_map(|p| p.referenced_table.clone())
                else {
                    diagnostics.push(Diagnostic::warning(
                        "discovery/sql-unknown-constraint",
                        format!("foreign key {constraint} of {table} names no referenced table"),
                        origin(&format!(".{table}")),
                    ));
                    continue;
                };
                let referenced_namespace = parts
                    .iter()
                    .find_map(|p| p.referenced_schema.clone())
                    .unwrap_or_else(|| namespace.to_owned());
                let mut referenced_columns: Vec<String> =
                    parts.iter().filter_map(|p| p.referenced_column.clone()).collect();
                if referenced_columns.len() != parts.len() {
                    referenced_columns.clear();
                }
                relation.foreign_keys.push(ForeignKey {
                    name: Some(constraint),
                    columns: parts.into_iter().map(|p| p.column).collect(),
                    referenced_namespace,
                    referenced_table,
                    referenced_columns,
                });
            }
            other => diagnostics.push(Diagnostic::warning(
                "discovery/sql-unknown-constraint",
                format!("constraint {constraint} of {table} has type {other:?}, which Bindery does not read"),
                origin(&format!(".{table}")),
            )),
        }
    }

    let mut indexes: BTreeMap<(String, String), Vec<IndexRow>> = BTreeMap::new();
    for row in rows.indexes {
        indexes
            .entry((row.table.clone(), row.index.clone()))
            .or_default()
            .push(row);
    }
    for ((table, name), mut parts) in indexes {
        let Some(relation) = relations.get_mut(&table) else {
            continue;
        };
        parts.sort_by_key(|p| p.seq);
        let unique = parts.iter().all(|p| p.unique);
        let method = parts.first().map(|p| p.method.clone()).unwrap_or_default();
        relation.indexes.push(IndexDef {
            origin: if name == "PRIMARY" {
                IndexOrigin::PrimaryKey
            } else if unique {
                IndexOrigin::Unique
            } else {
                IndexOrigin::Index
            },
            name,
            columns: parts.into_iter().map(|p| p.column).collect(),
            unique,
            partial: false,
            method,
        });
    }

    match rows.checks {
        Some(checks) => {
            for row in checks {
                let Some(relation) = relations.get_mut(&row.table) else {
                    continue;
                };
                let on_column = row.level.as_deref() == Some("Column");
                // MariaDB's JSON is LONGTEXT with this column check: call the type what it is.
                if on_column && row.clause == format!("json_valid(`{}`)", row.name) {
                    if let Some(column) = relation.columns.iter_mut().find(|c| {
                        c.name == row.name && c.native_type.eq_ignore_ascii_case("longtext")
                    }) {
                        column.native_type = "json".to_owned();
                    }
                }
                relation.checks.push(CheckDef {
                    columns: if on_column { vec![row.name.clone()] } else { Vec::new() },
                    name: Some(row.name),
                    expression: row.clause,
                });
            }
        }
        None => diagnostics.push(
            Diagnostic::warning(
                "discovery/sql-checks-unavailable",
                "the server has no information_schema.CHECK_CONSTRAINTS: check constraints were not read",
                origin(""),
            )
            .with_help("MariaDB 10.2 and MySQL 8.0.16 list check constraints; older servers do not enforce them."),
        ),
    }

    WithDiagnostics {
        value: Catalog {
            engine_version: Some(rows.version),
            relations: relations.into_values().collect(),
            skipped,
        },
        diagnostics,
    }
}

/// The values of `enum('a','it''s','x\\y')` in declaration order; `None` when the text is not
/// an enum type. Quotes inside a value are doubled; backslash escapes are those the server
/// prints (`\\`, `\0`, `\n`, `\r`, `\Z`, and any other character as itself).
pub fn enum_values(column_type: &str) -> Option<Vec<String>> {
    let text = column_type.trim();
    let open = text.find('(')?;
    if !text[..open].trim().eq_ignore_ascii_case("enum") || !text.ends_with(')') {
        return None;
    }
    let mut chars = text[open + 1..text.len() - 1].chars().peekable();
    let mut values = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next()? != '\'' {
            return None;
        }
        let mut value = String::new();
        loop {
            match chars.next()? {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' => value.push(match chars.next()? {
                    '0' => '\0',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'Z' => '\u{1a}',
                    other => other,
                }),
                c => value.push(c),
            }
        }
        values.push(value);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => return Some(values),
            Some(',') => {}
            Some(_) => return None,
        }
    }
}

#[cfg(test)]
#[path = "assemble_tests.rs"]
mod tests;
