// When a source runs next: catch-up at start, the next cron slot (incremental or full), and the
// backoff before retrying a failed run. Pure: dates in, decisions out.

import type { Schedule, SourceSchedules } from './schedule.js';

export type { SourceSchedules } from './schedule.js';

/** A planned start: when, and whether it is a full harvest. */
export interface Slot {
  at: Date;
  full: boolean;
}

/** The next slot strictly after `after` from either schedule; a full slot wins a tie. */
export function nextSlot(schedules: SourceSchedules, after: Date): Slot | null {
  const incremental = schedules.incremental?.next(after) ?? null;
  const full = schedules.full?.next(after) ?? null;
  if (full && (!incremental || full.getTime() <= incremental.getTime())) return { at: full, full: true };
  return incremental ? { at: incremental, full: false } : null;
}

export interface CatchUpInput {
  schedules: SourceSchedules;
  /** Start of the source's last successful run, whatever triggered it. */
  lastSuccessAt: Date | null;
  /** Start of its last successful full harvest. */
  lastFullAt: Date | null;
  /** An interrupted run left a checkpoint: resume it now rather than wait. */
  hasCheckpoint: boolean;
  now: Date;
}

/**
 * Whether a source must run at once when the worker starts (or the source is added): when a slot
 * passed since its last successful run. Once, however many slots were missed. A missed full
 * slot makes it a full harvest; an interrupted run is resumed (its checkpoint decides the mode).
 */
export function catchUp(input: CatchUpInput): { full: boolean } | null {
  const { schedules, now } = input;
  if (input.hasCheckpoint) return { full: false };
  const missed = (schedule: Schedule | undefined, last: Date | null): boolean => {
    if (!schedule) return false;
    const previous = schedule.previous(now);
    return previous !== null && (last === null || last.getTime() < previous.getTime());
  };
  if (missed(schedules.full, input.lastFullAt ?? null)) return { full: true };
  if (missed(schedules.incremental, input.lastSuccessAt)) return { full: false };
  return null;
}

export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseDelayMs: number;
  /** Longest delay. */
  maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1 for the first): doubling from the base, capped, plus up
 * to 20% jitter so that sources failing together (one host down) do not retry in lockstep.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(Math.min(policy.maxDelayMs, capped * (1 + 0.2 * random())));
}
