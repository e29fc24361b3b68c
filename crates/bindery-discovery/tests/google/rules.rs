//! Small hand-written discovery documents, one rule each.

use bindery_discovery::google::{discover_bytes, normalize, parse_document, MAX_DOCUMENT_BYTES};
use bindery_discovery::{Discovered, DiscoveryError};
use bindery_schema::pii::PiiClass;
use bindery_schema::{
    ArgLocation, Capability, Cardinality, EdgeSource, FieldType, OperationClass, Schema,
};
use serde_json::{json, Value};

fn discover_json(doc: &Value) -> Discovered {
    let bytes = serde_json::to_vec(doc).expect("serialize a test document");
    discover_bytes(&bytes, "test.json").expect("the test document discovers")
}

fn codes(discovered: &Discovered) -> Vec<String> {
    discovered
        .diagnostics
        .iter()
        .map(|d| d.code.clone())
        .collect()
}

#[test]
fn nested_resources_and_top_level_methods_become_operations() {
    let doc = json!({
        "kind": "discovery#restDescription",
        "name": "demo",
        "version": "v1",
        "methods": {"ping": {"id": "demo.ping", "httpMethod": "GET", "path": "ping"}},
        "resources": {
            "a": {
                "methods": {"get": {"id": "demo.a.get", "httpMethod": "GET", "path": "a"}},
                "resources": {"b": {
                    "methods": {"delete": {"id": "demo.a.b.delete", "httpMethod": "DELETE", "path": "a/b"}},
                    "resources": {"c": {"methods": {"put": {"id": "demo.a.b.c.put", "httpMethod": "PUT", "path": "c"}}}}
                }}
            }
        }
    });
    let discovered = discover_json(&doc);
    let ops = &discovered.value.operations;
    let ids: Vec<&str> = ops.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "demo.a.b.c.put",
            "demo.a.b.delete",
            "demo.a.get",
            "demo.ping"
        ],
        "one operation per method, sorted by id"
    );
    let tags: Vec<Vec<String>> = ops.iter().map(|op| op.tags.clone()).collect();
    assert_eq!(
        tags,
        vec![
            vec!["a.b.c".to_owned()],
            vec!["a.b".to_owned()],
            vec!["a".to_owned()],
            vec![]
        ],
        "tags are resource paths; top-level methods have none"
    );
    let delete = ops.get(1).expect("delete");
    assert_eq!(delete.class, OperationClass::Delete, "DELETE");
    assert!(delete.idempotent, "DELETE is idempotent");
    assert_eq!(
        ops.first().map(|op| (op.class, op.idempotent)),
        Some((OperationClass::Update, true)),
        "PUT updates idempotently"
    );
    assert_eq!(
        discovered.value.source.title, "demo",
        "title falls back to name"
    );
    assert!(
        discovered.diagnostics.is_empty(),
        "no diagnostics: {:?}",
        discovered.diagnostics
    );
}

#[test]
fn missing_and_duplicate_ids_are_derived_with_diagnostics() {
    let doc = json!({
        "kind": "discovery#restDescription",
        "name": "demo",
        "resources": {
            "items": {"methods": {
                "get": {"httpMethod": "GET", "path": "items/{id}"},
                "list": {"id": "demo.items.get", "httpMethod": "GET", "path": "items"},
                "patch": {"id": "demo.items.get", "httpMethod": "PATCH", "path": "items/{id}"}
            }}
        }
    });
    let discovered = discover_json(&doc);
    let ids: Vec<&str> = discovered
        .value
        .operations
        .iter()
        .map(|op| op.id.as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["demo.items.get", "demo.items.get~2", "demo.items.patch"],
        "missing id derived without taking an explicit one; duplicate derived from path"
    );
    assert_eq!(
        codes(&discovered),
        vec!["google/missing-method-id", "google/duplicate-method-id"],
        "one diagnostic each"
    );
    let paths: Vec<Option<&str>> = discovered
        .diagnostics
        .iter()
        .map(|d| d.path.as_deref())
        .collect();
    assert_eq!(
        paths,
        vec![
            Some("google:#/resources/items/methods/get"),
            Some("google:#/resources/items/methods/patch")
        ],
        "diagnostics point at the methods"
    );
    let patch = discovered
        .value
        .operations
        .iter()
        .find(|op| op.id == "demo.items.patch")
        .expect("patch");
    assert!(!patch.idempotent, "PATCH is not idempotent");
}

#[test]
fn parameters_follow_parameter_order_and_repeated_become_lists() {
    let doc = json!({
        "kind": "discovery#restDescription",
        "name": "demo",
        "parameters": {"alt": {"type": "string", "location": "query"}},
        "resources": {"events": {"methods": {"list": {
            "id": "demo.events.list",
            "httpMethod": "GET",
            "path": "calendars/{calendarId}/events",
            "parameterOrder": ["calendarId", "maxResults"],
            "parameters": {
                "zeta": {"type": "string", "location": "query"},
                "eventTypes": {"type": "string", "location": "query", "repeated": true, "enum": ["default", "focusTime"]},
                "maxResults": {"type": "integer", "format": "int32", "location": "query"},
                "updatedMin": {"type": "string", "format": "date-time", "location": "query"},
                "calendarId": {"type": "string", "location": "path", "required": true},
                "ids": {"type": "string", "format": "int64", "location": "query", "repeated": true}
            }
        }}}}
    });
    let discovered = discover_json(&doc);
    let op = discovered.value.operations.first().expect("list");
    let args: Vec<(&str, ArgLocation, bool, String)> = op
        .arguments
        .iter()
        .map(|a| (a.name.as_str(), a.location, a.required, a.ty.label()))
        .collect();
    assert_eq!(
        args,
        vec![
            ("calendarId", ArgLocation::Path, true, "string".to_owned()),
            (
                "maxResults",
                ArgLocation::Query,
                false,
                "integer(int32)".to_owned()
            ),
            (
                "eventTypes",
                ArgLocation::Query,
                false,
                "list<enum>".to_owned()
            ),
            (
                "ids",
                ArgLocation::Query,
                false,
                "list<string(int64)>".to_owned()
            ),
            (
                "updatedMin",
                ArgLocation::Query,
                false,
                "dateTime(date-time)".to_owned()
            ),
            ("zeta", ArgLocation::Query, false, "string".to_owned()),
        ],
        "parameterOrder first, then alphabetical; global `alt` is not an argument"
    );
    assert_eq!(
        op.arguments.get(2).map(|a| a.ty.clone()),
        Some(FieldType::List {
            of: Box::new(FieldType::Enum {
                values: vec!["default".to_owned(), "focusTime".to_owned()]
            })
        }),
        "repeated enum"
    );
}

fn refs_doc() -> Value {
    json!({
        "kind": "discovery#restDescription",
        "name": "demo",
        "title": "Demo API",
        "schemas": {
            "Event": {"id": "Event", "type": "object", "properties": {
                "id": {"type": "string"},
                "summary": {"type": "string", "description": "Title.", "required": true},
                "calendarId": {"type": "string"},
                "organizer": {"type": "object", "description": "Who organizes.", "properties": {
                    "email": {"type": "string"},
                    "self": {"type": "boolean", "default": "false"}
                }},
                "attendees": {"type": "array", "items": {"$ref": "Attendee"}},
                "parent": {"$ref": "Event"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "sequence": {"type": "string", "format": "int64"},
                "color": {"type": "string", "deprecated": true, "description": "Use colorId."},
                "owner": {"$ref": "Person"}
            }},
            "Attendee": {"id": "Attendee", "type": "object", "properties": {
                "email": {"type": "string"},
                "password": {"type": "string"}
            }},
            "Events": {"id": "Events", "type": "object", "properties": {
                "items": {"type": "array", "items": {"$ref": "Event"}},
                "nextPageToken": {"type": "string"}
            }},
            "Calendar": {"id": "Calendar", "type": "object", "properties": {"id": {"type": "string"}}}
        },
        "resources": {"events": {"methods": {
            "insert": {"id": "demo.events.insert", "httpMethod": "POST", "path": "events",
                "description": "Creates an event. Longer text.",
                "parameters": {"calendarId": {"type": "string", "location": "path", "required": true}},
                "parameterOrder": ["calendarId"],
                "request": {"$ref": "Event"}, "response": {"$ref": "Event"}},
            "list": {"id": "demo.events.list", "httpMethod": "GET", "path": "events", "response": {"$ref": "Events"}},
            "delete": {"id": "demo.events.delete", "httpMethod": "DELETE", "path": "events/{id}"},
            "bad": {"id": "demo.events.bad", "httpMethod": "POST", "path": "x", "request": {"$ref": "Nope"}}
        }}}
    })
}

#[test]
fn request_and_response_refs_give_input_object_body_arguments_and_returns() {
    let discovered = discover_json(&refs_doc());
    let schema = &discovered.value;
    let insert = schema
        .operations
        .iter()
        .find(|op| op.id == "demo.events.insert")
        .expect("insert");
    assert_eq!(insert.title, "Creates an event.", "first sentence");
    assert_eq!(
        insert.input_object.as_deref(),
        Some("Event"),
        "input object"
    );
    assert_eq!(insert.object.as_deref(), Some("Event"), "object");
    assert_eq!(
        insert.returns,
        Some(FieldType::Object {
            object: "Event".to_owned()
        }),
        "returns the response schema"
    );
    let body: Vec<(&str, bool)> = insert
        .arguments
        .iter()
        .filter(|a| a.location == ArgLocation::Body)
        .map(|a| (a.name.as_str(), a.required))
        .collect();
    assert_eq!(
        body.len(),
        10,
        "every top-level property is a body argument"
    );
    assert_eq!(
        body.iter().filter(|(_, required)| *required).count(),
        1,
        "only `summary` says required"
    );
    assert_eq!(
        insert.arguments.first().map(|a| a.location),
        Some(ArgLocation::Path),
        "path parameters come before body fields"
    );

    let events = schema.object("Events").expect("Events");
    assert_eq!(
        events.capabilities,
        vec![Capability::List],
        "list op on the wrapper"
    );
    let event = schema.object("Event").expect("Event");
    assert_eq!(
        event.capabilities,
        vec![Capability::List, Capability::Create],
        "created by insert, listed through Events.items"
    );
    let delete = schema
        .operations
        .iter()
        .find(|op| op.id == "demo.events.delete")
        .expect("delete");
    assert_eq!(
        (delete.object.as_ref(), delete.returns.as_ref()),
        (None, None),
        "no schema"
    );
}

#[test]
fn schemas_become_objects_with_inline_objects_maps_and_edges() {
    let discovered = discover_json(&refs_doc());
    let schema = &discovered.value;
    let names: Vec<&str> = schema.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Attendee", "Calendar", "Event", "Event.organizer", "Events"],
        "named and inline objects, sorted"
    );
    let event = schema.object("Event").expect("Event");
    let labels: Vec<String> = event
        .fields
        .iter()
        .map(|f| format!("{}: {}", f.name, f.ty.label()))
        .collect();
    assert_eq!(
        labels,
        vec![
            "id: string",
            "summary: string",
            "calendarId: string",
            "organizer: Event.organizer",
            "attendees: list<Attendee>",
            "parent: Event",
            "labels: json(map)",
            "sequence: string(int64)",
            "color: string",
            "owner: unknown(Person)",
        ],
        "fields in document order"
    );
    let field = |name: &str| event.fields.iter().find(|f| f.name == name).expect("field");
    assert!(
        field("summary").required && field("summary").nullable,
        "required, nullable"
    );
    assert_eq!(
        field("color").description.as_deref(),
        Some("Use colorId."),
        "the description is kept as written"
    );
    assert!(
        field("color").deprecated.is_some() && field("summary").deprecated.is_none(),
        "deprecation is a flag"
    );
    assert_eq!(
        field("summary").origin,
        "google:#/schemas/Event/properties/summary",
        "field origin is a JSON pointer"
    );
    let organizer = schema.object("Event.organizer").expect("inline object");
    assert_eq!(
        organizer.origin, "google:#/schemas/Event/properties/organizer",
        "inline origin"
    );
    let email = organizer.fields.first().expect("email");
    assert_eq!(email.pii, PiiClass::Contact, "email is contact data");
    assert_eq!(
        organizer.fields.get(1).and_then(|f| f.default.as_deref()),
        Some("false"),
        "default"
    );
    let attendee = schema.object("Attendee").expect("Attendee");
    assert!(
        attendee
            .fields
            .iter()
            .any(|f| f.name == "password" && f.sensitive),
        "credentials are sensitive"
    );

    let edges: Vec<(String, String, Cardinality, EdgeSource)> = schema
        .edges
        .iter()
        .map(|e| {
            (
                format!("{}.{}", e.from.object, e.from.fields.join(",")),
                format!("{}({})", e.to.object, e.to.fields.join(",")),
                e.cardinality,
                e.source,
            )
        })
        .collect();
    assert_eq!(
        edges,
        vec![
            (
                "Event.attendees".to_owned(),
                "Attendee()".to_owned(),
                Cardinality::Many,
                EdgeSource::Ref
            ),
            (
                "Event.calendarId".to_owned(),
                "Calendar(id)".to_owned(),
                Cardinality::One,
                EdgeSource::Inferred
            ),
            (
                "Event.organizer".to_owned(),
                "Event.organizer()".to_owned(),
                Cardinality::One,
                EdgeSource::Ref
            ),
            (
                "Event.parent".to_owned(),
                "Event()".to_owned(),
                Cardinality::One,
                EdgeSource::Ref
            ),
            (
                "Events.items".to_owned(),
                "Event()".to_owned(),
                Cardinality::Many,
                EdgeSource::Ref
            ),
        ],
        "ref edges, one inferred edge, self reference kept, no duplicates"
    );
    assert!(
        schema.edges.iter().all(|e| !e.joinable),
        "REST edges are not joinable"
    );
}

#[test]
fn unresolved_refs_are_diagnostics_and_unknown_types() {
    let discovered = discover_json(&refs_doc());
    let unresolved: Vec<Option<&str>> = discovered
        .diagnostics
        .iter()
        .filter(|d| d.code == "google/unresolved-ref")
        .map(|d| d.path.as_deref())
        .collect();
    assert_eq!(
        unresolved,
        vec![
            Some("google:#/schemas/Event/properties/owner"),
            Some("google:#/resources/events/methods/bad/request"),
        ],
        "one diagnostic per dangling $ref"
    );
    let bad = discovered
        .value
        .operations
        .iter()
        .find(|op| op.id == "demo.events.bad")
        .expect("the operation is kept");
    assert_eq!(bad.input_object, None, "no input object for a dangling ref");
    assert!(
        discovered
            .diagnostics
            .iter()
            .all(|d| d.code.starts_with("google/")),
        "codes are prefixed"
    );
}

#[test]
fn non_discovery_json_is_not_a_description() {
    for (doc, why) in [
        (json!({"hello": "world"}), "plain object"),
        (json!([1, 2, 3]), "array"),
        (json!({"openapi": "3.0.0", "paths": {}}), "OpenAPI"),
    ] {
        let bytes = serde_json::to_vec(&doc).expect("serialize");
        let err = discover_bytes(&bytes, "x.json").expect_err(why);
        assert!(
            matches!(
                &err,
                DiscoveryError::NotADescription {
                    expected: "a Google API discovery document",
                    ..
                }
            ),
            "{why}: {err:?}"
        );
        assert_eq!(err.code(), "discovery/not-a-description", "{why}: code");
        assert!(
            normalize(&doc, "x.json").is_err(),
            "{why}: normalize refuses too"
        );
    }
}

#[test]
fn bad_json_is_malformed_with_line_and_column() {
    let text = b"{\n  \"kind\": \"discovery#restDescription\",\n  \"name\": oops\n}";
    let err = parse_document(text, "broken.json").expect_err("bad JSON");
    let got = match &err {
        DiscoveryError::Malformed {
            source_name,
            format,
            line,
            column,
            ..
        } => Some((source_name.as_str(), *format, *line, *column)),
        _ => None,
    };
    assert_eq!(
        got,
        Some(("broken.json", "JSON", 3, 11)),
        "Malformed at the position of `oops`: {err}"
    );
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let bytes = vec![b' '; MAX_DOCUMENT_BYTES + 1];
    let err = parse_document(&bytes, "huge.json").expect_err("over the cap");
    assert!(
        matches!(&err, DiscoveryError::NotADescription { detail, .. } if detail.contains("64 MiB")),
        "cap in the detail: {err:?}"
    );
}

#[test]
fn output_is_deterministic() {
    let doc = refs_doc();
    let first = discover_json(&doc);
    let second = discover_json(&doc);
    assert_eq!(
        first.value.to_canonical_json(),
        second.value.to_canonical_json(),
        "byte-identical schema JSON"
    );
    assert_eq!(first.diagnostics, second.diagnostics, "same diagnostics");
    let parsed: Schema =
        serde_json::from_slice(&first.value.to_canonical_json()).expect("round trip");
    assert_eq!(parsed, first.value, "canonical JSON round-trips");
}
