// Crosswalk from simple Dublin Core (oai_dc and any container of DC 1.1 elements) to the record model.
// Pure: no I/O. Elements are matched by namespace URI, never by prefix; unknown elements are ignored.

import type { Agent, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { langOf, textOf, XML_NS, type XmlElement } from '../../xml/parse.js';
import { normaliseDate } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { addIssue, addLangValue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldText, HTTP_URI, isFileUrl, keepRightsUri, otherDatesIssue, pickDate, splitList } from './values.js';

/** Dublin Core Metadata Element Set 1.1. */
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
/** The oai_dc container (`<oai_dc:dc>`). */
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';

/** One DC element's value: text with white space folded (paragraph breaks kept for descriptions). */
interface DcValue {
  text: string;
  lang: string | undefined;
}

/** The values of the 15 DC elements, in document order. */
interface DcFields {
  title: DcValue[];
  creator: DcValue[];
  subject: DcValue[];
  description: DcValue[];
  publisher: DcValue[];
  contributor: DcValue[];
  date: DcValue[];
  type: DcValue[];
  format: DcValue[];
  identifier: DcValue[];
  source: DcValue[];
  language: DcValue[];
  relation: DcValue[];
  coverage: DcValue[];
  rights: DcValue[];
}

type DcName = keyof DcFields;
const DC_NAMES = new Set<string>(['title', 'creator', 'subject', 'description', 'publisher', 'contributor', 'date', 'type', 'format', 'identifier', 'source', 'language', 'relation', 'coverage', 'rights']);

const XML_LANG = `{${XML_NS}}lang`;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;
// DSpace 1.x (Erasmus University Rotterdam, 2004) writes the bitstream URL after the media
// type in dc:format: "application/pdf https://ep.eur.nl/retrieve/6/x.pdf".
const FORMAT_WITH_URL = /^([a-z]+\/[\w.+-]+)\s+(https?:\/\/.+)$/i;
// OpenAIRE guidelines: an alternative identifier of the resource itself, written as a relation
// (Tethys RDR: "info:eu-repo/semantics/altIdentifier/doi/10.24341/tethys.1").
const ALT_IDENTIFIER = /^info:eu-repo\/semantics\/altIdentifier\/([a-z]+)\/(.+)$/i;
// A Map, not an object literal: the key comes from the record ("constructor" must not match).
const ALT_PREFIX = new Map<string, string>([
  ['doi', 'doi:'], ['hdl', 'hdl:'], ['handle', 'hdl:'], ['isbn', 'ISBN '], ['issn', 'ISSN '], ['pissn', 'ISSN '], ['eissn', 'ISSN '], ['lissn', 'ISSN '],
  ['ark', ''], ['urn', ''], ['url', ''], ['purl', ''],
]);
// Version terms of the same vocabulary are not resource types; OJS and DSpace send one with every record.
const EU_REPO_VERSION = /^info:eu-repo\/semantics\/(?:draft|submitted|accepted|published|updated)Version$/i;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

function emptyFields(): DcFields {
  return {
    title: [], creator: [], subject: [], description: [], publisher: [], contributor: [], date: [], type: [],
    format: [], identifier: [], source: [], language: [], relation: [], coverage: [], rights: [],
  };
}

/** One pass over the children: the DC elements by name; white-space-only values dropped. */
function readDc(metadata: XmlElement): DcFields {
  const f = emptyFields();
  // xml:lang as langOf() reads it, with the walk up the ancestors done once for all children.
  const inherited = langOf(metadata);
  for (const c of metadata.children) {
    if (typeof c !== 'object' || c.ns !== DC_NS || !DC_NAMES.has(c.name)) continue;
    const text = foldText(textOf(c), c.name === 'description');
    if (text === '') continue;
    const own = c.attrs[XML_LANG];
    f[c.name as DcName].push({ text, lang: own === undefined ? inherited : own.trim() || undefined });
  }
  return f;
}

/** Values as LangValues without exact repeats (same text, same language); optionally split on ';'. */
function langValues(values: DcValue[], split: boolean): LangValue[] {
  const out: LangValue[] = [];
  for (const v of values) {
    for (const part of split ? splitList(v.text) : [v.text]) addLangValue(out, part, v.lang);
  }
  return out;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

// ---- One function per target field ----

function title(f: DcFields): LangValue[] {
  return langValues(f.title, false);
}

/** oai_dc has no alternative title element. */
function alternative(_f: DcFields): LangValue[] {
  return [];
}

function description(f: DcFields): LangValue[] {
  return langValues(f.description, false);
}

/** Subjects, one per ';'-separated part ("bedrijfskunde;bedrijfseconomie" is two); http(s) values also as uri. */
function subject(f: DcFields): LangValue[] {
  const out = langValues(f.subject, true);
  for (const s of out) if (HTTP_URI.test(s.value)) s.uri = s.value;
  return out;
}

function agents(values: DcValue[]): Agent[] {
  const out: Agent[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    for (const name of splitList(v.text)) {
      if (name === '' || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, sortName: toSortName(name) });
    }
  }
  return out;
}

function creator(f: DcFields): Agent[] {
  return agents(f.creator);
}

/** Contributors; one that repeats a creator is dropped (DSpace exports each author as both). */
function contributor(f: DcFields, creators: Agent[]): Agent[] {
  const creatorNames = new Set(creators.map((c) => c.name));
  return agents(f.contributor).filter((c) => !creatorNames.has(c.name));
}

/**
 * The date: the first value that reads as a date, preferring values without a time of day
 * (DSpace adds its accession and availability timestamps as further dc:date values); other
 * distinct values are reported in an info issue.
 */
function date(f: DcFields, ctx: CrosswalkContext): RecordDate | undefined {
  if (f.date.length === 0) return undefined;
  const values = distinct(f.date.map((d) => d.text));
  const ordered = values.length === 1 ? values : [...values.filter((v) => !TIMESTAMP.test(v)), ...values.filter((v) => TIMESTAMP.test(v))];
  const picked = pickDate(ordered);
  if (picked === undefined) return undefined;
  const { result: chosen, text: chosenText } = picked;
  if (chosen.issue) addIssue(ctx, '/date', chosen.issue);
  else if (TIMESTAMP.test(chosenText)) {
    addIssue(ctx, '/date', {
      code: 'DATE_TIMESTAMP_ONLY',
      severity: 'info',
      message: `The date used is a system timestamp ("${chosenText}"), often when the record was added rather than when the resource was made`,
      value: chosenText,
    });
  }
  const others = values.filter((v) => v !== chosenText);
  if (others.length > 0) addIssue(ctx, '/date', otherDatesIssue(`dc:date "${issueValue(chosenText)}"`, others, 'value'));
  return chosen.date;
}

/** DCMI types, one entry per distinct source label; unmapped labels reported (info). */
function type(f: DcFields, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const seen = new Set<string>();
  for (const v of f.type) {
    for (const label of splitList(v.text)) {
      if (label === '' || seen.has(label)) continue;
      seen.add(label);
      const t = normaliseType(label);
      if (t !== undefined) out.push({ value: t, original: label });
      else if (!EU_REPO_VERSION.test(label)) {
        addIssue(ctx, '/type', {
          code: 'TYPE_UNMAPPED',
          severity: 'info',
          message: `dc:type "${issueValue(label)}" has no DCMI Type equivalent; not kept as a type`,
          value: issueValue(label),
        });
      }
    }
  }
  return out;
}

/** Formats as given, without repeats; for the DSpace "type URL" form, the media type only. */
function format(f: DcFields): string[] {
  return distinct(f.format.map((v) => FORMAT_WITH_URL.exec(v.text)?.[1] ?? v.text));
}

function language(f: DcFields, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  for (const v of f.language) {
    for (const part of splitList(v.text)) if (part !== '') addLanguage(out, part, ctx);
  }
  return [...out];
}

function publisher(f: DcFields): LangValue[] {
  return langValues(f.publisher, true);
}

/** DC coverage as places; a value that reads as a date is temporal coverage, which the model has no field for. */
function spatial(f: DcFields, ctx: CrosswalkContext): LangValue[] {
  const out: LangValue[] = [];
  for (const v of langValues(f.coverage, false)) {
    const d = normaliseDate(v.value);
    if (d.date.edtf !== undefined) {
      addIssue(ctx, '/spatial', {
        code: 'COVERAGE_TEMPORAL_IGNORED',
        severity: 'info',
        message: `dc:coverage "${issueValue(v.value)}" is a date or period, not a place; not kept`,
        value: issueValue(v.value),
      });
    } else out.push(v);
  }
  return out;
}

/** dc:identifier values, and alternative identifiers given as eu-repo relations, each parsed once. */
function parseIdentifiers(f: DcFields): IdentifierResult[] {
  const out: IdentifierResult[] = [];
  // A placeholder such as "-" (DSpace, Erasmus 2004) identifies nothing.
  for (const v of f.identifier) if (HAS_ALNUM.test(v.text)) out.push(normaliseIdentifier(v.text));
  for (const v of f.relation) {
    const m = ALT_IDENTIFIER.exec(v.text);
    if (!m) continue;
    const prefix = ALT_PREFIX.get((m[1] as string).toLowerCase());
    out.push(prefix !== undefined ? normaliseIdentifier(prefix + (m[2] as string)) : { identifier: { scheme: 'local', value: `${m[1] as string}:${m[2] as string}` } });
  }
  return out;
}

/** The landing page: the first http(s) identifier that is not a file. */
function isShownAt(parsed: IdentifierResult[]): string | undefined {
  for (const p of parsed) if (p.url !== undefined && !isFileUrl(p.url)) return p.url;
  return undefined;
}

/** The digital object: the first http(s) identifier that is a file, else a URL DSpace put in dc:format. */
function isShownBy(f: DcFields, parsed: IdentifierResult[]): string | undefined {
  for (const p of parsed) if (p.url !== undefined && isFileUrl(p.url)) return p.url;
  for (const v of f.format) {
    const m = FORMAT_WITH_URL.exec(v.text);
    const url = m ? canonicalUrl(m[2] as string) : undefined;
    if (url !== undefined) return url;
  }
  return undefined;
}

/**
 * Rights: the first recognised rightsstatements.org or Creative Commons URI, and every
 * statement as given (joined with " | "), except values that are only that URI.
 */
function rights(f: DcFields, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements: string[] = [];
  for (const text of distinct(f.rights.map((v) => v.text))) {
    const r = normaliseRights(text);
    if (r.uri !== undefined) {
      uri = keepRightsUri(ctx, uri, r.uri, 'dc:rights', text);
      if (HTTP_URI.test(text)) continue;
    }
    statements.push(text);
  }
  return buildRights(uri, statements);
}

/** DC relation and DC source (in DCMI Terms, source is a kind of relation), as given; eu-repo alternative identifiers moved to identifier. */
function relation(f: DcFields): string[] {
  const out: string[] = [];
  for (const v of f.relation) if (!ALT_IDENTIFIER.test(v.text)) out.push(v.text);
  for (const v of f.source) out.push(v.text);
  return distinct(out);
}

/**
 * Maps an oai_dc record (or any element whose children are DC 1.1 elements) to a draft record.
 * Repeated elements give repeated values in document order; xml:lang is kept; white-space-only
 * values are ignored; mapping problems are added to ctx.issues.
 */
export function crosswalkOaiDc(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const f = readDc(metadata);
  const ids = parseIdentifiers(f);
  const creators = creator(f);
  return buildDraft({
    title: title(f),
    alternative: alternative(f),
    description: description(f),
    subject: subject(f),
    creator: creators,
    contributor: contributor(f, creators),
    date: date(f, ctx),
    type: type(f, ctx),
    format: format(f),
    language: language(f, ctx),
    publisher: publisher(f),
    spatial: spatial(f, ctx),
    identifier: distinctIdentifiers(ids, ctx),
    rights: rights(f, ctx),
    isShownAt: isShownAt(ids),
    isShownBy: isShownBy(f, ids),
    relation: relation(f),
  });
}
