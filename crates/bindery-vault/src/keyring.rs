//! The OS keyring through keyring-core, with one explicit store per platform: the Secret Service
//! over D-Bus on Linux, the login Keychain on macOS, Credential Manager on Windows.
//!
//! The key is kept as its base64 text (a password, not raw bytes) so every store accepts it (KDE
//! Wallet takes UTF-8 only) and `secret-tool lookup service dev.bindery.vault username <id>`
//! prints what a key file would hold.
//!
//! Every call here blocks on the platform service (D-Bus round trips on Linux): from async code,
//! call through `tokio::task::spawn_blocking`.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use zeroize::Zeroizing;

use crate::key::MasterKey;
use crate::VaultError;

/// The keyring service name of Bindery's master keys; the user is the workspace id.
pub const KEYRING_SERVICE: &str = "dev.bindery.vault";

/// The user name the probe looks up: never created, so the lookup leaves nothing behind.
#[cfg(not(target_os = "linux"))]
const PROBE_USER: &str = "bindery-keyring-probe";

/// Why a Secret Service that answers still cannot store anything.
#[cfg(target_os = "linux")]
const NO_DEFAULT_COLLECTION: &str =
    "the Secret Service runs but has no default (login) keyring to store the key in";

/// The name of this platform's keyring, for messages and the status.
#[cfg(target_os = "linux")]
pub const KEYRING_STORE: &str = "Secret Service";
/// The name of this platform's keyring, for messages and the status.
#[cfg(target_os = "macos")]
pub const KEYRING_STORE: &str = "macOS Keychain";
/// The name of this platform's keyring, for messages and the status.
#[cfg(target_os = "windows")]
pub const KEYRING_STORE: &str = "Windows Credential Manager";
/// The name of this platform's keyring, for messages and the status.
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub const KEYRING_STORE: &str = "OS keyring";

/// Whether a keyring can hold the master key right now, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyringProbe {
    /// The keyring answers and can store the key.
    Reachable {
        /// Which keyring.
        store: &'static str,
    },
    /// The keyring answers, but its default (login) keyring is locked: opening the vault asks
    /// the person to unlock it, which fails where no desktop session can show the prompt.
    Locked {
        /// Which keyring.
        store: &'static str,
    },
    /// No keyring can hold the key here.
    Unavailable {
        /// Which keyring was tried.
        store: &'static str,
        /// Why, in the keyring's words where it gave any.
        reason: String,
    },
}

impl KeyringProbe {
    /// Whether the keyring can hold the master key without asking anyone.
    pub fn is_reachable(&self) -> bool {
        matches!(self, KeyringProbe::Reachable { .. })
    }
}

/// Asks the OS keyring whether it can hold the master key now. Creates nothing and prompts for
/// nothing. Blocks (see the module notes).
pub fn probe_keyring() -> KeyringProbe {
    let verdict = probe_platform();
    tracing::debug!(?verdict, "keyring probe");
    verdict
}

/// Linux: the Secret Service must run and have an unlocked default collection, which is where
/// the store creates items. A lookup alone would not tell: gnome-keyring started by D-Bus
/// activation answers lookups but has no login collection to store into.
#[cfg(target_os = "linux")]
fn probe_platform() -> KeyringProbe {
    use secret_service::blocking::SecretService;
    use secret_service::{EncryptionType, Error};

    let unavailable = |reason: String| KeyringProbe::Unavailable {
        store: KEYRING_STORE,
        reason,
    };
    let service = match SecretService::connect(EncryptionType::Dh) {
        Ok(service) => service,
        Err(error) => return unavailable(error.to_string()),
    };
    // Bound before returning: the collection borrows the service.
    let verdict = match service.get_default_collection() {
        Ok(collection) => match collection.is_locked() {
            Ok(false) => KeyringProbe::Reachable {
                store: KEYRING_STORE,
            },
            Ok(true) => KeyringProbe::Locked {
                store: KEYRING_STORE,
            },
            Err(error) => unavailable(error.to_string()),
        },
        Err(Error::NoResult) => unavailable(NO_DEFAULT_COLLECTION.to_owned()),
        Err(error) => unavailable(error.to_string()),
    };
    verdict
}

/// Elsewhere: a lookup of an entry that never exists. Any answer about it, even a malformed
/// one, means the keyring is there.
#[cfg(not(target_os = "linux"))]
fn probe_platform() -> KeyringProbe {
    let lookup = platform_store()
        .and_then(|store| Entry::new_in_store(&store, KEYRING_SERVICE, PROBE_USER))
        .and_then(|entry| entry.get_password().map(Zeroizing::new));
    match lookup {
        Ok(_)
        | Err(
            KeyringError::NoEntry
            | KeyringError::Ambiguous(_)
            | KeyringError::BadEncoding(_)
            | KeyringError::BadDataFormat(..),
        ) => KeyringProbe::Reachable {
            store: KEYRING_STORE,
        },
        Err(KeyringError::NoStorageAccess(_)) => KeyringProbe::Locked {
            store: KEYRING_STORE,
        },
        Err(error) => KeyringProbe::Unavailable {
            store: KEYRING_STORE,
            reason: error.to_string(),
        },
    }
}

/// Reads the workspace's key from the keyring, creating it there on first use. Returns the key
/// and whether this call created it.
pub(crate) fn load_or_create(workspace_id: &str) -> Result<(MasterKey, bool), VaultError> {
    let store = platform_store().map_err(unavailable)?;
    let entry = Entry::new_in_store(&store, KEYRING_SERVICE, workspace_id).map_err(unavailable)?;
    if let Some(key) = read(&entry, workspace_id)? {
        return Ok((key, false));
    }
    let key = MasterKey::generate();
    entry.set_password(&key.encode()).map_err(unavailable)?;
    // Keyrings have no create-if-absent: read back, so two processes racing on a fresh workspace
    // both use whichever key the keyring kept.
    let kept = read(&entry, workspace_id)?.ok_or_else(|| VaultError::KeyringUnavailable {
        store: KEYRING_STORE,
        reason: "the key just stored cannot be found again".to_owned(),
    })?;
    let created = kept.key_id() == key.key_id();
    if created {
        tracing::info!(store = KEYRING_STORE, key_id = %key.key_id(), "created a new master key in the keyring");
    }
    Ok((kept, created))
}

/// The key in the entry, `None` when there is none yet.
fn read(entry: &Entry, workspace_id: &str) -> Result<Option<MasterKey>, VaultError> {
    let invalid = |reason| VaultError::KeyringKeyInvalid {
        store: KEYRING_STORE,
        service: KEYRING_SERVICE,
        user: workspace_id.to_owned(),
        reason,
    };
    match entry.get_password() {
        Ok(text) => {
            let text = Zeroizing::new(text);
            MasterKey::parse(&text).map(Some).map_err(invalid)
        }
        Err(KeyringError::NoEntry) => Ok(None),
        // The raw bytes these carry are never formatted.
        Err(KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..)) => {
            Err(invalid("it is not text"))
        }
        Err(KeyringError::Ambiguous(_)) => Err(invalid("more than one item matches")),
        Err(error) => Err(unavailable(error)),
    }
}

fn unavailable(error: KeyringError) -> VaultError {
    let reason = match &error {
        // The service answered but would not give access: locked, no login keyring, or an
        // unlock prompt nobody can see.
        KeyringError::NoStorageAccess(_) => format!(
            "the keyring service answered but is locked or has no default (login) keyring, and \
             cannot ask for it to be unlocked here ({error})"
        ),
        _ => error.to_string(),
    };
    VaultError::KeyringUnavailable {
        store: KEYRING_STORE,
        reason,
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Err(KeyringError::NotSupportedByStore(
        "Bindery has no keyring store for this platform".to_owned(),
    ))
}
