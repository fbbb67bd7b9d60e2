// `npm run bench -- conformance`: the wall time of `entente check` (the built CLI, as a user runs
// it) against a responsive loopback repository: the default check (Identify through the
// 500-record sample, schema validation included) and `--all`. Prints figures; asserts nothing.

import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createOaiProvider } from '../src/provider/oai-provider.js';
import { startOaiServer } from '../src/provider/oai-server.js';
import type { ConformanceReport } from '../src/conformance/types.js';
import { syntheticRecords } from '../tests/helpers/synthetic.js';
import type { Bench } from './run.js';

interface Run {
  label: string;
  wallMs: number;
  report: ConformanceReport;
}

function runCli(args: string[]): Promise<{ wallMs: number; out: string; code: number | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('../bin/entente.js', import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ wallMs: performance.now() - started, out, code }));
  });
}

export const conformanceBench: Bench = {
  summary: '`entente check` wall time on a loopback repository (--records N, default 5000; --page-size N, default 100)',
  async run(args, machine) {
    const { values } = parseArgs({ args, options: { records: { type: 'string' }, 'page-size': { type: 'string' } } });
    const records = Number(values.records ?? 5000);
    const pageSize = Number(values['page-size'] ?? 100);
    process.stderr.write(`bench conformance: ${records} oai_dc records in pages of ${pageSize} on ${machine.cpus} cores\n`);
    // Serving in this process costs the checker little: it sends a few dozen requests.
    const provider = createOaiProvider({
      repositoryName: 'Bench repository',
      adminEmail: 'bench@example.org',
      granularity: 'YYYY-MM-DD',
      deletedRecord: 'persistent',
      pageSize,
      records: syntheticRecords(records),
      sets: [
        { setSpec: 'a', setName: 'Odd items' },
        { setSpec: 'b', setName: 'Even items' },
      ],
    });
    const server = await startOaiServer(provider);
    const runs: Run[] = [];
    try {
      for (const [label, extra] of [
        ['default (500-record sample, XML Schema validation)', []],
        ['default without XML Schema validation (--no-schema)', ['--no-schema']],
        [`--all (${records} records)`, ['--all']],
      ] as const) {
        const r = await runCli(['check', server.url, '--json', '--quiet', ...extra]);
        const report = JSON.parse(r.out) as ConformanceReport;
        runs.push({ label, wallMs: r.wallMs, report });
      }
    } finally {
      await server.close();
    }
    const rows = runs.map((r) => ({
      run: r.label,
      wallS: +(r.wallMs / 1000).toFixed(2),
      checkS: +(r.report.durationMs / 1000).toFixed(2),
      requests: r.report.timings.requests,
      medianMs: r.report.timings.medianMs,
      records: r.report.records?.formats[0]?.sampled ?? 0,
      outcome: r.report.summary.outcome,
    }));
    process.stdout.write('run | wall (process) | check | requests | median response | records read | outcome\n');
    for (const x of rows) process.stdout.write(`${x.run} | ${x.wallS} s | ${x.checkS} s | ${x.requests} | ${x.medianMs} ms | ${x.records} | ${x.outcome}\n`);
    return { records, pageSize, runs: rows };
  },
};
