// The JSON protocols under SIGKILL: the real CLI (dist/) harvests a loopback IIIF Change
// Discovery stream and a paginated JSON API, is killed at random moments, then resumes. The
// final catalogue holds exactly the server's objects: none lost, none duplicated, no checkpoint.

import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { discoveryStream, manifest, manifestPath, minute, type StreamActivity } from '../protocols/helpers/iiif-fixtures.js';
import { startJsonServer, type JsonServer } from '../protocols/helpers/json-server.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = fileURLToPath(new URL('../../bin/entente.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)));
const ITERATIONS = 2;
const BUDGET_MS = 40_000;
const OBJECTS = 160;

const dir = tempDir();
let server: JsonServer;
// Every 17th object is deleted after its creation; object k is updated once when k % 5 === 0.
const activities: StreamActivity[] = [];
for (let k = 1; k <= OBJECTS; k++) activities.push({ type: 'Create', object: k, endTime: minute(k) });
for (let k = 5; k <= OBJECTS; k += 5) activities.push({ type: 'Update', object: k, endTime: minute(OBJECTS + k) });
for (let k = 17; k <= OBJECTS; k += 17) activities.push({ type: 'Delete', object: k, endTime: minute(2 * OBJECTS + k) });
const deleted = new Set(activities.filter((a) => a.type === 'Delete').map((a) => a.object));

beforeAll(async () => {
  server = await startJsonServer((req, origin) => {
    const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
    // A little latency per object spreads the kills over many pages.
    if (m) return { body: manifest(origin, Number(m[1])), delayMs: 4 };
    if (req.path === '/api/items') {
      const start = Number(req.query.get('start') ?? '0');
      const rows = Number(req.query.get('rows') ?? '20');
      const results = Array.from({ length: Math.max(0, Math.min(rows, OBJECTS - start)) }, (_, i) => ({ id: `item-${start + i + 1}`, title: `Item ${start + i + 1}` }));
      return { body: { result: { count: OBJECTS, results } }, delayMs: 10 };
    }
    const doc = discoveryStream(origin, activities, 25).get(req.path);
    return doc === undefined ? undefined : { body: doc };
  });
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

/**
 * Pages committed by the harvest in progress (its checkpoint counts them across resumed runs), in
 * a catalogue file that may not exist yet (read-only, beside the writer: WAL).
 */
function pagesCommitted(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare('SELECT COALESCE(SUM(pages), 0) FROM checkpoints').pluck().get() as number;
    } finally {
      sqlite.close();
    }
  } catch {
    return 0; // not migrated yet
  }
}

/**
 * Runs the CLI. With `kill`, waits until this run has committed a page group (the checkpoint an
 * earlier, killed run left does not count), then kills it with SIGKILL after a random moment: the
 * kill lands mid-harvest, wherever that is.
 */
function run(config: string, kill?: { db: string }): Promise<number | null> {
  const before = kill ? pagesCommitted(kill.db) : 0;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'harvest', '--config', config, '--quiet', '--workers', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let poll: NodeJS.Timeout | undefined;
    if (kill) {
      poll = setInterval(() => {
        if (pagesCommitted(kill.db) <= before) return;
        clearInterval(poll);
        poll = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
      }, 25);
    }
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (code !== null && code !== 0) console.error(stderr);
      resolve(signal === 'SIGKILL' ? null : code);
    });
  });
}

const SOURCES = {
  'iiif-discovery': () => ({ id: 'crash', protocol: 'iiif-discovery', url: `${server.origin}/activity/all-changes`, iiif: { batchSize: 4 }, http: { retryBaseDelayMs: 10 } }),
  'json-pages': () => ({
    id: 'crash',
    protocol: 'json-pages',
    url: `${server.origin}/api/items`,
    pages: { items: '/result/results', id: '/id', next: { type: 'offset', param: 'start', limitParam: 'rows', limit: 4, total: '/result/count' } },
    mapping: { title: '/title' },
    http: { retryBaseDelayMs: 10 },
  }),
};

describe.skipIf(!BUILT)('SIGKILL at random moments during JSON harvests, then resume', () => {
  for (const [protocol, sourceOf] of Object.entries(SOURCES)) {
    it(`${protocol}: loses and duplicates nothing over ${ITERATIONS} iterations`, async () => {
      const started = Date.now();
      const isDiscovery = protocol === 'iiif-discovery';
      const expectedLive = isDiscovery
        ? Array.from({ length: OBJECTS }, (_, i) => i + 1).filter((k) => !deleted.has(k)).map((k) => server.origin + manifestPath(k))
        : Array.from({ length: OBJECTS }, (_, i) => `item-${i + 1}`);
      let kills = 0;
      let iterations = 0;
      for (let i = 0; i < ITERATIONS && Date.now() - started < BUDGET_MS; i++) {
        iterations++;
        const db = dir.file(`${protocol}-${i}.sqlite`);
        const config = dir.file(`${protocol}-${i}.json`);
        writeFileSync(config, JSON.stringify({ catalogue: db, sources: [sourceOf()] }));
        for (let k = 0; k < 2 + (i % 2); k++) {
          const code = await run(config, { db });
          if (code === null) kills++;
          else expect(code).toBe(0);
        }
        expect(await run(config)).toBe(0);
        const sqlite = new Database(db, { readonly: true });
        const live = sqlite.prepare("SELECT local_id FROM raw_records WHERE source_id = 'crash' AND deleted = 0").pluck().all() as string[];
        const raws = sqlite.prepare("SELECT COUNT(*) FROM raw_records WHERE source_id = 'crash'").pluck().get() as number;
        const records = sqlite.prepare("SELECT COUNT(*) FROM records WHERE source_id = 'crash'").pluck().get() as number;
        const tombstones = sqlite.prepare("SELECT COUNT(*) FROM records WHERE source_id = 'crash' AND deleted = 1").pluck().get() as number;
        const checkpoints = sqlite.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get() as number;
        const lastRun = sqlite.prepare('SELECT outcome FROM runs ORDER BY id DESC LIMIT 1').pluck().get() as string;
        sqlite.close();
        expect(live.sort()).toEqual(expectedLive.sort());
        expect(raws).toBe(OBJECTS);
        expect(records).toBe(OBJECTS);
        expect(tombstones).toBe(isDiscovery ? deleted.size : 0);
        expect(checkpoints).toBe(0);
        expect(lastRun).toBe('ok');
      }
      expect(iterations).toBeGreaterThanOrEqual(2);
      // The kills must actually have landed mid-harvest for the test to mean anything.
      expect(kills).toBeGreaterThanOrEqual(iterations);
    }, 90_000);
  }
});
