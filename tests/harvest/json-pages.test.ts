// Harvesting paginated JSON APIs (json-pages) from a real loopback server, with each paging rule
// (body next URL, Link header, cursor, offset, page), the declarative mapping, incremental runs
// by `since`, deleted flags, and the faults: wrong shape, repeating next links, empty pages with a
// next link, pages over the size cap.

import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource, type SourceInput } from '../../src/config/load-config.js';
import type { PagesConfig } from '../../src/config/types.js';
import type { HttpClient } from '../../src/http/client.js';
import { harvestSource, type HarvestEvent, type HarvestOptions } from '../../src/harvest/harvest-source.js';
import type { PagePool } from '../../src/harvest/page-pool.js';
import { renormaliseSource } from '../../src/harvest/renormalise.js';
import { renormaliseCommand } from '../../src/cli/renormalise.js';
import { captureIo } from '../helpers/cli.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { startJsonServer, type JsonReply, type JsonRequest, type JsonServer } from '../protocols/helpers/json-server.js';
import { freshHarvestEachTest } from '../helpers/harvest-env.js';

let catalogue: Catalogue;
let http: HttpClient;
let pool: PagePool;
let server: JsonServer | undefined;
freshHarvestEachTest(
  (env) => ({ catalogue, http, pool } = env),
  async () => {
    await server?.close();
    server = undefined;
  },
);

interface Item {
  id: number;
  title: string;
  modified: string;
  deleted?: boolean;
}

function items(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, title: `Letter ${i + 1}`, modified: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z` }));
}

/** An item as a museum API writes it (Omeka-like JSON-LD values and a language map). */
function render(it: Item): Record<string, unknown> {
  return {
    'o:id': it.id,
    'dcterms:title': [{ type: 'literal', '@value': it.title, '@language': 'en' }],
    'dcterms:date': [{ type: 'literal', '@value': '1887' }],
    'dcterms:subject': [{ type: 'uri', '@id': 'http://vocab.getty.edu/aat/300026877', 'o:label': 'letters (correspondence)' }],
    labels: { def: ['Brief'], nl: ['Brief'] },
    'o:modified': { '@value': it.modified },
    deleted: it.deleted ?? false,
  };
}

const MAPPING = {
  title: '/dcterms:title',
  alternative: { path: '/labels', languageMap: true },
  date: '/dcterms:date',
  subject: '/dcterms:subject',
  type: { const: 'Text' },
  isShownAt: { path: '/o:id', prefix: 'https://museum.example.org/items/' },
};

type Paging = 'body-url' | 'link-header' | 'cursor' | 'offset' | 'page';

function pagesConfig(paging: Paging): PagesConfig {
  const base = { id: '/o:id', datestamp: '/o:modified/@value', deleted: '/deleted' };
  switch (paging) {
    case 'body-url':
      return { ...base, items: '/data', next: { type: 'body-url', pointer: '/links/next' } };
    case 'link-header':
      return { ...base, items: '', next: { type: 'link-header' } };
    case 'cursor':
      return { ...base, items: '/items', next: { type: 'cursor', param: 'cursor', pointer: '/nextCursor', initial: '*' } };
    case 'offset':
      return { ...base, items: '/result/results', next: { type: 'offset', param: 'start', limitParam: 'rows', limit: 4, total: '/result/count' } };
    case 'page':
      return { ...base, items: '/docs', next: { type: 'page', param: 'page', limitParam: 'page_size', limit: 4 } };
  }
}

/** Serves `all()` (re-read per request) with the given paging, 4 items a page; `since` filters by modified. */
async function serveApi(paging: Paging, all: () => Item[], fault?: (req: JsonRequest) => JsonReply | undefined): Promise<string> {
  server = await startJsonServer((req, origin) => {
    const f = fault?.(req);
    if (f) return f;
    if (req.path !== '/api/items') return undefined;
    const since = req.query.get('modified_since');
    const list = all().filter((i) => since === null || i.modified >= since);
    const url = (params: Record<string, string>): string => {
      const u = new URL(`${origin}/api/items`);
      for (const [k, v] of req.query) u.searchParams.set(k, v);
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      return u.href;
    };
    switch (paging) {
      case 'body-url': {
        const p = Number(req.query.get('p') ?? '0');
        const slice = list.slice(p * 4, p * 4 + 4);
        return { body: { data: slice.map(render), links: (p + 1) * 4 < list.length ? { next: url({ p: String(p + 1) }) } : {} } };
      }
      case 'link-header': {
        const p = Number(req.query.get('page') ?? '1');
        const slice = list.slice((p - 1) * 4, p * 4);
        const headers: Record<string, string> = p * 4 < list.length ? { link: `<${url({ page: String(p + 1) })}>; rel="next", <${url({ page: '1' })}>; rel="first"` } : {};
        return { body: slice.map(render), headers };
      }
      case 'cursor': {
        const c = req.query.get('cursor');
        if (c === null) return { status: 400, body: { error: 'cursor required' } };
        const start = c === '*' ? 0 : Number(Buffer.from(c, 'base64').toString());
        const slice = list.slice(start, start + 4);
        const next = start + 4 < list.length ? Buffer.from(String(start + 4)).toString('base64') : undefined;
        return { body: { success: true, items: slice.map(render), ...(next ? { nextCursor: next } : {}) } };
      }
      case 'offset': {
        const start = Number(req.query.get('start') ?? '0');
        const rows = Number(req.query.get('rows') ?? '10');
        return { body: { success: true, result: { count: list.length, results: list.slice(start, start + rows).map(render) } } };
      }
      case 'page': {
        const p = Number(req.query.get('page') ?? '1');
        const size = Number(req.query.get('page_size') ?? '10');
        return { body: { count: list.length, docs: list.slice((p - 1) * size, p * size).map(render) } };
      }
    }
  });
  return `${server.origin}/api/items?format=json`;
}

function source(url: string, paging: Paging, extra: Partial<SourceInput> = {}) {
  return normaliseSource({ id: 'api', protocol: 'json-pages', url, pages: pagesConfig(paging), mapping: MAPPING, http: { retries: 1, retryBaseDelayMs: 5 }, ...extra });
}

async function harvest(url: string, paging: Paging, extra: Partial<SourceInput> = {}, opts: Partial<HarvestOptions> = {}) {
  const events: HarvestEvent[] = [];
  const result = await harvestSource(source(url, paging, extra), { catalogue, http, pool, onEvent: (e) => events.push(e), ...opts });
  return { ...result, events };
}

function ids(includeDeleted = false): number[] {
  return [...catalogue.localIds('api', { includeDeleted }).keys()].map(Number).sort((a, b) => a - b);
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('json-pages harvest', () => {
  for (const paging of ['body-url', 'link-header', 'cursor', 'offset', 'page'] as const) {
    it(`pages through an API by ${paging} and gets every item once`, async () => {
      const url = await serveApi(paging, () => items(10));
      const { run } = await harvest(url, paging);
      expect(run.error).toBeNull();
      expect(run.outcome).toBe('ok');
      expect(ids()).toEqual(range(1, 10));
      expect(run.counts.seen).toBe(10);
      // The API's own parameters stay on every request.
      expect(server!.requests.every((r) => r.query.get('format') === 'json')).toBe(true);
    });
  }

  it('maps items by the declarative mapping: JSON-LD values, language maps, constants, prefixes', async () => {
    const url = await serveApi('cursor', () => items(1));
    await harvest(url, 'cursor');
    const rec = JSON.parse([...catalogue.exportRecords({ sourceId: 'api' })][0] as string) as NormalisedRecord;
    expect(rec.source.format).toBe('json-mapped');
    expect(rec.source.datestamp).toBe('2024-01-01T10:00:00Z');
    expect(rec.title).toEqual([{ value: 'Letter 1', lang: 'en' }]);
    expect(rec.alternative).toEqual([{ value: 'Brief' }, { value: 'Brief', lang: 'nl' }]);
    expect(rec.subject).toEqual([{ value: 'letters (correspondence)', uri: 'http://vocab.getty.edu/aat/300026877' }]);
    expect(rec.date).toMatchObject({ display: '1887', edtf: '1887', earliest: 1887, latest: 1887 });
    expect(rec.type).toEqual([{ value: 'Text', original: 'Text' }]);
    expect(rec.isShownAt).toBe('https://museum.example.org/items/1');
    const raw = catalogue.rawPayload('api', '1');
    expect(JSON.parse(raw!.payload)).toEqual(render(items(1)[0]!));
    // Re-mapping from the raw item reproduces the record; a changed mapping changes it.
    expect(renormaliseSource(catalogue, 'api', { mapping: MAPPING })).toMatchObject({ records: 1, changed: 0, failed: 0 });
    expect(renormaliseSource(catalogue, 'api')).toMatchObject({ records: 1, changed: 0, failed: 0 });
    expect(renormaliseSource(catalogue, 'api', { mapping: { ...MAPPING, publisher: { const: 'Museum' } } })).toMatchObject({ changed: 1, failed: 0 });
    const remapped = JSON.parse([...catalogue.exportRecords({ sourceId: 'api' })][0] as string) as NormalisedRecord;
    expect(remapped.publisher).toEqual([{ value: 'Museum' }]);
    // `entente renormalise` re-maps with the mapping the source was harvested with (kept in the
    // catalogue), so the hand-changed record is put back.
    const run = await captureIo(async (io) => renormaliseCommand(['api'], { db: catalogue.path, json: true }, io));
    expect(JSON.parse(run.out).sources[0]).toMatchObject({ sourceId: 'api', changed: 1, failed: 0 });
    const restored = JSON.parse([...catalogue.exportRecords({ sourceId: 'api' })][0] as string) as NormalisedRecord;
    expect(restored.publisher).toBeUndefined();
  });

  it('asks only for changes since the last complete run, and stores deleted items as tombstones', async () => {
    let all = items(10);
    const url = await serveApi('offset', () => all, undefined);
    const config = { pages: { ...pagesConfig('offset'), since: { param: 'modified_since' } } };
    expect((await harvest(url, 'offset', config)).run.outcome).toBe('ok');
    const from = catalogue.getSource('api')?.nextFrom;
    expect(from).toMatch(/^\d{4}-/);
    const later = new Date(Date.parse(from!) + 60_000).toISOString();
    all = [...all.map((i) => (i.id === 3 ? { ...i, deleted: true, modified: later } : i)), { id: 11, title: 'Letter 11', modified: later }];
    const before = server!.requests.length;
    const { run } = await harvest(url, 'offset', config);
    expect(run.outcome).toBe('ok');
    expect(run.mode).toBe('incremental');
    expect(server!.requests.slice(before).every((r) => r.query.get('modified_since') === from)).toBe(true);
    expect(run.counts.seen).toBe(2);
    expect(ids()).toEqual(range(1, 11).filter((k) => k !== 3));
    expect(ids(true)).toEqual(range(1, 11));
  });

  it('without `since`, every run lists everything: an item no longer listed becomes a tombstone', async () => {
    let all = items(6);
    const url = await serveApi('offset', () => all, undefined);
    expect((await harvest(url, 'offset')).run.outcome).toBe('ok');
    all = all.filter((i) => i.id !== 4);
    const { run } = await harvest(url, 'offset');
    expect(run).toMatchObject({ outcome: 'ok', mode: 'full' });
    expect(run.counts.deleted).toBe(1);
    expect(ids()).toEqual([1, 2, 3, 5, 6]);
    expect(ids(true)).toEqual(range(1, 6));
  });

  it('names the pointer that found nothing when a page has not the expected shape', async () => {
    const url = await serveApi('cursor', () => items(3), () => ({ body: { success: true, results: [] } }));
    const { run } = await harvest(url, 'cursor');
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_JSON_SHAPE');
    expect(run.error?.message).toBe('pages.items "/items" did not find an array of items (found nothing)');
    expect((run.error?.context as Record<string, unknown>).url).toMatch(/cursor=/);
  });

  it('stops a next link back to the first page before its items are read twice', async () => {
    let first = '';
    const url = await serveApi('body-url', () => items(12), (req) => {
      if (req.query.get('p') !== '2') return undefined;
      return { body: { data: items(12).slice(8).map(render), links: { next: first } } };
    });
    first = url;
    const { run } = await harvest(url, 'body-url');
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_JSON_NEXT_LOOP');
    // Three pages of four, each seen once: page 0 was not fetched again.
    expect(run.counts.seen).toBe(12);
    expect(ids()).toEqual(range(1, 12));
  });

  it('stops a next link that repeats, keeping the pages before it', async () => {
    const url = await serveApi('body-url', () => items(12), (req) => {
      if (req.query.get('p') !== '2') return undefined;
      return { body: { data: items(12).slice(8).map(render), links: { next: `${server!.origin}/api/items?format=json&p=1` } } };
    });
    const { run } = await harvest(url, 'body-url');
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_JSON_NEXT_LOOP');
    expect(ids()).toEqual(range(1, 12));
  });

  it('carries on past a page with zero items and a next link, with a notice', async () => {
    const url = await serveApi('cursor', () => items(8), (req) =>
      req.query.get('cursor') === Buffer.from('4').toString('base64') ? { body: { items: [], nextCursor: 'ZW1wdHk=' } } : req.query.get('cursor') === 'ZW1wdHk=' ? { body: { items: items(8).slice(4).map(render) } } : undefined,
    );
    const { run, events } = await harvest(url, 'cursor');
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual(range(1, 8));
    expect(events.some((e) => e.type === 'notice' && /has no items but a next page/.test(e.message))).toBe(true);
  });

  it('refuses a page over the size cap with a clear error, and keeps the pages before it', async () => {
    const url = await serveApi('page', () => items(12), (req) => (req.query.get('page') === '2' ? { body: { count: 12, docs: [], pad: 'x'.repeat(4096) } } : undefined));
    const { run } = await harvest(url, 'page', { http: { retries: 1, retryBaseDelayMs: 5, maxResponseBytes: 2048 } });
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_TOO_LARGE');
    expect(ids()).toEqual(range(1, 4));
    expect(catalogue.getCheckpoint('api')?.token).toMatch(/page=2/);
  });

  it('keys an item without an id by its content, with an error issue', async () => {
    const url = await serveApi('link-header', () => items(2), () => ({ body: [{ 'dcterms:title': [{ '@value': 'No id here' }] }] }));
    const { run } = await harvest(url, 'link-header');
    expect(run.outcome).toBe('ok');
    const rec = JSON.parse([...catalogue.exportRecords({ sourceId: 'api' })][0] as string) as NormalisedRecord;
    expect(rec.source.localId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(rec.issues.map((i) => i.code)).toContain('JSON_ITEM_NO_ID');
  });
});
