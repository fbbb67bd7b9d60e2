// Every threshold of matching, in one place, with defaults chosen for cultural-heritage records
// (not fitted to any benchmark set). Pure: no I/O.

import { EntenteError } from '../errors.js';

/** Settings of matching and clustering. Every field has a default in DEFAULT_DEDUPE_SETTINGS. */
export interface DedupeSettings {
  /**
   * A fuzzy score at or above this merges two records.
   * @default 0.8
   */
  matchThreshold: number;
  /**
   * A fuzzy score at or above this (and below `matchThreshold`) is stored as a possible match,
   * shown by `entente cluster`, never merged.
   * @default 0.65
   */
  possibleThreshold: number;
  /**
   * The title similarity below which no fuzzy merge happens, whatever creators and dates say.
   * @default 0.7
   */
  minTitleSimilarity: number;
  /**
   * An identifier value shared by more records than this is a hub (a generic URL, a placeholder
   * DOI) and joins nothing.
   * @default 20
   */
  maxIdentifierShare: number;
  /**
   * Two records sharing an identifier are not joined when both have informative titles whose
   * similarity is below this and their creators do not overlap (a mistyped or recycled identifier).
   * @default 0.34
   */
  identifierTitleMin: number;
  /**
   * A blocking key shared by more records than this is skipped (the records' other keys still
   * find their duplicates).
   * @default 50
   */
  maxBlockSize: number;
  /**
   * Blocking keys two records must share to be scored. A duplicate shares most of its keys (title
   * words, prefixes, creator with year and with title words); two records that only happen to
   * share one (the same surname and year) are rarely the same thing, and such chance pairs grow
   * with the square of the catalogue (each key's block grows with it), true ones only linearly.
   * An exact-title key counts double: on its own it is strong evidence.
   * @default 2
   */
  minSharedKeys: number;
  /**
   * Two groups joined by a fuzzy link must score at least this on average across their members
   * (up to `coherenceSample` pairs): this stops chains A~B~C where A and C differ.
   * @default 0.7
   */
  coherenceThreshold: number;
  /**
   * Pairs sampled for the coherence check.
   * @default 16
   */
  coherenceSample: number;
  /**
   * No cluster grows past this many records through fuzzy links (identifier links are exempt).
   * @default 50
   */
  maxFuzzyClusterSize: number;
  /**
   * Creators compared per record: a record with thousands of creators is matched on its first ones.
   * @default 20
   */
  maxCreators: number;
  /**
   * A title carried by this many live records of one source or more (letters of one
   * correspondence, a recurring column) merges only with a precise date both records agree on.
   * @default 2
   */
  commonTitleCount: number;
  /**
   * Years of slack when comparing date ranges. 0: ranges must overlap ("ca. 1890" is already a range).
   * @default 0
   */
  yearSlack: number;
}

/** The defaults, frozen. */
export const DEFAULT_DEDUPE_SETTINGS: Readonly<DedupeSettings> = Object.freeze({
  matchThreshold: 0.8,
  possibleThreshold: 0.65,
  minTitleSimilarity: 0.7,
  maxIdentifierShare: 20,
  identifierTitleMin: 0.34,
  maxBlockSize: 50,
  minSharedKeys: 2,
  coherenceThreshold: 0.7,
  coherenceSample: 16,
  maxFuzzyClusterSize: 50,
  maxCreators: 20,
  commonTitleCount: 2,
  yearSlack: 0,
});

const UNIT: (keyof DedupeSettings)[] = ['matchThreshold', 'possibleThreshold', 'minTitleSimilarity', 'identifierTitleMin', 'coherenceThreshold'];
const SIZES: (keyof DedupeSettings)[] = ['maxIdentifierShare', 'maxBlockSize', 'minSharedKeys', 'coherenceSample', 'maxFuzzyClusterSize', 'maxCreators', 'commonTitleCount'];

/** Defaults overridden by `overrides`, checked, then frozen. Throws ERR_DEDUPE_SETTINGS. */
export function resolveDedupeSettings(overrides: Partial<DedupeSettings> = {}): Readonly<DedupeSettings> {
  const s: DedupeSettings = { ...DEFAULT_DEDUPE_SETTINGS, ...overrides };
  const bad = (setting: string, why: string): never => {
    throw new EntenteError('ERR_DEDUPE_SETTINGS', `Dedupe setting ${setting} ${why} (got ${String(s[setting as keyof DedupeSettings])})`, { context: { setting } });
  };
  for (const k of UNIT) if (!(typeof s[k] === 'number' && s[k] >= 0 && s[k] <= 1)) bad(k, 'must be a number between 0 and 1');
  for (const k of SIZES) if (!(Number.isInteger(s[k]) && s[k] >= 1)) bad(k, 'must be a whole number of at least 1');
  if (!(Number.isInteger(s.yearSlack) && s.yearSlack >= 0)) bad('yearSlack', 'must be a whole number of at least 0');
  if (s.maxFuzzyClusterSize < 2) bad('maxFuzzyClusterSize', 'must be at least 2');
  if (s.possibleThreshold > s.matchThreshold) bad('possibleThreshold', 'must not exceed matchThreshold');
  return Object.freeze(s);
}
