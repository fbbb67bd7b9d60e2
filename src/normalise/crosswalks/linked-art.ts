// Crosswalk from Linked Art (JSON-LD, the CIDOC-CRM profile museums publish) objects to the record model.
// Pure: no I/O. Never throws on bad data: values of the wrong shape are skipped, what is left unmapped is reported.

import type { Agent, DcmiType, Identifier, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { normaliseDate } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { normaliseLanguage } from '../vocab/languages.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { asList, contextsOf, idOf, isObject, objectsOf, typeOf, type JsonObject } from './json-ld.js';
import { cleanJsonText, langValueList, stringList, type LangValueList } from './language-map.js';
import { addIssue, buildDraft, buildRights, distinctIdentifiers, isFileUrl, keepRightsUri } from './values.js';

/** The Linked Art classes read as records, with the DCMI Type each is. */
const RECORD_TYPES: Readonly<Record<string, DcmiType>> = {
  HumanMadeObject: 'PhysicalObject',
  LinguisticObject: 'Text',
  VisualItem: 'StillImage',
  DigitalObject: 'InteractiveResource',
  Set: 'Collection',
};
// Yale LUX serves "https://linked.art.ns.v1/linked-art.json": a broken URL, still Linked Art.
const LINKED_ART_CONTEXT = /linked\.art/;
// Vocabulary prefixes the Linked Art context defines, expanded so that URIs are URLs.
const PREFIXES: Readonly<Record<string, string>> = {
  aat: 'http://vocab.getty.edu/aat/', ulan: 'http://vocab.getty.edu/ulan/', tgn: 'http://vocab.getty.edu/tgn/',
  wd: 'http://www.wikidata.org/entity/', viaf: 'http://viaf.org/viaf/',
};
const AAT_ID = /(?:^aat:|vocab\.getty\.edu\/aat\/)(\d+)$/;

// Getty AAT concepts that decide what a name, a statement or a link is; labels are the fallback for local
// vocabularies (Yale LUX classifies with its own concept URIs labelled "Primary Name", "Note", "Web Page").
const PRIMARY_NAME = { aat: ['300404670', '300417193'], label: /^(?:primary|preferred)\b/i };
const DESCRIPTION = { aat: ['300080091', '300411780', '300027200', '300435416'], label: /\b(?:description|abstract|note|notes|summary)\b/i };
const INSCRIPTION = { aat: ['300028744', '300435414', '300435420', '300028702'], label: /\b(?:inscription|marks?|markings|signature)\b/i };
const PROVENANCE = { aat: ['300055863', '300444174'], label: /\bprovenance\b/i };
const DIMENSIONS = { aat: ['300266036', '300435430'], label: /\bdimensions?\b/i };
const MATERIALS = { aat: ['300010358', '300435429'], label: /\bmaterials?\b|\bmedium\b/i };
const RIGHTS = { aat: ['300435434', '300055547', '300417696'], label: /\b(?:rights|copyright|licen[cs]e)\b/i };
const WEB_PAGE = { aat: ['300264578', '300266277'], label: /\b(?:web ?page|home ?page)\b/i };
const DIGITAL_IMAGE = { aat: ['300215302'], label: /\bdigital images?\b/i };
// A classification of a classification: these say the outer term is a type of work; others (Culture, typology) say it is not.
const WORK_TYPE_META = { aat: ['300435443', '300435444'], label: /\btype of work\b|\bclassification\b/i };

interface Concept {
  aat: readonly string[];
  label: RegExp;
}

/** A URI as a URL: Linked Art prefixes expanded; undefined for anything that is not a valid http(s) URL. */
export function expandUri(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const colon = id.indexOf(':');
  const base = colon > 0 ? PREFIXES[id.slice(0, colon)] : undefined;
  return canonicalUrl(base !== undefined ? base + id.slice(colon + 1) : id);
}

/** True when one of an entity's classified_as terms is `concept` (by AAT number, else by label). */
function classifiedAs(o: JsonObject, concept: Concept): boolean {
  for (const c of objectsOf(o['classified_as'])) {
    const aat = AAT_ID.exec(idOf(c) ?? '');
    if (aat && concept.aat.includes(aat[1] as string)) return true;
    const label = c['_label'];
    if (typeof label === 'string' && concept.label.test(label)) return true;
  }
  return false;
}

/** True for a document Linked Art defines as a record entente catalogues (an object, a text, an image, a set). */
export function isLinkedArt(doc: JsonObject): boolean {
  const type = typeOf(doc);
  if (type === undefined || !(type in RECORD_TYPES)) return false;
  // HumanMadeObject is Linked Art's own class name: enough without a context (json-pages items often drop it).
  return type === 'HumanMadeObject' || contextsOf(doc).some((c) => LINKED_ART_CONTEXT.test(c));
}

/** The text of a Linked Art `content` (a string, sometimes a number), cleaned; '' when absent. */
function contentOf(o: JsonObject, ctx: CrosswalkContext, path: string, where: string): string {
  const c = o['content'];
  if (typeof c === 'number' && Number.isFinite(c)) return String(c);
  if (typeof c !== 'string') {
    if (c !== undefined && c !== null) {
      ctx.issues.push({ code: 'JSON_VALUE_UNREADABLE', severity: 'warning', path, message: `${where}: a ${Array.isArray(c) ? 'list' : typeof c} where text was expected; not kept`, value: issueValue(JSON.stringify(c) ?? '') });
    }
    return '';
  }
  return cleanJsonText(c, ctx, { path, where }).text;
}

/** The language of a Name or statement: its first `language` reference whose label reads as ISO 639-3. */
function languageOf(o: JsonObject): string | undefined {
  return language(o)[0];
}

/** The name of an entity: its primary Name's content, else its first Name's, else its _label. */
function nameOf(o: JsonObject, ctx: CrosswalkContext, path: string): string {
  const names = objectsOf(o['identified_by']).filter((n) => typeOf(n) === 'Name');
  const primary = names.find((n) => classifiedAs(n, PRIMARY_NAME)) ?? names[0];
  const fromName = primary ? contentOf(primary, ctx, path, 'Name content') : '';
  if (fromName !== '') return fromName;
  const label = o['_label'];
  return typeof label === 'string' ? cleanJsonText(label, ctx, { path, where: '_label' }).text : '';
}

/** A referenced entity as a LangValue: its name, its URI. */
function conceptValue(o: JsonObject, ctx: CrosswalkContext, path: string): LangValue | undefined {
  const name = nameOf(o, ctx, path);
  if (name === '') return undefined;
  const uri = expandUri(idOf(o));
  return uri === undefined ? { value: name } : { value: name, uri };
}

/** Adds a concept's value (its URI lent to a repeat without one). */
function addConcept(out: LangValueList, v: LangValue | undefined): void {
  if (v !== undefined) out.add(v.value, v.lang, v.uri);
}

/** The statements (LinguisticObjects) an entity is referred_to_by, with their content. */
function statementsOf(o: JsonObject): JsonObject[] {
  return objectsOf(o['referred_to_by']).filter((s) => s['content'] !== undefined);
}

// ---- One function per target field ----

/** Names: primary ones are titles, the others alternatives; without Names, the _label is the title. */
function titles(doc: JsonObject, ctx: CrosswalkContext): { title: LangValue[]; alternative: LangValue[] } {
  const title = langValueList();
  const alternative = langValueList();
  const names = objectsOf(doc['identified_by']).filter((n) => typeOf(n) === 'Name');
  const primary = names.filter((n) => classifiedAs(n, PRIMARY_NAME));
  for (const n of names) {
    const value = contentOf(n, ctx, '/title', 'Name content');
    if (value === '') continue;
    // Without a primary Name, the first readable Name is the title.
    const isTitle = primary.length > 0 ? primary.includes(n) : title.values.length === 0;
    (isTitle ? title : alternative).add(value, languageOf(n));
  }
  if (title.values.length === 0) {
    const label = doc['_label'];
    const text = typeof label === 'string' ? cleanJsonText(label, ctx, { path: '/title', where: '_label' }).text : '';
    if (text !== '') {
      title.add(text);
      ctx.issues.push({ code: 'LINKED_ART_TITLE_FROM_LABEL', severity: 'info', path: '/title', message: 'No Name in identified_by; the title is the _label' });
    }
  }
  return { title: title.values, alternative: alternative.values.filter((a) => !title.has(a.value)) };
}

/** What the statements of the object (and of its parts) are used for; the rest is reported. */
interface Statements {
  description: LangValue[];
  format: string[];
  rights: string[];
  /** Ids of rights statements (Getty gives a rightsstatements.org URI as the statement's id). */
  rightsIds: string[];
}

function statements(doc: JsonObject, ctx: CrosswalkContext): Statements {
  const description = langValueList();
  const format = stringList();
  const rights = stringList();
  const rightsIds = stringList();
  const unmapped = stringList();
  const read = (s: JsonObject, prefix: string): void => {
    const text = contentOf(s, ctx, '/description', 'statement content');
    if (text === '') return;
    if (classifiedAs(s, DIMENSIONS) || classifiedAs(s, MATERIALS)) format.add(text);
    else if (classifiedAs(s, RIGHTS)) {
      rights.add(text);
      rightsIds.add(idOf(s) ?? '');
    } else if (classifiedAs(s, DESCRIPTION) || classifiedAs(s, INSCRIPTION) || classifiedAs(s, PROVENANCE)) description.add(prefix + text, languageOf(s));
    else {
      const what = objectsOf(s['classified_as']).map((c) => c['_label']).find((l): l is string => typeof l === 'string') ?? s['_label'];
      unmapped.add(typeof what === 'string' ? what : 'unclassified');
    }
  };
  for (const s of statementsOf(doc)) read(s, '');
  // Inscriptions and marks the object carries are descriptions of it.
  for (const s of objectsOf(doc['carries'])) if (typeof s['content'] === 'string') description.add(contentOf(s, ctx, '/description', 'carries content'), languageOf(s));
  // Parts (a coin's obverse and reverse): their descriptions, named by the part.
  for (const part of objectsOf(doc['part'])) {
    const label = typeof part['_label'] === 'string' ? `${part['_label']}: ` : '';
    for (const s of statementsOf(part)) read(s, label);
    for (const s of objectsOf(part['carries'])) {
      const text = contentOf(s, ctx, '/description', 'carries content');
      if (text !== '') description.add(`${label}${text}`, languageOf(s));
    }
  }
  const kinds = unmapped.values;
  if (kinds.length > 0) {
    ctx.issues.push({
      code: 'LINKED_ART_STATEMENT_UNMAPPED',
      severity: 'info',
      path: '',
      message: `${kinds.length} kind${kinds.length > 1 ? 's' : ''} of statement (referred_to_by) not mapped to a field`,
      value: issueValue(kinds.join(' | ')),
    });
  }
  return { description: description.values, format: format.values, rights: rights.values, rightsIds: rightsIds.values };
}

/** The productions: produced_by, and its parts (a production in several hands), each part marked. */
function productions(doc: JsonObject): JsonObject[] {
  return productionsWithParts(doc).map((p) => p.production);
}

function productionsWithParts(doc: JsonObject): { production: JsonObject; isPart: boolean }[] {
  const out: { production: JsonObject; isPart: boolean }[] = [];
  for (const p of objectsOf(doc['produced_by'])) {
    out.push({ production: p, isPart: false });
    for (const part of objectsOf(p['part'])) out.push({ production: part, isPart: true });
  }
  return out;
}

function agentOf(o: JsonObject, ctx: CrosswalkContext, path: string, role?: string): Agent | undefined {
  const name = nameOf(o, ctx, path);
  if (name === '') return undefined;
  const a: Agent = { name, sortName: toSortName(name) };
  if (role !== undefined) a.role = role;
  const uri = expandUri(idOf(o));
  if (uri !== undefined) a.uri = uri;
  return a;
}

/** Agents without repeats of a name (`seen` holds the names already in `out`, or to leave out). */
function addAgent(out: Agent[], seen: Set<string>, a: Agent | undefined): void {
  if (a === undefined || seen.has(a.name)) return;
  seen.add(a.name);
  out.push(a);
}

/** carried_out_by of the productions; a production part's technique or classification is the role. */
function creator(doc: JsonObject, ctx: CrosswalkContext): Agent[] {
  const out: Agent[] = [];
  const seen = new Set<string>();
  for (const { production, isPart } of productionsWithParts(doc)) {
    const roleTerm = isPart
      ? [...objectsOf(production['technique']), ...objectsOf(production['classified_as'])].map((t) => t['_label']).find((l): l is string => typeof l === 'string')
      : undefined;
    for (const who of objectsOf(production['carried_out_by'])) addAgent(out, seen, agentOf(who, ctx, '/creator', roleTerm));
  }
  return out;
}

/** Collectors and finders (encountered_by, natural history): contributors with role "collector". */
function contributor(doc: JsonObject, ctx: CrosswalkContext, creators: readonly Agent[]): Agent[] {
  const out: Agent[] = [];
  const seen = new Set(creators.map((c) => c.name));
  for (const e of objectsOf(doc['encountered_by'])) {
    for (const who of objectsOf(e['carried_out_by'])) addAgent(out, seen, agentOf(who, ctx, '/contributor', 'collector'));
  }
  return out;
}

const TIMESTAMP_YEAR = /^([+-]?\d{1,6})-\d{2}-\d{2}/;

/** The year of a Linked Art timestamp ("-0322-01-01T00:00:00Z" is 323 BC, astronomical -322); undefined when unreadable. */
function yearOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = TIMESTAMP_YEAR.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

function edtfYear(y: number): string {
  const abs = String(Math.abs(y)).padStart(4, '0');
  return y < 0 ? `-${abs}` : abs;
}

/**
 * A TimeSpan as a date: the text is its Name, else its _label; the years come from
 * begin_of_the_begin / end_of_the_end (or end_of_the_begin / begin_of_the_end) when given, and
 * win over what the text reads as. Without years, the text is read like any date.
 */
function timespanDate(ts: JsonObject, ctx: CrosswalkContext): RecordDate | undefined {
  const names = objectsOf(ts['identified_by']).filter((n) => typeOf(n) === 'Name');
  let text = names.length > 0 ? contentOf(names[0] as JsonObject, ctx, '/date', 'TimeSpan Name') : '';
  if (text === '' && typeof ts['_label'] === 'string') text = cleanJsonText(ts['_label'], ctx, { path: '/date', where: 'TimeSpan _label' }).text;
  const earliest = yearOf(ts['begin_of_the_begin']) ?? yearOf(ts['end_of_the_begin']);
  const latest = yearOf(ts['end_of_the_end']) ?? yearOf(ts['begin_of_the_end']);
  const parsed = text !== '' ? normaliseDate(text) : undefined;
  if (earliest === undefined && latest === undefined) {
    if (parsed === undefined) return undefined;
    if (parsed.issue) addIssue(ctx, '/date', parsed.issue);
    return parsed.date;
  }
  const from = earliest ?? (latest as number);
  const to = latest ?? from;
  if (to < from) {
    addIssue(ctx, '/date', { code: 'DATE_RANGE_INVERTED', severity: 'warning', message: 'The TimeSpan ends before it begins; its years were not used', value: `${from}/${to}` });
    if (parsed === undefined) return undefined;
    if (parsed.issue) addIssue(ctx, '/date', parsed.issue);
    return parsed.date;
  }
  const display = text !== '' ? text : from === to ? edtfYear(from) : `${edtfYear(from)}/${edtfYear(to)}`;
  // The text's EDTF keeps its qualifiers ("about 1600" is 1600~) when it means the same years.
  const sameYears = parsed?.date.earliest === from && parsed.date.latest === to && parsed.date.edtf !== undefined;
  const edtf = sameYears ? (parsed.date.edtf as string) : from === to ? edtfYear(from) : `${edtfYear(from)}/${edtfYear(to)}`;
  return { display, edtf, earliest: from, latest: to };
}

/** The production's timespan; for natural history specimens without one, the collecting event's. */
function date(doc: JsonObject, ctx: CrosswalkContext): RecordDate | undefined {
  for (const p of productions(doc)) for (const ts of objectsOf(p['timespan'])) {
    const d = timespanDate(ts, ctx);
    if (d) return d;
  }
  for (const e of objectsOf(doc['encountered_by'])) for (const ts of objectsOf(e['timespan'])) {
    const d = timespanDate(ts, ctx);
    if (d) return d;
  }
  return undefined;
}

/** The record class's type, then each classified_as term that is a type of work: mapped by its label, else the record class's type. */
function type(doc: JsonObject, subjects: LangValueList, ctx: CrosswalkContext): TypeValue[] {
  const cls = typeOf(doc) ?? 'HumanMadeObject';
  const base = RECORD_TYPES[cls] ?? 'PhysicalObject';
  const out: TypeValue[] = [{ value: base, original: cls }];
  const seen = new Set<string>([`${base}\u0000${cls}`]);
  for (const c of objectsOf(doc['classified_as'])) {
    const metas = objectsOf(c['classified_as']);
    // A term classified as something other than a type of work (Culture, typology) is a subject.
    if (metas.length > 0 && !classifiedAs(c, WORK_TYPE_META)) {
      addConcept(subjects, conceptValue(c, ctx, '/subject'));
      continue;
    }
    const label = nameOf(c, ctx, '/type');
    if (label === '') continue;
    const value = normaliseType(stripQualifier(label)) ?? base;
    const key = `${value}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value, original: label });
  }
  return out;
}

/** What the object and its parts show or are about (VisualItem represents / depicts / about). */
function subject(doc: JsonObject, ctx: CrosswalkContext): LangValueList {
  const out = langValueList();
  const visit = (o: JsonObject): void => {
    for (const key of ['about', 'represents', 'depicts']) for (const s of objectsOf(o[key])) addConcept(out, conceptValue(s, ctx, '/subject'));
    for (const v of objectsOf(o['shows'])) for (const key of ['about', 'represents', 'depicts']) for (const s of objectsOf(v[key])) addConcept(out, conceptValue(s, ctx, '/subject'));
  };
  visit(doc);
  for (const part of objectsOf(doc['part'])) visit(part);
  return out;
}

/** Statements of dimensions and materials; else materials (made_of) and measured dimensions. */
function format(doc: JsonObject, fromStatements: readonly string[], ctx: CrosswalkContext): string[] {
  const out = stringList();
  for (const s of fromStatements) out.add(s);
  // A statement already says it ("Oil on canvas" says canvas): a material term is added only when no statement names it.
  const said = fromStatements.join('\n').toLowerCase();
  for (const m of objectsOf(doc['made_of'])) {
    const name = stripQualifier(nameOf(m, ctx, '/format'));
    if (name !== '' && !said.includes(name.toLowerCase())) out.add(name);
  }
  if (fromStatements.length === 0) {
    for (const d of objectsOf(doc['dimension'])) {
      const value = typeof d['value'] === 'number' ? d['value'] : typeof d['value'] === 'string' ? Number(d['value']) : NaN;
      if (!Number.isFinite(value)) continue;
      const what = objectsOf(d['classified_as']).map((c) => c['_label']).find((l): l is string => typeof l === 'string');
      const unit = isObject(d['unit']) && typeof d['unit']['_label'] === 'string' ? ` ${stripQualifier(d['unit']['_label'])}` : '';
      out.add(`${what ? `${stripQualifier(what)}: ` : ''}${value}${unit}`);
    }
  }
  return out.values;
}

/** "Centimeters (Measurements)" → "Centimeters": AAT labels carry their facet in parentheses. */
function stripQualifier(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '').trim() || label;
}

/** Languages of a text (LinguisticObject records), or of a Name or statement: their `language` references' labels read as ISO 639-3. */
function language(doc: JsonObject): string[] {
  const out = new Set<string>();
  for (const l of objectsOf(doc['language'])) {
    const label = l['_label'];
    const code = typeof label === 'string' ? normaliseLanguage(label).code : undefined;
    if (code !== undefined) out.add(code);
  }
  return [...out];
}

/** The current owner, else the current keeper: the institution that holds the object (as LIDO's repository). A keeper beside an owner is a department. */
function publisher(doc: JsonObject, ctx: CrosswalkContext): LangValue[] {
  const out = langValueList();
  for (const o of objectsOf(doc['current_owner'])) addConcept(out, conceptValue(o, ctx, '/publisher'));
  if (out.values.length === 0) for (const o of objectsOf(doc['current_keeper'])) addConcept(out, conceptValue(o, ctx, '/publisher'));
  return out.values;
}

/** Where the object was made (production took_place_at), else where it was found (encountered_by). */
function spatial(doc: JsonObject, ctx: CrosswalkContext): LangValue[] {
  const out = langValueList();
  for (const p of productions(doc)) for (const place of objectsOf(p['took_place_at'])) addConcept(out, conceptValue(place, ctx, '/spatial'));
  for (const e of objectsOf(doc['encountered_by'])) for (const place of objectsOf(e['took_place_at'])) addConcept(out, conceptValue(place, ctx, '/spatial'));
  return out.values;
}

/** Identifier contents, the object's URI, and its equivalents' URIs. */
function identifier(doc: JsonObject, ctx: CrosswalkContext): Identifier[] {
  const parsed: IdentifierResult[] = [];
  for (const i of objectsOf(doc['identified_by'])) {
    if (typeOf(i) !== 'Identifier') continue;
    const text = contentOf(i, ctx, '/identifier', 'Identifier content');
    if (text !== '') parsed.push(normaliseIdentifier(text));
  }
  for (const ref of [doc, ...objectsOf(doc['equivalent'])]) {
    const id = idOf(ref);
    if (id !== undefined) parsed.push(normaliseIdentifier(expandUri(id) ?? id));
  }
  return distinctIdentifiers(parsed, ctx);
}

/** subject_to Rights (their classification is the licence) and rights statements. */
function rights(doc: JsonObject, st: Statements, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const out = stringList();
  const consider = (text: string, where: string, keep: boolean): void => {
    const r = normaliseRights(text);
    if (r.uri !== undefined) uri = keepRightsUri(ctx, uri, r.uri, where, text);
    if (keep || r.uri === undefined) out.add(text);
  };
  for (const right of objectsOf(doc['subject_to'])) {
    for (const c of objectsOf(right['classified_as'])) {
      const id = idOf(c);
      if (id !== undefined) consider(id, 'subject_to', false);
    }
    for (const s of statementsOf(right)) consider(contentOf(s, ctx, '/rights/statement', 'Right statement'), 'subject_to', true);
    if (uri === undefined && typeof right['_label'] === 'string') consider(right['_label'], 'subject_to', true);
  }
  for (const id of st.rightsIds) consider(id, 'rights statement id', false);
  for (const s of st.rights) consider(s, 'rights statement', true);
  return buildRights(uri, out.values);
}

/** The digital things a reference leads to: itself, or (Linked Art 1.0) its digitally_carried_by / digitally_shown_by access points. */
function accessPoints(o: JsonObject): { url: string; holder: JsonObject }[] {
  const out: { url: string; holder: JsonObject }[] = [];
  const direct = canonicalUrl(idOf(o) ?? '');
  if (direct !== undefined && (o['format'] !== undefined || o['classified_as'] !== undefined || o['conforms_to'] !== undefined)) out.push({ url: direct, holder: o });
  for (const key of ['digitally_carried_by', 'digitally_shown_by']) {
    for (const d of objectsOf(o[key])) {
      for (const ap of asList(d['access_point'])) {
        const url = canonicalUrl(idOf(ap) ?? '');
        if (url !== undefined) out.push({ url, holder: d });
      }
    }
  }
  return out;
}

function conformsToIiif(o: JsonObject): boolean {
  const formats = typeof o['format'] === 'string' ? o['format'] : '';
  return asList(o['conforms_to']).some((c) => /iiif\.io\/api\/presentation/.test(idOf(c) ?? '')) || /iiif\.io\/api\/presentation/.test(formats);
}

/** subject_of: the first web page is isShownAt; the rest (IIIF manifests, other texts) are relations. */
function links(doc: JsonObject): { isShownAt?: string; relation: string[] } {
  let page: string | undefined;
  const relation = stringList();
  for (const s of objectsOf(doc['subject_of'])) {
    for (const { url, holder } of accessPoints(s)) {
      const isPage = !conformsToIiif(holder) && (holder['format'] === 'text/html' || classifiedAs(holder, WEB_PAGE) || classifiedAs(s, WEB_PAGE));
      if (isPage && page === undefined) page = url;
      else relation.add(url);
    }
  }
  for (const set of objectsOf(doc['member_of'])) relation.add(expandUri(idOf(set)) ?? '');
  return page === undefined ? { relation: relation.values } : { isShownAt: page, relation: relation.values };
}

/** The object's representation (else its parts'): a digital image file, else any image link that is not an image service. */
function isShownBy(doc: JsonObject): string | undefined {
  const candidates: { url: string; holder: JsonObject }[] = [];
  const seen = new Set<string>();
  for (const r of [...objectsOf(doc['representation']), ...objectsOf(doc['part']).flatMap((p) => objectsOf(p['representation']))]) {
    const direct = canonicalUrl(idOf(r) ?? '');
    for (const ap of [...accessPoints(r), ...(direct !== undefined ? [{ url: direct, holder: r }] : [])]) {
      if (seen.has(ap.url)) continue;
      seen.add(ap.url);
      candidates.push(ap);
    }
  }
  const isImageService = (h: JsonObject): boolean => asList(h['conforms_to']).some((c) => /iiif\.io\/api\/image/.test(idOf(c) ?? (typeof c === 'string' ? c : '')));
  const best = candidates.find((c) => !isImageService(c.holder) && (classifiedAs(c.holder, DIGITAL_IMAGE) || (typeof c.holder['format'] === 'string' && c.holder['format'].startsWith('image/'))));
  return (best ?? candidates.find((c) => !isImageService(c.holder) && isFileUrl(c.url)) ?? candidates.find((c) => !isImageService(c.holder)))?.url;
}

/** A Linked Art record (HumanMadeObject and the other record classes) to a draft (see docs/crosswalks.md for the table). */
export function crosswalkLinkedArt(doc: JsonObject, ctx: CrosswalkContext): RecordDraft {
  const names = titles(doc, ctx);
  if (names.title.length === 0) {
    ctx.issues.push({ code: 'LINKED_ART_NAME_MISSING', severity: 'warning', path: '/title', message: 'The object has neither a Name in identified_by nor a _label' });
  }
  const st = statements(doc, ctx);
  const subjects = subject(doc, ctx);
  const types = type(doc, subjects, ctx);
  const creators = creator(doc, ctx);
  const l = links(doc);
  return buildDraft({
    title: names.title,
    alternative: names.alternative,
    description: st.description,
    subject: subjects.values,
    creator: creators,
    contributor: contributor(doc, ctx, creators),
    date: date(doc, ctx),
    type: types,
    format: format(doc, st.format, ctx),
    language: language(doc),
    publisher: publisher(doc, ctx),
    spatial: spatial(doc, ctx),
    identifier: identifier(doc, ctx),
    rights: rights(doc, st, ctx),
    isShownAt: l.isShownAt,
    isShownBy: isShownBy(doc),
    relation: l.relation,
  });
}
