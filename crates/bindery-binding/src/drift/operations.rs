//! Operations and their arguments.

use bindery_schema::{ArgLocation, Argument, Operation, OperationClass, Transport};

use super::objects::{diff_enum_values, enum_values, required_word};
use super::{
    argument_path, merge, operation_path, sorted_by_key, Change, ChangeKind, Impact, Side,
};

/// Diffs the operations of two schemas (each list sorted by id, or sorted here).
pub(super) fn diff_operations(old: &[Operation], new: &[Operation], out: &mut Vec<Change>) {
    let old = sorted_by_key(old, |o| o.id.as_str());
    let new = sorted_by_key(new, |o| o.id.as_str());
    merge(
        &old,
        &new,
        |o| o.id.as_str(),
        |side| match side {
            Side::Old(o) => out.push(Change::new(
                ChangeKind::OperationRemoved,
                Impact::Breaking,
                operation_path(&o.id),
                format!("the operation `{}` is gone", o.id),
            )),
            Side::New(o) => out.push(Change::new(
                ChangeKind::OperationAdded,
                Impact::Safe,
                operation_path(&o.id),
                format!("the operation `{}` is new", o.id),
            )),
            Side::Both(a, b) => diff_operation(a, b, out),
        },
    );
}

fn diff_operation(old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let id = new.id.as_str();
    let path = || operation_path(id);
    if old.class != new.class {
        out.push(
            Change::new(
                ChangeKind::OperationClassChanged,
                Impact::Breaking,
                path(),
                format!(
                    "`{id}` was a {} and is now a {}",
                    class_name(old.class),
                    class_name(new.class)
                ),
            )
            .before(class_name(old.class))
            .after(class_name(new.class)),
        );
    }
    if old.transport != new.transport {
        out.push(
            Change::new(
                ChangeKind::OperationTransportChanged,
                Impact::Breaking,
                path(),
                format!(
                    "`{id}` now runs over {} (was {})",
                    transport_name(new.transport),
                    transport_name(old.transport)
                ),
            )
            .before(transport_name(old.transport))
            .after(transport_name(new.transport)),
        );
    }
    if old.http != new.http {
        let route = |op: &Operation| {
            op.http
                .as_ref()
                .map(|h| format!("{} {}", h.method, h.path))
                .unwrap_or_else(|| "none".to_owned())
        };
        let (before, after) = (route(old), route(new));
        out.push(
            Change::new(
                ChangeKind::OperationRouteChanged,
                Impact::Breaking,
                path(),
                format!("`{id}` moved from {before} to {after}"),
            )
            .before(before)
            .after(after),
        );
    }
    if old.input_object != new.input_object {
        let name = |o: &Option<String>| o.clone().unwrap_or_else(|| "none".to_owned());
        out.push(
            Change::new(
                ChangeKind::OperationInputObjectChanged,
                Impact::Breaking,
                path(),
                format!(
                    "`{id}` now takes its input as {} (was {})",
                    name(&new.input_object),
                    name(&old.input_object)
                ),
            )
            .before(name(&old.input_object))
            .after(name(&new.input_object)),
        );
    }
    let returns = |op: &Operation| {
        let label = op
            .returns
            .as_ref()
            .map(|t| t.label())
            .unwrap_or_else(|| "nothing".to_owned());
        match &op.connection {
            Some(c) => format!("{label} (connection {} via {})", c.object, c.path),
            None => label,
        }
    };
    if old.returns != new.returns || old.connection != new.connection {
        let (before, after) = (returns(old), returns(new));
        if before != after {
            out.push(
                Change::new(
                    ChangeKind::OperationReturnsChanged,
                    Impact::Breaking,
                    path(),
                    format!("`{id}` returned {before} and now returns {after}"),
                )
                .before(before)
                .after(after),
            );
        }
    }
    match (&old.index, &new.index) {
        (Some(a), Some(b)) if a != b => out.push(
            Change::new(
                ChangeKind::OperationIndexChanged,
                Impact::Dangerous,
                path(),
                format!("`{id}` is now answered by the index `{b}` (was `{a}`), which may be less selective"),
            )
            .before(a.clone())
            .after(b.clone()),
        ),
        (None, Some(b)) => out.push(
            Change::new(
                ChangeKind::OperationIndexChanged,
                Impact::Safe,
                path(),
                format!("`{id}` is now answered by the index `{b}`"),
            )
            .after(b.clone()),
        ),
        (Some(a), None) => out.push(
            Change::new(
                ChangeKind::OperationIndexRemoved,
                Impact::Dangerous,
                path(),
                format!("no index answers `{id}` any more (was `{a}`): it becomes slow"),
            )
            .before(a.clone()),
        ),
        _ => {}
    }
    if old.deprecated.is_none() {
        if let Some(reason) = &new.deprecated {
            out.push(
                Change::new(
                    ChangeKind::OperationDeprecated,
                    Impact::Safe,
                    path(),
                    format!("`{id}` is deprecated: {reason}"),
                )
                .after(reason.clone()),
            );
        }
    }
    if old.arguments != new.arguments {
        diff_arguments(id, &old.arguments, &new.arguments, out);
    }
}

fn diff_arguments(id: &str, old: &[Argument], new: &[Argument], out: &mut Vec<Change>) {
    let old = sorted_by_key(old, |a| a.name.as_str());
    let new = sorted_by_key(new, |a| a.name.as_str());
    merge(
        &old,
        &new,
        |a| a.name.as_str(),
        |side| match side {
            Side::Old(a) => out.push(
                Change::new(
                    ChangeKind::ArgumentRemoved,
                    Impact::Breaking,
                    argument_path(id, &a.name),
                    format!("`{id}` no longer takes `{}`", a.name),
                )
                .before(a.ty.label()),
            ),
            Side::New(a) if a.required => out.push(
                Change::new(
                    ChangeKind::ArgumentAddedRequired,
                    Impact::Breaking,
                    argument_path(id, &a.name),
                    format!(
                        "`{id}` takes a new required argument `{}`: every binding must bind it",
                        a.name
                    ),
                )
                .after(a.ty.label()),
            ),
            Side::New(a) => out.push(
                Change::new(
                    ChangeKind::ArgumentAddedOptional,
                    Impact::Safe,
                    argument_path(id, &a.name),
                    format!("`{id}` takes a new optional argument `{}`", a.name),
                )
                .after(a.ty.label()),
            ),
            Side::Both(a, b) => diff_argument(id, a, b, out),
        },
    );
}

fn diff_argument(id: &str, old: &Argument, new: &Argument, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let name = new.name.as_str();
    let path = || argument_path(id, name);
    let (old_label, new_label) = (old.ty.label(), new.ty.label());
    if old_label != new_label {
        out.push(
            Change::new(
                ChangeKind::ArgumentRetyped,
                Impact::Breaking,
                path(),
                format!("`{id}`'s argument `{name}` was {old_label} and is now {new_label}"),
            )
            .before(old_label)
            .after(new_label),
        );
    } else if let (Some(a), Some(b)) = (enum_values(&old.ty), enum_values(&new.ty)) {
        if a != b {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let b: Vec<&str> = b.iter().map(String::as_str).collect();
            diff_enum_values(&path(), &a, &b, out);
        }
    }
    if old.required != new.required {
        out.push(
            if new.required {
                Change::new(
                    ChangeKind::ArgumentBecameRequired,
                    Impact::Breaking,
                    path(),
                    format!(
                        "`{id}`'s argument `{name}` is now required: every binding must bind it"
                    ),
                )
            } else {
                Change::new(
                    ChangeKind::ArgumentBecameOptional,
                    Impact::Safe,
                    path(),
                    format!("`{id}`'s argument `{name}` is no longer required"),
                )
            }
            .before(required_word(old.required))
            .after(required_word(new.required)),
        );
    }
    if old.location != new.location {
        out.push(
            Change::new(
                ChangeKind::ArgumentLocationChanged,
                Impact::Breaking,
                path(),
                format!(
                    "`{id}`'s argument `{name}` moved from the {} to the {}",
                    location_name(old.location),
                    location_name(new.location)
                ),
            )
            .before(location_name(old.location))
            .after(location_name(new.location)),
        );
    }
    if old.leading_index && !new.leading_index {
        out.push(Change::new(
            ChangeKind::ArgumentIndexLost,
            Impact::Dangerous,
            path(),
            format!("`{id}`'s argument `{name}` no longer leads an index: filtering on it is slow"),
        ));
    }
}

fn class_name(class: OperationClass) -> &'static str {
    match class {
        OperationClass::Read => "read",
        OperationClass::Create => "create",
        OperationClass::Update => "update",
        OperationClass::Delete => "delete",
    }
}

fn transport_name(transport: Transport) -> &'static str {
    match transport {
        Transport::NativeRest => "native_rest",
        Transport::NativeGraphql => "native_graphql",
        Transport::NativeSql => "native_sql",
        Transport::HttpWebhook => "http_webhook",
    }
}

fn location_name(location: ArgLocation) -> &'static str {
    match location {
        ArgLocation::Path => "path",
        ArgLocation::Query => "query",
        ArgLocation::Header => "header",
        ArgLocation::Cookie => "cookie",
        ArgLocation::Body => "body",
        ArgLocation::Variable => "variable",
        ArgLocation::Column => "column",
    }
}
