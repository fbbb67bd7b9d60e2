// Golden files: every EDM record of the shared real-world fixtures, normalised through the registry,
// against a hand-reviewed expected JSON in tests/golden/edm/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it (see golden-support.ts).

import { attr, firstChild, type ParsedXml } from '../../src/xml/parse.js';
import type { NormaliseInput } from '../../src/normalise/normalise.js';
import { EDM_NS, RDF_NS } from '../../src/normalise/crosswalks/edm.js';
import { oaiRecordInputs } from './oai-records.js';
import { bareInput, describeGolden, HARVESTED_AT, readByCrosswalk } from './golden-support.js';

/** The records of a fixture: its OAI records, or, without OAI envelope, the rdf:RDF document as one record named by its CHO. */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  const oai = oaiRecordInputs(parsed, name, 'edm', HARVESTED_AT);
  if (oai.length > 0) return oai;
  const root = parsed.root;
  const cho = root.ns === RDF_NS ? firstChild(root, EDM_NS, 'ProvidedCHO') : undefined;
  return [bareInput({ sourceId: name, localId: (cho && attr(cho, 'about', RDF_NS)?.trim()) || name, format: 'edm', metadata: root })];
}

describeGolden({
  name: 'EDM',
  folder: 'edm',
  kind: 'EDM',
  testFile: import.meta.url,
  reviewed: ['europeana-edm-record-rijksmuseum', 'europeana-oai-getrecord-edm-92062'],
  matches: readByCrosswalk('edm', recordInputs),
  inputs: recordInputs,
});
