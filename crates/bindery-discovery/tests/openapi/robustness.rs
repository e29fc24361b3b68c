//! Property-based fuzzing of the OpenAPI normalizer (proptest): random documents built from the
//! keys that drive it (`$ref` to real, missing, cyclic and external targets, `allOf`/`oneOf`,
//! `items`, parameters, request bodies) must never panic or hang, and whatever normalizes must
//! normalize to the same bytes twice with a summary that matches its parts.

use bindery_discovery::openapi;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const KEYS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "required",
    "enum",
    "nullable",
    "format",
    "parameters",
    "requestBody",
    "responses",
    "content",
    "schema",
    "in",
    "name",
    "additionalProperties",
    "operationId",
    "tags",
    "example",
    "x-extra",
];

const REFS: &[&str] = &[
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/definitions/A",
    "#/components/schemas/Missing",
    "#/components/parameters/P",
    "#/paths/~1a/get",
    "#",
    "#/components/schemas/A/properties/self",
    "other.yaml#/A",
    "https://example.com/schema.json",
];

const SCALARS: &[&str] = &[
    "object", "array", "string", "integer", "number", "boolean", "null", "query", "path", "body",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        prop::sample::select(SCALARS).prop_map(|s| json!(s)),
        prop::sample::select(REFS).prop_map(|r| json!({ "$ref": r })),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|pairs| {
                let mut map = Map::new();
                for (key, value) in pairs {
                    map.insert(key.to_owned(), value);
                }
                Value::Object(map)
            }),
        ]
    })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["3.0.3", "3.1.0", "2.0"][..]),
        prop::collection::vec(value(), 0..4),
        prop::collection::vec(value(), 0..4),
        value(),
    )
        .prop_map(|(version, schemas, operations, parameter)| {
            let named = |i: usize| ["A", "B", "C", "D"].get(i).copied().unwrap_or("E").to_owned();
            let schemas: Map<String, Value> = schemas.into_iter().enumerate().map(|(i, s)| (named(i), s)).collect();
            let mut paths = Map::new();
            for (i, op) in operations.into_iter().enumerate() {
                let method = ["get", "post", "put", "delete"].get(i).copied().unwrap_or("patch");
                paths.insert(format!("/a/{{id{i}}}"), json!({ method: op, "parameters": [parameter.clone()] }));
            }
            if version == "2.0" {
                json!({ "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, "definitions": schemas })
            } else {
                json!({
                    "openapi": version,
                    "info": {"title": "t", "version": "1"},
                    "paths": paths,
                    "components": { "schemas": schemas, "parameters": { "P": parameter } }
                })
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_never_panic_and_are_deterministic(doc in document()) {
        if let Ok(first) = openapi::normalize(&doc, "fuzz") {
            let second = openapi::normalize(&doc, "fuzz").expect("the same input normalizes again");
            prop_assert_eq!(
                first.value.to_canonical_json(),
                second.value.to_canonical_json(),
                "same document, same bytes"
            );
            let schema = &first.value;
            prop_assert_eq!(schema.summary.object_count, schema.objects.len(), "object count");
            prop_assert_eq!(schema.summary.operation_count, schema.operations.len(), "operation count");
            for edge in &schema.edges {
                prop_assert!(schema.object(&edge.from.object).is_some(), "edges start at an object: {:?}", edge);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = openapi::discover_bytes(&bytes, "fuzz");
    }
}
