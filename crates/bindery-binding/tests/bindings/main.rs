//! Data-driven binding cases over real schemas: each file under `cases/<fixture>/` is a binding
//! with the exact set of diagnostic codes it must get. A case that validates is compiled and its
//! skill kept as a golden snapshot; every case's diagnostics are snapshotted too.

mod drift_postgres;
mod schemas;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bindery_binding::codes::{self, CODES};
use bindery_binding::{compile, validate, Binding, Context, ParamRegistry};
use bindery_schema::{Schema, Scoping};
use serde::Deserialize;
use serde_json::json;

use schemas::Fixture;

/// One case file.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Case {
    /// What the case shows.
    about: String,
    /// The exact set of codes expected (empty: valid, no warnings).
    expect: Vec<String>,
    /// Tool names the agent already uses.
    #[serde(default)]
    taken_tool_names: Vec<String>,
    /// Scoping applied to the schema first.
    #[serde(default)]
    scoping: Option<Scoping>,
    /// The binding.
    binding: serde_json::Value,
}

fn cases_dir(fixture: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bindings/cases")
        .join(fixture)
}

fn case_files(fixture: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir(fixture))
        .expect("the cases folder exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Runs every case of a folder; returns the codes the cases expected.
fn run_folder(folder: &str, fixture: &Fixture) -> BTreeSet<String> {
    let registry = ParamRegistry::canonical();
    let files = case_files(folder);
    assert!(!files.is_empty(), "{folder} has cases");
    let mut expected_codes = BTreeSet::new();
    for file in files {
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a case name")
            .to_owned();
        let text = std::fs::read_to_string(&file).expect("the case reads");
        let case: Case = serde_json::from_str(&text)
            .map_err(|e| format!("{}: {e}", file.display()))
            .expect("the case file parses");
        let binding: Binding = serde_json::from_value(case.binding.clone())
            .map_err(|e| format!("{}: {e}", file.display()))
            .expect("the binding parses");
        let scoped: Option<Schema> = case.scoping.as_ref().map(|s| s.apply(&fixture.schema));
        let cx = Context {
            schema: scoped.as_ref().unwrap_or(&fixture.schema),
            unscoped: Some(&fixture.schema),
            schema_fingerprint: &fixture.fingerprint,
            registry: &registry,
            taken_tool_names: &case.taken_tool_names,
        };
        let validation = validate(binding, &cx);
        let got: BTreeSet<String> = validation
            .diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect();
        let want: BTreeSet<String> = case.expect.iter().cloned().collect();
        assert_eq!(
            got, want,
            "{folder}/{name} ({}): diagnostics were {:#?}",
            case.about, validation.diagnostics
        );
        for d in &validation.diagnostics {
            assert!(
                codes::doc(&d.code).is_some(),
                "{} is a documented code",
                d.code
            );
            assert!(
                !d.message.is_empty() && !d.binding_path.is_empty(),
                "{name}: {d:?} says what and where"
            );
        }
        expected_codes.extend(want);
        let skill = match validation.clone().into_valid() {
            Ok((valid, _warnings)) => {
                let skill = compile(&valid, &cx)
                    .map_err(|e| e.message)
                    .expect("a valid binding compiles");
                let again = compile(&valid, &cx)
                    .map_err(|e| e.message)
                    .expect("compiles twice");
                assert_eq!(
                    serde_json::to_vec(&skill).expect("json"),
                    serde_json::to_vec(&again).expect("json"),
                    "{folder}/{name}: compiling twice gives the same bytes"
                );
                Some(skill)
            }
            Err(_) => None,
        };
        insta::assert_json_snapshot!(
            format!("{folder}__{name}"),
            json!({ "about": case.about, "diagnostics": validation.diagnostics, "skill": skill })
        );
    }
    expected_codes
}

#[test]
fn stripe_cases() {
    run_folder("stripe", schemas::stripe());
}

#[test]
fn github_cases() {
    run_folder("github", schemas::github());
}

#[test]
fn shopify_cases() {
    run_folder("shopify", schemas::shopify());
}

#[test]
fn saleor_cases() {
    run_folder("saleor", schemas::saleor());
}

#[test]
fn demo_cases() {
    run_folder("demo", schemas::demo());
}

#[test]
fn pagila_cases() {
    let Some(pagila) = schemas::pagila() else {
        eprintln!("skipped: PostgreSQL is not installed");
        return;
    };
    run_folder("pagila", pagila);
}

/// Every documented code is shown by at least one case (the folders together).
#[test]
fn every_code_has_a_case() {
    let mut seen = BTreeSet::new();
    for (folder, fixture) in [
        ("stripe", Some(schemas::stripe())),
        ("github", Some(schemas::github())),
        ("shopify", Some(schemas::shopify())),
        ("saleor", Some(schemas::saleor())),
        ("demo", Some(schemas::demo())),
        ("pagila", schemas::pagila()),
    ] {
        let Some(fixture) = fixture else { continue };
        seen.extend(run_folder(folder, fixture));
    }
    if schemas::pagila().is_none() {
        return;
    }
    let missing: Vec<&str> = CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}

/// One character of the description changes the hash; nothing else about the skill moves.
#[test]
fn one_character_of_the_description_changes_the_hash() {
    let fixture = schemas::demo();
    let registry = ParamRegistry::canonical();
    let cx = Context {
        schema: &fixture.schema,
        unscoped: None,
        schema_fingerprint: &fixture.fingerprint,
        registry: &registry,
        taken_tool_names: &[],
    };
    let text = std::fs::read_to_string(cases_dir("demo").join("valid_lookup_by_phone.json"))
        .expect("case");
    let case: Case = serde_json::from_str(&text).expect("case parses");
    let binding: Binding = serde_json::from_value(case.binding).expect("binding");
    let mut changed = binding.clone();
    changed.description = changed.description.map(|d| format!("{d}!"));
    let hash = |b: Binding| {
        let (valid, _) = validate(b, &cx)
            .into_valid()
            .map_err(|v| format!("{:?}", v.diagnostics))
            .expect("valid");
        compile(&valid, &cx)
            .map_err(|e| e.message)
            .expect("compiles")
            .content_hash
    };
    let before = hash(binding);
    let after = hash(changed);
    assert_ne!(before, after, "the description is part of the content hash");
    assert!(
        before.starts_with("sha256:") && before.len() == 7 + 64,
        "{before} is a sha256"
    );
}
