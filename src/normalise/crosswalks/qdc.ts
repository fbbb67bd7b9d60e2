// Crosswalk from qualified Dublin Core (DCMI Terms with DC 1.1 elements: CONTENTdm's oai_qdc, DSpace's qdc) to the record model.
// Pure: no I/O. Each refinement is dumbed down to the DC element it refines and read by the oai_dc crosswalk; what DC cannot say is added.

import type { LangValue } from '../../model/record.js';
import { langOf, resolveQName, XML_NS, XSI_NS, type XmlElement } from '../../xml/parse.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { crosswalkOaiDc, DC_NS } from './oai-dc.js';
import { addIssue, addLangValue, foldedText, splitList } from './values.js';

/** DCMI Metadata Terms. */
export const DCTERMS_NS = 'http://purl.org/dc/terms/';
/** CONTENTdm's (OCLC) oai_qdc container, `<oai_qdc:qualifieddc>`. */
export const QDC_OCLC_NS = 'http://worldcat.org/xmlschemas/qdc-1.0/';
/** DSpace's qdc container, `<qdc:qualifieddc>`. */
export const QDC_DSPACE_NS = 'http://dspace.org/qualifieddc/';

type Target = 'title' | 'alternative' | 'creator' | 'subject' | 'description' | 'publisher' | 'contributor' | 'date' | 'type' | 'format' | 'identifier' | 'source' | 'language' | 'relation' | 'coverage' | 'temporal' | 'rights';

/**
 * What each DCMI term becomes: the DC 1.1 element it refines (its "dumb-down"), or alternative
 * and temporal, which the model keeps apart from title and places. Terms not listed (audience,
 * provenance, rightsHolder, accrual*, ...) have no place in the model and are ignored.
 */
const TARGETS = new Map<string, Target>([
  ['title', 'title'], ['alternative', 'alternative'],
  ['creator', 'creator'], ['contributor', 'contributor'], ['publisher', 'publisher'],
  ['subject', 'subject'], ['type', 'type'], ['language', 'language'], ['identifier', 'identifier'],
  ['description', 'description'], ['abstract', 'description'], ['tableOfContents', 'description'],
  ['date', 'date'], ['created', 'date'], ['issued', 'date'], ['dateCopyrighted', 'date'], ['dateSubmitted', 'date'],
  ['dateAccepted', 'date'], ['available', 'date'], ['modified', 'date'], ['valid', 'date'],
  ['format', 'format'], ['extent', 'format'], ['medium', 'format'],
  ['coverage', 'coverage'], ['spatial', 'coverage'], ['temporal', 'temporal'],
  ['rights', 'rights'], ['license', 'rights'], ['accessRights', 'rights'],
  ['relation', 'relation'], ['isPartOf', 'relation'], ['hasPart', 'relation'], ['isVersionOf', 'relation'], ['hasVersion', 'relation'],
  ['isFormatOf', 'relation'], ['hasFormat', 'relation'], ['isReplacedBy', 'relation'], ['replaces', 'relation'], ['isRequiredBy', 'relation'],
  ['requires', 'relation'], ['isReferencedBy', 'relation'], ['references', 'relation'], ['conformsTo', 'relation'],
  // A citation of the resource (journal, volume, pages) is read like dc:source: a relation, not an identifier to deduplicate on.
  ['source', 'source'], ['bibliographicCitation', 'source'],
]);

/** The order in which date refinements are offered to the date reader: the making of the resource first, system dates last. */
const DATE_RANK = new Map<string, number>([
  ['created', 0], ['issued', 1], ['date', 2], ['dateCopyrighted', 3], ['dateSubmitted', 4], ['dateAccepted', 5], ['available', 6], ['valid', 7], ['modified', 8],
]);

/** Encoding schemes (xsi:type) that make a coverage value a period rather than a place. */
const PERIOD_SCHEMES = new Set(['Period', 'W3CDTF']);

const XSI_TYPE = `{${XSI_NS}}type`;
const XML_LANG = `{${XML_NS}}lang`;

/** The DCMI Terms encoding scheme named in xsi:type (resolved by namespace: any prefix works), if any. */
function scheme(el: XmlElement): string | undefined {
  const v = el.attrs[XSI_TYPE];
  if (v === undefined) return undefined;
  const q = resolveQName(el, v.trim());
  return q.ns === DCTERMS_NS ? q.name : undefined;
}

function targetOf(el: XmlElement): Target | undefined {
  if (el.ns !== DC_NS && el.ns !== DCTERMS_NS) return undefined;
  const t = TARGETS.get(el.name);
  // Coverage typed as a period (dcterms:Period, dcterms:W3CDTF) is temporal whatever element carries it.
  if ((t === 'coverage' || t === 'temporal') && PERIOD_SCHEMES.has(scheme(el) ?? '')) return 'temporal';
  return t;
}

/** A DC 1.1 element standing in for a DCMI term: same attributes (xml:lang, xsi:type) and content. */
function asDc(el: XmlElement, name: string, parent: XmlElement): XmlElement {
  return { name, ns: DC_NS, qname: `dc:${name}`, attrs: el.attrs, children: el.children, nsDecl: undefined, parent, start: el.start, end: el.end };
}

/** Alternative titles (dcterms:alternative), without those that repeat a title. */
function alternative(elements: XmlElement[], titles: LangValue[]): LangValue[] {
  const out: LangValue[] = [];
  for (const el of elements) {
    const value = foldedText(el);
    if (value === '' || titles.some((t) => t.value === value)) continue;
    const own = el.attrs[XML_LANG];
    addLangValue(out, value, own !== undefined ? own.trim() || undefined : langOf(el));
  }
  return out;
}

/** Temporal coverage has no field in the model: each value is reported (info), as the oai_dc crosswalk does for dates in dc:coverage. */
function reportTemporal(elements: XmlElement[], ctx: CrosswalkContext): void {
  for (const el of elements) {
    // CONTENTdm ends list values with ";" ("1970-1979;").
    for (const value of splitList(foldedText(el))) {
      if (value === '') continue;
      addIssue(ctx, '/spatial', {
        code: 'COVERAGE_TEMPORAL_IGNORED',
        severity: 'info',
        message: `Temporal coverage "${issueValue(value)}" is a period, not a place; not kept`,
        value: issueValue(value),
      });
    }
  }
}

/**
 * Maps a qualified DC record (CONTENTdm's oai_qdc, DSpace's qdc, or any container of DC 1.1
 * and DCMI Terms elements) to a draft record. Every refinement is read as the DC element it
 * refines (abstract as description, created and issued as date, isPartOf as relation, extent as
 * format, license as rights, spatial as coverage, ...) by the oai_dc crosswalk, with date
 * refinements offered in the order created, issued, date, dateCopyrighted, ..., modified; then
 * dcterms:alternative becomes alternative titles, and temporal coverage (dcterms:temporal, or
 * coverage typed dcterms:Period or dcterms:W3CDTF) is reported rather than taken for a place.
 */
export function crosswalkQdc(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const container: XmlElement = { ...metadata, children: [] };
  const dates: { el: XmlElement; rank: number }[] = [];
  const alternatives: XmlElement[] = [];
  const temporals: XmlElement[] = [];
  for (const c of metadata.children) {
    if (typeof c !== 'object') continue;
    const target = targetOf(c);
    if (target === undefined) continue;
    if (target === 'alternative') alternatives.push(c);
    else if (target === 'temporal') temporals.push(c);
    else if (target === 'date') dates.push({ el: asDc(c, 'date', container), rank: DATE_RANK.get(c.name) ?? 2 });
    else container.children.push(asDc(c, target, container));
  }
  // A stable sort: within one refinement, document order is kept.
  dates.sort((a, b) => a.rank - b.rank);
  for (const d of dates) container.children.push(d.el);
  const draft = crosswalkOaiDc(container, ctx);
  const alt = alternative(alternatives, draft.title);
  if (alt.length > 0) draft.alternative = alt;
  reportTemporal(temporals, ctx);
  return draft;
}
