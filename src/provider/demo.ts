// Loads the bundled demo archives (data/demo/*.json) as options ready for createOaiProvider.
// Reads files only: starts no server and keeps no state. The files come from scripts/make-demo-data.ts.

import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EntenteError } from '../errors.js';
import { createOaiProvider } from './oai-provider.js';
import type { ProviderOptions } from './types.js';

/** A demo archive: provider options plus what `entente demo` shows about it. Pass it to `createOaiProvider` as is. */
export interface DemoArchive extends ProviderOptions {
  /** Short id, also the file name: `data/demo/<id>.json`; use it as the source id. */
  id: string;
  /** Display name of the archive. */
  name: string;
  /** One sentence on what the archive holds. */
  description?: string;
}

/**
 * Reads every `*.json` archive in `dir`, sorted by file name, and checks it as createOaiProvider would.
 * The default resolves against this module, so it works from `src/provider/` and `dist/provider/` alike.
 */
export async function loadDemoArchives(dir: URL | string = new URL('../../data/demo/', import.meta.url)): Promise<DemoArchive[]> {
  const base = typeof dir === 'string' ? pathToFileURL(resolve(dir)) : dir;
  // Relative URLs resolve against a directory only when it ends in '/'.
  const baseHref = base.href.endsWith('/') ? base : new URL(base.href + '/');
  const names = (await readdir(baseHref)).filter((n) => n.endsWith('.json')).sort();
  const archives: DemoArchive[] = [];
  for (const name of names) {
    const file = new URL(encodeURIComponent(name), baseHref);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new EntenteError('ERR_CONFIG_INVALID', `Demo archive ${name}: cannot read it as JSON: ${(err as Error).message}`, { cause: err, context: { file: file.pathname } });
    }
    const archive = data as Partial<DemoArchive> | null;
    if (typeof archive !== 'object' || archive === null || typeof archive.id !== 'string' || typeof archive.name !== 'string' || !Array.isArray(archive.records)) {
      throw new EntenteError('ERR_CONFIG_INVALID', `Demo archive ${name}: expected an object with id, name and records`, { context: { file: file.pathname } });
    }
    try {
      // Builds and drops a provider: the same checks (granularity, setSpecs, formats) that serving it would make.
      createOaiProvider(archive as DemoArchive);
    } catch (err) {
      if (err instanceof EntenteError) throw err.withContext({ file: file.pathname, source: archive.id });
      throw err;
    }
    archives.push(archive as DemoArchive);
  }
  return archives;
}
