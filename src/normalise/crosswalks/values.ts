// The small value helpers every crosswalk shares: white space, language-tagged values, issues, identifiers, rights, links, the draft itself.
// Pure: no I/O.

import type { Identifier, LangValue, Rights } from '../../model/record.js';
import type { Issue } from '../../model/types.js';
import { textOf, type XmlElement } from '../../xml/parse.js';
import { normaliseDate, type DateResult } from '../vocab/dates.js';
import { normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { normaliseLanguage } from '../vocab/languages.js';
import { issueValue, type VocabIssue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';

/** A value that is one http(s) URI and nothing else. */
export const HTTP_URI = /^https?:\/\/\S+$/i;

/** File extensions of media and documents: a URL ending so is the object itself, not its landing page. */
export const FILE_URL = /\.(?:pdf|jpe?g|png|gif|tiff?|jp2|webp|svg|mp3|mp4|m4a|m4v|wav|ogg|oga|ogv|flac|mov|avi|mkv|webm|zip|epub|djvu|docx?|xlsx?|pptx?|odt|csv|txt|gpkg)$/i;

const FOLD = /\s{2,}|[^\S ]/g;
const LIST_SEPARATOR = /\s*;\s*/;

// ---- Text ----

/**
 * Text with each run of white space folded to one space and the ends trimmed; with
 * `keepParagraphs`, a run holding two or more line breaks becomes a paragraph break "\n\n".
 * One regex pass that stops only at runs needing a change (two or more white-space characters,
 * or one that is not a plain space), and no new string when nothing changes (most values): on
 * long descriptions this is several times faster than replace, split and join.
 */
export function foldText(raw: string, keepParagraphs = false): string {
  FOLD.lastIndex = 0;
  let m = FOLD.exec(raw);
  if (m === null) return raw.charCodeAt(0) === 32 || raw.charCodeAt(raw.length - 1) === 32 ? raw.trim() : raw;
  let out = '';
  let from = 0;
  for (; m !== null; m = FOLD.exec(raw)) {
    const run = m[0];
    out += raw.slice(from, m.index);
    out += keepParagraphs && run.indexOf('\n') !== run.lastIndexOf('\n') ? '\n\n' : ' ';
    from = m.index + run.length;
  }
  // A run at either end became ' ' or '\n\n': trim takes it off.
  return (out + raw.slice(from)).trim();
}

/** The text of an element (CDATA and descendants included) through foldText; '' for no element. */
export function foldedText(el: XmlElement | undefined, keepParagraphs = false): string {
  return el === undefined ? '' : foldText(textOf(el), keepParagraphs);
}

/** The parts of a list written with ';' ("history; geography"), spaces around each ';' dropped; a value without ';' is one part. */
export function splitList(text: string): string[] {
  return text.includes(';') ? text.split(LIST_SEPARATOR) : [text];
}

/** Adds a string unless it is empty or already there. */
export function addDistinct(out: string[], value: string): void {
  if (value !== '' && !out.includes(value)) out.push(value);
}

// ---- Language-tagged values ----

/** A LangValue with `lang` only when there is one. */
export function langValue(value: string, lang: string | undefined): LangValue {
  return lang === undefined ? { value } : { value, lang };
}

/**
 * Adds a value unless it is empty or the same text in the same language is there already; the
 * value first added keeps its URI (a repeat's URI is dropped). For lists built from strings.
 */
export function addLangValue(out: LangValue[], value: string, lang?: string, uri?: string): void {
  if (value === '') return;
  // A linear scan: lists are short, and === on strings of different length is immediate, where a
  // Set would hash every long description in full.
  for (const o of out) if (o.value === value && o.lang === lang) return;
  const v: LangValue = { value };
  if (lang !== undefined) v.lang = lang;
  if (uri !== undefined) v.uri = uri;
  out.push(v);
}

/**
 * Adds a LangValue (the object itself) unless the same text in the same language is there
 * already; then a repeat that has a URI lends it to the value there when that has none.
 * For lists built from values read with their URIs (concepts, places, enrichments).
 */
export function mergeLangValue(out: LangValue[], v: LangValue | undefined): void {
  if (v === undefined) return;
  for (const o of out) {
    if (o.value === v.value && o.lang === v.lang) {
      if (o.uri === undefined && v.uri !== undefined) o.uri = v.uri;
      return;
    }
  }
  out.push(v);
}

// ---- Issues ----

/** Adds a vocabulary's issue to the record's issues at `path` (a JSON Pointer into the record; '' for the whole). */
export function addIssue(ctx: CrosswalkContext, path: string, v: VocabIssue): void {
  const i: Issue = { code: v.code, severity: v.severity, path, message: v.message };
  if (v.value !== undefined) i.value = v.value;
  ctx.issues.push(i);
}

// ---- Fields ----

/** Adds the code of a language value to `out`; the vocabulary's issue (unknown or unusual code) goes to /language. */
export function addLanguage(out: Set<string>, value: string, ctx: CrosswalkContext): void {
  const r = normaliseLanguage(value);
  if (r.code !== undefined) out.add(r.code);
  if (r.issue) addIssue(ctx, '/language', r.issue);
}

/** The date chosen from candidate texts in order of preference: the first that reads as a date, else the first. */
export interface PickedDate {
  /** Position of the chosen text among the candidates. */
  index: number;
  text: string;
  result: DateResult;
}

/** Reads candidate date texts in order until one reads as a date (has EDTF); without one, the first candidate. */
export function pickDate(texts: readonly string[]): PickedDate | undefined {
  let picked: PickedDate | undefined;
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] as string;
    const result = normaliseDate(text);
    if (result.date.edtf !== undefined) return { index, text, result };
    picked ??= { index, text, result };
  }
  return picked;
}

/** DATE_OTHERS_IGNORED: `used` names the value taken (`dc:date "1885"`); the other values are listed in the issue's value. */
export function otherDatesIssue(used: string, others: readonly string[], noun: 'value' | 'date'): VocabIssue {
  return {
    code: 'DATE_OTHERS_IGNORED',
    severity: 'info',
    message: `Used ${used}; ${others.length} other ${noun}${others.length > 1 ? 's' : ''} not used`,
    value: issueValue(others.join(' | ')),
  };
}

/** Identifier types (MODS identifier/@type, MARC 024 $2) whose values normaliseIdentifier reads once prefixed. */
export const TYPE_PREFIX: ReadonlyMap<string, string> = new Map([
  ['doi', 'doi:'], ['hdl', 'hdl:'], ['handle', 'hdl:'], ['isbn', 'ISBN '], ['issn', 'ISSN '], ['uri', ''], ['url', ''], ['ark', ''], ['urn', ''],
]);

/** An identifier whose type gave `prefix`: read with the prefix added, unless it is a URL or already starts with it. */
export function prefixedIdentifier(value: string, prefix: string): IdentifierResult {
  return normaliseIdentifier(/^https?:\/\//i.test(value) || value.toLowerCase().startsWith(prefix.toLowerCase()) ? value : prefix + value);
}

/** A link read as an identifier when it is a persistent one (a DOI, handle, URN or ARK resolver), else undefined. */
export function persistentIdentifier(url: string): IdentifierResult | undefined {
  const r = normaliseIdentifier(url);
  return r.identifier.scheme !== 'uri' && r.identifier.scheme !== 'local' ? r : undefined;
}

/** Parsed identifiers without repeats (same scheme and value), in order; the issue of each one kept goes to its /identifier/N. */
export function distinctIdentifiers(parsed: readonly IdentifierResult[], ctx: CrosswalkContext): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    const key = `${p.identifier.scheme}\u0000${p.identifier.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (p.issue) addIssue(ctx, `/identifier/${out.length}`, p.issue);
    out.push(p.identifier);
  }
  return out;
}

/** True when a URL's path (the query left out; canonical URLs have no fragment) matches `extensions`. */
export function urlPathMatches(url: string, extensions: RegExp): boolean {
  const q = url.indexOf('?');
  return extensions.test(q === -1 ? url : url.slice(0, q));
}

/** True when a URL is a file of media or documents (FILE_URL): the object itself, not a landing page. */
export function isFileUrl(url: string): boolean {
  return urlPathMatches(url, FILE_URL);
}

/**
 * The rights URI to keep: the one kept so far, else `found`. A different URI found later is
 * reported (RIGHTS_CONFLICT at /rights/uri), naming where it was read (`dc:rights`, `MARC 540`) and the value it came from.
 */
export function keepRightsUri(ctx: CrosswalkContext, kept: string | undefined, found: string, where: string, value: string): string {
  if (kept === undefined) return found;
  if (found !== kept) {
    addIssue(ctx, '/rights/uri', { code: 'RIGHTS_CONFLICT', severity: 'warning', message: `${where} names more than one licence or statement; kept ${kept}`, value: issueValue(value) });
  }
  return kept;
}

/** Rights from the URI found and the statements as given (joined with " | "); undefined when there is neither. */
export function buildRights(uri: string | undefined, statements: readonly string[]): Rights | undefined {
  if (uri === undefined && statements.length === 0) return undefined;
  const out: Rights = {};
  if (uri !== undefined) out.uri = uri;
  if (statements.length > 0) out.statement = statements.join(' | ');
  return out;
}

// ---- The draft ----

type OptionalField = Exclude<keyof RecordDraft, 'title'>;

// The fields of a draft besides the title, in the order of the record schema. An object so that the
// compiler checks the list is complete.
const FIELD_ORDER: { [K in OptionalField]: null } = {
  alternative: null, description: null, subject: null, creator: null, contributor: null, date: null, type: null, format: null,
  language: null, publisher: null, spatial: null, identifier: null, rights: null, isShownAt: null, isShownBy: null, relation: null,
};
const OPTIONAL_FIELDS = Object.keys(FIELD_ORDER) as OptionalField[];

/** Every field of a draft, each given by its field function: an empty list or undefined when the record has none. */
export type DraftFields = Pick<RecordDraft, 'title'> & { [K in OptionalField]-?: RecordDraft[K] | undefined };

/** The draft of the fields given: the title always, any other field only when it has a value (not undefined, not an empty list), in schema order. */
export function buildDraft(fields: DraftFields): RecordDraft {
  const draft: RecordDraft = { title: fields.title };
  for (const key of OPTIONAL_FIELDS) {
    const value = fields[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (draft as Record<string, unknown>)[key] = value;
  }
  return draft;
}
