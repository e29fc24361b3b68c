//! Which value goes to which column of a SQL statement: a read's filters, a write's values and
//! an update's key. Every value is a bound parameter; every column is checked against the table.

use bindery_schema::{ArgLocation, Argument, Object, Operation};

use super::{argument, param_plan, value_plan, CompileError};
use crate::{Binding, Context, SqlParameter, ValuePlan};

/// One bound value and the column it goes to.
pub(super) struct Bound {
    /// The column.
    pub(super) column: String,
    /// Its parameter.
    pub(super) parameter: SqlParameter,
}

/// A bound value for a column of the table.
fn bound(table: &Object, column: &str, value: ValuePlan) -> Result<Bound, CompileError> {
    let field = table
        .fields
        .iter()
        .find(|f| f.name == column)
        .ok_or_else(|| CompileError::new(format!("`{}` has no column `{column}`", table.name)))?;
    Ok(Bound {
        column: field.name.clone(),
        parameter: SqlParameter {
            column: field.name.clone(),
            column_type: field.ty.label(),
            value,
        },
    })
}

/// The argument of a bound input, which must be a column.
fn column_argument<'s>(op: &'s Operation, name: &str) -> Result<&'s Argument, CompileError> {
    let arg = argument(op, name)?;
    if arg.location != ArgLocation::Column {
        return Err(CompileError::new(format!(
            "the argument `{name}` of `{}` is not a column",
            op.id
        )));
    }
    Ok(arg)
}

/// A read's filters: `sqlSearch`, then the bound inputs in argument order.
pub(super) fn read_filters(
    binding: &Binding,
    op: &Operation,
    table: &Object,
    cx: &Context<'_>,
) -> Result<Vec<Bound>, CompileError> {
    let mut filters = Vec::new();
    if let Some(search) = &binding.sql_search {
        if search.table.as_deref().is_some_and(|t| t != table.name) {
            return Err(CompileError::new(format!(
                "`sqlSearch` names another table than `{}`",
                table.name
            )));
        }
        let value = param_plan(
            &search.param,
            search.transform.clone(),
            None,
            cx,
            "sqlSearch",
        )?;
        filters.push(bound(table, &search.column, value)?);
    }
    for input in &binding.inputs {
        column_argument(op, &input.arg)?;
    }
    for arg in &op.arguments {
        let Some((i, input)) = binding
            .inputs
            .iter()
            .enumerate()
            .find(|(_, m)| m.arg == arg.name)
        else {
            continue;
        };
        if filters.iter().any(|f| f.column == arg.name) {
            return Err(CompileError::new(format!(
                "`{}` is filtered twice",
                arg.name
            )));
        }
        let value = value_plan(&input.source, cx, &format!("inputs[{i}]"))?;
        filters.push(bound(table, &arg.name, value)?);
    }
    Ok(filters)
}

/// A write's values: the input-object fields, then the inputs, in binding order; `skip` holds
/// the key columns of an update (they go into WHERE).
pub(super) fn written_values(
    binding: &Binding,
    op: &Operation,
    table: &Object,
    cx: &Context<'_>,
    skip: &[String],
) -> Result<Vec<Bound>, CompileError> {
    let mut values: Vec<Bound> = Vec::new();
    for (i, mapping) in binding.input_object_map.iter().enumerate() {
        let value = value_plan(&mapping.source, cx, &format!("inputObjectMap[{i}]"))?;
        values.push(bound(table, &mapping.field, value)?);
    }
    for (i, input) in binding.inputs.iter().enumerate() {
        column_argument(op, &input.arg)?;
        if skip.contains(&input.arg) {
            continue;
        }
        let value = value_plan(&input.source, cx, &format!("inputs[{i}]"))?;
        values.push(bound(table, &input.arg, value)?);
    }
    for (i, value) in values.iter().enumerate() {
        if skip.contains(&value.column) || values[..i].iter().any(|v| v.column == value.column) {
            return Err(CompileError::new(format!(
                "the column `{}` is written twice or is also the key",
                value.column
            )));
        }
    }
    Ok(values)
}

/// An update's key: `sqlWrite.keyColumn` with `keyParam` (or the input bound on that column),
/// else the inputs bound on the primary key, in key order.
pub(super) fn update_keys(
    binding: &Binding,
    op: &Operation,
    table: &Object,
    cx: &Context<'_>,
) -> Result<Vec<Bound>, CompileError> {
    let input_on = |column: &str| {
        binding
            .inputs
            .iter()
            .enumerate()
            .find(|(_, m)| m.arg == column)
    };
    let write = binding.sql_write.as_ref();
    if let Some(column) = write.and_then(|w| w.key_column.as_deref()) {
        let value = match (write.and_then(|w| w.key_param.as_deref()), input_on(column)) {
            (Some(param), None) => param_plan(param, None, None, cx, "sqlWrite.keyParam")?,
            (None, Some((i, input))) => value_plan(&input.source, cx, &format!("inputs[{i}]"))?,
            (Some(_), Some(_)) => {
                return Err(CompileError::new(format!(
                    "the key `{column}` has both `sqlWrite.keyParam` and an input"
                )))
            }
            (None, None) => {
                return Err(CompileError::new(format!(
                    "the key `{column}` has no value"
                )))
            }
        };
        return Ok(vec![bound(table, column, value)?]);
    }
    if write.is_some_and(|w| w.key_param.is_some()) {
        return Err(CompileError::new(
            "`sqlWrite.keyParam` is given without `keyColumn`",
        ));
    }
    if table.primary_key.is_empty() {
        return Err(CompileError::new(format!(
            "`{}` has no primary key to update `{}` by",
            table.name, op.id
        )));
    }
    let mut keys = Vec::new();
    for column in &table.primary_key {
        let (i, input) = input_on(column).ok_or_else(|| {
            CompileError::new(format!(
                "the key column `{column}` of `{}` is not bound",
                op.id
            ))
        })?;
        let value = value_plan(&input.source, cx, &format!("inputs[{i}]"))?;
        keys.push(bound(table, column, value)?);
    }
    Ok(keys)
}
