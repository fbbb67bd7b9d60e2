// What the catalogue stores of a normalised record besides the raw payload: its JSON, its issue
// counts and its search document, made where the record is made (a page worker, renormalise) so
// the single SQLite writer only inserts. Pure.

import type { StoredRecord } from '../catalogue/catalogue.js';
import { searchDocument } from '../catalogue/search-document.js';
import type { NormalisedRecord } from '../model/record.js';

export type StoredForm = Pick<StoredRecord, 'id' | 'record' | 'issueCount' | 'errorCount' | 'search'>;

/** The stored form of `record`; `json`, when the caller has it already, is its JSON. */
export function storedForm(record: NormalisedRecord, json: string = JSON.stringify(record)): StoredForm {
  let errorCount = 0;
  for (const issue of record.issues) if (issue.severity === 'error') errorCount++;
  return { id: record.id, record: json, issueCount: record.issues.length, errorCount, search: searchDocument(record) ?? null };
}
