// `npm run bench -- worker [--sources 50] [--records 2000] [--hosts 5] [--host-limit 2] [--concurrency 10] [--idle-seconds 10] [--latency-ms 10] [--page-size 100] [--workers N]`
// The scheduled worker under load: many loopback sources on a few hosts, all due at once (a
// first start: every source catches up). Measures the time until all are harvested, requests
// and the most requests in flight per host (counted at the servers) against the host's
// politeness limit, then the worker's CPU while idle between runs.
// The archives run in this process; the worker in a child process (this file, `--stage`), so
// that its CPU figures are its own.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bench } from './run.js';

interface StageInput {
  db: string;
  sources: { id: string; url: string }[];
  hostLimit: number;
  concurrency: number;
  idleSeconds: number;
  pageWorkers?: number;
}

interface StageResult {
  harvestMs: number;
  /** CPU of the worker process (all threads) while harvesting. */
  harvestCpuMs: number;
  runs: number;
  ok: number;
  records: number;
  idleSeconds: number;
  idleCpuMs: number;
  idleCpuPercent: number;
  peakRssMb: number;
}

interface HostStats {
  host: string;
  requests: number;
  maxInFlight: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

type Handler = (p: URLSearchParams, base: string) => { status: number; contentType: string; body: string };

/** A request's arguments in a canonical order, as a cache key. */
const keyOf = (params: URLSearchParams): string => [...params.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('&');

/**
 * Renders every response a harvest of `handle` will ask for (Identify, then ListRecords page by
 * page), so that serving during the measurement is a lookup: the archives' CPU must not be
 * taken from the worker on a two-core machine.
 */
function prerender(handle: Handler, base: string): Map<string, string> {
  const bodies = new Map<string, string>();
  const identify = new URLSearchParams({ verb: 'Identify' });
  bodies.set(keyOf(identify), handle(identify, base).body);
  let params = new URLSearchParams({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });
  for (;;) {
    const body = handle(params, base).body;
    bodies.set(keyOf(params), body);
    const token = /<resumptionToken[^>]*>([^<]+)</.exec(body)?.[1];
    if (!token) break;
    params = new URLSearchParams({ verb: 'ListRecords', resumptionToken: token.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'") });
  }
  return bodies;
}

/**
 * One loopback "host": a server on its own port serving several archives at /s<k>/oai, each
 * answer after `latencyMs` (a network's round trip, which also makes requests overlap in time
 * exactly as much as the client lets them: the in-flight count is the client's concurrency).
 */
async function startHost(archives: Map<string, Handler>, latencyMs: number): Promise<{ server: Server; stats: HostStats; base: string }> {
  const stats: HostStats = { host: '', requests: 0, maxInFlight: 0 };
  let inFlight = 0;
  const rendered = new Map<string, Map<string, string>>();
  const server = createServer((req, res) => {
    stats.requests++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('finish', finish);
    res.on('close', finish);
    const url = new URL(req.url ?? '/', 'http://x');
    const handle = archives.get(url.pathname);
    if (!handle) {
      res.writeHead(404).end();
      return;
    }
    const body = rendered.get(url.pathname)?.get(keyOf(url.searchParams));
    setTimeout(() => {
      if (body !== undefined) res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
      else {
        const answer = handle(url.searchParams, `${stats.host}${url.pathname}`);
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      }
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stats.host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [path, handle] of archives) rendered.set(path, prerender(handle, `${stats.host}${path}`));
  return { server, stats, base: stats.host };
}

function runStage(input: StageInput): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'worker.ts'), '--stage', JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker stage exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as StageResult);
    });
  });
}

/** The child: a real worker (built dist/) over the sources, until all are harvested, then idle. */
async function stage(input: StageInput): Promise<void> {
  const dist = (p: string): string => pathToFileURL(join(HERE, '../dist', p)).href;
  const { openCatalogue } = (await import(dist('catalogue/catalogue.js'))) as typeof import('../src/catalogue/catalogue.js');
  const { parseConfig } = (await import(dist('config/load-config.js'))) as typeof import('../src/config/load-config.js');
  const { createLogger } = (await import(dist('logging/logger.js'))) as typeof import('../src/logging/logger.js');
  const { createWorker } = (await import(dist('scheduler/worker.js'))) as typeof import('../src/scheduler/worker.js');
  const config = parseConfig({
    catalogue: input.db,
    worker: { concurrency: input.concurrency },
    // Hourly: the first start catches every source up at once; then nothing is due for a while.
    sources: input.sources.map((s) => ({ ...s, protocol: 'oai-pmh', schedule: '0 * * * *', politeness: { concurrency: input.hostLimit } })),
  });
  const catalogue = openCatalogue(input.db);
  let finished = 0;
  let ok = 0;
  let records = 0;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const worker = createWorker({
    config,
    catalogue,
    logger: createLogger({ level: 'warn' }),
    ...(input.pageWorkers !== undefined ? { pageWorkers: input.pageWorkers } : {}),
    onRunFinished: (run) => {
      finished++;
      if (run.outcome === 'ok') ok++;
      records += run.counts.seen;
      if (finished % 10 === 0) process.stderr.write(`  ${finished}/${input.sources.length} sources harvested\n`);
      if (finished === input.sources.length) allDone();
    },
  });
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  await worker.start();
  await done;
  const harvestMs = performance.now() - started;
  const harvestCpu = process.cpuUsage(cpuStart);
  // Idle: let the last commits and GC settle, then measure the worker's own CPU over the interval
  // (process.cpuUsage counts every thread: the page-parsing workers too).
  await new Promise((r) => setTimeout(r, 3000));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, input.idleSeconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const idleMs = performance.now() - t0;
  const idleCpuMs = (cpu.user + cpu.system) / 1000;
  await worker.stop();
  catalogue.close();
  const result: StageResult = {
    harvestMs: Math.round(harvestMs),
    harvestCpuMs: Math.round((harvestCpu.user + harvestCpu.system) / 1000),
    runs: finished,
    ok,
    records,
    idleSeconds: Math.round(idleMs / 100) / 10,
    idleCpuMs: Math.round(idleCpuMs * 10) / 10,
    idleCpuPercent: Math.round((idleCpuMs / idleMs) * 100 * 1000) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

export const workerBench: Bench = {
  summary: 'scheduled worker: --sources 50 × --records 2000 on --hosts 5, all due at once; time, per-host concurrency vs --host-limit 2, idle CPU (--idle-seconds 10; --concurrency, --latency-ms)',
  async run(args, machine) {
    const { values } = parseArgs({
      args,
      options: {
        sources: { type: 'string' },
        records: { type: 'string' },
        hosts: { type: 'string' },
        'host-limit': { type: 'string' },
        concurrency: { type: 'string' },
        'idle-seconds': { type: 'string' },
        'page-size': { type: 'string' },
        workers: { type: 'string' },
        'latency-ms': { type: 'string' },
      },
    });
    const sourceCount = Number(values.sources ?? 50);
    const records = Number(values.records ?? 2000);
    const hostCount = Number(values.hosts ?? 5);
    const hostLimit = Number(values['host-limit'] ?? 2);
    const concurrency = Number(values.concurrency ?? 10);
    const idleSeconds = Number(values['idle-seconds'] ?? 10);
    const pageSize = Number(values['page-size'] ?? 100);
    const latencyMs = Number(values['latency-ms'] ?? 10);
    const { createOaiProvider } = await import('../src/provider/oai-provider.js');
    const { syntheticRecords } = await import('../tests/helpers/synthetic.js');

    process.stderr.write(`  building ${sourceCount} archives of ${records} records on ${hostCount} hosts...\n`);
    const perHost = Array.from({ length: hostCount }, () => new Map<string, Handler>());
    for (let k = 0; k < sourceCount; k++) {
      const provider = createOaiProvider({
        repositoryName: `Bench archive ${k}`,
        adminEmail: 'bench@example.org',
        granularity: 'YYYY-MM-DDThh:mm:ssZ',
        deletedRecord: 'persistent',
        pageSize,
        records: syntheticRecords(records, { start: k * records, datestamp: () => '2020-01-01T00:00:00Z' }),
      });
      (perHost[k % hostCount] as Map<string, Handler>).set(`/s${k}/oai`, (p, base) => provider.handle(p, base));
    }
    const hosts = await Promise.all(perHost.map((archives) => startHost(archives, latencyMs)));
    const sources = Array.from({ length: sourceCount }, (_, k) => ({ id: `s${k}`, url: `${hosts[k % hostCount]!.base}/s${k}/oai` }));
    const dir = mkdtempSync(join(tmpdir(), 'entente-bench-worker-'));
    let result: StageResult;
    try {
      process.stderr.write(`  worker: concurrency ${concurrency}, ${hostLimit} request(s) at once per host; then ${idleSeconds} s idle...\n`);
      result = await runStage({ db: join(dir, 'catalogue.sqlite'), sources, hostLimit, concurrency, idleSeconds, ...(values.workers !== undefined ? { pageWorkers: Number(values.workers) } : {}) });
    } finally {
      await Promise.all(hosts.map((h) => new Promise((r) => h.server.close(r))));
      rmSync(dir, { recursive: true, force: true });
    }
    const hostStats = hosts.map((h) => h.stats);
    const total = sourceCount * records;
    const rate = Math.round(total / (result.harvestMs / 1000));
    const lines = [
      `machine: ${machine.cpus} × ${machine.cpu ?? '?'}, node ${machine.node}`,
      `harvest: ${result.ok}/${sourceCount} sources ok, ${result.records} records in ${(result.harvestMs / 1000).toFixed(1)} s (${rate} records/s), worker CPU ${(result.harvestCpuMs / 1000).toFixed(1)} s, peak RSS ${result.peakRssMb} MB`,
      'host                     requests  max in flight  limit',
      ...hostStats.map((h) => `${h.host.padEnd(24)} ${String(h.requests).padStart(8)}  ${String(h.maxInFlight).padStart(13)}  ${String(hostLimit).padStart(5)}`),
      `idle: ${result.idleCpuMs} ms CPU over ${result.idleSeconds} s = ${result.idleCpuPercent}% of a core (target < 1%)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return {
      sources: sourceCount,
      recordsPerSource: records,
      hosts: hostCount,
      hostLimit,
      concurrency,
      pageSize,
      latencyMs,
      harvestMs: result.harvestMs,
      harvestCpuMs: result.harvestCpuMs,
      recordsPerSecond: rate,
      runsOk: result.ok,
      recordsHarvested: result.records,
      hostStats,
      maxInFlightAboveLimit: hostStats.some((h) => h.maxInFlight > hostLimit),
      idle: { seconds: result.idleSeconds, cpuMs: result.idleCpuMs, cpuPercentOfCore: result.idleCpuPercent },
      peakRssMb: result.peakRssMb,
    };
  },
};

// `node --import tsx bench/worker.ts --stage JSON`: the worker side, in its own process.
if (process.argv[2] === '--stage' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  stage(JSON.parse(process.argv[3] as string) as StageInput).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
