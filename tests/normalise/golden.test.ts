// Golden files: every oai_dc record of the shared real-world fixtures, normalised, against a
// hand-reviewed expected JSON in tests/golden/oai_dc/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it (see golden-support.ts).

import { OAI_DC_NS } from '../../src/normalise/crosswalks/oai-dc.js';
import { oaiRecordInputs } from './oai-records.js';
import { describeGolden, HARVESTED_AT, hasMetadataRoot, isOaiError, requestedPrefix } from './golden-support.js';

describeGolden({
  name: 'oai_dc',
  folder: 'oai_dc',
  kind: 'oai_dc',
  testFile: import.meta.url,
  reviewed: [
    'archivesspace-listrecords-oai_dc-token',
    'bnf-gallica-listrecords-oai_dc',
    'citebase-celestial-getrecord-arxiv-oai_dc',
    'cnr-iris-record-oai_dc-cdata',
    'dspace-erasmus-2004-getrecord-deleted',
    'dspace-erasmus-2004-listrecords-oai_dc',
    'ojs-voces-record-oai_dc',
    'tethys-listrecords-page1-token',
    'tethys-listrecords-page3-final',
  ],
  // An oai_dc harvest: a request for metadataPrefix=oai_dc (deleted records have no metadata), or a record with an oai_dc metadata root.
  matches: (parsed) => (requestedPrefix(parsed) === 'oai_dc' || hasMetadataRoot(parsed, (root) => root?.ns === OAI_DC_NS)) && !isOaiError(parsed),
  inputs: (parsed, name) => oaiRecordInputs(parsed, name, 'oai_dc', HARVESTED_AT),
});
