// Runs matching over the catalogue: a full rebuild (sorted keys in memory, every block scored) or an
// incremental pass over the records queued by the triggers on `records`. SQL stays in
// src/catalogue/clusters.ts; matching itself is in the pure modules beside this one.

import type { Catalogue } from '../catalogue/catalogue.js';
import {
  clearDedupe, clearQueue, clusterIdsOf, clusterMemberIds, createKeyReader, createKeyWriter, createRecordReader, deleteClusters,
  lastDedupeRun, readLiveRecords, readQueue, readSplits, writeClusters, writeDedupeRun, type ClusterRow,
} from '../catalogue/clusters.js';
import { EntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import { buildClusters, resolveIdentifierGroup, scoreCandidate, type IndexLink, type ScoredPair } from './cluster.js';
import { blockingKeys, buildFeatures, creatorYearKey, hashKey, identifierKeys, sourceTitleKey, titleKey, type IdentifierKey, type MatchFeatures } from './features.js';
import { buildMergedView } from './merge.js';
import { resolveDedupeSettings, type DedupeSettings } from './settings.js';
import type { ClusterLink, DedupeStats, LinkRule } from './types.js';

export interface DedupeOptions {
  /** Overrides of DEFAULT_DEDUPE_SETTINGS. */
  settings?: Partial<DedupeSettings>;
  /** Called now and then on long work (phase name, items done, total when known). */
  onProgress?: (phase: string, done: number, total?: number) => void;
  /** Rebuild only: called once for each pair blocking puts together (for pair completeness in the quality bench). */
  onCandidatePair?: (a: string, b: string) => void;
  /** Incremental only: a queue longer than this (or than a fifth of the catalogue) runs a rebuild instead. @default 50000 */
  rebuildAbove?: number;
}

/**
 * The version of the stored keys: raised whenever blocking or identifier keys change, so that an
 * incremental run never looks up keys the stored records were not given (it rebuilds instead).
 * 2: `cy` keys carry the title's first letter; other titles have `tx` keys.
 */
const KEY_VERSION = 2;

const ID_RULES: IdentifierKey['rule'][] = ['doi', 'isbn', 'issn-title', 'handle', 'ark', 'urn', 'url'];
const BLOCK_TAG = 7; // low three bits of a key: the identifier rule's index, or 7 for a blocking key
const PAIR_BASE = 2 ** 25;

/**
 * Keys of one record: identifier keys (rule in the low bits), blocking keys, and counting keys
 * (stored only to count: the title within its source).
 */
export function recordKeys(record: NormalisedRecord, f: MatchFeatures): { identifier: number[]; blocking: number[]; counting: number[] } {
  const identifier = identifierKeys(record).map((k) => tagged(k.key, ID_RULES.indexOf(k.rule)));
  const blocking = blockingKeys(f).map(blockHash);
  return { identifier: [...new Set(identifier)], blocking: [...new Set(blocking)], counting: f.title ? [titleKeyHash(f)] : [] };
}

/** A key's hash with its low three bits replaced by `tag`. */
const tagged = (key: string, tag: number): number => Math.floor(hashKey(key) / 8) * 8 + tag;

const blockHash = (key: string): number => tagged(key, BLOCK_TAG);

/** The stored key of a record's exact title (its count is the title's frequency). */
const titleKeyHash = (f: MatchFeatures): number => blockHash(sourceTitleKey(f));

/**
 * The blocking keys of a record that count double towards `minSharedKeys`: its exact title and its
 * creator-year key (-1 when it has none). Either is strong enough evidence on its own to score.
 */
const strongKeys = (f: MatchFeatures): [number, number] => {
  const cy = creatorYearKey(f);
  return [f.title ? blockHash(titleKey(f)) : -1, cy ? blockHash(cy) : -1];
};

/** How much a shared blocking key counts: double when it is a strong key of either record (a title may be the other's alternative). */
const keyWeight = (key: number, x: readonly [number, number], y: readonly [number, number]): number =>
  key === x[0] || key === x[1] || key === y[0] ? 2 : 1;

const isIdentifierKey = (key: number): boolean => key % 8 !== BLOCK_TAG;
const ruleOf = (key: number): IdentifierKey['rule'] => ID_RULES[key % 8] as IdentifierKey['rule'];

/**
 * Keys of many records, grouped by sorting. Entries are packed into doubles (the high 27 bits of
 * the 39-bit key, then the 26-bit entry number) so that a native Float64Array sort does the work
 * without BigInt; runs that share the high bits are ordered by the full key. Groups come out in
 * ascending key order, so the keys are appended to their B-tree in order. Up to 2^26 entries
 * (about eight million records at eight keys each).
 */
class KeyGroups {
  private keys = new Float64Array(1 << 16);
  private idx = new Int32Array(1 << 16);
  length = 0;
  private order: Float64Array | undefined;

  push(key: number, index: number): void {
    if (this.length === this.keys.length) {
      if (this.length >= ENTRY_LIMIT) throw new EntenteError('ERR_CATALOGUE', `Too many dedupe keys for one rebuild (${ENTRY_LIMIT})`, { context: { entries: this.length } });
      const k = new Float64Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
      const i = new Int32Array(this.idx.length * 2);
      i.set(this.idx);
      this.idx = i;
    }
    this.keys[this.length] = key;
    this.idx[this.length++] = index;
  }

  private sorted(): Float64Array {
    if (!this.order) {
      const order = new Float64Array(this.length);
      for (let e = 0; e < this.length; e++) order[e] = Math.floor((this.keys[e] as number) / KEY_LOW_BITS) * ENTRY_LIMIT + e;
      this.order = order.sort();
    }
    return this.order;
  }

  /** fn(key, record indices) for each key, in ascending key order. */
  forEachGroup(fn: (key: number, members: number[]) => void): void {
    const order = this.sorted();
    let i = 0;
    while (i < order.length) {
      const high = Math.floor((order[i] as number) / ENTRY_LIMIT);
      let j = i;
      while (j < order.length && Math.floor((order[j] as number) / ENTRY_LIMIT) === high) j++;
      const entries: number[] = [];
      for (let k = i; k < j; k++) entries.push((order[k] as number) % ENTRY_LIMIT);
      // Almost always one full key per run; otherwise its keys in ascending order.
      const full = this.keys[entries[0] as number] as number;
      if (entries.every((e) => this.keys[e] === full)) fn(full, entries.map((e) => this.idx[e] as number));
      else {
        const byKey = new Map<number, number[]>();
        for (const e of entries) {
          const key = this.keys[e] as number;
          const list = byKey.get(key);
          if (list) list.push(this.idx[e] as number);
          else byKey.set(key, [this.idx[e] as number]);
        }
        for (const key of [...byKey.keys()].sort((x, y) => x - y)) fn(key, byKey.get(key) as number[]);
      }
      i = j;
    }
  }

  /** fn(key, record index) for every entry, grouped by key. */
  forEachEntry(fn: (key: number, index: number) => void): void {
    this.forEachGroup((key, members) => {
      for (const m of members) fn(key, m);
    });
  }
}

const ENTRY_LIMIT = 2 ** 26;
const KEY_LOW_BITS = 2 ** 12; // 39-bit keys: the high 27 bits sort, the low 12 split runs

function emptyStats(mode: DedupeStats['mode']): DedupeStats {
  return {
    keyVersion: KEY_VERSION,
    mode, records: 0, changed: 0, deleted: 0, candidatePairs: 0, identifierLinks: 0, fuzzyLinks: 0, possibleMatches: 0,
    refusedLinks: 0, hubs: 0, skippedBlocks: 0, clusters: 0, recordsInClusters: 0, largestCluster: 0, ms: 0,
  };
}

/** Index-based links to id-based links (a < b), and member rows: each member's strongest merged link. */
function toStored(
  links: IndexLink[],
  idOf: (i: number) => string,
): { stored: ClusterLink[]; best: Map<number, { rule: LinkRule; score: number; other: number }> } {
  const stored: ClusterLink[] = [];
  const best = new Map<number, { rule: LinkRule; score: number; other: number }>();
  const seen = new Set<string>();
  for (const l of links) {
    const x = idOf(l.i);
    const y = idOf(l.j);
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) continue; // an identifier link wins over a later fuzzy score of the same pair
    seen.add(key);
    stored.push({ a, b, rule: l.rule, score: l.score, status: l.status, ...(l.reason ? { reason: l.reason } : {}) });
    if (l.status !== 'merged') continue;
    for (const [me, other] of [[l.i, l.j], [l.j, l.i]] as const) {
      const cur = best.get(me);
      const strength = l.rule === 'fuzzy' ? l.score : 2;
      if (!cur || strength > (cur.rule === 'fuzzy' ? cur.score : 2)) best.set(me, { rule: l.rule, score: l.score, other });
    }
  }
  return { stored, best };
}

/** Clusters of two or more from a union-find, with merged views built from their records. */
function collectClusters(
  n: number,
  result: ReturnType<typeof buildClusters>,
  best: Map<number, { rule: LinkRule; score: number; other: number }>,
  idOf: (i: number) => string,
  recordOf: (i: number) => NormalisedRecord,
  stats: DedupeStats,
): ClusterRow[] {
  const out: ClusterRow[] = [];
  const done = new Set<number>();
  for (let i = 0; i < n; i++) {
    const root = result.uf.find(i);
    if (done.has(root) || result.uf.size(root) < 2) continue;
    done.add(root);
    const members = result.uf.component(root);
    const ids = members.map(idOf);
    const id = ids.reduce((m, x) => (x < m ? x : m));
    const rules = new Set<LinkRule>();
    const rows = members.map((m) => {
      const b = best.get(m);
      if (b) rules.add(b.rule);
      return { recordId: idOf(m), rule: b?.rule ?? ('seed' as LinkRule), score: b?.score ?? 1, linkedTo: b ? idOf(b.other) : null };
    });
    out.push({ id, size: members.length, merged: buildMergedView(members.map(recordOf)), rules: [...rules].sort(), members: rows });
    stats.clusters++;
    stats.recordsInClusters += members.length;
    stats.largestCluster = Math.max(stats.largestCluster, members.length);
  }
  return out;
}

function countLinks(links: IndexLink[], stats: DedupeStats): void {
  for (const l of links) {
    if (l.status === 'merged') {
      if (l.rule === 'fuzzy') stats.fuzzyLinks++;
      else stats.identifierLinks++;
    } else if (l.status === 'possible') stats.possibleMatches++;
    else stats.refusedLinks++;
  }
}

/**
 * Rebuilds every cluster from scratch: reads all live records once, sorts their keys in memory,
 * resolves identifier groups, scores every block, clusters, and replaces the stored clusters in
 * one transaction (readers see the old clusters until it commits). Hand splits are kept.
 */
export function dedupeRebuild(catalogue: Catalogue, options: DedupeOptions = {}): DedupeStats {
  const settings = resolveDedupeSettings(options.settings);
  const db = catalogue.db;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const stats = emptyStats('rebuild');
  const progress = options.onProgress ?? (() => undefined);
  const queue = readQueue(db);
  const phaseMs: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    phaseMs[name] = Math.round(now - mark);
    mark = now;
  };

  // 1. Features and keys of every live record.
  const feats: MatchFeatures[] = [];
  const rids: number[] = [];
  // Each record's strong keys, in two flat arrays (a million small tuples would weigh on the GC).
  const strongTitle: number[] = [];
  const strongCy: number[] = [];
  const keyLists: string[] = [];
  const idKeys = new KeyGroups();
  const blockKeys = new KeyGroups();
  const countKeys = new KeyGroups();
  for (let after = 0; ; ) {
    const batch = readLiveRecords(db, after, 5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const idx = feats.length;
      const record = JSON.parse(row.record) as NormalisedRecord;
      const f = buildFeatures(record, settings.maxCreators);
      const keys = recordKeys(record, f);
      feats.push(f);
      rids.push(row.rid);
      const [st, sc] = strongKeys(f);
      strongTitle.push(st);
      strongCy.push(sc);
      for (const k of keys.identifier) idKeys.push(k, idx);
      for (const k of keys.blocking) blockKeys.push(k, idx);
      for (const k of keys.counting) countKeys.push(k, idx);
      keyLists.push([...keys.identifier, ...keys.blocking, ...keys.counting].map((k) => k.toString(36)).join(' '));
    }
    after = (batch[batch.length - 1] as { rid: number }).rid;
    progress('reading', feats.length);
  }
  stats.records = feats.length;
  // How many records of its source carry each exact title (series titles need a precise date to merge).
  countKeys.forEachGroup((_key, members) => {
    for (const m of members) (feats[m] as MatchFeatures).titleFreq = members.length;
  });
  phase('read');
  const feat = (i: number): MatchFeatures => feats[i] as MatchFeatures;
  const idOf = (i: number): string => feat(i).id;

  // 2. Identifier groups.
  const identifierLinks: IndexLink[] = [];
  idKeys.forEachGroup((key, members) => {
    const outcome = resolveIdentifierGroup(members, ruleOf(key), feat, settings);
    if (outcome.hub) stats.hubs++;
    for (const l of outcome.links) identifierLinks.push(l);
    if (options.onCandidatePair && !outcome.hub) {
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) options.onCandidatePair(idOf(members[a] as number), idOf(members[b] as number));
    }
  });
  phase('identifiers');
  const linkedByIdentifier = new Set<number>();
  for (const l of identifierLinks) if (l.status === 'merged') linkedByIdentifier.add(Math.min(l.i, l.j) * PAIR_BASE + Math.max(l.i, l.j));

  // 3. Candidate pairs from blocks, then scores. A pair's code is pushed once per key it shares
  // (twice for the exact title), so after sorting, the length of its run is its shared-key weight:
  // only pairs sharing `minSharedKeys` are scored (chance pairs share one key, and they are what
  // grows with the square of the catalogue).
  let pairCodes = new Float64Array(1 << 16);
  let pairCount = 0;
  const pushPair = (code: number): void => {
    if (pairCount === pairCodes.length) {
      const next = new Float64Array(pairCodes.length * 2);
      next.set(pairCodes);
      pairCodes = next;
    }
    pairCodes[pairCount++] = code;
  };
  blockKeys.forEachGroup((key, members) => {
    if (members.length < 2) return;
    if (members.length > settings.maxBlockSize) {
      stats.skippedBlocks++;
      return;
    }
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const x = members[a] as number;
        const y = members[b] as number;
        const code = x < y ? x * PAIR_BASE + y : y * PAIR_BASE + x;
        pushPair(code);
        if (key === strongTitle[x] || key === strongTitle[y] || key === strongCy[x]) pushPair(code); // counts double (keyWeight)
      }
    }
  });
  const pairs = pairCodes.subarray(0, pairCount).sort();
  phase('blocks');
  const fuzzyPairs: ScoredPair[] = [];
  for (let k = 0; k < pairs.length; ) {
    const code = pairs[k] as number;
    let end = k + 1;
    while (end < pairs.length && pairs[end] === code) end++;
    const shared = end - k;
    k = end;
    if (shared < settings.minSharedKeys) continue;
    stats.candidatePairs++;
    const i = Math.floor(code / PAIR_BASE);
    options.onCandidatePair?.(idOf(i), idOf(code - i * PAIR_BASE));
    if (linkedByIdentifier.has(code)) continue;
    const scored = scoreCandidate(i, code - i * PAIR_BASE, feat, settings);
    if (scored) fuzzyPairs.push(scored);
    if (stats.candidatePairs % 200_000 === 0) progress('scoring', stats.candidatePairs, pairs.length);
  }

  phase('scoring');
  // 4. Clusters.
  const indexOfId = new Map<string, number>();
  const splits = readSplits(db);
  if (splits.length) feats.forEach((f, i) => indexOfId.set(f.id, i));
  const apart = apartIndex(splits, (id) => indexOfId.get(id));
  const result = buildClusters({ n: feats.length, feat, identifierLinks, fuzzyPairs, apart, settings });
  countLinks(result.links, stats);
  const { stored, best } = toStored(result.links, idOf);
  phase('clustering');

  // 5. Replace everything derived, in one transaction.
  progress('writing', 0);
  const reader = createRecordReader(db);
  const recordOf = (i: number): NormalisedRecord => JSON.parse(reader.byRid(rids[i] as number)?.record ?? 'null') as NormalisedRecord;
  db.transaction(() => {
    clearDedupe(db);
    const insKey = db.prepare('INSERT OR IGNORE INTO dedupe_keys (key, rid) VALUES (?, ?)');
    for (const groups of [idKeys, blockKeys, countKeys]) groups.forEachEntry((key, i) => void insKey.run(key, rids[i] as number));
    const insRec = db.prepare('INSERT INTO dedupe_record_keys (rid, keys) VALUES (?, ?)');
    for (let i = 0; i < rids.length; i++) insRec.run(rids[i] as number, keyLists[i] as string);
    const clusters = collectClusters(feats.length, result, best, idOf, recordOf, stats);
    writeClusters(db, clusters, stored, startedAt);
    clearQueue(db, queue.upTo);
    phase('write');
    stats.phaseMs = phaseMs;
    stats.ms = Math.round(performance.now() - started);
    writeDedupeRun(db, 'rebuild', startedAt, new Date().toISOString(), stats);
  })();
  return stats;
}

function apartIndex(splits: [string, string][], indexOf: (id: string) => number | undefined): Map<number, Set<number>> {
  const apart = new Map<number, Set<number>>();
  for (const [a, b] of splits) {
    const x = indexOf(a);
    const y = indexOf(b);
    if (x === undefined || y === undefined) continue;
    for (const [p, q] of [[x, y], [y, x]] as const) {
      let set = apart.get(p);
      if (!set) apart.set(p, (set = new Set()));
      set.add(q);
    }
  }
  return apart;
}

interface Loaded {
  rid: number;
  record: NormalisedRecord;
  f: MatchFeatures;
  keys: { identifier: number[]; blocking: number[]; counting: number[] };
}

/**
 * Matches the records queued since the last run (new, changed, deleted) against the catalogue
 * through the stored keys, and re-clusters only the clusters they touch. Falls back to a rebuild
 * when nothing was ever built or the queue is a large part of the catalogue.
 */
export function dedupeIncremental(catalogue: Catalogue, options: DedupeOptions = {}): DedupeStats {
  const settings = resolveDedupeSettings(options.settings);
  const db = catalogue.db;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const queue = readQueue(db);
  const queued = queue.ids;
  const stats = emptyStats('incremental');
  if (queued.length === 0) return stats;
  const last = lastDedupeRun(db);
  const everBuilt = last !== undefined && (last.stats as { keyVersion?: number } | null)?.keyVersion === KEY_VERSION;
  // MAX(rowid) bounds the catalogue's size in O(1) (a COUNT would scan a million rows).
  const size = (db.prepare('SELECT MAX(rowid) AS n FROM records').get() as { n: number | null }).n ?? 0;
  if (!everBuilt || queued.length > (options.rebuildAbove ?? 50_000) || queued.length > Math.max(1000, size / 5)) return dedupeRebuild(catalogue, options);

  const reader = createRecordReader(db);
  const keyReader = createKeyReader(db);
  const keyWriter = createKeyWriter(db);
  const load = (row: { rid: number; record: string } | undefined): Loaded | undefined => {
    if (!row) return undefined;
    const record = JSON.parse(row.record) as NormalisedRecord;
    const f = buildFeatures(record, settings.maxCreators);
    return { rid: row.rid, record, f, keys: recordKeys(record, f) };
  };
  // Title frequencies from the stored keys, read once the queued records' keys are refreshed.
  const setTitleFreq = (l: Loaded): Loaded => {
    if (l.f.title) l.f.titleFreq = Math.max(1, keyReader(titleKeyHash(l.f), settings.commonTitleCount).length);
    return l;
  };
  const capOf = (key: number): number => (isIdentifierKey(key) ? settings.maxIdentifierShare : settings.maxBlockSize);

  db.transaction(() => {
    // 1. Refresh the keys of queued records; note which are live.
    const region = new Map<string, Loaded>(); // the records re-clustered: changed ones and everything they touch
    const byRid = new Map<number, Loaded>();
    // Callers set the title frequency first (the queued records' only once all their keys are in).
    const addToRegion = (l: Loaded): void => {
      region.set(l.f.id, l);
      byRid.set(l.rid, l);
    };
    const changedIds = new Set(queued);
    for (const id of queued) {
      const row = reader.byId(id);
      if (row) keyWriter.dropRecord(row.rid);
      if (!row || row.deleted) {
        stats.deleted++;
        continue;
      }
      const loaded = load(row) as Loaded;
      const all = [...loaded.keys.identifier, ...loaded.keys.blocking, ...loaded.keys.counting];
      for (const k of all) keyWriter.insert(k, loaded.rid);
      keyWriter.setRecordKeys(loaded.rid, all);
      addToRegion(loaded);
      stats.changed++;
    }
    // 2. The clusters the queued records were in, whole.
    const addCluster = (clusterId: string): void => {
      for (const m of clusterMemberIds(db, clusterId)) {
        if (region.has(m)) continue;
        const row = reader.byId(m);
        if (row && !row.deleted) addToRegion(setTitleFreq(load(row) as Loaded));
      }
    };
    const oldClusters = clusterIdsOf(db, queued);
    for (const l of region.values()) setTitleFreq(l);
    for (const c of oldClusters) addCluster(c);
    // 3. Candidates of the changed records through the stored keys; those that may link bring their
    // cluster. As in a rebuild: identifier groups within the hub cap, and records sharing
    // `minSharedKeys` (weighted) blocking keys of blocks within `maxBlockSize`.
    // The keys no longer change in this run: each key's records are read once, for steps 3 and 4.
    const sharingCache = new Map<number, number[]>();
    const sharing = (key: number): number[] => {
      let rids = sharingCache.get(key);
      if (!rids) sharingCache.set(key, (rids = keyReader(key, capOf(key) + 1)));
      return rids;
    };
    for (const id of changedIds) {
      const me = region.get(id);
      if (!me) continue;
      // The other record's strong keys are not known before it is loaded: any title key of this one
      // counts double here (a superset); step 4 weighs the pairs exactly.
      const doubles = new Set([...strongKeys(me.f), ...(me.f.alts ? me.f.alts.split('|').map((a) => blockHash(`tx:${a}`)) : [])]);
      const shared = new Map<number, number>(); // rid → shared weight
      const byIdentifier = new Set<number>();
      for (const key of [...me.keys.identifier, ...me.keys.blocking]) {
        const rids = sharing(key);
        if (rids.length > capOf(key)) continue;
        for (const rid of rids) {
          if (rid === me.rid) continue;
          if (isIdentifierKey(key)) byIdentifier.add(rid);
          else shared.set(rid, (shared.get(rid) ?? 0) + (doubles.has(key) ? 2 : 1));
        }
      }
      for (const [rid, weight] of shared) if (weight < settings.minSharedKeys) shared.delete(rid);
      for (const rid of new Set([...byIdentifier, ...shared.keys()])) {
        if (byRid.has(rid)) continue;
        const loadedOther = load(reader.byRid(rid));
        if (!loadedOther || loadedOther.record.deleted) continue;
        const other = setTitleFreq(loadedOther);
        if (!byIdentifier.has(rid) && scoreCandidate(0, 1, (i) => (i === 0 ? me.f : other.f), settings) === undefined) continue;
        addToRegion(other);
        for (const c of clusterIdsOf(db, [other.f.id])) {
          addCluster(c);
          oldClusters.add(c);
        }
      }
    }
    for (const c of clusterIdsOf(db, region.keys())) oldClusters.add(c);

    // 4. Match and cluster the region alone, with the global key counts deciding hubs and big blocks.
    const list = [...region.values()];
    stats.records = list.length;
    const feat = (i: number): MatchFeatures => (list[i] as Loaded).f;
    const groups = new Map<number, number[]>();
    list.forEach((l, i) => {
      for (const k of [...l.keys.identifier, ...l.keys.blocking]) {
        const g = groups.get(k);
        if (g) g.push(i);
        else groups.set(k, [i]);
      }
    });
    const identifierLinks: IndexLink[] = [];
    const sharedWeight = new Map<number, number>(); // pair code → shared blocking-key weight
    const strongOf = list.map((l) => strongKeys(l.f));
    for (const [key, members] of groups) {
      if (members.length < 2) continue;
      const global = sharing(key).length;
      if (isIdentifierKey(key)) {
        if (global > settings.maxIdentifierShare) {
          stats.hubs++;
          continue;
        }
        const outcome = resolveIdentifierGroup(members, ruleOf(key), feat, settings);
        if (outcome.hub) stats.hubs++;
        identifierLinks.push(...outcome.links);
      } else if (global > settings.maxBlockSize) {
        stats.skippedBlocks++;
      } else {
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            const x = members[a] as number;
            const y = members[b] as number;
            const code = Math.min(x, y) * PAIR_BASE + Math.max(x, y);
            sharedWeight.set(code, (sharedWeight.get(code) ?? 0) + keyWeight(key, strongOf[x] as [number, number], strongOf[y] as [number, number]));
          }
        }
      }
    }
    const candidate = new Set<number>();
    for (const [code, weight] of sharedWeight) if (weight >= settings.minSharedKeys) candidate.add(code);
    for (const l of identifierLinks) if (l.status === 'merged') candidate.delete(Math.min(l.i, l.j) * PAIR_BASE + Math.max(l.i, l.j));
    const fuzzyPairs: ScoredPair[] = [];
    for (const code of candidate) {
      const i = Math.floor(code / PAIR_BASE);
      const scored = scoreCandidate(i, code - i * PAIR_BASE, feat, settings);
      if (scored) fuzzyPairs.push(scored);
    }
    stats.candidatePairs = candidate.size;
    const index = new Map<string, number>();
    list.forEach((l, i) => index.set(l.f.id, i));
    const apart = apartIndex(readSplits(db), (id) => index.get(id));
    const result = buildClusters({ n: list.length, feat, identifierLinks, fuzzyPairs, apart, settings });
    countLinks(result.links, stats);
    const idOf = (i: number): string => feat(i).id;
    const { stored, best } = toStored(result.links, idOf);

    // 5. Replace the region's clusters and its links (those with both ends in it, or touching a changed record).
    const linkStmt = db.prepare<[string, string], { a: string; b: string }>('SELECT a, b FROM cluster_links WHERE a = ? OR b = ?');
    const delLink = db.prepare('DELETE FROM cluster_links WHERE a = ? AND b = ?');
    for (const id of new Set([...region.keys(), ...changedIds])) {
      for (const l of linkStmt.all(id, id)) {
        if ((region.has(l.a) && region.has(l.b)) || changedIds.has(l.a) || changedIds.has(l.b)) delLink.run(l.a, l.b);
      }
    }
    deleteClusters(db, oldClusters);
    const clusters = collectClusters(list.length, result, best, idOf, (i) => (list[i] as Loaded).record, stats);
    writeClusters(db, clusters, stored, startedAt);
    clearQueue(db, queue.upTo);
    stats.ms = Math.round(performance.now() - started);
    writeDedupeRun(db, 'incremental', startedAt, new Date().toISOString(), stats);
  })();
  return stats;
}
