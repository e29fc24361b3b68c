//! The vault: a workspace's master key, opened from the source the person chose, sealing and
//! opening credentials with XChaCha20-Poly1305.

use std::fmt;
use std::path::PathBuf;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore as _;

use crate::key::MasterKey;
use crate::keyring::{KEYRING_SERVICE, KEYRING_STORE};
use crate::secret::SecretMap;
use crate::source::{key_from_env, KeySource};
use crate::{key_file, keyring, VaultError};

/// Length of an XChaCha20-Poly1305 nonce: 24 bytes, large enough to draw at random per seal.
pub const NONCE_LEN: usize = 24;

/// Version tag of the associated data; a new layout gets a new tag.
const AAD_VERSION: &str = "bindery-vault/v1";

/// A sealed credential: what the store keeps. Only the vault holding the same master key, for
/// the same workspace and the same credential id, opens it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// The random nonce of this seal ([`NONCE_LEN`] bytes).
    pub nonce: Vec<u8>,
    /// The encrypted JSON of the credential's fields, with its 16-byte tag.
    pub ciphertext: Vec<u8>,
    /// Fingerprint of the master key it was sealed with.
    pub key_id: String,
}

/// Where the master key in use lives, for the API and the UI. Never the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// In the OS keyring.
    Keyring {
        /// Which keyring (`Secret Service`, `macOS Keychain`, `Windows Credential Manager`).
        store: &'static str,
        /// The item's service name (`dev.bindery.vault`).
        service: &'static str,
        /// The item's user name: the workspace id.
        user: String,
    },
    /// In a key file.
    File {
        /// The file.
        path: PathBuf,
    },
    /// In an environment variable.
    Env {
        /// The variable's name.
        variable: String,
    },
}

impl KeyLocation {
    /// The kind of location: `keyring`, `file` or `env` (as in the [`KeySource`] setting).
    pub fn kind(&self) -> &'static str {
        match self {
            KeyLocation::Keyring { .. } => "keyring",
            KeyLocation::File { .. } => "file",
            KeyLocation::Env { .. } => "env",
        }
    }
}

/// What the vault runs on, for the API and the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultStatus {
    /// Where the master key lives.
    pub location: KeyLocation,
    /// Fingerprint of the master key.
    pub key_id: String,
    /// Whether opening the vault created the key (first use of this source).
    pub created: bool,
}

/// A workspace's vault: seals credentials before they are stored and opens them where a
/// provider request is built. `Debug` shows the status, never the key; the key is wiped when the
/// vault is dropped.
pub struct Vault {
    cipher: XChaCha20Poly1305,
    workspace_id: String,
    status: VaultStatus,
}

impl Vault {
    /// Opens the workspace's master key from `source`: read from the keyring or the key file
    /// (created there on first use), or from the environment variable (never created).
    ///
    /// `workspace_id` names the keyring item and is bound into every seal, so a ciphertext
    /// copied into another workspace does not open. Blocks on the keyring and the file system:
    /// from async code, call through `tokio::task::spawn_blocking`.
    pub fn open(source: &KeySource, workspace_id: &str) -> Result<Vault, VaultError> {
        if workspace_id.is_empty() {
            return Err(VaultError::WorkspaceIdEmpty);
        }
        let (key, created, location) = match source {
            KeySource::Keyring => {
                let (key, created) = keyring::load_or_create(workspace_id)?;
                let location = KeyLocation::Keyring {
                    store: KEYRING_STORE,
                    service: KEYRING_SERVICE,
                    user: workspace_id.to_owned(),
                };
                (key, created, location)
            }
            KeySource::KeyFile(path) => {
                let (key, created) = key_file::load_or_create(path)?;
                (key, created, KeyLocation::File { path: path.clone() })
            }
            KeySource::Env(variable) => {
                let key = key_from_env(variable)?;
                let location = KeyLocation::Env {
                    variable: variable.clone(),
                };
                (key, false, location)
            }
        };
        let vault = Vault::with_key(&key, workspace_id, location, created);
        tracing::debug!(source = source.kind(), key_id = %vault.status.key_id, created, "vault open");
        Ok(vault)
    }

    fn with_key(
        key: &MasterKey,
        workspace_id: &str,
        location: KeyLocation,
        created: bool,
    ) -> Vault {
        Vault {
            cipher: XChaCha20Poly1305::new(key.bytes().into()),
            workspace_id: workspace_id.to_owned(),
            status: VaultStatus {
                location,
                key_id: key.key_id(),
                created,
            },
        }
    }

    /// Where the key lives and its fingerprint.
    pub fn status(&self) -> &VaultStatus {
        &self.status
    }

    /// Fingerprint of the master key, as stored beside each sealed credential.
    pub fn key_id(&self) -> &str {
        &self.status.key_id
    }

    /// The workspace this vault seals for.
    pub fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    /// Seals a credential's fields under a fresh random nonce. `credential_id` (the provider
    /// kind) is bound into the seal with the workspace id: [`Vault::unseal`] must be given the
    /// same one.
    pub fn seal(&self, credential_id: &str, secrets: &SecretMap) -> Sealed {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let plaintext = secrets.to_json();
        let aad = associated_data(&self.workspace_id, credential_id);
        let ciphertext = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plaintext,
                    aad: &aad,
                },
            )
            .expect("XChaCha20-Poly1305 encrypts any message under 256 GiB");
        Sealed {
            nonce: nonce.to_vec(),
            ciphertext,
            key_id: self.status.key_id.clone(),
        }
    }

    /// Opens a sealed credential. `vault/key-changed` when it was sealed under another master
    /// key; `vault/decrypt-failed` when the bytes were changed, the key is wrong, or it was sealed
    /// for another credential id or workspace.
    pub fn unseal(&self, credential_id: &str, sealed: &Sealed) -> Result<SecretMap, VaultError> {
        let failed = |reason| VaultError::DecryptFailed {
            credential_id: credential_id.to_owned(),
            reason,
        };
        if sealed.key_id != self.status.key_id {
            return Err(VaultError::KeyChanged {
                credential_id: credential_id.to_owned(),
                sealed_with: sealed.key_id.clone(),
                current: self.status.key_id.clone(),
            });
        }
        if sealed.nonce.len() != NONCE_LEN {
            return Err(failed("its stored nonce does not have 24 bytes"));
        }
        let aad = associated_data(&self.workspace_id, credential_id);
        let plaintext = self
            .cipher
            .decrypt(
                XNonce::from_slice(&sealed.nonce),
                Payload {
                    msg: &sealed.ciphertext,
                    aad: &aad,
                },
            )
            .map(zeroize::Zeroizing::new)
            .map_err(|_| {
                failed(
                    "authentication failed: its bytes were changed, or it was sealed for another \
                     credential or workspace",
                )
            })?;
        SecretMap::from_json(&plaintext)
            .ok_or_else(|| failed("it decrypted, but does not hold a credential's fields"))
    }
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("workspace_id", &self.workspace_id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Binds a ciphertext to its workspace and credential. Lengths prefix each id, so no two
/// (workspace, credential) pairs give the same bytes.
fn associated_data(workspace_id: &str, credential_id: &str) -> Vec<u8> {
    format!(
        "{AAD_VERSION}\nworkspace:{}:{workspace_id}\ncredential:{}:{credential_id}",
        workspace_id.len(),
        credential_id.len()
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::associated_data;

    #[test]
    fn associated_data_is_unambiguous() {
        assert_ne!(
            associated_data("ws", "a\ncredential:1:b"),
            associated_data("ws\ncredential:1:a", "b"),
            "length prefixes keep ids from running into each other"
        );
    }
}
