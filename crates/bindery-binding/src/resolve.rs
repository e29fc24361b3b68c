//! Walking a projection path through the schema: shared by validation (which reports where a
//! walk fails) and compile (which turns a successful walk into a request plan).

use bindery_schema::{Edge, Field, FieldRole, FieldType, Object, Operation, Schema, Transport};

use crate::codes;
use crate::path::{Cardinality, Segment};

/// One step of a successful walk.
#[derive(Debug, Clone)]
pub enum Step<'s> {
    /// The operation's result itself is a list, crossed with a cardinality.
    Root {
        /// How.
        cardinality: Cardinality,
    },
    /// A field of an object.
    Field {
        /// The object holding the field.
        object: &'s Object,
        /// The field.
        field: &'s Field,
        /// The cardinality when the field is a list.
        cardinality: Option<Cardinality>,
    },
    /// SQL: a one-hop join along a foreign key.
    Join {
        /// The foreign key.
        edge: &'s Edge,
        /// The table joined.
        target: &'s Object,
    },
}

/// A path that reached a scalar leaf.
#[derive(Debug, Clone)]
pub struct Walk<'s> {
    /// Steps in order.
    pub steps: Vec<Step<'s>>,
    /// The leaf field.
    pub leaf: &'s Field,
    /// The leaf's scalar type (lists unwrapped by the cardinalities).
    pub leaf_type: &'s FieldType,
    /// Some step was `[*]`: the output is a list.
    pub many: bool,
}

/// Where and why a walk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// Index of the segment at fault.
    pub segment: usize,
    /// Diagnostic code.
    pub code: &'static str,
    /// Message.
    pub message: String,
    /// Schema place.
    pub schema_path: Option<String>,
    /// Help.
    pub help: Option<String>,
}

impl WalkError {
    fn new(segment: usize, code: &'static str, message: String) -> WalkError {
        WalkError {
            segment,
            code,
            message,
            schema_path: None,
            help: None,
        }
    }

    fn at(mut self, schema_path: impl Into<String>) -> WalkError {
        self.schema_path = Some(schema_path.into());
        self
    }

    fn help(mut self, help: impl Into<String>) -> WalkError {
        self.help = Some(help.into());
        self
    }
}

/// Walks `segments` from the result of `op`. SQL results allow one foreign-key hop.
pub fn walk<'s>(
    schema: &'s Schema,
    op: &'s Operation,
    segments: &[Segment],
) -> Result<Walk<'s>, WalkError> {
    let Some(returns) = op.returns.as_ref() else {
        return Err(WalkError::new(
            0,
            codes::UNKNOWN_FIELD,
            format!("`{}` returns nothing to project", op.id),
        ));
    };
    let sql = op.transport == Transport::NativeSql;
    let mut steps = Vec::new();
    let mut many = false;
    let mut current: &'s FieldType = returns;
    let mut last: Option<&'s Field> = None;

    for (i, segment) in segments.iter().enumerate() {
        // A cardinality alone: crosses the current list (the result itself).
        let Some(name) = segment.field.as_deref() else {
            let FieldType::List { of } = current else {
                return Err(WalkError::new(
                    i,
                    codes::CARDINALITY_ON_SINGLE,
                    format!(
                        "`{segment}` picks items, but `{}` is not a list",
                        type_label(current)
                    ),
                ));
            };
            let cardinality = segment.cardinality.clone().unwrap_or(Cardinality::First);
            many |= cardinality.is_many();
            steps.push(Step::Root { cardinality });
            current = of;
            continue;
        };
        if let FieldType::List { .. } = current {
            return Err(WalkError::new(
                i,
                codes::CARDINALITY_MISSING,
                format!(
                    "the result of `{}` is a list: say which rows before `{name}`",
                    op.id
                ),
            )
            .help("start the path with `[first]` (one row) or `[*]` (every row)"));
        }
        let FieldType::Object { object } = current else {
            return Err(WalkError::new(
                i,
                codes::UNKNOWN_FIELD,
                format!(
                    "`{name}` follows a scalar ({}), which has no fields",
                    type_label(current)
                ),
            ));
        };
        let Some(holder) = schema.object(object) else {
            return Err(WalkError::new(
                i,
                codes::UNKNOWN_FIELD,
                format!("the type `{object}` is not in the schema"),
            ));
        };
        let Some(field) = holder.fields.iter().find(|f| f.name == name) else {
            let close =
                crate::suggest::closest(name, holder.fields.iter().map(|f| f.name.as_str()));
            let mut err = WalkError::new(
                i,
                codes::UNKNOWN_FIELD,
                format!("`{object}` has no field `{name}`"),
            )
            .at(holder.origin.clone());
            if let Some(first) = close.first() {
                err = err.help(format!("did you mean `{first}`?"));
            }
            return Err(err);
        };
        if field.role == Some(FieldRole::UserErrors) {
            return Err(WalkError::new(
                i,
                codes::USER_ERRORS_PROJECTED,
                format!("`{object}.{name}` is the provider's report of a refused write"),
            )
            .at(field.origin.clone())
            .help(
                "remove it: the runtime turns userErrors into a failed run the agent can explain",
            ));
        }
        let is_last = i + 1 == segments.len();
        if sql && !is_last {
            // The column is a foreign key: the next segment is a column of the table it points to.
            let Some(edge) = schema.edges_of(&holder.name).find(|e| {
                e.from.object == holder.name
                    && e.from.fields.len() == 1
                    && e.from.fields.first().is_some_and(|f| f == name)
            }) else {
                return Err(WalkError::new(
                    i,
                    codes::NOT_JOINABLE,
                    format!("`{object}.{name}` is not a single-column foreign key, so nothing can be joined through it"),
                )
                .at(field.origin.clone()));
            };
            if !edge.joinable {
                return Err(WalkError::new(
                    i,
                    codes::NOT_JOINABLE,
                    format!("the relationship from `{object}.{name}` is not joinable in one hop"),
                )
                .at(field.origin.clone()));
            }
            let Some(target) = schema.object(&edge.to.object) else {
                return Err(WalkError::new(
                    i,
                    codes::BLOCKED_BY_SCOPING,
                    format!(
                        "`{}` (joined through `{name}`) is not available",
                        edge.to.object
                    ),
                ));
            };
            steps.push(Step::Join { edge, target });
            let next = &segments[i + 1..];
            if next.len() > 1 {
                return Err(WalkError::new(
                    i + 2,
                    codes::JOIN_TOO_DEEP,
                    "a SQL projection may join one foreign-key hop, not more".to_owned(),
                )
                .help("project the column of the joined table directly: [foreign_key, column]"));
            }
            let column_segment = &segments[i + 1];
            let Some(column_name) = column_segment.field.as_deref() else {
                return Err(WalkError::new(
                    i + 1,
                    codes::INVALID_PATH,
                    "a joined column is needed".to_owned(),
                ));
            };
            let Some(column) = target.fields.iter().find(|f| f.name == column_name) else {
                return Err(WalkError::new(
                    i + 1,
                    codes::UNKNOWN_FIELD,
                    format!("`{}` has no column `{column_name}`", target.name),
                )
                .at(target.origin.clone()));
            };
            if column_segment.cardinality.is_some() {
                return Err(WalkError::new(
                    i + 1,
                    codes::CARDINALITY_ON_SINGLE,
                    format!("`{column_name}` is a column, not a list"),
                ));
            }
            return Ok(Walk {
                steps,
                leaf: column,
                leaf_type: &column.ty,
                many,
            });
        }
        // Cross a list field with its cardinality.
        let mut ty = &field.ty;
        match (&field.ty, &segment.cardinality) {
            (FieldType::List { of }, Some(cardinality)) => {
                many |= cardinality.is_many();
                ty = of;
            }
            (FieldType::List { .. }, None) => {
                return Err(WalkError::new(
                    i,
                    codes::CARDINALITY_MISSING,
                    format!("`{object}.{name}` is a list: say which items"),
                )
                .at(field.origin.clone())
                .help(format!(
                    "write `{name}[first]`, `{name}[*]`, `{name}[0]` or `{name}[field=value]`"
                )));
            }
            (_, Some(_)) => {
                return Err(WalkError::new(
                    i,
                    codes::CARDINALITY_ON_SINGLE,
                    format!("`{object}.{name}` is not a list"),
                )
                .at(field.origin.clone()));
            }
            (_, None) => {}
        }
        steps.push(Step::Field {
            object: holder,
            field,
            cardinality: segment.cardinality.clone(),
        });
        last = Some(field);
        current = ty;
    }

    let Some(leaf) = last else {
        return Err(WalkError::new(
            0,
            codes::INVALID_PATH,
            "the path names no field".to_owned(),
        ));
    };
    match current {
        FieldType::Object { object } => Err(WalkError::new(
            segments.len().saturating_sub(1),
            codes::LEAF_NOT_SCALAR,
            format!(
                "`{}` is an object ({object}); project one of its fields",
                leaf.name
            ),
        )
        .at(leaf.origin.clone())),
        FieldType::List { of } => Err(WalkError::new(
            segments.len().saturating_sub(1),
            codes::LEAF_NOT_SCALAR,
            format!(
                "`{}` is a list of lists ({}); pick items first",
                leaf.name,
                type_label(of)
            ),
        )
        .at(leaf.origin.clone())),
        _ => Ok(Walk {
            steps,
            leaf,
            leaf_type: current,
            many,
        }),
    }
}

fn type_label(ty: &FieldType) -> String {
    ty.label()
}
