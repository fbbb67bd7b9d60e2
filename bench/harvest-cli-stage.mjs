// The end-to-end stage of the harvest benchmark (see harvest.ts): the shipped `entente harvest`
// command, run in this process so its CPU time and peak RSS can be read. Plain JavaScript on
// purpose: the other stages run under tsx, whose loader adds ~45 MB of RSS no user pays.
// Prints one JSON line.
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';
import { defaultPoolSize } from '../dist/harvest/page-pool.js';

const [url, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson);
const workers = args.workers ?? defaultPoolSize();
let out = '';
const io = { out: (text) => (out += text), err: () => {}, isTTY: false };
const db = join(args.dir, `bench-${Date.now()}.sqlite`);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(['node', 'entente', 'harvest', '--url', url, '--id', 'bench', '--db', db, '--workers', String(workers), '--no-dedupe', '--json'], io);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (code !== 0) throw new Error(`entente harvest exited with ${code}: ${out}`);
const summary = JSON.parse(out);
const run = summary.sources[0];
const records = run?.counts?.seen ?? args.records;
process.stdout.write(
  JSON.stringify({
    stage: 'end-to-end',
    records,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    recordsPerSecond: Math.round(records / (wallMs / 1000)),
    note: `entente harvest --no-dedupe, ${workers} parse workers, ${run?.counts?.pages ?? '?'} pages`,
  }) + '\n',
);
process.exit(0);
