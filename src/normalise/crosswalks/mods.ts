// Crosswalk from MODS 3.x (a mods record, the first of a modsCollection, or the MODS inside a METS document) to the record model.
// Pure: no I/O. Elements are matched by namespace URI, never by prefix; unknown elements are ignored.

import type { Agent, DcmiType, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { langOf, textOf, XML_NS, type XmlElement } from '../../xml/parse.js';
import { normaliseDate, type DateResult } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { creatorsAndContributors, relatorFromCode, relatorFromTerm, trimIsbd, type NameEntry, type Relator } from './marcxml.js';
import { addDistinct, addIssue, addLangValue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldedText, foldText, HTTP_URI, isFileUrl, keepRightsUri, persistentIdentifier, prefixedIdentifier, TYPE_PREFIX } from './values.js';

/** MODS 3.x. */
export const MODS_NS = 'http://www.loc.gov/mods/v3';
/** METS (a wrapper whose descriptive metadata is usually MODS). */
export const METS_NS = 'http://www.loc.gov/METS/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
// DFG-Viewer METS extension (ZVDD, German digitisation projects): links to the viewer and catalogue.
const DFG_VIEWER_NS = 'http://dfg-viewer.de/';

const XML_LANG = `{${XML_NS}}lang`;
const XLINK_HREF = `{${XLINK_NS}}href`;

// ---- Reading ----

/** The top-level MODS elements of a record by local name, in document order. */
type Mods = Map<string, XmlElement[]>;

const NONE: readonly XmlElement[] = [];

function readMods(mods: XmlElement): Mods {
  const m: Mods = new Map();
  for (const c of mods.children) {
    if (typeof c !== 'object' || c.ns !== MODS_NS) continue;
    const list = m.get(c.name);
    if (list) list.push(c);
    else m.set(c.name, [c]);
  }
  return m;
}

function all(m: Mods, name: string): readonly XmlElement[] {
  return m.get(name) ?? NONE;
}

function kids(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c === 'object' && c.ns === MODS_NS && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** xml:lang, or MODS's own `lang` attribute (ISO 639-2/B), of the element or its MODS parent; else xml:lang inherited from outside. */
function langFor(el: XmlElement): string | undefined {
  for (let e: XmlElement | undefined = el; e !== undefined && e.ns === MODS_NS; e = e.parent) {
    const l = e.attrs[XML_LANG] ?? e.attrs.lang;
    if (l !== undefined) return l.trim() || undefined;
    if (e.name === 'mods') return langOf(e);
  }
  return langOf(el);
}

/** An authority URI given on the element (valueURI), when it is an http(s) URL. */
function valueUri(el: XmlElement): string | undefined {
  const v = el.attrs.valueURI;
  return v !== undefined ? canonicalUrl(v) : undefined;
}

// ---- Titles and names (also used inside subject and relatedItem) ----

const PUNCTUATION_END = /[,:;/=]$/;

/**
 * A titleInfo as one string, as LC's MODS to Dublin Core stylesheet writes it: nonSort and
 * title, ": " subTitle, ". " partNumber, ". " partName (", " after a number). DSpace@MIT (2007)
 * writes the title as the text of titleInfo itself, without a title element: that is read too.
 */
function titleString(ti: XmlElement): string {
  let out = '';
  let nonSort = '';
  let previous = '';
  const parts = kids(ti);
  if (parts.length === 0) return trimIsbd(foldedText(ti));
  for (const p of parts) {
    if (p.name === 'nonSort') {
      // Kept in the display title; the space after it is often left out ("The" + "title").
      const n = textOf(p).replace(/\s+/g, ' ').trimStart();
      nonSort = n === '' || /[\s'’-]$/.test(n) ? n : n + ' ';
      continue;
    }
    const v = trimIsbd(foldedText(p));
    if (v === '') continue;
    let sep = '';
    if (p.name === 'title') sep = out === '' ? '' : '. ';
    else if (p.name === 'subTitle') sep = ': ';
    else if (p.name === 'partNumber') sep = '. ';
    else if (p.name === 'partName') sep = previous === 'partNumber' ? ', ' : '. ';
    else continue;
    out = out === '' ? v : PUNCTUATION_END.test(out) ? `${out} ${v}` : out + sep + v;
    previous = p.name;
  }
  return out === '' ? '' : nonSort + out;
}

/** A name read from its parts; `sortName` only when the parts say which is the family name. */
interface NameText {
  name: string;
  sortName: string | undefined;
}

/**
 * A name as one string: family and given name as "Family, Given", else the untyped name parts
 * (joined with ". " for the hierarchy of a body), then terms of address and dates after ", ";
 * displayForm when there are no name parts.
 */
function readName(n: XmlElement): NameText {
  const untyped: string[] = [];
  const family: string[] = [];
  const given: string[] = [];
  const extra: string[] = [];
  let display = '';
  for (const p of kids(n)) {
    if (p.name === 'displayForm') display ||= foldedText(p);
    if (p.name !== 'namePart') continue;
    const v = foldedText(p);
    if (v === '') continue;
    const t = p.attrs.type;
    if (t === 'family') family.push(v);
    else if (t === 'given') given.push(v);
    else if (t === 'date' || t === 'termsOfAddress') extra.push(v);
    else untyped.push(v);
  }
  if (family.length > 0 || given.length > 0) {
    const base = trimIsbd([family.join(' '), given.join(' ')].filter((v) => v !== '').join(', '));
    return { name: trimIsbd([base, ...extra].join(', ')), sortName: base };
  }
  const base = untyped.map((v) => trimIsbd(v)).join(n.attrs.type === 'personal' ? ' ' : '. ');
  return { name: base === '' ? trimIsbd(display) : trimIsbd([base, ...extra].join(', ')), sortName: undefined };
}

function nameString(n: XmlElement): string {
  return readName(n).name;
}

// ---- One function per target field ----

const ALTERNATIVE_TITLES = new Set(['alternative', 'translated', 'uniform', 'abbreviated']);

function titleLang(ti: XmlElement): string | undefined {
  const title = kids(ti, 'title')[0];
  return title !== undefined ? langFor(title) : langFor(ti);
}

/** Titles (titleInfo without a type, the primary one first); when there is none, the first typed title. */
function titles(m: Mods): { title: LangValue[]; alternative: LangValue[] } {
  const title: LangValue[] = [];
  const alternative: LangValue[] = [];
  const infos = [...all(m, 'titleInfo')].sort((a, b) => (b.attrs.usage === 'primary' ? 1 : 0) - (a.attrs.usage === 'primary' ? 1 : 0));
  for (const ti of infos) {
    const v = titleString(ti);
    const t = ti.attrs.type;
    addLangValue(t !== undefined && ALTERNATIVE_TITLES.has(t) ? alternative : title, v, titleLang(ti));
  }
  if (title.length === 0 && alternative.length > 0) title.push(alternative.shift() as LangValue);
  return { title, alternative: alternative.filter((a) => !title.some((t) => t.value === a.value)) };
}

// Notes about the record or the copy rather than the resource (DSpace's accession note is "provenance").
const SKIPPED_NOTES = new Set(['provenance', 'ownership', 'acquisition', 'action', 'admin', 'administrative', 'statement of responsibility', 'version identification']);

/** Abstracts, tables of contents, notes (not those about the copy or the record) and editions. */
function description(m: Mods, origins: XmlElement[]): LangValue[] {
  const out: LangValue[] = [];
  for (const name of ['abstract', 'tableOfContents']) for (const el of all(m, name)) addLangValue(out, foldedText(el, true), langFor(el));
  for (const el of all(m, 'note')) if (!SKIPPED_NOTES.has((el.attrs.type ?? '').toLowerCase())) addLangValue(out, foldedText(el, true), langFor(el));
  for (const o of origins) for (const e of kids(o, 'edition')) addLangValue(out, trimIsbd(foldedText(e)), langFor(e));
  return out;
}

interface SubjectPart {
  value: string;
  uri: string | undefined;
}

/** One subject element read: its components as strings, the geographic ones also apart. */
interface SubjectParts {
  el: XmlElement;
  parts: SubjectPart[];
  places: SubjectPart[];
}

function readSubject(s: XmlElement): SubjectParts {
  const parts: SubjectPart[] = [];
  const places: SubjectPart[] = [];
  for (const c of kids(s)) {
    let value = '';
    if (c.name === 'topic' || c.name === 'temporal' || c.name === 'genre' || c.name === 'occupation' || c.name === 'geographic') value = trimIsbd(foldedText(c));
    else if (c.name === 'name') value = nameString(c);
    else if (c.name === 'titleInfo') value = titleString(c);
    else if (c.name === 'hierarchicalGeographic') value = kids(c).map((e) => foldedText(e)).filter((v) => v !== '').join('--');
    if (value === '') continue;
    const part = { value, uri: valueUri(c) };
    parts.push(part);
    if (c.name === 'geographic' || c.name === 'hierarchicalGeographic') places.push(part);
  }
  return { el: s, parts, places };
}

/** Subjects: one per subject element, its components joined with "--" as in LCSH; valueURI as uri. */
function subject(subjects: SubjectParts[]): LangValue[] {
  const out: LangValue[] = [];
  for (const { el, parts } of subjects) {
    if (parts.length === 0) continue;
    const uri = valueUri(el) ?? (parts.length === 1 ? parts[0]?.uri : undefined);
    addLangValue(out, parts.map((p) => p.value).join('--'), langFor(el), uri);
  }
  return out;
}

/** Geographic subjects, each place on its own. */
function spatial(subjects: SubjectParts[]): LangValue[] {
  const out: LangValue[] = [];
  for (const { el, places } of subjects) for (const p of places) addLangValue(out, p.value, langFor(el), p.uri);
  return out;
}

// ---- Names ----

/**
 * The first role of a name: a relator code (type="code", or an untyped roleTerm that is a code
 * in the list, whatever its authority), else a role term as text.
 */
function roleOf(n: XmlElement): Relator | undefined {
  const terms = kids(n, 'role').flatMap((r) => kids(r, 'roleTerm'));
  for (const t of terms) {
    const v = foldedText(t);
    if (v === '' || t.attrs.type === 'text') continue;
    const r = relatorFromCode(v);
    if (r !== undefined) return r;
  }
  for (const t of terms) {
    const v = foldedText(t);
    if (v !== '' && t.attrs.type !== 'code') return relatorFromTerm(v);
  }
  return undefined;
}

function nameEntry(n: XmlElement): NameEntry | undefined {
  const { name, sortName } = readName(n);
  if (name === '') return undefined;
  const kind = n.attrs.type;
  const personal = kind === undefined || kind === 'personal';
  // Bodies, meetings and families keep their name as the sort form.
  const agent: Agent = { name, sortName: sortName ?? (personal ? toSortName(name) : name) };
  const relator = roleOf(n);
  if (relator !== undefined) agent.role = relator.label;
  let uri = valueUri(n);
  if (uri === undefined) {
    for (const id of kids(n, 'nameIdentifier')) {
      uri = canonicalUrl(foldedText(id));
      if (uri !== undefined) break;
    }
  }
  if (uri !== undefined) agent.uri = uri;
  return { agent, relator, primary: n.attrs.usage === 'primary', personal };
}

/**
 * Creators and contributors: a name with usage="primary" or a role of chief responsibility
 * (author, creator, artist, ...) is a creator, a name with another role a contributor. Names
 * without a role are contributors (as in LC's MODS to Dublin Core stylesheet), except that when
 * nothing else in the record is a creator, personal names without a role are taken as creators.
 */
function agents(m: Mods): { creators: Agent[]; contributors: Agent[] } {
  const entries: NameEntry[] = [];
  for (const n of all(m, 'name')) {
    const e = nameEntry(n);
    if (e !== undefined) entries.push(e);
  }
  return creatorsAndContributors(entries);
}

// ---- Date ----

/**
 * The originInfo elements that describe the resource. The digitised copy's own originInfo
 * (eventType="digitization", or the DFG METS/MODS profile's edition "[Electronic ed.]", as ZVDD
 * sends it) is left out: its date, publisher and edition are the library's, not the work's.
 */
function resourceOrigins(m: Mods): XmlElement[] {
  return all(m, 'originInfo').filter((o) => {
    const event = (o.attrs.eventType ?? '').toLowerCase();
    if (event === 'digitization' || event === 'digitisation') return false;
    return !kids(o, 'edition').some((e) => /^\[?electronic ed(?:\.|ition)\]?$/i.test(foldedText(e)));
  });
}

const DATE_NAMES = ['dateIssued', 'dateCreated', 'copyrightDate'];

/** One date element read, with its qualifier attribute as EDTF (~ approximate, ? questionable). */
function readDate(el: XmlElement, value: string): DateResult {
  // MARC-encoded dates (MODS made from MARC) write an open end as 9999 and an unknown date as uuuu.
  if (value === '9999' && (el.attrs.encoding === 'marc' || el.attrs.point === 'end')) return { date: { display: value, edtf: '..' } };
  if (el.attrs.encoding === 'marc' && /^u{4}$/i.test(value)) return { date: el.attrs.point !== undefined ? { display: value, edtf: '..' } : { display: value } };
  const r = normaliseDate(value);
  const q = el.attrs.qualifier;
  const edtf = r.date.edtf;
  if (edtf !== undefined && !edtf.includes('/') && !/[?~%]$/.test(edtf) && (q === 'approximate' || q === 'questionable')) {
    r.date.edtf = edtf + (q === 'approximate' ? '~' : '?');
  }
  return r;
}

function unreadableRange(display: string): DateResult {
  return {
    date: { display },
    issue: { code: 'DATE_UNPARSEABLE', severity: 'warning', message: `Could not read a date range from "${issueValue(display)}"; kept for display only`, value: issueValue(display) },
  };
}

/** A start and end pair (point="start" and point="end") as one range, displayed "start-end"; either end may be open. */
function rangeDate(start: XmlElement | undefined, end: XmlElement | undefined): DateResult {
  const s = start !== undefined ? readDate(start, foldedText(start)) : undefined;
  const e = end !== undefined ? readDate(end, foldedText(end)) : undefined;
  const from = s?.date.edtf ?? '..';
  const to = e?.date.edtf ?? '..';
  const display = `${start !== undefined ? foldedText(start) : ''}-${end !== undefined && to !== '..' ? foldedText(end) : ''}`;
  if ((s !== undefined && s.date.edtf === undefined) || (e !== undefined && e.date.edtf === undefined) || (from === '..' && to === '..')) return unreadableRange(display);
  const date: RecordDate = { display, edtf: `${from}/${to}` };
  if (s?.date.earliest !== undefined) date.earliest = s.date.earliest;
  if (e?.date.latest !== undefined) date.latest = e.date.latest;
  if (date.earliest !== undefined && date.latest !== undefined && date.latest < date.earliest) return unreadableRange(display);
  return { date };
}

/** The date an element gives: alone, or with its partner when it is one end of a range. */
function dateOf(el: XmlElement): DateResult {
  const point = el.attrs.point;
  if (point !== 'start' && point !== 'end') return readDate(el, foldedText(el));
  const siblings = kids(el.parent as XmlElement, el.name);
  const other = siblings.find((s) => s.attrs.point === (point === 'start' ? 'end' : 'start'));
  return point === 'start' ? rangeDate(el, other) : rangeDate(other, el);
}

/**
 * The date of the resource: the element marked keyDate="yes", else the first readable
 * dateIssued, else dateCreated, else copyrightDate (digitisation origins left out). Encodings
 * w3cdtf, iso8601, edtf and marc are all read by the date vocabulary; a start and end pair is one
 * range.
 */
function date(origins: XmlElement[], ctx: CrosswalkContext): RecordDate | undefined {
  const candidates: XmlElement[] = [];
  for (const o of origins) for (const c of kids(o)) if (DATE_NAMES.includes(c.name) && foldedText(c) !== '') candidates.push(c);
  if (candidates.length === 0) return undefined;
  let chosen: DateResult | undefined;
  const key = candidates.find((c) => c.attrs.keyDate === 'yes');
  if (key !== undefined) chosen = dateOf(key);
  else {
    for (const name of DATE_NAMES) {
      for (const c of candidates) {
        if (c.name !== name) continue;
        const r = dateOf(c);
        if (r.date.edtf !== undefined) {
          chosen = r;
          break;
        }
        chosen ??= r;
      }
      if (chosen?.date.edtf !== undefined) break;
    }
  }
  if (chosen === undefined) return undefined;
  if (chosen.issue) addIssue(ctx, '/date', chosen.issue);
  return chosen.date;
}

// ---- Type, format, language, publisher ----

/** typeOfResource values that the type vocabulary does not know; cartographic as "map" is there (StillImage). */
const RESOURCE_TYPES = new Map<string, DcmiType>([
  ['cartographic', 'StillImage'],
  ['notated music', 'Text'],
  ['sound recording-musical', 'Sound'],
  ['sound recording-nonmusical', 'Sound'],
  ['three dimensional object', 'PhysicalObject'],
  ['software, multimedia', 'Software'],
  ['mixed material', 'Collection'],
]);

/**
 * DCMI types from typeOfResource (collection="yes" adds Collection) and genre, one entry per
 * DCMI term, as LC's MODS to Dublin Core stylesheet maps both to dc:type. Unmapped values are
 * reported (info), as for dc:type.
 */
function type(m: Mods, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const add = (value: DcmiType | undefined, original: string, element: string): void => {
    if (value === undefined) {
      addIssue(ctx, '/type', {
        code: 'TYPE_UNMAPPED',
        severity: 'info',
        message: `MODS ${element} "${issueValue(original)}" has no DCMI Type equivalent; not kept as a type`,
        value: issueValue(original),
      });
    } else if (!out.some((t) => t.value === value)) out.push({ value, original });
  };
  for (const el of all(m, 'typeOfResource')) {
    const v = foldedText(el);
    if (v !== '') add(RESOURCE_TYPES.get(v.toLowerCase()) ?? normaliseType(v), v, 'typeOfResource');
    if (el.attrs.collection === 'yes') add('Collection', 'collection', 'typeOfResource');
  }
  for (const el of all(m, 'genre')) {
    const v = foldedText(el);
    if (v !== '') add(normaliseType(v), v, 'genre');
  }
  return out;
}

/** Physical description: form, extent and media type, as given. */
function format(m: Mods): string[] {
  const out: string[] = [];
  for (const pd of all(m, 'physicalDescription')) {
    for (const c of kids(pd)) {
      if (c.name !== 'form' && c.name !== 'extent' && c.name !== 'internetMediaType') continue;
      addDistinct(out, foldedText(c));
    }
  }
  return out;
}

/** Languages: the coded languageTerm of each language element, else its text. */
function language(m: Mods, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const l of all(m, 'language')) {
    const terms = kids(l, 'languageTerm');
    const coded = terms.filter((t) => t.attrs.type === 'code');
    for (const t of coded.length > 0 ? coded : terms) {
      const v = foldedText(t);
      if (v !== '') addLanguage(out, v, ctx);
    }
  }
  return [...out];
}

/** Publishers, each as "Place : Publisher" when its originInfo names a place in words (as MARC's 260 reads). */
function publisher(origins: XmlElement[]): LangValue[] {
  const out: LangValue[] = [];
  for (const o of origins) {
    const places = kids(o, 'place')
      .flatMap((p) => kids(p, 'placeTerm'))
      .filter((t) => t.attrs.type !== 'code' && t.attrs.authority === undefined)
      .map((t) => trimIsbd(foldedText(t)))
      .filter((v) => v !== '');
    const place = places.join(' ; ');
    for (const p of kids(o, 'publisher')) {
      const name = trimIsbd(foldedText(p));
      if (name !== '') addLangValue(out, place !== '' ? `${place} : ${name}` : name, langFor(p));
    }
  }
  return out;
}

// ---- Identifiers, links, rights, relations ----

function parseIdentifier(el: XmlElement): IdentifierResult | undefined {
  const v = foldedText(el);
  if (v === '' || el.attrs.invalid === 'yes') return undefined;
  const prefix = TYPE_PREFIX.get((el.attrs.type ?? '').toLowerCase());
  if (prefix === undefined) {
    // local and every other type (lccn, oclc, oai, ...): a URL or DOI is still read as one.
    const r = normaliseIdentifier(v);
    return r.identifier.scheme === 'isbn' || r.identifier.scheme === 'issn' ? { identifier: { scheme: 'local', value: v } } : r;
  }
  return prefixedIdentifier(v, prefix);
}

function parseIdentifiers(m: Mods): IdentifierResult[] {
  const out: IdentifierResult[] = [];
  for (const el of all(m, 'identifier')) {
    const r = parseIdentifier(el);
    if (r !== undefined) out.push(r);
  }
  // Links that are persistent identifiers (DOI, handle, URN, ARK resolvers) identify the resource too.
  for (const loc of all(m, 'location')) {
    for (const u of kids(loc, 'url')) {
      const r = persistentIdentifier(foldedText(u));
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}

interface Link {
  url: string;
  access: string;
  primary: boolean;
}

function links(m: Mods): Link[] {
  const out: Link[] = [];
  for (const loc of all(m, 'location')) {
    for (const u of kids(loc, 'url')) {
      const url = canonicalUrl(foldedText(u));
      if (url !== undefined) out.push({ url, access: (u.attrs.access ?? '').toLowerCase(), primary: u.attrs.usage === 'primary display' || u.attrs.usage === 'primary' });
    }
  }
  return out;
}

/**
 * The landing page: the url with access="object in context" (usage="primary display" first),
 * else the first url without an access attribute that is not a file, else the first identifier
 * that is an http(s) URL and not a file (DSpace gives its handle only as identifier type="uri").
 */
function isShownAt(urls: Link[], ids: IdentifierResult[]): string | undefined {
  const inContext = urls.filter((l) => l.access === 'object in context');
  const pick = inContext.find((l) => l.primary) ?? inContext[0] ?? urls.find((l) => l.access === '' && !isFileUrl(l.url));
  if (pick !== undefined) return pick.url;
  for (const p of ids) if (p.url !== undefined && !isFileUrl(p.url)) return p.url;
  return undefined;
}

/** The digital object: the url with access="raw object", else a preview, else the first url without an access attribute that is a file. */
function isShownBy(urls: Link[]): string | undefined {
  return (urls.find((l) => l.access === 'raw object') ?? urls.find((l) => l.access === 'preview') ?? urls.find((l) => l.access === '' && isFileUrl(l.url)))?.url;
}

// DSpace@MIT (2007) escapes an HTML link inside accessCondition; the tags are not part of the statement.
const HTML_TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Rights from accessCondition (use and reproduction first, then restrictions on access and
 * the rest): the statements joined with " | ", and the first rightsstatements.org or Creative
 * Commons URI found in xlink:href or the text.
 */
function rights(m: Mods, ctx: CrosswalkContext): Rights | undefined {
  const conditions = [...all(m, 'accessCondition')].sort((a, b) => rank(a) - rank(b));
  let uri: string | undefined;
  const statements: string[] = [];
  const consider = (value: string): void => {
    const r = normaliseRights(value);
    if (r.uri !== undefined) uri = keepRightsUri(ctx, uri, r.uri, 'accessCondition', value);
  };
  for (const c of conditions) {
    const href = c.attrs[XLINK_HREF];
    if (href !== undefined) consider(href.trim());
    let v = foldedText(c);
    if (v.includes('</')) v = foldText(v.replace(HTML_TAG, ''));
    if (v === '') continue;
    consider(v);
    if (!HTTP_URI.test(v)) addDistinct(statements, v);
  }
  return buildRights(uri, statements);
}

/** Use and reproduction before restrictions on access before anything else; the type is written many ways. */
function rank(c: XmlElement): number {
  const t = (c.attrs.type ?? '').toLowerCase().replace(/[\s_-]/g, '');
  return t.startsWith('use') ? 0 : t.startsWith('restriction') ? 1 : 2;
}

/** Related items (host, series, other versions, ...; not constituents) by title, else link, else identifier. */
function relation(m: Mods): string[] {
  const out: string[] = [];
  for (const r of all(m, 'relatedItem')) {
    if (r.attrs.type === 'constituent') continue;
    let v = '';
    for (const ti of kids(r, 'titleInfo')) if ((v = titleString(ti)) !== '') break;
    if (v === '') for (const loc of kids(r, 'location')) for (const u of kids(loc, 'url')) v ||= foldedText(u);
    if (v === '') for (const id of kids(r, 'identifier')) v ||= foldedText(id);
    addDistinct(out, v);
  }
  return out;
}

// ---- The crosswalks ----

/** The MODS record to map: the first mods of a modsCollection (the others are reported), else the element itself. */
function modsOf(metadata: XmlElement, ctx: CrosswalkContext): XmlElement | undefined {
  if (metadata.ns !== MODS_NS || metadata.name !== 'modsCollection') return metadata;
  const records = kids(metadata, 'mods');
  if (records.length > 1) {
    addIssue(ctx, '', { code: 'MODS_COLLECTION_FIRST_ONLY', severity: 'warning', message: `The modsCollection holds ${records.length} records; only the first was mapped` });
  }
  return records[0];
}

/**
 * Maps a MODS 3.x record to a draft record: a mods element, the first mods of a
 * modsCollection, or any element whose children are MODS elements (the xmlData of a METS
 * wrapper without a mods root). Repeated elements give repeated values in document order;
 * xml:lang (or MODS's lang attribute) is kept; mapping problems are added to ctx.issues.
 */
export function crosswalkMods(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const mods = modsOf(metadata, ctx);
  if (mods === undefined) return { title: [] };
  const m = readMods(mods);
  const origins = resourceOrigins(m);
  const { title, alternative } = titles(m);
  const subjects = all(m, 'subject').map(readSubject);
  const { creators, contributors } = agents(m);
  const parsed = parseIdentifiers(m);
  const urls = links(m);
  return buildDraft({
    title,
    alternative,
    description: description(m, origins),
    subject: subject(subjects),
    creator: creators,
    contributor: contributors,
    date: date(origins, ctx),
    type: type(m, ctx),
    format: format(m),
    language: language(m, ctx),
    publisher: publisher(origins),
    spatial: spatial(subjects),
    identifier: distinctIdentifiers(parsed, ctx),
    rights: rights(m, ctx),
    isShownAt: isShownAt(urls, parsed),
    isShownBy: isShownBy(urls),
    relation: relation(m),
  });
}

// ---- METS ----

function metsChildren(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c === 'object' && c.ns === METS_NS && c.name === name) out.push(c);
  return out;
}

/**
 * The MODS of the first dmdSec that wraps MODS: its mods element or, when xmlData holds MODS
 * elements without one (DSpace@MIT via Celestial, 2007), the xmlData itself.
 */
function modsInMets(mets: XmlElement): XmlElement | undefined {
  for (const dmd of metsChildren(mets, 'dmdSec')) {
    for (const wrap of metsChildren(dmd, 'mdWrap')) {
      for (const data of metsChildren(wrap, 'xmlData')) {
        for (const c of data.children) {
          if (typeof c !== 'object' || c.ns !== MODS_NS) continue;
          return c.name === 'mods' || c.name === 'modsCollection' ? c : data;
        }
      }
    }
  }
  return undefined;
}

/** The DFG-Viewer presentation link (dv:links/dv:presentation in an amdSec): the object's page in the library's viewer. */
function dfgPresentation(mets: XmlElement): string | undefined {
  const stack = metsChildren(mets, 'amdSec');
  for (let el = stack.shift(); el !== undefined; el = stack.shift()) {
    for (const c of el.children) {
      if (typeof c !== 'object') continue;
      if (c.ns === DFG_VIEWER_NS && c.name === 'presentation') {
        const url = canonicalUrl(foldedText(c));
        if (url !== undefined) return url;
      } else stack.push(c);
    }
  }
  return undefined;
}

/** The first file of the fileGrp USE="DOWNLOAD" (DFG profile) or "ORIGINAL" (DSpace): the digital object itself. */
function metsFile(mets: XmlElement): string | undefined {
  for (const sec of metsChildren(mets, 'fileSec')) {
    for (const grp of metsChildren(sec, 'fileGrp')) {
      const use = (grp.attrs.USE ?? '').toUpperCase();
      if (use !== 'DOWNLOAD' && use !== 'ORIGINAL') continue;
      for (const file of metsChildren(grp, 'file')) {
        for (const loc of metsChildren(file, 'FLocat')) {
          const url = canonicalUrl(loc.attrs[XLINK_HREF] ?? '');
          if (url !== undefined) return url;
        }
      }
    }
  }
  return undefined;
}

/**
 * Maps a METS document by its descriptive MODS (the first dmdSec that wraps MODS). Links the
 * MODS lacks are taken from METS: the landing page from the DFG-Viewer presentation link, the
 * object from the first DOWNLOAD or ORIGINAL file. A METS without MODS gives METS_NO_MODS.
 */
export function crosswalkMets(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const mods = metadata.ns === METS_NS && metadata.name === 'mets' ? modsInMets(metadata) : undefined;
  if (mods === undefined) {
    addIssue(ctx, '', {
      code: 'METS_NO_MODS',
      severity: 'warning',
      message: 'The METS document has no dmdSec with MODS (only MODS is read inside METS); only the source information was kept',
    });
    return { title: [] };
  }
  const draft = crosswalkMods(mods, ctx);
  if (draft.isShownAt === undefined) {
    const at = dfgPresentation(metadata);
    if (at !== undefined) draft.isShownAt = at;
  }
  if (draft.isShownBy === undefined) {
    const by = metsFile(metadata);
    if (by !== undefined) draft.isShownBy = by;
  }
  return draft;
}
