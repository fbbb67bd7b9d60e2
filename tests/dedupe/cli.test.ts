// `entente dedupe` and `entente cluster` in-process on a real catalogue file: counts, the cluster
// view with provenance and reasons, hand splits that survive a rebuild, and clear errors.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { clusterOf } from '../../src/catalogue/clusters.js';
import { storeDcRecords } from '../../src/dedupe/store-records.js';
import type { ClusterView } from '../../src/dedupe/types.js';
import { catalogueId } from '../../src/normalise/record-id.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('entente-dedupe-cli-');
const db = dir.file('catalogue.sqlite');
const a = catalogueId('a', 'h');
const b = catalogueId('b', 'h');
const c = catalogueId('c', 'h');

beforeAll(() => {
  const cat = openCatalogue(db);
  storeDcRecords(cat, 'a', [{ localId: 'h', fields: { title: ['Albury : a prospect'], creator: ['Wenzel Hollar'], date: ['1645'], subject: ['Albury -- Pictorial works'] } }]);
  storeDcRecords(cat, 'b', [{ localId: 'h', fields: { title: ['Albury'], creator: ['Hollar, Wenceslaus, 1607-1677'], date: ['1645'] } }]);
  storeDcRecords(cat, 'c', [{ localId: 'h', fields: { title: ['Albury'], creator: ['W. Hollar'], date: ['1645'] } }]);
  cat.close();
});
afterAll(() => dir.remove());

const sizeOf = (id: string): number => {
  const cat = openCatalogue(db, { readonly: true });
  try {
    return clusterOf(cat.db, id).size;
  } finally {
    cat.close();
  }
};

describe('entente dedupe', () => {
  it('runs a first (rebuilding) pass and reports its counts as JSON', async () => {
    const run = await cli('dedupe', '--db', db, '--json');
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.out) as { mode: string; clusters: number; recordsInClusters: number };
    expect(stats.mode).toBe('rebuild');
    expect(stats.clusters).toBe(1);
    expect(stats.recordsInClusters).toBe(3);
  });

  it('says so when nothing changed', async () => {
    const run = await cli('dedupe', '--db', db);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Nothing changed/);
  });

  it('refuses a missing catalogue with exit 2 and a hint', async () => {
    const run = await cli('dedupe', '--db', dir.file('nope.sqlite'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/ERR_CATALOGUE/);
  });
});

describe('entente cluster', () => {
  it('shows the merged view with the record each value came from, and why each member is there', async () => {
    const run = await cli('cluster', b, '--db', db);
    expect(run.code).toBe(0);
    expect(run.out).toContain('3 records');
    expect(run.out).toMatch(new RegExp(`subject\\s+Albury -- Pictorial works\\s+${a}`));
    expect(run.out).toMatch(/fuzzy/);
    expect(run.out).toMatch(/title 1\.00/);
    const json = JSON.parse((await cli('cluster', a, '--db', db, '--json')).out) as ClusterView;
    expect(json.members.map((m) => m.recordId).sort()).toEqual([a, b, c].sort());
    expect(json.merged.title?.value.value).toBe('Albury : a prospect');
  });

  it('answers ERR_CLUSTER_NOT_FOUND for an unknown id', async () => {
    const run = await cli('cluster', 'x:0000000000000000', '--db', db);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/ERR_CLUSTER_NOT_FOUND/);
  });

  it('splits a record out by hand, keeps it apart after a rebuild, and undoes the split', async () => {
    const split = await cli('cluster', 'split', c, '--note', 'another impression', '--db', db);
    expect(split.code).toBe(0);
    expect(sizeOf(c)).toBe(1);
    expect(sizeOf(a)).toBe(2);
    expect((await cli('dedupe', '--rebuild', '--db', db, '--quiet')).code).toBe(0);
    expect(sizeOf(c)).toBe(1);
    const undo = await cli('cluster', 'split', '--undo', c, '--db', db);
    expect(undo.code).toBe(0);
    expect(sizeOf(c)).toBe(3);
  });

  it('refuses to split a record that is alone, or unknown, with ERR_CLUSTER_SPLIT', async () => {
    const unknown = await cli('cluster', 'split', 'x:0000000000000000', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/ERR_CLUSTER_SPLIT/);
    const undoNothing = await cli('cluster', 'split', '--undo', a, '--db', db);
    expect(undoNothing.code).toBe(2);
  });

  it('documents itself with examples', async () => {
    const help = await cli('cluster', '--help');
    expect(help.out).toMatch(/entente cluster split/);
    expect((await cli('dedupe', '--help')).out).toMatch(/--rebuild/);
  });
});
