// From links to clusters: identifier groups (with hub detection), then union-find over identifier
// links and fuzzy links in score order, refusing unions that break coherence, the fuzzy size cap
// or a hand split. Pure: works on indices into an array of features; no I/O.

import type { MatchFeatures } from './features.js';
import { explainScore, scorePair, titleSimilarity } from './score.js';
import type { DedupeSettings } from './settings.js';
import type { LinkRule, LinkStatus } from './types.js';

/** A link between records i and j (indices), before ids are attached. */
export interface IndexLink {
  i: number;
  j: number;
  rule: Exclude<LinkRule, 'seed'>;
  score: number;
  status: LinkStatus;
  reason?: string;
}

/** A scored fuzzy candidate pair. */
export interface ScoredPair {
  i: number;
  j: number;
  score: number;
  reason: string;
}

/** Union-find with component sizes and member lists (small into large). */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly members: (number[] | undefined)[];

  constructor(readonly n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.members = new Array<number[] | undefined>(n);
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  /** Members of the component whose root is `root`. */
  component(root: number): number[] {
    return this.members[root] ?? [root];
  }

  size(root: number): number {
    return this.members[root]?.length ?? 1;
  }

  /** Joins two roots; returns the new root. */
  union(ra: number, rb: number): number {
    if (ra === rb) return ra;
    const [big, small] = this.size(ra) >= this.size(rb) ? [ra, rb] : [rb, ra];
    const bigMembers = this.members[big] ?? [big];
    for (const m of this.component(small)) bigMembers.push(m);
    this.members[big] = bigMembers;
    this.members[small] = undefined;
    this.parent[small] = big;
    return big;
  }
}

/** How a group of records sharing one identifier value is handled. */
export interface IdentifierGroupOutcome {
  hub: boolean;
  links: IndexLink[];
}

/**
 * Records sharing one identifier value. More than `maxIdentifierShare` records, or a group whose
 * titles mostly disagree, is a hub: generic (a portal URL, a placeholder DOI), so it joins nothing.
 * Otherwise members are linked to the member most titles agree with; a member whose informative
 * title disagrees with it is refused, not merged.
 */
export function resolveIdentifierGroup(
  members: number[],
  rule: IndexLink['rule'],
  feat: (i: number) => MatchFeatures,
  settings: Pick<DedupeSettings, 'maxIdentifierShare' | 'identifierTitleMin'>,
): IdentifierGroupOutcome {
  if (members.length < 2) return { hub: false, links: [] };
  if (members.length > settings.maxIdentifierShare) return { hub: true, links: [] };
  // A shared creator is no agreement: papers of one proceedings volume share its ISBN and often an author.
  const agrees = (x: MatchFeatures, y: MatchFeatures): boolean =>
    !x.title || !y.title || titleSimilarity(x, y) >= settings.identifierTitleMin; // no informative title: nothing contradicts
  const fs = members.map(feat);
  let best = 0;
  let bestCount = -1;
  const counts = fs.map((x, a) => fs.reduce((n, y, b) => n + (a !== b && agrees(x, y) ? 1 : 0), 0));
  counts.forEach((c, a) => {
    if (c > bestCount) {
      best = a;
      bestCount = c;
    }
  });
  // Fewer than half of the others agree with the best-agreeing member: a hub, not a work.
  if (members.length >= 3 && bestCount < (members.length - 1) / 2) return { hub: true, links: [] };
  const centre = members[best] as number;
  const links: IndexLink[] = [];
  members.forEach((m, a) => {
    if (a === best) return;
    const ok = agrees(fs[best] as MatchFeatures, fs[a] as MatchFeatures);
    links.push(ok ? { i: centre, j: m, rule, score: 1, status: 'merged' } : { i: centre, j: m, rule, score: 1, status: 'refused', reason: 'titles disagree' });
  });
  return { hub: false, links };
}

export interface ClusteringInput {
  n: number;
  feat: (i: number) => MatchFeatures;
  /** Identifier links (merged or refused) from resolveIdentifierGroup. */
  identifierLinks: IndexLink[];
  /** Fuzzy pairs scored at or above the possible threshold. */
  fuzzyPairs: ScoredPair[];
  /** Hand splits: index → indices it must not share a cluster with. */
  apart: Map<number, Set<number>>;
  settings: DedupeSettings;
}

export interface ClusteringResult {
  uf: UnionFind;
  /** Every link worth storing: merged, possible and refused. */
  links: IndexLink[];
  refused: number;
}

/** Builds clusters from identifier links, then fuzzy links in descending score order. */
export function buildClusters(input: ClusteringInput): ClusteringResult {
  const { settings, feat, apart } = input;
  const uf = new UnionFind(input.n);
  const links: IndexLink[] = [];
  let refused = 0;

  const splitBlocks = (ra: number, rb: number): boolean => {
    if (apart.size === 0) return false;
    const [small, other] = uf.size(ra) <= uf.size(rb) ? [ra, rb] : [rb, ra];
    for (const m of uf.component(small)) {
      const set = apart.get(m);
      if (set) for (const x of set) if (uf.find(x) === other) return true;
    }
    return false;
  };

  for (const link of input.identifierLinks) {
    if (link.status !== 'merged') {
      links.push(link);
      continue;
    }
    const ra = uf.find(link.i);
    const rb = uf.find(link.j);
    if (ra !== rb && splitBlocks(ra, rb)) {
      links.push({ ...link, status: 'refused', reason: 'split by hand' });
      refused++;
      continue;
    }
    uf.union(ra, rb);
    links.push(link);
  }

  const pairs = [...input.fuzzyPairs].sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const ambiguous = ambiguousPairs(pairs, feat, settings);
  const possibleCount = new Map<number, number>();
  for (const p of pairs) {
    const base: IndexLink = { i: p.i, j: p.j, rule: 'fuzzy', score: p.score, status: 'possible', reason: p.reason };
    if (p.score < settings.matchThreshold) {
      // Only each record's best few possible matches are kept: a common title would otherwise store
      // a link for every pair of its block.
      const ci = possibleCount.get(p.i) ?? 0;
      const cj = possibleCount.get(p.j) ?? 0;
      if (ci < MAX_POSSIBLE_PER_RECORD && cj < MAX_POSSIBLE_PER_RECORD) {
        links.push(base);
        possibleCount.set(p.i, ci + 1);
        possibleCount.set(p.j, cj + 1);
      }
      continue;
    }
    if (ambiguous.has(p)) {
      links.push({ ...base, reason: `ambiguous: as close to another record that differs from this one; ${p.reason}` });
      continue;
    }
    const ra = uf.find(p.i);
    const rb = uf.find(p.j);
    if (ra === rb) {
      links.push({ ...base, status: 'merged' });
      continue;
    }
    let why: string | undefined;
    if (uf.size(ra) + uf.size(rb) > settings.maxFuzzyClusterSize) why = 'size cap';
    else if (splitBlocks(ra, rb)) why = 'split by hand';
    else if (uf.size(ra) + uf.size(rb) > 2 && !coheres(uf.component(ra), uf.component(rb), feat, settings)) why = 'coherence';
    if (why) {
      links.push({ ...base, status: 'refused', reason: `${why}; ${p.reason}` });
      refused++;
      continue;
    }
    uf.union(ra, rb);
    links.push({ ...base, status: 'merged' });
  }
  return { uf, links, refused };
}

/** Whether a pair is evidence against being one thing: a conflict (dates, DOIs, titles) or a low score. */
export function conflicts(x: MatchFeatures, y: MatchFeatures, settings: DedupeSettings): boolean {
  const s = scorePair(x, y, settings);
  return s.score < settings.possibleThreshold || s.years === false || s.doiConflict || s.title < settings.minTitleSimilarity;
}

/**
 * Whether two groups may become one: over up to `coherenceSample` pairs across them (spread over
 * both), the mean score reaches `coherenceThreshold` and no pair conflicts. This stops chains
 * A~B~C where A and C differ.
 */
export function coheres(a: number[], b: number[], feat: (i: number) => MatchFeatures, settings: DedupeSettings): boolean {
  const total = a.length * b.length;
  const take = Math.min(total, settings.coherenceSample);
  const step = total / take;
  let sum = 0;
  for (let k = 0; k < take; k++) {
    const idx = Math.floor(k * step);
    const x = feat(a[idx % a.length] as number);
    const y = feat(b[Math.floor(idx / a.length) % b.length] as number);
    const s = scorePair(x, y, settings);
    // Two archives' descriptions of one thing may each be far from the other's title: across
    // sources only a real conflict (dates, DOIs) or a score below the possible band stops the
    // union. Two records of one archive that differ (sheets of a series) are two things.
    if (s.score < settings.possibleThreshold || s.years === false || s.doiConflict) return false;
    if (x.source === y.source && s.title < settings.minTitleSimilarity) return false;
    sum += s.score;
  }
  return sum / take >= settings.coherenceThreshold;
}

/** Possible matches stored per record (the best ones). */
const MAX_POSSIBLE_PER_RECORD = 5;

/** Margin within which two candidates of a record count as equally good. */
const AMBIGUITY_MARGIN = 0.05;

/**
 * Merge-level pairs of a record that matches two records equally well which themselves conflict
 * (a title cut before the sheet name matches every sheet of a series): none of them is merged.
 */
function ambiguousPairs(sorted: ScoredPair[], feat: (i: number) => MatchFeatures, settings: DedupeSettings): Set<ScoredPair> {
  const byRecord = new Map<number, ScoredPair[]>();
  for (const p of sorted) {
    if (p.score < settings.matchThreshold) break;
    for (const r of [p.i, p.j]) {
      const l = byRecord.get(r);
      if (l) l.push(p);
      else byRecord.set(r, [p]);
    }
  }
  const out = new Set<ScoredPair>();
  for (const [r, list] of byRecord) {
    if (list.length < 2) continue;
    const best = list[0] as ScoredPair;
    const close = list.filter((p) => p.score >= best.score - AMBIGUITY_MARGIN);
    if (close.length < 2) continue;
    const other = (p: ScoredPair): number => (p.i === r ? p.j : p.i);
    // Two near-equal partners that do not go together: the record could be either.
    let split = false;
    // Partners of one source that conflict count (two sheets of one series in one archive), and
    // partners of any sources that are two parts of one series (same main title, different
    // subtitles: "... : Courtrai" / "... : Ostende"); not two archives' descriptions of the same
    // thing that merely differ in wording.
    const partners = close.slice(0, 12).map((p) => feat(other(p)));
    for (let x = 0; x < partners.length && !split; x++) {
      for (let y = x + 1; y < partners.length && !split; y++) {
        const px = partners[x] as MatchFeatures;
        const py = partners[y] as MatchFeatures;
        split = (px.source === py.source && conflicts(px, py, settings)) || partsOfOneSeries(px, py, settings);
      }
    }
    // A record that could be either of two things is merged with neither, nor with anything it
    // matches less well.
    if (split) for (const p of list) out.add(p);
  }
  return out;
}

/**
 * Two parts of one series: the same main title, each with its own subtitle, and titles that differ
 * ("Carte de cabinet des Pays-Bas autrichiens : Courtrai" / "... : Ostende").
 */
function partsOfOneSeries(x: MatchFeatures, y: MatchFeatures, settings: Pick<DedupeSettings, 'minTitleSimilarity'>): boolean {
  return x.main !== '' && x.main === y.main && x.main !== x.title && y.main !== y.title && x.title !== y.title && titleSimilarity(x, y) < settings.minTitleSimilarity;
}

/** Scores a candidate pair into a ScoredPair when it reaches the possible band. */
export function scoreCandidate(i: number, j: number, feat: (i: number) => MatchFeatures, settings: DedupeSettings): ScoredPair | undefined {
  const s = scorePair(feat(i), feat(j), settings);
  if (s.score < settings.possibleThreshold) return undefined;
  return { i, j, score: s.score, reason: explainScore(s) };
}
