// `npm run bench -- dedupe [--records N] [--incremental K] [--growth]`: generated records (10% of
// them perturbed duplicates) loaded into a fresh catalogue, then a full rebuild (time, peak RSS) and
// an incremental run over K new records (10% duplicates of stored ones). --growth also runs N/10 to
// report the growth ratio. Each stage runs in its own process; nothing here asserts a speed.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bench } from './run.js';

const STAGE = fileURLToPath(new URL('./dedupe-stage.ts', import.meta.url));

function stage(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STAGE, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`dedupe stage ${args[0]} exited with ${code}`));
      else {
        const line = out.trim().split('\n').pop() as string;
        process.stderr.write(`  ${line.length > 400 ? `${line.slice(0, 400)}...` : line}\n`); // each stage's figures as soon as it ends
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
  });
}

export interface DedupeSpeed {
  records: number;
  loadMs: number;
  rebuildMs: number;
  /** CPU time of the rebuild process (the machine may be shared: wall time then overstates). */
  rebuildCpuMs: number;
  rebuildPeakRssMb: number;
  incrementalRecords: number;
  incrementalMs: number;
  incrementalCpuMs: number;
  incrementalPeakRssMb: number;
  /** Load average (1 min) when the rebuild ended: above the core count, other work competed. */
  loadAverage: number;
  phaseMs: Record<string, number>;
  clusters: number;
  candidatePairs: number;
}

export async function benchDedupeSpeed(records: number, incremental: number): Promise<DedupeSpeed> {
  const dir = mkdtempSync(join(tmpdir(), 'entente-bench-dedupe-'));
  const file = join(dir, 'catalogue.sqlite');
  try {
    process.stderr.write(`  loading ${records} records...\n`);
    const load = await stage(['load', String(records), file]);
    process.stderr.write('  rebuild...\n');
    const rebuild = await stage(['rebuild', file]);
    process.stderr.write(`  incremental ${incremental}...\n`);
    const inc = await stage(['incremental', String(incremental), file]);
    const stats = rebuild.stats as { clusters: number; candidatePairs: number; phaseMs: Record<string, number> };
    const loadAverage = Math.round((loadavg()[0] ?? 0) * 10) / 10;
    return {
      records,
      loadMs: load.wallMs as number,
      rebuildMs: rebuild.dedupeMs as number,
      rebuildCpuMs: rebuild.cpuMs as number,
      rebuildPeakRssMb: rebuild.peakRssMb as number,
      incrementalRecords: incremental,
      incrementalMs: inc.incrementalMs as number,
      incrementalCpuMs: inc.incrementalCpuMs as number,
      incrementalPeakRssMb: inc.peakRssMb as number,
      loadAverage,
      phaseMs: stats.phaseMs,
      clusters: stats.clusters,
      candidatePairs: stats.candidatePairs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const dedupeBench: Bench = {
  summary: 'rebuild time, incremental time for new records, peak RSS on generated records, 10% duplicates (--records N, default 1000000; --incremental K, default 1000; --growth: also N/10)',
  async run(args, machine) {
    const { values } = parseArgs({ args, options: { records: { type: 'string' }, incremental: { type: 'string' }, growth: { type: 'boolean' } } });
    const records = Number(values.records ?? 1_000_000);
    const incremental = Number(values.incremental ?? 1000);
    process.stderr.write(`bench dedupe: ${records} records on ${machine.cpus} cores\n`);
    const sizes = values.growth ? [Math.round(records / 10), records] : [records];
    const results: DedupeSpeed[] = [];
    for (const n of sizes) results.push(await benchDedupeSpeed(n, incremental));
    for (const r of results) {
      process.stdout.write(
        `${r.records.toLocaleString('en')} records: rebuild ${(r.rebuildMs / 1000).toFixed(1)} s wall, ${(r.rebuildCpuMs / 1000).toFixed(1)} s CPU (peak RSS ${r.rebuildPeakRssMb} MB, ${r.candidatePairs.toLocaleString('en')} candidate pairs, ${r.clusters.toLocaleString('en')} clusters); ` +
          `incremental ${r.incrementalRecords} in ${(r.incrementalMs / 1000).toFixed(2)} s wall, ${(r.incrementalCpuMs / 1000).toFixed(2)} s CPU (peak RSS ${r.incrementalPeakRssMb} MB); load ${(r.loadMs / 1000).toFixed(0)} s; load average ${r.loadAverage}\n` +
          `  rebuild phases (ms): ${JSON.stringify(r.phaseMs)}\n`,
      );
    }
    const growth = results.length === 2 ? (results[1] as DedupeSpeed).rebuildMs / (results[0] as DedupeSpeed).rebuildMs : undefined;
    if (growth !== undefined) process.stdout.write(`growth: 10x the records in ${growth.toFixed(1)}x the rebuild time\n`);
    return { results, ...(growth !== undefined ? { growthRatio: Math.round(growth * 100) / 100 } : {}) };
  },
};
