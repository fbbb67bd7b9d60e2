// Golden files: every DataCite and OpenAIRE record of the shared real-world fixtures, normalised through the registry,
// against a hand-reviewed expected JSON in tests/golden/datacite/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it (see golden-support.ts).

import { cleanText, isElement, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import type { NormaliseInput } from '../../src/normalise/normalise.js';
import { oaiRecordInputs } from './oai-records.js';
import { bareInput, describeGolden, HARVESTED_AT, readByCrosswalk } from './golden-support.js';

function byName(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.name === name);
}

/**
 * The records of a fixture: its OAI records; else a record as the OpenAIRE aggregator stores it
 * (IRIS, Milan: <record> and <metadata> in no namespace, header fields in OpenAIRE's), read by
 * local name; its metadata root is the first element of <metadata>.
 */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  const oai = oaiRecordInputs(parsed, name, 'oai_datacite', HARVESTED_AT);
  const root = parsed.root;
  const header = byName(root, 'header')[0];
  const metadata = byName(root, 'metadata')[0];
  if (oai.length > 0 || root.name !== 'record' || header === undefined || metadata === undefined) return oai;
  return [
    bareInput({
      sourceId: name,
      localId: cleanText(byName(header, 'identifier')[0] ?? header),
      datestamp: cleanText(byName(header, 'datestamp')[0] ?? header),
      sets: byName(header, 'setSpec').map(cleanText),
      // The metadataPrefix OpenAIRE harvests these records with.
      format: 'oai_openaire',
      metadata: metadata.children.find(isElement),
    }),
  ];
}

describeGolden({
  name: 'DataCite',
  folder: 'datacite',
  kind: 'DataCite and OpenAIRE',
  testFile: import.meta.url,
  reviewed: ['iris-unimi-record-oai_openaire', 'zenodo-record-oai_datacite'],
  matches: readByCrosswalk('datacite', recordInputs),
  inputs: recordInputs,
});
