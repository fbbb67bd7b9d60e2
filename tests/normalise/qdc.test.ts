// The qualified DC crosswalk field by field, on small inline records (the real ones are in qdc-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkQdc } from '../../src/normalise/crosswalks/qdc.js';
import type { Issue } from '../../src/model/types.js';

/** Crosswalks a CONTENTdm-style oai_qdc body; `terms` binds the DCMI Terms namespace to any prefix. */
function walk(body: string, terms = 'dcterms', attrs = '') {
  const xml = `<oai_qdc:qualifieddc xmlns:oai_qdc="http://worldcat.org/xmlschemas/qdc-1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:${terms}="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${attrs}>${body}</oai_qdc:qualifieddc>`;
  const issues: Issue[] = [];
  const draft = crosswalkQdc(parseXml(xml).root, { issues });
  return { draft, issues };
}

describe('crosswalkQdc', () => {
  it('reads DC elements and DCMI Terms by namespace, whatever the prefix', () => {
    expect(walk('<t:title>T</t:title><dc:creator>C</dc:creator>', 't').draft).toEqual({ title: [{ value: 'T' }], creator: [{ name: 'C', sortName: 'C' }] });
  });

  it('ignores unknown elements and terms without a place in the model, and empty values', () => {
    const { draft } = walk('<dc:title>T</dc:title><dcterms:audience>pupils</dcterms:audience><dcterms:foo>x</dcterms:foo><x:abstract xmlns:x="urn:x">A</x:abstract><dcterms:abstract>  </dcterms:abstract>');
    expect(draft).toEqual({ title: [{ value: 'T' }] });
  });

  it('reads CDATA and entities', () => {
    expect(walk('<dcterms:alternative><![CDATA[A & B]]></dcterms:alternative><dc:title>X &amp; Y</dc:title>').draft).toEqual({ title: [{ value: 'X & Y' }], alternative: [{ value: 'A & B' }] });
  });

  it('keeps alternative titles apart from titles, with their language, and without repeats of a title', () => {
    const { draft } = walk('<dc:title xml:lang="de">Der Process</dc:title><dcterms:alternative xml:lang="en">The trial</dcterms:alternative><dcterms:alternative>Der Process</dcterms:alternative>');
    expect(draft.title).toEqual([{ value: 'Der Process', lang: 'de' }]);
    expect(draft.alternative).toEqual([{ value: 'The trial', lang: 'en' }]);
  });

  it('inherits xml:lang from the container', () => {
    expect(walk('<dcterms:abstract>A</dcterms:abstract><dcterms:alternative>B</dcterms:alternative>', 'dcterms', ' xml:lang="fr"').draft).toMatchObject({
      description: [{ value: 'A', lang: 'fr' }],
      alternative: [{ value: 'B', lang: 'fr' }],
    });
  });

  it('reads abstracts and tables of contents as descriptions, in order', () => {
    expect(walk('<dcterms:abstract>A</dcterms:abstract><dcterms:tableOfContents>B</dcterms:tableOfContents><dc:description>C</dc:description>').draft.description).toEqual([
      { value: 'A' }, { value: 'B' }, { value: 'C' },
    ]);
  });

  it('offers date refinements in order: created and issued before modified', () => {
    const { draft, issues } = walk('<dcterms:modified>2015-01-01</dcterms:modified><dcterms:issued>1902</dcterms:issued><dcterms:created xsi:type="dcterms:W3CDTF">1890</dcterms:created>');
    expect(draft.date).toEqual({ display: '1890', edtf: '1890', earliest: 1890, latest: 1890 });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_OTHERS_IGNORED', value: '1902 | 2015-01-01' })]);
  });

  it('reads spatial as places and reports temporal coverage, typed by namespace whatever the prefix', () => {
    const { draft, issues } = walk(
      '<t:spatial xsi:type="t:Point">name=Paris</t:spatial><t:temporal>1970-1979;</t:temporal><dc:coverage xsi:type="t:Period">name=Renaissance</dc:coverage><dc:coverage>Baltimore</dc:coverage>',
      't',
    );
    expect(draft.spatial).toEqual([{ value: 'name=Paris' }, { value: 'Baltimore' }]);
    expect(issues.map((i) => [i.code, i.value])).toEqual([
      ['COVERAGE_TEMPORAL_IGNORED', '1970-1979'],
      ['COVERAGE_TEMPORAL_IGNORED', 'name=Renaissance'],
    ]);
  });

  it('maps relation refinements and citations to relation, not to identifier', () => {
    const { draft } = walk('<dcterms:isPartOf>Collection X</dcterms:isPartOf><dcterms:bibliographicCitation>Journal 3(2)</dcterms:bibliographicCitation><dcterms:identifier xsi:type="dcterms:URI">https://x.org/1</dcterms:identifier>');
    expect(draft.relation).toEqual(['Collection X', 'Journal 3(2)']);
    expect(draft.identifier).toEqual([{ scheme: 'uri', value: 'https://x.org/1' }]);
    expect(draft.isShownAt).toBe('https://x.org/1');
  });

  it('maps license and access rights to rights, and extent and medium to format', () => {
    const { draft } = walk('<dcterms:license>http://creativecommons.org/licenses/by/4.0/</dcterms:license><dcterms:accessRights>Open access</dcterms:accessRights><dcterms:extent>24 cm</dcterms:extent><dcterms:medium>Oil on canvas</dcterms:medium>');
    expect(draft.rights).toEqual({ uri: 'http://creativecommons.org/licenses/by/4.0/', statement: 'Open access' });
    expect(draft.format).toEqual(['24 cm', 'Oil on canvas']);
  });

  it('reads typed languages and DCMI types, and CONTENTdm lists split on ";"', () => {
    const { draft } = walk('<dc:language xsi:type="dcterms:ISO639-3">fra</dc:language><dc:type xsi:type="dcterms:DCMIType">StillImage</dc:type><dc:subject>a; b;</dc:subject><dc:language>English;</dc:language>');
    expect(draft.language).toEqual(['fra', 'eng']);
    expect(draft.type).toEqual([{ value: 'StillImage', original: 'StillImage' }]);
    expect(draft.subject).toEqual([{ value: 'a' }, { value: 'b' }]);
  });

  it('reads a root in the DCMI Terms namespace and DSpace\'s qdc container alike', () => {
    const dspace = '<qdc:qualifieddc xmlns:qdc="http://dspace.org/qualifieddc/" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:title>T</dcterms:title></qdc:qualifieddc>';
    expect(crosswalkQdc(parseXml(dspace).root, { issues: [] }).title).toEqual([{ value: 'T' }]);
  });

  it('returns an empty title, and nothing else, for an empty record', () => {
    expect(walk('').draft).toEqual({ title: [] });
  });
});
