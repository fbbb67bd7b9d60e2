// Golden files: every MARCXML record of the shared real-world fixtures (in OAI-PMH responses, or a
// bare record as Alma exports it), normalised, against a hand-reviewed expected JSON in tests/golden/marcxml/. UPDATE_GOLDEN=1 rewrites the expected files;
// review every change against the source XML before committing it (see golden-support.ts).

import { cleanText, firstChild, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import type { NormaliseInput } from '../../src/normalise/normalise.js';
import { MARC_NS } from '../../src/normalise/crosswalks/marcxml.js';
import { oaiRecordInputs } from './oai-records.js';
import { bareInput, describeGolden, HARVESTED_AT, hasMetadataRoot, isOaiError, requestedPrefix } from './golden-support.js';

/** A MARC record or collection: in the MARC21/slim namespace, or in none with MARC fields (Alma). */
function isMarc(el: XmlElement | undefined): boolean {
  if (el === undefined || (el.name !== 'record' && el.name !== 'collection')) return false;
  if (el.ns === MARC_NS) return true;
  const record = el.name === 'record' ? el : firstChild(el, '', 'record');
  return el.ns === '' && record !== undefined && firstChild(record, '', 'leader') !== undefined;
}

/** A bare MARC record has no OAI header: its id is the 001, its datestamp the 005 (yyyymmddhhmmss.f). */
function bareRecordInput(root: XmlElement, sourceId: string): NormaliseInput {
  const control = (tag: string): string => {
    for (const c of root.children) if (typeof c === 'object' && c.name === 'controlfield' && c.attrs.tag === tag) return cleanText(c);
    return '';
  };
  const d = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(control('005'));
  return bareInput({
    sourceId,
    localId: control('001') || sourceId,
    datestamp: d ? `${d[1]}-${d[2]}-${d[3]}T${d[4]}:${d[5]}:${d[6]}Z` : '1970-01-01',
    format: 'marcxml',
    metadata: root,
  });
}

/** The records of a fixture: a bare MARC record, or the OAI records harvested with the request's metadataPrefix, else the usual name. */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  if (isMarc(parsed.root)) return [bareRecordInput(parsed.root, name)];
  return oaiRecordInputs(parsed, name, requestedPrefix(parsed) || 'marcxml', HARVESTED_AT);
}

describeGolden({
  name: 'marcxml',
  folder: 'marcxml',
  kind: 'MARCXML',
  testFile: import.meta.url,
  reviewed: ['alma-hbz-marcxml-record', 'inspire-invenio-listrecords-marcxml', 'nusl-invenio-getrecord-marcxml'],
  // A MARCXML harvest: a record whose metadata root is MARC, or a bare MARC record.
  matches: (parsed) => (isMarc(parsed.root) || hasMetadataRoot(parsed, isMarc)) && !isOaiError(parsed),
  inputs: recordInputs,
});
