// Bad input must not collapse into giant clusters: records with no title, only stop-words, a
// single character, thousands of creators, or the same boilerplate title.

import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { dedupeIncremental, dedupeRebuild } from '../../src/dedupe/dedupe.js';
import { storeDcRecords, type DcFields } from '../../src/dedupe/store-records.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('entente-dedupe-bad-');
afterAll(() => dir.remove());
let n = 0;
const fresh = (): Catalogue => openCatalogue(dir.file(`c-${++n}.sqlite`));

/** Stores `count` records made by `make` (spread over three sources) and rebuilds. */
function run(count: number, make: (i: number) => DcFields): ReturnType<typeof dedupeRebuild> {
  const c = fresh();
  for (const src of ['a', 'b', 'c']) {
    storeDcRecords(c, src, Array.from({ length: count }, (_, i) => i).filter((i) => i % 3 === ['a', 'b', 'c'].indexOf(src)).map((i) => ({ localId: `r${i}`, fields: make(i) })));
  }
  const stats = dedupeRebuild(c);
  expect(stats.records).toBe(count);
  c.close();
  return stats;
}

describe('bad input does not make giant clusters', () => {
  it('records with no title stay apart', () => {
    const stats = run(120, (i) => ({ creator: ['Anonymous'], date: ['1900'], description: [`Item ${i}`] }));
    expect(stats.largestCluster).toBe(0);
    expect(stats.candidatePairs).toBe(0);
  });

  it('records whose title is only stop-words stay apart', () => {
    const stats = run(120, (i) => ({ title: [['The', 'Of the', 'And', 'Le la les', 'Der die das'][i % 5] as string], date: ['1900'] }));
    expect(stats.largestCluster).toBe(0);
  });

  it('single-character titles stay apart', () => {
    const stats = run(120, (i) => ({ title: [String.fromCharCode(65 + (i % 3))], creator: ['Smith, J.'], date: ['1900'] }));
    expect(stats.largestCluster).toBe(0);
  });

  it('boilerplate titles ("Untitled", "Photograph", "[No title]") stay apart, even with the same photographer and year', () => {
    const titles = ['Untitled', 'Photograph', '[No title]', 'Sans titre', 'Ohne Titel', 'Photograph 3'];
    const stats = run(180, (i) => ({ title: [titles[i % titles.length] as string], creator: ['Daguerre, Louis'], date: ['1840'], type: ['Image'] }));
    expect(stats.largestCluster).toBe(0);
  });

  it('a record with thousands of creators is matched quickly on its first ones and joins no crowd', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Author${i}, A.`);
    const c = fresh();
    storeDcRecords(c, 'a', [
      { localId: 'big', fields: { title: ['Observations of the total solar eclipse'], creator: many, date: ['1919'] } },
      ...Array.from({ length: 60 }, (_, i) => ({ localId: `o${i}`, fields: { title: [`Observations of the variable star number ${i}`], creator: [`Author${i}, A.`], date: ['1919'] } })),
    ]);
    storeDcRecords(c, 'b', [{ localId: 'big', fields: { title: ['Observations of the total solar eclipse'], creator: many.slice(0, 5), date: ['1919'] } }]);
    const stats = dedupeRebuild(c);
    expect(stats.largestCluster).toBe(2); // the eclipse report and its copy, nothing else
    c.close();
  });

  it('the same generic title across many records merges none of them incrementally either', () => {
    const c = fresh();
    storeDcRecords(c, 'a', Array.from({ length: 40 }, (_, i) => ({ localId: `r${i}`, fields: { title: ['Annual report'], date: [String(1900 + (i % 2))] } })));
    dedupeRebuild(c);
    storeDcRecords(c, 'b', Array.from({ length: 40 }, (_, i) => ({ localId: `r${i}`, fields: { title: ['Annual report'], date: [String(1900 + (i % 2))] } })));
    const stats = dedupeIncremental(c);
    expect(stats.largestCluster).toBe(0);
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM clusters').get()).toEqual({ n: 0 });
    c.close();
  });
});
