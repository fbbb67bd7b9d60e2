// The protocol-neutral commit loop: takes processed pages from any protocol adapter, in order,
// and writes them in small groups, each page with the checkpoint that resumes after it, in one
// transaction. On a failure (an abort included) the pages already received are committed first,
// so nothing harvested is lost. Knows nothing of XML, JSON or HTTP.

import type { Catalogue, PageCounts, RunPlan, StoredRecord, WritePageInput } from '../catalogue/catalogue.js';
import { EntenteError } from '../errors.js';
import type { RunCounts } from '../model/types.js';

/** A page ready to store, as every protocol yields it. */
export interface HarvestPage {
  records: StoredRecord[];
  /** The page's raw payloads, concatenated and deflate-raw compressed (records point into it). */
  rawBlob: Uint8Array;
  /** The token that resumes after this page in its window; undefined: the window is complete. */
  next: string | undefined;
}

export interface CommitOptions {
  catalogue: Catalogue;
  sourceId: string;
  runId: number;
  plan: RunPlan;
  windowIndex: number;
  /** The run's counts, added to as groups commit. */
  counts: RunCounts;
  /** Pages and records committed in the run so far (after a resume: including those before it); updated. */
  totals: { pages: number; records: number };
  /** Commit once this many records are waiting. */
  commitRecords: number;
  /** Commit once this many pages are waiting. @default 10 */
  maxGroupPages?: number;
  signal?: AbortSignal;
  /** After each commit, with the token of the last committed page. */
  onCommit?: (token: string | undefined) => void;
}

/**
 * Pages are committed in small groups: fewer commits write far fewer B-tree pages to the WAL
 * (ids are hashes, so every record touches a different index page). A crash repeats at most one
 * group, which idempotent upserts make harmless.
 */
export async function commitPages(pages: AsyncIterable<HarvestPage>, options: CommitOptions): Promise<void> {
  const { catalogue, counts, totals } = options;
  const maxGroupPages = options.maxGroupPages ?? 10;
  const group: WritePageInput[] = [];
  let groupRecords = 0;
  let groupToken: string | undefined;
  const flush = (): void => {
    if (group.length === 0) return;
    const results = catalogue.writePages(group);
    results.forEach((c, i) => addCounts(counts, c, group[i]?.records.length ?? 0));
    group.length = 0;
    groupRecords = 0;
    options.onCommit?.(groupToken);
  };
  try {
    for await (const page of pages) {
      totals.pages++;
      totals.records += page.records.length;
      group.push({
        sourceId: options.sourceId,
        runId: options.runId,
        records: page.records,
        rawBlob: page.rawBlob,
        plan: options.plan,
        checkpoint:
          page.next !== undefined
            ? { windowIndex: options.windowIndex, token: page.next, pages: totals.pages, records: totals.records }
            : { windowIndex: options.windowIndex + 1, pages: totals.pages, records: totals.records },
      });
      groupRecords += page.records.length;
      groupToken = page.next;
      if (page.next === undefined || groupRecords >= options.commitRecords || group.length >= maxGroupPages) flush();
      // Checked after the page is grouped: a stop commits what arrived, with its checkpoint.
      options.signal?.throwIfAborted();
    }
    flush();
  } catch (err) {
    // Pages received whole before the failure are kept: the next run resumes after them.
    if (!(err instanceof EntenteError && err.code === 'ERR_CATALOGUE')) flush();
    throw err;
  }
}

export function addCounts(counts: RunCounts, page: PageCounts, seen: number): void {
  counts.seen += seen;
  counts.new += page.new;
  counts.updated += page.updated;
  counts.unchanged += page.unchanged;
  counts.deleted += page.deleted;
  counts.invalid += page.invalid;
  counts.pages++;
}
