// The Linked Art crosswalk on small objects written here (modelled on the Getty, NGA, ANS and Yale
// records in ../shared): names, productions and time spans, statements, links, rights, and odd input.

import { describe, expect, it } from 'vitest';
import { normaliseJsonRecord } from '../../src/normalise/normalise-json.js';
import { validateRecord } from '../../src/normalise/validate.js';

const CONTEXT = 'https://linked.art/ns/v1/linked-art.json';
const AAT = 'http://vocab.getty.edu/aat/';

function normalise(document: Record<string, unknown>): ReturnType<typeof normaliseJsonRecord> {
  return normaliseJsonRecord({
    sourceId: 'museum', localId: 'obj-1', datestamp: '2025-01-01', deleted: false, sets: [], format: 'linked-art', harvestedAt: '2025-01-01T00:00:00Z',
    document: { '@context': CONTEXT, id: 'https://data.example.org/object/1', type: 'HumanMadeObject', ...document },
  });
}

const primary = [{ id: `${AAT}300404670`, type: 'Type', _label: 'preferred terms' }];
const classified = (aat: string, label: string): { classified_as: { id: string; type: string; _label: string }[] } => ({ classified_as: [{ id: `${AAT}${aat}`, type: 'Type', _label: label }] });

describe('Linked Art objects', () => {
  it('takes primary Names as titles, other Names as alternatives, Identifiers and the URI as identifiers', () => {
    const r = normalise({
      identified_by: [
        { type: 'Name', content: 'Zomerlandschap', classified_as: primary, language: [{ id: `${AAT}300388256`, type: 'Language', _label: 'Dutch' }] },
        { type: 'Name', content: 'Summer Landscape', classified_as: [{ id: `${AAT}300417227`, type: 'Type', _label: 'translated titles' }] },
        { type: 'Identifier', content: 'SK-A-1234', ...classified('300312355', 'accession numbers') },
        { type: 'Identifier', content: 4321 },
      ],
    });
    expect(r.title).toEqual([{ value: 'Zomerlandschap', lang: 'nld' }]);
    expect(r.alternative).toEqual([{ value: 'Summer Landscape' }]);
    expect(r.identifier).toEqual([
      { scheme: 'local', value: 'SK-A-1234' },
      { scheme: 'local', value: '4321' },
      { scheme: 'uri', value: 'https://data.example.org/object/1' },
    ]);
    expect(validateRecord(r)).toEqual([]);
  });

  it('uses the _label as the title when there is no Name, and says so', () => {
    const r = normalise({ _label: 'Untitled vase' });
    expect(r.title).toEqual([{ value: 'Untitled vase' }]);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'LINKED_ART_TITLE_FROM_LABEL', severity: 'info' }));
  });

  it('reads the production: makers with their URIs, the time span as a date, the place as spatial', () => {
    const r = normalise({
      _label: 'Coin',
      produced_by: {
        type: 'Production',
        carried_out_by: [{ id: 'ulan:500018666', type: 'Person', _label: "O'Keeffe, Georgia" }],
        took_place_at: [{ id: 'tgn:7000084', type: 'Place', _label: 'Germany' }],
        timespan: { type: 'TimeSpan', _label: '323 BCE - 317 BCE', begin_of_the_begin: '-0322-01-01T00:00:00Z', end_of_the_end: '-0316-12-31T23:59:59Z' },
      },
    });
    expect(r.creator).toEqual([{ name: "O'Keeffe, Georgia", sortName: "O'Keeffe, Georgia", uri: 'http://vocab.getty.edu/ulan/500018666' }]);
    expect(r.date).toEqual({ display: '323 BCE - 317 BCE', edtf: '-0322/-0316', earliest: -322, latest: -316 });
    expect(r.spatial).toEqual([{ value: 'Germany', uri: 'http://vocab.getty.edu/tgn/7000084' }]);
  });

  it('keeps the qualifier a date text gives when it means the same years, and reports a time span that ends before it begins', () => {
    const about = normalise({ _label: 'x', produced_by: { type: 'Production', timespan: { type: 'TimeSpan', identified_by: [{ type: 'Name', content: 'about 1600' }], begin_of_the_begin: '1600-01-01T00:00:00', end_of_the_end: '1600-12-31T23:59:59' } } });
    expect(about.date).toEqual({ display: 'about 1600', edtf: '1600~', earliest: 1600, latest: 1600 });
    const inverted = normalise({ _label: 'x', produced_by: { type: 'Production', timespan: { type: 'TimeSpan', begin_of_the_begin: '1900-01-01', end_of_the_end: '1800-12-31' } } });
    expect(inverted.date).toBeUndefined();
    expect(inverted.issues).toContainEqual(expect.objectContaining({ code: 'DATE_RANGE_INVERTED', path: '/date' }));
  });

  it('sorts statements by classification: descriptions, dimensions and materials, rights; the rest is reported', () => {
    const r = normalise({
      _label: 'x',
      referred_to_by: [
        { type: 'LinguisticObject', content: '<p>A <i>small</i> study.</p>', ...classified('300080091', 'description') },
        { type: 'LinguisticObject', content: '12 x 9 cm', ...classified('300266036', 'dimensions') },
        { type: 'LinguisticObject', content: 'Gift of A. Donor, 1950', ...classified('300026687', 'acknowledgments') },
        { id: 'https://rightsstatements.org/vocab/InC/1.0/', type: 'LinguisticObject', content: 'In Copyright', ...classified('300435434', 'copyright/licensing statement') },
      ],
      made_of: [{ id: 'aat:300011021', type: 'Material', _label: 'gold (metal)' }],
    });
    expect(r.description).toEqual([{ value: 'A small study.' }]);
    expect(r.format).toEqual(['12 x 9 cm', 'gold']);
    expect(r.rights).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', statement: 'In Copyright' });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'LINKED_ART_STATEMENT_UNMAPPED', value: 'acknowledgments' }));
  });

  it('types the object as a physical object, its work types by the type vocabulary, and culture terms as subjects', () => {
    const r = normalise({
      _label: 'x',
      classified_as: [
        { id: `${AAT}300033618`, type: 'Type', _label: 'paintings (visual works)', classified_as: [{ id: `${AAT}300435443`, type: 'Type', _label: 'Type of Work' }] },
        { id: `${AAT}300111198`, type: 'Type', _label: 'Italian', classified_as: [{ id: `${AAT}300055768`, type: 'Type', _label: 'Culture' }] },
      ],
    });
    expect(r.type).toEqual([{ value: 'PhysicalObject', original: 'HumanMadeObject' }, { value: 'StillImage', original: 'paintings (visual works)' }]);
    expect(r.subject).toEqual([{ value: 'Italian', uri: `${AAT}300111198` }]);
  });

  it('links the home page, the image and the IIIF manifest, in Linked Art 0.x and 1.0 shapes', () => {
    const old = normalise({
      _label: 'x',
      subject_of: [
        { id: 'https://museum.example.org/collection/1', type: 'LinguisticObject', format: 'text/html', ...classified('300264578', 'Web pages (documents)') },
        { id: 'https://iiif.example.org/manifest/1', type: 'InformationObject', conforms_to: [{ id: 'http://iiif.io/api/presentation' }], format: 'application/ld+json' },
      ],
      representation: [{ id: 'https://images.example.org/1.jpg', type: 'VisualItem', format: 'image/jpeg' }],
      member_of: [{ id: 'https://data.example.org/set/paintings', type: 'Set' }],
    });
    expect(old.isShownAt).toBe('https://museum.example.org/collection/1');
    expect(old.isShownBy).toBe('https://images.example.org/1.jpg');
    expect(old.relation).toEqual(['https://iiif.example.org/manifest/1', 'https://data.example.org/set/paintings']);

    const v1 = normalise({
      _label: 'x',
      subject_of: [{ type: 'LinguisticObject', digitally_carried_by: [{ type: 'DigitalObject', format: 'text/html', access_point: [{ id: 'https://museum.example.org/o/1', type: 'DigitalObject' }] }] }],
      representation: [{ type: 'VisualItem', digitally_shown_by: [{ type: 'DigitalObject', ...classified('300215302', 'digital images'), access_point: [{ id: 'https://images.example.org/iiif/1/full/!400,400/0/default.jpg', type: 'DigitalObject' }] }] }],
    });
    expect(v1.isShownAt).toBe('https://museum.example.org/o/1');
    expect(v1.isShownBy).toBe('https://images.example.org/iiif/1/full/!400,400/0/default.jpg');
  });

  it('takes the current owner as publisher, the keeper only without an owner, and subject_to licences as rights', () => {
    const r = normalise({
      _label: 'x',
      current_owner: [{ id: 'ulan:500115983', type: 'Group', _label: 'National Gallery of Art' }],
      current_keeper: [{ id: 'https://data.example.org/group/prints', type: 'Group', _label: 'Prints Department' }],
      subject_to: [{ type: 'Right', classified_as: [{ id: 'https://creativecommons.org/publicdomain/zero/1.0/', type: 'Type', _label: 'CC0' }] }],
    });
    expect(r.publisher).toEqual([{ value: 'National Gallery of Art', uri: 'http://vocab.getty.edu/ulan/500115983' }]);
    expect(r.rights).toEqual({ uri: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    const kept = normalise({ _label: 'x', current_keeper: { type: 'Group', _label: 'Prints Department' } });
    expect(kept.publisher).toEqual([{ value: 'Prints Department' }]);
  });

  it('takes collectors and the collecting event of a specimen when it was not produced', () => {
    const r = normalise({
      _label: 'Fossil',
      encountered_by: [{
        type: 'Encounter',
        carried_out_by: [{ type: 'Person', _label: 'Collector', identified_by: [{ type: 'Name', content: 'John Bell Hatcher', classified_as: [{ type: 'Type', _label: 'Primary Name' }] }] }],
        timespan: { type: 'TimeSpan', begin_of_the_begin: '1891-01-01T00:00:00Z', end_of_the_end: '1891-12-31T23:59:59Z' },
      }],
    });
    expect(r.contributor).toEqual([{ name: 'John Bell Hatcher', sortName: 'Hatcher, John Bell', role: 'collector' }]);
    expect(r.date).toEqual({ display: '1891', edtf: '1891', earliest: 1891, latest: 1891 });
  });
});

describe('odd Linked Art input', () => {
  it('skips values of the wrong shape, never throws, and still gives a valid record', () => {
    const r = normalise({
      _label: 42,
      identified_by: ['a string', null, { type: 'Name', content: { nested: true } }, { type: 'Name', content: 'Kept' }],
      classified_as: [7, { type: 'Type' }],
      produced_by: [{ type: 'Production', carried_out_by: 'nobody', timespan: { begin_of_the_begin: 12 } }],
      referred_to_by: { type: 'LinguisticObject', content: ['not', 'text'] },
      subject_of: 'https://x.org',
      representation: [{ id: 'not a url', type: 'VisualItem' }],
      current_owner: [{ type: 'Group' }],
      member_of: [{ id: 42 }],
    });
    expect(r.title).toEqual([{ value: 'Kept' }]);
    expect(r.issues.filter((i) => i.code === 'JSON_VALUE_UNREADABLE').map((i) => i.path)).toEqual(['/title', '/description']);
    expect(r.creator).toBeUndefined();
    expect(r.isShownBy).toBeUndefined();
    expect(validateRecord(r)).toEqual([]);
  });

  it('never throws on randomly shaped objects, and every record it returns is a record', () => {
    let seed = 11;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const keys = ['id', 'type', '_label', 'content', 'identified_by', 'classified_as', 'timespan', 'begin_of_the_begin', 'end_of_the_end', 'carried_out_by', 'took_place_at', 'access_point', 'digitally_carried_by', 'format', 'conforms_to', 'language', 'value', 'unit', 'part'];
    const value = (depth: number): unknown => {
      switch (rand(depth > 3 ? 4 : 7)) {
        case 0: return null;
        case 1: return rand(3000) - 1500;
        case 2: return ['', 'Name', 'aat:300404670', 'https://x.org/a.jpg', '-0322-01-01T00:00:00Z', 'text/html', '<p>x</p>'][rand(7)];
        case 3: return rand(2) === 0;
        case 4: return Array.from({ length: rand(4) }, () => value(depth + 1));
        default: return Object.fromEntries(keys.filter(() => rand(4) === 0).map((k) => [k, value(depth + 1)]));
      }
    };
    const top = ['identified_by', 'classified_as', 'produced_by', 'encountered_by', 'referred_to_by', 'carries', 'part', 'shows', 'made_of', 'dimension', 'subject_of', 'subject_to', 'representation', 'current_owner', 'current_keeper', 'member_of', 'equivalent', 'language'];
    for (let n = 0; n < 300; n++) {
      const doc: Record<string, unknown> = {};
      for (const k of top) if (rand(2) === 0) doc[k] = value(0);
      const r = normalise(doc);
      expect(r.issues.map((i) => i.code)).not.toContain('CROSSWALK_FAILED');
      expect(validateRecord(r).filter((i) => !(i.code === 'SCHEMA_MINITEMS' && i.path === '/title'))).toEqual([]);
    }
  });

  it('reports an object with neither Name nor _label', () => {
    const r = normalise({});
    expect(r.title).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['LINKED_ART_NAME_MISSING', 'SCHEMA_MINITEMS']));
  });
});
