// `npm run bench -- harvest [--records N] [--page-size N] [--workers N] [--stages a,b]`
// End-to-end harvest of a static loopback OAI-PMH source into a fresh catalogue (the shipped
// `entente harvest` command, see harvest-cli-stage.mjs), beside two
// ceilings measured in the same run: fetching every page without parsing, and parsing every
// page without storing (our scanner, plus fast-xml-parser and saxes for the record).
// Each stage runs in its own process so that its peak RSS and CPU time are its own.

import { parseArgs } from 'node:util';
import type { Bench } from './run.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StageResult {
  stage: string;
  records: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  recordsPerSecond: number;
  note?: string;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

function startServer(records: number, pageSize: number): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'static-oai-server.ts'), String(records), String(pageSize)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (d: Buffer) => resolve({ url: d.toString().trim(), stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
  });
}

function runStage(stage: string, url: string, args: Record<string, string | number>): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    // End to end is the shipped command in plain Node; the ceilings run under tsx.
    const argv =
      stage === 'end-to-end'
        ? [join(HERE, 'harvest-cli-stage.mjs'), url, JSON.stringify(args)]
        : ['--import', 'tsx', join(HERE, 'harvest-stage.ts'), stage, url, JSON.stringify(args)];
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`stage ${stage} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as StageResult);
    });
  });
}

const STAGES = ['end-to-end', 'fetch-only', 'parse-only', 'parse-fast-xml-parser', 'parse-saxes'] as const;

export async function benchHarvest(options: { records: number; pageSize: number; workers?: number; stages?: readonly string[] }): Promise<{ results: StageResult[]; meta: Record<string, unknown> }> {
  const server = await startServer(options.records, options.pageSize);
  const dir = mkdtempSync(join(tmpdir(), 'entente-bench-'));
  const results: StageResult[] = [];
  try {
    const common = { records: options.records, dir, ...(options.workers !== undefined ? { workers: options.workers } : {}) };
    for (const stage of options.stages ?? STAGES) {
      process.stderr.write(`  ${stage}...\n`);
      results.push(await runStage(stage, server.url, common));
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return { results, meta: { records: options.records, pageSize: options.pageSize, version: pkg.version } };
}

function table(results: StageResult[]): string {
  const rows = results.map((r) => [r.stage, String(r.records), String(r.recordsPerSecond), (r.wallMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), String(r.peakRssMb), r.note ?? '']);
  const head = ['stage', 'records', 'records/s', 'wall s', 'cpu s', 'peak RSS MB', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => (i > 0 && i < 6 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const harvestBench: Bench = {
  summary: `end-to-end harvest of a loopback OAI-PMH source (--records N, default 100000; --page-size N; --workers N; --stages a,b: some of ${STAGES.join(', ')})`,
  async run(args, machine) {
    const { values } = parseArgs({ args, options: { records: { type: 'string' }, 'page-size': { type: 'string' }, workers: { type: 'string' }, stages: { type: 'string' } } });
    const stages = values.stages?.split(',').map((s) => s.trim());
    const unknown = stages?.filter((s) => !(STAGES as readonly string[]).includes(s));
    if (unknown?.length) throw new Error(`unknown stage(s) ${unknown.join(', ')}: choose among ${STAGES.join(', ')}`);
    const records = Number(values.records ?? 100_000);
    const pageSize = Number(values['page-size'] ?? 100);
    process.stderr.write(`bench harvest: ${records} oai_dc records in pages of ${pageSize} on ${machine.cpus} cores\n`);
    const { results, meta } = await benchHarvest({ records, pageSize, ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}), ...(stages ? { stages } : {}) });
    process.stdout.write(table(results) + '\n');
    return { ...meta, results };
  },
};
