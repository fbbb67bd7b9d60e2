// Cron schedules of sources (croner): parsing with a clear error, next and previous slots.
// Pure apart from reading the clock passed in: no timers here (the worker owns the one timer).

import { Cron } from 'croner';
import type { EntenteConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';

/** A parsed cron expression in a time zone. */
export interface Schedule {
  readonly pattern: string;
  /** IANA zone, or undefined for the local zone. */
  readonly timezone: string | undefined;
  /** The first slot strictly after `after`, or null when the expression never fires again. */
  next(after: Date): Date | null;
  /** The last slot at or before `at`, or null when there was none. */
  previous(at: Date): Date | null;
}

/** A source's schedules: incremental harvests, and optionally rarer full ones. */
export interface SourceSchedules {
  incremental?: Schedule;
  full?: Schedule;
}

/**
 * Parses a cron expression: five fields (minute hour day month weekday) or six with leading
 * seconds. `where` is the JSON path reported when it is invalid (e.g. `$.sources[2].schedule`).
 */
export function parseSchedule(pattern: string, timezone: string | undefined, where: string): Schedule {
  if (timezone !== undefined && !isTimeZone(timezone)) {
    throw new EntenteError('ERR_SCHEDULE_INVALID', `${where.replace(/\.(schedule|fullSchedule)$/, '.timezone')}: "${timezone}" is not an IANA time zone`, {
      context: { path: where, timezone },
    });
  }
  let cron: Cron;
  try {
    // paused and without a function: croner only evaluates the pattern, it starts no timer.
    cron = new Cron(pattern.trim(), { paused: true, mode: '5-or-6-parts', ...(timezone ? { timezone } : {}) });
  } catch (err) {
    throw new EntenteError('ERR_SCHEDULE_INVALID', `${where}: "${pattern}" is not a cron expression (${(err as Error).message})`, {
      cause: err,
      context: { path: where, pattern },
    });
  }
  if (cron.nextRun(new Date()) === null) {
    throw new EntenteError('ERR_SCHEDULE_INVALID', `${where}: "${pattern}" never fires`, { context: { path: where, pattern } });
  }
  return {
    pattern,
    timezone,
    next: (after) => cron.nextRun(after),
    previous: (at) => cron.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null,
  };
}

/** Parses the schedules of every source; all problems in one ERR_SCHEDULE_INVALID. */
export function compileSchedules(config: EntenteConfig): Map<string, SourceSchedules> {
  const out = new Map<string, SourceSchedules>();
  const problems: string[] = [];
  config.sources.forEach((source, i) => {
    const schedules: SourceSchedules = {};
    for (const [key, field] of [
      ['incremental', 'schedule'],
      ['full', 'fullSchedule'],
    ] as const) {
      const pattern = source[field];
      if (pattern === undefined) continue;
      try {
        schedules[key] = parseSchedule(pattern, source.timezone, `$.sources[${i}].${field}`);
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    out.set(source.id, schedules);
  });
  if (problems.length) {
    throw new EntenteError('ERR_SCHEDULE_INVALID', `Invalid schedule${problems.length > 1 ? 's' : ''}${config.file ? ` in ${config.file}` : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      context: { file: config.file, problems },
    });
  }
  return out;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
