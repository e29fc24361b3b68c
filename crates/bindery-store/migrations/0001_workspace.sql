-- The workspace database. Secrets never live here in plain text: API keys are stored as
-- SHA-256 hashes, and provider configs hold no credential values.

CREATE TABLE providers (
    kind         TEXT PRIMARY KEY NOT NULL,          -- the name in URLs: demo_fieldservice, sqlite, my_crm
    display_name TEXT NOT NULL,
    source_kind  TEXT NOT NULL,                      -- sqlite, postgres, openapi, ...
    config       TEXT NOT NULL,                      -- JSON: where the source is (no secrets)
    demo         INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE schema_snapshots (
    id            INTEGER PRIMARY KEY,
    provider_kind TEXT NOT NULL REFERENCES providers(kind) ON DELETE CASCADE,
    discovered_at TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,                     -- sha256 of schema_json
    summary       TEXT NOT NULL,                     -- JSON summary (counts)
    diagnostics   TEXT NOT NULL,                     -- JSON array
    schema_json   BLOB NOT NULL                      -- canonical JSON of the normalized schema
) STRICT;
CREATE INDEX idx_schema_snapshots_provider ON schema_snapshots(provider_kind, id);

CREATE TABLE agents (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY NOT NULL,
    prefix       TEXT NOT NULL,                      -- first characters, to recognise a key in a list
    secret_hash  TEXT NOT NULL UNIQUE,               -- hex sha256 of the whole key
    scopes       TEXT NOT NULL,                      -- space-separated
    label        TEXT,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
) STRICT;

CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
