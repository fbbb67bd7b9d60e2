// Where a command's catalogue is, the one refusal when a command that reads it finds none, and
// the two ways commands open it.

import { existsSync } from 'node:fs';
import { DEFAULT_CATALOGUE_PATH, openCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import type { EntenteConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';
import { printError, type Io } from './output.js';

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
function existingCatalogue(path: string): string {
  if (!existsSync(path)) {
    throw new EntenteError('ERR_CATALOGUE', `No catalogue at ${path} yet: run \`npm start\` for the demo, or \`entente harvest\` (or \`entente worker\`), or pass --db`, {
      context: { path },
    });
  }
  return path;
}

/**
 * The existing catalogue of --db (else the config's, see resolveDbPath), opened; undefined once
 * why it cannot be is printed (the command exits 2).
 */
export function openExisting(db: string | undefined, config: EntenteConfig | string | undefined, readonly: boolean, io: Io): Catalogue | undefined {
  try {
    return openCatalogue(existingCatalogue(resolveDbPath(db, config)), { readonly });
  } catch (err) {
    printError(io, err);
    return undefined;
  }
}

/** Opens a catalogue for reading, migrating it first so an older one gets its search index. */
export function openForReading(path: string): Catalogue {
  openCatalogue(existingCatalogue(path)).close();
  return openCatalogue(path, { readonly: true });
}

/**
 * Opens the existing catalogue of --db/--config, runs `fn` and closes it (shared with `entente
 * dedupe`). Exit 2 when it cannot be opened or on a config error, 1 on any other error.
 */
export function withCatalogue(options: { db?: string; config?: string }, readonly: boolean, io: Io, fn: (catalogue: Catalogue) => number): number {
  const catalogue = openExisting(options.db, options.config ?? DEFAULT_CONFIG_FILE, readonly, io);
  if (!catalogue) return 2;
  try {
    return fn(catalogue);
  } catch (err) {
    printError(io, err);
    return err instanceof EntenteError && err.kind === 'config' ? 2 : 1;
  } finally {
    catalogue.close();
  }
}
