-- Playbook Studio local store, first schema.
-- Secrets never live here: module configurations keep non-secret values and, for each
-- secret field, the name of its vault entry.

CREATE TABLE playbooks (
    id                    TEXT PRIMARY KEY,          -- the playbook's SPL uuid
    name                  TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    tags                  TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    node_count            INTEGER NOT NULL DEFAULT 0,
    head_version          INTEGER NOT NULL,
    remote_uuid           TEXT,                       -- set once pushed to the platform
    rate_limit_per_minute INTEGER,                    -- NULL: the documented default
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX playbooks_by_update ON playbooks (updated_at DESC, id);

-- Every save is a version; content is the whole SPL document.
CREATE TABLE playbook_versions (
    playbook_id TEXT NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    summary     TEXT NOT NULL,
    content     TEXT NOT NULL,
    PRIMARY KEY (playbook_id, version)
) WITHOUT ROWID;

CREATE TABLE module_configurations (
    id          TEXT PRIMARY KEY,
    module_uuid TEXT NOT NULL,
    name        TEXT NOT NULL,
    value_json  TEXT NOT NULL DEFAULT '{}', -- non-secret values only
    secret_refs TEXT NOT NULL DEFAULT '{}', -- field -> vault entry name
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (module_uuid, name)
);

-- Modules imported from a folder or synced from the platform (the built-in ones live in the
-- binary and are not copied here).
CREATE TABLE catalog_modules (
    uuid          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('import', 'platform')),
    content       TEXT NOT NULL, -- the module with its blocks, as JSON
    imported_at   TEXT NOT NULL
);

CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    playbook_id      TEXT NOT NULL,
    playbook_version INTEGER,
    origin           TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'platform')),
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
    rerun_of         TEXT REFERENCES runs (id) ON DELETE SET NULL,
    event            TEXT NOT NULL DEFAULT '{}',
    store            TEXT NOT NULL DEFAULT '{}',
    error            TEXT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT
);
CREATE INDEX runs_by_playbook ON runs (playbook_id, started_at DESC);

CREATE TABLE node_runs (
    id          INTEGER PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node_id     TEXT NOT NULL,
    iteration   INTEGER,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped', 'left')),
    branch      TEXT,
    arguments   TEXT,
    results     TEXT,
    error       TEXT,
    mocked      INTEGER NOT NULL DEFAULT 0,
    reused      INTEGER NOT NULL DEFAULT 0,
    started_at  TEXT,
    finished_at TEXT
);
CREATE INDEX node_runs_by_run ON node_runs (run_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL -- JSON
);
