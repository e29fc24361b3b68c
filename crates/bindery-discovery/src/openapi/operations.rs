//! Paths and methods to operations: ids, class, arguments, request body, returned type, and the
//! objects' capabilities.

use std::collections::HashSet;

use bindery_schema::{
    ArgLocation, Argument, Capability, Diagnostic, Field, FieldType, HttpRoute, Object, ObjectKind,
    Operation, OperationClass, Transport,
};
use serde_json::Value;

use super::context::{Ctx, Version};
use super::naming::derive_operation_id;
use super::refs::escape;

/// HTTP methods an operation can be under, in the specification's order.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn class_of(method: &str) -> (OperationClass, bool) {
    match method {
        "post" => (OperationClass::Create, false),
        "patch" => (OperationClass::Update, false),
        "put" => (OperationClass::Update, true),
        "delete" => (OperationClass::Delete, true),
        _ => (OperationClass::Read, true),
    }
}

fn text<'v>(node: &'v Value, key: &str) -> Option<&'v str> {
    node.get(key).and_then(Value::as_str)
}

/// The schema of a content map: `application/json` first, else the first media type.
fn content_schema(content: Option<&Value>) -> Option<(&Value, String, &str)> {
    let map = content?.as_object()?;
    let (media, body) = map
        .get_key_value("application/json")
        .or_else(|| map.iter().next())?;
    Some((
        body.get("schema")?,
        format!("content/{}/schema", escape(media)),
        media.as_str(),
    ))
}

/// Swagger 2.0's `consumes` of an operation (else of the document).
fn consumes<'v>(op: &'v Value, doc: &'v Value) -> Vec<&'v str> {
    [op, doc]
        .iter()
        .find_map(|v| v.get("consumes").and_then(Value::as_array))
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

impl<'a> Ctx<'a> {
    /// Every (path, method) pair as one operation, then the objects' capabilities from them.
    pub(crate) fn build_operations(&mut self) -> Vec<Operation> {
        let Some(paths) = self.doc.get("paths").and_then(Value::as_object) else {
            return Vec::new();
        };
        let declared: HashSet<&'a str> = paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| METHODS.iter().filter_map(|m| item.get(*m)))
            .filter_map(|op| text(op, "operationId"))
            .collect();
        let mut used: HashSet<String> = HashSet::new();
        let mut operations = Vec::new();
        for (path, raw_item) in paths {
            let item_pointer = format!("#/paths/{}", escape(path));
            let Some((item, _)) = self.deref(raw_item, &item_pointer) else {
                continue;
            };
            let Some(item_map) = item.as_object() else {
                continue;
            };
            let inherited = item_map.get("parameters").and_then(Value::as_array);
            for (method, op) in item_map {
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                let pointer = format!("{item_pointer}/{method}");
                let id = self.operation_id(op, method, path, &pointer, &declared, &mut used);
                let operation = self.operation(op, method, path, id, &pointer, inherited);
                operations.push(operation);
            }
        }
        self.capabilities(&operations);
        operations
    }

    fn operation_id(
        &mut self,
        op: &'a Value,
        method: &str,
        path: &str,
        pointer: &str,
        declared: &HashSet<&'a str>,
        used: &mut HashSet<String>,
    ) -> String {
        let given = text(op, "operationId").filter(|s| !s.trim().is_empty());
        if let Some(id) = given {
            if used.insert(id.to_owned()) {
                return id.to_owned();
            }
        }
        let base = derive_operation_id(method, path);
        let mut id = base.clone();
        let mut n = 2usize;
        while used.contains(&id) || declared.contains(id.as_str()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        used.insert(id.clone());
        let diagnostic = match given {
            Some(original) => Diagnostic::warning(
                "openapi/duplicate-operation-id",
                format!("operationId `{original}` is used before; this operation is `{id}`"),
                pointer,
            ),
            None => Diagnostic::warning(
                "openapi/missing-operation-id",
                format!("no operationId; derived `{id}` from the method and path"),
                pointer,
            ),
        }
        .with_help("Give every operation a unique operationId so its id stays stable.");
        self.diagnostics.push(diagnostic);
        id
    }

    fn operation(
        &mut self,
        op: &'a Value,
        method: &str,
        path: &str,
        id: String,
        pointer: &str,
        inherited: Option<&'a Vec<Value>>,
    ) -> Operation {
        let (class, idempotent) = class_of(method);
        let mut arguments = Vec::new();
        let mut input_object = None;
        let mut form: Vec<(&'a Value, String)> = Vec::new();
        let mut body_media_type: Option<String> = None;
        for (param, at) in self.parameters(op, pointer, inherited) {
            let name = text(param, "name").unwrap_or_default();
            let location = match text(param, "in").unwrap_or_default() {
                "path" => ArgLocation::Path,
                "query" => ArgLocation::Query,
                "header" => ArgLocation::Header,
                "cookie" => ArgLocation::Cookie,
                "body" if self.version == Version::Swagger2 => {
                    let consumes = consumes(op, self.doc);
                    let media = consumes
                        .iter()
                        .find(|m| m.contains("json"))
                        .or(consumes.first())
                        .copied()
                        .unwrap_or("application/json");
                    body_media_type = Some(media.to_owned());
                    if let Some(schema) = param.get("schema") {
                        let required = param.get("required").and_then(Value::as_bool) == Some(true);
                        input_object = self.body(
                            schema,
                            &format!("{at}/schema"),
                            &id,
                            required,
                            &mut arguments,
                        );
                    }
                    continue;
                }
                "formData" if self.version == Version::Swagger2 => {
                    form.push((param, at));
                    continue;
                }
                other => {
                    self.diagnostics.push(Diagnostic::warning(
                        "openapi/unknown-parameter-location",
                        format!("parameter `{name}` is `in: {other}`, which Bindery does not know; skipped"),
                        at,
                    ));
                    continue;
                }
            };
            let ty = self.parameter_type(param, &at, &format!("{id}.{name}"));
            arguments.push(Argument {
                name: name.to_owned(),
                ty,
                required: location == ArgLocation::Path
                    || param.get("required").and_then(Value::as_bool) == Some(true),
                location,
                indexed: false,
                leading_index: false,
                native_type: None,
                description: text(param, "description").map(str::to_owned),
                default: None,
                deprecated: crate::rest::deprecation(param),
            });
        }
        if !form.is_empty() {
            let multipart = consumes(op, self.doc)
                .iter()
                .all(|m| *m == "multipart/form-data")
                && !consumes(op, self.doc).is_empty();
            body_media_type = Some(
                if multipart {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                }
                .to_owned(),
            );
            input_object = Some(self.form_object(&form, &id, pointer, &mut arguments));
        }
        if let Some(body) = op.get("requestBody") {
            let at = format!("{pointer}/requestBody");
            if let Some((body, body_pointer)) = self.deref(body, &at) {
                let required = body.get("required").and_then(Value::as_bool) == Some(true);
                if let Some((schema, tail, media)) = content_schema(body.get("content")) {
                    body_media_type = Some(media.to_owned());
                    let schema_pointer = format!("{body_pointer}/{tail}");
                    input_object =
                        self.body(schema, &schema_pointer, &id, required, &mut arguments);
                }
            }
        }
        let returns = self.returns(op, pointer, &id);
        // The principal object: the returned object (or list item), else a named input object
        // (a request body made up for one operation is not what the operation is about).
        let named_input = input_object
            .clone()
            .filter(|name| self.named_objects.contains(name));
        let object = match &returns {
            Some(FieldType::Object { object }) => Some(object.clone()),
            Some(FieldType::List { of }) => match of.as_ref() {
                FieldType::Object { object } => Some(object.clone()),
                _ => named_input,
            },
            _ => named_input,
        };
        Operation {
            title: text(op, "summary")
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(&id)
                .to_owned(),
            id,
            object,
            class,
            idempotent,
            transport: Transport::NativeRest,
            http: Some(HttpRoute {
                method: method.to_ascii_uppercase(),
                path: path.to_owned(),
                body_media_type,
            }),
            arguments,
            input_object,
            returns,
            limit: None,
            description: text(op, "description").map(str::to_owned),
            tags: op
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            deprecated: crate::rest::deprecation(op),
            connection: None,
            index: None,
        }
    }

    /// Path-level parameters, then the operation's (which replace ones with the same name and
    /// location), references resolved.
    fn parameters(
        &mut self,
        op: &'a Value,
        pointer: &str,
        inherited: Option<&'a Vec<Value>>,
    ) -> Vec<(&'a Value, String)> {
        let mut out: Vec<(&'a Value, String)> = Vec::new();
        let item_pointer = pointer.rsplit_once('/').map(|(p, _)| p).unwrap_or(pointer);
        let lists = [
            (inherited, format!("{item_pointer}/parameters")),
            (
                op.get("parameters").and_then(Value::as_array),
                format!("{pointer}/parameters"),
            ),
        ];
        for (list, base) in lists {
            for (i, raw) in list.into_iter().flatten().enumerate() {
                let at = format!("{base}/{i}");
                let Some((param, _)) = self.deref(raw, &at) else {
                    continue;
                };
                let key = (text(param, "name"), text(param, "in"));
                match out
                    .iter_mut()
                    .find(|(p, _)| (text(p, "name"), text(p, "in")) == key)
                {
                    Some(slot) => *slot = (param, at),
                    None => out.push((param, at)),
                }
            }
        }
        out
    }

    fn parameter_type(&mut self, param: &'a Value, at: &str, hint: &str) -> FieldType {
        if self.version == Version::Swagger2 {
            return self.type_of(param, at, hint, 0).0;
        }
        if let Some(schema) = param.get("schema") {
            return self.type_of(schema, &format!("{at}/schema"), hint, 0).0;
        }
        if let Some((schema, tail, _)) = content_schema(param.get("content")) {
            return self.type_of(schema, &format!("{at}/{tail}"), hint, 0).0;
        }
        FieldType::scalar(bindery_schema::Scalar::String)
    }

    /// A request body schema: an object's properties become body arguments and the object is the
    /// input object; anything else is one `body` argument.
    fn body(
        &mut self,
        schema: &'a Value,
        at: &str,
        id: &str,
        required: bool,
        arguments: &mut Vec<Argument>,
    ) -> Option<String> {
        let (ty, _) = self.type_of(schema, at, &format!("{id}.request"), 0);
        if let FieldType::Object { object } = &ty {
            if let Some(found) = self.object(object) {
                arguments.extend(found.fields.iter().map(body_argument));
                return Some(object.clone());
            }
        }
        arguments.push(Argument {
            name: "body".to_owned(),
            ty,
            required,
            location: ArgLocation::Body,
            indexed: false,
            leading_index: false,
            native_type: None,
            description: None,
            default: None,
            deprecated: None,
        });
        None
    }

    /// Swagger 2.0 `formData` parameters as an object `{id}.request` and body arguments.
    fn form_object(
        &mut self,
        form: &[(&'a Value, String)],
        id: &str,
        pointer: &str,
        arguments: &mut Vec<Argument>,
    ) -> String {
        let name = self.claim_name(&format!("{id}.request"));
        let mut fields = Vec::with_capacity(form.len());
        for (param, at) in form {
            let field_name = text(param, "name").unwrap_or_default().to_owned();
            let (ty, nullable) = self.type_of(param, at, &format!("{name}.{field_name}"), 0);
            let format = text(param, "format");
            let (pii, sensitive) = bindery_schema::pii::classify(&field_name, format);
            fields.push(Field {
                name: field_name,
                ty,
                required: param.get("required").and_then(Value::as_bool) == Some(true),
                nullable,
                description: text(param, "description").map(str::to_owned),
                default: param
                    .get("default")
                    .map(|d| serde_json::to_string(d).unwrap_or_default()),
                native_type: format.or_else(|| text(param, "type")).map(str::to_owned),
                pii,
                sensitive,
                origin: format!("openapi:{at}"),
                deprecated: None,
                arguments: Vec::new(),
                connection: None,
                role: None,
            });
        }
        arguments.extend(fields.iter().map(body_argument));
        self.push_object(Object {
            name: name.clone(),
            kind: ObjectKind::Resource,
            description: None,
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
        });
        name
    }

    /// The type of the first success response with a schema: 200, 201, other 2xx in order,
    /// then `default`.
    fn returns(&mut self, op: &'a Value, pointer: &str, id: &str) -> Option<FieldType> {
        let responses = op.get("responses").and_then(Value::as_object)?;
        let mut order: Vec<&String> = Vec::new();
        for code in ["200", "201"] {
            if let Some((k, _)) = responses.get_key_value(code) {
                order.push(k);
            }
        }
        order.extend(
            responses
                .keys()
                .filter(|k| k.starts_with('2') && *k != "200" && *k != "201"),
        );
        if let Some((k, _)) = responses.get_key_value("default") {
            order.push(k);
        }
        for code in order {
            let Some(raw) = responses.get(code) else {
                continue;
            };
            let at = format!("{pointer}/responses/{}", escape(code));
            let Some((response, response_pointer)) = self.deref(raw, &at) else {
                continue;
            };
            let found = match self.version {
                Version::Swagger2 => response
                    .get("schema")
                    .map(|s| (s, format!("{response_pointer}/schema"))),
                _ => content_schema(response.get("content"))
                    .map(|(s, tail, _)| (s, format!("{response_pointer}/{tail}"))),
            };
            if let Some((schema, schema_pointer)) = found {
                return Some(
                    self.type_of(schema, &schema_pointer, &format!("{id}.response"), 0)
                        .0,
                );
            }
        }
        None
    }

    /// Capabilities of each object from the operations on it.
    fn capabilities(&mut self, operations: &[Operation]) {
        for op in operations {
            let Some(object) = &op.object else {
                continue;
            };
            let capability = match op.class {
                OperationClass::Read => match &op.returns {
                    Some(FieldType::List { .. }) => Capability::List,
                    _ => Capability::Read,
                },
                OperationClass::Create => Capability::Create,
                OperationClass::Update => Capability::Update,
                OperationClass::Delete => Capability::Delete,
            };
            if let Some(&i) = self.object_index.get(object) {
                if let Some(target) = self.objects.get_mut(i) {
                    if !target.capabilities.contains(&capability) {
                        target.capabilities.push(capability);
                    }
                }
            }
        }
    }
}

/// A request-body property as a `Body` argument (shared by both REST source kinds).
pub(crate) fn body_argument(field: &Field) -> Argument {
    Argument {
        name: field.name.clone(),
        ty: field.ty.clone(),
        required: field.required,
        location: ArgLocation::Body,
        indexed: false,
        leading_index: false,
        native_type: None,
        description: field.description.clone(),
        default: None,
        deprecated: None,
    }
}
