//! Where the master key lives: the person's explicit choice, and its text form in settings.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use zeroize::Zeroizing;

use crate::key::MasterKey;
use crate::VaultError;

/// Where the master key lives. There is deliberately no "no key" choice: credentials are
/// always sealed.
///
/// As a setting it reads and prints as `keyring`, `file:<path>` or `env:<VARIABLE>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// The OS keyring (Secret Service on Linux, the login Keychain on macOS, Credential Manager
    /// on Windows), service `dev.bindery.vault`, user = the workspace id. The key is created on
    /// first use.
    Keyring,
    /// A file holding the key on one line (base64, or 64 hex digits), readable by its owner
    /// only. Created (mode 0600) on first use if missing.
    KeyFile(PathBuf),
    /// The named environment variable holds the key (base64 of 32 bytes). Bindery never
    /// creates it.
    Env(String),
}

impl KeySource {
    /// The kind of source: `keyring`, `file` or `env`.
    pub fn kind(&self) -> &'static str {
        match self {
            KeySource::Keyring => "keyring",
            KeySource::KeyFile(_) => "file",
            KeySource::Env(_) => "env",
        }
    }
}

impl FromStr for KeySource {
    type Err = VaultError;

    fn from_str(text: &str) -> Result<KeySource, VaultError> {
        let invalid = |reason| VaultError::KeySourceInvalid { reason };
        let text = text.trim();
        if text == "keyring" {
            return Ok(KeySource::Keyring);
        }
        if let Some(path) = text.strip_prefix("file:") {
            if path.is_empty() {
                return Err(invalid("`file:` needs the path of the key file"));
            }
            return Ok(KeySource::KeyFile(PathBuf::from(path)));
        }
        if let Some(variable) = text.strip_prefix("env:") {
            check_variable_name(variable).map_err(invalid)?;
            return Ok(KeySource::Env(variable.to_owned()));
        }
        Err(invalid("unknown kind of key source"))
    }
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Keyring => f.write_str("keyring"),
            KeySource::KeyFile(path) => write!(f, "file:{}", path.display()),
            KeySource::Env(variable) => write!(f, "env:{variable}"),
        }
    }
}

/// A portable environment variable name. A long run of hex digits is refused too: that is a key
/// pasted where its variable's name belongs, and the name would be echoed in messages.
fn check_variable_name(name: &str) -> Result<(), &'static str> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("`env:` needs the name of the environment variable");
    };
    let portable = (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !portable {
        return Err("an environment variable name has only letters, digits and `_`");
    }
    if name.len() >= 32 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("this looks like a key, not the name of the variable that holds it");
    }
    Ok(())
}

/// Reads the key from an environment variable. Bindery never sets it.
pub(crate) fn key_from_env(variable: &str) -> Result<MasterKey, VaultError> {
    let value = match std::env::var(variable) {
        Ok(value) => Zeroizing::new(value),
        Err(std::env::VarError::NotPresent) => {
            return Err(VaultError::EnvKeyMissing {
                variable: variable.to_owned(),
            })
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(VaultError::EnvKeyInvalid {
                variable: variable.to_owned(),
                reason: "it is not valid UTF-8",
            })
        }
    };
    if value.trim().is_empty() {
        return Err(VaultError::EnvKeyMissing {
            variable: variable.to_owned(),
        });
    }
    MasterKey::parse(&value).map_err(|reason| VaultError::EnvKeyInvalid {
        variable: variable.to_owned(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::KeySource;

    #[test]
    fn settings_parse_and_print_back() {
        for (text, source) in [
            ("keyring", KeySource::Keyring),
            (
                "file:/home/ana/.config/bindery/key",
                KeySource::KeyFile(PathBuf::from("/home/ana/.config/bindery/key")),
            ),
            (
                "file:relative/key",
                KeySource::KeyFile(PathBuf::from("relative/key")),
            ),
            (
                "env:BINDERY_MASTER_KEY",
                KeySource::Env("BINDERY_MASTER_KEY".to_owned()),
            ),
        ] {
            let parsed: KeySource = text.parse().expect("a valid key source setting");
            assert_eq!(parsed, source, "{text} parses to its source");
            assert_eq!(parsed.to_string(), text, "{text} prints back unchanged");
        }
    }

    #[test]
    fn bad_settings_are_refused_with_their_code() {
        let pasted_hex_key = "ab".repeat(32);
        for text in [
            "",
            "none",
            "plaintext",
            "file:",
            "env:",
            "env:1ABC",
            "env:MY-KEY",
            "env:a b",
            &format!("env:{pasted_hex_key}"),
        ] {
            let error = text
                .parse::<KeySource>()
                .expect_err("an invalid key source setting");
            assert_eq!(
                error.code(),
                "vault/key-source-invalid",
                "{text:?} is refused"
            );
            if text.len() > 8 {
                assert!(
                    !error.to_string().contains(&text[4..]),
                    "the message does not repeat the setting, which may be a pasted key: {error}"
                );
            }
        }
    }
}
