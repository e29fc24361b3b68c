//! Pagila on the throwaway PostgreSQL: a fresh database per test, its discovered schema, a
//! runtime target on it, and the skills the PostgreSQL runtime tests run.

use bindery_binding::{ExecutionConfig, Skill};
use bindery_runtime::Target;
use bindery_schema::Schema;
use bindery_testkit::PostgresServer;
use serde_json::{json, Value};

use super::*;

/// A fresh pagila, its schema, and a runtime target on it.
pub struct Pagila {
    pub rt: tokio::runtime::Runtime,
    pub server: &'static PostgresServer,
    pub database: String,
    pub schema: Schema,
    pub target: Target,
}

pub fn pagila_for(name: &str) -> Option<Pagila> {
    let server = postgres()?;
    let rt = tokio();
    let database = pagila(server, name);
    let schema = discover_postgres(&rt, server, &database);
    let target = pg_target(&rt, server, &database);
    Some(Pagila {
        rt,
        server,
        database,
        schema,
        target,
    })
}

impl Pagila {
    /// psql's one-value answer.
    pub fn psql(&self, sql: &str) -> String {
        self.server.psql(&self.database, sql).expect("psql answers")
    }

    /// A query's rows as JSON (psql builds the JSON, so the comparison is independent).
    pub fn json(&self, sql: &str) -> Value {
        let text = self.psql(&format!(
            "SELECT coalesce(json_agg(q), '[]'::json) FROM ({sql}) q"
        ));
        serde_json::from_str(&text).expect("psql gives JSON")
    }

    pub fn count(&self, table: &str) -> i64 {
        self.psql(&format!("SELECT count(*) FROM {table}"))
            .parse()
            .expect("a count")
    }
}

pub fn customer_by_id(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Customer by id",
            "description": "A customer's record with the phone of their address.",
            "operation": "sql:select:public.customer.by_customer_id",
            "sqlSearch": {"column": "customer_id", "param": "customer_id", "transform": "to_integer"},
            "projection": [
                {"path": ["first_name"], "leaf": "first_name"},
                {"path": ["email"], "leaf": "email"},
                {"path": ["activebool"], "leaf": "active"},
                {"path": ["create_date"], "leaf": "created_on"},
                {"path": ["last_update"], "leaf": "updated_at"},
                {"path": ["address_id", "phone"], "leaf": "phone"}
            ]
        }),
    )
}

pub fn customers_by_last_name(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Customers by last name",
            "description": "Customers with the caller's last name, with the phone of the first one.",
            "operation": "sql:list:public.customer.by_last_name",
            "sqlSearch": {"column": "last_name", "param": "caller_last_name"},
            "projection": [
                {"path": ["[*]", "first_name"], "leaf": "first_names"},
                {"path": ["[first]", "email"], "leaf": "customer_email"},
                {"path": ["[first]", "address_id", "phone"], "leaf": "customer_phone"}
            ]
        }),
    )
}

pub fn add_actor(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Add an actor",
            "description": "Add an actor the caller names.",
            "operation": "sql:insert:public.actor",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"}
            ],
            "sqlWrite": {"mode": "insert"},
            "projection": [{"path": ["actor_id"], "leaf": "actor_id"}],
            "confirmation": {"prompt": "Add {caller_first_name} {caller_last_name}?"}
        }),
    )
}

pub fn rename_actor(schema: &Schema) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Rename an actor",
            "description": "Correct an actor's last name.",
            "operation": "sql:update:public.actor.by_actor_id",
            "isWrite": true,
            "inputObjectMap": [{"field": "last_name", "param": "caller_last_name"}],
            "sqlWrite": {"mode": "update", "keyColumn": "actor_id", "keyParam": "customer_id", "keyTransform": "to_integer"},
            "projection": [
                {"path": ["actor_id"], "leaf": "actor_id"},
                {"path": ["last_name"], "leaf": "new_last_name"}
            ],
            "confirmation": {"prompt": "Change the name to {caller_last_name}?"}
        }),
    )
}

pub fn skill_insert_customer(schema: &Schema, address_id: Value) -> Skill {
    skill(
        schema,
        json!({
            "toolName": "Add a customer",
            "description": "Create a customer record for the caller.",
            "operation": "sql:insert:public.customer",
            "isWrite": true,
            "inputObjectMap": [
                {"field": "store_id", "const": 1},
                {"field": "first_name", "param": "caller_first_name"},
                {"field": "last_name", "param": "caller_last_name"},
                {"field": "email", "param": "caller_email",
                 "piiOverride": {"reason": "the record needs a contact", "by": "ops@example.com"}},
                {"field": "address_id", "const": address_id},
                {"field": "activebool", "const": true},
                {"field": "create_date", "const": "2026-11-26"},
                {"field": "last_update", "param": "call_started_at"}
            ],
            "sqlWrite": {"mode": "insert"},
            "projection": [{"path": ["customer_id"], "leaf": "customer_id"}],
            "confirmation": {"prompt": "Create a record for {caller_first_name}?"}
        }),
    )
}

pub fn set_constant(skill: &mut Skill, column: &str, value: Value) {
    if let ExecutionConfig::NativeSql(plan) = &mut skill.execution_config {
        for parameter in &mut plan.parameters {
            if parameter.column == column {
                parameter.value = bindery_binding::ValuePlan::Const {
                    constant: value.clone(),
                };
            }
        }
    }
}
