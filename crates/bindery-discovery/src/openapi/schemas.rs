//! Schemas to objects, fields and field types.

use std::collections::HashSet;

use bindery_schema::pii::{self, PiiClass};
use bindery_schema::{Diagnostic, Field, FieldType, Object, ObjectKind, Scalar};
use serde_json::{Map, Value};

use super::context::{addr, Ctx, Named, Version};
use super::naming::name_from_pointer;
use super::refs::{escape, ref_of, Followed, MAX_DEPTH};

/// Properties gathered from a schema, its `allOf` members and its alternatives.
#[derive(Default)]
struct Gathered {
    fields: Vec<Field>,
    names: HashSet<String>,
    required: HashSet<String>,
    /// Labels of top-level `oneOf`/`anyOf` alternatives.
    alternatives: Vec<String>,
    visited: HashSet<usize>,
}

/// Whether a schema describes an object (and not a scalar, enum, array or bare reference).
fn is_object_like(schema: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    if ["properties", "allOf", "oneOf", "anyOf"]
        .iter()
        .any(|k| map.contains_key(*k))
    {
        return true;
    }
    if map.contains_key("$ref") || map.contains_key("enum") || map.contains_key("items") {
        return false;
    }
    match map.get("type") {
        None => true,
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some("object")),
        Some(_) => false,
    }
}

/// `(types other than null, whether null was among them)` from `type`.
fn declared_types(map: &Map<String, Value>) -> (Vec<&str>, bool) {
    match map.get("type") {
        Some(Value::String(t)) if t == "null" => (Vec::new(), true),
        Some(Value::String(t)) => (vec![t.as_str()], false),
        Some(Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let null = names.contains(&"null");
            (names.into_iter().filter(|t| *t != "null").collect(), null)
        }
        _ => (Vec::new(), false),
    }
}

/// Nullable by 3.0 `nullable`, 2.0 `x-nullable` or a 3.1 `type` array with `null`.
fn nullable_flag(map: &Map<String, Value>) -> bool {
    map.get("nullable").and_then(Value::as_bool) == Some(true)
        || map.get("x-nullable").and_then(Value::as_bool) == Some(true)
        || declared_types(map).1
}

fn scalar_of(ty: &str, format: Option<&str>) -> Option<Scalar> {
    Some(match (ty, format) {
        ("string", Some("date-time")) => Scalar::DateTime,
        ("string", Some("date")) => Scalar::Date,
        ("string", Some("time")) => Scalar::Time,
        ("string", Some("uuid")) => Scalar::Uuid,
        ("string", Some("binary")) => Scalar::Binary,
        ("string", _) => Scalar::String,
        ("integer", _) => Scalar::Integer,
        ("number", _) => Scalar::Number,
        ("boolean", _) => Scalar::Boolean,
        ("file", _) => Scalar::Binary,
        _ => return None,
    })
}

fn enum_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json() -> FieldType {
    FieldType::scalar(Scalar::Json)
}

impl<'a> Ctx<'a> {
    /// Registers named schemas (so references to them are recognised and their names reserved),
    /// then builds an object for each object-like one, in document order.
    pub(crate) fn build_named_objects(&mut self) {
        let (container, prefix) = match self.version {
            Version::Swagger2 => (self.doc.get("definitions"), "#/definitions/"),
            _ => (
                self.doc.get("components").and_then(|c| c.get("schemas")),
                "#/components/schemas/",
            ),
        };
        let Some(map) = container.and_then(Value::as_object) else {
            return;
        };
        for (name, schema) in map {
            let is_object = is_object_like(schema);
            if is_object {
                self.taken.insert(name.clone());
                self.named_objects.insert(name.clone());
            }
            self.named_by_addr.insert(addr(schema), self.named.len());
            self.named.push(Named {
                name,
                pointer: format!("{prefix}{}", escape(name)),
                schema,
                is_object,
            });
        }
        for index in 0..self.named.len() {
            let Some(named) = self.named.get(index) else {
                continue;
            };
            if !named.is_object {
                continue;
            }
            let (name, pointer, schema) = (named.name, named.pointer.clone(), named.schema);
            let object = self.object_from(schema, &pointer, name.to_owned(), 0);
            self.push_object(object);
        }
    }

    /// An object from an object-like schema.
    fn object_from(
        &mut self,
        schema: &'a Value,
        pointer: &str,
        name: String,
        depth: usize,
    ) -> Object {
        let mut gathered = Gathered::default();
        self.gather(schema, pointer, &name, depth, true, true, &mut gathered);
        let Gathered {
            mut fields,
            required,
            alternatives,
            ..
        } = gathered;
        for field in &mut fields {
            field.required = required.contains(&field.name);
        }
        let mut description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        if !alternatives.is_empty() {
            let line = format!("One of: {}", alternatives.join(", "));
            description = Some(match description {
                Some(d) => format!("{d}\n\n{line}"),
                None => line,
            });
        }
        Object {
            name,
            kind: ObjectKind::Resource,
            description,
            capabilities: Vec::new(),
            fields,
            primary_key: Vec::new(),
            indexes: Vec::new(),
            origin: format!("openapi:{pointer}"),
            enum_values: Vec::new(),
            implements: Vec::new(),
            members: Vec::new(),
            relay: None,
            checks: Vec::new(),
        }
    }

    /// Adds the properties of `node` (following references, `allOf` members and alternatives).
    #[allow(clippy::too_many_arguments)]
    fn gather(
        &mut self,
        node: &'a Value,
        at: &str,
        object: &str,
        depth: usize,
        required_ok: bool,
        top: bool,
        out: &mut Gathered,
    ) {
        if depth > MAX_DEPTH {
            self.depth_limit(at);
            return;
        }
        let (node, pointer) = match self.follow(node, at) {
            Followed::Node(n, p) => (n, p),
            Followed::Named(i) => match self.named.get(i) {
                Some(n) => (n.schema, n.pointer.clone()),
                None => return,
            },
            Followed::Broken(_) => return,
        };
        if !out.visited.insert(addr(node)) {
            return;
        }
        let Some(map) = node.as_object() else {
            return;
        };
        if required_ok {
            if let Some(required) = map.get("required").and_then(Value::as_array) {
                out.required
                    .extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
            }
        }
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (name, schema) in props {
                if out.names.contains(name) {
                    continue;
                }
                let field_pointer = format!("{pointer}/properties/{}", escape(name));
                let field = self.field(name, schema, &field_pointer, object, depth + 1);
                out.names.insert(name.clone());
                out.fields.push(field);
            }
        }
        if let Some(members) = map.get("allOf").and_then(Value::as_array) {
            for (i, member) in members.iter().enumerate() {
                let member_pointer = format!("{pointer}/allOf/{i}");
                self.gather(
                    member,
                    &member_pointer,
                    object,
                    depth + 1,
                    required_ok,
                    false,
                    out,
                );
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            let Some(alternatives) = map.get(keyword).and_then(Value::as_array) else {
                continue;
            };
            for (i, alternative) in alternatives.iter().enumerate() {
                if top {
                    let label = self.alternative_label(alternative, i);
                    out.alternatives.push(label);
                }
                let alt_pointer = format!("{pointer}/{keyword}/{i}");
                self.gather(
                    alternative,
                    &alt_pointer,
                    object,
                    depth + 1,
                    false,
                    false,
                    out,
                );
            }
        }
    }

    fn alternative_label(&self, alternative: &'a Value, i: usize) -> String {
        if let Some(reference) = ref_of(alternative) {
            if let Some(named) = self
                .ref_cache
                .get(reference)
                .copied()
                .flatten()
                .and_then(|t| self.named_by_addr.get(&addr(t)))
                .and_then(|&n| self.named.get(n))
            {
                return named.name.to_owned();
            }
            return name_from_pointer(reference);
        }
        alternative
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("#{}", i + 1))
    }

    /// One property as a field (`required` is set by the caller).
    fn field(
        &mut self,
        name: &str,
        schema: &'a Value,
        pointer: &str,
        object: &str,
        depth: usize,
    ) -> Field {
        let (ty, nullable) = self.type_of(schema, pointer, &format!("{object}.{name}"), depth);
        let map = schema.as_object();
        let get_str = |key: &str| map.and_then(|m| m.get(key)).and_then(Value::as_str);
        let format = get_str("format");
        let description = get_str("description").map(str::to_owned);
        let (mut class, mut sensitive) = pii::classify(name, format);
        if class == PiiClass::None {
            if let Some(d) = &description {
                let lower = d.to_ascii_lowercase();
                if ["password", "secret", "token"]
                    .iter()
                    .any(|w| lower.contains(w))
                {
                    class = PiiClass::Credential;
                    sensitive = class.is_sensitive();
                }
            }
        }
        Field {
            name: name.to_owned(),
            ty,
            required: false,
            nullable,
            description,
            default: map
                .and_then(|m| m.get("default"))
                .map(|d| serde_json::to_string(d).unwrap_or_default()),
            native_type: format.or_else(|| get_str("type")).map(str::to_owned),
            pii: class,
            sensitive,
            origin: format!("openapi:{pointer}"),
            deprecated: crate::rest::deprecation(schema),
            arguments: Vec::new(),
            connection: None,
            role: None,
        }
    }

    fn depth_limit(&mut self, at: &str) {
        self.warn_once(
            "openapi/depth-limit",
            at,
            Diagnostic::warning(
                "openapi/depth-limit",
                format!("schemas nest deeper than {MAX_DEPTH} levels here; the rest is skipped"),
                at,
            ),
        );
    }

    /// The type of a schema and whether it is nullable. `hint` names an inline object made
    /// for it.
    pub(crate) fn type_of(
        &mut self,
        schema: &'a Value,
        at: &str,
        hint: &str,
        depth: usize,
    ) -> (FieldType, bool) {
        if depth > MAX_DEPTH {
            self.depth_limit(at);
            return (
                FieldType::Unknown {
                    raw: "depth limit".to_owned(),
                },
                false,
            );
        }
        let Some(map) = schema.as_object() else {
            return (json(), false);
        };
        let nullable = nullable_flag(map);
        if ref_of(schema).is_some() {
            let (ty, null) = match self.follow(schema, at) {
                Followed::Named(i) => self.named_type(i, depth),
                Followed::Broken(raw) => (FieldType::Unknown { raw }, false),
                Followed::Node(target, pointer) => {
                    let key = addr(target);
                    if !self.in_progress.insert(key) {
                        (
                            FieldType::Unknown {
                                raw: "cyclic $ref".to_owned(),
                            },
                            false,
                        )
                    } else {
                        let name = name_from_pointer(&pointer);
                        let result = self.type_of(target, &pointer, &name, depth + 1);
                        self.in_progress.remove(&key);
                        result
                    }
                }
            };
            return (ty, nullable || null);
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array) {
            let null = values.iter().any(Value::is_null);
            let values = values
                .iter()
                .filter(|v| !v.is_null())
                .map(enum_text)
                .collect();
            return (FieldType::Enum { values }, nullable || null);
        }
        if let Some(members) = map.get("allOf").and_then(Value::as_array) {
            if let [only] = members.as_slice() {
                if !map.contains_key("properties") {
                    let (ty, null) = self.type_of(only, &format!("{at}/allOf/0"), hint, depth + 1);
                    return (ty, nullable || null);
                }
            }
            return (self.inline_object(schema, at, hint, depth), nullable);
        }
        if map
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
        {
            return (self.inline_object(schema, at, hint, depth), nullable);
        }
        for keyword in ["oneOf", "anyOf"] {
            if let Some(alternatives) = map.get(keyword).and_then(Value::as_array) {
                let (ty, null) = self.alternatives_type(alternatives, keyword, at, hint, depth);
                return (ty, nullable || null);
            }
        }
        let (types, _) = declared_types(map);
        let format = map.get("format").and_then(Value::as_str);
        let ty = match types.as_slice() {
            ["array"] => self.list_of(map, at, hint, depth),
            ["object"] => json(),
            [single] => match scalar_of(single, format) {
                Some(scalar) => FieldType::Scalar {
                    scalar,
                    format: format.map(str::to_owned),
                },
                None => FieldType::Unknown {
                    raw: (*single).to_owned(),
                },
            },
            [] if map.contains_key("items") => self.list_of(map, at, hint, depth),
            [] => json(),
            many => FieldType::Unknown {
                raw: many.join("|"),
            },
        };
        (ty, nullable)
    }

    fn list_of(
        &mut self,
        map: &'a Map<String, Value>,
        at: &str,
        hint: &str,
        depth: usize,
    ) -> FieldType {
        let of = match map.get("items") {
            Some(items) => {
                self.type_of(items, &format!("{at}/items"), hint, depth + 1)
                    .0
            }
            None => json(),
        };
        FieldType::List { of: Box::new(of) }
    }

    /// A named schema's type: the object, or an alias's type (computed once, cycles guarded).
    fn named_type(&mut self, index: usize, depth: usize) -> (FieldType, bool) {
        let Some(named) = self.named.get(index) else {
            return (json(), false);
        };
        if named.is_object {
            return (
                FieldType::Object {
                    object: named.name.to_owned(),
                },
                false,
            );
        }
        if let Some(hit) = self.alias_cache.get(&index) {
            return hit.clone();
        }
        let (schema, pointer, name) = (named.schema, named.pointer.clone(), named.name);
        let key = addr(schema);
        if !self.in_progress.insert(key) {
            self.warn_once(
                "openapi/ref-cycle",
                &pointer,
                Diagnostic::warning(
                    "openapi/ref-cycle",
                    format!("`{name}` is defined in terms of itself"),
                    pointer.clone(),
                ),
            );
            return (
                FieldType::Unknown {
                    raw: "cyclic $ref".to_owned(),
                },
                false,
            );
        }
        let result = self.type_of(schema, &pointer, name, depth + 1);
        self.in_progress.remove(&key);
        self.alias_cache.insert(index, result.clone());
        result
    }

    /// The type of a `oneOf`/`anyOf`: the one non-null alternative, a shared scalar, or unknown.
    fn alternatives_type(
        &mut self,
        alternatives: &'a [Value],
        keyword: &str,
        at: &str,
        hint: &str,
        depth: usize,
    ) -> (FieldType, bool) {
        let is_null = |v: &Value| {
            v.as_object()
                .is_some_and(|m| declared_types(m) == (Vec::new(), true))
        };
        let null = alternatives.iter().any(is_null);
        let rest: Vec<(usize, &'a Value)> = alternatives
            .iter()
            .enumerate()
            .filter(|(_, v)| !is_null(v))
            .collect();
        if let [(i, only)] = rest.as_slice() {
            let (ty, n) = self.type_of(only, &format!("{at}/{keyword}/{i}"), hint, depth + 1);
            return (ty, null || n);
        }
        let mut shared: Option<FieldType> = None;
        for (i, alternative) in &rest {
            let scalar = match self.follow(alternative, &format!("{at}/{keyword}/{i}")) {
                Followed::Node(node, _) => node.as_object().and_then(|m| {
                    if m.contains_key("enum") || m.contains_key("properties") {
                        return None;
                    }
                    match declared_types(m).0.as_slice() {
                        [t] => scalar_of(t, None),
                        _ => None,
                    }
                }),
                _ => None,
            };
            match (scalar, &shared) {
                (Some(s), None) => shared = Some(FieldType::scalar(s)),
                (Some(s), Some(FieldType::Scalar { scalar, .. })) if *scalar == s => {}
                _ => {
                    return (
                        FieldType::Unknown {
                            raw: keyword.to_owned(),
                        },
                        null,
                    )
                }
            }
        }
        (
            shared.unwrap_or(FieldType::Unknown {
                raw: keyword.to_owned(),
            }),
            null,
        )
    }

    /// Makes (once per schema node) an object for an inline object schema.
    pub(crate) fn inline_object(
        &mut self,
        schema: &'a Value,
        at: &str,
        hint: &str,
        depth: usize,
    ) -> FieldType {
        let key = addr(schema);
        if let Some(name) = self.inline_by_addr.get(&key) {
            return FieldType::Object {
                object: name.clone(),
            };
        }
        let name = self.claim_name(hint);
        self.inline_by_addr.insert(key, name.clone());
        let object = self.object_from(schema, at, name.clone(), depth + 1);
        self.push_object(object);
        FieldType::Object { object: name }
    }
}
