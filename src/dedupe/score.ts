// Fuzzy scoring of a candidate pair: title similarity (typo- and truncation-tolerant), creator
// overlap (surname and initials), year, type and language compatibility. Pure: no I/O.

import type { MatchFeatures } from './features.js';
import type { DedupeSettings } from './settings.js';
import { boundedEditDistance } from './text.js';

/** A pair's score and the evidence behind it (stored with the link as its explanation). */
export interface PairScore {
  score: number;
  /** 0..1; 0 when either title is uninformative. */
  title: number;
  /** Share of the smaller creator list found in the other; null when either has none. */
  creators: number | null;
  /** Date ranges overlap (within the slack); null when either has none. */
  years: boolean | null;
  typeConflict: boolean;
  languageConflict: boolean;
  /** Both have DOIs and share none, or both cite page ranges starting on different pages, or volumes of a cited journal or series, or one cites a meeting and the other a journal article (`meetingConflict`). */
  doiConflict: boolean;
  /** The title is carried by `commonTitleCount` records or more, so it needs a precise date to merge. */
  commonTitle: boolean;
}

const WEIGHT_TITLE = 0.6;
const WEIGHT_CREATORS = 0.25;
const WEIGHT_YEARS = 0.15;

/** Whether two folded words are the same word, allowing a typo (or two in long words) or a truncation. */
export function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  if (short.length >= 4 && long.startsWith(short)) return true; // "proc" / "proceedings", a truncated last word
  if (short.length < 4) return false;
  const max = short.length >= 8 ? 2 : 1;
  return boundedEditDistance(a, b, max) <= max;
}

/** How many words of `a` have a distinct partner in `b` (exact partners first, then fuzzy). */
export function matchedWords(a: string[], b: string[]): number {
  const used = new Uint8Array(b.length);
  const pending: string[] = [];
  let matched = 0;
  for (const w of a) {
    const i = b.findIndex((x, k) => used[k] === 0 && x === w);
    if (i >= 0) {
      used[i] = 1;
      matched++;
    } else pending.push(w);
  }
  for (const w of pending) {
    const i = b.findIndex((x, k) => used[k] === 0 && wordsMatch(w, x));
    if (i >= 0) {
      used[i] = 1;
      matched++;
    }
  }
  return matched;
}

const split = (s: string): string[] => (s ? s.split(' ') : []);
const numbers = (words: string[]): string[] => words.filter((w) => /^\d+$/.test(w));

/** Penalty per word that differs on both sides (a substitution, not a typo or an omission): "prospect of York" is not "prospect of Durham". */
const SUBSTITUTION_PENALTY = 0.15;

/** Penalty per word out of order: "Letter of Theo to Vincent" is not "Letter of Vincent to Theo". */
const ORDER_PENALTY = 0.1;

/**
 * Penalty per word inserted inside the other title ("Multivariate decision trees" / "Multivariate
 * versus univariate decision trees"): words added in the middle change what a title says, words
 * missing at its end are a cut or a dropped subtitle (those are not penalised).
 */
const INSERTION_PENALTY = 0.05;

/** Words of `long` lying between the in-order partners of all of `short`'s words; 0 when not all have one. */
function interiorInsertions(short: string[], long: string[]): number {
  let pos = 0;
  let first = -1;
  for (const w of short) {
    while (pos < long.length && !wordsMatch(w, long[pos] as string)) pos++;
    if (pos === long.length) return 0;
    if (first < 0) first = pos;
    pos++;
  }
  return first < 0 ? 0 : pos - first - short.length;
}

/** Length of the longest common subsequence of exactly equal words (short lists only). */
function commonSubsequence(x: string[], y: string[]): number {
  const row = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diag = 0;
    for (let j = 1; j <= y.length; j++) {
      const up = row[j] as number;
      row[j] = x[i - 1] === y[j - 1] ? diag + 1 : Math.max(up, row[j - 1] as number);
      diag = up;
    }
  }
  return row[y.length] as number;
}

/** Dice similarity of two word lists, less the substitution and word-order penalties. */
function wordSimilarity(x: string[], y: string[]): number {
  if (x.length + y.length === 0) return 0;
  const m = matchedWords(x, y);
  const substitutions = Math.min(x.length - m, y.length - m);
  let sim = (2 * m) / (x.length + y.length) - SUBSTITUTION_PENALTY * substitutions;
  if (substitutions === 0 && x.length !== y.length && x.length <= 40 && y.length <= 40) {
    sim -= INSERTION_PENALTY * (x.length < y.length ? interiorInsertions(x, y) : interiorInsertions(y, x));
  }
  if (m >= 2 && x.length <= 40 && y.length <= 40) {
    // Exact words shared by both but in another order.
    const shared = x.filter((w) => y.includes(w));
    const sharedInY = y.filter((w) => x.includes(w));
    const inOrder = commonSubsequence(shared, sharedInY);
    sim -= ORDER_PENALTY * Math.max(0, Math.min(shared.length, sharedInY.length) - inOrder);
  }
  return Math.max(0, sim);
}

/** Title similarity of two records, 0..1: the best of their first titles and their other titles. */
export function titleSimilarity(a: MatchFeatures, b: MatchFeatures): number {
  if (!a.title || !b.title) return 0;
  let sim = firstTitleSimilarity(a, b);
  if (sim < 1 && (a.alts || b.alts)) {
    const as = [a.title, ...(a.alts ? a.alts.split('|') : [])];
    const bs = [b.title, ...(b.alts ? b.alts.split('|') : [])];
    for (const x of as) {
      for (const y of bs) {
        if (x === a.title && y === b.title) continue;
        sim = Math.max(sim, x === y ? 1 : wordSimilarity(split(x), split(y)));
      }
    }
  }
  return sim;
}

function firstTitleSimilarity(a: MatchFeatures, b: MatchFeatures): number {
  if (a.title === b.title) return 1;
  const fa = split(a.title);
  const fb = split(b.title);
  let sim = wordSimilarity(fa, fb);
  // A dropped subtitle: compare main titles when one of the two has no subtitle. When both have
  // one, the subtitles count ("Carte de cabinet : Ostende" is not "... : Namur").
  if ((a.main === a.title) !== (b.main === b.title)) sim = Math.max(sim, wordSimilarity(split(a.main), split(b.main)));
  // A title the source cut short ("..."): its words are the other's first words.
  const shorter = fa.length <= fb.length ? fa : fb;
  const cut = shorter === fa ? a.truncated : b.truncated;
  if (cut && shorter.length >= 3 && sim < 0.92) {
    const longer = shorter === fa ? fb : fa;
    const hits = matchedWords(shorter, longer.slice(0, shorter.length + 1));
    sim = Math.max(sim, (0.92 * hits) / shorter.length - SUBSTITUTION_PENALTY * (shorter.length - hits));
  }
  // Different numbers ("Band 1" / "Band 2", "1848" / "1849") mean different parts or editions.
  const na = numbers(fa);
  const nb = numbers(fb);
  if (na.length && nb.length && (na.some((n) => !nb.includes(n)) || nb.some((n) => !na.includes(n)))) sim *= 0.7;
  // Opposite qualifiers ("Pediatric" / "Adult") likewise: the same study design in two populations.
  if (contrastingQualifier(fa, fb)) sim *= 0.7;
  return sim;
}

/**
 * Qualifiers that name opposite populations or parts: a title with one and the other with its
 * opposite ("... in Pediatric Patients" / "... in Adult Patients") describe two things, although
 * they differ by a single word. Folded forms, en/fr/de.
 */
const CONTRASTS: ReadonlyArray<readonly [ReadonlySet<string>, ReadonlySet<string>]> = [
  [['pediatric', 'paediatric', 'children', 'child', 'childhood', 'infants', 'neonates', 'neonatal', 'pediatrique', 'kinder'], ['adult', 'adults', 'adulte', 'adultes', 'erwachsene', 'erwachsenen']],
  [['male', 'males', 'men', 'masculin'], ['female', 'females', 'women', 'feminin']],
  [['acute', 'aigu', 'aigue', 'akute', 'akuten'], ['chronic', 'chronique', 'chronische', 'chronischen']],
  [['benign', 'benin', 'benigne'], ['malignant', 'malin', 'maligne']],
].map(([x, y]) => [new Set(x), new Set(y)] as const);

/** One title has a qualifier and the other its opposite, neither having both. */
export function contrastingQualifier(x: string[], y: string[]): boolean {
  const has = (words: string[], set: ReadonlySet<string>): boolean => words.some((w) => set.has(w));
  return CONTRASTS.some(([p, q]) => (has(x, p) && has(y, q) && !has(x, q) && !has(y, p)) || (has(x, q) && has(y, p) && !has(x, p) && !has(y, q)));
}

/**
 * Two citations of different volumes: the same title and authors published twice (a conference
 * abstract in a supplement and the article, a reprint) are two publications. Only the volume is
 * compared, not the container's name: one journal is cited in too many forms ("Dtsch Med
 * Wochenschr", "Deutsche medizinische Wochenschrift", transliterations) for a name to disagree safely.
 */
function citationConflict(a: Pick<MatchFeatures, 'volume'>, b: Pick<MatchFeatures, 'volume'>): boolean {
  return a.volume !== '' && b.volume !== '' && a.volume !== b.volume;
}

/** Whether two folded container names can be one: word by word, one word a prefix of the other ("j thromb haemost" / "journal thrombosis haemostasis conference"), all of the shorter's words. */
function sameContainerName(x: string, y: string): boolean {
  const a = split(x);
  const b = split(y);
  if (a.length === 0 || b.length === 0) return false;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const u = a[i] as string;
    const v = b[i] as string;
    if (!u.startsWith(v) && !v.startsWith(u)) return false;
  }
  return true;
}

/**
 * A meeting abstract (its citation names a conference, congress, proceedings or supplement) and a
 * journal article with a volume, of the same title and authors, are two publications, unless the
 * two citations can be one: the meeting's citation starts with the journal's name ("Pediatric
 * Nephrology.Conference: ..." / "Pediatr Nephrol 26 (9) 1746", the abstract printed in the journal)
 * or both give the same volume. A citation without volume or without a meeting word says too
 * little to keep anything apart.
 */
export function meetingConflict(a: Pick<MatchFeatures, 'volume' | 'container'>, b: Pick<MatchFeatures, 'volume' | 'container'>): boolean {
  const [meeting, journal] =
    a.container.startsWith('m:') && b.container.startsWith('j:') ? [a, b]
    : b.container.startsWith('m:') && a.container.startsWith('j:') ? [b, a]
    : [undefined, undefined];
  if (!meeting || !journal || journal.volume === '') return false;
  if (meeting.volume !== '' && meeting.volume === journal.volume) return false;
  return !sameContainerName(meeting.container.slice(2), journal.container.slice(2));
}

/** Two folded surnames (or given names) are one: equal, or one typo apart in names of 5+ letters. */
const sameName = (x: string, y: string): boolean => x === y || (Math.min(x.length, y.length) >= 5 && boundedEditDistance(x, y, 1) <= 1);

/** A creator key ("surname initials~given") in its parts: surname, initials, given name. */
interface CreatorParts {
  s: string;
  i: string;
  g: string;
}

function creatorParts(key: string): CreatorParts {
  const [name = '', g = ''] = key.split('~');
  const [s = '', i = ''] = name.split(' ');
  return { s, i, g };
}

/**
 * Whether two creators name one person: the same surname with compatible first initials, or
 * the surname and given name swapped ("Hokusai, Katsushika" / "Katsushika, Hokusai"), or a single
 * name that is the other's given name ("Hokusai").
 */
function sameCreator(x: CreatorParts, y: CreatorParts): boolean {
  if (sameName(x.s, y.s)) return !x.i || !y.i || x.i[0] === y.i[0];
  if (x.g && y.g) return sameName(x.s, y.g) && sameName(y.s, x.g);
  if (!x.i && y.g) return sameName(x.s, y.g);
  if (!y.i && x.g) return sameName(y.s, x.g);
  return false;
}

/** Share of the smaller creator list matched in the other (surname, typo-tolerant; initials compatible). */
export function creatorOverlap(a: string, b: string): number | null {
  if (!a || !b) return null;
  // Each key is taken apart once per pair, not once per comparison.
  const ca = a.split('|').map(creatorParts);
  const cb = b.split('|').map(creatorParts);
  const [small, large] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  let hits = 0;
  for (const x of small) if (large.some((y) => sameCreator(x, y))) hits++;
  // Mostly the share of the smaller list (a list cut to its first authors still agrees), but two
  // long lists that share only some names are less alike than that share says.
  const dice = (2 * hits) / (ca.length + cb.length);
  return small.length >= 2 ? (hits / small.length + dice) / 2 : hits / small.length;
}

/** Date ranges wider than this many years ("17th century") neither agree nor disagree. */
const VAGUE_RANGE = 10;

/** Whether two `sep`-joined lists share a value (the second split once, not per value of the first). */
function sharesAny(x: string, y: string, sep: string): boolean {
  const ys = y.split(sep);
  return x.split(sep).some((v) => ys.includes(v));
}

/** Scores a candidate pair. */
export function scorePair(a: MatchFeatures, b: MatchFeatures, settings: Pick<DedupeSettings, 'yearSlack' | 'matchThreshold' | 'minTitleSimilarity' | 'commonTitleCount'>): PairScore {
  const title = titleSimilarity(a, b);
  const creators = creatorOverlap(a.creators, b.creators);
  const known = !Number.isNaN(a.y0) && !Number.isNaN(b.y0);
  const overlap = known && a.y0 - settings.yearSlack <= b.y1 && b.y0 - settings.yearSlack <= a.y1;
  const vague = known && (a.y1 - a.y0 > VAGUE_RANGE || b.y1 - b.y0 > VAGUE_RANGE);
  const years =
    a.day && b.day ? a.day === b.day // both dated to the day: the day must agree (two letters of one correspondence)
    : !known ? null
    : overlap ? (vague ? null : true)
    : false;
  const doiConflict =
    (a.dois !== '' && b.dois !== '' && !sharesAny(a.dois, b.dois, ' ')) ||
    (a.page !== '' && b.page !== '' && a.page !== b.page) || // an abstract and the article, two articles of one issue
    citationConflict(a, b) ||
    meetingConflict(a, b);
  const commonTitle = Math.max(a.titleFreq, b.titleFreq) >= settings.commonTitleCount;
  const typeConflict = a.types !== 0 && b.types !== 0 && (a.types & b.types) === 0;
  const languageConflict = a.langs !== '' && b.langs !== '' && !sharesAny(a.langs, b.langs, ',');
  let score = WEIGHT_TITLE * title + WEIGHT_CREATORS * (creators ?? 0.5) + WEIGHT_YEARS * (years === null ? 0.5 : years ? 1 : 0);
  if (typeConflict) score *= 0.85;
  if (languageConflict) score *= 0.85;
  // Below these, a merge is never made, whatever the sum says: it can only be a possible match.
  const justBelow = settings.matchThreshold - 0.01;
  if (years === false || doiConflict || title < settings.minTitleSimilarity) score = Math.min(score, justBelow);
  // A title several records of one source share (a series of letters, a recurring column) merges
  // only with a precise date both agree on: the same day, or the same single year.
  const sameDay = a.day !== '' && a.day === b.day;
  // The same single year counts only when neither gives a day: a letter dated to the day and
  // another of the correspondence dated "ca. 1886" are not shown to be one.
  const sameYear = years === true && a.y1 - a.y0 <= 1 && b.y1 - b.y0 <= 1 && a.day === '' && b.day === '';
  if (commonTitle && !(sameDay || sameYear)) score = Math.min(score, justBelow);
  // Without creators to agree on, a title merges only when it is long (3+ significant words with an
  // agreeing date; 4+ and nearly identical without one): "Annual report, 1900" is many things.
  if (creators === null) {
    const words = Math.min(a.title.split(' ').length, b.title.split(' ').length);
    if (years === null ? words < 4 || title < 0.95 : words < 3) score = Math.min(score, justBelow);
  }
  return { score: Math.round(score * 1000) / 1000, title, creators, years, typeConflict, languageConflict, doiConflict, commonTitle };
}

/** A short explanation of a score, stored as the link's reason. */
export function explainScore(s: PairScore): string {
  const parts = [`title ${s.title.toFixed(2)}`];
  parts.push(s.creators === null ? 'creators n/a' : `creators ${s.creators.toFixed(2)}`);
  parts.push(s.years === null ? 'years n/a' : s.years ? 'years agree' : 'years differ');
  if (s.typeConflict) parts.push('types differ');
  if (s.languageConflict) parts.push('languages differ');
  if (s.doiConflict) parts.push('DOIs or citations differ');
  if (s.commonTitle) parts.push('common title');
  return parts.join(', ');
}
