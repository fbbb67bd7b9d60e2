// The checks of JSON endpoints, IIIF Change Discovery and IIIF collections (json-pages APIs are in
// json-pages-checks.test.ts): quiet on a correct endpoint, each firing, alone, on an endpoint
// breaking its rule; the record checks run on the normalised manifests.

import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkJsonSource } from '../../src/conformance/check-endpoint.js';
import type { CheckId } from '../../src/conformance/checks.js';
import { normaliseSource } from '../../src/config/load-config.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { discoveryStream, manifest, minute, type StreamActivity } from '../protocols/helpers/iiif-fixtures.js';
import { startJsonServer, type JsonReply, type JsonRequest, type JsonServer } from '../protocols/helpers/json-server.js';
import { cli } from '../helpers/cli.js';
import { validateReport } from '../helpers/report-schema.js';
import { tempDir } from '../helpers/tmp.js';
import { expectOnlyItsCheckFails, failingJson, type JsonFault } from './json-faults.js';

const validate = validateReport;

let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ACTIVITIES: StreamActivity[] = Array.from({ length: 12 }, (_, i) => ({ type: i === 11 ? 'Delete' : 'Create', object: i + 1, endTime: minute(i) }));

/** Serves a stream of 12 activities in pages of 5; `fault` may replace any answer. */
async function serve(fault?: (req: JsonRequest, origin: string) => JsonReply | undefined): Promise<string> {
  server = await startJsonServer((req, origin) => {
    const f = fault?.(req, origin);
    if (f) return f;
    const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
    if (m) return { body: manifest(origin, Number(m[1])) };
    const doc = discoveryStream(origin, ACTIVITIES, 5).get(req.path);
    return doc === undefined ? undefined : { body: doc };
  });
  return `${server.origin}/activity/all-changes`;
}

async function check(url: string): Promise<ConformanceReport> {
  return checkJsonSource({ source: normaliseSource({ id: 'museum', url, protocol: 'iiif-discovery' }) });
}

function failing(report: ConformanceReport): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

describe('a correct IIIF Change Discovery stream', () => {
  it('passes every check and gets record measurements', async () => {
    const report = await check(await serve());
    expect(failing(report)).toEqual([]);
    expect(report.summary.outcome).toBe('pass');
    expect(report.target.protocol).toBe('iiif-discovery');
    const f = report.records?.formats[0];
    expect(f).toMatchObject({ sampled: 12, deleted: 1, valid: 11 });
    expect(f?.format).toBe('iiif-v3');
    expect(f?.fields.find((x) => x.field === 'title')?.present).toBe(11);
    expect(report.checks.find((c) => c.id === 'records.schema')?.status).toBe('skip');
    expect(report.timings.requests).toBeGreaterThan(3);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
  });
});

const status = (report: ConformanceReport, id: CheckId): string | undefined => report.checks.find((c) => c.id === id)?.status;

/** Page k of the correct stream, changed by `edit`. */
function streamPage(origin: string, k: number, edit: (page: { orderedItems: Record<string, unknown>[]; next?: unknown }) => Record<string, unknown>): JsonReply {
  const page = discoveryStream(origin, ACTIVITIES, 5).get(`/activity/page-${k}`) as { orderedItems: Record<string, unknown>[] };
  return { body: edit(page) };
}

const DISCOVERY_FAULTS: JsonFault[] = [
  { check: 'json.responds', breaks: 'the collection URL answers 404', fault: (r) => (r.path === '/activity/all-changes' ? { status: 404, body: { error: 'gone' } } : undefined), fatal: true },
  { check: 'json.valid-json', breaks: 'a page is an HTML page', fault: (r) => (r.path === '/activity/page-1' ? { body: '<!DOCTYPE html><html><body>Oops</body></html>' } : undefined) },
  { check: 'json.shape', breaks: 'the collection is not an OrderedCollection', fault: (r) => (r.path === '/activity/all-changes' ? { body: { type: 'Thing', id: 'x' } } : undefined), fatal: true },
  {
    check: 'json.shape',
    breaks: 'a page has no orderedItems',
    fault: (r, origin) => (r.path === '/activity/page-1' ? streamPage(origin, 1, ({ orderedItems: _dropped, ...rest }) => rest) : undefined),
  },
  {
    check: 'json.shape',
    breaks: 'an activity has no object',
    fault: (r, origin) => (r.path === '/activity/page-1' ? streamPage(origin, 1, (p) => ({ ...p, orderedItems: p.orderedItems.map((a, i) => (i === 2 ? { type: 'Update', endTime: a.endTime } : a)) })) : undefined),
  },
  {
    check: 'json.shape',
    breaks: 'an activity has no endTime',
    fault: (r, origin) => (r.path === '/activity/page-0' ? streamPage(origin, 0, (p) => ({ ...p, orderedItems: p.orderedItems.map((a, i) => (i === 1 ? { type: a.type, object: a.object } : a)) })) : undefined),
  },
  {
    check: 'json.pagination',
    breaks: 'the last page links back to the first',
    fault: (r, origin) => (r.path === '/activity/page-2' ? streamPage(origin, 2, (p) => ({ ...p, next: { id: `${origin}/activity/page-0`, type: 'OrderedCollectionPage' } })) : undefined),
  },
  {
    check: 'json.pagination',
    breaks: 'a page is empty but links to the next one (a warning)',
    fault: (r, origin) => (r.path === '/activity/page-1' ? streamPage(origin, 1, (p) => ({ ...p, orderedItems: [] })) : undefined),
    outcome: 'pass',
  },
  {
    check: 'json.unique-ids',
    breaks: 'a page repeats the last activity of the page before',
    fault: (r, origin) => {
      if (r.path !== '/activity/page-1') return undefined;
      const before = discoveryStream(origin, ACTIVITIES, 5).get('/activity/page-0') as { orderedItems: Record<string, unknown>[] };
      return streamPage(origin, 1, (p) => ({ ...p, orderedItems: [before.orderedItems[4] as Record<string, unknown>, ...p.orderedItems] }));
    },
  },
  {
    check: 'json.activity-order',
    breaks: 'a page lists its activities newest first',
    fault: (r, origin) => (r.path === '/activity/page-1' ? streamPage(origin, 1, (p) => ({ ...p, orderedItems: p.orderedItems.slice().reverse() })) : undefined),
  },
  {
    check: 'json.activity-order',
    breaks: 'a later page holds activities older than the page before',
    fault: (r, origin) =>
      r.path === '/activity/page-2' ? streamPage(origin, 2, (p) => ({ ...p, orderedItems: p.orderedItems.map((a) => ({ ...a, endTime: '2020-01-01T00:00:00Z' })) })) : undefined,
  },
  { check: 'json.objects', breaks: 'two manifests answer 404 (a warning)', fault: (r) => (r.path === '/iiif/3/manifest' || r.path === '/iiif/4/manifest' ? { status: 404, body: { error: 'missing' } } : undefined), outcome: 'pass' },
];

describe('each JSON check fires on a stream breaking its rule, and only that check', () => {
  it('covers every json.* check of the catalogue', async () => {
    const { CHECKS } = await import('../../src/conformance/checks.js');
    const tested = new Set<string>(DISCOVERY_FAULTS.map((f) => f.check));
    expect(CHECKS.map((c) => c.id).filter((id) => id.startsWith('json.') && !tested.has(id))).toEqual([]);
  });

  for (const f of DISCOVERY_FAULTS) {
    it(`${f.check} fails when ${f.breaks}`, async () => {
      const report = await check(await serve(f.fault));
      expectOnlyItsCheckFails(report, f);
    });
  }

  it('json.unique-ids names the repeated object, and an object changed twice is not a repeat', async () => {
    const url = await serve((r, origin) => {
      if (r.path !== '/activity/page-1') return undefined;
      // An Update of object 1 later in the stream: a normal change, not a duplicate.
      return streamPage(origin, 1, (p) => ({ ...p, orderedItems: p.orderedItems.map((a, i) => (i === 0 ? { ...a, type: 'Update', object: { id: `${origin}/iiif/1/manifest`, type: 'Manifest' } } : a)) }));
    });
    expect(status(await check(url), 'json.unique-ids')).toBe('pass');
    await server?.close();
    const dup = await serve((r, origin) => {
      if (r.path !== '/activity/page-1') return undefined;
      const before = discoveryStream(origin, ACTIVITIES, 5).get('/activity/page-0') as { orderedItems: Record<string, unknown>[] };
      return streamPage(origin, 1, (p) => ({ ...p, orderedItems: [before.orderedItems[4] as Record<string, unknown>, ...p.orderedItems] }));
    });
    const unique = (await check(dup)).checks.find((c) => c.id === 'json.unique-ids');
    expect(unique?.findings[0]?.recordIds?.[0]).toMatch(/\/iiif\/5\/manifest$/);
  });
});

describe('a IIIF Presentation collection', () => {
  /** A v3 collection of manifests 1..6 with a sub-collection holding 7..9. */
  function collections(origin: string): Map<string, unknown> {
    const coll = (name: string, items: unknown[]) => ({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: `${origin}/coll/${name}`, type: 'Collection', label: { en: [name] }, items });
    const m = (n: number) => ({ id: `${origin}/iiif/${n}/manifest`, type: 'Manifest', label: { en: [`sheet ${n}`] } });
    return new Map<string, unknown>([
      ['/coll/top', coll('top', [...[1, 2, 3, 4, 5, 6].map(m), { id: `${origin}/coll/sub`, type: 'Collection', label: { en: ['sub'] } }])],
      ['/coll/sub', coll('sub', [7, 8, 9].map(m))],
    ]);
  }

  async function serveCollection(fault?: (req: JsonRequest, origin: string) => JsonReply | undefined): Promise<string> {
    server = await startJsonServer((req, origin) => {
      const f = fault?.(req, origin);
      if (f) return f;
      const mm = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
      if (mm) return { body: manifest(origin, Number(mm[1])) };
      const doc = collections(origin).get(req.path);
      return doc === undefined ? undefined : { body: doc };
    });
    return `${server.origin}/coll/top`;
  }

  const checkCollection = (url: string) => checkJsonSource({ source: normaliseSource({ id: 'coll', url, protocol: 'iiif-collection' }) });

  it('passes, with every manifest of the nested collections measured', async () => {
    const report = await checkCollection(await serveCollection());
    expect(failing(report)).toEqual([]);
    expect(report.records?.formats[0]).toMatchObject({ sampled: 9, valid: 9 });
    expect(status(report, 'json.objects')).toBe('pass');
    // A manifest may sit in several collections: the rule does not apply, and says so.
    expect(report.checks.find((c) => c.id === 'json.unique-ids')).toMatchObject({ status: 'skip', note: expect.stringMatching(/several collections/) });
  });

  const subWith = (origin: string, body: unknown): JsonReply => ({ body: { ...(collections(origin).get('/coll/sub') as object), ...(body as object) } });
  const COLLECTION_FAULTS: JsonFault[] = [
    { check: 'json.responds', breaks: 'the top collection answers 404', fault: (r) => (r.path === '/coll/top' ? { status: 404, body: { error: 'gone' } } : undefined), fatal: true },
    { check: 'json.valid-json', breaks: 'a sub-collection is an HTML page', fault: (r) => (r.path === '/coll/sub' ? { body: '<html><body>Maintenance</body></html>' } : undefined) },
    { check: 'json.shape', breaks: 'the top document is a Manifest, not a Collection', fault: (r, o) => (r.path === '/coll/top' ? { body: manifest(o, 1) } : undefined), fatal: true },
    { check: 'json.shape', breaks: 'a sub-collection is not a collection', fault: (r) => (r.path === '/coll/sub' ? { body: { id: 'x', type: 'Thing' } } : undefined) },
    {
      check: 'json.pagination',
      breaks: 'a sub-collection includes the top collection (a cycle, a warning)',
      fault: (r, o) => (r.path === '/coll/sub' ? subWith(o, { items: [{ id: `${o}/iiif/7/manifest`, type: 'Manifest' }, { id: `${o}/coll/top`, type: 'Collection' }] }) : undefined),
      outcome: 'pass',
    },
    {
      check: 'json.pagination',
      breaks: 'a paged collection page links to itself as next',
      fault: (r, o) => (r.path === '/coll/sub' ? subWith(o, { next: { id: `${o}/coll/sub`, type: 'Collection' } }) : undefined),
    },
    { check: 'json.objects', breaks: 'two manifests answer 404 (a warning)', fault: (r) => (r.path === '/iiif/2/manifest' || r.path === '/iiif/8/manifest' ? { status: 404, body: { error: 'missing' } } : undefined), outcome: 'pass' },
  ];

  for (const f of COLLECTION_FAULTS) {
    it(`${f.check} fails when ${f.breaks}`, async () => {
      const report = await checkCollection(await serveCollection(f.fault));
      expectOnlyItsCheckFails(report, f);
    });
  }

  it('json.objects counts the manifests that could not be fetched', async () => {
    const report = await checkCollection(await serveCollection((r) => (r.path === '/iiif/2/manifest' || r.path === '/iiif/8/manifest' ? { status: 404, body: {} } : undefined)));
    expect(report.checks.find((c) => c.id === 'json.objects')?.findings[0]?.message).toMatch(/^2 of 9 objects could not be fetched/);
  });

  it('a sub-collection shared by two collections is read once and is no fault', async () => {
    const report = await checkCollection(
      await serveCollection((r, o) => (r.path === '/coll/top' ? { body: { ...(collections(o).get('/coll/top') as object), items: [{ id: `${o}/coll/sub`, type: 'Collection' }, { id: `${o}/coll/a`, type: 'Collection' }] } } : r.path === '/coll/a' ? { body: { id: `${o}/coll/a`, type: 'Collection', items: [{ id: `${o}/coll/sub`, type: 'Collection' }] } } : undefined)),
    );
    expect(failingJson(report)).toEqual([]);
  });

  it('a collection deeper than the source\'s iiif.maxDepth is not followed, and is no fault', async () => {
    // top -> sub -> deep: with maxDepth 1, deep is below the depth the source asked for.
    const url = await serveCollection((r, o) =>
      r.path === '/coll/sub'
        ? { body: { ...(collections(o).get('/coll/sub') as object), items: [{ id: `${o}/iiif/7/manifest`, type: 'Manifest' }, { id: `${o}/coll/deep`, type: 'Collection' }] } }
        : r.path === '/coll/deep'
          ? { body: { id: `${o}/coll/deep`, type: 'Collection', items: [{ id: `${o}/iiif/8/manifest`, type: 'Manifest' }] } }
          : undefined,
    );
    const report = await checkJsonSource({ source: normaliseSource({ id: 'coll', url, protocol: 'iiif-collection', iiif: { maxDepth: 1 } }) });
    expect(failingJson(report)).toEqual([]);
    // Manifests 1..7 were read; the one only in the deep collection was not.
    expect(report.records?.formats[0]).toMatchObject({ sampled: 7 });
  });
});

describe('entente check --source on a stream', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('ignores the source\'s XML schemas: a stream has no XML records, and a schema file that is missing is not even read', async () => {
    const url = await serve();
    const config = dir.file('entente.json');
    writeFileSync(config, JSON.stringify({ catalogue: dir.file('catalogue.sqlite'), sources: [{ id: 'museum', protocol: 'iiif-discovery', url, schemas: { 'http://www.lido-schema.org': 'missing.xsd' } }] }));
    const run = await cli('check', '--source', 'museum', '--config', config, '--json', '--quiet');
    expect(run.code, run.err).toBe(0);
    expect((JSON.parse(run.out) as ConformanceReport).summary.outcome).toBe('pass');
  });
});

describe('entente check --protocol iiif-discovery', () => {
  it('checks a stream by URL and exits 0', async () => {
    const url = await serve();
    const run = await cli('check', url, '--protocol', 'iiif-discovery', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as ConformanceReport;
    expect(report.target.protocol).toBe('iiif-discovery');
    expect(report.summary.outcome).toBe('pass');
  });
});
