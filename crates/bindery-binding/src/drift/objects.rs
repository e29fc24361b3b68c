//! Objects, their fields and enumerations, and the edges between objects.

use bindery_schema::pii::PiiClass;
use bindery_schema::{Cardinality, Edge, Field, FieldType, Object, ObjectKind};

use super::{edge_path, field_path, merge, sorted_by_key, Change, ChangeKind, Impact, Side};

/// Diffs the objects of two schemas (each list sorted by name, or sorted here).
pub(super) fn diff_objects(old: &[Object], new: &[Object], out: &mut Vec<Change>) {
    let old = sorted_by_key(old, |o| o.name.as_str());
    let new = sorted_by_key(new, |o| o.name.as_str());
    merge(
        &old,
        &new,
        |o| o.name.as_str(),
        |side| match side {
            Side::Old(o) => out.push(Change::new(
                ChangeKind::ObjectRemoved,
                Impact::Breaking,
                o.name.clone(),
                format!("`{}` is gone", o.name),
            )),
            Side::New(o) => out.push(Change::new(
                ChangeKind::ObjectAdded,
                Impact::Safe,
                o.name.clone(),
                format!("`{}` is new", o.name),
            )),
            Side::Both(a, b) => diff_object(a, b, out),
        },
    );
}

fn diff_object(old: &Object, new: &Object, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    if old.kind != new.kind {
        out.push(
            Change::new(
                ChangeKind::ObjectKindChanged,
                Impact::Dangerous,
                new.name.clone(),
                format!(
                    "`{}` was a {} and is now a {}",
                    new.name,
                    kind_name(old.kind),
                    kind_name(new.kind)
                ),
            )
            .before(kind_name(old.kind))
            .after(kind_name(new.kind)),
        );
    }
    if old.enum_values != new.enum_values {
        let old_values: Vec<&str> = old.enum_values.iter().map(|v| v.name.as_str()).collect();
        let new_values: Vec<&str> = new.enum_values.iter().map(|v| v.name.as_str()).collect();
        diff_enum_values(&new.name, &old_values, &new_values, out);
    }
    if old.fields == new.fields {
        return;
    }
    // A new required field is one more value every write into an input object must supply.
    let input = new.kind == ObjectKind::Input;
    let old_fields = sorted_by_key(&old.fields, |f| f.name.as_str());
    let new_fields = sorted_by_key(&new.fields, |f| f.name.as_str());
    merge(
        &old_fields,
        &new_fields,
        |f| f.name.as_str(),
        |side| match side {
            Side::Old(f) => out.push(
                Change::new(
                    ChangeKind::FieldRemoved,
                    Impact::Breaking,
                    field_path(&new.name, &f.name),
                    format!("`{}.{}` is gone", new.name, f.name),
                )
                .before(f.ty.label()),
            ),
            Side::New(f) => {
                let (impact, message) = if input && f.required {
                    (
                        Impact::Breaking,
                        format!(
                            "`{}.{}` is new and required: every write must now supply it",
                            new.name, f.name
                        ),
                    )
                } else {
                    (Impact::Safe, format!("`{}.{}` is new", new.name, f.name))
                };
                out.push(
                    Change::new(
                        ChangeKind::FieldAdded,
                        impact,
                        field_path(&new.name, &f.name),
                        message,
                    )
                    .after(f.ty.label()),
                );
            }
            Side::Both(a, b) => diff_field(&new.name, input, a, b, out),
        },
    );
}

fn diff_field(object: &str, input: bool, old: &Field, new: &Field, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let path = || field_path(object, &new.name);
    let (old_label, new_label) = (old.ty.label(), new.ty.label());
    if old_label != new_label {
        out.push(
            Change::new(
                ChangeKind::FieldRetyped,
                Impact::Breaking,
                path(),
                format!(
                    "`{object}.{}` was {old_label} and is now {new_label}",
                    new.name
                ),
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
                let impact = if input {
                    Impact::Breaking
                } else {
                    Impact::Dangerous
                };
                Change::new(
                    ChangeKind::FieldBecameRequired,
                    impact,
                    path(),
                    format!("`{object}.{}` is now required", new.name),
                )
            } else {
                Change::new(
                    ChangeKind::FieldBecameOptional,
                    Impact::Safe,
                    path(),
                    format!("`{object}.{}` is no longer required", new.name),
                )
            }
            .before(required_word(old.required))
            .after(required_word(new.required)),
        );
    }
    if old.nullable != new.nullable {
        out.push(
            if new.nullable {
                Change::new(
                    ChangeKind::FieldBecameNullable,
                    Impact::Safe,
                    path(),
                    format!("`{object}.{}` may now be null", new.name),
                )
            } else {
                Change::new(
                    ChangeKind::FieldBecameNonNull,
                    Impact::Dangerous,
                    path(),
                    format!(
                        "`{object}.{}` may no longer be null: writes of null are refused",
                        new.name
                    ),
                )
            }
            .before(nullable_word(old.nullable))
            .after(nullable_word(new.nullable)),
        );
    }
    if old.pii != new.pii {
        out.push(
            Change::new(
                ChangeKind::FieldPiiChanged,
                Impact::Dangerous,
                path(),
                format!(
                    "`{object}.{}` is now classed {} (was {}): check where it goes",
                    new.name,
                    pii_name(new.pii),
                    pii_name(old.pii)
                ),
            )
            .before(pii_name(old.pii))
            .after(pii_name(new.pii)),
        );
    }
    if old.sensitive != new.sensitive {
        let (impact, message) = if new.sensitive {
            (
                Impact::Dangerous,
                format!(
                    "`{object}.{}` is now sensitive: it needs a recorded override to be sent",
                    new.name
                ),
            )
        } else {
            (
                Impact::Safe,
                format!("`{object}.{}` is no longer sensitive", new.name),
            )
        };
        out.push(
            Change::new(ChangeKind::FieldSensitiveChanged, impact, path(), message)
                .before(sensitive_word(old.sensitive))
                .after(sensitive_word(new.sensitive)),
        );
    }
    if old.deprecated.is_none() {
        if let Some(reason) = &new.deprecated {
            out.push(
                Change::new(
                    ChangeKind::FieldDeprecated,
                    Impact::Safe,
                    path(),
                    format!("`{object}.{}` is deprecated: {reason}", new.name),
                )
                .after(reason.clone()),
            );
        }
    }
}

/// The allowed values of an enumeration type, through list wrappers.
pub(super) fn enum_values(ty: &FieldType) -> Option<&[String]> {
    match ty {
        FieldType::Enum { values } => Some(values),
        FieldType::List { of } => enum_values(of),
        _ => None,
    }
}

/// Reports values removed from (dangerous) and added to (safe) an enumeration at `path`, in
/// value order.
pub(super) fn diff_enum_values(path: &str, old: &[&str], new: &[&str], out: &mut Vec<Change>) {
    let mut old = old.to_vec();
    let mut new = new.to_vec();
    old.sort_unstable();
    old.dedup();
    new.sort_unstable();
    new.dedup();
    let old: Vec<&&str> = old.iter().collect();
    let new: Vec<&&str> = new.iter().collect();
    merge(
        &old,
        &new,
        |v| *v,
        |side| match side {
            Side::Old(v) => out.push(
                Change::new(
                    ChangeKind::EnumValueRemoved,
                    Impact::Dangerous,
                    path.to_owned(),
                    format!("`{path}` no longer accepts `{v}`"),
                )
                .before(*v),
            ),
            Side::New(v) => out.push(
                Change::new(
                    ChangeKind::EnumValueAdded,
                    Impact::Safe,
                    path.to_owned(),
                    format!("`{path}` accepts a new value `{v}`"),
                )
                .after(*v),
            ),
            Side::Both(..) => {}
        },
    );
}

/// The identity of an edge: its path's parts, in the schema's sort order.
fn edge_key(edge: &Edge) -> (&str, &[String], &str) {
    (&edge.from.object, &edge.from.fields, &edge.to.object)
}

/// Diffs the edges of two schemas by (from object, from fields, to object). Several edges with
/// one key (the same key pair to different target columns) count as the first of them.
pub(super) fn diff_edges(old: &[Edge], new: &[Edge], out: &mut Vec<Change>) {
    let mut old = sorted_by_key(old, edge_key);
    let mut new = sorted_by_key(new, edge_key);
    old.dedup_by(|a, b| edge_key(a) == edge_key(b));
    new.dedup_by(|a, b| edge_key(a) == edge_key(b));
    merge(&old, &new, edge_key, |side| match side {
        Side::Old(e) => {
            let path = edge_path(e);
            let (impact, message) = if e.joinable {
                (
                    Impact::Breaking,
                    format!("{} is gone: joins along it fail", describe_edge(e)),
                )
            } else {
                (Impact::Safe, format!("{} is gone", describe_edge(e)))
            };
            out.push(Change::new(ChangeKind::EdgeRemoved, impact, path, message));
        }
        Side::New(e) => out.push(Change::new(
            ChangeKind::EdgeAdded,
            Impact::Safe,
            edge_path(e),
            format!("{} is new", describe_edge(e)),
        )),
        Side::Both(a, b) => {
            if a.joinable != b.joinable {
                let (impact, message) = if b.joinable {
                    (
                        Impact::Safe,
                        format!("{} is now joinable in one hop", describe_edge(b)),
                    )
                } else {
                    (
                        Impact::Breaking,
                        format!("{} is no longer joinable in one hop", describe_edge(b)),
                    )
                };
                out.push(
                    Change::new(
                        ChangeKind::EdgeJoinableChanged,
                        impact,
                        edge_path(b),
                        message,
                    )
                    .before(joinable_word(a.joinable))
                    .after(joinable_word(b.joinable)),
                );
            }
            if a.cardinality != b.cardinality {
                out.push(
                    Change::new(
                        ChangeKind::EdgeCardinalityChanged,
                        Impact::Dangerous,
                        edge_path(b),
                        format!(
                            "{} now reaches {} (was {})",
                            describe_edge(b),
                            cardinality_word(b.cardinality),
                            cardinality_word(a.cardinality)
                        ),
                    )
                    .before(cardinality_word(a.cardinality))
                    .after(cardinality_word(b.cardinality)),
                );
            }
        }
    });
}

fn describe_edge(edge: &Edge) -> String {
    format!(
        "the relationship from `{}({})` to `{}`",
        edge.from.object,
        edge.from.fields.join(", "),
        edge.to.object
    )
}

fn kind_name(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Table => "table",
        ObjectKind::View => "view",
        ObjectKind::MaterializedView => "materialized view",
        ObjectKind::Resource => "resource",
        ObjectKind::Type => "type",
        ObjectKind::Input => "input",
        ObjectKind::Interface => "interface",
        ObjectKind::Union => "union",
        ObjectKind::Enum => "enum",
    }
}

/// The wire name of a PII class.
fn pii_name(class: PiiClass) -> &'static str {
    match class {
        PiiClass::None => "none",
        PiiClass::Contact => "contact",
        PiiClass::Address => "address",
        PiiClass::GovernmentId => "government_id",
        PiiClass::Financial => "financial",
        PiiClass::Health => "health",
        PiiClass::Credential => "credential",
        PiiClass::Dob => "dob",
    }
}

pub(super) fn required_word(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

fn nullable_word(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "non-null"
    }
}

fn sensitive_word(sensitive: bool) -> &'static str {
    if sensitive {
        "sensitive"
    } else {
        "not sensitive"
    }
}

fn joinable_word(joinable: bool) -> &'static str {
    if joinable {
        "joinable"
    } else {
        "not joinable"
    }
}

fn cardinality_word(cardinality: Cardinality) -> &'static str {
    match cardinality {
        Cardinality::One => "one",
        Cardinality::Many => "many",
    }
}
