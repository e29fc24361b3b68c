//! Secrets: credentials sealed with a workspace master key, and the [`Secret`] type that never
//! prints or serializes.
//!
//! Layer L1; depends on no other Bindery crate (the store keeps the sealed bytes, `bindery-api`
//! wires the two together). The master key (32 random bytes) lives where the person chose
//! ([`KeySource`]): the OS keyring, a key file readable by its owner only, or an environment
//! variable. There is no plaintext mode: where no keyring service runs, [`Vault::open`] fails
//! with `vault/keyring-unavailable` and the person picks a fallback.
//!
//! Credentials are sealed with XChaCha20-Poly1305 under a random nonce, the associated data
//! binding each ciphertext to its workspace and credential id; [`Sealed::key_id`] tells a key
//! change (`vault/key-changed`) from damage (`vault/decrypt-failed`).
//!
//! Entry points: [`Vault::open`], [`Vault::seal`], [`Vault::unseal`], [`probe_keyring`].

mod error;
mod key;
mod key_file;
mod keyring;
mod secret;
mod source;
mod vault;

pub use error::VaultError;
pub use keyring::{probe_keyring, KeyringProbe, KEYRING_SERVICE, KEYRING_STORE};
pub use secret::{Secret, SecretMap};
pub use source::KeySource;
pub use vault::{KeyLocation, Sealed, Vault, VaultStatus, NONCE_LEN};
