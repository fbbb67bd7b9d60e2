// The catalogue id of a record: stable across harvests, derived from the source id and the local id.
// Pure: no I/O (hashing only).

import { createHash } from 'node:crypto';

/**
 * `${sourceId}:${first 16 hex digits of SHA-256(sourceId + "\n" + localId)}`. The same record
 * harvested again keeps its id; the hash keeps ids short and URL-safe whatever the local id is.
 */
export function catalogueId(sourceId: string, localId: string): string {
  return `${sourceId}:${createHash('sha256').update(`${sourceId}\n${localId}`).digest('hex').slice(0, 16)}`;
}
