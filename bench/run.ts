// The benchmark harness: `npm run bench -- <name> [options]`. Each benchmark prints its figures
// and returns them; the harness writes them as JSON under bench/results/. Benchmarks are not
// tests: nothing here asserts a speed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpu: string | undefined;
  memoryGb: number;
  node: string;
}

export interface Bench {
  /** One line for the usage text, options included. */
  summary: string;
  /** Runs with the arguments after the bench's name; prints figures; returns what to save as JSON. */
  run(args: string[], machine: Machine): Promise<Record<string, unknown>>;
}

// Loaded on demand so one bench's imports do not slow (or break) the others.
const BENCHES: Record<string, () => Promise<Bench>> = {
  harvest: async () => (await import('./harvest.js')).harvestBench,
  normalise: async () => (await import('./normalise.js')).normaliseBench,
  dedupe: async () => (await import('./dedupe.js')).dedupeBench,
  'dedupe-quality': async () => (await import('./dedupe-quality.js')).dedupeQualityBench,
  worker: async () => (await import('./worker.js')).workerBench,
  query: async () => (await import('./query.js')).queryBench,
  conformance: async () => (await import('./conformance.js')).conformanceBench,
  json: async () => (await import('./json.js')).jsonBench,
  // New benches go above this line: name → module exporting a Bench.
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const load = name ? BENCHES[name] : undefined;
  if (!load || args.includes('--help')) {
    const lines = await Promise.all(Object.entries(BENCHES).map(async ([n, get]) => `  ${n.padEnd(16)} ${(await get()).summary}`));
    process.stdout.write(`Usage: npm run bench -- <name> [options]\n${lines.join('\n')}\n`);
    process.exitCode = name && name !== '--help' && !args.includes('--help') ? 2 : 0;
    return;
  }
  const bench = await load();
  const machine: Machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const figures = await bench.run(args, machine);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = new URL(`./results/${name}-${stamp}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({ bench: name, at: new Date().toISOString(), machine, ...figures }, null, 2) + '\n');
  process.stdout.write(`written: ${file.pathname}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
