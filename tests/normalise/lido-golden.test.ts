// Golden files: every LIDO record of the shared real-world fixtures, normalised through the registry,
// against a hand-reviewed expected JSON in tests/golden/lido/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it (see golden-support.ts).

import { childElements, cleanText, firstChild, type ParsedXml } from '../../src/xml/parse.js';
import type { NormaliseInput } from '../../src/normalise/normalise.js';
import { LIDO_NS } from '../../src/normalise/crosswalks/lido.js';
import { oaiRecordInputs } from './oai-records.js';
import { bareInput, describeGolden, HARVESTED_AT, readByCrosswalk } from './golden-support.js';

/** The records of a fixture: its OAI records, or, without OAI envelope, the document itself (each lido of a lidoWrap holding several). */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  const oai = oaiRecordInputs(parsed, name, 'lido', HARVESTED_AT);
  if (oai.length > 0) return oai;
  const root = parsed.root;
  const lidos = root.name === 'lidoWrap' ? childElements(root, LIDO_NS, 'lido') : [root];
  return lidos.map((lido) =>
    bareInput({
      sourceId: name,
      localId: cleanText(firstChild(lido, LIDO_NS, 'lidoRecID') ?? lido) || name,
      format: 'lido',
      metadata: lidos.length === 1 ? root : lido,
    }),
  );
}

describeGolden({
  name: 'LIDO',
  folder: 'lido',
  kind: 'LIDO',
  testFile: import.meta.url,
  reviewed: ['cimec-ro-lido-record'],
  matches: readByCrosswalk('lido', recordInputs),
  inputs: recordInputs,
});
