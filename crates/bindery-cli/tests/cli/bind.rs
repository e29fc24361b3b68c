//! `bindery bind validate|compile` on the demo database: rendered diagnostics with file
//! locations, JSON output, skills, malformed bindings, usage errors and a workspace provider.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{bindery, run, stderr, stdout};

/// A read on the demo database: the caller found by the caller id.
const VALID: &str = r#"{
  "toolName": "Look up the caller",
  "description": "Find the calling customer by the phone number they call from.",
  "operation": "sql:select:customers.by_phone",
  "sqlSearch": { "column": "phone", "param": "caller_phone" },
  "projection": [
    { "path": ["id"], "leaf": "customer_id" },
    { "path": ["first_name"], "leaf": "customer_first_name" },
    { "path": ["email"], "leaf": "customer_email" }
  ]
}
"#;

/// The same read projecting a column the table does not have (line 8, column 16).
const UNKNOWN_FIELD: &str = r#"{
  "toolName": "Look up the caller",
  "description": "Find the calling customer by the phone number they call from.",
  "operation": "sql:select:customers.by_phone",
  "sqlSearch": { "column": "phone", "param": "caller_phone" },
  "projection": [
    { "path": ["id"], "leaf": "customer_id" },
    { "path": ["frist_name"], "leaf": "customer_first_name" }
  ]
}
"#;

/// A scratch directory with the demo database written by `bindery demo`.
struct Demo {
    scratch: tempfile::TempDir,
    db: PathBuf,
}

fn demo() -> Demo {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let db = scratch.path().join("demo.sqlite");
    let output = run(bindery(scratch.path()).arg("demo").arg(&db));
    assert!(
        output.status.success(),
        "bindery demo exits 0: {}",
        stderr(&output)
    );
    Demo { scratch, db }
}

impl Demo {
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.scratch.path().join(name);
        std::fs::write(&path, text).expect("the binding file is written");
        path
    }

    fn bind(&self, verb: &str, file: &Path, extra: &[&str]) -> Output {
        run(bindery(self.scratch.path())
            .args(["bind", verb])
            .arg(file)
            .arg("--source")
            .arg(&self.db)
            .args(["--kind", "sqlite"])
            .args(extra))
    }
}

/// The exit code.
pub(crate) fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

/// Stdout as one JSON document.
pub(crate) fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).expect("stdout is one JSON document")
}

#[test]
fn a_valid_binding_validates() {
    let demo = demo();
    let file = demo.write("lookup.json", VALID);
    let output = demo.bind("validate", &file, &[]);
    assert_eq!(code(&output), Some(0), "valid exits 0: {}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.ends_with(&format!(
            "{}: valid (0 errors, 0 warnings)\n",
            file.display()
        )),
        "the summary line says valid: {text}"
    );
    assert!(!text.contains("\x1b["), "no color when stdout is a pipe");

    let output = demo.bind("validate", &file, &["--json"]);
    assert_eq!(code(&output), Some(0), "valid exits 0 with --json");
    assert_eq!(
        json(&output),
        serde_json::json!({ "valid": true, "diagnostics": [] }),
        "{{valid, diagnostics}}"
    );
}

#[test]
fn an_invalid_binding_points_at_the_value() {
    let demo = demo();
    let file = demo.write("unknown.json", UNKNOWN_FIELD);
    let output = demo.bind("validate", &file, &[]);
    assert_eq!(code(&output), Some(1), "errors exit 1: {}", stderr(&output));
    let text = stdout(&output);
    let expected = format!(
        "\
error[binding/unknown-field]: `customers` has no field `frist_name`
 --> {}:8:16
  |
8 |     {{ \"path\": [\"frist_name\"], \"leaf\": \"customer_first_name\" }}
  |                ^^^^^^^^^^^^ projection[1].path[0]
",
        file.display()
    );
    assert!(
        text.starts_with(&expected),
        "the diagnostic, its location and the underlined value:\n{text}\nexpected:\n{expected}"
    );
    assert!(
        text.contains("  = help: did you mean `first_name`?\n"),
        "the help: {text}"
    );
    assert!(text.contains("  = schema: "), "the schema place: {text}");
    assert!(
        text.ends_with(&format!(
            "{}: invalid (1 error, 0 warnings)\n",
            file.display()
        )),
        "the summary line: {text}"
    );
}

#[test]
fn validate_json_is_for_code() {
    let demo = demo();
    let file = demo.write("unknown.json", UNKNOWN_FIELD);
    let output = demo.bind("validate", &file, &["--json"]);
    assert_eq!(code(&output), Some(1), "errors exit 1 with --json too");
    let report = json(&output);
    assert_eq!(report["valid"], Value::Bool(false), "not valid: {report}");
    let diagnostics = report["diagnostics"]
        .as_array()
        .expect("diagnostics is an array");
    assert_eq!(diagnostics.len(), 1, "one diagnostic: {report}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "binding/unknown-field", "the code: {d}");
    assert_eq!(d["severity"], "error", "the severity: {d}");
    assert_eq!(d["bindingPath"], "projection[1].path[0]", "the path: {d}");
    assert_eq!(d["help"], "did you mean `first_name`?", "the help: {d}");
    assert!(d["schemaPath"].is_string(), "the schema place: {d}");
}

#[test]
fn compile_prints_the_same_skill_every_time() {
    let demo = demo();
    let file = demo.write("lookup.json", VALID);
    let first = demo.bind("compile", &file, &[]);
    assert_eq!(code(&first), Some(0), "compile exits 0: {}", stderr(&first));
    let skill = json(&first);
    assert_eq!(
        skill["name"], "Look up the caller",
        "the tool name: {skill}"
    );
    assert_eq!(skill["skillType"], "native_sql", "a SQL skill: {skill}");
    assert!(
        skill["contentHash"]
            .as_str()
            .is_some_and(|h| h.starts_with("sha256:") && h.len() == 71),
        "a content hash: {skill}"
    );
    assert!(
        skill["schemaFingerprint"]
            .as_str()
            .is_some_and(|h| h.starts_with("sha256:")),
        "the schema fingerprint: {skill}"
    );
    let second = demo.bind("compile", &file, &[]);
    assert!(
        first.stdout == second.stdout,
        "the same binding and schema compile to byte-identical output"
    );

    let wrapped = demo.bind("compile", &file, &["--json"]);
    assert_eq!(code(&wrapped), Some(0), "compile --json exits 0");
    let wrapped = json(&wrapped);
    assert_eq!(wrapped["skill"], skill, "--json wraps the same skill");
    assert_eq!(
        wrapped["diagnostics"],
        serde_json::json!([]),
        "no diagnostics"
    );
}

#[test]
fn compile_refuses_a_binding_with_errors() {
    let demo = demo();
    let file = demo.write("unknown.json", UNKNOWN_FIELD);
    let output = demo.bind("compile", &file, &[]);
    assert_eq!(code(&output), Some(1), "errors exit 1");
    assert!(stdout(&output).is_empty(), "no skill on stdout");
    let err = stderr(&output);
    assert!(
        err.contains("error[binding/unknown-field]") && err.contains(":8:16\n"),
        "the diagnostics on stderr: {err}"
    );

    let output = demo.bind("compile", &file, &["--json"]);
    assert_eq!(code(&output), Some(1), "errors exit 1 with --json");
    let report = json(&output);
    assert!(report["skill"].is_null(), "no skill: {report}");
    assert_eq!(
        report["diagnostics"][0]["code"], "binding/unknown-field",
        "the diagnostics: {report}"
    );
}

#[test]
fn malformed_bindings_say_where() {
    let demo = demo();
    let broken = demo.write(
        "broken.json",
        "{\n  \"toolName\": \"x\",\n  \"operation\" 3\n}\n",
    );
    let output = demo.bind("validate", &broken, &[]);
    assert_eq!(
        code(&output),
        Some(2),
        "a malformed binding is a usage error"
    );
    let err = stderr(&output);
    assert!(
        err.starts_with(
            "error[validation_error]: the binding is not valid JSON (line 3, column 15)"
        ),
        "the stable code and where: {err}"
    );

    let unknown_key = demo.write(
        "typo.json",
        "{\n  \"toolName\": \"x\",\n  \"operation\": \"y\",\n  \"projections\": []\n}\n",
    );
    let output = demo.bind("compile", &unknown_key, &["--json"]);
    assert_eq!(code(&output), Some(2), "an unknown key is a usage error");
    let err = stderr(&output);
    assert!(
        err.contains("error[validation_error]: the binding is not a binding (line 4")
            && err.contains("unknown field `projections`"),
        "serde's reason and where: {err}"
    );
    assert!(stdout(&output).is_empty(), "nothing on stdout");
}

#[test]
fn usage_and_source_errors_keep_their_exit_codes() {
    let demo = demo();
    let file = demo.write("lookup.json", VALID);
    let scratch = demo.scratch.path();
    let cases: [(&[&str], i32, &str); 5] = [
        (
            &["bind", "validate", "lookup.json"],
            2,
            "nothing to check against",
        ),
        (
            &["bind", "validate", "lookup.json", "--kind", "sqlite"],
            2,
            "--kind without --source",
        ),
        (
            &["bind", "validate", "lookup.json", "--source", "x.db"],
            2,
            "--source without --kind",
        ),
        (
            &[
                "bind",
                "validate",
                "missing.json",
                "--source",
                "x.db",
                "--kind",
                "sqlite",
            ],
            2,
            "no binding file",
        ),
        (
            &[
                "bind",
                "validate",
                "lookup.json",
                "--source",
                "missing.db",
                "--kind",
                "sqlite",
            ],
            3,
            "no source",
        ),
    ];
    for (args, expected, why) in cases {
        let output = run(bindery(scratch).current_dir(scratch).args(args));
        assert_eq!(code(&output), Some(expected), "{why}: {}", stderr(&output));
    }
    let output = run(bindery(scratch)
        .args(["bind", "validate"])
        .arg(&file)
        .args(["--source", "x", "--kind", "cobol"]));
    assert_eq!(code(&output), Some(3), "an unknown kind exits 3");
    assert!(
        stderr(&output).starts_with("error[unsupported_source_kind]"),
        "its code: {}",
        stderr(&output)
    );
}

#[test]
fn a_workspace_provider_is_bound_with_its_scoping() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("workspace");
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let api = runtime
        .block_on(bindery_api::Bindery::open(
            &workspace,
            bindery_api::OpenOptions::default(),
        ))
        .expect("a workspace with the demo provider");
    runtime.block_on(api.close());
    let file = scratch.path().join("lookup.json");
    std::fs::write(&file, VALID).expect("the binding file is written");
    let validate = || {
        run(bindery(scratch.path())
            .args(["bind", "validate"])
            .arg(&file)
            .arg("--workspace")
            .arg(&workspace)
            .args(["--provider", "demo_fieldservice", "--json"]))
    };
    let output = validate();
    assert_eq!(
        code(&output),
        Some(0),
        "valid against the demo provider: {} {}",
        stdout(&output),
        stderr(&output)
    );

    // Block the projected column: the same binding is now refused, saying why.
    let api = runtime
        .block_on(bindery_api::Bindery::open(
            &workspace,
            bindery_api::OpenOptions {
                demo: false,
                ..Default::default()
            },
        ))
        .expect("the workspace opens");
    let scoping = serde_json::from_value(serde_json::json!({
        "blockedColumns": ["customers.email"]
    }))
    .expect("a scoping");
    runtime
        .block_on(api.set_scoping("demo_fieldservice", scoping))
        .expect("the column is blocked");
    runtime.block_on(api.close());
    let output = validate();
    assert_eq!(code(&output), Some(1), "a blocked column is an error");
    let report = json(&output);
    assert_eq!(
        report["diagnostics"][0]["code"], "binding/blocked-by-scoping",
        "scoping is named: {report}"
    );
    assert_eq!(
        report["diagnostics"][0]["bindingPath"], "projection[2].path[0]",
        "at the projection of email: {report}"
    );

    let output = run(bindery(scratch.path())
        .args(["bind", "validate"])
        .arg(&file)
        .arg("--workspace")
        .arg(&workspace)
        .args(["--provider", "nothing_here"]));
    assert_eq!(code(&output), Some(1), "an unknown provider exits 1");
    assert!(
        stderr(&output).starts_with("error[provider_not_found]"),
        "its code: {}",
        stderr(&output)
    );
    let missing = scratch.path().join("no-workspace");
    let output = run(bindery(scratch.path())
        .args(["bind", "validate"])
        .arg(&file)
        .arg("--workspace")
        .arg(&missing)
        .args(["--provider", "demo_fieldservice"]));
    assert_eq!(code(&output), Some(4), "no workspace exits 4");
    assert!(!missing.exists(), "no workspace is created");
}
