// Reads the language-tagged text values of JSON-LD documents: IIIF 3 language maps ({"en": ["..."]}),
// IIIF 2 strings, {"@value", "@language"} objects and arrays of them. Pure: no I/O; bad shapes become issues.

import type { LangValue } from '../../model/record.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext } from './draft.js';
import { htmlToText } from './html-text.js';
import { foldText } from './values.js';

/** Longest text value kept: longer ones are cut here with a VALUE_TRUNCATED warning (no archive means a 100,000-character title). */
export const MAX_TEXT_LENGTH = 100_000;
/** Deepest nesting of arrays read inside one value; deeper is a broken document. */
const MAX_DEPTH = 4;
/** Language keys that mean "no language" (IIIF 3 `none`, JSON-LD `@none`, BCP 47 `und`). */
const NO_LANGUAGE = new Set(['none', '@none', 'und', '']);

/** One text read from a JSON value, HTML removed, with its language and the links its HTML held. */
export interface JsonText {
  value: string;
  lang?: string;
  /** href of each <a> in the value, in order. */
  links: string[];
}

/** Where a value is read from, for issues: the record field it feeds and how the source names it. */
export interface ValueSite {
  /** JSON Pointer into the record ('' when the value feeds no single field). */
  path: string;
  /** The source's name for the value, e.g. `label`, `metadata "Date"`. */
  where: string;
}

function languageOf(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const k = key.trim();
  return NO_LANGUAGE.has(k.toLowerCase()) ? undefined : k;
}

/** A string as text: cut to MAX_TEXT_LENGTH (with an issue), HTML removed, white space folded, paragraph breaks kept. */
export function cleanJsonText(raw: string, ctx: CrosswalkContext, site: ValueSite): { text: string; links: string[] } {
  let s = raw;
  if (s.length > MAX_TEXT_LENGTH) {
    ctx.issues.push({
      code: 'VALUE_TRUNCATED',
      severity: 'warning',
      path: site.path,
      message: `${site.where} is ${s.length} characters long; kept the first ${MAX_TEXT_LENGTH}`,
      value: issueValue(s),
    });
    s = s.slice(0, MAX_TEXT_LENGTH);
  }
  const html = htmlToText(s);
  return { text: foldText(html.text, true), links: html.links };
}

function unreadable(ctx: CrosswalkContext, site: ValueSite, value: unknown, why: string): void {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  ctx.issues.push({ code: 'JSON_VALUE_UNREADABLE', severity: 'warning', path: site.path, message: `${site.where}: ${why}; not kept`, value: issueValue(shown) });
}

/**
 * The texts of a JSON-LD or IIIF value, in order, empty ones dropped: a string or a number; an
 * object `{"@value", "@language"}` (also `value`/`language`); a IIIF 3 language map
 * `{"en": ["a", "b"], "none": ["c"]}`; or an array of any of these. Anything else (booleans, null
 * inside a list, objects of another shape, arrays nested deeper than four levels) is reported as
 * JSON_VALUE_UNREADABLE at `site` and skipped. Missing values (undefined, null) give [] quietly.
 */
export function readTexts(value: unknown, ctx: CrosswalkContext, site: ValueSite): JsonText[] {
  const out: JsonText[] = [];
  const add = (raw: string, lang: string | undefined): void => {
    const { text, links } = cleanJsonText(raw, ctx, site);
    if (text === '' && links.length === 0) return;
    const t: JsonText = { value: text, links };
    if (lang !== undefined) t.lang = lang;
    out.push(t);
  };
  const visit = (v: unknown, lang: string | undefined, depth: number): void => {
    if (typeof v === 'string') return add(v, lang);
    if (typeof v === 'number' && Number.isFinite(v)) return add(String(v), lang);
    if (v === undefined || (v === null && depth === 0)) return;
    if (Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return unreadable(ctx, site, v, `arrays nested more than ${MAX_DEPTH} deep`);
      for (const item of v) visit(item, lang, depth + 1);
      return;
    }
    if (typeof v !== 'object' || v === null) return unreadable(ctx, site, v, `a ${v === null ? 'null' : typeof v} where text was expected`);
    const o = v as Record<string, unknown>;
    const literal = o['@value'] ?? (typeof o['value'] === 'string' ? o['value'] : undefined);
    if (literal !== undefined) {
      const l = o['@language'] ?? o['language'];
      const tagged = typeof l === 'string' ? languageOf(l) : lang;
      if (typeof literal === 'string' || typeof literal === 'number') return add(String(literal), tagged);
      return unreadable(ctx, site, v, '@value is not text');
    }
    // A IIIF 3 language map: every key a language, every value a list of strings.
    const keys = Object.keys(o);
    if (keys.length === 0) return;
    if (keys.some((k) => k.startsWith('@') && k !== '@none') || typeof o['id'] === 'string' || typeof o['type'] === 'string') return unreadable(ctx, site, v, 'an object that is neither a language map nor a value');
    if (depth >= MAX_DEPTH) return unreadable(ctx, site, v, `values nested more than ${MAX_DEPTH} deep`);
    for (const k of keys) visit(o[k], languageOf(k), depth + 1);
  };
  visit(value, undefined, 0);
  return out;
}

/** readTexts as LangValues, without repeats (same text and language). */
export function readLangValues(value: unknown, ctx: CrosswalkContext, site: ValueSite): LangValue[] {
  const out = langValueList();
  for (const t of readTexts(value, ctx, site)) out.add(t.value, t.lang);
  return out.values;
}

/** The first text of a value whatever its language (for labels used as keys); undefined when none. */
export function firstText(value: unknown, ctx: CrosswalkContext, site: ValueSite): string | undefined {
  return readTexts(value, ctx, site)[0]?.value;
}

/**
 * A list of LangValues without repeats, checked in constant time: JSON documents can hold a
 * hundred thousand values in one field, where the linear scans of values.ts would be quadratic.
 * With `anyLanguage`, a text already there in another language (or none) is a repeat, and lends
 * its language to a value that had none; otherwise a repeat is the same text in the same language,
 * and lends its URI to a value that had none.
 */
export interface LangValueList {
  readonly values: LangValue[];
  add(value: string, lang?: string, uri?: string): void;
  has(value: string): boolean;
}

export function langValueList(anyLanguage = false): LangValueList {
  const values: LangValue[] = [];
  const byKey = new Map<string, LangValue>();
  const texts = new Set<string>();
  return {
    values,
    has: (value) => texts.has(value),
    add(value, lang, uri) {
      if (value === '') return;
      const key = anyLanguage ? value : `${lang ?? ''}\u0000${value}`;
      const same = byKey.get(key);
      if (same !== undefined) {
        if (anyLanguage && same.lang === undefined && lang !== undefined) same.lang = lang;
        if (same.uri === undefined && uri !== undefined) same.uri = uri;
        return;
      }
      const v: LangValue = { value };
      if (lang !== undefined) v.lang = lang;
      if (uri !== undefined) v.uri = uri;
      byKey.set(key, v);
      texts.add(value);
      values.push(v);
    },
  };
}

/** Strings without repeats or empty ones, in order, checked in constant time. */
export function stringList(): { readonly values: string[]; add(value: string): void; has(value: string): boolean } {
  const values: string[] = [];
  const seen = new Set<string>();
  return {
    values,
    has: (value) => seen.has(value),
    add(value) {
      if (value === '' || seen.has(value)) return;
      seen.add(value);
      values.push(value);
    },
  };
}
