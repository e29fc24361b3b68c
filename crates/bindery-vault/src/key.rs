//! The master key: 32 random bytes, its text form and its fingerprint.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Length of the master key in bytes (an XChaCha20-Poly1305 key).
pub(crate) const KEY_LEN: usize = 32;

/// Domain separation for the fingerprint, so it is never the hash of the bare key.
const KEY_ID_CONTEXT: &[u8] = b"bindery-vault key id v1\0";

/// The master key every credential of a workspace is sealed with. Wiped when dropped; `Debug`
/// is redacted.
pub(crate) struct MasterKey(Zeroizing<[u8; KEY_LEN]>);

impl MasterKey {
    /// A fresh key from the thread-local CSPRNG (seeded from the OS).
    pub(crate) fn generate() -> MasterKey {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        rand::rng().fill_bytes(&mut *bytes);
        MasterKey(bytes)
    }

    /// Reads the text form: base64 of the 32 bytes (what Bindery writes) or 64 hex digits,
    /// surrounded by whitespace at most. The error says what is wrong, never what was read.
    pub(crate) fn parse(text: &str) -> Result<MasterKey, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("it is empty");
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        if text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode_to_slice(text, &mut *bytes)
                .map_err(|_| "it is not 64 hexadecimal digits")?;
            return Ok(MasterKey(bytes));
        }
        let decoded = Zeroizing::new(
            STANDARD
                .decode(text)
                .map_err(|_| "it is not base64 (or 64 hexadecimal digits) on one line")?,
        );
        if decoded.len() != KEY_LEN {
            return Err("it does not decode to 32 bytes");
        }
        bytes.copy_from_slice(&decoded);
        Ok(MasterKey(bytes))
    }

    /// The text form written to key files and keyrings: base64 (standard, padded), no newline.
    pub(crate) fn encode(&self) -> Zeroizing<String> {
        Zeroizing::new(STANDARD.encode(*self.0))
    }

    /// The raw bytes, for the cipher.
    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A short fingerprint: the first 8 bytes of SHA-256 over a context string and the key, in
    /// hex. It tells two keys apart without revealing anything usable about either.
    pub(crate) fn key_id(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(KEY_ID_CONTEXT);
        hasher.update(*self.0);
        hex::encode(&hasher.finalize()[..8])
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::MasterKey;

    #[test]
    fn text_forms_round_trip_and_agree() {
        let key = MasterKey::generate();
        let base64 = key.encode();
        assert_eq!(base64.len(), 44, "32 bytes are 44 base64 characters");
        let again = MasterKey::parse(&format!("  {}\n", base64.as_str())).expect("own text form");
        assert_eq!(
            again.key_id(),
            key.key_id(),
            "base64 round trip keeps the key"
        );
        let hex_form = hex::encode(key.bytes());
        let from_hex = MasterKey::parse(&hex_form).expect("hex form");
        assert_eq!(
            from_hex.key_id(),
            key.key_id(),
            "hex and base64 give the same key"
        );
        assert_eq!(key.key_id().len(), 16, "key id is 8 bytes in hex");
    }

    #[test]
    fn malformed_text_is_refused() {
        for bad in [
            "",
            "   ",
            "not a key",
            "AAAA",
            &"z".repeat(64),
            &"0".repeat(63),
        ] {
            assert!(
                MasterKey::parse(bad).is_err(),
                "{bad:?} must not parse as a master key"
            );
        }
    }

    #[test]
    fn two_generated_keys_differ() {
        assert_ne!(
            MasterKey::generate().key_id(),
            MasterKey::generate().key_id(),
            "fresh keys come from the CSPRNG"
        );
    }
}
