//! `schemas` to objects and edges.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use bindery_schema::pii;
use bindery_schema::{
    Capability, Cardinality, Diagnostic, Edge, EdgeEnd, EdgeSource, Field, FieldType, Object,
    ObjectKind, Scalar, Severity,
};
use serde_json::{Map, Value};

use super::{escape, types};

/// How deep inline objects may nest before Bindery stops expanding them.
const MAX_INLINE_DEPTH: usize = 32;

/// Objects and edges built from the document's `schemas`.
pub(super) struct Built {
    /// Named and inline objects, in document order.
    pub objects: Vec<Object>,
    /// Ref and inferred edges, without duplicates.
    pub edges: Vec<Edge>,
    /// `$ref` target (schema key or `id`) to object name.
    pub refs: HashMap<String, String>,
    /// Object name to its position in `objects`.
    by_name: HashMap<String, usize>,
}

impl Built {
    /// The object a `$ref` names, if it exists.
    pub fn resolve(&self, reference: &str) -> Option<&str> {
        self.refs.get(reference).map(String::as_str)
    }

    /// The object with this name.
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.by_name.get(name).and_then(|&i| self.objects.get(i))
    }
}

/// Builds one object per named schema (plus one per inline object property) and the edges
/// between them.
pub(super) fn build(schemas: &Map<String, Value>, diagnostics: &mut Vec<Diagnostic>) -> Built {
    let mut refs: HashMap<String, String> = schemas
        .keys()
        .map(|key| (key.clone(), key.clone()))
        .collect();
    for (key, schema) in schemas {
        if let Some(id) = schema.get("id").and_then(Value::as_str) {
            refs.entry(id.to_owned()).or_insert_with(|| key.clone());
        }
    }
    let mut builder = Builder {
        refs: &refs,
        taken: schemas.keys().cloned().collect(),
        objects: Vec::with_capacity(schemas.len()),
        diagnostics,
    };
    for (key, schema) in schemas {
        let pointer = format!("google:#/schemas/{}", escape(key));
        if !schema.is_object() {
            builder.diagnostics.push(Diagnostic::warning(
                "google/invalid-schema",
                format!("schema {key} is not a JSON object; it is read as an empty object"),
                pointer.clone(),
            ));
        }
        builder.object(key.clone(), schema, pointer, 0);
    }
    let objects = builder.objects;
    let edges = edges(&objects, schemas);
    let by_name = objects
        .iter()
        .enumerate()
        .map(|(i, o)| (o.name.clone(), i))
        .collect();
    Built {
        objects,
        edges,
        refs,
        by_name,
    }
}

/// Sets each object's capabilities from `(object, capability)` pairs.
pub(super) fn with_capabilities(
    mut objects: Vec<Object>,
    capabilities: &[(String, Capability)],
) -> Vec<Object> {
    let mut by_object: HashMap<&str, BTreeSet<Capability>> = HashMap::new();
    for (object, capability) in capabilities {
        by_object.entry(object).or_default().insert(*capability);
    }
    for object in &mut objects {
        if let Some(set) = by_object.get(object.name.as_str()) {
            object.capabilities = set.iter().copied().collect();
        }
    }
    objects
}

struct Builder<'a> {
    refs: &'a HashMap<String, String>,
    taken: HashSet<String>,
    objects: Vec<Object>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Builder<'_> {
    fn object(&mut self, name: String, schema: &Value, pointer: String, depth: usize) {
        let fields = match schema.get("properties").and_then(Value::as_object) {
            Some(properties) => properties
                .iter()
                .map(|(property, prop_schema)| {
                    let origin = format!("{pointer}/properties/{}", escape(property));
                    self.field(&name, property, prop_schema, origin, depth)
                })
                .collect(),
            None => Vec::new(),
        };
        self.objects.push(Object {
            name,
            kind: ObjectKind::Resource,
            description: types::description(schema),
            capabilities: Vec::new(),
            fields,
            primary_key: Vec::new(),
            indexes: Vec::new(),
            origin: pointer,
            enum_values: Vec::new(),
            implements: Vec::new(),
            members: Vec::new(),
            relay: None,
            checks: Vec::new(),
        });
    }

    fn field(
        &mut self,
        parent: &str,
        property: &str,
        schema: &Value,
        origin: String,
        depth: usize,
    ) -> Field {
        let ty = self.field_type(parent, property, schema, &origin, depth);
        let format = schema.get("format").and_then(Value::as_str);
        let native_type = format
            .or_else(|| schema.get("type").and_then(Value::as_str))
            .map(str::to_owned);
        let (pii, sensitive) = pii::classify(property, format);
        Field {
            name: property.to_owned(),
            ty,
            required: schema.get("required").and_then(Value::as_bool) == Some(true),
            nullable: true,
            description: types::description(schema),
            default: schema.get("default").map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            native_type,
            pii,
            sensitive,
            origin,
            deprecated: crate::rest::deprecation(schema),
            arguments: Vec::new(),
            connection: None,
            role: None,
        }
    }

    fn field_type(
        &mut self,
        parent: &str,
        property: &str,
        schema: &Value,
        pointer: &str,
        depth: usize,
    ) -> FieldType {
        if let Some(reference) = schema.get("$ref") {
            return self.reference(reference, pointer);
        }
        if let Some(values) = types::enum_values(schema) {
            return FieldType::Enum { values };
        }
        let format = schema.get("format").and_then(Value::as_str);
        let ty = schema.get("type").and_then(Value::as_str);
        if let Some(scalar) = ty.and_then(|ty| types::scalar(ty, format)) {
            return scalar;
        }
        match ty {
            Some("array") => match schema.get("items") {
                Some(items) => FieldType::List {
                    of: Box::new(self.field_type(
                        parent,
                        property,
                        items,
                        &format!("{pointer}/items"),
                        depth,
                    )),
                },
                None => {
                    self.diagnostics.push(Diagnostic::warning(
                        "google/array-without-items",
                        format!("{parent}.{property} is an array without `items`"),
                        pointer,
                    ));
                    FieldType::List {
                        of: Box::new(FieldType::scalar(Scalar::Json)),
                    }
                }
            },
            Some("object") | None if schema.get("properties").is_some_and(Value::is_object) => {
                self.inline_object(parent, property, schema, pointer, depth)
            }
            Some("object") if schema.get("additionalProperties").is_some() => FieldType::Scalar {
                scalar: Scalar::Json,
                format: Some("map".to_owned()),
            },
            Some("object") => FieldType::scalar(Scalar::Json),
            other => {
                let raw = other.unwrap_or_default().to_owned();
                self.diagnostics.push(
                    Diagnostic::warning(
                        "google/unknown-type",
                        format!("{parent}.{property} has type {raw:?}, which Bindery does not map"),
                        pointer,
                    )
                    .with_help("The field stays browsable; bind it only as raw JSON."),
                );
                FieldType::Unknown { raw }
            }
        }
    }

    fn reference(&mut self, reference: &Value, pointer: &str) -> FieldType {
        let name = reference.as_str().unwrap_or_default();
        if let Some(target) = self.refs.get(name) {
            return FieldType::Object {
                object: target.clone(),
            };
        }
        self.diagnostics.push(
            Diagnostic::warning(
                "google/unresolved-ref",
                format!("$ref {name:?} names no schema of the document"),
                pointer,
            )
            .with_help("The field's type stays unknown."),
        );
        FieldType::Unknown {
            raw: name.to_owned(),
        }
    }

    fn inline_object(
        &mut self,
        parent: &str,
        property: &str,
        schema: &Value,
        pointer: &str,
        depth: usize,
    ) -> FieldType {
        if depth >= MAX_INLINE_DEPTH {
            self.diagnostics.push(Diagnostic::warning(
                "google/too-deep",
                format!(
                    "inline objects nest deeper than {MAX_INLINE_DEPTH} levels; {parent}.{property} is read as raw JSON"
                ),
                pointer,
            ));
            return FieldType::scalar(Scalar::Json);
        }
        let base = format!("{parent}.{property}");
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}~{n}");
            n += 1;
        }
        if name != base {
            self.diagnostics.push(Diagnostic {
                code: "google/inline-name-taken".to_owned(),
                severity: Severity::Info,
                message: format!("the name {base} is taken; the inline object is named {name}"),
                path: Some(pointer.to_owned()),
                help: None,
            });
        }
        self.taken.insert(name.clone());
        self.object(name.clone(), schema, pointer.to_owned(), depth + 1);
        FieldType::Object { object: name }
    }
}

/// Ref edges (a field whose type is another object, or a list of one) and inferred edges (a
/// scalar `*Id`/`*_id` field whose stem names a schema).
fn edges(objects: &[Object], schemas: &Map<String, Value>) -> Vec<Edge> {
    // Lowercase schema name to name; first in document order wins.
    let mut by_lower: BTreeMap<String, &str> = BTreeMap::new();
    for key in schemas.keys() {
        by_lower.entry(key.to_lowercase()).or_insert(key);
    }
    let has_id: HashSet<&str> = objects
        .iter()
        .filter(|o| o.fields.iter().any(|f| f.name == "id"))
        .map(|o| o.name.as_str())
        .collect();

    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    let mut edges = Vec::new();
    for object in objects {
        for field in &object.fields {
            let (target, cardinality, source) = match &field.ty {
                FieldType::Object { object: target } => {
                    (target.as_str(), Cardinality::One, EdgeSource::Ref)
                }
                FieldType::List { of } => match of.as_ref() {
                    FieldType::Object { object: target } => {
                        (target.as_str(), Cardinality::Many, EdgeSource::Ref)
                    }
                    _ => continue,
                },
                FieldType::Scalar { .. } => {
                    let Some(target) = id_stem(&field.name)
                        .and_then(|stem| by_lower.get(&stem.to_lowercase()).copied())
                    else {
                        continue;
                    };
                    let own =
                        target == object.name || object.name.starts_with(&format!("{target}."));
                    if own {
                        continue;
                    }
                    (target, Cardinality::One, EdgeSource::Inferred)
                }
                _ => continue,
            };
            let key = (object.name.clone(), field.name.clone(), target.to_owned());
            if !seen.insert(key) {
                continue;
            }
            let to_fields = if source == EdgeSource::Inferred && has_id.contains(target) {
                vec!["id".to_owned()]
            } else {
                Vec::new()
            };
            edges.push(Edge {
                from: EdgeEnd {
                    object: object.name.clone(),
                    fields: vec![field.name.clone()],
                },
                to: EdgeEnd {
                    object: target.to_owned(),
                    fields: to_fields,
                },
                cardinality,
                source,
                joinable: false,
                name: Some(field.name.clone()),
            });
        }
    }
    edges
}

/// `calendarId` → `calendar`, `sheet_id` → `sheet`; `None` for names that are not `*Id`.
fn id_stem(name: &str) -> Option<&str> {
    let stem = name
        .strip_suffix("Id")
        .or_else(|| name.strip_suffix("_id"))
        .or_else(|| name.strip_suffix("ID"))?;
    (!stem.is_empty()).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_stems() {
        assert_eq!(id_stem("calendarId"), Some("calendar"), "camel case");
        assert_eq!(id_stem("sheet_id"), Some("sheet"), "snake case");
        assert_eq!(id_stem("id"), None, "bare id has no stem");
        assert_eq!(id_stem("Id"), None, "bare Id has no stem");
        assert_eq!(id_stem("valid"), None, "not an id");
    }
}
