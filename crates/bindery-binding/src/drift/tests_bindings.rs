//! Unit tests of `dependencies` and `breaking_for` (which bindings each change breaks) and of
//! the report.

use std::collections::BTreeSet;

use bindery_schema::{
    ArgLocation, Argument, FieldType, Object, ObjectKind, Operation, OperationClass, Scalar,
    Schema, Transport,
};

use bindery_schema::pii::PiiClass;

use super::fixtures::{column, field_mut, object_mut, shop, sql_ops, table};
use super::{
    breaking_for, dangerous_for, dependencies, diff, touching, Change, ChangeKind, DriftReport,
    Impact,
};
use crate::Binding;

fn binding(json: serde_json::Value) -> Binding {
    serde_json::from_value(json).expect("the test binding is well formed")
}

/// Looks the caller up by phone (list by a leading-index column).
fn lookup_caller() -> Binding {
    binding(serde_json::json!({
        "toolName": "lookup_caller",
        "operation": "sql:list:customers.by_phone",
        "inputs": [{"arg": "phone", "param": "caller_phone"}],
        "projection": [{"path": ["[first]", "name"], "leaf": "caller_name"}],
        "sqlSearch": {"column": "phone", "param": "caller_phone"},
    }))
}

/// Reads a note by id.
fn read_note() -> Binding {
    binding(serde_json::json!({
        "toolName": "read_note",
        "operation": "sql:select:notes.by_id",
        "inputs": [{"arg": "id", "param": "note_id"}],
        "projection": [{"path": ["body"], "leaf": "note"}],
    }))
}

/// Inserts an order.
fn add_order() -> Binding {
    binding(serde_json::json!({
        "toolName": "add_order",
        "operation": "sql:insert:orders",
        "isWrite": true,
        "sqlWrite": {"mode": "insert"},
        "inputObjectMap": [
            {"field": "customer_id", "param": "customer_id"},
            {"field": "total", "param": "amount"},
        ],
    }))
}

/// Reads an order and, through its foreign key, the customer's name.
fn order_status() -> Binding {
    binding(serde_json::json!({
        "toolName": "order_status",
        "operation": "sql:select:orders.by_id",
        "inputs": [{"arg": "id", "param": "order_id"}],
        "projection": [
            {"path": ["customer_id", "name"], "leaf": "customer_name"},
            {"path": ["total"], "leaf": "total"},
        ],
    }))
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| (*p).to_owned()).collect()
}

fn kinds(changes: &[&Change]) -> Vec<(ChangeKind, String)> {
    changes.iter().map(|c| (c.kind, c.path.clone())).collect()
}

/// The shop after a re-discovery: `customers.phone` renamed to `mobile`, `notes` dropped, a
/// NOT NULL column `priority` added to `orders`, with the operations SQL discovery derives.
fn rediscovered() -> Schema {
    let mut s = shop();
    let customers = object_mut(&mut s, "customers");
    for field in &mut customers.fields {
        if field.name == "phone" {
            field.name = "mobile".to_owned();
        }
    }
    s.objects.retain(|o| o.name != "notes");
    object_mut(&mut s, "orders")
        .fields
        .push(column("priority", Scalar::Integer, true));
    let mut operations = Vec::new();
    for object in &s.objects {
        let list: &[&str] = match object.name.as_str() {
            "customers" => &["mobile"],
            "orders" => &["customer_id"],
            _ => &[],
        };
        operations.extend(sql_ops(object, list));
    }
    Schema::finish(s.source, s.objects, s.edges, operations)
}

#[test]
fn dependencies_follow_arguments_fields_and_joins() {
    let old = shop();
    assert_eq!(
        dependencies(&lookup_caller(), &old),
        set(&[
            "customers.name",
            "customers.phone",
            "operation:sql:list:customers.by_phone",
            "operation:sql:list:customers.by_phone.phone",
        ]),
        "the operation, its argument, the projected column and the search column"
    );
    assert_eq!(
        dependencies(&add_order(), &old),
        set(&[
            "operation:sql:insert:orders",
            "operation:sql:insert:orders.customer_id",
            "orders",
            "orders.customer_id",
            "orders.total",
        ]),
        "a write depends on its required arguments, its input object and the mapped columns"
    );
    assert_eq!(
        dependencies(&order_status(), &old),
        set(&[
            "customers.name",
            "edge:orders(customer_id)->customers",
            "operation:sql:select:orders.by_id",
            "operation:sql:select:orders.by_id.id",
            "orders.customer_id",
            "orders.total",
        ]),
        "a [foreign_key, column] path goes through the foreign key to the joined column"
    );
}

#[test]
fn unresolvable_paths_are_recorded_as_far_as_they_go() {
    let old = shop();
    let unknown_op = binding(serde_json::json!({
        "toolName": "ghost",
        "operation": "sql:select:ghosts.by_id",
        "inputs": [{"arg": "id", "param": "x"}],
        "projection": [{"path": ["name"], "leaf": "name"}],
        "sqlSearch": {"table": "ghosts", "column": "id", "param": "x"},
    }));
    assert_eq!(
        dependencies(&unknown_op, &old),
        set(&[
            "ghosts.id",
            "operation:sql:select:ghosts.by_id",
            "operation:sql:select:ghosts.by_id.id",
        ]),
        "an unknown operation still depends on its id, bound arguments and named table"
    );
    let unknown_field = binding(serde_json::json!({
        "toolName": "bad",
        "operation": "sql:select:orders.by_id",
        "inputs": [{"arg": "id", "param": "order_id"}],
        "projection": [
            {"path": ["nope", "name"], "leaf": "a"},
            {"path": ["total", "more"], "leaf": "b"},
            {"path": ["bad[", "x"], "leaf": "c"},
        ],
    }));
    assert_eq!(
        dependencies(&unknown_field, &old),
        set(&[
            "operation:sql:select:orders.by_id",
            "operation:sql:select:orders.by_id.id",
            "orders.nope",
            "orders.total",
        ]),
        "the walk records the first unknown field and stops; a bad segment stops it too"
    );
}

#[test]
fn breaking_for_picks_exactly_the_bindings_hit() {
    let old = shop();
    let new = rediscovered();
    let report = DriftReport::new(&old, &new);
    let hit = |b: &Binding| kinds(&report.breaking_for(&dependencies(b, &old)));

    assert_eq!(
        hit(&lookup_caller()),
        vec![
            (ChangeKind::FieldRemoved, "customers.phone".to_owned()),
            (
                ChangeKind::OperationRemoved,
                "operation:sql:list:customers.by_phone".to_owned()
            ),
        ],
        "the renamed column breaks the lookup by phone"
    );
    assert_eq!(
        hit(&read_note()),
        vec![
            (ChangeKind::ObjectRemoved, "notes".to_owned()),
            (
                ChangeKind::OperationRemoved,
                "operation:sql:select:notes.by_id".to_owned()
            ),
        ],
        "the dropped table breaks the note reader"
    );
    assert_eq!(
        hit(&add_order()),
        vec![(
            ChangeKind::ArgumentAddedRequired,
            "operation:sql:insert:orders.priority".to_owned()
        )],
        "the new NOT NULL column breaks the insert, through its new required argument"
    );
    assert_eq!(
        hit(&order_status()),
        Vec::<(ChangeKind, String)>::new(),
        "reading the same table and joining the renamed table's other column is untouched"
    );
    // The safe additions still show as touching the insert (its input object grew).
    let touched = touching(&report.changes, &dependencies(&add_order(), &old));
    assert!(
        touched
            .iter()
            .any(|c| c.kind == ChangeKind::FieldAdded && c.path == "orders.priority"),
        "the new column touches the insert's input object: {touched:#?}"
    );
}

#[test]
fn dangerous_changes_are_reported_apart() {
    let old = shop();
    let mut new = shop();
    for field in &mut object_mut(&mut new, "customers").fields {
        if field.name == "name" {
            field.pii = PiiClass::Health;
        }
    }
    let changes = diff(&old, &new);
    let deps = dependencies(&lookup_caller(), &old);
    assert!(breaking_for(&changes, &deps).is_empty(), "nothing breaks");
    assert_eq!(
        kinds(&dangerous_for(&changes, &deps)),
        vec![(ChangeKind::FieldPiiChanged, "customers.name".to_owned())],
        "the projected column's new PII class is dangerous for the lookup"
    );
    assert!(
        dangerous_for(&changes, &dependencies(&order_status(), &old)).len() == 1,
        "the join to customers.name is touched too"
    );
    assert!(
        dangerous_for(&changes, &dependencies(&read_note(), &old)).is_empty(),
        "the note reader is not"
    );
}

#[test]
fn paths_match_on_segment_boundaries() {
    let change =
        |kind, path: &str| Change::new(kind, Impact::Breaking, path.to_owned(), "test".to_owned());
    let changes = vec![
        change(ChangeKind::FieldRemoved, "customers.phone"),
        change(ChangeKind::OperationRemoved, "operation:sql:select:t.by_id"),
        change(ChangeKind::ObjectRemoved, "orders"),
    ];
    let deps = set(&[
        "customers.phone_ext",
        "operation:sql:select:t.by_id_and_kind",
        "operation:sql:select:t.by_id_and_kind.id",
        "orders_archive.id",
        "orders-old.id",
    ]);
    assert!(
        breaking_for(&changes, &deps).is_empty(),
        "a path is touched at a `.` boundary, never by a longer name"
    );
    let deps = set(&["operation:sql:select:t.by_id.id", "orders.total"]);
    assert_eq!(
        breaking_for(&changes, &deps).len(),
        2,
        "an operation's change touches its arguments, an object's its fields"
    );
}

#[test]
fn input_objects_and_nested_projections() {
    let customer = Object {
        kind: ObjectKind::Type,
        fields: vec![
            column("name", Scalar::String, true),
            bindery_schema::Field {
                ty: FieldType::List {
                    of: Box::new(FieldType::Object {
                        object: "Order".to_owned(),
                    }),
                },
                ..column("orders", Scalar::String, true)
            },
        ],
        ..table("Customer", Vec::new())
    };
    let order = Object {
        kind: ObjectKind::Type,
        ..table("Order", vec![column("total", Scalar::Number, false)])
    };
    let input = |fields| Object {
        kind: ObjectKind::Input,
        ..table("CustomerInput", fields)
    };
    let mutation = Operation {
        id: "Mutation.createCustomer".to_owned(),
        title: String::new(),
        object: Some("Customer".to_owned()),
        class: OperationClass::Create,
        idempotent: false,
        transport: Transport::NativeGraphql,
        http: None,
        arguments: vec![Argument {
            name: "input".to_owned(),
            ty: FieldType::Object {
                object: "CustomerInput".to_owned(),
            },
            required: true,
            location: ArgLocation::Variable,
            indexed: false,
            leading_index: false,
            description: None,
            default: None,
            deprecated: None,
            native_type: Some("CustomerInput!".to_owned()),
        }],
        input_object: Some("CustomerInput".to_owned()),
        returns: Some(FieldType::Object {
            object: "Customer".to_owned(),
        }),
        limit: None,
        description: None,
        tags: Vec::new(),
        connection: None,
        deprecated: None,
        index: None,
    };
    let source = shop().source;
    let old = Schema::finish(
        source.clone(),
        vec![
            customer.clone(),
            order.clone(),
            input(vec![column("name", Scalar::String, true)]),
        ],
        Vec::new(),
        vec![mutation.clone()],
    );
    let new = Schema::finish(
        source,
        vec![
            customer,
            order,
            input(vec![
                column("name", Scalar::String, true),
                column("phone", Scalar::String, true),
            ]),
        ],
        Vec::new(),
        vec![mutation],
    );
    let create = binding(serde_json::json!({
        "toolName": "create_customer",
        "operation": "Mutation.createCustomer",
        "isWrite": true,
        "inputObjectMap": [{"field": "name", "param": "caller_name"}],
        "projection": [{"path": ["orders[first]", "total"], "leaf": "last_total"}],
    }));
    let deps = dependencies(&create, &old);
    assert_eq!(
        deps,
        set(&[
            "Customer.orders",
            "CustomerInput",
            "CustomerInput.name",
            "Order.total",
            "operation:Mutation.createCustomer",
            "operation:Mutation.createCustomer.input",
        ]),
        "object and list types are followed through the schema"
    );
    assert_eq!(
        kinds(&breaking_for(&diff(&old, &new), &deps)),
        vec![(ChangeKind::FieldAdded, "CustomerInput.phone".to_owned())],
        "a new required input field breaks the write that does not map it"
    );
}

#[test]
fn the_report_counts_by_impact() {
    let old = shop();
    let mut new = shop();
    new.objects.retain(|o| o.name != "notes");
    new.operations
        .retain(|o| o.object.as_deref() != Some("notes"));
    field_mut(&mut new, "orders", "total").pii = PiiClass::Financial;
    object_mut(&mut new, "customers")
        .fields
        .push(column("mobile", Scalar::String, false));
    let report = DriftReport::new(&old, &new);
    assert_eq!(
        (report.summary.breaking, report.summary.dangerous, report.summary.safe),
        (4, 1, 1),
        "one table and its three operations go, one PII class changes, one column is new: {report:#?}"
    );
    assert!(
        DriftReport::new(&old, &old).is_empty(),
        "no drift, empty report"
    );
    let json = serde_json::to_value(&report).expect("the report serializes");
    assert_eq!(
        json.get("summary"),
        Some(&serde_json::json!({"breaking": 4, "dangerous": 1, "safe": 1})),
        "the summary's wire shape"
    );
}
