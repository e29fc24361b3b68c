//! Inputs, input-object fields, the SQL filter and the SQL write: every argument bound once,
//! from a source that fits, and every required one bound.

use std::collections::BTreeSet;

use bindery_schema::{
    ArgLocation, Argument, Field, FieldType, Object, Operation, OperationClass, Transport,
};

use super::values::check_source;
use super::Report;
use crate::codes;
use crate::{Binding, Context, SqlWriteMode, ValueSource};

pub(super) fn check(binding: &Binding, op: &Operation, cx: &Context<'_>, report: &mut Report) {
    let object = op.object.as_deref().and_then(|o| cx.schema.object(o));
    let mut bound: BTreeSet<String> = BTreeSet::new();

    for (i, input) in binding.inputs.iter().enumerate() {
        let at = format!("inputs[{i}]");
        let Some(arg) = op.arguments.iter().find(|a| a.name == input.arg) else {
            unknown_argument(op, &input.arg, &format!("{at}.arg"), cx, report);
            continue;
        };
        if !bound.insert(arg.name.clone()) {
            report.add(
                codes::DUPLICATE_ARGUMENT,
                format!("{at}.arg"),
                format!("`{}` is bound twice", arg.name),
            );
        }
        let schema_path = argument_path(op, arg);
        deprecated(arg, &format!("{at}.arg"), &schema_path, report);
        check_source(
            &input.source,
            &arg.ty,
            &at,
            &format!("argument `{}`", arg.name),
            &schema_path,
            cx,
            report,
        );
        if op.class.is_write() && input.pii_override.is_none() {
            if let Some(field) = column_or_body_field(op, arg, object, cx) {
                sensitive_write(field, &format!("{at}.arg"), report);
            }
        }
    }

    check_input_object(binding, op, cx, &mut bound, report);
    check_sql_search(binding, op, object, cx, &mut bound, report);
    check_sql_write(binding, op, object, cx, &mut bound, report);

    for arg in op
        .arguments
        .iter()
        .filter(|a| a.required && a.default.is_none())
    {
        let via_input_object = !binding.input_object_map.is_empty()
            && op.input_object.is_some()
            && arg_carries_input_object(op, arg);
        if !bound.contains(arg.name.as_str()) && !via_input_object {
            report
                .add(
                    codes::REQUIRED_ARG_UNBOUND,
                    required_at(op, arg),
                    format!(
                        "`{}` needs a value for its required argument `{}`",
                        op.id, arg.name
                    ),
                )
                .schema(argument_path(op, arg))
                .help(format!("map a parameter or a constant onto `{}`", arg.name));
        }
    }
}

/// Where a missing required argument is reported: SQL columns and body fields belong to the
/// input object of a write; everything else to `inputs`.
fn required_at(op: &Operation, arg: &Argument) -> &'static str {
    match (op.class.is_write(), arg.location) {
        (true, ArgLocation::Column | ArgLocation::Body) => "inputObjectMap",
        (false, ArgLocation::Column) => "sqlSearch",
        _ => "inputs",
    }
}

/// GraphQL: the argument whose type is the write's input object.
fn arg_carries_input_object(op: &Operation, arg: &Argument) -> bool {
    matches!(&arg.ty, FieldType::Object { object } if Some(object) == op.input_object.as_ref())
}

fn argument_path(op: &Operation, arg: &Argument) -> String {
    format!("operation {} argument {}", op.id, arg.name)
}

fn deprecated(arg: &Argument, at: &str, schema_path: &str, report: &mut Report) {
    if let Some(reason) = &arg.deprecated {
        report
            .add(
                codes::DEPRECATED,
                at.to_owned(),
                format!("`{}` is deprecated: {reason}", arg.name),
            )
            .schema(schema_path.to_owned());
    }
}

fn unknown_argument(op: &Operation, name: &str, at: &str, cx: &Context<'_>, report: &mut Report) {
    let blocked = cx
        .unscoped
        .and_then(|full| full.operation(&op.id))
        .is_some_and(|full_op| full_op.arguments.iter().any(|a| a.name == name));
    if blocked {
        report
            .add(
                codes::BLOCKED_BY_SCOPING,
                at.to_owned(),
                format!("`{name}` is a column blocked by the provider's data scoping"),
            )
            .schema(format!("operation {}", op.id));
        return;
    }
    let close = crate::suggest::closest(name, op.arguments.iter().map(|a| a.name.as_str()));
    let names: Vec<&str> = op.arguments.iter().map(|a| a.name.as_str()).collect();
    let d = report
        .add(
            codes::UNKNOWN_ARGUMENT,
            at.to_owned(),
            format!("`{}` has no argument `{name}`", op.id),
        )
        .schema(format!("operation {}", op.id));
    match close.first() {
        Some(first) => d.help(format!("did you mean `{first}`?")),
        None if names.is_empty() => d.help("the operation takes no arguments"),
        None => d.help(format!("its arguments: {}", names.join(", "))),
    };
}

/// The schema field behind a SQL column argument or a REST body argument (for PII checks).
fn column_or_body_field<'s>(
    op: &Operation,
    arg: &Argument,
    object: Option<&'s Object>,
    cx: &Context<'s>,
) -> Option<&'s Field> {
    match arg.location {
        ArgLocation::Column => object?.fields.iter().find(|f| f.name == arg.name),
        ArgLocation::Body => cx
            .schema
            .object(op.input_object.as_deref()?)?
            .fields
            .iter()
            .find(|f| f.name == arg.name),
        _ => None,
    }
}

fn sensitive_write(field: &Field, at: &str, report: &mut Report) {
    if field.sensitive {
        report
            .add(
                codes::PII_IN_WRITE,
                at.to_owned(),
                format!(
                    "`{}` holds sensitive data ({}); writing it needs a recorded override",
                    field.name,
                    serde_json::to_value(field.pii)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                ),
            )
            .schema(field.origin.clone())
            .help(
                "add \"piiOverride\": {\"reason\": \"...\", \"by\": \"...\"} if it must be written",
            );
    }
}

/// The fields a write's input object offers: GraphQL input-object fields, or the operation's
/// column / body arguments (SQL, REST).
enum Writable<'s> {
    Fields(&'s Object),
    Arguments,
}

fn check_input_object(
    binding: &Binding,
    op: &Operation,
    cx: &Context<'_>,
    bound: &mut BTreeSet<String>,
    report: &mut Report,
) {
    if binding.input_object_map.is_empty() {
        // GraphQL: required fields of the input object are checked only when it is mapped; an
        // unmapped input object is a required argument, reported by the caller.
        return;
    }
    let Some(input_name) = op.input_object.as_deref().filter(|_| op.class.is_write()) else {
        report
            .add(
                codes::INPUT_OBJECT_ON_READ,
                "inputObjectMap",
                format!(
                    "`{}` has no input object to fill; bind its arguments with `inputs`",
                    op.id
                ),
            )
            .schema(format!("operation {}", op.id));
        return;
    };
    let writable = match (op.transport, cx.schema.object(input_name)) {
        (Transport::NativeGraphql, Some(object)) => Writable::Fields(object),
        (Transport::NativeGraphql, None) => {
            report.add(
                codes::UNKNOWN_FIELD,
                "inputObjectMap",
                format!("the input object `{input_name}` is not in the schema"),
            );
            return;
        }
        _ => Writable::Arguments,
    };
    let object = op.object.as_deref().and_then(|o| cx.schema.object(o));
    for (i, mapping) in binding.input_object_map.iter().enumerate() {
        let at = format!("inputObjectMap[{i}]");
        let found: Option<(&FieldType, String, Option<&Field>)> = match &writable {
            Writable::Fields(input) => input
                .fields
                .iter()
                .find(|f| f.name == mapping.field)
                .map(|f| (&f.ty, f.origin.clone(), Some(f))),
            Writable::Arguments => op
                .arguments
                .iter()
                .find(|a| {
                    a.name == mapping.field
                        && matches!(a.location, ArgLocation::Column | ArgLocation::Body)
                })
                .map(|a| {
                    (
                        &a.ty,
                        argument_path(op, a),
                        column_or_body_field(op, a, object, cx),
                    )
                }),
        };
        let Some((ty, schema_path, field)) = found else {
            unknown_input_field(
                op,
                input_name,
                &mapping.field,
                &format!("{at}.field"),
                &writable,
                cx,
                report,
            );
            continue;
        };
        if !bound.insert(mapping.field.clone()) {
            report.add(
                codes::DUPLICATE_ARGUMENT,
                format!("{at}.field"),
                format!("`{}` is bound twice", mapping.field),
            );
        }
        check_source(
            &mapping.source,
            ty,
            &at,
            &format!("field `{}`", mapping.field),
            &schema_path,
            cx,
            report,
        );
        if let (Some(field), None) = (field, &mapping.pii_override) {
            sensitive_write(field, &format!("{at}.field"), report);
        }
    }
    if let Writable::Fields(input) = writable {
        for field in input
            .fields
            .iter()
            .filter(|f| f.required && f.default.is_none())
        {
            if !bound.contains(field.name.as_str()) {
                report
                    .add(
                        codes::REQUIRED_ARG_UNBOUND,
                        "inputObjectMap",
                        format!("`{}` requires the field `{}`", input.name, field.name),
                    )
                    .schema(field.origin.clone())
                    .help(format!(
                        "map a parameter or a constant onto `{}`",
                        field.name
                    ));
            }
        }
    }
}

fn unknown_input_field(
    op: &Operation,
    input_name: &str,
    name: &str,
    at: &str,
    writable: &Writable<'_>,
    cx: &Context<'_>,
    report: &mut Report,
) {
    let candidates: Vec<&str> = match writable {
        Writable::Fields(input) => input.fields.iter().map(|f| f.name.as_str()).collect(),
        Writable::Arguments => op.arguments.iter().map(|a| a.name.as_str()).collect(),
    };
    let blocked = cx
        .unscoped
        .and_then(|full| full.operation(&op.id))
        .is_some_and(|full_op| full_op.arguments.iter().any(|a| a.name == name));
    if blocked {
        report
            .add(
                codes::BLOCKED_BY_SCOPING,
                at.to_owned(),
                format!("`{name}` is a column blocked by the provider's data scoping"),
            )
            .schema(format!("{input_name}.{name}"));
        return;
    }
    let generated = op.transport == Transport::NativeSql
        && cx
            .schema
            .object(input_name)
            .is_some_and(|o| o.fields.iter().any(|f| f.name == name));
    let d = report
        .add(
            codes::UNKNOWN_FIELD,
            at.to_owned(),
            if generated {
                format!("`{name}` is generated by the database and cannot be written")
            } else {
                format!("`{input_name}` has no writable field `{name}`")
            },
        )
        .schema(input_name.to_owned());
    if let Some(first) = crate::suggest::closest(name, candidates.into_iter()).first() {
        d.help(format!("did you mean `{first}`?"));
    }
}

/// Whether `column` leads an equality index of the table (or is its rowid key).
fn leads_index(object: &Object, column: &str) -> bool {
    object.primary_key.first().is_some_and(|c| c == column)
        || object.indexes.iter().any(|i| {
            !i.partial
                && matches!(i.method.as_str(), "btree" | "hash")
                && i.columns.first().is_some_and(|c| c == column)
        })
}

fn check_sql_search(
    binding: &Binding,
    op: &Operation,
    object: Option<&Object>,
    cx: &Context<'_>,
    bound: &mut BTreeSet<String>,
    report: &mut Report,
) {
    let Some(search) = &binding.sql_search else {
        return;
    };
    if op.transport != Transport::NativeSql || op.class != OperationClass::Read {
        report.add(
            codes::SQL_SEARCH_INVALID,
            "sqlSearch",
            format!("`sqlSearch` filters a SQL read; `{}` is not one", op.id),
        );
        return;
    }
    let Some(object) = object else { return };
    if search.table.as_deref().is_some_and(|t| t != object.name) {
        report.add(
            codes::SQL_SEARCH_INVALID,
            "sqlSearch.table",
            format!(
                "`{}` reads `{}`, not `{}`",
                op.id,
                object.name,
                search.table.as_deref().unwrap_or_default()
            ),
        );
    }
    let Some(field) = object.fields.iter().find(|f| f.name == search.column) else {
        let blocked = cx
            .unscoped
            .and_then(|full| full.object(&object.name))
            .is_some_and(|o| o.fields.iter().any(|f| f.name == search.column));
        let code = if blocked {
            codes::BLOCKED_BY_SCOPING
        } else {
            codes::UNKNOWN_FIELD
        };
        report
            .add(
                code,
                "sqlSearch.column",
                format!("`{}` has no column `{}`", object.name, search.column),
            )
            .schema(object.origin.clone());
        return;
    };
    if !leads_index(object, &search.column) {
        let leading: BTreeSet<&str> = object
            .indexes
            .iter()
            .filter(|i| !i.partial && matches!(i.method.as_str(), "btree" | "hash"))
            .filter_map(|i| i.columns.first().map(String::as_str))
            .chain(object.primary_key.first().map(String::as_str))
            .collect();
        report
            .add(
                codes::NOT_LEADING_INDEX,
                "sqlSearch.column",
                format!(
                    "`{}` leads no index of `{}`: the search would scan the whole table",
                    search.column, object.name
                ),
            )
            .schema(field.origin.clone())
            .help(if leading.is_empty() {
                "the table has no equality index to search on".to_owned()
            } else {
                format!(
                    "search on an indexed column: {}",
                    leading.into_iter().collect::<Vec<_>>().join(", ")
                )
            });
        return;
    }
    let Some(arg) = op.arguments.iter().find(|a| a.name == search.column) else {
        let on_column = cx
            .schema
            .operations_of(&object.name)
            .filter(|o| o.class == OperationClass::Read)
            .find(|o| o.arguments.first().is_some_and(|a| a.name == search.column));
        let d = report.add(
            codes::SQL_SEARCH_INVALID,
            "sqlSearch.column",
            format!("`{}` does not filter on `{}`", op.id, search.column),
        );
        if let Some(other) = on_column {
            d.help(format!("bind `{}` instead", other.id));
        }
        return;
    };
    if !bound.insert(arg.name.clone()) {
        report.add(
            codes::DUPLICATE_ARGUMENT,
            "sqlSearch.column",
            format!(
                "`{}` is bound twice (in `inputs` and `sqlSearch`)",
                arg.name
            ),
        );
    }
    let source = ValueSource {
        param: Some(search.param.clone()),
        transform: search.transform.clone(),
        ..ValueSource::default()
    };
    check_source(
        &source,
        &arg.ty,
        "sqlSearch",
        &format!("column `{}`", arg.name),
        &field.origin,
        cx,
        report,
    );
}

fn check_sql_write(
    binding: &Binding,
    op: &Operation,
    object: Option<&Object>,
    cx: &Context<'_>,
    bound: &mut BTreeSet<String>,
    report: &mut Report,
) {
    let Some(write) = &binding.sql_write else {
        return;
    };
    let expected = match (op.transport, op.class) {
        (Transport::NativeSql, OperationClass::Create) => SqlWriteMode::Insert,
        (Transport::NativeSql, OperationClass::Update) => SqlWriteMode::Update,
        _ => {
            report.add(
                codes::SQL_WRITE_INVALID,
                "sqlWrite",
                format!(
                    "`sqlWrite` describes a SQL insert or update; `{}` is not one",
                    op.id
                ),
            );
            return;
        }
    };
    if write.mode != expected {
        report.add(
            codes::SQL_WRITE_INVALID,
            "sqlWrite.mode",
            format!("`{}` is an {:?}, not an {:?}", op.id, expected, write.mode).to_lowercase(),
        );
        return;
    }
    if expected == SqlWriteMode::Insert {
        if write.key_column.is_some() || write.key_param.is_some() {
            report.add(
                codes::SQL_WRITE_INVALID,
                "sqlWrite",
                "an insert takes no key",
            );
        }
        return;
    }
    let (Some(column), Some(param)) = (&write.key_column, &write.key_param) else {
        report
            .add(
                codes::SQL_WRITE_INVALID,
                "sqlWrite",
                "an update needs `keyColumn` and `keyParam`",
            )
            .help("name the unique key column and the parameter that holds the row's key");
        return;
    };
    let Some(object) = object else { return };
    let Some(arg) = op
        .arguments
        .iter()
        .find(|a| &a.name == column && a.required)
    else {
        report
            .add(
                codes::SQL_WRITE_INVALID,
                "sqlWrite.keyColumn",
                format!(
                    "`{}` updates by {}; `{column}` is not its key",
                    op.id,
                    object.primary_key.join(", ")
                ),
            )
            .schema(object.origin.clone());
        return;
    };
    if !bound.insert(arg.name.clone()) {
        report.add(
            codes::DUPLICATE_ARGUMENT,
            "sqlWrite.keyColumn",
            format!("`{}` is bound twice", arg.name),
        );
    }
    let source = ValueSource {
        param: Some(param.clone()),
        transform: write.key_transform.clone(),
        ..ValueSource::default()
    };
    check_source(
        &source,
        &arg.ty,
        "sqlWrite",
        &format!("key `{column}`"),
        &argument_path(op, arg),
        cx,
        report,
    );
}
