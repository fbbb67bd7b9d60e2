// Synthetic duplicates with known truth: real Dublin Core descriptions perturbed the way archives
// describe the same thing differently (typos, name order and initials, dropped subtitles, date
// formats, diacritics, truncated titles, translated type labels), and generated base records for
// the speed bench. Pure and seeded: the same seed gives the same set. No I/O.

import type { NormalisedRecord } from '../model/record.js';
import { childElements, parseXml, textOf } from '../xml/parse.js';
import type { DcFields } from './store-records.js';

/** A seeded random source (mulberry32): reproducible sets. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

const DC = 'http://purl.org/dc/elements/1.1/';

/** The Dublin Core fields of an oai_dc payload (one string per element). */
export function dcFieldsOf(xml: string): DcFields {
  const root = parseXml(xml).root;
  const out: DcFields = {};
  for (const name of ['title', 'creator', 'date', 'type', 'identifier', 'language', 'publisher', 'subject', 'description', 'source'] as const) {
    const values = childElements(root, DC, name).map((e) => textOf(e).trim()).filter(Boolean);
    if (values.length) out[name] = values;
  }
  return out;
}

/** The kinds of perturbation, each a way two archives describe one thing differently. */
export type Perturbation =
  | 'typo' | 'name-order' | 'initials' | 'drop-subtitle' | 'date-format' | 'diacritics' | 'truncate' | 'type-label' | 'case' | 'drop-identifiers' | 'drop-creator-extra';

export const PERTURBATIONS: readonly Perturbation[] = [
  'typo', 'name-order', 'initials', 'drop-subtitle', 'date-format', 'diacritics', 'truncate', 'type-label', 'case', 'drop-identifiers', 'drop-creator-extra',
];

function typo(rng: () => number, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (w.length >= 5 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = pick(rng, candidates);
  const w = words[i] as string;
  const p = 1 + Math.floor(rng() * (w.length - 2));
  const kind = Math.floor(rng() * 3);
  words[i] =
    kind === 0 ? w.slice(0, p) + w.slice(p + 1) // deletion
    : kind === 1 ? w.slice(0, p) + (w[p + 1] ?? '') + (w[p] ?? '') + w.slice(p + 2) // transposition
    : w.slice(0, p) + pick(rng, ['e', 'a', 'i', 'n', 'r']) + w.slice(p + 1); // substitution
  return words.join(' ');
}

/** A name without its life dates: "Merian, Matthäus, 1593-1650", "Francis Frith (1822–1898)". */
const withoutDates = (name: string): string => name.replace(/\s*\([^)]*\d[^)]*\)\s*$/, '').replace(/,?\s*(?:ca\.\s*)?\d{3,4}\s*[-–]\s*(?:ca\.\s*)?(\d{3,4})?\s*$/, '').trim();

/** Lower-case surname particles a sort form may put after the surname ("Krom de, M."). */
const SORT_PARTICLES = /^(?:van|von|de|der|den|du|des|la|le|ten|ter|zu|di|da|del|della)$/;

/** "Merian, Matthäus, 1593-1650" ↔ "Matthäus Merian"; "Krom de, M." → "M. de Krom" (as a person writes it). */
function nameOrder(name: string): string {
  const plain = withoutDates(name);
  const comma = plain.indexOf(',');
  if (comma > 0) {
    const surname = plain.slice(0, comma).trim().split(/\s+/);
    let k = surname.length;
    while (k > 1 && SORT_PARTICLES.test(surname[k - 1] as string)) k--;
    const ordered = [...surname.slice(k), ...surname.slice(0, k)].join(' ');
    return `${plain.slice(comma + 1).trim()} ${ordered}`;
  }
  const words = plain.split(' ');
  if (words.length < 2) return name;
  return `${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`;
}

/** "Merian, Matthäus" → "Merian, M."; "Matthäus Merian" → "M. Merian". */
function initials(name: string): string {
  const plain = withoutDates(name);
  const comma = plain.indexOf(',');
  if (comma > 0) {
    const given = plain.slice(comma + 1).trim().split(/\s+/).map((g) => `${g[0] ?? ''}.`).join(' ');
    return `${plain.slice(0, comma)}, ${given}`;
  }
  const words = plain.split(' ');
  if (words.length < 2) return name;
  return `${words.slice(0, -1).map((g) => `${g[0] ?? ''}.`).join(' ')} ${words[words.length - 1]}`;
}

/** A repository's system timestamp (accessioned, available), as DSpace puts in dc:date. */
const SYSTEM_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateFormat(rng: () => number, date: string): string {
  const m = /(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return date;
  const year = m[1] as string;
  const forms = [`[${year}]`, `ca. ${year}`, `${year}?`, `c${year}`, year];
  if (m[2]) forms.push(`${MONTHS[Number(m[2]) - 1] ?? 'May'} ${year}`);
  if (m[3] && m[2]) forms.push(`${Number(m[3])}.${Number(m[2])}.${year}`);
  return pick(rng, forms);
}

const TYPE_LABELS: Record<string, string[]> = {
  text: ['Text', 'texte', 'Tekst', 'testo', 'Buch', 'book', 'Monographie', 'livre'],
  image: ['Image', 'StillImage', 'image fixe', 'Bild', 'Foto', 'photograph', 'fotografie'],
  stillimage: ['StillImage', 'Image', 'image fixe', 'Bild', 'Fotografie', 'photograph'],
  cartographic: ['Image', 'Karte', 'carte', 'map'],
};

function typeLabel(rng: () => number, type: string): string {
  const key = type.toLowerCase().replace(/\s+/g, '');
  const options = TYPE_LABELS[key];
  return options ? pick(rng, options) : type;
}

/** Title field lengths of catalogue systems that cut what does not fit. */
const FIELD_LENGTHS = [40, 50, 64, 80, 100];

/**
 * A title cut the way a system with a fixed field length cuts it: at the last word boundary within
 * the field, marked with "...". Titles that fit any length (most short titles) are left alone: no
 * system cuts "Carte de France. N° 162, Strasbourg" to "Carte de France. N°...".
 */
function truncate(rng: () => number, title: string): string {
  const fits = FIELD_LENGTHS.filter((n) => n < title.length);
  if (fits.length === 0) return title;
  const limit = pick(rng, fits);
  const cut = title.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:/=-]+$/, '')}...`;
}

const stripDiacritics = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '');

/** One perturbed copy of a description; returns the perturbations actually applied. */
export function perturb(fields: DcFields, rng: () => number, count = 2): { fields: DcFields; applied: Perturbation[] } {
  const out: DcFields = structuredClone(fields);
  const applied: Perturbation[] = [];
  const kinds = [...PERTURBATIONS].sort(() => rng() - 0.5).slice(0, count);
  for (const kind of kinds) {
    const title = out.title?.[0];
    switch (kind) {
      case 'typo':
        if (title) out.title = [typo(rng, title), ...(out.title?.slice(1) ?? [])];
        break;
      case 'name-order':
        if (out.creator) out.creator = out.creator.map(nameOrder);
        break;
      case 'initials':
        if (out.creator) out.creator = out.creator.map(initials);
        break;
      case 'drop-subtitle':
        if (title && /\s*[:;=/]\s/.test(title)) out.title = [title.split(/\s*[:;=/]\s/)[0] as string];
        break;
      case 'date-format':
        if (out.date) {
          // Another archive writes the work's date its own way; it has no use for this repository's
          // accession timestamps ("2003-06-26T09:47:27Z"), which are no description of the work.
          const descriptive = out.date.filter((d) => !SYSTEM_TIMESTAMP.test(d));
          out.date = (descriptive.length ? descriptive : out.date).map((d) => dateFormat(rng, d));
        }
        break;
      case 'diacritics':
        out.title = out.title?.map(stripDiacritics);
        out.creator = out.creator?.map(stripDiacritics);
        break;
      case 'truncate':
        if (title) out.title = [truncate(rng, title)];
        break;
      case 'type-label':
        if (out.type) out.type = out.type.map((t) => typeLabel(rng, t));
        break;
      case 'case':
        if (title) out.title = [rng() < 0.5 ? title.toUpperCase() : title.toLowerCase()];
        break;
      case 'drop-identifiers':
        delete out.identifier;
        break;
      case 'drop-creator-extra':
        if (out.creator && out.creator.length > 1) out.creator = out.creator.slice(0, 1);
        break;
    }
    applied.push(kind);
  }
  // The copy is another archive's description: its own landing page, never the original's.
  if (out.identifier) out.identifier = out.identifier.filter((i) => !/^https?:\/\//.test(i));
  return { fields: out, applied };
}

/** An item of a synthetic set: which source holds it, its description, and its true entity. */
export interface SyntheticItem {
  source: string;
  localId: string;
  fields: DcFields;
  /** Items with the same entity describe the same thing. */
  entity: number;
  applied: Perturbation[];
}

/**
 * A labelled set from real descriptions: every base record is kept in source `original` (or the
 * one `sourceOf` names), and a
 * share of them gets 1 to `maxCopies` perturbed copies, each in its own source (`copy-1`, ...).
 */
export function buildSyntheticSet(
  bases: DcFields[],
  options: {
    seed?: number; share?: number; maxCopies?: number; perturbations?: number; sourceOf?: (index: number) => string;
    /** The true entity of a base, when several bases describe one thing (labelled duplicates). */
    entityOf?: (index: number) => string;
  } = {},
): SyntheticItem[] {
  const rng = createRng(options.seed ?? 1);
  const share = options.share ?? 0.5;
  const items: SyntheticItem[] = [];
  // Which copy sources already describe an entity: an archive describes a thing once, so copies of
  // two bases that are one thing go to different sources (two copies in one source would look
  // like two sheets of a series to the matcher, and would be a wrong picture of an archive).
  const held = new Map<string, Set<number>>();
  bases.forEach((fields, entity) => {
    // A base stays in its own archive's source (series titles are counted per source).
    items.push({ source: options.sourceOf?.(entity) ?? 'original', localId: `base-${entity}`, fields, entity, applied: [] });
    if (rng() >= share) return;
    const copies = 1 + Math.floor(rng() * (options.maxCopies ?? 2));
    const key = options.entityOf?.(entity) ?? String(entity);
    let sources = held.get(key);
    if (!sources) held.set(key, (sources = new Set()));
    for (let c = 1, n = 0; n < copies; c++) {
      if (sources.has(c)) continue;
      sources.add(c);
      n++;
      const p = perturb(fields, rng, options.perturbations ?? 2);
      items.push({ source: `copy-${c}`, localId: `copy-${c}-${entity}`, fields: p.fields, entity, applied: p.applied });
    }
  });
  return items;
}

// ---- Generated base records, for the speed bench (a million records without real ones) ----

const SYLLABLES = ['ka', 'ber', 'lin', 'mo', 'ra', 'ten', 'sch', 'dor', 'vi', 'el', 'an', 'gro', 'tu', 'nes', 'pol', 'mar', 'hei', 'del', 'fu', 'ros', 'ki', 'ya', 'sto', 'len'];
const SURNAMES = ['Merian', 'Dupont', 'Müller', 'Jansen', 'Rossi', 'García', 'Smith', 'Nowak', 'Bakker', 'Fischer', 'Martin', 'Bernard', 'Weber', 'Visser', 'Bianchi', 'López'];
const GIVEN = ['Anna', 'Jean', 'Pieter', 'Maria', 'Carlo', 'Hans', 'Elena', 'Louis', 'Greta', 'Jan', 'Sofia', 'Paul'];
const TYPES = ['Text', 'StillImage', 'Image', 'PhysicalObject', 'Sound'] as const;

/** A word from syllables: a vocabulary of ~14,000 words, skewed like real titles (short words frequent). */
function word(rng: () => number): string {
  const n = 2 + Math.floor(rng() * rng() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(rng, SYLLABLES);
  return w;
}

/** A generated description: 3-9 word title (some with a subtitle), 0-3 creators, a year, a type. */
export function generateBase(rng: () => number): DcFields {
  const words = Array.from({ length: 3 + Math.floor(rng() * 7) }, () => word(rng));
  words[0] = (words[0] as string).charAt(0).toUpperCase() + (words[0] as string).slice(1);
  let title = words.join(' ');
  if (rng() < 0.3) title += ` : ${word(rng)} ${word(rng)}`;
  const creators = Array.from({ length: Math.floor(rng() * 4) }, () => `${pick(rng, SURNAMES)}${pick(rng, SYLLABLES)}, ${pick(rng, GIVEN)}`);
  const fields: DcFields = { title: [title], date: [String(1500 + Math.floor(rng() * 520))], type: [pick(rng, TYPES)] };
  if (creators.length) fields.creator = creators;
  if (rng() < 0.15) fields.identifier = [`10.${1000 + Math.floor(rng() * 9000)}/${Math.floor(rng() * 1e9).toString(36)}`];
  return fields;
}

/**
 * A normalised record built directly from generated fields (no XML), for the speed bench where a
 * million records must load quickly. Shapes match what the oai_dc crosswalk produces.
 */
export function toQuickRecord(sourceId: string, localId: string, id: string, fields: DcFields): NormalisedRecord {
  const year = Number(/\d{4}/.exec(fields.date?.[0] ?? '')?.[0] ?? Number.NaN);
  const record: NormalisedRecord = {
    id,
    source: { id: sourceId, localId, datestamp: '2026-01-01', format: 'oai_dc', sets: [], harvestedAt: '2026-01-01T00:00:00Z' },
    deleted: false,
    title: (fields.title ?? []).map((value) => ({ value })),
    issues: [],
  };
  if (fields.creator) {
    record.creator = fields.creator.map((name) => {
      const comma = name.indexOf(',');
      return { name, sortName: comma > 0 ? name : name.includes(' ') ? `${name.slice(name.lastIndexOf(' ') + 1)}, ${name.slice(0, name.lastIndexOf(' '))}` : name };
    });
  }
  if (fields.date?.[0]) record.date = Number.isNaN(year) ? { display: fields.date[0] } : { display: fields.date[0], earliest: year, latest: year };
  if (fields.type?.[0]) {
    const t = fields.type[0];
    record.type = [{ value: (TYPES as readonly string[]).includes(t) ? (t as (typeof TYPES)[number]) : 'Text', original: t }];
  }
  if (fields.identifier) record.identifier = fields.identifier.map((value) => ({ scheme: 'doi' as const, value }));
  return record;
}
