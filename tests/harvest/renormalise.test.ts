// Renormalising from stored raw records reproduces exactly what the harvest stored, and
// rewrites only records whose normalised form changed.

import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource } from '../../src/config/load-config.js';
import { createHttpClient } from '../../src/http/client.js';
import { harvestSource } from '../../src/harvest/harvest-source.js';
import { createPagePool } from '../../src/harvest/page-pool.js';
import { renormaliseSource } from '../../src/harvest/renormalise.js';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import { loadDemoArchives } from '../../src/provider/demo.js';
import { startFaultServer } from '../helpers/fault-server.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('renormaliseSource', () => {
  it('reproduces the harvested records from raw alone, then rewrites only what changed', async () => {
    const [archive] = await loadDemoArchives();
    const provider = createOaiProvider(archive!);
    // A forbidden character in one record, and namespaces declared on the page root only.
    const server = await startFaultServer(provider, ({ params }) =>
      params.get('verb') === 'ListRecords'
        ? {
            kind: 'transform',
            fn: (b) =>
              b
                .replace('<OAI-PMH ', '<OAI-PMH xmlns:dc="http://purl.org/dc/elements/1.1/" ')
                .replace(/ xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/"(?=[^<]*>)/g, (m, offset: number) => (offset < 300 ? m : ''))
                .replace('</dc:title>', '\u0001</dc:title>'),
          }
        : undefined,
    );
    const catalogue = openCatalogue(dir.file('renorm.sqlite'));
    const http = createHttpClient();
    const pool = createPagePool(0);
    const { run } = await harvestSource(normaliseSource({ id: 'demo', url: server.url }), { catalogue, http, pool });
    expect(run.outcome).toBe('ok');
    const before = [...catalogue.exportRecords({ includeDeleted: true })];
    expect(before.some((r) => r.includes('XML_INVALID_CHAR_REMOVED'))).toBe(true);
    const sample = JSON.parse(before[5]!) as { source: { localId: string } };
    const raw = catalogue.rawPayload('demo', sample.source.localId);
    expect(raw?.namespaces?.dc).toBe('http://purl.org/dc/elements/1.1/');
    expect(raw?.payload).not.toContain('xmlns:dc=');

    const first = renormaliseSource(catalogue, 'demo');
    expect(first).toMatchObject({ records: archive!.records.length, changed: 0, failed: 0 });
    expect([...catalogue.exportRecords({ includeDeleted: true })]).toEqual(before);

    // An older crosswalk's output: renormalise brings it back, and only it.
    const victim = JSON.parse(before[0]!) as { id: string };
    catalogue.replaceNormalised([{ id: victim.id, record: JSON.stringify({ ...victim, title: [{ value: 'stale' }] }), issueCount: 0, errorCount: 0 }]);
    const second = renormaliseSource(catalogue, 'demo');
    expect(second.changed).toBe(1);
    expect([...catalogue.exportRecords({ includeDeleted: true })]).toEqual(before);

    catalogue.close();
    await http.close();
    await server.close();
  });
});
