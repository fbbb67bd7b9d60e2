// The search index is written by the catalogue's write path (not by triggers): new records,
// changed records, tombstones and renormalised records, and a catalogue whose index is empty
// is filled when opened.

import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue, type StoredRecord, type WritePageInput } from '../../src/catalogue/catalogue.js';
import { rightsClass, searchDocument } from '../../src/catalogue/search-document.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());

function record(id: string, title: string, extra: Partial<NormalisedRecord> = {}): NormalisedRecord {
  return {
    id: `s:${id}`,
    source: { id: 's', localId: id, datestamp: '2024-01-01', format: 'oai_dc', sets: [], harvestedAt: '2024-01-02T00:00:00Z' },
    deleted: false,
    title: [{ value: title }],
    issues: [],
    ...extra,
  };
}

describe('searchDocument', () => {
  it('joins each field, classes the rights, and lists types and languages once', () => {
    const doc = searchDocument(
      record('1', 'Plan of Gdańsk', {
        alternative: [{ value: 'Gdańsk plan' }, { value: 'Danzig' }],
        creator: [{ name: 'Dvořák, Antonín' }, { name: 'Blaeu, Joan' }],
        type: [{ value: 'StillImage' }, { value: 'StillImage', original: 'map' }],
        language: ['pol', 'deu'],
        date: { display: 'ca. 1650', earliest: 1640, latest: 1660 },
        rights: { uri: 'http://creativecommons.org/publicdomain/mark/1.0/' },
        isShownBy: 'https://example.org/1.jpg',
        issues: [{ code: 'X', severity: 'info', path: '', message: 'x' }],
      }),
    );
    expect(doc).toEqual({
      text: ['Plan of Gdańsk', 'Gdańsk plan Danzig', 'Dvořák, Antonín Blaeu, Joan', null, null, null, null],
      yearFrom: 1640,
      yearTo: 1660,
      rights: 'open',
      hasMedia: true,
      hasIssues: true,
      terms: [['type', 'StillImage'], ['language', 'pol'], ['language', 'deu']],
      types: 'StillImage',
      languages: 'pol,deu',
    });
  });

  it('gives nothing for a tombstone, and reads stored JSON missing required fields', () => {
    expect(searchDocument({ ...record('1', 'x'), deleted: true })).toBeUndefined();
    expect(searchDocument({ title: [{ value: 'bare' }] })?.text[0]).toBe('bare');
  });

  it('classes rights: open licences, others restricted, none unknown', () => {
    expect(rightsClass('http://creativecommons.org/licenses/by-sa/4.0/')).toBe('open');
    expect(rightsClass('http://rightsstatements.org/vocab/InC/1.0/')).toBe('restricted');
    expect(rightsClass('http://creativecommons.org/licenses/by-nc/4.0/')).toBe('restricted');
    expect(rightsClass(undefined)).toBe('unknown');
  });
});

describe('the catalogue keeps the search index in step', () => {
  let path: string;
  let catalogue: Catalogue;
  let runId: number;
  let n = 0;
  beforeEach(() => {
    path = dir.file(`search-${++n}.sqlite`);
    catalogue = openCatalogue(path);
    catalogue.upsertSource({ id: 's', protocol: 'oai-pmh', url: 'http://127.0.0.1/oai', config: {} });
    runId = catalogue.startRun({ sourceId: 's', mode: 'full', trigger: 'manual', from: null, responseDate: null });
  });

  const page = (records: NormalisedRecord[], withDocuments = true): WritePageInput => {
    const stored = records.map((r, i): StoredRecord => ({
      id: r.id,
      localId: r.source.localId,
      datestamp: r.source.datestamp,
      deleted: r.deleted,
      sets: [],
      format: 'oai_dc',
      hash: JSON.stringify(r),
      rawOffset: i,
      rawLength: 1,
      namespaces: null,
      record: JSON.stringify(r),
      issueCount: r.issues.length,
      errorCount: 0,
      ...(withDocuments ? { search: searchDocument(r) ?? null } : {}),
    }));
    return { sourceId: 's', runId, records: stored, rawBlob: deflateRawSync(Buffer.alloc(records.length, 120)), checkpoint: { windowIndex: 0, token: 't', pages: 1, records: records.length }, plan: { mode: 'full', windows: [{ metadataPrefix: 'oai_dc' }], responseDate: null } };
  };
  const matches = (query: string): string[] =>
    (catalogue.db.prepare('SELECT r.id FROM search_text JOIN records r ON r.rowid = search_text.rowid WHERE search_text MATCH ? ORDER BY r.id').all(query) as { id: string }[]).map((r) => r.id);

  it('indexes new records, re-indexes changed ones and drops tombstones', () => {
    catalogue.writePages([page([record('1', 'Map of Köln'), record('2', 'View of Lyon')])]);
    expect(matches('koln')).toEqual(['s:1']);
    catalogue.writePages([page([record('1', 'Map of Gent')])]);
    expect(matches('koln')).toEqual([]);
    expect(matches('gent')).toEqual(['s:1']);
    catalogue.writePages([page([{ ...record('2', 'View of Lyon'), deleted: true }])]);
    expect(matches('lyon')).toEqual([]);
    expect(catalogue.db.prepare('SELECT count(*) AS n FROM search_meta').get()).toEqual({ n: 1 });
  });

  it('derives the document from the stored JSON when a writer gives none', () => {
    catalogue.writePages([page([record('1', 'Map of Köln', { language: ['deu'] })], false)]);
    expect(matches('koln')).toEqual(['s:1']);
    expect(catalogue.db.prepare("SELECT value FROM search_terms WHERE facet = 'language'").all()).toEqual([{ value: 'deu' }]);
  });

  it('re-indexes renormalised records', () => {
    catalogue.writePages([page([record('1', 'Map of Köln')])]);
    catalogue.replaceNormalised([{ id: 's:1', record: JSON.stringify(record('1', 'Plan of Porto')), issueCount: 0, errorCount: 0 }]);
    expect(matches('koln')).toEqual([]);
    expect(matches('porto')).toEqual(['s:1']);
  });

  it('fills an empty index when the catalogue is opened (a catalogue made before the search tables)', () => {
    catalogue.writePages([page([record('1', 'Map of Köln'), record('2', 'View of Lyon')])]);
    catalogue.db.exec('DELETE FROM search_text; DELETE FROM search_meta; DELETE FROM search_terms;');
    catalogue.close();
    catalogue = openCatalogue(path);
    expect(matches('koln OR lyon')).toEqual(['s:1', 's:2']);
  });
});
