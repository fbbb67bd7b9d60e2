// The HTTP API on a real loopback port over a harvested demo catalogue: search, records, raw
// originals, clusters, sources, exports, OpenAPI, docs, CORS, and errors as JSON with a code.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { ROUTES } from '../../src/server/routes.js';
import { parseXml } from '../../src/xml/parse.js';
import { harvestDemo } from '../search/harvested.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('entente-api-');
let app: FastifyInstance;
let base: string;
const dbPath = dir.file('demo.sqlite');

beforeAll(async () => {
  (await harvestDemo(dbPath)).close();
  app = await buildServer({ dbPath });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  dir.remove();
});

async function get(path: string, init?: RequestInit): Promise<{ status: number; type: string; body: string; bytes: Buffer; json: () => any; headers: Headers }> {
  const res = await fetch(base + path, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  // Decoded without dropping a byte-order mark, so tests can see it.
  const body = bytes.toString('utf8');
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, bytes, json: () => JSON.parse(body), headers: res.headers };
}

describe('GET /api/search', () => {
  it('returns hits, a total, facets and a cursor that walks the rest', async () => {
    const first = await get('/api/search?q=letter&limit=5&facets=true');
    expect(first.status).toBe(200);
    const page = first.json();
    expect(page.hits).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    expect(page.totalExact).toBe(true);
    expect(page.facets.source.map((f: { value: string }) => f.value)).toContain('lindenau-archive');
    expect(page.hits[0].record.title[0].value).toMatch(/letter/i);
    const second = (await get(`/api/search?q=letter&limit=5&cursor=${page.nextCursor}`)).json();
    const ids = new Set([...page.hits, ...second.hits].map((h: { id: string }) => h.id));
    expect(ids.size).toBe(10);
  });

  it('applies filters given repeated or comma-separated', async () => {
    const a = (await get('/api/search?type=StillImage&type=Image&limit=100&records=true')).json();
    const b = (await get('/api/search?type=StillImage,Image&limit=100&records=true')).json();
    expect(a.total).toBe(b.total);
    expect(a.total).toBeGreaterThan(0);
    for (const h of a.hits) expect(h.record.type.some((t: { value: string }) => ['StillImage', 'Image'].includes(t.value))).toBe(true);
    const media = (await get('/api/search?media=true&limit=100')).json();
    for (const h of media.hits) expect(h.record.isShownBy).toBeTruthy();
  });

  it('answers 400 with the parameter named for bad parameters', async () => {
    for (const [query, parameter] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['from=soon', 'from'], ['type=Poster', 'type'], ['rights=free', 'rights'], ['cursor=abc', 'cursor'], [`q=${'x'.repeat(1001)}`, 'q'], ['records=perhaps', 'records']]) {
      const res = await get(`/api/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'ERR_QUERY_PARAMETER', parameter });
    }
  });

  it('never answers 500 to hostile query text', async () => {
    for (const q of ['"', 'NEAR(a', '*', '-', '-"', 'title:', "'); DROP TABLE records; --", '{title}:x', '^', '\u0000x', 'a OR b AND NOT c', '%', '\\', '"a" * -b:c']) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}&facets=true`);
      expect(res.status, q).toBe(200);
    }
  });

  it('is open to other origins for reads (CORS)', async () => {
    const res = await get('/api/search?q=map', { headers: { origin: 'https://researcher.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the search cache', () => {
  it('answers a repeated search from the cache until another connection commits', async () => {
    const url = '/api/search?q=letter&limit=3';
    const first = (await get(url)).body;
    expect((await get(url)).body).toBe(first);
    // A write through another connection (as a harvest would make) changes data_version.
    const { openCatalogue } = await import('../../src/catalogue/catalogue.js');
    const writer = openCatalogue(dbPath);
    const hit = JSON.parse(first).hits[0] as { id: string; record: { title: { value: string }[]; issues: unknown[] } };
    // Through the catalogue's own write path (as renormalise writes), which keeps the index in step.
    const rewrite = (title: string): void => {
      const record = { ...hit.record, title: [{ ...hit.record.title[0], value: title }] };
      writer.replaceNormalised([{ id: hit.id, record: JSON.stringify(record), issueCount: record.issues.length, errorCount: 0 }]);
    };
    rewrite('Renamed item');
    try {
      const after = JSON.parse((await get(url)).body);
      expect(after.hits.map((h: { id: string }) => h.id)).not.toContain(hit.id);
    } finally {
      rewrite(hit.record.title[0]?.value ?? '');
      writer.close();
    }
  });
});

describe('records and clusters', () => {
  let id: string;
  beforeAll(async () => {
    id = (await get('/api/search?q=letter&limit=1&records=true')).json().hits[0].id;
  });

  it('gives a record with provenance, issues and links', async () => {
    const res = await get(`/api/records/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    const view = res.json();
    expect(view.record.id).toBe(id);
    expect(Array.isArray(view.record.issues)).toBe(true);
    expect(view.provenance).toMatchObject({ sourceId: 'lindenau-archive', format: 'oai_dc' });
    expect(view.provenance.localId).toMatch(/^oai:lindenau-archive/);
    expect(view.links.raw).toBe(`/api/records/${encodeURIComponent(id)}/raw`);
  });

  it('serves the raw original as served, as XML', async () => {
    const res = await get(`/api/records/${encodeURIComponent(id)}/raw`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/xml/);
    expect(() => parseXml(res.body)).not.toThrow();
    expect(res.body).toContain('<dc:title');
  });

  it('gives a singleton cluster for a record in no cluster, with its member record', async () => {
    const view = (await get(`/api/clusters/${encodeURIComponent(id)}`)).json();
    expect(view).toMatchObject({ id, size: 1 });
    expect(view.members[0].recordId).toBe(id);
    expect(view.records[0].id).toBe(id);
  });

  it('answers 404 with a code for unknown ids and routes', async () => {
    for (const path of ['/api/records/nope:0000', '/api/records/nope:0000/raw', '/api/clusters/nope', '/api/nothing']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.json().error.code).toBe('ERR_NOT_FOUND');
    }
  });
});

describe('sources, health and docs', () => {
  it('lists sources with counts, last run and a conformance slot', async () => {
    const { sources } = (await get('/api/sources')).json();
    expect(sources.map((s: { id: string }) => s.id)).toEqual(['lindenau-archive', 'westerhaven-maps']);
    for (const s of sources) {
      expect(s.live).toBeGreaterThan(0);
      expect(s.lastRun.outcome).toBe('ok');
      expect(s).toHaveProperty('conformance');
    }
  });

  it("gives a source's latest conformance summary once `entente check --source` has stored one", async () => {
    const { openCatalogue } = await import('../../src/catalogue/catalogue.js');
    const { saveReport } = await import('../../src/conformance/store.js');
    const writer = openCatalogue(dbPath);
    const summary = { outcome: 'fail' as const, errors: 2, warnings: 1, infos: 0, checks: { passed: 40, failed: 3, skipped: 1 }, score: 71, readiness: 'usable' as const };
    try {
      saveReport(writer.db, 'westerhaven-maps', {
        reportVersion: 1,
        tool: { name: 'entente', version: 'test' },
        target: { url: 'http://127.0.0.1/oai', protocol: 'oai-pmh', sourceId: 'westerhaven-maps' },
        checkedAt: '2026-11-28T12:00:00Z',
        durationMs: 1000,
        summary,
        checks: [],
        timings: { requests: 0, medianMs: 0, p95Ms: 0, maxMs: 0 },
      });
    } finally {
      writer.close();
    }
    const { sources } = (await get('/api/sources')).json();
    expect(sources.find((s: { id: string }) => s.id === 'westerhaven-maps').conformance).toEqual({ checkedAt: '2026-11-28T12:00:00Z', ...summary });
    expect(sources.find((s: { id: string }) => s.id === 'lindenau-archive').conformance).toBeNull();
  });

  it('reports health', async () => {
    const health = (await get('/healthz')).json();
    expect(health.status).toBe('ok');
    expect(health.records).toBeGreaterThan(500);
  });

  it('documents every route in the OpenAPI document, with their parameters', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of ROUTES) expect(doc.paths).toHaveProperty(r.url.replace(/:(\w+)/g, '{$1}'));
    const params = doc.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    for (const name of ['q', 'source', 'type', 'language', 'from', 'to', 'rights', 'media', 'issues', 'records', 'facets', 'limit', 'cursor']) expect(params).toContain(name);
    // What facet counts count is documented where clients read it.
    const facets = doc.paths['/api/search'].get.parameters.find((p: { name: string }) => p.name === 'facets');
    expect(facets.description).toMatch(/clusters.*records with records=true/);
    const docs = await get('/api/docs');
    expect(docs.type).toMatch(/text\/html/);
    expect(docs.body).toContain('/api/search');
    expect(docs.body).not.toMatch(/<script|https?:\/\/(?!127)/);
  });

  it('has no route that writes: POST, PUT and DELETE are refused and the catalogue is unchanged', async () => {
    const before = (await get('/healthz')).json().records;
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await get('/api/records/anything', { method, body: '{}', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(404);
    }
    expect((await get('/healthz')).json().records).toBe(before);
  });
});

describe('GET /api/export', () => {
  it('streams NDJSON with the filters', async () => {
    const res = await get('/api/export?source=westerhaven-maps');
    expect(res.type).toMatch(/application\/x-ndjson/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    const { sources } = (await get('/api/sources')).json();
    expect(lines).toHaveLength(sources.find((s: { id: string }) => s.id === 'westerhaven-maps').live);
    expect(lines.every((r: { source: { id: string } }) => r.source.id === 'westerhaven-maps')).toBe(true);
  });

  it('writes CSV with a BOM, JSON-LD and oai_dc on request', async () => {
    const csv = await get('/api/export?format=csv&bom=true&q=letter');
    expect(csv.type).toMatch(/text\/csv/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.slice(1).startsWith('id,source,')).toBe(true);
    const count = (await get('/api/export?q=letter')).body.trim().split('\n').length;
    expect(count).toBeGreaterThan(5);
    const jsonld = (await get('/api/export?format=jsonld&q=letter')).json();
    expect(jsonld['@context']).toEqual(['https://schema.org/', { entente: 'urn:entente:vocab#' }]);
    expect(jsonld['@graph']).toHaveLength(count);
    expect(jsonld['@graph'][0]['entente:cluster']).toMatchObject({ '@type': 'entente:Cluster', 'entente:size': 1 });
    const xml = await get('/api/export?format=oai_dc&q=letter');
    expect(xml.type).toMatch(/application\/xml/);
    expect(parseXml(xml.body).root.name).toBe('records');
  });

  it('refuses an unknown format with 400', async () => {
    const res = await get('/api/export?format=xlsx');
    expect(res.status).toBe(400);
    expect(res.json().error.parameter).toBe('format');
  });
});

describe('the web page', () => {
  it('is served at / with its script and style, from this server only', async () => {
    const page = await get('/');
    expect(page.type).toMatch(/text\/html/);
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    expect((await get('/app.js')).type).toMatch(/javascript/);
    expect((await get('/style.css')).type).toMatch(/text\/css/);
  });
});
