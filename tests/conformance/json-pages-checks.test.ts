// The checks of a json-pages API (a paginated JSON API described by the source's `pages` and
// `mapping`, as in data/examples/): quiet on a correct API, each json.* check firing, alone, on
// an API breaking its rule; json.objects does not apply (the items are in the pages).

import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateReport } from '../helpers/report-schema.js';
import { checkJsonSource } from '../../src/conformance/check-endpoint.js';
import type { CheckId } from '../../src/conformance/checks.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { normaliseSource } from '../../src/config/load-config.js';
import type { PagesConfig } from '../../src/config/types.js';
import { startJsonServer, type JsonReply, type JsonRequest, type JsonServer } from '../protocols/helpers/json-server.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { expectOnlyItsCheckFails, type JsonFault } from './json-faults.js';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { latestReportSummary } from '../../src/conformance/store.js';

const validate = validateReport;

let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Where the API's items, ids and dates are, and how it pages: a next URL in the body (Omeka S-like JSON-LD items). */
const PAGES: PagesConfig = { items: '/data', id: '/o:id', datestamp: '/o:modified/@value', deleted: '/deleted', next: { type: 'body-url', pointer: '/links/next' } };
const MAPPING = { title: '/dcterms:title', date: '/dcterms:date', subject: '/dcterms:subject', type: { const: 'Text' }, isShownAt: { path: '/o:id', prefix: 'https://museum.example.org/items/' } };
const COUNT = 10;
const PAGE_SIZE = 4;

function item(id: number): Record<string, unknown> {
  return {
    'o:id': id,
    'dcterms:title': [{ type: 'literal', '@value': `Letter ${id}`, '@language': 'en' }],
    'dcterms:date': [{ type: 'literal', '@value': String(1880 + id) }],
    'dcterms:subject': [{ type: 'uri', '@id': 'http://vocab.getty.edu/aat/300026877', 'o:label': 'letters (correspondence)' }],
    'o:modified': { '@value': `2024-01-${String(id).padStart(2, '0')}T10:00:00Z` },
    deleted: id === COUNT,
  };
}

/** Page p (0-based) of the correct API. */
function page(origin: string, p: number): { data: Record<string, unknown>[]; links: { next?: string } } {
  const ids = Array.from({ length: COUNT }, (_, i) => i + 1).slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  return { data: ids.map(item), links: (p + 1) * PAGE_SIZE < COUNT ? { next: `${origin}/api/items?p=${p + 1}` } : {} };
}

const pageOf = (req: JsonRequest): number => Number(req.query.get('p') ?? '0');

/** Serves the API (3 pages); `fault` may replace any answer. */
async function serve(fault?: (req: JsonRequest, origin: string) => JsonReply | undefined): Promise<string> {
  server = await startJsonServer((req, origin) => {
    const f = fault?.(req, origin);
    if (f) return f;
    return req.path === '/api/items' ? { body: page(origin, pageOf(req)) } : undefined;
  });
  return `${server.origin}/api/items`;
}

function check(url: string, pages: PagesConfig = PAGES, sampleSize?: number): Promise<ConformanceReport> {
  return checkJsonSource({ source: normaliseSource({ id: 'letters', url, protocol: 'json-pages', pages, mapping: MAPPING }), ...(sampleSize !== undefined ? { sampleSize } : {}) });
}

const result = (r: ConformanceReport, id: CheckId) => r.checks.find((c) => c.id === id);

describe('a correct json-pages API', () => {
  it('passes every json.* check that applies, skips json.objects and json.activity-order, and gets record measurements', async () => {
    const report = await check(await serve());
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.summary.outcome).toBe('pass');
    expect(report.target.protocol).toBe('json-pages');
    for (const id of ['json.responds', 'json.valid-json', 'json.shape', 'json.pagination', 'json.unique-ids'] as const) expect(result(report, id)?.status, id).toBe('pass');
    expect(result(report, 'json.objects')).toMatchObject({ status: 'skip', note: expect.stringMatching(/no objects to fetch/) });
    expect(result(report, 'json.activity-order')).toMatchObject({ status: 'skip', note: expect.stringMatching(/not timed activities/) });
    const f = report.records?.formats[0];
    expect(f).toMatchObject({ format: 'json-mapped', sampled: COUNT, deleted: 1, valid: COUNT - 1 });
    expect(f?.fields.find((x) => x.field === 'title')?.present).toBe(COUNT - 1);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('stops at the sample size without calling the list unfinished', async () => {
    const url = await serve();
    const report = await check(url, PAGES, 4);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(server?.requests.length).toBe(1);
  });
});

interface Fault extends JsonFault {
  pages?: PagesConfig;
  /** What the finding says. */
  message?: RegExp;
}

const onPage = (p: number, reply: (origin: string) => JsonReply) => (req: JsonRequest, origin: string) => (req.path === '/api/items' && pageOf(req) === p ? reply(origin) : undefined);

const FAULTS: Fault[] = [
  { check: 'json.responds', breaks: 'the first page answers 404', fault: onPage(0, () => ({ status: 404, body: { error: 'no such API' } })), fatal: true },
  { check: 'json.valid-json', breaks: 'a page is an HTML error page served with 200', fault: onPage(1, () => ({ body: '<!DOCTYPE html><html><body>Service unavailable</body></html>' })), message: /not JSON|HTML/ },
  { check: 'json.valid-json', breaks: 'a page is cut short', fault: onPage(2, (o) => ({ body: JSON.stringify(page(o, 2)).slice(0, 60), headers: { 'content-type': 'application/json' } })) },
  { check: 'json.shape', breaks: 'the first page has no items where pages.items points', fault: onPage(0, () => ({ body: { results: [] } })), fatal: true },
  { check: 'json.shape', breaks: 'a later page has no items array', fault: onPage(1, () => ({ body: { data: { count: 4 }, links: {} } })), message: /pages\.items/ },
  {
    check: 'json.shape',
    breaks: 'items have no id where pages.id points',
    fault: onPage(1, (o) => ({ body: { ...page(o, 1), data: page(o, 1).data.map(({ 'o:id': _id, ...rest }) => rest) } })),
    message: /^4 of 10 items: no id at pages\.id "\/o:id"/,
  },
  {
    check: 'json.shape',
    breaks: 'items have no datestamp where pages.datestamp points (a warning)',
    fault: onPage(0, (o) => ({ body: { ...page(o, 0), data: page(o, 0).data.map(({ 'o:modified': _m, ...rest }) => rest) } })),
    outcome: 'pass',
    message: /no datestamp at pages\.datestamp/,
  },
  {
    check: 'json.shape',
    breaks: 'a datestamp is not a date (a warning)',
    fault: onPage(0, (o) => ({ body: { ...page(o, 0), data: page(o, 0).data.map((it, i) => (i === 0 ? { ...it, 'o:modified': { '@value': 'last Tuesday' } } : it)) } })),
    outcome: 'pass',
    message: /is not a date/,
  },
  {
    check: 'json.shape',
    breaks: 'the next link is not a URL string',
    fault: onPage(1, (o) => ({ body: { ...page(o, 1), links: { next: { href: `${o}/api/items?p=2` } } } })),
    message: /pages\.next\.pointer/,
  },
  { check: 'json.pagination', breaks: 'the last page links back to an earlier one', fault: onPage(2, (o) => ({ body: { ...page(o, 2), links: { next: `${o}/api/items?p=1` } } })), message: /ERR_JSON_NEXT_LOOP/ },
  { check: 'json.pagination', breaks: 'a page names itself as the next page', fault: onPage(1, (o) => ({ body: { ...page(o, 1), links: { next: `${o}/api/items?p=1` } } })), message: /names itself/ },
  {
    check: 'json.pagination',
    breaks: 'a page is empty but links to the next one (a warning)',
    fault: onPage(1, (o) => ({ body: { data: [], links: { next: `${o}/api/items?p=2` } } })),
    outcome: 'pass',
    message: /no items but a next page/,
  },
  {
    check: 'json.unique-ids',
    breaks: 'a page repeats an item of the page before (overlapping pages)',
    fault: onPage(1, (o) => ({ body: { ...page(o, 1), data: [item(4), ...page(o, 1).data.slice(1)] } })),
    message: /^1 item id\(s\) appear more than once/,
  },
];

describe('each JSON check fires on an API breaking its rule, and only that check', () => {
  it('covers every json.* check that applies to json-pages', async () => {
    const { CHECKS } = await import('../../src/conformance/checks.js');
    const tested = new Set<string>([...FAULTS.map((f) => f.check), 'json.objects', 'json.activity-order']);
    expect(CHECKS.map((c) => c.id).filter((id) => id.startsWith('json.') && !tested.has(id))).toEqual([]);
  });

  for (const f of FAULTS) {
    it(`${f.check} fails when ${f.breaks}`, async () => {
      const report = await check(await serve(f.fault), f.pages);
      expectOnlyItsCheckFails(report, f);
      if (f.message) expect(result(report, f.check)?.findings.map((x) => x.message).join('\n')).toMatch(f.message);
      expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    });
  }

  it('json.unique-ids names the repeated item', async () => {
    const report = await check(await serve(onPage(1, (o) => ({ body: { ...page(o, 1), data: [item(4), ...page(o, 1).data.slice(1)] } }))));
    expect(result(report, 'json.unique-ids')?.findings[0]?.recordIds).toEqual(['4']);
  });
});

describe('entente check --source on the Omeka S example config (data/examples/omeka-s.json)', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  /** The example's source, pointed at a loopback Omeka S-like API (a bare array per page, Link header paging). */
  async function configFor(fault?: (p: number, origin: string) => JsonReply | undefined): Promise<string> {
    server = await startJsonServer((req, origin) => {
      if (req.path !== '/api/items') return undefined;
      const p = Number(req.query.get('page') ?? '1');
      const f = fault?.(p, origin);
      if (f) return f;
      const ids = Array.from({ length: COUNT }, (_, i) => i + 1).slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
      const next: Record<string, string> = p * PAGE_SIZE < COUNT ? { link: `<${origin}/api/items?per_page=${PAGE_SIZE}&page=${p + 1}>; rel="next"` } : {};
      return { body: ids.map((id) => ({ ...item(id), 'o:modified': { '@value': `2024-01-${String(id).padStart(2, '0')}T10:00:00+00:00`, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' } })), headers: next };
    });
    const example = JSON.parse(readFileSync(new URL('../../data/examples/omeka-s.json', import.meta.url), 'utf8')) as { sources: Record<string, unknown>[] };
    const source = { ...(example.sources[0] as Record<string, unknown>), url: `${server.origin}/api/items?per_page=${PAGE_SIZE}` };
    const file = dir.file(`config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ catalogue: dir.file('catalogue.sqlite'), sources: [source] }));
    return file;
  }

  it('passes, exits 0 and stores the report', async () => {
    const run = await cli('check', '--source', 'omeka-letters', '--config', await configFor(), '--json');
    expect(run.code, run.err).toBe(0);
    const report = JSON.parse(run.out) as ConformanceReport;
    expect(report.target).toMatchObject({ protocol: 'json-pages', sourceId: 'omeka-letters' });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    // The example maps no deleted flag: every item is live.
    expect(report.records?.formats[0]?.fields.find((f) => f.field === 'title')?.present).toBe(COUNT);
    const catalogue = openCatalogue(dir.file('catalogue.sqlite'));
    try {
      expect(latestReportSummary(catalogue.db, 'omeka-letters')).toMatchObject({ sourceId: 'omeka-letters', summary: { outcome: 'pass' } });
    } finally {
      catalogue.close();
    }
  });

  it('exits 1 when a page repeats the page before (json.unique-ids), 2 when the API is not there', async () => {
    const repeat = await cli('check', '--source', 'omeka-letters', '--config', await configFor((p, o) => (p === 2 ? { body: [1, 2, 3, 4].map(item), headers: { link: `<${o}/api/items?per_page=${PAGE_SIZE}&page=3>; rel="next"` } } : undefined)), '--json');
    expect(repeat.code).toBe(1);
    expect((JSON.parse(repeat.out) as ConformanceReport).checks.filter((c) => c.status === 'fail').map((c) => c.id)).toContain('json.unique-ids');
    await server?.close();
    const missing = await cli('check', '--source', 'omeka-letters', '--config', await configFor(() => ({ status: 404, body: { errors: { error: 'not found' } } })), '--json');
    expect(missing.code).toBe(2);
  });
});
