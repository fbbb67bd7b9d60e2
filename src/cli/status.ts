// `entente status`: sources, their schedules and next runs, last runs and outcomes, failure
// streaks and record counts; and `entente runs`: the run history. Reads only.

import { existsSync } from 'node:fs';
import type { SourceSummary } from '../catalogue/catalogue.js';
import { latestReportSummary } from '../conformance/store.js';
import type { ReportSummary } from '../conformance/types.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import type { EntenteConfig } from '../config/types.js';
import { nextSlot } from '../scheduler/plan.js';
import { compileSchedules } from '../scheduler/schedule.js';
import { readRunHistory, readScheduleStates, readSkippedRuns } from '../scheduler/store.js';
import { readWorkerLock } from '../scheduler/worker-lock.js';
import { openExisting } from './catalogue-path.js';
import { formatDuration, printError, renderTable, type Io } from './output.js';

/** When a source runs next, and who says so: the running worker's plan, or the config's schedule. */
export interface NextRun {
  at: string;
  trigger: string;
  full: boolean;
  /** `worker`: planned by the live worker; `config`: the next slot of the schedule (no worker is running). */
  by: 'worker' | 'config';
}

export interface SourceStatus extends Omit<SourceSummary, 'lastRun'> {
  lastRun: SourceSummary['lastRun'];
  schedule: string | null;
  fullSchedule: string | null;
  timezone: string | null;
  nextRun: NextRun | null;
  /** Failed runs in a row (0 after a success). */
  failureStreak: number;
  lastError: { code: string; message: string; hint?: string } | null;
  /** Scheduled runs skipped: the previous one was still going, or a manual harvest held the source. */
  skipped: number;
}

function readConfig(file: string): EntenteConfig | undefined {
  return existsSync(file) ? loadConfig(file) : undefined;
}

const when = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 19) : '');

export function statusCommand(options: { db?: string; config?: string; json?: boolean; issues?: boolean }, io: Io): number {
  let config: EntenteConfig | undefined;
  try {
    config = readConfig(options.config ?? DEFAULT_CONFIG_FILE);
  } catch (err) {
    printError(io, err);
    return 2;
  }
  const catalogue = openExisting(options.db, config, true, io);
  if (!catalogue) return 2;
  const db = catalogue.path;
  try {
    const now = new Date();
    const worker = readWorkerLock(catalogue.db, now) ?? null;
    const states = readScheduleStates(catalogue.db);
    // Schedules from the config when it parses; a broken schedule only loses the next-run column.
    let compiled: ReturnType<typeof compileSchedules> | undefined;
    try {
      compiled = config ? compileSchedules(config) : undefined;
    } catch {
      compiled = undefined;
    }
    const summaries = catalogue.sources();
    // Configured sources not harvested yet are listed too: a worker may be about to run them.
    const known = new Set(summaries.map((s) => s.id));
    for (const s of config?.sources ?? []) {
      if (!known.has(s.id)) summaries.push({ id: s.id, name: s.name ?? null, protocol: s.protocol, url: s.url, live: 0, deleted: 0, invalid: 0, nextFrom: null, lastRun: null, lastSuccess: null, setAside: 0 });
    }
    type Row = SourceStatus & { issues?: ReturnType<typeof catalogue.issueCounts>; conformance?: (ReportSummary & { checkedAt: string }) | null };
    const sources = summaries.map((s): Row => {
      const configured = config?.sources.find((c) => c.id === s.id);
      const state = states.get(s.id);
      let nextRun: NextRun | null = null;
      if (worker?.live && state?.nextRunAt) nextRun = { at: state.nextRunAt, trigger: state.nextTrigger ?? 'schedule', full: state.nextFull, by: 'worker' };
      else {
        const schedules = compiled?.get(s.id);
        const slot = schedules ? nextSlot(schedules, now) : null;
        if (slot) nextRun = { at: slot.at.toISOString(), trigger: 'schedule', full: slot.full, by: 'config' };
      }
      const out: Row = {
        ...s,
        schedule: configured?.schedule ?? state?.schedule ?? null,
        fullSchedule: configured?.fullSchedule ?? state?.fullSchedule ?? null,
        timezone: configured?.timezone ?? state?.timezone ?? null,
        nextRun,
        failureStreak: state?.failureStreak ?? 0,
        lastError: state?.failureStreak ? (state.lastError ?? null) : null,
        skipped: state?.skipped ?? 0,
      };
      if (options.issues) out.issues = catalogue.issueCounts(s.id);
      // The last `entente check --source` report, when there is one.
      const conformance = latestReportSummary(catalogue.db, s.id);
      out.conformance = conformance ? { checkedAt: conformance.checkedAt, ...conformance.summary } : null;
      return out;
    });
    if (options.json) {
      io.out(JSON.stringify({ catalogue: db, worker, sources }, null, 2) + '\n');
      return 0;
    }
    if (sources.length === 0) {
      io.out(`catalogue: ${db}\nNo sources harvested yet.\n`);
      return 0;
    }
    io.out(
      renderTable(
        ['source', 'records', 'deleted', 'invalid', 'schedule', 'next run', 'last run', 'mode', 'outcome', 'streak', 'took', 'next from'],
        sources.map((s) => {
          const r = s.lastRun;
          const took = r?.endedAt ? formatDuration(Date.parse(r.endedAt) - Date.parse(r.startedAt)) : '';
          const schedule = [s.schedule, s.fullSchedule ? `full: ${s.fullSchedule}` : null].filter(Boolean).join('; ') || 'by hand';
          const next = s.nextRun ? `${when(s.nextRun.at)}${s.nextRun.full ? ' full' : ''}${s.nextRun.trigger === 'retry' ? ' (retry)' : ''}` : '';
          return [s.id, s.live, s.deleted, s.invalid, schedule, next, r ? when(r.startedAt) : 'never', r?.mode ?? '', r?.outcome ?? '', s.failureStreak, took, s.nextFrom ?? ''];
        }),
      ),
    );
    for (const s of sources) {
      if (s.issues?.length) {
        io.out(`\n${s.id}: issues on live records (\`entente export --source ${s.id} --issue CODE\` lists them)\n`);
        io.out(renderTable(['code', 'severity', 'records'], s.issues.map((i) => [i.code, i.severity, i.count])));
      }
      const error = s.lastRun?.error ?? (s.failureStreak ? s.lastError : null);
      if (error) io.out(`\n${s.id}: ${error.code}: ${error.message}\n  what to do: ${error.hint ?? ''}\n`);
      if (s.failureStreak > 1) io.out(`  ${s.id} has failed ${s.failureStreak} runs in a row.\n`);
      if (s.setAside) io.out(`  ${s.id}: ${s.setAside} part(s) set aside (a day or a record the archive could not serve), asked for again by the next run.\n`);
      const c = s.conformance;
      if (c) {
        const score = c.score !== undefined ? `, records score ${c.score}${c.readiness ? ` (${c.readiness})` : ''}` : '';
        io.out(`\n${s.id}: conformance ${c.outcome} on ${when(c.checkedAt)}: ${c.errors} errors, ${c.warnings} warnings${score} (\`entente check --source ${s.id}\` to check again)\n`);
      }
    }
    io.out(`\ncatalogue: ${db}\n`);
    if (worker) {
      io.out(
        worker.live
          ? `worker: process ${worker.pid} on ${worker.hostname}, running since ${when(worker.startedAt)} (times are UTC)\n`
          : `worker: none running (the last one, process ${worker.pid} on ${worker.hostname}, stopped without releasing its lock); next runs are the config's schedule\n`,
      );
    } else if (sources.some((s) => s.schedule || s.fullSchedule)) io.out('worker: none running; next runs are when `entente worker` would start them (times are UTC)\n');
    return 0;
  } finally {
    catalogue.close();
  }
}

/** `entente runs [SOURCE]`: the run history (or the skipped runs), newest first. */
export function runsCommand(source: string | undefined, options: { db?: string; config?: string; limit?: number; skipped?: boolean; json?: boolean }, io: Io): number {
  const catalogue = openExisting(options.db, options.config ?? DEFAULT_CONFIG_FILE, true, io);
  if (!catalogue) return 2;
  const db = catalogue.path;
  try {
    const query = { ...(source ? { sourceId: source } : {}), limit: options.limit ?? 20 };
    if (options.skipped) {
      const skipped = readSkippedRuns(catalogue.db, query);
      if (options.json) io.out(JSON.stringify({ catalogue: db, skipped }, null, 2) + '\n');
      else if (skipped.length === 0) io.out('No skipped runs.\n');
      else io.out(renderTable(['source', 'due', 'trigger', 'reason', 'recorded'], skipped.map((s) => [s.sourceId, when(s.dueAt), s.trigger, s.reason, when(s.recordedAt)])));
      return 0;
    }
    const runs = readRunHistory(catalogue.db, query);
    if (options.json) {
      io.out(JSON.stringify({ catalogue: db, runs }, null, 2) + '\n');
      return 0;
    }
    if (runs.length === 0) {
      io.out(`No runs${source ? ` of ${source}` : ''} yet.\n`);
      return 0;
    }
    io.out(
      renderTable(
        ['run', 'source', 'mode', 'trigger', 'started', 'took', 'outcome', 'seen', 'new', 'updated', 'deleted', 'error'],
        runs.map((r) => [
          r.id,
          r.sourceId,
          r.mode,
          r.trigger,
          when(r.startedAt),
          r.endedAt ? formatDuration(Date.parse(r.endedAt) - Date.parse(r.startedAt)) : '',
          r.outcome,
          r.seen,
          r.new,
          r.updated,
          r.deleted,
          r.error?.code ?? '',
        ]),
      ),
    );
    return 0;
  } finally {
    catalogue.close();
  }
}
