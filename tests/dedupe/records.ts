// Records and their matching features for the pure dedupe tests: only an id (source:local) and
// a title are needed; anything else comes in `extra`.

import { buildFeatures, type MatchFeatures } from '../../src/dedupe/features.js';
import { DEFAULT_DEDUPE_SETTINGS } from '../../src/dedupe/settings.js';
import type { NormalisedRecord } from '../../src/model/record.js';

/** A live oai_dc record with this id (its source is the part before ':') and title. */
export function rec(id: string, title: string, extra: Partial<NormalisedRecord> = {}): NormalisedRecord {
  return {
    id,
    source: { id: id.split(':')[0] as string, localId: id, datestamp: '2026-01-01', format: 'oai_dc', sets: [], harvestedAt: '2026-01-01T00:00:00Z' },
    deleted: false,
    title: title ? [{ value: title }] : [],
    issues: [],
    ...extra,
  };
}

/** rec()'s matching features, with the default settings. */
export const features = (id: string, title: string, extra: Partial<NormalisedRecord> = {}): MatchFeatures => buildFeatures(rec(id, title, extra), DEFAULT_DEDUPE_SETTINGS.maxCreators);
