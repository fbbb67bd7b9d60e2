// `entente search QUERY`: full-text search with filters, as a readable table or JSON. The search
// itself is src/search, shared with the API and the web page.

import type { Catalogue } from '../catalogue/catalogue.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { parseLimit } from '../search/filters.js';
import { createSearcher, type SearchHit, type SearchResult } from '../search/search.js';
import { filtersFromFlags } from './export.js';
import { openForReading, resolveDbPath } from './catalogue-path.js';
import { printError, renderTable, type Io } from './output.js';

export interface SearchCommandOptions {
  db?: string;
  config?: string;
  source?: string;
  type?: string;
  language?: string;
  from?: string;
  to?: string;
  rights?: string;
  withMedia?: boolean;
  withoutMedia?: boolean;
  issues?: boolean;
  records?: boolean;
  limit?: string;
  cursor?: string;
  facets?: boolean;
  json?: boolean;
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function hitRow(hit: SearchHit, index: number): (string | number)[] {
  const r = hit.record;
  const title = hit.merged?.title?.value.value ?? r.title[0]?.value ?? '(untitled)';
  const creators = (r.creator ?? []).map((c) => c.sortName ?? c.name).join('; ');
  return [index, clip(title, 48), clip(creators, 28), clip(r.date?.display ?? '', 14), r.source.id, hit.size > 1 ? `${hit.size} records` : '', hit.id];
}

export function renderResult(result: SearchResult, offset = 0): string {
  if (result.hits.length === 0) return 'No results.\n';
  let text = renderTable(['#', 'title', 'creators', 'date', 'source', 'cluster', 'id'], result.hits.map((h, i) => hitRow(h, offset + i + 1)));
  // Past TOTAL_CAP (and without --facets) the total is a lower bound: "10000+ results".
  text += `\n${result.total}${result.totalExact ? '' : '+'} ${result.total === 1 && result.totalExact ? 'result' : 'results'}`;
  if (result.nextCursor) text += `; more with --cursor ${result.nextCursor}`;
  text += '\n';
  if (result.facets) {
    for (const [name, counts] of Object.entries(result.facets) as [string, { value: string; count: number }[]][]) {
      if (counts.length) text += `\n${name}: ${counts.slice(0, 12).map((c) => `${name === 'decade' ? c.value + 's' : c.value} (${c.count})`).join(', ')}\n`;
    }
  }
  return text;
}

export function searchCommand(words: string[], options: SearchCommandOptions, io: Io): number {
  let catalogue: Catalogue | undefined;
  try {
    const filters = filtersFromFlags({ ...options, media: options.withMedia ?? false, noMedia: options.withoutMedia ?? false });
    const limit = parseLimit(options.limit);
    catalogue = openForReading(resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE));
    const result = createSearcher(catalogue.db).search({
      q: words.join(' '),
      filters,
      limit,
      records: options.records ?? false,
      facets: options.facets ?? false,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    io.out(options.json ? JSON.stringify(result, null, 2) + '\n' : renderResult(result));
    return 0;
  } catch (err) {
    printError(io, err);
    return 2;
  } finally {
    catalogue?.close();
  }
}
