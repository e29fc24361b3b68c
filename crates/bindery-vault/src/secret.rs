//! Secret values in memory: they never print, never serialize, and are wiped when dropped.

use std::collections::BTreeMap;
use std::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

/// A secret string: a password, an API key, an OAuth token.
///
/// `Debug` prints `Secret(<redacted>)`; there is no `Display` and no `Serialize`, so a secret
/// cannot reach a log line, a DTO or a snapshot by accident. The bytes are zeroized when the
/// value is dropped. Read it with [`Secret::expose`], and only where the request to the provider
/// is built.
///
/// ```compile_fail
/// fn wants_serialize<T: serde::Serialize>() {}
/// wants_serialize::<bindery_vault::Secret>(); // a Secret is not Serialize
/// ```
///
/// ```compile_fail
/// let secret = bindery_vault::Secret::new("hunter2".to_owned());
/// println!("{secret}"); // a Secret is not Display
/// ```
///
/// (The same helper accepts a `String`, so the first example fails for the right reason:)
///
/// ```
/// fn wants_serialize<T: serde::Serialize>() {}
/// wants_serialize::<String>();
/// ```
#[derive(Clone, ZeroizeOnDrop)]
pub struct Secret(String);

impl Secret {
    /// Takes ownership of a secret string (no copy is made).
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The secret itself. Call this only where the request to the provider is built (a header,
    /// a connection string, a token request) and let the borrow end there: never store, log or
    /// return what it gives.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The secret fields of one credential, by field name: `{"password": …}`,
/// `{"access_token": …, "refresh_token": …}`. Field names are not secret and show in `Debug`;
/// values never do. Like [`Secret`], it has no `Display` and no `Serialize`; non-secret metadata
/// (expiry, account label) is kept beside it by the application.
///
/// ```compile_fail
/// fn wants_serialize<T: serde::Serialize>() {}
/// wants_serialize::<bindery_vault::SecretMap>(); // a SecretMap is not Serialize
/// ```
#[derive(Clone, Default)]
pub struct SecretMap(BTreeMap<String, Secret>);

impl SecretMap {
    /// An empty map.
    pub fn new() -> SecretMap {
        SecretMap::default()
    }

    /// Sets a field; returns the value it replaces.
    pub fn insert(&mut self, field: impl Into<String>, value: Secret) -> Option<Secret> {
        self.0.insert(field.into(), value)
    }

    /// One field's secret.
    pub fn get(&self, field: &str) -> Option<&Secret> {
        self.0.get(field)
    }

    /// Removes a field; returns its value.
    pub fn remove(&mut self, field: &str) -> Option<Secret> {
        self.0.remove(field)
    }

    /// The field names, sorted.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Fields and their secrets, sorted by field name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Secret)> {
        self.0
            .iter()
            .map(|(field, secret)| (field.as_str(), secret))
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// JSON of the map (`{"field": "value", …}`) in a buffer that is wiped when dropped. The
    /// buffer is sized up front for the worst case of JSON escaping so it never reallocates and
    /// leaves no stray copy behind.
    pub(crate) fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let worst_case = self
            .0
            .iter()
            .map(|(field, secret)| 6 * (field.len() + secret.0.len()) + 6)
            .sum::<usize>()
            + 2;
        let mut json = Zeroizing::new(Vec::with_capacity(worst_case));
        let view: BTreeMap<&str, &str> = self.iter().map(|(k, v)| (k, v.expose())).collect();
        serde_json::to_writer(&mut *json, &view)
            .expect("a map of strings always serializes to a Vec");
        json
    }

    /// Reads the JSON written by [`SecretMap::to_json`]. The strings parsed are moved into
    /// [`Secret`]s, not copied.
    pub(crate) fn from_json(json: &[u8]) -> Option<SecretMap> {
        let plain: BTreeMap<String, String> = serde_json::from_slice(json).ok()?;
        let map = plain
            .into_iter()
            .map(|(field, value)| (field, Secret::new(value)))
            .collect();
        Some(SecretMap(map))
    }
}

impl fmt::Debug for SecretMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted;
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
        f.write_str("SecretMap")?;
        f.debug_map()
            .entries(self.0.keys().map(|field| (field, Redacted)))
            .finish()
    }
}

impl FromIterator<(String, Secret)> for SecretMap {
    fn from_iter<I: IntoIterator<Item = (String, Secret)>>(iter: I) -> SecretMap {
        SecretMap(iter.into_iter().collect())
    }
}
