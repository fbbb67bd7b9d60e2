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

/**
 * The two halves of `window` (inclusive bounds, as OAI-PMH reads from and until), or undefined
 * when it cannot be split: it spans one granule, or a bound is unknown. A window without `from`
 * starts at the repository's `earliest` datestamp; one without `until` ends at `latest` (the
 * repository's clock when the run started: later changes belong to the next run).
 */
export function splitWindow(window: HarvestWindow, bounds: { earliest?: string | undefined; latest?: string | undefined }, granularity: Granularity): [HarvestWindow, HarvestWindow] | undefined {
  const from = window.from ?? bounds.earliest;
  const until = window.until ?? bounds.latest;
  if (from === undefined || until === undefined) return undefined;
  const step = granularity === 'YYYY-MM-DD' ? DAY_MS : 1000;
  const first = Math.floor(parseInstant(from) / step);
  const last = Math.floor(parseInstant(until) / step);
  if (!Number.isFinite(first) || !Number.isFinite(last) || first >= last) return undefined;
  const middle = Math.floor((first + last) / 2);
  return [
    { ...window, from: format(first, granularity), until: format(middle, granularity) },
    { ...window, from: format(middle + 1, granularity), until: format(last, granularity) },
  ];
}

/** How a window reads in messages: "2024-03-01 to 2024-03-31 (set maps)". */
export function describeWindow(window: HarvestWindow): string {
  const range = `${window.from ?? 'the earliest record'} to ${window.until ?? 'now'}`;
  return window.set !== undefined ? `${range} (set ${window.set})` : range;
}
