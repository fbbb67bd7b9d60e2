// `entente export`: streams records to stdout as NDJSON, CSV, JSON-LD or oai_dc XML, with the
// search filters, in constant memory. The writing is src/export, shared with `GET /api/export`.

import { once } from 'node:events';
import type { Catalogue } from '../catalogue/catalogue.js';
import { EntenteError } from '../errors.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { exportChunks } from '../export/export.js';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.js';
import { parseFilters, type SearchFilters } from '../search/filters.js';
import { openForReading, resolveDbPath } from './catalogue-path.js';
import { printError, type Io } from './output.js';

export interface ExportCommandOptions {
  db?: string;
  config?: string;
  /** One source id, or several joined by commas. */
  source?: string;
  format?: string;
  includeDeleted?: boolean;
  issue?: string;
  bom?: boolean;
  /** Search query: only matching records. */
  query?: string;
  type?: string;
  language?: string;
  from?: string;
  to?: string;
  rights?: string;
  media?: boolean;
  noMedia?: boolean;
  issues?: boolean;
}

/** Filters from CLI flags (shared by search and export). */
export function filtersFromFlags(options: { source?: string; type?: string; language?: string; from?: string; to?: string; rights?: string; media?: boolean; noMedia?: boolean; issues?: boolean }): SearchFilters {
  return parseFilters({
    source: options.source,
    type: options.type,
    language: options.language,
    from: options.from,
    to: options.to,
    rights: options.rights,
    media: options.media ? true : options.noMedia ? false : undefined,
    issues: options.issues ? true : undefined,
  });
}

export async function exportCommand(options: ExportCommandOptions, io: Io, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let format: ExportFormat;
  let filters: SearchFilters;
  let catalogue: Catalogue;
  try {
    const db = resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE);
    format = (options.format ?? 'ndjson') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw new EntenteError('ERR_QUERY_PARAMETER', `format: unknown export format "${options.format}"; one of ${EXPORT_FORMATS.join(', ')}`, { context: { parameter: 'format' } });
    }
    filters = filtersFromFlags(options);
    // An older catalogue gets its search index first (a migration); the export itself only reads.
    catalogue = openForReading(db);
  } catch (err) {
    printError(io, err);
    return 2;
  }
  try {
    let buffer = '';
    const chunks = exportChunks(catalogue.db, {
      format,
      filters,
      includeDeleted: options.includeDeleted ?? false,
      bom: options.bom ?? false,
      ...(options.query ? { q: options.query } : {}),
      ...(options.issue ? { issueCode: options.issue } : {}),
    });
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 64 * 1024) {
        // Respect back-pressure so a million records stream in constant memory.
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    if (buffer) out.write(buffer);
    return 0;
  } catch (err) {
    printError(io, err);
    return 2;
  } finally {
    catalogue.close();
  }
}
