// Record, cluster and source views: provenance and raw originals from a real harvest, clusters
// stored by hand as the dedupe run would, and a conformance summary when a report table exists.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { EntenteError } from '../../src/errors.js';
import { readClusterView, readRawRecord, readRecordView, readSources } from '../../src/search/views.js';
import { tempDir } from '../helpers/tmp.js';
import { dcProvider, dcRecord, harvestInto } from './harvested.js';

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
  it('includes the latest conformance summary when a report table exists, null otherwise', () => {
    const db = catalogue.db;
    expect(readSources(catalogue)[0]?.conformance).toBeNull();
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'conformance_reports'").get();
    if (!exists) db.exec('CREATE TABLE conformance_reports (id INTEGER PRIMARY KEY, source_id TEXT NOT NULL, summary TEXT NOT NULL, created_at TEXT NOT NULL)');
    // Fill whatever NOT NULL columns the table has; source and summary are the contract.
    const cols = db.prepare("SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('conformance_reports')").all() as { name: string; type: string; nn: number; pk: number }[];
    const insert = (summary: unknown, at: string): void => {
      const values: Record<string, unknown> = {};
      for (const c of cols) {
        if (c.name === 'source_id') values[c.name] = 'v';
        else if (c.name === 'summary') values[c.name] = JSON.stringify(summary);
        else if (/_at$/.test(c.name)) values[c.name] = at;
        else if (c.nn && !c.pk) values[c.name] = /INT|REAL/i.test(c.type) ? 0 : '{}';
      }
      db.prepare(`INSERT INTO conformance_reports (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values).map(() => '?').join(', ')})`).run(...Object.values(values));
    };
    insert({ score: 0.5 }, '2026-01-01T00:00:00Z');
    insert({ score: 0.9 }, '2026-02-01T00:00:00Z');
    expect(readSources(catalogue)[0]?.conformance).toEqual({ score: 0.9 });
  });
});
