// The checks of JSON endpoints (a IIIF Change Discovery stream here): quiet on a correct stream,
// each firing on a stream breaking its rule; the record checks run on the normalised manifests.

import { afterEach, describe, expect, it } from 'vitest';
import { checkJsonSource } from '../../src/conformance/check-endpoint.js';
import type { CheckId } from '../../src/conformance/checks.js';
import { normaliseSource } from '../../src/config/load-config.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { discoveryStream, manifest, minute, type StreamActivity } from '../protocols/helpers/iiif-fixtures.js';
import { startJsonServer, type JsonReply, type JsonRequest, type JsonServer } from '../protocols/helpers/json-server.js';
import { cli } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: true });
formatsPlugin.default(ajv, ['date-time']);
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object);

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

const FAULTS: { check: CheckId; breaks: string; fault: (req: JsonRequest, origin: string) => JsonReply | undefined; fatal?: boolean }[] = [
  { check: 'json.responds', breaks: 'the collection URL answers 404', fault: (r) => (r.path === '/activity/all-changes' ? { status: 404, body: { error: 'gone' } } : undefined), fatal: true },
  { check: 'json.valid-json', breaks: 'a page is an HTML page', fault: (r) => (r.path === '/activity/page-1' ? { body: '<!DOCTYPE html><html><body>Oops</body></html>' } : undefined) },
  { check: 'json.shape', breaks: 'the collection is not an OrderedCollection', fault: (r) => (r.path === '/activity/all-changes' ? { body: { type: 'Thing', id: 'x' } } : undefined), fatal: true },
  {
    check: 'json.pagination',
    breaks: 'the last page links back to the first',
    fault: (r, origin) => {
      if (r.path !== '/activity/page-2') return undefined;
      const page = discoveryStream(origin, ACTIVITIES, 5).get('/activity/page-2') as Record<string, unknown>;
      return { body: { ...page, next: { id: `${origin}/activity/page-0`, type: 'OrderedCollectionPage' } } };
    },
  },
  { check: 'json.objects', breaks: 'two manifests answer 404', fault: (r) => (r.path === '/iiif/3/manifest' || r.path === '/iiif/4/manifest' ? { status: 404, body: { error: 'missing' } } : undefined) },
];

describe('each JSON check fires on a stream breaking its rule', () => {
  it('covers every json.* check of the catalogue', async () => {
    const { CHECKS } = await import('../../src/conformance/checks.js');
    const tested = new Set<string>([...FAULTS.map((f) => f.check), 'json.unique-ids']);
    expect(CHECKS.map((c) => c.id).filter((id) => id.startsWith('json.') && !tested.has(id))).toEqual([]);
  });

  for (const f of FAULTS) {
    it(`${f.check} fails when ${f.breaks}`, async () => {
      const report = await check(await serve(f.fault));
      expect(report.checks.find((c) => c.id === f.check)?.status, JSON.stringify(report.checks.filter((c) => c.status === 'fail'))).toBe('fail');
      expect(report.summary.outcome).toBe(f.fatal ? 'unreachable' : f.check === 'json.objects' ? 'pass' : 'fail');
    });
  }

  it('json.unique-ids fails when a collection lists an object twice', async () => {
    const url = await serve((r, origin) => {
      if (r.path !== '/activity/page-1') return undefined;
      const page = discoveryStream(origin, ACTIVITIES, 5).get('/activity/page-1') as { orderedItems: { object: { id: string } }[] };
      // Two Updates of one object are one item for a harvester (the newest wins): give another page object 1's id.
      const items = page.orderedItems.map((a, i) => (i === 0 ? { ...a, object: { ...a.object, id: `${origin}/iiif/1/manifest` } } : a));
      return { body: { ...page, orderedItems: items } };
    });
    const report = await check(url);
    const unique = report.checks.find((c) => c.id === 'json.unique-ids');
    // The adapter keeps the newest activity per object within a page; across pages the same id comes twice.
    expect(unique?.status).toBe('fail');
    expect(unique?.findings[0]?.recordIds?.[0]).toMatch(/\/iiif\/1\/manifest$/);
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

  async function serveCollection(missing: number[] = []): Promise<string> {
    server = await startJsonServer((req, origin) => {
      const mm = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
      if (mm) return missing.includes(Number(mm[1])) ? undefined : { body: manifest(origin, Number(mm[1])) };
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
  });

  it('fails json.objects when manifests answer 404', async () => {
    const report = await checkCollection(await serveCollection([2, 8]));
    const objects = report.checks.find((c) => c.id === 'json.objects');
    expect(objects?.status).toBe('fail');
    expect(objects?.findings[0]?.message).toMatch(/^2 of 9 objects could not be fetched/);
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
