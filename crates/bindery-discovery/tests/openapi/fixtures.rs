//! Every OpenAPI/Swagger fixture: discovers, operation count equals the (path, method) pairs
//! counted here from the raw tree and PROVENANCE.md, golden snapshot.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bindery_discovery::openapi;
use bindery_discovery::Discovered;
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    match std::env::var_os("BINDERY_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    }
}

/// (file under `openapi/`, snapshot name, `ops=` from PROVENANCE.md).
const FIXTURES: &[(&str, &str, usize)] = &[
    ("asana/asana-1.0.openapi.yaml", "asana", 152),
    ("bitbucket/bitbucket-2.0.openapi.yaml", "bitbucket", 304),
    ("github/api.github.com-1.1.4.openapi.yaml", "github", 744),
    ("google/calendar-v3.openapi.yaml", "google_calendar", 37),
    ("google/sheets-v4.openapi.yaml", "google_sheets", 17),
    (
        "petstore/oai-v2.0-petstore-expanded.json",
        "petstore_v2_expanded",
        4,
    ),
    (
        "petstore/oai-v2.0-petstore-with-external-docs.json",
        "petstore_v2_external_docs",
        4,
    ),
    ("petstore/oai-v2.0-petstore.json", "petstore_v2", 3),
    ("petstore/oai-v2.0-uber.json", "uber_v2", 5),
    ("petstore/oai-v3.0-callback-example.json", "callback_v3", 1),
    ("petstore/oai-v3.0-link-example.json", "link_v3", 6),
    (
        "petstore/oai-v3.0-petstore-expanded.json",
        "petstore_v3_expanded",
        4,
    ),
    ("petstore/oai-v3.0-uspto.json", "uspto_v3", 3),
    ("petstore/oai-v3.1-webhook-example.json", "webhook_v31", 0),
    ("petstore/petstore-v3.openapi.yaml", "petstore_v3", 19),
    (
        "shopify/shopify-admin-rest-2021-10.openapi.yml",
        "shopify",
        31,
    ),
    ("slack/slack_web_openapi_v2.json", "slack", 174),
    ("stripe/stripe-spec3.yaml", "stripe", 468),
    ("swagger2/gitlab-v3.swagger.yaml", "gitlab", 358),
    (
        "swagger2/kubernetes-v1.10.0.swagger.yaml",
        "kubernetes",
        945,
    ),
    ("swagger2/xero-2.0.swagger.yaml", "xero", 151),
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// (path, method) pairs, counted directly on the raw tree.
fn count_pairs(doc: &Value) -> usize {
    doc.get("paths")
        .and_then(Value::as_object)
        .map(|paths| {
            paths
                .values()
                .filter_map(Value::as_object)
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
        .unwrap_or(0)
}

fn sample(discovered: &Discovered) -> Value {
    let schema = &discovered.value;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &discovered.diagnostics {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    json!({
        "source": schema.source,
        "summary": schema.summary,
        "digest": schema.fingerprint(),
        "objects": schema.objects.iter().take(3).map(|o| json!({
            "name": o.name,
            "capabilities": o.capabilities,
            "fields": o.fields.iter().map(|f| format!("{}: {}", f.name, f.ty.label())).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "operations": schema.operations.iter().take(5).map(|op| json!({
            "id": op.id,
            "class": op.class,
            "object": op.object,
            "arguments": op.arguments.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            "returns": op.returns.as_ref().map(|r| r.label()),
        })).collect::<Vec<_>>(),
        "diagnostics": by_code,
    })
}

#[test]
fn every_fixture_discovers_with_exact_operation_counts() {
    let dir = fixtures().join("openapi");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for (file, name, expected_ops) in FIXTURES {
        let bytes = std::fs::read(dir.join(file)).expect("read fixture");
        let doc = openapi::parse_document(&bytes, file).expect("fixture parses");
        let pairs = count_pairs(&doc);
        assert_eq!(
            pairs, *expected_ops,
            "{file}: raw pair count matches PROVENANCE.md"
        );
        let discovered = openapi::normalize(&doc, file).expect("fixture normalizes");
        assert_eq!(
            discovered.value.summary.operation_count, pairs,
            "{file}: one operation per (path, method)"
        );
        let again = openapi::normalize(&doc, file).expect("normalizes twice");
        assert_eq!(
            again.value.to_canonical_json(),
            discovered.value.to_canonical_json(),
            "{file}: deterministic output"
        );
        insta::assert_json_snapshot!(*name, sample(&discovered));
    }
}

#[test]
fn github_example_refs_are_data() {
    let bytes = std::fs::read(fixtures().join("openapi/github/api.github.com-1.1.4.openapi.yaml"))
        .expect("read github fixture");
    let discovered = openapi::discover_bytes(&bytes, "github").expect("github discovers");
    let followed: Vec<_> = discovered
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("api.github.com/scim"))
        .collect();
    assert!(
        followed.is_empty(),
        "the $ref inside an example was followed: {followed:?}"
    );
    assert!(
        !discovered
            .diagnostics
            .iter()
            .any(|d| d.code == "openapi/external-ref-refused"),
        "github has no external schema refs"
    );
}
