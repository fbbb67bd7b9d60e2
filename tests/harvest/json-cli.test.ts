// `entente harvest` with JSON sources: the ad-hoc --protocol form and sources from a config,
// run in-process against real loopback servers and real catalogue files.

import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { discoveryStream, manifest, minute } from '../protocols/helpers/iiif-fixtures.js';
import { startJsonServer, type JsonServer } from '../protocols/helpers/json-server.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());
let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveStream(count: number): Promise<string> {
  const activities = Array.from({ length: count }, (_, i) => ({ type: 'Create' as const, object: i + 1, endTime: minute(i) }));
  server = await startJsonServer((req, origin) => {
    const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
    if (m) return { body: manifest(origin, Number(m[1])) };
    if (req.path === '/items') {
      const page = Number(req.query.get('page') ?? '1');
      const body = page > 2 ? [] : [{ id: `i${page}a`, name: `Item ${page}a` }, { id: `i${page}b`, name: `Item ${page}b` }];
      const headers: Record<string, string> = page < 2 ? { link: `<${origin}/items?page=${page + 1}>; rel="next"` } : {};
      return { body, headers };
    }
    const doc = discoveryStream(origin, activities, 4).get(req.path);
    return doc === undefined ? undefined : { body: doc };
  });
  return server.origin;
}

describe('entente harvest with JSON protocols', () => {
  it('harvests a Change Discovery stream ad hoc with --protocol and prints the summary', async () => {
    const origin = await serveStream(6);
    const db = dir.file('adhoc.sqlite');
    const r = await cli('harvest', '--protocol', 'iiif-discovery', '--url', `${origin}/activity/all-changes`, '--id', 'stream', '--db', db, '--json', '--workers', '0');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { sources: { source: string; outcome: string; records: number }[] };
    expect(summary.sources).toEqual([expect.objectContaining({ source: 'stream', outcome: 'ok', records: 6 })]);
    const catalogue = openCatalogue(db);
    expect(catalogue.getSource('stream')?.protocol).toBe('iiif-discovery');
    catalogue.close();
  });

  it('harvests a json-pages API ad hoc with --pages', async () => {
    const origin = await serveStream(1);
    const db = dir.file('pages.sqlite');
    const pages = JSON.stringify({ items: '', id: '/id', next: { type: 'link-header' } });
    const r = await cli('harvest', '--protocol', 'json-pages', '--url', `${origin}/items`, '--id', 'api', '--pages', pages, '--db', db, '--json', '--workers', '1');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { sources: { records: number }[] }).sources[0]?.records).toBe(4);
  });

  it('refuses json-pages without --pages, and --set with a JSON protocol, as usage errors', async () => {
    const a = await cli('harvest', '--protocol', 'json-pages', '--url', 'https://x.org/api', '--db', dir.file('x.sqlite'));
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/missing required property "pages"/);
    const b = await cli('harvest', '--protocol', 'iiif-collection', '--url', 'https://x.org/c', '--set', 'maps', '--db', dir.file('x.sqlite'));
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--set applies to OAI-PMH only/);
    const c = await cli('harvest', '--protocol', 'ftp', '--url', 'https://x.org/c');
    expect(c.code).not.toBe(0);
    expect(c.err).toMatch(/Allowed choices are oai-pmh, iiif-discovery, iiif-collection, json-pages/);
  });

  it('harvests JSON sources from a config file, incrementally the second time', async () => {
    const origin = await serveStream(5);
    const db = dir.file('config.sqlite');
    const config = dir.file('entente.config.json');
    writeFileSync(config, JSON.stringify({ catalogue: db, sources: [{ id: 'museum', protocol: 'iiif-discovery', url: `${origin}/activity/all-changes` }] }));
    expect((await cli('harvest', '--config', config, '--quiet', '--workers', '0')).code).toBe(0);
    const second = await cli('harvest', '--config', config, '--json', '--workers', '0');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out).sources[0]).toMatchObject({ mode: 'incremental', outcome: 'ok', records: 5 });
  });
});
