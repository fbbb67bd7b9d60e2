// The IIIF crosswalk on small manifests written here (modelled on the real ones in ../shared):
// detection, language maps, metadata by label, links and images, rights, and hostile input.

import { describe, expect, it } from 'vitest';
import { detectJsonFormat, normaliseJsonRecord, type JsonNormaliseInput } from '../../src/normalise/normalise-json.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { MAX_TEXT_LENGTH } from '../../src/normalise/crosswalks/language-map.js';
import { parseAgentText } from '../../src/normalise/crosswalks/iiif.js';
import { jsonFixtures } from './json-golden-support.js';

const V2 = 'http://iiif.io/api/presentation/2/context.json';
const V3 = 'http://iiif.io/api/presentation/3/context.json';

function normalise(document: unknown, extra: Partial<JsonNormaliseInput> = {}): ReturnType<typeof normaliseJsonRecord> {
  return normaliseJsonRecord({
    sourceId: 'test', localId: 'm1', datestamp: '2025-01-01', deleted: false, sets: [], format: 'iiif', harvestedAt: '2025-01-01T00:00:00Z', document, ...extra,
  });
}

const codes = (r: { issues: { code: string }[] }): string[] => r.issues.map((i) => i.code);

describe('detectJsonFormat', () => {
  it('tells IIIF 2 and 3 manifests and Linked Art apart, and calls no collection a manifest', () => {
    expect(detectJsonFormat({ '@context': V2, '@id': 'https://x.org/m', '@type': 'sc:Manifest' })).toBe('iiif-v2');
    expect(detectJsonFormat({ '@context': [V3], id: 'https://x.org/m', type: 'Manifest' })).toBe('iiif-v3');
    expect(detectJsonFormat({ id: 'https://x.org/m', type: 'Manifest' })).toBe('iiif-v3');
    expect(detectJsonFormat({ '@context': V2, '@type': 'sc:Collection', manifests: [] })).toBeUndefined();
    expect(detectJsonFormat({ '@context': V3, type: 'Collection', items: [] })).toBeUndefined();
    expect(detectJsonFormat({ '@context': 'https://linked.art/ns/v1/linked-art.json', type: 'HumanMadeObject' })).toBe('linked-art');
    for (const v of [null, 42, 'Manifest', [], [{ type: 'Manifest' }], { type: 'Person' }]) expect(detectJsonFormat(v)).toBeUndefined();
  });

  it.skipIf(jsonFixtures().size === 0)('gives undefined for the collections and API responses among the real fixtures', () => {
    const notRecords = [...jsonFixtures()].filter(([name]) => !/manifest|linked-art/.test(name));
    expect(notRecords.length).toBeGreaterThan(4);
    for (const [name, doc] of notRecords) expect([name, detectJsonFormat(doc)]).toEqual([name, undefined]);
  });
});

describe('IIIF manifests', () => {
  it('reads IIIF 3 language maps, with "none" meaning no language', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/1', type: 'Manifest',
      label: { en: ['The harbour'], fr: ['Le port'], none: ['Hafen 1890'] },
      summary: { en: ['<p>A view of the <b>harbour</b>.</p><p>Second paragraph.</p>'] },
    });
    expect(r.title).toEqual([{ value: 'The harbour', lang: 'en' }, { value: 'Le port', lang: 'fr' }, { value: 'Hafen 1890' }]);
    expect(r.description).toEqual([{ value: 'A view of the harbour.\n\nSecond paragraph.', lang: 'en' }]);
    expect(validateRecord(r)).toEqual([]);
  });

  it('reads IIIF 2 strings and @value/@language objects and lists', () => {
    const r = normalise({
      '@context': V2, '@id': 'https://iiif.example.org/m/2', '@type': 'sc:Manifest',
      label: [{ '@value': 'Kaart van Zeeland', '@language': 'nl' }, { '@value': 'Map of Zeeland', '@language': 'en' }],
      description: 'A printed map.',
    });
    expect(r.title).toEqual([{ value: 'Kaart van Zeeland', lang: 'nl' }, { value: 'Map of Zeeland', lang: 'en' }]);
    expect(r.description).toEqual([{ value: 'A printed map.' }]);
  });

  it('maps metadata by label in several languages, roles included', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/3', type: 'Manifest', label: { de: ['Stadtansicht'] },
      metadata: [
        { label: { de: ['Urheber'] }, value: { none: ['Merian, Matthäus [engraver]'] } },
        { label: { de: ['Datierung'] }, value: { de: ['um 1640'] } },
        { label: { de: ['Sprache'] }, value: { de: ['Deutsch'] } },
        { label: { de: ['Schlagwort'] }, value: { de: ['Stadtansicht', 'Kupferstich'] } },
        { label: { en: ['Shelfmark'] }, value: { none: ['Kart. 12'] } },
        { label: { en: ['DOI'] }, value: { none: ['10.1234/ABC'] } },
        { label: { en: ['Number of Pages'] }, value: { none: ['2'] } },
        { label: { en: ['Watermark'] }, value: { none: ['A crowned shield'] } },
      ],
    });
    expect(r.creator).toEqual([{ name: 'Merian, Matthäus', sortName: 'Merian, Matthäus', role: 'engraver' }]);
    expect(r.date).toMatchObject({ display: 'um 1640', earliest: expect.any(Number) as number });
    expect(r.language).toEqual(['deu']);
    expect(r.subject?.map((s) => s.value)).toEqual(['Stadtansicht', 'Kupferstich']);
    expect(r.identifier).toEqual([
      { scheme: 'local', value: 'Kart. 12' },
      { scheme: 'doi', value: '10.1234/abc' },
      { scheme: 'uri', value: 'https://iiif.example.org/m/3' },
    ]);
    expect(r.format).toEqual(['Number of Pages: 2']);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'IIIF_METADATA_UNMAPPED', severity: 'info', value: 'Watermark' }));
  });

  it('reads "Role: Name" and "Name, relator." forms, and leaves other names whole', () => {
    expect(parseAgentText('Artist: Vincent van Gogh')).toEqual({ name: 'Vincent van Gogh', sortName: 'van Gogh, Vincent', role: 'Artist' });
    expect(parseAgentText('Smith, Jane, editor.')).toEqual({ name: 'Smith, Jane', sortName: 'Smith, Jane', role: 'editor' });
    expect(parseAgentText('Smith, Jane, 1900-1980')).toEqual({ name: 'Smith, Jane, 1900-1980', sortName: 'Smith, Jane' });
    expect(parseAgentText('Smith, Ed')).toEqual({ name: 'Smith, Ed', sortName: 'Smith, Ed' });
  });

  it('strips HTML from values safely and takes a landing page from a metadata link', () => {
    const r = normalise({
      '@context': V2, '@id': 'https://iiif.example.org/m/4', '@type': 'sc:Manifest', label: 'Letter',
      metadata: [
        { label: 'Description', value: 'Written <i>in haste</i> &amp; sealed<script>alert(1)</script><img src="x" onerror="alert(2)"> &#8211; unsigned' },
        { label: 'Item URL', value: "<a href='https://archive.example.org/item/4'>View the item</a>" },
      ],
    });
    expect(r.description).toEqual([{ value: 'Written in haste & sealed – unsigned' }]);
    expect(r.isShownAt).toBe('https://archive.example.org/item/4');
  });

  it('takes homepage as isShownAt, the first painted image as isShownBy, seeAlso and partOf as relations', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/5', type: 'Manifest', label: { en: ['Atlas'] },
      homepage: [{ id: 'https://library.example.org/atlas', type: 'Text', format: 'text/html' }],
      seeAlso: [{ id: 'https://library.example.org/atlas.mods.xml', type: 'Dataset', format: 'application/mods+xml' }],
      partOf: [{ id: 'https://iiif.example.org/collection/maps', type: 'Collection' }],
      thumbnail: [{ id: 'https://iiif.example.org/thumb.jpg', type: 'Image' }],
      items: [{
        id: 'https://iiif.example.org/c1', type: 'Canvas',
        items: [{ id: 'https://iiif.example.org/p1', type: 'AnnotationPage', items: [{
          id: 'https://iiif.example.org/a1', type: 'Annotation', motivation: 'painting',
          // The image's id is its service's (Bodleian does this): the full image is asked of the service.
          body: { id: 'https://images.example.org/iiif/3/atlas-1', type: 'Image', service: [{ id: 'https://images.example.org/iiif/3/atlas-1', type: 'ImageService3', profile: 'level1' }] },
        }] }],
      }],
    });
    expect(r.isShownAt).toBe('https://library.example.org/atlas');
    expect(r.isShownBy).toBe('https://images.example.org/iiif/3/atlas-1/full/max/0/default.jpg');
    expect(r.relation).toEqual(['https://library.example.org/atlas.mods.xml', 'https://iiif.example.org/collection/maps']);
  });

  it('falls back on the thumbnail, and types audio and video by their painted content', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/6', type: 'Manifest', label: { en: ['Interview'] },
      thumbnail: [{ id: 'https://iiif.example.org/poster.jpg', type: 'Image' }],
      items: [{ id: 'https://iiif.example.org/c1', type: 'Canvas', items: [{ type: 'AnnotationPage', items: [{ type: 'Annotation', motivation: 'painting', body: { type: 'Sound', format: 'audio/mp4' } }] }] }],
    });
    expect(r.isShownBy).toBe('https://iiif.example.org/poster.jpg');
    expect(r.type).toEqual([{ value: 'Sound', original: 'Sound' }]);
  });

  it('recognises the licence and keeps the required statement; a second licence is a conflict', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/7', type: 'Manifest', label: { en: ['Map'] },
      rights: 'https://creativecommons.org/licenses/by/4.0/',
      requiredStatement: { label: { en: ['Attribution'] }, value: { en: ['Provided by the Example Library'] } },
      metadata: [{ label: { en: ['License'] }, value: { en: ['CC0 1.0'] } }],
    });
    expect(r.rights).toEqual({ uri: 'http://creativecommons.org/licenses/by/4.0/', statement: 'CC0 1.0 | Provided by the Example Library' });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'RIGHTS_CONFLICT', path: '/rights/uri' }));
  });

  it('reads the navDate when the metadata has no date, its date part only', () => {
    const r = normalise({ '@context': V2, '@id': 'https://iiif.example.org/m/8', '@type': 'sc:Manifest', label: 'Issue', navDate: '1949-01-01:T00:00:00Z' });
    expect(r.date).toEqual({ display: '1949-01-01:T00:00:00Z', edtf: '1949-01-01', earliest: 1949, latest: 1949 });
  });

  it('makes a tombstone of a deleted record without reading its document', () => {
    const r = normalise(undefined, { deleted: true });
    expect(r).toMatchObject({ deleted: true, title: [], issues: [] });
  });
});

describe('hostile and odd IIIF input', () => {
  it('gives FORMAT_UNSUPPORTED for JSON that is no manifest, never a throw', () => {
    for (const doc of [null, 0, 'a string', [], [1, 2], { type: 'Collection' }, { hello: 'world' }]) {
      const r = normalise(doc);
      expect(codes(r)).toContain('FORMAT_UNSUPPORTED');
      expect(r.title).toEqual([]);
    }
  });

  it('reports a missing label and takes the title from a Title metadata pair', () => {
    const r = normalise({ '@context': V3, id: 'https://iiif.example.org/m/9', type: 'Manifest', metadata: [{ label: { en: ['Title'] }, value: { en: ['From the metadata'] } }] });
    expect(codes(r)).toContain('IIIF_LABEL_MISSING');
    expect(r.title).toEqual([{ value: 'From the metadata', lang: 'en' }]);
  });

  it('reports labels and metadata of the wrong type and keeps what can be read', () => {
    const r = normalise({
      '@context': V3, id: 'https://iiif.example.org/m/10', type: 'Manifest', label: { en: [true, 'Readable'] },
      metadata: [
        'not a pair',
        { value: { en: ['no label'] } },
        { label: { en: ['Subject'] }, value: [[[[[['far too deep']]]]]] },
        { label: { en: ['Subject'] }, value: [['nested'], [{ '@value': 'tagged', '@language': 'en' }]] },
        { label: { en: ['Date'] }, value: { id: 'https://x.org/thing', type: 'Thing' } },
      ],
    });
    expect(r.title).toEqual([{ value: 'Readable', lang: 'en' }]);
    expect(r.subject).toEqual([{ value: 'nested' }, { value: 'tagged', lang: 'en' }]);
    const unreadable = r.issues.filter((i) => i.code === 'JSON_VALUE_UNREADABLE');
    expect(unreadable.length).toBe(5);
    expect(unreadable.map((i) => i.path)).toEqual(['/title', '', '', '/subject', '/date']);
    expect(validateRecord(r)).toEqual([]);

    const notAList = normalise({ '@context': V3, id: 'https://iiif.example.org/m/11', type: 'Manifest', label: { en: ['x'] }, metadata: { label: 'Date', value: '1900' } });
    expect(notAList.issues).toContainEqual(expect.objectContaining({ code: 'JSON_VALUE_UNREADABLE', message: expect.stringContaining('not a list') as string }));
  });

  it('cuts huge strings with VALUE_TRUNCATED and reads broken HTML in one pass', () => {
    const huge = 'x'.repeat(MAX_TEXT_LENGTH * 3);
    const tags = '<a '.repeat(50_000); // 50,000 tags that never close
    const r = normalise({ '@context': V3, id: 'https://iiif.example.org/m/12', type: 'Manifest', label: { en: [huge] }, summary: { en: [`before ${tags}`] } });
    expect(r.title[0]?.value.length).toBe(MAX_TEXT_LENGTH);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'VALUE_TRUNCATED', path: '/title', severity: 'warning' }));
    expect(r.description).toEqual([{ value: 'before', lang: 'en' }]);
  });

  it('follows Choices in Choices a few levels only, whatever their depth', () => {
    let body: Record<string, unknown> = { id: 'https://x.org/deep.jpg', type: 'Image' };
    for (let i = 0; i < 50_000; i++) body = { type: 'Choice', items: [body] };
    const shallow = { type: 'Choice', items: [{ type: 'Choice', items: [{ id: 'https://x.org/a.jpg', type: 'Image' }] }] };
    const canvas = (b: unknown): unknown => ({ type: 'Canvas', items: [{ type: 'AnnotationPage', items: [{ type: 'Annotation', motivation: 'painting', body: b }] }] });
    const r = normalise({ '@context': V3, id: 'https://x.org/m', type: 'Manifest', label: { en: ['x'] }, items: [canvas(body), canvas(shallow)] });
    expect(r.isShownBy).toBe('https://x.org/a.jpg');
  });

  it('never throws on randomly shaped manifests, and every record it returns is a record', () => {
    // A small deterministic generator of JSON values, placed under the keys the crosswalk reads.
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const value = (depth: number): unknown => {
      switch (rand(depth > 3 ? 5 : 8)) {
        case 0: return null;
        case 1: return rand(2) === 0;
        case 2: return rand(1000) - 500;
        case 3: return ['', 'text', '<b>x</b>', 'https://x.org/a', '1890', 'en'][rand(6)];
        case 4: return undefined;
        case 5: return Array.from({ length: rand(4) }, () => value(depth + 1));
        case 6: return Object.fromEntries(['id', '@id', 'type', 'label', 'value', '@value', 'en', 'none', 'items', 'body', 'service'].filter(() => rand(3) === 0).map((k) => [k, value(depth + 1)]));
        default: return { label: value(depth + 1), value: value(depth + 1) };
      }
    };
    const keys = ['label', 'summary', 'description', 'metadata', 'rights', 'license', 'requiredStatement', 'attribution', 'navDate', 'homepage', 'related', 'rendering', 'thumbnail', 'seeAlso', 'partOf', 'within', 'provider', 'items', 'sequences', 'mediaSequences'];
    for (let n = 0; n < 300; n++) {
      const doc: Record<string, unknown> = { '@context': n % 2 ? V2 : V3, id: 'https://x.org/m', type: n % 2 ? 'sc:Manifest' : 'Manifest' };
      for (const k of keys) if (rand(2) === 0) doc[k] = value(0);
      const r = normalise(doc);
      expect(r.id).toMatch(/^test:[0-9a-f]{16}$/);
      expect(codes(r)).not.toContain('CROSSWALK_FAILED');
      // The only schema problem allowed is the missing title of a manifest without a usable label.
      expect(validateRecord(r).filter((i) => !(i.code === 'SCHEMA_MINITEMS' && i.path === '/title'))).toEqual([]);
    }
  });
});
