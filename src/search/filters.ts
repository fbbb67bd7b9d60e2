// Search filters and paging parameters: their type, and one parser shared by the CLI, the API
// and exports, so each front end accepts and refuses exactly the same things. Pure: no I/O.

import { EntenteError } from '../errors.js';

export const RIGHTS_CLASSES = ['open', 'restricted', 'unknown'] as const;
/** open: public domain, CC0, CC BY, CC BY-SA; restricted: any other rights URI; unknown: none. */
export type RightsClass = (typeof RIGHTS_CLASSES)[number];

export const DCMI_TYPES = [
  'Collection', 'Dataset', 'Event', 'Image', 'InteractiveResource', 'MovingImage', 'PhysicalObject',
  'Service', 'Software', 'Sound', 'StillImage', 'Text',
] as const;

/** Filters on live records. Values within one filter are alternatives (OR); filters combine with AND. */
export interface SearchFilters {
  /** Source ids. */
  source?: string[];
  /** DCMI types, e.g. Text, StillImage. */
  type?: string[];
  /** ISO 639-3 codes, e.g. eng, fra. */
  language?: string[];
  /** Records whose year range (date.earliest..date.latest) overlaps from..to; undated records are out. */
  from?: number;
  to?: number;
  rights?: RightsClass[];
  /** Has (true) or has not (false) a media link (isShownBy). */
  hasMedia?: boolean;
  /** Has (true) or has not (false) stored issues. */
  hasIssues?: boolean;
}

/** Page size when none is asked for, and the most a page may hold. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Parameters as strings (a query string, CLI flags); arrays and comma-separated lists both work. */
export type RawParams = Record<string, string | string[] | number | boolean | undefined>;

function bad(parameter: string, message: string, value?: unknown): EntenteError {
  return new EntenteError('ERR_QUERY_PARAMETER', `${parameter}: ${message}`, { context: { parameter, ...(value !== undefined ? { value } : {}) } });
}

function list(raw: RawParams, name: string): string[] | undefined {
  const v = raw[name];
  if (v === undefined || v === '') return undefined;
  const values = (Array.isArray(v) ? v : [String(v)]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (values.some((s) => s.length > 200)) throw bad(name, 'a value is longer than 200 characters');
  return values.length ? [...new Set(values)] : undefined;
}

function year(raw: RawParams, name: string): number | undefined {
  const v = raw[name];
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < -9999 || n > 9999) throw bad(name, `expected a year (a whole number from -9999 to 9999), got "${String(v)}"`, v);
  return n;
}

function bool(raw: RawParams, name: string): boolean | undefined {
  const v = raw[name];
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true' || v === '1' || v === 'yes') return true;
  if (v === false || v === 'false' || v === '0' || v === 'no') return false;
  throw bad(name, `expected true or false, got "${String(v)}"`, v);
}

/**
 * Reads filters from raw parameters: source, type, language, from, to, rights, media, issues.
 * Throws ERR_QUERY_PARAMETER naming the parameter for a value it cannot use.
 */
export function parseFilters(raw: RawParams): SearchFilters {
  const filters: SearchFilters = {};
  const source = list(raw, 'source');
  if (source) filters.source = source;
  const type = list(raw, 'type');
  if (type) {
    // Accept any case ("text"), store the vocabulary's spelling.
    filters.type = type.map((t) => {
      const known = DCMI_TYPES.find((d) => d.toLowerCase() === t.toLowerCase());
      if (!known) throw bad('type', `unknown type "${t}"; one of ${DCMI_TYPES.join(', ')}`, t);
      return known;
    });
  }
  const language = list(raw, 'language');
  if (language) {
    for (const l of language) if (!/^[a-z]{2,3}$/i.test(l)) throw bad('language', `expected an ISO 639-3 code such as eng, got "${l}"`, l);
    filters.language = language.map((l) => l.toLowerCase());
  }
  const from = year(raw, 'from');
  const to = year(raw, 'to');
  if (from !== undefined && to !== undefined && from > to) throw bad('from', `from (${from}) is after to (${to})`, from);
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  const rights = list(raw, 'rights');
  if (rights) {
    for (const r of rights) if (!(RIGHTS_CLASSES as readonly string[]).includes(r)) throw bad('rights', `expected ${RIGHTS_CLASSES.join(', ')}, got "${r}"`, r);
    filters.rights = rights as RightsClass[];
  }
  const media = bool(raw, 'media');
  if (media !== undefined) filters.hasMedia = media;
  const issues = bool(raw, 'issues');
  if (issues !== undefined) filters.hasIssues = issues;
  return filters;
}

/** Reads a page size: DEFAULT_LIMIT when absent; an error above MAX_LIMIT or below 1. */
export function parseLimit(value: string | number | undefined, max = MAX_LIMIT): number {
  if (value === undefined || value === '') return DEFAULT_LIMIT;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw bad('limit', `expected a whole number from 1 to ${max}, got "${String(value)}"`, value);
  return n;
}
