//! Introspection answers into the [`TypeSystem`]: a JSON file saved from a server, or the answer
//! a live endpoint gives to [`QUERY`]. Both `{"data": {"__schema": …}}` and a bare
//! `{"__schema": …}` are read.

use serde::Deserialize;

use bindery_schema::Diagnostic;

use super::type_system::{
    description, EnumValueDef, FieldDef, InputValue, TypeDef, TypeKind, TypeRef, TypeSystem,
    BUILT_IN_SCALARS, DEFAULT_DEPRECATION_REASON,
};
use super::value;
use crate::DiscoveryError;

/// The introspection query sent to live endpoints: the standard query, plus deprecated
/// arguments and input fields so a deprecation in the SDL is seen here too.
pub(crate) const QUERY: &str = include_str!("introspection.graphql");

/// The standard query without deprecated arguments and input fields, for servers older than
/// the 2021 spec, which refuse `includeDeprecated` there.
pub(crate) const CLASSIC_QUERY: &str = include_str!("introspection-classic.graphql");

/// Deepest list/non-null nesting the queries ask for (`ofType` levels).
const MAX_TYPE_DEPTH: usize = 16;

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    data: Option<Data>,
    #[serde(default, rename = "__schema")]
    schema: Option<RawSchema>,
    #[serde(default)]
    errors: Option<Vec<GraphqlError>>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(default, rename = "__schema")]
    schema: Option<RawSchema>,
}

/// One entry of a GraphQL `errors` list.
#[derive(Deserialize)]
pub(crate) struct GraphqlError {
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSchema {
    #[serde(default)]
    query_type: Option<NamedRef>,
    #[serde(default)]
    mutation_type: Option<NamedRef>,
    #[serde(default)]
    subscription_type: Option<NamedRef>,
    types: Vec<RawType>,
}

#[derive(Deserialize)]
struct NamedRef {
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawType {
    kind: String,
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    fields: Option<Vec<RawField>>,
    #[serde(default)]
    input_fields: Option<Vec<RawInput>>,
    #[serde(default)]
    interfaces: Option<Vec<RawTypeRef>>,
    #[serde(default)]
    enum_values: Option<Vec<RawEnumValue>>,
    #[serde(default)]
    possible_types: Option<Vec<RawTypeRef>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawField {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    args: Vec<RawInput>,
    #[serde(rename = "type")]
    ty: RawTypeRef,
    #[serde(default)]
    is_deprecated: bool,
    #[serde(default)]
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawInput {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(rename = "type")]
    ty: RawTypeRef,
    #[serde(default)]
    default_value: Option<String>,
    #[serde(default)]
    is_deprecated: bool,
    #[serde(default)]
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnumValue {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    is_deprecated: bool,
    #[serde(default)]
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTypeRef {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    of_type: Option<Box<RawTypeRef>>,
}

/// What an introspection answer held.
pub(crate) enum Answer {
    /// A schema (with the `errors` a partial answer carried, as diagnostics).
    Schema(TypeSystem),
    /// Only errors.
    Errors(Vec<String>),
}

/// Reads an introspection answer. `Err` for bytes that are not JSON or JSON that is not an
/// introspection answer.
pub(crate) fn read(
    bytes: &[u8],
    source_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Answer, DiscoveryError> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() {
            DiscoveryError::NotADescription {
                source_name: source_name.to_owned(),
                expected: "a GraphQL introspection answer",
                detail: e.to_string(),
            }
        } else {
            DiscoveryError::Malformed {
                source_name: source_name.to_owned(),
                format: "JSON",
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            }
        }
    })?;
    let messages: Vec<String> = envelope
        .errors
        .unwrap_or_default()
        .into_iter()
        .map(|e| {
            e.message
                .unwrap_or_else(|| "an error without a message".to_owned())
        })
        .collect();
    let schema = envelope.schema.or(envelope.data.and_then(|d| d.schema));
    let Some(schema) = schema else {
        if messages.is_empty() {
            return Err(DiscoveryError::NotADescription {
                source_name: source_name.to_owned(),
                expected: "a GraphQL introspection answer",
                detail: "there is no __schema in it".to_owned(),
            });
        }
        return Ok(Answer::Errors(messages));
    };
    for message in messages {
        diagnostics.push(Diagnostic::warning(
            "graphql/partial-introspection",
            format!("the introspection answer also carried an error: {message}"),
            source_name.to_owned(),
        ));
    }
    Ok(Answer::Schema(type_system(schema, diagnostics)))
}

fn type_system(schema: RawSchema, diagnostics: &mut Vec<Diagnostic>) -> TypeSystem {
    let root = |r: Option<NamedRef>| r.and_then(|n| n.name);
    let mut types = Vec::with_capacity(schema.types.len());
    for raw in schema.types {
        let Some(name) = raw.name.clone() else {
            continue;
        };
        if name.starts_with("__") || BUILT_IN_SCALARS.contains(&name.as_str()) {
            continue;
        }
        let kind = match raw.kind.as_str() {
            "SCALAR" => TypeKind::Scalar,
            "OBJECT" => TypeKind::Object,
            "INTERFACE" => TypeKind::Interface,
            "UNION" => TypeKind::Union,
            "ENUM" => TypeKind::Enum,
            "INPUT_OBJECT" => TypeKind::InputObject,
            other => {
                diagnostics.push(Diagnostic::warning(
                    "graphql/unknown-type-kind",
                    format!("type {name} has kind {other:?}, which GraphQL does not define; it is skipped"),
                    name.clone(),
                ));
                continue;
            }
        };
        types.push(type_def(name, kind, raw, diagnostics));
    }
    TypeSystem {
        query: root(schema.query_type),
        mutation: root(schema.mutation_type),
        subscription: root(schema.subscription_type),
        types,
    }
}

fn type_def(
    name: String,
    kind: TypeKind,
    raw: RawType,
    diagnostics: &mut Vec<Diagnostic>,
) -> TypeDef {
    let mut def = TypeDef::new(name, kind, description(raw.description.as_deref()));
    let names = |refs: Option<Vec<RawTypeRef>>| -> Vec<String> {
        refs.unwrap_or_default()
            .into_iter()
            .filter_map(|r| r.name)
            .collect()
    };
    def.interfaces = names(raw.interfaces);
    if kind == TypeKind::Union {
        def.members = names(raw.possible_types);
    }
    def.fields = raw
        .fields
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| {
            let at = format!("{}.{}", def.name, f.name);
            Some(FieldDef {
                ty: type_ref(&f.ty, 0, &at, diagnostics)?,
                description: description(f.description.as_deref()),
                args: inputs(f.args, &at, diagnostics),
                deprecated: deprecation(f.is_deprecated, f.deprecation_reason),
                name: f.name,
            })
        })
        .collect();
    def.input_fields = inputs(raw.input_fields.unwrap_or_default(), &def.name, diagnostics);
    def.enum_values = raw
        .enum_values
        .unwrap_or_default()
        .into_iter()
        .map(|v| EnumValueDef {
            description: description(v.description.as_deref()),
            deprecated: deprecation(v.is_deprecated, v.deprecation_reason),
            name: v.name,
        })
        .collect();
    def
}

fn inputs(raw: Vec<RawInput>, parent: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<InputValue> {
    raw.into_iter()
        .filter_map(|v| {
            let at = format!("{parent}.{}", v.name);
            Some(InputValue {
                ty: type_ref(&v.ty, 0, &at, diagnostics)?,
                description: description(v.description.as_deref()),
                default: v.default_value.as_deref().map(value::canonical),
                deprecated: deprecation(v.is_deprecated, v.deprecation_reason),
                name: v.name,
            })
        })
        .collect()
}

fn deprecation(is_deprecated: bool, reason: Option<String>) -> Option<String> {
    is_deprecated.then(|| {
        reason
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DEPRECATION_REASON.to_owned())
    })
}

/// A type reference; `None` (with a warning) for one that is cut short or nested deeper than any
/// introspection query asks.
fn type_ref(
    raw: &RawTypeRef,
    depth: usize,
    at: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TypeRef> {
    let broken = |diagnostics: &mut Vec<Diagnostic>, why: &str| {
        diagnostics.push(Diagnostic::warning(
            "graphql/broken-type-reference",
            format!("the type of {at} {why}; the element is skipped"),
            at.to_owned(),
        ));
        None
    };
    if depth > MAX_TYPE_DEPTH {
        return broken(diagnostics, "is nested deeper than introspection reports");
    }
    match raw.kind.as_str() {
        "NON_NULL" | "LIST" => {
            let Some(of) = raw.of_type.as_deref() else {
                return broken(diagnostics, "is a wrapper without an inner type");
            };
            let inner = Box::new(type_ref(of, depth + 1, at, diagnostics)?);
            Some(if raw.kind == "LIST" {
                TypeRef::List(inner)
            } else {
                TypeRef::NonNull(inner)
            })
        }
        _ => match &raw.name {
            Some(name) => Some(TypeRef::Named(name.clone())),
            None => broken(diagnostics, "has no name"),
        },
    }
}
