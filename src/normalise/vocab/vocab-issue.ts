// The problem a vocabulary function reports about one value; the crosswalk adds where it goes.
// Pure: no I/O. A type and one helper that keeps issue values short.

import type { Issue } from '../../model/types.js';

/** An Issue without its path: vocabularies know the value, not the field it came from. */
export type VocabIssue = Omit<Issue, 'path'>;

/** Longest source value copied into an issue: issues are for people, not a second copy of the record. */
export const MAX_ISSUE_VALUE = 200;

/** Shortens a value for an issue's `value`. */
export function issueValue(text: string): string {
  return text.length <= MAX_ISSUE_VALUE ? text : text.slice(0, MAX_ISSUE_VALUE - 1) + '…';
}
