//! What can go wrong in the vault. Every message is for a person and names the thing that
//! failed; none ever holds key material or a secret value (the tests format every variant next to
//! a canary).

use std::path::PathBuf;

/// Where the master key could not be found, read or used, or a sealed credential could not be
/// opened. `code()` gives the stable identifier the API and the UI branch on.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// No keyring service answered (no session bus, no Secret Service, a locked collection, no
    /// keyring on this platform). The person has to choose a fallback.
    #[error(
        "the OS keyring ({store}) cannot hold the master key: {reason}. No keyring service is \
         running or usable here (usual on headless servers and in CI). Choose where the master \
         key lives instead: a key file or an environment variable key"
    )]
    KeyringUnavailable {
        /// Which keyring was tried.
        store: &'static str,
        /// The keyring's own explanation (never secret).
        reason: String,
    },
    /// The keyring holds an item for this workspace that is not a Bindery master key.
    #[error(
        "the {store} item for service {service}, user {user} is not a Bindery master key ({reason})"
    )]
    KeyringKeyInvalid {
        /// Which keyring.
        store: &'static str,
        /// The item's service attribute.
        service: &'static str,
        /// The item's user attribute: the workspace id.
        user: String,
        /// What is wrong with it (never its contents).
        reason: &'static str,
    },
    /// The key file can be read or written by someone other than its owner.
    #[error(
        "the key file {path} has mode {mode:04o}: it must be readable by its owner only \
         (chmod 600 {path})",
        path = path.display()
    )]
    KeyFilePermissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file does not hold a key.
    #[error("the key file {path} does not hold a master key: {reason}", path = path.display())]
    KeyFileInvalid {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it (never its contents).
        reason: &'static str,
    },
    /// The key file or its directory could not be read or created.
    #[error("cannot {action} the key file {path}: {source}", path = path.display())]
    KeyFileIo {
        /// The key file.
        path: PathBuf,
        /// What was being done (`read`, `create`).
        action: &'static str,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The environment variable chosen to hold the key is not set.
    #[error(
        "the environment variable {variable} is not set (or is empty): it must hold the master \
         key, 32 bytes in base64"
    )]
    EnvKeyMissing {
        /// The variable's name.
        variable: String,
    },
    /// The environment variable does not hold a key.
    #[error("the environment variable {variable} does not hold a master key: {reason}")]
    EnvKeyInvalid {
        /// The variable's name.
        variable: String,
        /// What is wrong with it (never its contents).
        reason: &'static str,
    },
    /// A key source setting did not parse.
    #[error("invalid key source: {reason}; expected `keyring`, `file:<path>` or `env:<VARIABLE>`")]
    KeySourceInvalid {
        /// What is wrong (the setting itself is not repeated: it might be a pasted key).
        reason: &'static str,
    },
    /// The workspace id the keyring item and the sealing are bound to is empty.
    #[error("the vault needs a workspace id; it was empty")]
    WorkspaceIdEmpty,
    /// A sealed credential did not open: a wrong key, changed bytes, or a ciphertext moved from
    /// another credential or workspace.
    #[error("cannot open the sealed credential {credential_id:?}: {reason}")]
    DecryptFailed {
        /// The credential's id (the provider kind).
        credential_id: String,
        /// Why, as far as it can be told.
        reason: &'static str,
    },
    /// The credential was sealed under another master key than the one in use now.
    #[error(
        "the credential {credential_id:?} was sealed with master key {sealed_with}, but the key \
         in use is {current}: the key source changed (another keyring item, key file or \
         environment variable). Use the original key, or connect the provider again"
    )]
    KeyChanged {
        /// The credential's id.
        credential_id: String,
        /// Fingerprint of the key it was sealed with.
        sealed_with: String,
        /// Fingerprint of the key in use.
        current: String,
    },
}

impl VaultError {
    /// Stable identifier of the failure (`vault/...`), for the API and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            VaultError::KeyringUnavailable { .. } => "vault/keyring-unavailable",
            VaultError::KeyringKeyInvalid { .. } => "vault/keyring-key-invalid",
            VaultError::KeyFilePermissions { .. } => "vault/key-file-permissions",
            VaultError::KeyFileInvalid { .. } => "vault/key-file-invalid",
            VaultError::KeyFileIo { .. } => "vault/key-file-io",
            VaultError::EnvKeyMissing { .. } => "vault/env-key-missing",
            VaultError::EnvKeyInvalid { .. } => "vault/env-key-invalid",
            VaultError::KeySourceInvalid { .. } => "vault/key-source-invalid",
            VaultError::WorkspaceIdEmpty => "vault/workspace-id-empty",
            VaultError::DecryptFailed { .. } => "vault/decrypt-failed",
            VaultError::KeyChanged { .. } => "vault/key-changed",
        }
    }
}
