// `entente renormalise`: re-run crosswalks over the stored raw records (no network) and report
// how many records changed.

import type { Catalogue } from '../catalogue/catalogue.js';
import { renormaliseSource } from '../harvest/renormalise.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import type { JsonMapping, SourceConfig } from '../config/types.js';
import { openExisting } from './catalogue-path.js';
import { formatDuration, renderTable, type Io } from './output.js';

function storedMapping(catalogue: Catalogue, sourceId: string): { mapping?: JsonMapping } {
  const row = catalogue.db.prepare<[string], { config: string }>('SELECT config FROM sources WHERE id = ?').get(sourceId);
  const mapping = row ? (JSON.parse(row.config) as Partial<SourceConfig>).mapping : undefined;
  return mapping !== undefined ? { mapping } : {};
}

export function renormaliseCommand(ids: string[], options: { db?: string; config?: string; json?: boolean }, io: Io): number {
  const catalogue = openExisting(options.db, options.config ?? DEFAULT_CONFIG_FILE, false, io);
  if (!catalogue) return 2;
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
      // A json-pages source's records are re-mapped with the mapping it was harvested with, kept
      // in the catalogue with the source's config.
      const r = renormaliseSource(catalogue, id, storedMapping(catalogue, id));
      results.push({ ...r, elapsedMs: Math.round(performance.now() - started) });
      if (r.failed) io.err(`${id}: ${r.failed} raw records could not be read again (first: ${r.firstError})\n`);
    }
    if (options.json) io.out(JSON.stringify({ catalogue: catalogue.path, sources: results }, null, 2) + '\n');
    else io.out(renderTable(['source', 'records', 'changed', 'failed', 'time'], results.map((r) => [r.sourceId, r.records, r.changed, r.failed, formatDuration(r.elapsedMs)])));
    return results.some((r) => r.failed) ? 1 : 0;
  } finally {
    catalogue.close();
  }
}
