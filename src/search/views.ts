// Read views for researchers: one record with its provenance, one cluster, the sources with their
// last run and conformance summary. Shared by `entente show` and the API. Read-only SQL.

import type Database from 'better-sqlite3';
import type { Catalogue, SourceSummary } from '../catalogue/catalogue.js';
import { clusterOf, getCluster } from '../catalogue/clusters.js';
import type { ClusterView } from '../dedupe/types.js';
import { EntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import { hasTable } from '../catalogue/tables.js';
import { latestReportSummary } from '../conformance/store.js';
import type { ReportSummary } from '../conformance/types.js';

/** Where a record came from and when entente saw it. */
export interface Provenance {
  sourceId: string;
  sourceName: string | null;
  /** The source's base URL. */
  sourceUrl: string | null;
  localId: string;
  datestamp: string;
  format: string;
  sets: string[];
  /** Runs that first and last saw the record (ids in `entente status`). */
  firstRun: number | null;
  lastRun: number | null;
  harvestedAt: string;
  updatedAt: string;
  /** The payload's SHA-256, as served. */
  hash: string | null;
}

export interface RecordView {
  record: NormalisedRecord;
  deleted: boolean;
  cluster: { id: string; size: number };
  provenance: Provenance;
  /** Path of the raw original (relative to the API root) and its media type. */
  raw: { href: string; contentType: string };
}

function notFound(what: string, id: string): EntenteError {
  return new EntenteError('ERR_NOT_FOUND', `No ${what} with id "${id}"`, { context: { recordId: id } });
}

/** The media type of a raw payload by its format: JSON sources keep JSON, everything else is XML. */
export function rawContentType(format: string, payload: string): string {
  return /^\s*[[{]/.test(payload) || /json/i.test(format) ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
}

/** One record (tombstones included, flagged) with its cluster and provenance; ERR_NOT_FOUND if unknown. */
export function readRecordView(db: Database.Database, id: string): RecordView {
  const row = db
    .prepare<[string], {
      record: string; deleted: number; source_id: string; local_id: string; updated_at: string;
      name: string | null; url: string | null; datestamp: string | null; format: string | null; first_run: number | null; last_run: number | null; hash: string | null;
    }>(
      `SELECT r.record, r.deleted, r.source_id, r.local_id, r.updated_at, s.name, s.url, w.datestamp, w.format, w.first_run, w.last_run, w.hash
       FROM records r LEFT JOIN sources s ON s.id = r.source_id LEFT JOIN raw_records w ON w.source_id = r.source_id AND w.local_id = r.local_id
       WHERE r.id = ?`,
    )
    .get(id);
  if (!row) throw notFound('record', id);
  const record = JSON.parse(row.record) as NormalisedRecord;
  const cluster = hasTable(db, 'cluster_members') ? clusterOf(db, id) : { id, size: 1 };
  const format = row.format ?? record.source.format;
  return {
    record,
    deleted: row.deleted === 1,
    cluster,
    provenance: {
      sourceId: row.source_id,
      sourceName: row.name,
      sourceUrl: row.url,
      localId: row.local_id,
      datestamp: row.datestamp ?? record.source.datestamp,
      format,
      sets: record.source.sets,
      firstRun: row.first_run,
      lastRun: row.last_run,
      harvestedAt: record.source.harvestedAt,
      updatedAt: row.updated_at,
      hash: row.hash,
    },
    raw: { href: `/api/records/${encodeURIComponent(id)}/raw`, contentType: /json/i.test(format) ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8' },
  };
}

/** The raw original of a record as served, with its media type; ERR_NOT_FOUND if unknown. */
export function readRawRecord(catalogue: Catalogue, id: string): { payload: string; contentType: string } {
  const row = catalogue.db.prepare<[string], { source_id: string; local_id: string; format: string | null }>(
    'SELECT r.source_id, r.local_id, w.format FROM records r LEFT JOIN raw_records w ON w.source_id = r.source_id AND w.local_id = r.local_id WHERE r.id = ?',
  ).get(id);
  const raw = row ? catalogue.rawPayload(row.source_id, row.local_id) : undefined;
  if (!row || !raw) throw notFound('record', id);
  return { payload: raw.payload, contentType: rawContentType(row.format ?? '', raw.payload) };
}

/** A cluster (merged view, members, reasons), or a live record's singleton; ERR_NOT_FOUND if unknown. */
export function readClusterView(db: Database.Database, id: string): ClusterView {
  const view = hasTable(db, 'clusters') ? getCluster(db, id) : undefined;
  if (!view) throw notFound('cluster', id);
  return view;
}

/** The member records of a cluster, for side-by-side display. */
export function readMemberRecords(db: Database.Database, ids: string[]): NormalisedRecord[] {
  const stmt = db.prepare<[string], { record: string }>('SELECT record FROM records WHERE id = ?');
  return ids.flatMap((id) => {
    const row = stmt.get(id);
    return row ? [JSON.parse(row.record) as NormalisedRecord] : [];
  });
}

export interface SourceView extends SourceSummary {
  /** The latest `entente check --source` summary, when the source has been checked. */
  conformance: (ReportSummary & { checkedAt: string }) | null;
}

/** Sources with counts and last run, plus the latest conformance summary where a report exists. */
export function readSources(catalogue: Catalogue): SourceView[] {
  return catalogue.sources().map((s) => {
    const report = latestReportSummary(catalogue.db, s.id);
    return { ...s, conformance: report ? { checkedAt: report.checkedAt, ...report.summary } : null };
  });
}
