// Matching features and pair scores, pure: folding, keys, title and creator similarity, and the
// rules that keep look-alike records apart.

import { describe, expect, it } from 'vitest';
import { blockingKeys, buildFeatures, canonicalUrl, creatorKey, identifierKeys, stripQualifiers } from '../../src/dedupe/features.js';
import { creatorOverlap, scorePair, titleSimilarity, wordsMatch } from '../../src/dedupe/score.js';
import { DEFAULT_DEDUPE_SETTINGS, resolveDedupeSettings } from '../../src/dedupe/settings.js';
import { boundedEditDistance, foldText } from '../../src/dedupe/text.js';
import { EntenteError } from '../../src/errors.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { features, rec } from './records.js';

const S = DEFAULT_DEDUPE_SETTINGS;

const f = features;
const by = (...names: string[]): Partial<NormalisedRecord> => ({ creator: names.map((name) => ({ name, sortName: name.includes(',') ? name : `${name.split(' ').pop()}, ${name.split(' ').slice(0, -1).join(' ')}` })) });
const year = (y: number, to = y): Partial<NormalisedRecord> => ({ date: { display: String(y), earliest: y, latest: to } });

describe('folding and keys', () => {
  it('folds case, diacritics, ligatures and punctuation', () => {
    expect(foldText('Ansicht von Köln: Straße & Œuvre')).toBe('ansicht von koln strasse oeuvre');
  });

  it('strips bracketed qualifiers a cataloguer adds at the end of a title', () => {
    expect(stripQualifiers('Trier. [Druckgraphik]')).toBe('Trier');
    expect(stripQualifiers('Efficacy of batroxobin. [Chinese]')).toBe('Efficacy of batroxobin');
    expect(stripQualifiers('[No title]')).toBe('[No title]');
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(boundedEditDistance('prospect', 'porspect', 2)).toBe(1);
    expect(boundedEditDistance('durham', 'york', 1)).toBe(2);
  });

  it('reads "Last, First" and "First Last" as the same surname and initials', () => {
    expect(creatorKey('Merian, Matthäus', 'Merian, Matthäus')).toBe('merian m');
    expect(creatorKey('Matthäus Merian', undefined)).toBe('merian m');
    expect(creatorOverlap('merian m', 'merian mm')).toBe(1);
    expect(creatorOverlap('merian m', 'merian j')).toBe(0);
  });

  it('keeps only strong identifiers, an ISSN only together with the title, URLs in one form', () => {
    const keys = identifierKeys(rec('s:1', 'Annual report of the society', {
      identifier: [{ scheme: 'doi', value: '10.1000/ABC' }, { scheme: 'issn', value: '1234-5678' }, { scheme: 'local', value: 'Inv. 12' }],
      isShownAt: 'https://www.Example.org/item/1/',
    }));
    expect(keys.map((k) => k.key)).toEqual(['doi:10.1000/abc', 'issn-title:1234-5678|annual report society', 'url:example.org/item/1']);
    expect(canonicalUrl('http://example.org/a#top')).toBe('example.org/a');
  });

  it('gives no blocking key to an uninformative title', () => {
    for (const t of ['', 'Untitled', '[No title]', 'Photograph', 'Photograph 12', 'x', 'The of and', 'Editorial']) expect(blockingKeys(f('s:1', t)), t).toEqual([]);
    expect(blockingKeys(f('s:1', 'To be or not to be')).length).toBeGreaterThan(0);
  });
});

describe('title similarity', () => {
  it('tolerates a typo, a dropped subtitle and a truncation', () => {
    expect(wordsMatch('topographia', 'topograhpia')).toBe(true);
    expect(titleSimilarity(f('a:1', 'Topographia Germaniae'), f('b:1', 'Topograhpia Germaniae'))).toBe(1);
    expect(titleSimilarity(f('a:1', 'Topographia Germaniae : Faksimile-Ausgabe'), f('b:1', 'Topographia Germaniae'))).toBe(1);
    expect(titleSimilarity(f('a:1', 'A history of the county of York in four volumes'), f('b:1', 'A history of the county of York...'))).toBeGreaterThan(0.85);
  });

  it('keeps apart titles that differ by one distinctive word or by word order', () => {
    expect(titleSimilarity(f('a:1', 'The south-west prospect of the city of York'), f('b:1', 'The south-west prospect of the city of Durham'))).toBeLessThan(S.minTitleSimilarity);
    expect(titleSimilarity(f('a:1', 'Carte de cabinet : Ostende'), f('b:1', 'Carte de cabinet : Namur'))).toBeLessThan(S.minTitleSimilarity);
    expect(titleSimilarity(f('a:1', 'Lettre de Theo van Gogh à Vincent van Gogh'), f('b:1', 'Lettre de Vincent van Gogh à Theo van Gogh'))).toBeLessThan(1);
  });

  it('treats different numbers as different parts', () => {
    expect(titleSimilarity(f('a:1', 'Atlas of the world volume 1'), f('b:1', 'Atlas of the world volume 2'))).toBeLessThan(S.minTitleSimilarity);
  });
});

describe('scorePair', () => {
  const a = f('a:1', 'Topographia Germaniae', { ...by('Matthäus Merian'), ...year(1646) });

  it('merges a typo with the same creator in another name order and the same year', () => {
    const b = f('b:1', 'Topograhpia Germaniae', { ...by('Merian, Matthäus'), ...year(1646) });
    expect(scorePair(a, b, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
  });

  it('never merges when the years do not overlap or the DOIs differ', () => {
    expect(scorePair(a, f('b:1', 'Topographia Germaniae', { ...by('Merian, Matthäus'), ...year(1700) }), S).score).toBeLessThan(S.matchThreshold);
    const d1 = f('a:2', 'Editorial notes on method', { ...by('Zwass, V.'), ...year(2008), identifier: [{ scheme: 'doi', value: '10.1/a' }] });
    const d2 = f('b:2', 'Editorial notes on method', { ...by('Zwass, V.'), ...year(2008), identifier: [{ scheme: 'doi', value: '10.1/b' }] });
    const s = scorePair(d1, d2, S);
    expect(s.doiConflict).toBe(true);
    expect(s.score).toBeLessThan(S.matchThreshold);
  });

  it('does not merge short titles on the title alone', () => {
    expect(scorePair(f('a:1', 'Hamlet'), f('b:1', 'Hamlet'), S).score).toBeLessThan(S.matchThreshold);
    expect(scorePair(f('a:1', 'Hamlet', by('William Shakespeare')), f('b:1', 'Hamlet', by('Shakespeare, William')), S).score).toBeGreaterThanOrEqual(S.matchThreshold);
  });

  it('needs a precise date to merge a title many records carry', () => {
    const x = { ...f('a:1', 'Letter from Julia Margaret Cameron to Sir John Herschel', by('Julia Margaret Cameron')), titleFreq: 5 };
    const y = { ...f('b:1', 'Letter from Julia Margaret Cameron to Sir John Herschel', by('Cameron, Julia Margaret')), titleFreq: 5 };
    expect(scorePair(x, y, S).score).toBeLessThan(S.matchThreshold);
    const day = (d: string): Partial<NormalisedRecord> => ({ date: { display: d, edtf: d, earliest: 1868, latest: 1868 } });
    expect(scorePair({ ...x, ...buildFeatures(rec('a:1', 'Letter from Julia Margaret Cameron to Sir John Herschel', { ...by('Julia Margaret Cameron'), ...day('1868-05-24') }), 20), titleFreq: 5 },
      { ...y, ...buildFeatures(rec('b:1', 'Letter from Julia Margaret Cameron to Sir John Herschel', { ...by('Cameron, Julia Margaret'), ...day('1868-05-24') }), 20), titleFreq: 5 }, S).score).toBeGreaterThanOrEqual(S.matchThreshold);
  });
});

describe('settings', () => {
  it('refuses out-of-range thresholds with a typed error naming the setting', () => {
    expect(() => resolveDedupeSettings({ matchThreshold: 1.5 })).toThrow(EntenteError);
    try {
      resolveDedupeSettings({ possibleThreshold: 0.9, matchThreshold: 0.8 });
    } catch (err) {
      expect((err as EntenteError).code).toBe('ERR_DEDUPE_SETTINGS');
      expect((err as EntenteError).context.setting).toBe('possibleThreshold');
    }
    expect(Object.isFrozen(resolveDedupeSettings())).toBe(true);
  });
});
