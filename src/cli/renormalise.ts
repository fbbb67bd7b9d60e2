// `entente renormalise`: re-run crosswalks over the stored raw records (no network) and report
// how many records changed.

import { existsSync } from 'node:fs';
import { openCatalogue } from '../catalogue/catalogue.js';
import { renormaliseSource } from '../harvest/renormalise.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { resolveDbPath } from './harvest.js';
import { formatDuration, renderTable, type Io } from './output.js';

export function renormaliseCommand(ids: string[], options: { db?: string; config?: string; json?: boolean }, io: Io): number {
  const db = resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(db)) {
    io.err(`No catalogue at ${db}: run \`entente harvest\` (or \`npm start\`) first, or pass --db.\n`);
    return 2;
  }
  const catalogue = openCatalogue(db);
  try {
    const known = catalogue.sources().map((s) => s.id);
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length) {
      io.err(`Unknown source${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (in this catalogue: ${known.join(', ') || 'none'})\n`);
      return 2;
    }
    const results = [];
    for (const id of ids.length ? ids : known) {
      const started = performance.now();
      const r = renormaliseSource(catalogue, id);
      results.push({ ...r, elapsedMs: Math.round(performance.now() - started) });
      if (r.failed) io.err(`${id}: ${r.failed} raw records could not be read again (first: ${r.firstError})\n`);
    }
    if (options.json) io.out(JSON.stringify({ catalogue: db, sources: results }, null, 2) + '\n');
    else io.out(renderTable(['source', 'records', 'changed', 'failed', 'time'], results.map((r) => [r.sourceId, r.records, r.changed, r.failed, formatDuration(r.elapsedMs)])));
    return results.some((r) => r.failed) ? 1 : 0;
  } finally {
    catalogue.close();
  }
}
