// The contract every JSON protocol adapter implements: from a checkpoint token, yield pages of
// items, each with the token that resumes after it. Types only: no code here.

import type { Issue } from '../../model/types.js';

/** One item as an adapter found it, before normalising. */
export interface JsonItem {
  /** The item's id (a IIIF object id, an API item id). */
  localId: string;
  /** The item's last change as the archive gave it (activity endTime, a modified field), or ''. */
  datestamp: string;
  /** A Delete/Remove activity or an item flagged deleted: stored as a tombstone. */
  deleted: boolean;
  /** The JSON text as served: the fetched object, the page's item, or the activity of a tombstone. */
  payload: string;
  /** The parsed payload (undefined for tombstones and unavailable objects). */
  document: unknown;
  /** Where the document was fetched from. */
  url?: string;
  /** The object could not be fetched (404, 410, wrong shape): stored with its issues, no description. */
  unavailable?: boolean;
  issues: Issue[];
}

/**
 * What an adapter can notice while reading (each kind the conformance checker judges on its own):
 * entries skipped because they are not activities with an object id, or not a collection; an
 * empty page linking on; collections that include each other; a sub-collection shared by two
 * collections (allowed); one deeper than iiif.maxDepth or a list stopped at pages.next.maxPage
 * (the source's own settings); activities out of endTime order.
 */
export type NoticeKind = 'not-activities' | 'not-collection' | 'empty-page' | 'cycle' | 'shared-collection' | 'max-depth' | 'max-page' | 'out-of-order';

/** Something the operator should know about a page: its kind, and a message for people. */
export interface JsonNotice {
  kind: NoticeKind;
  message: string;
}

/** A page of items and the token that resumes after it (undefined: the list is complete). */
export interface JsonPage {
  items: JsonItem[];
  next: string | undefined;
  /** Things the operator should know (a cycle skipped, an empty page with a next link). */
  notices: JsonNotice[];
  /** The total the API announced, when it did (for progress). */
  total?: number;
}

/** A protocol adapter, created for one run. */
export interface JsonAdapter {
  /** Pages after `token` (undefined: from the start of the run's plan). Honours the fetch context's signal. */
  pages(token: string | undefined): AsyncGenerator<JsonPage>;
  /** The archive's clock (HTTP Date) at its first response in this run: the next incremental 'from'. */
  serverDate(): string | undefined;
}

/** What the catalogue already holds for some ids: local id to datestamp (the adapter asks, the driver answers). */
export type KnownLookup = (localIds: readonly string[]) => Map<string, string>;
