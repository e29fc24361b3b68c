//! Secrets never print: `Debug` is redacted, `Display` and `Serialize` do not exist, and no error
//! carries a secret.

use bindery_vault::{KeySource, Secret, SecretMap, Vault, VaultError};

use crate::{assert_no_canary, canary_map, file_vault, CANARY};

/// Compiles only if `$ty` does not implement the trait (two impls would make the item
/// ambiguous): the `static_assertions::assert_not_impl_any!` trick without the dependency.
macro_rules! assert_not_impl {
    ($ty:ty: $($bound:tt)+) => {
        const _: fn() = || {
            trait AmbiguousIfImpl<A> {
                fn some_item() {}
            }
            impl<T: ?Sized> AmbiguousIfImpl<()> for T {}
            struct Invalid;
            impl<T: ?Sized + $($bound)+> AmbiguousIfImpl<Invalid> for T {}
            let _ = <$ty as AmbiguousIfImpl<_>>::some_item;
        };
    };
}

assert_not_impl!(Secret: serde::Serialize);
assert_not_impl!(Secret: std::fmt::Display);
assert_not_impl!(SecretMap: serde::Serialize);
assert_not_impl!(SecretMap: std::fmt::Display);
assert_not_impl!(Vault: serde::Serialize);
assert_not_impl!(Vault: Clone);

#[test]
fn debug_output_never_shows_a_secret() {
    let secret = Secret::new(CANARY.to_owned());
    let map = canary_map();
    let outputs = [
        format!("{secret:?}"),
        format!("{secret:#?}"),
        format!("{:?}", Some(secret.clone())),
        format!("{map:?}"),
        format!("{map:#?}"),
        format!("{:?}", map.get("password")),
    ];
    for output in &outputs {
        assert!(!output.contains(CANARY), "Debug leaks the secret: {output}");
        assert!(
            output.contains("<redacted>"),
            "Debug says it redacted: {output}"
        );
    }
    assert_eq!(outputs[0], "Secret(<redacted>)", "the documented form");
    assert_eq!(
        outputs[3], "SecretMap{\"password\": <redacted>, \"user\": <redacted>}",
        "field names show, values do not"
    );
    assert_eq!(secret.expose(), CANARY, "expose gives the secret itself");
}

#[test]
fn a_vault_never_shows_its_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = file_vault(dir.path(), "key", "ws-redact");
    let key_text = std::fs::read_to_string(dir.path().join("key")).expect("read key");
    let key_hex = {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(key_text.trim())
            .expect("the key file is base64");
        hex::encode(bytes)
    };
    for output in [
        format!("{vault:?}"),
        format!("{vault:#?}"),
        format!("{:?}", vault.status()),
    ] {
        assert!(
            !output.contains(key_text.trim()) && !output.contains(&key_hex),
            "Debug of the vault leaks the key: {output}"
        );
    }
}

#[test]
fn no_failure_path_prints_a_secret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = file_vault(dir.path(), "key", "ws-redact");
    let other = file_vault(dir.path(), "other", "ws-redact");
    let sealed = vault.seal("shop", &canary_map());
    let mut tampered = sealed.clone();
    tampered.ciphertext[0] ^= 1;
    let mut forged = sealed.clone();
    forged.key_id = other.key_id().to_owned();

    let canary_file = dir.path().join("canary.key");
    std::fs::write(&canary_file, CANARY).expect("write");
    let loose_file = dir.path().join("loose.key");
    std::fs::write(&loose_file, CANARY).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&canary_file, std::fs::Permissions::from_mode(0o600))
            .expect("chmod");
        std::fs::set_permissions(&loose_file, std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
    }
    let open = |source: KeySource| Vault::open(&source, "ws-redact").map(|_| ());

    let errors: Vec<VaultError> = [
        vault.unseal("shop", &tampered).map(|_| ()),
        vault.unseal("stripe", &sealed).map(|_| ()),
        other.unseal("shop", &sealed).map(|_| ()),
        other.unseal("shop", &forged).map(|_| ()),
        open(KeySource::KeyFile(canary_file)),
        open(KeySource::KeyFile(loose_file)),
        open(KeySource::KeyFile(dir.path().to_path_buf())),
        open(KeySource::Env(
            "BINDERY_TEST_VARIABLE_NOBODY_SETS_5b7e1d".to_owned(),
        )),
        Vault::open(&KeySource::Keyring, "").map(|_| ()),
        format!("env:{CANARY}").parse::<KeySource>().map(|_| ()),
        CANARY.parse::<KeySource>().map(|_| ()),
        format!("file{CANARY}").parse::<KeySource>().map(|_| ()),
    ]
    .into_iter()
    .map(|result| result.expect_err("every case here fails"))
    .collect();
    let codes: Vec<&str> = errors.iter().map(VaultError::code).collect();
    assert_eq!(
        codes,
        [
            "vault/decrypt-failed",
            "vault/decrypt-failed",
            "vault/key-changed",
            "vault/decrypt-failed",
            "vault/key-file-invalid",
            "vault/key-file-permissions",
            "vault/key-file-invalid",
            "vault/env-key-missing",
            "vault/workspace-id-empty",
            "vault/key-source-invalid",
            "vault/key-source-invalid",
            "vault/key-source-invalid",
        ],
        "each failure has its code"
    );
    for error in &errors {
        assert_no_canary(error);
        assert!(
            !error.to_string().is_empty() && error.code().starts_with("vault/"),
            "a coded message for a person: {error:?}"
        );
    }
}
