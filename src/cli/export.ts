// `entente export`: streams normalised records as NDJSON to stdout, in constant memory.

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { openCatalogue } from '../catalogue/catalogue.js';
import { EntenteError } from '../errors.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { resolveDbPath } from './harvest.js';
import { printError, type Io } from './output.js';

export interface ExportCommandOptions {
  db?: string;
  config?: string;
  source?: string;
  format?: string;
  includeDeleted?: boolean;
  issue?: string;
}

export async function exportCommand(options: ExportCommandOptions, io: Io, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let db: string;
  try {
    db = resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE);
    if ((options.format ?? 'ndjson') !== 'ndjson') {
      throw new EntenteError('ERR_CONFIG_INVALID', `Unknown export format "${options.format}": this version writes ndjson`);
    }
    if (!existsSync(db)) throw new EntenteError('ERR_CATALOGUE', `No catalogue at ${db}: run \`entente harvest\` (or \`npm start\`) first, or pass --db`);
  } catch (err) {
    printError(io, err);
    return 2;
  }
  const catalogue = openCatalogue(db, { readonly: true });
  try {
    let buffer = '';
    const filter = {
      ...(options.source ? { sourceId: options.source } : {}),
      ...(options.issue ? { issueCode: options.issue } : {}),
      includeDeleted: options.includeDeleted ?? false,
    };
    for (const json of catalogue.exportRecords(filter)) {
      buffer += json + '\n';
      if (buffer.length >= 64 * 1024) {
        // Respect back-pressure so a million records stream in constant memory.
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    if (buffer) out.write(buffer);
    return 0;
  } finally {
    catalogue.close();
  }
}
