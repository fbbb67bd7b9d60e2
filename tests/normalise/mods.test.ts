// The MODS and METS crosswalks field by field, on small inline records (the real ones are in mods-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkMets, crosswalkMods } from '../../src/normalise/crosswalks/mods.js';
import type { Issue } from '../../src/model/types.js';

/** Crosswalks a MODS body in the default namespace, or bound to `prefix`. */
function walk(body: string, prefix = '') {
  const p = prefix === '' ? '' : `${prefix}:`;
  const b = prefix === '' ? body : body.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`);
  const xml = `<${p}mods xmlns${prefix === '' ? '' : ':' + prefix}="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">${b}</${p}mods>`;
  const issues: Issue[] = [];
  const draft = crosswalkMods(parseXml(xml).root, { issues });
  return { draft, issues };
}

describe('crosswalkMods', () => {
  it('matches MODS elements by namespace, whatever the prefix', () => {
    expect(walk('<titleInfo><title>T</title></titleInfo>', 'm').draft.title).toEqual([{ value: 'T' }]);
    expect(walk('<titleInfo><title>T</title></titleInfo>').draft.title).toEqual([{ value: 'T' }]);
  });

  it('ignores elements of other namespaces, unknown elements, and empty or white-space-only ones', () => {
    const { draft } = walk('<titleInfo><title>T</title></titleInfo><foo>x</foo><t:abstract xmlns:t="urn:x">A</t:abstract><abstract>  </abstract><note/><subject><topic> </topic></subject>');
    expect(draft).toEqual({ title: [{ value: 'T' }] });
  });

  it('reads CDATA and entities, and folds white space', () => {
    expect(walk('<titleInfo><title><![CDATA[A & B]]></title><subTitle>C &amp;  \n D</subTitle></titleInfo>').draft.title).toEqual([{ value: 'A & B: C & D' }]);
  });

  it('builds the title from nonSort, title, subTitle, partNumber and partName', () => {
    expect(walk('<titleInfo><nonSort>The</nonSort><title>annals</title><subTitle>a study</subTitle><partNumber>Part 2</partNumber><partName>Plants</partName></titleInfo>').draft.title).toEqual([
      { value: 'The annals: a study. Part 2, Plants' },
    ]);
    expect(walk("<titleInfo><nonSort>L'</nonSort><title>art</title></titleInfo>").draft.title).toEqual([{ value: "L'art" }]);
  });

  it('reads a title written as the text of titleInfo (DSpace@MIT)', () => {
    expect(walk('<titleInfo>Geometry of cone-beam reconstruction</titleInfo>').draft.title).toEqual([{ value: 'Geometry of cone-beam reconstruction' }]);
  });

  it('keeps alternative, translated and uniform titles apart, with xml:lang or MODS lang', () => {
    const { draft } = walk(
      '<titleInfo type="translated" xml:lang="en"><title>The trial</title></titleInfo><titleInfo lang="ger"><title>Der Process</title></titleInfo><titleInfo type="uniform"><title>Process</title></titleInfo>',
    );
    expect(draft.title).toEqual([{ value: 'Der Process', lang: 'ger' }]);
    expect(draft.alternative).toEqual([{ value: 'The trial', lang: 'en' }, { value: 'Process' }]);
  });

  it('takes a typed title as the title when there is no other', () => {
    expect(walk('<titleInfo type="alternative"><title>A</title></titleInfo>').draft).toEqual({ title: [{ value: 'A' }] });
  });

  it('builds names from family and given parts, with dates, and their role and URI', () => {
    const { draft } = walk(
      '<name type="personal" valueURI="http://viaf.org/viaf/9847974"><namePart type="family">Hugo</namePart><namePart type="given">Victor</namePart><namePart type="date">1802-1885</namePart><role><roleTerm type="code" authority="marcrelator">aut</roleTerm></role></name>',
    );
    expect(draft.creator).toEqual([{ name: 'Hugo, Victor, 1802-1885', sortName: 'Hugo, Victor', role: 'author', uri: 'http://viaf.org/viaf/9847974' }]);
  });

  it('sorts names by role: creators by code or term, others contributors, repeated names once', () => {
    const { draft } = walk(
      '<name><namePart>A, B.</namePart><role><roleTerm type="text">Creator</roleTerm></role></name>' +
        '<name><namePart>C, D.</namePart><role><roleTerm>advisor</roleTerm></role></name>' +
        '<name type="corporate"><namePart>Univ.</namePart><namePart>Dept. of Maths.</namePart><role><roleTerm>other</roleTerm></role></name>' +
        '<name><namePart>A, B.</namePart></name>',
    );
    expect(draft.creator).toEqual([{ name: 'A, B.', sortName: 'A, B.', role: 'creator' }]);
    expect(draft.contributor).toEqual([
      { name: 'C, D.', sortName: 'C, D.', role: 'thesis advisor' },
      { name: 'Univ. Dept. of Maths', sortName: 'Univ. Dept. of Maths', role: 'other' },
    ]);
  });

  it('reads a relator code in a roleTerm without a type', () => {
    expect(walk('<name><namePart>A, B.</namePart><role><roleTerm authority="marcrelator">ill</roleTerm></role></name><name><namePart>C</namePart><role><roleTerm>aut</roleTerm></role></name>').draft).toMatchObject({
      creator: [{ name: 'C', role: 'author' }],
      contributor: [{ name: 'A, B.', role: 'illustrator' }],
    });
  });

  it('takes personal names without a role as creators only when nothing else is one', () => {
    expect(walk('<name type="personal"><namePart>Smith, J.</namePart></name><name type="corporate"><namePart>Museum</namePart></name>').draft).toMatchObject({
      creator: [{ name: 'Smith, J.' }],
      contributor: [{ name: 'Museum' }],
    });
    expect(walk('<name usage="primary"><namePart>A, B.</namePart></name><name><namePart>Smith, J.</namePart></name>').draft.contributor).toEqual([{ name: 'Smith, J.', sortName: 'Smith, J.' }]);
  });

  it('prefers the key date and reads a start and end pair as a range', () => {
    const { draft } = walk(
      '<originInfo><dateIssued>[1908]</dateIssued><dateCreated encoding="w3cdtf" keyDate="yes" point="start">1890</dateCreated><dateCreated encoding="w3cdtf" point="end">1895</dateCreated></originInfo>',
    );
    expect(draft.date).toEqual({ display: '1890-1895', edtf: '1890/1895', earliest: 1890, latest: 1895 });
  });

  it('prefers dateIssued, then dateCreated, then copyrightDate, and reads qualifiers and MARC encodings', () => {
    expect(walk('<originInfo><copyrightDate>2001</copyrightDate><dateCreated>1999</dateCreated><dateIssued>2002</dateIssued></originInfo>').draft.date?.edtf).toBe('2002');
    expect(walk('<originInfo><dateCreated qualifier="approximate">1890</dateCreated></originInfo>').draft.date?.edtf).toBe('1890~');
    expect(walk('<originInfo><dateIssued encoding="marc" point="start">1975</dateIssued><dateIssued encoding="marc" point="end">9999</dateIssued></originInfo>').draft.date).toEqual({
      display: '1975-',
      edtf: '1975/..',
      earliest: 1975,
    });
    expect(walk('<originInfo><dateIssued encoding="marc">189u</dateIssued></originInfo>').draft.date?.edtf).toBe('189X');
  });

  it('reports a date it cannot read and keeps it for display', () => {
    const { draft, issues } = walk('<originInfo><dateIssued>sometime</dateIssued></originInfo>');
    expect(draft.date).toEqual({ display: 'sometime' });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_UNPARSEABLE', path: '/date' })]);
  });

  it('leaves out the digitisation originInfo (DFG profile, ZVDD)', () => {
    const { draft } = walk(
      '<originInfo><place><placeTerm type="text">München</placeTerm></place><dateIssued>1908</dateIssued></originInfo>' +
        '<originInfo><place><placeTerm type="text">Paderborn</placeTerm></place><publisher>UB Paderborn</publisher><edition>[Electronic ed.]</edition><dateIssued>2017</dateIssued></originInfo>',
    );
    expect(draft).toEqual({ title: [], date: { display: '1908', edtf: '1908', earliest: 1908, latest: 1908 } });
  });

  it('writes publishers as "Place : Publisher", with the place in words only', () => {
    expect(walk('<originInfo><place><placeTerm type="code" authority="marccountry">gw</placeTerm></place><place><placeTerm type="text">Leipzig :</placeTerm></place><publisher>Voigtländer,</publisher></originInfo>').draft.publisher).toEqual([
      { value: 'Leipzig : Voigtländer' },
    ]);
  });

  it('maps typeOfResource and genre to DCMI types once each, and reports what it cannot map', () => {
    const { draft, issues } = walk('<typeOfResource collection="yes">cartographic</typeOfResource><genre authority="marcgt">map</genre><genre>Gemälde?</genre>');
    expect(draft.type).toEqual([{ value: 'StillImage', original: 'cartographic' }, { value: 'Collection', original: 'collection' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'TYPE_UNMAPPED', value: 'Gemälde?' })]);
  });

  it('maps physical description to format and languages to ISO 639-3, code before text', () => {
    const { draft } = walk(
      '<physicalDescription><form authority="marcform">print</form><extent>243 p.</extent><internetMediaType>application/pdf</internetMediaType></physicalDescription>' +
        '<language><languageTerm type="code" authority="iso639-2b">ger</languageTerm><languageTerm type="text">German</languageTerm></language><language><languageTerm type="text">French</languageTerm></language>',
    );
    expect(draft.format).toEqual(['print', '243 p.', 'application/pdf']);
    expect(draft.language).toEqual(['deu', 'fra']);
  });

  it('keeps abstracts and notes, with paragraphs and language, but not notes about the copy', () => {
    const { draft } = walk('<abstract xml:lang="en">One.\n\n Two.</abstract><note type="ownership">Library X</note><note type="provenance">Made available</note><note>A note.</note>');
    expect(draft.description).toEqual([{ value: 'One.\n\nTwo.', lang: 'en' }, { value: 'A note.' }]);
  });

  it('joins the parts of a subject with "--" and takes geographic parts as places too', () => {
    const { draft } = walk(
      '<subject authority="lcsh"><geographic valueURI="http://id.loc.gov/authorities/names/n79007751">Maryland</geographic><topic>Politics and government</topic></subject>' +
        '<subject><topic valueURI="http://id.loc.gov/authorities/subjects/sh85009003">Asthma</topic></subject><subject><name><namePart>Brown, Anthony G.</namePart></name></subject>',
    );
    expect(draft.subject).toEqual([
      { value: 'Maryland--Politics and government' },
      { value: 'Asthma', uri: 'http://id.loc.gov/authorities/subjects/sh85009003' },
      { value: 'Brown, Anthony G.' },
    ]);
    expect(draft.spatial).toEqual([{ value: 'Maryland', uri: 'http://id.loc.gov/authorities/names/n79007751' }]);
  });

  it('normalises identifiers by type and skips invalid ones', () => {
    const { draft } = walk(
      '<identifier type="doi">10.1000/ABC</identifier><identifier type="isbn">0-306-40615-2</identifier><identifier type="isbn" invalid="yes">123</identifier><identifier type="hdl">1721.1/8338</identifier><identifier type="local">HT019429725</identifier><identifier type="urn">urn:nbn:de:hbz:466:1-43488</identifier>',
    );
    expect(draft.identifier).toEqual([
      { scheme: 'doi', value: '10.1000/abc' },
      { scheme: 'isbn', value: '9780306406157' },
      { scheme: 'handle', value: '1721.1/8338' },
      { scheme: 'local', value: 'HT019429725' },
      { scheme: 'urn', value: 'urn:nbn:de:hbz:466:1-43488' },
    ]);
  });

  it('reads landing page and object from location/url by access and usage', () => {
    const { draft } = walk(
      '<location><url access="preview">https://x.org/thumb.jpg</url><url access="object in context">https://x.org/a</url><url usage="primary display" access="object in context">https://x.org/b</url><url access="raw object">https://x.org/b.tif</url></location>',
    );
    expect(draft.isShownAt).toBe('https://x.org/b');
    expect(draft.isShownBy).toBe('https://x.org/b.tif');
  });

  it('falls back to an identifier URL for the landing page and to an untyped file URL for the object', () => {
    const { draft } = walk('<identifier type="uri">http://hdl.handle.net/1721.1/8338</identifier><location><url>https://x.org/a.pdf</url></location>');
    expect(draft.isShownAt).toBe('http://hdl.handle.net/1721.1/8338');
    expect(draft.isShownBy).toBe('https://x.org/a.pdf');
  });

  it('reads rights from accessCondition text and xlink:href, use and reproduction first, without HTML tags', () => {
    const { draft } = walk(
      '<accessCondition type="restriction on access">Open.</accessCondition><accessCondition type="use and reproduction" xlink:href="http://rightsstatements.org/vocab/InC/1.0/">See &lt;a href="x"&gt;terms&lt;/a&gt;.</accessCondition>',
    );
    expect(draft.rights).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', statement: 'See terms. | Open.' });
  });

  it('maps related items by title, not constituents', () => {
    expect(walk('<relatedItem type="host"><titleInfo><title>Journal X</title></titleInfo></relatedItem><relatedItem type="constituent"><titleInfo><title>Ch. 1</title></titleInfo></relatedItem><relatedItem type="otherFormat"><location><url>http://x.org/y</url></location></relatedItem>').draft.relation).toEqual([
      'Journal X',
      'http://x.org/y',
    ]);
  });

  it('maps the first mods of a modsCollection and reports the others', () => {
    const xml = '<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>A</title></titleInfo></mods><mods><titleInfo><title>B</title></titleInfo></mods></modsCollection>';
    const issues: Issue[] = [];
    expect(crosswalkMods(parseXml(xml).root, { issues }).title).toEqual([{ value: 'A' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'MODS_COLLECTION_FIRST_ONLY' })]);
  });

  it('returns an empty title, and nothing else, for an empty record', () => {
    expect(walk('').draft).toEqual({ title: [] });
  });
});

describe('crosswalkMets', () => {
  const METS = (body: string) =>
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dv="http://dfg-viewer.de/">${body}</mets:mets>`;
  const dmd = (mods: string) => `<mets:dmdSec ID="d"><mets:mdWrap MDTYPE="MODS"><mets:xmlData>${mods}</mets:xmlData></mets:mdWrap></mets:dmdSec>`;

  it('maps the MODS of the first dmdSec, with links from the DFG-Viewer and the DOWNLOAD files', () => {
    const xml = METS(
      dmd('<mods:mods><mods:titleInfo><mods:title>A</mods:title></mods:titleInfo></mods:mods>') + dmd('<mods:mods><mods:titleInfo><mods:title>B</mods:title></mods:titleInfo></mods:mods>') +
        '<mets:amdSec><mets:digiprovMD><mets:mdWrap><mets:xmlData><dv:links><dv:presentation>http://x.org/id/1</dv:presentation></dv:links></mets:xmlData></mets:mdWrap></mets:digiprovMD></mets:amdSec>' +
        '<mets:fileSec><mets:fileGrp USE="THUMBS"><mets:file><mets:FLocat xlink:href="http://x.org/t.jpg"/></mets:file></mets:fileGrp><mets:fileGrp USE="DOWNLOAD"><mets:file><mets:FLocat xlink:href="http://x.org/1.pdf"/></mets:file></mets:fileGrp></mets:fileSec>',
    );
    expect(crosswalkMets(parseXml(xml).root, { issues: [] })).toEqual({ title: [{ value: 'A' }], isShownAt: 'http://x.org/id/1', isShownBy: 'http://x.org/1.pdf' });
  });

  it('reads MODS elements wrapped without a mods root (DSpace@MIT)', () => {
    const xml = METS(dmd('<mods:titleInfo>T</mods:titleInfo><mods:genre>Thesis</mods:genre>'));
    expect(crosswalkMets(parseXml(xml).root, { issues: [] })).toEqual({ title: [{ value: 'T' }], type: [{ value: 'Text', original: 'Thesis' }] });
  });

  it('reports a METS document without MODS', () => {
    const issues: Issue[] = [];
    expect(crosswalkMets(parseXml(METS(dmd('<dc xmlns="http://purl.org/dc/elements/1.1/"/>'))).root, { issues })).toEqual({ title: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'METS_NO_MODS', severity: 'warning' })]);
  });
});
