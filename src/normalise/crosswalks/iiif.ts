// Crosswalk from IIIF Presentation manifests (API 2.x and 3.0, and the 3.0 drafts some AV servers still serve) to the record model.
// Pure: no I/O. Never throws on bad data: values of the wrong shape become issues and are skipped.

import type { Agent, DcmiType, Identifier, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { normaliseDate } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { labelKey, loadVocabTable } from '../vocab/load-table.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { fieldOfLabel, type MetadataField } from './iiif-labels.js';
import { asList, contextsOf, idOf, isObject, objectsOf, typeOf, type JsonObject } from './json-ld.js';
import { langValueList, readLangValues, readTexts, stringList, type JsonText } from './language-map.js';
import {
  addIssue, addLanguage, buildDraft, buildRights, distinctIdentifiers, HTTP_URI, keepRightsUri, otherDatesIssue, pickDate,
  prefixedIdentifier, TYPE_PREFIX,
} from './values.js';

const PRESENTATION_2 = /iiif\.io\/api\/presentation\/2\b/;
const PRESENTATION_3 = /iiif\.io\/api\/presentation\/3\b/;
// navDate is an xsd:dateTime; its date part is what is meant (Library of Congress writes "1949-01-01:T00:00:00Z").
const NAV_DATE = /^(-?\d{4}-\d{2}-\d{2})(?:[T:\s]|$)/;
// "Becket, Mr ([London], England) [author]" (Bodleian): a role in brackets at the end.
const BRACKETED_ROLE = /^(.*\S)\s*\[([^\][]{1,40})\]$/;
// "Artist: Vincent van Gogh, Dutch, 1853 - 1890" (Harvard Art Museums): a role word before a colon.
const ROLE_PREFIX = /^(\p{L}[\p{L} /-]{0,29}):\s+(\S.*)$/u;
// "Ṣalāḥ al-Dīn Bak, Muḥammad, author." (Library of Congress): a relator term after the last comma,
// in lower case as RDA writes it (so that "Smith, Ed" keeps its given name).
const TRAILING_TERM = /^(.*\S),\s*([a-z][a-z ]{1,39}?)\.?$/;
// Bare numbers ("Number of Pages": "2") mean nothing without their label.
const BARE_NUMBER = /^\d+(?:[.,]\d+)?$/;

/** Relator terms (MARC relator labels and the aliases archives write), lower case: a trailing ", author." is a role only when it is one. */
const RELATOR_TERMS = new Set<string>();
{
  const table = loadVocabTable<{ relators: Record<string, string>; aliases: Record<string, string> }>('marc-relators.json');
  for (const label of Object.values(table.relators)) RELATOR_TERMS.add(label.toLowerCase());
  for (const alias of Object.keys(table.aliases)) RELATOR_TERMS.add(alias.toLowerCase());
}

// Media types of painted content that decide the record's type whatever the metadata says.
const MEDIA_TYPES: Readonly<Record<string, DcmiType>> = { Sound: 'Sound', Audio: 'Sound', Video: 'MovingImage', 'dctypes:Sound': 'Sound', 'dctypes:MovingImage': 'MovingImage' };

/** JSON Pointer of the record field each metadata field feeds, for issues. */
const FIELD_PATH: Readonly<Record<MetadataField, string>> = {
  title: '/title', alternative: '/alternative', description: '/description', subject: '/subject', creator: '/creator', contributor: '/contributor',
  date: '/date', century: '/date', type: '/type', format: '/format', language: '/language', publisher: '/publisher', spatial: '/spatial',
  identifier: '/identifier', rights: '/rights', link: '/isShownAt', relation: '/relation',
};

/** 2 or 3 for a IIIF Presentation manifest, by its type and @context; undefined for anything else (collections included). */
export function iiifVersionOf(doc: JsonObject): 2 | 3 | undefined {
  const type = typeOf(doc);
  if (type === 'sc:Manifest') return 2;
  if (type !== 'Manifest') return undefined;
  const contexts = contextsOf(doc);
  if (contexts.some((c) => PRESENTATION_3.test(c))) return 3;
  if (contexts.some((c) => PRESENTATION_2.test(c))) return 2;
  // No context: 3.0 drafts served by AV servers (Indiana University's Avalon) use "type": "Manifest".
  return 3;
}

/** One metadata pair: its label (first text), the field the label maps to, and its value's texts. */
interface MetadataPair {
  label: string;
  field: MetadataField | undefined;
  texts: JsonText[];
}

/** The parts of a manifest the field functions read. */
interface Manifest {
  doc: JsonObject;
  version: 2 | 3;
  label: LangValue[];
  pairs: MetadataPair[];
  /** The pairs grouped by the field they feed, in document order (read by each field function). */
  byField: Map<MetadataField, MetadataPair[]>;
}

/** Texts of the metadata pairs that feed `field`, with the pair's label. */
function pairsOf(m: Manifest, field: MetadataField): readonly MetadataPair[] {
  return m.byField.get(field) ?? [];
}

function groupByField(pairs: readonly MetadataPair[]): Map<MetadataField, MetadataPair[]> {
  const out = new Map<MetadataField, MetadataPair[]>();
  for (const p of pairs) {
    if (p.field === undefined) continue;
    const list = out.get(p.field);
    if (list) list.push(p);
    else out.set(p.field, [p]);
  }
  return out;
}

function readMetadata(doc: JsonObject, ctx: CrosswalkContext): MetadataPair[] {
  const raw = doc['metadata'];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    ctx.issues.push({ code: 'JSON_VALUE_UNREADABLE', severity: 'warning', path: '', message: `metadata is ${typeof raw}, not a list of label/value pairs; not read` });
    return [];
  }
  const out: MetadataPair[] = [];
  raw.forEach((entry, i) => {
    if (!isObject(entry)) {
      ctx.issues.push({ code: 'JSON_VALUE_UNREADABLE', severity: 'warning', path: '', message: `metadata[${i}] is not a label/value pair; not read`, value: issueValue(JSON.stringify(entry) ?? '') });
      return;
    }
    const labels = readTexts(entry['label'], ctx, { path: '', where: `metadata[${i}].label` });
    const first = labels[0];
    if (first === undefined) {
      ctx.issues.push({ code: 'JSON_VALUE_UNREADABLE', severity: 'warning', path: '', message: `metadata[${i}] has no label; its value was not read` });
      return;
    }
    // A label given in several languages maps by whichever of them is known.
    let field: MetadataField | undefined;
    for (const l of labels) if ((field = fieldOfLabel(l.value)) !== undefined) break;
    const texts = readTexts(entry['value'], ctx, { path: field ? FIELD_PATH[field] : '', where: `metadata "${first.value}"` });
    out.push({ label: first.value, field, texts });
  });
  return out;
}

// ---- One function per target field ----

// Lists are built with langValueList(true): a text is kept once whatever its language, since IIIF
// manifests repeat a value as a tagged `description` and an untagged metadata "Summary".

function title(m: Manifest): LangValue[] {
  return m.label.length > 0 ? m.label : langValuesOf(m, 'title');
}

/** Metadata titles other than the label (when there is a label), then alternative titles. */
function alternative(m: Manifest, titles: LangValue[]): LangValue[] {
  const out = langValueList(true);
  const titleTexts = new Set(titles.map((t) => t.value));
  if (m.label.length > 0) for (const p of pairsOf(m, 'title')) for (const t of p.texts) if (!titleTexts.has(t.value)) out.add(t.value, t.lang);
  for (const p of pairsOf(m, 'alternative')) for (const t of p.texts) if (!titleTexts.has(t.value)) out.add(t.value, t.lang);
  return out.values;
}

/** summary (3.0), description (2.x and 3.0 drafts), then metadata descriptions. */
function description(m: Manifest, ctx: CrosswalkContext): LangValue[] {
  const out = langValueList(true);
  for (const key of ['summary', 'description']) {
    for (const t of readTexts(m.doc[key], ctx, { path: '/description', where: key })) out.add(t.value, t.lang);
  }
  for (const p of pairsOf(m, 'description')) for (const t of p.texts) out.add(t.value, t.lang);
  return out.values;
}

function langValuesOf(m: Manifest, field: MetadataField): LangValue[] {
  const out = langValueList(true);
  for (const p of pairsOf(m, field)) for (const t of p.texts) out.add(t.value, t.lang);
  return out.values;
}

/** A name as IIIF metadata writes it: "Name [role]", "Role: Name", "Name, relator term." or the name alone. */
export function parseAgentText(text: string): Agent {
  let name = text;
  let role: string | undefined;
  const bracketed = BRACKETED_ROLE.exec(text);
  const prefixed = bracketed ? null : ROLE_PREFIX.exec(text);
  const trailing = bracketed || prefixed ? null : TRAILING_TERM.exec(text);
  if (bracketed) [, name, role] = bracketed as unknown as [string, string, string];
  else if (prefixed) [, role, name] = prefixed as unknown as [string, string, string];
  else if (trailing && RELATOR_TERMS.has((trailing[2] as string).toLowerCase())) [, name, role] = trailing as unknown as [string, string, string];
  const agent: Agent = { name, sortName: toSortName(name) };
  if (role !== undefined) agent.role = role.trim();
  return agent;
}

function agents(m: Manifest, field: 'creator' | 'contributor', exclude: readonly Agent[] = []): Agent[] {
  const out: Agent[] = [];
  const seen = new Set(exclude.map((a) => a.name));
  for (const p of pairsOf(m, field)) {
    for (const t of p.texts) {
      const a = parseAgentText(t.value);
      if (seen.has(a.name)) continue;
      seen.add(a.name);
      out.push(a);
    }
  }
  return out;
}

/** The navDate as a date: its date part read, its text kept for display. */
function navDate(raw: unknown): { text: string; read: string } | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const m = NAV_DATE.exec(raw.trim());
  return { text: raw.trim(), read: m ? (m[1] as string) : raw.trim() };
}

/** Metadata dates, then centuries, then navDate: the first that reads as a date. */
function date(m: Manifest, ctx: CrosswalkContext): RecordDate | undefined {
  const candidates: { where: string; text: string; read: string }[] = [];
  for (const field of ['date', 'century'] as const) {
    for (const p of pairsOf(m, field)) for (const t of p.texts) candidates.push({ where: `metadata "${p.label}"`, text: t.value, read: t.value });
  }
  const nav = navDate(m.doc['navDate']);
  if (nav) candidates.push({ where: 'navDate', ...nav });
  const picked = pickDate(candidates.map((c) => c.read));
  if (picked === undefined) return undefined;
  const chosen = candidates[picked.index] as (typeof candidates)[number];
  const result = chosen.read === chosen.text ? picked.result : normaliseDate(chosen.read);
  const out: RecordDate = { ...result.date, display: chosen.text };
  if (result.issue) addIssue(ctx, '/date', result.issue);
  const others = candidates.filter((_, i) => i !== picked.index).map((c) => c.text);
  if (others.length > 0) addIssue(ctx, '/date', otherDatesIssue(`${chosen.where} "${issueValue(chosen.text)}"`, others, 'value'));
  return out;
}

/**
 * The first painted resource with an id (the object itself, for isShownBy and the media type);
 * else the first without one (Sound, Video bodies behind auth services may have none: still a type).
 */
function firstPainted(m: Manifest): JsonObject | undefined {
  let withoutId: JsonObject | undefined;
  const pick = (body: unknown, depth = 0): JsonObject | undefined => {
    for (const b of objectsOf(body)) {
      const t = typeOf(b);
      // A Choice (3.0) or oa:Choice (2.x): its first item, or its default. Choices in Choices are
      // followed a few levels only, so that a hostile document cannot exhaust the stack.
      if (t === 'Choice' || t === 'oa:Choice') {
        const inner = depth < 4 ? pick(b['items'] ?? b['default'] ?? b['item'], depth + 1) : undefined;
        if (inner) return inner;
        continue;
      }
      if (idOf(b) !== undefined) return b;
      withoutId ??= b;
    }
    return undefined;
  };
  if (m.version === 2) {
    for (const seq of objectsOf(m.doc['sequences'])) {
      // Wellcome wraps video in an ixif mediaSequence and serves a placeholder sequence "displayIfContentUnsupported".
      if (seq['compatibilityHint'] === 'displayIfContentUnsupported') continue;
      for (const canvas of objectsOf(seq['canvases'])) {
        for (const anno of objectsOf(canvas['images'])) {
          const r = pick(anno['resource']);
          if (r) return r;
        }
      }
    }
    for (const ms of objectsOf(m.doc['mediaSequences'])) {
      for (const el of objectsOf(ms['elements'])) {
        const r = pick(el['rendering']) ?? pick(el);
        if (r) return r;
      }
    }
    return withoutId;
  }
  // 3.0 canvases are the manifest's items; 3.0 drafts (Avalon) kept sequences and called the annotation pages `content`.
  const canvases = [...objectsOf(m.doc['items']), ...objectsOf(m.doc['sequences']).flatMap((s) => objectsOf(s['canvases']))];
  for (const canvas of canvases) {
    for (const page of [...objectsOf(canvas['items']), ...objectsOf(canvas['content'])]) {
      for (const anno of objectsOf(page['items'])) {
        const motivation = asList(anno['motivation']);
        if (motivation.length > 0 && !motivation.includes('painting')) continue;
        const r = pick(anno['body']);
        if (r) return r;
      }
    }
  }
  return withoutId;
}

function type(m: Manifest, ctx: CrosswalkContext, painted: JsonObject | undefined): TypeValue[] {
  const out: TypeValue[] = [];
  const seen = new Set<string>();
  const add = (value: DcmiType, original: string): void => {
    const key = `${value}\u0000${original}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ value, original });
  };
  for (const p of pairsOf(m, 'type')) {
    for (const t of p.texts) {
      const v = normaliseType(t.value);
      if (v !== undefined) add(v, t.value);
      else {
        ctx.issues.push({
          code: 'TYPE_UNMAPPED',
          severity: 'info',
          path: '/type',
          message: `metadata "${p.label}" "${issueValue(t.value)}" has no DCMI Type equivalent; not kept as a type`,
          value: issueValue(t.value),
        });
      }
    }
  }
  // Audio and video manifests say so in the painted content's type.
  const mediaType = painted && typeOf(painted);
  const fromMedia = mediaType !== undefined ? MEDIA_TYPES[mediaType] : undefined;
  if (fromMedia !== undefined && mediaType !== undefined && !out.some((o) => o.value === fromMedia)) add(fromMedia, mediaType);
  return out;
}

function format(m: Manifest): string[] {
  const out = stringList();
  for (const p of pairsOf(m, 'format')) for (const t of p.texts) out.add(BARE_NUMBER.test(t.value) ? `${p.label}: ${t.value}` : t.value);
  return out.values;
}

function language(m: Manifest, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const p of pairsOf(m, 'language')) for (const t of p.texts) addLanguage(out, t.value, ctx);
  return [...out];
}

/** Metadata publishers and holding institutions, then the labels of the 3.0 `provider`s. */
function publisher(m: Manifest, ctx: CrosswalkContext): LangValue[] {
  const out = langValueList(true);
  for (const p of pairsOf(m, 'publisher')) for (const t of p.texts) out.add(t.value, t.lang);
  for (const p of objectsOf(m.doc['provider'])) {
    for (const t of readTexts(p['label'], ctx, { path: '/publisher', where: 'provider label' })) out.add(t.value, t.lang, canonicalUrl(idOf(p) ?? ''));
  }
  return out.values;
}

/** Metadata identifiers (a DOI, ISBN, ... label reads its value so), then the manifest's own id. */
function identifier(m: Manifest, ctx: CrosswalkContext): Identifier[] {
  const parsed: IdentifierResult[] = [];
  for (const p of pairsOf(m, 'identifier')) {
    const prefix = TYPE_PREFIX.get(labelKey(p.label));
    for (const t of p.texts) parsed.push(prefix !== undefined ? prefixedIdentifier(t.value, prefix) : normaliseIdentifier(t.value));
  }
  // The manifest's URL is kept as a URL: read as an identifier, BL's ".../ark:/81055/vdc_.../manifest.json" would become an ARK it is not.
  const id = canonicalUrl(idOf(m.doc) ?? '');
  if (id !== undefined) parsed.push({ identifier: { scheme: 'uri', value: id }, url: id });
  return distinctIdentifiers(parsed, ctx);
}

/** `rights` (3.0) and `license` (2.x) URIs, then metadata rights; statements: metadata rights, then requiredStatement (3.0) or attribution (2.x). */
function rights(m: Manifest, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements = stringList();
  const consider = (text: string, where: string, keepText: boolean): void => {
    const r = normaliseRights(text);
    if (r.uri !== undefined) uri = keepRightsUri(ctx, uri, r.uri, where, text);
    // "http://creativecommons.org/licenses/by-nc-sa/3.0/." (Bodleian attribution) says nothing the URI does not.
    const onlyTheUri = r.uri !== undefined && HTTP_URI.test(text.replace(/[.;,]+$/, ''));
    if ((keepText && !onlyTheUri) || r.uri === undefined) statements.add(text);
  };
  for (const key of ['rights', 'license']) {
    for (const v of asList(m.doc[key])) {
      const id = idOf(v);
      if (id !== undefined) consider(id, key, false);
    }
  }
  for (const p of pairsOf(m, 'rights')) for (const t of p.texts) consider(t.value, `metadata "${p.label}"`, true);
  const required = m.doc['requiredStatement'];
  const statement = isObject(required) ? required['value'] : m.doc['attribution'];
  const where = isObject(required) ? 'requiredStatement' : 'attribution';
  for (const t of readTexts(statement, ctx, { path: '/rights/statement', where })) consider(t.value, where, true);
  return buildRights(uri, statements.values);
}

/** The first http(s) link of references (strings or objects), preferring those whose format is HTML. */
function htmlLink(refs: unknown, onlyHtml: boolean): string | undefined {
  let fallback: string | undefined;
  for (const r of asList(refs)) {
    const url = canonicalUrl(idOf(r) ?? '');
    if (url === undefined) continue;
    const fmt = isObject(r) ? r['format'] : undefined;
    if (fmt === 'text/html') return url;
    if (!onlyHtml) fallback ??= url;
  }
  return fallback;
}

/** homepage (3.0) or related (2.x), else a rendering in HTML, else a link in the metadata. */
function isShownAt(m: Manifest): string | undefined {
  const direct = htmlLink(m.doc['homepage'], false) ?? htmlLink(m.doc['related'], false) ?? htmlLink(m.doc['rendering'], true);
  if (direct !== undefined) return direct;
  for (const p of pairsOf(m, 'link')) {
    for (const t of p.texts) {
      for (const candidate of [...t.links, t.value]) {
        const url = HTTP_URI.test(candidate) ? canonicalUrl(candidate) : undefined;
        if (url !== undefined) return url;
      }
    }
  }
  return undefined;
}

/**
 * The URL of a painted image. Bodleian gives the image service's own URL as the image's id: that
 * is no image, so the full-size image is asked of the service as the Image API spells it
 * (`full/full` in 2.x, `full/max` in 3.0).
 */
function imageUrl(r: JsonObject | undefined): string | undefined {
  const id = idOf(r);
  if (r === undefined || id === undefined) return undefined;
  const trim = (u: string): string => u.replace(/\/+$/, '');
  for (const service of objectsOf(r['service'])) {
    const serviceId = idOf(service);
    if (serviceId === undefined || trim(serviceId) !== trim(id)) continue;
    const profile = asList(service['profile']).map((p) => idOf(p) ?? '').join(' ');
    const v3 = typeOf(service) === 'ImageService3' || /iiif\.io\/api\/image\/3/.test(`${profile} ${contextsOf(service).join(' ')}`);
    return `${trim(serviceId)}/full/${v3 ? 'max' : 'full'}/0/default.jpg`;
  }
  return id;
}

/** The first painted resource, else the thumbnail. */
function isShownBy(m: Manifest, painted: JsonObject | undefined): string | undefined {
  return canonicalUrl(imageUrl(painted) ?? '') ?? canonicalUrl(idOf(asList(m.doc['thumbnail'])[0]) ?? '');
}

/** seeAlso (machine-readable descriptions), within (2.x) or partOf (3.0), then metadata relations (their links when they have some). */
function relation(m: Manifest): string[] {
  const out = stringList();
  for (const key of ['seeAlso', 'within', 'partOf']) for (const r of asList(m.doc[key])) out.add(idOf(r) ?? '');
  for (const p of pairsOf(m, 'relation')) for (const t of p.texts) out.add(t.value);
  return out.values;
}

/** One info issue listing the metadata labels no field reads, so nothing is dropped silently. */
function reportUnmapped(m: Manifest, ctx: CrosswalkContext): void {
  const list = stringList();
  for (const p of m.pairs) if (p.field === undefined) list.add(p.label);
  const labels = list.values;
  if (labels.length === 0) return;
  ctx.issues.push({
    code: 'IIIF_METADATA_UNMAPPED',
    severity: 'info',
    path: '',
    message: `${labels.length} metadata label${labels.length > 1 ? 's' : ''} not mapped to a field`,
    value: issueValue(labels.join(' | ')),
  });
}

/** A IIIF Presentation 2.x or 3.0 manifest to a draft (see docs/crosswalks.md for the table). */
export function crosswalkIiif(doc: JsonObject, ctx: CrosswalkContext): RecordDraft {
  const version = iiifVersionOf(doc) ?? 3;
  const label = readLangValues(doc['label'], ctx, { path: '/title', where: 'label' });
  if (label.length === 0) {
    ctx.issues.push({
      code: 'IIIF_LABEL_MISSING',
      severity: 'warning',
      path: '/title',
      message: 'The manifest has no usable label; the title comes from a "Title" metadata pair when there is one',
    });
  }
  const pairs = readMetadata(doc, ctx);
  const m: Manifest = { doc, version, label, pairs, byField: groupByField(pairs) };
  const painted = firstPainted(m);
  const titles = title(m);
  const creators = agents(m, 'creator');
  const draft = buildDraft({
    title: titles,
    alternative: alternative(m, titles),
    description: description(m, ctx),
    subject: langValuesOf(m, 'subject'),
    creator: creators,
    contributor: agents(m, 'contributor', creators),
    date: date(m, ctx),
    type: type(m, ctx, painted),
    format: format(m),
    language: language(m, ctx),
    publisher: publisher(m, ctx),
    spatial: langValuesOf(m, 'spatial'),
    identifier: identifier(m, ctx),
    rights: rights(m, ctx),
    isShownAt: isShownAt(m),
    isShownBy: isShownBy(m, painted),
    relation: relation(m),
  });
  reportUnmapped(m, ctx);
  return draft;
}
