// Golden files: every MODS record (bare, or inside METS) of the shared real-world fixtures, normalised, against a
// hand-reviewed expected JSON in tests/golden/mods/. UPDATE_GOLDEN=1 rewrites the expected files;
// review every change against the source XML before committing it (see golden-support.ts).

import { METS_NS, MODS_NS } from '../../src/normalise/crosswalks/mods.js';
import { oaiRecordInputs } from './oai-records.js';
import { describeGolden, HARVESTED_AT, hasMetadataRoot, isOaiError, requestedPrefix } from './golden-support.js';

const MODS_ROOTS = new Set([MODS_NS, METS_NS]);

describeGolden({
  name: 'mods',
  folder: 'mods',
  kind: 'MODS and METS',
  testFile: import.meta.url,
  reviewed: ['dspace-mit-via-celestial-getrecord-mets', 'qdl-qnl-listrecords-mods', 'repox-montana-getrecord-mods', 'zvdd-getrecord-mets'],
  // A MODS harvest: a record whose metadata root is MODS, or METS (read by its MODS).
  matches: (parsed) => hasMetadataRoot(parsed, (root) => root !== undefined && MODS_ROOTS.has(root.ns)) && !isOaiError(parsed),
  // Harvested with the request's metadataPrefix, else the usual name.
  inputs: (parsed, name) => oaiRecordInputs(parsed, name, requestedPrefix(parsed) || 'mods', HARVESTED_AT),
});
