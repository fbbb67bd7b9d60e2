// Generates the demo archives data/demo/*.json (and the duplicates answer key) from curated lists.
// Deterministic: seeded random numbers, no clock, no network; run it twice and the bytes are the same.
//
// Usage: npx tsx scripts/make-demo-data.ts [outDir]   (default: data/demo)
//
// Two archives that catalogue differently, as real ones do:
// - westerhaven-maps: a regional map and print library. Seconds granularity, persistent deletions,
//   library habits: "Last, First, dates" headings, MARC language codes, ISO dates, compact XML.
// - lindenau-archive: a photographic and manuscript archive. Day granularity, transient deletions,
//   hierarchical sets, natural-order names, language names, dates in words, indented XML.
// About a tenth of lindenau's records describe works westerhaven also holds, each in its own words;
// data/demo/duplicates.csv lists those pairs (and westerhaven's second copies) for the dedup tests.

import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProviderRecord, ProviderSet } from '../src/provider/types.js';
import { Rng, t, type Lang, type Text, type When, type Work } from './demo-data/model.js';
import type { Person } from './demo-data/people.js';
import { buildLindenauWorks } from './demo-data/works-lindenau.js';
import { buildWesterhavenWorks } from './demo-data/works-westerhaven.js';

/** The shape of data/demo/<id>.json, read by src/provider/demo.ts. */
export interface DemoArchiveFile {
  id: string;
  name: string;
  description: string;
  repositoryName: string;
  adminEmail: string;
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
  deletedRecord: 'no' | 'transient' | 'persistent';
  pageSize: number;
  sets: ProviderSet[];
  records: ProviderRecord[];
}

/** Two records that describe the same work. */
export interface DuplicatePair {
  archiveA: string;
  identifierA: string;
  archiveB: string;
  identifierB: string;
  /** What a matcher could go on: a shared identifier, or only the description. */
  evidence: 'isbn' | 'doi' | 'description' | 'second copy';
}

type Style = 'A' | 'B';

// ---- how each archive writes things ----

const LANGUAGE: Record<Lang, { marc: string; iso1: string; en: string; own: string }> = {
  en: { marc: 'eng', iso1: 'en', en: 'English', own: 'English' },
  fr: { marc: 'fre', iso1: 'fr', en: 'French', own: 'français' },
  de: { marc: 'ger', iso1: 'de', en: 'German', own: 'Deutsch' },
  nl: { marc: 'dut', iso1: 'nl', en: 'Dutch', own: 'Nederlands' },
  la: { marc: 'lat', iso1: 'la', en: 'Latin', own: 'Latina' },
  it: { marc: 'ita', iso1: 'it', en: 'Italian', own: 'italiano' },
  ja: { marc: 'jpn', iso1: 'ja', en: 'Japanese', own: '日本語' },
};

function languageText(l: Lang, style: Style, rng: Rng): string {
  const v = LANGUAGE[l];
  if (style === 'A') return rng.weighted([[v.marc, 7], [v.iso1, 2], [v.en, 1]]);
  return rng.weighted([[v.iso1, 3], [v.en, 3], [v.own, 2], [v.marc, 1]]);
}

const MONTHS: Record<'en' | 'fr' | 'de' | 'nl', string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
};

function dateLang(lang: Lang | undefined): 'en' | 'fr' | 'de' | 'nl' {
  return lang === 'fr' || lang === 'de' || lang === 'nl' ? lang : 'en';
}

function longDate(iso: string, lang: Lang | undefined): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const l = dateLang(lang);
  const month = MONTHS[l][m - 1] as string;
  switch (l) {
    case 'fr':
      return `${d === 1 ? '1er' : d} ${month} ${y}`;
    case 'de':
      return `${d}. ${month} ${y}`;
    case 'nl':
      return `${d} ${month} ${y}`;
    default:
      return `${d} ${month} ${y}`;
  }
}

function century(year: number, lang: Lang | undefined, rng: Rng): string {
  const c = Math.floor((year - 1) / 100) + 1;
  const roman = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'][c] ?? String(c);
  switch (dateLang(lang)) {
    case 'fr':
      return rng.chance(0.5) ? `${roman}e siècle` : `${c}e siècle`;
    case 'de':
      return `${c}. Jh.`;
    case 'nl':
      return `${c}de eeuw`;
    default:
      return `${c}th century`;
  }
}

function undated(lang: Lang | undefined): string {
  return { en: 'n.d.', fr: 's.d.', de: 'o.J.', nl: 'z.j.' }[dateLang(lang)];
}

/** A date as an archive writes it: the messy forms real catalogues hold. */
function dateText(w: When, lang: Lang | undefined, style: Style, rng: Rng): string {
  const l = dateLang(lang);
  if (w.exact) {
    if (style === 'A') return rng.weighted([[w.exact, 6], [`[${w.exact.slice(0, 4)}]`, 1]]);
    const [y, m, d] = w.exact.split('-');
    return rng.weighted([[w.exact, 3], [longDate(w.exact, lang), 3], [l === 'de' || l === 'nl' ? `${d}.${m}.${y}` : w.exact, 1]]);
  }
  if (w.year === undefined) return undated(lang);
  const y = w.year;
  if (w.end !== undefined) {
    if (style === 'A') return rng.weighted([[`${y}-${w.end}`, 5], [`[${y}-${w.end}]`, 2], [`${y}-${String(w.end).slice(2)}`, 1]]);
    const between = l === 'fr' ? `entre ${y} et ${w.end}` : l === 'de' ? `zwischen ${y} und ${w.end}` : l === 'nl' ? `tussen ${y} en ${w.end}` : `between ${y} and ${w.end}`;
    return rng.weighted([[`${y}-${w.end}`, 3], [between, 2], [`${y}/${w.end}`, 1], [`${y}–${w.end}`, 1]]);
  }
  if (w.approx) {
    if (style === 'A') return rng.weighted([[`ca. ${y}`, 4], [`[ca. ${y}]`, 3], [`[${y}?]`, 3], [`${y}?`, 1], [`c${y}`, 1], [century(y, lang, rng), 1]]);
    const about = l === 'fr' ? `vers ${y}` : l === 'de' ? `um ${y}` : l === 'nl' ? `omstreeks ${y}` : `circa ${y}`;
    return rng.weighted([[about, 3], [`ca. ${y}`, 2], [`${y - (y % 10)}s`, 1], [century(y, lang, rng), 1]]);
  }
  return style === 'A' ? rng.weighted([[String(y), 8], [`[${y}]`, 2]]) : rng.weighted([[String(y), 9], [`[${y}]`, 1]]);
}

type NameForm = 'inv-dates' | 'inv' | 'direct-dates' | 'direct' | 'alt';

function nameText(p: Person, form: NameForm): string {
  if (p.corporate) return form === 'alt' && p.alt ? (p.alt[0] as string) : p.inv;
  switch (form) {
    case 'inv-dates':
      return p.dates ? `${p.inv}, ${p.dates}` : p.inv;
    case 'inv':
      return p.inv;
    case 'direct-dates':
      // Another catalogue, another dash.
      return p.dates ? `${p.direct} (${p.dates.replace(/(\d)-(\d|ca)/, '$1–$2')})` : p.direct;
    case 'direct':
      return p.direct;
    case 'alt':
      return p.alt?.[0] ?? p.direct;
  }
}

function nameForm(style: Style, rng: Rng): NameForm {
  return style === 'A'
    ? rng.weighted([['inv-dates', 7], ['inv', 2], ['direct', 1]] as const)
    : rng.weighted([['direct-dates', 3], ['direct', 4], ['inv-dates', 2], ['alt', 1]] as const);
}

function typesFor(w: Work, style: Style, rng: Rng): string[] {
  const lang = w.title.lang;
  if (style === 'A') {
    switch (w.kind) {
      case 'map':
      case 'plan': {
        const local = lang === 'de' || w.key.startsWith('homann') ? 'Karte' : lang === 'fr' ? 'carte' : lang === 'nl' || w.key.startsWith('ferraris') ? 'kaart' : 'map';
        return rng.weighted([[['Image', 'Map'], 4], [['Cartographic material'], 2], [['StillImage', local], 2], [['Image'], 1]]);
      }
      case 'book':
        return rng.weighted([[['Text'], 3], [['Text', 'Book'], 2], [[lang === 'de' ? 'Buch' : 'Book'], 1]]);
      default:
        return rng.weighted([[['Image'], 4], [['Image', 'print'], 2], [['StillImage'], 1], [[lang === 'fr' ? 'estampe' : lang === 'de' ? 'Druckgraphik' : 'print'], 1]]);
    }
  }
  switch (w.kind) {
    case 'photo':
    case 'portrait':
      return rng.weighted([[['Image'], 3], [[{ fr: 'photographie', de: 'Foto', nl: 'foto' }[lang as 'fr' | 'de' | 'nl'] ?? 'Photograph'], 3], [['StillImage', 'photograph'], 1]]);
    case 'letter':
    case 'manuscript':
      return rng.weighted([[['Text'], 3], [[{ fr: 'manuscrit', de: 'Handschrift', nl: 'handschrift' }[lang as 'fr' | 'de' | 'nl'] ?? 'Manuscript'], 3], [['Text', w.kind === 'letter' ? 'correspondence' : 'register'], 1]]);
    case 'book':
      return rng.weighted([[['Text'], 2], [['Buch'], 1]]);
    case 'map':
    case 'plan':
      return rng.weighted([[['Image', 'Karte'], 2], [['carte'], 1], [['Image'], 1]]);
    default:
      return rng.weighted([[['Image'], 3], [['Druckgraphik'], 2], [['gravure'], 1], [['prent'], 1], [['print'], 1]]);
  }
}

function rightsFor(w: Work, style: Style, rng: Rng): string[] {
  // Only the modern facsimiles are in copyright.
  if (w.isbn) return [rng.weighted([['http://rightsstatements.org/vocab/InC/1.0/', 3], ['In copyright', 1], ['© the publisher', 1]])];
  if (style === 'A') {
    const main = rng.weighted([
      ['https://creativecommons.org/publicdomain/mark/1.0/', 5], ['http://creativecommons.org/publicdomain/zero/1.0/', 2],
      ['Public domain', 2], ['http://rightsstatements.org/vocab/NoC-US/1.0/', 1], ['No known copyright restrictions', 1],
    ]);
    return rng.chance(0.15) ? [main, 'Digital image: CC BY 4.0, Westerhaven Regional Library'] : [main];
  }
  const pd = { fr: 'Domaine public', de: 'Gemeinfrei', nl: 'Publiek domein' }[w.title.lang as 'fr' | 'de' | 'nl'] ?? 'Public domain';
  return [rng.weighted([
    ['http://rightsstatements.org/vocab/NoC-NC/1.0/', 2], ['https://rightsstatements.org/page/NoC-OKLR/1.0/', 1], ['http://rightsstatements.org/vocab/CNE/1.0/', 1],
    [pd, 2], ['https://creativecommons.org/licenses/by/4.0/', 1], ['CC BY-SA 4.0', 1], ['Copyright not evaluated', 1],
  ])];
}

// ---- oai_dc ----

type Field = [element: string, value: string, lang?: Lang];

const DC_NS = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"';
const DC_SCHEMA = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"';

function dcXml(fields: Field[], style: Style): string {
  const sep = style === 'A' ? '' : '\n  ';
  let out = style === 'A' ? `<oai_dc:dc ${DC_NS}>` : `<oai_dc:dc ${DC_NS} ${DC_SCHEMA}>`;
  for (const [el, value, lang] of fields) {
    const attr = lang ? ` xml:lang="${lang}"` : '';
    out += value === '' ? `${sep}<dc:${el}${attr}/>` : `${sep}<dc:${el}${attr}>${escapeText(value)}</dc:${el}>`;
  }
  return out + (style === 'A' ? '' : '\n') + '</oai_dc:dc>';
}

/** Element text: only what XML requires escaped (catalogue exports rarely write &apos; in text). */
function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const text = (el: string, v: Text, keepLang: boolean): Field => (keepLang && v.lang ? [el, v.value, v.lang] : [el, v.value]);

// ---- datestamps ----

function seconds(rng: Rng, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1) / 1000;
  const end = Date.UTC(toYear + 1, 0, 1) / 1000 - 1;
  return new Date(rng.int(start, end) * 1000).toISOString().slice(0, 19) + 'Z';
}

function datestampFor(style: Style, rng: Rng, deleted: boolean): string {
  if (style === 'A') {
    // Catalogue batch loads stamp many records with the same second: list order then rests on identifiers.
    if (deleted) return seconds(rng, 2024, 2024);
    return rng.chance(0.55)
      ? rng.pick(['2019-03-14T09:12:44Z', '2020-11-02T16:45:10Z', '2021-06-30T23:59:59Z', '2022-02-15T08:00:00Z', '2023-09-12T11:20:31Z', '2024-04-03T14:05:09Z'])
      : seconds(rng, 2019, 2024);
  }
  if (deleted) return seconds(rng, 2024, 2024).slice(0, 10);
  return rng.chance(0.5) ? rng.pick(['2018-06-01', '2020-01-15', '2022-10-03', '2024-02-29']) : seconds(rng, 2018, 2024).slice(0, 10);
}

// ---- the map and print library ----

const WRL = 'westerhaven-library.example';

function westerhavenNumber(w: Work): string {
  return w.kind === 'print' ? 'P' : w.kind === 'book' ? 'A' : 'K';
}

interface Rendered {
  record: ProviderRecord;
  work: Work;
  doi?: string;
}

function renderWesterhaven(w: Work, id: string, rng: Rng, opts: { doi: boolean; copyNote?: string }): Rendered {
  const fields: Field[] = [];
  fields.push(text('title', w.title, true));
  for (const p of w.parallel) if (rng.chance(0.7)) fields.push(text('title', p, true));
  for (const c of w.creators) fields.push(['creator', nameText(c, nameForm('A', rng))]);
  for (const c of w.contributors) if (rng.chance(0.6)) fields.push(['contributor', nameText(c, nameForm('A', rng))]);
  for (const s of w.subjects) fields.push(text('subject', s, true));
  for (const d of w.description) fields.push(text('description', d, rng.chance(0.8)));
  if (opts.copyNote) fields.push(['description', opts.copyNote, 'en']);
  if (w.partOf && rng.chance(0.5)) fields.push(['description', `From: ${w.partOf}.`, 'en']);
  if (w.publisher) fields.push(['publisher', w.publisher]);
  // A few records carry the digitisation date as a second dc:date, as real exports do.
  fields.push(['date', rng.chance(0.02) ? undated(w.title.lang) : dateText(w.when, w.title.lang, 'A', rng)]);
  if (rng.chance(0.05)) fields.push(['date', `${rng.int(2009, 2021)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`]);
  for (const ty of typesFor(w, 'A', rng)) fields.push(['type', ty]);
  if (w.extent) fields.push(['format', w.extent]);
  if (rng.chance(0.3)) fields.push(['format', 'image/jpeg']);
  const landing = rng.chance(0.1) ? `http://collections.${WRL}/object/${id}/` : `https://collections.${WRL}/object/${id}`;
  fields.push(['identifier', landing]);
  let doi: string | undefined;
  if (opts.doi) {
    doi = `10.5072/${id.replace(/-/g, '.')}`;
    fields.push(['identifier', rng.chance(0.7) ? `https://doi.org/${doi}` : `doi:${doi}`]);
  }
  if (w.isbn) fields.push(['identifier', rng.pick([`ISBN ${w.isbn}`, w.isbn, `urn:isbn:${w.isbn.replace(/-/g, '')}`])]);
  if (w.kind !== 'book' && rng.chance(0.4)) fields.push(['identifier', `https://iiif.${WRL}/iiif/3/${id}/full/max/0/default.jpg`]);
  if (rng.chance(0.3)) fields.push(['identifier', `WRL ${w.kind === 'print' ? 'Print Room' : 'Map Room'} ${String.fromCharCode(65 + rng.int(0, 7))} ${rng.int(1, 40)}.${rng.int(1, 30)}`]);
  if (w.partOf && w.kind !== 'book') fields.push(['relation', w.partOf]);
  for (const l of w.languages) fields.push(['language', languageText(l, 'A', rng)]);
  for (const place of w.places) fields.push(['coverage', place]);
  const rights = rng.chance(0.01) ? [''] : rightsFor(w, 'A', rng);
  for (const r of rights) fields.push(['rights', r]);
  return {
    work: w,
    ...(doi ? { doi } : {}),
    record: { identifier: `oai:${WRL}:${id}`, datestamp: datestampFor('A', rng, false), sets: w.sets, metadata: { oai_dc: dcXml(fields, 'A') } },
  };
}

// ---- the photographic and manuscript archive ----

const LA = 'lindenau-archive.example';

function lindenauIdentifiers(id: string, rng: Rng): Field[] {
  const out: Field[] = [['identifier', `https://archief.${LA}/item/${id}`]];
  if (rng.chance(0.7)) out.push(['identifier', rng.chance(0.6) ? `http://hdl.handle.net/20.500.99999/${id}` : `hdl:20.500.99999/${id}`]);
  if (rng.chance(0.25)) out.push(['identifier', `LA Inv. ${rng.int(100, 9999)}`]);
  return out;
}

function renderLindenau(w: Work, id: string, rng: Rng): ProviderRecord {
  const fields: Field[] = [];
  fields.push(text('title', w.title, rng.chance(0.85)));
  for (const c of w.creators) fields.push(['creator', nameText(c, nameForm('B', rng))]);
  for (const c of w.contributors) fields.push(['contributor', nameText(c, nameForm('B', rng))]);
  for (const s of w.subjects) fields.push(text('subject', s, true));
  for (const d of w.description) fields.push(text('description', d, true));
  if (rng.chance(0.01)) fields.push(['description', '']);
  if (w.publisher) fields.push(['publisher', w.publisher]);
  fields.push(['date', rng.chance(0.02) ? undated(w.title.lang) : dateText(w.when, w.title.lang, 'B', rng)]);
  for (const ty of typesFor(w, 'B', rng)) fields.push(['type', ty]);
  if (w.extent) fields.push(['format', w.extent]);
  fields.push(...lindenauIdentifiers(id, rng));
  if (w.languages.length === 0) {
    if (rng.chance(0.2)) fields.push(['language', 'zxx']);
  } else for (const l of w.languages) fields.push(['language', languageText(l, 'B', rng)]);
  for (const place of w.places) fields.push(['coverage', place]);
  for (const r of rightsFor(w, 'B', rng)) fields.push(['rights', r]);
  return { identifier: `oai:${LA}:${id}`, datestamp: datestampFor('B', rng, false), sets: w.sets, metadata: { oai_dc: dcXml(fields, 'B') } };
}

function titleCase(s: string): string {
  const small = new Set(['a', 'an', 'and', 'the', 'of', 'from', 'to', 'in', 'on', 'at', 'by', 'de', 'la', 'le', 'et', 'du', 'des', 'von', 'van', 'der', 'di', 'del', 'della']);
  return s.replace(/[\p{L}']+/gu, (word, offset: number) => (offset > 0 && small.has(word.toLowerCase()) ? word : word[0]?.toUpperCase() + word.slice(1)));
}

/** The same work in lindenau's words: another title form, name order and date form. */
function variantTitle(w: Work, rng: Rng): { main: Text; also: Text[] } {
  const strategies: (() => { main: Text; also: Text[] } | undefined)[] = [
    () => (w.parallel.length > 0 ? { main: w.parallel[w.parallel.length - 1] as Text, also: [w.title] } : undefined),
    () => (w.subtitle ? { main: t(`${w.title.value} : ${w.subtitle.value}`, w.title.lang), also: [] } : undefined),
    () => {
      // Title case is an English habit; other languages get their punctuation changed instead.
      if (w.title.lang !== 'en') {
        const v = w.title.value.replace(/ : /g, '. ').replace(/, /g, ' ; ');
        return v !== w.title.value ? { main: t(v, w.title.lang), also: [] } : undefined;
      }
      let v = w.title.value.replace(/^(The|A) /, '').replace(/ & /g, ' and ').replace(/, /g, ' - ');
      v = titleCase(v);
      return v !== w.title.value ? { main: t(v, w.title.lang), also: [] } : undefined;
    },
    () => ({ main: t(`${w.title.value}${w.title.value.endsWith('.') ? '' : '.'} [${w.kind === 'book' ? 'Faksimile' : w.kind === 'print' ? 'Druckgraphik' : 'Karte'}]`, w.title.lang), also: [] }),
  ];
  for (const s of rng.shuffle(strategies)) {
    const r = s();
    if (r && r.main.value !== w.title.value) return r;
  }
  return { main: t(`[${w.title.value}]`, w.title.lang), also: [] };
}

function variantWhen(w: When, rng: Rng): When {
  if (w.exact || w.year === undefined) return w;
  if (w.end !== undefined) return rng.chance(0.5) ? { year: w.year, approx: true } : w;
  return { year: w.year, approx: !w.approx || rng.chance(0.3) };
}

function isbn10(isbn13: string): string {
  const digits = isbn13.replace(/-/g, '').slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  const [, group, publisher, title] = isbn13.split('-') as [string, string, string, string];
  return `${group}-${publisher}-${title}-${check === 10 ? 'X' : check}`;
}

function renderOverlap(a: Rendered, id: string, rng: Rng, shareDoi: boolean): ProviderRecord {
  const w = a.work;
  const { main, also } = variantTitle(w, rng);
  const fields: Field[] = [text('title', main, true), ...also.map((x) => text('title', x, true))];
  for (const c of w.creators) fields.push(['creator', nameText(c, rng.weighted([['direct-dates', 3], ['alt', 2], ['direct', 2]] as const))]);
  for (const s of w.subjects.slice(0, 1)) fields.push(text('subject', s, true));
  fields.push(['subject', w.kind === 'map' || w.kind === 'plan' ? rng.pick(['Landkarten', 'Stadtpläne', 'Maps']) : w.kind === 'book' ? rng.pick(['Faksimile', 'Atlanten']) : rng.pick(['Druckgraphik', 'Topographie', 'Prints'])]);
  const source = rng.pick(['Erworben 1932 mit der Sammlung Weigel.', 'Aus dem Nachlass eines Dresdner Sammlers.', 'Ankauf aus dem Kunsthandel, 1958.']);
  fields.push(['description', `${w.partOf ? `Aus: ${w.partOf}. ` : ''}${source}`, 'de']);
  if (w.publisher && rng.chance(0.5)) fields.push(['publisher', w.publisher]);
  fields.push(['date', dateText(variantWhen(w.when, rng), 'de', 'B', rng)]);
  for (const ty of typesFor(w, 'B', rng)) fields.push(['type', ty]);
  if (w.extent && rng.chance(0.6)) fields.push(['format', w.extent]);
  fields.push(...lindenauIdentifiers(id, rng));
  if (w.isbn) fields.push(['identifier', rng.chance(0.5) ? w.isbn.replace(/-/g, '') : `ISBN ${isbn10(w.isbn)}`]);
  if (shareDoi && a.doi) fields.push(['relation', `Digitalisat: doi:${a.doi.toLowerCase()}`], ['identifier', `doi:${a.doi.toLowerCase()}`]);
  for (const l of w.languages) fields.push(['language', languageText(l, 'B', rng)]);
  for (const place of w.places) fields.push(['coverage', place]);
  for (const r of rightsFor(w, 'B', rng)) fields.push(['rights', r]);
  return { identifier: `oai:${LA}:${id}`, datestamp: datestampFor('B', rng, false), sets: ['graphic'], metadata: { oai_dc: dcXml(fields, 'B') } };
}

// ---- both archives ----

function byIdentifier(a: ProviderRecord, b: ProviderRecord): number {
  return a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0;
}

/** Builds both archives and the duplicates answer key. Pure: same output every run. */
export function buildDemoData(): { archives: DemoArchiveFile[]; duplicates: DuplicatePair[] } {
  const duplicates: DuplicatePair[] = [];

  // Westerhaven: number works in accession order (shuffled, not by family), with deletions in the gaps.
  const worksA = buildWesterhavenWorks(new Rng(20240611));
  const pickRng = new Rng(7);
  const eligible = worksA.filter((w) => w.kind !== 'map' || w.key.startsWith('ferraris:'));
  const books = eligible.filter((w) => w.kind === 'book' && w.isbn);
  const others = eligible.filter((w) => w.kind !== 'book');
  const shared = [...pickRng.sample(books, 3), ...pickRng.sample(others, 22)];
  const sharedKeys = new Set(shared.map((w) => w.key));
  const doiKeys = new Set(shared.filter((w) => w.kind !== 'book').slice(0, 4).map((w) => w.key));
  const copies = pickRng.sample(worksA.filter((w) => (w.kind === 'print' || w.kind === 'map') && !sharedKeys.has(w.key)), 4);

  const rngA = new Rng(1611);
  const order = rngA.shuffle([...worksA, ...copies.map((w) => ({ ...w, key: `${w.key}#copy` })), ...Array.from({ length: 9 }, () => undefined)]);
  const renderedA = new Map<string, Rendered>();
  const recordsA: ProviderRecord[] = [];
  order.forEach((w, i) => {
    const id = `WRL-${w ? westerhavenNumber(w) : rngA.pick(['K', 'P'])}-${String(1000 + i * 7 + rngA.int(0, 6)).padStart(5, '0')}`;
    if (!w) {
      recordsA.push({ identifier: `oai:${WRL}:${id}`, datestamp: datestampFor('A', rngA, true), sets: [rngA.pick(['maps', 'prints'])], deleted: true, metadata: {} });
      return;
    }
    const isCopy = w.key.endsWith('#copy');
    const r = renderWesterhaven(w, id, rngA, {
      doi: doiKeys.has(w.key) || (!isCopy && w.kind !== 'book' && rngA.chance(0.15)),
      ...(isCopy ? { copyNote: rngA.pick(['Second copy.', 'Another impression, uncoloured.', 'Duplicate copy from the Van Loon bequest.']) } : {}),
    });
    renderedA.set(w.key, r);
    recordsA.push(r.record);
  });
  for (const w of copies) {
    duplicates.push({
      archiveA: 'westerhaven-maps', identifierA: (renderedA.get(w.key) as Rendered).record.identifier,
      archiveB: 'westerhaven-maps', identifierB: (renderedA.get(`${w.key}#copy`) as Rendered).record.identifier, evidence: 'second copy',
    });
  }

  // Lindenau: its own holdings, the shared works in its own words, and deletions.
  const worksB = buildLindenauWorks(new Rng(18390819));
  const rngB = new Rng(1839);
  const itemsB = rngB.shuffle<Work | Rendered | undefined>([...worksB, ...shared.map((w) => renderedA.get(w.key) as Rendered), ...Array.from({ length: 7 }, () => undefined)]);
  const counters = { ph: 0, ms: 0, gr: 0 };
  const recordsB: ProviderRecord[] = [];
  for (const item of itemsB) {
    const kind = !item ? rngB.pick(['ph', 'ms'] as const) : 'record' in item ? 'gr' : item.kind === 'photo' || item.kind === 'portrait' ? 'ph' : item.kind === 'letter' || item.kind === 'manuscript' ? 'ms' : 'gr';
    counters[kind] += rngB.int(1, 3);
    const id = `${kind}-${String(counters[kind]).padStart(5, '0')}`;
    if (!item) {
      recordsB.push({ identifier: `oai:${LA}:${id}`, datestamp: datestampFor('B', rngB, true), sets: [kind === 'ph' ? 'photographs:views' : 'manuscripts'], deleted: true, metadata: {} });
    } else if ('record' in item) {
      const shareDoi = doiKeys.has(item.work.key);
      const record = renderOverlap(item, id, rngB, shareDoi);
      recordsB.push(record);
      duplicates.push({
        archiveA: 'westerhaven-maps', identifierA: item.record.identifier, archiveB: 'lindenau-archive', identifierB: record.identifier,
        evidence: item.work.isbn ? 'isbn' : shareDoi && item.doi ? 'doi' : 'description',
      });
    } else {
      recordsB.push(renderLindenau(item, id, rngB));
    }
  }

  const archives: DemoArchiveFile[] = [
    {
      id: 'westerhaven-maps',
      name: 'Westerhaven Regional Library: Maps and Prints',
      description: 'A regional library’s map room and print room: county maps, atlas sheets, town plans and topographical prints, 1570–1880, and a shelf of facsimile atlases.',
      repositoryName: 'Westerhaven Regional Library – Map and Print Collection',
      adminEmail: `oai-admin@${WRL}`,
      granularity: 'YYYY-MM-DDThh:mm:ssZ',
      deletedRecord: 'persistent',
      pageSize: 50,
      sets: [
        { setSpec: 'maps', setName: 'Printed and manuscript maps' },
        { setSpec: 'town-plans', setName: "Town plans and bird's-eye views" },
        { setSpec: 'prints', setName: 'Topographical prints and views' },
        { setSpec: 'atlases', setName: 'Atlases, facsimiles and books' },
      ],
      records: recordsA.sort(byIdentifier),
    },
    {
      id: 'lindenau-archive',
      name: 'Lindenau Photographic and Manuscript Archive',
      description: 'Nineteenth-century photographs (portraits and views), the letters and registers of scientists, writers and photographers, and a small print collection.',
      repositoryName: 'Archiv Lindenau – Photographs & Manuscripts',
      adminEmail: `archief@${LA}`,
      granularity: 'YYYY-MM-DD',
      deletedRecord: 'transient',
      pageSize: 40,
      sets: [
        { setSpec: 'photographs', setName: 'Photographs' },
        { setSpec: 'photographs:portraits', setName: 'Photographs: portraits' },
        { setSpec: 'photographs:views', setName: 'Photographs: topographical and architectural views' },
        { setSpec: 'manuscripts', setName: 'Manuscripts and correspondence' },
        { setSpec: 'graphic', setName: 'Prints, drawings and maps' },
      ],
      records: recordsB.sort(byIdentifier),
    },
  ];
  return { archives, duplicates };
}

/** JSON with one record per line: small diffs when the generator changes. */
export function serialiseArchive(a: DemoArchiveFile): string {
  const { records, sets, ...head } = a;
  const headLines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const setLines = sets.map((s, i) => `    ${JSON.stringify(s)}${i < sets.length - 1 ? ',' : ''}`);
  const recordLines = records.map((r, i) => `    ${JSON.stringify(r)}${i < records.length - 1 ? ',' : ''}`);
  return ['{', ...headLines, '  "sets": [', ...setLines, '  ],', '  "records": [', ...recordLines, '  ]', '}', ''].join('\n');
}

export function serialiseDuplicates(pairs: DuplicatePair[]): string {
  const lines = pairs.map((p) => [p.archiveA, p.identifierA, p.archiveB, p.identifierB, p.evidence].join(','));
  return ['archive_a,identifier_a,archive_b,identifier_b,evidence', ...lines, ''].join('\n');
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('../data/demo/', import.meta.url)));
  await mkdir(outDir, { recursive: true });
  const { archives, duplicates } = buildDemoData();
  for (const a of archives) {
    const json = serialiseArchive(a);
    await writeFile(resolve(outDir, `${a.id}.json`), json);
    const deleted = a.records.filter((r) => r.deleted).length;
    console.log(`${a.id}.json: ${a.records.length} records (${deleted} deleted), ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB`);
  }
  await writeFile(resolve(outDir, 'duplicates.csv'), serialiseDuplicates(duplicates));
  console.log(`duplicates.csv: ${duplicates.length} pairs`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
