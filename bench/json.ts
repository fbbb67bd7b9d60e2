// `npm run bench -- json [--activities N] [--page-size N] [--concurrency N] [--batch-size N] [--workers N]`
// End-to-end harvest of a loopback IIIF Change Discovery stream (N Create activities, each
// pointing at a pre-rendered manifest) into a fresh catalogue, with the per-host politeness
// relaxed to 8 requests in flight. Server and harvester run in their own processes.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bench } from './run.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

interface StageResult {
  manifests: number;
  stored: number;
  invalid: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  manifestsPerSecond: number;
  workers: number;
}

function startServer(activities: number, pageSize: number): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'static-discovery-server.ts'), String(activities), String(pageSize)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d: Buffer) => resolve({ url: d.toString().trim(), stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
  });
}

function runStage(url: string, args: Record<string, string | number>): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'json-stage.ts'), url, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`json stage exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as StageResult);
    });
  });
}

export const jsonBench: Bench = {
  summary: 'IIIF Change Discovery harvest from loopback, manifests/s (--activities N, default 50000; --page-size N; --concurrency N, default 8; --batch-size N; --workers N)',
  async run(args, machine) {
    const { values } = parseArgs({ args, options: { activities: { type: 'string' }, 'page-size': { type: 'string' }, concurrency: { type: 'string' }, 'batch-size': { type: 'string' }, workers: { type: 'string' } } });
    const activities = Number(values.activities ?? 50_000);
    const pageSize = Number(values['page-size'] ?? 1000);
    const concurrency = Number(values.concurrency ?? 8);
    const batchSize = Number(values['batch-size'] ?? 250);
    process.stderr.write(`bench json: ${activities} activities in pages of ${pageSize}, ${concurrency} requests in flight, ${batchSize} objects per commit, ${machine.cpus} cores\n`);
    const server = await startServer(activities, pageSize);
    const dir = mkdtempSync(join(tmpdir(), 'entente-bench-json-'));
    try {
      const r = await runStage(server.url, { dir, concurrency, batchSize, ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}) });
      process.stdout.write(
        `manifests ${r.manifests} (stored ${r.stored}, invalid ${r.invalid})\n` +
          `manifests/s ${r.manifestsPerSecond} (${r.workers} normalising workers)   wall ${(r.wallMs / 1000).toFixed(2)} s   cpu ${(r.cpuMs / 1000).toFixed(2)} s   peak RSS ${r.peakRssMb} MB\n`,
      );
      return { activities, pageSize, concurrency, batchSize, target: 2000, ...r };
    } finally {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
