// The scheduled worker: runs each source's harvest on its cron schedule (catch-up at start, no
// overlap, a global concurrency limit, backoff after failures), reloads its config, stops
// gracefully. All sources share one HTTP client (per-host politeness) and one page pool.
// It never exits the process and never reads signals: the CLI does (src/cli/worker.ts).

import type { Catalogue } from '../catalogue/catalogue.js';
import { dedupeIncremental } from '../dedupe/dedupe.js';
import type { EntenteConfig, SourceConfig } from '../config/types.js';
import { toEntenteError } from '../errors.js';
import { harvestSource, type HarvestEvent } from '../harvest/harvest-source.js';
import { createPagePool, defaultPoolSize, type PagePool } from '../harvest/page-pool.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import type { RetryPolicy } from '../http/retry.js';
import { runLog, workerLog, type Logger } from '../logging/logger.js';
import type { WorkerMetrics } from '../metrics/metrics.js';
import type { HealthReport } from '../metrics/server.js';
import type { HarvestRun } from '../model/types.js';
import { backoffDelayMs, catchUp, nextSlot, type Slot } from './plan.js';
import { compileSchedules, type SourceSchedules } from './schedule.js';
import { createSchedulerStore, type ScheduledTrigger, type SchedulerStore } from './store.js';
import { acquireWorkerLock, HEARTBEAT_INTERVAL_MS, type WorkerLock } from './worker-lock.js';

export interface WorkerOptions {
  config: EntenteConfig;
  catalogue: Catalogue;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** Harvests at once; overrides config.worker.concurrency. */
  concurrency?: number;
  /** Page-parsing worker threads (0: on the main thread). @default defaultPoolSize(): min(cores - 1, 4), 0 on one core */
  pageWorkers?: number;
  /** Overrides every source's HTTP retry settings (tests use short delays). */
  httpRetry?: Partial<RetryPolicy>;
  /** A worker lock whose heartbeat is older than this is taken over. @default 90000 */
  lockStaleAfterMs?: number;
  /** Called after every run, whatever its outcome (tests and the CLI). */
  onRunFinished?: (run: HarvestRun, trigger: ScheduledTrigger) => void;
}

/** What a SIGHUP reload changed. */
export interface ReloadSummary {
  added: string[];
  removed: string[];
  rescheduled: string[];
  /** Sources whose other settings changed (used from their next run). */
  updated: string[];
}

export interface StopResult {
  /** Harvests that were running when the stop began (each asked to stop after its current page). */
  interrupted: string[];
  /** True when some harvest did not finish within the timeout. */
  timedOut: boolean;
}

export interface SourceSnapshot {
  id: string;
  schedule: string | null;
  fullSchedule: string | null;
  state: 'idle' | 'queued' | 'running';
  nextRunAt: string | null;
  nextTrigger: ScheduledTrigger | null;
  failureStreak: number;
}

export interface Worker {
  /** Takes the worker lock (ERR_WORKER_LOCKED if another worker has it), then schedules every source. */
  start(): Promise<void>;
  /** Applies a new config: sources added, removed, rescheduled. An invalid schedule throws and changes nothing. */
  reload(config: EntenteConfig): ReloadSummary;
  /** No new runs; running harvests commit their current page and end 'aborted'. Idempotent. */
  stop(options?: { timeoutMs?: number }): Promise<StopResult>;
  /** Resolves when the worker has stopped (by stop(), or on its own after losing its lock). */
  readonly stopped: Promise<StopResult>;
  health(): HealthReport;
  sources(): SourceSnapshot[];
}

interface Entry {
  source: SourceConfig;
  schedules: SourceSchedules;
  /** Next regular slot. */
  slot: Slot | null;
  /** Next retry of a failed run (epoch ms). */
  retryAt: number | null;
  retryFull: boolean;
  retriesUsed: number;
  streak: number;
  state: 'idle' | 'queued' | 'running';
  controller: AbortController | undefined;
  removed: boolean;
}

interface Job {
  entry: Entry;
  trigger: ScheduledTrigger;
  full: boolean;
}

/** setTimeout's longest delay (~24.8 days); a longer wait just re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const isScheduled = (s: SourceSchedules): boolean => s.incremental !== undefined || s.full !== undefined;

export function createWorker(options: WorkerOptions): Worker {
  const { catalogue, logger } = options;
  const log = workerLog(logger);
  const store: SchedulerStore = createSchedulerStore(catalogue.db);
  let config = options.config;
  let compiled = compileSchedules(config);
  const entries = new Map<string, Entry>();
  const queue: Job[] = [];
  const running = new Map<string, Promise<void>>();
  let lock: WorkerLock | undefined;
  let http: HttpClient | undefined;
  let pool: PagePool | undefined;
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopping: Promise<StopResult> | undefined;
  let startedAt: string | undefined;
  let resolveStopped: (r: StopResult) => void = () => {};
  const stopped = new Promise<StopResult>((resolve) => (resolveStopped = resolve));

  const concurrency = (): number => options.concurrency ?? config.worker.concurrency;

  const newEntry = (source: SourceConfig, schedules: SourceSchedules): Entry => ({
    source,
    schedules,
    slot: null,
    retryAt: null,
    retryFull: false,
    retriesUsed: 0,
    streak: store.state(source.id)?.failureStreak ?? 0,
    state: 'idle',
    controller: undefined,
    removed: false,
  });

  /** The next planned start of an entry: a retry or a slot, whichever comes first. */
  const nextOf = (e: Entry): { at: Date; trigger: ScheduledTrigger; full: boolean } | null => {
    if (e.retryAt !== null && (!e.slot || e.retryAt < e.slot.at.getTime())) return { at: new Date(e.retryAt), trigger: 'retry', full: e.retryFull };
    return e.slot ? { at: e.slot.at, trigger: 'schedule', full: e.slot.full } : null;
  };

  const persist = (e: Entry): void => {
    store.savePlan(e.source.id, {
      ...(e.source.schedule ? { schedule: e.source.schedule } : {}),
      ...(e.source.fullSchedule ? { fullSchedule: e.source.fullSchedule } : {}),
      ...(e.source.timezone ? { timezone: e.source.timezone } : {}),
      next: e.removed ? null : nextOf(e),
    });
  };

  // One timer for the whole worker, set to the earliest planned start: idle costs nothing.
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopping) return;
    let earliest = Infinity;
    for (const e of entries.values()) {
      const next = nextOf(e);
      if (next) earliest = Math.min(earliest, next.at.getTime());
    }
    if (earliest === Infinity) return;
    timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(0, earliest - Date.now())));
  };

  const tick = (): void => {
    timer = undefined;
    const now = new Date();
    for (const e of entries.values()) {
      if (e.slot && e.slot.at.getTime() <= now.getTime()) {
        const due = e.slot;
        // From now, not from the due slot: after a long pause (a suspended machine) the missed
        // slots run once, not once each. A slot supersedes a pending retry.
        e.slot = nextSlot(e.schedules, now);
        e.retryAt = null;
        dispatch(e, 'schedule', due.full, due.at);
        persist(e);
      } else if (e.retryAt !== null && e.retryAt <= now.getTime()) {
        const dueAt = new Date(e.retryAt);
        e.retryAt = null;
        dispatch(e, 'retry', e.retryFull, dueAt);
        persist(e);
      }
    }
    arm();
  };

  const dispatch = (e: Entry, trigger: ScheduledTrigger, full: boolean, dueAt: Date): void => {
    if (stopping || e.removed) return;
    if (e.state !== 'idle') {
      // No overlap: the slot is not started, and the skip is kept in the history.
      store.recordSkip(e.source.id, { dueAt, trigger, reason: 'overlap' });
      options.metrics?.runSkipped(e.source.id, 'overlap');
      runLog(logger, e.source.id, null).warn({ dueAt: dueAt.toISOString(), trigger, state: e.state }, 'slot skipped: the previous run of this source is still %s', e.state);
      return;
    }
    e.state = 'queued';
    queue.push({ entry: e, trigger, full });
    pump();
  };

  const pump = (): void => {
    while (!stopping && running.size < concurrency() && queue.length > 0) {
      const job = queue.shift() as Job;
      const p = runJob(job).finally(() => {
        running.delete(job.entry.source.id);
        options.metrics?.runsInProgress(running.size);
        pump();
        arm();
      });
      running.set(job.entry.source.id, p);
      options.metrics?.runsInProgress(running.size);
    }
  };

  const runJob = async ({ entry: e, trigger, full }: Job): Promise<void> => {
    const source = e.source;
    e.state = 'running';
    e.controller = new AbortController();
    if (trigger !== 'retry') e.retriesUsed = 0;
    // An interrupted run is resumed, never discarded by a full harvest: its plan decides the mode.
    const checkpoint = catalogue.getCheckpoint(source.id);
    const passFull = full && !checkpoint;
    const coversFull = passFull || checkpoint?.plan.mode === 'full';
    let runId: number | null = null;
    const currentRunId = (): number | null => {
      if (runId === null) {
        const last = catalogue.runs(source.id, 1)[0];
        if (last?.outcome === 'running') runId = last.id;
      }
      return runId;
    };
    const started = performance.now();
    runLog(logger, source.id, null).info({ trigger, full: passFull, resume: checkpoint !== undefined }, 'harvest starting');
    let run: HarvestRun;
    try {
      const result = await harvestSource(source, {
        catalogue,
        http: http as HttpClient,
        pool: pool as PagePool,
        full: passFull,
        trigger,
        signal: e.controller.signal,
        ...(options.httpRetry ? { retry: options.httpRetry } : {}),
        onProgress: (p) => {
          runId = p.runId;
          runLog(logger, source.id, p.runId).debug({ pages: p.pages, records: p.records, window: p.windowIndex + 1, windows: p.windows }, 'committed');
        },
        onEvent: (event: HarvestEvent) => logEvent(runLog(logger, source.id, currentRunId()), event),
      });
      run = result.run;
    } catch (err) {
      // harvestSource records its own failures; reaching here is a bug or a catalogue failure.
      const error = toEntenteError(err, 'ERR_INTERNAL', { source: source.id });
      runLog(logger, source.id, currentRunId()).error({ code: error.code, err: error }, 'harvest crashed: %s', error.message);
      const id = currentRunId();
      run = id !== null
        ? catalogue.finishRun(id, 'failed', { error: { code: error.code, message: error.message, hint: error.hint, context: error.context } })
        : {
            id: -1,
            sourceId: source.id,
            mode: 'full',
            trigger,
            startedAt: new Date().toISOString(),
            endedAt: new Date().toISOString(),
            outcome: 'failed',
            counts: { seen: 0, new: 0, updated: 0, unchanged: 0, deleted: 0, invalid: 0, pages: 0 },
            responseDate: null,
            from: null,
            error: { code: error.code, message: error.message, hint: error.hint },
          };
    }
    const seconds = (performance.now() - started) / 1000;
    const rlog = runLog(logger, source.id, run.id);
    const lockedOut = run.error?.code === 'ERR_CATALOGUE_LOCKED';
    const summary = { trigger, mode: run.mode, outcome: run.outcome, seconds: Math.round(seconds * 1000) / 1000, counts: run.counts };
    if (run.outcome === 'ok') {
      e.streak = store.recordOutcome(source.id, { ok: true, full: coversFull || run.mode === 'full', startedAt: run.startedAt, error: null });
      e.retriesUsed = 0;
      e.retryAt = null;
      rlog.info(summary, 'harvest finished: %d records seen', run.counts.seen);
    } else if (run.outcome === 'aborted') {
      rlog.info(summary, 'harvest stopped; the next run resumes from its last committed page');
    } else if (lockedOut) {
      // A manual `entente harvest` of this source is running: it does this slot's work.
      store.recordSkip(source.id, { dueAt: new Date(), trigger, reason: 'locked' });
      options.metrics?.runSkipped(source.id, 'locked');
      rlog.warn({ ...summary, error: run.error }, 'source is being harvested by another process; waiting for the next slot');
    } else {
      e.streak = store.recordOutcome(source.id, { ok: false, full: false, startedAt: run.startedAt, error: run.error });
      const policy = config.worker;
      // A run that stored everything but parts the archive cannot serve (ERR_OAI_SKIPPED) is not
      // retried soon: the archive has to mend them first, and each retry would split its lists
      // again. The next slot asks for them.
      const setAside = run.error?.code === 'ERR_OAI_SKIPPED';
      if (!stopping && !setAside && e.retriesUsed < policy.retries) {
        e.retriesUsed++;
        const delay = backoffDelayMs(e.retriesUsed, { baseDelayMs: policy.retryBaseDelayMs, maxDelayMs: policy.retryMaxDelayMs });
        e.retryAt = Date.now() + delay;
        e.retryFull = full;
        rlog.error({ ...summary, error: run.error, streak: e.streak, retryInMs: delay, retry: e.retriesUsed, retries: policy.retries }, 'harvest failed: %s; retry %d of %d in %d ms', run.error?.code, e.retriesUsed, policy.retries, delay);
      } else {
        e.retryAt = null;
        rlog.error({ ...summary, error: run.error, streak: e.streak, nextRunAt: e.slot?.at.toISOString() ?? null }, 'harvest failed: %s; waiting for the next slot', run.error?.code);
        if (setAside) rlog.warn({ sourceId: source.id }, 'everything else was stored; the next slot asks for the parts set aside again');
      }
    }
    options.metrics?.runFinished(run, seconds);
    options.metrics?.failureStreak(source.id, e.streak);
    // Match what the harvests changed once no harvest is writing: matching holds the single SQLite
    // writer, and the queue (filled as records are written) keeps until then.
    if (!stopping && ![...entries.values()].some((x) => x !== e && x.state === 'running')) {
      try {
        const stats = dedupeIncremental(catalogue);
        if (stats.records > 0) rlog.info({ dedupe: { mode: stats.mode, records: stats.records, clusters: stats.clusters, ms: stats.ms } }, 'dedupe: %d changed records matched', stats.records);
      } catch (err) {
        const error = toEntenteError(err, 'ERR_INTERNAL', { source: source.id });
        rlog.error({ code: error.code, err: error }, 'dedupe failed (the queue is kept for the next run): %s', error.message);
      }
    }
    e.state = 'idle';
    e.controller = undefined;
    if (e.removed) entries.delete(source.id);
    persist(e);
    options.onRunFinished?.(run, trigger);
  };

  /** Schedules a source (at start, or added by a reload): catch-up now if a slot was missed. */
  const schedule = (e: Entry, now: Date): void => {
    const plan = catchUp({
      schedules: e.schedules,
      lastSuccessAt: store.lastSuccessAt(e.source.id),
      lastFullAt: store.lastFullAt(e.source.id),
      hasCheckpoint: catalogue.getCheckpoint(e.source.id) !== undefined,
      now,
    });
    e.slot = nextSlot(e.schedules, now);
    if (plan) dispatch(e, 'catch-up', plan.full, now);
    persist(e);
  };

  const addSources = (sources: readonly SourceConfig[], now: Date): string[] => {
    const added: string[] = [];
    for (const source of sources) {
      const schedules = compiled.get(source.id) ?? {};
      if (!isScheduled(schedules)) {
        runLog(logger, source.id, null).info('no schedule: this source is harvested only by hand (`entente harvest %s`)', source.id);
        continue;
      }
      const e = newEntry(source, schedules);
      entries.set(source.id, e);
      added.push(source.id);
      schedule(e, now);
    }
    return added;
  };

  const stop = (stopOptions: { timeoutMs?: number } = {}): Promise<StopResult> => {
    if (stopping) return stopping;
    const timeoutMs = stopOptions.timeoutMs ?? config.worker.stopTimeoutSeconds * 1000;
    stopping = (async (): Promise<StopResult> => {
      if (timer) clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      for (const job of queue.splice(0)) job.entry.state = 'idle';
      const interrupted = [...running.keys()];
      if (interrupted.length) log.info({ running: interrupted, timeoutMs }, 'stopping: %d harvest(s) commit their current page and stop', interrupted.length);
      else log.info('stopping: no harvest running');
      for (const e of entries.values()) e.controller?.abort();
      let timeout: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.allSettled([...running.values()]).then(() => false),
        new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      if (timeout) clearTimeout(timeout);
      if (timedOut) log.warn({ running: [...running.keys()] }, 'stop timeout: %d harvest(s) still running; their last committed pages are kept', running.size);
      else {
        await pool?.close();
        await http?.close();
      }
      try {
        lock?.release();
      } catch (err) {
        log.warn({ err }, 'could not release the worker lock');
      }
      log.info({ timedOut }, 'worker stopped');
      const result = { interrupted, timedOut };
      resolveStopped(result);
      return result;
    })();
    return stopping;
  };

  return {
    stopped,
    async start() {
      lock = acquireWorkerLock(catalogue.db, options.lockStaleAfterMs !== undefined ? { staleAfterMs: options.lockStaleAfterMs } : {});
      startedAt = new Date().toISOString();
      if (lock.tookOver) log.warn({ previous: lock.tookOver }, 'took over the worker lock of process %d on %s (dead or silent)', lock.tookOver.pid, lock.tookOver.hostname);
      heartbeat = setInterval(() => {
        try {
          lock?.heartbeat();
        } catch (err) {
          log.error({ err }, 'lost the worker lock: stopping');
          void stop();
        }
      }, HEARTBEAT_INTERVAL_MS);
      const sources = config.sources;
      http = createHttpClient({ contact: config.contact, connectTimeoutMs: Math.max(1000, ...sources.map((s) => s.http.connectTimeoutMs)) });
      pool = createPagePool(options.pageWorkers ?? defaultPoolSize());
      const added = addSources(sources, new Date());
      log.info({ catalogue: catalogue.path, scheduled: added.length, sources: sources.length, concurrency: concurrency() }, 'worker started: %d of %d source(s) scheduled', added.length, sources.length);
      if (added.length === 0) log.warn('no source has a schedule: add "schedule" to sources in the config, then send SIGHUP');
      arm();
    },

    reload(next) {
      const nextCompiled = compileSchedules(next); // throws: nothing changed
      if (next.catalogue !== config.catalogue) log.warn({ from: config.catalogue, to: next.catalogue }, 'the catalogue path changed: restart the worker to use it');
      if (next.contact !== config.contact) log.warn({ from: config.contact, to: next.contact }, 'the contact changed: restart the worker to send it in the User-Agent');
      const summary: ReloadSummary = { added: [], removed: [], rescheduled: [], updated: [] };
      const now = new Date();
      const nextIds = new Set(next.sources.map((s) => s.id));
      config = next;
      compiled = nextCompiled;
      for (const [id, e] of entries) {
        const schedules = nextCompiled.get(id);
        if (nextIds.has(id) && schedules && isScheduled(schedules)) continue;
        // Removed (or unscheduled): a running harvest finishes; nothing new starts.
        e.removed = true;
        const q = queue.findIndex((j) => j.entry === e);
        if (q >= 0) queue.splice(q, 1);
        if (e.state !== 'running') entries.delete(id);
        if (e.state === 'queued') e.state = 'idle';
        persist(e);
        options.metrics?.removeSource(id);
        summary.removed.push(id);
      }
      const fresh: SourceConfig[] = [];
      for (const source of next.sources) {
        const e = entries.get(source.id);
        if (!e) {
          fresh.push(source);
          continue;
        }
        const schedules = nextCompiled.get(source.id) as SourceSchedules;
        const before = e.source;
        e.source = source;
        e.removed = false; // removed by an earlier reload while it ran, and back now
        if (before.schedule !== source.schedule || before.fullSchedule !== source.fullSchedule || before.timezone !== source.timezone) {
          e.schedules = schedules;
          e.slot = nextSlot(schedules, now);
          persist(e);
          summary.rescheduled.push(source.id);
        } else if (JSON.stringify(before) !== JSON.stringify(source)) summary.updated.push(source.id);
      }
      summary.added = addSources(fresh, now);
      log.info(summary, 'configuration reloaded: %d added, %d removed, %d rescheduled, %d updated', summary.added.length, summary.removed.length, summary.rescheduled.length, summary.updated.length);
      pump();
      arm();
      return summary;
    },

    stop,

    health() {
      return {
        ok: !stopping && lock !== undefined,
        status: stopping ? 'stopping' : lock ? 'running' : 'starting',
        pid: process.pid,
        startedAt: startedAt ?? null,
        running: [...running.keys()],
        queued: queue.map((j) => j.entry.source.id),
        sources: this.sources(),
      };
    },

    sources() {
      return [...entries.values()].map((e) => {
        const next = nextOf(e);
        return {
          id: e.source.id,
          schedule: e.source.schedule ?? null,
          fullSchedule: e.source.fullSchedule ?? null,
          state: e.state,
          nextRunAt: next?.at.toISOString() ?? null,
          nextTrigger: next?.trigger ?? null,
          failureStreak: e.streak,
        };
      });
    },
  };
}

function logEvent(log: Logger, event: HarvestEvent): void {
  switch (event.type) {
    case 'retry':
      log.warn({ url: event.url, attempt: event.attempt, delayMs: event.delayMs, code: event.error.code }, 'request failed (%s); retry %d in %d ms', event.error.code, event.attempt, event.delayMs);
      return;
    case 'restart-window':
      log.warn({ window: event.windowIndex + 1, reason: event.reason }, 'restarting window %d: %s', event.windowIndex + 1, event.reason);
      return;
    case 'notice':
      log.info(event.message);
      return;
  }
}
