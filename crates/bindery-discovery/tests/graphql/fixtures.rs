//! Every GraphQL fixture: discovers without error, operation count equals the root Query plus
//! Mutation fields of the source (PROVENANCE.md's counts, and for introspection answers counted
//! here on the raw JSON), object counts by kind match the source, golden snapshot.

use std::collections::{BTreeMap, BTreeSet};

use bindery_discovery::graphql;
use bindery_discovery::Discovered;
use bindery_schema::{ObjectKind, Schema};
use serde_json::{json, Value};

use super::fixtures_dir;

/// One fixture and its counts from PROVENANCE.md.
struct Fixture {
    file: &'static str,
    snapshot: &'static str,
    query_fields: usize,
    mutations: usize,
    /// objects, inputs, enums, interfaces, unions (objects include the root types).
    kinds: [usize; 5],
    /// Root types present (they are operations, not objects).
    roots: usize,
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        file: "github/github-schema.graphql",
        snapshot: "github_sdl",
        query_fields: 31,
        mutations: 247,
        kinds: [924, 368, 231, 45, 43],
        roots: 2,
    },
    Fixture {
        file: "github/github-schema-2021-10-01.introspection.json",
        snapshot: "github_introspection_2021",
        query_fields: 28,
        mutations: 155,
        kinds: [658, 219, 152, 38, 31],
        roots: 2,
    },
    Fixture {
        file: "saleor/saleor-schema.graphql",
        snapshot: "saleor_sdl",
        query_fields: 89,
        mutations: 332,
        kinds: [897, 313, 208, 9, 13],
        roots: 3,
    },
    Fixture {
        file: "shopify/shopify-admin-2026-07.graphql",
        snapshot: "shopify_admin_sdl",
        query_fields: 287,
        mutations: 523,
        kinds: [2035, 710, 669, 55, 56],
        roots: 2,
    },
    Fixture {
        file: "shopify/shopify-customer-account.introspection.json",
        snapshot: "shopify_customer_account_introspection",
        query_fields: 11,
        mutations: 40,
        kinds: [314, 24, 95, 16, 15],
        roots: 2,
    },
    Fixture {
        file: "shopify/shopify-storefront.introspection.json",
        snapshot: "shopify_storefront_introspection",
        query_fields: 34,
        mutations: 41,
        kinds: [262, 53, 62, 10, 16],
        roots: 2,
    },
];

/// Root Query and Mutation field counts read straight from an introspection answer.
fn raw_root_counts(doc: &Value) -> (usize, usize) {
    let schema = doc
        .get("data")
        .unwrap_or(doc)
        .get("__schema")
        .expect("an introspection answer");
    let types = schema["types"].as_array().expect("types");
    let count = |root: &str| -> usize {
        let Some(name) = schema[root]["name"].as_str() else {
            return 0;
        };
        types
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["fields"].as_array())
            .map_or(0, Vec::len)
    };
    (count("queryType"), count("mutationType"))
}

fn kind_count(schema: &Schema, kind: ObjectKind) -> usize {
    schema.objects.iter().filter(|o| o.kind == kind).count()
}

fn sample(discovered: &Discovered) -> Value {
    let schema = &discovered.value;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &discovered.diagnostics {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    let mut relay: BTreeMap<String, usize> = BTreeMap::new();
    for o in &schema.objects {
        if let Some(role) = o.relay {
            *relay.entry(format!("{role:?}")).or_default() += 1;
        }
    }
    let fields = schema.objects.iter().flat_map(|o| &o.fields);
    let connections = fields.clone().filter(|f| f.connection.is_some()).count();
    let user_errors = fields.clone().filter(|f| f.role.is_some()).count();
    let deprecated = fields.filter(|f| f.deprecated.is_some()).count();
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    for op in &schema.operations {
        *classes.entry(format!("{:?}", op.class)).or_default() += 1;
    }
    json!({
        "source": schema.source,
        "summary": schema.summary,
        "digest": schema.fingerprint(),
        "relay": relay,
        "connectionFields": connections,
        "userErrorFields": user_errors,
        "deprecatedFields": deprecated,
        "operationClasses": classes,
        "subscriptions": schema.subscriptions.len(),
        "objects": schema.objects.iter().filter(|o| o.kind == ObjectKind::Type).take(2).map(|o| json!({
            "name": o.name,
            "capabilities": o.capabilities,
            "implements": o.implements,
            "fields": o.fields.iter().take(8).map(|f| format!("{}: {} ({})", f.name, f.ty.label(), f.native_type.as_deref().unwrap_or(""))).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "operations": schema.operations.iter().step_by((schema.operations.len() / 6).max(1)).map(|op| json!({
            "id": op.id,
            "class": op.class,
            "object": op.object,
            "inputObject": op.input_object,
            "arguments": op.arguments.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            "returns": op.returns.as_ref().map(|r| r.label()),
            "connection": op.connection,
        })).collect::<Vec<_>>(),
        "diagnostics": by_code,
    })
}

#[test]
fn every_fixture_discovers_with_the_source_counts() {
    let dir = fixtures_dir();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for fixture in FIXTURES {
        let file = fixture.file;
        let bytes = std::fs::read(dir.join(file)).expect("read fixture");
        if file.ends_with(".json") {
            let doc: Value = serde_json::from_slice(&bytes).expect("fixture is JSON");
            assert_eq!(
                raw_root_counts(&doc),
                (fixture.query_fields, fixture.mutations),
                "{file}: raw root field counts match PROVENANCE.md"
            );
        }
        let discovered = graphql::discover_bytes(&bytes, file).expect("fixture discovers");
        let schema = &discovered.value;
        let queries = schema
            .operations
            .iter()
            .filter(|o| o.id.starts_with("Query."))
            .count();
        let mutations = schema.operations.len() - queries;
        assert_eq!(
            (queries, mutations),
            (fixture.query_fields, fixture.mutations),
            "{file}: one operation per root Query and Mutation field"
        );
        let [objects, inputs, enums, interfaces, unions] = fixture.kinds;
        assert_eq!(
            [
                kind_count(schema, ObjectKind::Type) + fixture.roots,
                kind_count(schema, ObjectKind::Input),
                kind_count(schema, ObjectKind::Enum),
                kind_count(schema, ObjectKind::Interface),
                kind_count(schema, ObjectKind::Union),
            ],
            [objects, inputs, enums, interfaces, unions],
            "{file}: objects by kind match the source (root types are operations)"
        );
        assert!(
            discovered
                .diagnostics
                .iter()
                .all(|d| d.code.starts_with("graphql/")),
            "{file}: only GraphQL diagnostics"
        );
        let again = graphql::discover_bytes(&bytes, file).expect("discovers twice");
        assert_eq!(
            again.value.fingerprint(),
            schema.fingerprint(),
            "{file}: deterministic output"
        );
        insta::assert_json_snapshot!(fixture.snapshot, sample(&discovered));
    }
}

#[test]
fn the_github_sdl_keeps_the_first_of_its_duplicate_fields() {
    let bytes = std::fs::read(fixtures_dir().join("github/github-schema.graphql")).expect("read");
    let discovered = graphql::discover_bytes(&bytes, "github-schema.graphql").expect("discovers");
    let duplicates: Vec<&str> = discovered
        .diagnostics
        .iter()
        .filter(|d| d.code == "graphql/duplicate-definition")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        duplicates.len(),
        2,
        "both upstream duplicates reported: {duplicates:?}"
    );
    assert!(
        duplicates.iter().all(|m| m.contains("EnterpriseOwnerInfo")),
        "the duplicates are EnterpriseOwnerInfo's: {duplicates:?}"
    );
    let owner = super::object(&discovered.value, "EnterpriseOwnerInfo");
    let names: Vec<&str> = owner.fields.iter().map(|f| f.name.as_str()).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "each field once");
    assert!(
        unique.contains("repositoryDeployKeySetting"),
        "the duplicated field is kept once"
    );
}

/// The 2021 introspection answer and the 2026 SDL are two versions of one API. Where both
/// describe the same field the same way, the normalized fields must be identical: any
/// difference left is a real schema difference, not one reader disagreeing with the other.
#[test]
fn github_sdl_and_introspection_differ_only_where_the_schema_changed() {
    let read = |file: &str| {
        let bytes = std::fs::read(fixtures_dir().join(file)).expect("read");
        graphql::discover_bytes(&bytes, file)
            .expect("discovers")
            .value
    };
    let sdl = read("github/github-schema.graphql");
    let old = read("github/github-schema-2021-10-01.introspection.json");
    let mut compared = 0;
    let mut same_kind = 0;
    for then in &old.objects {
        let Some(now) = sdl.object(&then.name) else {
            continue;
        };
        if now.kind == then.kind {
            same_kind += 1;
        }
        for before in &then.fields {
            let Some(after) = now.fields.iter().find(|f| f.name == before.name) else {
                continue;
            };
            let same_source = after.native_type == before.native_type
                && after.description == before.description
                && after.deprecated == before.deprecated
                && after.default == before.default
                && after.arguments.len() == before.arguments.len()
                && after.arguments.iter().zip(&before.arguments).all(|(a, b)| {
                    a.name == b.name
                        && a.default == b.default
                        && a.description == b.description
                        && a.deprecated == b.deprecated
                });
            if same_source {
                compared += 1;
                // An enum whose values changed is a real change; its name is in the native type
                // and compared there.
                assert_eq!(
                    without_enum_values(after),
                    without_enum_values(before),
                    "{}.{} is read the same way from both",
                    then.name,
                    before.name
                );
            }
        }
    }
    assert!(
        compared > 2000,
        "enough fields compared to mean something: {compared}"
    );
    assert!(
        same_kind > 600,
        "types present in both keep their kind: {same_kind}"
    );
    assert!(
        sdl.object("ProjectV2").is_some() && old.object("ProjectV2").is_none(),
        "ProjectV2 (2022) is only in the newer schema"
    );
    assert!(
        sdl.summary.operation_count > old.summary.operation_count,
        "the API grew"
    );
}

fn without_enum_values(field: &bindery_schema::Field) -> bindery_schema::Field {
    fn strip(ty: &bindery_schema::FieldType) -> bindery_schema::FieldType {
        match ty {
            bindery_schema::FieldType::Enum { .. } => {
                bindery_schema::FieldType::Enum { values: Vec::new() }
            }
            bindery_schema::FieldType::List { of } => bindery_schema::FieldType::List {
                of: Box::new(strip(of)),
            },
            other => other.clone(),
        }
    }
    let mut field = field.clone();
    field.ty = strip(&field.ty);
    for argument in &mut field.arguments {
        argument.ty = strip(&argument.ty);
    }
    field
}
