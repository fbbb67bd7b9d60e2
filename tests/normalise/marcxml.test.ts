// The MARCXML crosswalk field by field, on small inline records (the real ones are in marcxml-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkMarcxml, relatorFromCode, relatorFromTerm, trimIsbd } from '../../src/normalise/crosswalks/marcxml.js';
import { normaliseRecord } from '../../src/normalise/normalise.js';
import type { Issue } from '../../src/model/types.js';

const LEADER = '<marc:leader>00000nam a2200000 i 4500</marc:leader>';

/** Crosswalks a MARC21/slim record body; `prefix` lets a test bind the namespace to any prefix ('' for the default namespace). */
function walk(body: string, prefix = 'marc') {
  const p = prefix === '' ? '' : `${prefix}:`;
  const xml = `<${p}record xmlns${prefix === '' ? '' : ':' + prefix}="http://www.loc.gov/MARC21/slim">${body.replace(/marc:/g, p)}</${p}record>`;
  const issues: Issue[] = [];
  const draft = crosswalkMarcxml(parseXml(xml).root, { issues });
  return { draft, issues };
}

/** A datafield: `df('245', '10', 'a', 'Title', 'b', 'sub')`. */
function df(tag: string, ind: string, ...codeValues: string[]): string {
  let subs = '';
  for (let i = 0; i < codeValues.length; i += 2) subs += `<marc:subfield code="${codeValues[i] as string}">${codeValues[i + 1] as string}</marc:subfield>`;
  return `<marc:datafield tag="${tag}" ind1="${ind[0] ?? ' '}" ind2="${ind[1] ?? ' '}">${subs}</marc:datafield>`;
}

function cf(tag: string, value: string): string {
  return `<marc:controlfield tag="${tag}">${value}</marc:controlfield>`;
}

/** An 008 with the given date positions (06-14) and language (35-37). */
function f008(dates: string, lang = 'eng'): string {
  return cf('008', `850101${dates}xx            000 0 ${lang} d`);
}

describe('crosswalkMarcxml', () => {
  it('matches MARC elements by namespace, whatever the prefix, and in the default namespace', () => {
    expect(walk(df('245', '00', 'a', 'T'), 'm').draft.title).toEqual([{ value: 'T' }]);
    expect(walk(df('245', '00', 'a', 'T'), '').draft.title).toEqual([{ value: 'T' }]);
  });

  it('reads a record without a namespace, as Alma exports it', () => {
    const xml = '<record><leader>00000nam a2200000 c 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">T</subfield></datafield></record>';
    expect(crosswalkMarcxml(parseXml(xml).root, { issues: [] }).title).toEqual([{ value: 'T' }]);
  });

  it('hands an unnamespaced record of DC elements on to the oai_dc crosswalk, silently', () => {
    const r = normaliseRecord({
      sourceId: 's', localId: '1', datestamp: '2024-01-01', deleted: false, sets: [], format: 'oai_dc', harvestedAt: '2025-01-01T00:00:00Z',
      metadata: parseXml('<record xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></record>').root,
    });
    expect(r.title).toEqual([{ value: 'T' }]);
    expect(r.issues).toEqual([]);
  });

  it('hands an unnamespaced record of DC and DCMI Terms elements on to the qualified DC crosswalk', () => {
    const xml = '<record xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>T</dc:title><dcterms:alternative>A</dcterms:alternative></record>';
    expect(crosswalkMarcxml(parseXml(xml).root, { issues: [] })).toEqual({ title: [{ value: 'T' }], alternative: [{ value: 'A' }] });
  });

  it('reports an unnamespaced record that is not MARC', () => {
    const issues: Issue[] = [];
    expect(crosswalkMarcxml(parseXml('<record><foo>x</foo></record>').root, { issues })).toEqual({ title: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'FORMAT_UNSUPPORTED', severity: 'warning' })]);
  });

  it('maps the first record of a collection and reports the others', () => {
    const rec = (t: string) => `<marc:record>${LEADER}${df('245', '00', 'a', t)}</marc:record>`;
    const xml = `<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">${rec('A')}${rec('B')}</marc:collection>`;
    const issues: Issue[] = [];
    expect(crosswalkMarcxml(parseXml(xml).root, { issues }).title).toEqual([{ value: 'A' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'MARC_COLLECTION_FIRST_ONLY' })]);
  });

  it('ignores unknown elements, unknown tags, empty and white-space-only subfields', () => {
    const { draft } = walk(`${LEADER}<marc:foo>x</marc:foo>${df('245', '00', 'a', 'T', 'b', '  ')}${df('999', '  ', 'a', 'local')}${df('520', '  ', 'a', ' ')}`);
    expect(draft).toEqual({ title: [{ value: 'T' }], type: [{ value: 'Text', original: 'language material' }] });
  });

  it('decodes entities and CDATA in subfields and folds white space', () => {
    expect(walk(df('245', '00', 'a', 'Tom &amp; Jerry :', 'b', '<![CDATA[a <b> c]]>')).draft.title).toEqual([{ value: 'Tom & Jerry : a <b> c' }]);
    expect(walk(df('245', '00', 'a', '  A\n   b  ')).draft.title).toEqual([{ value: 'A b' }]);
  });

  it('builds the title from 245 $a $b $n $p, trimming ISBD punctuation and keeping the non-filing article', () => {
    expect(walk(df('245', '14', 'a', 'The title :', 'b', 'a subtitle /', 'c', 'by X.')).draft.title).toEqual([{ value: 'The title : a subtitle' }]);
    expect(walk(df('245', '10', 'a', 'Über Apperzeption', 'b', 'eine Monographie')).draft.title).toEqual([{ value: 'Über Apperzeption : eine Monographie' }]);
    expect(walk(df('245', '00', 'a', 'Annals', 'n', 'Part 2', 'p', 'Plants.')).draft.title).toEqual([{ value: 'Annals. Part 2, Plants' }]);
  });

  it('maps 130, 240, 242, 246 and the 880 of the title to alternative titles', () => {
    const { draft } = walk(df('245', '00', 'a', 'T', '6', '880-01') + df('246', '3 ', 'a', 'Other title') + df('240', '10', 'a', 'Uniform.') + df('880', '00', '6', '245-01', 'a', 'Τίτλος'));
    expect(draft.alternative).toEqual([{ value: 'Uniform' }, { value: 'Other title' }, { value: 'Τίτλος' }]);
  });

  it('puts summaries first, then edition and notes, in description, keeping paragraphs', () => {
    const { draft } = walk(df('500', '  ', 'a', 'A note.') + df('520', '  ', 'a', 'One.\n\n  Two.') + df('250', '  ', 'a', '2nd ed.'));
    expect(draft.description).toEqual([{ value: 'One.\n\nTwo.' }, { value: '2nd ed.' }, { value: 'A note.' }]);
  });

  it('takes the language of an abstract from $9 when it is a language code (NUSL)', () => {
    expect(walk(df('520', '  ', 'a', 'Abstrakt', '9', 'cze') + df('520', '  ', 'a', 'X', '9', '1')).draft.description).toEqual([{ value: 'Abstrakt', lang: 'cze' }, { value: 'X' }]);
  });

  it('writes a subfielded thesis note as LC displays it', () => {
    expect(walk(df('502', '  ', 'b', 'Mgr.', 'c', 'Univerzita Karlova', 'd', '2015')).draft.description).toEqual([{ value: 'Thesis (Mgr.)--Univerzita Karlova, 2015' }]);
  });

  it('joins subject subdivisions with "--" and takes the URI from $1, then $0', () => {
    const { draft } = walk(
      df('650', ' 0', 'a', 'Medicine', 'v', 'Early works to 1800.', '0', 'http://id.loc.gov/authorities/subjects/sh1') +
        df('600', '10', 'a', 'Hugo, Victor,', 'd', '1802-1885', 'x', 'Criticism.', '1', 'http://viaf.org/viaf/9847974', '0', 'http://id.loc.gov/x'),
    );
    expect(draft.subject).toEqual([
      { value: 'Hugo, Victor, 1802-1885--Criticism', uri: 'http://viaf.org/viaf/9847974' },
      { value: 'Medicine--Early works to 1800', uri: 'http://id.loc.gov/authorities/subjects/sh1' },
    ]);
  });

  it('maps 651 to subject and spatial, with a GND number as its URI', () => {
    const { draft } = walk(df('651', ' 7', 'a', 'Leipzig', '0', '(DE-588)4035206-7', '2', 'gnd'));
    expect(draft.subject).toEqual([{ value: 'Leipzig', uri: 'https://d-nb.info/gnd/4035206-7' }]);
    expect(draft.spatial).toEqual([{ value: 'Leipzig', uri: 'https://d-nb.info/gnd/4035206-7' }]);
  });

  it('takes each heading of an RSWK subject chain (689) as a subject with its GND URI, places (kind g) as spatial too, with $g qualifiers in brackets, but not the chain closers', () => {
    const chain =
      df('689', '00', 'D', 'p', '0', '(DE-588)118540238', 'a', 'Goethe, Johann Wolfgang von', 'd', '1749-1832') +
      df('689', '01', 'D', 'g', '0', '(DE-588)4035206-7', 'a', 'Leipzig') +
      df('689', '02', 'D', 's', '0', 'https://d-nb.info/gnd/4035964-5', 'a', 'Lyrik', 'x', 'Geschichte') +
      df('689', '0 ', '5', 'DE-101') +
      // A second chain repeating a heading: one subject.
      df('689', '10', 'D', 'g', '0', '(DE-588)4035206-7', 'a', 'Leipzig') +
      df('689', '1 ', '5', 'DE-101') +
      // A qualified place: the qualifier is part of the name (West Berlin is not Berlin).
      df('689', '20', 'D', 'g', '0', '(DE-588)4005728-8', 'a', 'Berlin', 'g', 'West');
    const { draft } = walk(df('650', ' 7', 'a', 'Kartographie') + chain);
    expect(draft.subject).toEqual([
      { value: 'Kartographie' },
      { value: 'Goethe, Johann Wolfgang von, 1749-1832', uri: 'https://d-nb.info/gnd/118540238' },
      { value: 'Leipzig', uri: 'https://d-nb.info/gnd/4035206-7' },
      { value: 'Lyrik--Geschichte', uri: 'https://d-nb.info/gnd/4035964-5' },
      { value: 'Berlin (West)', uri: 'https://d-nb.info/gnd/4005728-8' },
    ]);
    expect(draft.spatial).toEqual([
      { value: 'Leipzig', uri: 'https://d-nb.info/gnd/4035206-7' },
      { value: 'Berlin (West)', uri: 'https://d-nb.info/gnd/4005728-8' },
    ]);
  });

  it('keeps the system control numbers (035 $a) as local identifiers, as given, leaving out cancelled ones ($z)', () => {
    const { draft } = walk(df('035', '  ', 'a', '(OCoLC)1069963979') + df('035', '  ', 'a', ' (DE-599)HBZHT000235082 ', 'z', '(OCoLC)123'));
    expect(draft.identifier).toEqual([
      { scheme: 'local', value: '(OCoLC)1069963979' },
      { scheme: 'local', value: '(DE-599)HBZHT000235082' },
    ]);
  });

  it('keeps repeated fields in document order within a tag', () => {
    expect(walk(df('650', ' 0', 'a', 'B') + df('650', ' 0', 'a', 'A') + df('650', ' 0', 'a', 'B')).draft.subject).toEqual([{ value: 'B' }, { value: 'A' }]);
  });

  it('keeps genre headings (655) and uncontrolled terms (653, one per $a) as subjects, without repeats', () => {
    expect(walk(df('655', ' 7', 'a', 'Hochschulschrift') + df('653', '  ', 'a', 'a', 'a', 'b') + df('653', '  ', 'a', 'a')).draft.subject).toEqual([
      { value: 'Hochschulschrift' }, { value: 'a' }, { value: 'b' },
    ]);
  });

  it('makes the main entry a creator, with dates in the name but not in the sort name, role and URI', () => {
    expect(walk(df('100', '1 ', 'a', 'Lange, Karl,', 'd', '1849-', '0', '(DE-588)138711771', '4', 'aut', '0', 'https://d-nb.info/gnd/138711771')).draft.creator).toEqual([
      { name: 'Lange, Karl, 1849-', sortName: 'Lange, Karl', role: 'author', uri: 'https://d-nb.info/gnd/138711771' },
    ]);
  });

  it('sorts added entries by relator: creators by code or term, others contributors', () => {
    const { draft } = walk(
      df('100', '1 ', 'a', 'A, B.') + df('700', '1 ', 'a', 'C, D.', '4', 'aut') + df('700', '1 ', 'a', 'E, F.', 'e', 'editor.') + df('700', '1 ', 'a', 'G, H.', 'e', 'Herausgeber'),
    );
    expect(draft.creator?.map((a) => a.name)).toEqual(['A, B.', 'C, D.']);
    expect(draft.contributor).toEqual([
      { name: 'E, F.', sortName: 'E, F.', role: 'editor' },
      { name: 'G, H.', sortName: 'G, H.', role: 'editor' },
    ]);
  });

  it('takes personal added entries without a relator as creators only when nothing else is one', () => {
    expect(walk(df('700', '1 ', 'a', 'Smith, J.') + df('710', '2 ', 'a', 'Some University.')).draft).toMatchObject({
      creator: [{ name: 'Smith, J.' }],
      contributor: [{ name: 'Some University', sortName: 'Some University' }],
    });
    expect(walk(df('100', '1 ', 'a', 'A, B.') + df('700', '1 ', 'a', 'Smith, J.')).draft.contributor).toEqual([{ name: 'Smith, J.', sortName: 'Smith, J.' }]);
  });

  it('joins the hierarchy of a body with ". " and reads 720 names from $i (NUSL)', () => {
    const { draft } = walk(df('710', '2 ', 'a', 'Univerzita Karlova', 'b', 'Katedra mediálních studií') + df('720', '  ', 'i', 'Šoltys, Otakar', 'e', 'advisor'));
    expect(draft.contributor).toEqual([
      { name: 'Univerzita Karlova. Katedra mediálních studií', sortName: 'Univerzita Karlova. Katedra mediálních studií' },
      { name: 'Šoltys, Otakar', sortName: 'Šoltys, Otakar', role: 'thesis advisor' },
    ]);
  });

  it('reads meeting names with their number, date and place, and the relator from $j', () => {
    expect(walk(df('111', '2 ', 'a', 'Conference on X', 'n', '(2nd :', 'd', '2000 :', 'c', 'Reno)', 'j', 'author')).draft.creator).toEqual([
      { name: 'Conference on X (2nd : 2000 : Reno)', sortName: 'Conference on X (2nd : 2000 : Reno)', role: 'author' },
    ]);
  });

  it('reads the date from the 008 and shows the publication statement', () => {
    expect(walk(f008('s1895    ') + df('264', ' 1', 'a', 'Leipzig :', 'b', 'Voigtländer,', 'c', '[1895?]')).draft.date).toEqual({ display: '[1895?]', edtf: '1895', earliest: 1895, latest: 1895 });
  });

  it('reads a copyright date "c1985" as 1985, not circa', () => {
    expect(walk(df('260', '  ', 'c', 'c1985.')).draft.date).toEqual({ display: 'c1985', edtf: '1985', earliest: 1985, latest: 1985 });
  });

  it('uses the 008 when the statement disagrees with it, and says so', () => {
    const { draft, issues } = walk(f008('s1895    ') + df('260', '  ', 'c', '1901.'));
    expect(draft.date).toEqual({ display: '1895', edtf: '1895', earliest: 1895, latest: 1895 });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_008_CONFLICT', path: '/date', value: '1901' })]);
  });

  it('reads an 008 that a pretty-printer put on a line of its own', () => {
    expect(walk('<marc:controlfield tag="008">\n      850101s1895    gw            000 0 ger d\n    </marc:controlfield>').draft).toMatchObject({ date: { edtf: '1895' }, language: ['deu'] });
  });

  it('falls back to the statement when the 008 has no date, and to 046 when there is neither', () => {
    expect(walk(f008('n        ') + df('260', '  ', 'c', '1890-1895')).draft.date?.edtf).toBe('1890/1895');
    expect(walk(df('046', '  ', 'k', '2015-06-23')).draft.date).toEqual({ display: '2015-06-23', edtf: '2015-06-23', earliest: 2015, latest: 2015 });
  });

  it('maps the leader to a DCMI type, adds Collection for a collection, and refines by the 008', () => {
    expect(walk('<marc:leader>00000ckm a2200000 i 4500</marc:leader>').draft.type).toEqual([{ value: 'StillImage', original: 'two-dimensional nonprojectable graphic' }]);
    expect(walk('<marc:leader>00000cpc a2200000 i 4500</marc:leader>').draft.type).toEqual([{ value: 'Collection', original: 'mixed materials' }]);
    expect(walk('<marc:leader>00000ctc a2200000 i 4500</marc:leader>').draft.type).toEqual([
      { value: 'Text', original: 'manuscript language material' },
      { value: 'Collection', original: 'collection' },
    ]);
  });

  it('ignores the constant Invenio leader and reports it', () => {
    const { draft, issues } = walk('<marc:leader>00000coc  2200000uu 4500</marc:leader>');
    expect(draft.type).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'MARC_LEADER_IGNORED', severity: 'info', path: '/type' })]);
  });

  it('adds RDA content types (336) not already given by the leader', () => {
    expect(walk(LEADER + df('336', '  ', 'a', 'text', 'b', 'txt') + df('336', '  ', 'a', 'still image', 'b', 'sti')).draft.type).toEqual([
      { value: 'Text', original: 'language material' },
      { value: 'StillImage', original: 'still image' },
    ]);
  });

  it('maps 300 to format with ISBD separators, and media types from 856 $q', () => {
    expect(walk(df('300', '  ', 'a', '243 S.', 'b', 'Illustrationen', 'c', '24 cm') + df('856', '40', 'u', 'http://x.org/a.pdf', 'q', 'application/pdf')).draft.format).toEqual([
      '243 S. : Illustrationen ; 24 cm',
      'application/pdf',
    ]);
  });

  it('reads languages from 041, splitting run-together codes, else from the 008', () => {
    expect(walk(f008('s1895    ', 'ger') + df('041', '1 ', 'a', 'engfre', 'h', 'ger')).draft.language).toEqual(['eng', 'fra']);
    expect(walk(f008('s1895    ', 'ger')).draft.language).toEqual(['deu']);
    expect(walk(f008('s1895    ', '   ')).draft.language).toBeUndefined();
  });

  it('writes publishers as "Place : Publisher" and drops [S.l.] and [s.n.]', () => {
    expect(walk(df('264', ' 1', 'a', '[S.l.] :', 'b', 'Verlag,', 'c', '2001') + df('260', '  ', 'a', 'Paris :', 'b', '[s.n.]')).draft.publisher).toEqual([{ value: 'Verlag' }]);
    expect(walk(df('260', '  ', 'a', 'London ;', 'a', 'New York :', 'b', 'Wiley,')).draft.publisher).toEqual([{ value: 'London ; New York : Wiley' }]);
  });

  it('normalises ISBNs (qualifiers stripped), ISSNs and 024 identifiers by their source', () => {
    const { draft, issues } = walk(
      df('020', '  ', 'a', '0-306-40615-2 (pbk.)') + df('020', '  ', 'a', '0-306-40615-3') + df('022', '  ', 'a', '0317-8471') +
        df('024', '7 ', 'a', '10.1000/XYZ', '2', 'doi') + df('024', '7 ', 'a', '1721.1/8338', '2', 'hdl') + df('024', '0 ', 'a', 'USRC17607839'),
    );
    expect(draft.identifier).toEqual([
      { scheme: 'isbn', value: '9780306406157' },
      { scheme: 'local', value: 'ISBN 0-306-40615-3' },
      { scheme: 'issn', value: '0317-8471' },
      { scheme: 'doi', value: '10.1000/xyz' },
      { scheme: 'handle', value: '1721.1/8338' },
      { scheme: 'local', value: 'USRC17607839' },
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: 'IDENTIFIER_CHECKSUM', path: '/identifier/1' })]);
  });

  it('takes landing page and object from 856, persistent links as identifiers, and related resources as relations', () => {
    const { draft } = walk(
      df('856', '40', 'z', 'label', 'u', 'http://hdl.handle.net/20.500.11956/64309') + df('856', '41', 'u', 'https://x.org/file.pdf', '3', 'Volltext') + df('856', '42', 'u', 'http://d-nb.info/1/04', '3', 'Inhaltsverzeichnis'),
    );
    expect(draft.isShownAt).toBe('http://hdl.handle.net/20.500.11956/64309');
    expect(draft.isShownBy).toBe('https://x.org/file.pdf');
    expect(draft.identifier).toEqual([{ scheme: 'handle', value: '20.500.11956/64309' }]);
    expect(draft.relation).toEqual(['http://d-nb.info/1/04']);
  });

  it('maps 540 and 506 to rights, with the URI from $u', () => {
    expect(walk(df('540', '  ', 'a', 'Use freely.', 'u', 'https://creativecommons.org/licenses/by/4.0/') + df('506', '0 ', 'a', 'Open access.')).draft.rights).toEqual({
      uri: 'http://creativecommons.org/licenses/by/4.0/',
      statement: 'Use freely. | Open access.',
    });
  });

  it('maps the host item (773) and series (490) to relations', () => {
    expect(walk(df('773', '0 ', 't', 'Journal X.', 'g', 'Vol. 3 (2001)') + df('490', '1 ', 'a', 'Studies ;', 'v', '12')).draft.relation).toEqual(['Journal X. Vol. 3 (2001)', 'Studies ; 12']);
  });

  it('returns an empty title, and nothing else, for an empty record', () => {
    expect(walk('<marc:leader/>').draft).toEqual({ title: [] });
  });
});

describe('relators', () => {
  it('reads codes and their id.loc.gov URIs', () => {
    expect(relatorFromCode('aut')).toEqual({ code: 'aut', label: 'author', creator: true });
    expect(relatorFromCode('http://id.loc.gov/vocabulary/relators/ill')).toEqual({ code: 'ill', label: 'illustrator', creator: false });
    expect(relatorFromCode('xyz')).toBeUndefined();
  });

  it('reads labels, abbreviations and other languages, and keeps unknown terms', () => {
    expect(relatorFromTerm('Author.')?.code).toBe('aut');
    expect(relatorFromTerm('ed.')?.code).toBe('edt');
    expect(relatorFromTerm('Verfasser')?.code).toBe('aut');
    expect(relatorFromTerm('referee')).toEqual({ label: 'referee', creator: false });
    expect(relatorFromTerm(' ')).toBeUndefined();
  });
});

describe('trimIsbd', () => {
  it('drops ISBD punctuation at the end, and a period after a word but not after an initial', () => {
    expect(trimIsbd('Title /')).toBe('Title');
    expect(trimIsbd('Title :')).toBe('Title');
    expect(trimIsbd('Verlag,')).toBe('Verlag');
    expect(trimIsbd('Mathematics.')).toBe('Mathematics');
    expect(trimIsbd('Smith, J.')).toBe('Smith, J.');
    expect(trimIsbd('[1895')).toBe('1895');
  });
});
