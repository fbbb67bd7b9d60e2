// Splitting a date window in two, for a list that keeps failing at one page: a record the
// repository cannot render (a 500, a body cut short at the same place every time) stops every
// list that contains it. Halving the from–until window, again and again, confines the damage to
// one granule (a day, or a second) and harvests everything around it. And the windows that ask
// for the parts set aside again, in the next run. Pure.

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

/** Two windows with the same key ask for the same records. */
export const windowKey = (w: HarvestWindow): string => JSON.stringify([w.metadataPrefix, w.set, w.from, w.until]);

/**
 * The windows that ask again for the parts a run set aside: a window as it was (one granule); a
 * record as the granule of its datestamp, in the set it was listed in (its whole listing window
 * when the datestamp does not read), each marked `pending`. Parts of another format or set than
 * the source now harvests are dropped; the same window is asked once.
 */
export function pendingWindows(parts: readonly SkippedPart[], harvests: { metadataPrefix: string; sets: readonly string[] }, granularity: Granularity): HarvestWindow[] {
  const out = new Map<string, HarvestWindow>();
  for (const part of parts) {
    const { window } = part;
    if (window.metadataPrefix !== harvests.metadataPrefix) continue;
    if (window.set === undefined ? harvests.sets.length > 0 : !harvests.sets.includes(window.set)) continue;
    const granule = part.datestamp !== undefined ? toGranularity(part.datestamp, granularity) : undefined;
    const asked: HarvestWindow = { ...(granule === undefined ? window : { ...window, from: granule, until: granule }), pending: true };
    out.set(windowKey(asked), asked);
  }
  return [...out.values()];
}
