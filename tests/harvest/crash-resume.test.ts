// A harvest killed with SIGKILL at random moments, then resumed, ends with exactly the
// server's record set: none lost, none duplicated. Runs the real CLI (dist/, built by npm test).

import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider } from '../../src/provider/types.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = fileURLToPath(new URL('../../bin/entente.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)));
const ITERATIONS = 10;
const BUDGET_MS = 60_000;

const dir = tempDir();
let provider: OaiProvider;
let server: FaultServer;

beforeAll(async () => {
  const records = syntheticRecords(1500);
  for (let i = 0; i < records.length; i += 37) records[i] = { ...records[i]!, deleted: true, metadata: {} };
  provider = createOaiProvider({
    repositoryName: 'Crash test archive',
    adminEmail: 'a@example.org',
    granularity: 'YYYY-MM-DD',
    deletedRecord: 'persistent',
    pageSize: 50,
    records,
  });
  // A little latency per request spreads the kills over many pages.
  server = await startFaultServer(provider, () => ({ kind: 'delay', ms: 8 }));
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

function run(config: string, killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'harvest', '--config', config, '--quiet', '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code !== null && code !== 0) console.error(stderr);
      resolve(signal === 'SIGKILL' ? null : code);
    });
  });
}

describe.skipIf(!BUILT)('SIGKILL at random moments, then resume', () => {
  it(`loses and duplicates nothing over ${ITERATIONS} iterations`, async () => {
    const started = Date.now();
    const expected = provider.records().filter((r) => !r.deleted).map((r) => r.identifier).sort();
    const expectedDeleted = provider.records().filter((r) => r.deleted).length;
    let kills = 0;
    let iterations = 0;
    for (let i = 0; i < ITERATIONS && Date.now() - started < BUDGET_MS; i++) {
      iterations++;
      const db = dir.file(`crash-${i}.sqlite`);
      const config = dir.file(`crash-${i}.json`);
      writeFileSync(config, JSON.stringify({ catalogue: db, sources: [{ id: 'crash', protocol: 'oai-pmh', url: server.url, http: { retryBaseDelayMs: 10 } }] }));
      // Kill two or three times at random moments, then let it finish.
      const attempts = 2 + (i % 2);
      for (let k = 0; k < attempts; k++) {
        const code = await run(config, 150 + Math.floor(Math.random() * 900));
        if (code === null) kills++;
        else expect(code).toBe(0);
      }
      expect(await run(config)).toBe(0);

      const sqlite = new Database(db, { readonly: true });
      const live = sqlite.prepare("SELECT local_id FROM raw_records WHERE source_id = 'crash' AND deleted = 0 ORDER BY local_id").pluck().all() as string[];
      const records = sqlite.prepare("SELECT COUNT(*) FROM records WHERE source_id = 'crash'").pluck().get() as number;
      const raws = sqlite.prepare("SELECT COUNT(*) FROM raw_records WHERE source_id = 'crash'").pluck().get() as number;
      const deleted = sqlite.prepare("SELECT COUNT(*) FROM raw_records WHERE source_id = 'crash' AND deleted = 1").pluck().get() as number;
      const checkpoint = sqlite.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get() as number;
      const lastRun = sqlite.prepare('SELECT outcome FROM runs ORDER BY id DESC LIMIT 1').pluck().get() as string;
      sqlite.close();
      expect(live.sort()).toEqual(expected);
      expect(raws).toBe(expected.length + expectedDeleted);
      expect(records).toBe(raws);
      expect(deleted).toBe(expectedDeleted);
      expect(checkpoint).toBe(0);
      expect(lastRun).toBe('ok');
    }
    expect(iterations).toBeGreaterThanOrEqual(3);
    // The kills must actually have landed mid-harvest for the test to mean anything.
    expect(kills).toBeGreaterThan(iterations);
  }, 150_000);
});
