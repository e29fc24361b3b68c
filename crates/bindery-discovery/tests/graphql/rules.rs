//! One small hand-written schema per normalization rule.

use bindery_discovery::graphql;
use bindery_schema::{
    Capability, Cardinality, EdgeSource, FieldRole, FieldType, ObjectKind, OperationClass,
    RelayRole, Scalar,
};

use super::{codes, field, object, op, sdl};

const SHOP: &str = r#"
"""A shop customer."""
type Customer implements Node & HasEmail {
  id: ID!
  email: String
  phone: String @deprecated
  orders(first: Int = 10, after: String, sortKey: OrderSort = CREATED_AT): OrderConnection!
  tags: [String!]!
  createdAt: DateTime!
}
interface Node { id: ID! }
interface HasEmail { email: String }
type Order implements Node { id: ID! total: Decimal lines: [LineItem!]! }
type LineItem { sku: String quantity: Int! }
type OrderConnection { edges: [OrderEdge!]! pageInfo: PageInfo! }
type OrderEdge { cursor: String! node: Order! }
type CustomerConnection { nodes: [Customer!]! edges: [CustomerEdge!]! pageInfo: PageInfo! }
type CustomerEdge { cursor: String! node: Customer! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
union SearchResult = Order | Customer
enum OrderSort { CREATED_AT TOTAL @deprecated(reason: "Use CREATED_AT.") }
scalar DateTime
scalar Decimal
input CustomerInput { email: String! phone: String tags: [String!] = [] note: String @deprecated(reason: "Gone.") }
type UserError { field: [String!] message: String! }
type CustomerCreatePayload { customer: Customer userErrors: [UserError!]! }
type CustomerDeletePayload { deletedCustomerId: ID userErrors: [UserError!]! }
type Query {
  customer(id: ID!): Customer
  customers(first: Int, query: String): CustomerConnection!
  search(term: String!): [SearchResult!]!
  oldShop: String @deprecated(reason: "Use shop.")
}
type Mutation {
  customerCreate(input: CustomerInput!): CustomerCreatePayload
  customerDelete(id: ID!): CustomerDeletePayload
  tagsAdd(id: ID!, tags: [String!]!): CustomerCreatePayload
}
type Subscription { orderCreated: Order }
"#;

#[test]
fn kinds_interfaces_unions_and_enums() {
    let schema = sdl(SHOP).value;
    assert_eq!(object(&schema, "Customer").kind, ObjectKind::Type, "type");
    assert_eq!(
        object(&schema, "Node").kind,
        ObjectKind::Interface,
        "interface"
    );
    assert_eq!(
        object(&schema, "SearchResult").kind,
        ObjectKind::Union,
        "union"
    );
    assert_eq!(
        object(&schema, "CustomerInput").kind,
        ObjectKind::Input,
        "input"
    );
    let sort = object(&schema, "OrderSort");
    assert_eq!(sort.kind, ObjectKind::Enum, "enum");
    let values: Vec<(&str, Option<&str>)> = sort
        .enum_values
        .iter()
        .map(|v| (v.name.as_str(), v.deprecated.as_deref()))
        .collect();
    assert_eq!(
        values,
        [("CREATED_AT", None), ("TOTAL", Some("Use CREATED_AT."))],
        "enum values in order"
    );
    assert!(
        schema.object("Query").is_none(),
        "root types are operations, not objects"
    );
    assert!(
        schema.object("DateTime").is_none(),
        "scalars are types of fields, not objects"
    );
    assert_eq!(
        object(&schema, "Customer").implements,
        ["HasEmail", "Node"],
        "implements, sorted"
    );
    assert_eq!(
        object(&schema, "Node").members,
        ["Customer", "Order"],
        "implementers"
    );
    assert_eq!(
        object(&schema, "SearchResult").members,
        ["Customer", "Order"],
        "union members"
    );
    let structural: Vec<(&str, &str, EdgeSource)> = schema
        .edges
        .iter()
        .filter(|e| e.source != EdgeSource::GraphqlField)
        .map(|e| (e.from.object.as_str(), e.to.object.as_str(), e.source))
        .collect();
    assert!(
        structural.contains(&("Customer", "Node", EdgeSource::Implements)),
        "implements edge: {structural:?}"
    );
    assert!(
        structural.contains(&("SearchResult", "Order", EdgeSource::UnionMember)),
        "member edge: {structural:?}"
    );
}

#[test]
fn fields_keep_wrappers_arguments_formats_and_deprecation() {
    let schema = sdl(SHOP).value;
    let id = field(&schema, "Customer", "id");
    assert!(id.required && !id.nullable, "ID! is required");
    assert_eq!(id.ty, FieldType::scalar(Scalar::Id), "ID");
    let tags = field(&schema, "Customer", "tags");
    assert_eq!(tags.ty.label(), "list<string>", "list");
    assert_eq!(
        tags.native_type.as_deref(),
        Some("[String!]!"),
        "GraphQL spelling kept"
    );
    assert_eq!(
        field(&schema, "Customer", "createdAt").ty,
        FieldType::scalar(Scalar::DateTime),
        "DateTime"
    );
    assert_eq!(
        field(&schema, "Order", "total").ty.label(),
        "number(decimal)",
        "Decimal"
    );
    let phone = field(&schema, "Customer", "phone");
    assert_eq!(
        phone.deprecated.as_deref(),
        Some("No longer supported"),
        "GraphQL's default reason"
    );
    assert!(
        phone.pii.is_sensitive() || phone.pii != bindery_schema::pii::PiiClass::None,
        "phone is PII"
    );
    assert_ne!(
        field(&schema, "Customer", "email").pii,
        bindery_schema::pii::PiiClass::None,
        "email is PII"
    );
    let orders = field(&schema, "Customer", "orders");
    let args: Vec<(&str, Option<&str>, bool)> = orders
        .arguments
        .iter()
        .map(|a| (a.name.as_str(), a.default.as_deref(), a.required))
        .collect();
    assert_eq!(
        args,
        [
            ("first", Some("10"), false),
            ("after", None, false),
            ("sortKey", Some("CREATED_AT"), false)
        ],
        "field arguments with defaults"
    );
    let input_tags = field(&schema, "CustomerInput", "tags");
    assert_eq!(input_tags.default.as_deref(), Some("[]"), "input default");
    assert!(!input_tags.required, "a defaulted input is not required");
    assert!(
        field(&schema, "CustomerInput", "email").required,
        "String! input is required"
    );
    assert_eq!(
        field(&schema, "CustomerInput", "note")
            .deprecated
            .as_deref(),
        Some("Gone."),
        "input deprecation"
    );
}

#[test]
fn relay_connections_read_as_lists_of_their_nodes() {
    let schema = sdl(SHOP).value;
    let orders = field(&schema, "Customer", "orders");
    assert_eq!(
        orders.ty.label(),
        "list<Order>",
        "connection shown as its nodes"
    );
    let connection = orders.connection.as_ref().expect("a connection");
    assert_eq!(
        (connection.object.as_str(), connection.path.as_str()),
        ("OrderConnection", "edges.node"),
        "edges path"
    );
    let customers = op(&schema, "Query.customers");
    assert_eq!(
        customers.returns.as_ref().map(|r| r.label()).as_deref(),
        Some("list<Customer>"),
        "op returns nodes"
    );
    assert_eq!(
        customers.connection.as_ref().map(|c| c.path.as_str()),
        Some("nodes"),
        "nodes preferred"
    );
    assert_eq!(
        customers.object.as_deref(),
        Some("Customer"),
        "op object is the node"
    );
    assert_eq!(
        object(&schema, "OrderConnection").relay,
        Some(RelayRole::Connection),
        "connection role"
    );
    assert_eq!(
        object(&schema, "OrderEdge").relay,
        Some(RelayRole::Edge),
        "edge role"
    );
    assert_eq!(
        object(&schema, "PageInfo").relay,
        Some(RelayRole::PageInfo),
        "page info role"
    );
    assert_eq!(
        object(&schema, "Customer").relay,
        None,
        "nodes are not wrappers"
    );
    let edge = schema
        .edges
        .iter()
        .find(|e| e.from.object == "Customer" && e.name.as_deref() == Some("orders"))
        .expect("an edge for the connection field");
    assert_eq!(
        (edge.to.object.as_str(), edge.cardinality),
        ("Order", Cardinality::Many),
        "edge to the node type"
    );
    let capabilities = &object(&schema, "Customer").capabilities;
    assert!(
        capabilities.contains(&Capability::List) && capabilities.contains(&Capability::Read),
        "list and read: {capabilities:?}"
    );
}

#[test]
fn operations_queries_mutations_and_subscriptions() {
    let discovered = sdl(SHOP);
    let schema = &discovered.value;
    assert_eq!(schema.operations.len(), 7, "4 query + 3 mutation fields");
    let create = op(schema, "Mutation.customerCreate");
    assert_eq!(create.class, OperationClass::Create, "create by name");
    assert_eq!(
        create.object.as_deref(),
        Some("Customer"),
        "the payload's object"
    );
    assert_eq!(
        create.input_object.as_deref(),
        Some("CustomerInput"),
        "the input argument's type"
    );
    assert!(!create.idempotent, "a create is not idempotent");
    let delete = op(schema, "Mutation.customerDelete");
    assert_eq!(delete.class, OperationClass::Delete, "delete by name");
    assert_eq!(
        op(schema, "Mutation.tagsAdd").class,
        OperationClass::Create,
        "add creates"
    );
    assert_eq!(
        op(schema, "Mutation.tagsAdd").input_object,
        None,
        "no input object among scalar args"
    );
    let read = op(schema, "Query.customer");
    assert_eq!(
        (read.class, read.idempotent),
        (OperationClass::Read, true),
        "queries read"
    );
    assert_eq!(read.tags, ["Query"], "tagged by root");
    assert!(
        read.arguments
            .iter()
            .all(|a| a.location == bindery_schema::ArgLocation::Variable),
        "variables"
    );
    assert_eq!(
        op(schema, "Query.oldShop").deprecated.as_deref(),
        Some("Use shop."),
        "deprecated op"
    );
    assert_eq!(
        op(schema, "Query.search").object.as_deref(),
        Some("SearchResult"),
        "union result"
    );
    let subscriptions: Vec<&str> = schema.subscriptions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        subscriptions,
        ["Subscription.orderCreated"],
        "subscriptions listed apart"
    );
    let user_errors = field(schema, "CustomerCreatePayload", "userErrors");
    assert_eq!(
        user_errors.role,
        Some(FieldRole::UserErrors),
        "userErrors recognised"
    );
    assert!(!user_errors.is_projectable(), "never projectable");
    assert!(
        field(schema, "CustomerCreatePayload", "customer").is_projectable(),
        "the payload object is"
    );
    assert!(
        codes(&discovered).is_empty(),
        "a clean schema has no diagnostics: {:?}",
        codes(&discovered)
    );
}

#[test]
fn saleor_style_errors_are_user_errors() {
    let schema = sdl("type Query { a: Int }
         type ProductError { field: String message: String code: String! }
         type Product { id: ID! }
         type ProductCreate { product: Product errors: [ProductError!]! }
         type Mutation { productCreate(name: String!): ProductCreate }")
    .value;
    assert_eq!(
        field(&schema, "ProductCreate", "errors").role,
        Some(FieldRole::UserErrors),
        "errors list"
    );
    assert_eq!(
        op(&schema, "Mutation.productCreate").object.as_deref(),
        Some("Product"),
        "payload object"
    );
}

#[test]
fn broken_schemas_give_warnings_not_failures() {
    let discovered = sdl("type Query { a: Missing b: Int @cacheControl(maxAge: 30) }
         type Query { c: Int }
         type T { x: Int x: String }
         extend type T { y: Int }");
    let codes = codes(&discovered);
    assert!(
        codes.contains(&"graphql/duplicate-definition"),
        "duplicates: {codes:?}"
    );
    assert!(
        codes.contains(&"graphql/unknown-directive"),
        "unknown directive: {codes:?}"
    );
    assert!(
        codes.contains(&"graphql/undefined-type"),
        "undefined type: {codes:?}"
    );
    let t = object(&discovered.value, "T");
    let names: Vec<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["x", "y"],
        "first definition kept, extension folded in"
    );
    assert_eq!(
        field(&discovered.value, "T", "x").ty.label(),
        "integer(int32)",
        "the first x wins"
    );
    let a = op(&discovered.value, "Query.a");
    assert_eq!(
        a.returns,
        Some(FieldType::Unknown {
            raw: "Missing".into()
        }),
        "undefined type kept as unknown"
    );
}

#[test]
fn a_schema_without_roots_still_discovers() {
    let discovered = sdl("type Lonely { id: ID }");
    assert!(
        codes(&discovered).contains(&"graphql/no-query-type"),
        "warned"
    );
    assert_eq!(discovered.value.operations.len(), 0, "no operations");
    assert_eq!(
        discovered.value.objects.len(),
        1,
        "the type is still an object"
    );
}

#[test]
fn schema_definition_names_the_roots() {
    let discovered =
        sdl("schema { query: QueryRoot } type QueryRoot { shop: Shop } type Shop { name: String }");
    assert_eq!(discovered.value.operations.len(), 1, "one query");
    assert_eq!(
        op(&discovered.value, "Query.shop").object.as_deref(),
        Some("Shop"),
        "canonical id"
    );
    assert!(
        discovered.value.object("QueryRoot").is_none(),
        "the renamed root is not an object"
    );
}

/// The same schema as SDL and as an introspection answer (as graphql-js prints it) gives the
/// same normalized schema.
#[test]
fn sdl_and_its_introspection_answer_agree() {
    let text = r#"
      type Query { item(id: ID!, filter: Filter = {tags: ["a", "b"], limit: 2}): Item @deprecated }
      "An item."
      type Item { id: ID! price: Float kind: Kind }
      input Filter { tags: [String!] limit: Int = 5 }
      enum Kind { A B }
    "#;
    let named =
        |kind: &str, name: &str| serde_json::json!({"kind": kind, "name": name, "ofType": null});
    let non_null =
        |of: serde_json::Value| serde_json::json!({"kind": "NON_NULL", "name": null, "ofType": of});
    let list =
        |of: serde_json::Value| serde_json::json!({"kind": "LIST", "name": null, "ofType": of});
    let answer = serde_json::json!({"data": {"__schema": {
    "queryType": {"name": "Query"}, "mutationType": null, "subscriptionType": null,
    "types": [
        {"kind": "OBJECT", "name": "Query", "description": null, "fields": [
            {"name": "item", "description": null, "isDeprecated": true, "deprecationReason": "No longer supported",
             "type": named("OBJECT", "Item"), "args": [
                {"name": "id", "description": null, "type": non_null(named("SCALAR", "ID")), "defaultValue": null},
                {"name": "filter", "description": null, "type": named("INPUT_OBJECT", "Filter"),
                 "defaultValue": "{tags: [\"a\", \"b\"], limit: 2}"}]}],
         "inputFields": null, "interfaces": [], "enumValues": null, "possibleTypes": null},
        {"kind": "OBJECT", "name": "Item", "description": "An item.", "fields": [
            {"name": "id", "description": null, "args": [], "type": non_null(named("SCALAR", "ID")), "isDeprecated": false, "deprecationReason": null},
            {"name": "price", "description": null, "args": [], "type": named("SCALAR", "Float"), "isDeprecated": false, "deprecationReason": null},
            {"name": "kind", "description": null, "args": [], "type": named("ENUM", "Kind"), "isDeprecated": false, "deprecationReason": null}],
         "inputFields": null, "interfaces": [], "enumValues": null, "possibleTypes": null},
        {"kind": "INPUT_OBJECT", "name": "Filter", "description": null, "fields": null, "inputFields": [
            {"name": "tags", "description": null, "type": list(non_null(named("SCALAR", "String"))), "defaultValue": null},
            {"name": "limit", "description": null, "type": named("SCALAR", "Int"), "defaultValue": "5"}],
         "interfaces": null, "enumValues": null, "possibleTypes": null},
        {"kind": "ENUM", "name": "Kind", "description": null, "fields": null, "inputFields": null, "interfaces": null,
         "enumValues": [{"name": "A", "description": null, "isDeprecated": false, "deprecationReason": null},
                        {"name": "B", "description": null, "isDeprecated": false, "deprecationReason": null}],
         "possibleTypes": null},
        {"kind": "SCALAR", "name": "String", "description": "Built in.", "fields": null, "inputFields": null, "interfaces": null, "enumValues": null, "possibleTypes": null},
        {"kind": "OBJECT", "name": "__Schema", "description": null, "fields": [], "inputFields": null, "interfaces": [], "enumValues": null, "possibleTypes": null}
    ]}}});
    let from_sdl = graphql::discover_sdl(text, "same").expect("sdl");
    let bytes = serde_json::to_vec(&answer).expect("json");
    let from_json = graphql::discover_introspection(&bytes, "same").expect("introspection");
    assert_eq!(from_json.value, from_sdl.value, "one schema, two spellings");
    assert_eq!(
        op(&from_sdl.value, "Query.item").arguments[1]
            .default
            .as_deref(),
        Some("{tags: [\"a\", \"b\"], limit: 2}"),
        "object defaults in one canonical spelling"
    );
}
