// Harvesting a IIIF Change Discovery stream from a real loopback server into real SQLite files:
// full and incremental runs, newest activity per object, tombstones, and the faults the issue
// names (404 manifests, 429 with Retry-After, non-JSON pages, repeating pages, a stop mid-run).

import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource, type SourceInput } from '../../src/config/load-config.js';
import type { HttpClient } from '../../src/http/client.js';
import { harvestSource, type HarvestEvent, type HarvestOptions } from '../../src/harvest/harvest-source.js';
import type { PagePool } from '../../src/harvest/page-pool.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { discoveryStream, manifest, manifestPath, minute, type StreamActivity } from '../protocols/helpers/iiif-fixtures.js';
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

/** A stream server whose activities (and manifest versions) can change between runs; `fault` can replace any answer. */
interface Stream {
  activities: StreamActivity[];
  pageSize: number;
  /** Objects whose manifest answers 404. */
  missing: Set<number>;
  version: Map<number, number>;
  fault?: (req: JsonRequest) => JsonReply | undefined;
}

async function serveStream(stream: Stream): Promise<string> {
  server = await startJsonServer((req, origin) => {
    const f = stream.fault?.(req);
    if (f) return f;
    const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
    if (m) {
      const k = Number(m[1]);
      return stream.missing.has(k) ? undefined : { body: manifest(origin, k, stream.version.get(k) ?? 1) };
    }
    const doc = discoveryStream(origin, stream.activities, stream.pageSize).get(req.path);
    return doc === undefined ? undefined : { body: doc };
  });
  return `${server.origin}/activity/all-changes`;
}

function source(url: string, extra: Partial<SourceInput> = {}) {
  return normaliseSource({ id: 'disc', protocol: 'iiif-discovery', url, http: { retries: 2, retryBaseDelayMs: 5 }, iiif: { batchSize: 4 }, ...extra });
}

async function harvest(url: string, extra: Partial<SourceInput> = {}, opts: Partial<HarvestOptions> = {}) {
  const events: HarvestEvent[] = [];
  const result = await harvestSource(source(url, extra), { catalogue, http, pool, onEvent: (e) => events.push(e), ...opts });
  return { ...result, events };
}

function ids(includeDeleted = false): number[] {
  return [...catalogue.localIds('disc', { includeDeleted }).keys()].map((id) => Number(/\/iiif\/(\d+)\//.exec(id)?.[1])).sort((a, b) => a - b);
}

function record(k: number): NormalisedRecord {
  const found = [...catalogue.exportRecords({ sourceId: 'disc', includeDeleted: true })].map((j) => JSON.parse(j) as NormalisedRecord).find((r) => r.source.localId.endsWith(manifestPath(k)));
  if (!found) throw new Error(`no record for object ${k}`);
  return found;
}

function creates(count: number, start = 1): StreamActivity[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'Create' as const, object: start + i, endTime: minute(start + i) }));
}

/**
 * Twenty objects created, in pages of 5, harvested in full (which must succeed); then the
 * `changes` are appended to the stream, timed with `at(i)`: i minutes after a minute from now.
 */
async function changedAfterFullHarvest(changes: (at: (i: number) => string) => StreamActivity[]) {
  const stream: Stream = { activities: creates(20), pageSize: 5, missing: new Set(), version: new Map() };
  const url = await serveStream(stream);
  const full = await harvest(url);
  expect(full.run.outcome).toBe('ok');
  const later = Date.now() + 60_000;
  const at = (i: number): string => minute(i, later);
  stream.activities.push(...changes(at));
  return { stream, url, full, at };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('IIIF Change Discovery harvest', () => {
  it('walks the stream forwards, fetches each manifest and stores it normalised', async () => {
    const stream: Stream = { activities: [...creates(20), { type: 'Update', object: 3, endTime: minute(30) }, { type: 'Delete', object: 7, endTime: minute(31) }], pageSize: 8, missing: new Set(), version: new Map([[3, 2]]) };
    const url = await serveStream(stream);
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(run.mode).toBe('full');
    expect(ids()).toEqual(range(1, 20).filter((k) => k !== 7));
    expect(ids(true)).toEqual(range(1, 20));
    expect(run.counts.deleted).toBe(1);
    expect(run.counts.invalid).toBe(0);
    expect(catalogue.getCheckpoint('disc')).toBeUndefined();
    const r3 = record(3);
    expect(r3.title[0]?.value).toBe('Harbour map, sheet 3 (revision 2)');
    expect(record(5).source.datestamp).toBe(minute(5));
    expect(r3.source.format).toBe('iiif-v3');
    expect(r3.isShownAt).toBe('https://museum.example.org/objects/3');
    expect(record(7).deleted).toBe(true);
    // The raw payload is the manifest text as served.
    const raw = catalogue.rawPayload('disc', `${server!.origin}${manifestPath(5)}`);
    expect(JSON.parse(raw!.payload)).toEqual(manifest(server!.origin, 5));
    // The next incremental run starts from the server's clock (its Date header) at this run's start.
    expect(catalogue.getSource('disc')?.nextFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('walks backwards from last on an incremental run, stops at older activities, and counts only the newest activity per object', async () => {
    const { stream, url } = await changedAfterFullHarvest((at) => [
      { type: 'Update', object: 2, endTime: at(0) },
      { type: 'Delete', object: 4, endTime: at(1) },
      { type: 'Create', object: 21, endTime: at(2) },
      { type: 'Update', object: 2, endTime: at(3) },
    ]);
    stream.version.set(2, 3);
    const before = server!.requests.length;
    const { run } = await harvest(url);
    const asked = server!.requests.slice(before).map((r) => r.path);
    expect(run.error).toBeNull();
    expect(run.outcome).toBe('ok');
    expect(run.mode).toBe('incremental');
    expect(ids()).toEqual([...range(1, 21)].filter((k) => k !== 4));
    expect(record(4).deleted).toBe(true);
    expect(record(2).title[0]?.value).toBe('Harbour map, sheet 2 (revision 3)');
    // Object 2 changed twice: fetched once. Old pages are never read.
    expect(asked.filter((p) => p === manifestPath(2))).toHaveLength(1);
    expect(asked).not.toContain('/activity/page-0');
    expect(asked).not.toContain(manifestPath(1));
    expect(run.counts.new).toBe(1);
    expect(run.counts.deleted).toBe(1);
  });

  it('notices a page whose activities are out of endTime order, walking backwards too (an incremental run could stop before a change)', async () => {
    // The new last page lists its second and third changes the wrong way round.
    const { url, full, at } = await changedAfterFullHarvest((at) => [
      { type: 'Update', object: 2, endTime: at(0) },
      { type: 'Update', object: 3, endTime: at(2) },
      { type: 'Update', object: 5, endTime: at(1) },
      { type: 'Create', object: 21, endTime: at(3) },
    ]);
    expect(full.events.filter((e) => e.type === 'notice')).toEqual([]);
    const { run, events } = await harvest(url);
    expect(run.mode).toBe('incremental');
    const notices = events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
    expect(notices).toEqual([expect.stringMatching(new RegExp(`^1 activity of .*/activity/page-4 is out of endTime order \\(the Update of .*/iiif/3/manifest at ${at(2)} comes after ${at(1)}\\)`))]);
  });

  it('after a Refresh, walking backwards, only looks for deletions', async () => {
    const stream: Stream = { activities: creates(4), pageSize: 3, missing: new Set(), version: new Map() };
    const url = await serveStream(stream);
    expect((await harvest(url)).run.outcome).toBe('ok');
    const later = Date.now() + 60_000;
    stream.activities.push(
      { type: 'Create', object: 5, endTime: minute(0, later) },
      { type: 'Delete', object: 1, endTime: minute(1, later) },
      { type: 'Refresh', object: 0, endTime: minute(2, later) },
      { type: 'Create', object: 6, endTime: minute(3, later) },
    );
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    // Object 6 came after the Refresh; object 5 before it (not fetched); the deletion of 1 still counts.
    expect(ids()).toEqual([2, 3, 4, 6]);
    expect(ids(true)).toEqual([1, 2, 3, 4, 6]);
  });

  it('records a manifest that answers 404 as an issue, and never overwrites a stored record with it', async () => {
    const stream: Stream = { activities: creates(6), pageSize: 10, missing: new Set([5]), version: new Map() };
    const url = await serveStream(stream);
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual(range(1, 6));
    const r5 = record(5);
    expect(r5.issues.map((i) => i.code)).toContain('OBJECT_UNAVAILABLE');
    expect(r5.issues.find((i) => i.code === 'OBJECT_UNAVAILABLE')?.message).toMatch(/HTTP 404/);
    expect([...catalogue.exportRecords({ sourceId: 'disc', issueCode: 'OBJECT_UNAVAILABLE' })]).toHaveLength(1);
    // Object 3 disappears for a while: its update must not replace what was harvested.
    stream.missing = new Set([3]);
    stream.activities.push({ type: 'Update', object: 3, endTime: minute(0, Date.now() + 60_000) });
    const second = await harvest(url);
    expect(second.run.outcome).toBe('ok');
    expect(record(3).title[0]?.value).toBe('Harbour map, sheet 3');
    expect(second.events.some((e) => e.type === 'notice' && /stored record was kept/.test(e.message))).toBe(true);
  });

  it('waits as a 429 Retry-After asks, then carries on', async () => {
    let limited = 0;
    const stream: Stream = {
      activities: creates(6),
      pageSize: 3,
      missing: new Set(),
      version: new Map(),
      fault: (req) => (req.path === '/activity/page-1' && limited++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } } : undefined),
    };
    const url = await serveStream(stream);
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual(range(1, 6));
    const retry = events.find((e) => e.type === 'retry');
    expect(retry && retry.type === 'retry' ? retry.delayMs : 0).toBe(1000);
  });

  it('stops on a page that stays HTML, keeps what was committed, and resumes there', async () => {
    let broken = true;
    const stream: Stream = {
      activities: creates(12),
      pageSize: 4,
      missing: new Set(),
      version: new Map(),
      fault: (req) => (broken && req.path === '/activity/page-2' ? { body: '<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>' } : undefined),
    };
    const url = await serveStream(stream);
    const first = await harvest(url);
    expect(first.run.outcome).toBe('failed');
    expect(first.run.error?.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(first.run.error?.message).toMatch(/HTML or XML page came instead of JSON.*Down for maintenance/);
    expect((first.run.error?.context as Record<string, unknown>).lastCode).toBe('ERR_JSON_NOT_JSON');
    expect(ids()).toEqual(range(1, 8));
    expect(catalogue.getCheckpoint('disc')?.token).toContain('page-2');
    broken = false;
    const before = server!.requests.length;
    const second = await harvest(url);
    expect(second.run.outcome).toBe('ok');
    expect(second.run.mode).toBe('resume');
    expect(ids()).toEqual(range(1, 12));
    expect(server!.requests.slice(before).map((r) => r.path)).not.toContain('/activity/page-0');
  });

  it('stops a stream whose pages link in a loop', async () => {
    const stream: Stream = { activities: creates(9), pageSize: 3, missing: new Set(), version: new Map() };
    stream.fault = (req) => {
      if (req.path !== '/activity/page-2') return undefined;
      const page = discoveryStream(server!.origin, stream.activities, 3).get('/activity/page-2') as Record<string, unknown>;
      return { body: { ...page, next: { id: `${server!.origin}/activity/page-1`, type: 'OrderedCollectionPage' } } };
    };
    const url = await serveStream(stream);
    const { run } = await harvest(url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_JSON_NEXT_LOOP');
    expect(ids()).toEqual(range(1, 9));
  });

  it('fetches the objects of a batch concurrently on their own host, within the source politeness', async () => {
    let inFlight = 0;
    let most = 0;
    const objects = await startJsonServer(async (req, origin) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return { body: manifest(origin, Number(req.path.split('/')[2])) };
    });
    try {
      const activities = creates(12).map((a) => ({ type: 'Create', object: { id: `${objects.origin}${manifestPath(a.object)}`, type: 'Manifest' }, endTime: a.endTime }));
      server = await startJsonServer((req, origin) =>
        req.path === '/stream'
          ? { body: { type: 'OrderedCollection', first: { id: `${origin}/page` }, last: { id: `${origin}/page` } } }
          : req.path === '/page'
            ? { body: { type: 'OrderedCollectionPage', orderedItems: activities } }
            : undefined,
      );
      const { run } = await harvest(`${server.origin}/stream`, { politeness: { concurrency: 3, minIntervalMs: 0 }, iiif: { batchSize: 6 } });
      expect(run.outcome).toBe('ok');
      expect(ids()).toEqual(range(1, 12));
      expect(most).toBe(3);
    } finally {
      await objects.close();
    }
  });

  it("harvests the Linked Art description an object names in seeAlso, keeping the object's id (unless told not to)", async () => {
    const linkedArt = (origin: string, k: number): Record<string, unknown> => ({
      '@context': 'https://linked.art/ns/v1/linked-art.json',
      id: `${origin}/la/${k}`,
      type: 'HumanMadeObject',
      _label: `Object ${k}`,
      identified_by: [{ type: 'Name', content: `Linked Art title ${k}`, classified_as: [{ id: 'http://vocab.getty.edu/aat/300404670', type: 'Type', _label: 'Primary Name' }] }],
    });
    server = await startJsonServer((req, origin) => {
      const la = /^\/la\/(\d+)$/.exec(req.path);
      if (la) return { body: linkedArt(origin, Number(la[1])) };
      const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
      if (m) return { body: manifest(origin, Number(m[1])) };
      const doc = discoveryStream(origin, creates(3), 10).get(req.path) as { orderedItems?: { object: Record<string, unknown> }[] } | undefined;
      // Objects 1 and 2 name a Linked Art description (by profile, and by a profile in format); 3 names a MODS record.
      for (const item of doc?.orderedItems ?? []) {
        const k = Number(String(item.object.id).split('/')[4]);
        item.object.seeAlso =
          k === 1
            ? [{ id: `${origin}/la/1`, type: 'Dataset', format: 'application/ld+json', profile: 'https://linked.art/ns/v1/linked-art.json' }]
            : k === 2
              ? { '@id': `${origin}/la/2`, format: 'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"' }
              : [{ id: `${origin}/mods/3`, format: 'application/mods+xml' }];
      }
      return doc === undefined ? undefined : { body: doc };
    });
    const url = `${server.origin}/activity/all-changes`;
    const records = (): NormalisedRecord[] => [...catalogue.exportRecords({ sourceId: 'disc' })].map((j) => JSON.parse(j) as NormalisedRecord).sort((a, b) => a.source.localId.localeCompare(b.source.localId));
    expect((await harvest(url)).run.outcome).toBe('ok');
    expect(records().map((r) => [r.source.localId.replace(server!.origin, ''), r.source.format, r.title[0]?.value])).toEqual([
      ['/iiif/1/manifest', 'linked-art', 'Linked Art title 1'],
      ['/iiif/2/manifest', 'linked-art', 'Linked Art title 2'],
      ['/iiif/3/manifest', expect.stringMatching(/^iiif-v[23]$/), expect.any(String)],
    ]);
    expect((await harvest(url, { iiif: { batchSize: 4, followSeeAlso: false } }, { full: true })).run.outcome).toBe('ok');
    expect(records().map((r) => r.source.format)).toEqual([expect.stringMatching(/^iiif-v[23]$/), expect.stringMatching(/^iiif-v[23]$/), expect.stringMatching(/^iiif-v[23]$/)]);
  });

  it('refuses a URL that is not a Change Discovery collection, naming what it found', async () => {
    server = await startJsonServer(() => ({ body: { '@context': 'http://iiif.io/api/presentation/3/context.json', type: 'Manifest', id: 'x' } }));
    const { run } = await harvest(`${server.origin}/not-a-stream`);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_IIIF_NOT_DISCOVERY');
    expect(run.error?.message).toMatch(/type is Manifest/);
  });

  it('commits the current group with its checkpoint when stopped, ends aborted, and the next run resumes', async () => {
    const stream: Stream = { activities: creates(40), pageSize: 10, missing: new Set(), version: new Map() };
    stream.fault = (req) => (req.path.startsWith('/iiif/') ? { body: manifest(server!.origin, Number(req.path.split('/')[2])), delayMs: 5 } : undefined);
    const url = await serveStream(stream);
    const controller = new AbortController();
    const first = await harvest(url, {}, { signal: controller.signal, commitRecords: 4, onProgress: (p) => p.records >= 8 && controller.abort() });
    expect(first.run.outcome).toBe('aborted');
    expect(first.run.error?.code).toBe('ERR_ABORTED');
    const kept = ids().length;
    expect(kept).toBeGreaterThanOrEqual(8);
    expect(kept).toBeLessThan(40);
    expect(catalogue.getCheckpoint('disc')).toBeDefined();
    const second = await harvest(url);
    expect(second.run.outcome).toBe('ok');
    expect(second.run.mode).toBe('resume');
    expect(ids()).toEqual(range(1, 40));
    expect(second.run.counts.seen).toBeLessThanOrEqual(40 - kept + 4);
  });
});
