// `entente status`: sources, their last runs and outcomes, and record counts.

import { existsSync } from 'node:fs';
import { openCatalogue } from '../catalogue/catalogue.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { resolveDbPath } from './harvest.js';
import { formatDuration, renderTable, type Io } from './output.js';

export function statusCommand(options: { db?: string; config?: string; json?: boolean; issues?: boolean }, io: Io): number {
  const db = resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(db)) {
    io.err(`No catalogue at ${db} yet: run \`npm start\` for the demo, or \`entente harvest\`.\n`);
    return 2;
  }
  const catalogue = openCatalogue(db, { readonly: true });
  try {
    const sources = catalogue.sources().map((s) => (options.issues ? { ...s, issues: catalogue.issueCounts(s.id) } : s));
    if (options.json) {
      io.out(JSON.stringify({ catalogue: db, sources }, null, 2) + '\n');
      return 0;
    }
    if (sources.length === 0) {
      io.out(`catalogue: ${db}\nNo sources harvested yet.\n`);
      return 0;
    }
    io.out(
      renderTable(
        ['source', 'records', 'deleted', 'invalid', 'last run', 'mode', 'outcome', 'took', 'next from'],
        sources.map((s) => {
          const r = s.lastRun;
          const took = r?.endedAt ? formatDuration(Date.parse(r.endedAt) - Date.parse(r.startedAt)) : '';
          return [s.id, s.live, s.deleted, s.invalid, r?.startedAt.replace('T', ' ').slice(0, 19) ?? 'never', r?.mode ?? '', r?.outcome ?? '', took, s.nextFrom ?? ''];
        }),
      ),
    );
    for (const s of sources) {
      if ('issues' in s && s.issues.length) {
        io.out(`\n${s.id}: issues on live records (\`entente export --source ${s.id} --issue CODE\` lists them)\n`);
        io.out(renderTable(['code', 'severity', 'records'], s.issues.map((i) => [i.code, i.severity, i.count])));
      }
      if (s.lastRun?.error) io.out(`\n${s.id}: ${s.lastRun.error.code}: ${s.lastRun.error.message}\n  what to do: ${s.lastRun.error.hint ?? ''}\n`);
    }
    io.out(`\ncatalogue: ${db}\n`);
    return 0;
  } finally {
    catalogue.close();
  }
}
