// The oai_dc crosswalk field by field, on small inline records (the real ones are in golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkOaiDc } from '../../src/normalise/crosswalks/oai-dc.js';
import type { Issue } from '../../src/model/types.js';

/** Crosswalks an oai_dc body; `prefix` lets a test bind the DC namespace to any prefix. */
function walk(body: string, prefix = 'dc') {
  const xml = `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:${prefix}="http://purl.org/dc/elements/1.1/">${body}</oai_dc:dc>`;
  const issues: Issue[] = [];
  const draft = crosswalkOaiDc(parseXml(xml).root, { issues });
  return { draft, issues };
}

describe('crosswalkOaiDc', () => {
  it('matches DC elements by namespace, whatever the prefix', () => {
    expect(walk('<x:title>T</x:title>', 'x').draft.title).toEqual([{ value: 'T' }]);
  });

  it('ignores elements of other namespaces and unknown DC elements', () => {
    const { draft } = walk('<dc:title>T</dc:title><dc:foo>x</dc:foo><t:title xmlns:t="urn:other">U</t:title>');
    expect(draft).toEqual({ title: [{ value: 'T' }] });
  });

  it('keeps xml:lang, inherited or not, and repeated elements in order', () => {
    const xml = `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="de"><dc:title>A</dc:title><dc:title xml:lang="en">B</dc:title></oai_dc:dc>`;
    expect(crosswalkOaiDc(parseXml(xml).root, { issues: [] }).title).toEqual([{ value: 'A', lang: 'de' }, { value: 'B', lang: 'en' }]);
  });

  it('ignores white-space-only values and folds white space', () => {
    const { draft } = walk('<dc:title>  A \n  b </dc:title><dc:title>  </dc:title><dc:relation/>');
    expect(draft).toEqual({ title: [{ value: 'A b' }] });
  });

  it('reads CDATA values', () => {
    expect(walk('<dc:title><![CDATA[A & B]]></dc:title>').draft.title).toEqual([{ value: 'A & B' }]);
  });

  it('keeps paragraph breaks in descriptions only', () => {
    expect(walk('<dc:description>One\n  two.\n\n  Three.</dc:description>').draft.description).toEqual([{ value: 'One two.\n\nThree.' }]);
  });

  it('drops exact repeats of a value in the same language', () => {
    expect(walk('<dc:format>application/pdf</dc:format><dc:format>application/pdf</dc:format>').draft.format).toEqual(['application/pdf']);
  });

  it('splits subjects on semicolons and marks URI subjects', () => {
    expect(walk('<dc:subject>a;b; c</dc:subject><dc:subject>http://id.loc.gov/x</dc:subject>').draft.subject).toEqual([
      { value: 'a' }, { value: 'b' }, { value: 'c' }, { value: 'http://id.loc.gov/x', uri: 'http://id.loc.gov/x' },
    ]);
  });

  it('gives creators a sort name and drops contributors that repeat a creator', () => {
    const { draft } = walk('<dc:creator>Victor Hugo</dc:creator><dc:contributor>Victor Hugo</dc:contributor><dc:contributor>Nooteboom, B.</dc:contributor>');
    expect(draft.creator).toEqual([{ name: 'Victor Hugo', sortName: 'Hugo, Victor' }]);
    expect(draft.contributor).toEqual([{ name: 'Nooteboom, B.', sortName: 'Nooteboom, B.' }]);
  });

  it('prefers a date without time of day and reports the other dates', () => {
    const { draft, issues } = walk('<dc:date>2003-03-11T14:00:50Z</dc:date><dc:date>2001-01-04</dc:date>');
    expect(draft.date).toEqual({ display: '2001-01-04', edtf: '2001-01-04', earliest: 2001, latest: 2001 });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_OTHERS_IGNORED', severity: 'info', path: '/date', value: '2003-03-11T14:00:50Z' })]);
  });

  it('prefers a readable date to an unreadable one', () => {
    expect(walk('<dc:date>undated</dc:date><dc:date>ca. 1890</dc:date>').draft.date).toEqual({ display: 'ca. 1890', edtf: '1890~', earliest: 1890, latest: 1890 });
  });

  it('reports a date it cannot read and keeps it for display', () => {
    const { draft, issues } = walk('<dc:date>sometime</dc:date>');
    expect(draft.date).toEqual({ display: 'sometime' });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_UNPARSEABLE', path: '/date', value: 'sometime' })]);
  });

  it('flags a date that is only a system timestamp', () => {
    expect(walk('<dc:date>2004-02-13T19:35:47Z</dc:date>').issues).toEqual([expect.objectContaining({ code: 'DATE_TIMESTAMP_ONLY', severity: 'info' })]);
  });

  it('maps types to DCMI, keeps the label, skips eu-repo versions and reports unknown labels', () => {
    const { draft, issues } = walk(
      '<dc:type>texte</dc:type><dc:type>info:eu-repo/semantics/publishedVersion</dc:type><dc:type>Presentazione</dc:type><dc:type>Image;</dc:type>',
    );
    expect(draft.type).toEqual([{ value: 'Text', original: 'texte' }, { value: 'Image', original: 'Image' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'TYPE_UNMAPPED', path: '/type', value: 'Presentazione' })]);
  });

  it('maps languages to ISO 639-3 once each and reports what it cannot map', () => {
    const { draft, issues } = walk('<dc:language>en</dc:language><dc:language>en_US</dc:language><dc:language>fre</dc:language><dc:language>Latn</dc:language><dc:language>other</dc:language>');
    expect(draft.language).toEqual(['eng', 'fra']);
    expect(issues.map((i) => i.code)).toEqual(['LANGUAGE_SCRIPT_IGNORED', 'LANGUAGE_UNRECOGNISED']);
  });

  it('normalises identifiers and takes the first landing page for isShownAt', () => {
    const { draft } = walk(
      '<dc:identifier>https://example.org/files/a.pdf</dc:identifier><dc:identifier>http://hdl.handle.net/1765/9</dc:identifier><dc:identifier>https://example.org/item/1</dc:identifier><dc:identifier>ISBN 0-306-40615-2</dc:identifier><dc:identifier>-</dc:identifier>',
    );
    expect(draft.identifier).toEqual([
      { scheme: 'uri', value: 'https://example.org/files/a.pdf' },
      { scheme: 'handle', value: '1765/9' },
      { scheme: 'uri', value: 'https://example.org/item/1' },
      { scheme: 'isbn', value: '9780306406157' },
    ]);
    expect(draft.isShownAt).toBe('http://hdl.handle.net/1765/9');
    expect(draft.isShownBy).toBe('https://example.org/files/a.pdf');
  });

  it('reports a wrong ISBN check digit at the identifier it concerns', () => {
    const { draft, issues } = walk('<dc:identifier>x</dc:identifier><dc:identifier>ISBN 0-306-40615-3</dc:identifier>');
    expect(draft.identifier?.[1]).toEqual({ scheme: 'local', value: 'ISBN 0-306-40615-3' });
    expect(issues).toEqual([expect.objectContaining({ code: 'IDENTIFIER_CHECKSUM', path: '/identifier/1' })]);
  });

  it('moves eu-repo alternative identifiers from relation to identifier (Tethys)', () => {
    const { draft } = walk('<dc:relation>info:eu-repo/semantics/altIdentifier/doi/10.24341/tethys.1</dc:relation><dc:relation>http://example.org/other</dc:relation>');
    expect(draft.identifier).toEqual([{ scheme: 'doi', value: '10.24341/tethys.1' }]);
    expect(draft.relation).toEqual(['http://example.org/other']);
  });

  it('splits the media type from a file URL in dc:format (DSpace, Erasmus 2004)', () => {
    const { draft } = walk('<dc:format>application/pdf https://ep.eur.nl/retrieve/2570/ERS 2004 015 LIS.pdf</dc:format>');
    expect(draft.format).toEqual(['application/pdf']);
    expect(draft.isShownBy).toBe('https://ep.eur.nl/retrieve/2570/ERS%202004%20015%20LIS.pdf');
  });

  it('recognises a licence and keeps every statement except a bare URI', () => {
    const { draft } = walk('<dc:rights>Copyright (c) 2018 X</dc:rights><dc:rights>http://creativecommons.org/licenses/by-nc-sa/4.0</dc:rights>');
    expect(draft.rights).toEqual({ uri: 'http://creativecommons.org/licenses/by-nc-sa/4.0/', statement: 'Copyright (c) 2018 X' });
  });

  it('keeps a rights statement it cannot map', () => {
    expect(walk('<dc:rights>Open for research.</dc:rights>').draft.rights).toEqual({ statement: 'Open for research.' });
  });

  it('reports two different licences and keeps the first', () => {
    const { draft, issues } = walk('<dc:rights>CC BY 4.0</dc:rights><dc:rights>CC BY-SA 4.0</dc:rights>');
    expect(draft.rights?.uri).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(issues).toEqual([expect.objectContaining({ code: 'RIGHTS_CONFLICT', path: '/rights/uri' })]);
  });

  it('maps source into relation and places into spatial, but not dates in coverage', () => {
    const { draft, issues } = walk('<dc:source>Journal X, 3(2)</dc:source><dc:coverage>Paris</dc:coverage><dc:coverage>1970-1979</dc:coverage>');
    expect(draft.relation).toEqual(['Journal X, 3(2)']);
    expect(draft.spatial).toEqual([{ value: 'Paris' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'COVERAGE_TEMPORAL_IGNORED', value: '1970-1979' })]);
  });

  it('splits publishers given as a list', () => {
    expect(walk('<dc:publisher>Alfred A. Knopf, Inc.;</dc:publisher>').draft.publisher).toEqual([{ value: 'Alfred A. Knopf, Inc.' }]);
  });

  it('returns an empty title, and nothing else, for an empty record', () => {
    expect(walk('').draft).toEqual({ title: [] });
  });
});
