// Crosswalk from MARC 21 bibliographic records in MARCXML (MARC21/slim, or without a namespace as Alma exports them) to the record model.
// Pure: no I/O after the relator table (data/vocab/marc-relators.json) is read once at module load.

import type { Agent, DcmiType, LangValue, RecordDate, Rights, TypeValue } from '../../model/record.js';
import { textOf, type XmlElement } from '../../xml/parse.js';
import { normaliseDate, normaliseMarc008Date, type DateResult } from '../vocab/dates.js';
import { canonicalUrl, normaliseIdentifier, type IdentifierResult } from '../vocab/identifiers.js';
import { normaliseLanguage } from '../vocab/languages.js';
import { loadVocabTable } from '../vocab/load-table.js';
import { toSortName } from '../vocab/names.js';
import { normaliseRights } from '../vocab/rights.js';
import { normaliseType } from '../vocab/types.js';
import { issueValue } from '../vocab/vocab-issue.js';
import type { CrosswalkContext, RecordDraft } from './draft.js';
import { DC_NS } from './oai-dc.js';
import { crosswalkQdc, DCTERMS_NS } from './qdc.js';
import { addDistinct, addIssue, addLangValue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldText, HTTP_URI, isFileUrl, keepRightsUri, persistentIdentifier, prefixedIdentifier, TYPE_PREFIX } from './values.js';

/** MARCXML (MARC 21 slim). */
export const MARC_NS = 'http://www.loc.gov/MARC21/slim';

// ---- Relators and names (shared with the MODS crosswalk, whose roleTerm uses the same list) ----

/** A role read from a relator code or term. */
export interface Relator {
  /** The MARC relator code, when the code or term is in the list. */
  code?: string;
  /** The role for Agent.role: the relator label in lower case, or the term as given. */
  label: string;
  /** True for roles of chief responsibility (author, creator, artist, composer, ...): the name is a creator. */
  creator: boolean;
}

interface RelatorTable {
  relators: Record<string, string>;
  creators: string[];
  aliases: Record<string, string>;
}

const RELATOR_LABEL = new Map<string, string>();
const RELATOR_BY_TERM = new Map<string, string>();
const CREATOR_ROLES = new Set<string>();
{
  const table = loadVocabTable<RelatorTable>('marc-relators.json');
  for (const [code, label] of Object.entries(table.relators)) {
    RELATOR_LABEL.set(code, label.toLowerCase());
    RELATOR_BY_TERM.set(label.toLowerCase(), code);
  }
  for (const [term, code] of Object.entries(table.aliases)) RELATOR_BY_TERM.set(term, code);
  for (const code of table.creators) CREATOR_ROLES.add(code);
}

const RELATOR_URI = /^https?:\/\/id\.loc\.gov\/vocabulary\/relators\/([a-z]{3})$/i;
const TERM_TRAILING = /[\s.,;:]+$/;

function relatorOf(code: string): Relator {
  return { code, label: RELATOR_LABEL.get(code) as string, creator: CREATOR_ROLES.has(code) };
}

/** The role for a relator code (`aut`, or its id.loc.gov URI); undefined when the code is not in the list. */
export function relatorFromCode(value: string): Relator | undefined {
  const v = value.trim();
  const code = (RELATOR_URI.exec(v)?.[1] ?? v).toLowerCase();
  return RELATOR_LABEL.has(code) ? relatorOf(code) : undefined;
}

/** The role for a relator term ("Author", "ed.", "Herausgeber", "advisor"); an unknown term is kept as given, as a contributor role. */
export function relatorFromTerm(value: string): Relator | undefined {
  const term = value.trim().replace(TERM_TRAILING, '');
  if (term === '') return undefined;
  const code = RELATOR_BY_TERM.get(term.toLowerCase().replace(/\s+/g, ' '));
  return code !== undefined ? relatorOf(code) : { label: term, creator: false };
}

/** A name as the MARC and MODS crosswalks read it, before it is placed among creators or contributors. */
export interface NameEntry {
  agent: Agent;
  relator: Relator | undefined;
  /** The main entry (MARC 1XX), or a MODS name with usage="primary". */
  primary: boolean;
  personal: boolean;
}

/**
 * Creators and contributors, each name once: a primary name or one whose relator is of chief
 * responsibility is a creator, any other a contributor; when no name is a creator, personal names
 * without a relator are taken as creators. A contributor that repeats a creator is dropped.
 */
export function creatorsAndContributors(entries: readonly NameEntry[]): { creators: Agent[]; contributors: Agent[] } {
  const isCreator = (e: NameEntry): boolean => e.primary || e.relator?.creator === true;
  const anyCreator = entries.some(isCreator);
  const creators: Agent[] = [];
  const contributors: Agent[] = [];
  for (const e of entries) {
    const target = isCreator(e) || (!anyCreator && e.relator === undefined && e.personal) ? creators : contributors;
    if (!target.some((a) => a.name === e.agent.name)) target.push(e.agent);
  }
  return { creators, contributors: contributors.filter((c) => !creators.some((a) => a.name === c.name)) };
}

// ---- Reading the record ----

interface Subfield {
  code: string;
  /** White space folded; never empty. */
  value: string;
  /** As written (for notes, whose paragraph breaks are kept). */
  raw: string;
}

interface DataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: Subfield[];
}

/** One MARC record: the leader and control fields exactly as written (positions matter), data fields by tag. */
interface Marc {
  leader: string;
  control: Map<string, string>;
  fields: Map<string, DataField[]>;
}

const NO_FIELDS: readonly DataField[] = [];

/**
 * A fixed-length field (leader, 008) as written: its spaces are positions. Only the line breaks
 * and indentation a pretty-printer put around it are removed (positions 00-05 are never blank).
 */
function fixedText(raw: string): string {
  return raw.includes('\n') ? raw.replace(/^\s+/, '').replace(/[\r\n\t]+\s*$/, '') : raw;
}

/** One pass over the record's children, in the record's own namespace (MARC21/slim, or none). */
function readMarc(record: XmlElement): Marc {
  const m: Marc = { leader: '', control: new Map(), fields: new Map() };
  for (const c of record.children) {
    if (typeof c !== 'object' || c.ns !== record.ns) continue;
    if (c.name === 'datafield') {
      const tag = (c.attrs.tag ?? '').trim();
      const subfields: Subfield[] = [];
      for (const s of c.children) {
        if (typeof s !== 'object' || s.ns !== record.ns || s.name !== 'subfield') continue;
        const raw = textOf(s);
        const value = foldText(raw, false);
        if (value !== '') subfields.push({ code: s.attrs.code ?? '', value, raw });
      }
      if (subfields.length === 0) continue;
      const field: DataField = { tag, ind1: c.attrs.ind1 ?? ' ', ind2: c.attrs.ind2 ?? ' ', subfields };
      const list = m.fields.get(tag);
      if (list) list.push(field);
      else m.fields.set(tag, [field]);
    } else if (c.name === 'controlfield') {
      const tag = (c.attrs.tag ?? '').trim();
      // Only the first of a repeated control field counts; its text is kept unfolded.
      if (!m.control.has(tag)) m.control.set(tag, fixedText(textOf(c)));
    } else if (c.name === 'leader') {
      m.leader = fixedText(textOf(c));
    }
  }
  return m;
}

function fieldsOf(m: Marc, tag: string): readonly DataField[] {
  return m.fields.get(tag) ?? NO_FIELDS;
}

function sub(f: DataField, code: string): string | undefined {
  for (const s of f.subfields) if (s.code === code) return s.value;
  return undefined;
}

function subs(f: DataField, code: string): string[] {
  const out: string[] = [];
  for (const s of f.subfields) if (s.code === code) out.push(s.value);
  return out;
}

// ---- Text helpers ----

// ISBD punctuation that ends a subfield because the next one follows: " /", " :", " ;", " =", ",".
const TRAILING_ISBD = /\s*[/:;=,]+$/;
// A final period goes when it follows a word of three or more letters or digits ("Verlag.", "1885."),
// and stays after an initial or a short abbreviation ("J.", "Dr.", "ed."), as Traject's
// trim_punctuation does; then the fields of different records compare equal.
const TRAILING_PERIOD = /(?<=[\p{L}\p{N}]{3})\.$/u;
// A subfield that ends so is already separated from the next one.
const SEPARATED = /[,:;/=(\-?!]$/;

/** A heading or title without the ISBD punctuation at its end, and without an unmatched bracket. */
export function trimIsbd(text: string): string {
  let t = text.trim();
  for (let guard = 0; guard < 3; guard++) {
    const before = t;
    t = t.replace(TRAILING_ISBD, '').replace(TRAILING_PERIOD, '').trimEnd();
    if (t === before) break;
  }
  // "[1895" or "Verlag]" left over when a bracketed statement spans two subfields.
  if (t.startsWith('[') && !t.includes(']')) t = t.slice(1);
  if (t.endsWith(']') && !t.includes('[')) t = t.slice(0, -1);
  return t.trim();
}

/**
 * Joins subfields in document order. When a subfield already ends in ISBD punctuation (as most
 * catalogues write them) one space separates it from the next; otherwise (hbz, NUSL and other
 * catalogues that leave punctuation to the display) `separator(code)` of the next subfield does.
 * A final period is the separator when that is ". "; after a word (not an abbreviation such as
 * "S." or "Dept.") it ends a sentence and gives way to another separator.
 */
function joinSubfields(parts: Subfield[], separator: (code: string, previous: string) => string): string {
  let out = '';
  let previous = '';
  for (const p of parts) {
    if (out === '') out = p.value;
    else if (SEPARATED.test(out) || p.value.startsWith('(')) out += ' ' + p.value;
    else {
      const sep = separator(p.code, previous);
      if (out.endsWith('.')) out = sep.startsWith('.') ? out + ' ' + p.value : out.replace(TRAILING_PERIOD, '') + sep + p.value;
      else out += sep + p.value;
    }
    previous = p.code;
  }
  return out;
}

function select(f: DataField, codes: string): Subfield[] {
  return f.subfields.filter((s) => codes.includes(s.code));
}

// German union catalogues (hbz, DNB, GBV) write GND numbers as "(DE-588)138711771" in $0.
const GND_NUMBER = /^\(DE-588\)\s*(\S+)$/;

/** The authority URI of a heading: the first http(s) $1 (the thing itself), else $0, else a GND number as its URI. */
function authorityUri(f: DataField): string | undefined {
  for (const code of ['1', '0']) {
    for (const v of subs(f, code)) {
      const url = canonicalUrl(v);
      if (url !== undefined) return url;
    }
  }
  for (const v of subs(f, '0')) {
    const m = GND_NUMBER.exec(v);
    if (m) return `https://d-nb.info/gnd/${m[1] as string}`;
  }
  return undefined;
}

// ---- One function per target field ----

const COMMA = (): string => ', ';

function titleText(f: DataField, codes: string): string {
  return trimIsbd(
    joinSubfields(select(f, codes), (code, previous) => (code === 'b' ? ' : ' : code === 'p' && previous === 'n' ? ', ' : '. ')),
  );
}

/** 245 $a $b $n $p, whole: the non-filing characters (ind2) stay in the display title; the model has no sort title. */
function title(m: Marc): LangValue[] {
  const out: LangValue[] = [];
  for (const f of fieldsOf(m, '245')) addLangValue(out, titleText(f, f.subfields.some((s) => s.code === 'a') ? 'abnp' : 'kbnp'));
  return out;
}

/** Uniform (130, 240), translated (242) and varying (246) titles, and 245 in another script (880 linked by $6). */
function alternative(m: Marc, titles: LangValue[]): LangValue[] {
  const out: LangValue[] = [];
  const add = (value: string): void => {
    if (!titles.some((t) => t.value === value)) addLangValue(out, value);
  };
  for (const tag of ['130', '240']) for (const f of fieldsOf(m, tag)) add(titleText(f, 'anp'));
  for (const tag of ['242', '246']) for (const f of fieldsOf(m, tag)) add(titleText(f, 'abnp'));
  for (const f of fieldsOf(m, '880')) if (sub(f, '6')?.startsWith('245')) add(titleText(f, 'abnp'));
  return out;
}

const LANG_CODE = /^[a-z]{3}$/;

/** Thesis note: $a, or the subfielded form read as LC displays it, "Thesis (M.A.)--University, 1994". */
function dissertationNote(f: DataField): string {
  const a = sub(f, 'a');
  if (a !== undefined) return a;
  const degree = sub(f, 'b');
  const place = [sub(f, 'c'), sub(f, 'd')].filter((v) => v !== undefined).join(', ');
  return `Thesis${degree !== undefined ? ` (${degree})` : ''}${place !== '' ? `--${place}` : ''}`;
}

/** Summaries (520) first, then edition (250), general (500), thesis (502) and contents (505) notes. */
function description(m: Marc): LangValue[] {
  const out: LangValue[] = [];
  for (const f of fieldsOf(m, '520')) {
    // NUSL (Invenio) writes the language of each abstract in $9 ("eng", "cze"); elsewhere $9 is a local code.
    const lang = sub(f, '9');
    const value = foldText(select(f, 'ab').map((s) => s.raw).join(' '), true);
    addLangValue(out, value, lang !== undefined && LANG_CODE.test(lang) && normaliseLanguage(lang).issue === undefined ? lang : undefined);
  }
  for (const f of fieldsOf(m, '250')) addLangValue(out, trimIsbd(joinSubfields(select(f, 'ab'), () => ' / ')));
  for (const f of fieldsOf(m, '500')) addLangValue(out, select(f, 'a').map((s) => s.value).join(' '));
  for (const f of fieldsOf(m, '502')) addLangValue(out, dissertationNote(f));
  for (const f of fieldsOf(m, '505')) addLangValue(out, select(f, 'agrt').map((s) => s.value).join(' '));
  return out;
}

const SUBJECT_TAGS = ['600', '610', '611', '630', '650', '651', '655'];
const SUBDIVISIONS = 'vxyz';
// Subfields that are not part of a heading's text: relator terms (e, j for meetings), relationship (i),
// affiliation (u), record link (w), and all control subfields (digits); upper-case codes are local (Alma).
const NOT_HEADING = /^(?:[eijuw]|\d|[A-Z])$/;

/** A subject heading as LCSH writes it: the main part, then each subdivision after "--". */
function headingText(f: DataField): string {
  const main: Subfield[] = [];
  const divisions: string[] = [];
  for (const s of f.subfields) {
    if (NOT_HEADING.test(s.code)) continue;
    if (SUBDIVISIONS.includes(s.code)) divisions.push(trimIsbd(s.value));
    else main.push(s);
  }
  const head = trimIsbd(joinSubfields(main, COMMA));
  return [head, ...divisions].filter((v) => v !== '').join('--');
}

/**
 * The headings of RSWK subject chains (689, German union catalogues and the DNB): ind1 numbers
 * the chain, ind2 the heading's place in it; a field without a place (ind2 blank) only closes
 * the chain ($5, who indexed it). $D gives the kind of heading (g: a place). Each heading is a
 * subject on its own, as the chains' headings are GND headings (their $0 gives the GND number).
 */
function rswkHeadings(m: Marc): DataField[] {
  return fieldsOf(m, '689').filter((f) => /^\d$/.test(f.ind2) && sub(f, 'a') !== undefined);
}

/** An RSWK heading's text: as headingText(), with each $g qualifier in brackets after what it qualifies, as the GND writes it ("Berlin (West)"). */
function rswkHeadingText(f: DataField): string {
  const subfields: Subfield[] = [];
  for (const s of f.subfields) {
    const last = subfields[subfields.length - 1];
    if (s.code === 'g' && last !== undefined) {
      const value = `${trimIsbd(last.value)} (${trimIsbd(s.value)})`;
      subfields[subfields.length - 1] = { ...last, value, raw: value };
    } else subfields.push(s);
  }
  return headingText({ ...f, subfields });
}

/** Subject added entries (600-655), with the authority URI from $1 or $0; uncontrolled terms (653) one per $a; RSWK chain headings (689). */
function subject(m: Marc): LangValue[] {
  const out: LangValue[] = [];
  for (const tag of SUBJECT_TAGS) for (const f of fieldsOf(m, tag)) addLangValue(out, headingText(f), undefined, authorityUri(f));
  for (const f of fieldsOf(m, '653')) for (const v of subs(f, 'a')) addLangValue(out, trimIsbd(v));
  for (const f of rswkHeadings(m)) addLangValue(out, rswkHeadingText(f), undefined, authorityUri(f));
  return out;
}

/** Geographic subjects (651 $a, and 689 headings of kind g) also as places. */
function spatial(m: Marc): LangValue[] {
  const out: LangValue[] = [];
  for (const f of fieldsOf(m, '651')) {
    const place = sub(f, 'a');
    if (place !== undefined) addLangValue(out, trimIsbd(place), undefined, authorityUri(f));
  }
  for (const f of rswkHeadings(m)) if (sub(f, 'D') === 'g') addLangValue(out, rswkHeadingText(f), undefined, authorityUri(f));
  return out;
}

// ---- Names ----

/** Which subfields make the name, per kind of heading. */
const NAME_CODES: Record<string, string> = { '0': 'abcqd', '1': 'abcdn', '2': 'acdenq' };
const NAME_TAGS = ['100', '110', '111', '700', '710', '711', '720'];

function nameEntry(f: DataField): NameEntry | undefined {
  // x00 personal, x10 corporate, x11 meeting; 720 is uncontrolled, read as personal unless ind1 says otherwise.
  const kind = f.tag === '720' || f.tag.endsWith('00') ? '0' : f.tag.endsWith('10') ? '1' : '2';
  let text: string;
  if (f.tag === '720') {
    // NUSL (Invenio) puts the uncontrolled name of advisors and referees in $i instead of $a.
    text = sub(f, 'a') ?? sub(f, 'i') ?? '';
  } else {
    text = joinSubfields(select(f, NAME_CODES[kind] as string), (code) => (kind === '1' && code === 'b' ? '. ' : ', '));
  }
  const name = trimIsbd(text);
  if (name === '') return undefined;
  // Family names (x00 ind1 3), bodies and meetings keep their name as the sort form.
  const personal = kind === '0' && (f.tag === '720' ? f.ind1 !== '2' : f.ind1 !== '3');
  const agent: Agent = { name, sortName: personal ? toSortName(name) : name };
  // Relator codes ($4) before terms ($e; $j for meetings, whose $e is a subordinate unit).
  let relator: Relator | undefined;
  for (const code of subs(f, '4')) if ((relator = relatorFromCode(code))) break;
  if (relator === undefined) {
    const term = sub(f, kind === '2' ? 'j' : 'e');
    if (term !== undefined) relator = relatorFromTerm(term);
  }
  if (relator !== undefined) agent.role = relator.label;
  const uri = authorityUri(f);
  if (uri !== undefined) agent.uri = uri;
  return { agent, relator, primary: f.tag[0] === '1', personal };
}

/**
 * Creators and contributors: the main entry (1XX) is a creator; an added entry (7XX, 720) is a
 * creator when its relator is one of chief responsibility (author, artist, composer, ...) and a
 * contributor otherwise. Added entries without a relator are contributors, except that when the
 * record names no creator at all, personal names without a relator are taken as creators: under
 * AACR2's rule of three a work of four or more authors has no 1XX, and NUSL records the thesis
 * author in a 720 without a relator.
 */
function agents(m: Marc): { creators: Agent[]; contributors: Agent[] } {
  const entries: NameEntry[] = [];
  for (const tag of NAME_TAGS) for (const f of fieldsOf(m, tag)) {
    const e = nameEntry(f);
    if (e !== undefined) entries.push(e);
  }
  return creatorsAndContributors(entries);
}

// ---- Date ----

// AACR2 writes a copyright or phonogram date as "c1985", "p1985", "©1985": not "circa" as the generic reader would take "c".
const COPYRIGHT_MARK = /(^|[\s,[])(?:c|p|©|℗)\s?(?=\d{4})/g;

/** The date statements ($c) of 264 (publication, then production, distribution, copyright) and 260, in that order. */
function dateStatements(m: Marc): string[] {
  const out: string[] = [];
  const f264 = fieldsOf(m, '264');
  for (const ind2 of ['1', '0', '2', '3', '4']) for (const f of f264) if (f.ind2 === ind2) out.push(...subs(f, 'c'));
  for (const f of fieldsOf(m, '260')) out.push(...subs(f, 'c'));
  return out.map(trimIsbd).filter((v) => v !== '');
}

function overlaps(a: RecordDate, b: RecordDate): boolean {
  const aFrom = a.earliest ?? -Infinity;
  const aTo = a.latest ?? Infinity;
  const bFrom = b.earliest ?? -Infinity;
  const bTo = b.latest ?? Infinity;
  return aFrom <= bTo && bFrom <= aTo;
}

/**
 * The date: the coded dates of the 008 (positions 06-14) read as EDTF, shown with the
 * publication statement (264/260 $c) as the catalogue wrote it. When the two disagree the 008
 * wins and the statement is reported; without a usable 008 the statement is read; without
 * either, the coded date of 046 ($k to $l).
 */
function date(m: Marc, ctx: CrosswalkContext): RecordDate | undefined {
  const f008 = m.control.get('008');
  const coded = f008 !== undefined ? normaliseMarc008Date(f008) : undefined;
  const statement = dateStatements(m)[0];
  const stated: DateResult | undefined = statement !== undefined ? normaliseDate(statement.replace(COPYRIGHT_MARK, '$1')) : undefined;
  if (stated !== undefined) stated.date.display = statement as string;
  if (coded !== undefined && coded.issue === undefined) {
    if (stated === undefined) return coded.date;
    if (stated.date.edtf === undefined || overlaps(coded.date, stated.date)) {
      const d: RecordDate = { ...coded.date, display: stated.date.display };
      return d;
    }
    addIssue(ctx, '/date', {
      code: 'DATE_008_CONFLICT',
      severity: 'info',
      message: `The publication date "${issueValue(stated.date.display)}" does not agree with the 008 dates (${coded.date.edtf ?? ''}); used the 008`,
      value: issueValue(stated.date.display),
    });
    return coded.date;
  }
  if (stated !== undefined) {
    if (stated.issue) addIssue(ctx, '/date', stated.issue);
    return stated.date;
  }
  if (coded !== undefined) {
    if (coded.issue) addIssue(ctx, '/date', coded.issue);
    return coded.date;
  }
  for (const f of fieldsOf(m, '046')) {
    const start = sub(f, 'k');
    if (start === undefined) continue;
    const end = sub(f, 'l');
    const r = normaliseDate(end !== undefined ? `${start}/${end}` : start);
    if (r.issue) addIssue(ctx, '/date', r.issue);
    return r.date;
  }
  return undefined;
}

// ---- Type ----

/** Leader/06 type of record: [MARC's name for it, DCMI Type]. Notated music is Text, as in LC's MARC to Dublin Core crosswalk. */
const LEADER_TYPES = new Map<string, [string, DcmiType | undefined]>([
  ['a', ['language material', 'Text']],
  ['t', ['manuscript language material', 'Text']],
  ['c', ['notated music', 'Text']],
  ['d', ['manuscript notated music', 'Text']],
  ['e', ['cartographic material', 'StillImage']],
  ['f', ['manuscript cartographic material', 'StillImage']],
  ['g', ['projected medium', 'Image']],
  ['i', ['nonmusical sound recording', 'Sound']],
  ['j', ['musical sound recording', 'Sound']],
  ['k', ['two-dimensional nonprojectable graphic', 'StillImage']],
  ['m', ['computer file', undefined]],
  ['o', ['kit', 'Collection']],
  ['p', ['mixed materials', 'Collection']],
  ['r', ['three-dimensional artifact or naturally occurring object', 'PhysicalObject']],
]);
const BIBLIOGRAPHIC_LEVELS = 'abcdims';

/** RDA content types (336 $b codes) to DCMI Type. */
const CONTENT_TYPES = new Map<string, DcmiType>([
  ['txt', 'Text'], ['tct', 'Text'], ['ntm', 'Text'], ['tcm', 'Text'], ['ntv', 'Text'], ['tcn', 'Text'],
  ['sti', 'StillImage'], ['cri', 'StillImage'], ['tci', 'StillImage'], ['crt', 'StillImage'],
  ['tdi', 'MovingImage'], ['tdm', 'MovingImage'], ['crm', 'MovingImage'],
  ['prm', 'Sound'], ['spw', 'Sound'], ['snd', 'Sound'],
  ['cod', 'Dataset'], ['crd', 'Dataset'], ['cop', 'Software'],
  ['tdf', 'PhysicalObject'], ['crf', 'PhysicalObject'], ['crn', 'PhysicalObject'],
]);

/** Leader/06 refined by the 008 where the leader is broad: projected media (008/33) and computer files (008/26). */
function leaderType(m: Marc, code: string): DcmiType | undefined {
  const f008 = m.control.get('008') ?? '';
  if (code === 'g') return 'mv'.includes(f008[33] ?? '_') ? 'MovingImage' : 'Image';
  if (code === 'm') return f008[26] === 'a' ? 'Dataset' : f008[26] === 'b' || f008[26] === 'g' ? 'Software' : undefined;
  return LEADER_TYPES.get(code)?.[1];
}

// Invenio 1.x (INSPIRE, NUSL) writes this leader for every record, whatever it describes: it
// would make every thesis and conference a "kit" that is a "collection".
const INVENIO_LEADER = /^\d{5}coc {2}22\d{5}uu 4500$/;

/**
 * DCMI types from the leader (06 type of record; 07 c: a collection) and the RDA content
 * type (336), one entry per DCMI term. A leader without a valid 06 and 07, or Invenio's
 * constant one, is not used and is reported.
 */
function type(m: Marc, ctx: CrosswalkContext): TypeValue[] {
  const out: TypeValue[] = [];
  const add = (value: DcmiType | undefined, original: string): void => {
    if (value !== undefined && !out.some((t) => t.value === value)) out.push({ value, original });
  };
  const code = m.leader[6];
  const level = m.leader[7];
  if (code !== undefined && level !== undefined && LEADER_TYPES.has(code) && BIBLIOGRAPHIC_LEVELS.includes(level) && !INVENIO_LEADER.test(m.leader)) {
    add(leaderType(m, code), (LEADER_TYPES.get(code) as [string, DcmiType | undefined])[0]);
    if (level === 'c') add('Collection', 'collection');
  } else if (m.leader.trim() !== '') {
    addIssue(ctx, '/type', {
      code: 'MARC_LEADER_IGNORED',
      severity: 'info',
      message: `The leader "${issueValue(m.leader)}" gives no usable type of record and bibliographic level (06-07); not used for the type`,
      value: issueValue(m.leader),
    });
  }
  for (const f of fieldsOf(m, '336')) {
    const b = sub(f, 'b');
    const a = sub(f, 'a');
    if (b !== undefined && CONTENT_TYPES.has(b)) add(CONTENT_TYPES.get(b), a ?? b);
    else if (a !== undefined) add(normaliseType(a), a);
  }
  return out;
}

// ---- Format, language, publisher ----

const MEDIA_TYPE = /^[a-z]+\/[\w.+-]+$/i;

/** Physical description (300: extent, other details, dimensions, accompanying material) and media types of electronic locations (856 $q). */
function format(m: Marc): string[] {
  const out: string[] = [];
  for (const f of fieldsOf(m, '300')) {
    addDistinct(out, trimIsbd(joinSubfields(select(f, 'abcefg'), (code) => (code === 'b' ? ' : ' : code === 'c' ? ' ; ' : code === 'e' ? ' + ' : ' '))));
  }
  for (const f of fieldsOf(m, '856')) for (const q of subs(f, 'q')) if (MEDIA_TYPE.test(q)) addDistinct(out, q);
  return out;
}

/** Languages from 041 ($a text, $d sung or spoken), else 008/35-37; old records run codes together ("engfre"). */
function language(m: Marc, ctx: CrosswalkContext): string[] {
  const out = new Set<string>();
  const add = (code: string): void => addLanguage(out, code, ctx);
  for (const f of fieldsOf(m, '041')) {
    for (const s of select(f, 'ad')) {
      const v = s.value.trim();
      if (v.length > 3 && v.length % 3 === 0 && /^[a-z]+$/.test(v)) for (let i = 0; i < v.length; i += 3) add(v.slice(i, i + 3));
      else add(v);
    }
  }
  if (out.size === 0) {
    const code = (m.control.get('008') ?? '').slice(35, 38);
    // Blank, fill characters and "und" (undetermined) say nothing.
    if (/^[a-z]{3}$/.test(code) && code !== 'und') add(code);
  }
  return [...out];
}

// "[S.l.]", "s.n.", "o.O.", "[Place of publication not identified]": no place, no publisher.
const NOT_GIVEN = /^\[?\s*(?:s\.\s?l\.?|s\.\s?n\.?|sine loco|sine nomine|o\.\s?o\.?|o\.\s?v\.?|ohne ort|ohne verlag|place of publication not identified|publisher not identified|lieu de publication non identifié|éditeur non identifié|verlag nicht ermittelbar|erscheinungsort nicht ermittelbar)\s*\]?\s*[.,:;]?$/i;

/** Publication statements (260, 264 publication) as "Place : Publisher", as LC's MARC to Dublin Core crosswalk has it; a place alone is no publisher. */
function publisher(m: Marc): LangValue[] {
  const out: LangValue[] = [];
  const fields = [...fieldsOf(m, '260'), ...fieldsOf(m, '264').filter((f) => f.ind2 === '1')];
  for (const f of fields) {
    const parts = select(f, 'ab').filter((s) => !NOT_GIVEN.test(s.value));
    if (!parts.some((s) => s.code === 'b')) continue;
    addLangValue(out, trimIsbd(joinSubfields(parts, (code) => (code === 'b' ? ' : ' : ' ; '))));
  }
  return out;
}

// ---- Identifiers, links, rights, relations ----

function parseIdentifiers(m: Marc): IdentifierResult[] {
  const out: IdentifierResult[] = [];
  for (const f of fieldsOf(m, '020')) for (const a of subs(f, 'a')) out.push(normaliseIdentifier(`ISBN ${a}`));
  for (const f of fieldsOf(m, '022')) for (const a of subs(f, 'a')) out.push(normaliseIdentifier(`ISSN ${a}`));
  // System control numbers, as given: the "(OCoLC)" or "(DE-599)" prefix names the system ($z: cancelled, left out).
  for (const f of fieldsOf(m, '035')) for (const a of subs(f, 'a')) if (a.trim() !== '') out.push({ identifier: { scheme: 'local', value: a.trim() } });
  for (const f of fieldsOf(m, '024')) {
    const a = sub(f, 'a');
    if (a === undefined) continue;
    // $2 names the source; those that name a scheme of the model give its prefix.
    const prefix = f.ind1 === '7' ? TYPE_PREFIX.get((sub(f, '2') ?? '').toLowerCase()) : undefined;
    out.push(prefix === undefined ? { identifier: { scheme: 'local', value: a } } : prefixedIdentifier(a, prefix));
  }
  // Links that are persistent identifiers (DOI, handle, URN, ARK resolvers) identify the resource too.
  for (const f of fieldsOf(m, '856')) {
    if (f.ind2 === '2') continue;
    for (const u of subs(f, 'u')) {
      const r = persistentIdentifier(u);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}

/**
 * Electronic locations (856 $u) of the resource (ind2 0), a version of it (1) or unspecified,
 * in order; labels ($3, $y, $z) are ignored. A related resource (ind2 2, such as the table of
 * contents the German catalogues link) is neither landing page nor object: see relation(). The
 * indicator does not tell a landing page from a file (NUSL's ind2 0 links are handle and
 * repository pages), so the URL does: see isShownAt() and isShownBy().
 */
function links(m: Marc): string[] {
  const out: string[] = [];
  for (const f of fieldsOf(m, '856')) {
    if (f.ind2 === '2') continue;
    for (const u of subs(f, 'u')) {
      const url = canonicalUrl(u);
      if (url !== undefined) addDistinct(out, url);
    }
  }
  return out;
}

/** The landing page: the first electronic location that is not a file. */
function isShownAt(urls: string[]): string | undefined {
  return urls.find((u) => !isFileUrl(u));
}

/** The digital object: the first electronic location that is a file. */
function isShownBy(urls: string[]): string | undefined {
  return urls.find(isFileUrl);
}

/**
 * Rights: terms governing use (540) and access (506): statements ($a, standardised terms $f)
 * joined with " | ", and the first rightsstatements.org or Creative Commons URI found in $u,
 * $f or the text.
 */
function rights(m: Marc, ctx: CrosswalkContext): Rights | undefined {
  let uri: string | undefined;
  const statements: string[] = [];
  for (const tag of ['540', '506']) {
    for (const f of fieldsOf(m, tag)) {
      for (const s of select(f, 'afu')) {
        const r = normaliseRights(s.value);
        if (r.uri !== undefined) uri = keepRightsUri(ctx, uri, r.uri, `MARC ${tag}`, s.value);
        if (s.code !== 'u' && !HTTP_URI.test(s.value)) addDistinct(statements, s.value);
      }
    }
  }
  return buildRights(uri, statements);
}

/** The host item (773: journal, collection), the series (490) and related electronic resources (856 ind2 2). */
function relation(m: Marc): string[] {
  const out: string[] = [];
  const add = (v: string): void => addDistinct(out, v);
  for (const f of fieldsOf(m, '773')) add(trimIsbd(joinSubfields(select(f, sub(f, 't') !== undefined ? 'tg' : 'ag'), () => '. ')));
  for (const f of fieldsOf(m, '490')) add(trimIsbd(joinSubfields(select(f, 'av'), (code) => (code === 'v' ? ' ; ' : ', '))));
  for (const f of fieldsOf(m, '856')) if (f.ind2 === '2') for (const u of subs(f, 'u')) add(canonicalUrl(u) ?? u);
  return out;
}

// ---- The crosswalk ----

function isMarcField(el: XmlElement, ns: string): boolean {
  return el.ns === ns && (el.name === 'leader' || el.name === 'controlfield' || el.name === 'datafield');
}

/** The record to map: the root, or the first record of a collection (the others are reported). */
function recordOf(metadata: XmlElement, ctx: CrosswalkContext): XmlElement | undefined {
  if (metadata.name !== 'collection') return metadata;
  let first: XmlElement | undefined;
  let count = 0;
  for (const c of metadata.children) {
    if (typeof c !== 'object' || c.ns !== metadata.ns || c.name !== 'record') continue;
    first ??= c;
    count++;
  }
  if (count > 1) {
    addIssue(ctx, '', {
      code: 'MARC_COLLECTION_FIRST_ONLY',
      severity: 'warning',
      message: `The MARC collection holds ${count} records; only the first was mapped`,
    });
  }
  return first;
}

/**
 * Maps a MARCXML bibliographic record (or the first record of a collection), in the MARC21/slim
 * namespace or in none, to a draft record. An unnamespaced `record` or `collection` that holds no
 * MARC fields is not MARC: a bare container of DC and DCMI Terms elements goes to the qualified
 * DC crosswalk (which reads plain DC as the oai_dc crosswalk does); anything else gives
 * FORMAT_UNSUPPORTED.
 */
export function crosswalkMarcxml(metadata: XmlElement, ctx: CrosswalkContext): RecordDraft {
  const record = recordOf(metadata, ctx);
  const ns = metadata.ns;
  if (record === undefined || !record.children.some((c) => typeof c === 'object' && isMarcField(c, ns))) {
    const elements = metadata.children.filter((c): c is XmlElement => typeof c === 'object');
    if (ns === '' && elements.length > 0 && elements.every((c) => c.ns === DC_NS || c.ns === DCTERMS_NS)) return crosswalkQdc(metadata, ctx);
    addIssue(ctx, '', {
      code: 'FORMAT_UNSUPPORTED',
      severity: 'warning',
      message: `<${metadata.qname}> in namespace "${ns}" holds no MARC leader or fields; only the source information was kept`,
      value: ns,
    });
    return { title: [] };
  }
  const m = readMarc(record);
  const titles = title(m);
  const { creators, contributors } = agents(m);
  const urls = links(m);
  return buildDraft({
    title: titles,
    alternative: alternative(m, titles),
    description: description(m),
    subject: subject(m),
    creator: creators,
    contributor: contributors,
    date: date(m, ctx),
    type: type(m, ctx),
    format: format(m),
    language: language(m, ctx),
    publisher: publisher(m),
    spatial: spatial(m),
    identifier: distinctIdentifiers(parseIdentifiers(m), ctx),
    rights: rights(m, ctx),
    isShownAt: isShownAt(urls),
    isShownBy: isShownBy(urls),
    relation: relation(m),
  });
}
