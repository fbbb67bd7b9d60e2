// The declarative mapping of json-pages sources: each record field names where its values are in
// an item (JSON Pointers with "*" segments, constants, joins, language maps), so a new API needs
// configuration, not code. Values go through the same vocabularies as the XML crosswalks.
// Pure: no I/O.

import type { JsonMapping, MappingField, MappingValue } from '../../config/types.js';
import type { Agent, Identifier, LangValue, Rights, TypeValue } from '../../model/record.js';
import type { CrosswalkContext, RecordDraft } from '../../normalise/crosswalks/draft.js';
import {
  addIssue,
  addLangValue,
  addLanguage,
  buildDraft,
  buildRights,
  distinctIdentifiers,
  foldText,
  keepRightsUri,
  otherDatesIssue,
  pickDate,
  HTTP_URI,
} from '../../normalise/crosswalks/values.js';
import { canonicalUrl, normaliseIdentifier } from '../../normalise/vocab/identifiers.js';
import { toSortName } from '../../normalise/vocab/names.js';
import { normaliseRights } from '../../normalise/vocab/rights.js';
import { normaliseType } from '../../normalise/vocab/types.js';
import { issueValue } from '../../normalise/vocab/vocab-issue.js';
import { selectAll } from '../json/json-pointer.js';

/** One value found in an item: its text, and the language and URI when the item gave them. */
export interface MappedValue {
  text: string;
  lang?: string;
  uri?: string;
}

/** Language-map keys that mean "no language" (Europeana "def", IIIF "none", JSON-LD "@none"). */
const NO_LANGUAGE = new Set(['def', 'none', '@none', '']);
/** Labels of a linked resource, in the order they are preferred (Omeka S, JSON-LD, schema.org). */
const LABEL_KEYS = ['o:label', 'label', 'prefLabel', 'name', 'title'];

function push(out: MappedValue[], text: string, lang: string | undefined, uri: string | undefined, fixedLang: string | undefined, prefix: string | undefined): void {
  const folded = foldText(text);
  if (folded === '') return;
  const v: MappedValue = { text: prefix !== undefined ? prefix + folded : folded };
  const l = fixedLang ?? lang;
  if (l !== undefined) v.lang = l;
  if (uri !== undefined) v.uri = uri;
  out.push(v);
}

/** The values in one selected JSON value: scalars, arrays, JSON-LD value objects, linked resources and (on request) language maps. */
function valuesOf(value: unknown, languageMap: boolean, out: MappedValue[], fixedLang?: string, prefix?: string, lang?: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') return push(out, value, lang, undefined, fixedLang, prefix);
  if (typeof value === 'number' || typeof value === 'boolean') return push(out, String(value), lang, undefined, fixedLang, prefix);
  if (Array.isArray(value)) {
    for (const v of value) valuesOf(v, languageMap, out, fixedLang, prefix, lang);
    return;
  }
  if (typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (languageMap) {
    for (const [key, v] of Object.entries(o)) valuesOf(v, false, out, fixedLang, prefix, NO_LANGUAGE.has(key) ? undefined : key);
    return;
  }
  // JSON-LD value object: {"@value": "...", "@language": "en"}.
  if ('@value' in o) {
    const l = typeof o['@language'] === 'string' ? o['@language'] : lang;
    valuesOf(o['@value'], false, out, fixedLang, prefix, l);
    return;
  }
  // A linked resource: its label, with its id as the URI; or the id alone.
  const id = typeof o['@id'] === 'string' ? o['@id'] : typeof o.id === 'string' ? o.id : undefined;
  for (const key of LABEL_KEYS) {
    const label = o[key];
    if (typeof label === 'string' && label.trim() !== '') return push(out, label, lang, id !== undefined && HTTP_URI.test(id) ? id : undefined, fixedLang, prefix);
  }
  if (id !== undefined) push(out, id, lang, undefined, fixedLang, prefix);
}

/** Every value a mapping entry selects in an item, in order. */
export function mappedValues(item: unknown, spec: MappingValue): MappedValue[] {
  const out: MappedValue[] = [];
  if (typeof spec === 'string') {
    for (const v of selectAll(item, spec)) valuesOf(v, false, out);
    return out;
  }
  if (Array.isArray(spec)) {
    for (const s of spec) out.push(...mappedValues(item, s));
    return out;
  }
  const languageMap = spec.languageMap ?? false;
  if (spec.const !== undefined) push(out, spec.const, undefined, undefined, spec.lang, spec.prefix);
  const paths = [...(spec.path !== undefined ? [spec.path] : []), ...(spec.paths ?? [])];
  for (const p of paths) for (const v of selectAll(item, p)) valuesOf(v, languageMap, out, spec.lang, spec.prefix);
  if (spec.join !== undefined) {
    const parts: string[] = [];
    for (const p of spec.join) {
      const found: MappedValue[] = [];
      for (const v of selectAll(item, p)) valuesOf(v, languageMap, found);
      if (found[0] !== undefined) parts.push(found[0].text);
    }
    if (parts.length) push(out, parts.join(spec.separator ?? ' '), undefined, undefined, spec.lang, spec.prefix);
  }
  return spec.first ? out.slice(0, 1) : out;
}

function langValues(values: MappedValue[]): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values) addLangValue(out, v.text, v.lang, v.uri);
  return out;
}

function agents(values: MappedValue[]): Agent[] {
  const out: Agent[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.text)) continue;
    seen.add(v.text);
    const a: Agent = { name: v.text, sortName: toSortName(v.text) };
    if (v.uri !== undefined) a.uri = v.uri;
    out.push(a);
  }
  return out;
}

function distinctTexts(values: MappedValue[]): string[] {
  return [...new Set(values.map((v) => v.text))];
}

function types(values: MappedValue[], ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const seen = new Set<string>();
  for (const label of distinctTexts(values)) {
    const t = normaliseType(label);
    if (t === undefined) {
      addIssue(ctx, '/type', { code: 'TYPE_UNMAPPED', severity: 'info', message: `type "${issueValue(label)}" has no DCMI Type equivalent; not kept as a type`, value: issueValue(label) });
    } else if (!seen.has(t)) {
      seen.add(t);
      out.push({ value: t, original: label });
    }
  }
  return out;
}

function rights(values: MappedValue[], ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements: string[] = [];
  for (const text of distinctTexts(values)) {
    const r = normaliseRights(text);
    if (r.uri !== undefined) {
      uri = keepRightsUri(ctx, uri, r.uri, 'the mapped rights', text);
      if (HTTP_URI.test(text)) continue;
    }
    statements.push(text);
  }
  return buildRights(uri, statements);
}

function firstUrl(values: MappedValue[], field: MappingField, ctx: CrosswalkContext): string | undefined {
  for (const v of values) {
    const url = canonicalUrl(v.text);
    if (url !== undefined) return url;
  }
  if (values[0] !== undefined) {
    addIssue(ctx, `/${field}`, { code: 'MAPPING_NOT_URL', severity: 'warning', message: `${field} "${issueValue(values[0].text)}" is not an http(s) URL; not kept`, value: issueValue(values[0].text) });
  }
  return undefined;
}

/** Maps one item to a draft record by the source's mapping; problems become issues in ctx. */
export function mapItem(item: unknown, mapping: JsonMapping, ctx: CrosswalkContext): RecordDraft {
  const get = (field: MappingField): MappedValue[] => {
    const spec = mapping[field];
    return spec === undefined ? [] : mappedValues(item, spec);
  };
  const dateTexts = distinctTexts(get('date'));
  const picked = pickDate(dateTexts);
  if (picked?.result.issue) addIssue(ctx, '/date', picked.result.issue);
  if (picked && dateTexts.length > 1) addIssue(ctx, '/date', otherDatesIssue(`"${picked.text}"`, dateTexts.filter((_, i) => i !== picked.index), 'date'));
  const language = new Set<string>();
  for (const text of distinctTexts(get('language'))) addLanguage(language, text, ctx);
  const identifiers: Identifier[] = distinctIdentifiers(distinctTexts(get('identifier')).map((t) => normaliseIdentifier(t)), ctx);
  return buildDraft({
    title: langValues(get('title')),
    alternative: langValues(get('alternative')),
    description: langValues(get('description')),
    subject: langValues(get('subject')),
    creator: agents(get('creator')),
    contributor: agents(get('contributor')),
    date: picked?.result.date,
    type: types(get('type'), ctx),
    format: distinctTexts(get('format')),
    language: [...language],
    publisher: langValues(get('publisher')),
    spatial: langValues(get('spatial')),
    identifier: identifiers,
    rights: rights(get('rights'), ctx),
    isShownAt: firstUrl(get('isShownAt'), 'isShownAt', ctx),
    isShownBy: firstUrl(get('isShownBy'), 'isShownBy', ctx),
    relation: distinctTexts(get('relation')),
  });
}
