// Search over real harvested catalogues: ranking, query syntax, filters, facets, cursor paging,
// tombstones and updates kept in sync by the triggers, and one hit per cluster.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { EntenteError } from '../../src/errors.js';
import { parseFilters } from '../../src/search/filters.js';
import { createSearcher, type SearchRequest, type Searcher } from '../../src/search/search.js';
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
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const p = s.search({ q: 'letter', limit: 7, ...(cursor ? { cursor } : {}) });
        all.push(...p.hits.map((h) => h.recordId));
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
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
