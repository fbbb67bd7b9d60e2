// Labelled duplicate sets for the dedupe quality bench, read in place from ../shared/datasets/dedup
// (see its PROVENANCE.tsv) and data/demo, turned into Dublin Core descriptions. Each loader only
// parses its file format; matching never sees the labels.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DcFields } from '../src/dedupe/store-records.js';
import { dcFieldsOf } from '../src/dedupe/synthetic.js';

export const DEDUP_DIR = fileURLToPath(new URL('../../shared/datasets/dedup/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../../shared/fixtures/real/oai-pmh/', import.meta.url));
const DEMO_DIR = fileURLToPath(new URL('../data/demo/', import.meta.url));

/** A labelled set: items (local id, description) and the true entity of each local id. */
export interface LabelledSet {
  name: string;
  items: { localId: string; fields: DcFields }[];
  /** localId → entity; items with the same entity are duplicates. */
  entity: Map<string, string>;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes), any one-character delimiter. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function objects(rows: string[][]): Record<string, string>[] {
  const [head, ...rest] = rows;
  if (!head) return [];
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

const known = (v: string | undefined): string | undefined => (v && v !== 'UNKNOWN' && v !== 'nan' ? v : undefined);
const list = (...vs: (string | undefined)[]): string[] | undefined => {
  const out = vs.filter((v): v is string => v !== undefined && v !== '');
  return out.length ? out : undefined;
};

/** bib-dedupe evaluation sets (BibTeX-like CSV + merged_record_ids.csv). */
function loadBibDedupe(dir: string, name: string): LabelledSet {
  const rows = objects(parseCsv(readFileSync(join(dir, 'records_pre_merged.csv'), 'utf8')));
  const entity = new Map<string, string>();
  for (const r of objects(parseCsv(readFileSync(join(dir, 'merged_record_ids.csv'), 'utf8')))) {
    const ids = (r.merged_ids ?? '').split(';').map((s) => s.trim()).filter(Boolean);
    for (const id of ids) entity.set(id, ids[0] as string);
  }
  const items = rows.map((r) => {
    const id = r.ID as string;
    if (!entity.has(id)) entity.set(id, id);
    const venue = known(r.journal) ?? known(r.booktitle);
    const citation = venue ? [venue, known(r.volume), known(r.number) ? `(${r.number})` : undefined, known(r.pages)].filter(Boolean).join(' ') : undefined;
    const fields: DcFields = {};
    const set = <K extends keyof DcFields>(k: K, v: string[] | undefined): void => {
      if (v) fields[k] = v;
    };
    set('title', list(known(r.title)));
    set('creator', known(r.author)?.split(/\s+and\s+/i).map((a) => a.trim()).filter(Boolean));
    set('date', list(known(r.year)));
    set('type', list(known(r.ENTRYTYPE)));
    set('identifier', list(known(r.doi) ? `https://doi.org/${r.doi}` : undefined, known(r.isbn) ? `ISBN ${r.isbn}` : undefined));
    set('publisher', list(known(r.publisher)));
    set('source', list(citation));
    return { localId: id, fields };
  });
  return { name, items, entity };
}

const clean = (s: string | undefined): string | undefined => {
  const v = s?.replace(/^[\s"'`,.;:(]+|[\s"'`,.;:)]+$/g, '').trim();
  return v ? v : undefined;
};
const yearOf = (s: string | undefined): string | undefined => /\b(1[89]\d\d|20\d\d)\b/.exec(s ?? '')?.[1];

/** Cora, 1,879 citations (comma CSV, gold label column; authors "Last, F. & Last, F."). */
function loadCora1879(dir: string): LabelledSet {
  const rows = objects(parseCsv(readFileSync(join(dir, 'cora.csv'), 'utf8')));
  const entity = new Map<string, string>();
  const items = rows.map((r) => {
    const id = r.id as string;
    entity.set(id, r.label as string);
    const fields: DcFields = {};
    const title = clean(r.title);
    if (title) fields.title = [title];
    const authors = clean(r.author)?.split(/\s*(?:&|\band\b|;)\s*/).map((a) => clean(a)).filter((a): a is string => !!a);
    if (authors?.length) fields.creator = authors;
    const year = yearOf(r.year) ?? yearOf(r.date);
    if (year) fields.date = [year];
    const venue = clean(r.journal) ?? clean(r.booktitle) ?? clean(r.institution);
    if (venue) fields.source = [venue];
    return { localId: id, fields };
  });
  return { name: 'cora-1879', items, entity };
}

/** Cora, 1,295 citations ('|'-delimited, lower-case, authors "f. last, f. last, and f. last"); gold as pairs. */
function loadCoraJedai(dir: string): LabelledSet {
  const rows = objects(parseCsv(readFileSync(join(dir, 'cora.csv'), 'utf8'), '|'));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  for (const [a, b] of parseCsv(readFileSync(join(dir, 'cora_gt.csv'), 'utf8'), '|')) {
    if (a === undefined || b === undefined) continue;
    const ra = find(a.trim());
    const rb = find(b.trim());
    if (ra !== rb) parent.set(ra, rb);
  }
  const entity = new Map<string, string>();
  const items = rows.map((r) => {
    const id = r['Entity Id'] as string;
    entity.set(id, find(id));
    const fields: DcFields = {};
    const title = clean(r.title);
    if (title) fields.title = [title];
    const authors = clean(r.author)?.split(/\s*(?:,\s*and\s+|\band\b|,|;|&)\s*/).map((a) => clean(a)).filter((a): a is string => !!a && a.length > 2);
    if (authors?.length) fields.creator = authors;
    const year = yearOf(r.year);
    if (year) fields.date = [year];
    const venue = clean(r.venue);
    if (venue) fields.source = [venue];
    return { localId: id, fields };
  });
  return { name: 'cora-jedai', items, entity };
}

/** Demo archives (data/demo) with their labelled duplicate pairs (duplicates.csv). */
export function loadDemo(): LabelledSet & { sourceOf: Map<string, string> } {
  const items: { localId: string; fields: DcFields }[] = [];
  const sourceOf = new Map<string, string>();
  for (const file of ['lindenau-archive.json', 'westerhaven-maps.json']) {
    const data = JSON.parse(readFileSync(join(DEMO_DIR, file), 'utf8')) as { id: string; records: { identifier: string; metadata?: { oai_dc?: string } }[] };
    for (const r of data.records) {
      if (!r.metadata?.oai_dc) continue;
      items.push({ localId: r.identifier, fields: dcFieldsOf(r.metadata.oai_dc) });
      sourceOf.set(r.identifier, data.id);
    }
  }
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  for (const row of objects(parseCsv(readFileSync(join(DEMO_DIR, 'duplicates.csv'), 'utf8')))) {
    const ra = find(row.identifier_a as string);
    const rb = find(row.identifier_b as string);
    if (ra !== rb) parent.set(ra, rb);
  }
  const entity = new Map(items.map((i) => [i.localId, find(i.localId)]));
  return { name: 'demo', items, entity, sourceOf };
}

/** oai_dc records of the real fixture responses (for the synthetic set's bases), when ../shared is present. */
export function fixtureDcRecords(): DcFields[] {
  return fixtureDcRecordsWithFile().map((r) => r.fields);
}

/** The same, each with the fixture file it came from (its archive). */
export function fixtureDcRecordsWithFile(): { file: string; fields: DcFields }[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  const out: { file: string; fields: DcFields }[] = [];
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('oai_dc.xml') || f.includes('oai_dc-'))) {
    const text = readFileSync(join(FIXTURES_DIR, file), 'utf8');
    // Each oai_dc:dc element, with the DC namespaces it needs declared on it.
    for (const m of text.matchAll(/<oai_dc:dc\b[\s\S]*?<\/oai_dc:dc>/g)) {
      let xml = m[0];
      if (!xml.includes('xmlns:dc=')) xml = xml.replace('<oai_dc:dc', '<oai_dc:dc xmlns:dc="http://purl.org/dc/elements/1.1/"');
      if (!xml.includes('xmlns:oai_dc=')) xml = xml.replace('<oai_dc:dc', '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"');
      try {
        const fields = dcFieldsOf(xml);
        if (fields.title) out.push({ file: file.replace(/\.xml$/, ''), fields });
      } catch {
        // A fixture record that does not parse alone (an undeclared prefix) is not a base.
      }
    }
  }
  return out;
}

/** Every shared labelled set that is present. */
export function loadSharedSets(): LabelledSet[] {
  if (!existsSync(DEDUP_DIR)) return [];
  const sets: LabelledSet[] = [];
  const bib = join(DEDUP_DIR, 'ldd-bibdedupe');
  if (existsSync(bib)) for (const d of readdirSync(bib).sort()) sets.push(loadBibDedupe(join(bib, d), `bib-${d}`));
  if (existsSync(join(DEDUP_DIR, 'cora-1879'))) sets.push(loadCora1879(join(DEDUP_DIR, 'cora-1879')));
  if (existsSync(join(DEDUP_DIR, 'cora-jedai'))) sets.push(loadCoraJedai(join(DEDUP_DIR, 'cora-jedai')));
  return sets;
}
