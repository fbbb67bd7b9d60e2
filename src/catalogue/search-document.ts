// What the search index holds for one record, computed from the record object where it is made
// (the page worker), so the single SQLite writer only inserts ready values. Extracting them in
// SQL triggers with json_each re-parsed each record's JSON once per field: measured at about
// 160 us a record on the main thread, against about 20 us to insert prepared values.
// Pure: no I/O.

import type { LangValue, NormalisedRecord } from '../model/record.js';

/** The full-text columns, in the order of the search_text FTS5 table. */
export const SEARCH_TEXT_FIELDS = ['title', 'alternative', 'creator', 'subject', 'description', 'publisher', 'spatial'] as const;

export type RightsClass = 'open' | 'restricted' | 'unknown';

export interface SearchDocument {
  /** One text per SEARCH_TEXT_FIELDS column (values joined by a space); null when the record has none. */
  text: (string | null)[];
  yearFrom: number | null;
  yearTo: number | null;
  rights: RightsClass;
  hasMedia: boolean;
  hasIssues: boolean;
  /** Multi-valued filters: [facet, value] pairs, without duplicates. */
  terms: [facet: 'type' | 'language', value: string][];
  /** The same values comma-separated, for facet counts that read one row a record; null when none. */
  types: string | null;
  languages: string | null;
}

// Open in the Open Definition's sense: public domain marks, CC0, CC BY, CC BY-SA, and "No
// Copyright - United States" (free to reuse where entente's partners publish).
const OPEN_RIGHTS = [/creativecommons\.org\/publicdomain\//, /creativecommons\.org\/licenses\/by\//, /creativecommons\.org\/licenses\/by-sa\//, /rightsstatements\.org\/vocab\/NoC-US\//];

/** How a record's rights read for the "open licence" filter. */
export function rightsClass(uri: string | undefined): RightsClass {
  if (uri === undefined) return 'unknown';
  return OPEN_RIGHTS.some((re) => re.test(uri)) ? 'open' : 'restricted';
}

function joined(values: readonly LangValue[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  return values.length === 1 ? (values[0] as LangValue).value : values.map((v) => v.value).join(' ');
}

function joinedTerms(terms: SearchDocument['terms'], facet: 'type' | 'language'): string | null {
  const values = terms.filter((t) => t[0] === facet).map((t) => t[1]);
  return values.length ? values.join(',') : null;
}

/**
 * The search document of a live record; undefined for a tombstone (it leaves the index). Reads
 * stored JSON too, so it tolerates a record missing fields the model requires.
 */
export function searchDocument(record: Partial<NormalisedRecord>): SearchDocument | undefined {
  if (record.deleted) return undefined;
  const terms: SearchDocument['terms'] = [];
  const seen = new Set<string>();
  const term = (facet: 'type' | 'language', value: string): void => {
    const key = `${facet}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push([facet, value]);
  };
  for (const t of record.type ?? []) term('type', t.value);
  for (const l of record.language ?? []) term('language', l);
  return {
    text: [
      joined(record.title),
      joined(record.alternative),
      record.creator && record.creator.length ? record.creator.map((a) => a.name).join(' ') : null,
      joined(record.subject),
      joined(record.description),
      joined(record.publisher),
      joined(record.spatial),
    ],
    yearFrom: record.date?.earliest ?? null,
    yearTo: record.date?.latest ?? null,
    rights: rightsClass(record.rights?.uri),
    hasMedia: record.isShownBy !== undefined,
    hasIssues: (record.issues?.length ?? 0) > 0,
    terms,
    types: joinedTerms(terms, 'type'),
    languages: joinedTerms(terms, 'language'),
  };
}
