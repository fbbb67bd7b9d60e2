// Test catalogues built the real way: loopback OAI-PMH providers harvested into temp SQLite files
// (the bundled demo archives, or records a test writes). Search is then read through `catalogue.db`.

import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource } from '../../src/config/load-config.js';
import { harvestSource } from '../../src/harvest/harvest-source.js';
import { createHttpClient } from '../../src/http/client.js';
import { createPagePool } from '../../src/harvest/page-pool.js';
import { createOaiProvider, loadDemoArchives, startOaiServer } from '../../src/provider/index.js';
import type { OaiProvider, ProviderRecord } from '../../src/provider/types.js';

/** Harvests providers (source id → provider) into the catalogue file (`full`: not incrementally); returns it open. */
export async function harvestInto(path: string, providers: Record<string, OaiProvider>, names: Record<string, string> = {}, full = false): Promise<Catalogue> {
  const catalogue = openCatalogue(path);
  const http = createHttpClient({ headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  const pool = createPagePool(0);
  try {
    for (const [id, provider] of Object.entries(providers)) {
      const server = await startOaiServer(provider, { host: '127.0.0.1', port: 0 });
      try {
        const source = normaliseSource({ id, url: server.url, ...(names[id] ? { name: names[id], dataProvider: names[id] } : {}), http: { retries: 1, retryBaseDelayMs: 5 } });
        const { run } = await harvestSource(source, { catalogue, http, pool, full });
        if (run.outcome !== 'ok') throw new Error(`harvest of ${id} failed: ${JSON.stringify(run.error)}`);
      } finally {
        await server.close();
      }
    }
  } finally {
    await http.close();
    await pool.close();
  }
  return catalogue;
}

/** The two bundled demo archives, harvested. */
export async function harvestDemo(path: string): Promise<Catalogue> {
  const archives = await loadDemoArchives();
  return harvestInto(path, Object.fromEntries(archives.map((a) => [a.id, createOaiProvider(a)])), Object.fromEntries(archives.map((a) => [a.id, a.name])));
}

/** A provider over oai_dc records the test writes. */
export function dcProvider(records: ProviderRecord[]): OaiProvider {
  return createOaiProvider({ repositoryName: 'Search test', adminEmail: 'a@example.org', granularity: 'YYYY-MM-DD', deletedRecord: 'persistent', pageSize: 50, records });
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One oai_dc record from fields (repeatable ones as arrays). */
export function dcRecord(id: string, fields: Partial<Record<'title' | 'creator' | 'subject' | 'description' | 'date' | 'type' | 'language' | 'rights' | 'identifier' | 'publisher' | 'coverage', string | string[]>>, datestamp = '2024-01-01'): ProviderRecord {
  const body = Object.entries(fields)
    .flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => `<dc:${name}>${esc(value)}</dc:${name}>`))
    .join('');
  return {
    identifier: id,
    datestamp,
    sets: [],
    metadata: { oai_dc: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${body}</oai_dc:dc>` },
  };
}
