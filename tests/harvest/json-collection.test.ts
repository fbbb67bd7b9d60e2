// Harvesting IIIF Presentation collections (2.x and 3.0) from a real loopback server: nested
// sub-collections, paged 2.1 collections, cycles, the depth cap, manifests that 404, and a stop mid-run.

import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource, type SourceInput } from '../../src/config/load-config.js';
import type { HttpClient } from '../../src/http/client.js';
import { harvestSource, type HarvestEvent, type HarvestOptions } from '../../src/harvest/harvest-source.js';
import type { PagePool } from '../../src/harvest/page-pool.js';
import { renormaliseSource } from '../../src/harvest/renormalise.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { manifest, manifestPath } from '../protocols/helpers/iiif-fixtures.js';
import { startJsonServer, type JsonReply, type JsonServer } from '../protocols/helpers/json-server.js';
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

/** A v3 collection at /coll/NAME of sub-collections and manifest numbers. */
function v3(origin: string, name: string, children: (string | number)[]): Record<string, unknown> {
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: `${origin}/coll/${name}`,
    type: 'Collection',
    label: { en: [`Collection ${name}`] },
    items: children.map((c) =>
      typeof c === 'string' ? { id: `${origin}/coll/${c}`, type: 'Collection', label: { en: [c] } } : { id: origin + manifestPath(c), type: 'Manifest', label: { en: [`sheet ${c}`] } },
    ),
  };
}

/** A v2 collection, the way Villanova and Wellcome write them (collections, manifests, members). */
function v2(origin: string, name: string, collections: string[], manifests: number[]): Record<string, unknown> {
  return {
    '@context': 'http://iiif.io/api/presentation/2/context.json',
    '@id': `${origin}/coll/${name}`,
    '@type': 'sc:Collection',
    label: `Collection ${name}`,
    collections: collections.map((c) => ({ '@id': `${origin}/coll/${c}`, '@type': 'sc:Collection', label: c })),
    manifests: manifests.map((m) => ({ '@id': origin + manifestPath(m), '@type': 'sc:Manifest', label: `sheet ${m}` })),
  };
}

async function serve(collections: (origin: string) => Record<string, Record<string, unknown>>, options: { missing?: number[]; delayMs?: number } = {}): Promise<string> {
  server = await startJsonServer((req, origin): JsonReply | undefined => {
    const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
    if (m) return options.missing?.includes(Number(m[1])) ? undefined : { body: manifest(origin, Number(m[1])), ...(options.delayMs ? { delayMs: options.delayMs } : {}) };
    const c = /^\/coll\/(.+)$/.exec(req.path);
    const doc = c ? collections(origin)[c[1] as string] : undefined;
    return doc ? { body: doc } : undefined;
  });
  return `${server.origin}/coll/top`;
}

function source(url: string, extra: Partial<SourceInput> = {}) {
  return normaliseSource({ id: 'coll', protocol: 'iiif-collection', url, http: { retries: 1, retryBaseDelayMs: 5 }, iiif: { batchSize: 3 }, ...extra });
}

async function harvest(url: string, extra: Partial<SourceInput> = {}, opts: Partial<HarvestOptions> = {}) {
  const events: HarvestEvent[] = [];
  const result = await harvestSource(source(url, extra), { catalogue, http, pool, onEvent: (e) => events.push(e), ...opts });
  return { ...result, events };
}

function ids(): number[] {
  return [...catalogue.localIds('coll').keys()].map((id) => Number(/\/iiif\/(\d+)\//.exec(id)?.[1])).sort((a, b) => a - b);
}

describe('IIIF collection harvest', () => {
  it('follows v3 sub-collections depth first and stores each manifest as a record', async () => {
    const url = await serve((o) => ({ top: v3(o, 'top', [1, 'a', 2, 'b']), a: v3(o, 'a', [3, 4, 'a1']), a1: v3(o, 'a1', [5]), b: v3(o, 'b', [6, 7, 8, 9]) }));
    const { run } = await harvest(url);
    expect(run.error).toBeNull();
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Collections give no change dates: records are stamped with the harvest time, and valid.
    expect(run.counts.invalid).toBe(0);
    const rec = JSON.parse([...catalogue.exportRecords({ sourceId: 'coll' })][0] as string) as NormalisedRecord;
    expect(rec.source.format).toBe('iiif-v3');
    expect(rec.title[0]?.value).toMatch(/^Harbour map, sheet \d$/);
    expect(catalogue.getCheckpoint('coll')).toBeUndefined();
    // The stored manifests are the raw payloads: renormalising from them reproduces every record.
    expect(renormaliseSource(catalogue, 'coll')).toMatchObject({ records: 9, changed: 0, failed: 0 });
  });

  it('reads v2 collections (collections, manifests) and paged 2.1 collections (first/next)', async () => {
    const url = await serve((o) => ({
      top: v2(o, 'top', ['paged'], [1]),
      paged: { '@context': 'http://iiif.io/api/presentation/2/context.json', '@id': `${o}/coll/paged`, '@type': 'sc:Collection', total: 4, first: `${o}/coll/paged-p1` },
      'paged-p1': { '@id': `${o}/coll/paged-p1`, '@type': 'sc:Collection', next: `${o}/coll/paged-p2`, manifests: [{ '@id': o + manifestPath(2), '@type': 'sc:Manifest' }, { '@id': o + manifestPath(3), '@type': 'sc:Manifest' }] },
      'paged-p2': { '@id': `${o}/coll/paged-p2`, '@type': 'sc:Collection', members: [{ '@id': o + manifestPath(4), '@type': 'sc:Manifest' }, { '@id': o + manifestPath(5), '@type': 'sc:Manifest' }] },
    }));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops a paged collection whose last page links back to the collection, before anything is read twice', async () => {
    const url = await serve((o) => ({
      top: { '@context': 'http://iiif.io/api/presentation/2/context.json', '@id': `${o}/coll/top`, '@type': 'sc:Collection', first: `${o}/coll/top-p1` },
      'top-p1': { '@id': `${o}/coll/top-p1`, '@type': 'sc:Collection', next: `${o}/coll/top-p2`, manifests: [{ '@id': o + manifestPath(1), '@type': 'sc:Manifest' }, { '@id': o + manifestPath(2), '@type': 'sc:Manifest' }] },
      'top-p2': { '@id': `${o}/coll/top-p2`, '@type': 'sc:Collection', next: `${o}/coll/top`, manifests: [{ '@id': o + manifestPath(3), '@type': 'sc:Manifest' }] },
    }));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_JSON_NEXT_LOOP');
    expect(run.counts.seen).toBe(3);
    expect(ids()).toEqual([1, 2, 3]);
  });

  it('does not follow a cycle or go deeper than maxDepth, and says so', async () => {
    const url = await serve((o) => ({ top: v3(o, 'top', [1, 'a']), a: v3(o, 'a', [2, 'top', 'b']), b: v3(o, 'b', [3, 'c']), c: v3(o, 'c', [4]) }));
    const { run, events } = await harvest(url, { iiif: { maxDepth: 2 } });
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3]);
    const notices = events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
    expect(notices.some((m) => /^Cycle: .*\/coll\/a includes .*\/coll\/top/.test(m))).toBe(true);
    expect(notices.some((m) => /\/coll\/c is deeper than iiif.maxDepth \(2\)/.test(m))).toBe(true);
  });

  it('records a manifest that answers 404 as an issue and keeps the rest', async () => {
    const url = await serve((o) => ({ top: v3(o, 'top', [1, 2, 3, 4]) }), { missing: [3] });
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3, 4]);
    const bad = [...catalogue.exportRecords({ sourceId: 'coll', issueCode: 'OBJECT_UNAVAILABLE' })].map((j) => JSON.parse(j) as NormalisedRecord);
    expect(bad.map((r) => r.source.localId)).toEqual([server!.origin + manifestPath(3)]);
  });

  it('turns what a collection no longer lists into tombstones after a complete walk, but not what failed to load', async () => {
    let listed = [1, 2, 3, 4, 5];
    let missing: number[] = [];
    server = await startJsonServer((req, origin): JsonReply | undefined => {
      const m = /^\/iiif\/(\d+)\/manifest$/.exec(req.path);
      if (m) return missing.includes(Number(m[1])) ? undefined : { body: manifest(origin, Number(m[1])) };
      return req.path === '/coll/top' ? { body: v3(origin, 'top', listed) } : undefined;
    });
    const url = `${server.origin}/coll/top`;
    expect((await harvest(url)).run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3, 4, 5]);

    // 4 is no longer listed; 2 is listed but does not load this time.
    listed = [1, 2, 3, 5];
    missing = [2];
    const second = await harvest(url);
    expect(second.run.outcome).toBe('ok');
    expect(ids()).toEqual([1, 2, 3, 4, 5]); // a failed object keeps the walk from judging what is gone
    expect(second.run.counts.deleted).toBe(0);

    missing = [];
    const third = await harvest(url);
    expect(third.run).toMatchObject({ outcome: 'ok', mode: 'full' });
    expect(third.run.counts.deleted).toBe(1);
    expect(ids()).toEqual([1, 2, 3, 5]);
    expect(third.events.some((e) => e.type === 'notice' && /1 record\(s\) no longer listed/.test(e.message))).toBe(true);
    const tombstone = [...catalogue.exportRecords({ sourceId: 'coll', includeDeleted: true })].map((j) => JSON.parse(j) as { deleted: boolean; source: { localId: string } }).find((r) => r.source.localId.endsWith(manifestPath(4)));
    expect(tombstone?.deleted).toBe(true);

    // Listed again: back as a live record.
    listed = [1, 2, 3, 4, 5];
    expect((await harvest(url)).run.counts).toMatchObject({ deleted: 0 });
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a top URL that is not a collection', async () => {
    server = await startJsonServer((_req, o) => ({ body: manifest(o, 1) }));
    const { run } = await harvest(`${server.origin}/coll/top`);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_IIIF_NOT_COLLECTION');
  });

  it('commits what it has when stopped and resumes inside the nested collection', async () => {
    const url = await serve((o) => ({ top: v3(o, 'top', [1, 'a', 20]), a: v3(o, 'a', Array.from({ length: 15 }, (_, i) => 2 + i)) }), { delayMs: 5 });
    const controller = new AbortController();
    const first = await harvest(url, {}, { signal: controller.signal, commitRecords: 3, onProgress: (p) => p.records >= 4 && controller.abort() });
    expect(first.run.outcome).toBe('aborted');
    const kept = ids().length;
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(17);
    expect(JSON.parse(catalogue.getCheckpoint('coll')?.token ?? '{}').frames).toHaveLength(2);
    const second = await harvest(url);
    expect(second.run.outcome).toBe('ok');
    expect(second.run.mode).toBe('resume');
    expect(ids()).toEqual([1, ...Array.from({ length: 15 }, (_, i) => 2 + i), 20]);
    expect(second.run.counts.seen).toBeLessThan(17);
  });
});
