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
  // 3: dedupe: clusters with merged views, their links, blocking keys, the change queue fed by
  // triggers on records, and hand-made split decisions (src/catalogue/clusters.ts, docs/dedupe.md).
  `
  -- Only clusters of two or more records are stored: a live record without a cluster_members row
  -- is a singleton whose cluster id is its own record id.
  CREATE TABLE clusters (
    id TEXT PRIMARY KEY,               -- the smallest member record id
    size INTEGER NOT NULL,
    merged TEXT NOT NULL,              -- JSON merged view, every field with the member it came from
    rules TEXT NOT NULL,               -- JSON array of the rules that linked its members, e.g. ["doi","fuzzy"]
    updated_at TEXT NOT NULL
  );
  CREATE TABLE cluster_members (
    record_id TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    rule TEXT NOT NULL,                -- how it joined: an identifier scheme (doi, isbn, ...), fuzzy, or seed
    score REAL NOT NULL,               -- that link's score (1 for identifier rules and the seed)
    linked_to TEXT                     -- the member it was linked to (null for the seed)
  ) WITHOUT ROWID;
  CREATE INDEX cluster_members_by_cluster ON cluster_members(cluster_id);

  -- Scored pairs worth keeping: merged links, the possible-match band, and links refused by a
  -- coherence split, the size cap or a hand split. a < b.
  CREATE TABLE cluster_links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    rule TEXT NOT NULL,
    score REAL NOT NULL,
    status TEXT NOT NULL,              -- merged | possible | refused
    reason TEXT,                       -- why refused (coherence, size-cap, split), or the evidence
    PRIMARY KEY (a, b)
  ) WITHOUT ROWID;
  CREATE INDEX cluster_links_by_b ON cluster_links(b);

  -- Blocking keys (53-bit hashes) of every live record, for incremental matching; rid = records.rowid.
  CREATE TABLE dedupe_keys (
    key INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (key, rid)
  ) WITHOUT ROWID;
  CREATE TABLE dedupe_record_keys (
    rid INTEGER PRIMARY KEY,
    keys TEXT NOT NULL                 -- JSON array of the record's keys (to delete them when it changes)
  );

  -- Records inserted, changed or deleted since the last dedupe run; filled by triggers, so harvests
  -- never call dedupe per record. Not INSERT OR IGNORE: inside the catalogue's upsert the outer
  -- statement's conflict handling overrides a trigger's OR IGNORE, so a record changed twice
  -- before a dedupe run failed the page with a UNIQUE error. The WHERE NOT EXISTS cannot.
  CREATE TABLE dedupe_queue (record_id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TRIGGER records_dedupe_insert AFTER INSERT ON records
  BEGIN
    INSERT INTO dedupe_queue (record_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM dedupe_queue WHERE record_id = NEW.id);
  END;
  CREATE TRIGGER records_dedupe_update AFTER UPDATE OF record, deleted ON records
  WHEN OLD.deleted IS NOT NEW.deleted OR OLD.record IS NOT NEW.record
  BEGIN
    INSERT INTO dedupe_queue (record_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM dedupe_queue WHERE record_id = NEW.id);
  END;
  CREATE TRIGGER records_dedupe_delete AFTER DELETE ON records
  BEGIN
    INSERT INTO dedupe_queue (record_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM dedupe_queue WHERE record_id = OLD.id);
  END;

  -- Hand splits: record_id is kept out of any cluster holding apart_from. Survive rebuilds.
  CREATE TABLE cluster_splits (
    record_id TEXT NOT NULL,
    apart_from TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (record_id, apart_from)
  ) WITHOUT ROWID;
  CREATE INDEX cluster_splits_by_apart ON cluster_splits(apart_from);

  -- When matching last ran (rebuild or incremental), with its counts, as JSON.
  CREATE TABLE dedupe_runs (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,                -- rebuild | incremental
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    stats TEXT NOT NULL
  );
  `,
  // 4: search: a full-text index and filter columns over live records, kept in step by the
  // catalogue's write path (harvest, renormalise, tombstones) in the same transactions.
  // Contentless FTS5 (the text is in `records.record` already); rowid = records.rowid.
  `
  CREATE VIRTUAL TABLE search_text USING fts5(
    title, alternative, creator, subject, description, publisher, spatial,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  );
  -- BM25 with field weights, in column order: title highest.
  INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 6.0, 5.0, 4.0, 1.0, 2.0, 2.0)');
  -- Merge index segments in larger steps than the default (4): measured ~25% less work per insert
  -- on the single writer, for slightly more segments for queries to read.
  INSERT INTO search_text (search_text, rank) VALUES ('automerge', 8);

  -- One row per live record: the single-valued filters and facets.
  CREATE TABLE search_meta (
    rowid INTEGER PRIMARY KEY,         -- records.rowid
    source_id TEXT NOT NULL,
    year_from INTEGER,                 -- date.earliest
    year_to INTEGER,                   -- date.latest
    rights TEXT NOT NULL,              -- open | restricted | unknown
    has_media INTEGER NOT NULL,        -- isShownBy present
    has_issues INTEGER NOT NULL,
    types TEXT,                        -- distinct DCMI types, comma-separated (facet counts read this row only)
    languages TEXT                     -- distinct languages, comma-separated
  );
  CREATE INDEX search_meta_by_source ON search_meta(source_id);
  CREATE INDEX search_meta_by_year ON search_meta(year_from, year_to);

  -- Multi-valued filters (type, language): one row per value, indexed for filtering.
  CREATE TABLE search_terms (
    facet TEXT NOT NULL,               -- type | language
    value TEXT NOT NULL,
    rowid INTEGER NOT NULL,
    PRIMARY KEY (facet, value, rowid)
  ) WITHOUT ROWID;
  CREATE INDEX search_terms_by_row ON search_terms(rowid);

  CREATE TRIGGER search_records_delete AFTER DELETE ON records BEGIN
    DELETE FROM search_text WHERE rowid = old.rowid;
    DELETE FROM search_meta WHERE rowid = old.rowid;
    DELETE FROM search_terms WHERE rowid = old.rowid;
  END;

  -- Inserts and updates are indexed by the catalogue's write path itself, with values computed
  -- where each record is made (src/catalogue/search-document.ts, search-index.ts): triggers that
  -- read them out of the JSON cost ~160 us a record on the single writer. Rows that exist before
  -- this migration are indexed when the catalogue is next opened (backfillSearchIndex).
  `,
  // 5: the scheduled worker (src/scheduler/store.ts, docs/worker.md): one worker per catalogue,
  // each source's scheduling state (next run, failure streak), and the runs it skipped.
  `
  -- At most one row: the worker that owns this catalogue's schedules. A row whose process is dead
  -- (same host) or whose heartbeat is stale is taken over by the next worker.
  CREATE TABLE worker_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    owner TEXT NOT NULL,               -- random id of the holding worker (two in one process differ)
    pid INTEGER NOT NULL,
    hostname TEXT NOT NULL,
    started_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );
  CREATE TABLE schedule_state (
    source_id TEXT PRIMARY KEY,        -- no foreign key: a source is scheduled before its first run
    schedule TEXT,                     -- the cron expressions in force (for status)
    full_schedule TEXT,
    timezone TEXT,
    next_run_at TEXT,                  -- when the worker will next start it, and why
    next_trigger TEXT,                 -- schedule | catch-up | retry
    next_full INTEGER NOT NULL DEFAULT 0,
    failure_streak INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,                   -- JSON {code, message, hint, context} of the last failed run
    last_full_at TEXT,                 -- start of the last complete full harvest
    updated_at TEXT NOT NULL
  );
  -- A slot that came while the source's previous run was still going (or waiting): not started.
  CREATE TABLE skipped_runs (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    due_at TEXT NOT NULL,
    trigger TEXT NOT NULL,
    reason TEXT NOT NULL,              -- overlap | locked
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX skipped_runs_by_source ON skipped_runs(source_id, id);
  `,
  // 6: conformance reports (src/conformance/store.ts): one row per `entente check --source`, the
  // summary apart so `status` and the API read it without parsing the whole report.
  `
  CREATE TABLE conformance_reports (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    checked_at TEXT NOT NULL,          -- ISO 8601 UTC
    url TEXT NOT NULL,
    outcome TEXT NOT NULL,             -- pass | fail | unreachable
    score INTEGER,                     -- lowest format score, NULL when no records were checked
    summary TEXT NOT NULL,             -- JSON: the report's summary
    report TEXT NOT NULL               -- JSON: the whole report (schemas/report.schema.json)
  );
  CREATE INDEX conformance_reports_by_source ON conformance_reports(source_id, id);
  `,
  // 7: search by cluster (src/search/search.ts): each clustered record's cluster keyed by
  // records.rowid, the key of the search index, kept in step with cluster_members by triggers.
  // Counting hits and facets per cluster then costs one integer-key lookup per match instead of
  // a walk of every cluster member joined to records by id on every query.
  `
  CREATE TABLE search_clusters (
    rowid INTEGER PRIMARY KEY,         -- records.rowid of a member of a stored cluster
    cluster_id TEXT NOT NULL
  );
  CREATE INDEX search_clusters_by_cluster ON search_clusters(cluster_id);
  INSERT INTO search_clusters (rowid, cluster_id)
    SELECT r.rowid, cm.cluster_id FROM cluster_members cm JOIN records r ON r.id = cm.record_id;
  -- INSERT OR REPLACE into cluster_members fires only the insert trigger (recursive triggers are
  -- off), so the insert trigger replaces too.
  CREATE TRIGGER search_clusters_insert AFTER INSERT ON cluster_members BEGIN
    INSERT OR REPLACE INTO search_clusters (rowid, cluster_id) SELECT rowid, NEW.cluster_id FROM records WHERE id = NEW.record_id;
  END;
  CREATE TRIGGER search_clusters_update AFTER UPDATE ON cluster_members BEGIN
    DELETE FROM search_clusters WHERE rowid = (SELECT rowid FROM records WHERE id = OLD.record_id);
    INSERT OR REPLACE INTO search_clusters (rowid, cluster_id) SELECT rowid, NEW.cluster_id FROM records WHERE id = NEW.record_id;
  END;
  CREATE TRIGGER search_clusters_delete AFTER DELETE ON cluster_members BEGIN
    DELETE FROM search_clusters WHERE rowid = (SELECT rowid FROM records WHERE id = OLD.record_id) AND cluster_id = OLD.cluster_id;
  END;
  -- A record row removed outright takes its entry along, so a reused rowid never inherits it.
  CREATE TRIGGER search_clusters_record_delete AFTER DELETE ON records BEGIN
    DELETE FROM search_clusters WHERE rowid = OLD.rowid;
  END;
  `,
  // 8: new records are queued for dedupe by the catalogue's write path, not by a trigger: the
  // AFTER INSERT trigger cost ~25 us a record on the single writer (a harvest's upsert went from
  // ~70 to ~95 us), a plain insert into the queue ~3 us. Updates and deletes keep their triggers.
  `
  DROP TRIGGER records_dedupe_insert;
  `,
  // 9: the dedupe queue becomes an append-only log keyed by a sequence number. Keyed by record id
  // (a hash), each new record wrote a random page of its B-tree: at a million records that cost
  // ~20% of a harvest's time on the single writer. A record may now be queued more than once;
  // readers take distinct ids and clear the log up to the last entry they read. AUTOINCREMENT:
  // a number is never used twice, even once the log is emptied, so a run that clears late
  // cannot take entries queued after another run cleared.
  `
  CREATE TABLE dedupe_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL);
  INSERT INTO dedupe_log (record_id) SELECT record_id FROM dedupe_queue;
  DROP TRIGGER records_dedupe_update;
  DROP TRIGGER records_dedupe_delete;
  DROP TABLE dedupe_queue;
  ALTER TABLE dedupe_log RENAME TO dedupe_queue;
  CREATE TRIGGER records_dedupe_update AFTER UPDATE OF record, deleted ON records
  WHEN OLD.deleted IS NOT NEW.deleted OR OLD.record IS NOT NEW.record
  BEGIN
    INSERT INTO dedupe_queue (record_id) VALUES (NEW.id);
  END;
  CREATE TRIGGER records_dedupe_delete AFTER DELETE ON records
  BEGIN
    INSERT INTO dedupe_queue (record_id) VALUES (OLD.id);
  END;
  `,
  // 10: the parts of a source its last run set aside (JSON SkippedPart[], or NULL): the next run
  // asks for them again by themselves, while its own 'from' moves on as after a complete run.
  `
  ALTER TABLE sources ADD COLUMN pending TEXT;
  `,
  // New migrations go above this line, each with a numbered comment saying what it adds.
];
