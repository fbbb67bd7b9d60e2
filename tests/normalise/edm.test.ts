// The EDM crosswalk field by field, on small inline RDF/XML records (the real ones are in edm-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkEdm, normaliseEdmRights, normaliseEdmType } from '../../src/normalise/crosswalks/edm.js';
import type { Issue } from '../../src/model/types.js';

const NAMESPACES =
  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:edm="http://www.europeana.eu/schemas/edm/" xmlns:ore="http://www.openarchives.org/ore/terms/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:skos="http://www.w3.org/2004/02/skos/core#"';
const CHO = 'http://example.org/cho/1';

/** Crosswalks an rdf:RDF document: `cho` is the body of the edm:ProvidedCHO, `rest` further nodes. */
function walk(cho: string, rest = '') {
  const xml = `<rdf:RDF ${NAMESPACES}><edm:ProvidedCHO rdf:about="${CHO}">${cho}</edm:ProvidedCHO>${rest}</rdf:RDF>`;
  const issues: Issue[] = [];
  const draft = crosswalkEdm(parseXml(xml).root, { issues });
  return { draft, issues };
}

const aggregation = (body: string) => `<ore:Aggregation rdf:about="http://example.org/agg/1"><edm:aggregatedCHO rdf:resource="${CHO}"/>${body}</ore:Aggregation>`;

describe('crosswalkEdm', () => {
  it('matches elements by namespace, whatever the prefix', () => {
    const xml = `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://www.europeana.eu/schemas/edm/" xmlns:t="http://purl.org/dc/elements/1.1/"><e:ProvidedCHO r:about="urn:x"><t:title>T</t:title></e:ProvidedCHO></r:RDF>`;
    expect(crosswalkEdm(parseXml(xml).root, { issues: [] })).toEqual({ title: [{ value: 'T' }] });
  });

  it('ignores unknown properties, classes and namespaces', () => {
    const { draft } = walk('<dc:title>T</dc:title><dc:foo>x</dc:foo><x:title xmlns:x="urn:other">U</x:title>', '<x:Thing xmlns:x="urn:other" rdf:about="urn:t"><dc:title>V</dc:title></x:Thing>');
    expect(draft.title).toEqual([{ value: 'T' }]);
    expect(draft.identifier).toEqual([{ scheme: 'uri', value: CHO }]);
  });

  it('keeps repeated titles with their xml:lang, inherited or not, once each', () => {
    const xml = `<rdf:RDF ${NAMESPACES} xml:lang="nl"><edm:ProvidedCHO rdf:about="urn:x"><dc:title>A</dc:title><dc:title xml:lang="en">B</dc:title><dc:title>A</dc:title><dcterms:alternative>C</dcterms:alternative></edm:ProvidedCHO></rdf:RDF>`;
    const draft = crosswalkEdm(parseXml(xml).root, { issues: [] });
    expect(draft.title).toEqual([{ value: 'A', lang: 'nl' }, { value: 'B', lang: 'en' }]);
    expect(draft.alternative).toEqual([{ value: 'C', lang: 'nl' }]);
  });

  it('ignores empty and white-space-only literals, folds white space, reads CDATA and entities', () => {
    expect(walk('<dc:title> </dc:title><dc:title/><dc:title>A &amp;\n  <![CDATA[<B>]]></dc:title>').draft.title).toEqual([{ value: 'A & <B>' }]);
  });

  it('reads values from the proxies in Europeana records, Europeana enrichments only where the provider has none', () => {
    const proxy = (about: string, europeana: boolean, body: string) =>
      `<ore:Proxy rdf:about="${about}">${body}<edm:europeanaProxy>${String(europeana)}</edm:europeanaProxy><ore:proxyFor rdf:resource="${CHO}"/></ore:Proxy>`;
    const { draft } = walk('',
      proxy('urn:p:provider', false, '<dc:title xml:lang="de">Porträt</dc:title><dc:subject xml:lang="de">Porträt</dc:subject><dcterms:spatial>Genève</dcterms:spatial>') +
        proxy('urn:p:europeana', true, '<dc:subject rdf:resource="http://example.org/c/1"/><dcterms:spatial rdf:resource="http://example.org/p/1"/><dc:date rdf:resource="http://example.org/t/1"/>') +
        '<skos:Concept rdf:about="http://example.org/c/1"><skos:prefLabel xml:lang="de">Porträt</skos:prefLabel></skos:Concept>' +
        '<edm:Place rdf:about="http://example.org/p/1"><skos:prefLabel xml:lang="de">Genf</skos:prefLabel></edm:Place>' +
        '<edm:TimeSpan rdf:about="http://example.org/t/1"><skos:prefLabel xml:lang="en">19th century</skos:prefLabel></edm:TimeSpan>');
    expect(draft.subject).toEqual([{ value: 'Porträt', lang: 'de', uri: 'http://example.org/c/1' }]);
    expect(draft.spatial).toEqual([{ value: 'Genève' }]);
    expect(draft.date).toEqual({ display: '19th century', edtf: '18XX', earliest: 1800, latest: 1899 });
  });

  it('reads a contextual entity by its label in the record language, else English, else the first', () => {
    const concept = (labels: string) => `<skos:Concept rdf:about="http://example.org/c"><skos:prefLabel>none</skos:prefLabel>${labels}</skos:Concept>`;
    const subjectOf = (labels: string, title = '<dc:title xml:lang="fr">T</dc:title>') => walk(`${title}<dc:subject rdf:resource="http://example.org/c"/>`, concept(labels)).draft.subject;
    expect(subjectOf('<skos:prefLabel xml:lang="en">Portrait</skos:prefLabel><skos:prefLabel xml:lang="fr-FR">Le portrait</skos:prefLabel>')).toEqual([{ value: 'Le portrait', lang: 'fr-FR', uri: 'http://example.org/c' }]);
    expect(subjectOf('<skos:prefLabel xml:lang="de">Porträt</skos:prefLabel><skos:prefLabel xml:lang="en">Portrait</skos:prefLabel>')).toEqual([{ value: 'Portrait', lang: 'en', uri: 'http://example.org/c' }]);
    expect(subjectOf('<skos:prefLabel xml:lang="de">Porträt</skos:prefLabel>')).toEqual([{ value: 'none', uri: 'http://example.org/c' }]);
  });

  it('keeps outside http(s) subjects as URIs and literal subjects split on semicolons', () => {
    expect(walk('<dc:subject rdf:resource="http://vocab.getty.edu/aat/300015637"/><dc:subject rdf:resource="urn:x:1"/><dc:subject>a; b</dc:subject>').draft.subject).toEqual([
      { value: 'http://vocab.getty.edu/aat/300015637', uri: 'http://vocab.getty.edu/aat/300015637' }, { value: 'a' }, { value: 'b' },
    ]);
  });

  it('reads agents as literals or edm:Agent nodes, nested ones included, and drops contributors that repeat a creator', () => {
    const { draft } = walk(
      '<dc:creator>Rembrandt van Rijn</dc:creator><dc:creator rdf:resource="http://viaf.org/viaf/1"/><dc:creator rdf:resource="http://example.org/unknown"/>' +
        '<dc:contributor><edm:Agent rdf:about="http://viaf.org/viaf/2"><skos:prefLabel>Jan Six</skos:prefLabel></edm:Agent></dc:contributor><dc:contributor>Rembrandt van Rijn</dc:contributor>',
      '<edm:Agent rdf:about="http://viaf.org/viaf/1"><skos:prefLabel xml:lang="en">Saskia van Uylenburgh</skos:prefLabel></edm:Agent>',
    );
    expect(draft.creator).toEqual([
      { name: 'Rembrandt van Rijn', sortName: 'van Rijn, Rembrandt' },
      { name: 'Saskia van Uylenburgh', sortName: 'van Uylenburgh, Saskia', uri: 'http://viaf.org/viaf/1' },
    ]);
    expect(draft.contributor).toEqual([{ name: 'Jan Six', sortName: 'Six, Jan', uri: 'http://viaf.org/viaf/2' }]);
  });

  it('prefers dcterms:created to dc:date and reports the other dates', () => {
    const { draft, issues } = walk('<dc:date>1900</dc:date><dcterms:created>1835</dcterms:created>');
    expect(draft.date).toEqual({ display: '1835', edtf: '1835', earliest: 1835, latest: 1835 });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_OTHERS_IGNORED', path: '/date', value: '1900' })]);
  });

  it('maps edm:type and dc:type to DCMI, and reports dc:type labels it cannot map', () => {
    const { draft, issues } = walk('<edm:type>VIDEO</edm:type><dc:type>Druckgrafik</dc:type><dc:type rdf:resource="http://purl.org/dc/dcmitype/Text"/><dc:type rdf:resource="urn:x:1"/><dc:type xml:lang="nl">beurs</dc:type>');
    expect(draft.type).toEqual([
      { value: 'MovingImage', original: 'VIDEO' }, { value: 'StillImage', original: 'Druckgrafik' }, { value: 'Text', original: 'http://purl.org/dc/dcmitype/Text' },
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: 'TYPE_UNMAPPED', value: 'beurs' })]);
  });

  it('takes formats from dc:format, extent and medium, but not a credit line in medium (Rijksmuseum)', () => {
    const { draft, issues } = walk('<dc:format>image/jpeg</dc:format><dcterms:extent>3 cm</dcterms:extent><dcterms:medium>oil on canvas</dcterms:medium><dcterms:medium>Gift of J. Six</dcterms:medium>');
    expect(draft.format).toEqual(['image/jpeg', '3 cm', 'oil on canvas']);
    expect(issues).toEqual([expect.objectContaining({ code: 'EDM_MEDIUM_CREDIT_LINE', path: '/format' })]);
  });

  it('maps languages to ISO 639-3', () => {
    expect(walk('<dc:language>nl</dc:language><dc:language>ger</dc:language>').draft.language).toEqual(['nld', 'deu']);
  });

  it('takes dc:publisher and then the edm:dataProvider as publishers, once each', () => {
    expect(walk('<dc:publisher>Rijksmuseum</dc:publisher>', aggregation('<edm:dataProvider>Rijksmuseum</edm:dataProvider><edm:provider>Aggregator</edm:provider>')).draft.publisher).toEqual([{ value: 'Rijksmuseum' }]);
    expect(walk('', aggregation('<edm:dataProvider xml:lang="de">ÖNB</edm:dataProvider>')).draft.publisher).toEqual([{ value: 'ÖNB', lang: 'de' }]);
  });

  it('takes places from dcterms:spatial and from dc:coverage unless it reads as a period', () => {
    const { draft, issues } = walk('<dcterms:spatial rdf:resource="http://example.org/p"/><dc:coverage>Delft</dc:coverage><dc:coverage>second quarter 19th century</dc:coverage>',
      '<edm:Place rdf:about="http://example.org/p"><skos:prefLabel xml:lang="en">Geneva</skos:prefLabel></edm:Place>');
    expect(draft.spatial).toEqual([{ value: 'Geneva', lang: 'en', uri: 'http://example.org/p' }, { value: 'Delft' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'COVERAGE_TEMPORAL_IGNORED', value: 'second quarter 19th century' })]);
  });

  it('takes dc:identifier values and the CHO URI as identifiers', () => {
    expect(walk('<dc:identifier>http://hdl.handle.net/10934/RM0001.COLLECT.1 </dc:identifier><dc:identifier>BK-1</dc:identifier>').draft.identifier).toEqual([
      { scheme: 'handle', value: '10934/RM0001.COLLECT.1' }, { scheme: 'local', value: 'BK-1' }, { scheme: 'uri', value: CHO },
    ]);
  });

  it('takes the rights URI from edm:rights and statements from dc:rights', () => {
    const { draft } = walk('<dc:rights xml:lang="en">Public Domain</dc:rights><dc:rights>ÖNB</dc:rights>', aggregation('<edm:rights rdf:resource="https://creativecommons.org/publicdomain/mark/1.0/"/>'));
    expect(draft.rights).toEqual({ uri: 'http://creativecommons.org/publicdomain/mark/1.0/', statement: 'Public Domain | ÖNB' });
  });

  it('reports dc:rights naming another licence than edm:rights', () => {
    const { issues } = walk('<dc:rights>CC BY 4.0</dc:rights>', aggregation('<edm:rights rdf:resource="http://rightsstatements.org/vocab/InC/1.0/"/>'));
    expect(issues).toEqual([expect.objectContaining({ code: 'RIGHTS_CONFLICT', path: '/rights/uri' })]);
  });

  it('takes isShownAt and isShownBy from the aggregation, edm:object when there is no isShownBy', () => {
    const { draft } = walk('', aggregation('<edm:isShownAt rdf:resource="http://example.org/page"/><edm:object rdf:resource="http://example.org/thumb.jpg"/>'));
    expect(draft.isShownAt).toBe('http://example.org/page');
    expect(draft.isShownBy).toBe('http://example.org/thumb.jpg');
  });

  it('takes DC relations, literal or referenced, as relations', () => {
    expect(walk('<dcterms:isPartOf rdf:resource="http://example.org/coll"/><dcterms:isPartOf>collection: accessories</dcterms:isPartOf><dc:source>Archive X</dc:source><dcterms:hasFormat>image/jpeg</dcterms:hasFormat>').draft.relation)
      .toEqual(['Archive X', 'http://example.org/coll', 'collection: accessories']);
  });

  it('reads rdf:Description nodes typed with rdf:type', () => {
    const xml = `<rdf:RDF ${NAMESPACES}><rdf:Description rdf:about="urn:x"><rdf:type rdf:resource="http://www.europeana.eu/schemas/edm/ProvidedCHO"/><dc:title>T</dc:title></rdf:Description></rdf:RDF>`;
    expect(crosswalkEdm(parseXml(xml).root, { issues: [] }).title).toEqual([{ value: 'T' }]);
  });

  it('reads the DC properties of plain RDF without an edm:ProvidedCHO, and says so', () => {
    const issues: Issue[] = [];
    const xml = `<rdf:RDF ${NAMESPACES}><rdf:Description rdf:about="urn:x"><dc:title>T</dc:title></rdf:Description></rdf:RDF>`;
    expect(crosswalkEdm(parseXml(xml).root, { issues })).toEqual({ title: [{ value: 'T' }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'EDM_NO_PROVIDED_CHO', severity: 'warning' })]);
  });

  it('returns an empty title for an empty rdf:RDF', () => {
    const issues: Issue[] = [];
    expect(crosswalkEdm(parseXml(`<rdf:RDF ${NAMESPACES}/>`).root, { issues })).toEqual({ title: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'EDM_NO_PROVIDED_CHO' })]);
  });
});

describe('normaliseEdmType', () => {
  it('maps the five EDM types', () => {
    expect(['TEXT', 'IMAGE', 'SOUND', 'VIDEO', '3D', 'image ', 'MAP'].map(normaliseEdmType)).toEqual(['Text', 'Image', 'Sound', 'MovingImage', 'PhysicalObject', 'Image', undefined]);
  });
});

describe('normaliseEdmRights', () => {
  it('reads rightsstatements.org and Creative Commons URIs, and the retired Europeana ones', () => {
    expect(normaliseEdmRights('https://creativecommons.org/licenses/by/4.0/')).toEqual({ uri: 'http://creativecommons.org/licenses/by/4.0/' });
    expect(normaliseEdmRights('http://www.europeana.eu/rights/rr-f/')).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', legacy: true });
    expect(normaliseEdmRights('http://www.europeana.eu/rights/unknown/')).toEqual({});
  });
});

describe('crosswalkEdm on malformed records', () => {
  it('never throws: dangling and circular references, empty resources and odd nesting only lose what they cannot give', () => {
    const odd = [
      '<dc:subject rdf:resource=""/><dc:subject rdf:nodeID="nowhere"/><dc:creator rdf:parseType="Resource"><skos:prefLabel>Anon</skos:prefLabel></dc:creator><dc:date rdf:resource="urn:t"/>',
      '<dc:subject rdf:resource="http://example.org/a"/>',
      '<dcterms:spatial><edm:Place><skos:prefLabel/></edm:Place></dcterms:spatial><dc:coverage rdf:resource="http://example.org/a"/><dc:title rdf:parseType="Literal"><b>T</b></dc:title>',
    ];
    const rest = '<skos:Concept rdf:about="http://example.org/a"><skos:broader rdf:resource="http://example.org/a"/><skos:prefLabel xml:lang=""> </skos:prefLabel></skos:Concept>' +
      aggregation('<edm:isShownAt>not a url</edm:isShownAt><edm:rights/>') + '<ore:Proxy rdf:about="urn:p"><ore:proxyFor rdf:resource="urn:elsewhere"/><dc:title>Not ours</dc:title></ore:Proxy>';
    for (const cho of odd) expect(() => walk(cho, rest)).not.toThrow();
    expect(walk(odd[0] as string, rest).draft.creator).toEqual([{ name: 'Anon', sortName: 'Anon' }]);
    expect(walk(odd[1] as string, rest).draft).toEqual({ title: [], subject: [{ value: 'http://example.org/a', uri: 'http://example.org/a' }], identifier: [{ scheme: 'uri', value: CHO }] });
    expect(walk(odd[2] as string, rest).draft.title).toEqual([{ value: 'T' }]);
  });
});
