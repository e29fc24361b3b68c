//! REST: the operation's method and path template, each bound argument where the description
//! puts it (`path`, `query`, `header`, `cookie`, `body`; input-object fields are body
//! properties), and the outputs as the projection paths were written (the runtime follows
//! `items[first]`, `[*]`, ... in the JSON answer).

use bindery_schema::{ArgLocation, Operation};

use super::{argument, value_plan, walk_projection, CompileError, TransportPlan};
use crate::{Binding, Context, ExecutionConfig, OutputPlan, RestArgument, RestPlan};

/// Plans a REST request.
pub(super) fn plan(
    binding: &Binding,
    op: &Operation,
    cx: &Context<'_>,
) -> Result<TransportPlan, CompileError> {
    let route = op.http.as_ref().ok_or_else(|| {
        CompileError::new(format!(
            "the REST operation `{}` has no method and path",
            op.id
        ))
    })?;

    let mut arguments: Vec<RestArgument> = Vec::new();
    for input in &binding.inputs {
        argument(op, &input.arg)?;
    }
    for arg in &op.arguments {
        let mut bound = binding
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, m)| m.arg == arg.name);
        let Some((i, input)) = bound.next() else {
            continue;
        };
        if bound.next().is_some() {
            return Err(CompileError::new(format!(
                "the argument `{}` of `{}` is bound twice",
                arg.name, op.id
            )));
        }
        arguments.push(RestArgument {
            name: arg.name.clone(),
            location: arg.location,
            value: value_plan(&input.source, cx, &format!("inputs[{i}]"))?,
        });
    }
    if !binding.input_object_map.is_empty() {
        let input = op
            .input_object
            .as_deref()
            .and_then(|name| cx.schema.object(name))
            .ok_or_else(|| {
                CompileError::new(format!(
                    "`{}` has no request body object to map fields onto",
                    op.id
                ))
            })?;
        for (i, mapping) in binding.input_object_map.iter().enumerate() {
            if !input.fields.iter().any(|f| f.name == mapping.field) {
                return Err(CompileError::new(format!(
                    "the request body `{}` has no property `{}`",
                    input.name, mapping.field
                )));
            }
            let duplicate = arguments
                .iter()
                .any(|a| a.location == ArgLocation::Body && a.name == mapping.field);
            if duplicate {
                return Err(CompileError::new(format!(
                    "the body property `{}` is bound twice",
                    mapping.field
                )));
            }
            arguments.push(RestArgument {
                name: mapping.field.clone(),
                location: ArgLocation::Body,
                value: value_plan(&mapping.source, cx, &format!("inputObjectMap[{i}]"))?,
            });
        }
    }
    for placeholder in path_placeholders(&route.path) {
        let filled = arguments
            .iter()
            .any(|a| a.location == ArgLocation::Path && a.name == placeholder);
        if !filled {
            return Err(CompileError::new(format!(
                "`{{{placeholder}}}` in `{}` has no value",
                route.path
            )));
        }
    }

    let mut outputs = Vec::new();
    let mut read_origins = Vec::new();
    for projection in &binding.projection {
        let walk = walk_projection(projection, op, cx)?;
        outputs.push(OutputPlan {
            leaf: projection.leaf.clone(),
            path: projection.path.clone(),
            leaf_type: walk.leaf_type.label(),
            many: walk.many,
        });
        read_origins.push(walk.leaf.origin.clone());
    }

    // The body's encoding, when something goes in it (JSON unless the description says otherwise).
    let body_media_type = arguments
        .iter()
        .any(|a| a.location == ArgLocation::Body)
        .then(|| {
            route
                .body_media_type
                .clone()
                .unwrap_or_else(|| "application/json".to_owned())
        });
    Ok(TransportPlan {
        config: ExecutionConfig::NativeRest(RestPlan {
            method: route.method.to_ascii_uppercase(),
            path: route.path.clone(),
            body_media_type,
            arguments,
            outputs,
        }),
        read_origins,
    })
}

/// The `{name}`s of a path template.
fn path_placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
#[path = "rest_tests.rs"]
mod tests;
