//! Small hand-written databases, one rule each: partitions fold into their parent, enums (and
//! arrays of them) become enum fields, composite keys keep their order, checks, comments,
//! identity and generated columns, expression and partial indexes, PII tags, schema filters,
//! foreign tables reported as skipped, a read-only login, and the constant number of statements.

use bindery_discovery::sql::postgres::{CATALOG_QUERIES, STATEMENTS};
use bindery_schema::pii::PiiClass;
use bindery_schema::{Capability, FieldType, IndexOrigin, ObjectKind};

use super::{codes, connection, database, discovered, field, object, server, superuser};

const SHOP: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE SCHEMA app;
CREATE TABLE app.customer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    phone character varying(20),
    mood mood,
    moods mood[],
    tags text[],
    balance numeric(10,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
    shout text GENERATED ALWAYS AS (upper(email)) STORED,
    created timestamp with time zone NOT NULL DEFAULT now()
);
COMMENT ON TABLE app.customer IS 'People who buy';
COMMENT ON COLUMN app.customer.email IS 'Where receipts go';
CREATE UNIQUE INDEX customer_phone_once ON app.customer (phone) WHERE phone IS NOT NULL;
CREATE TABLE app.orders (
    region text NOT NULL,
    order_no integer NOT NULL,
    customer_id bigint NOT NULL REFERENCES app.customer (id),
    PRIMARY KEY (region, order_no)
);
CREATE TABLE app.order_line (
    region text NOT NULL,
    order_no integer NOT NULL,
    line serial NOT NULL,
    qty positive NOT NULL,
    CONSTRAINT line_qty_small CHECK (qty < 1000),
    PRIMARY KEY (region, order_no, line),
    CONSTRAINT line_order FOREIGN KEY (order_no, region) REFERENCES app.orders (order_no, region)
);
CREATE INDEX order_line_lower_region ON app.order_line (lower(region), qty);
CREATE TABLE app.event (
    id bigint NOT NULL,
    at date NOT NULL,
    customer_id bigint REFERENCES app.customer (id),
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.event_2025 PARTITION OF app.event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX event_at ON app.event (at);
CREATE TABLE app.event_note (
    id integer PRIMARY KEY,
    event_id bigint,
    event_at date,
    FOREIGN KEY (event_id, event_at) REFERENCES app.event (id, at)
);
CREATE VIEW app.customer_email AS SELECT id, email FROM app.customer;
CREATE MATERIALIZED VIEW app.mood_count AS SELECT mood, count(*) AS n FROM app.customer GROUP BY mood;
CREATE TABLE public.note (id integer PRIMARY KEY, body text);
CREATE FOREIGN DATA WRAPPER nowhere;
CREATE SERVER faraway FOREIGN DATA WRAPPER nowhere;
CREATE FOREIGN TABLE app.remote (id integer) SERVER faraway;
"#;

#[tokio::test]
async fn the_shop_schema_follows_every_rule() {
    let Some(server) = server() else { return };
    database(server, "rules_shop", SHOP);
    let found = discovered(superuser(server, "rules_shop")).await;
    let schema = &found.value;
    let names: Vec<&str> = schema.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "app.customer",
            "app.customer_email",
            "app.event",
            "app.event_note",
            "app.mood_count",
            "app.order_line",
            "app.orders",
            "public.note"
        ],
        "qualified names; partitions folded into app.event; the foreign table left out"
    );
    assert_eq!(
        codes(&found),
        ["discovery/sql-relation-skipped"],
        "the foreign table is reported: {:?}",
        found.diagnostics
    );
    assert_eq!(
        object(schema, "app.customer_email").kind,
        ObjectKind::View,
        "view"
    );
    assert_eq!(
        object(schema, "app.mood_count").kind,
        ObjectKind::MaterializedView,
        "materialized view"
    );

    // Partitions: one object, its own foreign key once, and the key referencing it once (not
    // the clones PostgreSQL makes for each partition).
    let event_edges: Vec<String> = schema
        .edges
        .iter()
        .filter(|e| e.from.object.starts_with("app.event") || e.to.object.starts_with("app.event"))
        .map(|e| {
            format!(
                "{}({}) -> {}({})",
                e.from.object,
                e.from.fields.join(","),
                e.to.object,
                e.to.fields.join(",")
            )
        })
        .collect();
    assert_eq!(
        event_edges,
        [
            "app.event(customer_id) -> app.customer(id)",
            "app.event_note(event_id,event_at) -> app.event(id,at)"
        ],
        "partition foreign keys folded"
    );
    let event = object(schema, "app.event");
    assert_eq!(event.primary_key, ["id", "at"], "composite key in order");
    assert!(
        event.indexes.iter().any(|i| i.name == "event_at"),
        "the parent's index: {:?}",
        event.indexes
    );

    // Composite foreign key in key order, as declared (not table order).
    let line = schema
        .edges
        .iter()
        .find(|e| e.name.as_deref() == Some("line_order"))
        .expect("the composite foreign key");
    assert_eq!(
        (line.from.fields.clone(), line.to.fields.clone()),
        (
            vec!["order_no".to_owned(), "region".to_owned()],
            vec!["order_no".to_owned(), "region".to_owned()]
        ),
        "pairs in key order"
    );

    // Types, enums, arrays, domains.
    let enum_type = FieldType::Enum {
        values: vec!["sad".to_owned(), "ok".to_owned(), "happy".to_owned()],
    };
    assert_eq!(
        field(schema, "app.customer", "mood").ty,
        enum_type,
        "enum in sort order"
    );
    assert_eq!(
        field(schema, "app.customer", "moods").ty,
        FieldType::List {
            of: Box::new(enum_type)
        },
        "array of an enum"
    );
    assert_eq!(
        field(schema, "app.customer", "tags").ty.label(),
        "list<string>",
        "text[]"
    );
    assert_eq!(
        field(schema, "app.customer", "balance").ty.label(),
        "number",
        "numeric"
    );
    assert_eq!(
        field(schema, "app.customer", "phone")
            .native_type
            .as_deref(),
        Some("character varying(20)"),
        "format_type spelling"
    );
    assert_eq!(
        field(schema, "app.order_line", "qty")
            .native_type
            .as_deref(),
        Some("integer"),
        "a domain is read as its base type"
    );
    assert_eq!(
        field(schema, "app.mood_count", "mood").ty.label(),
        "enum",
        "materialized view columns are typed too"
    );

    // Identity, serial and generated columns; comments; PII; origins.
    let id = field(schema, "app.customer", "id");
    assert!(
        !id.required && !id.nullable,
        "identity: filled by the server"
    );
    assert!(!field(schema, "app.order_line", "line").required, "serial");
    assert!(
        !field(schema, "app.customer", "shout").required,
        "generated"
    );
    let email = field(schema, "app.customer", "email");
    assert!(email.required, "NOT NULL without default");
    assert_eq!(
        email.description.as_deref(),
        Some("Where receipts go"),
        "column comment"
    );
    assert_eq!(email.pii, PiiClass::Contact, "email is contact data");
    assert_eq!(email.origin, "postgres:app.customer.email", "origin");
    assert_eq!(
        field(schema, "app.customer", "phone").pii,
        PiiClass::Contact,
        "phone"
    );
    let customer = object(schema, "app.customer");
    assert_eq!(
        customer.description.as_deref(),
        Some("People who buy"),
        "table comment"
    );
    assert_eq!(customer.origin, "postgres:app.customer", "object origin");

    // Checks with their columns; indexes with origin, partial flag and expressions.
    let checks: Vec<(&str, Vec<&str>)> = customer
        .checks
        .iter()
        .map(|c| {
            (
                c.expression.as_str(),
                c.columns.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [("((balance >= (0)::numeric))", vec!["balance"])],
        "check"
    );
    assert_eq!(
        object(schema, "app.order_line")
            .checks
            .first()
            .map(|c| c.name.as_deref()),
        Some(Some("line_qty_small")),
        "named check"
    );
    let index = |object_name: &str, name: &str| {
        object(schema, object_name)
            .indexes
            .iter()
            .find(|i| i.name == name)
            .cloned()
            .ok_or_else(|| format!("no index {name} on {object_name}"))
            .expect("the index exists")
    };
    assert_eq!(
        index("app.customer", "customer_pkey").origin,
        IndexOrigin::PrimaryKey,
        "pk"
    );
    let unique = index("app.customer", "customer_email_key");
    assert!(
        unique.unique && unique.origin == IndexOrigin::Unique,
        "unique constraint"
    );
    let partial = index("app.customer", "customer_phone_once");
    assert!(partial.partial && partial.unique, "partial unique index");
    assert_eq!(
        index("app.order_line", "order_line_lower_region").columns,
        ["<expression>", "qty"],
        "expression columns"
    );
    assert_eq!(
        index("app.orders", "orders_pkey").columns,
        ["region", "order_no"],
        "index column order"
    );

    // Operations: lookups by unique keys, never by the partial index; writes skip server-filled
    // columns.
    let ids: Vec<&str> = schema.operations.iter().map(|o| o.id.as_str()).collect();
    for id in [
        "sql:select:app.customer.by_id",
        "sql:select:app.customer.by_email",
        "sql:select:app.orders.by_region_and_order_no",
        "sql:list:app.orders.by_region",
        "sql:insert:app.customer",
        "sql:update:app.customer.by_id",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(
        !ids.contains(&"sql:select:app.customer.by_phone"),
        "a partial unique index is no lookup key"
    );
    let insert = schema
        .operations
        .iter()
        .find(|o| o.id == "sql:insert:app.customer")
        .expect("insert");
    let arguments: Vec<&str> = insert.arguments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        arguments,
        ["email", "phone", "mood", "moods", "tags", "balance", "created"],
        "identity and generated columns are not written"
    );
    assert!(
        object(schema, "app.customer_email").capabilities.is_empty(),
        "views get no operations"
    );
    assert!(
        customer.capabilities.contains(&Capability::Create),
        "tables can be written"
    );
}

#[tokio::test]
async fn chosen_schemas_limit_what_is_read() {
    let Some(server) = server() else { return };
    database(server, "rules_schemas", SHOP);
    let mut only_public = superuser(server, "rules_schemas");
    only_public.schemas = vec!["public".to_owned()];
    let found = discovered(only_public).await;
    let names: Vec<&str> = found
        .value
        .objects
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["public.note"], "only the chosen schema");
    assert!(
        found.diagnostics.is_empty(),
        "nothing skipped: {:?}",
        found.diagnostics
    );
}

#[tokio::test]
async fn a_read_only_login_discovers_the_same_schema() {
    let Some(server) = server() else { return };
    database(server, "rules_readonly", SHOP);
    server
        .create_read_only_role("rules_readonly", "reader", "reader-pass")
        .expect("create the read-only role");
    let as_owner = discovered(superuser(server, "rules_readonly")).await;
    let as_reader = discovered(connection(
        server,
        "rules_readonly",
        "reader",
        "reader-pass",
    ))
    .await;
    assert_eq!(
        as_reader.value.to_canonical_json(),
        as_owner.value.to_canonical_json(),
        "the catalog reads the same for a SELECT-only login"
    );
}

/// Statements the server ran for one login in one database, from its log (`log_statement=all`
/// is set for that role only).
fn statements_logged(server: &bindery_testkit::PostgresServer, role: &str, db: &str) -> usize {
    let log = std::fs::read_to_string(server.log_path()).expect("read the server log");
    let marker = format!(" {role}@{db} LOG:  ");
    log.lines()
        .filter_map(|line| line.split_once(&marker).map(|(_, rest)| rest))
        .filter(|rest| rest.starts_with("statement:") || rest.starts_with("execute "))
        .count()
}

#[tokio::test]
async fn the_number_of_statements_does_not_grow_with_the_tables() {
    let Some(server) = server() else { return };
    let mut many = String::from("CREATE TABLE t0 (id integer PRIMARY KEY);\n");
    for i in 1..300 {
        many.push_str(&format!(
            "CREATE TABLE t{i} (id integer PRIMARY KEY, prev integer REFERENCES t{} (id), \
             name text NOT NULL UNIQUE);\n",
            i - 1
        ));
    }
    database(server, "count_small", SHOP);
    database(server, "count_large", &many);
    server
        .psql(
            "postgres",
            "CREATE ROLE counted LOGIN SUPERUSER PASSWORD 'counted-pass'; \
             ALTER ROLE counted SET log_statement = 'all';",
        )
        .expect("create the logged role");
    let small = discovered(connection(server, "count_small", "counted", "counted-pass")).await;
    let large = discovered(connection(server, "count_large", "counted", "counted-pass")).await;
    assert_eq!(large.value.summary.object_count, 300, "300 tables read");
    assert_eq!(large.value.summary.edge_count, 299, "299 foreign keys read");
    assert!(small.value.summary.object_count < 10, "a small schema");
    let counts = (
        statements_logged(server, "counted", "count_small"),
        statements_logged(server, "counted", "count_large"),
    );
    assert_eq!(
        counts,
        (STATEMENTS, STATEMENTS),
        "BEGIN, {CATALOG_QUERIES} catalog queries and ROLLBACK, whatever the number of tables"
    );
}
