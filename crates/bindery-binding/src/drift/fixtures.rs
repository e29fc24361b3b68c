//! Test builders: small SQL-like schemas shaped the way SQL discovery shapes them, for the unit
//! tests of `diff` (`tests`) and of `dependencies`/`breaking_for` (`tests_bindings`).

use bindery_schema::{
    ArgLocation, Argument, Cardinality, Edge, EdgeEnd, EdgeSource, Field, FieldType, Object,
    ObjectKind, Operation, OperationClass, Scalar, Schema, SourceInfo, SourceKind, Transport,
};

use bindery_schema::pii::PiiClass;

pub(super) fn column(name: &str, scalar: Scalar, required: bool) -> Field {
    Field {
        name: name.to_owned(),
        ty: FieldType::scalar(scalar),
        required,
        nullable: !required,
        description: None,
        default: None,
        native_type: None,
        pii: PiiClass::None,
        sensitive: false,
        deprecated: None,
        arguments: Vec::new(),
        connection: None,
        role: None,
        origin: format!("sqlite:main.?.{name}"),
    }
}

pub(super) fn table(name: &str, fields: Vec<Field>) -> Object {
    Object {
        name: name.to_owned(),
        kind: ObjectKind::Table,
        description: None,
        capabilities: Vec::new(),
        fields,
        primary_key: vec!["id".to_owned()],
        indexes: Vec::new(),
        checks: Vec::new(),
        enum_values: Vec::new(),
        implements: Vec::new(),
        members: Vec::new(),
        relay: None,
        origin: format!("sqlite:main.{name}"),
    }
}

pub(super) fn argument(field: &Field, required: bool, leading: bool) -> Argument {
    Argument {
        name: field.name.clone(),
        ty: field.ty.clone(),
        required,
        location: ArgLocation::Column,
        indexed: leading,
        leading_index: leading,
        description: None,
        default: None,
        deprecated: None,
        native_type: None,
    }
}

pub(super) fn base_op(id: String, table: &str, class: OperationClass) -> Operation {
    Operation {
        id,
        title: String::new(),
        object: Some(table.to_owned()),
        class,
        idempotent: class != OperationClass::Create,
        transport: Transport::NativeSql,
        http: None,
        arguments: Vec::new(),
        input_object: None,
        returns: Some(FieldType::Object {
            object: table.to_owned(),
        }),
        limit: None,
        description: None,
        tags: Vec::new(),
        connection: None,
        deprecated: None,
        index: None,
    }
}

/// The operations SQL discovery gives a table whose key is `id`: select by id, a list per
/// column in `list_by`, insert (every column but `id`), update by id.
pub(super) fn sql_ops(table: &Object, list_by: &[&str]) -> Vec<Operation> {
    let name = table.name.as_str();
    let field = |c: &str| table.fields.iter().find(|f| f.name == c);
    let mut ops = Vec::new();
    if let Some(id) = field("id") {
        ops.push(Operation {
            arguments: vec![argument(id, true, true)],
            index: Some(format!("{name}_pkey")),
            ..base_op(
                format!("sql:select:{name}.by_id"),
                name,
                OperationClass::Read,
            )
        });
    }
    for column in list_by {
        if let Some(f) = field(column) {
            ops.push(Operation {
                arguments: vec![argument(f, true, true)],
                returns: Some(FieldType::List {
                    of: Box::new(FieldType::Object {
                        object: name.to_owned(),
                    }),
                }),
                limit: Some(50),
                index: Some(format!("{name}_{column}_idx")),
                ..base_op(
                    format!("sql:list:{name}.by_{column}"),
                    name,
                    OperationClass::Read,
                )
            });
        }
    }
    let settable: Vec<&Field> = table.fields.iter().filter(|f| f.name != "id").collect();
    ops.push(Operation {
        arguments: settable
            .iter()
            .map(|f| argument(f, f.required, false))
            .collect(),
        input_object: Some(name.to_owned()),
        ..base_op(format!("sql:insert:{name}"), name, OperationClass::Create)
    });
    if let Some(id) = field("id") {
        let mut arguments = vec![argument(id, true, true)];
        arguments.extend(settable.iter().map(|f| argument(f, false, false)));
        ops.push(Operation {
            arguments,
            input_object: Some(name.to_owned()),
            index: Some(format!("{name}_pkey")),
            ..base_op(
                format!("sql:update:{name}.by_id"),
                name,
                OperationClass::Update,
            )
        });
    }
    ops
}

pub(super) fn foreign_key(from: &str, column: &str, to: &str) -> Edge {
    Edge {
        from: EdgeEnd {
            object: from.to_owned(),
            fields: vec![column.to_owned()],
        },
        to: EdgeEnd {
            object: to.to_owned(),
            fields: vec!["id".to_owned()],
        },
        cardinality: Cardinality::One,
        source: EdgeSource::ForeignKey,
        joinable: true,
        name: None,
    }
}

pub(super) fn schema(objects: Vec<Object>, edges: Vec<Edge>, list_by: &[(&str, &str)]) -> Schema {
    let mut operations = Vec::new();
    for object in &objects {
        let lists: Vec<&str> = list_by
            .iter()
            .filter(|(t, _)| *t == object.name)
            .map(|(_, c)| *c)
            .collect();
        operations.extend(sql_ops(object, &lists));
    }
    Schema::finish(
        SourceInfo {
            kind: SourceKind::Sqlite,
            title: "shop.db".to_owned(),
            version: None,
            base_url: None,
        },
        objects,
        edges,
        operations,
    )
}

/// customers(id, name, phone, email), orders(id, customer_id → customers, total, status enum),
/// notes(id, body); lists by customers.phone and orders.customer_id.
pub(super) fn shop() -> Schema {
    let mut status = column("status", Scalar::String, false);
    status.ty = FieldType::Enum {
        values: vec!["open".to_owned(), "paid".to_owned(), "void".to_owned()],
    };
    let mut phone = column("phone", Scalar::String, true);
    phone.pii = PiiClass::Contact;
    schema(
        vec![
            table(
                "customers",
                vec![
                    column("id", Scalar::Integer, true),
                    column("name", Scalar::String, true),
                    phone,
                    column("email", Scalar::String, false),
                ],
            ),
            table(
                "orders",
                vec![
                    column("id", Scalar::Integer, true),
                    column("customer_id", Scalar::Integer, true),
                    column("total", Scalar::Number, false),
                    status,
                ],
            ),
            table(
                "notes",
                vec![
                    column("id", Scalar::Integer, true),
                    column("body", Scalar::String, false),
                ],
            ),
        ],
        vec![foreign_key("orders", "customer_id", "customers")],
        &[("customers", "phone"), ("orders", "customer_id")],
    )
}

pub(super) fn object_mut<'s>(schema: &'s mut Schema, name: &str) -> &'s mut Object {
    schema
        .objects
        .iter_mut()
        .find(|o| o.name == name)
        .expect("the test names an object of the schema")
}

pub(super) fn field_mut<'s>(schema: &'s mut Schema, object: &str, field: &str) -> &'s mut Field {
    object_mut(schema, object)
        .fields
        .iter_mut()
        .find(|f| f.name == field)
        .expect("the test names a field of the object")
}

pub(super) fn op_mut<'s>(schema: &'s mut Schema, id: &str) -> &'s mut Operation {
    schema
        .operations
        .iter_mut()
        .find(|o| o.id == id)
        .expect("the test names an operation of the schema")
}

pub(super) fn arg_mut<'s>(schema: &'s mut Schema, id: &str, arg: &str) -> &'s mut Argument {
    op_mut(schema, id)
        .arguments
        .iter_mut()
        .find(|a| a.name == arg)
        .expect("the test names an argument of the operation")
}
