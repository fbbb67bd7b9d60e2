// Parses what a researcher types into a safe FTS5 expression: every term is quoted, so no input
// can reach FTS5 or SQL as syntax. Pure: no I/O.

import { EntenteError } from '../errors.js';

/** Columns of the full-text index, in the order of their BM25 weights (title highest). */
export const SEARCH_FIELDS = ['title', 'alternative', 'creator', 'subject', 'description', 'publisher', 'spatial'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** One clause of a query: a word, a prefix or a phrase, maybe limited to a field, maybe excluded. */
export interface QueryClause {
  /** The words of the clause (one for a word or prefix, several for a phrase). */
  words: string[];
  prefix: boolean;
  field?: SearchField;
  exclude: boolean;
}

export interface ParsedQuery {
  clauses: QueryClause[];
  /** FTS5 expression that matching records satisfy; null when there are no positive clauses. */
  match: string | null;
  /** FTS5 expression of the excluded clauses, for a query made only of exclusions; else null. */
  exclude: string | null;
}

/** Longest query accepted, in characters, and most clauses kept: bounded work per request. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_CLAUSES = 32;

const FIELD_ALIASES: Record<string, SearchField> = {
  title: 'title', alternative: 'alternative', creator: 'creator', author: 'creator', subject: 'subject',
  description: 'description', publisher: 'publisher', spatial: 'spatial', place: 'spatial',
};

// A word is a run of letters, digits and marks; anything else separates words, as the unicode61
// tokenizer does, so what we quote is exactly what the index holds.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a piece of text, as the index tokenizes it (case and diacritics are left to FTS5). */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Parses a query: words, "quoted phrases", -exclusions, field:value (title:, creator:, subject:,
 * and the other indexed fields), prefix word*. Anything it does not recognise is read as plain
 * words; unbalanced quotes close at the end. Throws ERR_QUERY_PARAMETER only for a query longer
 * than MAX_QUERY_LENGTH.
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new EntenteError('ERR_QUERY_PARAMETER', `The query is ${input.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted`, {
      context: { parameter: 'q' },
    });
  }
  const clauses: QueryClause[] = [];
  // A token: optional '-', optional 'field:', then a quoted phrase or a bare run of non-space.
  const TOKEN = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/g;
  for (const m of input.normalize('NFC').matchAll(TOKEN)) {
    const exclude = m[1] === '-';
    const fieldName = m[2]?.toLowerCase();
    const field = fieldName ? FIELD_ALIASES[fieldName] : undefined;
    const phrase = m[3];
    let text = phrase ?? m[4] ?? '';
    // An unknown "field:" is plain text: "10:30" or "http://..." must still search.
    if (fieldName && !field) text = `${m[2]}:${text}`;
    const prefix = phrase === undefined && /[\p{L}\p{N}\p{M}]\*+$/u.test(text);
    const words = wordsOf(text);
    if (words.length === 0) continue;
    // "state-of-the-art" (several words joined by punctuation) is a phrase, as the tokenizer
    // indexes it; a trailing * makes its last word a prefix.
    clauses.push({ words, prefix, exclude, ...(field ? { field } : {}) });
    if (clauses.length >= MAX_CLAUSES) break;
  }
  const positive = clauses.filter((c) => !c.exclude).map(toFts);
  const negative = clauses.filter((c) => c.exclude).map(toFts);
  if (positive.length === 0) return { clauses, match: null, exclude: negative.length ? negative.join(' OR ') : null };
  const match = positive.join(' AND ') + (negative.length ? ` NOT (${negative.join(' OR ')})` : '');
  return { clauses, match, exclude: null };
}

/** One clause as FTS5 syntax: each word double-quoted (quotes inside doubled), then * and the column filter. */
function toFts(clause: QueryClause): string {
  const quoted = `"${clause.words.join(' ').replace(/"/g, '""')}"${clause.prefix ? ' *' : ''}`;
  return clause.field ? `{${clause.field}} : ${quoted}` : quoted;
}
