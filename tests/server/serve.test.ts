// `entente serve` as a command: migrates an older catalogue, listens on the port asked for,
// answers, and stops on its signal; a port already taken is a clear error with exit 2.

import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve.js';
import type { Io } from '../../src/cli/output.js';
import { tempDir } from '../helpers/tmp.js';
import { dcProvider, dcRecord, harvestInto } from '../search/harvested.js';

const dir = tempDir('entente-serve-');
afterAll(() => dir.remove());

function capture(): Io & { text: () => string } {
  let err = '';
  return { out: () => {}, err: (t) => (err += t), isTTY: false, text: () => err };
}

describe('entente serve', () => {
  it('serves the API and page until stopped, then exits 0', async () => {
    const db = dir.file('serve.sqlite');
    (await harvestInto(db, { s: dcProvider([dcRecord('oai:s:1', { title: 'Map of Bohemia' })]) })).close();
    const io = capture();
    const stop = new AbortController();
    const done = serveCommand({ db, port: 0 }, io, stop.signal);
    let url: string | undefined;
    for (const deadline = Date.now() + 20_000; !url && Date.now() < deadline; ) {
      url = /web page\s+(\S+)\//.exec(io.text())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 25));
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const search = (await (await fetch(`${url}/api/search?q=bohemia`)).json()) as { total: number };
    expect(search.total).toBe(1);
    expect((await fetch(`${url}/`)).status).toBe(200);
    stop.abort();
    expect(await done).toBe(0);
  });

  it('exits 2 with a clear message when the port is taken or the catalogue is missing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const db = dir.file('serve2.sqlite');
    (await harvestInto(db, { s: dcProvider([dcRecord('oai:s:1', { title: 'x' })]) })).close();
    const io = capture();
    expect(await serveCommand({ db, port }, io)).toBe(2);
    expect(io.text()).toMatch(/Cannot listen on 127\.0\.0\.1:\d+/);
    blocker.close();
    const io2 = capture();
    expect(await serveCommand({ db: dir.file('missing.sqlite'), port: 0 }, io2)).toBe(2);
    expect(io2.text()).toMatch(/No catalogue at/);
  });
});
