// Maps language codes and names as archives write them to ISO 639-3 codes.
// Pure: no I/O after the table (data/vocab/languages.json) is read once at module load.

import { labelKey, loadVocabTable } from './load-table.js';
import { issueValue, type VocabIssue } from './vocab-issue.js';

/** Result of normaliseLanguage: a code, an issue, or both (an accepted but unverified code). */
export interface LanguageResult {
  /** ISO 639-3 code. */
  code?: string;
  issue?: VocabIssue;
}

type LanguageRow = [iso1: string, iso2b: string, ...names: string[]];

/** ISO 639-1, 639-2/B, 639-2/T and 639-3 codes in the table, all to the 639-3 code. */
const BY_CODE = new Map<string, string>();
/** Names, keyed by labelKey(). */
const BY_NAME = new Map<string, string>();

{
  const table = loadVocabTable<Record<string, LanguageRow | string>>('languages.json');
  for (const [code, row] of Object.entries(table)) {
    if (typeof row === 'string') continue; // $comment
    const [iso1, iso2b, ...names] = row;
    BY_CODE.set(code, code);
    if (iso1) BY_CODE.set(iso1, code);
    if (iso2b) BY_CODE.set(iso2b, code);
    for (const name of names) BY_NAME.set(labelKey(name), code);
  }
  // Withdrawn ISO 639-1 codes still seen in old records.
  BY_CODE.set('iw', 'heb');
  BY_CODE.set('in', 'ind');
  BY_CODE.set('ji', 'yid');
  BY_CODE.set('jw', 'jav');
  BY_CODE.set('mo', 'ron');
  BY_CODE.set('sh', 'hbs');
}

// ISO 15924 script codes (Latn, Cyrl, Hans, ...): ArchivesSpace puts the script of the
// material in a second dc:language (seen on test.archivesspace.org). Title case, four letters.
const SCRIPT_CODE = /^[A-Z][a-z]{3}$/;
const TRAILING_PUNCTUATION = /[\s.;,:]+$/;
const TWO_LETTERS = /^[a-z]{2}$/;
const THREE_LETTERS = /^[a-z]{3}$/;
// A BCP 47 tag or a POSIX locale (en-US, en_US, zh-Hant-TW, sr-Latn): the primary subtag decides.
const TAG = /^([a-z]{2,3})[-_][a-z0-9]{2,8}(?:[-_][a-z0-9]{1,8})*$/;
// "English language", "langue française" → the name alone.
const LANGUAGE_WORD = /^(?:langue|lingua|sprache|taal|idioma)\s+|\s+(?:language|languages|langue|sprache|taal)$/;

/**
 * Maps a language code or name to ISO 639-3: `en`, `eng`, `fre`, `fra`, `en-US`, `en_US`,
 * `English`, `Deutsch`, `français` all work. An unknown three-letter code is kept (it is most
 * likely a valid ISO 639-3 code outside the table) with an info issue; anything else unknown
 * gives no code and a warning.
 */
export function normaliseLanguage(text: string): LanguageResult {
  // "English." (ArchivesSpace language notes end with a full stop).
  const raw = text.trim().replace(TRAILING_PUNCTUATION, '');
  if (raw === '') return {};
  if (SCRIPT_CODE.test(raw)) {
    return {
      issue: {
        code: 'LANGUAGE_SCRIPT_IGNORED',
        severity: 'info',
        message: `"${raw}" is a script code (ISO 15924), not a language; ignored`,
        value: raw,
      },
    };
  }
  const lower = raw.toLowerCase();
  if (TWO_LETTERS.test(lower) || THREE_LETTERS.test(lower)) {
    const code = BY_CODE.get(lower);
    if (code !== undefined) return { code };
    if (lower.length === 3) {
      return {
        code: lower,
        issue: {
          code: 'LANGUAGE_CODE_UNVERIFIED',
          severity: 'info',
          message: `"${raw}" is not in entente's language table; kept as an ISO 639-3 code`,
          value: raw,
        },
      };
    }
  } else {
    const tag = TAG.exec(lower);
    if (tag) {
      const code = BY_CODE.get(tag[1] as string);
      if (code !== undefined) return { code };
    }
    const key = labelKey(raw).replace(LANGUAGE_WORD, '');
    const byName = BY_NAME.get(key);
    if (byName !== undefined) return { code: byName };
  }
  return {
    issue: {
      code: 'LANGUAGE_UNRECOGNISED',
      severity: 'warning',
      message: `Could not map "${issueValue(raw)}" to an ISO 639-3 language code`,
      value: issueValue(raw),
    },
  };
}
