// Golden files: every qualified DC record of the shared real-world fixtures, normalised, against a
// hand-reviewed expected JSON in tests/golden/qdc/. UPDATE_GOLDEN=1 rewrites the expected files;
// review every change against the source XML before committing it (see golden-support.ts).

import { DCTERMS_NS, QDC_DSPACE_NS, QDC_OCLC_NS } from '../../src/normalise/crosswalks/qdc.js';
import { oaiRecordInputs } from './oai-records.js';
import { describeGolden, HARVESTED_AT, hasMetadataRoot, isOaiError, requestedPrefix } from './golden-support.js';

const QDC_ROOTS = new Set([QDC_OCLC_NS, QDC_DSPACE_NS, DCTERMS_NS]);

describeGolden({
  name: 'qdc',
  folder: 'qdc',
  kind: 'qualified DC',
  testFile: import.meta.url,
  reviewed: ['contentdm-maryland-record-qdc'],
  // A qualified DC harvest: a record whose metadata root is a qualified DC container.
  matches: (parsed) => hasMetadataRoot(parsed, (root) => root !== undefined && QDC_ROOTS.has(root.ns)) && !isOaiError(parsed),
  // Harvested with the request's metadataPrefix, else the usual name.
  inputs: (parsed, name) => oaiRecordInputs(parsed, name, requestedPrefix(parsed) || 'qdc', HARVESTED_AT),
});
