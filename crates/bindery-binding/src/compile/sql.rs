//! SQL: one parameterized statement per skill. Identifiers are always quoted (a quote inside a
//! name is doubled), values are always placeholders (`$1` for PostgreSQL, `?` for MySQL, `?1`
//! for SQLite), tables are qualified by their schema (`"public"."customer"`).
//!
//! - select / list: `SELECT t0."a" AS "leaf", t1."b" AS "leaf2" FROM t AS t0 LEFT JOIN u AS t1
//!   ON t1."k" = t0."fk" WHERE t0."c" = $1 [ORDER BY t0."pk"] LIMIT n`: one LEFT JOIN per
//!   foreign key the projections cross, the filter from `sqlSearch` then the bound key or filter
//!   arguments in argument order, a list ordered by the primary key and capped by the operation.
//! - insert: `INSERT INTO t ("a", "b") VALUES ($1, $2)`.
//! - update: `UPDATE t SET "a" = $1 WHERE "key" = $2`.
//!
//! Writes end with `RETURNING <projected columns>` on PostgreSQL and SQLite; MySQL has no
//! RETURNING, so a MySQL write reads nothing back.

use bindery_schema::{FieldType, Object, Operation, OperationClass, SourceKind};

use super::sql_values::{read_filters, update_keys, written_values, Bound};
use super::{walk_projection, CompileError, TransportPlan};
use crate::resolve::Step;
use crate::{Binding, Context, ExecutionConfig, OutputPlan, SqlParameter, SqlPlan, SqlWriteMode};

/// The SQL dialects Bindery writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    fn of(kind: SourceKind) -> Option<Dialect> {
        match kind {
            SourceKind::Postgres => Some(Dialect::Postgres),
            SourceKind::Mysql => Some(Dialect::Mysql),
            SourceKind::Sqlite => Some(Dialect::Sqlite),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// A quoted identifier: `"x"` (a `"` inside doubled), MySQL `` `x` `` (a `` ` `` doubled).
    fn quote(self, identifier: &str) -> String {
        match self {
            Dialect::Mysql => format!("`{}`", identifier.replace('`', "``")),
            Dialect::Postgres | Dialect::Sqlite => {
                format!("\"{}\"", identifier.replace('"', "\"\""))
            }
        }
    }

    /// The placeholder of the `n`th parameter (1-based).
    fn placeholder(self, n: usize) -> String {
        match self {
            Dialect::Postgres => format!("${n}"),
            Dialect::Mysql => "?".to_owned(),
            Dialect::Sqlite => format!("?{n}"),
        }
    }

    fn has_returning(self) -> bool {
        self != Dialect::Mysql
    }
}

/// What the statement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Statement {
    Select,
    List,
    Insert,
    Update,
}

/// One projected column.
struct Column<'s> {
    leaf: &'s str,
    /// 0 is the operation's table; n is the nth join.
    table: usize,
    column: &'s str,
    output: OutputPlan,
    origin: &'s str,
}

/// Plans a SQL statement.
pub(super) fn plan(
    binding: &Binding,
    op: &Operation,
    cx: &Context<'_>,
) -> Result<TransportPlan, CompileError> {
    let dialect = Dialect::of(cx.schema.source.kind).ok_or_else(|| {
        CompileError::new(format!(
            "`{}` is a SQL operation but the schema comes from {}",
            op.id,
            cx.schema.source.kind.as_str()
        ))
    })?;
    let table = op
        .object
        .as_deref()
        .and_then(|name| cx.schema.object(name))
        .ok_or_else(|| {
            CompileError::new(format!("the table of `{}` is not in the schema", op.id))
        })?;
    let statement = statement_of(binding, op)?;
    let qualified = qualified_name(dialect, table)?;

    // Projections, and the joins they cross (one per distinct foreign key, first use first).
    let mut joins: Vec<(&bindery_schema::Edge, &Object)> = Vec::new();
    let mut columns = Vec::new();
    for projection in &binding.projection {
        let walk = walk_projection(projection, op, cx)?;
        let mut table_index = 0;
        for step in &walk.steps {
            if let Step::Join { edge, target } = step {
                table_index = match joins.iter().position(|(known, _)| known == edge) {
                    Some(i) => i + 1,
                    None => {
                        joins.push((edge, target));
                        joins.len()
                    }
                };
            }
        }
        columns.push(Column {
            leaf: &projection.leaf,
            table: table_index,
            column: &walk.leaf.name,
            output: OutputPlan {
                leaf: projection.leaf.clone(),
                path: vec![projection.leaf.clone()],
                leaf_type: walk.leaf_type.label(),
                many: walk.many,
            },
            origin: &walk.leaf.origin,
        });
    }
    if statement != Statement::Select && statement != Statement::List && !joins.is_empty() {
        return Err(CompileError::new(format!(
            "`{}` is a write: it reads back only its own columns, not joined ones",
            op.id
        )));
    }

    let q = |identifier: &str| dialect.quote(identifier);
    let mut parameters: Vec<SqlParameter> = Vec::new();
    let bind = |bound: Bound, parameters: &mut Vec<SqlParameter>| -> (String, String) {
        parameters.push(bound.parameter);
        (q(&bound.column), dialect.placeholder(parameters.len()))
    };

    let (text, row_limit, outputs) = match statement {
        Statement::Select | Statement::List => {
            if columns.is_empty() {
                return Err(CompileError::new(format!(
                    "the read of `{}` projects no column",
                    op.id
                )));
            }
            let select = columns
                .iter()
                .map(|c| format!("t{}.{} AS {}", c.table, q(c.column), q(c.leaf)))
                .collect::<Vec<_>>()
                .join(", ");
            let mut text = format!("SELECT {select} FROM {qualified} AS t0");
            for (i, (edge, target)) in joins.iter().enumerate() {
                let on = edge
                    .to
                    .fields
                    .iter()
                    .zip(&edge.from.fields)
                    .map(|(to, from)| format!("t{}.{} = t0.{}", i + 1, q(to), q(from)))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                text.push_str(&format!(
                    " LEFT JOIN {} AS t{} ON {on}",
                    qualified_name(dialect, target)?,
                    i + 1
                ));
            }
            let filters = read_filters(binding, op, table, cx)?;
            if filters.is_empty() {
                return Err(CompileError::new(format!(
                    "the read of `{}` has no filter: Bindery never reads a whole table",
                    op.id
                )));
            }
            let conditions = filters
                .into_iter()
                .map(|bound| {
                    let (column, placeholder) = bind(bound, &mut parameters);
                    format!("t0.{column} = {placeholder}")
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            text.push_str(&format!(" WHERE {conditions}"));
            let limit = if statement == Statement::List {
                if !table.primary_key.is_empty() {
                    let order = table
                        .primary_key
                        .iter()
                        .map(|k| format!("t0.{}", q(k)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    text.push_str(&format!(" ORDER BY {order}"));
                }
                op.limit.ok_or_else(|| {
                    CompileError::new(format!("the list `{}` has no row cap", op.id))
                })?
            } else {
                1
            };
            text.push_str(&format!(" LIMIT {limit}"));
            (
                text,
                limit,
                columns.iter().map(|c| c.output.clone()).collect(),
            )
        }
        Statement::Insert => {
            let values = written_values(binding, op, table, cx, &[])?;
            if values.is_empty() {
                return Err(CompileError::new(format!(
                    "the insert `{}` writes no column",
                    op.id
                )));
            }
            let (names, placeholders): (Vec<String>, Vec<String>) =
                values.into_iter().map(|b| bind(b, &mut parameters)).unzip();
            let text = format!(
                "INSERT INTO {qualified} ({}) VALUES ({})",
                names.join(", "),
                placeholders.join(", ")
            );
            returning(dialect, text, &columns)
        }
        Statement::Update => {
            let keys = update_keys(binding, op, table, cx)?;
            let key_columns: Vec<String> = keys.iter().map(|k| k.column.clone()).collect();
            let values = written_values(binding, op, table, cx, &key_columns)?;
            if values.is_empty() {
                return Err(CompileError::new(format!(
                    "the update `{}` sets no column",
                    op.id
                )));
            }
            let set = values
                .into_iter()
                .map(|b| {
                    let (column, placeholder) = bind(b, &mut parameters);
                    format!("{column} = {placeholder}")
                })
                .collect::<Vec<_>>()
                .join(", ");
            let conditions = keys
                .into_iter()
                .map(|b| {
                    let (column, placeholder) = bind(b, &mut parameters);
                    format!("{column} = {placeholder}")
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            let text = format!("UPDATE {qualified} SET {set} WHERE {conditions}");
            returning(dialect, text, &columns)
        }
    };
    let read_origins = outputs
        .iter()
        .filter_map(|o| columns.iter().find(|c| c.leaf == o.leaf))
        .map(|c| c.origin.to_owned())
        .collect();
    Ok(TransportPlan {
        config: ExecutionConfig::NativeSql(SqlPlan {
            dialect: dialect.name().to_owned(),
            statement: text,
            parameters,
            read_only: !op.class.is_write(),
            row_limit,
            index: op.index.clone(),
            outputs,
        }),
        read_origins,
    })
}

/// Appends `RETURNING` (PostgreSQL, SQLite) and gives the write's row limit and outputs.
fn returning(
    dialect: Dialect,
    mut text: String,
    columns: &[Column<'_>],
) -> (String, u32, Vec<OutputPlan>) {
    if !dialect.has_returning() || columns.is_empty() {
        return (text, 1, Vec::new());
    }
    let list = columns
        .iter()
        .map(|c| format!("{} AS {}", dialect.quote(c.column), dialect.quote(c.leaf)))
        .collect::<Vec<_>>()
        .join(", ");
    text.push_str(&format!(" RETURNING {list}"));
    (text, 1, columns.iter().map(|c| c.output.clone()).collect())
}

/// What the operation does, checked against `sqlWrite`.
fn statement_of(binding: &Binding, op: &Operation) -> Result<Statement, CompileError> {
    let statement = match op.class {
        OperationClass::Read => match op.returns {
            Some(FieldType::List { .. }) => Statement::List,
            _ => Statement::Select,
        },
        OperationClass::Create => Statement::Insert,
        OperationClass::Update => Statement::Update,
        OperationClass::Delete => {
            return Err(CompileError::new(format!(
                "`{}` deletes: Bindery writes no SQL delete",
                op.id
            )))
        }
    };
    let mode = binding.sql_write.as_ref().map(|w| w.mode);
    let agrees = matches!(
        (statement, mode),
        (Statement::Insert, Some(SqlWriteMode::Insert))
            | (Statement::Update, Some(SqlWriteMode::Update))
            | (_, None)
    );
    if !agrees {
        return Err(CompileError::new(format!(
            "`sqlWrite` disagrees with the operation `{}`",
            op.id
        )));
    }
    Ok(statement)
}

/// `"schema"."table"` from the table's origin (`postgres:public.customer`). The object name
/// disambiguates a dot in the schema name when it is the bare table name (SQLite); otherwise
/// the schema is what precedes the first dot.
fn qualified_name(dialect: Dialect, table: &Object) -> Result<String, CompileError> {
    let prefix = format!("{}:", dialect.name());
    let rest = table.origin.strip_prefix(&prefix).ok_or_else(|| {
        CompileError::new(format!(
            "the origin `{}` of `{}` is not a {} table",
            table.origin,
            table.name,
            dialect.name()
        ))
    })?;
    let bare = rest
        .strip_suffix(&table.name)
        .and_then(|namespace| namespace.strip_suffix('.'))
        .filter(|namespace| !namespace.is_empty())
        .map(|namespace| (namespace, table.name.as_str()));
    let (namespace, name) = bare.or_else(|| rest.split_once('.')).ok_or_else(|| {
        CompileError::new(format!(
            "the origin `{}` of `{}` names no schema",
            table.origin, table.name
        ))
    })?;
    Ok(format!(
        "{}.{}",
        dialect.quote(namespace),
        dialect.quote(name)
    ))
}

#[cfg(test)]
#[path = "sql_tests.rs"]
mod tests;
