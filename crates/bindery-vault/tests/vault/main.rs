//! The vault against real parts: key files in throwaway directories, environment variables in
//! child processes (this test binary re-run for one test), and, where the tools are installed, a
//! real Secret Service (gnome-keyring) in a private D-Bus session.

mod child;
#[cfg(unix)]
mod env;
#[cfg(unix)]
mod key_file;
#[cfg(target_os = "linux")]
mod keyring;
mod redaction;
mod seal;

use std::path::Path;

use bindery_vault::{KeySource, Secret, SecretMap, Vault, VaultError};

/// A secret value that must never show up in any output.
pub const CANARY: &str = "canary-vault-5b7e1d";

/// A vault whose key lives in `dir/<name>` (created on first use).
pub fn file_vault(dir: &Path, name: &str, workspace_id: &str) -> Vault {
    Vault::open(&KeySource::KeyFile(dir.join(name)), workspace_id).expect("open a key file vault")
}

/// A credential's fields with the canary as its password.
pub fn canary_map() -> SecretMap {
    let mut map = SecretMap::new();
    map.insert("password", Secret::new(CANARY.to_owned()));
    map.insert("user", Secret::new("bindery_reader".to_owned()));
    map
}

/// Asserts that an error, its `Debug` and its whole source chain never mention the canary.
pub fn assert_no_canary(error: &VaultError) {
    let mut texts = vec![
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        texts.push(inner.to_string());
        source = inner.source();
    }
    for text in texts {
        assert!(
            !text.contains(CANARY),
            "{} must never print the secret: {text}",
            error.code()
        );
    }
}
