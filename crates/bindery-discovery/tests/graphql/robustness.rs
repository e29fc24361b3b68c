//! Property-based fuzzing of both readers (proptest): random SDL assembled from GraphQL's own
//! tokens and random introspection-shaped JSON must never panic, and whatever discovers must
//! discover to the same bytes twice with a summary that matches its parts.

use bindery_discovery::graphql;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "type",
    "input",
    "interface",
    "union",
    "enum",
    "scalar",
    "extend",
    "schema",
    "query:",
    "implements",
    "Query",
    "Mutation",
    "Node",
    "A",
    "B",
    "id:",
    "a:",
    "b:",
    "ID",
    "Int",
    "String",
    "[",
    "]",
    "!",
    "{",
    "}",
    "(",
    ")",
    "=",
    "|",
    "&",
    "@deprecated",
    "@x",
    "\"doc\"",
    "\"\"\"",
    "1",
    "null",
    "edges:",
    "node:",
    "nodes:",
    "pageInfo:",
    "PageInfo",
    "userErrors:",
    "\n",
];

fn check(discovered: &bindery_discovery::Discovered) -> Result<(), TestCaseError> {
    let schema = &discovered.value;
    prop_assert_eq!(
        schema.summary.object_count,
        schema.objects.len(),
        "object count"
    );
    prop_assert_eq!(
        schema.summary.operation_count,
        schema.operations.len(),
        "operation count"
    );
    for edge in &schema.edges {
        prop_assert!(
            schema.object(&edge.from.object).is_some(),
            "edge from a known object"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_sdl_never_panics(tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..80)) {
        let text = tokens.join(" ");
        if let Ok(first) = graphql::discover_sdl(&text, "fuzz.graphql") {
            check(&first)?;
            let second = graphql::discover_sdl(&text, "fuzz.graphql").expect("discovers twice");
            prop_assert_eq!(first.value.to_canonical_json(), second.value.to_canonical_json(), "deterministic");
        }
    }

    #[test]
    fn random_introspection_never_panics(
        kinds in proptest::collection::vec(proptest::sample::select(&["OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "SCALAR", "LIST", "NON_NULL", "X"][..]), 1..12),
        refs in proptest::collection::vec(0usize..12, 1..24),
    ) {
        let name = |i: usize| format!("T{i}");
        let type_ref = |i: usize| {
            let kind = kinds[i % kinds.len()];
            if kind == "LIST" || kind == "NON_NULL" {
                serde_json::json!({"kind": kind, "name": null, "ofType": {"kind": "OBJECT", "name": name(i % 3)}})
            } else {
                serde_json::json!({"kind": kind, "name": name(i)})
            }
        };
        let types: Vec<serde_json::Value> = kinds.iter().enumerate().map(|(i, kind)| serde_json::json!({
            "kind": kind, "name": name(i),
            "fields": refs.iter().map(|&r| serde_json::json!({"name": format!("f{r}"), "args": [], "type": type_ref(r)})).collect::<Vec<_>>(),
            "inputFields": refs.iter().map(|&r| serde_json::json!({"name": format!("i{r}"), "type": type_ref(r), "defaultValue": "{a: [1"})).collect::<Vec<_>>(),
            "interfaces": [type_ref(i)], "possibleTypes": [type_ref(i + 1)],
            "enumValues": [{"name": "V", "isDeprecated": true}],
        })).collect();
        let answer = serde_json::json!({"data": {"__schema": {"queryType": {"name": "T0"}, "mutationType": {"name": "T1"}, "types": types}}});
        let bytes = serde_json::to_vec(&answer).expect("json");
        if let Ok(first) = graphql::discover_introspection(&bytes, "fuzz.json") {
            check(&first)?;
        }
    }
}
