//! Sealing and opening: round trips, fresh nonces, and every way a seal must refuse to open.

use bindery_vault::{Sealed, Secret, SecretMap, Vault, VaultError, NONCE_LEN};

use crate::{assert_no_canary, canary_map, file_vault, CANARY};

fn expect_code(result: Result<SecretMap, VaultError>, code: &str, why: &str) -> VaultError {
    let error = result.expect_err(why);
    assert_eq!(error.code(), code, "{why}: {error}");
    assert_no_canary(&error);
    error
}

fn vault_and_seal() -> (tempfile::TempDir, Vault, Sealed) {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = file_vault(dir.path(), "key", "ws-seal");
    let sealed = vault.seal("shop", &canary_map());
    (dir, vault, sealed)
}

#[test]
fn sealed_fields_open_unchanged() {
    let (_dir, vault, sealed) = vault_and_seal();
    assert_eq!(sealed.nonce.len(), NONCE_LEN, "a 24-byte XChaCha nonce");
    assert_eq!(
        sealed.key_id,
        vault.key_id(),
        "the seal records the key it used"
    );
    let opened = vault.unseal("shop", &sealed).expect("own seal opens");
    let fields: Vec<&str> = opened.fields().collect();
    assert_eq!(fields, ["password", "user"], "the same fields come back");
    assert_eq!(
        opened.get("password").map(Secret::expose),
        Some(CANARY),
        "the password comes back"
    );

    let mut awkward = SecretMap::new();
    awkward.insert(
        "token",
        Secret::new("p\u{e4}ss \"quoted\" \\ \n\t\u{1F511}".to_owned()),
    );
    awkward.insert("empty", Secret::new(String::new()));
    let opened = vault
        .unseal("shop", &vault.seal("shop", &awkward))
        .expect("escapes and unicode survive");
    for (field, secret) in awkward.iter() {
        assert_eq!(
            opened.get(field).map(Secret::expose),
            Some(secret.expose()),
            "{field} round-trips byte for byte"
        );
    }
    let empty = vault
        .unseal("shop", &vault.seal("shop", &SecretMap::new()))
        .expect("an empty map seals too");
    assert!(empty.is_empty(), "nothing in, nothing out");
}

#[test]
fn every_seal_draws_a_fresh_nonce() {
    let (_dir, vault, first) = vault_and_seal();
    let second = vault.seal("shop", &canary_map());
    assert_ne!(first.nonce, second.nonce, "a new random nonce per seal");
    assert_ne!(
        first.ciphertext, second.ciphertext,
        "the same fields give different ciphertexts"
    );
    for sealed in [&first, &second] {
        vault.unseal("shop", sealed).expect("both open");
        assert!(
            !format!("{sealed:?}").contains(CANARY),
            "a Sealed never shows its plaintext"
        );
    }
}

#[test]
fn a_changed_byte_anywhere_is_refused() {
    let (_dir, vault, sealed) = vault_and_seal();
    for index in [0, NONCE_LEN / 2, NONCE_LEN - 1] {
        let mut tampered = sealed.clone();
        tampered.nonce[index] ^= 0x01;
        expect_code(
            vault.unseal("shop", &tampered),
            "vault/decrypt-failed",
            &format!("nonce byte {index} flipped"),
        );
    }
    let last = sealed.ciphertext.len() - 1;
    for index in [0, last / 2, last] {
        let mut tampered = sealed.clone();
        tampered.ciphertext[index] ^= 0x80;
        expect_code(
            vault.unseal("shop", &tampered),
            "vault/decrypt-failed",
            &format!("ciphertext byte {index} flipped"),
        );
    }
    let mut short_nonce = sealed.clone();
    short_nonce.nonce.pop();
    expect_code(
        vault.unseal("shop", &short_nonce),
        "vault/decrypt-failed",
        "a 23-byte nonce",
    );
    let mut truncated = sealed.clone();
    truncated.ciphertext.truncate(10);
    expect_code(
        vault.unseal("shop", &truncated),
        "vault/decrypt-failed",
        "a truncated ciphertext",
    );
    let mut empty = sealed;
    empty.ciphertext.clear();
    expect_code(
        vault.unseal("shop", &empty),
        "vault/decrypt-failed",
        "an empty ciphertext",
    );
}

#[test]
fn a_seal_moved_to_another_credential_or_workspace_is_refused() {
    let (dir, vault, sealed) = vault_and_seal();
    let error = expect_code(
        vault.unseal("stripe", &sealed),
        "vault/decrypt-failed",
        "shop's seal stored under stripe",
    );
    assert!(
        error.to_string().contains("\"stripe\""),
        "the message names the credential: {error}"
    );
    // Same key file, another workspace: the associated data differs.
    let other_workspace = file_vault(dir.path(), "key", "ws-other");
    assert_eq!(
        other_workspace.key_id(),
        vault.key_id(),
        "the same key file gives the same key"
    );
    expect_code(
        other_workspace.unseal("shop", &sealed),
        "vault/decrypt-failed",
        "a seal copied into another workspace",
    );
}

#[test]
fn another_key_is_reported_as_a_key_change_or_a_failure() {
    let (dir, vault, sealed) = vault_and_seal();
    let other = file_vault(dir.path(), "other-key", "ws-seal");
    assert_ne!(other.key_id(), vault.key_id(), "two key files, two keys");
    let error = expect_code(
        other.unseal("shop", &sealed),
        "vault/key-changed",
        "sealed under the first key, opened with the second",
    );
    let message = error.to_string();
    assert!(
        message.contains(vault.key_id()) && message.contains(other.key_id()),
        "the message names both fingerprints: {message}"
    );
    // A seal claiming the other key's fingerprint still does not open: the tag decides.
    let mut forged = sealed;
    forged.key_id = other.key_id().to_owned();
    expect_code(
        other.unseal("shop", &forged),
        "vault/decrypt-failed",
        "a wrong key behind a matching fingerprint",
    );
}
