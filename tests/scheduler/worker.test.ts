// The scheduled worker in-process, against real loopback archives and real SQLite files, with
// second-level cron schedules: on time, no overlap, catch-up once, backoff then the next slot,
// one failing archive never stalls the others, reload, the worker lock, metrics and logs.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import type { EntenteConfig } from '../../src/config/types.js';
import { EntenteError } from '../../src/errors.js';
import { createLogger } from '../../src/logging/logger.js';
import { createWorkerMetrics } from '../../src/metrics/metrics.js';
import { startMetricsServer } from '../../src/metrics/server.js';
import type { HarvestRun } from '../../src/model/types.js';
import { readRunHistory, readSkippedRuns, createSchedulerStore } from '../../src/scheduler/store.js';
import { createWorker, type WorkerOptions } from '../../src/scheduler/worker.js';
import { tempDir } from '../helpers/tmp.js';
import { EVERY_SECOND, YEARLY, logSink, sleep, slowPages, startArchive, waitFor, workerConfig, type Archive } from './archives.js';

const dir = tempDir();
afterAll(() => dir.remove());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let n = 0;
async function archive(records: number, pageSize: number, plan?: Parameters<typeof startArchive>[2]): Promise<Archive> {
  const a = await startArchive(records, pageSize, plan);
  cleanups.push(() => a.server.close());
  return a;
}

function setup(config: (db: string) => EntenteConfig, extra: Partial<WorkerOptions> = {}) {
  const db = dir.file(`w${++n}.sqlite`);
  const catalogue = openCatalogue(db);
  const sink = logSink();
  const finished: HarvestRun[] = [];
  const metrics = createWorkerMetrics({ processMetrics: false });
  const worker = createWorker({
    config: config(db),
    catalogue,
    logger: createLogger({ level: 'debug', write: sink.write }),
    metrics,
    pageWorkers: 0,
    onRunFinished: (run) => finished.push(run),
    ...extra,
  });
  cleanups.push(async () => {
    await worker.stop({ timeoutMs: 5000 });
    catalogue.close();
  });
  return { db, catalogue, worker, sink, finished, metrics };
}

const liveIds = (catalogue: Catalogue, source: string): string[] => [...catalogue.localIds(source).keys()].sort();
const expectedIds = (a: Archive): string[] => a.provider.records().filter((r) => !r.deleted).map((r) => r.identifier).sort();

describe('scheduling', () => {
  it('catches up once at start, then runs each source on its slots, on time', async () => {
    const a = await archive(30, 10);
    const b = await archive(20, 10);
    const { worker, catalogue, finished, sink } = setup((db) =>
      workerConfig(db, [
        { id: 'a', url: a.server.url, schedule: '*/2 * * * * *' },
        { id: 'b', url: b.server.url, schedule: '*/2 * * * * *' },
      ]),
    );
    await worker.start();
    await waitFor(() => finished.filter((r) => r.trigger === 'schedule').length >= 4, 6000, 'two scheduled runs of each source');
    await worker.stop();
    const runs = readRunHistory(catalogue.db, { limit: 100 }).reverse();
    for (const id of ['a', 'b']) {
      const mine = runs.filter((r) => r.sourceId === id);
      expect(mine[0]?.trigger).toBe('catch-up');
      expect(mine.filter((r) => r.trigger === 'catch-up')).toHaveLength(1);
      const scheduled = mine.filter((r) => r.trigger === 'schedule');
      // Stopping the worker aborts a run it had just started; only the last can be such a run.
      if (scheduled.at(-1)?.outcome === 'aborted') scheduled.pop();
      expect(scheduled.length).toBeGreaterThanOrEqual(2);
      for (const r of scheduled) {
        // A slot is an even second: the run starts after it, and well before the next one.
        expect(Date.parse(r.startedAt) % 2000).toBeLessThan(1500);
        expect(r.outcome).toBe('ok');
        expect(r.mode).toBe('incremental');
      }
    }
    expect(liveIds(catalogue, 'a')).toEqual(expectedIds(a));
    expect(liveIds(catalogue, 'b')).toEqual(expectedIds(b));
    // Every log line names its source and run (null for lines about the worker as a whole).
    const lines = sink.lines();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).toHaveProperty('source');
      expect(line).toHaveProperty('run');
    }
    const done = lines.filter((l) => l.msg?.toString().startsWith('harvest finished'));
    expect(done.length).toBeGreaterThanOrEqual(6);
    for (const l of done) expect(typeof l.run).toBe('number');
  }, 15_000);

  it('never overlaps runs of one source: a slot due while it runs is skipped and recorded', async () => {
    const slow = await archive(100, 10, slowPages(250)); // ~2.5 s a harvest
    const { worker, catalogue, finished } = setup((db) => workerConfig(db, [{ id: 'slow', url: slow.server.url, schedule: EVERY_SECOND }]));
    await worker.start();
    await waitFor(() => finished.length >= 1 && readSkippedRuns(catalogue.db).length >= 2, 8000, 'a finished run and skipped slots');
    await worker.stop();
    const runs = readRunHistory(catalogue.db, { limit: 100 }).reverse();
    for (let i = 1; i < runs.length; i++) {
      expect(Date.parse(runs[i]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1]!.endedAt!));
    }
    const skipped = readSkippedRuns(catalogue.db, { sourceId: 'slow' });
    expect(skipped.every((s) => s.reason === 'overlap' && s.trigger === 'schedule')).toBe(true);
    // Each skipped slot fell inside a run of the source.
    for (const s of skipped) {
      const due = Date.parse(s.dueAt);
      expect(runs.some((r) => Date.parse(r.startedAt) <= due && (r.endedAt === null || due <= Date.parse(r.endedAt)))).toBe(true);
    }
    expect(liveIds(catalogue, 'slow')).toEqual(expectedIds(slow));
  }, 15_000);

  it('catches up a missed slot once, not once per missed slot, and not at all when up to date', async () => {
    const a = await archive(10, 10);
    const first = setup((db) => workerConfig(db, [{ id: 'a', url: a.server.url, schedule: YEARLY }]));
    await first.worker.start();
    await waitFor(() => first.finished.length === 1, 5000, 'the catch-up run');
    await sleep(600);
    expect(first.finished.map((r) => r.trigger)).toEqual(['catch-up']);
    await first.worker.stop();
    // A second worker on the same catalogue: the last success is after the last (yearly) slot.
    const second = createWorker({ config: workerConfig(first.db, [{ id: 'a', url: a.server.url, schedule: YEARLY }]), catalogue: first.catalogue, logger: createLogger({ level: 'silent' }), pageWorkers: 0 });
    await second.start();
    await sleep(500);
    expect(readRunHistory(first.catalogue.db)).toHaveLength(1);
    expect(second.sources()[0]).toMatchObject({ id: 'a', state: 'idle', nextTrigger: 'schedule' });
    await second.stop();
  }, 15_000);
});

describe('failures', () => {
  it('backs off a failing archive exponentially, then waits for its next slot, while the others keep their schedule', async () => {
    const broken = await archive(10, 10, () => ({ kind: 'status', status: 500, body: 'down' }));
    const good = await archive(20, 10);
    const { worker, catalogue, finished } = setup(
      (db) =>
        workerConfig(
          db,
          [
            { id: 'broken', url: broken.server.url, schedule: YEARLY, retries: 0 },
            { id: 'good', url: good.server.url, schedule: EVERY_SECOND },
          ],
          // One harvest at a time: the failing archive must still not hold the others up.
          { concurrency: 1, retries: 2, retryBaseDelayMs: 300, retryMaxDelayMs: 5000 },
        ),
    );
    await worker.start();
    await waitFor(() => finished.filter((r) => r.sourceId === 'broken').length >= 3, 6000, 'three failed runs');
    await sleep(1500);
    // What finished before the stop: stopping aborts a run of 'good' in flight.
    const seen = [...finished];
    await worker.stop();
    const brokenRuns = seen.filter((r) => r.sourceId === 'broken');
    // The first run and two retries, then nothing until the next (yearly) slot.
    expect(brokenRuns.map((r) => [r.trigger, r.outcome])).toEqual([
      ['catch-up', 'failed'],
      ['retry', 'failed'],
      ['retry', 'failed'],
    ]);
    const gap1 = Date.parse(brokenRuns[1]!.startedAt) - Date.parse(brokenRuns[0]!.endedAt!);
    const gap2 = Date.parse(brokenRuns[2]!.startedAt) - Date.parse(brokenRuns[1]!.endedAt!);
    // 300 ms, then twice that (each plus up to 20% jitter and the timer's lateness).
    expect(gap1).toBeGreaterThanOrEqual(300);
    expect(gap2).toBeGreaterThanOrEqual(600);
    const state = createSchedulerStore(catalogue.db).state('broken');
    expect(state?.failureStreak).toBe(3);
    expect(state?.lastError?.code).toMatch(/^ERR_HTTP_/);
    expect(state?.nextTrigger).toBe('schedule');
    // The yearly slot is 1 January in the machine's zone (the source names none).
    expect(new Date(state!.nextRunAt!).getMonth()).toBe(0);
    const goodRuns = seen.filter((r) => r.sourceId === 'good');
    expect(goodRuns.length).toBeGreaterThanOrEqual(3);
    expect(goodRuns.every((r) => r.outcome === 'ok')).toBe(true);
  }, 15_000);

  it('does not retry soon a run that stored everything but a part the archive cannot serve', async () => {
    // Record 30 breaks every ListRecords page that holds it; Identify and the rest work.
    const poisoned = await archive(60, 10, ({ params }) =>
      params.get('verb') === 'ListRecords' && poisoned.provider.handle(params, '').body.includes('<identifier>oai:synthetic:30</identifier>') ? { kind: 'status', status: 500 } : undefined,
    );
    const { worker, catalogue, finished } = setup((db) =>
      workerConfig(db, [{ id: 'poisoned', url: poisoned.server.url, schedule: YEARLY, retries: 0 }], { retries: 3, retryBaseDelayMs: 100 }),
    );
    await worker.start();
    await waitFor(() => finished.length >= 1, 8000, 'the first run');
    await sleep(800);
    await worker.stop();
    expect(finished.map((r) => [r.outcome, r.error?.code])).toEqual([['failed', 'ERR_OAI_SKIPPED']]);
    // Everything outside the second set aside is stored; no retry came within 800 ms (with
    // retries, the first would have come after ~100 ms).
    expect(catalogue.localIds('poisoned').size).toBe(59);
    expect(catalogue.runs('poisoned')).toHaveLength(1);
    expect(createSchedulerStore(catalogue.db).state('poisoned')?.nextTrigger).toBe('schedule');
  }, 15_000);

  it('resets the failure streak after a success', async () => {
    let failing = true;
    const flaky = await archive(10, 10, () => (failing ? { kind: 'status', status: 503 } : undefined));
    const { worker, catalogue, finished } = setup((db) =>
      workerConfig(db, [{ id: 'flaky', url: flaky.server.url, schedule: YEARLY, retries: 0 }], { retries: 3, retryBaseDelayMs: 200 }),
    );
    await worker.start();
    await waitFor(() => finished.length >= 2, 5000, 'two failures');
    expect(createSchedulerStore(catalogue.db).state('flaky')?.failureStreak).toBe(2);
    failing = false;
    await waitFor(() => finished.some((r) => r.outcome === 'ok'), 5000, 'a success');
    expect(createSchedulerStore(catalogue.db).state('flaky')?.failureStreak).toBe(0);
    expect(finished.at(-1)?.trigger).toBe('retry');
  }, 15_000);
});

describe('stopping', () => {
  it('stops a running harvest after its current page group, keeping the checkpoint to resume from', async () => {
    const slow = await archive(200, 10, slowPages(100));
    const first = setup((db) => workerConfig(db, [{ id: 'slow', url: slow.server.url, schedule: YEARLY }]));
    await first.worker.start();
    await waitFor(() => (first.catalogue.getCheckpoint('slow')?.pages ?? 0) >= 2, 8000, 'two committed pages');
    const result = await first.worker.stop();
    expect(result).toEqual({ interrupted: ['slow'], timedOut: false });
    expect(first.finished.map((r) => r.outcome)).toEqual(['aborted']);
    expect(first.catalogue.getCheckpoint('slow')).toBeDefined();
    expect(first.catalogue.db.prepare('SELECT COUNT(*) FROM worker_lock').pluck().get()).toBe(0);
    // The next worker resumes (catch-up) from the checkpoint and ends with exactly the archive's records.
    const finished: HarvestRun[] = [];
    const second = createWorker({
      config: workerConfig(first.db, [{ id: 'slow', url: slow.server.url, schedule: YEARLY }]),
      catalogue: first.catalogue,
      logger: createLogger({ level: 'silent' }),
      pageWorkers: 0,
      onRunFinished: (r) => finished.push(r),
    });
    await second.start();
    await waitFor(() => finished.length === 1, 10_000, 'the resumed run');
    await second.stop();
    expect(finished[0]).toMatchObject({ mode: 'resume', trigger: 'catch-up', outcome: 'ok' });
    expect(liveIds(first.catalogue, 'slow')).toEqual(expectedIds(slow));
  }, 20_000);
});

describe('reload', () => {
  it('adds, removes and reschedules sources; an invalid config is refused and the old one kept', async () => {
    const a = await archive(10, 10);
    const b = await archive(10, 10);
    let db = '';
    const { worker, finished } = setup((path) => {
      db = path;
      return workerConfig(path, [{ id: 'a', url: a.server.url, schedule: YEARLY }]);
    });
    await worker.start();
    await waitFor(() => finished.length === 1, 5000, 'the catch-up of a');

    const bad = workerConfig(db, [
      { id: 'a', url: a.server.url, schedule: EVERY_SECOND },
      { id: 'b', url: b.server.url, schedule: 'every tuesday' },
    ]);
    expect(() => worker.reload(bad)).toThrowError(/\$\.sources\[1\]\.schedule: "every tuesday" is not a cron expression/);
    expect(worker.sources().map((s) => [s.id, s.schedule])).toEqual([['a', YEARLY]]);

    const summary = worker.reload(
      workerConfig(db, [
        { id: 'a', url: a.server.url, schedule: EVERY_SECOND },
        { id: 'b', url: b.server.url, schedule: YEARLY },
      ]),
    );
    expect(summary).toEqual({ added: ['b'], removed: [], rescheduled: ['a'], updated: [] });
    await waitFor(() => finished.some((r) => r.sourceId === 'b') && finished.filter((r) => r.sourceId === 'a' && r.trigger === 'schedule').length >= 2, 5000, 'b caught up and a rescheduled');

    expect(worker.reload(workerConfig(db, [{ id: 'b', url: b.server.url, schedule: YEARLY }]))).toMatchObject({ removed: ['a'] });
    await sleep(300); // a run of a already going may finish
    const count = finished.filter((r) => r.sourceId === 'a').length;
    await sleep(1500);
    expect(finished.filter((r) => r.sourceId === 'a').length).toBe(count);
    expect(worker.sources().map((s) => s.id)).toEqual(['b']);
  }, 15_000);
});

describe('the worker lock', () => {
  it('refuses a second worker on the same catalogue with a clear message', async () => {
    const a = await archive(10, 10);
    const { worker, catalogue, db } = setup((path) => workerConfig(path, [{ id: 'a', url: a.server.url, schedule: YEARLY }]));
    await worker.start();
    const second = createWorker({ config: workerConfig(db, [{ id: 'a', url: a.server.url, schedule: YEARLY }]), catalogue, logger: createLogger({ level: 'silent' }), pageWorkers: 0 });
    const err = await second.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EntenteError);
    expect((err as EntenteError).code).toBe('ERR_WORKER_LOCKED');
    expect((err as EntenteError).message).toContain(`process ${process.pid}`);
  });

  it('takes over the lock of a dead worker, and of a silent one', async () => {
    const a = await archive(10, 10);
    const { worker, catalogue, sink } = setup((path) => workerConfig(path, [{ id: 'a', url: a.server.url, schedule: YEARLY }]));
    // A worker killed with SIGKILL leaves its row: a pid that no longer runs (2^22 + 1 is above pid_max here).
    const insert = catalogue.db.prepare('INSERT OR REPLACE INTO worker_lock (id, owner, pid, hostname, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)');
    const { hostname } = await import('node:os');
    const now = new Date().toISOString();
    insert.run('dead', 4_194_305, hostname(), now, now);
    await worker.start();
    expect(sink.lines().some((l) => String(l.msg).includes('took over the worker lock of process 4194305'))).toBe(true);
    await worker.stop();
    // A worker on another host whose heartbeat stopped two minutes ago.
    const old = new Date(Date.now() - 120_000).toISOString();
    insert.run('silent', 12345, 'elsewhere.example.org', old, old);
    const again = createWorker({ config: workerConfig(catalogue.path, [{ id: 'a', url: a.server.url, schedule: YEARLY }]), catalogue, logger: createLogger({ level: 'silent' }), pageWorkers: 0 });
    await again.start();
    expect(catalogue.db.prepare('SELECT pid FROM worker_lock').pluck().get()).toBe(process.pid);
    await again.stop();
    // ... but one on another host with a fresh heartbeat is respected.
    insert.run('fresh', 12345, 'elsewhere.example.org', now, new Date().toISOString());
    const third = createWorker({ config: workerConfig(catalogue.path, [{ id: 'a', url: a.server.url, schedule: YEARLY }]), catalogue, logger: createLogger({ level: 'silent' }), pageWorkers: 0 });
    await expect(third.start()).rejects.toThrowError(/process 12345 on elsewhere\.example\.org/);
  });
});

describe('metrics and health', () => {
  it('serves Prometheus metrics and a health report', async () => {
    const a = await archive(25, 10);
    const broken = await archive(10, 10, () => ({ kind: 'status', status: 404 }));
    const { worker, finished, metrics } = setup((db) =>
      workerConfig(db, [
        { id: 'a', url: a.server.url, schedule: YEARLY },
        { id: 'broken', url: broken.server.url, schedule: YEARLY, retries: 0 },
      ], { retries: 0 }),
    );
    await worker.start();
    const server = await startMetricsServer({ registry: metrics.registry, health: () => worker.health(), port: 0 });
    cleanups.push(() => server.close());
    await waitFor(() => finished.length === 2, 5000, 'both runs');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('entente_runs_total{source="a",outcome="ok",trigger="catch-up"} 1');
    expect(text).toContain('entente_runs_total{source="broken",outcome="failed",trigger="catch-up"} 1');
    expect(text).toContain('entente_records_harvested_total{source="a"} 25');
    expect(text).toMatch(/entente_errors_total\{source="broken",code="ERR_HTTP_[A-Z_]+"\} 1/);
    expect(text).toMatch(/entente_last_success_timestamp_seconds\{source="a"\} \d{10}/);
    expect(text).toContain('entente_harvest_duration_seconds_count{source="a",outcome="ok"} 1');
    expect(text).toContain('entente_source_failure_streak{source="broken"} 1');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, status: 'running', pid: process.pid, running: [], sources: [{ id: 'a' }, { id: 'broken', failureStreak: 1 }] });
    await worker.stop();
    const stopped = await fetch(`${server.url}/healthz`);
    expect(stopped.status).toBe(503);
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });
});
