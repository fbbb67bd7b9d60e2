// The worker's SQL: each source's scheduling state (next run, failure streak, last error),
// skipped runs, and run-history queries over the catalogue's `runs` table. Nothing else.

import type Database from 'better-sqlite3';
import type { HarvestRun } from '../model/types.js';
import { hasTable } from '../catalogue/tables.js';

export type ScheduledTrigger = 'schedule' | 'catch-up' | 'retry';

/** A source's scheduling state as stored. */
export interface ScheduleState {
  sourceId: string;
  schedule: string | null;
  fullSchedule: string | null;
  timezone: string | null;
  nextRunAt: string | null;
  nextTrigger: ScheduledTrigger | null;
  nextFull: boolean;
  failureStreak: number;
  lastError: HarvestRun['error'];
  lastFullAt: string | null;
  updatedAt: string;
}

/** A slot that was not started because the source's previous run was still going. */
export interface SkippedRun {
  id: number;
  sourceId: string;
  dueAt: string;
  trigger: ScheduledTrigger;
  reason: 'overlap' | 'locked';
  recordedAt: string;
}

/** One row of run history. */
export interface RunHistoryRow {
  id: number;
  sourceId: string;
  mode: string;
  trigger: string;
  startedAt: string;
  endedAt: string | null;
  outcome: string;
  seen: number;
  new: number;
  updated: number;
  deleted: number;
  invalid: number;
  pages: number;
  error: HarvestRun['error'];
}

interface StateRow {
  source_id: string;
  schedule: string | null;
  full_schedule: string | null;
  timezone: string | null;
  next_run_at: string | null;
  next_trigger: ScheduledTrigger | null;
  next_full: number;
  failure_streak: number;
  last_error: string | null;
  last_full_at: string | null;
  updated_at: string;
}

const toState = (r: StateRow): ScheduleState => ({
  sourceId: r.source_id,
  schedule: r.schedule,
  fullSchedule: r.full_schedule,
  timezone: r.timezone,
  nextRunAt: r.next_run_at,
  nextTrigger: r.next_trigger,
  nextFull: r.next_full === 1,
  failureStreak: r.failure_streak,
  lastError: r.last_error ? (JSON.parse(r.last_error) as HarvestRun['error']) : null,
  lastFullAt: r.last_full_at,
  updatedAt: r.updated_at,
});

export interface SchedulerStore {
  state(sourceId: string): ScheduleState | undefined;
  /** Saves the schedules in force and the next planned start (null: none planned). */
  savePlan(sourceId: string, plan: { schedule?: string; fullSchedule?: string; timezone?: string; next: { at: Date; trigger: ScheduledTrigger; full: boolean } | null }): void;
  /** After a run: resets the streak on success (and notes a full harvest), else adds one and keeps the error. Returns the streak. */
  recordOutcome(sourceId: string, outcome: { ok: boolean; full: boolean; startedAt: string; error: HarvestRun['error'] }): number;
  recordSkip(sourceId: string, skip: { dueAt: Date; trigger: ScheduledTrigger; reason: SkippedRun['reason'] }): void;
  /** Start of the last successful run of a source, any trigger. */
  lastSuccessAt(sourceId: string): Date | null;
  /** Start of the last successful full harvest (a first harvest is full too). */
  lastFullAt(sourceId: string): Date | null;
}

export function createSchedulerStore(db: Database.Database, now: () => Date = () => new Date()): SchedulerStore {
  const upsertPlan = db.prepare(
    `INSERT INTO schedule_state (source_id, schedule, full_schedule, timezone, next_run_at, next_trigger, next_full, updated_at)
     VALUES (@sourceId, @schedule, @fullSchedule, @timezone, @nextRunAt, @nextTrigger, @nextFull, @now)
     ON CONFLICT (source_id) DO UPDATE SET schedule = excluded.schedule, full_schedule = excluded.full_schedule, timezone = excluded.timezone,
       next_run_at = excluded.next_run_at, next_trigger = excluded.next_trigger, next_full = excluded.next_full, updated_at = excluded.updated_at`,
  );
  const ensure = db.prepare('INSERT OR IGNORE INTO schedule_state (source_id, updated_at) VALUES (?, ?)');
  return {
    state(sourceId) {
      const row = db.prepare<[string], StateRow>('SELECT * FROM schedule_state WHERE source_id = ?').get(sourceId);
      return row ? toState(row) : undefined;
    },
    savePlan(sourceId, plan) {
      upsertPlan.run({
        sourceId,
        schedule: plan.schedule ?? null,
        fullSchedule: plan.fullSchedule ?? null,
        timezone: plan.timezone ?? null,
        nextRunAt: plan.next?.at.toISOString() ?? null,
        nextTrigger: plan.next?.trigger ?? null,
        nextFull: plan.next?.full ? 1 : 0,
        now: now().toISOString(),
      });
    },
    recordOutcome(sourceId, outcome) {
      return db.transaction(() => {
        const at = now().toISOString();
        ensure.run(sourceId, at);
        if (outcome.ok) {
          db.prepare(
            `UPDATE schedule_state SET failure_streak = 0, last_full_at = CASE WHEN ? THEN ? ELSE last_full_at END, updated_at = ? WHERE source_id = ?`,
          ).run(outcome.full ? 1 : 0, outcome.startedAt, at, sourceId);
          return 0;
        }
        db.prepare('UPDATE schedule_state SET failure_streak = failure_streak + 1, last_error = ?, updated_at = ? WHERE source_id = ?').run(
          outcome.error ? JSON.stringify(outcome.error) : null,
          at,
          sourceId,
        );
        return (db.prepare<[string], { s: number }>('SELECT failure_streak AS s FROM schedule_state WHERE source_id = ?').get(sourceId)?.s ?? 1);
      })();
    },
    recordSkip(sourceId, skip) {
      db.prepare('INSERT INTO skipped_runs (source_id, due_at, trigger, reason, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
        sourceId,
        skip.dueAt.toISOString(),
        skip.trigger,
        skip.reason,
        now().toISOString(),
      );
    },
    lastSuccessAt(sourceId) {
      const at = db.prepare<[string], { at: string | null }>("SELECT MAX(started_at) AS at FROM runs WHERE source_id = ? AND outcome = 'ok' AND mode != 'records'").get(sourceId)?.at;
      return at ? new Date(at) : null;
    },
    lastFullAt(sourceId) {
      const fromRuns = db.prepare<[string], { at: string | null }>("SELECT MAX(started_at) AS at FROM runs WHERE source_id = ? AND outcome = 'ok' AND mode = 'full'").get(sourceId)?.at ?? null;
      const fromState = db.prepare<[string], { at: string | null }>('SELECT last_full_at AS at FROM schedule_state WHERE source_id = ?').get(sourceId)?.at ?? null;
      const latest = [fromRuns, fromState].filter((x): x is string => x !== null).sort().pop();
      return latest ? new Date(latest) : null;
    },
  };
}

/** Every source's scheduling state and skip count, for `entente status` (empty on an older catalogue). */
export function readScheduleStates(db: Database.Database): Map<string, ScheduleState & { skipped: number }> {
  const out = new Map<string, ScheduleState & { skipped: number }>();
  if (!hasTable(db, 'schedule_state')) return out;
  const skipped = new Map(
    db
      .prepare<[], { source_id: string; n: number }>('SELECT source_id, COUNT(*) AS n FROM skipped_runs GROUP BY source_id')
      .all()
      .map((r) => [r.source_id, r.n] as const),
  );
  for (const row of db.prepare<[], StateRow>('SELECT * FROM schedule_state').all()) out.set(row.source_id, { ...toState(row), skipped: skipped.get(row.source_id) ?? 0 });
  return out;
}

/** Skipped runs, newest first. */
export function readSkippedRuns(db: Database.Database, options: { sourceId?: string; limit?: number } = {}): SkippedRun[] {
  if (!hasTable(db, 'skipped_runs')) return [];
  const rows = db
    .prepare<[string | null, string | null, number], { id: number; source_id: string; due_at: string; trigger: ScheduledTrigger; reason: SkippedRun['reason']; recorded_at: string }>(
      'SELECT * FROM skipped_runs WHERE (? IS NULL OR source_id = ?) ORDER BY id DESC LIMIT ?',
    )
    .all(options.sourceId ?? null, options.sourceId ?? null, options.limit ?? 50);
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id, dueAt: r.due_at, trigger: r.trigger, reason: r.reason, recordedAt: r.recorded_at }));
}

/** Run history, newest first: source, mode, trigger, start, end, counts, outcome, error. */
export function readRunHistory(db: Database.Database, options: { sourceId?: string; limit?: number } = {}): RunHistoryRow[] {
  const rows = db
    .prepare<
      [string | null, string | null, number],
      { id: number; source_id: string; mode: string; trigger: string; started_at: string; ended_at: string | null; outcome: string; seen: number; new: number; updated: number; deleted: number; invalid: number; pages: number; error: string | null }
    >(
      `SELECT id, source_id, mode, trigger, started_at, ended_at, outcome, seen, new, updated, deleted, invalid, pages, error
       FROM runs WHERE (? IS NULL OR source_id = ?) ORDER BY id DESC LIMIT ?`,
    )
    .all(options.sourceId ?? null, options.sourceId ?? null, options.limit ?? 20);
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    mode: r.mode,
    trigger: r.trigger,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    seen: r.seen,
    new: r.new,
    updated: r.updated,
    deleted: r.deleted,
    invalid: r.invalid,
    pages: r.pages,
    error: r.error ? (JSON.parse(r.error) as HarvestRun['error']) : null,
  }));
}
