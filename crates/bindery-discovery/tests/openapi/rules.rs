//! One small hand-written document per normalization rule.

use std::time::{Duration, Instant};

use bindery_schema::pii::PiiClass;
use bindery_schema::{
    ArgLocation, Capability, Cardinality, EdgeSource, FieldType, OperationClass, Scalar, Schema,
};

use super::{codes, discover};

fn field<'s>(schema: &'s Schema, object: &str, name: &str) -> &'s bindery_schema::Field {
    schema
        .object(object)
        .expect("object exists")
        .fields
        .iter()
        .find(|f| f.name == name)
        .expect("field exists")
}

fn op<'s>(schema: &'s Schema, id: &str) -> &'s bindery_schema::Operation {
    schema
        .operations
        .iter()
        .find(|o| o.id == id)
        .expect("operation exists")
}

const PETS: &str = r##"
openapi: 3.0.3
info: {title: Pets, version: "1.2"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {name: limit, in: query, schema: {type: integer, format: int32}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        "201": {description: created, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
  /pets/{id}:
    parameters:
      - {name: id, in: path, schema: {type: string}}
      - {name: X-Trace, in: header, schema: {type: string}}
    get:
      summary: Get one pet
      parameters:
        - {name: X-Trace, in: header, required: true, description: overridden, schema: {type: string}}
        - {$ref: "#/components/parameters/Verbose"}
      responses:
        default: {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
    delete:
      operationId: listPets
      responses: {"204": {description: gone}}
components:
  parameters:
    Verbose: {name: verbose, in: query, schema: {type: boolean}}
  schemas:
    Owner:
      type: object
      properties:
        id: {type: integer}
        password: {type: string}
        note: {type: string, description: "The API token of the owner"}
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, example: {$ref: "http://example.com/never"}}
        owner_id: {type: integer}
        owner: {$ref: "#/components/schemas/Owner"}
        friends: {type: array, items: {$ref: "#/components/schemas/Pet"}}
        status: {type: string, enum: [available, sold], default: available}
        legacy: {type: string, deprecated: true, description: use status}
        collar: {type: object, properties: {size: {type: integer}}}
"##;

#[test]
fn operations_ids_classes_arguments_and_returns() {
    let d = discover(PETS);
    let s = &d.value;
    assert_eq!(s.source.title, "Pets", "title from info");
    assert_eq!(
        s.source.version.as_deref(),
        Some("1.2"),
        "version from info"
    );
    assert_eq!(
        s.summary.operation_count, 4,
        "one operation per path and method"
    );

    let list = op(s, "listPets");
    assert_eq!(list.class, OperationClass::Read, "get reads");
    assert_eq!(list.tags, vec!["pets".to_owned()], "tags kept");
    let of = FieldType::Object {
        object: "Pet".into(),
    };
    assert_eq!(
        list.returns,
        Some(FieldType::List {
            of: Box::new(of.clone())
        }),
        "list of Pet"
    );
    assert_eq!(list.object.as_deref(), Some("Pet"), "principal object");

    let create = op(s, "createPet");
    assert_eq!(create.class, OperationClass::Create, "post creates");
    assert!(!create.idempotent, "post is not idempotent");
    assert_eq!(create.input_object.as_deref(), Some("Pet"), "body object");
    assert!(
        create
            .arguments
            .iter()
            .all(|a| a.location == ArgLocation::Body),
        "body fields are body arguments"
    );
    assert_eq!(create.arguments.len(), 7, "one argument per Pet property");

    // Missing id derived; path-level parameters inherited and overridden by (name, in).
    let get = op(s, "get_pets_by_id");
    assert_eq!(get.title, "Get one pet", "summary is the title");
    let names: Vec<_> = get.arguments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "X-Trace", "verbose"],
        "inherited, overridden, $ref parameter"
    );
    let id = get.arguments.first().expect("id argument");
    assert!(
        id.required && id.location == ArgLocation::Path,
        "path params are required"
    );
    let trace = get.arguments.get(1).expect("trace argument");
    assert!(trace.required, "operation-level override wins");
    assert_eq!(
        trace.description.as_deref(),
        Some("overridden"),
        "override's description"
    );
    assert_eq!(get.returns, Some(of), "default response when no 2xx");

    // Duplicate id: the first keeps it, the later one is derived.
    let delete = op(s, "delete_pets_by_id");
    assert_eq!(delete.class, OperationClass::Delete, "delete deletes");
    assert_eq!(delete.returns, None, "204 has no body");
    assert_eq!(
        codes(&d),
        [
            "openapi/missing-operation-id",
            "openapi/duplicate-operation-id"
        ],
        "derivations are reported"
    );
    let missing = d.diagnostics.first().expect("diagnostic");
    assert_eq!(
        missing.path.as_deref(),
        Some("#/paths/~1pets~1{id}/get"),
        "pointer path"
    );

    let pet = s.object("Pet").expect("Pet object");
    assert_eq!(
        pet.capabilities,
        [Capability::Read, Capability::List, Capability::Create],
        "capabilities from operations"
    );
}

#[test]
fn fields_types_pii_edges_and_inline_objects() {
    let d = discover(PETS);
    let s = &d.value;
    let pet = s.object("Pet").expect("Pet");
    let names: Vec<_> = pet.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["name", "owner_id", "owner", "friends", "status", "legacy", "collar"],
        "document order"
    );
    let name = field(s, "Pet", "name");
    assert!(name.required, "required list");
    assert_eq!(
        name.origin, "openapi:#/components/schemas/Pet/properties/name",
        "origin"
    );
    let status = field(s, "Pet", "status");
    assert_eq!(
        status.ty,
        FieldType::Enum {
            values: vec!["available".into(), "sold".into()]
        },
        "enum"
    );
    assert_eq!(
        status.default.as_deref(),
        Some("\"available\""),
        "default as JSON"
    );
    let legacy = field(s, "Pet", "legacy");
    assert_eq!(
        legacy.description.as_deref(),
        Some("use status"),
        "the description is kept as written"
    );
    assert!(
        legacy.deprecated.is_some() && status.deprecated.is_none(),
        "deprecation is a flag"
    );
    assert_eq!(
        field(s, "Pet", "collar").ty,
        FieldType::Object {
            object: "Pet.collar".into()
        },
        "inline object named by position"
    );
    assert!(s.object("Pet.collar").is_some(), "inline object exists");
    assert_eq!(
        field(s, "Owner", "password").pii,
        PiiClass::Credential,
        "pii by name"
    );
    let note = field(s, "Owner", "note");
    assert!(
        note.pii == PiiClass::Credential && note.sensitive,
        "pii by description"
    );

    let edges: Vec<_> = s
        .edges
        .iter()
        .map(|e| {
            (
                e.from.object.as_str(),
                e.from.fields.join(","),
                e.to.object.as_str(),
                e.cardinality,
                e.source,
            )
        })
        .collect();
    assert!(
        edges.contains(&(
            "Pet",
            "owner".into(),
            "Owner",
            Cardinality::One,
            EdgeSource::Ref
        )),
        "ref edge: {edges:?}"
    );
    assert!(
        edges.contains(&(
            "Pet",
            "friends".into(),
            "Pet",
            Cardinality::Many,
            EdgeSource::Ref
        )),
        "list edge: {edges:?}"
    );
    assert!(
        edges.contains(&(
            "Pet",
            "owner_id".into(),
            "Owner",
            Cardinality::One,
            EdgeSource::Inferred
        )),
        "inferred edge: {edges:?}"
    );
    assert!(
        edges.contains(&(
            "Pet",
            "collar".into(),
            "Pet.collar",
            Cardinality::One,
            EdgeSource::Ref
        )),
        "inline edge: {edges:?}"
    );
    assert!(
        s.edges.iter().all(|e| !e.joinable),
        "REST edges are not joinable"
    );
    assert!(
        !d.diagnostics
            .iter()
            .any(|x| x.message.contains("example.com")),
        "a $ref inside an example is data"
    );
}

#[test]
fn nullability_30_31_and_20() {
    let v30 = discover(
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        a: {type: string, nullable: true}\n        b: {type: string}\n",
    );
    let v31 = discover(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        a: {type: [string, 'null']}\n        b: {type: string}\n        c: {oneOf: [{type: integer}, {type: 'null'}]}\n",
    );
    let v20 = discover(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    properties:\n      a: {type: string, x-nullable: true}\n      b: {type: string}\n",
    );
    for (label, d) in [("3.0", &v30), ("3.1", &v31), ("2.0", &v20)] {
        let a = field(&d.value, "A", "a");
        assert!(a.nullable, "{label}: a is nullable");
        assert_eq!(
            a.ty,
            FieldType::scalar(Scalar::String),
            "{label}: a is a string"
        );
        assert!(
            !field(&d.value, "A", "b").nullable,
            "{label}: b is not nullable"
        );
    }
    let c = field(&v31.value, "A", "c");
    assert!(
        c.nullable && c.ty == FieldType::scalar(Scalar::Integer),
        "oneOf with null"
    );
}

#[test]
fn all_of_merges_and_one_of_unions() {
    let d = discover(
        r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base:
      required: [id]
      properties: {id: {type: string}, created: {type: string, format: date-time}}
    Dog:
      allOf:
        - $ref: "#/components/schemas/Base"
        - required: [bark]
          properties: {bark: {type: boolean}}
    Cat:
      properties: {meow: {type: integer}}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Dog"}, {$ref: "#/components/schemas/Cat"}]
    Holder:
      properties:
        either: {oneOf: [{type: string}, {type: string, format: email}]}
        mixed: {anyOf: [{type: string}, {$ref: "#/components/schemas/Cat"}]}
"##,
    );
    let s = &d.value;
    let dog = s.object("Dog").expect("Dog");
    let names: Vec<_> = dog
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        names,
        [("id", true), ("created", false), ("bark", true)],
        "allOf merged"
    );
    assert_eq!(
        field(s, "Dog", "created").ty,
        FieldType::Scalar {
            scalar: Scalar::DateTime,
            format: Some("date-time".into())
        },
        "format kept"
    );
    let pet = s.object("Pet").expect("Pet");
    assert!(
        pet.fields.iter().all(|f| !f.required),
        "alternatives are optional"
    );
    assert_eq!(pet.fields.len(), 4, "union of alternatives' properties");
    assert_eq!(
        pet.description.as_deref(),
        Some("One of: Dog, Cat"),
        "alternatives named"
    );
    assert_eq!(
        field(s, "Holder", "either").ty,
        FieldType::scalar(Scalar::String),
        "same scalar"
    );
    assert_eq!(
        field(s, "Holder", "mixed").ty,
        FieldType::Unknown {
            raw: "anyOf".into()
        },
        "mixed"
    );
    assert!(
        d.diagnostics.is_empty(),
        "nothing noisy: {:?}",
        d.diagnostics
    );
}

#[test]
fn cycles_finish_fast() {
    let d = {
        let started = Instant::now();
        let d = discover(
            r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Node: {properties: {next: {$ref: "#/components/schemas/Node"}, kids: {type: array, items: {$ref: "#/components/schemas/Node"}}}}
    A: {properties: {b: {$ref: "#/components/schemas/B"}}}
    B: {allOf: [{$ref: "#/components/schemas/A"}, {properties: {a: {$ref: "#/components/schemas/A"}}}]}
    L1: {$ref: "#/components/schemas/L2"}
    L2: {$ref: "#/components/schemas/L1"}
    User: {properties: {loop: {$ref: "#/components/schemas/L1"}, inner: {$ref: "#/components/schemas/A/properties/b"}, self: {properties: {again: {$ref: "#/components/schemas/User/properties/self"}}}}}
"##,
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "cycles finish fast"
        );
        d
    };
    let s = &d.value;
    assert_eq!(
        field(s, "Node", "next").ty,
        FieldType::Object {
            object: "Node".into()
        },
        "self ref"
    );
    assert_eq!(
        field(s, "B", "b").ty,
        FieldType::Object { object: "B".into() },
        "allOf through cycle"
    );
    assert_eq!(
        field(s, "User", "inner").ty,
        FieldType::Object { object: "B".into() },
        "ref to a property"
    );
    assert_eq!(
        field(s, "User.self", "again").ty,
        FieldType::Object {
            object: "User.self".into()
        },
        "inline self reference"
    );
    assert!(
        matches!(field(s, "User", "loop").ty, FieldType::Unknown { .. }),
        "alias loop"
    );
    assert!(
        codes(&d).contains(&"openapi/ref-cycle"),
        "alias loop reported: {:?}",
        codes(&d)
    );
}

#[test]
fn deep_ref_chains_hit_the_depth_limit() {
    let mut doc = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Top: {properties: {deep: {$ref: '#/components/schemas/S0'}}}\n");
    for i in 0..200 {
        doc.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    doc.push_str("    S200: {type: string}\n");
    let started = Instant::now();
    let d = discover(&doc);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "deep chains finish fast"
    );
    assert!(
        codes(&d).contains(&"openapi/depth-limit"),
        "depth limit reported"
    );
    assert!(
        matches!(
            field(&d.value, "Top", "deep").ty,
            FieldType::Unknown { .. } | FieldType::Scalar { .. }
        ),
        "a type, never a hang"
    );
}

#[test]
fn external_and_broken_refs_are_reported() {
    let d = discover(
        r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A:
      properties:
        ext: {$ref: "other.yaml#/X"}
        web: {$ref: "https://example.com/s.json"}
        gone: {$ref: "#/components/schemas/Missing"}
        gone2: {$ref: "#/components/schemas/Missing"}
"##,
    );
    assert_eq!(
        codes(&d),
        [
            "openapi/external-ref-refused",
            "openapi/external-ref-refused",
            "openapi/unresolved-ref"
        ],
        "one diagnostic per reference"
    );
    let refused = d.diagnostics.first().expect("diagnostic");
    assert!(
        refused
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("off by default"),
        "help says why"
    );
    assert_eq!(
        field(&d.value, "A", "gone").ty,
        FieldType::Unknown {
            raw: "#/components/schemas/Missing".into()
        },
        "unresolved is unknown"
    );
}

#[test]
fn swagger2_body_and_form_data() {
    let d = discover(
        r##"{
  "swagger": "2.0",
  "info": {"title": "S", "version": "2"},
  "paths": {
    "/pets": {
      "post": {"operationId": "addPet", "parameters": [
        {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}},
      "put": {"operationId": "upload", "consumes": ["multipart/form-data"], "parameters": [
        {"name": "file", "in": "formData", "type": "file", "required": true},
        {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}}],
        "responses": {"200": {"description": "ok"}}}
    }
  },
  "definitions": {"Pet": {"required": ["name"], "properties": {"name": {"type": "string"}, "age": {"type": "integer", "format": "int32"}}}}
}"##,
    );
    let s = &d.value;
    let add = op(s, "addPet");
    assert_eq!(
        add.input_object.as_deref(),
        Some("Pet"),
        "body param object"
    );
    let args: Vec<_> = add
        .arguments
        .iter()
        .map(|a| (a.name.as_str(), a.required, a.location))
        .collect();
    assert_eq!(
        args,
        [
            ("name", true, ArgLocation::Body),
            ("age", false, ArgLocation::Body)
        ],
        "body fields"
    );
    let upload = op(s, "upload");
    assert_eq!(
        upload.input_object.as_deref(),
        Some("upload.request"),
        "form object"
    );
    let form = s.object("upload.request").expect("form object");
    assert_eq!(form.fields.len(), 2, "form fields");
    assert_eq!(
        field(s, "upload.request", "file").ty,
        FieldType::scalar(Scalar::Binary),
        "file"
    );
    assert_eq!(
        field(s, "upload.request", "tags").ty,
        FieldType::List {
            of: Box::new(FieldType::scalar(Scalar::String))
        },
        "array param"
    );
    assert!(
        upload
            .arguments
            .iter()
            .all(|a| a.location == ArgLocation::Body),
        "form args in body"
    );
}
