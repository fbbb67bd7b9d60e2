// The DataCite crosswalk field by field, on small inline records (the real ones are in datacite-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkDatacite } from '../../src/normalise/crosswalks/datacite.js';
import type { Issue } from '../../src/model/types.js';

const K4 = 'http://datacite.org/schema/kernel-4';

/** Crosswalks a kernel-4 resource in the default namespace. */
function walk(body: string) {
  const issues: Issue[] = [];
  const draft = crosswalkDatacite(parseXml(`<resource xmlns="${K4}">${body}</resource>`).root, { issues });
  return { draft, issues };
}

describe('crosswalkDatacite', () => {
  it('reads a kernel-4 resource with a prefix, and a kernel-3 one inside oai_datacite', () => {
    expect(crosswalkDatacite(parseXml(`<d:resource xmlns:d="${K4}"><d:titles><d:title>T</d:title></d:titles></d:resource>`).root, { issues: [] })).toEqual({ title: [{ value: 'T' }] });
    const wrapped = `<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.0/"><schemaVersion>3.1</schemaVersion><payload><resource xmlns="http://datacite.org/schema/kernel-3"><titles><title>U</title></titles></resource></payload></oai_datacite>`;
    expect(crosswalkDatacite(parseXml(wrapped).root, { issues: [] })).toEqual({ title: [{ value: 'U' }] });
  });

  it('reports an oai_datacite without a resource', () => {
    const issues: Issue[] = [];
    expect(crosswalkDatacite(parseXml('<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"><payload/></oai_datacite>').root, { issues })).toEqual({ title: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATACITE_RESOURCE_MISSING', severity: 'error' })]);
  });

  it('ignores unknown elements and elements of other namespaces', () => {
    expect(walk('<titles><title>T</title><foo>x</foo></titles><x:publisher xmlns:x="urn:other">P</x:publisher><version>1.0</version><fundingReferences/>').draft).toEqual({ title: [{ value: 'T' }] });
  });

  it('ignores empty and white-space-only elements, folds white space, reads CDATA and entities', () => {
    expect(walk('<titles><title> </title><title/><title> A &amp;\n <![CDATA[<B>]]></title></titles>').draft.title).toEqual([{ value: 'A & <B>' }]);
  });

  it('appends a subtitle to the title in its language and keeps alternative and translated titles apart', () => {
    const { draft } = walk('<titles><title xml:lang="en">Lakes</title><title xml:lang="de">Seen</title><title titleType="Subtitle" xml:lang="en">a survey</title>' +
      '<title titleType="AlternativeTitle">Lake data</title><title titleType="TranslatedTitle" xml:lang="fr">Lacs</title></titles>');
    expect(draft.title).toEqual([{ value: 'Lakes: a survey', lang: 'en' }, { value: 'Seen', lang: 'de' }]);
    expect(draft.alternative).toEqual([{ value: 'Lake data' }, { value: 'Lacs', lang: 'fr' }]);
  });

  it('reads creators with name type, given and family names and ORCID, ROR and ISNI identifiers; affiliation is not a name', () => {
    const { draft } = walk('<creators>' +
      '<creator><creatorName nameType="Personal">Nouchi, Vincent</creatorName><givenName>Vincent</givenName><familyName>Nouchi</familyName><nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">0000-0002-1825-009x</nameIdentifier><affiliation>EPFL</affiliation></creator>' +
      '<creator><creatorName nameType="Organizational">Swiss Federal Institute of Aquatic Science</creatorName><nameIdentifier nameIdentifierScheme="ROR">https://ror.org/00pc48d59</nameIdentifier></creator>' +
      '<creator><givenName>Ada</givenName><familyName>Lovelace</familyName><nameIdentifier nameIdentifierScheme="ISNI">0000 0001 2095 2584</nameIdentifier></creator>' +
      '<creator><creatorName>W.J. Sutherland</creatorName></creator></creators>');
    expect(draft.creator).toEqual([
      { name: 'Nouchi, Vincent', sortName: 'Nouchi, Vincent', uri: 'https://orcid.org/0000-0002-1825-009X' },
      { name: 'Swiss Federal Institute of Aquatic Science', sortName: 'Swiss Federal Institute of Aquatic Science', uri: 'https://ror.org/00pc48d59' },
      { name: 'Lovelace, Ada', sortName: 'Lovelace, Ada', uri: 'https://isni.org/isni/0000000120952584' },
      { name: 'W.J. Sutherland', sortName: 'Sutherland, W.J.' },
    ]);
  });

  it('reads creators wrapped in creator instead of creators (IRIS, Milan)', () => {
    const xml = `<oaire:resource xmlns:oaire="http://namespace.openaire.eu/schema/oaire/" xmlns:datacite="${K4}"><datacite:creator><datacite:creator><datacite:creatorName>T. Amano</datacite:creatorName></datacite:creator></datacite:creator></oaire:resource>`;
    expect(crosswalkDatacite(parseXml(xml).root, { issues: [] }).creator).toEqual([{ name: 'T. Amano', sortName: 'Amano, T.' }]);
  });

  it('gives contributors their contributorType as role and drops those that repeat a creator', () => {
    const { draft } = walk('<creators><creator><creatorName>Ada Lovelace</creatorName></creator></creators><contributors>' +
      '<contributor contributorType="DataCollector"><contributorName>Charles Babbage</contributorName></contributor>' +
      '<contributor contributorType="ContactPerson"><contributorName>Ada Lovelace</contributorName></contributor>' +
      '<contributor contributorType="Other"><contributorName>Mary Somerville</contributorName></contributor></contributors>');
    expect(draft.contributor).toEqual([{ name: 'Charles Babbage', sortName: 'Babbage, Charles', role: 'data collector' }, { name: 'Mary Somerville', sortName: 'Somerville, Mary' }]);
  });

  it('prefers an Issued date to publicationYear, and publicationYear to other dates, reporting the rest', () => {
    const { draft, issues } = walk('<publicationYear>2019</publicationYear><dates><date dateType="Collected">2015/2017</date><date dateType="Issued">2019-05-03</date><date dateType="Available">2019</date></dates>');
    expect(draft.date).toEqual({ display: '2019-05-03', edtf: '2019-05-03', earliest: 2019, latest: 2019 });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_OTHERS_IGNORED', value: 'publicationYear: 2019 | Collected: 2015/2017 | Available: 2019' })]);
    expect(walk('<publicationYear>2019</publicationYear><dates><date dateType="Updated">2020-01-01</date></dates>').draft.date?.display).toBe('2019');
  });

  it('maps resourceTypeGeneral to DCMI, keeping the free-text type as the original, and reports what it cannot map', () => {
    expect(walk('<resourceType resourceTypeGeneral="Dataset"/>').draft.type).toEqual([{ value: 'Dataset', original: 'Dataset' }]);
    expect(walk('<resourceType resourceTypeGeneral="JournalArticle">Article</resourceType>').draft.type).toEqual([{ value: 'Text', original: 'Article' }]);
    expect(walk('<resourceType resourceTypeGeneral="Other">Map</resourceType>').draft.type).toEqual([{ value: 'StillImage', original: 'Map' }]);
    const { draft, issues } = walk('<resourceType resourceTypeGeneral="Workflow">Pipeline</resourceType>');
    expect(draft.type).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'TYPE_UNMAPPED', path: '/type', value: 'Pipeline' })]);
  });

  it('keeps subjects with their valueURI and language, splitting keyword lists', () => {
    const { draft } = walk('<subjects><subject xml:lang="en" subjectScheme="AAT" valueURI="http://vocab.getty.edu/aat/300054534">lakes</subject><subject>ADCP; temperature</subject></subjects>');
    expect(draft.subject).toEqual([{ value: 'lakes', lang: 'en', uri: 'http://vocab.getty.edu/aat/300054534' }, { value: 'ADCP' }, { value: 'temperature' }]);
  });

  it('maps languages to ISO 639-3', () => {
    expect(walk('<language>en-GB</language>').draft.language).toEqual(['eng']);
  });

  it('reads the identifier and alternate identifiers by their type, and makes the DOI the landing page', () => {
    const { draft } = walk('<identifier identifierType="DOI">10.5281/ZENODO.1</identifier><alternateIdentifiers>' +
      '<alternateIdentifier alternateIdentifierType="Handle">2434/907506</alternateIdentifier><alternateIdentifier alternateIdentifierType="PMID">32779884</alternateIdentifier>' +
      '<alternateIdentifier alternateIdentifierType="URL">https://zenodo.org/record/1</alternateIdentifier></alternateIdentifiers>');
    expect(draft.identifier).toEqual([
      { scheme: 'doi', value: '10.5281/zenodo.1' }, { scheme: 'handle', value: '2434/907506' }, { scheme: 'local', value: 'PMID:32779884' }, { scheme: 'uri', value: 'https://zenodo.org/record/1' },
    ]);
    expect(draft.isShownAt).toBe('https://doi.org/10.5281/zenodo.1');
  });

  it('makes a handle the landing page when there is no DOI', () => {
    expect(walk('<identifier identifierType="Handle">2434/907506</identifier>').draft.isShownAt).toBe('https://hdl.handle.net/2434/907506');
  });

  it('reads related identifiers as resolvable URIs', () => {
    const { draft } = walk('<relatedIdentifiers><relatedIdentifier relatedIdentifierType="DOI" relationType="IsPartOf">10.5281/zenodo.3234525</relatedIdentifier>' +
      '<relatedIdentifier relatedIdentifierType="arXiv" relationType="IsSupplementTo">arXiv:1234.5678</relatedIdentifier><relatedIdentifier relatedIdentifierType="ISBN" relationType="IsPartOf">0-306-40615-2</relatedIdentifier>' +
      '<relatedIdentifier relatedIdentifierType="URL" relationType="IsPartOf">https://zenodo.org/communities/epfl</relatedIdentifier></relatedIdentifiers>');
    expect(draft.relation).toEqual(['https://doi.org/10.5281/zenodo.3234525', 'https://arxiv.org/abs/1234.5678', 'urn:isbn:9780306406157', 'https://zenodo.org/communities/epfl']);
  });

  it('takes formats and sizes as formats', () => {
    expect(walk('<formats><format>application/x-matlab-data</format></formats><sizes><size/><size>191802 bytes</size></sizes>').draft.format).toEqual(['application/x-matlab-data', '191802 bytes']);
  });

  it('recognises a licence by rightsURI or SPDX rightsIdentifier and keeps the statements', () => {
    const { draft } = walk('<rightsList><rights rightsURI="http://creativecommons.org/licenses/by/4.0/legalcode">Creative Commons Attribution 4.0 International</rights>' +
      '<rights rightsURI="info:eu-repo/semantics/openAccess">Open Access</rights><rights rightsIdentifier="CC-BY-4.0" rightsURI="https://creativecommons.org/licenses/by/4.0/"/></rightsList>');
    expect(draft.rights).toEqual({ uri: 'http://creativecommons.org/licenses/by/4.0/', statement: 'Creative Commons Attribution 4.0 International | Open Access' });
  });

  it('keeps descriptions with their paragraphs, decodes escaped HTML entities (Zenodo), and moves SeriesInformation to relation', () => {
    const { draft } = walk('<descriptions><description descriptionType="Abstract" xml:lang="en"><p>Temperatures (in &amp;deg;C).</p><p>All files<br/>in .mat.</p></description>' +
      '<description descriptionType="SeriesInformation">Lake Series, 3</description><description descriptionType="Methods"> </description></descriptions>');
    expect(draft.description).toEqual([{ value: 'Temperatures (in °C).\n\nAll files\n\nin .mat.', lang: 'en' }]);
    expect(draft.relation).toEqual(['Lake Series, 3']);
  });

  it('takes geoLocation places, points and boxes as places', () => {
    const { draft } = walk('<geoLocations><geoLocation><geoLocationPlace>Lake Geneva</geoLocationPlace><geoLocationPoint><pointLongitude>6.58</pointLongitude><pointLatitude>46.45</pointLatitude></geoLocationPoint>' +
      '<geoLocationBox><westBoundLongitude>6.1</westBoundLongitude><eastBoundLongitude>6.9</eastBoundLongitude><southBoundLatitude>46.2</southBoundLatitude><northBoundLatitude>46.5</northBoundLatitude></geoLocationBox></geoLocation></geoLocations>');
    expect(draft.spatial).toEqual([{ value: 'Lake Geneva' }, { value: '46.45 6.58' }, { value: '46.2 6.1 46.5 6.9' }]);
  });

  it('reads an OpenAIRE record: mixed kernels, dc and oaire elements', () => {
    const xml = `<oaire:resource xmlns:oaire="http://namespace.openaire.eu/schema/oaire/" xmlns:datacite="${K4}" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      '<datacite:titles><datacite:title xml:lang="en">T</datacite:title></datacite:titles><dc:language>eng</dc:language><dc:publisher>Wiley</dc:publisher>' +
      '<oaire:resourceType resourceTypeGeneral="literature" uri="http://purl.org/coar/resource_type/c_6501">journal article</oaire:resourceType><dc:format>application/pdf</dc:format>' +
      '<datacite:identifier xmlns:datacite="http://datacite.org/schema/kernel-3" identifierType="Handle">2434/907506</datacite:identifier>' +
      '<datacite:rights rightsURI="http://purl.org/coar/access_right/c_abf2">open access</datacite:rights><oaire:licenseCondition uri="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</oaire:licenseCondition>' +
      '<oaire:file objectType="other">https://example.org/cover.jpg</oaire:file><oaire:file objectType="fulltext">https://example.org/a%20b.pdf</oaire:file><dc:coverage>Italy</dc:coverage><dc:source>Conserv. Biol. 35</dc:source></oaire:resource>';
    const draft = crosswalkDatacite(parseXml(xml).root, { issues: [] });
    expect(draft).toEqual({
      title: [{ value: 'T', lang: 'en' }],
      type: [{ value: 'Text', original: 'journal article' }],
      format: ['application/pdf'],
      language: ['eng'],
      publisher: [{ value: 'Wiley' }],
      spatial: [{ value: 'Italy' }],
      identifier: [{ scheme: 'handle', value: '2434/907506' }],
      rights: { uri: 'http://creativecommons.org/licenses/by/4.0/', statement: 'CC BY 4.0 | open access' },
      isShownAt: 'https://hdl.handle.net/2434/907506',
      isShownBy: 'https://example.org/a%20b.pdf',
      relation: ['Conserv. Biol. 35'],
    });
  });

  it('returns an empty title, and nothing else, for an empty resource', () => {
    expect(walk('').draft).toEqual({ title: [] });
  });
});

describe('crosswalkDatacite on malformed records', () => {
  it('never throws: misplaced, repeated, empty and odd elements only lose what they cannot give', () => {
    const odd = [
      '<titles>text only</titles><creators><creator/><creator><creatorName/></creator></creators><dates><date>no type</date><date dateType="Issued"/></dates>',
      '<identifier>10.1/x</identifier><identifier identifierType="ISBN">978-3-16-148410-1</identifier><alternateIdentifiers><alternateIdentifier/></alternateIdentifiers>',
      '<relatedIdentifiers><relatedIdentifier relatedIdentifierType="bibcode">2004A&amp;A...\u00e9</relatedIdentifier><relatedIdentifier relatedIdentifierType="DOI">not a doi</relatedIdentifier></relatedIdentifiers>',
      '<rightsList><rights rightsURI=""/><rights>&#xD800;</rights></rightsList><descriptions><description><p/><br/>&amp;bogus; &amp;#99999999;</description></descriptions>',
      '<geoLocations><geoLocation><geoLocationPoint><pointLatitude>x</pointLatitude></geoLocationPoint><geoLocationBox/></geoLocation></geoLocations><resourceType/><subjects><subject valueURI="not a uri">s</subject></subjects>',
    ];
    for (const body of odd) expect(() => walk(body)).not.toThrow();
    expect(walk(odd[0] as string).draft.title).toEqual([]);
    expect(walk(odd[1] as string).issues).toEqual([expect.objectContaining({ code: 'IDENTIFIER_CHECKSUM', path: '/identifier/1' })]);
  });
});
