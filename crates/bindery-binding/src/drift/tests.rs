//! Unit tests of `diff`: every change kind with its impact, and determinism.

use bindery_schema::pii::PiiClass;
use bindery_schema::{
    ArgLocation, Argument, Cardinality, Field, FieldType, HttpRoute, Object, ObjectKind,
    OperationClass, Scalar, Schema, Transport,
};

use super::fixtures::{arg_mut, column, field_mut, foreign_key, object_mut, op_mut, shop, table};
use super::{diff, Change, ChangeKind, Impact};

/// The one change of `kind` at `path`.
fn one<'c>(changes: &'c [Change], kind: ChangeKind, path: &str) -> &'c Change {
    let found: Vec<&Change> = changes
        .iter()
        .filter(|c| c.kind == kind && c.path == path)
        .collect();
    assert_eq!(found.len(), 1, "one {kind:?} at `{path}` in {changes:#?}");
    found.into_iter().next().expect("checked above")
}

/// Applies `edit` to a copy of the shop schema and checks that the diff is exactly `expected`
/// (kind, path, impact), in order.
fn check(edit: impl FnOnce(&mut Schema), expected: &[(ChangeKind, &str, Impact)]) -> Vec<Change> {
    let old = shop();
    let mut new = old.clone();
    edit(&mut new);
    let changes = diff(&old, &new);
    let got: Vec<(ChangeKind, &str, Impact)> = changes
        .iter()
        .map(|c| (c.kind, c.path.as_str(), c.impact))
        .collect();
    assert_eq!(
        got, expected,
        "the diff lists exactly these changes: {changes:#?}"
    );
    for change in &changes {
        assert!(
            !change.message.is_empty(),
            "{change:?} has a message for a person"
        );
    }
    changes
}

#[test]
fn identical_schemas_have_no_change() {
    assert!(
        diff(&shop(), &shop()).is_empty(),
        "the same schema twice differs in nothing"
    );
    let mut described = shop();
    object_mut(&mut described, "customers").description = Some("People who buy".to_owned());
    field_mut(&mut described, "customers", "name").description = Some("Full name".to_owned());
    assert!(
        diff(&shop(), &described).is_empty(),
        "descriptions do not matter to bindings"
    );
}

#[test]
fn objects_removed_added_and_rekinded() {
    use ChangeKind::*;
    let notes = "sql:select:notes.by_id";
    check(
        |s| {
            s.objects.retain(|o| o.name != "notes");
            s.operations
                .retain(|o| o.object.as_deref() != Some("notes"));
            s.objects
                .push(table("visits", vec![column("id", Scalar::Integer, true)]));
            s.objects.sort_by(|a, b| a.name.cmp(&b.name));
            object_mut(s, "orders").kind = ObjectKind::View;
        },
        &[
            (ObjectRemoved, "notes", Impact::Breaking),
            (ObjectKindChanged, "orders", Impact::Dangerous),
            (ObjectAdded, "visits", Impact::Safe),
            (
                OperationRemoved,
                "operation:sql:insert:notes",
                Impact::Breaking,
            ),
            (
                OperationRemoved,
                &format!("operation:{notes}"),
                Impact::Breaking,
            ),
            (
                OperationRemoved,
                "operation:sql:update:notes.by_id",
                Impact::Breaking,
            ),
        ],
    );
}

#[test]
fn field_changes_and_their_impact() {
    use ChangeKind::*;
    let changes = check(
        |s| {
            let customers = object_mut(s, "customers");
            customers.fields.retain(|f| f.name != "email");
            customers
                .fields
                .push(column("mobile", Scalar::String, false));
            field_mut(s, "customers", "name").ty = FieldType::scalar(Scalar::Json);
            let phone = field_mut(s, "customers", "phone");
            phone.required = false;
            phone.nullable = true;
            phone.pii = PiiClass::None;
            let total = field_mut(s, "orders", "total");
            total.required = true;
            total.nullable = false;
            total.sensitive = true;
            total.deprecated = Some("use amount".to_owned());
            field_mut(s, "orders", "status").ty = FieldType::Enum {
                values: vec!["open".to_owned(), "paid".to_owned(), "refunded".to_owned()],
            };
        },
        &[
            (FieldRemoved, "customers.email", Impact::Breaking),
            (FieldAdded, "customers.mobile", Impact::Safe),
            (FieldRetyped, "customers.name", Impact::Breaking),
            (FieldBecameOptional, "customers.phone", Impact::Safe),
            (FieldBecameNullable, "customers.phone", Impact::Safe),
            (FieldPiiChanged, "customers.phone", Impact::Dangerous),
            (EnumValueAdded, "orders.status", Impact::Safe),
            (EnumValueRemoved, "orders.status", Impact::Dangerous),
            (FieldBecameRequired, "orders.total", Impact::Dangerous),
            (FieldBecameNonNull, "orders.total", Impact::Dangerous),
            (FieldSensitiveChanged, "orders.total", Impact::Dangerous),
            (FieldDeprecated, "orders.total", Impact::Safe),
        ],
    );
    let retyped = one(&changes, FieldRetyped, "customers.name");
    assert_eq!(
        (retyped.before.as_deref(), retyped.after.as_deref()),
        (Some("string"), Some("json")),
        "a retype says both labels"
    );
    let removed = one(&changes, EnumValueRemoved, "orders.status");
    assert_eq!(
        removed.before.as_deref(),
        Some("void"),
        "the removed value is named"
    );
    let pii = one(&changes, FieldPiiChanged, "customers.phone");
    assert_eq!(
        (pii.before.as_deref(), pii.after.as_deref()),
        (Some("contact"), Some("none")),
        "PII classes use their wire names"
    );
}

#[test]
fn required_fields_of_input_objects_break_writes() {
    use ChangeKind::*;
    let input = |fields: Vec<Field>| Object {
        kind: ObjectKind::Input,
        ..table("CustomerInput", fields)
    };
    let old = Schema::finish(
        shop().source,
        vec![input(vec![
            column("name", Scalar::String, true),
            column("email", Scalar::String, false),
        ])],
        Vec::new(),
        Vec::new(),
    );
    let new = Schema::finish(
        shop().source,
        vec![input(vec![
            column("name", Scalar::String, true),
            column("email", Scalar::String, true),
            column("phone", Scalar::String, true),
            column("notes", Scalar::String, false),
        ])],
        Vec::new(),
        Vec::new(),
    );
    let changes = diff(&old, &new);
    let got: Vec<(ChangeKind, &str, Impact)> = changes
        .iter()
        .map(|c| (c.kind, c.path.as_str(), c.impact))
        .collect();
    assert_eq!(
        got,
        vec![
            (FieldBecameRequired, "CustomerInput.email", Impact::Breaking),
            (FieldBecameNonNull, "CustomerInput.email", Impact::Dangerous),
            (FieldAdded, "CustomerInput.notes", Impact::Safe),
            (FieldAdded, "CustomerInput.phone", Impact::Breaking),
        ],
        "an input object's new or newly required field must be supplied by every write"
    );
}

#[test]
fn operation_changes_and_their_impact() {
    use ChangeKind::*;
    let select = "sql:select:customers.by_id";
    let list = "sql:list:customers.by_phone";
    let insert = "sql:insert:orders";
    check(
        |s| {
            s.operations.retain(|o| o.id != "sql:update:notes.by_id");
            let mut added = op_mut(s, "sql:select:notes.by_id").clone();
            added.id = "sql:select:notes.by_body".to_owned();
            s.operations.push(added);
            s.operations.sort_by(|a, b| a.id.cmp(&b.id));
            op_mut(s, select).class = OperationClass::Delete;
            op_mut(s, select).index = None;
            op_mut(s, select).deprecated = Some("gone soon".to_owned());
            op_mut(s, list).returns = Some(FieldType::Object {
                object: "customers".to_owned(),
            });
            op_mut(s, list).index = Some("customers_phone_email_idx".to_owned());
            arg_mut(s, list, "phone").leading_index = false;
            arg_mut(s, list, "phone").location = ArgLocation::Query;
            let order = op_mut(s, insert);
            order.arguments.retain(|a| a.name != "total");
            order.arguments.push(Argument {
                name: "currency".to_owned(),
                ..order.arguments[0].clone()
            });
            order.arguments.push(Argument {
                name: "memo".to_owned(),
                required: false,
                ..order.arguments[0].clone()
            });
            arg_mut(s, insert, "customer_id").ty = FieldType::scalar(Scalar::String);
            arg_mut(s, insert, "status").required = true;
            arg_mut(s, "sql:update:orders.by_id", "id").required = false;
            let route = op_mut(s, "sql:select:orders.by_id");
            route.transport = Transport::NativeRest;
            route.http = Some(HttpRoute {
                method: "GET".to_owned(),
                path: "/orders/{id}".to_owned(),
                body_media_type: None,
            });
            route.input_object = Some("orders".to_owned());
        },
        &[
            (
                ArgumentAddedRequired,
                "operation:sql:insert:orders.currency",
                Impact::Breaking,
            ),
            (
                ArgumentRetyped,
                "operation:sql:insert:orders.customer_id",
                Impact::Breaking,
            ),
            (
                ArgumentAddedOptional,
                "operation:sql:insert:orders.memo",
                Impact::Safe,
            ),
            (
                ArgumentBecameRequired,
                "operation:sql:insert:orders.status",
                Impact::Breaking,
            ),
            (
                ArgumentRemoved,
                "operation:sql:insert:orders.total",
                Impact::Breaking,
            ),
            (
                OperationReturnsChanged,
                "operation:sql:list:customers.by_phone",
                Impact::Breaking,
            ),
            (
                OperationIndexChanged,
                "operation:sql:list:customers.by_phone",
                Impact::Dangerous,
            ),
            (
                ArgumentLocationChanged,
                "operation:sql:list:customers.by_phone.phone",
                Impact::Breaking,
            ),
            (
                ArgumentIndexLost,
                "operation:sql:list:customers.by_phone.phone",
                Impact::Dangerous,
            ),
            (
                OperationClassChanged,
                "operation:sql:select:customers.by_id",
                Impact::Breaking,
            ),
            (
                OperationIndexRemoved,
                "operation:sql:select:customers.by_id",
                Impact::Dangerous,
            ),
            (
                OperationDeprecated,
                "operation:sql:select:customers.by_id",
                Impact::Safe,
            ),
            (
                OperationAdded,
                "operation:sql:select:notes.by_body",
                Impact::Safe,
            ),
            (
                OperationTransportChanged,
                "operation:sql:select:orders.by_id",
                Impact::Breaking,
            ),
            (
                OperationRouteChanged,
                "operation:sql:select:orders.by_id",
                Impact::Breaking,
            ),
            (
                OperationInputObjectChanged,
                "operation:sql:select:orders.by_id",
                Impact::Breaking,
            ),
            (
                OperationRemoved,
                "operation:sql:update:notes.by_id",
                Impact::Breaking,
            ),
            (
                ArgumentBecameOptional,
                "operation:sql:update:orders.by_id.id",
                Impact::Safe,
            ),
        ],
    );
}

#[test]
fn argument_enum_values_are_diffed() {
    use ChangeKind::*;
    let id = "sql:insert:orders";
    check(
        |s| {
            arg_mut(s, id, "status").ty = FieldType::Enum {
                values: vec!["open".to_owned(), "paid".to_owned()],
            };
        },
        &[(
            EnumValueRemoved,
            "operation:sql:insert:orders.status",
            Impact::Dangerous,
        )],
    );
}

#[test]
fn edge_changes_and_their_impact() {
    use ChangeKind::*;
    let path = "edge:orders(customer_id)->customers";
    check(
        |s| s.edges.clear(),
        &[(EdgeRemoved, path, Impact::Breaking)],
    );
    check(
        |s| {
            if let Some(edge) = s.edges.first_mut() {
                edge.joinable = false;
                edge.cardinality = Cardinality::Many;
            }
            s.edges
                .push(foreign_key("notes", "customer_id", "customers"));
        },
        &[
            (
                EdgeAdded,
                "edge:notes(customer_id)->customers",
                Impact::Safe,
            ),
            (EdgeJoinableChanged, path, Impact::Breaking),
            (EdgeCardinalityChanged, path, Impact::Dangerous),
        ],
    );
    let mut inferred = shop();
    if let Some(edge) = inferred.edges.first_mut() {
        edge.joinable = false;
    }
    let mut none = inferred.clone();
    none.edges.clear();
    let changes = diff(&inferred, &none);
    assert_eq!(
        changes
            .iter()
            .map(|c| (c.kind, c.impact))
            .collect::<Vec<_>>(),
        vec![(EdgeRemoved, Impact::Safe)],
        "a relationship no join can follow goes away safely"
    );
}

#[test]
fn enum_objects_report_their_values() {
    use ChangeKind::*;
    let status = |values: &[&str]| Object {
        kind: ObjectKind::Enum,
        enum_values: values
            .iter()
            .map(|v| bindery_schema::EnumValue {
                name: (*v).to_owned(),
                description: None,
                deprecated: None,
            })
            .collect(),
        ..table("Status", Vec::new())
    };
    let old = Schema::finish(
        shop().source,
        vec![status(&["A", "B"])],
        Vec::new(),
        Vec::new(),
    );
    let new = Schema::finish(
        shop().source,
        vec![status(&["B", "C"])],
        Vec::new(),
        Vec::new(),
    );
    let got: Vec<(ChangeKind, Option<String>, Option<String>)> = diff(&old, &new)
        .into_iter()
        .map(|c| (c.kind, c.before, c.after))
        .collect();
    assert_eq!(
        got,
        vec![
            (EnumValueRemoved, Some("A".to_owned()), None),
            (EnumValueAdded, None, Some("C".to_owned())),
        ],
        "an enum object's values are diffed in value order"
    );
}

#[test]
fn the_diff_is_deterministic_and_ignores_input_order() {
    let old = shop();
    let mut new = shop();
    new.objects.retain(|o| o.name != "notes");
    object_mut(&mut new, "customers")
        .fields
        .push(column("mobile", Scalar::String, true));
    new.edges.clear();
    let first = diff(&old, &new);
    assert_eq!(
        first,
        diff(&old, &new),
        "the same inputs give the same changes"
    );

    // A hand-built schema whose lists are out of order diffs the same.
    let mut shuffled_old = old.clone();
    let mut shuffled_new = new.clone();
    for s in [&mut shuffled_old, &mut shuffled_new] {
        s.objects.reverse();
        s.operations.reverse();
        for o in &mut s.objects {
            o.fields.reverse();
        }
    }
    assert_eq!(
        first,
        diff(&shuffled_old, &shuffled_new),
        "the order of the schema's lists does not change the diff"
    );
    let json = serde_json::to_value(&first).expect("changes serialize");
    assert_eq!(
        json.get(0),
        Some(&serde_json::json!({
            "kind": "fieldAdded",
            "impact": "safe",
            "path": "customers.mobile",
            "message": "`customers.mobile` is new",
            "after": "string",
        })),
        "changes serialize in camelCase with a lower-case impact"
    );
}
