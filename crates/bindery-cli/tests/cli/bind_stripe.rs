//! `bindery bind` on a real fixture: a binding on Stripe's `GetCustomers`.

use crate::bind::{code, json};
use crate::support::{bindery, run, stderr, stdout};

/// `GetCustomers` of the Stripe fixture (`bindery discover openapi` lists its arguments
/// `email`, `limit`, ... and its result `{data: [customer], has_more, ...}`).
const STRIPE_VALID: &str = r#"{
  "toolName": "Find the Stripe customer",
  "description": "Find the caller's Stripe customer by the e-mail address they give.",
  "operation": "GetCustomers",
  "inputs": [
    { "arg": "email", "param": "caller_email" },
    { "arg": "limit", "const": 1 }
  ],
  "projection": [
    { "path": ["data[first]", "id"], "leaf": "stripe_customer_id" },
    { "path": ["data[first]", "name"], "leaf": "customer_name" }
  ]
}
"#;

/// The same with a misspelt argument (line 6) and a list crossed without a cardinality (line 9).
const STRIPE_INVALID: &str = r#"{
  "toolName": "Find the Stripe customer",
  "description": "Find the caller's Stripe customer by the e-mail address they give.",
  "operation": "GetCustomers",
  "inputs": [
    { "arg": "e_mail", "param": "caller_email" }
  ],
  "projection": [
    { "path": ["data", "id"], "leaf": "stripe_customer_id" }
  ]
}
"#;

#[test]
fn a_binding_on_the_stripe_fixture() {
    let spec = bindery_testkit::fixtures_dir().join("openapi/stripe/stripe-spec3.yaml");
    assert!(
        spec.is_file(),
        "the Stripe fixture is at {}",
        spec.display()
    );
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let bind = |verb: &str, name: &str, text: &str, json: bool| {
        let file = scratch.path().join(name);
        std::fs::write(&file, text).expect("the binding file is written");
        let mut command = bindery(scratch.path());
        command
            .args(["bind", verb])
            .arg(&file)
            .arg("--source")
            .arg(&spec)
            .args(["--kind", "openapi"]);
        if json {
            command.arg("--json");
        }
        run(&mut command)
    };

    let output = bind("compile", "valid.json", STRIPE_VALID, false);
    assert_eq!(
        code(&output),
        Some(0),
        "the binding compiles: {}",
        stderr(&output)
    );
    let skill = json(&output);
    assert_eq!(skill["skillType"], "native_rest", "a REST skill: {skill}");
    assert_eq!(
        skill["executionConfig"]["path"], "/v1/customers",
        "GET /v1/customers: {skill}"
    );
    assert_eq!(
        skill["requiredParams"],
        serde_json::json!(["caller_email"]),
        "the caller gives the e-mail: {skill}"
    );
    assert!(
        skill["contentHash"]
            .as_str()
            .is_some_and(|h| h.starts_with("sha256:")),
        "a content hash: {skill}"
    );

    let output = bind("validate", "invalid.json", STRIPE_INVALID, false);
    assert_eq!(code(&output), Some(1), "errors exit 1: {}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "error[binding/unknown-argument]: `GetCustomers` has no argument `e_mail`\n",
        "invalid.json:6:14\n",
        "^^^^^^^^ inputs[0].arg\n",
        "= help: did you mean `email`?\n",
        "error[binding/cardinality-missing]: ",
        "invalid.json:9:16\n",
        "^^^^^^ projection[0].path[0]\n",
        "= help: write `data[first]`, `data[*]`, `data[0]` or `data[field=value]`\n",
        "invalid.json: invalid (2 errors, 0 warnings)\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    let report = json(&bind("validate", "invalid.json", STRIPE_INVALID, true));
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .map(|all| all.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        codes,
        vec!["binding/unknown-argument", "binding/cardinality-missing"],
        "the codes, in binding order: {report}"
    );
}
