//! Random documents (seeded xorshift, no dependency) through the normalizer: no panic, no hang.

use bindery_discovery::openapi;
use serde_json::{json, Map, Value};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or("x")
    }
}

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
    "operationId",
    "get",
    "post",
    "200",
    "default",
    "application/json",
    "A",
    "B",
    "description",
    "deprecated",
    "default",
    "x-nullable",
];
const REFS: &[&str] = &[
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/definitions/A",
    "#/",
    "#",
    "#/components/schemas/A/properties/A",
    "other.yaml#/A",
    "#/paths/~1a/get",
    "#/%ZZ",
    "#/components/schemas/A/allOf/0",
];
const STRINGS: &[&str] = &[
    "object",
    "array",
    "string",
    "integer",
    "null",
    "query",
    "path",
    "body",
    "formData",
    "date-time",
];

fn value(rng: &mut XorShift, depth: u32) -> Value {
    let choice = if depth == 0 {
        rng.below(4)
    } else {
        rng.below(8)
    };
    match choice {
        0 => Value::Null,
        1 => json!(rng.below(3) == 0),
        2 => Value::String(rng.pick(STRINGS).to_owned()),
        3 => Value::String(rng.pick(REFS).to_owned()),
        4..=6 => {
            let mut map = Map::new();
            for _ in 0..rng.below(5) {
                let key = rng.pick(KEYS);
                let v = if key == "$ref" {
                    Value::String(rng.pick(REFS).to_owned())
                } else {
                    value(rng, depth - 1)
                };
                map.insert(key.to_owned(), v);
            }
            Value::Object(map)
        }
        _ => Value::Array((0..rng.below(4)).map(|_| value(rng, depth - 1)).collect()),
    }
}

#[test]
fn random_documents_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000u32 {
        let version = if round % 2 == 0 {
            json!("3.1.0")
        } else {
            json!("2.0")
        };
        let key = if round % 2 == 0 { "openapi" } else { "swagger" };
        let doc = json!({
            key: version,
            "info": value(&mut rng, 1),
            "paths": {"/a": value(&mut rng, 5), "/b/{id}": {"get": value(&mut rng, 4), "parameters": value(&mut rng, 3)}},
            "components": {"schemas": {"A": value(&mut rng, 5), "B": value(&mut rng, 5)}},
            "definitions": {"A": value(&mut rng, 5), "B": value(&mut rng, 5)},
        });
        let result = openapi::normalize(&doc, "random");
        assert!(
            result.is_ok(),
            "round {round}: a versioned document normalizes"
        );
    }
}
