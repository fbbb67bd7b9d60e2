// Splitting a date window in two, for a list that keeps failing at one page: a record the
// repository cannot render (a 500, a body cut short at the same place every time) stops every
// list that contains it. Halving the from–until window, again and again, confines the damage to
// one granule (a day, or a second) and harvests everything around it. Pure.

import type { HarvestWindow } from '../model/types.js';
import type { Granularity } from '../protocols/oai-pmh/verbs.js';

const DAY_MS = 86_400_000;

/** A timestamp in the repository's form: a date, or a date and time in UTC. */
function parseInstant(value: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.replace(/Z+$/, 'Z'));
}

function format(granule: number, granularity: Granularity): string {
  const iso = new Date(granule * (granularity === 'YYYY-MM-DD' ? DAY_MS : 1000)).toISOString();
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

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
  const first = from === undefined ? NaN : Math.floor(parseInstant(from) / step);
  const last = until === undefined ? NaN : Math.floor(parseInstant(until) / step);
  if (!Number.isFinite(first) || !Number.isFinite(last)) return 'unbounded';
  // One granule, or an open end already at its bound ("everything up to the earliest day"):
  // nothing narrower to ask for.
  if (first >= last) return 'one-granule';
  const middle = Math.floor((first + last) / 2);
  const lower: HarvestWindow = { ...window, until: format(middle, granularity) };
  const upper: HarvestWindow = { ...window, from: format(middle + 1, granularity) };
  if (window.from !== undefined) lower.from = format(first, granularity);
  if (window.until !== undefined) upper.until = format(last, granularity);
  return [lower, upper];
}

/** How a window reads in messages: "2024-03-01 to 2024-03-31 (set maps)". */
export function describeWindow(window: HarvestWindow): string {
  const range = `${window.from ?? 'the earliest record'} to ${window.until ?? 'now'}`;
  return window.set !== undefined ? `${range} (set ${window.set})` : range;
}
