// Two processes harvesting one source into one catalogue: the second is refused, clearly.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import { startFaultServer } from '../helpers/fault-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = fileURLToPath(new URL('../../bin/entente.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)));
const dir = tempDir();
afterAll(() => dir.remove());

function run(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, err }));
  });
}

describe.skipIf(!BUILT)('one harvest of a source at a time', () => {
  it('refuses a second process on the same source and catalogue', async () => {
    // 20 pages of 300 ms: the first harvest holds its lock for 6 s, time for a second process to start.
    const provider = createOaiProvider({ repositoryName: 'Slow', adminEmail: 'a@example.org', granularity: 'YYYY-MM-DD', deletedRecord: 'no', pageSize: 10, records: syntheticRecords(200) });
    const server = await startFaultServer(provider, ({ params }) => (params.get('verb') === 'ListRecords' ? { kind: 'delay', ms: 300 } : undefined));
    const db = dir.file('locked.sqlite');
    const args = ['harvest', '--url', server.url, '--id', 'slow', '--db', db, '--quiet', '--workers', '0'];
    const first = run(args);
    // The lock is taken before the first request: once the server has one, the first holds it.
    for (const deadline = Date.now() + 30_000; server.requests.length === 0; ) {
      if (Date.now() > deadline) throw new Error('the first harvest sent no request within 30 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await run(args);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/ERR_CATALOGUE_LOCKED/);
    expect((await first).code).toBe(0);
    await server.close();
  }, 60_000);
});
