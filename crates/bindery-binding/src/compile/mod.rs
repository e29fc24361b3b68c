//! Compile: a [`Valid`] binding and the schema it was validated against become a frozen
//! [`Skill`]. Pure and deterministic: the same binding and the same schema give byte-identical
//! JSON, and so the same `contentHash`.
//!
//! The transport decides the request plan (`sql`, `graphql`, `rest`); everything the
//! transports share is here: where each value comes from ([`ValuePlan`]), the caller-facing
//! `parametersSchema`, the data-egress map, the safety flags and the content hash.
//!
//! Compile trusts validation for what a *person* got wrong, but never trusts it blindly: when
//! the schema lacks something a valid binding needs (an operation, an argument, a column, a
//! GraphQL type spelling), or a binding reaches compile with a problem validation should have
//! caught, the answer is a [`CompileError`] (code `binding/compile-inconsistent`), never a
//! panic and never a plan that would do something other than what was approved.

use serde_json::Value;
use sha2::{Digest, Sha256};

use bindery_schema::{Argument, Object, Operation, OperationClass, Transport};

use crate::path::Segment;
use crate::resolve::{self, Walk};
use crate::{Binding, Context, ExecutionConfig, Projection, Skill, Valid, ValuePlan, ValueSource};

use egress::{egress_map, EgressTo};
use parameters::parameters_schema;

mod egress;
mod graphql;
mod parameters;
mod rest;
mod sql;
mod sql_values;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

/// Compile found the schema inconsistent with a binding that was validated against it (a
/// defect, not a user error): code `binding/compile-inconsistent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// What was inconsistent.
    pub message: String,
}

impl CompileError {
    /// The stable code of every compile error.
    pub const CODE: &'static str = "binding/compile-inconsistent";

    pub(crate) fn new(message: impl Into<String>) -> CompileError {
        CompileError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", CompileError::CODE, self.message)
    }
}

impl std::error::Error for CompileError {}

/// Planning estimate of one SQL statement on an indexed path (milliseconds).
pub const SQL_LATENCY_MS: u32 = 50;
/// Planning estimate of one GraphQL request to a hosted API (milliseconds).
pub const GRAPHQL_LATENCY_MS: u32 = 400;
/// Planning estimate of one REST request to a hosted API (milliseconds).
pub const REST_LATENCY_MS: u32 = 300;
/// Added to the estimate of a write (providers commit, index and often notify).
pub const WRITE_LATENCY_MS: u32 = 100;

/// Items a GraphQL connection is asked for when a projection reads every item (`[*]`) or
/// searches them (`[field=value]`) and the binding does not page it (the SQL list cap too).
pub const GRAPHQL_CONNECTION_PAGE: u32 = 50;

/// The pattern of an E.164 phone number, added to a caller parameter with format `e164`.
pub const E164_PATTERN: &str = r"^\+[1-9][0-9]{1,14}$";

/// What a transport's compiler produces.
struct TransportPlan {
    /// The frozen request.
    config: ExecutionConfig,
    /// Origins of the fields the plan reads back.
    read_origins: Vec<String>,
}

/// Compiles a valid binding to a frozen skill.
///
/// `contentHash` is `sha256:<hex>` of `serde_json::to_vec` of the skill with `contentHash` set
/// to the empty string: every other field, including `schemaFingerprint`, is covered.
pub fn compile(binding: &Valid<Binding>, cx: &Context<'_>) -> Result<Skill, CompileError> {
    let binding = binding.get();
    let op = cx.schema.operation(&binding.operation).ok_or_else(|| {
        CompileError::new(format!(
            "the operation `{}` is not in the schema",
            binding.operation
        ))
    })?;
    let is_write = op.class.is_write();
    if binding.is_write != is_write {
        return Err(CompileError::new(format!(
            "`isWrite` is {} but `{}` is a {}",
            binding.is_write,
            op.id,
            if is_write { "write" } else { "read" }
        )));
    }
    let description = binding
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| CompileError::new("the binding has no description"))?;

    let (plan, base_latency, egress_to) = match op.transport {
        Transport::NativeSql => (sql::plan(binding, op, cx)?, SQL_LATENCY_MS, EgressTo::Sql),
        Transport::NativeGraphql => {
            let input = graphql::input_argument(binding, op, cx)?.map(|a| a.name.clone());
            let plan = graphql::plan(binding, op, cx)?;
            (plan, GRAPHQL_LATENCY_MS, EgressTo::Graphql { input })
        }
        Transport::NativeRest => (
            rest::plan(binding, op, cx)?,
            REST_LATENCY_MS,
            EgressTo::Rest,
        ),
        Transport::HttpWebhook => {
            return Err(CompileError::new(format!(
                "`{}` is an http_webhook operation, which Bindery does not compile",
                op.id
            )))
        }
    };
    let data_egress_map = egress_map(binding, op, cx, &egress_to)?;
    let (parameters_schema, required_params) = parameters_schema(binding, cx)?;

    let mut allowed_fields = plan.read_origins;
    allowed_fields.sort();
    allowed_fields.dedup();

    let mut skill = Skill {
        name: binding.tool_name.clone(),
        description: description.to_owned(),
        skill_type: op.transport,
        operation: op.id.clone(),
        parameters_schema,
        required_params,
        execution_config: plan.config,
        data_egress_map,
        allowed_fields,
        is_write,
        requires_confirmation: is_write,
        non_parallelizable: is_write,
        requires_verified_identity: matches!(
            op.class,
            OperationClass::Update | OperationClass::Delete
        ),
        is_enabled: !is_write && binding.enabled.unwrap_or(true),
        expected_latency_ms: base_latency + if is_write { WRITE_LATENCY_MS } else { 0 },
        confirmation_prompt: binding.confirmation.as_ref().map(|c| c.prompt.clone()),
        schema_fingerprint: cx.schema_fingerprint.to_owned(),
        content_hash: String::new(),
    };
    skill.content_hash = content_hash(&skill)?;
    Ok(skill)
}

/// `sha256:<hex>` of the skill's JSON with `contentHash` empty.
fn content_hash(skill: &Skill) -> Result<String, CompileError> {
    let mut unhashed = skill.clone();
    unhashed.content_hash = String::new();
    let bytes = serde_json::to_vec(&unhashed)
        .map_err(|e| CompileError::new(format!("the skill could not be serialized: {e}")))?;
    Ok(format!("sha256:{}", hex::encode(Sha256::digest(bytes))))
}

/// The value plan of an input or input-object field.
fn value_plan(source: &ValueSource, cx: &Context<'_>, at: &str) -> Result<ValuePlan, CompileError> {
    match (&source.param, &source.constant) {
        (Some(param), None) => param_plan(
            param,
            source.transform.clone(),
            source.default.clone(),
            cx,
            at,
        ),
        (None, Some(constant)) if source.transform.is_none() && source.default.is_none() => {
            Ok(ValuePlan::Const {
                constant: constant.clone(),
            })
        }
        (None, Some(_)) => Err(CompileError::new(format!(
            "{at}: a constant has a transform or a default"
        ))),
        (Some(_), Some(_)) => Err(CompileError::new(format!(
            "{at} has both `param` and `const`"
        ))),
        (None, None) => Err(CompileError::new(format!(
            "{at} has neither `param` nor `const`"
        ))),
    }
}

/// The value plan of a canonical parameter.
fn param_plan(
    param: &str,
    transform: Option<String>,
    default: Option<Value>,
    cx: &Context<'_>,
    at: &str,
) -> Result<ValuePlan, CompileError> {
    let known = cx.registry.get(param).ok_or_else(|| {
        CompileError::new(format!("{at}: `{param}` is not in the parameter registry"))
    })?;
    if let Some(name) = &transform {
        if crate::params::transform(name).is_none() {
            return Err(CompileError::new(format!(
                "{at}: `{name}` is not a known transform"
            )));
        }
    }
    Ok(ValuePlan::Param {
        param: param.to_owned(),
        from: known.provenance,
        transform,
        default,
    })
}

/// The operation's argument of this name.
fn argument<'s>(op: &'s Operation, name: &str) -> Result<&'s Argument, CompileError> {
    op.arguments
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| CompileError::new(format!("`{}` has no argument `{name}`", op.id)))
}

/// The object an operation reads or writes, when the schema has it.
fn op_object<'s>(op: &Operation, cx: &Context<'s>) -> Option<&'s Object> {
    op.object.as_deref().and_then(|name| cx.schema.object(name))
}

/// The input object of a write, when the schema has it.
fn input_object<'s>(op: &Operation, cx: &Context<'s>) -> Option<&'s Object> {
    op.input_object
        .as_deref()
        .and_then(|name| cx.schema.object(name))
}

/// Walks a projection's path, parsed.
fn walk_projection<'s>(
    projection: &Projection,
    op: &'s Operation,
    cx: &Context<'s>,
) -> Result<Walk<'s>, CompileError> {
    let segments = projection
        .path
        .iter()
        .map(|text| Segment::parse(text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CompileError::new(format!("projection `{}`: {}", projection.leaf, e.0)))?;
    resolve::walk(cx.schema, op, &segments).map_err(|e| {
        CompileError::new(format!(
            "projection `{}` ({}): {}",
            projection.leaf, e.code, e.message
        ))
    })
}
