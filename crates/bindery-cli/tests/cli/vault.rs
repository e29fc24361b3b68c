//! `bindery vault`: where the master key lives, said plainly (no keyring service here), and a
//! key file chosen with `vault use` is created with mode 0600 and used from then on; a bad
//! choice exits 2 with its code; `disconnect` of an unknown provider is a coded error.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::support::{bindery, run, stderr, stdout};

#[test]
fn vault_status_says_where_the_key_lives_and_use_switches_to_a_key_file() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    let key_file = scratch.path().join("keys").join("vault.key");

    // No session bus: the keyring cannot be used and the status says how to choose.
    let status = run(bindery(scratch.path())
        .env_remove("BINDERY_VAULT_KEY_SOURCE")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args(["vault", "status", "--json", "--workspace"])
        .arg(&workspace));
    assert!(
        status.status.success(),
        "status exits 0: {}",
        stderr(&status)
    );
    let json: Value = serde_json::from_str(&stdout(&status)).expect("JSON");
    assert_eq!(json["keySource"], "keyring", "the default: {json}");
    assert_eq!(json["ready"], false, "not ready without a keyring: {json}");
    assert_eq!(
        json["problem"]["code"], "vault/keyring-unavailable",
        "coded: {json}"
    );

    let chosen = run(bindery(scratch.path())
        .env_remove("BINDERY_VAULT_KEY_SOURCE")
        .args(["vault", "use"])
        .arg(format!("file:{}", key_file.display()))
        .arg("--workspace")
        .arg(&workspace));
    assert!(chosen.status.success(), "use exits 0: {}", stderr(&chosen));
    assert!(
        stdout(&chosen).contains("Vault: ready"),
        "{}",
        stdout(&chosen)
    );
    let mode = std::fs::metadata(&key_file)
        .expect("the key file exists")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "owner-only key file: {mode:o}");

    let again = run(bindery(scratch.path())
        .env_remove("BINDERY_VAULT_KEY_SOURCE")
        .args(["vault", "status", "--json", "--workspace"])
        .arg(&workspace));
    let json: Value = serde_json::from_str(&stdout(&again)).expect("JSON");
    assert_eq!(json["chosenBy"], "workspace", "the choice is saved: {json}");
    assert_eq!(json["ready"], true, "ready with the key file: {json}");

    let bad = run(bindery(scratch.path())
        .args(["vault", "use", "plaintext", "--workspace"])
        .arg(&workspace));
    assert_eq!(bad.status.code(), Some(2), "a bad choice exits 2");
    assert!(
        stderr(&bad).contains("error[validation_error]"),
        "coded: {}",
        stderr(&bad)
    );

    let missing = run(bindery(scratch.path())
        .args(["disconnect", "nope", "--workspace"])
        .arg(&workspace));
    assert!(
        stderr(&missing).contains("error[provider_not_found]"),
        "coded: {}",
        stderr(&missing)
    );
}
