// The benchmark harness: `npm run bench -- <name> [options]`. Prints figures and writes them
// as JSON under bench/results/. Benchmarks are not tests: nothing here asserts a speed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchHarvest, type StageResult } from './harvest.js';

const BENCHES = ['harvest'] as const;

function table(results: StageResult[]): string {
  const rows = results.map((r) => [r.stage, String(r.records), String(r.recordsPerSecond), (r.wallMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), String(r.peakRssMb), r.note ?? '']);
  const head = ['stage', 'records', 'records/s', 'wall s', 'cpu s', 'peak RSS MB', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => (i > 0 && i < 6 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      records: { type: 'string' },
      'page-size': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const name = positionals[0];
  if (values.help || !name || !(BENCHES as readonly string[]).includes(name)) {
    process.stdout.write(`Usage: npm run bench -- <${BENCHES.join('|')}> [--records N] [--page-size N] [--workers N]\n`);
    process.exitCode = name && !values.help ? 2 : 0;
    return;
  }
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const records = Number(values.records ?? 100_000);
  const pageSize = Number(values['page-size'] ?? 100);
  process.stderr.write(`bench harvest: ${records} oai_dc records in pages of ${pageSize} on ${machine.cpus} cores\n`);
  const { results, meta } = await benchHarvest({ records, pageSize, ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}) });
  process.stdout.write(table(results) + '\n');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/harvest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({ bench: 'harvest', at: new Date().toISOString(), machine, ...meta, results }, null, 2) + '\n');
  process.stdout.write(`written: ${file.pathname}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
