// Splitting a date window in two, for a list that keeps failing at one page: a record the
// repository cannot render (a 500, a body cut short at the same place every time) stops every
// list that contains it. Halving the from–until window, again and again, confines the damage to
// one granule (a day, or a second) and harvests everything around it. And where the next run
// starts when parts were set aside. Pure.

import type { HarvestWindow, SkippedPart } from '../model/types.js';
import { datestampAt, datestampMs, toGranularity, type Granularity } from '../protocols/oai-pmh/verbs.js';

const DAY_MS = 86_400_000;

/** Why a window could not be split: it spans one granule, or a bound to halve it by is unknown. */
export type Unsplittable = 'one-granule' | 'unbounded';

/**
 * The two halves of `window` (inclusive bounds, as OAI-PMH reads from and until), or why it
 * cannot be split. To find the middle, a window without `from` starts at the repository's
 * `earliest` datestamp and one without `until` ends at `latest` (the repository's clock when the
 * run started); but an open end stays open in its half, so that records stamped before a wrong
 * earliestDatestamp (or after the run started) are still asked for.
 */
export function splitWindow(window: HarvestWindow, bounds: { earliest?: string | undefined; latest?: string | undefined }, granularity: Granularity): [HarvestWindow, HarvestWindow] | Unsplittable {
  const from = window.from ?? bounds.earliest;
  const until = window.until ?? bounds.latest;
  const step = granularity === 'YYYY-MM-DD' ? DAY_MS : 1000;
  const first = from === undefined ? NaN : Math.floor(datestampMs(from) / step);
  const last = until === undefined ? NaN : Math.floor(datestampMs(until) / step);
  if (!Number.isFinite(first) || !Number.isFinite(last)) return 'unbounded';
  // One granule, or an open end already at its bound ("everything up to the earliest day"):
  // nothing narrower to ask for.
  if (first >= last) return 'one-granule';
  const middle = Math.floor((first + last) / 2);
  const at = (granule: number): string => datestampAt(granule * step, granularity);
  const lower: HarvestWindow = { ...window, until: at(middle) };
  const upper: HarvestWindow = { ...window, from: at(middle + 1) };
  if (window.from !== undefined) lower.from = at(first);
  if (window.until !== undefined) upper.until = at(last);
  return [lower, upper];
}

/** How a window reads in messages: "2024-03-01 to 2024-03-31 (set maps)". */
export function describeWindow(window: HarvestWindow): string {
  const range = `${window.from ?? 'the earliest record'} to ${window.until ?? 'now'}`;
  return window.set !== undefined ? `${range} (set ${window.set})` : range;
}

/**
 * Where the run after one that set parts aside starts: the earliest of them (a record's datestamp
 * when it reads as one, else its window's from), or earlier if `nextFrom`, this run's own next
 * 'from', is; null (everything) when a window set aside has no start, or there is no `nextFrom`
 * to bound it.
 */
export function retryFrom(skipped: readonly SkippedPart[], nextFrom: string | null, granularity: Granularity): string | null {
  if (nextFrom === null) return null;
  let earliest = nextFrom;
  for (const part of skipped) {
    const fromRecord = part.datestamp !== undefined ? toGranularity(part.datestamp, granularity) : undefined;
    const at = fromRecord ?? (part.window.from !== undefined ? toGranularity(part.window.from, granularity) : undefined);
    if (at === undefined) return null;
    if (datestampMs(at) < datestampMs(earliest)) earliest = at;
  }
  return earliest;
}
