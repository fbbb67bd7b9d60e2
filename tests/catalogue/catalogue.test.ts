// The SQLite catalogue on real files: migrations, idempotent page writes, tombstones, raw
// payloads, checkpoints and runs.

import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue, type StoredRecord, type WritePageInput } from '../../src/catalogue/catalogue.js';
import { MIGRATIONS } from '../../src/catalogue/migrations.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
let path: string;
let catalogue: Catalogue;
let runId: number;

beforeEach(() => {
  path = dir.file(`cat-${++n}.sqlite`);
  catalogue = openCatalogue(path);
  catalogue.upsertSource({ id: 's', protocol: 'oai-pmh', url: 'http://127.0.0.1/oai', config: {} });
  runId = catalogue.startRun({ sourceId: 's', mode: 'full', trigger: 'manual', from: null, responseDate: null });
});

function page(specs: { id: string; text: string; deleted?: boolean }[], token?: string): WritePageInput {
  const buffers = specs.map((s) => Buffer.from(s.text));
  let offset = 0;
  const records: StoredRecord[] = specs.map((s, i) => {
    const r: StoredRecord = {
      id: `s:${s.id}`,
      localId: s.id,
      datestamp: '2024-01-01',
      deleted: s.deleted ?? false,
      sets: [],
      format: 'oai_dc',
      hash: s.text,
      rawOffset: offset,
      rawLength: buffers[i]!.length,
      namespaces: null,
      record: JSON.stringify({ id: `s:${s.id}`, title: [{ value: s.text }], deleted: s.deleted ?? false }),
      issueCount: 0,
      errorCount: 0,
    };
    offset += buffers[i]!.length;
    return r;
  });
  return {
    sourceId: 's',
    runId,
    records,
    rawBlob: deflateRawSync(Buffer.concat(buffers)),
    checkpoint: token ? { windowIndex: 0, token, pages: 1, records: specs.length } : { windowIndex: 1, pages: 1, records: specs.length },
    plan: { mode: 'full', windows: [{ metadataPrefix: 'oai_dc' }], responseDate: '2024-01-01T00:00:00Z' },
  };
}

/** A catalogue file as an older entente left it: migrated up to `version` only (open; close it). */
function catalogueAtVersion(version: number): Database.Database {
  const old = new Database(dir.file(`v${version}-${n}.sqlite`));
  old.transaction(() => {
    for (const sql of MIGRATIONS.slice(0, version)) old.exec(sql);
    old.pragma(`user_version = ${version}`);
  })();
  return old;
}

describe('openCatalogue', () => {
  it('migrates a new file to the latest schema, in WAL mode', () => {
    catalogue.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    catalogue = openCatalogue(path);
  });

  it('keeps the dedupe queue of a catalogue made before the queue became a log (migration 9)', () => {
    const old = catalogueAtVersion(8);
    old.prepare("INSERT INTO dedupe_queue (record_id) VALUES ('s:a'), ('s:b')").run();
    old.close();
    const migrated = openCatalogue(old.name);
    expect(migrated.db.prepare('SELECT seq, record_id FROM dedupe_queue ORDER BY seq').all()).toEqual([
      { seq: 1, record_id: 's:a' },
      { seq: 2, record_id: 's:b' },
    ]);
    // The triggers were recreated on the new table: a deleted row is queued again, not refused.
    migrated.db.prepare("INSERT INTO records (id, source_id, local_id, deleted, record, issue_count, error_count, updated_at) VALUES ('s:a', 's', 'a', 0, '{}', 0, 0, '')").run();
    migrated.db.prepare("DELETE FROM records WHERE id = 's:a'").run();
    expect(migrated.db.prepare("SELECT COUNT(*) FROM dedupe_queue WHERE record_id = 's:a'").pluck().get()).toBe(2);
    migrated.close();
  });

  it('lists the sources of a catalogue made before parts set aside were kept (migration 10), read-only as status reads it', async () => {
    const old = catalogueAtVersion(9);
    old.prepare("INSERT INTO sources (id, protocol, url, config, created_at, updated_at) VALUES ('s', 'oai-pmh', 'http://127.0.0.1:1/oai', '{}', '', '')").run();
    old.close();
    const { cli } = await import('../helpers/cli.js');
    const status = await cli('status', '--db', old.name, '--config', 'none.json', '--json');
    expect(status.code).toBe(0);
    expect((JSON.parse(status.out) as { sources: { id: string; setAside: number }[] }).sources).toEqual([expect.objectContaining({ id: 's', setAside: 0 })]);
  });

  it('refuses a catalogue written by a newer entente', () => {
    catalogue.close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openCatalogue(path)).toThrow(/newer entente/);
    catalogue = openCatalogue(dir.file(`other-${n}.sqlite`));
  });
});

describe('writePages', () => {
  it('stores records with the checkpoint, and a repeated page changes nothing', () => {
    const [first] = catalogue.writePages([page([{ id: 'a', text: '<record>a</record>' }, { id: 'b', text: '<record>b</record>' }], 't1')]);
    expect(first).toEqual({ new: 2, updated: 0, unchanged: 0, deleted: 0, invalid: 0 });
    expect(catalogue.getCheckpoint('s')).toMatchObject({ runId, windowIndex: 0, token: 't1' });
    const [again] = catalogue.writePages([page([{ id: 'a', text: '<record>a</record>' }, { id: 'b', text: '<record>b</record>' }], 't1')]);
    expect(again).toEqual({ new: 0, updated: 0, unchanged: 2, deleted: 0, invalid: 0 });
    expect([...catalogue.exportRecords()]).toHaveLength(2);
  });

  it('keeps each raw payload exactly, and drops a page blob nothing points at any more', () => {
    catalogue.writePages([page([{ id: 'a', text: '<record>é</record>' }, { id: 'b', text: '<record>b</record>' }])]);
    expect(catalogue.rawPayload('s', 'a')?.payload).toBe('<record>é</record>');
    expect(catalogue.rawPayload('s', 'b')?.payload).toBe('<record>b</record>');
    catalogue.writePages([page([{ id: 'a', text: '<record>a2</record>' }, { id: 'b', text: '<record>b2</record>' }])]);
    expect(catalogue.rawPayload('s', 'a')?.payload).toBe('<record>a2</record>');
    catalogue.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM raw_pages').pluck().get()).toBe(1);
    db.close();
    catalogue = openCatalogue(path);
  });

  it('turns a deleted record into a tombstone that keeps its last description', () => {
    catalogue.writePages([page([{ id: 'a', text: '<record>a</record>' }])]);
    const [counts] = catalogue.writePages([page([{ id: 'a', text: '<record><header status="deleted"/></record>', deleted: true }])]);
    expect(counts).toMatchObject({ updated: 1, deleted: 1 });
    expect([...catalogue.exportRecords()]).toEqual([]);
    const kept = [...catalogue.exportRecords({ includeDeleted: true })].map((j) => JSON.parse(j) as { title: { value: string }[] });
    expect(kept[0]?.title[0]?.value).toBe('<record>a</record>');
    expect(catalogue.sources()[0]).toMatchObject({ live: 0, deleted: 1 });
  });

  it('ends a run: ok clears the checkpoint and sets the next from', () => {
    catalogue.writePages([page([{ id: 'a', text: 'x' }], 't9')]);
    const run = catalogue.finishRun(runId, 'ok', { nextFrom: '2024-01-01' });
    expect(run.outcome).toBe('ok');
    expect(run.counts).toMatchObject({ seen: 1, new: 1, pages: 1 });
    expect(catalogue.getCheckpoint('s')).toBeUndefined();
    expect(catalogue.getSource('s')?.nextFrom).toBe('2024-01-01');
  });

  it('a failed run keeps its checkpoint and error', () => {
    catalogue.writePages([page([{ id: 'a', text: 'x' }], 't9')]);
    const run = catalogue.finishRun(runId, 'failed', { error: { code: 'ERR_HTTP_STATUS', message: 'HTTP 500' } });
    expect(run.error?.code).toBe('ERR_HTTP_STATUS');
    expect(catalogue.getCheckpoint('s')?.token).toBe('t9');
    expect(catalogue.sources()[0]?.lastRun?.outcome).toBe('failed');
  });
});

describe('tombstones over time', () => {
  it('keeps the last live description when the deleted header comes again, changed, and says deleted in the JSON', () => {
    catalogue.writePages([page([{ id: 'a', text: 'Kept title' }])]);
    catalogue.writePages([page([{ id: 'a', text: '<header status="deleted">2024-02-01</header>', deleted: true }])]);
    catalogue.writePages([page([{ id: 'a', text: '<header status="deleted">2024-03-01</header>', deleted: true }])]);
    const [kept] = [...catalogue.exportRecords({ includeDeleted: true })].map((j) => JSON.parse(j) as { deleted: boolean; title: { value: string }[] });
    expect(kept?.title[0]?.value).toBe('Kept title');
    expect(kept?.deleted).toBe(true);
  });
});

describe('source locks', () => {
  it('refuses a source held by a live process and takes over one left by a dead process', async () => {
    const { spawn } = await import('node:child_process');
    const { hostname } = await import('node:os');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    const db = new Database(path);
    const insert = db.prepare('INSERT OR REPLACE INTO source_locks (source_id, pid, hostname, acquired_at) VALUES (?, ?, ?, ?)');
    insert.run('s', holder.pid, hostname(), '2024-01-01T00:00:00Z');
    expect(() => catalogue.lockSource('s')).toThrow(/being harvested by process/);
    // The holder's run, still 'running' when it dies.
    catalogue.upsertSource({ id: 's', protocol: 'oai-pmh', url: 'http://127.0.0.1:1/oai', config: {} });
    const orphan = catalogue.startRun({ sourceId: 's', mode: 'full', trigger: 'manual', from: null, responseDate: null });
    // (with the runs earlier tests of this file left open)
    const running = db.prepare("SELECT COUNT(*) FROM runs WHERE source_id = 's' AND outcome = 'running'").pluck().get() as number;
    expect(running).toBeGreaterThanOrEqual(1);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(catalogue.lockSource('s')).toEqual({ orphans: running });
    expect(db.prepare('SELECT pid FROM source_locks WHERE source_id = ?').pluck().get('s')).toBe(process.pid);
    expect(catalogue.getRun(orphan)).toMatchObject({ outcome: 'aborted', error: { code: 'ERR_ABORTED' } });
    // Taken again by the process that holds it, its own running run is left alone.
    const mine = catalogue.startRun({ sourceId: 's', mode: 'full', trigger: 'manual', from: null, responseDate: null });
    expect(catalogue.lockSource('s')).toEqual({ orphans: 0 });
    expect(catalogue.getRun(mine)?.outcome).toBe('running');
    catalogue.unlockSource('s');
    // A row with this process's pid taken before it started is a killed predecessor's (pids are
    // reused; a restarted container's main process is pid 1 again): taken over, its run closed.
    insert.run('s', process.pid, hostname(), '2024-01-01T00:00:00Z');
    expect(catalogue.lockSource('s')).toEqual({ orphans: 1 });
    expect(catalogue.getRun(mine)).toMatchObject({ outcome: 'aborted', error: { code: 'ERR_ABORTED' } });
    catalogue.unlockSource('s');
    expect(db.prepare('SELECT COUNT(*) FROM source_locks').pluck().get()).toBe(0);
    db.close();
  });
});
