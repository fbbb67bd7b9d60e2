// Crosswalk from EDM (Europeana Data Model) in RDF/XML to the record model: provider EDM and Europeana's proxy form.
// Pure: no I/O. Elements are matched by namespace URI, never by prefix; unknown classes and properties are ignored.

import type { Agent, DcmiType, Identifier, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { langOf, XML_NS, type XmlElement } from '../../xml/parse.js';
import { normaliseDate } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier } from '../vocab/identifiers.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { DC_NS } from './oai-dc.js';
import { addDistinct, addIssue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldedText, HTTP_URI, langValue, mergeLangValue, otherDatesIssue, pickDate, splitList } from './values.js';

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const EDM_NS = 'http://www.europeana.eu/schemas/edm/';
export const ORE_NS = 'http://www.openarchives.org/ore/terms/';
const DCTERMS_NS = 'http://purl.org/dc/terms/';
const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';
const FOAF_NS = 'http://xmlns.com/foaf/0.1/';
const RDFS_NS = 'http://www.w3.org/2000/01/rdf-schema#';

const ABOUT = `{${RDF_NS}}about`;
const RESOURCE = `{${RDF_NS}}resource`;
const NODE_ID = `{${RDF_NS}}nodeID`;
const RDF_ID = `{${RDF_NS}}ID`;
const PARSE_TYPE = `{${RDF_NS}}parseType`;
const XML_LANG = `{${XML_NS}}lang`;

const PROVIDED_CHO = EDM_NS + 'ProvidedCHO';
const AGGREGATION = ORE_NS + 'Aggregation';
const PROXY = ORE_NS + 'Proxy';
const PLACE = EDM_NS + 'Place';
/** The properties that name a contextual entity, best first. */
const LABEL_PROPERTIES: readonly [ns: string, name: string][] = [[SKOS_NS, 'prefLabel'], [FOAF_NS, 'name'], [RDFS_NS, 'label'], [SKOS_NS, 'altLabel']];

// The relations kept in `relation`: DC relation and source, and the DCMI Terms relations between works.
// (dcterms:hasFormat and isFormatOf are left out: Europeana's TEL data puts the media type there.)
const RELATION_PROPERTIES = [
  DC_NS + 'relation', DC_NS + 'source', DCTERMS_NS + 'isPartOf', DCTERMS_NS + 'hasPart', DCTERMS_NS + 'isVersionOf',
  DCTERMS_NS + 'hasVersion', DCTERMS_NS + 'references', DCTERMS_NS + 'isReferencedBy', EDM_NS + 'isRelatedTo',
];
// The date of the resource, best first: when it was made, when it was issued, then any date.
const DATE_PROPERTIES = [DCTERMS_NS + 'created', DCTERMS_NS + 'issued', DC_NS + 'date'];
const FORMAT_PROPERTIES = [DC_NS + 'format', DCTERMS_NS + 'extent', DCTERMS_NS + 'medium'];
const SPATIAL_PROPERTIES = [DCTERMS_NS + 'spatial', DC_NS + 'coverage'];

const HAS_DIGIT = /\d/;
// Rijksmuseum (Europeana dataset 90402) writes the acquisition credit line in dcterms:medium
// ("Gift of Jonkvrouw C.I. Six, 's-Graveland", "Schenking van ..."): provenance, not a material.
const CREDIT_LINE = /^(?:gift|bequest|purchased?|donat(?:ed|ion)|transfer(?:red)?|on loan|loan|schenking|legaat|aankoop|bruikleen|verworven|don|legs|achat|d[ée]p[ôo]t|geschenk|schenkung|verm[äa]chtnis|ankauf|leihgabe|dono|lascito|acquisto|donaci[óo]n|legado|compra)\b/i;

/** edm:type values, the five media types of EDM (ESE wrote 3D as _3D), in DCMI Type. */
const EDM_TYPES = new Map<string, DcmiType>([
  ['TEXT', 'Text'], ['IMAGE', 'Image'], ['SOUND', 'Sound'], ['VIDEO', 'MovingImage'], ['3D', 'PhysicalObject'], ['_3D', 'PhysicalObject'],
]);

// The statements Europeana used before rightsstatements.org (www.europeana.eu/rights/…), as Europeana
// replaced them: the three "Rights Reserved" statements by In Copyright. "unknown" has no safe successor.
const EUROPEANA_LEGACY_RIGHTS = /^https?:\/\/(?:www\.)?europeana\.eu\/rights\/([a-z-]+)\/?$/i;
const LEGACY_SUCCESSOR = new Map<string, string>([
  ['rr-f', 'InC'], ['rr-p', 'InC'], ['rr-r', 'InC'], ['orphan-work-eu', 'InC-OW-EU'], ['out-of-copyright-non-commercial', 'NoC-NC'],
]);

/** Result of normaliseEdmRights: the canonical URI when recognised; `legacy` when it replaces an old Europeana URI. */
export interface EdmRightsResult {
  uri?: string;
  legacy?: boolean;
}

/**
 * An edm:type value (TEXT, IMAGE, SOUND, VIDEO, 3D) in DCMI Type: VIDEO is MovingImage, and 3D
 * (a digitised object) PhysicalObject. Undefined for anything else.
 */
export function normaliseEdmType(text: string): DcmiType | undefined {
  return EDM_TYPES.get(text.trim().toUpperCase());
}

/**
 * A rights value as EDM carries it (edm:rights, LIDO rightsType): rightsstatements.org and
 * Creative Commons in any form (see normaliseRights), plus the retired Europeana statements
 * (http://www.europeana.eu/rights/rr-f/ and friends) mapped to their rightsstatements.org successors.
 */
export function normaliseEdmRights(text: string): EdmRightsResult {
  const r = normaliseRights(text);
  if (r.uri !== undefined) return { uri: r.uri };
  const m = EUROPEANA_LEGACY_RIGHTS.exec(text.trim());
  const code = m ? LEGACY_SUCCESSOR.get((m[1] as string).toLowerCase()) : undefined;
  return code === undefined ? {} : { uri: `http://rightsstatements.org/vocab/${code}/1.0/`, legacy: true };
}

// ---- The RDF graph of one record ----

/** A subject of the RDF/XML: its id (rdf:about, #ID or _:blank), its classes and its property elements. */
interface RdfNode {
  id: string;
  types: string[];
  props: XmlElement[];
}

interface Graph {
  nodes: Map<string, RdfNode>;
  /** For property elements whose object is a nested node (striped syntax or parseType="Resource"): that node's id. */
  objects: Map<XmlElement, string>;
  order: RdfNode[];
  /** Chosen labels, per node and wanted language. */
  labels: Map<string, LangValue | null>;
}

/** A property's object: a literal with its language, or a reference to a node (or an outside URI); `key` names the property. */
type RdfValue = { key: string; lang: string | undefined } & ({ text: string; ref?: undefined } | { ref: string; text?: undefined });

/**
 * Reads the RDF/XML under rdf:RDF into nodes: top-level node elements, nodes nested in property
 * elements, and parseType="Resource" blank nodes. Several elements with one rdf:about are one node.
 */
function buildGraph(root: XmlElement): Graph {
  const g: Graph = { nodes: new Map(), objects: new Map(), order: [], labels: new Map() };
  let blank = 0;
  const nodeFor = (id: string): RdfNode => {
    let node = g.nodes.get(id);
    if (node === undefined) {
      node = { id, types: [], props: [] };
      g.nodes.set(id, node);
      g.order.push(node);
    }
    return node;
  };
  const addProps = (node: RdfNode, children: XmlElement['children']): void => {
    for (const p of children) {
      if (typeof p !== 'object') continue;
      if (p.ns === RDF_NS && p.name === 'type') {
        const t = p.attrs[RESOURCE];
        if (t !== undefined) node.types.push(t.trim());
        continue;
      }
      node.props.push(p);
      const parseType = p.attrs[PARSE_TYPE];
      if (parseType === 'Resource') {
        const inner = nodeFor(`_:b${blank++}`);
        g.objects.set(p, inner.id);
        addProps(inner, p.children);
      } else if (parseType === undefined) {
        for (const c of p.children) {
          if (typeof c === 'object') {
            g.objects.set(p, addNode(c));
            break;
          }
        }
      }
    }
  };
  const addNode = (el: XmlElement): string => {
    const about = el.attrs[ABOUT];
    const rid = el.attrs[RDF_ID];
    const nid = el.attrs[NODE_ID];
    const id = about !== undefined ? about.trim() : rid !== undefined ? `#${rid.trim()}` : nid !== undefined ? `_:${nid.trim()}` : `_:b${blank++}`;
    const node = nodeFor(id);
    if (!(el.ns === RDF_NS && el.name === 'Description')) node.types.push(el.ns + el.name);
    addProps(node, el.children);
    return id;
  };
  for (const c of root.children) if (typeof c === 'object') addNode(c);
  return g;
}

function ownLang(el: XmlElement): string | undefined {
  const l = el.attrs[XML_LANG];
  return l === undefined ? undefined : l.trim() || undefined;
}

function valueOf(g: Graph, p: XmlElement, keepParagraphs = false): RdfValue | undefined {
  const key = p.ns + p.name;
  const res = p.attrs[RESOURCE];
  // rdf:resource="" names the document itself: no value.
  if (res !== undefined) return res.trim() === '' ? undefined : { key, ref: res.trim(), lang: ownLang(p) };
  const nid = p.attrs[NODE_ID];
  if (nid !== undefined) return { key, ref: `_:${nid.trim()}`, lang: ownLang(p) };
  const obj = g.objects.get(p);
  if (obj !== undefined) return { key, ref: obj, lang: ownLang(p) };
  const text = foldedText(p, keepParagraphs);
  return text === '' ? undefined : { key, text, lang: langOf(p) };
}

function hasType(node: RdfNode, type: string): boolean {
  return node.types.includes(type);
}

/** The first object of a property of a node, as a reference id or literal text. */
function firstObject(g: Graph, node: RdfNode | undefined, ns: string, name: string): RdfValue | undefined {
  if (node === undefined) return undefined;
  for (const p of node.props) {
    if (p.name !== name || p.ns !== ns) continue;
    const v = valueOf(g, p);
    if (v !== undefined) return v;
  }
  return undefined;
}

function primary(lang: string): string {
  const i = lang.search(/[-_]/);
  return (i === -1 ? lang : lang.slice(0, i)).toLowerCase();
}

/** True when a language tag's primary subtag is `primaryTag` (lower case): "en", "EN", "en-GB" are English. Called for every label of a place. */
function sameLanguage(tag: string, primaryTag: string): boolean {
  const n = primaryTag.length;
  if (tag.length < n || (tag.length > n && tag[n] !== '-' && tag[n] !== '_')) return false;
  return tag.length === n ? tag === primaryTag || tag.toLowerCase() === primaryTag : tag.slice(0, n).toLowerCase() === primaryTag;
}

/** The label element in the wanted language, else English, else the first; `checkBlank` skips blank ones (else a blank pick gives undefined). */
function pickLabel(node: RdfNode, ns: string, name: string, wanted: string | undefined, checkBlank: boolean): XmlElement | undefined {
  let inEnglish: XmlElement | undefined;
  let first: XmlElement | undefined;
  let pick: XmlElement | undefined;
  for (const p of node.props) {
    if (p.name !== name || p.ns !== ns || (checkBlank && foldedText(p) === '')) continue;
    first ??= p;
    const lang = p.attrs[XML_LANG];
    if (lang === undefined) continue;
    if (wanted !== undefined && sameLanguage(lang, wanted)) {
      pick = p;
      break;
    }
    if (inEnglish === undefined && sameLanguage(lang, 'en')) inEnglish = p;
  }
  pick ??= inEnglish ?? first;
  return pick === undefined || (!checkBlank && foldedText(pick) === '') ? undefined : pick;
}

/**
 * The label of a node: its skos:prefLabel (else foaf:name, rdfs:label, skos:altLabel) in the wanted
 * language, else in English, else the first one given. Undefined when the node is not in the
 * record or has no label. The value carries the node's URI when it is an http(s) URI.
 */
function labelOf(g: Graph, id: string, want: string | undefined): LangValue | undefined {
  const key = `${want ?? ''} ${id}`;
  const cached = g.labels.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const node = g.nodes.get(id);
  const wanted = want === undefined ? undefined : primary(want);
  let chosen: LangValue | undefined;
  // Places carry a hundred labels or more (Europeana's Switzerland): pick by language tag first and
  // read the text of the chosen label only; only when that one is blank, look at every text.
  for (const [ns, name] of LABEL_PROPERTIES) {
    if (node === undefined) break;
    const pick = pickLabel(node, ns, name, wanted, false) ?? pickLabel(node, ns, name, wanted, true);
    if (pick === undefined) continue;
    chosen = { value: foldedText(pick) };
    const lang = ownLang(pick);
    if (lang !== undefined) chosen.lang = lang;
    if (HTTP_URI.test(id)) chosen.uri = id;
    break;
  }
  g.labels.set(key, chosen ?? null);
  return chosen;
}

// ---- Which nodes describe the object ----

/** The record as the crosswalk reads it: the graph, the properties describing the object, the aggregation. */
interface Edm {
  g: Graph;
  cho: RdfNode | undefined;
  aggregation: RdfNode | undefined;
  /** Property elements of the CHO and the provider's proxies, by namespace + local name, in document order. */
  provider: Map<string, XmlElement[]>;
  /** Property elements of Europeana's proxy (edm:europeanaProxy true): its automatic enrichments. */
  enrichment: Map<string, XmlElement[]>;
  /** The language labels are preferred in: that of the first dc:title, else the first dc:language. */
  lang: string | undefined;
}

function propertyIndex(nodes: RdfNode[]): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  for (const node of nodes) {
    for (const p of node.props) {
      const key = p.ns + p.name;
      const list = index.get(key);
      if (list === undefined) index.set(key, [p]);
      else list.push(p);
    }
  }
  return index;
}

function readEdm(root: XmlElement, ctx: CrosswalkContext): Edm {
  const g = buildGraph(root);
  const chos = g.order.filter((n) => hasType(n, PROVIDED_CHO));
  const aggregations = g.order.filter((n) => hasType(n, AGGREGATION));
  let cho = chos[0];
  if (chos.length > 1) {
    const pointed = firstObject(g, aggregations[0], EDM_NS, 'aggregatedCHO')?.ref;
    cho = chos.find((c) => c.id === pointed) ?? cho;
    addIssue(ctx, '', { code: 'EDM_MULTIPLE_CHO', severity: 'warning', message: `The record has ${chos.length} edm:ProvidedCHO; only ${cho?.id ?? ''} was mapped`, value: issueValue(cho?.id ?? '') });
  }
  const aggregation = (cho && aggregations.find((a) => firstObject(g, a, EDM_NS, 'aggregatedCHO')?.ref === cho.id)) ?? aggregations[0];
  // Europeana's own form: the CHO is empty and the values sit on ore:Proxy nodes, the provider's
  // (edm:europeanaProxy false) and Europeana's enrichments (true), which come last.
  const proxies = g.order.filter((n) => hasType(n, PROXY) && (cho === undefined || firstObject(g, n, ORE_NS, 'proxyFor')?.ref === cho.id));
  const isEuropeana = (n: RdfNode): boolean => firstObject(g, n, EDM_NS, 'europeanaProxy')?.text?.toLowerCase() === 'true';
  const describing: RdfNode[] = [...(cho ? [cho] : []), ...proxies.filter((p) => !isEuropeana(p))];
  if (cho === undefined && proxies.length === 0) {
    // Plain RDF/XML without EDM classes: read the first node that has DC properties.
    const fallback = g.order.find((n) => n.props.some((p) => p.ns === DC_NS || p.ns === DCTERMS_NS));
    if (fallback !== undefined) describing.push(fallback);
    addIssue(ctx, '', {
      code: 'EDM_NO_PROVIDED_CHO',
      severity: 'warning',
      message: fallback ? `No edm:ProvidedCHO or ore:Proxy; read the DC properties of ${fallback.id}` : 'No edm:ProvidedCHO, ore:Proxy or node with DC properties: nothing to map',
    });
  }
  const edm: Edm = { g, cho, aggregation, provider: propertyIndex(describing), enrichment: propertyIndex(proxies.filter(isEuropeana)), lang: undefined };
  for (const p of edm.provider.get(DC_NS + 'title') ?? []) {
    const v = valueOf(g, p);
    if (v?.text !== undefined && v.lang !== undefined) {
      edm.lang = v.lang;
      break;
    }
  }
  if (edm.lang === undefined) edm.lang = (edm.provider.get(DC_NS + 'language') ?? []).map((p) => valueOf(g, p)?.text).find((t) => t !== undefined && /^[a-z]{2,3}(?:[-_]\w+)?$/i.test(t));
  return edm;
}

function objects(edm: Edm, index: Map<string, XmlElement[]>, keys: readonly string[], keepParagraphs: boolean): RdfValue[] {
  const out: RdfValue[] = [];
  for (const key of keys) {
    for (const p of index.get(key) ?? []) {
      const v = valueOf(edm.g, p, keepParagraphs);
      if (v !== undefined) out.push(v);
    }
  }
  return out;
}

/**
 * The objects of the properties of one field, in order: the provider's (CHO and proxies), or,
 * only when the provider has none, Europeana's enrichments. Enrichments beside provider values
 * mostly repeat them in other languages or over-link them (Rijksmuseum's "Genève" is enriched to
 * five places, Switzerland included).
 */
function values(edm: Edm, keys: string | readonly string[], keepParagraphs = false): RdfValue[] {
  const list = typeof keys === 'string' ? [keys] : keys;
  const own = objects(edm, edm.provider, list, keepParagraphs);
  return own.length > 0 ? own : objects(edm, edm.enrichment, list, keepParagraphs);
}

/** An enrichment that names a provider value exactly (same text and language) lends it its URI. */
function lendUris(edm: Edm, keys: readonly string[], out: LangValue[]): void {
  for (const v of objects(edm, edm.enrichment, keys, false)) {
    if (v.ref === undefined) continue;
    const label = labelOf(edm.g, v.ref, v.lang ?? edm.lang);
    if (label?.uri === undefined) continue;
    const same = out.find((o) => o.value === label.value && o.lang === label.lang && o.uri === undefined);
    if (same !== undefined) same.uri = label.uri;
  }
}

/** A reference as a value: the label of the node it names, or an outside http(s) URI as itself. */
function referenced(edm: Edm, v: RdfValue & { ref: string }): LangValue | undefined {
  const label = labelOf(edm.g, v.ref, v.lang ?? edm.lang);
  if (label !== undefined) return { ...label };
  return HTTP_URI.test(v.ref) ? { value: v.ref, uri: v.ref } : undefined;
}

// ---- One function per target field ----

function title(edm: Edm): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values(edm, DC_NS + 'title')) if (v.text !== undefined) mergeLangValue(out, langValue(v.text, v.lang));
  return out;
}

function alternative(edm: Edm): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values(edm, DCTERMS_NS + 'alternative')) if (v.text !== undefined) mergeLangValue(out, langValue(v.text, v.lang));
  return out;
}

function description(edm: Edm): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values(edm, DC_NS + 'description', true)) if (v.text !== undefined) mergeLangValue(out, langValue(v.text, v.lang));
  return out;
}

/** dc:subject: literals (split on ';', http(s) values also as uri) and concepts by their label and URI. */
function subject(edm: Edm): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values(edm, DC_NS + 'subject')) {
    if (v.ref !== undefined) {
      const r = referenced(edm, v);
      if (r !== undefined) mergeLangValue(out, r);
      continue;
    }
    for (const part of splitList(v.text)) {
      if (part === '') continue;
      const s = langValue(part, v.lang);
      if (HTTP_URI.test(part)) s.uri = part;
      mergeLangValue(out, s);
    }
  }
  lendUris(edm, [DC_NS + 'subject'], out);
  return out;
}

/** Agents of a property: literal names, and edm:Agent nodes by their label with their URI. An agent known only by an outside URI has no name and is left out. */
function agents(edm: Edm, key: string): Agent[] {
  const out: Agent[] = [];
  for (const v of values(edm, key)) {
    let agent: Agent | undefined;
    if (v.ref !== undefined) {
      const label = labelOf(edm.g, v.ref, v.lang ?? edm.lang);
      if (label !== undefined) {
        agent = { name: label.value, sortName: toSortName(label.value) };
        if (label.uri !== undefined) agent.uri = label.uri;
      }
    } else {
      agent = { name: v.text, sortName: toSortName(v.text) };
    }
    if (agent === undefined) continue;
    const same = out.find((a) => a.name === agent.name);
    if (same === undefined) out.push(agent);
    else if (same.uri === undefined && agent.uri !== undefined) same.uri = agent.uri;
  }
  return out;
}

function creator(edm: Edm): Agent[] {
  return agents(edm, DC_NS + 'creator');
}

/** Contributors; one that repeats a creator is dropped. */
function contributor(edm: Edm, creators: Agent[]): Agent[] {
  const names = new Set(creators.map((c) => c.name));
  return agents(edm, DC_NS + 'contributor').filter((c) => !names.has(c.name));
}

/**
 * The date: dcterms:created, else dcterms:issued, else dc:date (an edm:TimeSpan by its label);
 * the first value that reads as a date wins, the other distinct values are listed in an info issue.
 */
function date(edm: Edm, ctx: CrosswalkContext): RecordDate | undefined {
  const texts: string[] = [];
  for (const v of values(edm, DATE_PROPERTIES)) {
    const text = v.ref !== undefined ? labelOf(edm.g, v.ref, v.lang ?? edm.lang)?.value : v.text;
    if (text !== undefined) addDistinct(texts, text);
  }
  const picked = pickDate(texts);
  if (picked === undefined) return undefined;
  const { result: chosen, text: chosenText } = picked;
  if (chosen.issue) addIssue(ctx, '/date', chosen.issue);
  const others = texts.filter((t) => t !== chosenText);
  if (others.length > 0) addIssue(ctx, '/date', otherDatesIssue(`the date "${issueValue(chosenText)}"`, others, 'value'));
  return chosen.date;
}

/**
 * Types: edm:type (TEXT, IMAGE, SOUND, VIDEO, 3D), then dc:type literals through the type
 * vocabulary (unmapped ones reported), then dc:type concepts by their labels or DCMI URI.
 * One entry per distinct source label.
 */
function type(edm: Edm, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const seen = new Set<string>();
  const add = (value: DcmiType, original: string): void => {
    if (seen.has(original)) return;
    seen.add(original);
    out.push({ value, original });
  };
  for (const v of values(edm, EDM_NS + 'type')) {
    if (v.text === undefined) continue;
    const t = normaliseEdmType(v.text);
    if (t !== undefined) add(t, v.text);
    else addIssue(ctx, '/type', { code: 'TYPE_UNMAPPED', severity: 'info', message: `edm:type "${issueValue(v.text)}" is not an EDM type; not kept as a type`, value: issueValue(v.text) });
  }
  for (const v of values(edm, DC_NS + 'type')) {
    if (v.ref !== undefined) {
      // A concept: its DCMI URI, or the first of its labels the vocabulary knows; an outside URI says nothing.
      const byUri = normaliseType(v.ref);
      if (byUri !== undefined) {
        add(byUri, v.ref);
        continue;
      }
      const node = edm.g.nodes.get(v.ref);
      for (const p of node?.props ?? []) {
        if (p.ns !== SKOS_NS || p.name !== 'prefLabel') continue;
        const label = foldedText(p);
        const t = label === '' ? undefined : normaliseType(label);
        if (t !== undefined) {
          add(t, label);
          break;
        }
      }
      continue;
    }
    if (seen.has(v.text)) continue;
    const t = normaliseType(v.text);
    if (t !== undefined) add(t, v.text);
    else {
      seen.add(v.text);
      addIssue(ctx, '/type', { code: 'TYPE_UNMAPPED', severity: 'info', message: `dc:type "${issueValue(v.text)}" has no DCMI Type equivalent; not kept as a type`, value: issueValue(v.text) });
    }
  }
  return out;
}

/** dc:format (literals and concept labels), dcterms:extent and dcterms:medium, as given; credit lines in dcterms:medium are left out. */
function format(edm: Edm, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const v of values(edm, FORMAT_PROPERTIES)) {
    const text = v.ref !== undefined ? labelOf(edm.g, v.ref, v.lang ?? edm.lang)?.value : v.text;
    if (text === undefined) continue;
    if (v.key === DCTERMS_NS + 'medium' && CREDIT_LINE.test(text)) {
      addIssue(ctx, '/format', {
        code: 'EDM_MEDIUM_CREDIT_LINE',
        severity: 'info',
        message: `dcterms:medium "${issueValue(text)}" is an acquisition credit line, not a material; not kept as a format`,
        value: issueValue(text),
      });
      continue;
    }
    out.add(text);
  }
  return [...out];
}

function language(edm: Edm, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const v of values(edm, DC_NS + 'language')) {
    if (v.text === undefined) continue;
    for (const part of splitList(v.text)) if (part !== '') addLanguage(out, part, ctx);
  }
  return [...out];
}

/**
 * dc:publisher, then the aggregation's edm:dataProvider: the record-level provider fields come
 * from the source configuration, but one Europeana source carries thousands of data providers,
 * and the institution that holds the object is what makes it available. Repeats are dropped.
 */
function publisher(edm: Edm): LangValue[] {
  const out: LangValue[] = [];
  const all = values(edm, DC_NS + 'publisher');
  for (const p of edm.aggregation?.props ?? []) {
    if (p.ns !== EDM_NS || p.name !== 'dataProvider') continue;
    const v = valueOf(edm.g, p);
    if (v !== undefined) all.push(v);
  }
  for (const v of all) {
    const value = v.ref !== undefined ? labelOf(edm.g, v.ref, v.lang ?? edm.lang) : langValue(v.text, v.lang);
    if (value !== undefined && !out.some((o) => o.value === value.value)) out.push({ ...value });
  }
  return out;
}

/**
 * Places: dcterms:spatial (literals, edm:Place nodes by label and URI, outside http(s) URIs) and
 * dc:coverage when it names a place: a coverage node that is an edm:TimeSpan, or a literal with a
 * digit in it (a date, a period, a century), is temporal and left out.
 */
function spatial(edm: Edm, ctx: CrosswalkContext): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values(edm, SPATIAL_PROPERTIES)) {
    if (v.key !== DC_NS + 'coverage') {
      const value = v.ref !== undefined ? referenced(edm, v) : langValue(v.text, v.lang);
      if (value !== undefined) mergeLangValue(out, value);
      continue;
    }
    if (v.ref !== undefined) {
      const node = edm.g.nodes.get(v.ref);
      if (node !== undefined && hasType(node, PLACE)) {
        const value = referenced(edm, v);
        if (value !== undefined) mergeLangValue(out, value);
      }
      continue;
    }
    if (HAS_DIGIT.test(v.text) || normaliseDate(v.text).date.edtf !== undefined) {
      addIssue(ctx, '/spatial', {
        code: 'COVERAGE_TEMPORAL_IGNORED',
        severity: 'info',
        message: `dc:coverage "${issueValue(v.text)}" reads as a date or period, not a place; not kept`,
        value: issueValue(v.text),
      });
    } else mergeLangValue(out, langValue(v.text, v.lang));
  }
  lendUris(edm, SPATIAL_PROPERTIES, out);
  return out;
}

/** dc:identifier values, then the CHO's own URI (http(s) only), normalised, without repeats. */
function identifier(edm: Edm, ctx: CrosswalkContext): Identifier[] {
  const texts: string[] = [];
  for (const v of values(edm, DC_NS + 'identifier')) if (v.text !== undefined) texts.push(v.text);
  if (edm.cho !== undefined && HTTP_URI.test(edm.cho.id)) texts.push(edm.cho.id);
  return distinctIdentifiers(texts.map((t) => normaliseIdentifier(t)), ctx);
}

/**
 * Rights: the URI from the aggregation's edm:rights (the statement for the digital object,
 * mandatory in EDM), else the first recognised dc:rights; statements from dc:rights as given,
 * plus a retired Europeana URI that was mapped (so the source value stays visible).
 */
function rights(edm: Edm, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements: string[] = [];
  const edmRights = firstObject(edm.g, edm.aggregation, EDM_NS, 'rights');
  const edmText = edmRights?.ref ?? edmRights?.text;
  if (edmText !== undefined) {
    const r = normaliseEdmRights(edmText);
    uri = r.uri;
    if (r.legacy) {
      statements.push(edmText);
      addIssue(ctx, '/rights/uri', { code: 'RIGHTS_LEGACY_MAPPED', severity: 'info', message: `Retired Europeana statement ${edmText} read as ${r.uri ?? ''}`, value: issueValue(edmText) });
    } else if (r.uri === undefined) statements.push(edmText);
  }
  for (const v of values(edm, DC_NS + 'rights')) {
    const text = v.ref ?? v.text;
    const r = normaliseEdmRights(text);
    if (r.uri !== undefined) {
      if (uri === undefined) uri = r.uri;
      else if (r.uri !== uri) {
        addIssue(ctx, '/rights/uri', { code: 'RIGHTS_CONFLICT', severity: 'warning', message: `dc:rights names another licence or statement than the one kept (${uri})`, value: issueValue(text) });
      }
      if (HTTP_URI.test(text)) continue;
    }
    addDistinct(statements, text);
  }
  return buildRights(uri, statements);
}

function aggregationUrl(edm: Edm, name: string): string | undefined {
  const v = firstObject(edm.g, edm.aggregation, EDM_NS, name);
  const text = v?.ref ?? v?.text;
  return text === undefined ? undefined : canonicalUrl(text);
}

function isShownAt(edm: Edm): string | undefined {
  return aggregationUrl(edm, 'isShownAt');
}

/** edm:isShownBy, else edm:object (the image Europeana makes its preview from). */
function isShownBy(edm: Edm): string | undefined {
  return aggregationUrl(edm, 'isShownBy') ?? aggregationUrl(edm, 'object');
}

/** Related resources as given: literals, and references as their URI. */
function relation(edm: Edm): string[] {
  const out = new Set<string>();
  for (const v of values(edm, RELATION_PROPERTIES)) {
    const text = v.ref ?? v.text;
    if (text !== '' && !text.startsWith('_:')) out.add(text);
  }
  return [...out];
}

/**
 * Maps an EDM record (rdf:RDF) to a draft record. Values come from the edm:ProvidedCHO and from
 * the provider's ore:Proxy nodes for it (Europeana's own form; Europeana's enrichment proxy only
 * for fields the provider leaves empty, and to lend URIs to values it repeats), links and rights from
 * its ore:Aggregation; references to edm:Agent, skos:Concept, edm:Place and edm:TimeSpan in the
 * record are read by their label in the property's or record's language, else English, else the
 * first. edm:provider and edm:dataProvider do not set provider/dataProvider (configuration
 * does); edm:dataProvider is kept as a publisher.
 */
export function crosswalkEdm(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const edm = readEdm(metadata, ctx);
  const creators = creator(edm);
  return buildDraft({
    title: title(edm),
    alternative: alternative(edm),
    description: description(edm),
    subject: subject(edm),
    creator: creators,
    contributor: contributor(edm, creators),
    date: date(edm, ctx),
    type: type(edm, ctx),
    format: format(edm, ctx),
    language: language(edm, ctx),
    publisher: publisher(edm),
    spatial: spatial(edm, ctx),
    identifier: identifier(edm, ctx),
    rights: rights(edm, ctx),
    isShownAt: isShownAt(edm),
    isShownBy: isShownBy(edm),
    relation: relation(edm),
  });
}
