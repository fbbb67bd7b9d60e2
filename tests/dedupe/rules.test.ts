// Rules added for precision and for linear growth: a pair must share two blocking keys (the exact
// title and the creator-year-letter key count double), cited volumes, meeting abstracts against
// journal articles, contrasting title qualifiers, swapped family and given
// names, initials that look like particles, a series title dated to the day, parts of one series
// matched equally well, and the synthetic generator's realism (truncation, name order, timestamps,
// one description of a thing per archive).

import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { clusterOf } from '../../src/catalogue/clusters.js';
import { buildClusters, type ScoredPair } from '../../src/dedupe/cluster.js';
import { dedupeIncremental, dedupeRebuild } from '../../src/dedupe/dedupe.js';
import { blockingKeys, citedContainer, citedVolume, creatorKey, type MatchFeatures } from '../../src/dedupe/features.js';
import { contrastingQualifier, creatorOverlap, explainScore, meetingConflict, scorePair, titleSimilarity } from '../../src/dedupe/score.js';
import { DEFAULT_DEDUPE_SETTINGS } from '../../src/dedupe/settings.js';
import { storeDcRecords, type DcFields } from '../../src/dedupe/store-records.js';
import { buildSyntheticSet, createRng, perturb } from '../../src/dedupe/synthetic.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { catalogueId } from '../../src/normalise/record-id.js';
import { tempDir } from '../helpers/tmp.js';
import { features } from './records.js';

const S = DEFAULT_DEDUPE_SETTINGS;
const dir = tempDir('entente-dedupe-rules-');
afterAll(() => dir.remove());
let n = 0;
const fresh = (): Catalogue => openCatalogue(dir.file(`c-${++n}.sqlite`));
const id = (source: string, local: string): string => catalogueId(source, local);

const f = features;
const agents = (...names: string[]): Partial<NormalisedRecord> => ({ creator: names.map((name) => ({ name, sortName: name })) });

describe('blocking: two shared keys', () => {
  it('does not compare records that only share a surname and a year', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: '1', fields: { title: ['Gezicht op Haarlem'], creator: ['Blaeu, Joan'], date: ['1649'] } }]);
    storeDcRecords(c, 'b', [{ localId: '1', fields: { title: ['Plattegrond van Leiden'], creator: ['Blaeu, Joan'], date: ['1649'] } }]);
    const stats = dedupeRebuild(c);
    expect(stats.candidatePairs).toBe(0);
    c.close();
  });

  it('still finds a short title with a typo (creator, year and first letter count double)', () => {
    const ladder: DcFields = { title: ['The ladder'], creator: ['Talbot, William Henry Fox'], date: ['1839'], type: ['Image'] };
    const typo: DcFields = { title: ['The ldder'], creator: ['Talbot, W. H. F.'], date: ['1839'], type: ['Image'] };
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: '1', fields: ladder }]);
    storeDcRecords(c, 'b', [{ localId: '1', fields: typo }]);
    dedupeRebuild(c);
    expect(clusterOf(c.db, id('a', '1')).size).toBe(2);
    // The same through an incremental run: the new record finds the stored one with the same rule.
    storeDcRecords(c, 'c', [{ localId: '1', fields: { ...typo, date: ['[1839]'] } }]);
    dedupeIncremental(c);
    expect(clusterOf(c.db, id('c', '1'))).toEqual(clusterOf(c.db, id('a', '1')));
    expect(clusterOf(c.db, id('a', '1')).size).toBe(3);
    c.close();
  });

  it('rebuilds instead of matching incrementally over keys of an older version', () => {
    const c = fresh();
    storeDcRecords(c, 'a', [{ localId: '1', fields: { title: ['Gezicht op Haarlem'], creator: ['Blaeu, Joan'], date: ['1649'] } }]);
    dedupeRebuild(c);
    c.db.prepare("UPDATE dedupe_runs SET stats = json_set(stats, '$.keyVersion', 1)").run();
    storeDcRecords(c, 'b', [{ localId: '1', fields: { title: ['Gezicht op Haarlem'], creator: ['Joan Blaeu'], date: ['1649'] } }]);
    expect(dedupeIncremental(c).mode).toBe('rebuild');
    expect(clusterOf(c.db, id('b', '1')).size).toBe(2);
    c.close();
  });

  it('gives other titles their own exact-title keys: a parallel title is another archive\'s only title', () => {
    const keys = blockingKeys(f('a:1', 'Plattegrond van Gouda', { alternative: [{ value: 'Goude' }], ...agents('Blaeu, Joan') }));
    expect(keys).toContain('tx:goude');
    expect(keys).toContain('tx:plattegrond gouda');
    expect(keys.filter((k) => k.startsWith('cy:'))).toEqual(['cy:blaeu ? p']);
  });
});

describe('scoring rules', () => {
  it('penalises words inserted inside a title, not words missing at its end', () => {
    const inner = titleSimilarity(f('a:1', 'Multivariate decision trees'), f('b:1', 'Multivariate versus univariate decision trees'));
    expect(inner).toBeLessThan(S.minTitleSimilarity);
    const cut = titleSimilarity(f('a:1', 'Multivariate decision trees'), f('b:1', 'Multivariate decision trees and linear machines'));
    expect(cut).toBeGreaterThan(inner);
  });

  it('reads the volume of a citation, not of a series name', () => {
    expect(citedVolume(['British Journal of Haematology 129 (Suppl. 1) 57-58'])).toBe('129');
    expect(citedVolume(['Kidney Int 12, 34-40'])).toBe('12');
    expect(citedVolume(['Carte de France (Cassini)', 'Topographia Germaniae'])).toBe('');
  });

  it('never merges two publications of one text in different volumes (an abstract and the article)', () => {
    const base = { ...agents('Candoni, A.', 'Pizzolitto, S.'), date: { display: '2005', earliest: 2005, latest: 2005 } };
    const title = 'Atypical haemolytic-uraemic syndrome at onset of acute promyelocytic leukaemia';
    const abstract = f('a:1', title, { ...base, relation: ['British Journal of Haematology 129 (Suppl. 1) 57-58'] });
    const article = f('b:1', title, { ...base, relation: ['British Journal of Haematology 128 (3) 274'] });
    const s = scorePair(abstract, article, S);
    expect(s.doiConflict).toBe(true);
    expect(s.score).toBeLessThan(S.matchThreshold);
    // The same volume cited in another form is no conflict.
    const other = f('c:1', title, { ...base, relation: ['Br J Haematol 129 (S1) 57'] });
    expect(scorePair(abstract, other, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
  });

  it('never merges a meeting abstract with a journal article of another container (Embase "Journal.Conference: ..." citations)', () => {
    const base = { ...agents('Volokhina, E.', 'Westra, D.', 'van de Kar, N.'), date: { display: '2011', earliest: 2011, latest: 2011 } };
    const title = 'Novel DNA alterations in FCN1 and FCN2 genes in atypical HUS patients';
    const abstract = f('a:1', title, { ...base, relation: ['Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the European Society for Paediatric Nephrology, ESPN 2011 Dublin Ireland'] });
    const article = f('b:1', title, { ...base, relation: ['Molecular Immunology 48 (14) 1684'] });
    expect(abstract.container.startsWith('m:')).toBe(true);
    const s = scorePair(abstract, article, S);
    expect(s.doiConflict).toBe(true);
    expect(s.score).toBeLessThan(S.matchThreshold);
    expect(meetingConflict(article, abstract)).toBe(true);
    // The abstract printed in the journal it names (any form of the name), or cited with the
    // article's volume, can be one record of it; a citation without a volume says too little.
    const inJournal = f('c:1', title, { ...base, relation: ['Pediatr Nephrol 26 (9) 1746'] });
    expect(scorePair(abstract, inJournal, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
    const sameVolume = f('d:1', title, { ...base, relation: ['Annual Conference on Health Informatics 48 (14) 1684'] });
    expect(scorePair(sameVolume, article, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
    const noVolume = f('e:1', title, { ...base, relation: ['Molecular Immunology'] });
    expect(scorePair(abstract, noVolume, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
    expect(citedContainer(['J Thromb Haemost 9 (S2) 120'])).toBe('m:j thromb haemost');
    expect(citedContainer(['Blood 114 (22) 1234-5'])).toBe('j:blood');
    expect(citedContainer(['Carte de France (Cassini)'])).toBe('');
  });

  it('penalises a single contrasting qualifier like a different number ("Pediatric" / "Adult")', () => {
    const by = { ...agents('Alexion Pharmaceuticals, Inc'), date: { display: '2011', earliest: 2011, latest: 2011 } };
    const child = f('a:1', 'An Open-Label, Multi-Center Clinical Trial of Eculizumab in Pediatric Patients With Atypical Hemolytic-Uremic Syndrome (aHUS)', by);
    const adult = f('b:1', 'An Open-label, Multi-center Clinical Trial of Eculizumab in Adult Patients With Atypical Hemolytic-uremic Syndrome', by);
    expect(scorePair(child, adult, S).score).toBeLessThan(S.matchThreshold);
    expect(contrastingQualifier(['treatment', 'children', 'adults'], ['treatment', 'adults'])).toBe(false);
    expect(contrastingQualifier(['acute', 'leukaemia'], ['chronic', 'leukaemia'])).toBe(true);
  });

  it('agrees on swapped family and given names, and on a single name that is the other\'s given name', () => {
    const a = f('a:1', 'x', agents('Hokusai, Katsushika')).creators;
    const b = f('b:1', 'x', agents('Katsushika, Hokusai')).creators;
    const single = f('c:1', 'x', agents('Hokusai')).creators;
    expect(creatorOverlap(a, b)).toBe(1);
    expect(creatorOverlap(single, b)).toBe(1);
    // Initials alone are not enough to call two names swapped.
    expect(creatorOverlap(f('d:1', 'x', agents('Smith, John')).creators, f('e:1', 'x', agents('Jones, Sam')).creators)).toBe(0);
  });

  it('keeps an initial that looks like a particle ("Hill, D. O.")', () => {
    expect(creatorKey('Hill, D. O.', 'Hill, D. O.')).toBe('hill do');
    expect(creatorKey('Ferraris, Joseph Jean François de', 'Ferraris, Joseph Jean François de')).toBe('ferraris jjf');
    expect(creatorOverlap(f('a:1', 'x', agents('Hill, D. O.')).creators, f('b:1', 'x', agents('Hill, David Octavius')).creators)).toBe(1);
  });

  it('does not merge a series title dated to the day with one dated only to the year', () => {
    const title = 'Lettre de Theo van Gogh à Vincent van Gogh';
    const day = f('a:1', title, { ...agents('van Gogh, Theo'), date: { display: '1886-07-21', edtf: '1886-07-21', earliest: 1886, latest: 1886 } });
    const yearOnly = f('a:2', title, { ...agents('van Gogh, Theo'), date: { display: 'ca. 1886', earliest: 1886, latest: 1886 } });
    day.titleFreq = 2;
    yearOnly.titleFreq = 2;
    const s = scorePair(day, yearOnly, S);
    expect(s.score).toBeLessThan(S.matchThreshold);
    expect(explainScore(s)).toContain('common title');
  });
});

describe('ambiguity across sources', () => {
  it('merges a main title with none of several parts of one series, even the one it matches a little less well', () => {
    const who = agents('Ferraris, Joseph Jean François de');
    const feats = [
      f('copy:1', 'Carte de cabinet des Pays-Bas autrichiens', who),
      f('a:1', 'Carte de cabinet des Pays-Bas autrichiens : Courtrai', who),
      f('b:1', 'Carte de cabinet des Pays-Bas autrichiens : Ostende', who),
      f('c:1', 'Carte de cabinet des Pays-Bas autrichiens : Namur', who),
    ];
    // Parts of one series in three archives; the cut title matches two equally and one a little less.
    const fuzzyPairs: ScoredPair[] = [
      { i: 0, j: 1, score: 0.95, reason: '' },
      { i: 0, j: 2, score: 0.95, reason: '' },
      { i: 0, j: 3, score: 0.88, reason: '' },
    ];
    const result = buildClusters({ n: 4, feat: (i) => feats[i] as MatchFeatures, identifierLinks: [], fuzzyPairs, apart: new Map(), settings: { ...S } });
    expect(result.links.filter((l) => l.status === 'merged')).toEqual([]);
    expect(result.links.every((l) => l.reason?.startsWith('ambiguous'))).toBe(true);
  });
});

describe('synthetic perturbations are realistic', () => {
  const letters: DcFields = {
    title: ['Carte de France. N° 162, Strasbourg'],
    creator: ['Krom de, M.'],
    date: ['2003-06-26T09:47:27Z', '2003-06-26T09:47:27Z', '1997'],
  };

  it('cuts only titles longer than a field, at a word boundary', () => {
    // A 35-character title fits every field: never cut (it would lose the sheet's name).
    for (let s = 1; s <= 40; s++) {
      const { fields, applied } = perturb(letters, createRng(s), 3);
      if (applied.includes('truncate')) expect(fields.title?.[0]).not.toMatch(/\.\.\.$/);
    }
    const long: DcFields = { title: ['Ordnance Survey of England and Wales. Sheet 45, Oxford and its environs'] };
    let cut = 0;
    for (let s = 1; s <= 80; s++) {
      const { fields, applied } = perturb(long, createRng(s), 1);
      if (applied[0] !== 'truncate') continue;
      cut++;
      const t = fields.title?.[0] as string;
      expect(t.endsWith('...')).toBe(true);
      expect(long.title?.[0]?.startsWith(t.slice(0, -3))).toBe(true);
      expect(t.length).toBeLessThanOrEqual(103);
    }
    expect(cut).toBeGreaterThan(0);
  });

  it('writes a sort form with a trailing particle the way a person would, and drops system timestamps when reformatting dates', () => {
    let orderSeen = false;
    let dateSeen = false;
    for (let s = 1; s <= 80; s++) {
      const { fields, applied } = perturb(letters, createRng(s), 1);
      if (applied[0] === 'name-order') {
        orderSeen = true;
        expect(fields.creator).toEqual(['M. de Krom']);
      }
      if (applied[0] === 'date-format') {
        dateSeen = true;
        expect(fields.date).toHaveLength(1);
        expect(fields.date?.[0]).toContain('1997');
      }
    }
    expect(orderSeen && dateSeen).toBe(true);
  });

  it('puts copies of bases that are one thing in different sources', () => {
    const base: DcFields = { title: ['Goude'], creator: ['Blaeu, Joan'], date: ['1649'] };
    const items = buildSyntheticSet([base, { ...base, title: ['Plattegrond van Gouda'] }], { seed: 3, share: 1, maxCopies: 2, entityOf: () => 'gouda' });
    const copies = items.filter((i) => i.source.startsWith('copy-'));
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(copies.map((i) => i.source)).size).toBe(copies.length);
  });
});
