// Where a command's catalogue is, and the one refusal when a command that reads it finds none.

import { existsSync } from 'node:fs';
import { DEFAULT_CATALOGUE_PATH } from '../catalogue/catalogue.js';
import { loadConfig } from '../config/load-config.js';
import type { EntenteConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';

/**
 * The catalogue path: --db, then ENTENTE_DB, then the config's `catalogue`, then
 * data/catalogue.sqlite. Commands that need no config read it only when the file exists.
 */
export function resolveDbPath(db: string | undefined, config?: EntenteConfig | string): string {
  const explicit = db ?? process.env.ENTENTE_DB;
  if (explicit) return explicit;
  if (typeof config === 'string') return existsSync(config) ? loadConfig(config).catalogue : DEFAULT_CATALOGUE_PATH;
  return config?.catalogue ?? DEFAULT_CATALOGUE_PATH;
}

/** `path`, when a catalogue is there; else ERR_CATALOGUE saying how to make one (commands that only read never create it). */
export function existingCatalogue(path: string): string {
  if (!existsSync(path)) {
    throw new EntenteError('ERR_CATALOGUE', `No catalogue at ${path} yet: run \`npm start\` for the demo, or \`entente harvest\` (or \`entente worker\`), or pass --db`, {
      context: { path },
    });
  }
  return path;
}
