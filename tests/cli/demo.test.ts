// `npm start` runs `entente demo`: offline, it serves the bundled archives on 127.0.0.1 and
// harvests them; the second run is incremental and says so.

import { afterAll, describe, expect, it } from 'vitest';
import { demoCommand } from '../../src/cli/demo.js';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { loadDemoArchives } from '../../src/provider/demo.js';
import { captureIo, type CliRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());

function demo(db: string): Promise<CliRun> {
  return captureIo((io) => demoCommand({ db, workers: 0 }, io));
}

describe('entente demo', () => {
  it('harvests every demo archive, then incrementally', async () => {
    const db = dir.file('demo.sqlite');
    const archives = await loadDemoArchives();
    const first = await demo(db);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/Serving 2 demo archives on 127\.0\.0\.1/);
    for (const a of archives) expect(first.out).toMatch(new RegExp(`${a.id}\\s+full\\s+ok`));
    expect(first.out).toContain(`catalogue: ${db}`);

    const catalogue = openCatalogue(db, { readonly: true });
    for (const a of archives) {
      const live = a.records.filter((r) => !r.deleted).length;
      const summary = catalogue.sources().find((s) => s.id === a.id);
      expect(summary).toMatchObject({ live, deleted: a.records.length - live });
    }
    // The demo archives describe some works twice: the harvest ends by clustering them (how well,
    // against data/demo/duplicates.csv, is measured by `npm run bench -- dedupe-quality`).
    expect(first.err).toMatch(/dedupe: \d+ changed records matched/);
    const clustered = catalogue.db.prepare('SELECT cluster_id, record_id FROM cluster_members').all() as { cluster_id: string; record_id: string }[];
    expect(clustered.length).toBeGreaterThanOrEqual(10);
    catalogue.close();

    const second = await demo(db);
    expect(second.code).toBe(0);
    for (const a of archives) expect(second.out).toMatch(new RegExp(`${a.id}\\s+incremental\\s+ok`));
    expect(second.out).toMatch(/This was an incremental harvest/);
  });
});
