// `entente demo` (what `npm start` runs): serves the bundled demo archives on 127.0.0.1 from
// this process, harvests them into the catalogue, and prints a summary. Offline by design.

import { openCatalogue } from '../catalogue/catalogue.js';
import { normaliseSource } from '../config/load-config.js';
import { createOaiProvider } from '../provider/oai-provider.js';
import { startOaiServer, type OaiServer } from '../provider/oai-server.js';
import { loadDemoArchives } from '../provider/demo.js';
import { resolveDbPath } from './catalogue-path.js';
import { abortOnSignals, renderSummary, runHarvests, summaryJson } from './harvest.js';
import { printError, type Io } from './output.js';

export async function demoCommand(options: { db?: string; full?: boolean; json?: boolean; workers?: number }, io: Io): Promise<number> {
  const db = resolveDbPath(options.db);
  const servers: OaiServer[] = [];
  const signals = abortOnSignals(io);
  try {
    const archives = await loadDemoArchives();
    const sources = [];
    for (const archive of archives) {
      const server = await startOaiServer(createOaiProvider(archive), { host: '127.0.0.1', port: 0 });
      servers.push(server);
      sources.push(
        normaliseSource({
          id: archive.id,
          name: archive.name,
          url: server.url,
          dataProvider: archive.name,
          provider: 'entente demo network',
          // The loopback port changes on every run; the source id and catalogue stay the same.
          politeness: { concurrency: 1, minIntervalMs: 0 },
          http: { retries: 2, retryBaseDelayMs: 200 },
        }),
      );
    }
    if (!options.json) {
      io.err(`Serving ${archives.length} demo archives on 127.0.0.1:\n`);
      for (const [i, a] of archives.entries()) io.err(`  ${a.id.padEnd(16)} ${servers[i]?.url}  ${a.name} (${a.records.length} records)\n`);
      io.err(`Harvesting into ${db}\n\n`);
    }
    const catalogue = openCatalogue(db);
    try {
      const outcomes = await runHarvests(sources, catalogue, io, {
        full: options.full ?? false,
        trigger: 'demo',
        quiet: options.json ?? false,
        signal: signals.signal,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
      });
      if (options.json) {
        io.out(JSON.stringify(summaryJson(outcomes, db), null, 2) + '\n');
      } else {
        io.out(renderSummary(outcomes));
        io.out(`\ncatalogue: ${db}\n`);
        const incremental = outcomes.some((o) => o.run.mode === 'incremental');
        io.out(
          incremental
            ? 'This was an incremental harvest: only records changed since the last run were asked for. Use --full to harvest everything again.\n'
            : 'Run `npm start` again for an incremental harvest. Then try:\n  npx entente status\n  npx entente search map\n  npx entente serve            (the web page and API on http://127.0.0.1:8080)\n  npx entente export --source ' +
                (sources[0]?.id ?? '') +
                ' | head -n 1\n',
        );
      }
      return outcomes.every((o) => o.run.outcome === 'ok') ? 0 : 1;
    } finally {
      catalogue.close();
    }
  } catch (err) {
    printError(io, err);
    return 2;
  } finally {
    signals.dispose();
    await Promise.all(servers.map((s) => s.close()));
  }
}
