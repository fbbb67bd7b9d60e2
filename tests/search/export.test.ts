// Export formats (CSV per RFC 4180, JSON-LD, oai_dc) on records the test writes, and the CLI's
// export, search and show commands on a harvested catalogue.

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/export.js';
import type { NormalisedRecord } from '../../src/model/record.js';
import { createFormatter, csvField, toCsvRow, toJsonLd, toOaiDc, CSV_COLUMNS } from '../../src/export/formats.js';
import { childElements, parseXml, textOf } from '../../src/xml/parse.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { dcProvider, dcRecord, harvestInto } from './harvested.js';

const RECORD: NormalisedRecord = {
  id: 'src:0123456789abcdef',
  source: { id: 'src', localId: 'oai:x:1', datestamp: '2024-01-01', format: 'oai_dc', sets: [], harvestedAt: '2026-01-01T00:00:00Z' },
  deleted: false,
  title: [{ value: 'Letter, "urgent"\nsecond line', lang: 'en' }, { value: 'Brief' }],
  creator: [{ name: 'Dvořák, Antonín', sortName: 'Dvořák, Antonín' }, { name: 'Simrock & Co.' }],
  date: { display: '1880-1890', edtf: '1880/1890', earliest: 1880, latest: 1890 },
  type: [{ value: 'Text' }],
  language: ['ces', 'deu'],
  subject: [{ value: 'Music <scores>', uri: 'http://id.loc.gov/x' }],
  identifier: [{ scheme: 'doi', value: '10.1234/abc' }],
  rights: { uri: 'http://creativecommons.org/publicdomain/mark/1.0/', statement: 'Public domain' },
  isShownAt: 'https://example.org/1',
  isShownBy: 'https://example.org/1.jpg',
  description: [{ value: 'bad\u0001char' }],
  issues: [{ code: 'DATE_RANGE', severity: 'info', path: '/date', message: 'm' }],
};

/** A small RFC 4180 reader, to check what the writer wrote reads back the same. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes only what RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
  });

  it('writes one row per record, repeated fields joined, that reads back field for field', () => {
    const f = createFormatter('csv');
    const [header, row] = readCsv(f.header + toCsvRow(RECORD)) as [string[], string[]];
    expect(header).toEqual(CSV_COLUMNS.map(([n]) => n));
    const at = (name: string): string => row[header.indexOf(name)] as string;
    expect(row).toHaveLength(header.length);
    expect(at('title')).toBe('Letter, "urgent"\nsecond line | Brief');
    expect(at('creator')).toBe('Dvořák, Antonín | Simrock & Co.');
    expect(at('earliest')).toBe('1880');
    expect(at('language')).toBe('ces | deu');
    expect(at('identifier')).toBe('doi:10.1234/abc');
    expect(at('issues')).toBe('DATE_RANGE');
    expect(createFormatter('csv', { bom: true }).header.startsWith('\uFEFFid,')).toBe(true);
  });
});

describe('JSON-LD', () => {
  it('maps a record to a schema.org CreativeWork', () => {
    const node = toJsonLd(RECORD);
    expect(node).toMatchObject({
      '@type': 'CreativeWork',
      '@id': 'urn:entente:src:0123456789abcdef',
      name: [{ '@value': 'Letter, "urgent"\nsecond line', '@language': 'en' }, 'Brief'],
      creator: [{ name: 'Dvořák, Antonín' }, { name: 'Simrock & Co.' }],
      dateCreated: '1880/1890',
      temporalCoverage: '1880/1890',
      inLanguage: ['ces', 'deu'],
      license: 'http://creativecommons.org/publicdomain/mark/1.0/',
      sameAs: ['https://doi.org/10.1234/abc'],
      url: 'https://example.org/1',
      associatedMedia: { '@type': 'MediaObject', contentUrl: 'https://example.org/1.jpg' },
      additionalType: ['http://purl.org/dc/dcmitype/Text'],
    });
    expect(node.about).toEqual([{ '@type': 'Thing', name: 'Music <scores>', sameAs: 'http://id.loc.gov/x' }]);
  });

  it('carries the dedupe cluster as entente:cluster, its prefix declared in the @context', () => {
    const f = createFormatter('jsonld');
    const doc = JSON.parse(f.header + f.record({ ...RECORD, cluster: { id: 'other:0000000000000001', size: 3 } }, true) + f.footer);
    expect(doc['@context']).toEqual(['https://schema.org/', { entente: 'urn:entente:vocab#' }]);
    expect(doc['@graph'][0]['entente:cluster']).toEqual({ '@type': 'entente:Cluster', identifier: 'other:0000000000000001', 'entente:size': 3 });
  });
});

describe('oai_dc', () => {
  it('writes well-formed Dublin Core, escaping markup and dropping characters XML forbids', () => {
    const f = createFormatter('oai_dc');
    const doc = parseXml(f.header + toOaiDc(RECORD) + f.footer);
    const record = childElements(doc.root)[0]!;
    expect(record.attrs.id).toBe(RECORD.id);
    const dc = childElements(record)[0]!;
    const values = (name: string): string[] => childElements(dc).filter((e) => e.name === name).map(textOf);
    expect(values('title')).toEqual(['Letter, "urgent"\nsecond line', 'Brief']);
    expect(values('subject')).toEqual(['Music <scores>']);
    expect(values('description')).toEqual(['badchar']);
    expect(values('identifier')).toEqual(['https://doi.org/10.1234/abc', 'https://example.org/1']);
    expect(values('rights')).toEqual(['http://creativecommons.org/publicdomain/mark/1.0/', 'Public domain']);
    // No cluster known, no cluster element.
    expect(childElements(record).map((e) => e.name)).toEqual(['dc']);
  });

  it('carries the dedupe cluster as an entente:cluster element beside oai_dc:dc', () => {
    const f = createFormatter('oai_dc');
    const doc = parseXml(f.header + toOaiDc({ ...RECORD, cluster: { id: 'a&b:1', size: 2 } }) + f.footer);
    const record = childElements(doc.root)[0]!;
    const [dc, cluster] = childElements(record);
    expect(dc).toMatchObject({ name: 'dc', ns: 'http://www.openarchives.org/OAI/2.0/oai_dc/' });
    expect(cluster).toMatchObject({ name: 'cluster', ns: 'urn:entente:vocab#', attrs: { id: 'a&b:1', size: '2' } });
    // Inside oai_dc:dc there are only Dublin Core elements, as its schema requires.
    expect(new Set(childElements(dc!).map((e) => e.ns))).toEqual(new Set(['http://purl.org/dc/elements/1.1/']));
  });
});

describe('the CLI', () => {
  const dir = tempDir('entente-export-');
  const db = dir.file('c.sqlite');
  beforeAll(async () => {
    const records = [
      dcRecord('oai:e:1', { title: 'Map of Bohemia', date: '1720', type: 'Image', language: 'lat' }),
      dcRecord('oai:e:2', { title: 'Letters, "collected"', date: '1890', type: 'Text', language: 'eng', rights: 'http://creativecommons.org/licenses/by/4.0/' }),
      dcRecord('oai:e:3', { title: 'Map of Moravia', date: '1750', type: 'Image', language: 'lat' }),
    ];
    (await harvestInto(db, { e: dcProvider(records) })).close();
  });
  afterAll(() => dir.remove());

  const run = async (options: Parameters<typeof exportCommand>[0]): Promise<string> => {
    let text = '';
    const sink = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
    expect(await exportCommand({ db, ...options }, { out: () => {}, err: () => {}, isTTY: false }, sink)).toBe(0);
    return text;
  };

  it('exports CSV with a BOM and the search filters', async () => {
    const text = await run({ format: 'csv', bom: true, type: 'Image', from: '1700', to: '1730' });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = readCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    const header = rows[0] as string[];
    const row = rows[1] as string[];
    expect(row[header.indexOf('title')]).toBe('Map of Bohemia');
    // Each row carries its dedupe cluster (the record itself, size 1, when in none).
    expect(row[header.indexOf('cluster_id')]).toBe(row[header.indexOf('id')]);
    expect(row[header.indexOf('cluster_size')]).toBe('1');
  });

  it('exports JSON-LD and oai_dc for a query', async () => {
    const jsonld = JSON.parse(await run({ format: 'jsonld', query: 'map' }));
    expect(jsonld['@graph'].map((n: { name: string[] }) => n.name[0]).sort()).toEqual(['Map of Bohemia', 'Map of Moravia']);
    // Every record carries its cluster (itself, size 1, when in none), as NDJSON and CSV do.
    for (const node of jsonld['@graph'] as { identifier: string[]; 'entente:cluster': unknown }[]) {
      expect(node['entente:cluster']).toEqual({ '@type': 'entente:Cluster', identifier: node.identifier[0], 'entente:size': 1 });
    }
    const xml = parseXml(await run({ format: 'oai_dc', rights: 'open' }));
    const records = childElements(xml.root);
    expect(records.map((e) => e.attrs.id)).toHaveLength(1);
    expect(childElements(records[0]!, 'urn:entente:vocab#', 'cluster')[0]?.attrs).toEqual({ id: records[0]!.attrs.id, size: '1' });
  });

  it('refuses an unknown format or a bad filter with exit 2 and the parameter named', async () => {
    let err = '';
    const io = { out: () => {}, err: (t: string) => (err += t), isTTY: false };
    expect(await exportCommand({ db, format: 'xlsx' }, io)).toBe(2);
    expect(await exportCommand({ db, from: 'soon' }, io)).toBe(2);
    expect(err).toMatch(/format: unknown export format/);
    expect(err).toMatch(/from: expected a year/);
  });

  it('searches as a table or JSON, and shows a record and its cluster', async () => {
    const table = await cli('search', 'map', '--db', db, '--facets');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Map of Bohemia/);
    expect(table.out).toMatch(/2 results/);
    expect(table.out).toMatch(/type: Image \(2\)/);
    const json = JSON.parse((await cli('search', 'title:letters', '--db', db, '--json', '--records')).out);
    expect(json.total).toBe(1);
    const id = json.hits[0].id as string;
    const shown = await cli('show', id, '--db', db);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/Letters, "collected"/);
    expect(shown.out).toMatch(/local id\s+oai:e:2/);
    const cluster = JSON.parse((await cli('show', id, '--db', db, '--cluster', '--json')).out);
    expect(cluster).toMatchObject({ id, size: 1 });
    const missing = await cli('show', 'e:nothing', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ERR_NOT_FOUND/);
    const bad = await cli('search', 'map', '--db', db, '--limit', '500');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/limit/);
  });
});
