//! `bindery keys create`: the key is printed once and only its hash is stored.

use serde_json::Value;

use crate::support::{assert_not_stored, bindery, run, stderr, stdout};

#[test]
fn keys_create_prints_the_key_once_and_stores_only_a_hash() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    let output = run(bindery(scratch.path())
        .args(["keys", "create", "--workspace"])
        .arg(&workspace)
        .args(["--scopes", "integrations:read", "--label", "ci", "--json"]));
    assert!(
        output.status.success(),
        "keys create exits 0: {}",
        stderr(&output)
    );
    let out = stdout(&output);
    let json: Value = serde_json::from_str(&out).expect("keys create --json prints JSON");
    let key = json.get("key").and_then(Value::as_str).unwrap_or("");
    assert!(
        key.starts_with("bindery_sk_") && key.len() > "bindery_sk_".len() + 20,
        "the key has the bindery_sk_ prefix and a long secret: {key:?}"
    );
    assert_eq!(
        out.matches(key).count(),
        1,
        "the key is printed exactly once"
    );
    assert!(
        !stderr(&output).contains(key),
        "the key is not repeated on stderr"
    );
    assert_eq!(
        json.get("scopes"),
        Some(&serde_json::json!(["integrations:read"])),
        "the scopes are echoed"
    );
    assert_eq!(
        json.get("label").and_then(Value::as_str),
        Some("ci"),
        "the label is echoed"
    );
    assert!(
        json.get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| !id.is_empty() && !key.contains(id)),
        "the key has an id that is not part of the secret: {json}"
    );
    assert!(
        workspace.join("bindery.db").is_file(),
        "keys create makes the workspace"
    );
    assert!(
        !workspace.join("demo").exists(),
        "keys create does not seed the demo"
    );
    assert_not_stored(&workspace, key);
    let secret = key.trim_start_matches("bindery_sk_");
    assert_not_stored(&workspace, secret);

    // Human output: the key alone on stdout, the note on stderr.
    let output = run(bindery(scratch.path())
        .args(["keys", "create", "--workspace"])
        .arg(&workspace)
        .args(["--scopes", "integrations:read,integrations:write"]));
    assert!(
        output.status.success(),
        "keys create exits 0: {}",
        stderr(&output)
    );
    let human_key = stdout(&output).trim().to_owned();
    assert!(
        human_key.starts_with("bindery_sk_") && !human_key.contains(char::is_whitespace),
        "without --json stdout is just the key: {human_key:?}"
    );
    assert_ne!(human_key, key, "each key is new");
    assert!(
        stderr(&output).contains("shown only this once") && !stderr(&output).contains(&human_key),
        "stderr says the key is shown once, without repeating it: {}",
        stderr(&output)
    );
    assert_not_stored(&workspace, &human_key);
}

#[test]
fn keys_create_rejects_bad_scopes_with_exit_2() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    for scopes in ["integrations:admin", "integrations:read,nope", "", " , "] {
        let output = run(bindery(scratch.path())
            .args(["keys", "create", "--workspace"])
            .arg(&workspace)
            .args(["--scopes", scopes, "--json"]));
        assert_eq!(
            output.status.code(),
            Some(2),
            "scopes {scopes:?} are refused with exit 2: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("error[validation_error]"),
            "scopes {scopes:?}: stderr names validation_error: {}",
            stderr(&output)
        );
        assert!(
            !stdout(&output).contains("bindery_sk_"),
            "scopes {scopes:?}: no key is printed"
        );
    }
    assert!(
        !workspace.exists(),
        "a refused key creates no workspace (scopes are checked first)"
    );
}
