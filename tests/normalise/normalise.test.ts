// normaliseRecord end to end: crosswalk choice, tombstones, unsupported formats, issue order, validation.
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { normaliseRecord, type NormaliseInput } from '../../src/normalise/normalise.js';
import { catalogueId } from '../../src/normalise/record-id.js';

const HARVESTED = '2025-01-01T00:00:00Z';

function input(metadataXml: string | undefined, extra: Partial<NormaliseInput> = {}): NormaliseInput {
  return {
    sourceId: 'demo',
    localId: 'oai:demo:1',
    datestamp: '2024-05-06',
    deleted: false,
    sets: ['a', 'b', 'a'],
    format: 'oai_dc',
    metadata: metadataXml === undefined ? undefined : parseXml(metadataXml).root,
    harvestedAt: HARVESTED,
    ...extra,
  };
}

const OAI_DC = (body: string) =>
  `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${body}</oai_dc:dc>`;

describe('normaliseRecord', () => {
  it('maps an oai_dc record, adds id and provenance, and validates it', () => {
    const r = normaliseRecord(input(OAI_DC('<dc:title>T</dc:title><dc:date>1890</dc:date>'), { provider: 'Aggregator', dataProvider: 'Museum' }));
    expect(r).toEqual({
      id: catalogueId('demo', 'oai:demo:1'),
      source: { id: 'demo', localId: 'oai:demo:1', datestamp: '2024-05-06', format: 'oai_dc', sets: ['a', 'b'], harvestedAt: HARVESTED },
      deleted: false,
      title: [{ value: 'T' }],
      date: { display: '1890', edtf: '1890', earliest: 1890, latest: 1890 },
      provider: 'Aggregator',
      dataProvider: 'Museum',
      issues: [],
    });
    expect(Object.keys(r)).toEqual(['id', 'source', 'deleted', 'title', 'date', 'provider', 'dataProvider', 'issues']);
  });

  it('accepts a bare container of DC elements', () => {
    const r = normaliseRecord(input('<record xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></record>'));
    expect(r.title).toEqual([{ value: 'T' }]);
    expect(r.issues).toEqual([]);
  });

  it('flags a record without a title but stores it', () => {
    const r = normaliseRecord(input(OAI_DC('<dc:creator>X</dc:creator>')));
    expect(r.title).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'SCHEMA_MINITEMS', severity: 'error', path: '/title' })]);
  });

  it('makes a tombstone of a deleted record, without schema errors', () => {
    const r = normaliseRecord(input(undefined, { deleted: true }));
    expect(r).toEqual({
      id: catalogueId('demo', 'oai:demo:1'),
      source: { id: 'demo', localId: 'oai:demo:1', datestamp: '2024-05-06', format: 'oai_dc', sets: ['a', 'b'], harvestedAt: HARVESTED },
      deleted: true,
      title: [],
      issues: [],
    });
  });

  it('keeps only the source information for an unsupported format', () => {
    const r = normaliseRecord(input('<ead xmlns="urn:isbn:1-931666-22-9"><eadheader><filedesc><titlestmt><titleproper>T</titleproper></titlestmt></filedesc></eadheader></ead>', { format: 'oai_ead' }));
    expect(r.title).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['FORMAT_UNSUPPORTED', 'SCHEMA_MINITEMS']);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', value: 'urn:isbn:1-931666-22-9' });
  });

  it('reports a live record without metadata', () => {
    expect(normaliseRecord(input(undefined)).issues.map((i) => i.code)).toEqual(['METADATA_MISSING', 'SCHEMA_MINITEMS']);
  });

  it('puts extra issues first, then mapping, then schema issues', () => {
    const extra = [{ code: 'XML_INVALID_CHAR_REMOVED', severity: 'warning' as const, path: '', message: 'Removed U+000B' }];
    const r = normaliseRecord(input(OAI_DC('<dc:date>sometime</dc:date>'), { extraIssues: extra }));
    expect(r.issues.map((i) => i.code)).toEqual(['XML_INVALID_CHAR_REMOVED', 'DATE_UNPARSEABLE', 'SCHEMA_MINITEMS']);
    expect(extra).toHaveLength(1);
  });

  it('validates a bad datestamp as a schema problem', () => {
    const r = normaliseRecord(input(OAI_DC('<dc:title>T</dc:title>'), { datestamp: '' }));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'SCHEMA_PATTERN', path: '/source/datestamp' })]);
  });
});

describe('format detection', () => {
  const dc = '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></oai_dc:dc>';
  const base = { sourceId: 's', localId: 'x', datestamp: '2024-01-01', deleted: false, sets: [], harvestedAt: '2024-01-01T00:00:00Z' };

  it('reads a record by its root namespace and says so when the declared format differs', () => {
    const r = normaliseRecord({ ...base, format: 'mods', metadata: parseXml(dc).root });
    expect(r.title[0]?.value).toBe('T');
    expect(r.issues.map((i) => i.code)).toContain('FORMAT_MISMATCH');
  });

  it('is quiet when the declared prefix is one entente does not know', () => {
    const r = normaliseRecord({ ...base, format: 'oai_dpla_custom', metadata: parseXml(dc).root });
    expect(r.issues.map((i) => i.code)).not.toContain('FORMAT_MISMATCH');
  });
});
