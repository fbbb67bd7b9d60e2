// Search over real harvested catalogues: ranking, query syntax, filters, facets, cursor paging,
// tombstones and updates kept in sync by the triggers, and one hit per cluster.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { EntenteError } from '../../src/errors.js';
import { parseFilters } from '../../src/search/filters.js';
import { createSearcher, type SearchHit, type SearchRequest, type Searcher } from '../../src/search/search.js';
import { tempDir } from '../helpers/tmp.js';
import { dcProvider, dcRecord, harvestDemo, harvestInto } from './harvested.js';

const dir = tempDir('entente-search-');
afterAll(() => dir.remove());

const RECORDS = [
  dcRecord('oai:t:1', { title: 'Symphony no. 9 From the New World', creator: 'Dvořák, Antonín', date: '1893', type: 'Sound', language: 'cze', rights: 'http://creativecommons.org/publicdomain/mark/1.0/' }),
  dcRecord('oai:t:2', { title: 'Letters of a composer', description: 'Letters by Antonín Dvořák to his publisher Simrock', date: '1880-1890', type: 'Text', language: 'ger', rights: 'http://rightsstatements.org/vocab/InC/1.0/' }),
  dcRecord('oai:t:3', { title: 'Map of Bohemia', subject: 'Cartography', date: '1720', type: 'Image', language: 'lat', identifier: 'https://example.org/bohemia.jpg' }),
  dcRecord('oai:t:4', { title: 'Map of Moravia', subject: ['Cartography', 'Moravia'], date: 'ca. 1750', type: 'Image', language: 'lat', rights: 'http://creativecommons.org/licenses/by-nc/4.0/' }),
  dcRecord('oai:t:5', { title: 'Photograph of the old town square', creator: 'Šechtl, Josef Jindřich', date: '1905', type: 'StillImage', coverage: 'Tábor' }),
  dcRecord('oai:t:6', { title: 'State-of-the-art printing', description: 'A printer\u2019s manual', date: '1905', type: 'Text', language: 'eng' }),
];

let catalogue: Catalogue;
let searcher: Searcher;
const ids = (req: SearchRequest): string[] => searcher.search(req).hits.map((h) => h.record.source.localId);

/** Every hit of a query, page after page by cursor, until the last page or `max` hits. */
function allHits(s: Searcher, req: SearchRequest, max = Infinity): SearchHit[] {
  const hits: SearchHit[] = [];
  let cursor: string | undefined;
  do {
    const p = s.search({ ...req, ...(cursor ? { cursor } : {}) });
    hits.push(...p.hits);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && hits.length < max);
  return hits;
}

beforeAll(async () => {
  catalogue = await harvestInto(dir.file('small.sqlite'), { t: dcProvider(RECORDS) });
  searcher = createSearcher(catalogue.db);
});
afterAll(() => catalogue.close());

describe('full-text search', () => {
  it('finds Dvořák typed without diacritics, ranking the title-and-creator match first', () => {
    expect(ids({ q: 'dvorak' })).toEqual(['oai:t:1', 'oai:t:2']);
    expect(ids({ q: 'DVOŘÁK' })).toEqual(['oai:t:1', 'oai:t:2']);
  });

  it('ranks a title match above a description match', () => {
    // "letters" is in 2's title and description; nowhere else.
    expect(ids({ q: 'publisher' })).toEqual(['oai:t:2']);
    const hits = searcher.search({ q: 'composer OR publisher' }).hits;
    expect(hits).toHaveLength(0); // OR is a word here, and no record has all three
  });

  it('supports phrases, exclusions, fields and prefixes', () => {
    expect(ids({ q: '"new world"' })).toEqual(['oai:t:1']);
    expect(ids({ q: '"world new"' })).toEqual([]);
    expect(ids({ q: 'map -moravia' })).toEqual(['oai:t:3']);
    expect(ids({ q: 'subject:cartography' }).sort()).toEqual(['oai:t:3', 'oai:t:4']);
    expect(ids({ q: 'title:cartography' })).toEqual([]);
    expect(ids({ q: 'creator:sechtl' })).toEqual(['oai:t:5']);
    expect(ids({ q: 'morav*' })).toEqual(['oai:t:4']);
    expect(ids({ q: 'state-of-the-art' })).toEqual(['oai:t:6']);
    expect(ids({ q: 'tabor' })).toEqual(['oai:t:5']);
  });

  it('lists everything but the excluded with an exclusion-only query', () => {
    expect(ids({ q: '-map', records: true }).sort()).toEqual(['oai:t:1', 'oai:t:2', 'oai:t:5', 'oai:t:6']);
  });

  it('never throws on hostile query text', () => {
    for (const q of ['"', 'NEAR(', '*', '-', 'title:', "'); DROP TABLE records; --", '{title}:x', '^a', '\u0000']) {
      expect(() => searcher.search({ q, facets: true })).not.toThrow();
    }
    expect(catalogue.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 6 });
  });
});

describe('filters', () => {
  it('filters by type, language, rights, media and year overlap', () => {
    expect(ids({ filters: parseFilters({ type: 'image' }) }).sort()).toEqual(['oai:t:3', 'oai:t:4']);
    expect(ids({ filters: parseFilters({ language: 'lat,ces' }) }).sort()).toEqual(['oai:t:1', 'oai:t:3', 'oai:t:4']);
    expect(ids({ filters: parseFilters({ rights: 'open' }) })).toEqual(['oai:t:1']);
    expect(ids({ filters: parseFilters({ rights: ['restricted'] }) }).sort()).toEqual(['oai:t:2', 'oai:t:4']);
    expect(ids({ filters: parseFilters({ rights: 'unknown' }) }).sort()).toEqual(['oai:t:3', 'oai:t:5', 'oai:t:6']);
    // 1880-1890 overlaps 1885..1885; 1893 does not.
    expect(ids({ filters: parseFilters({ from: '1885', to: '1885' }) })).toEqual(['oai:t:2']);
    expect(ids({ filters: parseFilters({ from: 1890 }) }).sort()).toEqual(['oai:t:1', 'oai:t:2', 'oai:t:5', 'oai:t:6']);
    expect(ids({ q: 'map', filters: parseFilters({ to: '1730' }) })).toEqual(['oai:t:3']);
  });

  it('names the parameter of a bad filter', () => {
    for (const [raw, parameter] of [[{ from: 'x' }, 'from'], [{ type: 'Poster' }, 'type'], [{ rights: 'free' }, 'rights'], [{ from: '1900', to: '1800' }, 'from'], [{ language: 'english' }, 'language'], [{ media: 'maybe' }, 'media']] as const) {
      try {
        parseFilters(raw);
        expect.unreachable();
      } catch (err) {
        expect((err as EntenteError).code).toBe('ERR_QUERY_PARAMETER');
        expect((err as EntenteError).context.parameter).toBe(parameter);
      }
    }
  });
});

describe('facets', () => {
  it('counts source, type, language, rights and decades for the current query', () => {
    const all = searcher.search({ facets: true }).facets!;
    expect(all.source).toEqual([{ value: 't', count: 6 }]);
    expect(all.type).toEqual([{ value: 'Image', count: 2 }, { value: 'Text', count: 2 }, { value: 'Sound', count: 1 }, { value: 'StillImage', count: 1 }]);
    expect(all.rights).toEqual([{ value: 'unknown', count: 3 }, { value: 'restricted', count: 2 }, { value: 'open', count: 1 }]);
    expect(all.decade.map((d) => d.value)).toEqual(['1720', '1750', '1880', '1890', '1900']);
    const maps = searcher.search({ q: 'map', facets: true }).facets!;
    expect(maps.type).toEqual([{ value: 'Image', count: 2 }]);
    expect(maps.language).toEqual([{ value: 'lat', count: 2 }]);
  });
});

describe('paging', () => {
  it('walks every hit once, in a stable order, by cursor', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = searcher.search({ q: '-nothingmatchesthis', limit: 4, records: true, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(6);
      seen.push(...page.hits.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(6);
  });

  it('refuses a forged cursor and a limit over the cap', () => {
    expect(() => searcher.search({ cursor: 'bm90IGEgY3Vyc29y' })).toThrow(/cursor/);
    expect(() => searcher.search({ limit: 1000 })).toThrow(/limit/);
  });
});

describe('the index follows the write path', () => {
  it('drops tombstones and re-indexes changed records on the next harvest', async () => {
    const provider = dcProvider(RECORDS);
    const path = dir.file('sync.sqlite');
    const first = await harvestInto(path, { t: provider });
    first.close();
    provider.markDeleted('oai:t:3', '2024-02-01');
    provider.upsert(dcRecord('oai:t:4', { title: 'Map of Silesia', date: '1760', type: 'Image' }, '2024-02-01'));
    const again = await harvestInto(path, { t: provider }, {}, true);
    try {
      const s = createSearcher(again.db);
      const local = (q: string): string[] => s.search({ q }).hits.map((h) => h.record.source.localId);
      expect(local('bohemia')).toEqual([]);
      expect(local('moravia')).toEqual([]);
      expect(local('silesia')).toEqual(['oai:t:4']);
      expect(s.search({}).total).toBe(5);
      expect(again.db.prepare('SELECT count(*) AS n FROM search_meta').get()).toEqual({ n: 5 });
    } finally {
      again.close();
    }
  });
});

describe('renormalise', () => {
  it('re-indexes records whose normalised form is replaced', async () => {
    const c = await harvestInto(dir.file('renorm.sqlite'), { t: dcProvider(RECORDS.slice(0, 2)) });
    try {
      const row = c.db.prepare("SELECT id, record FROM records WHERE local_id = 'oai:t:1'").get() as { id: string; record: string };
      const record = JSON.parse(row.record) as { title: { value: string }[] };
      record.title = [{ value: 'Rusalka, lyric fairy tale' }];
      c.replaceNormalised([{ id: row.id, record: JSON.stringify(record), issueCount: 0, errorCount: 0 }]);
      const s = createSearcher(c.db);
      expect(s.search({ q: 'rusalka' }).hits.map((h) => h.id)).toEqual([row.id]);
      expect(s.search({ q: 'title:symphony' }).total).toBe(0);
    } finally {
      c.close();
    }
  });
});

describe('one hit per cluster', () => {
  let demo: Catalogue;
  beforeAll(async () => {
    demo = await harvestDemo(dir.file('demo.sqlite'));
  });
  afterAll(() => demo.close());

  it('returns singletons as their own clusters when no cluster is stored', () => {
    const s = createSearcher(demo.db);
    const r = s.search({ q: 'letter', limit: 5 });
    expect(r.total).toBeGreaterThan(5);
    for (const hit of r.hits) {
      expect(hit).toMatchObject({ kind: 'cluster', size: 1 });
      expect(hit.id).toBe(hit.recordId);
    }
  });

  it('collapses the members of a stored cluster into one hit with its merged view and size', () => {
    const db = demo.db;
    const s0 = createSearcher(db);
    const [a, b] = s0.search({ q: 'letter', records: true, limit: 2 }).hits;
    const recordsTotal = s0.search({ q: 'letter', records: true }).total;
    const clusterId = [a!.id, b!.id].sort()[0]!;
    db.prepare("INSERT INTO clusters (id, size, merged, rules, updated_at) VALUES (?, 2, ?, '[\"fuzzy\"]', '2026-01-01')").run(clusterId, JSON.stringify({ title: { value: { value: 'Merged letter' }, from: a!.id }, sources: [] }));
    const member = db.prepare("INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, ?, 1, ?)");
    member.run(a!.id, clusterId, 'seed', null);
    member.run(b!.id, clusterId, 'fuzzy', a!.id);
    try {
      const s = createSearcher(db);
      const clustered = s.search({ q: 'letter', limit: 3 });
      expect(clustered.total).toBe(recordsTotal - 1);
      expect(clustered.hits[0]).toMatchObject({ id: clusterId, recordId: a!.id, size: 2 });
      expect(clustered.hits[0]?.merged?.title?.value.value).toBe('Merged letter');
      expect(clustered.hits.map((h) => h.recordId)).not.toContain(b!.id);
      // Walking every page never shows the second member on its own.
      const all = allHits(s, { q: 'letter', limit: 7 }).map((h) => h.recordId);
      expect(all).toHaveLength(recordsTotal - 1);
      expect(all).not.toContain(b!.id);
      expect(new Set(all).size).toBe(all.length);
      // Per record, both are there.
      expect(s.search({ q: 'letter', records: true, limit: 2 }).hits.map((h) => h.id)).toEqual([a!.id, b!.id]);
    } finally {
      db.prepare('DELETE FROM cluster_members WHERE cluster_id = ?').run(clusterId);
      db.prepare('DELETE FROM clusters WHERE id = ?').run(clusterId);
    }
  });
});

describe('the two ways to a page', () => {
  // Few matches are ranked in one pass and paged in memory; many (past the total cap) by SQL
  // ORDER BY ... LIMIT per page. Forcing each with the cap, both must give the same pages.
  let demo: Catalogue;
  beforeAll(async () => {
    demo = await harvestDemo(dir.file('demo-paths.sqlite'));
    const db = demo.db;
    const hits = createSearcher(db).search({ q: 'letter', records: true, limit: 12 }).hits;
    // Cluster the 2nd with the 9th and the 4th with the 5th, so pages must skip later members.
    for (const [x, y] of [[hits[1]!.id, hits[8]!.id], [hits[3]!.id, hits[4]!.id]] as const) {
      const [a, b] = [x, y].sort() as [string, string];
      db.prepare("INSERT INTO clusters (id, size, merged, rules, updated_at) VALUES (?, 2, '{\"sources\":[]}', '[\"fuzzy\"]', '2026-01-01')").run(a);
      const member = db.prepare('INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, ?, 1, ?)');
      member.run(a, a, 'seed', null);
      member.run(b, a, 'fuzzy', a);
    }
  });
  afterAll(() => demo.close());

  const walk = (s: Searcher, req: SearchRequest): string[] => allHits(s, { ...req, limit: 3 }, 500).map((h) => `${h.id}/${h.recordId}/${h.size}`);

  it('gives the same hits in the same order, per cluster and per record', () => {
    const inMemory = createSearcher(demo.db);
    const bySql = createSearcher(demo.db, { totalCap: 1 });
    for (const req of [{ q: 'letter' }, { q: 'letter', records: true }, { q: 'letter', filters: parseFilters({ type: 'Text' }) }]) {
      const a = walk(inMemory, req);
      expect(a.length).toBeGreaterThan(6);
      expect(walk(bySql, req)).toEqual(a);
      expect(new Set(a).size).toBe(a.length);
    }
    // Facets too: from the rows already in memory, or from the index.
    for (const req of [{ q: 'letter' }, { q: 'letter', records: true }, { q: 'letter', filters: parseFilters({ language: 'eng' }) }]) {
      const a = inMemory.search({ ...req, facets: true });
      const b = bySql.search({ ...req, facets: true });
      expect(a.facets!.source.length).toBeGreaterThan(0);
      expect(b.facets).toEqual(a.facets);
      expect(b.total).toBe(a.total);
    }
    const clustered = walk(inMemory, { q: 'letter' });
    expect(clustered.filter((h) => h.endsWith('/2'))).toHaveLength(2);
    expect(clustered.length).toBe(walk(inMemory, { q: 'letter', records: true }).length - 2);
  });
});

describe('totals and facets in the unit of the hits', () => {
  // Two archives holding the same herbarium sheet (clustered by hand here, as dedupe would),
  // plus one other matching record in archive a, and one that does not match.
  let cat: Catalogue;
  let ids: Record<string, string>;
  beforeAll(async () => {
    cat = await harvestInto(dir.file('units.sqlite'), {
      a: dcProvider([
        dcRecord('oai:a:1', { title: 'Herbarium sheet of Leiden', date: '1720', type: 'Image', language: 'lat' }),
        dcRecord('oai:a:2', { title: 'Herbarium catalogue', date: '1850', type: 'Text', language: 'eng' }),
      ]),
      b: dcProvider([
        dcRecord('oai:b:1', { title: 'Herbarium sheet of Leiden', date: '1760', type: ['Image', 'Text'], language: 'lat' }),
        dcRecord('oai:b:2', { title: 'A treaty', date: '1760', type: 'Text', language: 'lat' }),
      ]),
    });
    const all = createSearcher(cat.db).search({ records: true, limit: 10 }).hits;
    ids = Object.fromEntries(all.map((h) => [h.record.source.localId, h.id]));
    const [x, y] = [ids['oai:a:1']!, ids['oai:b:1']!].sort() as [string, string];
    cat.db.prepare("INSERT INTO clusters (id, size, merged, rules, updated_at) VALUES (?, 2, '{\"sources\":[]}', '[\"fuzzy\"]', '2026-01-01')").run(x);
    const member = cat.db.prepare('INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, ?, 1, ?)');
    member.run(x, x, 'seed', null);
    member.run(y, x, 'fuzzy', x);
  });
  afterAll(() => cat.close());

  const counts = (list: { value: string; count: number }[]): Record<string, number> => Object.fromEntries(list.map((f) => [f.value, f.count]));

  it('counts clusters by default: a cluster once under each value any matching member has', () => {
    const r = createSearcher(cat.db).search({ q: 'herbarium', facets: true });
    expect(r.total).toBe(2);
    expect(r.hits).toHaveLength(2);
    const f = r.facets!;
    // Both members are Image and lat: the cluster counts once, not twice.
    expect(counts(f.type)).toEqual({ Image: 1, Text: 2 });
    expect(counts(f.language)).toEqual({ lat: 1, eng: 1 });
    expect(counts(f.source)).toEqual({ a: 2, b: 1 });
    expect(counts(f.rights)).toEqual({ unknown: 2 });
    expect(counts(f.decade)).toEqual({ 1720: 1, 1760: 1, 1850: 1 });
  });

  it('gives each value the total that filtering on it gives', () => {
    const s = createSearcher(cat.db);
    const f = s.search({ q: 'herbarium', facets: true }).facets!;
    for (const [name, filter] of [['type', 'type'], ['language', 'language'], ['source', 'source']] as const) {
      for (const { value, count } of f[name]) {
        expect(s.search({ q: 'herbarium', filters: parseFilters({ [filter]: value }) }).total, `${name}=${value}`).toBe(count);
      }
    }
  });

  it('shows a cluster once when paging one hit at a time', () => {
    const s = createSearcher(cat.db);
    const seen = allHits(s, { q: 'herbarium', limit: 1 }, 10).map((h) => h.id);
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(2);
  });

  it('counts records with records=true', () => {
    const r = createSearcher(cat.db).search({ q: 'herbarium', facets: true, records: true });
    expect(r.total).toBe(3);
    expect(counts(r.facets!.type)).toEqual({ Image: 2, Text: 2 });
    expect(counts(r.facets!.language)).toEqual({ lat: 2, eng: 1 });
    expect(counts(r.facets!.source)).toEqual({ a: 2, b: 1 });
  });

  it('keeps the cluster index in step when a cluster is undone', () => {
    const db = cat.db;
    const cluster = db.prepare('SELECT cluster_id FROM cluster_members LIMIT 1').get() as { cluster_id: string };
    const rows = db.prepare('SELECT * FROM cluster_members').all();
    db.prepare('DELETE FROM cluster_members WHERE cluster_id = ?').run(cluster.cluster_id);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM search_clusters').get()).toEqual({ n: 0 });
      expect(createSearcher(db).search({ q: 'herbarium', facets: true }).total).toBe(3);
    } finally {
      const put = db.prepare('INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (@record_id, @cluster_id, @rule, @score, @linked_to)');
      for (const row of rows) put.run(row);
    }
    expect(db.prepare('SELECT count(*) AS n FROM search_clusters').get()).toEqual({ n: 2 });
  });

  it('reports a lower bound past the cap, and exact totals with facets', () => {
    const s = createSearcher(cat.db, { totalCap: 1 });
    expect(s.search({ q: 'herbarium', records: true })).toMatchObject({ total: 1, totalExact: false });
    expect(s.search({ q: 'herbarium' })).toMatchObject({ total: 1, totalExact: false });
    expect(s.search({ q: 'herbarium', facets: true })).toMatchObject({ total: 2, totalExact: true });
    expect(createSearcher(cat.db, { totalCap: 2 }).search({ q: 'herbarium' })).toMatchObject({ total: 2, totalExact: true });
    expect(createSearcher(cat.db).search({ q: 'treaty' })).toMatchObject({ total: 1, totalExact: true });
  });
});
