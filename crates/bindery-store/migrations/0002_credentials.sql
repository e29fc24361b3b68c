-- Sealed credentials, one per provider kind. bindery-vault seals them (XChaCha20-Poly1305 under
-- the workspace master key, which never lives here); this table holds only the bytes: the
-- nonce, the ciphertext and the fingerprint of the key they were sealed with. No plain text.

CREATE TABLE credentials (
    id         TEXT PRIMARY KEY NOT NULL,          -- the provider kind, bound into the seal
    nonce      BLOB NOT NULL,                      -- 24 random bytes, new for every seal
    ciphertext BLOB NOT NULL,                      -- the sealed JSON of the credential's fields
    key_id     TEXT NOT NULL,                      -- fingerprint of the master key it was sealed with
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
