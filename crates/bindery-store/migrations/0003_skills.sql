-- Agents, their skills and their published versions (issue 7).
--
-- A skill is a binding (what a person authored, JSON) compiled to a frozen skill (JSON) against
-- one schema snapshot (schema_fingerprint); its content_hash names exactly what was compiled.
-- An approval records who approved which hash and when; a skill whose content_hash differs from
-- approved_hash is not approved. `broken` holds, as JSON, why re-discovery broke the skill
-- (drift changes and/or diagnostic codes); NULL when it is fine. Versions freeze the approved
-- skills of an agent under a number that grows per agent.

ALTER TABLE agents ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE agents ADD COLUMN parameters TEXT NOT NULL DEFAULT '[]';   -- JSON: the agent's own parameters

CREATE TABLE skills (
    id                 TEXT PRIMARY KEY NOT NULL,
    agent_id           TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    provider_kind      TEXT NOT NULL,                 -- no FK: a disconnected provider leaves its skills broken, not gone
    tool_name          TEXT NOT NULL,
    binding            TEXT NOT NULL,                 -- JSON: the binding as authored
    skill              TEXT NOT NULL,                 -- JSON: the compiled, frozen skill
    content_hash       TEXT NOT NULL,                 -- sha256:<hex> of the compiled skill
    schema_fingerprint TEXT NOT NULL,                 -- the snapshot it was validated against
    state              TEXT NOT NULL CHECK (state IN ('draft', 'valid', 'approved')),
    is_enabled         INTEGER NOT NULL DEFAULT 0 CHECK (is_enabled IN (0, 1)),
    diagnostics        TEXT NOT NULL DEFAULT '[]',    -- JSON: warnings of the last validation
    approved_by        TEXT,
    approved_at        TEXT,
    approved_hash      TEXT,
    broken             TEXT,                          -- JSON, NULL when the skill is fine
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (agent_id, tool_name)
) STRICT;
CREATE INDEX idx_skills_provider ON skills(provider_kind);

CREATE TABLE agent_versions (
    id           TEXT PRIMARY KEY NOT NULL,
    agent_id     TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version > 0),
    skills       TEXT NOT NULL,                       -- JSON: the frozen skills with their approvals
    note         TEXT,
    published_at TEXT NOT NULL,
    published_by TEXT,
    UNIQUE (agent_id, version)
) STRICT;
