// Reads a vocabulary table from data/vocab/ once, when the module that needs it is loaded.
// The only I/O in src/normalise; everything that uses the tables stays pure.

import { readFileSync } from 'node:fs';

/**
 * Parses data/vocab/<name>. The URL is resolved from this file so the same code works from
 * src/normalise/vocab (tsx, vitest) and dist/normalise/vocab (the build): both sit three levels
 * below the package root.
 */
export function loadVocabTable<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../data/vocab/${name}`, import.meta.url), 'utf8')) as T;
}

/** Lower case, diacritics removed, white space folded: the key every label table is indexed by. */
export function labelKey(text: string): string {
  let s = text.trim().toLowerCase();
  // Only decompose when needed: NFD is the slowest step and most labels are ASCII.
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/\s+/g, ' ');
}
