// The harvesting side of `npm run bench -- json`, in its own process so that its CPU time and
// peak RSS are its own. Harvests the Discovery stream at URL into a fresh catalogue; prints one JSON line.

import { join } from 'node:path';
// The shipped code (dist/, built by `npm run bench`).
import { openCatalogue, normaliseSource, createHttpClient, harvestSource, createPagePool } from '../dist/index.js';
import { defaultPoolSize } from '../dist/harvest/page-pool.js';

const [url, argsJson] = process.argv.slice(2) as [string, string];
const args = JSON.parse(argsJson) as { dir: string; concurrency: number; batchSize: number; workers?: number };

async function main(): Promise<void> {
  const catalogue = openCatalogue(join(args.dir, `bench-json-${Date.now()}.sqlite`));
  const http = createHttpClient();
  const workers = args.workers ?? defaultPoolSize();
  const pool = createPagePool(workers);
  // The bench relaxes the per-host politeness to `concurrency` requests in flight.
  const source = normaliseSource({ id: 'bench', protocol: 'iiif-discovery', url, politeness: { concurrency: args.concurrency, minIntervalMs: 0 }, iiif: { batchSize: args.batchSize } });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { run } = await harvestSource(source, { catalogue, http, pool });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (run.outcome !== 'ok') throw new Error(`harvest failed: ${JSON.stringify(run.error)}`);
  const stored = catalogue.sources()[0]?.live ?? 0;
  await pool.close();
  await http.close();
  catalogue.close();
  process.stdout.write(
    JSON.stringify({
      manifests: run.counts.seen,
      stored,
      invalid: run.counts.invalid,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      manifestsPerSecond: Math.round(run.counts.seen / (wallMs / 1000)),
      workers,
    }) + '\n',
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
