// Crosswalk from DataCite metadata (kernel 2.x to 4.x, bare or in oai_datacite, and OpenAIRE Guidelines 4 oaire:resource) to the record model.
// Pure: no I/O after the resource-type table (data/vocab/datacite-resource-types.json) is read once at module load.

import type { Agent, DcmiType, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { langOf, type XmlElement } from '../../xml/parse.js';
import { normaliseDate } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { loadVocabTable } from '../vocab/load-table.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { DC_NS } from './oai-dc.js';
import { addDistinct, addIssue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldedText, foldText, HTTP_URI, keepRightsUri, langValue, mergeLangValue, otherDatesIssue, pickDate, splitList, urlPathMatches } from './values.js';

/** DataCite Metadata Schema 4.x; earlier kernels differ only in the version at the end. */
export const DATACITE_NS = 'http://datacite.org/schema/kernel-4';
export const DATACITE_3_NS = 'http://datacite.org/schema/kernel-3';
/** The oai_datacite container (payload/resource), versions 1.1 and 1.0 (Zenodo still serves 1.0). */
export const OAI_DATACITE_NS = 'http://schema.datacite.org/oai/oai-1.1/';
export const OAI_DATACITE_1_0_NS = 'http://schema.datacite.org/oai/oai-1.0/';
/** OpenAIRE Guidelines for Literature Repositories 4 (oai_openaire): DataCite elements plus dc: and oaire: ones. */
export const OAIRE_NS = 'http://namespace.openaire.eu/schema/oaire/';

const KERNEL_PREFIX = 'http://datacite.org/schema/kernel-';
const BLOCK_ELEMENTS = new Set(['p', 'div', 'li', 'ul', 'ol', 'br', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// File extensions of media, documents and data sets: such a URL is the object, not its landing page.
// DataCite's own list, apart from FILE_URL (values.ts): data formats (xml, json, mat, nc, h5) count as
// files here, and the reviewed DataCite golden files rest on this list.
const DATASET_FILE_URL = /\.(?:pdf|jpe?g|png|gif|tiff?|jp2|mp3|mp4|wav|zip|csv|txt|xml|json|mat|nc|h5)$/i;
// Zenodo escapes the HTML of descriptions twice ("in &amp;deg;C" arrives as "in &deg;C"): the
// character references left in the text are decoded, named ones from this short list only.
const CHAR_REF = /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z]{2,8}));/gi;
const NAMED_REFS = new Map<string, string>([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0'], ['deg', '°'], ['ndash', '–'], ['mdash', '—'],
  ['hellip', '…'], ['laquo', '«'], ['raquo', '»'], ['lsquo', '‘'], ['rsquo', '’'], ['ldquo', '“'], ['rdquo', '”'], ['copy', '©'], ['reg', '®'],
  ['trade', '™'], ['times', '×'], ['middot', '·'], ['plusmn', '±'], ['micro', 'µ'], ['sup2', '²'], ['sup3', '³'], ['euro', '€'], ['pound', '£'],
]);
// Dates that can stand for the resource's date, best first (publicationYear is read in its place);
// Updated, Valid, Withdrawn and Other describe the record or a period, not the resource.
const DATE_ORDER = ['issued', 'publicationyear', 'created', 'available', 'copyrighted', 'collected', 'submitted', 'accepted'];
// An identifier type whose values normaliseIdentifier reads once marked with this prefix.
const TYPED_PREFIX = new Map<string, string>([
  ['doi', 'doi:'], ['handle', 'hdl:'], ['hdl', 'hdl:'], ['isbn', 'ISBN '], ['issn', 'ISSN '], ['eissn', 'ISSN '], ['pissn', 'ISSN '], ['lissn', 'ISSN '],
  ['ark', ''], ['urn', ''], ['url', ''], ['purl', ''], ['uri', ''], ['w3id', ''],
]);

const GENERAL_TYPES = new Map<string, DcmiType>();
{
  const table = loadVocabTable<Record<string, string[] | string>>('datacite-resource-types.json');
  for (const [type, labels] of Object.entries(table)) {
    if (typeof labels === 'string') continue; // $comment
    for (const label of labels) GENERAL_TYPES.set(label.toLowerCase(), type as DcmiType);
  }
}

/** The elements of one resource the field functions read, wrappers (titles, creators ...) already opened. */
interface Parts {
  identifiers: XmlElement[];
  creators: XmlElement[];
  titles: XmlElement[];
  publishers: XmlElement[];
  publicationYears: XmlElement[];
  resourceTypes: XmlElement[];
  subjects: XmlElement[];
  contributors: XmlElement[];
  dates: XmlElement[];
  languages: XmlElement[];
  alternateIdentifiers: XmlElement[];
  relatedIdentifiers: XmlElement[];
  sizes: XmlElement[];
  formats: XmlElement[];
  rights: XmlElement[];
  descriptions: XmlElement[];
  geoLocations: XmlElement[];
  /** OpenAIRE: oaire:licenseCondition (the licence; datacite:rights there is the access right). */
  licences: XmlElement[];
  /** OpenAIRE: oaire:file. */
  files: XmlElement[];
  /** OpenAIRE: dc:source. */
  sources: XmlElement[];
  /** OpenAIRE: dc:coverage. */
  coverage: XmlElement[];
}

function isKernel(ns: string): boolean {
  return ns.startsWith(KERNEL_PREFIX);
}

/** Children in any DataCite kernel namespace: OpenAIRE records mix kernel-4 and kernel-3 (IRIS, Milan). */
function items(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c === 'object' && c.name === name && isKernel(c.ns)) out.push(c);
  return out;
}

function item(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c === 'object' && c.name === name && isKernel(c.ns)) return c;
  return undefined;
}

function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name];
  return v === undefined ? undefined : v.trim() || undefined;
}

/** A value with the language of the element it came from. */
function langValueOf(value: string, el: XmlElement): LangValue {
  return langValue(value, langOf(el));
}

/** The resource element: the root itself, or payload/resource inside oai_datacite. */
function resourceOf(metadata: XmlElement): XmlElement | undefined {
  if (metadata.name === 'resource' && (isKernel(metadata.ns) || metadata.ns === OAIRE_NS)) return metadata;
  for (const c of metadata.children) {
    if (typeof c !== 'object' || c.name !== 'payload') continue;
    for (const r of c.children) if (typeof r === 'object' && r.name === 'resource' && isKernel(r.ns)) return r;
  }
  return undefined;
}

function readResource(res: XmlElement): Parts {
  const p: Parts = {
    identifiers: [], creators: [], titles: [], publishers: [], publicationYears: [], resourceTypes: [], subjects: [], contributors: [], dates: [],
    languages: [], alternateIdentifiers: [], relatedIdentifiers: [], sizes: [], formats: [], rights: [], descriptions: [], geoLocations: [],
    licences: [], files: [], sources: [], coverage: [],
  };
  for (const c of res.children) {
    if (typeof c !== 'object') continue;
    if (isKernel(c.ns)) {
      switch (c.name) {
        case 'identifier': p.identifiers.push(c); break;
        case 'creators': p.creators.push(...items(c, 'creator')); break;
        // IRIS (University of Milan, via OpenAIRE) wraps its creators in datacite:creator, not datacite:creators.
        case 'creator': if (item(c, 'creatorName') !== undefined) p.creators.push(c); else p.creators.push(...items(c, 'creator')); break;
        case 'titles': p.titles.push(...items(c, 'title')); break;
        case 'title': p.titles.push(c); break;
        case 'publisher': p.publishers.push(c); break;
        case 'publicationYear': p.publicationYears.push(c); break;
        case 'resourceType': p.resourceTypes.push(c); break;
        case 'subjects': p.subjects.push(...items(c, 'subject')); break;
        case 'contributors': p.contributors.push(...items(c, 'contributor')); break;
        case 'dates': p.dates.push(...items(c, 'date')); break;
        case 'language': p.languages.push(c); break;
        case 'alternateIdentifiers': p.alternateIdentifiers.push(...items(c, 'alternateIdentifier')); break;
        case 'relatedIdentifiers': p.relatedIdentifiers.push(...items(c, 'relatedIdentifier')); break;
        case 'sizes': p.sizes.push(...items(c, 'size')); break;
        case 'formats': p.formats.push(...items(c, 'format')); break;
        case 'rightsList': p.rights.push(...items(c, 'rights')); break;
        // OpenAIRE Guidelines 4 put datacite:rights directly in the resource.
        case 'rights': p.rights.push(c); break;
        case 'descriptions': p.descriptions.push(...items(c, 'description')); break;
        case 'geoLocations': p.geoLocations.push(...items(c, 'geoLocation')); break;
        default: break;
      }
    } else if (c.ns === DC_NS) {
      if (c.name === 'language') p.languages.push(c);
      else if (c.name === 'publisher') p.publishers.push(c);
      else if (c.name === 'format') p.formats.push(c);
      else if (c.name === 'description') p.descriptions.push(c);
      else if (c.name === 'source') p.sources.push(c);
      else if (c.name === 'coverage') p.coverage.push(c);
    } else if (c.ns === OAIRE_NS) {
      if (c.name === 'resourceType') p.resourceTypes.push(c);
      else if (c.name === 'file') p.files.push(c);
      else if (c.name === 'licenseCondition') p.licences.push(c);
    }
  }
  return p;
}

// ---- Names and identifiers ----

/** An agent's nameIdentifier as a URI: ORCID, ROR, ISNI, GND, VIAF, Wikidata ids, an http(s) value, or the schemeURI plus the id. */
function nameIdentifierUri(el: XmlElement): string | undefined {
  const value = foldedText(el);
  if (value === '') return undefined;
  const url = canonicalUrl(value);
  if (url !== undefined) return url;
  const scheme = (attr(el, 'nameIdentifierScheme') ?? '').toLowerCase();
  const compact = value.replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  if (scheme === 'orcid' && (m = /(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])$/i.exec(compact))) {
    const d = (m[1] as string).replace(/-/g, '').toUpperCase();
    return `https://orcid.org/${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
  }
  if (scheme === 'ror' && (m = /(0[a-z0-9]{8})$/i.exec(compact))) return `https://ror.org/${(m[1] as string).toLowerCase()}`;
  if (scheme === 'isni' && /^\d{15}[\dX]$/i.test(compact)) return `https://isni.org/isni/${compact.toUpperCase()}`;
  if (scheme === 'gnd' && /^[\dX-]+$/i.test(compact)) return `https://d-nb.info/gnd/${compact}`;
  if (scheme === 'viaf' && /^\d+$/.test(compact)) return `http://viaf.org/viaf/${compact}`;
  if (scheme === 'wikidata' && /^Q\d+$/.test(compact)) return `http://www.wikidata.org/entity/${compact}`;
  const base = attr(el, 'schemeURI');
  if (base !== undefined && HTTP_URI.test(base)) return canonicalUrl(/[/#=]$/.test(base) ? base + compact : `${base}/${compact}`);
  return undefined;
}

/** A creator or contributor: the name as given (else "family, given"), a sort form and the first identifier that makes a URI. */
function agentOf(el: XmlElement, nameElement: 'creatorName' | 'contributorName'): Agent | undefined {
  const nameEl = item(el, nameElement);
  const given = foldedText(item(el, 'givenName'));
  const family = foldedText(item(el, 'familyName'));
  let name = foldedText(nameEl);
  if (name === '') name = family !== '' && given !== '' ? `${family}, ${given}` : family || given;
  if (name === '') return undefined;
  const nameType = (nameEl && attr(nameEl, 'nameType')) ?? attr(el, 'nameType');
  const sortName = nameType === 'Organizational' ? name : family !== '' && given !== '' ? `${family}, ${given}` : toSortName(name);
  const agent: Agent = { name, sortName };
  for (const id of items(el, 'nameIdentifier')) {
    const uri = nameIdentifierUri(id);
    if (uri !== undefined) {
      agent.uri = uri;
      break;
    }
  }
  return agent;
}

/** An identifier with its DataCite type: the value as it reads, else marked by its type (DOI, Handle, ISBN ...), else "Type:value". */
function typedIdentifier(type: string | undefined, value: string): IdentifierResult {
  const plain = normaliseIdentifier(value);
  if (plain.identifier.scheme !== 'local') return plain;
  const t = (type ?? '').toLowerCase();
  const prefix = TYPED_PREFIX.get(t);
  if (prefix !== undefined && prefix !== '') {
    const marked = normaliseIdentifier(prefix + value);
    if (marked.identifier.scheme !== 'local' || marked.issue) return marked;
  }
  if (type === undefined || prefix !== undefined || t === 'local' || t === 'other') return plain;
  return { identifier: { scheme: 'local', value: `${type}:${value}` } };
}

/** A related identifier as a resolvable URI where there is a resolver, else as a URI or "Type:value". */
function resolvable(type: string | undefined, value: string): string {
  const url = canonicalUrl(value);
  if (url !== undefined) return url;
  const t = (type ?? '').toLowerCase();
  const id = typedIdentifier(type, value).identifier;
  switch (id.scheme) {
    case 'doi': return canonicalUrl(`https://doi.org/${id.value}`) ?? id.value;
    case 'handle': return canonicalUrl(`https://hdl.handle.net/${id.value}`) ?? id.value;
    case 'ark': return `https://n2t.net/${id.value}`;
    case 'isbn': return `urn:isbn:${id.value}`;
    case 'issn': return `urn:issn:${id.value}`;
    case 'urn': case 'uri': return id.value;
    default: break;
  }
  if (t === 'arxiv') return `https://arxiv.org/abs/${value.replace(/^arxiv:\s*/i, '')}`;
  if (t === 'pmid' && /^\d+$/.test(value)) return `https://pubmed.ncbi.nlm.nih.gov/${value}/`;
  if (t === 'bibcode') return canonicalUrl(`https://ui.adsabs.harvard.edu/abs/${value}`) ?? id.value;
  if (t === 'igsn') return `https://igsn.org/${value}`;
  return id.value;
}

/** Text of a description, with paragraphs of embedded p, div, li and br elements kept as blank lines. */
function blockText(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += c;
    else if (BLOCK_ELEMENTS.has(c.name)) out += `\n\n${blockText(c)}\n\n`;
    else out += blockText(c);
  }
  return out;
}

function decodeCharRefs(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(CHAR_REF, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_REFS.get(name) ?? whole;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

// ---- One function per target field ----

interface Titles {
  title: LangValue[];
  alternative: LangValue[];
}

/**
 * Titles without titleType are titles; a Subtitle is appended to the title in its language with
 * ": "; AlternativeTitle, TranslatedTitle and Other are alternatives. Without a main title, the
 * first alternative is the title.
 */
function titles(p: Parts): Titles {
  const t: Titles = { title: [], alternative: [] };
  const subtitles: LangValue[] = [];
  for (const el of p.titles) {
    const value = foldedText(el);
    if (value === '') continue;
    const kind = attr(el, 'titleType');
    const v = langValueOf(value, el);
    if (kind === undefined) mergeLangValue(t.title, v);
    else if (kind === 'Subtitle') subtitles.push(v);
    else mergeLangValue(t.alternative, v);
  }
  for (const s of subtitles) {
    const main = t.title.find((m) => m.lang === s.lang) ?? t.title.find((m) => m.lang === undefined || s.lang === undefined);
    if (main === undefined) mergeLangValue(t.alternative, s);
    else if (!main.value.endsWith(s.value)) main.value = `${main.value.replace(/[\s:]+$/, '')}: ${s.value}`;
  }
  if (t.title.length === 0 && t.alternative.length > 0) t.title.push(t.alternative.shift() as LangValue);
  return t;
}

/** Descriptions of every descriptionType but SeriesInformation (a relation); paragraphs kept. */
function description(p: Parts): LangValue[] {
  const out: LangValue[] = [];
  for (const el of p.descriptions) {
    if (attr(el, 'descriptionType') === 'SeriesInformation') continue;
    const value = decodeCharRefs(foldText(blockText(el), true));
    if (value !== '') mergeLangValue(out, langValueOf(value, el));
  }
  return out;
}

/** Subjects with their valueURI; a value without one that lists several keywords with ';' is split. */
function subject(p: Parts): LangValue[] {
  const out: LangValue[] = [];
  for (const el of p.subjects) {
    const value = foldedText(el);
    if (value === '') continue;
    const valueUri = attr(el, 'valueURI');
    const uri = valueUri !== undefined ? canonicalUrl(valueUri) : HTTP_URI.test(value) ? canonicalUrl(value) : undefined;
    for (const part of uri === undefined ? splitList(value) : [value]) {
      if (part === '') continue;
      const v = langValueOf(part, el);
      if (uri !== undefined) v.uri = uri;
      mergeLangValue(out, v);
    }
  }
  return out;
}

function creator(p: Parts): Agent[] {
  const out: Agent[] = [];
  for (const el of p.creators) {
    const a = agentOf(el, 'creatorName');
    if (a !== undefined && !out.some((o) => o.name === a.name)) out.push(a);
  }
  return out;
}

/** "DataCollector" → "data collector"; Other says nothing. */
function roleOf(contributorType: string | undefined): string | undefined {
  if (contributorType === undefined || contributorType === 'Other') return undefined;
  return contributorType.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}

/** Contributors with their contributorType as role; one that repeats a creator is dropped. */
function contributor(p: Parts, creators: Agent[]): Agent[] {
  const names = new Set(creators.map((c) => c.name));
  const out: Agent[] = [];
  for (const el of p.contributors) {
    const a = agentOf(el, 'contributorName');
    if (a === undefined || names.has(a.name) || out.some((o) => o.name === a.name)) continue;
    const role = roleOf(attr(el, 'contributorType'));
    if (role !== undefined) a.role = role;
    out.push(a);
  }
  return out;
}

/**
 * The date: an Issued date, else publicationYear, else Created, Available, Copyrighted,
 * Collected, Submitted, Accepted; the first of these that reads as a date wins (Issued is usually
 * the more precise form of publicationYear). Other distinct dates are listed in an info issue.
 */
function date(p: Parts, ctx: CrosswalkContext): RecordDate | undefined {
  const dated: { kind: string; text: string }[] = [];
  for (const el of p.publicationYears) dated.push({ kind: 'publicationYear', text: foldedText(el) });
  for (const el of p.dates) dated.push({ kind: attr(el, 'dateType') ?? 'date', text: foldedText(el) });
  const candidates = dated
    .filter((d) => d.text !== '' && DATE_ORDER.includes(d.kind.toLowerCase()))
    .sort((a, b) => DATE_ORDER.indexOf(a.kind.toLowerCase()) - DATE_ORDER.indexOf(b.kind.toLowerCase()));
  const picked = pickDate(candidates.map((c) => c.text));
  if (picked === undefined) return undefined;
  const { result: chosen, text: chosenText } = picked;
  const chosenKind = candidates[picked.index]?.kind ?? '';
  if (chosen.issue) addIssue(ctx, '/date', chosen.issue);
  const others: string[] = [];
  for (const d of dated) {
    const shown = `${d.kind}: ${d.text}`;
    if (d.text !== '' && d.text !== chosenText) addDistinct(others, shown);
  }
  if (others.length > 0) addIssue(ctx, '/date', otherDatesIssue(`${chosenKind} "${issueValue(chosenText)}"`, others, 'date'));
  return chosen.date;
}

/** resourceTypeGeneral through the DataCite table, else the free-text resourceType through the type vocabulary; the free text is kept as the original. */
function type(p: Parts, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  for (const el of p.resourceTypes) {
    const general = attr(el, 'resourceTypeGeneral');
    const label = foldedText(el);
    const original = label || general;
    if (original === undefined || out.some((t) => t.original === original)) continue;
    const value = (general !== undefined ? GENERAL_TYPES.get(general.toLowerCase()) : undefined) ?? (label !== '' ? normaliseType(label) : undefined);
    if (value !== undefined) out.push({ value, original });
    else addIssue(ctx, '/type', { code: 'TYPE_UNMAPPED', severity: 'info', message: `resourceType "${issueValue(original)}" has no DCMI Type equivalent; not kept as a type`, value: issueValue(original) });
  }
  return out;
}

/** formats, then sizes, as given. */
function format(p: Parts): string[] {
  const out = new Set<string>();
  for (const el of [...p.formats, ...p.sizes]) {
    const value = foldedText(el);
    if (value !== '') out.add(value);
  }
  return [...out];
}

function language(p: Parts, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const el of p.languages) {
    const value = foldedText(el);
    if (value !== '') addLanguage(out, value, ctx);
  }
  return [...out];
}

function publisher(p: Parts): LangValue[] {
  const out: LangValue[] = [];
  for (const el of p.publishers) {
    const value = foldedText(el);
    if (value !== '') mergeLangValue(out, langValueOf(value, el));
  }
  return out;
}

/** geoLocationPlace names, points as "lat long" and boxes as "south west north east" (kernel 3's order), and OpenAIRE dc:coverage that is not a date. */
function spatial(p: Parts, ctx: CrosswalkContext): LangValue[] {
  const out: LangValue[] = [];
  for (const g of p.geoLocations) {
    for (const c of g.children) {
      if (typeof c !== 'object' || !isKernel(c.ns)) continue;
      let value = '';
      if (c.name === 'geoLocationPlace') value = foldedText(c);
      else if (c.name === 'geoLocationPoint') {
        const lat = foldedText(item(c, 'pointLatitude'));
        const long = foldedText(item(c, 'pointLongitude'));
        value = lat !== '' && long !== '' ? `${lat} ${long}` : foldedText(c);
      } else if (c.name === 'geoLocationBox') {
        const bounds = ['southBoundLatitude', 'westBoundLongitude', 'northBoundLatitude', 'eastBoundLongitude'].map((n) => foldedText(item(c, n)));
        value = bounds.every((b) => b !== '') ? bounds.join(' ') : foldedText(c);
      }
      if (value !== '') mergeLangValue(out, langValueOf(value, c));
    }
  }
  for (const el of p.coverage) {
    const value = foldedText(el);
    if (value === '') continue;
    if (normaliseDate(value).date.edtf !== undefined) {
      addIssue(ctx, '/spatial', { code: 'COVERAGE_TEMPORAL_IGNORED', severity: 'info', message: `dc:coverage "${issueValue(value)}" is a date or period, not a place; not kept`, value: issueValue(value) });
    } else mergeLangValue(out, langValueOf(value, el));
  }
  return out;
}

/** The identifier and the alternateIdentifiers, each read with its type. */
function parseIdentifiers(p: Parts): IdentifierResult[] {
  const out: IdentifierResult[] = [];
  for (const el of p.identifiers) {
    const value = foldedText(el);
    if (value !== '') out.push(typedIdentifier(attr(el, 'identifierType'), value));
  }
  for (const el of p.alternateIdentifiers) {
    const value = foldedText(el);
    if (value !== '') out.push(typedIdentifier(attr(el, 'alternateIdentifierType'), value));
  }
  return out;
}

/**
 * Licence and rights: the first recognised rightsURI, rightsIdentifier (SPDX) or text (OpenAIRE's
 * licenseCondition first, as its datacite:rights is the access right); statements as given,
 * except texts that are only the recognised URI. An unrecognised URI without text is kept as a statement.
 */
function rights(p: Parts, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements: string[] = [];
  for (const el of [...p.licences, ...p.rights]) {
    const value = foldedText(el);
    const uriAttr = attr(el, 'rightsURI') ?? attr(el, 'uri');
    let found: string | undefined;
    for (const candidate of [uriAttr, attr(el, 'rightsIdentifier'), value]) {
      if (candidate === undefined || candidate === '') continue;
      found = normaliseRights(candidate).uri;
      if (found !== undefined) break;
    }
    if (found !== undefined) uri = keepRightsUri(ctx, uri, found, 'The record', value || uriAttr || '');
    const statement = value !== '' ? value : found === undefined ? uriAttr : undefined;
    if (statement === undefined || (found !== undefined && HTTP_URI.test(statement))) continue;
    addDistinct(statements, statement);
  }
  return buildRights(uri, statements);
}

/** The landing page: the DOI (which DataCite resolves to it), else the handle, else the first http(s) identifier that is not a file. */
function isShownAt(parsed: IdentifierResult[]): string | undefined {
  const doi = parsed.find((r) => r.identifier.scheme === 'doi');
  if (doi !== undefined) return canonicalUrl(`https://doi.org/${doi.identifier.value}`);
  const handle = parsed.find((r) => r.identifier.scheme === 'handle');
  if (handle !== undefined) return canonicalUrl(`https://hdl.handle.net/${handle.identifier.value}`);
  for (const r of parsed) if (r.url !== undefined && !urlPathMatches(r.url, DATASET_FILE_URL)) return r.url;
  return undefined;
}

/** OpenAIRE oaire:file: the first full text, else the first file. */
function isShownBy(p: Parts): string | undefined {
  const ordered = [...p.files.filter((f) => attr(f, 'objectType') === 'fulltext'), ...p.files];
  for (const f of ordered) {
    const url = canonicalUrl(foldedText(f));
    if (url !== undefined) return url;
  }
  return undefined;
}

/** relatedIdentifiers as resolvable URIs (the relationType is not kept), SeriesInformation and OpenAIRE dc:source as given. */
function relation(p: Parts): string[] {
  const out = new Set<string>();
  for (const el of p.relatedIdentifiers) {
    const value = foldedText(el);
    if (value !== '') out.add(resolvable(attr(el, 'relatedIdentifierType'), value));
  }
  for (const el of p.descriptions) {
    if (attr(el, 'descriptionType') !== 'SeriesInformation') continue;
    const value = foldedText(el);
    if (value !== '') out.add(value);
  }
  for (const el of p.sources) {
    const value = foldedText(el);
    if (value !== '') out.add(value);
  }
  return [...out];
}

/**
 * Maps a DataCite resource (kernel 2.x to 4.x, as the root or inside oai_datacite payload, or an
 * OpenAIRE Guidelines 4 oaire:resource) to a draft record. Elements are matched by local name in
 * any DataCite kernel namespace; unknown elements are ignored; problems go to ctx.issues.
 */
export function crosswalkDatacite(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const res = resourceOf(metadata);
  if (res === undefined) {
    addIssue(ctx, '', { code: 'DATACITE_RESOURCE_MISSING', severity: 'error', message: `No DataCite resource in <${metadata.qname}>: nothing to map` });
    return { title: [] };
  }
  const p = readResource(res);
  const ids = parseIdentifiers(p);
  const t = titles(p);
  const creators = creator(p);
  return buildDraft({
    title: t.title,
    alternative: t.alternative,
    description: description(p),
    subject: subject(p),
    creator: creators,
    contributor: contributor(p, creators),
    date: date(p, ctx),
    type: type(p, ctx),
    format: format(p),
    language: language(p, ctx),
    publisher: publisher(p),
    spatial: spatial(p, ctx),
    identifier: distinctIdentifiers(ids, ctx),
    rights: rights(p, ctx),
    isShownAt: isShownAt(ids),
    isShownBy: isShownBy(p),
    relation: relation(p),
  });
}
