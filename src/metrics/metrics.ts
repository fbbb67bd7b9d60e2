// The worker's Prometheus metrics (prom-client), on their own registry: runs, records harvested,
// errors, last success per source, harvest durations. Counting only: no I/O here.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HarvestRun } from '../model/types.js';

export interface WorkerMetrics {
  readonly registry: Registry;
  /** A run finished (any outcome). */
  runFinished(run: HarvestRun, durationSeconds: number): void;
  /** A slot was not started (its previous run was still going). */
  runSkipped(sourceId: string, reason: string): void;
  runsInProgress(count: number): void;
  failureStreak(sourceId: string, streak: number): void;
  /** Forgets a source's gauges (removed from the config). */
  removeSource(sourceId: string): void;
}

export interface MetricsOptions {
  /** Also export Node's process metrics (CPU, memory, handles). @default true */
  processMetrics?: boolean;
}

export function createWorkerMetrics(options: MetricsOptions = {}): WorkerMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) {
    // A coarse event-loop monitor: the default 10 ms sampling costs idle CPU for nothing.
    collectDefaultMetrics({ register: registry, prefix: 'entente_', eventLoopMonitoringPrecision: 1000 });
  }
  const runs = new Counter({ name: 'entente_runs_total', help: 'Harvest runs finished, by source, outcome and trigger.', labelNames: ['source', 'outcome', 'trigger'], registers: [registry] });
  const records = new Counter({ name: 'entente_records_harvested_total', help: 'Records received (live and deleted), by source.', labelNames: ['source'], registers: [registry] });
  const errors = new Counter({ name: 'entente_errors_total', help: 'Failed or aborted runs, by source and error code.', labelNames: ['source', 'code'], registers: [registry] });
  const skipped = new Counter({ name: 'entente_runs_skipped_total', help: 'Scheduled runs not started: the previous run of the source was still going (reason overlap), or a manual harvest held it (reason locked).', labelNames: ['source', 'reason'], registers: [registry] });
  const lastSuccess = new Gauge({ name: 'entente_last_success_timestamp_seconds', help: 'End of the last successful run, Unix time, by source.', labelNames: ['source'], registers: [registry] });
  const streak = new Gauge({ name: 'entente_source_failure_streak', help: 'Failed runs in a row, by source (0 after a success).', labelNames: ['source'], registers: [registry] });
  const inProgress = new Gauge({ name: 'entente_runs_in_progress', help: 'Harvests running now.', registers: [registry] });
  const duration = new Histogram({
    name: 'entente_harvest_duration_seconds',
    help: 'Duration of harvest runs, by source and outcome.',
    labelNames: ['source', 'outcome'],
    buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 21600],
    registers: [registry],
  });
  return {
    registry,
    runFinished(run, durationSeconds) {
      runs.inc({ source: run.sourceId, outcome: run.outcome, trigger: run.trigger });
      records.inc({ source: run.sourceId }, run.counts.seen);
      duration.observe({ source: run.sourceId, outcome: run.outcome }, durationSeconds);
      if (run.outcome === 'ok') lastSuccess.set({ source: run.sourceId }, Date.parse(run.endedAt ?? new Date().toISOString()) / 1000);
      else errors.inc({ source: run.sourceId, code: run.error?.code ?? 'ERR_INTERNAL' });
    },
    runSkipped(sourceId, reason) {
      skipped.inc({ source: sourceId, reason });
    },
    runsInProgress(count) {
      inProgress.set(count);
    },
    failureStreak(sourceId, n) {
      streak.set({ source: sourceId }, n);
    },
    removeSource(sourceId) {
      streak.remove({ source: sourceId });
      lastSuccess.remove({ source: sourceId });
    },
  };
}
