// Crosswalk from LIDO 1.0 and 1.1 (museum objects: a lidoWrap or a single lido) to the record model.
// Pure: no I/O after the event-type table (data/vocab/lido-event-types.json) is read once at module load.

import type { Agent, DcmiType, Identifier, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { childElements, langOf, textOf, type XmlElement } from '../../xml/parse.js';
import { normaliseDate, type DateResult } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { labelKey, loadVocabTable } from '../vocab/load-table.js';
import { toSortName } from '../vocab/names.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { normaliseEdmRights, normaliseEdmType } from './edm.js';
import { addDistinct, addIssue, buildDraft, buildRights, distinctIdentifiers, foldedText, HTTP_URI, keepRightsUri, langValue, mergeLangValue } from './values.js';

/** LIDO 1.0 and 1.1 share one namespace. */
export const LIDO_NS = 'http://www.lido-schema.org';

// lido:pref: LIDO 1.0 words, LIDO 1.1 terminology URIs (lido00170 alternate, lido00526 display variant).
const ALTERNATE_PREFS = new Set(['alternate', 'alternative', 'http://terminology.lido-schema.org/lido00170', 'http://terminology.lido-schema.org/lido00526']);
// A titleSet typed as another title than the object's own.
const ALTERNATIVE_TITLE_SET = /alternat|former|other|translat|variant/i;
const THUMBNAIL = /thumb/i;
const CORPORATE_ACTOR = /corporat|organi[sz]ation|institution|group|family/i;
// CIDOC-CRM classes of physical things in lido:category (E22 Man-Made Object, E19 Physical Object, E20 Biological Object, E84 Information Carrier).
const CRM_PHYSICAL = /(?:^|[/#])E(?:22|19|20|84)(?:[_.-]|$)/;
const ISO_POINT = /^(-?)(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
// Era abbreviations the date vocabulary does not read yet: Latin "a. Chr." (CIMEC, Romania, "83 a.Chr."),
// Romanian "î.Hr." / "î.e.n." and their AD forms. Rewritten for reading only; the display keeps them.
const BC_ERA = /(\d)\s*(?:a\.\s?chr\.?|ante\s+christum|î\.\s?hr\.?|î\.\s?e\.\s?n\.?)(?=$|[\s,;)\]–-])/gi;
const AD_ERA = /(\d)\s*(?:p\.\s?chr\.?|post\s+christum|d\.\s?hr\.?|e\.\s?n\.?)(?=$|[\s,;)\]–-])/gi;
// Authorities named in actorID/@type or @source whose bare ids make a URI.
const AUTHORITIES: readonly [hint: RegExp, id: RegExp, base: string][] = [
  [/ulan/i, /^\d{9}$/, 'http://vocab.getty.edu/ulan/'],
  [/viaf/i, /^\d+$/, 'http://viaf.org/viaf/'],
  [/gnd|d-nb/i, /^[\dX-]+$/i, 'https://d-nb.info/gnd/'],
  [/wikidata/i, /^Q\d+$/, 'http://www.wikidata.org/entity/'],
];

const MAKING_URIS = new Set<string>();
const MAKING_LABELS = new Set<string>();
{
  const table = loadVocabTable<{ uris: string[]; labels: string[] }>('lido-event-types.json');
  for (const u of table.uris) MAKING_URIS.add(u.toLowerCase());
  for (const l of table.labels) MAKING_LABELS.add(labelKey(l));
}

/** The parts of one lido record the field functions read. */
interface Lido {
  lido: XmlElement;
  /** descriptiveMetadata, one per language in LIDO 1.0. */
  desc: XmlElement[];
  administrative: XmlElement[];
  /** The events that made the object (creation, production, designing, ...). */
  making: XmlElement[];
  workTypes: XmlElement[];
  classifications: XmlElement[];
}

function kids(el: XmlElement, name: string): XmlElement[] {
  return childElements(el, LIDO_NS, name);
}

/** The LIDO elements at the end of a path of child names, from several starting elements. */
function all(roots: readonly XmlElement[], ...path: string[]): XmlElement[] {
  let current = roots as XmlElement[];
  for (const name of path) {
    const next: XmlElement[] = [];
    for (const e of current) for (const c of e.children) if (typeof c === 'object' && c.ns === LIDO_NS && c.name === name) next.push(c);
    current = next;
  }
  return current;
}

// Attribute keys as the parser writes namespaced ones, built once (a template string per lookup showed in profiles).
const ATTR_KEYS = new Map<string, string>(['pref', 'type', 'label', 'source'].map((n) => [n, `{${LIDO_NS}}${n}`]));

/** A LIDO attribute, namespaced as the schema has it or bare as some exporters write it. */
function lidoAttr(el: XmlElement, name: 'pref' | 'type' | 'label' | 'source'): string | undefined {
  return el.attrs[ATTR_KEYS.get(name) as string] ?? el.attrs[name];
}

function isAlternate(el: XmlElement): boolean {
  const pref = lidoAttr(el, 'pref');
  return pref !== undefined && ALTERNATE_PREFS.has(pref.trim().toLowerCase());
}

/** Non-empty texts of the given children, preferred ones only (lido:pref not alternate). */
function preferredTexts(el: XmlElement, name: string): XmlElement[] {
  return kids(el, name).filter((c) => !isAlternate(c) && foldedText(c) !== '');
}

/** The element's text with its language (xml:lang, inherited); undefined when the text is empty. */
function langValueOf(el: XmlElement, keepParagraphs = false): LangValue | undefined {
  const value = foldedText(el, keepParagraphs);
  return value === '' ? undefined : langValue(value, langOf(el));
}

function firstHttp(els: XmlElement[]): string | undefined {
  for (const e of els) {
    const url = canonicalUrl(foldedText(e));
    if (url !== undefined) return url;
  }
  return undefined;
}

/** A concept URI compared without scheme, trailing slash or case; Getty AAT by its number on any host. */
function conceptKey(el: XmlElement): string {
  const raw = foldedText(el).toLowerCase();
  const hint = `${lidoAttr(el, 'source') ?? ''} ${lidoAttr(el, 'type') ?? ''}`;
  if (/^\d{9}$/.test(raw) && /aat/i.test(hint)) return `aat:${raw}`;
  const s = raw.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const aat = /^(?:vocab|terms)\.getty\.edu\/(?:page\/)?aat\/(\d+)$/.exec(s);
  return aat ? `aat:${aat[1] as string}` : s;
}

/** True for an event that made the object: its eventType names creation, production, designing ... by concept URI or by term. */
function isMaking(event: XmlElement): boolean {
  for (const t of kids(event, 'eventType')) {
    for (const c of kids(t, 'conceptID')) if (MAKING_URIS.has(conceptKey(c))) return true;
    for (const term of kids(t, 'term')) if (MAKING_LABELS.has(labelKey(textOf(term)))) return true;
  }
  return false;
}

/** The lido element of the metadata: itself, or the first one of a lidoWrap. */
function lidoRecord(metadata: XmlElement, ctx: CrosswalkContext): XmlElement | undefined {
  if (metadata.ns === LIDO_NS && metadata.name === 'lido') return metadata;
  const records = metadata.ns === LIDO_NS && metadata.name === 'lidoWrap' ? kids(metadata, 'lido') : [];
  if (records.length > 1) {
    addIssue(ctx, '', { code: 'LIDO_WRAP_MULTIPLE', severity: 'warning', message: `The lidoWrap holds ${records.length} lido records; only the first was mapped` });
  }
  if (records.length === 0) {
    addIssue(ctx, '', { code: 'LIDO_RECORD_MISSING', severity: 'error', message: `No lido record in <${metadata.qname}>: nothing to map` });
  }
  return records[0];
}

function readLido(lido: XmlElement): Lido {
  const desc = kids(lido, 'descriptiveMetadata');
  const making = all(desc, 'eventWrap', 'eventSet', 'event').filter(isMaking);
  return {
    lido,
    desc,
    administrative: kids(lido, 'administrativeMetadata'),
    making,
    workTypes: all(desc, 'objectClassificationWrap', 'objectWorkTypeWrap', 'objectWorkType'),
    classifications: all(desc, 'objectClassificationWrap', 'classificationWrap', 'classification'),
  };
}

// ---- Actors and places ----

function actorName(actor: XmlElement): string | undefined {
  for (const set of kids(actor, 'nameActorSet')) {
    const preferred = preferredTexts(set, 'appellationValue')[0];
    if (preferred !== undefined) return foldedText(preferred);
  }
  for (const set of kids(actor, 'nameActorSet')) {
    for (const av of kids(set, 'appellationValue')) if (foldedText(av) !== '') return foldedText(av);
  }
  return undefined;
}

/** An authority URI for an actor: an http(s) actorID, or a ULAN, VIAF, GND or Wikidata id named as such. */
function actorUri(actor: XmlElement): string | undefined {
  for (const id of kids(actor, 'actorID')) {
    const value = foldedText(id);
    const url = canonicalUrl(value);
    if (url !== undefined) return url;
    const hint = `${lidoAttr(id, 'source') ?? ''} ${lidoAttr(id, 'type') ?? ''}`;
    for (const [h, pattern, base] of AUTHORITIES) if (h.test(hint) && pattern.test(value)) return base + value;
  }
  return undefined;
}

/** The role of an actor in an event: the English term of roleActor, else its first term. */
function actorRole(actorInRole: XmlElement): string | undefined {
  for (const role of kids(actorInRole, 'roleActor')) {
    const terms = preferredTexts(role, 'term');
    const en = terms.find((t) => langOf(t)?.toLowerCase().startsWith('en'));
    const chosen = en ?? terms[0];
    if (chosen !== undefined) return foldedText(chosen);
  }
  return undefined;
}

/** Places of an eventPlace or subjectPlace: each place's preferred names (with its http(s) placeID), else displayPlace. */
function places(wrapper: XmlElement, out: LangValue[]): void {
  let named = false;
  for (const place of kids(wrapper, 'place')) {
    const uri = firstHttp(kids(place, 'placeID'));
    for (const set of kids(place, 'namePlaceSet')) {
      for (const av of preferredTexts(set, 'appellationValue')) {
        const v = langValueOf(av);
        if (v === undefined) continue;
        if (uri !== undefined) v.uri = uri;
        mergeLangValue(out, v);
        named = true;
      }
    }
  }
  if (!named) for (const d of kids(wrapper, 'displayPlace')) mergeLangValue(out, langValueOf(d));
}

// ---- One function per target field ----

interface Titles {
  title: LangValue[];
  alternative: LangValue[];
}

/**
 * Titles: appellationValues of titleSets; those marked alternate (lido:pref), and all values of a
 * titleSet typed as an alternative, former or translated title, are alternatives. Without any
 * preferred title, the first alternative is the title.
 */
function titles(l: Lido): Titles {
  const t: Titles = { title: [], alternative: [] };
  for (const set of all(l.desc, 'objectIdentificationWrap', 'titleWrap', 'titleSet')) {
    const setIsAlternative = ALTERNATIVE_TITLE_SET.test(lidoAttr(set, 'type') ?? '');
    for (const av of kids(set, 'appellationValue')) mergeLangValue(setIsAlternative || isAlternate(av) ? t.alternative : t.title, langValueOf(av));
  }
  if (t.title.length === 0 && t.alternative.length > 0) t.title.push(t.alternative.shift() as LangValue);
  return t;
}

function description(l: Lido): LangValue[] {
  const out: LangValue[] = [];
  for (const note of all(l.desc, 'objectIdentificationWrap', 'objectDescriptionWrap', 'objectDescriptionSet', 'descriptiveNoteValue')) mergeLangValue(out, langValueOf(note, true));
  return out;
}

/**
 * Subjects: subjectConcept terms (with the concept's http(s) conceptID), subjectActor names,
 * displaySubject when a subjectSet has nothing structured; then classifications (other than
 * europeana:type), which DC counts as subjects.
 */
function subject(l: Lido): LangValue[] {
  const out: LangValue[] = [];
  for (const set of all(l.desc, 'objectRelationWrap', 'subjectWrap', 'subjectSet')) {
    const before = out.length;
    for (const s of kids(set, 'subject')) {
      for (const concept of kids(s, 'subjectConcept')) {
        const uri = firstHttp(kids(concept, 'conceptID'));
        for (const term of preferredTexts(concept, 'term')) {
          const v = langValueOf(term);
          if (v !== undefined && uri !== undefined) v.uri = uri;
          mergeLangValue(out, v);
        }
      }
      for (const actor of all([s], 'subjectActor', 'actor')) {
        const name = actorName(actor);
        if (name === undefined) continue;
        const v: LangValue = { value: name };
        const uri = actorUri(actor);
        if (uri !== undefined) v.uri = uri;
        mergeLangValue(out, v);
      }
    }
    if (out.length === before) for (const d of kids(set, 'displaySubject')) mergeLangValue(out, langValueOf(d));
  }
  for (const c of l.classifications) {
    if (isEuropeanaType(c)) continue;
    const uri = firstHttp(kids(c, 'conceptID'));
    for (const term of preferredTexts(c, 'term')) {
      const v = langValueOf(term);
      if (v !== undefined && uri !== undefined) v.uri = uri;
      mergeLangValue(out, v);
    }
  }
  return out;
}

function isEuropeanaType(classification: XmlElement): boolean {
  return (lidoAttr(classification, 'type') ?? '').trim().toLowerCase() === 'europeana:type';
}

/** Creators: the actors of the events that made the object, with their role and authority URI; displayActorInRole when no actor is named. */
function creator(l: Lido): Agent[] {
  const out: Agent[] = [];
  const add = (agent: Agent): void => {
    const same = out.find((a) => a.name === agent.name);
    if (same === undefined) out.push(agent);
    else {
      if (same.role === undefined && agent.role !== undefined) same.role = agent.role;
      if (same.uri === undefined && agent.uri !== undefined) same.uri = agent.uri;
    }
  };
  for (const event of l.making) {
    for (const ea of kids(event, 'eventActor')) {
      let named = false;
      for (const air of kids(ea, 'actorInRole')) {
        for (const actor of kids(air, 'actor')) {
          const name = actorName(actor);
          if (name === undefined) continue;
          named = true;
          const corporate = CORPORATE_ACTOR.test(lidoAttr(actor, 'type') ?? '');
          const agent: Agent = { name, sortName: corporate ? name : toSortName(name) };
          const role = actorRole(air);
          if (role !== undefined) agent.role = role;
          const uri = actorUri(actor);
          if (uri !== undefined) agent.uri = uri;
          add(agent);
        }
      }
      if (!named) {
        for (const d of kids(ea, 'displayActorInRole')) {
          const name = foldedText(d);
          if (name !== '') add({ name, sortName: toSortName(name) });
        }
      }
    }
  }
  return out;
}

/** An ISO 8601 date (year, year-month or day; astronomical years, "-0083" is 84 BC) as EDTF and a year. */
function isoPoint(raw: string): { edtf: string; year: number } | undefined {
  const m = ISO_POINT.exec(raw);
  if (!m) return undefined;
  const [, sign, y, mm, dd] = m as unknown as [string, string, string, string | undefined, string | undefined];
  if (mm !== undefined && (Number(mm) < 1 || Number(mm) > 12)) return undefined;
  if (dd !== undefined && (Number(dd) < 1 || Number(dd) > 31)) return undefined;
  const year = Number(y) * (sign === '-' ? -1 : 1);
  return { edtf: `${year < 0 ? '-' : ''}${y.padStart(4, '0')}${mm !== undefined ? '-' + mm : ''}${dd !== undefined ? '-' + dd : ''}`, year };
}

/** earliestDate/latestDate as EDTF and a year range; an open end when only one is given; undefined when either is not ISO or they are reversed. */
function structuredDate(earliest: string, latest: string): RecordDate | undefined {
  const e = earliest === '' ? undefined : isoPoint(earliest);
  const l = latest === '' ? undefined : isoPoint(latest);
  if ((earliest !== '' && e === undefined) || (latest !== '' && l === undefined)) return undefined;
  if (e !== undefined && l !== undefined) {
    if (e.year > l.year) return undefined;
    return { display: '', edtf: e.edtf === l.edtf ? e.edtf : `${e.edtf}/${l.edtf}`, earliest: e.year, latest: l.year };
  }
  if (e !== undefined) return { display: '', edtf: `${e.edtf}/..`, earliest: e.year };
  if (l !== undefined) return { display: '', edtf: `../${l.edtf}`, latest: l.year };
  return undefined;
}

/** normaliseDate, plus the era abbreviations it does not read yet (a.Chr., î.Hr.): a local wrapper, the display stays as written. */
function readDate(display: string): DateResult {
  const rewritten = display.replace(BC_ERA, '$1 BC').replace(AD_ERA, '$1 AD');
  if (rewritten !== display) {
    const r = normaliseDate(rewritten);
    if (r.date.edtf !== undefined) return { date: { ...r.date, display } };
  }
  return normaliseDate(display);
}

/**
 * The date of the first making event that has one: displayDate for display; earliestDate and
 * latestDate, when they are ISO dates, for EDTF and the year range (they are the machine-readable
 * form; the display text is only read when they are missing or unreadable).
 */
function date(l: Lido, ctx: CrosswalkContext): RecordDate | undefined {
  for (const event of l.making) {
    for (const ed of kids(event, 'eventDate')) {
      const display = kids(ed, 'displayDate').map((d) => foldedText(d)).find((t) => t !== '');
      const range = kids(ed, 'date')[0];
      const earliest = range ? foldedText(kids(range, 'earliestDate')[0]) : '';
      const latest = range ? foldedText(kids(range, 'latestDate')[0]) : '';
      const structured = structuredDate(earliest, latest);
      if (structured !== undefined) {
        structured.display = display ?? structured.edtf ?? '';
        return structured;
      }
      const shown = display ?? (earliest !== '' ? earliest : latest);
      if (shown === '') continue;
      const r = readDate(shown);
      if (r.issue) addIssue(ctx, '/date', r.issue);
      return r.date;
    }
  }
  return undefined;
}

/**
 * Types, one per DCMI term: objectWorkType (its first term or DCMI URI the vocabulary knows;
 * a work type none of whose terms map is reported), the europeana:type classification (EDM
 * types), other classifications and the lido:category when the vocabulary knows them.
 */
function type(l: Lido, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const add = (value: DcmiType, original: string): void => {
    if (!out.some((t) => t.value === value)) out.push({ value, original });
  };
  const firstMapped = (el: XmlElement): [DcmiType, string] | undefined => {
    for (const c of [...kids(el, 'conceptID'), ...preferredTexts(el, 'term')]) {
      const label = foldedText(c);
      const t = label === '' ? undefined : normaliseType(label);
      if (t !== undefined) return [t, label];
    }
    return undefined;
  };
  for (const wt of l.workTypes) {
    const mapped = firstMapped(wt);
    if (mapped !== undefined) add(...mapped);
    else {
      const label = foldedText(preferredTexts(wt, 'term')[0]);
      if (label !== '') addIssue(ctx, '/type', { code: 'TYPE_UNMAPPED', severity: 'info', message: `objectWorkType "${issueValue(label)}" has no DCMI Type equivalent; kept as a format only`, value: issueValue(label) });
    }
  }
  for (const c of l.classifications) {
    if (isEuropeanaType(c)) {
      for (const term of kids(c, 'term')) {
        const t = normaliseEdmType(foldedText(term));
        if (t !== undefined) add(t, foldedText(term));
      }
      continue;
    }
    const mapped = firstMapped(c);
    if (mapped !== undefined) add(...mapped);
  }
  for (const cat of kids(l.lido, 'category')) {
    const crm = kids(cat, 'conceptID').map((c) => foldedText(c)).find((id) => CRM_PHYSICAL.test(id));
    const mapped = crm !== undefined ? (['PhysicalObject', crm] as [DcmiType, string]) : firstMapped(cat);
    if (mapped !== undefined) add(...mapped);
  }
  return out;
}

/** A display value with its lido:label in front ("diameter: 17,5x18"): a bare measurement means nothing. */
function labelled(el: XmlElement): string {
  const value = foldedText(el);
  const label = lidoAttr(el, 'label')?.trim();
  return value === '' || !label ? value : `${label}: ${value}`;
}

/** The work type as given (the model has no genre field), measurements and the materials and techniques of the making events. */
function format(l: Lido): string[] {
  const out = new Set<string>();
  for (const wt of l.workTypes) {
    for (const term of preferredTexts(wt, 'term')) out.add(foldedText(term));
  }
  for (const m of all(l.desc, 'objectIdentificationWrap', 'objectMeasurementsWrap', 'objectMeasurementsSet', 'displayObjectMeasurements')) {
    const v = labelled(m);
    if (v !== '') out.add(v);
  }
  for (const m of all(l.making, 'eventMaterialsTech', 'displayMaterialsTech')) {
    const v = labelled(m);
    if (v !== '') out.add(v);
  }
  return [...out];
}

/**
 * The repository holding the object (repositoryName, not a "former" repositorySet), one name per
 * language, with its http(s) legalBodyID. Not dataProvider: that comes from configuration.
 */
function publisher(l: Lido): LangValue[] {
  const out: LangValue[] = [];
  for (const set of all(l.desc, 'objectIdentificationWrap', 'repositoryWrap', 'repositorySet')) {
    if (/former/i.test(lidoAttr(set, 'type') ?? '')) continue;
    for (const name of kids(set, 'repositoryName')) {
      const uri = firstHttp(kids(name, 'legalBodyID'));
      const langs = new Set<string>();
      for (const av of all([name], 'legalBodyName', 'appellationValue')) {
        if (isAlternate(av)) continue;
        const v = langValueOf(av);
        if (v === undefined || langs.has(v.lang ?? '')) continue;
        langs.add(v.lang ?? '');
        if (uri !== undefined) v.uri = uri;
        mergeLangValue(out, v);
      }
    }
  }
  return out;
}

/** LIDO describes objects, not texts: it has no language of the resource (xml:lang is the metadata's language). */
function language(_l: Lido): string[] {
  return [];
}

/** Only making events name creators; actors of other events (finders, owners, sellers) did not contribute to the object. */
function contributor(_l: Lido): Agent[] {
  return [];
}

/** Places where the object was made, and places it depicts or is about (subjectPlace). */
function spatial(l: Lido): LangValue[] {
  const out: LangValue[] = [];
  for (const ep of all(l.making, 'eventPlace')) places(ep, out);
  for (const sp of all(l.desc, 'objectRelationWrap', 'subjectWrap', 'subjectSet', 'subject', 'subjectPlace')) places(sp, out);
  return out;
}

/** lidoRecID and objectPublishedID, normalised, without repeats. */
function identifier(l: Lido, ctx: CrosswalkContext): Identifier[] {
  const parsed: IdentifierResult[] = [];
  for (const el of [...kids(l.lido, 'lidoRecID'), ...kids(l.lido, 'objectPublishedID')]) {
    const value = foldedText(el);
    if (value !== '') parsed.push(normaliseIdentifier(value));
  }
  return distinctIdentifiers(parsed, ctx);
}

interface RightsRead {
  uri: string | undefined;
  statements: string[];
}

/** rightsType concept ids and terms, and credit lines, of rightsWorkSet or rightsResource elements. */
function readRights(sets: XmlElement[], ctx: CrosswalkContext): RightsRead {
  const r: RightsRead = { uri: undefined, statements: [] };
  for (const set of sets) {
    for (const rt of kids(set, 'rightsType')) {
      for (const c of [...kids(rt, 'conceptID'), ...preferredTexts(rt, 'term')]) {
        const value = foldedText(c);
        if (value === '') continue;
        const n = normaliseEdmRights(value);
        if (n.uri !== undefined) {
          r.uri = keepRightsUri(ctx, r.uri, n.uri, 'rightsType', value);
          if (n.legacy) addIssue(ctx, '/rights/uri', { code: 'RIGHTS_LEGACY_MAPPED', severity: 'info', message: `Retired Europeana statement ${value} read as ${n.uri}`, value: issueValue(value) });
          if (HTTP_URI.test(value) && !n.legacy) continue;
        }
        addDistinct(r.statements, value);
      }
    }
    for (const credit of kids(set, 'creditLine')) {
      addDistinct(r.statements, foldedText(credit));
    }
  }
  return r;
}

/**
 * Rights of the object (rightsWorkWrap), else of its digital resource (resourceSet/rightsResource,
 * what Europeana shows as edm:rights). recordRights is the licence of the metadata record, not of
 * the object, and is not used.
 */
function rights(l: Lido, ctx: CrosswalkContext): Rights | undefined {
  const work = readRights(all(l.administrative, 'rightsWorkWrap', 'rightsWorkSet'), ctx);
  const resource = readRights(all(l.administrative, 'resourceWrap', 'resourceSet', 'rightsResource'), ctx);
  const uri = work.uri ?? resource.uri;
  const statements = [...work.statements, ...resource.statements.filter((s) => !work.statements.includes(s))];
  return buildRights(uri, statements);
}

/** The record's page at the museum: the first http(s) recordInfoLink. */
function isShownAt(l: Lido): string | undefined {
  return firstHttp(all(l.administrative, 'recordWrap', 'recordInfoSet', 'recordInfoLink'));
}

/** The first image: the first linkResource of a representation that is not a thumbnail, else the first one. */
function isShownBy(l: Lido): string | undefined {
  const reps = all(l.administrative, 'resourceWrap', 'resourceSet', 'resourceRepresentation');
  const full = firstHttp(all(reps.filter((r) => !THUMBNAIL.test(lidoAttr(r, 'type') ?? '')), 'linkResource'));
  return full ?? firstHttp(all(reps, 'linkResource'));
}

/** Related works: their web resource, else their display name, else their objectID. */
function relation(l: Lido): string[] {
  const out = new Set<string>();
  for (const rw of all(l.desc, 'objectRelationWrap', 'relatedWorksWrap', 'relatedWorkSet', 'relatedWork')) {
    const objects = kids(rw, 'object');
    const value = firstHttp(all(objects, 'objectWebResource')) ?? kids(rw, 'displayObject').map((d) => foldedText(d)).find((t) => t !== '') ?? all(objects, 'objectID').map((d) => foldedText(d)).find((t) => t !== '');
    if (value !== undefined) out.add(value);
  }
  return [...out];
}

/**
 * Maps a LIDO record (a lido element, or the first lido of a lidoWrap) to a draft record.
 * Creators, date and place come from the events that made the object (creation, production,
 * designing ...), recognised by eventType term in several languages or by concept URI; the
 * holding repository becomes the publisher. Unknown elements are ignored; problems go to ctx.issues.
 */
export function crosswalkLido(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const record = lidoRecord(metadata, ctx);
  if (record === undefined) return { title: [] };
  const l = readLido(record);
  const t = titles(l);
  return buildDraft({
    title: t.title,
    alternative: t.alternative,
    description: description(l),
    subject: subject(l),
    creator: creator(l),
    contributor: contributor(l),
    date: date(l, ctx),
    type: type(l, ctx),
    format: format(l),
    language: language(l),
    publisher: publisher(l),
    spatial: spatial(l),
    identifier: identifier(l, ctx),
    rights: rights(l, ctx),
    isShownAt: isShownAt(l),
    isShownBy: isShownBy(l),
    relation: relation(l),
  });
}
