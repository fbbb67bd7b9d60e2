// Keeps conformance reports in the catalogue (table conformance_reports, migration 6), so each
// run's conformance is kept and `entente status` and the API can show the latest. The SQL of
// this feature lives here, beside the catalogue; it knows nothing of how checks run.

import type Database from 'better-sqlite3';
import { EntenteError } from '../errors.js';
import type { ConformanceReport, ReportSummary } from './types.js';
import { hasTable } from '../catalogue/tables.js';

/** What `status` and the API show of a source's latest check. */
export interface StoredReportSummary {
  id: number;
  sourceId: string;
  checkedAt: string;
  url: string;
  summary: ReportSummary;
}

/** Stores a report for a configured source; returns its row id. */
export function saveReport(db: Database.Database, sourceId: string, report: ConformanceReport): number {
  if (!hasTable(db, 'conformance_reports')) throw new EntenteError('ERR_CATALOGUE', 'The catalogue has no conformance_reports table: open it with openCatalogue() so its migrations run', { context: { source: sourceId } });
  const info = db
    .prepare('INSERT INTO conformance_reports (source_id, checked_at, url, outcome, score, summary, report) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(sourceId, report.checkedAt, report.target.url, report.summary.outcome, report.summary.score ?? null, JSON.stringify(report.summary), JSON.stringify(report));
  return Number(info.lastInsertRowid);
}

/** The summary of a source's latest stored report, or undefined (none stored, or an older catalogue without the table). */
export function latestReportSummary(db: Database.Database, sourceId: string): StoredReportSummary | undefined {
  return reportHistory(db, sourceId, 1)[0];
}

/** A stored report in full, by row id. */
export function readReport(db: Database.Database, id: number): ConformanceReport | undefined {
  if (!hasTable(db, 'conformance_reports')) return undefined;
  const row = db.prepare('SELECT report FROM conformance_reports WHERE id = ?').get(id) as { report: string } | undefined;
  return row ? (JSON.parse(row.report) as ConformanceReport) : undefined;
}

/** The summaries of a source's reports, newest first. */
export function reportHistory(db: Database.Database, sourceId: string, limit = 20): StoredReportSummary[] {
  if (!hasTable(db, 'conformance_reports')) return [];
  const rows = db
    .prepare('SELECT id, source_id, checked_at, url, summary FROM conformance_reports WHERE source_id = ? ORDER BY id DESC LIMIT ?')
    .all(sourceId, limit) as { id: number; source_id: string; checked_at: string; url: string; summary: string }[];
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id, checkedAt: r.checked_at, url: r.url, summary: JSON.parse(r.summary) as ReportSummary }));
}
