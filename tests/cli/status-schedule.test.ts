// `entente status` with schedules: schedule, next run (from the live worker, or from the config
// when none runs), last run, outcome, failure streak and counts, as a table and as JSON; and
// `entente runs`, the run history and skipped runs.

import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { loadConfig } from '../../src/config/load-config.js';
import { nextSlot, type Slot } from '../../src/scheduler/plan.js';
import { compileSchedules } from '../../src/scheduler/schedule.js';
import { createLogger } from '../../src/logging/logger.js';
import type { HarvestRun } from '../../src/model/types.js';
import { createWorker, type Worker } from '../../src/scheduler/worker.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { startArchive, waitFor, YEARLY, type Archive } from '../scheduler/archives.js';

const dir = tempDir();
const db = dir.file('status.sqlite');
const config = dir.file('status.json');
let good: Archive;
let broken: Archive;
let catalogue: Catalogue;
let worker: Worker;

interface StatusJson {
  catalogue: string;
  worker: { pid: number; live: boolean } | null;
  sources: {
    id: string;
    live: number;
    schedule: string | null;
    fullSchedule: string | null;
    timezone: string | null;
    nextRun: { at: string; trigger: string; full: boolean; by: string } | null;
    failureStreak: number;
    lastError: { code: string } | null;
    lastRun: { outcome: string; trigger: string } | null;
  }[];
}

beforeAll(async () => {
  good = await startArchive(25, 10);
  broken = await startArchive(5, 10, () => ({ kind: 'status', status: 500 }));
  writeFileSync(
    config,
    JSON.stringify({
      catalogue: db,
      worker: { retries: 1, retryBaseDelayMs: 100 },
      sources: [
        { id: 'good', protocol: 'oai-pmh', url: good.server.url, schedule: YEARLY, fullSchedule: '0 0 4 * * 0', timezone: 'Europe/Paris' },
        { id: 'broken', protocol: 'oai-pmh', url: broken.server.url, schedule: YEARLY, http: { retries: 0 } },
        { id: 'manual', protocol: 'oai-pmh', url: good.server.url },
      ],
    }),
  );
  catalogue = openCatalogue(db);
  const finished: HarvestRun[] = [];
  worker = createWorker({ config: loadConfig(config), catalogue, logger: createLogger({ level: 'silent' }), pageWorkers: 0, onRunFinished: (r) => finished.push(r) });
  await worker.start();
  // good once; broken once and its one retry.
  await waitFor(() => finished.length === 3, 8000, 'three runs');
});
/**
 * The slot the worker planned for `good` after its catch-up run: the weekly full one (Sunday
 * 04:00 in Paris), except from the last Sunday of December, when 1 January comes first.
 */
const plannedForGood = (): Slot => nextSlot(compileSchedules(loadConfig(config)).get('good')!, new Date())!;

afterAll(async () => {
  await worker.stop();
  catalogue.close();
  await good.server.close();
  await broken.server.close();
  dir.remove();
});

describe('entente status with a worker', () => {
  it('shows schedule, next run (planned by the live worker), last run, streak and counts as JSON', async () => {
    const { code, out } = await cli('status', '--config', config, '--json');
    expect(code).toBe(0);
    const status = JSON.parse(out) as StatusJson;
    expect(status.worker).toMatchObject({ pid: process.pid, live: true });
    const byId = new Map(status.sources.map((s) => [s.id, s]));
    expect(byId.get('good')).toMatchObject({
      live: 25,
      schedule: YEARLY,
      fullSchedule: '0 0 4 * * 0',
      timezone: 'Europe/Paris',
      failureStreak: 0,
      lastError: null,
      lastRun: { outcome: 'ok', trigger: 'catch-up' },
    });
    const planned = plannedForGood();
    expect(byId.get('good')!.nextRun).toEqual({ at: planned.at.toISOString(), trigger: 'schedule', full: planned.full, by: 'worker' });
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' }).format(planned.at);
    expect(local).toMatch(planned.full ? /^Sun \d+\/\d+, 04:00$/ : /^\w{3} 01\/01, 00:00$/);
    expect(byId.get('broken')).toMatchObject({ live: 0, failureStreak: 2, lastError: { code: expect.stringMatching(/^ERR_HTTP_/) as unknown as string }, lastRun: { outcome: 'failed', trigger: 'retry' } });
    // A source without a schedule is listed, never run, harvested by hand only.
    expect(byId.get('manual')).toMatchObject({ live: 0, schedule: null, nextRun: null, lastRun: null });
  });

  it('prints them as a table, with the failing source\'s error and streak', async () => {
    const { code, out } = await cli('status', '--config', config);
    expect(code).toBe(0);
    const [header, , ...rows] = out.split('\n');
    expect(header).toMatch(/^source\s+records\s+deleted\s+invalid\s+schedule\s+next run\s+last run\s+mode\s+outcome\s+streak/);
    const good = rows.find((r) => r.startsWith('good'));
    expect(good).toContain(`${YEARLY}; full: 0 0 4 * * 0`);
    // The next run (UTC, marked full when it is), then the last run's start.
    const planned = plannedForGood();
    expect(good).toMatch(new RegExp(`${planned.at.toISOString().slice(0, 19).replace('T', ' ')}${planned.full ? ' full' : ''}  \\d{4}-`));
    expect(rows.find((r) => r.startsWith('manual'))).toMatch(/by hand\s+never/);
    expect(rows.find((r) => r.startsWith('broken'))).toMatch(/failed\s+2/);
    expect(out).toContain('broken has failed 2 runs in a row.');
    expect(out).toMatch(new RegExp(`worker: process ${process.pid} on \\S+, running since`));
  });

  it('lists the run history with triggers and errors', async () => {
    const { code, out } = await cli('runs', 'broken', '--config', config, '--json');
    expect(code).toBe(0);
    const { runs } = JSON.parse(out) as { runs: { sourceId: string; trigger: string; outcome: string; error: { code: string } | null }[] };
    expect(runs.map((r) => [r.sourceId, r.trigger, r.outcome])).toEqual([
      ['broken', 'retry', 'failed'],
      ['broken', 'catch-up', 'failed'],
    ]);
    expect(runs[0]?.error?.code).toMatch(/^ERR_HTTP_/);
    const table = await cli('runs', '--config', config, '--limit', '2');
    expect(table.out.trim().split('\n')).toHaveLength(4);
    expect((await cli('runs', '--config', config, '--skipped')).out).toBe('No skipped runs.\n');
  });
});

describe('entente status without a worker', () => {
  it('computes the next run from the config schedule', async () => {
    const copy = dir.file('copy.sqlite');
    await catalogue.db.backup(copy);
    const other = dir.file('copy.json');
    writeFileSync(other, JSON.stringify({ catalogue: copy, sources: [{ id: 'good', protocol: 'oai-pmh', url: good.server.url, schedule: '0 0 3 * * *', timezone: 'UTC' }] }));
    const sqlite = openCatalogue(copy);
    sqlite.db.prepare('DELETE FROM worker_lock').run();
    sqlite.close();
    const status = JSON.parse((await cli('status', '--config', other, '--json')).out) as StatusJson;
    expect(status.worker).toBeNull();
    const good2 = status.sources.find((s) => s.id === 'good');
    expect(good2?.nextRun).toMatchObject({ trigger: 'schedule', full: false, by: 'config' });
    expect(good2?.nextRun?.at).toMatch(/T03:00:00\.000Z$/);
    expect(Date.parse(good2!.nextRun!.at) - Date.now()).toBeLessThanOrEqual(86_400_000);
  });
});
