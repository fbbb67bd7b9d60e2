// The SQLite catalogue: the only module that speaks SQL. Its interface is narrow (sources,
// runs, write a page with its checkpoint, read records) so another store can stand behind it.
// Knows nothing of XML or HTTP.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { EntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import type { Checkpoint, HarvestMode, HarvestRun, HarvestWindow, RunCounts, RunOutcome, SkippedPart } from '../model/types.js';
import { MIGRATIONS } from './migrations.js';
import { searchDocument, type SearchDocument } from './search-document.js';
import { createSearchIndexWriter, type SearchIndexWriter } from './search-index.js';
import { recordClusterSql } from './clusters.js';
import { heldByThisProcess, lockHolderMayBeAlive, type LockHolder } from './lock-holder.js';
import { hasColumn, hasTable } from './tables.js';

/** A record ready to store: produced off the main thread, written in one page transaction. */
export interface StoredRecord {
  id: string;
  localId: string;
  datestamp: string;
  deleted: boolean;
  sets: string[];
  format: string;
  hash: string;
  /** Where the raw payload stands in its page's decompressed raw blob (UTF-8 bytes). */
  rawOffset: number;
  rawLength: number;
  /** JSON of inherited namespace bindings, or null. */
  namespaces: string | null;
  /** The normalised record as JSON. */
  record: string;
  issueCount: number;
  errorCount: number;
  /**
   * What the search index holds for it (searchDocument(record), null for a tombstone), made where
   * the record was made; when absent the catalogue derives it from `record`.
   */
  search?: SearchDocument | null;
}

/** What a run was doing, saved with each page: enough to resume it after a crash. */
export interface RunPlan {
  mode: HarvestMode;
  windows: HarvestWindow[];
  /** The repository's responseDate at the start of the interrupted run (the next incremental 'from'). */
  responseDate: string | null;
  /** Windows and records given up on so far (saved with the plan, so a resumed run still reports them). */
  skipped?: SkippedPart[];
}

export interface SavedCheckpoint extends Checkpoint {
  runId: number;
  plan: RunPlan;
}

export interface SourceRow {
  id: string;
  name: string | null;
  protocol: string;
  url: string;
  nextFrom: string | null;
  identify: unknown;
  /** What the last run that set parts aside could not get, asked for again by the next (not by a `records` run). */
  pending: SkippedPart[];
}

export interface SourceSummary {
  id: string;
  name: string | null;
  protocol: string;
  url: string;
  live: number;
  deleted: number;
  invalid: number;
  nextFrom: string | null;
  lastRun: HarvestRun | null;
  lastSuccess: string | null;
  /** Parts a run set aside (days, records), asked for again by the next run. */
  setAside: number;
}

export interface PageCounts {
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  invalid: number;
}

/** A stored raw record with its current normalised form (see Catalogue.rawBatches). */
export interface RawRecordRow extends Pick<StoredRecord, 'id' | 'localId' | 'datestamp' | 'deleted' | 'sets' | 'format'> {
  payload: string;
  namespaces: Record<string, string> | undefined;
  /** The stored normalised record (JSON), undefined if there is none. */
  record: string | undefined;
}

export interface WritePageInput {
  sourceId: string;
  runId: number;
  records: StoredRecord[];
  /** The page's raw payloads, concatenated and deflate-raw compressed (see StoredRecord.rawOffset). */
  rawBlob: Uint8Array;
  /** With its plan, what resumes after this page; none for records fetched by name (mode `records`). */
  checkpoint?: Checkpoint;
  plan?: RunPlan;
  now?: string;
}

export interface ExportOptions {
  sourceId?: string;
  includeDeleted?: boolean;
  /** Only records carrying an issue with this code (e.g. SCHEMA_MINITEMS, DATE_UNPARSEABLE). */
  issueCode?: string;
}

export interface Catalogue {
  readonly path: string;
  /**
   * The open database, for the catalogue's feature modules (clusters, search, reports) that keep
   * their SQL beside this file. Everything else goes through the methods below.
   */
  readonly db: Database.Database;
  upsertSource(source: { id: string; name?: string; protocol: string; url: string; config: unknown }): void;
  getSource(id: string): SourceRow | undefined;
  saveIdentify(sourceId: string, identify: unknown): void;
  startRun(input: { sourceId: string; mode: HarvestMode; trigger: HarvestRun['trigger']; from: string | null; responseDate: string | null }): number;
  setRunResponseDate(runId: number, responseDate: string): void;
  /**
   * Writes pages of records, each with the checkpoint that resumes after it, in one transaction:
   * the catalogue never holds a page without its checkpoint, nor a checkpoint past a missing page.
   * Idempotent: unchanged records (same hash) are not rewritten.
   */
  writePages(inputs: WritePageInput[]): PageCounts[];
  getCheckpoint(sourceId: string): SavedCheckpoint | undefined;
  /** Saves a checkpoint without a page: when a run changes its plan (a window split in two). */
  saveCheckpoint(sourceId: string, runId: number, plan: RunPlan, checkpoint: Checkpoint): void;
  /**
   * Takes the source's harvest lock for this process. A lock held by a live process on this
   * host throws ERR_CATALOGUE_LOCKED; one left by a dead process is taken over. Runs of the
   * source still marked 'running' then belong to a process that died: they are marked aborted,
   * and their number returned.
   */
  lockSource(sourceId: string): { orphans: number };
  unlockSource(sourceId: string): void;
  clearCheckpoint(sourceId: string): void;
  /** Takes records fetched by name (`harvest --record`) off the parts the source has set aside. */
  forgetPendingRecords(sourceId: string, identifiers: readonly string[]): void;
  /**
   * Ends a run. On `ok`, clears the checkpoint and the parts set aside, and sets the next
   * incremental 'from' (not for a `records` run, which leaves all three alone).
   */
  finishRun(
    runId: number,
    outcome: RunOutcome,
    details?: {
      error?: HarvestRun['error'];
      nextFrom?: string | null;
      /**
       * A failed run that went through its plan but set these parts aside: its checkpoint is
       * dropped and the next 'from' set as on `ok`; the parts are kept for the next run to ask for.
       */
      setAside?: readonly SkippedPart[];
    },
  ): HarvestRun;
  getRun(runId: number): HarvestRun | undefined;
  runs(sourceId?: string, limit?: number): HarvestRun[];
  sources(): SourceSummary[];
  /** Normalised records as JSON strings, in id order, streamed from SQLite. */
  exportRecords(options?: ExportOptions): IterableIterator<string>;
  /** Issue codes on live records, with counts, most frequent first (per source, or all). */
  issueCounts(sourceId?: string): { code: string; severity: string; count: number }[];
  /** Local ids and hashes of a source (live unless includeDeleted): for checks and tests. */
  localIds(sourceId: string, options?: { includeDeleted?: boolean }): Map<string, string>;
  /**
   * Raw records of a source with their current normalised JSON, in local id order, a batch at a
   * time (keyset paging, so writes may happen between batches). For `renormalise`.
   */
  rawBatches(sourceId: string, batchSize?: number): IterableIterator<RawRecordRow[]>;
  /** Replaces normalised records (same ids) in one transaction, for `renormalise`. */
  replaceNormalised(rows: (Pick<StoredRecord, 'id' | 'record' | 'issueCount' | 'errorCount'> & { search?: SearchDocument | null })[]): void;
  /** The raw payload of a record, decompressed. */
  rawPayload(sourceId: string, localId: string): { payload: string; namespaces: Record<string, string> | undefined } | undefined;
  /** Datestamps of the given local ids that are stored (live or deleted), for JSON harvests that must not let an older change overwrite a newer one. */
  storedDatestamps(sourceId: string, localIds: readonly string[]): Map<string, string>;
  /**
   * After one run walked everything a source lists (a IIIF collection, a JSON API without
   * `since`): the live records that run did not see are gone from the source and become
   * tombstones, in one transaction, counted in the run. `idOf` gives a record's catalogue id.
   * Returns their local ids.
   */
  tombstoneUnseen(sourceId: string, runId: number, idOf: (localId: string) => string): string[];
  close(): void;
}

interface RunRow {
  id: number;
  source_id: string;
  mode: HarvestMode;
  trigger: HarvestRun['trigger'];
  started_at: string;
  ended_at: string | null;
  outcome: RunOutcome;
  from_date: string | null;
  response_date: string | null;
  seen: number;
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  invalid: number;
  pages: number;
  error: string | null;
}

function toRun(row: RunRow): HarvestRun {
  const counts: RunCounts = {
    seen: row.seen,
    new: row.new,
    updated: row.updated,
    unchanged: row.unchanged,
    deleted: row.deleted,
    invalid: row.invalid,
    pages: row.pages,
  };
  return {
    id: row.id,
    sourceId: row.source_id,
    mode: row.mode,
    trigger: row.trigger,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    counts,
    responseDate: row.response_date,
    from: row.from_date,
    error: row.error ? (JSON.parse(row.error) as HarvestRun['error']) : null,
  };
}

/**
 * Indexes live records the index lacks: all of them when a catalogue made before the search
 * tables is first opened by this version (their migration cannot run JavaScript). Cheap to ask
 * otherwise: two indexed lookups.
 */
function backfillSearchIndex(db: Database.Database, index: SearchIndexWriter): void {
  const needed = db.prepare('SELECT EXISTS (SELECT 1 FROM records WHERE deleted = 0) AND NOT EXISTS (SELECT 1 FROM search_meta) AS needed').get() as { needed: number };
  if (!needed.needed) return;
  // In batches: better-sqlite3 cannot write while a read is being iterated on the same connection.
  const batch = db.prepare<[number], { rowid: number; source_id: string; record: string }>('SELECT rowid, source_id, record FROM records WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT 1000');
  db.transaction(() => {
    for (let rows = batch.all(0); rows.length > 0; rows = batch.all((rows[rows.length - 1] as { rowid: number }).rowid)) {
      for (const r of rows) {
        const doc = searchDocument(JSON.parse(r.record) as NormalisedRecord);
        if (doc) index.put(r.rowid, r.source_id, doc);
      }
    }
  })();
}

/** A written record's search document: the one made with it, else derived from its JSON. */
function searchDocOf(r: { record: string; search?: SearchDocument | null }): SearchDocument | null | undefined {
  return r.search !== undefined ? r.search : searchDocument(JSON.parse(r.record) as NormalisedRecord);
}

export const DEFAULT_CATALOGUE_PATH = 'data/catalogue.sqlite';

/** Opens (creating and migrating as needed) a catalogue file. */
export function openCatalogue(path: string, options: { readonly?: boolean } = {}): Catalogue {
  let db: Database.Database;
  try {
    if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  } catch (err) {
    throw new EntenteError('ERR_CATALOGUE', `Cannot open the catalogue ${path}: ${(err as Error).message}`, { cause: err, context: { path } });
  }
  if (!options.readonly) {
    // WAL: readers (API, CLI) never block the one writer. NORMAL sync is durable across process
    // crashes (what SIGKILL tests); only an OS crash can lose the last transactions.
    db.pragma('page_size = 8192'); // measured: 8 KiB pages write ~25% faster than 4 KiB for ~1.5 KB rows
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A 16 MiB page cache keeps the hot end of the primary-key B-trees in memory (32 MiB cost
    // ~30 MB of a harvest's peak RSS for no measured gain); checkpoints every ~40 MiB of WAL
    // instead of 4 MiB take them off most page commits.
    db.pragma('cache_size = -16384');
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  }

  const now = (): string => new Date().toISOString();

  // The search index is written with the records it describes (see search-index.ts).
  const searchIndex = options.readonly ? undefined : createSearchIndexWriter(db);
  if (searchIndex) backfillSearchIndex(db, searchIndex);

  const stmts = options.readonly
    ? undefined
    : {
        selectExisting: db.prepare<[string, string], { hash: string; deleted: number; page_id: number }>(
          'SELECT hash, deleted, page_id FROM raw_records WHERE source_id = ? AND local_id = ?',
        ),
        insertRawPage: db.prepare('INSERT INTO raw_pages (source_id, run_id, payload) VALUES (?, ?, ?)'),
        dropRawPageIfUnused: db.prepare('DELETE FROM raw_pages WHERE id = ? AND NOT EXISTS (SELECT 1 FROM raw_records WHERE page_id = ?)'),
        // Positional parameters: binding by name costs an object per row on the hot path.
        upsertRaw: db.prepare(
          `INSERT INTO raw_records (source_id, local_id, datestamp, deleted, sets, format, hash, page_id, byte_offset, byte_length, namespaces, first_run, last_run, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (source_id, local_id) DO UPDATE SET
             datestamp = excluded.datestamp, deleted = excluded.deleted, sets = excluded.sets, format = excluded.format,
             hash = excluded.hash, page_id = excluded.page_id, byte_offset = excluded.byte_offset, byte_length = excluded.byte_length,
             namespaces = excluded.namespaces, last_run = excluded.last_run, updated_at = excluded.updated_at`,
        ),
        upsertRecord: db.prepare<unknown[], { rowid: number }>(
          `INSERT INTO records (id, source_id, local_id, deleted, record, issue_count, error_count, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET
             deleted = excluded.deleted, record = excluded.record, issue_count = excluded.issue_count,
             error_count = excluded.error_count, updated_at = excluded.updated_at
           RETURNING rowid`,
        ),
        // A tombstone keeps the last live description: gone from search and exports, kept in history.
        tombstone: db.prepare<[string, string], { rowid: number }>(`UPDATE records SET deleted = 1, record = json_set(record, '$.deleted', json('true')), updated_at = ? WHERE id = ? RETURNING rowid`),
        replaceRecord: db.prepare<[string, number, number, string, string], { rowid: number; source_id: string }>(
          'UPDATE records SET record = ?, issue_count = ?, error_count = ?, updated_at = ? WHERE id = ? RETURNING rowid, source_id',
        ),
        touchRaw: db.prepare('UPDATE raw_records SET last_run = ? WHERE source_id = ? AND local_id = ?'),
        // New records wait for incremental dedupe (changed and deleted ones are queued by triggers).
        queueForDedupe: db.prepare('INSERT INTO dedupe_queue (record_id) VALUES (?)'),
        addCounts: db.prepare(
          `UPDATE runs SET seen = seen + @seen, new = new + @new, updated = updated + @updated, unchanged = unchanged + @unchanged,
             deleted = deleted + @deleted, invalid = invalid + @invalid, pages = pages + 1 WHERE id = @runId`,
        ),
        saveCheckpoint: db.prepare(
          `INSERT INTO checkpoints (source_id, run_id, plan, window_index, token, pages, records, updated_at)
           VALUES (@sourceId, @runId, @plan, @windowIndex, @token, @pages, @records, @now)
           ON CONFLICT (source_id) DO UPDATE SET run_id = excluded.run_id, plan = excluded.plan, window_index = excluded.window_index,
             token = excluded.token, pages = excluded.pages, records = excluded.records, updated_at = excluded.updated_at`,
        ),
      };

  const writable = (): NonNullable<typeof stmts> => {
    if (!stmts) throw new EntenteError('ERR_CATALOGUE', 'The catalogue was opened read-only', { context: { path } });
    return stmts;
  };

  /** Marks a live record deleted (keeping its last description) and drops it from the search index. */
  const tombstone = (id: string, at: string): void => {
    const row = writable().tombstone.get(at, id);
    if (row) searchIndex?.remove(row.rowid);
  };

  const saveCheckpointRow = (sourceId: string, runId: number, plan: RunPlan, checkpoint: Checkpoint, at: string): void => {
    writable().saveCheckpoint.run({
      sourceId,
      runId,
      plan: JSON.stringify(plan),
      windowIndex: checkpoint.windowIndex,
      token: checkpoint.token ?? null,
      pages: checkpoint.pages,
      records: checkpoint.records,
      now: at,
    });
  };

  const writeOnePage = (input: WritePageInput & { now: string }): PageCounts => {
    const s = writable();
    const counts: PageCounts = { new: 0, updated: 0, unchanged: 0, deleted: 0, invalid: 0 };
    let pageId: number | undefined;
    const replacedPages = new Set<number>();
    for (const r of input.records) {
      const existing = s.selectExisting.get(input.sourceId, r.localId);
      if (r.deleted) counts.deleted++;
      else if (r.errorCount > 0) counts.invalid++;
      if (existing && existing.hash === r.hash && existing.deleted === (r.deleted ? 1 : 0)) {
        counts.unchanged++;
        s.touchRaw.run(input.runId, input.sourceId, r.localId);
        continue;
      }
      if (existing) {
        counts.updated++;
        replacedPages.add(existing.page_id);
      } else counts.new++;
      // The page blob is stored once, and only when some record of the page needs it.
      pageId ??= Number(s.insertRawPage.run(input.sourceId, input.runId, input.rawBlob).lastInsertRowid);
      const deleted = r.deleted ? 1 : 0;
      s.upsertRaw.run(
        input.sourceId, r.localId, r.datestamp, deleted, JSON.stringify(r.sets), r.format, r.hash,
        pageId, r.rawOffset, r.rawLength, r.namespaces, input.runId, input.runId, input.now,
      );
      // A deletion never overwrites a description it already has (a repeated deleted header with a
      // new datestamp included): the tombstone keeps the last live description.
      if (r.deleted && existing) {
        if (existing.deleted === 0) tombstone(r.id, input.now);
      } else {
        const row = s.upsertRecord.get(r.id, input.sourceId, r.localId, deleted, r.record, r.issueCount, r.errorCount, input.now);
        if (!existing) s.queueForDedupe.run(r.id);
        if (row) searchIndex?.sync(row.rowid, input.sourceId, searchDocOf(r), !existing);
      }
    }
    for (const id of replacedPages) if (id !== pageId) s.dropRawPageIfUnused.run(id, id);
    s.addCounts.run({ ...counts, seen: input.records.length, runId: input.runId });
    if (input.checkpoint && input.plan) saveCheckpointRow(input.sourceId, input.runId, input.plan, input.checkpoint, input.now);
    return counts;
  };
  const writePagesTx = db.transaction((inputs: (WritePageInput & { now: string })[]): PageCounts[] => inputs.map(writeOnePage));

  const getRun = (runId: number): HarvestRun | undefined => {
    const row = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(runId);
    return row ? toRun(row) : undefined;
  };

  const wrap = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof EntenteError) throw err;
      throw new EntenteError('ERR_CATALOGUE', `${what} failed in ${path}: ${(err as Error).message}`, { cause: err, context: { path } });
    }
  };

  return {
    path,
    db,
    upsertSource(source) {
      wrap('Saving the source', () =>
        db
          .prepare(
            `INSERT INTO sources (id, name, protocol, url, config, created_at, updated_at) VALUES (@id, @name, @protocol, @url, @config, @now, @now)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, protocol = excluded.protocol, url = excluded.url, config = excluded.config, updated_at = excluded.updated_at`,
          )
          .run({ id: source.id, name: source.name ?? null, protocol: source.protocol, url: source.url, config: JSON.stringify(source.config), now: now() }),
      );
    },
    getSource(id) {
      const row = db
        .prepare<[string], { id: string; name: string | null; protocol: string; url: string; next_from: string | null; identify: string | null; pending: string | null }>(
          'SELECT id, name, protocol, url, next_from, identify, pending FROM sources WHERE id = ?',
        )
        .get(id);
      if (!row) return undefined;
      return {
        id: row.id,
        name: row.name,
        protocol: row.protocol,
        url: row.url,
        nextFrom: row.next_from,
        identify: row.identify ? JSON.parse(row.identify) : null,
        pending: row.pending ? (JSON.parse(row.pending) as SkippedPart[]) : [],
      };
    },
    saveIdentify(sourceId, identify) {
      wrap('Saving Identify', () => db.prepare('UPDATE sources SET identify = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(identify), now(), sourceId));
    },
    startRun(input) {
      return wrap('Starting a run', () => {
        const info = db
          .prepare(
            `INSERT INTO runs (source_id, mode, trigger, started_at, outcome, from_date, response_date) VALUES (?, ?, ?, ?, 'running', ?, ?)`,
          )
          .run(input.sourceId, input.mode, input.trigger, now(), input.from, input.responseDate);
        return Number(info.lastInsertRowid);
      });
    },
    setRunResponseDate(runId, responseDate) {
      db.prepare('UPDATE runs SET response_date = ? WHERE id = ?').run(responseDate, runId);
    },
    writePages(inputs) {
      const at = now();
      return wrap('Writing pages', () => writePagesTx(inputs.map((input) => ({ ...input, now: input.now ?? at }))));
    },
    getCheckpoint(sourceId) {
      const row = db
        .prepare<[string], { run_id: number; plan: string; window_index: number; token: string | null; pages: number; records: number }>(
          'SELECT run_id, plan, window_index, token, pages, records FROM checkpoints WHERE source_id = ?',
        )
        .get(sourceId);
      if (!row) return undefined;
      const saved: SavedCheckpoint = { runId: row.run_id, plan: JSON.parse(row.plan) as RunPlan, windowIndex: row.window_index, pages: row.pages, records: row.records };
      if (row.token !== null) saved.token = row.token;
      return saved;
    },
    lockSource(sourceId) {
      const host = hostname();
      const take = db.transaction(() => {
        const held = db.prepare<[string], LockHolder>('SELECT pid, hostname, acquired_at AS takenAt FROM source_locks WHERE source_id = ?').get(sourceId);
        const mine = held !== undefined && heldByThisProcess(held);
        if (held && !mine && lockHolderMayBeAlive(held)) {
          throw new EntenteError('ERR_CATALOGUE_LOCKED', `Source ${sourceId} is being harvested by process ${held.pid} on ${held.hostname} since ${held.takenAt}`, {
            context: { source: sourceId, pid: held.pid, hostname: held.hostname },
          });
        }
        db.prepare('INSERT OR REPLACE INTO source_locks (source_id, pid, hostname, acquired_at) VALUES (?, ?, ?, ?)').run(sourceId, process.pid, host, now());
        // This process already held it: its own runs may be running. Otherwise nobody alive is
        // harvesting the source, and a run still 'running' was left by a process that died.
        if (mine) return { orphans: 0 };
        const error = {
          code: 'ERR_ABORTED',
          message: 'The process running this harvest stopped without finishing it (killed?); what it had committed was kept, and a harvest resumes from its last checkpoint',
          hint: 'Nothing to do: committed pages were kept.',
        };
        const closed = db
          .prepare("UPDATE runs SET outcome = 'aborted', ended_at = COALESCE(ended_at, ?), error = COALESCE(error, ?) WHERE source_id = ? AND outcome = 'running'")
          .run(now(), JSON.stringify(error), sourceId);
        return { orphans: closed.changes };
      });
      return take.immediate();
    },
    unlockSource(sourceId) {
      db.prepare('DELETE FROM source_locks WHERE source_id = ? AND pid = ?').run(sourceId, process.pid);
    },
    saveCheckpoint(sourceId, runId, plan, checkpoint) {
      wrap('Saving a checkpoint', () => saveCheckpointRow(sourceId, runId, plan, checkpoint, now()));
    },
    clearCheckpoint(sourceId) {
      db.prepare('DELETE FROM checkpoints WHERE source_id = ?').run(sourceId);
    },
    forgetPendingRecords(sourceId, identifiers) {
      const fetched = new Set(identifiers);
      db.transaction(() => {
        const pending = db.prepare<[string], { pending: string | null }>('SELECT pending FROM sources WHERE id = ?').get(sourceId)?.pending;
        if (!pending) return;
        const left = (JSON.parse(pending) as SkippedPart[]).filter((k) => k.identifier === undefined || !fetched.has(k.identifier));
        db.prepare('UPDATE sources SET pending = ? WHERE id = ?').run(left.length ? JSON.stringify(left) : null, sourceId);
      }).immediate();
    },
    finishRun(runId, outcome, details = {}) {
      return wrap('Finishing a run', () => {
        const finish = db.transaction(() => {
          db.prepare('UPDATE runs SET outcome = ?, ended_at = ?, error = ? WHERE id = ?').run(
            outcome,
            now(),
            details.error ? JSON.stringify(details.error) : null,
            runId,
          );
          const run = getRun(runId);
          if (!run) throw new EntenteError('ERR_CATALOGUE', `No run ${runId}`);
          // Records fetched by name leave the source's harvest state (checkpoint, next 'from') alone.
          if (run.mode === 'records') return run;
          // A finished run, or one that went through its plan setting parts aside, leaves no
          // checkpoint; the parts set aside are what the next run asks for besides what changed.
          const setAside = details.setAside?.length ? details.setAside : undefined;
          if (outcome === 'ok' || setAside) {
            db.prepare('DELETE FROM checkpoints WHERE source_id = ?').run(run.sourceId);
            db.prepare('UPDATE sources SET last_complete_run = COALESCE(?, last_complete_run), next_from = COALESCE(?, next_from), pending = ?, updated_at = ? WHERE id = ?').run(
              outcome === 'ok' ? runId : null,
              details.nextFrom ?? null,
              setAside ? JSON.stringify(setAside) : null,
              now(),
              run.sourceId,
            );
          }
          return run;
        });
        return finish();
      });
    },
    getRun,
    runs(sourceId, limit = 20) {
      const rows = sourceId
        ? db.prepare<[string, number], RunRow>('SELECT * FROM runs WHERE source_id = ? ORDER BY id DESC LIMIT ?').all(sourceId, limit)
        : db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit);
      return rows.map(toRun);
    },
    sources() {
      const rows = db
        .prepare<[], { id: string; name: string | null; protocol: string; url: string; next_from: string | null; set_aside: number }>(
          // A catalogue opened read-only (status) may predate migration 10.
          `SELECT id, name, protocol, url, next_from, ${hasColumn(db, 'sources', 'pending') ? 'COALESCE(json_array_length(pending), 0)' : '0'} AS set_aside FROM sources ORDER BY id`,
        )
        .all();
      const countStmt = db.prepare<[string], { live: number; deleted: number; invalid: number }>(
        `SELECT COALESCE(SUM(deleted = 0), 0) AS live, COALESCE(SUM(deleted = 1), 0) AS deleted, COALESCE(SUM(deleted = 0 AND error_count > 0), 0) AS invalid
         FROM records WHERE source_id = ?`,
      );
      // The source's harvest state: records fetched by name (mode 'records') are in `runs` only.
      const lastRun = db.prepare<[string], RunRow>("SELECT * FROM runs WHERE source_id = ? AND mode != 'records' ORDER BY id DESC LIMIT 1");
      const lastOk = db.prepare<[string], { ended_at: string }>("SELECT ended_at FROM runs WHERE source_id = ? AND outcome = 'ok' AND mode != 'records' ORDER BY id DESC LIMIT 1");
      return rows.map((r) => {
        const c = countStmt.get(r.id) ?? { live: 0, deleted: 0, invalid: 0 };
        const run = lastRun.get(r.id);
        return {
          id: r.id,
          name: r.name,
          protocol: r.protocol,
          url: r.url,
          live: c.live,
          deleted: c.deleted,
          invalid: c.invalid,
          nextFrom: r.next_from,
          lastRun: run ? toRun(run) : null,
          lastSuccess: lastOk.get(r.id)?.ended_at ?? null,
          setAside: r.set_aside,
        };
      });
    },
    *exportRecords(options = {}) {
      const where: string[] = [];
      const params: string[] = [];
      if (options.sourceId) {
        where.push('source_id = ?');
        params.push(options.sourceId);
      }
      if (!options.includeDeleted) where.push('deleted = 0');
      if (options.issueCode) {
        where.push(`issue_count > 0 AND EXISTS (SELECT 1 FROM json_each(record, '$.issues') WHERE json_extract(value, '$.code') = ?)`);
        params.push(options.issueCode);
      }
      // Every exported record carries its dedupe cluster (itself, size 1, when in none), as the
      // export formats do (src/export); a read-only catalogue older than migration 3 has no clusters.
      const cluster = recordClusterSql(db, 'records');
      const sql = hasTable(db, 'cluster_members')
        ? `SELECT json_set(record, '$.cluster', json_object('id', cluster_id, 'size', cluster_size)) AS json
           FROM (SELECT records.id, record${cluster.columns} FROM records${cluster.joins} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}) ORDER BY id`
        : `SELECT record AS json FROM records ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
      for (const row of db.prepare<string[], { json: string }>(sql).iterate(...params)) yield row.json;
    },
    issueCounts(sourceId) {
      const sql = `SELECT json_extract(i.value, '$.code') AS code, json_extract(i.value, '$.severity') AS severity, COUNT(*) AS count
        FROM records r, json_each(r.record, '$.issues') i
        WHERE r.deleted = 0 AND r.issue_count > 0 ${sourceId ? 'AND r.source_id = ?' : ''}
        GROUP BY code, severity ORDER BY count DESC, code`;
      const stmt = db.prepare<string[], { code: string; severity: string; count: number }>(sql);
      return sourceId ? stmt.all(sourceId) : stmt.all();
    },
    localIds(sourceId, options = {}) {
      const sql = `SELECT local_id, hash FROM raw_records WHERE source_id = ?${options.includeDeleted ? '' : ' AND deleted = 0'}`;
      const out = new Map<string, string>();
      for (const row of db.prepare<[string], { local_id: string; hash: string }>(sql).iterate(sourceId)) out.set(row.local_id, row.hash);
      return out;
    },
    *rawBatches(sourceId, batchSize = 500) {
      const stmt = db.prepare<[string, string, number], {
        local_id: string; datestamp: string; deleted: number; sets: string; format: string; page_id: number;
        byte_offset: number; byte_length: number; namespaces: string | null; id: string | null; record: string | null;
      }>(
        `SELECT r.local_id, r.datestamp, r.deleted, r.sets, r.format, r.page_id, r.byte_offset, r.byte_length, r.namespaces, n.id, n.record
         FROM raw_records r LEFT JOIN records n ON n.source_id = r.source_id AND n.local_id = r.local_id
         WHERE r.source_id = ? AND r.local_id > ? ORDER BY r.local_id LIMIT ?`,
      );
      const pageStmt = db.prepare<[number], { payload: Buffer }>('SELECT payload FROM raw_pages WHERE id = ?');
      const pages = new Map<number, Buffer>();
      let after = '';
      for (;;) {
        const rows = stmt.all(sourceId, after, batchSize);
        if (rows.length === 0) return;
        after = (rows[rows.length - 1] as { local_id: string }).local_id;
        const batch: RawRecordRow[] = rows.map((row) => {
          let page = pages.get(row.page_id);
          if (!page) {
            // Records of one page usually sit together: keep a few decompressed pages.
            if (pages.size >= 8) pages.delete(pages.keys().next().value as number);
            page = inflateRawSync(pageStmt.get(row.page_id)?.payload ?? Buffer.alloc(0));
            pages.set(row.page_id, page);
          }
          return {
            id: row.id ?? '',
            localId: row.local_id,
            datestamp: row.datestamp,
            deleted: row.deleted === 1,
            sets: JSON.parse(row.sets) as string[],
            format: row.format,
            payload: page.toString('utf8', row.byte_offset, row.byte_offset + row.byte_length),
            namespaces: row.namespaces ? (JSON.parse(row.namespaces) as Record<string, string>) : undefined,
            record: row.record ?? undefined,
          };
        });
        yield batch;
      }
    },
    replaceNormalised(rows) {
      wrap('Replacing records', () => {
        const s = writable();
        const at = now();
        db.transaction(() => {
          for (const r of rows) {
            const row = s.replaceRecord.get(r.record, r.issueCount, r.errorCount, at, r.id);
            if (row) searchIndex?.sync(row.rowid, row.source_id, searchDocOf(r));
          }
        })();
      });
    },
    tombstoneUnseen(sourceId, runId, idOf) {
      writable(); // a read-only catalogue is refused before anything is read
      return wrap('Marking records no longer listed as deleted', () =>
        db.transaction(() => {
          const gone = db
            .prepare<[string, number], { local_id: string }>('SELECT local_id FROM raw_records WHERE source_id = ? AND deleted = 0 AND last_run <> ?')
            .all(sourceId, runId)
            .map((r) => r.local_id);
          const at = now();
          const markRaw = db.prepare('UPDATE raw_records SET deleted = 1, last_run = ?, updated_at = ? WHERE source_id = ? AND local_id = ?');
          for (const localId of gone) {
            markRaw.run(runId, at, sourceId, localId);
            tombstone(idOf(localId), at);
          }
          if (gone.length) db.prepare('UPDATE runs SET deleted = deleted + ? WHERE id = ?').run(gone.length, runId);
          return gone;
        })(),
      );
    },
    storedDatestamps(sourceId, localIds) {
      const out = new Map<string, string>();
      const stmt = db.prepare<[string, string], { datestamp: string }>('SELECT datestamp FROM raw_records WHERE source_id = ? AND local_id = ?');
      for (const id of localIds) {
        const row = stmt.get(sourceId, id);
        if (row) out.set(id, row.datestamp);
      }
      return out;
    },
    rawPayload(sourceId, localId) {
      const row = db
        .prepare<[string, string], { payload: Buffer; byte_offset: number; byte_length: number; namespaces: string | null }>(
          `SELECT p.payload, r.byte_offset, r.byte_length, r.namespaces FROM raw_records r JOIN raw_pages p ON p.id = r.page_id
           WHERE r.source_id = ? AND r.local_id = ?`,
        )
        .get(sourceId, localId);
      if (!row) return undefined;
      const page = inflateRawSync(row.payload);
      return {
        payload: page.toString('utf8', row.byte_offset, row.byte_offset + row.byte_length),
        namespaces: row.namespaces ? (JSON.parse(row.namespaces) as Record<string, string>) : undefined,
      };
    },
    close() {
      db.close();
    },
  };
}


function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new EntenteError('ERR_CATALOGUE', `The catalogue was written by a newer entente (schema ${current}, this one knows ${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
