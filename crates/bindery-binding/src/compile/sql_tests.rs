use bindery_schema::SourceKind;
use serde_json::json;

use crate::compile::testkit::{compile_ok, sql_schema, try_compile};
use crate::{ExecutionConfig, SqlPlan};

fn sql_plan(config: &ExecutionConfig) -> &SqlPlan {
    let plan = match config {
        ExecutionConfig::NativeSql(plan) => Some(plan),
        _ => None,
    };
    plan.expect("a SQL plan")
}

fn lookup(operation: &str) -> serde_json::Value {
    json!({
        "toolName": "Look up the caller",
        "description": "Find the caller's customer record by e-mail.",
        "operation": operation,
        "inputs": [{"arg": "email", "param": "caller_email", "transform": "lowercase"}],
        "projection": [
            {"path": ["first_name"], "leaf": "customer_name"},
            {"path": ["address_id", "phone"], "leaf": "customer_phone"}
        ]
    })
}

#[test]
fn a_postgres_lookup_joins_the_foreign_key_and_binds_the_filter() {
    let schema = sql_schema(SourceKind::Postgres, "customer");
    let skill = compile_ok(&schema, lookup("sql:select:public.customer.by_email"));
    let plan = sql_plan(&skill.execution_config);
    assert_eq!(
        plan.statement,
        r#"SELECT t0."first_name" AS "customer_name", t1."phone" AS "customer_phone" FROM "public"."customer" AS t0 LEFT JOIN "public"."address" AS t1 ON t1."address_id" = t0."address_id" WHERE t0."email" = $1 LIMIT 1"#,
        "the statement"
    );
    assert_eq!(plan.dialect, "postgres", "dialect");
    assert!(plan.read_only, "a read runs read-only");
    assert_eq!(plan.row_limit, 1, "a lookup reads one row");
    assert_eq!(
        plan.index.as_deref(),
        Some("customer_email_key"),
        "the index is recorded"
    );
    assert_eq!(plan.parameters.len(), 1, "one parameter");
    assert_eq!(plan.parameters[0].column, "email", "bound to email");
    assert_eq!(plan.parameters[0].column_type, "string", "typed");
    let outputs: Vec<(&str, &[String])> = plan
        .outputs
        .iter()
        .map(|o| (o.leaf.as_str(), o.path.as_slice()))
        .collect();
    assert_eq!(
        outputs,
        vec![
            ("customer_name", &["customer_name".to_owned()][..]),
            ("customer_phone", &["customer_phone".to_owned()][..])
        ],
        "outputs are read by alias"
    );
    assert_eq!(
        skill.allowed_fields,
        vec![
            "postgres:public.address.phone",
            "postgres:public.customer.first_name"
        ],
        "allowed fields are the projected origins, sorted"
    );
    assert!(!skill.is_write && skill.is_enabled, "a read starts enabled");
    assert_eq!(skill.expected_latency_ms, 50, "SQL read estimate");
    assert_eq!(skill.required_params, vec!["caller_email"], "required");
    assert_eq!(skill.data_egress_map.len(), 1, "one value leaves");
    assert_eq!(
        skill.data_egress_map[0].destination, "column:email",
        "to the email column"
    );
    assert_eq!(
        skill.data_egress_map[0].pii.as_deref(),
        Some("contact"),
        "email is contact"
    );
}

#[test]
fn a_list_orders_by_the_key_and_caps_the_rows() {
    let schema = sql_schema(SourceKind::Sqlite, "customer");
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Neighbours",
            "description": "Customers at one address.",
            "operation": "sql:list:customer.by_address_id",
            "sqlSearch": {"column": "address_id", "param": "customer_id"},
            "projection": [
                {"path": ["[*]", "first_name"], "leaf": "names"},
                {"path": ["[first]", "address_id", "city"], "leaf": "city"}
            ]
        }),
    );
    let plan = sql_plan(&skill.execution_config);
    assert_eq!(
        plan.statement,
        r#"SELECT t0."first_name" AS "names", t1."city" AS "city" FROM "main"."customer" AS t0 LEFT JOIN "main"."address" AS t1 ON t1."address_id" = t0."address_id" WHERE t0."address_id" = ?1 ORDER BY t0."customer_id" LIMIT 50"#,
        "SQLite list"
    );
    assert_eq!(plan.row_limit, 50, "the list's cap");
    assert!(plan.outputs[0].many, "[*] gives many");
    assert!(!plan.outputs[1].many, "[first] gives one");
    assert_eq!(plan.parameters[0].column_type, "integer", "column type");
}

#[test]
fn placeholders_and_quotes_follow_the_dialect() {
    let update = |kind: SourceKind, table: &str| {
        let schema = sql_schema(kind, table);
        let object = schema
            .objects
            .iter()
            .find(|o| o.name.ends_with(table))
            .map(|o| o.name.clone());
        let object = object.expect("the customer table exists");
        let skill = compile_ok(
            &schema,
            json!({
                "toolName": "Rename",
                "description": "Change the caller's name.",
                "operation": format!("sql:update:{object}.by_customer_id"),
                "isWrite": true,
                "confirmation": {"prompt": "Change your name to {caller_name}?"},
                "inputs": [{"arg": "customer_id", "param": "customer_id"}],
                "inputObjectMap": [
                    {"field": "first_name", "param": "caller_name"},
                    {"field": "address_id", "const": 7}
                ],
                "projection": [{"path": ["first_name"], "leaf": "new_name"}]
            }),
        );
        sql_plan(&skill.execution_config).statement.clone()
    };
    assert_eq!(
        update(SourceKind::Postgres, "customer"),
        r#"UPDATE "public"."customer" SET "first_name" = $1, "address_id" = $2 WHERE "customer_id" = $3 RETURNING "first_name" AS "new_name""#,
        "postgres"
    );
    assert_eq!(
        update(SourceKind::Mysql, "customer"),
        "UPDATE `sakila`.`customer` SET `first_name` = ?, `address_id` = ? WHERE `customer_id` = ?",
        "mysql: backticks, `?`, no RETURNING"
    );
    assert_eq!(
        update(SourceKind::Sqlite, "customer"),
        r#"UPDATE "main"."customer" SET "first_name" = ?1, "address_id" = ?2 WHERE "customer_id" = ?3 RETURNING "first_name" AS "new_name""#,
        "sqlite"
    );
    assert_eq!(
        update(SourceKind::Postgres, "cu\"st"),
        r#"UPDATE "public"."cu""st" SET "first_name" = $1, "address_id" = $2 WHERE "customer_id" = $3 RETURNING "first_name" AS "new_name""#,
        "a quote in a postgres name is doubled"
    );
    assert_eq!(
        update(SourceKind::Mysql, "cu`st"),
        "UPDATE `sakila`.`cu``st` SET `first_name` = ?, `address_id` = ? WHERE `customer_id` = ?",
        "a backtick in a mysql name is doubled"
    );
}

#[test]
fn a_hostile_column_name_stays_one_identifier() {
    let mut schema = sql_schema(SourceKind::Sqlite, "customer");
    for object in &mut schema.objects {
        for field in &mut object.fields {
            if field.name == "first_name" {
                field.name = "x\" FROM secrets; --".to_owned();
            }
        }
    }
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Look up",
            "description": "Find by e-mail.",
            "operation": "sql:select:customer.by_email",
            "inputs": [{"arg": "email", "param": "caller_email"}],
            "projection": [{"path": ["x\" FROM secrets; --"], "leaf": "name"}]
        }),
    );
    assert_eq!(
        sql_plan(&skill.execution_config).statement,
        r#"SELECT t0."x"" FROM secrets; --" AS "name" FROM "main"."customer" AS t0 WHERE t0."email" = ?1 LIMIT 1"#,
        "the quote is doubled, so the name cannot end the identifier"
    );
}

#[test]
fn an_insert_writes_the_mapped_columns_and_returns_the_projection() {
    let schema = sql_schema(SourceKind::Postgres, "customer");
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Add customer",
            "description": "Create a customer record.",
            "operation": "sql:insert:public.customer",
            "isWrite": true,
            "enabled": true,
            "sqlWrite": {"mode": "insert"},
            "confirmation": {"prompt": "Create a record for {caller_name}?"},
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "the record needs a contact", "by": "ops@example.com"}}
            ],
            "inputs": [{"arg": "address_id", "const": 1}],
            "projection": [{"path": ["customer_id"], "leaf": "customer_id"}]
        }),
    );
    let plan = sql_plan(&skill.execution_config);
    assert_eq!(
        plan.statement,
        r#"INSERT INTO "public"."customer" ("first_name", "email", "address_id") VALUES ($1, $2, $3) RETURNING "customer_id" AS "customer_id""#,
        "insert"
    );
    assert!(!plan.read_only && plan.row_limit == 1, "a one-row write");
    assert!(
        skill.is_write && skill.requires_confirmation && skill.non_parallelizable,
        "write flags"
    );
    assert!(
        !skill.requires_verified_identity,
        "an insert needs no verified identity"
    );
    assert!(!skill.is_enabled, "a write lands disabled even when asked");
    assert_eq!(skill.expected_latency_ms, 150, "SQL write estimate");
    assert_eq!(
        skill.confirmation_prompt.as_deref(),
        Some("Create a record for {caller_name}?"),
        "prompt"
    );
    let egress: Vec<(&str, &str, Option<&str>, Option<&str>)> = skill
        .data_egress_map
        .iter()
        .map(|e| {
            (
                e.source.as_str(),
                e.destination.as_str(),
                e.pii.as_deref(),
                e.override_reason.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        egress,
        vec![
            ("const", "column:address_id", Some("address"), None),
            ("caller_name", "column:first_name", Some("contact"), None),
            (
                "caller_email",
                "column:email",
                Some("contact"),
                Some("the record needs a contact")
            ),
        ],
        "egress in binding order (inputs, then input-object fields)"
    );
}

#[test]
fn an_update_by_a_unique_key_uses_sql_write() {
    let schema = sql_schema(SourceKind::Mysql, "customer");
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Rename by email",
            "description": "Change the name on the caller's record.",
            "operation": "sql:update:sakila.customer.by_customer_id",
            "isWrite": true,
            "sqlWrite": {"mode": "update", "keyColumn": "email", "keyParam": "caller_email"},
            "confirmation": {"prompt": "Change your name?"},
            "inputObjectMap": [{"field": "first_name", "param": "caller_name"}]
        }),
    );
    let plan = sql_plan(&skill.execution_config);
    assert_eq!(
        plan.statement, "UPDATE `sakila`.`customer` SET `first_name` = ? WHERE `email` = ?",
        "set then key"
    );
    let order: Vec<&str> = plan.parameters.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(
        order,
        vec!["first_name", "email"],
        "parameters in placeholder order"
    );
    assert!(
        skill.requires_verified_identity,
        "an update needs a verified identity"
    );
    assert!(
        plan.outputs.is_empty() && skill.allowed_fields.is_empty(),
        "mysql reads nothing back"
    );
}

#[test]
fn the_parameters_schema_holds_only_what_the_caller_supplies() {
    let schema = sql_schema(SourceKind::Postgres, "customer");
    let skill = compile_ok(
        &schema,
        json!({
            "toolName": "Log call",
            "description": "Create a record for this call.",
            "operation": "sql:insert:public.customer",
            "isWrite": true,
            "confirmation": {"prompt": "Save?"},
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_name", "default": "Unknown"},
                {"field": "email", "param": "caller_phone"},
                {"field": "address_id", "param": "location_id"}
            ]
        }),
    );
    assert_eq!(
        skill.parameters_schema,
        json!({
            "type": "object",
            "properties": {
                "caller_name": {
                    "type": "string",
                    "description": "The caller's full name, as the caller gives it.",
                    "default": "Unknown"
                }
            },
            "required": [],
            "additionalProperties": false
        }),
        "call-context (caller_phone) and operator (location_id) parameters are not asked for"
    );
    assert!(
        skill.required_params.is_empty(),
        "a defaulted parameter is optional"
    );
    let sources: Vec<_> = skill
        .data_egress_map
        .iter()
        .map(|e| e.source.as_str())
        .collect();
    assert_eq!(
        sources,
        vec!["caller_name", "caller_phone", "location_id"],
        "all of them still leave"
    );
}

#[test]
fn a_read_without_filter_or_a_delete_does_not_compile() {
    let schema = sql_schema(SourceKind::Sqlite, "customer");
    let unfiltered = try_compile(
        &schema,
        json!({
            "toolName": "Everyone",
            "description": "Everything.",
            "operation": "sql:select:customer.by_email",
            "projection": [{"path": ["first_name"], "leaf": "name"}]
        }),
    );
    assert!(
        unfiltered.is_err(),
        "a read with no filter is refused: {unfiltered:?}"
    );
    let missing = try_compile(&schema, lookup("sql:select:customer.by_phone"));
    assert!(
        missing.is_err_and(|e| e.message.contains("not in the schema")),
        "unknown operation"
    );
}
