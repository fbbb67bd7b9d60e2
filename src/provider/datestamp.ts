// Datestamps in the two OAI-PMH granularities: checking, formatting, and from/until bounds.
// Pure: no I/O, no clock (callers pass the Date).

import type { Granularity } from './types.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The granularity a datestamp is written in, or undefined when it is neither form or not a real date/time. */
export function granularityOf(value: string): Granularity | undefined {
  // Called once per record when a provider is built (100,000+ in benchmarks): no Date objects.
  const m = SECONDS.exec(value) ?? DAY.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  if (value.length === 10) return 'YYYY-MM-DD';
  return Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59 ? undefined : 'YYYY-MM-DDThh:mm:ssZ';
}

/** A Date as a datestamp in the given granularity, always UTC. */
export function formatDatestamp(date: Date, granularity: Granularity): string {
  const iso = date.toISOString();
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : iso.slice(0, 19) + 'Z';
}

/** The smallest datestamp, in the repository granularity, that a `from` argument admits (inclusive). */
export function fromBound(from: string, repository: Granularity): string {
  return repository === 'YYYY-MM-DDThh:mm:ssZ' && from.length === 10 ? `${from}T00:00:00Z` : from;
}

/** The largest datestamp, in the repository granularity, that an `until` argument admits (inclusive). */
export function untilBound(until: string, repository: Granularity): string {
  // A day `until` on a seconds repository covers that whole day.
  return repository === 'YYYY-MM-DDThh:mm:ssZ' && until.length === 10 ? `${until}T23:59:59Z` : until;
}
