// `npm run bench -- dedupe-quality [--seed N]`: loads the labelled sets of ../shared/datasets/dedup
// and the demo archives into a fresh catalogue (one source per set, through the oai_dc crosswalk
// like harvested records), runs a dedupe rebuild with the default settings, and reports pairwise
// precision, recall, F1, and the blocking's pair completeness and reduction ratio per set. Then the
// same on a synthetic set: real descriptions perturbed with known truth, in its own catalogue.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCatalogue, type Catalogue } from '../src/catalogue/catalogue.js';
import { createClusterLookup } from '../src/catalogue/clusters.js';
import { dedupeRebuild } from '../src/dedupe/dedupe.js';
import { storeDcRecords, type DcFields } from '../src/dedupe/store-records.js';
import { buildSyntheticSet } from '../src/dedupe/synthetic.js';
import { fixtureDcRecordsWithFile, loadDemo, loadSharedSets, type LabelledSet } from './dedupe-datasets.js';
import type { Bench } from './run.js';

export interface QualityResult {
  set: string;
  records: number;
  truePairs: number;
  predictedPairs: number;
  /** Predicted pairs that are true pairs. */
  truePositives: number;
  /** True pairs that blocking compared (for pair completeness) and all pairs compared. */
  candidateTrue: number;
  candidates: number;
  precision: number;
  recall: number;
  f1: number;
  pairCompleteness: number;
  reductionRatio: number;
}

const pairs = (k: number): number => (k * (k - 1)) / 2;
const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Pairwise figures of one set, from its records' true entities, predicted clusters and candidate pairs. */
export function pairwiseQuality(
  name: string,
  records: { id: string; entity: string; cluster: string }[],
  candidates: Set<string>,
): QualityResult {
  const count = (key: (r: { id: string; entity: string; cluster: string }) => string): number => {
    const m = new Map<string, number>();
    for (const r of records) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    let n = 0;
    for (const k of m.values()) n += pairs(k);
    return n;
  };
  const truePairs = count((r) => r.entity);
  const predictedPairs = count((r) => r.cluster);
  const tp = count((r) => `${r.cluster}\u0000${r.entity}`);
  const entityOf = new Map(records.map((r) => [r.id, r.entity]));
  let candidateTrue = 0;
  let candidateCount = 0;
  for (const c of candidates) {
    const [a, b] = c.split('\u0000') as [string, string];
    const ea = entityOf.get(a);
    const eb = entityOf.get(b);
    if (ea === undefined || eb === undefined) continue;
    candidateCount++;
    if (ea === eb) candidateTrue++;
  }
  const precision = predictedPairs ? tp / predictedPairs : 1;
  const recall = truePairs ? tp / truePairs : 1;
  return {
    set: name,
    records: records.length,
    truePairs,
    predictedPairs,
    truePositives: tp,
    candidateTrue,
    candidates: candidateCount,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    pairCompleteness: round(truePairs ? candidateTrue / truePairs : 1),
    reductionRatio: round(1 - candidateCount / Math.max(1, pairs(records.length))),
  };
}

/** Pooled figures of several sets (pairs summed: a micro-average). */
export function pooledQuality(name: string, results: QualityResult[]): QualityResult {
  const sum = (k: keyof QualityResult): number => results.reduce((n, r) => n + (r[k] as number), 0);
  const tp = sum('truePositives');
  const precision = sum('predictedPairs') ? tp / sum('predictedPairs') : 1;
  const recall = sum('truePairs') ? tp / sum('truePairs') : 1;
  const allPairs = results.reduce((n, r) => n + pairs(r.records), 0);
  return {
    set: name,
    records: sum('records'),
    truePairs: sum('truePairs'),
    predictedPairs: sum('predictedPairs'),
    truePositives: tp,
    candidateTrue: sum('candidateTrue'),
    candidates: sum('candidates'),
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    pairCompleteness: round(sum('truePairs') ? sum('candidateTrue') / sum('truePairs') : 1),
    reductionRatio: round(1 - sum('candidates') / Math.max(1, allPairs)),
  };
}

/** Rebuilds a catalogue holding labelled sets and measures each (sets keyed by source id). */
function measure(catalogue: Catalogue, truth: Map<string, { set: string; entity: string }>, setNames: string[]): { results: QualityResult[]; crossSetPairs: number; ms: number } {
  const candidates = new Map<string, Set<string>>(setNames.map((s) => [s, new Set<string>()]));
  const t0 = performance.now();
  dedupeRebuild(catalogue, {
    onCandidatePair: (a, b) => {
      const sa = truth.get(a)?.set;
      if (sa !== undefined && sa === truth.get(b)?.set) candidates.get(sa)?.add(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
    },
  });
  const ms = performance.now() - t0;
  const lookup = createClusterLookup(catalogue.db);
  const bySet = new Map<string, { id: string; entity: string; cluster: string }[]>(setNames.map((s) => [s, []]));
  const setsOfCluster = new Map<string, Set<string>>();
  for (const [id, t] of truth) {
    const cluster = lookup(id).id;
    bySet.get(t.set)?.push({ id, entity: t.entity, cluster });
    let s = setsOfCluster.get(cluster);
    if (!s) setsOfCluster.set(cluster, (s = new Set()));
    s.add(t.set);
  }
  let crossSetPairs = 0;
  for (const s of setsOfCluster.values()) if (s.size > 1) crossSetPairs++;
  return { results: setNames.map((s) => pairwiseQuality(s, bySet.get(s) ?? [], candidates.get(s) ?? new Set())), crossSetPairs, ms };
}

function recordIds(catalogue: Catalogue): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of catalogue.db.prepare<[], { id: string; source_id: string; local_id: string }>('SELECT id, source_id, local_id FROM records').all()) out.set(`${r.source_id}\u0000${r.local_id}`, r.id);
  return out;
}

function loadSets(catalogue: Catalogue, sets: LabelledSet[], sourceOf?: (set: LabelledSet, localId: string) => string): Map<string, { set: string; entity: string }> {
  for (const set of sets) {
    const bySource = new Map<string, { localId: string; fields: LabelledSet['items'][number]['fields'] }[]>();
    for (const item of set.items) {
      const src = sourceOf ? sourceOf(set, item.localId) : set.name;
      const l = bySource.get(src) ?? [];
      l.push(item);
      bySource.set(src, l);
    }
    for (const [src, items] of bySource) storeDcRecords(catalogue, src, items);
  }
  const ids = recordIds(catalogue);
  const truth = new Map<string, { set: string; entity: string }>();
  for (const set of sets) {
    for (const item of set.items) {
      const src = sourceOf ? sourceOf(set, item.localId) : set.name;
      const id = ids.get(`${src}\u0000${item.localId}`);
      if (id) truth.set(id, { set: set.name, entity: `${set.name}:${set.entity.get(item.localId) ?? item.localId}` });
    }
  }
  return truth;
}

function table(results: QualityResult[]): string {
  const head = ['set', 'records', 'true pairs', 'predicted', 'precision', 'recall', 'F1', 'pair compl.', 'reduction'];
  const rows = results.map((r) => [r.set, r.records, r.truePairs, r.predictedPairs, r.precision.toFixed(4), r.recall.toFixed(4), r.f1.toFixed(4), r.pairCompleteness.toFixed(4), r.reductionRatio.toFixed(4)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The entity of each fixture record: one per record, except that the fixtures hold some records
 * more than once (the same OAI record in two responses): those share a landing page or handle,
 * and labelling them two things would count their (right) merge as wrong.
 */
function fixtureEntities(fields: DcFields[]): string[] {
  const byId = new Map<string, number>();
  return fields.map((f, k) => {
    const ids = (f.identifier ?? []).filter((i) => /^(?:https?:\/\/|hdl:|doi:|urn:)/i.test(i.trim()));
    const known = ids.map((i) => byId.get(i)).find((e) => e !== undefined);
    const entity = known ?? k;
    for (const i of ids) if (!byId.has(i)) byId.set(i, entity);
    return `fixture:${entity}`;
  });
}

/** Runs both measurements; returns the figures. */
export function benchDedupeQuality(seed = 7): { shared: QualityResult[]; synthetic: QualityResult[]; crossSetClusters: number; rebuildMs: Record<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'entente-dedupe-quality-'));
  try {
    // 1. The shared labelled sets and the demo archives, one catalogue, one source per set.
    const shared = loadSharedSets();
    const demo = loadDemo();
    const a = openCatalogue(join(dir, 'labelled.sqlite'));
    const truthA = loadSets(a, [...shared, demo], (set, localId) => (set === demo ? (demo.sourceOf.get(localId) as string) : set.name));
    const measuredA = measure(a, truthA, [...shared, demo].map((s) => s.name));
    a.close();

    // 2. Synthetic: demo and fixture descriptions, half of them copied 1-2 times with perturbations.
    const fixtures = fixtureDcRecordsWithFile();
    const bases = [...demo.items.map((i) => i.fields), ...fixtures.map((f) => f.fields)];
    const baseSource = [...demo.items.map((i) => demo.sourceOf.get(i.localId) as string), ...fixtures.map((f) => f.file)];
    const baseEntity = [...demo.items.map((i) => `demo:${demo.entity.get(i.localId) ?? i.localId}`), ...fixtureEntities(fixtures.map((f) => f.fields))];
    const items = buildSyntheticSet(bases, { seed, sourceOf: (k) => baseSource[k] as string, entityOf: (k) => baseEntity[k] as string });
    const b = openCatalogue(join(dir, 'synthetic.sqlite'));
    const bySource = new Map<string, { localId: string; fields: (typeof items)[number]['fields'] }[]>();
    for (const it of items) {
      const l = bySource.get(it.source) ?? [];
      l.push({ localId: it.localId, fields: it.fields });
      bySource.set(it.source, l);
    }
    for (const [src, list] of bySource) storeDcRecords(b, `syn-${src}`, list);
    const ids = recordIds(b);
    const truthB = new Map<string, { set: string; entity: string }>();
    for (const it of items) {
      const id = ids.get(`syn-${it.source}\u0000${it.localId}`);
      if (id) truthB.set(id, { set: 'synthetic', entity: baseEntity[it.entity] as string });
    }
    const measuredB = measure(b, truthB, ['synthetic']);
    b.close();
    const bib = measuredA.results.filter((r) => r.set.startsWith('bib-'));
    return {
      shared: bib.length ? [...measuredA.results, pooledQuality('bib-dedupe (5 sets pooled)', bib)] : measuredA.results,
      synthetic: measuredB.results,
      crossSetClusters: measuredA.crossSetPairs,
      rebuildMs: { labelled: Math.round(measuredA.ms), synthetic: Math.round(measuredB.ms) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const dedupeQualityBench: Bench = {
  summary: 'pairwise precision/recall/F1, pair completeness and reduction ratio on ../shared/datasets/dedup, the demo and a synthetic set (--seed N)',
  async run(args) {
    const { values } = parseArgs({ args, options: { seed: { type: 'string' } } });
    const out = benchDedupeQuality(Number(values.seed ?? 7));
    process.stdout.write(table([...out.shared, ...out.synthetic]) + '\n');
    process.stdout.write(`clusters spanning two sets: ${out.crossSetClusters}; rebuild ms: ${JSON.stringify(out.rebuildMs)}\n`);
    return out;
  },
};
