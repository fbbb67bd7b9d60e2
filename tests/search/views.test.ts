// Record, cluster and source views: provenance and raw originals from a real harvest, clusters
// stored by hand as the dedupe run would, and a conformance summary when a report table exists.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { EntenteError } from '../../src/errors.js';
import { readClusterView, readRawRecord, readRecordView, readSources } from '../../src/search/views.js';
import { tempDir } from '../helpers/tmp.js';
import { dcProvider, dcRecord, harvestInto } from './harvested.js';
import { saveReport } from '../../src/conformance/store.js';

const dir = tempDir('entente-views-');
let catalogue: Catalogue;
let ids: string[];

beforeAll(async () => {
  catalogue = await harvestInto(dir.file('v.sqlite'), {
    v: dcProvider([dcRecord('oai:v:1', { title: 'Map of Bohemia', date: '1720' }), dcRecord('oai:v:2', { title: 'Map of Bohemia', date: 'ca. 1720' })]),
  });
  ids = (catalogue.db.prepare('SELECT id FROM records ORDER BY local_id').all() as { id: string }[]).map((r) => r.id);
});
afterAll(() => {
  catalogue.close();
  dir.remove();
});

describe('record view', () => {
  it('gives provenance from the harvest and the raw original as served', () => {
    const view = readRecordView(catalogue.db, ids[0]!);
    expect(view.provenance).toMatchObject({ sourceId: 'v', localId: 'oai:v:1', datestamp: '2024-01-01', format: 'oai_dc', firstRun: 1, lastRun: 1 });
    expect(view.provenance.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(view.cluster).toEqual({ id: ids[0], size: 1 });
    const raw = readRawRecord(catalogue, ids[0]!);
    expect(raw.contentType).toBe('application/xml; charset=utf-8');
    expect(raw.payload).toContain('<dc:title>Map of Bohemia</dc:title>');
  });

  it('throws ERR_NOT_FOUND for an unknown id', () => {
    expect(() => readRecordView(catalogue.db, 'v:nothing')).toThrow(EntenteError);
    expect(() => readClusterView(catalogue.db, 'v:nothing')).toThrow(/No cluster/);
  });
});

describe('cluster view', () => {
  it('reads a stored cluster with its members and why each is there', () => {
    const db = catalogue.db;
    db.prepare("INSERT INTO clusters (id, size, merged, rules, updated_at) VALUES (?, 2, ?, '[\"fuzzy\"]', '2026-01-01')").run(ids[0], JSON.stringify({ sources: [{ value: 'v', from: ids[0] }] }));
    db.prepare("INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, 'seed', 1, NULL), (?, ?, 'fuzzy', 0.93, ?)").run(ids[0], ids[0], ids[1], ids[0], ids[0]);
    const view = readClusterView(db, ids[0]!);
    expect(view.size).toBe(2);
    expect(view.members.map((m) => [m.recordId, m.rule, m.score]).sort()).toEqual([[ids[0], 'seed', 1], [ids[1], 'fuzzy', 0.93]].sort());
    expect(readRecordView(db, ids[1]!).cluster).toEqual({ id: ids[0], size: 2 });
  });
});

describe('sources', () => {
  it("includes a source's latest conformance summary, null before any check", () => {
    expect(readSources(catalogue)[0]?.conformance).toBeNull();
    const report = (checkedAt: string, score: number): Parameters<typeof saveReport>[2] => ({
      reportVersion: 1,
      tool: { name: 'entente', version: 'test' },
      target: { url: 'http://127.0.0.1/oai', protocol: 'oai-pmh' },
      checkedAt,
      durationMs: 1,
      summary: { outcome: 'pass', errors: 0, warnings: 0, infos: 0, checks: { passed: 1, failed: 0, skipped: 0 }, score },
      checks: [],
      timings: { requests: 0, medianMs: 0, p95Ms: 0, maxMs: 0 },
    });
    saveReport(catalogue.db, 'v', report('2026-01-01T00:00:00Z', 50));
    saveReport(catalogue.db, 'v', report('2026-02-01T00:00:00Z', 90));
    expect(readSources(catalogue)[0]?.conformance).toMatchObject({ checkedAt: '2026-02-01T00:00:00Z', outcome: 'pass', score: 90 });
  });
});
