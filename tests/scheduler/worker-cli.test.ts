// `entente worker` as a real process (the built CLI in dist/): SIGTERM mid-harvest resumes
// cleanly, SIGKILL and restart lose and duplicate nothing, a second worker on the catalogue is
// refused, SIGHUP reloads the config (an invalid one is refused), a manual harvest alongside is
// refused rather than interleaved.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { YEARLY, EVERY_SECOND, slowPages, startArchive, waitFor, type Archive } from './archives.js';

const BIN = fileURLToPath(new URL('../../bin/entente.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/worker.js', import.meta.url)));
const dir = tempDir();
afterAll(() => dir.remove());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function entente(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, stderr: () => err, exit };
}

const worker = (config: string): Proc => entente(['worker', '--config', config, '--workers', '0', '--log-format', 'json', '--stop-timeout', '10']);

let n = 0;
function writeConfig(db: string, sources: { id: string; url: string; schedule?: string }[], file = dir.file(`cfg${++n}.json`)): string {
  writeFileSync(file, JSON.stringify({ catalogue: db, sources: sources.map((s) => ({ ...s, protocol: 'oai-pmh', http: { retryBaseDelayMs: 20 } })) }));
  return file;
}

async function archive(records: number, pageSize: number, delayMs: number | (() => number)): Promise<Archive> {
  const a = await startArchive(records, pageSize, slowPages(delayMs));
  cleanups.push(() => a.server.close());
  return a;
}

/** Reads the catalogue from the test process while the worker writes (WAL: readers never block it). */
function query<T>(db: string, sql: string, ...params: unknown[]): T {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).pluck().get(...params) as T;
  } finally {
    sqlite.close();
  }
}
/** For polling: 0 until the worker has created and migrated the catalogue. */
function count(db: string, sql: string, ...params: unknown[]): number {
  if (!existsSync(db)) return 0;
  try {
    return query<number | undefined>(db, sql, ...params) ?? 0;
  } catch (err) {
    if (/no such table/.test((err as Error).message)) return 0;
    throw err;
  }
}
const pagesCommitted = (db: string): number => count(db, 'SELECT pages FROM checkpoints WHERE source_id = ?', 'slow');
const runsWith = (db: string, outcome: string): number => count(db, 'SELECT COUNT(*) FROM runs WHERE outcome = ?', outcome);

function expectExactly(db: string, a: Archive): void {
  const sqlite = new Database(db, { readonly: true });
  const ids = sqlite.prepare("SELECT local_id FROM raw_records WHERE source_id = 'slow' ORDER BY local_id").pluck().all() as string[];
  const records = sqlite.prepare("SELECT COUNT(*) FROM records WHERE source_id = 'slow'").pluck().get() as number;
  sqlite.close();
  expect(ids).toEqual(a.provider.records().map((r) => r.identifier).sort());
  expect(records).toBe(ids.length);
}

describe.skipIf(!BUILT)('entente worker as a process', () => {
  it('stops on SIGTERM after the current page, exits 0, and the next start resumes from the checkpoint', async () => {
    let delay = 60;
    const slow = await archive(300, 10, () => delay);
    const db = dir.file('term.sqlite');
    const config = writeConfig(db, [{ id: 'slow', url: slow.server.url, schedule: YEARLY }]);
    const first = worker(config);
    await waitFor(() => pagesCommitted(db) >= 3, 15_000, 'three committed pages');
    // The archive slows down: the worker is still on this source when a manual harvest of it
    // starts, which is refused, not interleaved.
    delay = 600;
    const manual = entente(['harvest', 'slow', '--config', config, '--quiet', '--workers', '0']);
    expect((await manual.exit).code).toBe(1);
    expect(manual.stderr()).toMatch(/ERR_CATALOGUE_LOCKED/);
    delay = 20;
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const { code } = await first.exit;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(first.stderr()).toMatch(/"msg":"SIGTERM: stopping gracefully/);
    expect(query<string>(db, "SELECT outcome FROM runs WHERE trigger = 'catch-up' ORDER BY id DESC LIMIT 1")).toBe('aborted');
    const kept = pagesCommitted(db);
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(query<number>(db, 'SELECT COUNT(*) FROM worker_lock')).toBe(0);

    const second = worker(config);
    await waitFor(() => runsWith(db, 'ok') === 1, 20_000, 'the resumed run to finish');
    second.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
    expect(query<string>(db, "SELECT mode || ' ' || trigger FROM runs WHERE outcome = 'ok'")).toBe('resume catch-up');
    expectExactly(db, slow);
    // The resumed run did not fetch again the pages committed before the stop.
    expect(query<number>(db, "SELECT pages FROM runs WHERE outcome = 'ok'")).toBeLessThanOrEqual(30 - kept + 1);
  }, 60_000);

  it('loses and duplicates nothing when stopped at once (a second signal) or killed with SIGKILL, then restarted', async () => {
    const slow = await archive(600, 10, 40);
    const db = dir.file('kill.sqlite');
    const config = writeConfig(db, [{ id: 'slow', url: slow.server.url, schedule: YEARLY }]);
    // The second signal must reach the worker while its graceful stop (begun by the first) is
    // still running. That stop aborts the page in flight and commits, which can take only a few
    // milliseconds, less than it takes this process to read the log line and send the second
    // signal on a busy machine. So an attempt whose graceful stop won the race (exit 0) proves
    // nothing and is made again with a fresh worker; the test needs one exit 143 within 5 tries.
    // Two different signals, the second sent once the worker has logged the first: two SIGTERMs
    // could merge into one while pending, and two sent back to back can be handled in either order.
    let attempts = 0;
    let stopped: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stderr = '';
    while (attempts < 5) {
      attempts++;
      const before = pagesCommitted(db);
      const p = worker(config);
      await waitFor(() => pagesCommitted(db) >= before + 3, 15_000, 'committed pages');
      const stopping = new Promise<void>((resolve) => {
        p.child.stderr?.on('data', () => {
          if (p.stderr().includes('SIGINT: stopping gracefully')) resolve();
        });
      });
      p.child.kill('SIGINT');
      // A worker that exits without logging the first signal fails here, not at the test's timeout.
      const first = await Promise.race([stopping.then(() => 'logged' as const), p.exit.then(() => 'exited' as const)]);
      expect(first, p.stderr()).toBe('logged');
      p.child.kill('SIGTERM');
      stopped = await p.exit;
      stderr = p.stderr();
      if (stderr.includes('again: exiting now')) break;
      // The graceful stop won: it exited 0, or had already let go of its handlers when the second
      // signal came (killed by it). Either proves nothing about the second signal: try again.
      expect(stopped.code === 0 || stopped.signal === 'SIGTERM', JSON.stringify(stopped)).toBe(true);
    }
    expect(stopped?.code).toBe(143);
    expect(stderr).toMatch(/SIGTERM again: exiting now/);
    const reached = pagesCommitted(db);
    const second = worker(config);
    await waitFor(() => pagesCommitted(db) >= reached + 3, 15_000, 'the next page group');
    second.child.kill('SIGKILL');
    expect((await second.exit).signal).toBe('SIGKILL');
    const last = worker(config);
    await waitFor(() => runsWith(db, 'ok') === 1, 30_000, 'the resumed run');
    last.child.kill('SIGTERM');
    expect((await last.exit).code).toBe(0);
    // The stale worker lock (and source lock) of the killed process was taken over.
    expect(last.stderr()).toMatch(/took over the worker lock of process \d+/);
    expectExactly(db, slow);
    // The stopped and killed processes' runs are closed as aborted, not left 'running'.
    expect(runsWith(db, 'running')).toBe(0);
    expect(runsWith(db, 'aborted')).toBe(attempts + 1);
  }, 180_000);

  it('refuses a second worker on the same catalogue with a clear message', async () => {
    const slow = await archive(100, 10, 100);
    const db = dir.file('two.sqlite');
    const config = writeConfig(db, [{ id: 'slow', url: slow.server.url, schedule: YEARLY }]);
    const first = worker(config);
    await waitFor(() => count(db, 'SELECT COUNT(*) FROM worker_lock') === 1, 15_000, 'the first worker to hold the lock');
    const second = worker(config);
    const { code } = await second.exit;
    expect(code).toBe(2);
    expect(second.stderr()).toContain(`Another entente worker is running on this catalogue: process ${first.child.pid}`);
    expect(second.stderr()).toContain('ERR_WORKER_LOCKED');
    first.child.kill('SIGTERM');
    expect((await first.exit).code).toBe(0);
  }, 30_000);

  it('reloads its config on SIGHUP, and keeps the old one when the new one is invalid', async () => {
    const a = await archive(10, 10, 0);
    const b = await archive(10, 10, 0);
    const db = dir.file('hup.sqlite');
    const config = writeConfig(db, [{ id: 'a', url: a.server.url, schedule: YEARLY }]);
    const p = worker(config);
    await waitFor(() => runsWith(db, 'ok') === 1, 15_000, 'the catch-up of a');
    writeConfig(db, [
      { id: 'a', url: a.server.url, schedule: YEARLY },
      { id: 'b', url: b.server.url, schedule: EVERY_SECOND },
    ], config);
    p.child.kill('SIGHUP');
    await waitFor(() => query<number>(db, "SELECT COUNT(*) FROM runs WHERE source_id = 'b' AND outcome = 'ok'") >= 2, 15_000, 'b added and run on its schedule');
    expect(p.stderr()).toMatch(/configuration reloaded: 1 added, 0 removed/);
    writeFileSync(config, JSON.stringify({ catalogue: db, sources: [{ id: 'a', protocol: 'oai-pmh', url: a.server.url, schedule: 'at noon' }] }));
    p.child.kill('SIGHUP');
    await waitFor(() => p.stderr().includes('configuration reload refused'), 5000, 'the refusal');
    expect(p.stderr()).toMatch(/ERR_SCHEDULE_INVALID/);
    // b is still scheduled: the old config stays in force.
    const before = query<number>(db, "SELECT COUNT(*) FROM runs WHERE source_id = 'b'");
    await waitFor(() => query<number>(db, "SELECT COUNT(*) FROM runs WHERE source_id = 'b'") > before, 5000, 'b to run again');
    p.child.kill('SIGTERM');
    expect((await p.exit).code).toBe(0);
    // Every line is JSON with source and run.
    for (const line of p.stderr().trim().split('\n')) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toHaveProperty('source');
      expect(parsed).toHaveProperty('run');
    }
  }, 45_000);
});
