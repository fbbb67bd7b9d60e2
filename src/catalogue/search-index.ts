// Keeps the search tables (migration "search": search_text, search_meta, search_terms) in step
// with `records`, from the write path itself: every statement that writes a record calls put()
// or remove() in the same transaction, so the index never disagrees with the catalogue.
// Values come ready from searchDocument() (computed off the main thread); see search-document.ts
// for why this is not done by triggers.

import type Database from 'better-sqlite3';
import type { SearchDocument } from './search-document.js';
import { hasTable } from './tables.js';

export interface SearchIndexWriter {
  /** Indexes (or re-indexes) a live record; `isNew` (a row just inserted) skips looking for an old entry. */
  put(rowid: number | bigint, sourceId: string, doc: SearchDocument, isNew?: boolean): void;
  /** Drops a record from the index (a tombstone); a no-op when it is not there. */
  remove(rowid: number | bigint): void;
  /** Brings a written row's entry in step: put() when it has a document, remove() when not (unless `isNew`). */
  sync(rowid: number | bigint, sourceId: string, doc: SearchDocument | null | undefined, isNew?: boolean): void;
}

/** The writer, or undefined when the catalogue has no search tables. */
export function createSearchIndexWriter(db: Database.Database): SearchIndexWriter | undefined {
  if (!hasTable(db, 'search_text')) return undefined;
  const delText = db.prepare('DELETE FROM search_text WHERE rowid = ?');
  const delMeta = db.prepare('DELETE FROM search_meta WHERE rowid = ?');
  const delTerms = db.prepare('DELETE FROM search_terms WHERE rowid = ?');
  const insText = db.prepare('INSERT INTO search_text (rowid, title, alternative, creator, subject, description, publisher, spatial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insMeta = db.prepare('INSERT INTO search_meta (rowid, source_id, year_from, year_to, rights, has_media, has_issues, types, languages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insTerm = db.prepare('INSERT OR IGNORE INTO search_terms (facet, value, rowid) VALUES (?, ?, ?)');
  // A new row has nothing to delete; knowing that saves three deletes a record on a first harvest.
  const isIndexed = db.prepare<[number | bigint], { x: number }>('SELECT 1 AS x FROM search_meta WHERE rowid = ?');

  const remove = (rowid: number | bigint): void => {
    delText.run(rowid);
    delMeta.run(rowid);
    delTerms.run(rowid);
  };
  const put = (rowid: number | bigint, sourceId: string, doc: SearchDocument, isNew = false): void => {
    if (!isNew && isIndexed.get(rowid)) remove(rowid);
    insText.run(rowid, ...doc.text);
    insMeta.run(rowid, sourceId, doc.yearFrom, doc.yearTo, doc.rights, doc.hasMedia ? 1 : 0, doc.hasIssues ? 1 : 0, doc.types, doc.languages);
    for (const [facet, value] of doc.terms) insTerm.run(facet, value, rowid);
  };
  const removeIfIndexed = (rowid: number | bigint): void => {
    if (isIndexed.get(rowid)) remove(rowid);
  };
  return {
    put,
    remove: removeIfIndexed,
    sync(rowid, sourceId, doc, isNew = false) {
      if (doc) put(rowid, sourceId, doc, isNew);
      else if (!isNew) removeIfIndexed(rowid);
    },
  };
}
