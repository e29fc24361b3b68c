//! Property-based fuzzing of the discovery-document normalizer (proptest): random resource trees,
//! schemas and `$ref`s never panic, and what normalizes does so deterministically.

use bindery_discovery::google;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const KEYS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "items",
    "format",
    "enum",
    "additionalProperties",
    "description",
    "httpMethod",
    "path",
    "parameters",
    "parameterOrder",
    "request",
    "response",
    "location",
    "required",
    "repeated",
    "id",
    "methods",
    "resources",
    "deprecated",
];

const LEAVES: &[&str] = &[
    "object",
    "array",
    "string",
    "integer",
    "any",
    "boolean",
    "int64",
    "date-time",
    "GET",
    "POST",
    "DELETE",
    "path",
    "query",
    "A",
    "B",
    "Missing",
    "v1/things/{id}",
];

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(LEAVES).prop_map(|s| json!(s)),
        prop::sample::select(&["A", "B", "Missing"][..]).prop_map(|r| json!({ "$ref": r })),
    ];
    leaf.prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
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
    (prop::collection::vec(value(), 0..3), value(), value()).prop_map(
        |(schemas, methods, resources)| {
            let schemas: Map<String, Value> = schemas
                .into_iter()
                .enumerate()
                .map(|(i, s)| (["A", "B", "C"].get(i).copied().unwrap_or("D").to_owned(), s))
                .collect();
            json!({
                "kind": "discovery#restDescription",
                "name": "fuzz",
                "version": "v1",
                "schemas": schemas,
                "methods": methods,
                "resources": resources,
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_never_panic_and_are_deterministic(doc in document()) {
        if let Ok(first) = google::normalize(&doc, "fuzz") {
            let second = google::normalize(&doc, "fuzz").expect("the same input normalizes again");
            prop_assert_eq!(
                first.value.to_canonical_json(),
                second.value.to_canonical_json(),
                "same document, same bytes"
            );
            let schema = &first.value;
            prop_assert_eq!(schema.summary.operation_count, schema.operations.len(), "operation count");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = google::discover_bytes(&bytes, "fuzz");
    }
}
