// Full-text search with filters, facets and cursor paging over the catalogue's search index
// (migration "search"). The SQL of search lives here, reached through `catalogue.db`. Read-only.

import type Database from 'better-sqlite3';
import { EntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import type { MergedView } from '../dedupe/types.js';
import { DEFAULT_LIMIT, MAX_LIMIT, type SearchFilters } from './filters.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { hasTable } from '../catalogue/tables.js';

export interface SearchRequest {
  /** What the user typed; empty or absent lists every record that passes the filters. */
  q?: string;
  filters?: SearchFilters;
  /** One hit per record instead of one per cluster. */
  records?: boolean;
  /** Page size, 1..MAX_LIMIT (default DEFAULT_LIMIT). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
  /** Also count facets for the query (source, type, language, rights, decade). */
  facets?: boolean;
}

export interface SearchHit {
  /** `cluster`: the best-ranked member stands for its cluster; `record`: with --records. */
  kind: 'cluster' | 'record';
  /** The cluster id (kind cluster: a singleton's is its record id) or the record id. */
  id: string;
  /** The record that matched best. */
  recordId: string;
  /** Members of its cluster (1 for a singleton). */
  size: number;
  /** BM25 score, lower is better; null for a query without words. */
  score: number | null;
  record: NormalisedRecord;
  /** The cluster's merged view, when it has more than one member. */
  merged?: MergedView;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** Counts of live matching records (not clusters) per value, most frequent first; decades in order. */
export interface Facets {
  source: FacetCount[];
  type: FacetCount[];
  language: FacetCount[];
  rights: FacetCount[];
  decade: FacetCount[];
}

export interface SearchResult {
  /** Matching clusters (or records with `records`). */
  total: number;
  hits: SearchHit[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  facets?: Facets;
  /** The FTS5 expression the query became (for --json and debugging); null without words. */
  match: string | null;
}

/** Where-clause pieces selecting live records by query and filters; `m` is search_meta, `search_text` the FTS table. */
export interface CandidateSql {
  /** FROM clause: the FTS table when there are words, search_meta (as m) when there are filters or no words. */
  from: string;
  /** SQL of the matching record's rowid (records.rowid). */
  key: string;
  where: string[];
  params: unknown[];
  /** SQL of the score: the FTS5 rank (BM25) with words, 0 without. */
  score: string;
  hasText: boolean;
}

/** Builds the SQL that selects live records matching a parsed query and filters. Pure. */
export function buildCandidateSql(parsed: ParsedQuery, filters: SearchFilters = {}): CandidateSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const hasText = parsed.match !== null;
  if (hasText) {
    where.push('search_text MATCH ?');
    params.push(parsed.match);
  } else if (parsed.exclude) {
    where.push('m.rowid NOT IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)');
    params.push(parsed.exclude);
  }
  const inList = (values: unknown[]): string => values.map(() => '?').join(', ');
  if (filters.source?.length) {
    where.push(`m.source_id IN (${inList(filters.source)})`);
    params.push(...filters.source);
  }
  for (const facet of ['type', 'language'] as const) {
    const values = filters[facet];
    if (!values?.length) continue;
    where.push(`EXISTS (SELECT 1 FROM search_terms t WHERE t.facet = '${facet}' AND t.value IN (${inList(values)}) AND t.rowid = m.rowid)`);
    params.push(...values);
  }
  // Overlap of the record's year range with from..to.
  if (filters.from !== undefined) {
    where.push('m.year_to >= ?');
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('m.year_from <= ?');
    params.push(filters.to);
  }
  if (filters.rights?.length) {
    where.push(`m.rights IN (${inList(filters.rights)})`);
    params.push(...filters.rights);
  }
  if (filters.hasMedia !== undefined) {
    where.push('m.has_media = ?');
    params.push(filters.hasMedia ? 1 : 0);
  }
  if (filters.hasIssues !== undefined) {
    where.push('m.has_issues = ?');
    params.push(filters.hasIssues ? 1 : 0);
  }
  // search_meta is joined only when a filter needs it: a plain text query reads the FTS index alone.
  const needsMeta = where.length > (hasText ? 1 : 0) || !hasText;
  const from = hasText ? (needsMeta ? 'search_text JOIN search_meta m ON m.rowid = search_text.rowid' : 'search_text') : 'search_meta m';
  return { from, key: hasText ? 'search_text.rowid' : 'm.rowid', where, params, score: hasText ? 'search_text.rank' : '0', hasText };
}

const whereSql = (where: string[]): string => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/**
 * A page position: the score and tie-breaker of the last record a page consumed. Ties in score are
 * broken by catalogue order (rowid) for text queries, so the index alone orders them; by record id
 * when there are no words (every score is 0) and the id index gives the order.
 */
type Position = [number, string | number];

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && Number.isFinite(value[0]) && (typeof value[1] === 'string' || Number.isInteger(value[1]))) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new EntenteError('ERR_QUERY_PARAMETER', 'cursor: not a cursor this catalogue gave out (pass nextCursor from the previous page as is)', {
    context: { parameter: 'cursor', value: cursor.slice(0, 100) },
  });
}

interface Row {
  rowid: number;
  score: number;
  /** Present for queries without words (ordered by id). */
  id?: string;
}

export interface Searcher {
  search(request: SearchRequest): SearchResult;
}

/**
 * A searcher over an open catalogue. Statements are prepared once per distinct SQL and reused.
 * Throws ERR_CATALOGUE when the catalogue has no search index (written by an older entente and
 * opened read-only before being migrated) and ERR_QUERY_PARAMETER for a bad limit or cursor.
 */
export function createSearcher(db: Database.Database): Searcher {
  if (!hasTable(db, 'search_meta')) {
    throw new EntenteError('ERR_CATALOGUE', 'This catalogue has no search index yet: open it once with a command that writes (e.g. `entente status` after upgrading, or `entente harvest`)', {
      context: { path: db.name },
    });
  }
  const clustered = hasTable(db, 'cluster_members') && hasTable(db, 'clusters');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      // Filters vary the SQL (IN lists of any length): keep the cache bounded in a long-lived server.
      if (cache.size >= 256) cache.clear();
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const recordStmt = db.prepare<[number], { id: string; record: string }>('SELECT id, record FROM records WHERE rowid = ?');
  const idStmt = db.prepare<[number], { id: string }>('SELECT id FROM records WHERE rowid = ?');
  const clusterStmt = clustered
    ? db.prepare<[string], { id: string; size: number; merged: string }>(
        'SELECT c.id, c.size, c.merged FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id WHERE cm.record_id = ?',
      )
    : undefined;
  const anyClusters = (): boolean => clustered && db.prepare('SELECT 1 FROM cluster_members LIMIT 1').get() !== undefined;

  /** Candidate records in page order after `after`, at most `limit`; restricted to a cluster's members when given. */
  const page = (c: CandidateSql, after: Position | undefined, limit: number, clusterId?: string): Row[] => {
    const where = [...c.where];
    const params = [...c.params];
    if (clusterId !== undefined) {
      where.push(`${c.key} IN (SELECT r.rowid FROM cluster_members cm JOIN records r ON r.id = cm.record_id WHERE cm.cluster_id = ?)`);
      params.push(clusterId);
    }
    if (!c.hasText) {
      // No words: every score is 0, so the order is the id's, and SQLite can walk the id index.
      const sql = `SELECT m.rowid AS rowid, r.id AS id, 0 AS score FROM ${c.from} JOIN records r ON r.rowid = m.rowid ${whereSql(where)}${where.length ? ' AND' : ' WHERE'} r.id > ? ORDER BY r.id LIMIT ?`;
      return stmt(sql).all(...params, after === undefined ? '' : String(after[1]), limit) as Row[];
    }
    const base = `SELECT ${c.key} AS rowid, ${c.score} AS score FROM ${c.from} ${whereSql(where)}`;
    if (!after) return stmt(`${base} ORDER BY score, rowid LIMIT ?`).all(...params, limit) as Row[];
    const sql = `SELECT * FROM (${base}) WHERE score > ? OR (score = ? AND rowid > ?) ORDER BY score, rowid LIMIT ?`;
    return stmt(sql).all(...params, after[0], after[0], Number(after[1]), limit) as Row[];
  };
  const positionOf = (c: CandidateSql, row: Row): Position => [row.score, c.hasText ? row.rowid : (row.id as string)];

  const count = (c: CandidateSql, byCluster: boolean): number => {
    // Per cluster: the matching records, less one for each further matching member of a cluster.
    // Walks cluster_members (a fraction of the records) rather than joining every match to it.
    const sql = byCluster
      ? `WITH c AS MATERIALIZED (SELECT ${c.key} AS rowid FROM ${c.from} ${whereSql(c.where)})
         SELECT (SELECT count(*) FROM c) - COALESCE((SELECT sum(n - 1) FROM (
           SELECT count(*) AS n FROM cluster_members cm JOIN records r ON r.id = cm.record_id JOIN c ON c.rowid = r.rowid GROUP BY cm.cluster_id)), 0) AS n`
      : `SELECT count(*) AS n FROM ${c.from} ${whereSql(c.where)}`;
    return (stmt(sql).get(...c.params) as { n: number }).n;
  };

  const facets = (c: CandidateSql): Facets => {
    // One lookup per match into search_meta, materialised once; multi-valued types and languages
    // are counted per distinct combination here and split below (few combinations, many records).
    const sql = `WITH c AS MATERIALIZED (SELECT m.source_id, m.rights, m.year_from, m.types, m.languages FROM ${c.from}${c.from === 'search_text' ? ' JOIN search_meta m ON m.rowid = search_text.rowid' : ''} ${whereSql(c.where)})
      SELECT 'source' AS facet, source_id AS value, count(*) AS n FROM c GROUP BY 2
      UNION ALL SELECT 'rights', rights, count(*) FROM c GROUP BY 2
      UNION ALL SELECT 'decade', year_from - (((year_from % 10) + 10) % 10), count(*) FROM c WHERE year_from IS NOT NULL GROUP BY 2
      UNION ALL SELECT 'type', types, count(*) FROM c WHERE types IS NOT NULL GROUP BY 2
      UNION ALL SELECT 'language', languages, count(*) FROM c WHERE languages IS NOT NULL GROUP BY 2`;
    const out: Facets = { source: [], type: [], language: [], rights: [], decade: [] };
    const multi = { type: new Map<string, number>(), language: new Map<string, number>() };
    for (const row of stmt(sql).all(...c.params) as { facet: keyof Facets; value: string | number; n: number }[]) {
      if (row.facet === 'type' || row.facet === 'language') {
        for (const v of String(row.value).split(',')) multi[row.facet].set(v, (multi[row.facet].get(v) ?? 0) + row.n);
      } else out[row.facet].push({ value: String(row.value), count: row.n });
    }
    for (const key of ['type', 'language'] as const) out[key] = [...multi[key]].map(([value, count]) => ({ value, count }));
    const byCount = (a: FacetCount, b: FacetCount): number => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    for (const key of ['source', 'type', 'language', 'rights'] as const) out[key] = out[key].sort(byCount).slice(0, 50);
    out.decade.sort((a, b) => Number(a.value) - Number(b.value));
    return out;
  };

  const load = (rowid: number): { id: string; record: NormalisedRecord } => {
    const row = recordStmt.get(rowid);
    if (!row) throw new EntenteError('ERR_CATALOGUE', `The search index names record row ${rowid}, which is gone`, { context: { path: db.name } });
    return { id: row.id, record: JSON.parse(row.record) as NormalisedRecord };
  };

  return {
    search(request) {
      const limit = request.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new EntenteError('ERR_QUERY_PARAMETER', `limit: expected a whole number from 1 to ${MAX_LIMIT}, got ${limit}`, { context: { parameter: 'limit', value: limit } });
      }
      const parsed = parseQuery(request.q ?? '');
      const c = buildCandidateSql(parsed, request.filters);
      let after = request.cursor ? decodeCursor(request.cursor) : undefined;
      const byCluster = !request.records && clustered && anyClusters();
      const hits: SearchHit[] = [];
      let more = false;
      if (!byCluster) {
        const rows = page(c, after, limit + 1);
        more = rows.length > limit;
        for (const row of rows.slice(0, limit)) {
          const { id, record } = load(row.rowid);
          hits.push({ kind: request.records ? 'record' : 'cluster', id, recordId: id, size: 1, score: c.hasText ? row.score : null, record });
          after = positionOf(c, row);
        }
      } else {
        // A cluster appears where its best-ranked matching member stands; later members are
        // skipped (on this page and the next ones, since they rank after that member).
        const batch = Math.max(limit * 2, 50);
        let cursor = after;
        outer: for (;;) {
          const rows = page(c, cursor, batch);
          for (const row of rows) {
            const id = row.id ?? idStmt.get(row.rowid)?.id ?? '';
            const cluster = clusterStmt?.get(id);
            cursor = positionOf(c, row);
            if (cluster && cluster.size > 1) {
              const best = page(c, undefined, 1, cluster.id)[0];
              if (best && best.rowid !== row.rowid) continue;
            }
            if (hits.length === limit) {
              more = true;
              break outer;
            }
            const { record } = load(row.rowid);
            const hit: SearchHit = { kind: 'cluster', id: cluster?.id ?? id, recordId: id, size: cluster?.size ?? 1, score: c.hasText ? row.score : null, record };
            if (cluster && cluster.size > 1) hit.merged = JSON.parse(cluster.merged) as MergedView;
            hits.push(hit);
            after = cursor;
          }
          if (rows.length < batch) break;
        }
      }
      const result: SearchResult = {
        total: count(c, byCluster),
        hits,
        nextCursor: more && after ? encodeCursor(after) : null,
        match: parsed.match,
      };
      if (request.facets) result.facets = facets(c);
      return result;
    },
  };
}
