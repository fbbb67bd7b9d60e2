// Match features and keys of a normalised record: folded title words, creators as surname and
// initials, year range, types, languages; identifier keys and blocking keys. Pure: no I/O.

import type { DcmiType, NormalisedRecord } from '../model/record.js';
import { BOILERPLATE_TITLES, foldText, mainTitle, significantTokens, tokens } from './text.js';
import type { LinkRule } from './types.js';

/** What scoring needs of a record, kept compact (strings, not arrays) for a million in memory. */
export interface MatchFeatures {
  id: string;
  source: string;
  /** Significant folded words of the first title, space-joined; '' when the title is uninformative. */
  title: string;
  /** The same for the main title (before a subtitle separator). */
  main: string;
  /** Folded creators, "surname initials" (and "~given" when a given name is written out) joined by "|", first `maxCreators` only. */
  creators: string;
  /** Year range; NaN when unknown. */
  y0: number;
  y1: number;
  /** The date to the day (YYYY-MM-DD) when the source gave one; '' otherwise. */
  day: string;
  /** The title was cut short by the source (it ends with an ellipsis). */
  truncated: boolean;
  /** Other titles (parallel, alternative), folded significant words, joined by "|". */
  alts: string;
  /** DOIs, sorted, joined by " ": two records with different DOIs are different works. */
  dois: string;
  /** First page of a page range cited in the record's relations/source ("Blood 114(22) 1234-1235"); '' if none. */
  page: string;
  /** The volume of a citation in the record's relations/source ("Blood 114 (22) 1234-5" → "114"); '' if none. */
  volume: string;
  /**
   * The container a citation names, folded, stop-words dropped, up to its first number, prefixed by
   * "m:" when the citation names a meeting (conference, congress, symposium, proceedings, abstracts,
   * supplement) and "j:" otherwise ("Blood 114 (22) 1234" → "j:blood"); '' when no relation is a citation.
   */
  container: string;
  /** How many live records of its source carry exactly this title (set by the dedupe run; 1 until then). */
  titleFreq: number;
  /** Bit set of DCMI types. */
  types: number;
  /** ISO 639-3 codes, sorted, comma-joined. */
  langs: string;
}

/** A strong-identifier key: the rule it stands for and its value. */
export interface IdentifierKey {
  rule: Exclude<LinkRule, 'fuzzy' | 'seed'>;
  key: string;
}

const TYPE_BITS: Record<DcmiType, number> = {
  Collection: 1, Dataset: 2, Event: 4, Image: 8, InteractiveResource: 16, MovingImage: 32, PhysicalObject: 64,
  Service: 128, Software: 256, Sound: 512, StillImage: 8 /* same bit as Image: a StillImage is an Image */, Text: 1024,
};

/** Whether a folded title says nothing about the thing: empty, one character, stop-words only, or boilerplate. */
export function isUninformativeTitle(folded: string, significant: string[]): boolean {
  if (significant.length === 0) return true;
  if (significant.join('').length < 2) return true;
  if (significant.length > 4) return false; // boilerplate is short
  const bare = folded.replace(/\b(?:\d+|[ivxlc]+)\b/g, ' ').replace(/\s+/g, ' ').trim(); // "Photograph 12", "Untitled II"
  return BOILERPLATE_TITLES.has(folded) || BOILERPLATE_TITLES.has(bare) || bare === '';
}

/** Surname particles, left out of the surname key: "von Humboldt" and "Humboldt, A. v." agree. */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'des', 'la', 'le', 'ten', 'ter', 'zu', 'y', 'd', 'al', 'el', 'v', 'vd']);

/** Surname and initials of an agent, folded: "Dupont, Jean-Marie" → "dupont jm"; "von Humboldt, Alexander" → "humboldt a". */
export function creatorKey(name: string, sortName: string | undefined): string {
  const sort = (sortName ?? name).replace(/\s*\([^)]*\)\s*$/, ''); // life dates in parentheses
  const comma = sort.indexOf(',');
  if (comma > 0) {
    const surnameWords = tokens(foldText(sort.slice(0, comma))).filter((w) => !PARTICLES.has(w));
    const given = givenWords(sort.slice(comma + 1));
    const surname = surnameWords[surnameWords.length - 1] ?? tokens(foldText(sort.slice(0, comma))).join('');
    return `${surname} ${given.map((g) => g[0]).join('')}`.trim();
  }
  const words = tokens(foldText(sort)).filter((w) => !/^\d/.test(w));
  if (words.length === 0) return '';
  // No comma: a body or a single name; "First Last" without a sort form keeps the last word as surname.
  if (words.length <= 3 && sortName === undefined) return `${words[words.length - 1]} ${words.slice(0, -1).filter((w) => !PARTICLES.has(w)).map((g) => g[0]).join('')}`.trim();
  return words.join('');
}

/**
 * Given names after a sort form's comma, folded, without life dates and without trailing particles
 * ("Ferraris, Joseph Jean François de"). Only trailing ones: "Hill, D. O." keeps its "d", which is
 * an initial, not the particle of "d'Alembert".
 */
function givenWords(text: string): string[] {
  const words = tokens(foldText(text)).filter((w) => !/^\d/.test(w));
  while (words.length > 1 && PARTICLES.has(words[words.length - 1] as string) && (words[words.length - 1] as string).length > 1) words.pop();
  return words;
}

/**
 * The first given name of an agent written out in full (not an initial), folded; '' when there is
 * none. Lets "Hokusai, Katsushika" and "Katsushika, Hokusai" (family and given name swapped, common
 * for East Asian names) agree.
 */
function givenName(name: string, sortName: string | undefined): string {
  const sort = (sortName ?? name).replace(/\s*\([^)]*\)\s*$/, '');
  const comma = sort.indexOf(',');
  let first: string | undefined;
  if (comma > 0) first = givenWords(sort.slice(comma + 1))[0];
  else if (sortName === undefined) {
    const words = tokens(foldText(sort)).filter((w) => !/^\d/.test(w));
    if (words.length >= 2 && words.length <= 3) first = words[0];
  }
  return first && first.length >= 3 && !PARTICLES.has(first) ? first : '';
}

/** Features of a live record. */
export function buildFeatures(record: NormalisedRecord, maxCreators: number): MatchFeatures {
  const raw = record.title[0]?.value ?? '';
  const first = stripQualifiers(raw);
  const foldedFull = foldText(first);
  const full = significantTokens(tokens(foldedFull));
  const mainText = mainTitle(first);
  const foldedMain = mainText === first ? foldedFull : foldText(mainText);
  const main = mainText === first ? full : significantTokens(tokens(foldedMain));
  const informative = !isUninformativeTitle(foldedFull, full) && (main === full || !isUninformativeTitle(foldedMain, main));
  const creators: string[] = [];
  for (const agent of record.creator ?? []) {
    if (creators.length >= maxCreators) break;
    const key = creatorKey(agent.name, agent.sortName);
    if (!key || creators.some((c) => c === key || c.startsWith(`${key}~`))) continue;
    const given = givenName(agent.name, agent.sortName);
    creators.push(given ? `${key}~${given}` : key);
  }
  let types = 0;
  for (const t of record.type ?? []) types |= TYPE_BITS[t.value] ?? 0;
  const d = record.date;
  return {
    id: record.id,
    source: record.source.id,
    title: informative ? full.join(' ') : '',
    main: informative ? main.join(' ') : '',
    creators: creators.join('|'),
    y0: d?.earliest ?? Number.NaN,
    y1: d?.latest ?? d?.earliest ?? Number.NaN,
    day: d?.edtf && /^\d{4}-\d{2}-\d{2}$/.test(d.edtf) ? d.edtf : '',
    truncated: /(?:\.\.\.|…|\[\.\.\.\])\s*$/.test(raw),
    alts: informative ? otherTitles(record) : '',
    dois: (record.identifier ?? []).filter((i) => i.scheme === 'doi').map((i) => i.value.toLowerCase()).sort().join(' '),
    page: firstPage(record.relation),
    volume: citedVolume(record.relation),
    container: citedContainer(record.relation),
    titleFreq: 1,
    types,
    langs: [...new Set(record.language ?? [])].sort().join(','),
  };
}

/**
 * A title without trailing bracketed qualifiers: material designations and notes a cataloguer
 * adds ("Trier. [Druckgraphik]", "... [electronic resource]", "... [French]").
 */
export function stripQualifiers(title: string): string {
  const out = title.replace(/(?:\s*[.,;:]?\s*\[[^\]]*\]\s*\.?)+\s*$/, '').trim();
  return out || title;
}

/** The first page of the first page range in citation-like relations ("... 14(2) 6-15" → "6"). */
function firstPage(relations: string[] | undefined): string {
  for (const r of relations ?? []) {
    if (/^https?:\/\//.test(r)) continue;
    const m = /(?:^|[\s,:;(p.])(\d{1,6})\s*(?:-|–|--)\s*\d{1,6}\b/.exec(r);
    if (m) return m[1] as string;
  }
  return '';
}

/**
 * The volume of the first citation-like relation: a name followed by a volume and an issue with a
 * number ("Blood 114 (22) 1234-5", "Br J Haematol 129 (Suppl. 1) 57") or by a volume and a page
 * range ("Kidney Int 12, 34-40"). A series name ("Carte de France (Cassini)", "Topographia
 * Germaniae") is no citation: no number follows it.
 */
export function citedVolume(relations: string[] | undefined): string {
  for (const r of relations ?? []) {
    if (/^https?:\/\//.test(r)) continue;
    const m =
      /^[^\d()]*\p{L}[^\d()]*?[\s.,;:]+(\d{1,5})\s*\([^)]*\d[^)]*\)/u.exec(r) ??
      /^[^\d()]*\p{L}[^\d()]*?[\s.,;:]+(\d{1,5})[\s.,;:]+(?:pp?\.?\s*)?\d+\s*(?:-|–|--)\s*\d+/u.exec(r);
    if (m) return String(Number(m[1]));
  }
  return '';
}

/**
 * Words saying a citation is of a meeting or of a journal's supplement (where meeting abstracts are
 * printed): "Pediatric Nephrology.Conference: 44th Annual Meeting ...", "Proc Am Soc Clin Oncol",
 * "Eur Respir J Suppl", an issue or page "S2". Folded; en, fr, de, it, es, pt, nl forms.
 */
const MEETING_WORDS =
  /\b(?:conference|conferences|congress|congresses|meeting|meetings|symposium|symposia|workshop|colloquium|proceedings|proc|abstract|abstracts|supplement|suppl|conferencia|conferenza|conferentie|congres|congreso|congresso|kongress|konferenz|\w*tagung|convegno|colloque|simposio|symposion|actes|anais|actas|atti|s\d{1,3})\b/;

/**
 * The container of the first citation-like relation (one with a cited volume, or naming a
 * meeting): "m:" or "j:" and its folded words before the first number. A meeting abstract and the
 * journal article of the same title are two publications; the name tells whether two citations can
 * be one (see `meetingConflict` in score.ts).
 */
export function citedContainer(relations: string[] | undefined): string {
  for (const r of relations ?? []) {
    if (/^https?:\/\//.test(r)) continue;
    const folded = foldText(r);
    const meeting = MEETING_WORDS.test(folded);
    if (!meeting && citedVolume([r]) === '') continue;
    const words = tokens(folded);
    const cut = words.findIndex((w) => /^\d/.test(w));
    const name = significantTokens(cut < 0 ? words : words.slice(0, cut)).slice(0, 8).join(' ');
    return `${meeting ? 'm' : 'j'}:${name}`;
  }
  return '';
}

/** Up to three other titles (parallel titles, alternatives) as folded significant words. */
function otherTitles(record: NormalisedRecord): string {
  const out: string[] = [];
  for (const t of [...record.title.slice(1), ...(record.alternative ?? [])]) {
    if (out.length >= 3) break;
    const words = significantTokens(tokens(foldText(stripQualifiers(t.value))));
    if (words.length) out.push(words.join(' '));
  }
  return out.join('|');
}

/** Strong-identifier keys: values that name the work itself after normalisation. */
export function identifierKeys(record: NormalisedRecord): IdentifierKey[] {
  const out: IdentifierKey[] = [];
  const seen = new Set<string>();
  const add = (rule: IdentifierKey['rule'], value: string): void => {
    const key = `${rule}:${value}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ rule, key });
    }
  };
  let mainWords: string | undefined;
  for (const id of record.identifier ?? []) {
    const v = id.value.trim();
    if (!v) continue;
    switch (id.scheme) {
      case 'doi':
      case 'isbn':
      case 'handle':
      case 'ark':
        add(id.scheme, v.toLowerCase());
        break;
      case 'urn':
        add('urn', v.toLowerCase());
        break;
      case 'issn': {
        // An ISSN names a serial, not an article: it joins only with the same title.
        mainWords ??= significantTokens(tokens(foldText(mainTitle(record.title[0]?.value ?? '')))).slice(0, 6).join(' ');
        if (mainWords) add('issn-title', `${v.toLowerCase()}|${mainWords}`);
        break;
      }
      case 'uri':
        add('url', canonicalUrl(v));
        break;
      default:
        break;
    }
  }
  if (record.isShownAt) add('url', canonicalUrl(record.isShownAt));
  return out;
}

/** A landing-page URL in one form: no scheme, no "www.", no trailing slash or fragment, host lower-case. */
export function canonicalUrl(url: string): string {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/?#]+)([^#]*)/i.exec(url.trim());
  if (!m) return url.trim();
  return `${(m[1] as string).toLowerCase()}${(m[2] as string).replace(/\/+$/, '')}`;
}

/**
 * Blocking keys of a record (none when its title is uninformative): records sharing a key are
 * compared. Several keys so that one typo, a dropped subtitle or a swapped name order rarely
 * breaks all of them.
 */
export function blockingKeys(f: MatchFeatures): string[] {
  if (!f.title) return [];
  const main = f.main.split(' ');
  const full = f.title.split(' ');
  const keys: string[] = [];
  // tx: the whole title, exactly (its group size is also the title's frequency, see titleFreq);
  // other titles (parallel, alternative) too: one archive's parallel title is another's only title.
  keys.push(titleKey(f));
  if (f.alts) for (const alt of f.alts.split('|')) keys.push(`tx:${alt}`);
  // t2: the first two significant words of the main title (robust to dropped subtitles, truncation).
  keys.push(`t2:${main.slice(0, 2).join(' ')}`);
  // tl: the two longest words of the main title (robust to typos in short words and word order).
  if (main.length >= 3) {
    const longest = [...main].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 2).sort();
    keys.push(`tl:${longest.join(' ')}`);
  }
  // tp: three-letter prefixes of the first four words (robust to typos past the third letter).
  if (full.length >= 3) keys.push(`tp:${full.slice(0, 4).map((w) => w.slice(0, 3)).join(' ')}`);
  // cy: first creator's surname, the year and the title's first letter: robust to a typo anywhere
  // past that letter, in short titles too ("Ldder" / "Ladder", whose title keys all differ). It
  // counts double towards `minSharedKeys` (see dedupe.ts): on its own it is worth a score.
  const cy = creatorYearKey(f);
  if (cy) keys.push(cy);
  // cw: the first creator's surname (or else the year) with each of the title's two longest words:
  // a typo in one of them, or in the leading words, leaves the other.
  const surname = firstSurname(f);
  const who = surname ? `c${surname}` : Number.isNaN(f.y0) ? '' : `y${f.y0}`;
  if (who) {
    const longest = [...new Set(full)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 2);
    for (const w of longest) keys.push(`cw:${who}|${w}`);
  }
  return keys;
}

/** The creator-year key of a record: first creator's surname, year (or "?"), first letter of the title; '' without a creator. */
export function creatorYearKey(f: MatchFeatures): string {
  const first = firstSurname(f);
  // Undated records ("undated", "[1830-1832]" the normaliser could not read) key on "?" instead.
  return f.title && first ? `cy:${first} ${Number.isNaN(f.y0) ? '?' : f.y0} ${f.title[0]}` : '';
}

/** The folded surname of the record's first creator ('' or undefined without one). */
const firstSurname = (f: MatchFeatures): string | undefined => f.creators.split('|')[0]?.split(/[ ~]/)[0];

/** The exact-title key of a record (informative titles only). */
export function titleKey(f: MatchFeatures): string {
  return `tx:${f.title}`;
}

/**
 * The exact title within the record's source: how many records of one archive carry a title says
 * whether it is a series title (letters of one correspondence) or a work's own title (which other
 * archives may also carry, once each).
 */
export function sourceTitleKey(f: MatchFeatures): string {
  return `ts:${f.source}|${f.title}`;
}

/** A 39-bit hash of a key (fits a SQLite integer and, beside a 25-bit index, a 64-bit sort key). */
export function hashKey(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 128 + ((h2 >>> 0) & 127);
}
