//! GraphQL: one frozen document per skill, on one line:
//!
//! `query LookUpTheCaller($email: String!) { customer(email: $email) { name address { city } } }`
//!
//! Only bound arguments become variables (in the operation's argument order), typed with the
//! schema's own spelling (`Argument.native_type`); a write's input-object argument is one
//! variable whose fields come from `inputObjectMap`. The selection is exactly the projected
//! fields, merged by name in binding order; a Relay connection is selected through its real
//! path (`issues { nodes { title } }`) and the outputs follow the JSON the same way
//! (`issues`, `nodes[*]`, `title`). A mutation whose payload reports `userErrors` also selects
//! them, so the runtime can turn a refused write into a failure the agent can explain.
//!
//! Connections are always bounded: a connection the binding does not page itself, and which
//! takes a `first: Int`, is asked for as many items as the projections need (`[first]` → 1,
//! `[n]` → n + 1, `[*]` and `[field=value]` → [`GRAPHQL_CONNECTION_PAGE`]), written as a
//! literal (`issues(first: 50) { nodes { title } }`). Many APIs (GitHub, Shopify) refuse a
//! connection without `first` or `last`; the others would answer an unbounded page.

use bindery_schema::{Argument, Connection, FieldType, Operation, Scalar};

use super::{
    argument, value_plan, walk_projection, CompileError, TransportPlan, GRAPHQL_CONNECTION_PAGE,
};
use crate::path::Cardinality;
use crate::resolve::Step;
use crate::{
    Binding, Context, ExecutionConfig, FieldPlan, GraphqlPlan, GraphqlVariable, OutputPlan,
};

/// A field in the selection and the fields selected under it.
#[derive(Debug, Default)]
struct Selection {
    name: String,
    /// A connection's page size (`first: n`), the largest any projection needs.
    page: Option<u32>,
    children: Vec<Selection>,
}

/// One field on a selection path, with the page size of a connection.
type Picked = (String, Option<u32>);

impl Selection {
    /// Adds a path of field names, merging with what is already selected.
    fn insert(&mut self, path: &[Picked]) {
        let Some(((first, page), rest)) = path.split_first() else {
            return;
        };
        let child = match self.children.iter().position(|c| &c.name == first) {
            Some(i) => &mut self.children[i],
            None => {
                self.children.push(Selection {
                    name: first.clone(),
                    page: None,
                    children: Vec::new(),
                });
                let last = self.children.len() - 1;
                &mut self.children[last]
            }
        };
        child.page = child.page.max(*page);
        child.insert(rest);
    }

    /// ` { a b { c } }`, or nothing when nothing is selected under it.
    fn render_children(&self, out: &mut String) {
        if self.children.is_empty() {
            return;
        }
        out.push_str(" {");
        for child in &self.children {
            out.push(' ');
            out.push_str(&child.name);
            if let Some(page) = child.page {
                out.push_str(&format!("(first: {page})"));
            }
            child.render_children(out);
        }
        out.push_str(" }");
    }
}

/// The operation's root type and field (`Query.customer` → `query`, `customer`).
fn root(op: &Operation) -> Result<(&'static str, &str), CompileError> {
    match op.id.split_once('.') {
        Some(("Query", field)) if !field.is_empty() => Ok(("query", field)),
        Some(("Mutation", field)) if !field.is_empty() => Ok(("mutation", field)),
        _ => Err(CompileError::new(format!(
            "`{}` is neither `Query.<field>` nor `Mutation.<field>`",
            op.id
        ))),
    }
}

/// The argument that carries a write's input object (`input: CustomerInput!`), when the
/// binding maps input-object fields.
pub(super) fn input_argument<'s>(
    binding: &Binding,
    op: &'s Operation,
    _cx: &Context<'_>,
) -> Result<Option<&'s Argument>, CompileError> {
    if binding.input_object_map.is_empty() {
        return Ok(None);
    }
    let input = op.input_object.as_deref().ok_or_else(|| {
        CompileError::new(format!(
            "`{}` has no input object to map fields onto",
            op.id
        ))
    })?;
    let carries = |a: &&Argument| matches!(&a.ty, FieldType::Object { object } if object == input);
    let found = op
        .arguments
        .iter()
        .filter(carries)
        .find(|a| a.name == "input")
        .or_else(|| op.arguments.iter().find(carries));
    found.map(Some).ok_or_else(|| {
        CompileError::new(format!(
            "no argument of `{}` carries its input object `{input}`",
            op.id
        ))
    })
}

/// The document's operation name: the tool name in PascalCase (`Look up the caller` →
/// `LookUpTheCaller`), prefixed with `Bindery` when empty or starting with a digit.
pub(super) fn operation_name(tool_name: &str) -> String {
    let mut name = String::new();
    for word in tool_name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Bindery");
    }
    name
}

/// The variable type: the schema's spelling of the argument's type.
fn variable_type(op: &Operation, arg: &Argument) -> Result<String, CompileError> {
    arg.native_type
        .clone()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            CompileError::new(format!(
                "the schema does not spell the GraphQL type of `{}` of `{}`; rediscover the API",
                arg.name, op.id
            ))
        })
}

/// How many items of a connection a cardinality needs.
fn page_size(cardinality: &Cardinality) -> u32 {
    match cardinality {
        Cardinality::First => 1,
        Cardinality::Index { index } => u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX),
        Cardinality::Each | Cardinality::Where { .. } => GRAPHQL_CONNECTION_PAGE,
    }
}

/// Whether a field (or the root) can be paged with `first: Int`.
fn takes_first(arguments: &[Argument]) -> bool {
    arguments.iter().any(|a| {
        a.name == "first"
            && matches!(
                a.ty,
                FieldType::Scalar {
                    scalar: Scalar::Integer,
                    ..
                }
            )
    })
}

/// The selection path and the output path of the connection segments of a list.
fn connection_segments(
    connection: &Connection,
    cardinality: &Cardinality,
    select: &mut Vec<Picked>,
    output: &mut Vec<String>,
) {
    for (i, segment) in connection.path.split('.').enumerate() {
        select.push((segment.to_owned(), None));
        if i == 0 {
            output.push(format!("{segment}{cardinality}"));
        } else {
            output.push(segment.to_owned());
        }
    }
}

/// Plans a GraphQL request.
pub(super) fn plan(
    binding: &Binding,
    op: &Operation,
    cx: &Context<'_>,
) -> Result<TransportPlan, CompileError> {
    let (keyword, root_field) = root(op)?;
    for input in &binding.inputs {
        argument(op, &input.arg)?;
    }
    let input_arg = input_argument(binding, op, cx)?;
    let input_type = op.input_object.as_deref().and_then(|n| cx.schema.object(n));

    let mut variables = Vec::new();
    for arg in &op.arguments {
        let bound: Vec<_> = binding
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, m)| m.arg == arg.name)
            .collect();
        let carries_input = input_arg.is_some_and(|a| a.name == arg.name);
        match (bound.as_slice(), carries_input) {
            ([], false) => continue,
            ([(i, input)], false) => variables.push(GraphqlVariable {
                name: arg.name.clone(),
                graphql_type: variable_type(op, arg)?,
                value: Some(value_plan(&input.source, cx, &format!("inputs[{i}]"))?),
                fields: Vec::new(),
            }),
            ([], true) => {
                let mut fields = Vec::new();
                for (i, mapping) in binding.input_object_map.iter().enumerate() {
                    let known = input_type
                        .is_some_and(|t| t.fields.iter().any(|f| f.name == mapping.field));
                    if !known {
                        return Err(CompileError::new(format!(
                            "the input object of `{}` has no field `{}`",
                            op.id, mapping.field
                        )));
                    }
                    fields.push(FieldPlan {
                        field: mapping.field.clone(),
                        value: value_plan(&mapping.source, cx, &format!("inputObjectMap[{i}]"))?,
                    });
                }
                variables.push(GraphqlVariable {
                    name: arg.name.clone(),
                    graphql_type: variable_type(op, arg)?,
                    value: None,
                    fields,
                });
            }
            _ => {
                return Err(CompileError::new(format!(
                    "the argument `{}` of `{}` is bound twice",
                    arg.name, op.id
                )))
            }
        }
    }

    // The selection and the outputs.
    let mut selection = Selection::default();
    // The root connection is paged by the compiler only when the binding pages it by neither
    // `first` nor `last`.
    let root_pages = op.connection.is_some()
        && takes_first(&op.arguments)
        && !binding
            .inputs
            .iter()
            .any(|m| m.arg == "first" || m.arg == "last");
    let mut root_page: Option<u32> = None;
    let mut outputs = Vec::new();
    let mut read_origins = Vec::new();
    for projection in &binding.projection {
        let walk = walk_projection(projection, op, cx)?;
        let mut select = Vec::new();
        let mut output = Vec::new();
        for step in &walk.steps {
            match step {
                Step::Root { cardinality } => match &op.connection {
                    Some(connection) => {
                        if root_pages {
                            root_page = root_page.max(Some(page_size(cardinality)));
                        }
                        connection_segments(connection, cardinality, &mut select, &mut output)
                    }
                    None => output.push(cardinality.to_string()),
                },
                Step::Field {
                    object,
                    field,
                    cardinality,
                } => {
                    if let Some(required) = field.arguments.iter().find(|a| a.required) {
                        return Err(CompileError::new(format!(
                            "`{}.{}` needs the argument `{}`, which a projection cannot give",
                            object.name, field.name, required.name
                        )));
                    }
                    match (&field.connection, cardinality) {
                        (Some(connection), Some(cardinality)) => {
                            let page =
                                takes_first(&field.arguments).then(|| page_size(cardinality));
                            select.push((field.name.clone(), page));
                            output.push(field.name.clone());
                            connection_segments(connection, cardinality, &mut select, &mut output);
                        }
                        (_, Some(cardinality)) => {
                            select.push((field.name.clone(), None));
                            output.push(format!("{}{cardinality}", field.name))
                        }
                        (_, None) => {
                            select.push((field.name.clone(), None));
                            output.push(field.name.clone())
                        }
                    }
                }
                Step::Join { .. } => {
                    return Err(CompileError::new(format!(
                        "projection `{}` joins tables, which GraphQL does not",
                        projection.leaf
                    )))
                }
            }
        }
        selection.insert(&select);
        outputs.push(OutputPlan {
            leaf: projection.leaf.clone(),
            path: output,
            leaf_type: walk.leaf_type.label(),
            many: walk.many,
        });
        read_origins.push(walk.leaf.origin.clone());
    }

    let user_errors_path = if keyword == "mutation" {
        select_user_errors(op, cx, &mut selection)
    } else {
        None
    };
    let returns_object = returns_object(op);
    if returns_object && selection.children.is_empty() {
        selection.insert(&[("__typename".to_owned(), None)]);
    }
    if !returns_object && !selection.children.is_empty() {
        return Err(CompileError::new(format!(
            "`{}` returns a scalar, which has no fields to select",
            op.id
        )));
    }

    let name = operation_name(&binding.tool_name);
    let mut document = format!("{keyword} {name}");
    if !variables.is_empty() {
        let declared = variables
            .iter()
            .map(|v| format!("${}: {}", v.name, v.graphql_type))
            .collect::<Vec<_>>()
            .join(", ");
        document.push_str(&format!("({declared})"));
    }
    document.push_str(" { ");
    document.push_str(root_field);
    let mut passed: Vec<String> = variables
        .iter()
        .map(|v| format!("{}: ${}", v.name, v.name))
        .collect();
    if let Some(page) = root_page {
        passed.push(format!("first: {page}"));
    }
    if !passed.is_empty() {
        document.push_str(&format!("({})", passed.join(", ")));
    }
    selection.render_children(&mut document);
    document.push_str(" }");

    Ok(TransportPlan {
        config: ExecutionConfig::NativeGraphql(GraphqlPlan {
            document,
            operation_name: name,
            root_field: root_field.to_owned(),
            variables,
            user_errors_path,
            outputs,
        }),
        read_origins,
    })
}

/// Whether the root field's type (lists unwrapped) has fields to select.
fn returns_object(op: &Operation) -> bool {
    let mut ty = op.returns.as_ref();
    while let Some(FieldType::List { of }) = ty {
        ty = Some(of);
    }
    matches!(ty, Some(FieldType::Object { .. }))
}

/// Selects a mutation payload's `userErrors { field message }` (the sub-fields it has; its
/// scalar fields when it has neither) and gives its path under the root field.
fn select_user_errors(
    op: &Operation,
    cx: &Context<'_>,
    selection: &mut Selection,
) -> Option<Vec<String>> {
    let Some(FieldType::Object { object }) = &op.returns else {
        return None;
    };
    let payload = cx.schema.object(object)?;
    let errors = payload
        .fields
        .iter()
        .find(|f| f.role == Some(bindery_schema::FieldRole::UserErrors))?;
    let mut ty = &errors.ty;
    while let FieldType::List { of } = ty {
        ty = of;
    }
    let error_type = match ty {
        FieldType::Object { object } => cx.schema.object(object),
        _ => None,
    };
    let mut wanted: Vec<String> = Vec::new();
    if let Some(error_type) = error_type {
        for name in ["field", "message"] {
            if error_type.fields.iter().any(|f| f.name == name) {
                wanted.push(name.to_owned());
            }
        }
        if wanted.is_empty() {
            wanted = error_type
                .fields
                .iter()
                .filter(|f| f.arguments.iter().all(|a| !a.required))
                .filter(|f| is_scalar(&f.ty))
                .map(|f| f.name.clone())
                .collect();
        }
    }
    if error_type.is_some() && wanted.is_empty() {
        wanted.push("__typename".to_owned());
    }
    if wanted.is_empty() {
        selection.insert(&[(errors.name.clone(), None)]);
    }
    for name in wanted {
        selection.insert(&[(errors.name.clone(), None), (name, None)]);
    }
    Some(vec![errors.name.clone()])
}

fn is_scalar(ty: &FieldType) -> bool {
    match ty {
        FieldType::List { of } => is_scalar(of),
        FieldType::Scalar { .. } | FieldType::Enum { .. } => true,
        FieldType::Object { .. } | FieldType::Unknown { .. } => false,
    }
}

#[cfg(test)]
#[path = "graphql_tests.rs"]
mod tests;
