// The benchmark harness: `npm run bench -- <name> [options]`. Prints figures and writes them
// as JSON under bench/results/. Benchmarks are not tests: nothing here asserts a speed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchHarvest, type StageResult } from './harvest.js';
import { benchNormalise } from './normalise.js';

const BENCHES = ['harvest', 'normalise'] as const;

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
    process.stdout.write(`Usage: npm run bench -- <${BENCHES.join('|')}> [--records N] [--page-size N] [--workers N]\n  harvest    end-to-end harvest of a loopback source (--records, default 100000)\n  normalise  records/s per format on one core (--records: at least this many per format, default 50000)\n`);
    process.exitCode = name && !values.help ? 2 : 0;
    return;
  }
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (name === 'normalise') {
    const min = Number(values.records ?? 50_000);
    process.stderr.write(`bench normalise: at least ${min} records per format, one core, validation included\n`);
    const results = benchNormalise(min);
    const w = Math.max(...results.map((r) => r.format.length), 6);
    process.stdout.write(`${'format'.padEnd(w)}  fixture records  records measured  records/s\n`);
    for (const r of results) process.stdout.write(`${r.format.padEnd(w)}  ${String(r.sources).padStart(15)}  ${String(r.records).padStart(16)}  ${String(r.recordsPerSecond).padStart(9)}\n`);
    const file = new URL(`./results/normalise-${stamp}.json`, import.meta.url);
    writeFileSync(file, JSON.stringify({ bench: 'normalise', at: new Date().toISOString(), machine, results }, null, 2) + '\n');
    process.stdout.write(`written: ${file.pathname}\n`);
    return;
  }
  const records = Number(values.records ?? 100_000);
  const pageSize = Number(values['page-size'] ?? 100);
  process.stderr.write(`bench harvest: ${records} oai_dc records in pages of ${pageSize} on ${machine.cpus} cores\n`);
  const { results, meta } = await benchHarvest({ records, pageSize, ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}) });
  process.stdout.write(table(results) + '\n');
  const file = new URL(`./results/harvest-${stamp}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({ bench: 'harvest', at: new Date().toISOString(), machine, ...meta, results }, null, 2) + '\n');
  process.stdout.write(`written: ${file.pathname}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
