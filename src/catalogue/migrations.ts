// Numbered schema migrations for the SQLite catalogue; PRAGMA user_version holds the last applied.
// Append new migrations; never edit one that has shipped.

export const MIGRATIONS: readonly string[] = [
  // 1: sources, runs, raw and normalised records, checkpoints.
  `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT,
    protocol TEXT NOT NULL,
    url TEXT NOT NULL,
    config TEXT NOT NULL,              -- the source config as JSON
    identify TEXT,                     -- the last Identify response, as JSON
    next_from TEXT,                    -- incremental 'from' for the next run (repository clock, its granularity)
    last_complete_run INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    mode TEXT NOT NULL,                -- full | incremental | resume
    trigger TEXT NOT NULL,             -- manual | schedule | catch-up | retry | demo
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT NOT NULL,             -- running | ok | failed | aborted
    from_date TEXT,
    response_date TEXT,                -- repository responseDate of the run's first request
    seen INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    invalid INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    error TEXT                         -- JSON {code, message, hint, context}
  );
  CREATE INDEX runs_by_source ON runs(source_id, id);

  -- Raw payloads are compressed a page at a time: one deflate per page instead of per record
  -- (per-record zlib costs ~22 us of set-up each) and a better ratio across similar records.
  CREATE TABLE raw_pages (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    payload BLOB NOT NULL              -- deflate-raw of the page's record payloads, concatenated (UTF-8)
  );

  CREATE TABLE raw_records (
    source_id TEXT NOT NULL,
    local_id TEXT NOT NULL,
    datestamp TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    sets TEXT NOT NULL,                -- JSON array of setSpecs
    format TEXT NOT NULL,
    hash TEXT NOT NULL,                -- sha256 of the payload
    page_id INTEGER NOT NULL,          -- raw_pages row holding the payload, as served ...
    byte_offset INTEGER NOT NULL,      -- ... at this offset of the decompressed page
    byte_length INTEGER NOT NULL,
    namespaces TEXT,                   -- JSON: namespace bindings inherited from the page
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, local_id)
  ) WITHOUT ROWID;
  CREATE INDEX raw_records_by_page ON raw_records(page_id);

  -- A rowid table: rows are appended in harvest order while the id index stays small and hot;
  -- a TEXT primary key would scatter ~1.5 KB rows across the B-tree by hash order.
  CREATE TABLE records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,           -- catalogue id, stable: derived from source and local id
    source_id TEXT NOT NULL,
    local_id TEXT NOT NULL,
    deleted INTEGER NOT NULL,          -- tombstones stay, out of search and exports
    record TEXT NOT NULL,              -- the normalised record as JSON, issues included
    issue_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX records_live_by_source ON records(source_id, deleted);

  CREATE TABLE checkpoints (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    run_id INTEGER NOT NULL,
    plan TEXT NOT NULL,                -- JSON: the run's windows, mode and first responseDate
    window_index INTEGER NOT NULL,
    token TEXT,                        -- resumes the window after the last committed page
    pages INTEGER NOT NULL,
    records INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 2: one harvest of a source at a time, across processes.
  `
  CREATE TABLE source_locks (
    source_id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,              -- the holder's process id (a dead holder's lock is taken over)
    hostname TEXT NOT NULL,
    acquired_at TEXT NOT NULL
  );
  `,
  // New migrations go above this line, each with a numbered comment saying what it adds.
];
