// Dedupe on real SQLite catalogues: records go in through the oai_dc crosswalk and the page write
// path like harvested ones; rebuilds, incremental runs driven by the triggers, hubs, splits,
// merged views with provenance, and the cluster every exported record carries.

import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { clearQueue, clusterOf, getCluster, readQueue } from '../../src/catalogue/clusters.js';
import { dedupeIncremental, dedupeRebuild } from '../../src/dedupe/dedupe.js';
import { normaliseOaiDc, storeDcRecords, storeRecords, toOaiDcXml, type DcFields } from '../../src/dedupe/store-records.js';
import { catalogueId } from '../../src/normalise/record-id.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('entente-dedupe-');
afterAll(() => dir.remove());
let n = 0;
const fresh = (): Catalogue => openCatalogue(dir.file(`c-${++n}.sqlite`));
const id = (source: string, local: string): string => catalogueId(source, local);
const queued = (c: Catalogue): string[] => c.db.prepare<[], { record_id: string }>('SELECT DISTINCT record_id FROM dedupe_queue ORDER BY record_id').all().map((r) => r.record_id);

const merian: DcFields = { title: ['Topographia Germaniae : Faksimile-Ausgabe'], creator: ['Merian, Matthäus, 1593-1650'], date: ['2005'], type: ['Text'], identifier: ['ISBN 978-3-3516-4602-8'] };
const merianCopy: DcFields = { title: ['Topograhpia Germaniae'], creator: ['Matthäus Merian'], date: ['[2005]'], type: ['texte'] };
const hollar: DcFields = { title: ['Albury : a prospect'], creator: ['Wenzel Hollar'], date: ['1645'], type: ['Image'] };
const hollarCopy: DcFields = { title: ['Albury'], creator: ['Hollar, Wenceslaus, 1607-1677'], date: ['1645'], type: ['StillImage'] };
const blaeu: DcFields = { title: ['Plattegrond van Gouda'], creator: ['Joan Blaeu'], date: ['1649'] };

describe('dedupeRebuild', () => {
  it('joins a shared ISBN outright, fuzzy look-alikes by score, and leaves the rest alone', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'm', fields: merian }, { localId: 'h', fields: hollar }, { localId: 'b', fields: blaeu }]);
    storeDcRecords(c, 'b', [{ localId: 'm', fields: { ...merianCopy, identifier: ['978-3-3516-4602-8'] } }, { localId: 'h', fields: hollarCopy }]);
    storeDcRecords(c, 'c', [{ localId: 'm', fields: merianCopy }]);
    const stats = dedupeRebuild(c);
    expect(stats.records).toBe(6);
    expect(stats.identifierLinks).toBe(1);
    const m = clusterOf(c.db, id('a', 'm'));
    expect(m.size).toBe(3);
    expect(clusterOf(c.db, id('b', 'm'))).toEqual(m);
    expect(clusterOf(c.db, id('c', 'm'))).toEqual(m);
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(2);
    expect(clusterOf(c.db, id('a', 'b'))).toEqual({ id: id('a', 'b'), size: 1 });
    // The cluster id is its smallest member id.
    expect(m.id).toBe([id('a', 'm'), id('b', 'm'), id('c', 'm')].sort()[0]);
    expect(queued(c)).toEqual([]);
    c.close();
  });

  it('builds a merged view where every value names its member, and explains every link', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: { ...hollar, subject: ['Albury -- Pictorial works'] } }]);
    storeDcRecords(c, 'b', [{ localId: 'h', fields: { ...hollarCopy, subject: ['Etchings'], identifier: ['https://doi.org/10.5072/WRL.P.01825'] } }]);
    dedupeRebuild(c);
    const view = getCluster(c.db, clusterOf(c.db, id('a', 'h')).id);
    expect(view).toBeDefined();
    const v = view!;
    expect(v.size).toBe(2);
    expect(v.members.map((m) => m.recordId).sort()).toEqual([id('a', 'h'), id('b', 'h')].sort());
    expect(v.merged.title?.from).toBe(id('a', 'h')); // "Albury : a prospect" is the more complete of the agreeing titles
    expect(v.merged.subject?.map((s) => [s.value.value, s.from])).toEqual([
      ['Albury -- Pictorial works', id('a', 'h')],
      ['Etchings', id('b', 'h')],
    ]);
    expect(v.merged.identifier).toEqual([{ value: { scheme: 'doi', value: '10.5072/wrl.p.01825' }, from: id('b', 'h') }]);
    expect(v.merged.sources.map((s) => s.value).sort()).toEqual(['a', 'b']);
    expect(v.merged.date?.earliest?.value).toBe(1645);
    const link = v.links.find((l) => l.status === 'merged');
    expect(link?.rule).toBe('fuzzy');
    expect(link?.score).toBeGreaterThanOrEqual(0.8);
    expect(link?.reason).toMatch(/title 1\.00, creators 1\.00/);
    expect(v.members.every((m) => m.rule === 'fuzzy' && m.linkedTo !== undefined)).toBe(true);
    c.close();
  });

  it('stores a possible match without merging it', () => {
    const c = fresh();
    // Same title and creator, no date on one side and a different publisher form: below the match threshold
    // only because the title is short and one creator list is longer.
    storeDcRecords(c, 'a', [{ localId: '1', fields: { title: ['The south-west prospect of the city of York'], creator: ['Buck, Samuel'], date: ['1745'] } }]);
    storeDcRecords(c, 'b', [{ localId: '1', fields: { title: ['The south-west prospect of the city of Durham'], creator: ['Buck, Samuel'], date: ['1745'] } }]);
    const stats = dedupeRebuild(c);
    expect(stats.clusters).toBe(0);
    expect(stats.possibleMatches).toBe(1);
    const view = getCluster(c.db, id('a', '1'));
    expect(view?.size).toBe(1);
    expect(view?.links.map((l) => l.status)).toEqual(['possible']);
    c.close();
  });

  it('ignores an identifier shared by many unrelated records (a hub)', () => {
    const c = fresh();
    const items = Array.from({ length: 30 }, (_, i) => ({
      localId: `r${i}`,
      fields: { title: [`Distinct subject number ${String.fromCharCode(97 + (i % 26))}${i} of the survey`], identifier: ['https://doi.org/10.1234/placeholder'], date: [String(1900 + i)] },
    }));
    storeDcRecords(c, 'a', items);
    const stats = dedupeRebuild(c);
    expect(stats.hubs).toBeGreaterThanOrEqual(1);
    expect(stats.identifierLinks).toBe(0);
    expect(stats.largestCluster).toBe(0);
    c.close();
  });

  it('refuses an identifier group whose titles disagree, even when small', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [
      { localId: '1', fields: { title: ['Flora of the Alps'], identifier: ['https://doi.org/10.5555/same'] } },
      { localId: '2', fields: { title: ['Railway timetable of Bavaria'], identifier: ['https://doi.org/10.5555/same'] } },
      { localId: '3', fields: { title: ['Sermons on the book of Job'], identifier: ['https://doi.org/10.5555/same'] } },
    ]);
    const stats = dedupeRebuild(c);
    expect(stats.clusters).toBe(0);
    expect(stats.hubs).toBeGreaterThanOrEqual(1);
    expect(stats.identifierLinks).toBe(0);
    c.close();
  });

  it('caps fuzzy clusters and refuses incoherent chains', () => {
    const c = fresh();
    // A chain: each title shares all but one word with the next, the ends share little.
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const items = Array.from({ length: 6 }, (_, i) => ({ localId: `c${i}`, fields: { title: [words.slice(i, i + 5).join(' ')], creator: ['Smith, John'], date: ['1900'] } }));
    storeDcRecords(c, 'a', items);
    const stats = dedupeRebuild(c);
    expect(stats.largestCluster).toBeLessThan(6);
    // And a hard cap: twelve identical records in clusters of at most five.
    const d = fresh();
    storeDcRecords(d, 'a', Array.from({ length: 12 }, (_, i) => ({ localId: `s${i}`, fields: { title: ['A treatise on the astrolabe and its uses'], creator: ['Chaucer, Geoffrey'], date: ['1391'] } })));
    const capped = dedupeRebuild(d, { settings: { maxFuzzyClusterSize: 5, commonTitleCount: 100 } });
    expect(capped.largestCluster).toBe(5);
    expect(capped.refusedLinks).toBeGreaterThan(0);
    c.close();
    d.close();
  });
});

describe('dedupeIncremental', () => {
  it('queues new, changed and deleted records from the write path, without the harvester calling dedupe', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }]);
    expect(queued(c)).toEqual([id('a', 'h')]);
    dedupeRebuild(c);
    expect(queued(c)).toEqual([]);
    // An unchanged page changes nothing, so queues nothing.
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }]);
    expect(queued(c)).toEqual([]);
    storeDcRecords(c, 'a', [{ localId: 'h', fields: { ...hollar, date: ['1646'] } }]);
    expect(queued(c)).toEqual([id('a', 'h')]);
    c.close();
  });

  it('reads a record queued twice once, and keeps what was queued after the read', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }]);
    storeDcRecords(c, 'a', [{ localId: 'h', fields: { ...hollar, date: ['1646'] } }]);
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM dedupe_queue').get()).toEqual({ n: 2 });
    const snapshot = readQueue(c.db);
    expect(snapshot.ids).toEqual([id('a', 'h')]);
    // A change that lands between the read and the clear is left for the next run.
    storeDcRecords(c, 'a', [{ localId: 'k', fields: hollar }]);
    clearQueue(c.db, snapshot.upTo);
    expect(queued(c)).toEqual([id('a', 'k')]);
    // Numbers are never reused once the log is emptied: a late clear by a slower run with an old
    // snapshot removes nothing queued since.
    clearQueue(c.db, readQueue(c.db).upTo);
    storeDcRecords(c, 'a', [{ localId: 'm', fields: hollar }]);
    expect(readQueue(c.db).upTo).toBeGreaterThan(snapshot.upTo + 1);
    clearQueue(c.db, snapshot.upTo);
    expect(queued(c)).toEqual([id('a', 'm')]);
    c.close();
  });

  it('joins a new record to an existing cluster, and takes a changed or deleted one out', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }, { localId: 'b', fields: blaeu }]);
    storeDcRecords(c, 'b', [{ localId: 'h', fields: hollarCopy }]);
    dedupeRebuild(c);
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(2);

    storeDcRecords(c, 'c', [{ localId: 'h', fields: { ...hollarCopy, creator: ['W. Hollar'] } }, { localId: 'b', fields: { title: ['Plattegrond van Goude'], creator: ['Blaeu, J.'], date: ['1649'] } }]);
    const stats = dedupeIncremental(c);
    expect(stats.mode).toBe('incremental');
    expect(stats.changed).toBe(2);
    expect(clusterOf(c.db, id('c', 'h'))).toEqual(clusterOf(c.db, id('a', 'h')));
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(3);
    expect(clusterOf(c.db, id('c', 'b'))).toEqual(clusterOf(c.db, id('a', 'b')));

    // A record changed into something else leaves its cluster.
    storeDcRecords(c, 'b', [{ localId: 'h', fields: { title: ['View of Greenwich from the park'], creator: ['Hollar, Wenceslaus'], date: ['1637'] } }]);
    dedupeIncremental(c);
    expect(clusterOf(c.db, id('b', 'h'))).toEqual({ id: id('b', 'h'), size: 1 });
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(2);

    // A tombstone leaves its cluster; the pair left behind is a cluster no more.
    c.db.prepare("UPDATE records SET deleted = 1 WHERE id = ?").run(id('c', 'b'));
    dedupeIncremental(c);
    expect(clusterOf(c.db, id('a', 'b'))).toEqual({ id: id('a', 'b'), size: 1 });
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM cluster_members WHERE record_id = ?').get(id('c', 'b'))).toEqual({ n: 0 });
    c.close();
  });

  it('reaches the same clusters as a rebuild', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'm', fields: merian }, { localId: 'h', fields: hollar }, { localId: 'b', fields: blaeu }]);
    dedupeRebuild(c);
    storeDcRecords(c, 'b', [{ localId: 'm', fields: merianCopy }, { localId: 'h', fields: hollarCopy }]);
    storeDcRecords(c, 'c', [{ localId: 'm', fields: { ...merianCopy, identifier: ['ISBN 3-3516-4602-7'] } }]);
    dedupeIncremental(c);
    const snapshot = (): string[] => c.db.prepare<[], { record_id: string; cluster_id: string }>('SELECT record_id, cluster_id FROM cluster_members ORDER BY record_id').all().map((r) => `${r.record_id}>${r.cluster_id}`);
    const incremental = snapshot();
    dedupeRebuild(c);
    expect(snapshot()).toEqual(incremental);
    expect(incremental.length).toBe(5);
    c.close();
  });
});

describe('hand splits and exports', () => {
  it('keeps a split record apart through incremental runs and rebuilds', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }]);
    storeDcRecords(c, 'b', [{ localId: 'h', fields: hollarCopy }]);
    storeDcRecords(c, 'c', [{ localId: 'h', fields: { ...hollarCopy, creator: ['W. Hollar'] } }]);
    dedupeRebuild(c);
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(3);
    c.db.prepare('INSERT INTO cluster_splits (record_id, apart_from, decided_at) VALUES (?, ?, ?), (?, ?, ?)').run(
      id('c', 'h'), id('a', 'h'), 'now', id('c', 'h'), id('b', 'h'), 'now',
    );
    dedupeRebuild(c);
    expect(clusterOf(c.db, id('c', 'h')).size).toBe(1);
    expect(clusterOf(c.db, id('a', 'h')).size).toBe(2);
    // A later change to the split record is matched again, and still kept apart.
    storeDcRecords(c, 'c', [{ localId: 'h', fields: { ...hollarCopy, creator: ['Hollar, W.'] } }]);
    dedupeIncremental(c);
    expect(clusterOf(c.db, id('c', 'h')).size).toBe(1);
    const refused = getCluster(c.db, id('c', 'h'))?.links.filter((l) => l.status === 'refused') ?? [];
    expect(refused.some((l) => /split by hand/.test(l.reason ?? ''))).toBe(true);
    c.close();
  });

  it('gives every exported record its cluster, singletons included', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: 'h', fields: hollar }, { localId: 'b', fields: blaeu }]);
    storeDcRecords(c, 'b', [{ localId: 'h', fields: hollarCopy }]);
    dedupeRebuild(c);
    const out = [...c.exportRecords()].map((j) => JSON.parse(j) as { id: string; cluster: { id: string; size: number } });
    expect(out).toHaveLength(3);
    for (const r of out) expect(r.cluster).toEqual(clusterOf(c.db, r.id));
    expect(out.find((r) => r.id === id('a', 'b'))?.cluster).toEqual({ id: id('a', 'b'), size: 1 });
    expect(out.filter((r) => r.cluster.size === 2)).toHaveLength(2);
    c.close();
  });

  it('stores records written through the shared page path, raw payload included', () => {
    const c = fresh();
    const xml = toOaiDcXml(hollar);
    storeRecords(c, 'a', [{ localId: 'h', payload: xml, record: normaliseOaiDc('a', 'h', xml) }]);
    expect(c.rawPayload('a', 'h')?.payload).toBe(xml);
    c.close();
  });
});
