// Streams records out of the catalogue in any export format, with the search filters: a batch
// of rows at a time by rowid (keyset), so memory stays flat and the connection is free between
// batches for other readers (the API serves requests while an export streams). Read-only.

import type Database from 'better-sqlite3';
import type { NormalisedRecord } from '../model/record.js';
import type { SearchFilters } from '../search/filters.js';
import { parseQuery } from '../search/query.js';
import { buildCandidateSql } from '../search/search.js';
import { createFormatter, type ExportFormat } from './formats.js';
import { recordClusterSql } from '../catalogue/clusters.js';

export interface ExportRequest {
  format: ExportFormat;
  /** A search query: only matching records. */
  q?: string;
  filters?: SearchFilters;
  /** Also tombstones (only without a query or filters other than source). */
  includeDeleted?: boolean;
  /** Only records carrying an issue with this code. */
  issueCode?: string;
  /** A UTF-8 byte-order mark first. */
  bom?: boolean;
  /** Rows per batch (default 1000). */
  batchSize?: number;
}

/**
 * The export as text chunks (header, about a batch of records each, footer): iterate it and write
 * each chunk with back-pressure. Records come in catalogue (harvest) order.
 */
export function* exportChunks(db: Database.Database, request: ExportRequest): Generator<string, { records: number }> {
  const formatter = createFormatter(request.format, { bom: request.bom ?? false });
  const batchSize = request.batchSize ?? 1000;
  const parsed = parseQuery(request.q ?? '');
  const filters = request.filters ?? {};
  const { source, ...others } = filters;
  const needsIndex = parsed.match !== null || parsed.exclude !== null || Object.keys(others).length > 0;
  const where: string[] = [];
  const params: unknown[] = [];
  let sql: string;
  // Every exported record carries its dedupe cluster: { id, size } (itself, size 1, when in none).
  const { columns: clusterColumns, joins: clusterJoins } = recordClusterSql(db, 'r');
  if (!needsIndex) {
    if (source?.length) {
      where.push(`r.source_id IN (${source.map(() => '?').join(', ')})`);
      params.push(...source);
    }
    if (!request.includeDeleted) where.push('r.deleted = 0');
    sql = `SELECT r.rowid AS rowid, r.record AS record${clusterColumns} FROM records r${clusterJoins} WHERE r.rowid > ? ${where.map((w) => 'AND ' + w).join(' ')}`;
  } else {
    const c = buildCandidateSql(parsed, filters);
    where.push(...c.where);
    params.push(...c.params);
    sql = `SELECT ${c.key} AS rowid, r.record AS record${clusterColumns} FROM ${c.from} JOIN records r ON r.rowid = ${c.key}${clusterJoins} WHERE ${c.key} > ? ${where.map((w) => 'AND ' + w).join(' ')}`;
  }
  if (request.issueCode) {
    sql += ` AND r.issue_count > 0 AND EXISTS (SELECT 1 FROM json_each(r.record, '$.issues') WHERE json_extract(value, '$.code') = ?)`;
    params.push(request.issueCode);
  }
  sql += ` ORDER BY rowid LIMIT ${batchSize}`;
  const stmt = db.prepare<unknown[], { rowid: number; record: string; cluster_id: string; cluster_size: number }>(sql);
  let after = 0;
  let count = 0;
  yield formatter.header;
  for (;;) {
    const rows = stmt.all(after, ...params);
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) {
      const cluster = { id: row.cluster_id, size: row.cluster_size };
      // NDJSON is the stored JSON with the cluster spliced in before its closing brace (the record
      // model plus `cluster`); the other formats map the record object (CSV has cluster columns).
      chunk +=
        request.format === 'ndjson'
          ? `${row.record.slice(0, row.record.lastIndexOf('}'))},"cluster":${JSON.stringify(cluster)}}\n`
          : formatter.record({ ...(JSON.parse(row.record) as NormalisedRecord), cluster }, count === 0);
      count++;
    }
    after = (rows[rows.length - 1] as { rowid: number }).rowid;
    yield chunk;
    if (rows.length < batchSize) break;
  }
  yield formatter.footer;
  return { records: count };
}
