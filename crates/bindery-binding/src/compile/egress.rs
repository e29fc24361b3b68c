//! The data-egress map: every value that leaves for the provider, where it goes, and the PII
//! class of the place it lands (with the recorded override that let it through).

use bindery_schema::pii::{self, PiiClass};
use bindery_schema::{ArgLocation, Argument, FieldType, Operation};

use super::{argument, input_object, op_object, CompileError};
use crate::{Binding, Context, Egress, PiiOverride, ValueSource};

/// How a transport names the place a value goes.
pub(super) enum EgressTo {
    /// `column:<name>`.
    Sql,
    /// `variable:<argument>`, `variable:<input>.<field>`.
    Graphql {
        /// The input-object argument of a write.
        input: Option<String>,
    },
    /// `<in>:<name>` (`query:email`), input-object fields `body:<name>`.
    Rest,
}

/// One `Egress` per value sent, in binding order: inputs, input-object fields, the SQL filter,
/// the SQL write key.
pub(super) fn egress_map(
    binding: &Binding,
    op: &Operation,
    cx: &Context<'_>,
    to: &EgressTo,
) -> Result<Vec<Egress>, CompileError> {
    let mut map = Vec::new();
    for input in &binding.inputs {
        let arg = argument(op, &input.arg)?;
        let destination = match to {
            EgressTo::Sql => format!("column:{}", arg.name),
            EgressTo::Graphql { .. } => format!("variable:{}", arg.name),
            EgressTo::Rest => format!("{}:{}", location_name(arg.location), arg.name),
        };
        let class = argument_pii(op, cx, arg);
        map.push(egress(
            &input.source,
            destination,
            class,
            input.pii_override.as_ref(),
        ));
    }
    for mapping in &binding.input_object_map {
        let destination = match to {
            EgressTo::Sql => format!("column:{}", mapping.field),
            EgressTo::Graphql { input } => {
                let input = input.as_deref().ok_or_else(|| {
                    CompileError::new(format!("`{}` has no input-object argument", op.id))
                })?;
                format!("variable:{input}.{}", mapping.field)
            }
            EgressTo::Rest => format!("body:{}", mapping.field),
        };
        let class = input_field_pii(op, cx, &mapping.field);
        map.push(egress(
            &mapping.source,
            destination,
            class,
            mapping.pii_override.as_ref(),
        ));
    }
    let column_pii = |column: &str| {
        op_object(op, cx)
            .and_then(|o| o.fields.iter().find(|f| f.name == column))
            .map_or(PiiClass::None, |f| f.pii)
    };
    if let Some(search) = &binding.sql_search {
        let source = ValueSource {
            param: Some(search.param.clone()),
            ..ValueSource::default()
        };
        let destination = format!("column:{}", search.column);
        map.push(egress(
            &source,
            destination,
            column_pii(&search.column),
            None,
        ));
    }
    if let Some(write) = &binding.sql_write {
        if let (Some(column), Some(param)) = (&write.key_column, &write.key_param) {
            let source = ValueSource {
                param: Some(param.clone()),
                ..ValueSource::default()
            };
            map.push(egress(
                &source,
                format!("column:{column}"),
                column_pii(column),
                None,
            ));
        }
    }
    Ok(map)
}

fn egress(
    source: &ValueSource,
    destination: String,
    class: PiiClass,
    pii_override: Option<&PiiOverride>,
) -> Egress {
    Egress {
        source: source.param.clone().unwrap_or_else(|| "const".to_owned()),
        destination,
        pii: (class != PiiClass::None).then(|| pii_name(class).to_owned()),
        override_reason: pii_override.map(|o| o.reason.clone()),
    }
}

/// The PII class of an argument: the field of the same name on the operation's object, else on
/// its input object, else the shared classifier applied to the argument itself.
fn argument_pii(op: &Operation, cx: &Context<'_>, arg: &Argument) -> PiiClass {
    let field = [op_object(op, cx), input_object(op, cx)]
        .into_iter()
        .flatten()
        .find_map(|o| o.fields.iter().find(|f| f.name == arg.name));
    match field {
        Some(field) => field.pii,
        None => {
            let format = match &arg.ty {
                FieldType::Scalar { format, .. } => format.as_deref(),
                _ => None,
            };
            pii::classify(&arg.name, format).0
        }
    }
}

/// The PII class of an input-object field (a column for SQL).
fn input_field_pii(op: &Operation, cx: &Context<'_>, name: &str) -> PiiClass {
    [input_object(op, cx), op_object(op, cx)]
        .into_iter()
        .flatten()
        .find_map(|o| o.fields.iter().find(|f| f.name == name))
        .map_or_else(|| pii::classify(name, None).0, |f| f.pii)
}

/// The wire name of a PII class.
fn pii_name(class: PiiClass) -> &'static str {
    match class {
        PiiClass::None => "none",
        PiiClass::Contact => "contact",
        PiiClass::Address => "address",
        PiiClass::GovernmentId => "government_id",
        PiiClass::Financial => "financial",
        PiiClass::Health => "health",
        PiiClass::Credential => "credential",
        PiiClass::Dob => "dob",
    }
}

/// The wire name of an argument location.
fn location_name(location: ArgLocation) -> &'static str {
    match location {
        ArgLocation::Path => "path",
        ArgLocation::Query => "query",
        ArgLocation::Header => "header",
        ArgLocation::Cookie => "cookie",
        ArgLocation::Body => "body",
        ArgLocation::Variable => "variable",
        ArgLocation::Column => "column",
    }
}
