//! The environment variable fallback, each case in a child process with its own environment.

use bindery_vault::{KeyLocation, KeySource, Vault};

use crate::{assert_no_canary, child, CANARY};

const VARIABLE: &str = "BINDERY_TEST_VAULT_KEY";
/// 32 bytes of 0x5b in base64.
const KEY_TEXT: &str = "W1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1s=";

fn env_source() -> KeySource {
    KeySource::Env(VARIABLE.to_owned())
}

#[test]
fn a_key_in_the_environment_opens_the_vault() {
    let test = "env::a_key_in_the_environment_opens_the_vault";
    if child::is_child(test) {
        let vault = Vault::open(&env_source(), "ws-env").expect("key from the environment");
        assert_eq!(
            vault.status().location,
            KeyLocation::Env {
                variable: VARIABLE.to_owned()
            },
            "the status names the variable"
        );
        assert!(
            !vault.status().created,
            "an environment key is never created"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("same.key");
        std::fs::write(&path, KEY_TEXT).expect("write");
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .expect("chmod");
        let from_file = Vault::open(&KeySource::KeyFile(path), "ws-env").expect("same key");
        assert_eq!(
            vault.key_id(),
            from_file.key_id(),
            "the same text gives the same key in a file and in the environment"
        );
        return;
    }
    child::passed(test, child::command(test).env(VARIABLE, KEY_TEXT));
}

#[test]
fn a_missing_or_empty_variable_is_reported() {
    let test = "env::a_missing_or_empty_variable_is_reported";
    if child::is_child(test) {
        let error = Vault::open(&env_source(), "ws-env").expect_err("no key in the environment");
        assert_eq!(error.code(), "vault/env-key-missing", "{error}");
        assert!(
            error.to_string().contains(VARIABLE),
            "the message names the variable: {error}"
        );
        return;
    }
    child::passed(test, child::command(test).env_remove(VARIABLE));
    child::passed(test, child::command(test).env(VARIABLE, "  "));
}

#[test]
fn a_variable_without_a_key_is_refused() {
    let test = "env::a_variable_without_a_key_is_refused";
    if child::is_child(test) {
        let error = Vault::open(&env_source(), "ws-env").expect_err("not a key");
        assert_eq!(error.code(), "vault/env-key-invalid", "{error}");
        assert_no_canary(&error);
        return;
    }
    child::passed(test, child::command(test).env(VARIABLE, CANARY));
    child::passed(test, child::command(test).env(VARIABLE, "AAAA"));
}
