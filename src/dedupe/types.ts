// Types of the deduplicated catalogue: clusters, their links and merged views.
// Types only: no code here.

import type { Agent, Identifier, LangValue, TypeValue } from '../model/record.js';

/**
 * How two records were linked: a strong identifier scheme (they share one after normalisation),
 * `fuzzy` (blocking then scoring), or `seed` (the first member of a cluster, linked to nothing).
 */
export type LinkRule = 'doi' | 'isbn' | 'issn-title' | 'handle' | 'ark' | 'urn' | 'url' | 'fuzzy' | 'seed';

/** What happened to a scored pair. */
export type LinkStatus = 'merged' | 'possible' | 'refused';

/** One scored pair of records (a < b). */
export interface ClusterLink {
  a: string;
  b: string;
  rule: LinkRule;
  /** 1 for identifier rules; the fuzzy score (0..1) otherwise. */
  score: number;
  status: LinkStatus;
  /** Why a link was refused (`coherence`, `size-cap`, `split`), or the evidence of a fuzzy score. */
  reason?: string;
}

/** A value of the merged view with the member record it came from. */
export interface FromMember<T> {
  value: T;
  /** Record id of the member that supplied the value. */
  from: string;
}

/** The merged description of a cluster; every field names the member(s) it came from. */
export interface MergedView {
  /** The best title (most complete among the most agreed-upon). */
  title?: FromMember<LangValue>;
  /** Other titles of members, deduplicated. */
  alternative?: FromMember<LangValue>[];
  /** Union of creators, deduplicated by surname and initials. */
  creator?: FromMember<Agent>[];
  contributor?: FromMember<Agent>[];
  subject?: FromMember<LangValue>[];
  /** Union of identifiers. */
  identifier?: FromMember<Identifier>[];
  /** The widest range of the members' dates. */
  date?: { earliest?: FromMember<number>; latest?: FromMember<number>; display: FromMember<string>[] };
  type?: FromMember<TypeValue>[];
  language?: FromMember<string>[];
  publisher?: FromMember<LangValue>[];
  description?: FromMember<LangValue>[];
  /** Every landing page and media link of the members. */
  isShownAt?: FromMember<string>[];
  isShownBy?: FromMember<string>[];
  /** Sources holding a member. */
  sources: FromMember<string>[];
}

/** One member of a cluster and why it is there. */
export interface ClusterMember {
  recordId: string;
  sourceId: string;
  /** The member's own first title, for display. */
  title: string;
  rule: LinkRule;
  score: number;
  /** The member it was linked to (absent for the seed). */
  linkedTo?: string;
}

/** A cluster as `entente cluster ID` and the API show it. */
export interface ClusterView {
  id: string;
  size: number;
  merged: MergedView;
  members: ClusterMember[];
  /** Every stored link touching a member: merged ones, possible matches and refused ones. */
  links: ClusterLink[];
  /** Rules that joined members, e.g. ["doi", "fuzzy"]. */
  rules: LinkRule[];
  updatedAt: string;
}

/** The counts of one dedupe run. */
export interface DedupeStats {
  mode: 'rebuild' | 'incremental';
  /** Live records considered (all of them on a rebuild, the queued ones incrementally). */
  records: number;
  /** Records that had changed or been deleted (incremental). */
  changed: number;
  deleted: number;
  /** Candidate pairs scored after blocking. */
  candidatePairs: number;
  identifierLinks: number;
  fuzzyLinks: number;
  possibleMatches: number;
  refusedLinks: number;
  /** Identifier values ignored because they are shared by too many unrelated records. */
  hubs: number;
  /** Blocks skipped because they were larger than `maxBlockSize`. */
  skippedBlocks: number;
  clusters: number;
  recordsInClusters: number;
  largestCluster: number;
  ms: number;
  /** Milliseconds per phase (read, identifiers, blocks, scoring, clustering, write), for benchmarks. */
  phaseMs?: Record<string, number>;
  /** How the stored keys were made (KEY_VERSION in dedupe.ts): an incremental run over keys of another version rebuilds instead. */
  keyVersion?: number;
}
