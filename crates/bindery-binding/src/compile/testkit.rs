//! Small hand-built schemas and helpers for the compile tests.

use bindery_schema::pii;
use bindery_schema::{
    ArgLocation, Argument, Cardinality, Connection, Edge, EdgeEnd, EdgeSource, Field, FieldRole,
    FieldType, HttpRoute, Object, ObjectKind, Operation, OperationClass, Scalar, Schema,
    SourceInfo, SourceKind, Transport,
};
use serde_json::Value;

use crate::{compile, Binding, Context, ParamRegistry, Skill, Valid};

/// A scalar type.
pub fn scalar(scalar: Scalar) -> FieldType {
    FieldType::scalar(scalar)
}

/// A reference to an object.
pub fn object_ref(name: &str) -> FieldType {
    FieldType::Object {
        object: name.to_owned(),
    }
}

/// A list of `of`.
pub fn list(of: FieldType) -> FieldType {
    FieldType::List { of: Box::new(of) }
}

/// A field classified by the shared classifier, its origin under `holder_origin`.
pub fn field(name: &str, ty: FieldType, holder_origin: &str) -> Field {
    let format = match &ty {
        FieldType::Scalar { format, .. } => format.clone(),
        _ => None,
    };
    let (pii, sensitive) = pii::classify(name, format.as_deref());
    Field {
        name: name.to_owned(),
        ty,
        required: false,
        nullable: true,
        description: None,
        default: None,
        native_type: None,
        pii,
        sensitive,
        deprecated: None,
        arguments: Vec::new(),
        connection: None,
        role: None,
        origin: format!("{holder_origin}.{name}"),
    }
}

/// An object with fields named and typed by `fields`.
pub fn object(name: &str, kind: ObjectKind, origin: &str, fields: &[(&str, FieldType)]) -> Object {
    Object {
        name: name.to_owned(),
        kind,
        description: None,
        capabilities: Vec::new(),
        fields: fields
            .iter()
            .map(|(n, ty)| field(n, ty.clone(), origin))
            .collect(),
        primary_key: Vec::new(),
        indexes: Vec::new(),
        checks: Vec::new(),
        enum_values: Vec::new(),
        implements: Vec::new(),
        members: Vec::new(),
        relay: None,
        origin: origin.to_owned(),
    }
}

/// An argument.
pub fn arg(
    name: &str,
    ty: FieldType,
    location: ArgLocation,
    native_type: Option<&str>,
) -> Argument {
    Argument {
        name: name.to_owned(),
        ty,
        required: true,
        location,
        indexed: false,
        leading_index: false,
        description: None,
        default: None,
        deprecated: None,
        native_type: native_type.map(str::to_owned),
    }
}

/// An operation with the defaults tests do not care about.
pub fn operation(id: &str, class: OperationClass, transport: Transport) -> Operation {
    Operation {
        id: id.to_owned(),
        title: id.to_owned(),
        object: None,
        class,
        idempotent: true,
        transport,
        http: None,
        arguments: Vec::new(),
        input_object: None,
        returns: None,
        limit: None,
        description: None,
        tags: Vec::new(),
        connection: None,
        deprecated: None,
        index: None,
    }
}

fn source(kind: SourceKind) -> SourceInfo {
    SourceInfo {
        kind,
        title: "test".to_owned(),
        version: None,
        base_url: None,
    }
}

/// A SQL schema shaped like the discovered ones: `customer` (key `customer_id`, `first_name`,
/// `email`, `address_id` → `address`) and `address` (`address_id`, `phone`, `city`), with a
/// lookup by email, a list by address, an insert and an update by key. PostgreSQL and MySQL
/// qualify object names (`public.customer`, `sakila.customer`); SQLite does not (`customer`).
/// `table` renames the customer table (to test quoting).
pub fn sql_schema(kind: SourceKind, table: &str) -> Schema {
    let (namespace, qualify) = match kind {
        SourceKind::Postgres => ("public", true),
        SourceKind::Mysql => ("sakila", true),
        _ => ("main", false),
    };
    let name = |t: &str| {
        if qualify {
            format!("{namespace}.{t}")
        } else {
            t.to_owned()
        }
    };
    let origin = |t: &str| format!("{}:{namespace}.{t}", kind.as_str());
    let customer = name(table);
    let address = name("address");
    let integer = scalar(Scalar::Integer);
    let text = scalar(Scalar::String);
    let mut customer_table = object(
        &customer,
        ObjectKind::Table,
        &origin(table),
        &[
            ("customer_id", integer.clone()),
            ("first_name", text.clone()),
            ("email", text.clone()),
            ("address_id", integer.clone()),
        ],
    );
    customer_table.primary_key = vec!["customer_id".to_owned()];
    let mut address_table = object(
        &address,
        ObjectKind::Table,
        &origin("address"),
        &[
            ("address_id", integer.clone()),
            ("phone", text.clone()),
            ("city", text.clone()),
        ],
    );
    address_table.primary_key = vec!["address_id".to_owned()];
    let edge = Edge {
        from: EdgeEnd {
            object: customer.clone(),
            fields: vec!["address_id".to_owned()],
        },
        to: EdgeEnd {
            object: address.clone(),
            fields: vec!["address_id".to_owned()],
        },
        cardinality: Cardinality::One,
        source: EdgeSource::ForeignKey,
        joinable: true,
        name: None,
    };
    let column = |n: &str, ty: &FieldType| arg(n, ty.clone(), ArgLocation::Column, None);
    let sql_op = |id: String, class: OperationClass| Operation {
        object: Some(customer.clone()),
        returns: Some(object_ref(&customer)),
        ..operation(&id, class, Transport::NativeSql)
    };
    let select = Operation {
        arguments: vec![column("email", &text)],
        index: Some("customer_email_key".to_owned()),
        ..sql_op(
            format!("sql:select:{customer}.by_email"),
            OperationClass::Read,
        )
    };
    let list_op = Operation {
        arguments: vec![column("address_id", &integer)],
        returns: Some(list(object_ref(&customer))),
        limit: Some(50),
        index: Some("idx_fk_address_id".to_owned()),
        ..sql_op(
            format!("sql:list:{customer}.by_address_id"),
            OperationClass::Read,
        )
    };
    let writable = vec![
        column("first_name", &text),
        column("email", &text),
        column("address_id", &integer),
    ];
    let insert = Operation {
        arguments: writable.clone(),
        input_object: Some(customer.clone()),
        ..sql_op(format!("sql:insert:{customer}"), OperationClass::Create)
    };
    let mut update_args = vec![column("customer_id", &integer)];
    update_args.extend(writable);
    let update = Operation {
        arguments: update_args,
        input_object: Some(customer.clone()),
        index: Some("customer_pkey".to_owned()),
        ..sql_op(
            format!("sql:update:{customer}.by_customer_id"),
            OperationClass::Update,
        )
    };
    Schema::finish(
        source(kind),
        vec![customer_table, address_table],
        vec![edge],
        vec![select, list_op, insert, update],
    )
}

/// A GraphQL schema: `Query.customer(email: String!): Customer`, `Query.issues` (a root Relay
/// connection through `nodes`), `Mutation.customerCreate(input: CustomerInput!)` whose payload
/// has `userErrors`; `Customer.issues` goes through `nodes`, `Customer.orders` (paged by
/// `first`) through `edges.node`.
pub fn graphql_schema() -> Schema {
    let text = || scalar(Scalar::String);
    let g = |name: &str| format!("graphql:{name}");
    let mut customer = object(
        "Customer",
        ObjectKind::Type,
        &g("Customer"),
        &[
            ("name", text()),
            ("email", text()),
            ("address", object_ref("Address")),
            ("issues", list(object_ref("Issue"))),
            ("orders", list(object_ref("Order"))),
        ],
    );
    for (field, connection, path) in [
        ("issues", "IssueConnection", "nodes"),
        ("orders", "OrderConnection", "edges.node"),
    ] {
        if let Some(f) = customer.fields.iter_mut().find(|f| f.name == field) {
            f.connection = Some(Connection {
                object: connection.to_owned(),
                path: path.to_owned(),
            });
            if field == "orders" {
                let mut first = arg(
                    "first",
                    scalar(Scalar::Integer),
                    ArgLocation::Variable,
                    Some("Int"),
                );
                first.required = false;
                f.arguments = vec![first];
            }
        }
    }
    let address = object(
        "Address",
        ObjectKind::Type,
        &g("Address"),
        &[("city", text())],
    );
    let issue = object("Issue", ObjectKind::Type, &g("Issue"), &[("title", text())]);
    let order = object(
        "Order",
        ObjectKind::Type,
        &g("Order"),
        &[("total", scalar(Scalar::Number))],
    );
    let input = object(
        "CustomerInput",
        ObjectKind::Input,
        &g("CustomerInput"),
        &[("name", text()), ("email", text())],
    );
    let mut payload = object(
        "CustomerCreatePayload",
        ObjectKind::Type,
        &g("CustomerCreatePayload"),
        &[
            ("customer", object_ref("Customer")),
            ("userErrors", list(object_ref("UserError"))),
        ],
    );
    if let Some(errors) = payload.fields.iter_mut().find(|f| f.name == "userErrors") {
        errors.role = Some(FieldRole::UserErrors);
    }
    let user_error = object(
        "UserError",
        ObjectKind::Type,
        &g("UserError"),
        &[("field", list(text())), ("message", text())],
    );
    let query_customer = Operation {
        object: Some("Customer".to_owned()),
        arguments: vec![arg("email", text(), ArgLocation::Variable, Some("String!"))],
        returns: Some(object_ref("Customer")),
        ..operation(
            "Query.customer",
            OperationClass::Read,
            Transport::NativeGraphql,
        )
    };
    let query_issues = Operation {
        object: Some("Issue".to_owned()),
        arguments: vec![arg(
            "first",
            scalar(Scalar::Integer),
            ArgLocation::Variable,
            Some("Int"),
        )],
        returns: Some(list(object_ref("Issue"))),
        connection: Some(Connection {
            object: "IssueConnection".to_owned(),
            path: "edges.node".to_owned(),
        }),
        ..operation(
            "Query.issues",
            OperationClass::Read,
            Transport::NativeGraphql,
        )
    };
    let create = Operation {
        object: Some("Customer".to_owned()),
        arguments: vec![arg(
            "input",
            object_ref("CustomerInput"),
            ArgLocation::Variable,
            Some("CustomerInput!"),
        )],
        input_object: Some("CustomerInput".to_owned()),
        returns: Some(object_ref("CustomerCreatePayload")),
        ..operation(
            "Mutation.customerCreate",
            OperationClass::Create,
            Transport::NativeGraphql,
        )
    };
    Schema::finish(
        source(SourceKind::Graphql),
        vec![customer, address, issue, order, input, payload, user_error],
        Vec::new(),
        vec![query_customer, query_issues, create],
    )
}

/// A REST schema: `GetCustomer` (`GET /v1/customers/{customer}` with `expand` in the query),
/// `ListCustomers` (`GET /v1/customers?email=`, answering `{ data: [Customer] }`) and
/// `PostCustomers` (`POST /v1/customers`, body `CustomerCreate { name, email }`).
pub fn rest_schema() -> Schema {
    let text = || scalar(Scalar::String);
    let o = |name: &str| format!("openapi:#/components/schemas/{name}");
    let customer = object(
        "Customer",
        ObjectKind::Resource,
        &o("Customer"),
        &[
            ("id", text()),
            ("name", text()),
            ("email", text()),
            ("phone", text()),
        ],
    );
    let customer_list = object(
        "CustomerList",
        ObjectKind::Resource,
        &o("CustomerList"),
        &[("data", list(object_ref("Customer")))],
    );
    let create_body = object(
        "CustomerCreate",
        ObjectKind::Input,
        &o("CustomerCreate"),
        &[("name", text()), ("email", text())],
    );
    let route = |method: &str, path: &str| {
        Some(HttpRoute {
            method: method.to_owned(),
            path: path.to_owned(),
            body_media_type: (method != "GET").then(|| "application/json".to_owned()),
        })
    };
    let get = Operation {
        object: Some("Customer".to_owned()),
        http: route("GET", "/v1/customers/{customer}"),
        arguments: vec![
            arg("customer", text(), ArgLocation::Path, None),
            arg("expand", text(), ArgLocation::Query, None),
        ],
        returns: Some(object_ref("Customer")),
        ..operation("GetCustomer", OperationClass::Read, Transport::NativeRest)
    };
    let list_op = Operation {
        object: Some("Customer".to_owned()),
        http: route("GET", "/v1/customers"),
        arguments: vec![arg("email", text(), ArgLocation::Query, None)],
        returns: Some(object_ref("CustomerList")),
        ..operation("ListCustomers", OperationClass::Read, Transport::NativeRest)
    };
    let post = Operation {
        object: Some("Customer".to_owned()),
        http: route("POST", "/v1/customers"),
        arguments: vec![
            arg("name", text(), ArgLocation::Body, None),
            arg("email", text(), ArgLocation::Body, None),
        ],
        input_object: Some("CustomerCreate".to_owned()),
        returns: Some(object_ref("Customer")),
        ..operation(
            "PostCustomers",
            OperationClass::Create,
            Transport::NativeRest,
        )
    };
    Schema::finish(
        source(SourceKind::Openapi),
        vec![customer, customer_list, create_body],
        Vec::new(),
        vec![get, list_op, post],
    )
}

/// A binding from JSON, taken as valid.
pub fn valid(binding: Value) -> Valid<Binding> {
    let binding: Binding = serde_json::from_value(binding).expect("the test binding reads");
    Valid::assume_valid(binding)
}

/// Compiles against `schema` with the canonical registry.
pub fn try_compile(schema: &Schema, binding: Value) -> Result<Skill, crate::CompileError> {
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema,
        unscoped: None,
        schema_fingerprint: "sha256:test",
        registry: &registry,
        taken_tool_names: &[],
    };
    compile(&valid(binding), &cx)
}

/// Compiles, failing the test on a compile error (its message is shown).
pub fn compile_ok(schema: &Schema, binding: Value) -> Skill {
    try_compile(schema, binding).expect("the binding compiles")
}
