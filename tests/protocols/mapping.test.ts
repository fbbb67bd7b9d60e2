// The declarative mapping of json-pages, and the example configs in data/examples applied to the
// real API responses in ../shared/fixtures/real/json. Expected values were read off the fixtures.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { JsonMapping, SourceConfig } from '../../src/config/types.js';
import type { Issue } from '../../src/model/types.js';
import { finishRecord } from '../../src/normalise/normalise.js';
import { mapItem, mappedValues } from '../../src/protocols/json-pages/mapping.js';
import { readItems } from '../../src/protocols/json-pages/pages-adapter.js';
import { SHARED_DIR } from '../helpers/shared.js';

const JSON_FIXTURES = join(SHARED_DIR, 'fixtures/real/json');
const hasJson = existsSync(JSON_FIXTURES);
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(JSON_FIXTURES, name), 'utf8'));
const EXAMPLES = new URL('../../data/examples/', import.meta.url).pathname;

function example(file: string): SourceConfig {
  return loadConfig(join(EXAMPLES, file)).sources[0] as SourceConfig;
}

/** Maps an item and finishes it as the harvester does; returns the record. */
function mapped(item: unknown, mapping: JsonMapping, localId = 'x') {
  const issues: Issue[] = [];
  const draft = mapItem(item, mapping, { issues });
  return finishRecord({ sourceId: 'ex', localId, datestamp: '2026-01-01T00:00:00Z', deleted: false, sets: [], format: 'json-mapped', harvestedAt: '2026-01-01T00:00:00Z' }, draft, issues);
}

describe('mapping values', () => {
  const item = { t: ['A', { '@value': 'B', '@language': 'fr' }], lm: { en: ['One'], def: 'Two', '@none': ['Three'] }, n: 7, s: { '@id': 'http://x/c1', 'o:label': 'Concept' }, city: 'Leiden', country: 'NL' };

  it('reads strings, numbers, JSON-LD value objects and linked resources', () => {
    expect(mappedValues(item, '/t')).toEqual([{ text: 'A' }, { text: 'B', lang: 'fr' }]);
    expect(mappedValues(item, '/n')).toEqual([{ text: '7' }]);
    expect(mappedValues(item, '/s')).toEqual([{ text: 'Concept', uri: 'http://x/c1' }]);
  });

  it('reads language maps when asked, with def and @none as no language', () => {
    expect(mappedValues(item, { path: '/lm', languageMap: true })).toEqual([{ text: 'One', lang: 'en' }, { text: 'Two' }, { text: 'Three' }]);
  });

  it('joins, prefixes, adds constants and languages, and keeps the first value on request', () => {
    expect(mappedValues(item, { join: ['/city', '/country'], separator: ', ' })).toEqual([{ text: 'Leiden, NL' }]);
    expect(mappedValues(item, { path: '/n', prefix: 'https://x.org/items/' })).toEqual([{ text: 'https://x.org/items/7' }]);
    expect(mappedValues(item, { const: 'Museum', lang: 'en' })).toEqual([{ text: 'Museum', lang: 'en' }]);
    expect(mappedValues(item, { path: '/t', first: true })).toEqual([{ text: 'A' }]);
    expect(mappedValues(item, ['/city', { const: 'x' }])).toEqual([{ text: 'Leiden' }, { text: 'x' }]);
  });

  it('reports a link field that is not a URL instead of storing it', () => {
    const rec = mapped({ home: 'see catalogue' }, { title: { const: 'T' }, isShownAt: '/home' });
    expect(rec.isShownAt).toBeUndefined();
    expect(rec.issues.map((i) => i.code)).toContain('MAPPING_NOT_URL');
  });
});

describe('the example configs', () => {
  it('are all valid', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(() => loadConfig(join(EXAMPLES, f)), f).not.toThrow();
  });

  it.skipIf(!hasJson)('Europeana Search API: reads a real search response into records', () => {
    const source = example('europeana-search.json');
    const response = fixture('europeana-search-api-v2.json') as { items: unknown[] };
    const items = readItems(response.items, source.pages!, source.url);
    expect(items).toHaveLength(response.items.length);
    expect(items[0]?.localId).toBe('/12/https___www_searchculture_gr_aggregator_edm_pandektis_prosopa_000085_10442_60124');
    expect(items[0]?.datestamp).toBe('2019-01-25T08:39:44.247Z');
    const rec = mapped(items[0]?.document, source.mapping!);
    expect(rec.title).toEqual([{ value: 'Χουρμούζη Φωτεινή', lang: 'el' }, { value: 'Chourmouzi Foteini', lang: 'en' }]);
    expect(rec.creator).toEqual([{ name: 'Καργόπουλος Β.', sortName: expect.any(String) }]);
    expect(rec.date).toMatchObject({ display: '1898', earliest: 1898, latest: 1898 });
    expect(rec.type).toEqual([{ value: 'Image', original: 'IMAGE' }]);
    expect(rec.language).toEqual(['ell']);
    expect(rec.rights).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/' });
    expect(rec.isShownBy).toBe('http://pandektis.ekt.gr/pandektis/retrieve/93138/2244.jpg');
    expect(rec.isShownAt).toMatch(/^https:\/\/www\.europeana\.eu\/portal\/record\/12\//);
    expect(rec.identifier?.[0]).toEqual({ scheme: 'uri', value: 'http://data.europeana.eu/item/12/https___www_searchculture_gr_aggregator_edm_pandektis_prosopa_000085_10442_60124' });
    expect(rec.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // Every item of the page maps without an error-level issue.
    for (const it of items) expect(mapped(it.document, source.mapping!).issues.filter((i) => i.severity === 'error'), it.localId).toEqual([]);
  });

  it.skipIf(!hasJson)('CKAN package_search: reads a real package into a dataset record', () => {
    const source = example('ckan-package-search.json');
    const pkg = fixture('ckan-hdx-package-unesco-zimbabwe.json');
    const [item] = readItems([pkg], source.pages!, source.url);
    expect(item?.localId).toBe('f5d0ab3b-5549-486e-a619-1fc5702237f7');
    expect(item?.datestamp).toBe('2022-12-19T12:51:37.469116');
    expect(item?.deleted).toBe(false);
    const rec = mapped(item?.document, source.mapping!);
    expect(rec.title).toEqual([{ value: 'Zimbabwe - Education Indicators' }]);
    expect(rec.description?.[0]?.value).toMatch(/^Education indicators for Zimbabwe\./);
    expect(rec.subject?.map((s) => s.value)).toContain('demographics');
    expect(rec.publisher).toEqual([{ value: 'UNESCO' }]);
    expect(rec.spatial).toEqual([{ value: 'Zimbabwe' }]);
    expect(rec.type).toEqual([{ value: 'Dataset', original: 'Dataset' }]);
    expect(rec.isShownAt).toBe('https://data.humdata.org/dataset/unesco-data-for-zimbabwe');
    expect(rec.rights?.statement).toBe('Creative Commons Attribution for Intergovernmental Organisations');
    expect(rec.relation?.length).toBe(9);
  });

  it('Omeka S: reads an item of the REST API (JSON-LD values) into a record', () => {
    const source = example('omeka-s.json');
    // Modelled on an Omeka S 4 /api/items response item.
    const item = {
      '@context': 'https://omeka.example.org/api-context',
      '@id': 'https://omeka.example.org/api/items/42',
      '@type': ['o:Item', 'dctype:Text'],
      'o:id': 42,
      'o:modified': { '@value': '2024-03-05T09:12:44+00:00', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
      'dcterms:title': [{ type: 'literal', property_id: 1, property_label: 'Title', is_public: true, '@value': 'Brief aan de burgemeester', '@language': 'nl' }],
      'dcterms:creator': [{ type: 'literal', property_id: 2, '@value': 'Vermeer, Anna' }],
      'dcterms:date': [{ type: 'literal', property_id: 7, '@value': 'ca. 1890' }],
      'dcterms:subject': [{ type: 'uri', property_id: 3, '@id': 'http://vocab.getty.edu/aat/300026877', 'o:label': 'letters (correspondence)' }],
      'dcterms:type': [{ type: 'literal', property_id: 8, '@value': 'Text' }],
      'dcterms:language': [{ type: 'literal', property_id: 12, '@value': 'Dutch' }],
      'dcterms:rights': [{ type: 'uri', property_id: 15, '@id': 'http://rightsstatements.org/vocab/NoC-US/1.0/' }],
      thumbnail_display_urls: { large: 'https://omeka.example.org/files/large/42.jpg' },
    };
    const [read] = readItems([item], source.pages!, source.url);
    expect(read?.localId).toBe('42');
    expect(read?.datestamp).toBe('2024-03-05T09:12:44+00:00');
    const rec = mapped(read?.document, source.mapping!);
    expect(rec.title).toEqual([{ value: 'Brief aan de burgemeester', lang: 'nl' }]);
    expect(rec.creator).toEqual([{ name: 'Vermeer, Anna', sortName: 'Vermeer, Anna' }]);
    expect(rec.date).toMatchObject({ display: 'ca. 1890', edtf: '1890~' });
    expect(rec.subject).toEqual([{ value: 'letters (correspondence)', uri: 'http://vocab.getty.edu/aat/300026877' }]);
    expect(rec.language).toEqual(['nld']);
    expect(rec.rights?.uri).toBe('http://rightsstatements.org/vocab/NoC-US/1.0/');
    expect(rec.identifier).toEqual([{ scheme: 'uri', value: 'https://omeka.example.org/api/items/42' }]);
    expect(rec.isShownBy).toBe('https://omeka.example.org/files/large/42.jpg');
  });

  it('DPLA API: reads a sourceResource document into a record', () => {
    const source = example('dpla-api.json');
    // Modelled on a DPLA API v2 /items doc (DPLA MAP 4: sourceResource, isShownAt, object, rights).
    const doc = {
      id: '1cfa77365f32d894b7dc578e7f07eb35',
      ingestDate: '2016-04-10T11:01:40.123Z',
      isShownAt: 'https://reflections.mndigital.org/catalog/p16022coll27:1',
      object: 'https://thumbnails.calisphere.org/1cfa.jpg',
      rights: 'http://rightsstatements.org/vocab/InC/1.0/',
      sourceResource: {
        title: ['In 50 years, huge strides for gay-rights movement'],
        description: ['A news story outlining the history of the gay rights movement.'],
        creator: ['Minnesota Public Radio'],
        date: [{ displayDate: '2012-06-29', begin: '2012-06-29', end: '2012-06-29' }],
        subject: [{ name: 'Gay rights' }, { name: 'ACT UP' }],
        language: [{ name: 'English', iso639_3: 'eng' }],
        type: ['text'],
        spatial: [{ name: 'Minnesota' }],
      },
    };
    const [read] = readItems([doc], source.pages!, source.url);
    expect(read?.localId).toBe('1cfa77365f32d894b7dc578e7f07eb35');
    const rec = mapped(read?.document, source.mapping!);
    expect(rec.title[0]?.value).toBe('In 50 years, huge strides for gay-rights movement');
    expect(rec.subject?.map((s) => s.value)).toEqual(['Gay rights', 'ACT UP']);
    expect(rec.date?.edtf).toBe('2012-06-29');
    expect(rec.language).toEqual(['eng']);
    expect(rec.type).toEqual([{ value: 'Text', original: 'text' }]);
    expect(rec.isShownAt).toBe('https://reflections.mndigital.org/catalog/p16022coll27:1');
    expect(rec.rights?.uri).toBe('http://rightsstatements.org/vocab/InC/1.0/');
  });
});
