// The LIDO crosswalk field by field, on small inline records (the real ones are in lido-golden.test.ts).
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { crosswalkLido } from '../../src/normalise/crosswalks/lido.js';
import type { Issue } from '../../src/model/types.js';

const NS = 'http://www.lido-schema.org';

/** Crosswalks a lido record; `desc` and `admin` are the bodies of descriptiveMetadata and administrativeMetadata. */
function walk(desc: string, admin = '', head = '') {
  const xml = `<lido:lido xmlns:lido="${NS}">${head}<lido:descriptiveMetadata xml:lang="en">${desc}</lido:descriptiveMetadata><lido:administrativeMetadata xml:lang="en">${admin}</lido:administrativeMetadata></lido:lido>`;
  const issues: Issue[] = [];
  const draft = crosswalkLido(parseXml(xml).root, { issues });
  return { draft, issues };
}

const titles = (sets: string) => `<lido:objectIdentificationWrap><lido:titleWrap>${sets}</lido:titleWrap></lido:objectIdentificationWrap>`;
const event = (type: string, body: string) => `<lido:eventWrap><lido:eventSet><lido:event><lido:eventType>${type}</lido:eventType>${body}</lido:event></lido:eventSet></lido:eventWrap>`;
const actor = (name: string, extra = '') => `<lido:eventActor><lido:actorInRole><lido:actor>${extra}<lido:nameActorSet><lido:appellationValue>${name}</lido:appellationValue></lido:nameActorSet></lido:actor></lido:actorInRole></lido:eventActor>`;

describe('crosswalkLido', () => {
  it('matches LIDO elements by namespace, whatever the prefix, default namespace included', () => {
    const xml = `<lido xmlns="${NS}"><descriptiveMetadata><objectIdentificationWrap><titleWrap><titleSet><appellationValue>T</appellationValue></titleSet></titleWrap></objectIdentificationWrap></descriptiveMetadata></lido>`;
    expect(crosswalkLido(parseXml(xml).root, { issues: [] })).toEqual({ title: [{ value: 'T' }] });
  });

  it('maps the first lido of a lidoWrap and reports the others', () => {
    const xml = `<w:lidoWrap xmlns:w="${NS}"><w:lido><w:lidoRecID>a</w:lidoRecID></w:lido><w:lido><w:lidoRecID>b</w:lidoRecID></w:lido></w:lidoWrap>`;
    const issues: Issue[] = [];
    expect(crosswalkLido(parseXml(xml).root, { issues }).identifier).toEqual([{ scheme: 'local', value: 'a' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'LIDO_WRAP_MULTIPLE', severity: 'warning' })]);
  });

  it('reports an empty lidoWrap', () => {
    const issues: Issue[] = [];
    expect(crosswalkLido(parseXml(`<lidoWrap xmlns="${NS}"/>`).root, { issues })).toEqual({ title: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'LIDO_RECORD_MISSING', severity: 'error' })]);
  });

  it('ignores unknown elements and elements of other namespaces', () => {
    const { draft } = walk(titles('<lido:titleSet><lido:appellationValue>T</lido:appellationValue><lido:foo>x</lido:foo></lido:titleSet>') + '<x:titleWrap xmlns:x="urn:other">U</x:titleWrap><lido:unknownWrap/>');
    expect(draft).toEqual({ title: [{ value: 'T', lang: 'en' }] });
  });

  it('splits preferred and alternate titles, with xml:lang on the value, the set or the metadata', () => {
    const { draft } = walk(titles(
      '<lido:titleSet xml:lang="de"><lido:appellationValue lido:pref="preferred">A</lido:appellationValue><lido:appellationValue lido:pref="alternate" xml:lang="fr">B</lido:appellationValue></lido:titleSet>' +
        '<lido:titleSet><lido:appellationValue lido:pref="http://terminology.lido-schema.org/lido00170">C</lido:appellationValue></lido:titleSet>',
    ));
    expect(draft.title).toEqual([{ value: 'A', lang: 'de' }]);
    expect(draft.alternative).toEqual([{ value: 'B', lang: 'fr' }, { value: 'C', lang: 'en' }]);
  });

  it('makes a titleSet typed as a former title an alternative, and promotes an alternative when there is no title', () => {
    expect(walk(titles('<lido:titleSet lido:type="former title"><lido:appellationValue>Old</lido:appellationValue></lido:titleSet>')).draft).toEqual({ title: [{ value: 'Old', lang: 'en' }] });
  });

  it('ignores empty and white-space-only values, folds white space, reads CDATA and entities', () => {
    const { draft } = walk(titles('<lido:titleSet><lido:appellationValue>  </lido:appellationValue><lido:appellationValue/><lido:appellationValue> A &amp;\n <![CDATA[<B>]]> </lido:appellationValue></lido:titleSet>'));
    expect(draft.title).toEqual([{ value: 'A & <B>', lang: 'en' }]);
  });

  it('keeps paragraph breaks in object descriptions', () => {
    const { draft } = walk('<lido:objectIdentificationWrap><lido:objectDescriptionWrap><lido:objectDescriptionSet><lido:descriptiveNoteValue xml:lang="ro">Unu\n  doi.\n\n  Trei.</lido:descriptiveNoteValue></lido:objectDescriptionSet></lido:objectDescriptionWrap></lido:objectIdentificationWrap>');
    expect(draft.description).toEqual([{ value: 'Unu doi.\n\nTrei.', lang: 'ro' }]);
  });

  it('takes creators from production and creation events only, by term in several languages or by concept URI', () => {
    const { draft } = walk(
      event('<lido:term xml:lang="de">Herstellung</lido:term>', actor('Albrecht Dürer')) +
        event('<lido:conceptID>http://vocab.getty.edu/aat/300054713</lido:conceptID>', actor('Hans Holbein')) +
        event('<lido:term>Finding</lido:term>', actor('A Finder')),
    );
    expect(draft.creator?.map((c) => c.name)).toEqual(['Albrecht Dürer', 'Hans Holbein']);
  });

  it('gives a creator a sort name, its English role and an authority URI', () => {
    const { draft } = walk(event('<lido:term>Production</lido:term>',
      '<lido:eventActor><lido:actorInRole><lido:actor><lido:actorID lido:type="ULAN">500115493</lido:actorID><lido:nameActorSet><lido:appellationValue lido:pref="alternate">Durer</lido:appellationValue><lido:appellationValue>Albrecht Dürer</lido:appellationValue></lido:nameActorSet></lido:actor><lido:roleActor><lido:term xml:lang="de">Stecher</lido:term><lido:term xml:lang="en">engraver</lido:term></lido:roleActor></lido:actorInRole></lido:eventActor>'));
    expect(draft.creator).toEqual([{ name: 'Albrecht Dürer', sortName: 'Dürer, Albrecht', role: 'engraver', uri: 'http://vocab.getty.edu/ulan/500115493' }]);
  });

  it('keeps a corporate actor name as its own sort form and falls back to displayActorInRole', () => {
    const { draft } = walk(event('<lido:term>creation</lido:term>',
      '<lido:eventActor><lido:actorInRole><lido:actor lido:type="corporation"><lido:nameActorSet><lido:appellationValue>Meissen Porcelain</lido:appellationValue></lido:nameActorSet></lido:actor></lido:actorInRole></lido:eventActor>' +
        '<lido:eventActor><lido:displayActorInRole>Jan Steen</lido:displayActorInRole></lido:eventActor>'));
    expect(draft.creator).toEqual([{ name: 'Meissen Porcelain', sortName: 'Meissen Porcelain' }, { name: 'Jan Steen', sortName: 'Steen, Jan' }]);
  });

  it('reads the date from earliestDate and latestDate, displayDate for display', () => {
    const { draft } = walk(event('<lido:term>Production</lido:term>', '<lido:eventDate><lido:displayDate>um 1890</lido:displayDate><lido:date><lido:earliestDate>1885</lido:earliestDate><lido:latestDate>1895</lido:latestDate></lido:date></lido:eventDate>'));
    expect(draft.date).toEqual({ display: 'um 1890', edtf: '1885/1895', earliest: 1885, latest: 1895 });
  });

  it('reads displayDate when there is no structured date, Latin era abbreviations included (CIMEC)', () => {
    expect(walk(event('<lido:term>Production</lido:term>', '<lido:eventDate><lido:displayDate>83 a.Chr.</lido:displayDate></lido:eventDate>')).draft.date).toEqual({ display: '83 a.Chr.', edtf: '-0082', earliest: -82, latest: -82 });
  });

  it('reports a date it cannot read', () => {
    const { draft, issues } = walk(event('<lido:term>Production</lido:term>', '<lido:eventDate><lido:displayDate>Ming dynasty</lido:displayDate></lido:eventDate>'));
    expect(draft.date).toEqual({ display: 'Ming dynasty' });
    expect(issues).toEqual([expect.objectContaining({ code: 'DATE_UNPARSEABLE', path: '/date' })]);
  });

  it('reads an open-ended or BC structured date', () => {
    expect(walk(event('<lido:term>Production</lido:term>', '<lido:eventDate><lido:date><lido:earliestDate>-0083</lido:earliestDate></lido:date></lido:eventDate>')).draft.date).toEqual({ display: '-0083/..', edtf: '-0083/..', earliest: -83 });
  });

  it('takes places from making events and subjects, with their placeID', () => {
    const { draft } = walk(
      event('<lido:term>Production</lido:term>', '<lido:eventPlace><lido:place><lido:placeID>http://sws.geonames.org/3169070/</lido:placeID><lido:namePlaceSet><lido:appellationValue xml:lang="it">Roma</lido:appellationValue></lido:namePlaceSet></lido:place></lido:eventPlace>') +
        '<lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet><lido:subject><lido:subjectPlace><lido:displayPlace>Delft</lido:displayPlace></lido:subjectPlace></lido:subject></lido:subjectSet></lido:subjectWrap></lido:objectRelationWrap>',
    );
    expect(draft.spatial).toEqual([{ value: 'Roma', lang: 'it', uri: 'http://sws.geonames.org/3169070/' }, { value: 'Delft', lang: 'en' }]);
  });

  it('takes subjects from subject concepts, depicted actors and classifications', () => {
    const { draft } = walk(
      '<lido:objectClassificationWrap><lido:classificationWrap><lido:classification><lido:term>numismatics</lido:term></lido:classification><lido:classification lido:type="europeana:type"><lido:term>IMAGE</lido:term></lido:classification></lido:classificationWrap></lido:objectClassificationWrap>' +
        '<lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet><lido:subject><lido:subjectConcept><lido:conceptID>http://vocab.getty.edu/aat/300015637</lido:conceptID><lido:term>portraits</lido:term><lido:term xml:lang="de">Porträts</lido:term></lido:subjectConcept>' +
        '<lido:subjectActor><lido:actor><lido:nameActorSet><lido:appellationValue>Venus</lido:appellationValue></lido:nameActorSet></lido:actor></lido:subjectActor></lido:subject></lido:subjectSet></lido:subjectWrap></lido:objectRelationWrap>',
    );
    expect(draft.subject).toEqual([
      { value: 'portraits', lang: 'en', uri: 'http://vocab.getty.edu/aat/300015637' },
      { value: 'Porträts', lang: 'de', uri: 'http://vocab.getty.edu/aat/300015637' },
      { value: 'Venus' },
      { value: 'numismatics', lang: 'en' },
    ]);
  });

  it('maps work type, europeana:type and classification to DCMI once each, and reports an unmapped work type', () => {
    const { draft, issues } = walk(
      '<lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>Denar</lido:term></lido:objectWorkType><lido:objectWorkType><lido:term>painting</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap>' +
        '<lido:classificationWrap><lido:classification lido:type="europeana:type"><lido:term>IMAGE</lido:term></lido:classification><lido:classification><lido:term>drawing</lido:term></lido:classification></lido:classificationWrap></lido:objectClassificationWrap>',
      '',
      '<lido:category><lido:conceptID>http://www.cidoc-crm.org/crm-concepts/E22</lido:conceptID></lido:category>',
    );
    expect(draft.type).toEqual([{ value: 'StillImage', original: 'painting' }, { value: 'Image', original: 'IMAGE' }, { value: 'PhysicalObject', original: 'http://www.cidoc-crm.org/crm-concepts/E22' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'TYPE_UNMAPPED', path: '/type', value: 'Denar' })]);
  });

  it('keeps work types, labelled measurements and materials as formats', () => {
    const { draft } = walk(
      '<lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType><lido:term>Denar</lido:term></lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>' +
        '<lido:objectIdentificationWrap><lido:objectMeasurementsWrap><lido:objectMeasurementsSet><lido:displayObjectMeasurements lido:label="weight">3,84</lido:displayObjectMeasurements><lido:displayObjectMeasurements>10 x 12 cm</lido:displayObjectMeasurements></lido:objectMeasurementsSet></lido:objectMeasurementsWrap></lido:objectIdentificationWrap>' +
        event('<lido:term>Production</lido:term>', '<lido:eventMaterialsTech><lido:displayMaterialsTech lido:label="material">Ag</lido:displayMaterialsTech></lido:eventMaterialsTech>'),
    );
    expect(draft.format).toEqual(['Denar', 'weight: 3,84', '10 x 12 cm', 'material: Ag']);
  });

  it('takes the repository as publisher, one name per language, not a former one', () => {
    const { draft } = walk('<lido:objectIdentificationWrap><lido:repositoryWrap>' +
      '<lido:repositorySet lido:type="current"><lido:repositoryName><lido:legalBodyID>http://www.wikidata.org/entity/Q190804</lido:legalBodyID><lido:legalBodyName><lido:appellationValue xml:lang="nl">Rijksmuseum</lido:appellationValue><lido:appellationValue xml:lang="nl">Rijks</lido:appellationValue></lido:legalBodyName></lido:repositoryName></lido:repositorySet>' +
      '<lido:repositorySet lido:type="former"><lido:repositoryName><lido:legalBodyName><lido:appellationValue>Old Owner</lido:appellationValue></lido:legalBodyName></lido:repositoryName></lido:repositorySet>' +
      '</lido:repositoryWrap></lido:objectIdentificationWrap>');
    expect(draft.publisher).toEqual([{ value: 'Rijksmuseum', lang: 'nl', uri: 'http://www.wikidata.org/entity/Q190804' }]);
  });

  it('takes lidoRecID and objectPublishedID as identifiers', () => {
    const { draft } = walk('', '', '<lido:lidoRecID>DE-Mb112/lido-obj1</lido:lidoRecID><lido:objectPublishedID>http://hdl.handle.net/10934/RM0001.COLLECT.1</lido:objectPublishedID>');
    expect(draft.identifier).toEqual([{ scheme: 'local', value: 'DE-Mb112/lido-obj1' }, { scheme: 'handle', value: '10934/RM0001.COLLECT.1' }]);
  });

  it('prefers the rights of the work to those of the image, and ignores recordRights', () => {
    const admin = (work: string) =>
      `${work}<lido:recordWrap><lido:recordRights><lido:rightsType><lido:term>CC0</lido:term></lido:rightsType></lido:recordRights></lido:recordWrap>` +
      '<lido:resourceWrap><lido:resourceSet><lido:rightsResource><lido:rightsType><lido:conceptID>http://rightsstatements.org/vocab/InC/1.0/</lido:conceptID></lido:rightsType><lido:creditLine>Photo: A. B.</lido:creditLine></lido:rightsResource></lido:resourceSet></lido:resourceWrap>';
    expect(walk('', admin('<lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:term>Public Domain Mark</lido:term></lido:rightsType></lido:rightsWorkSet></lido:rightsWorkWrap>')).draft.rights)
      .toEqual({ uri: 'http://creativecommons.org/publicdomain/mark/1.0/', statement: 'Public Domain Mark | Photo: A. B.' });
    expect(walk('', admin('')).draft.rights).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', statement: 'Photo: A. B.' });
  });

  it('reads a retired Europeana rights URI as its successor and says so', () => {
    const { draft, issues } = walk('', '<lido:resourceWrap><lido:resourceSet><lido:rightsResource><lido:rightsType><lido:term>http://www.europeana.eu/rights/rr-f/</lido:term></lido:rightsType></lido:rightsResource></lido:resourceSet></lido:resourceWrap>');
    expect(draft.rights).toEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', statement: 'http://www.europeana.eu/rights/rr-f/' });
    expect(issues).toEqual([expect.objectContaining({ code: 'RIGHTS_LEGACY_MAPPED', severity: 'info' })]);
  });

  it('takes recordInfoLink as isShownAt and the first image that is not a thumbnail as isShownBy', () => {
    const { draft } = walk('',
      '<lido:recordWrap><lido:recordInfoSet><lido:recordInfoLink>\n  http://example.org/object/1\n</lido:recordInfoLink></lido:recordInfoSet></lido:recordWrap>' +
        '<lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation lido:type="image_thumb"><lido:linkResource>http://example.org/t.jpg</lido:linkResource></lido:resourceRepresentation>' +
        '<lido:resourceRepresentation lido:type="image_master"><lido:linkResource>http://example.org/m.jpg</lido:linkResource></lido:resourceRepresentation></lido:resourceSet></lido:resourceWrap>');
    expect(draft.isShownAt).toBe('http://example.org/object/1');
    expect(draft.isShownBy).toBe('http://example.org/m.jpg');
  });

  it('takes related works as relations', () => {
    const { draft } = walk('<lido:objectRelationWrap><lido:relatedWorksWrap><lido:relatedWorkSet><lido:relatedWork><lido:displayObject>Pendant portrait</lido:displayObject></lido:relatedWork></lido:relatedWorkSet>' +
      '<lido:relatedWorkSet><lido:relatedWork><lido:object><lido:objectWebResource>http://example.org/2</lido:objectWebResource></lido:object></lido:relatedWork></lido:relatedWorkSet></lido:relatedWorksWrap></lido:objectRelationWrap>');
    expect(draft.relation).toEqual(['Pendant portrait', 'http://example.org/2']);
  });

  it('returns an empty title, and nothing else, for an empty record', () => {
    expect(walk('').draft).toEqual({ title: [] });
  });
});

describe('crosswalkLido on malformed records', () => {
  it('never throws: misplaced, repeated, empty and odd elements only lose what they cannot give', () => {
    const odd = [
      titles('text only') + event('', actor('')) + event('<lido:term>Production</lido:term>', '<lido:eventDate><lido:date><lido:earliestDate>1900-13</lido:earliestDate><lido:latestDate>1800</lido:latestDate></lido:date></lido:eventDate>'),
      '<lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType/></lido:objectWorkTypeWrap><lido:classificationWrap><lido:classification lido:type="europeana:type"><lido:term>MAP</lido:term></lido:classification></lido:classificationWrap></lido:objectClassificationWrap>',
      event('<lido:term>Production</lido:term>', '<lido:eventActor><lido:actorInRole><lido:actor><lido:actorID lido:type="ULAN">not-an-id</lido:actorID></lido:actor></lido:actorInRole></lido:eventActor><lido:eventPlace><lido:place/></lido:eventPlace><lido:eventDate/>'),
      '<lido:objectIdentificationWrap><lido:repositoryWrap><lido:repositorySet><lido:repositoryName/></lido:repositorySet></lido:repositoryWrap></lido:objectIdentificationWrap><lido:objectRelationWrap><lido:subjectWrap><lido:subjectSet/></lido:subjectWrap></lido:objectRelationWrap>',
    ];
    for (const desc of odd) expect(() => walk(desc, '<lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation><lido:linkResource>not a url</lido:linkResource></lido:resourceRepresentation></lido:resourceSet></lido:resourceWrap>')).not.toThrow();
    // A wrong structured date falls back to reading its text.
    expect(walk(odd[0] as string).draft).toEqual({ title: [], date: expect.objectContaining({ display: '1900-13' }) });
  });
});
