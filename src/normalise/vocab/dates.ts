// Reads the dates archives write (ISO, ranges, decades, centuries, circa, n.d., six languages, MARC 008) into EDTF and a year range.
// Pure: no I/O, no clock. Never guesses: what it cannot read keeps its display text and raises DATE_UNPARSEABLE.

import type { RecordDate } from '../../model/record.js';
import { issueValue, type VocabIssue } from './vocab-issue.js';

/** Result of normaliseDate: always a date with its display text; an issue when the text could not be read. */
export interface DateResult {
  date: RecordDate;
  issue?: VocabIssue;
}

/** A single date read from text, before qualification. Years are astronomical (1 BC = 0). */
interface Point {
  edtf: string;
  earliest: number;
  latest: number;
  kind: 'day' | 'month' | 'season' | 'year' | 'decade' | 'century' | 'span';
}

/** A point with its EDTF qualifiers; `approxPrefix` records a leading "ca." to carry over to a range's end. */
interface Qualified extends Point {
  approx: boolean;
  uncertain: boolean;
  approxPrefix: boolean;
}

interface Parsed {
  edtf: string;
  earliest?: number;
  latest?: number;
}

const MIN_YEAR = -9999;
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/;
/** Longest text read as a date ("between 12 April 1889 and 13 May 1890 or later" is 46). */
const MAX_DATE_LENGTH = 80;
// Later years are typing errors, not dates (no clock: the bound is fixed so results never change).
const MAX_YEAR = 2100;

// ---- Tables ----

const MONTHS = new Map<string, number>();
{
  const names: string[][] = [
    // en, fr, de, nl, es, it (diacritics removed; abbreviations without the period)
    ['january', 'jan', 'janvier', 'janv', 'januar', 'janner', 'jann', 'januari', 'enero', 'ene', 'gennaio', 'gen'],
    ['february', 'feb', 'fevrier', 'fevr', 'fev', 'februar', 'feber', 'februari', 'febrero', 'febbraio', 'febb'],
    ['march', 'mar', 'mars', 'marz', 'maart', 'mrt', 'marzo'],
    ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
    ['may', 'mai', 'mei', 'mayo', 'maggio', 'magg'],
    ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'giu'],
    ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio', 'lug'],
    ['august', 'aug', 'aout', 'augustus', 'agosto', 'ago'],
    ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'sett', 'set'],
    ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre', 'ottobre', 'ott'],
    ['november', 'nov', 'novembre', 'noviembre'],
    ['december', 'dec', 'decembre', 'dezember', 'dez', 'diciembre', 'dic', 'dicembre'],
  ];
  names.forEach((list, i) => list.forEach((n) => MONTHS.set(n, i + 1)));
}

// EDTF level 1 seasons: 21 spring, 22 summer, 23 autumn, 24 winter.
const SEASONS = new Map<string, number>();
for (const [code, list] of [
  [21, ['spring', 'printemps', 'fruhling', 'fruhjahr', 'lente', 'voorjaar', 'primavera']],
  [22, ['summer', 'ete', 'sommer', 'zomer', 'verano', 'estate']],
  [23, ['autumn', 'fall', 'automne', 'herbst', 'herfst', 'najaar', 'otono', 'autunno']],
  [24, ['winter', 'hiver', 'invierno', 'inverno']],
] as const) {
  for (const n of list) SEASONS.set(n, code);
}

// Keys after removing brackets, dots, white space: "n.d.", "[s.d.]", "o. J.", "sans date", "undated".
const NO_DATE = new Set([
  'nd', 'sd', 'sa', 'sf', 'snt', 'oj', 'od', 'zj', 'zd', 'ny', 'nodate', 'undated', 'undatiert', 'unknown', 'dateunknown', 'unknowndate',
  'notdated', 'unbekannt', 'inconnu', 'inconnue', 'onbekend', 'desconocido', 'sconosciuto', 'sansdate', 'nondate', 'ohnejahr',
  'ohnedatum', 'zonderjaar', 'zonderdatum', 'sinfecha', 'senzadata', 'sineanno', 'sinedato', 'uuuu', '????', '0000', 'na', 'none',
]);

// ---- Patterns, compiled once ----

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR3 = /^\d{3}$/;
const DMY_DOTS = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/;
const XY_YEAR = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const MONTH_YEAR_NUM = /^(\d{1,2})[/.](\d{4})$/;
const BCE = /^(\d{1,4})\s*(?:bce?|b\.\s?c\.(?:\s?e\.)?|v\.\s?chr\.?|vor\s+christus|av\.\s?j\.?-?\s?c\.?|avant\s+j\.?-?\s?c\.?|a\.\s?c\.?|a\.\s?de\s+c\.?|v\.\s?c\.?|a\.\s?c\.?n\.?)$/;
const CE = /^(?:ad|a\.d\.)\s*(\d{1,4})$|^(\d{1,4})\s*(?:ad|a\.d\.|ce|c\.e\.|n\.\s?chr\.?|ap\.\s?j\.?-?\s?c\.?|d\.\s?c\.?)$/;
const DECADE = [
  /^(?:the\s+)?(\d{3})0\s?'?s$/, // 1890s, 1890's
  /^(\d{3})0er(?:[\s-]?jahre)?$/, // 1890er Jahre
  /^(?:annees|anni|jaren|decada de|los anos|die)\s+(\d{3})0(?:er)?$/, // années 1890, anni 1890, jaren 1890
  /^(\d{3})[-xu]$/, // 189- (AACR2), 189X (EDTF), 189u (MARC)
];
const CENTURY_DIGITS = /^(\d{2})(?:xx|--|uu)$/; // 18XX, 18-- (AACR2: the 1800s), 18uu (MARC)
const ROMAN = /^x{0,2}(?:ix|iv|v?i{0,3})$/;
const CENTURY = [
  /^(\d{1,2}|[ivx]+)\s*(?:st|nd|rd|th)?\s*(?:century|centuries|cent\.?|c\.)$/, // 18th century, 18th c., XVIII century
  /^(\d{1,2}|[ivx]+)\s*(?:e|eme|er|re|de|ste)?\s*(?:siecle|s\.|eeuw)$/, // XVIIIe siècle, 18e siècle, 18de eeuw
  /^(\d{1,2})\.\s*(?:jh\.?|jhdt\.?|jahrhundert|jahrhunderts)$/, // 18. Jh., 18. Jahrhundert
  /^(?:siglo|s\.|secolo|sec\.)\s*(\d{1,2}|[ivx]+)$/, // siglo XVIII, sec. XVIII
  /^(\d{1,2}|[ivx]+)\s*(?:secolo|sec\.)$/, // XVIII secolo
];
// Part of a century: [prefix, first year offset, last year offset, exact (halves) or approximate (thirds)].
const CENTURY_PART = /^(early|mid|late|first half of(?: the)?|second half of(?: the)?|debut du|milieu du|fin du|premiere moitie du|seconde moitie du|deuxieme moitie du|anfang(?: des)?|mitte(?: des)?|ende(?: des)?|fruhes|spates|erste halfte des|zweite halfte des|begin|midden|eind|principios del|mediados del|finales del|inizio|meta|fine)[\s-]+(.+)$/;
const PART_RANGE: Record<string, [number, number, boolean]> = {
  early: [0, 32, false], 'debut du': [0, 32, false], anfang: [0, 32, false], 'anfang des': [0, 32, false], fruhes: [0, 32, false], begin: [0, 32, false], 'principios del': [0, 32, false], inizio: [0, 32, false],
  mid: [33, 66, false], 'milieu du': [33, 66, false], mitte: [33, 66, false], 'mitte des': [33, 66, false], midden: [33, 66, false], 'mediados del': [33, 66, false], meta: [33, 66, false],
  late: [67, 99, false], 'fin du': [67, 99, false], ende: [67, 99, false], 'ende des': [67, 99, false], spates: [67, 99, false], eind: [67, 99, false], 'finales del': [67, 99, false], fine: [67, 99, false],
  'first half of': [0, 49, true], 'first half of the': [0, 49, true], 'premiere moitie du': [0, 49, true], 'erste halfte des': [0, 49, true],
  'second half of': [50, 99, true], 'second half of the': [50, 99, true], 'seconde moitie du': [50, 99, true], 'deuxieme moitie du': [50, 99, true], 'zweite halfte des': [50, 99, true],
};
const APPROX_PREFIX = /^(?:circa|ca\.?|cca\.?|c\.|c(?=\s?\d)|approx\.?|approximately|around|about|abt\.?|um|etwa|gegen|vers|env\.?|environ|omstreeks|ong\.?|ongeveer|rond|hacia|aprox\.?|aproximadamente|verso|intorno al)\s*/;
const BEFORE = /^(?:before|vor|avant|voor|antes de|prima del|prima di|not after)\s+(.+)$/;
const AFTER = /^(?:after|nach|apres|na|despues de|dopo il|dopo|not before|since|seit|depuis)\s+(.+)$/;
const BETWEEN = /^(?:between|entre|zwischen|tussen|tra il|fra il|tra|fra)\s+(.+?)\s+(?:and|et|und|en|y|e)\s+(.+)$/;
const FROM_TO = /^(?:from|von|de|van|desde|dal|da)\s+(.+?)\s+(?:to|bis|a|au|tot|hasta|al|a)\s+(.+)$/;
const WORD_SEPARATORS = [' - ', '–', '—', ' to ', ' bis ', ' a ', ' au ', ' tot ', ' until ', ' till ', ' al '];
const ONE_OF = /\s+(?:or|ou|oder|of|o)\s+/;
const LIST_SEPARATOR = /\s*[,;]\s*/;
const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|\.|º)?$/;
const FILLER = new Set(['de', 'del', 'the', 'of', 'le', 'el', 'den', 'im', 'on']);

// ---- Helpers ----

function fy(year: number): string {
  return year < 0 ? '-' + String(-year).padStart(4, '0') : String(year).padStart(4, '0');
}

function pad2(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function yearPoint(y: number): Point | undefined {
  return y < MIN_YEAR || y > MAX_YEAR ? undefined : { edtf: fy(y), earliest: y, latest: y, kind: 'year' };
}

function dayPoint(y: number, m: number, d: number): Point | undefined {
  if (y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return { edtf: `${fy(y)}-${pad2(m)}-${pad2(d)}`, earliest: y, latest: y, kind: 'day' };
}

function monthPoint(y: number, m: number): Point | undefined {
  if (y > MAX_YEAR || m < 1 || m > 12) return undefined;
  return { edtf: `${fy(y)}-${pad2(m)}`, earliest: y, latest: y, kind: 'month' };
}

function romanValue(r: string): number {
  let total = 0;
  const v: Record<string, number> = { i: 1, v: 5, x: 10 };
  for (let i = 0; i < r.length; i++) {
    const cur = v[r[i] as string] ?? 0;
    const next = v[r[i + 1] as string] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

function centuryNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return ROMAN.test(token) && token !== '' ? romanValue(token) : undefined;
}

function centuryPoint(n: number): Point | undefined {
  if (n < 1 || n > 21) return undefined;
  const start = (n - 1) * 100;
  return { edtf: `${pad2(n - 1)}XX`, earliest: start, latest: start + 99, kind: 'century' };
}

/** Lower case, diacritics removed, white space folded: the form the word patterns expect. */
function fold(text: string): string {
  let s = text.toLowerCase();
  // Only letters with diacritics need decomposing; an en dash or a non-breaking space does not.
  if (ACCENTED.test(s)) s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/\s+/g, ' ').trim();
}

// ---- Single dates ----

function parseCentury(t: string): Point | undefined {
  const digits = CENTURY_DIGITS.exec(t);
  if (digits) {
    const start = Number(digits[1]) * 100;
    return { edtf: `${digits[1] as string}XX`, earliest: start, latest: start + 99, kind: 'century' };
  }
  for (const re of CENTURY) {
    const m = re.exec(t);
    if (m) {
      const n = centuryNumber(m[1] as string);
      return n === undefined ? undefined : centuryPoint(n);
    }
  }
  const part = CENTURY_PART.exec(t);
  if (part) {
    const range = PART_RANGE[part[1] as string];
    const c = range && parseCentury(part[2] as string);
    if (!range || !c || c.kind !== 'century') return undefined;
    const [a, b, exact] = range;
    const q = exact ? '' : '~';
    return { edtf: `${fy(c.earliest + a)}${q}/${fy(c.earliest + b)}${q}`, earliest: c.earliest + a, latest: c.earliest + b, kind: 'span' };
  }
  return undefined;
}

/** Month-name dates: "April 1889", "12 April 1889", "April 12, 1889", "1er avril 1889", "12. März 1889", "12 de abril de 1889", "Spring 1890". */
function parseWords(t: string): Point | undefined {
  let month: number | undefined;
  let season: number | undefined;
  let year: number | undefined;
  let day: number | undefined;
  for (const raw of t.replace(/,/g, ' ').split(' ')) {
    if (raw === '' || FILLER.has(raw)) continue;
    const word = raw.endsWith('.') && !/^\d+\.$/.test(raw) ? raw.slice(0, -1) : raw;
    const mo = MONTHS.get(word);
    if (mo !== undefined && month === undefined && season === undefined) {
      month = mo;
      continue;
    }
    const se = SEASONS.get(word);
    if (se !== undefined && month === undefined && season === undefined) {
      season = se;
      continue;
    }
    if (/^\d{3,4}$/.test(word) && year === undefined) {
      year = Number(word);
      continue;
    }
    const d = ORDINAL.exec(word);
    if (d && day === undefined) {
      day = Number(d[1]);
      continue;
    }
    return undefined;
  }
  if (year === undefined) return undefined;
  if (season !== undefined) {
    return day === undefined && year <= MAX_YEAR ? { edtf: `${fy(year)}-${season}`, earliest: year, latest: year, kind: 'season' } : undefined;
  }
  if (month === undefined) return undefined;
  return day === undefined ? monthPoint(year, month) : dayPoint(year, month, day);
}

/** One date without qualifiers, `t` already folded. */
function parseBare(t: string): Point | undefined {
  let m = ISO.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (m[3] !== undefined) return dayPoint(y, Number(m[2]), Number(m[3]));
    if (m[2] !== undefined) return monthPoint(y, Number(m[2]));
    return yearPoint(y);
  }
  if (YEAR3.test(t)) return yearPoint(Number(t));
  if ((m = COMPACT_DAY.exec(t))) return dayPoint(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = DMY_DOTS.exec(t))) return dayPoint(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = YMD_SLASH.exec(t))) return dayPoint(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = XY_YEAR.exec(t))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12) return dayPoint(y, b, a);
    if (b > 12 || a === b) return dayPoint(y, a, b);
    // 03/04/1890: day-month or month-day depends on the country; only the year is certain.
    return yearPoint(y);
  }
  if ((m = MONTH_YEAR_NUM.exec(t))) return monthPoint(Number(m[2]), Number(m[1]));
  if ((m = BCE.exec(t))) {
    const n = Number(m[1]);
    return n === 0 ? undefined : yearPoint(1 - n);
  }
  if ((m = CE.exec(t))) return yearPoint(Number(m[1] ?? m[2]));
  for (const re of DECADE) {
    const d = re.exec(t);
    if (d) {
      const start = Number(d[1]) * 10;
      return start > MAX_YEAR ? undefined : { edtf: `${d[1] as string}X`, earliest: start, latest: start + 9, kind: 'decade' };
    }
  }
  const c = parseCentury(t);
  if (c) return c;
  if (/[a-z]/.test(t)) return parseWords(t);
  return undefined;
}

function stripBrackets(t: string): string {
  for (;;) {
    const first = t[0];
    const last = t[t.length - 1];
    if ((first === '[' && last === ']') || (first === '(' && last === ')')) t = t.slice(1, -1).trim();
    else return t;
  }
}

/** One date with its qualifiers: "[1890?]", "ca. 1890", "1890~", "circa 1890?", "um 1890", "[ca. 1890]". */
function parseQualified(text: string): Qualified | undefined {
  let t = text;
  let approx = false;
  let uncertain = false;
  let approxPrefix = false;
  for (let guard = 0; guard < 4; guard++) {
    t = stripBrackets(t);
    // "1890 (?)": endsWith first, as a regex anchored only at the end is tried at every position.
    if (t.endsWith('(?)')) t = t.slice(0, -3).trimEnd() + '?';
    const last = t[t.length - 1];
    if (last === '?') uncertain = true;
    else if (last === '~') approx = true;
    else if (last === '%') approx = uncertain = true;
    else {
      const p = APPROX_PREFIX.exec(t);
      if (p === null || p[0] === '' || p[0].length === t.length) break;
      approx = approxPrefix = true;
      t = t.slice(p[0].length);
      continue;
    }
    t = t.slice(0, -1).trim();
  }
  // "1890." at the end of a catalogue field.
  if (t.endsWith('.') && /\d\.$/.test(t) && !DMY_DOTS.test(t)) t = t.slice(0, -1);
  const p = parseBare(t);
  if (!p) return undefined;
  return { ...p, approx, uncertain, approxPrefix };
}

function qualifier(q: Qualified): string {
  return q.approx && q.uncertain ? '%' : q.approx ? '~' : q.uncertain ? '?' : '';
}

/** EDTF of a qualified point; a span ("late 19th century") is already an interval and takes no qualifier. */
function edtfOf(q: Qualified): string {
  return q.kind === 'span' ? q.edtf : q.edtf + qualifier(q);
}

// ---- Ranges, lists ----

function interval(l: Qualified, r: Qualified): Parsed | undefined {
  if (l.kind === 'span' || r.kind === 'span' || l.earliest > r.latest) return undefined;
  return { edtf: `${edtfOf(l)}/${edtfOf(r)}`, earliest: l.earliest, latest: r.latest };
}

function openStart(r: Qualified): Parsed | undefined {
  return r.kind === 'span' ? undefined : { edtf: `../${edtfOf(r)}`, latest: r.latest };
}

function openEnd(l: Qualified): Parsed | undefined {
  return l.kind === 'span' ? undefined : { edtf: `${edtfOf(l)}/..`, earliest: l.earliest };
}

/** Both sides of a range, sharing what one side left implicit: "1890-95", "16th-17th century", "siglo XVI-XVII", "ca. 1890-1895". */
function rangeOf(left: string, right: string): Parsed | undefined {
  if (left === '' || right === '') return undefined;
  let l = parseQualified(left);
  let r: Qualified | undefined;
  // "1890-95", "1890-5": the end abbreviated to its last digits.
  if (l && l.kind === 'year' && /^\d{1,2}$/.test(right) && l.earliest >= 1000) {
    const s = String(l.earliest);
    let y = Number(s.slice(0, 4 - right.length) + right);
    if (y < l.earliest) y += 10 ** right.length;
    r = parseQualified(String(y));
  } else {
    r = parseQualified(right);
  }
  // A century word written once for both: "16th-17th Century", "XVIe-XVIIe siècle", "siglo XVI-XVII".
  if (!l && r && r.kind === 'century') l = parseQualified(`${left} ${right.replace(/^\S+\s*/, '')}`);
  if (l && !r && l.kind === 'century') r = parseQualified(`${left.replace(/\s*\S+$/, '')} ${right}`);
  if (!l || !r) return undefined;
  // "ca. 1890-1895" is circa at both ends.
  if (l.approxPrefix && !r.approx) r = { ...r, approx: true };
  return interval(l, r);
}

function parseRange(t: string): Parsed | undefined {
  let m = BETWEEN.exec(t) ?? FROM_TO.exec(t);
  if (m) return rangeOf((m[1] as string).trim(), (m[2] as string).trim());
  if ((m = BEFORE.exec(t))) {
    const r = parseQualified(m[1] as string);
    return r && openStart(r);
  }
  if ((m = AFTER.exec(t))) {
    const l = parseQualified(m[1] as string);
    return l && openEnd(l);
  }
  const slash = t.indexOf('/');
  if (slash !== -1 && t.indexOf('/', slash + 1) === -1) {
    // ISO 8601 / EDTF interval, open ends included: 1890/1895, 1890/.., ../1890, 1890/
    const left = t.slice(0, slash).trim();
    const right = t.slice(slash + 1).trim();
    if (right === '' || right === '..') {
      const l = parseQualified(left);
      return l && openEnd(l);
    }
    if (left === '' || left === '..') {
      const r = parseQualified(right);
      return r && openStart(r);
    }
    const p = rangeOf(left, right);
    if (p) return p;
  }
  for (const sep of WORD_SEPARATORS) {
    const i = t.indexOf(sep);
    if (i === -1) continue;
    const left = t.slice(0, i).trim();
    const right = t.slice(i + sep.length).trim();
    if (right === '') {
      const l = parseQualified(left);
      return l && openEnd(l);
    }
    const p = rangeOf(left, right);
    if (p) return p;
  }
  // An unspaced hyphen: try each one ("1890-1895", "1890-04-12-1895-01", "16.-17. jh.").
  for (let i = t.indexOf('-'); i > 0; i = t.indexOf('-', i + 1)) {
    const left = t.slice(0, i).trim();
    const right = t.slice(i + 1).trim();
    if (right === '') {
      const l = parseQualified(left);
      if (l) return openEnd(l);
      continue;
    }
    const p = rangeOf(left, right);
    if (p) return p;
  }
  return undefined;
}

function isNoDate(t: string): boolean {
  return NO_DATE.has(t.replace(/[\s.[\]()]/g, ''));
}

/** A single date or a range. */
function parseOne(t: string): Parsed | undefined {
  const q = parseQualified(t);
  if (q) return { edtf: edtfOf(q), earliest: q.earliest, latest: q.latest };
  return parseRange(t);
}

/** In an EDTF set, a range is written a..b rather than a/b. */
function setMember(p: Parsed): string | undefined {
  if (p.edtf.startsWith('../') || p.edtf.endsWith('/..')) return undefined;
  return p.edtf.replace('/', '..');
}

/** Several dates: "1974, 2005" → {1974,2005}; "1890 or 1891" → [1890,1891]; "1978, undated" → 1978. */
function parseList(t: string, separator: RegExp, open: string, close: string): Parsed | undefined {
  const parts = t.split(separator).filter((p) => p !== '' && !isNoDate(p));
  if (parts.length === 0) return undefined;
  const parsed: Parsed[] = [];
  for (const part of parts) {
    const p = parseOne(part);
    if (!p) return undefined;
    parsed.push(p);
  }
  if (parsed.length === 1) return parsed[0];
  const members: string[] = [];
  let earliest = Infinity;
  let latest = -Infinity;
  for (const p of parsed) {
    const member = setMember(p);
    if (member === undefined || p.earliest === undefined || p.latest === undefined) return undefined;
    members.push(member);
    earliest = Math.min(earliest, p.earliest);
    latest = Math.max(latest, p.latest);
  }
  return { edtf: `${open}${members.join(',')}${close}`, earliest, latest };
}

function result(display: string, p: Parsed): DateResult {
  const date: RecordDate = { display, edtf: p.edtf };
  if (p.earliest !== undefined) date.earliest = p.earliest;
  if (p.latest !== undefined) date.latest = p.latest;
  return { date };
}

/**
 * Reads a date as archives write it. Returns the display text (white space folded) and, when
 * readable, EDTF plus the first and last year meant. Understands ISO 8601 dates and timestamps,
 * years, months and seasons with names (en, fr, de, nl, es, it), D.M.YYYY and unambiguous
 * D/M/YYYY, BC/AD, decades (1890s, 1890er, 189-, 189X), centuries (18th century, XVIIIe siècle,
 * 18. Jh., 18e eeuw, siglo XVIII, with early/mid/late and halves), ranges (1890-1895, 1890/1895,
 * 1890-95, between ... and ..., before/after), approximate and uncertain dates (ca. 1890, circa,
 * c., um, vers, [1890?], 1890?), and lists (1974, 2005). "n.d.", "s.d.", "o.J.", "undated" mean no
 * date: display only, no issue. Anything else: display only and DATE_UNPARSEABLE (warning).
 */
export function normaliseDate(text: string): DateResult {
  const display = text.replace(/\s+/g, ' ').trim();
  // Fast path: most archives send ISO dates.
  const iso = ISO.exec(display);
  // "0000" is a placeholder for "no date" in several catalogues, not the year 1 BC.
  if (iso && display !== '0000') {
    const y = Number(iso[1]);
    const p = iso[3] !== undefined ? dayPoint(y, Number(iso[2]), Number(iso[3])) : iso[2] !== undefined ? monthPoint(y, Number(iso[2])) : yearPoint(y);
    if (p) return result(display, p);
  }
  const t = fold(display);
  // Dates are short; a long text (a note, a bounding box in dc:coverage) is not read as one,
  // which also bounds the work of trying every hyphen as a range separator.
  if (t.length > MAX_DATE_LENGTH) return unparseable(display);
  if (t !== '' && !isNoDate(t)) {
    // A cataloguer's supplied date is bracketed whole (ISBD: "[1830-1832]", "[1830 or 1831]"):
    // read what is inside when the whole does not read.
    const inner = SUPPLIED.exec(t)?.[1]?.trim();
    const p = parseText(t) ?? (inner ? parseText(inner) : undefined);
    if (p) return result(display, p);
  } else if (t !== '') {
    return { date: { display } };
  }
  return unparseable(display);
}

const SUPPLIED = /^\[([^[\]]+)\]$/;

/** One date, a range, or a list of dates. */
function parseText(t: string): Parsed | undefined {
  return parseOne(t) ?? (ONE_OF.test(t) ? parseList(t, ONE_OF, '[', ']') : undefined) ?? (LIST_SEPARATOR.test(t) ? parseList(t, LIST_SEPARATOR, '{', '}') : undefined);
}

function unparseable(display: string): DateResult {
  return {
    date: { display },
    issue: {
      code: 'DATE_UNPARSEABLE',
      severity: 'warning',
      message: `Could not read a date from "${issueValue(display)}"; kept for display only`,
      value: issueValue(display),
    },
  };
}

// ---- MARC 21 fixed field 008/06-14 ----

/** One 008 date (Date 1 or Date 2) as read: a year with unknown digits as X, or what the positions say instead. */
type Marc008Year =
  | { kind: 'year'; edtf: string; earliest: number; latest: number }
  | { kind: 'blank' }
  | { kind: 'unknown' }
  | { kind: 'open' }
  | { kind: 'invalid' };

// Unknown digits are 'u' (MARC 21); '-' in records converted from older formats means the same.
const MARC_YEAR = /^(\d{1,4})([u-]*)$/;

function marc008Year(raw: string): Marc008Year {
  if (/^[ |#]*$/.test(raw)) return { kind: 'blank' };
  if (raw === '9999') return { kind: 'open' };
  const t = raw.toLowerCase();
  if (/^[u-]{4}$/.test(t) || t === '0000') return { kind: 'unknown' };
  const m = raw.length === 4 ? MARC_YEAR.exec(t) : null;
  if (!m) return { kind: 'invalid' };
  const digits = m[1] as string;
  const unknown = 4 - digits.length;
  const earliest = Number(digits.padEnd(4, '0'));
  const latest = Number(digits.padEnd(4, '9'));
  if (earliest > MAX_YEAR) return { kind: 'invalid' };
  return { kind: 'year', edtf: digits + 'X'.repeat(unknown), earliest, latest };
}

function marcResult(edtf: string, earliest: number | undefined, latest: number | undefined): DateResult {
  // The 008 has no text to show: the EDTF is the display (e.g. "1895", "189X", "1890/1895", "1890/..").
  const date: RecordDate = { display: edtf, edtf };
  if (earliest !== undefined) date.earliest = earliest;
  if (latest !== undefined) date.latest = latest;
  return { date };
}

function marcUnreadable(raw: string): DateResult {
  return {
    date: { display: raw.trim() || raw },
    issue: {
      code: 'DATE_UNPARSEABLE',
      severity: 'warning',
      message: `Could not read the MARC 008 dates "${issueValue(raw)}" (positions 06-14)`,
      value: issueValue(raw),
    },
  };
}

/**
 * Reads the dates of a MARC 21 bibliographic 008 field (positions 06 type of date, 07-10 Date 1,
 * 11-14 Date 2) into EDTF and a year range; the display is the EDTF, as the 008 has no text.
 * Unknown digits (`189u`) become X (`189X`, 1890-1899). By type of date:
 * - s (single), e (detailed: Date 2 is MMDD), r, p, t (reprint, release, copyright: Date 1 is
 *   the date of this publication), and | or blank (not coded) when Date 1 is a year: Date 1;
 * - m, i, k, d, c, u (ranges, collections, serials): Date 1/Date 2, with `..` for an open end
 *   (9999, or unknown for a continuing or unknown-status serial);
 * - q (questionable: one date between Date 1 and Date 2): the EDTF set `[1890..1895]`, or
 *   Date 1 with `?` when Date 2 is missing.
 * Returns undefined when the 008 gives no date (n: unknown, b: BC, unknown Date 1, an unknown
 * type of date, or a field shorter than 15 characters); a result with DATE_UNPARSEABLE when the
 * positions hold something other than years.
 */
export function normaliseMarc008Date(field: string): DateResult | undefined {
  if (field.length < 15) return undefined;
  const type = field[6] as string;
  const raw = field.slice(6, 15);
  const d1 = marc008Year(field.slice(7, 11));
  const d2 = marc008Year(field.slice(11, 15));
  if (type === 'n' || type === 'b') return undefined;
  if (!'sertp| #mikdcuq'.includes(type)) return undefined;
  if (d1.kind === 'blank' || d1.kind === 'unknown' || d1.kind === 'open') return undefined;
  if (d1.kind === 'invalid') return type === '|' || type === ' ' || type === '#' ? undefined : marcUnreadable(raw);
  switch (type) {
    case 'e': {
      // Detailed date: Date 2 is MMDD, with blanks or u for what is unknown.
      const mm = field.slice(11, 13);
      const dd = field.slice(13, 15);
      const month = /^\d\d$/.test(mm) ? Number(mm) : 0;
      if (d1.edtf.length === 4 && !d1.edtf.includes('X') && month >= 1 && month <= 12) {
        const y = d1.earliest;
        const day = /^\d\d$/.test(dd) ? Number(dd) : 0;
        if (day >= 1 && day <= daysIn(y, month)) return marcResult(`${d1.edtf}-${pad2(month)}-${pad2(day)}`, y, y);
        return marcResult(`${d1.edtf}-${pad2(month)}`, y, y);
      }
      return marcResult(d1.edtf, d1.earliest, d1.latest);
    }
    case 'm':
    case 'i':
    case 'k':
    case 'd':
    case 'c':
    case 'u': {
      if (d2.kind === 'year') {
        if (d2.latest < d1.earliest) return marcUnreadable(raw);
        return marcResult(`${d1.edtf}/${d2.edtf}`, d1.earliest, d2.latest);
      }
      if (d2.kind === 'invalid') return marcUnreadable(raw);
      // 9999: still going on; unknown end of a serial that is current or of unknown status.
      if (d2.kind === 'open' || ((type === 'c' || type === 'u' || type === 'd') && d2.kind === 'unknown')) return marcResult(`${d1.edtf}/..`, d1.earliest, undefined);
      return marcResult(d1.edtf, d1.earliest, d1.latest);
    }
    case 'q': {
      if (d2.kind === 'year') {
        if (d2.latest < d1.earliest) return marcUnreadable(raw);
        return marcResult(`[${d1.edtf}..${d2.edtf}]`, d1.earliest, d2.latest);
      }
      if (d2.kind === 'invalid') return marcUnreadable(raw);
      return marcResult(`${d1.edtf}?`, d1.earliest, d1.latest);
    }
    default:
      // s, r, p, t, and | or blank (not coded): Date 1 is the date of this resource.
      return marcResult(d1.edtf, d1.earliest, d1.latest);
  }
}
