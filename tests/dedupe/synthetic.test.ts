// The synthetic duplicate generator: seeded, perturbs the way archives differ, keeps truth; and a
// small end-to-end run on demo descriptions, matched through the real crosswalk and catalogue.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { createClusterLookup } from '../../src/catalogue/clusters.js';
import { dedupeRebuild } from '../../src/dedupe/dedupe.js';
import { storeDcRecords, type DcFields } from '../../src/dedupe/store-records.js';
import { buildSyntheticSet, createRng, dcFieldsOf, perturb } from '../../src/dedupe/synthetic.js';
import { catalogueId } from '../../src/normalise/record-id.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('entente-dedupe-syn-');
afterAll(() => dir.remove());

const base: DcFields = {
  title: ['Topographia Germaniae : Faksimile-Ausgabe'],
  creator: ['Merian, Matthäus, 1593-1650', 'Zeiller, Martin'],
  date: ['2005-03-04'],
  type: ['Text'],
  identifier: ['ISBN 978-3-3516-4602-8', 'https://example.org/object/1'],
};

describe('perturb', () => {
  it('is reproducible from its seed', () => {
    expect(perturb(base, createRng(3))).toEqual(perturb(base, createRng(3)));
    expect(buildSyntheticSet([base, base], { seed: 5 })).toEqual(buildSyntheticSet([base, base], { seed: 5 }));
  });

  it('changes what each perturbation names and never copies the landing page', () => {
    const seen = new Set<string>();
    for (let s = 1; s <= 60; s++) {
      const { fields, applied } = perturb(base, createRng(s), 1);
      const kind = applied[0] as string;
      seen.add(kind);
      expect(fields.identifier ?? []).not.toContain('https://example.org/object/1');
      if (kind === 'name-order') expect(fields.creator?.[0]).toBe('Matthäus Merian');
      if (kind === 'initials') expect(fields.creator?.[0]).toBe('Merian, M.');
      if (kind === 'drop-subtitle') expect(fields.title).toEqual(['Topographia Germaniae']);
      if (kind === 'diacritics') expect(fields.creator?.[0]).toContain('Matthaus');
      if (kind === 'drop-identifiers') expect(fields.identifier).toBeUndefined();
      if (kind === 'typo') expect(fields.title?.[0]).not.toBe(base.title?.[0]);
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it('reads Dublin Core fields from an oai_dc payload', () => {
    const fields = dcFieldsOf('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:creator>A</dc:creator><dc:creator>B</dc:creator></oai_dc:dc>');
    expect(fields).toEqual({ title: ['T'], creator: ['A', 'B'] });
  });
});

describe('matching a synthetic set built from the demo archives', () => {
  it('finds most copies and merges few wrong pairs', () => {
    const demo = JSON.parse(readFileSync(new URL('../../data/demo/westerhaven-maps.json', import.meta.url), 'utf8')) as { records: { metadata?: { oai_dc?: string } }[] };
    const bases = demo.records.slice(0, 120).flatMap((r) => (r.metadata?.oai_dc ? [dcFieldsOf(r.metadata.oai_dc)] : []));
    const items = buildSyntheticSet(bases, { seed: 11 });
    const c = openCatalogue(dir.file('syn.sqlite'));
    for (const source of [...new Set(items.map((i) => i.source))]) storeDcRecords(c, source, items.filter((i) => i.source === source));
    dedupeRebuild(c);
    const lookup = createClusterLookup(c.db);
    const cluster = new Map(items.map((i) => [i, lookup(catalogueId(i.source, i.localId)).id]));
    let truePairs = 0;
    let found = 0;
    let predicted = 0;
    let wrong = 0;
    for (let x = 0; x < items.length; x++) {
      for (let y = x + 1; y < items.length; y++) {
        const ix = items[x]!;
        const iy = items[y]!;
        const same = cluster.get(ix) === cluster.get(iy);
        if (ix.entity === iy.entity) {
          truePairs++;
          if (same) found++;
        }
        if (same) {
          predicted++;
          if (ix.entity !== iy.entity) wrong++;
        }
      }
    }
    c.close();
    expect(truePairs).toBeGreaterThan(30);
    // Loose floors (the bench measures the real figures): a regression to random would fail these.
    expect(found / truePairs).toBeGreaterThan(0.6);
    expect(wrong / Math.max(1, predicted)).toBeLessThan(0.15);
  });
});
