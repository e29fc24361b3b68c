//! `resources` (nested) and top-level `methods` to operations.

use std::collections::HashSet;

use bindery_schema::{
    ArgLocation, Argument, Capability, Diagnostic, FieldType, HttpRoute, Operation, OperationClass,
    Scalar, Transport,
};
use serde_json::Value;

use super::schemas::Built;
use super::{escape, types};

/// How deep `resources` may nest before Bindery stops walking them.
const MAX_RESOURCE_DEPTH: usize = 32;

/// Operations and the capabilities they give objects.
pub(super) struct Methods {
    /// One operation per method.
    pub operations: Vec<Operation>,
    /// `(object, capability)` pairs.
    pub capabilities: Vec<(String, Capability)>,
}

/// One method found in the document.
struct Found<'a> {
    /// Resource path (`spreadsheets.values`); empty for a top-level method.
    resource: String,
    name: &'a str,
    method: &'a Value,
    pointer: String,
}

/// Builds one operation per method of every resource (and of the document itself).
pub(super) fn operations(
    doc: &Value,
    api_name: &str,
    built: &Built,
    diagnostics: &mut Vec<Diagnostic>,
) -> Methods {
    let mut found = Vec::new();
    collect(
        doc,
        String::new(),
        "google:#".to_owned(),
        0,
        &mut found,
        diagnostics,
    );

    let explicit: HashSet<&str> = found
        .iter()
        .filter_map(|f| f.method.get("id").and_then(Value::as_str))
        .filter(|id| !id.is_empty())
        .collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut methods = Methods {
        operations: Vec::with_capacity(found.len()),
        capabilities: Vec::new(),
    };
    for f in &found {
        let id = method_id(f, api_name, &explicit, &mut used, diagnostics);
        operation(f, id, built, &mut methods, diagnostics);
    }
    methods
}

fn collect<'a>(
    node: &'a Value,
    resource: String,
    pointer: String,
    depth: usize,
    found: &mut Vec<Found<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(methods) = node.get("methods").and_then(Value::as_object) {
        for (name, method) in methods {
            let method_pointer = format!("{pointer}/methods/{}", escape(name));
            if !method.is_object() {
                diagnostics.push(Diagnostic::warning(
                    "google/invalid-method",
                    format!("method {name} is not a JSON object; it is skipped"),
                    method_pointer,
                ));
                continue;
            }
            found.push(Found {
                resource: resource.clone(),
                name,
                method,
                pointer: method_pointer,
            });
        }
    }
    let Some(resources) = node.get("resources").and_then(Value::as_object) else {
        return;
    };
    if depth >= MAX_RESOURCE_DEPTH {
        diagnostics.push(Diagnostic::warning(
            "google/too-deep",
            format!("resources nest deeper than {MAX_RESOURCE_DEPTH} levels; the rest is skipped"),
            pointer,
        ));
        return;
    }
    for (name, child) in resources {
        let path = if resource.is_empty() {
            name.clone()
        } else {
            format!("{resource}.{name}")
        };
        let child_pointer = format!("{pointer}/resources/{}", escape(name));
        collect(child, path, child_pointer, depth + 1, found, diagnostics);
    }
}

/// The method's own `id`, or one derived from the API name, resource path and method name when
/// it is missing or already taken.
fn method_id(
    f: &Found<'_>,
    api_name: &str,
    explicit: &HashSet<&str>,
    used: &mut HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let own = f
        .method
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty());
    if let Some(id) = own {
        if used.insert(id.to_owned()) {
            return id.to_owned();
        }
    }
    let base = [api_name, f.resource.as_str(), f.name]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let mut id = base.clone();
    let mut n = 2;
    while explicit.contains(id.as_str()) || used.contains(&id) {
        id = format!("{base}~{n}");
        n += 1;
    }
    used.insert(id.clone());
    let (code, message) = match own {
        Some(own) => (
            "google/duplicate-method-id",
            format!("method id {own} is used twice; this one is named {id}"),
        ),
        None => (
            "google/missing-method-id",
            format!("the method has no id; it is named {id}"),
        ),
    };
    diagnostics.push(
        Diagnostic::warning(code, message, f.pointer.clone())
            .with_help("Derived ids follow the resource path; bindings keep working while the document does not change."),
    );
    id
}

fn operation(
    f: &Found<'_>,
    id: String,
    built: &Built,
    methods: &mut Methods,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let http = f
        .method
        .get("httpMethod")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let class = match http.to_ascii_uppercase().as_str() {
        "GET" | "HEAD" | "OPTIONS" => OperationClass::Read,
        "POST" => OperationClass::Create,
        "PUT" | "PATCH" => OperationClass::Update,
        "DELETE" => OperationClass::Delete,
        _ => {
            diagnostics.push(Diagnostic::warning(
                "google/unknown-http-method",
                format!("{id} has httpMethod {http:?}; it is treated as a non-idempotent write"),
                f.pointer.clone(),
            ));
            OperationClass::Create
        }
    };
    let idempotent = class != OperationClass::Create && !http.eq_ignore_ascii_case("PATCH");

    let mut arguments = parameters(f, &id, diagnostics);
    let request = schema_ref(f, "request", built, diagnostics);
    if let Some(object) = request.and_then(|name| built.object(name)) {
        arguments.extend(object.fields.iter().map(crate::openapi::body_argument));
    }
    let response = schema_ref(f, "response", built, diagnostics);
    let object = response.or(request).map(str::to_owned);

    if let Some(object) = &object {
        let list = class == OperationClass::Read && is_list(f.name, response, built);
        let capability = match class {
            OperationClass::Read if list => Capability::List,
            OperationClass::Read => Capability::Read,
            OperationClass::Create => Capability::Create,
            OperationClass::Update => Capability::Update,
            OperationClass::Delete => Capability::Delete,
        };
        methods.capabilities.push((object.clone(), capability));
        if let Some(item) = list.then(|| list_item(response, built)).flatten() {
            methods
                .capabilities
                .push((item.to_owned(), Capability::List));
        }
    }

    let description = types::description(f.method);
    methods.operations.push(Operation {
        title: title(description.as_deref(), &id),
        id,
        object,
        class,
        idempotent,
        transport: Transport::NativeRest,
        http: Some(HttpRoute {
            method: http.to_ascii_uppercase(),
            path: route_path(f),
            body_media_type: request.map(|_| "application/json".to_owned()),
        }),
        arguments,
        input_object: request.map(str::to_owned),
        returns: match (response, f.method.get("response")) {
            (Some(name), _) => Some(FieldType::Object {
                object: name.to_owned(),
            }),
            (None, Some(raw)) => Some(FieldType::Unknown {
                raw: raw
                    .get("$ref")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            }),
            (None, None) => None,
        },
        limit: None,
        description,
        tags: if f.resource.is_empty() {
            Vec::new()
        } else {
            vec![f.resource.clone()]
        },
        deprecated: crate::rest::deprecation(f.method),
        connection: None,
        index: None,
    });
}

/// Path and query parameters: `parameterOrder` first, then the rest alphabetically.
fn parameters(f: &Found<'_>, id: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Argument> {
    let Some(params) = f.method.get("parameters").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut names: Vec<&str> = Vec::with_capacity(params.len());
    if let Some(order) = f.method.get("parameterOrder").and_then(Value::as_array) {
        for name in order.iter().filter_map(Value::as_str) {
            if params.contains_key(name) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let mut rest: Vec<&str> = params
        .keys()
        .map(String::as_str)
        .filter(|name| !names.contains(name))
        .collect();
    rest.sort_unstable();
    names.extend(rest);

    names
        .into_iter()
        .filter_map(|name| params.get(name).map(|schema| (name, schema)))
        .map(|(name, schema)| {
            let pointer = format!("{}/parameters/{}", f.pointer, escape(name));
            let location = match schema.get("location").and_then(Value::as_str) {
                Some("path") => ArgLocation::Path,
                Some("query") => ArgLocation::Query,
                other => {
                    diagnostics.push(Diagnostic::warning(
                        "google/unknown-parameter-location",
                        format!("parameter {name} of {id} has location {other:?}; it is sent in the query"),
                        pointer.clone(),
                    ));
                    ArgLocation::Query
                }
            };
            let ty = parameter_type(schema, name, id, &pointer, diagnostics);
            Argument {
                name: name.to_owned(),
                ty,
                required: schema.get("required").and_then(Value::as_bool) == Some(true)
                    || location == ArgLocation::Path,
                location,
                indexed: false,
                leading_index: false,
                native_type: None,
                description: types::description(schema),
                default: None,
                deprecated: crate::rest::deprecation(schema),
            }
        })
        .collect()
}

fn parameter_type(
    schema: &Value,
    name: &str,
    id: &str,
    pointer: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> FieldType {
    let format = schema.get("format").and_then(Value::as_str);
    let ty = schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("string");
    let one = if let Some(values) = types::enum_values(schema) {
        FieldType::Enum { values }
    } else if let Some(scalar) = types::scalar(ty, format) {
        scalar
    } else if matches!(ty, "object" | "array") {
        FieldType::scalar(Scalar::Json)
    } else {
        diagnostics.push(Diagnostic::warning(
            "google/unknown-type",
            format!("parameter {name} of {id} has type {ty:?}, which Bindery does not map"),
            pointer,
        ));
        FieldType::Unknown { raw: ty.to_owned() }
    };
    if schema.get("repeated").and_then(Value::as_bool) == Some(true) {
        FieldType::List { of: Box::new(one) }
    } else {
        one
    }
}

/// The object named by the method's `request`/`response` `$ref`; a diagnostic when it names no
/// schema.
fn schema_ref<'b>(
    f: &Found<'_>,
    key: &str,
    built: &'b Built,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'b str> {
    let reference = f.method.get(key)?.get("$ref").and_then(Value::as_str);
    let resolved = reference.and_then(|r| built.resolve(r));
    if resolved.is_none() {
        diagnostics.push(
            Diagnostic::warning(
                "google/unresolved-ref",
                format!(
                    "the {key} $ref {:?} names no schema of the document",
                    reference.unwrap_or_default()
                ),
                format!("{}/{key}", f.pointer),
            )
            .with_help("The operation is kept without that object."),
        );
    }
    resolved
}

/// A read that pages: named `list`, or whose response carries a `nextPageToken`.
fn is_list(method: &str, response: Option<&str>, built: &Built) -> bool {
    method == "list"
        || response
            .and_then(|name| built.object(name))
            .is_some_and(|o| o.fields.iter().any(|f| f.name == "nextPageToken"))
}

/// The object of a list response's `items` field, when it is a list of one.
fn list_item<'b>(response: Option<&str>, built: &'b Built) -> Option<&'b str> {
    let object = built.object(response?)?;
    let items = object.fields.iter().find(|f| f.name == "items")?;
    match &items.ty {
        FieldType::List { of } => match of.as_ref() {
            FieldType::Object { object } => Some(object.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// The first sentence of the description, or the id.
fn title(description: Option<&str>, id: &str) -> String {
    let Some(text) = description else {
        return id.to_owned();
    };
    let line = text.lines().next().unwrap_or_default();
    let sentence = match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    };
    let sentence = sentence.trim();
    if sentence.is_empty() {
        id.to_owned()
    } else {
        sentence.to_owned()
    }
}

/// The method's path template relative to the API's base URL (`rootUrl` + `servicePath`), with a
/// leading slash: `path` as the document writes it (it may use `{+name}` reserved expansion).
fn route_path(f: &Found<'_>) -> String {
    let path = f
        .method
        .get("path")
        .and_then(Value::as_str)
        .unwrap_or_default();
    format!("/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::title;

    #[test]
    fn title_is_the_first_sentence() {
        assert_eq!(
            title(Some("Returns an event. More text."), "x"),
            "Returns an event.",
            "first sentence"
        );
        assert_eq!(title(Some("Lists all"), "x"), "Lists all", "no period");
        assert_eq!(title(None, "cal.events.get"), "cal.events.get", "fallback");
    }
}
