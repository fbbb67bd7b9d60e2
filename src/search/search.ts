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
  /** Also count facets for the query (source, type, language, rights, decade), in the unit of the hits. */
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

/**
 * Counts per value, most frequent first (decades in order), in the unit of the hits: clusters by
 * default, records with `records`. A cluster counts once under each value any of its matching
 * members has (so a count is the total that filtering on the value gives, and a facet's counts
 * can add up to more than the total). At most 50 values per facet.
 */
export interface Facets {
  source: FacetCount[];
  type: FacetCount[];
  language: FacetCount[];
  rights: FacetCount[];
  decade: FacetCount[];
}

/** Totals are exact up to this many hits; above it (and without facets) a lower bound. */
export const TOTAL_CAP = 10_000;

export interface SearchResult {
  /**
   * Matching clusters (or records with `records`). Exact when `totalExact`; otherwise a lower
   * bound (TOTAL_CAP when past it: "more than 10,000"). Always exact with `facets`.
   */
  total: number;
  totalExact: boolean;
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
    if (hasText) {
      // Each match is joined to its search_meta row anyway: reading the value list there
      // (distinct values, comma-separated, none holding a comma) saves a second B-tree lookup
      // per match, about half the cost of a filtered query over a common word.
      const column = facet === 'type' ? 'm.types' : 'm.languages';
      where.push(`(${values.map(() => `instr(',' || ${column} || ',', ?) > 0`).join(' OR ')})`);
      params.push(...values.map((v) => `,${v},`));
    } else {
      // Without words, search_terms' (facet, value, rowid) key finds the few rows directly.
      where.push(`EXISTS (SELECT 1 FROM search_terms t WHERE t.facet = '${facet}' AND t.value IN (${inList(values)}) AND t.rowid = m.rowid)`);
      params.push(...values);
    }
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
  // search_meta is joined only when a filter (beyond the MATCH) needs it: a plain text query reads the FTS index alone.
  const from = !hasText ? 'search_meta m' : where.length > 1 ? 'search_text JOIN search_meta m ON m.rowid = search_text.rowid' : 'search_text';
  return { from, key: hasText ? 'search_text.rowid' : 'm.rowid', where, params, score: hasText ? 'search_text.rank' : '0', hasText };
}

const whereSql = (where: string[]): string => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/**
 * A page position: the score and tie-breaker of the last record a page consumed. Ties in score are
 * broken by catalogue order (rowid) for text queries, so the index alone orders them; by record id
 * when there are no words (every score is 0) and the id index gives the order.
 */
type Position = [number, string | number];

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
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
 * Read-side settings for a connection that searches. Memory-maps the catalogue (up to SQLite's
 * compiled cap, 2 GiB here): at a million records one query reads hundreds of MB of FTS5 doclists
 * and search_meta pages at random, and through the page cache each page was a pread() call
 * (measured at 1,000,000 records: median 187 ms before, 54 ms after, same queries). Mapped pages
 * count in the process's RSS (as file-backed, shared with the OS page cache). Exports read in
 * rowid order and gain nothing from it (measured: 8.0 s without, 9.6 s with, for 1,000,000
 * records), so they do not map. Per connection; reads only.
 */
function tuneForReading(db: Database.Database): void {
  db.pragma('mmap_size = 17179869184');
}

export interface SearcherOptions {
  /** Totals are exact up to this many hits (default TOTAL_CAP); tests lower it. */
  totalCap?: number;
}

/**
 * A searcher over an open catalogue. Statements are prepared once per distinct SQL and reused.
 * Throws ERR_CATALOGUE when the catalogue has no search index (written by an older entente and
 * opened read-only before being migrated) and ERR_QUERY_PARAMETER for a bad limit or cursor.
 */
export function createSearcher(db: Database.Database, options: SearcherOptions = {}): Searcher {
  const totalCap = options.totalCap ?? TOTAL_CAP;
  // Matching records read to count clusters past the cap (a cluster holds two or more records).
  const totalScan = 3 * totalCap;
  const needsMigration = !hasTable(db, 'search_meta') || (hasTable(db, 'cluster_members') && !hasTable(db, 'search_clusters'));
  if (needsMigration) {
    throw new EntenteError('ERR_CATALOGUE', 'This catalogue has no search index yet: open it once with a command that writes (e.g. `entente status` after upgrading, or `entente harvest`)', {
      context: { path: db.name },
    });
  }
  tuneForReading(db);
  // search_clusters (migration 7) maps a clustered record's rowid, the index's key, to its cluster.
  const clustered = hasTable(db, 'search_clusters') && hasTable(db, 'clusters');
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
  const clusterOfRow = clustered ? db.prepare<[number], { cluster_id: string }>('SELECT cluster_id FROM search_clusters WHERE rowid = ?') : undefined;
  const clusterStmt = clustered ? db.prepare<[string], { size: number; merged: string }>('SELECT size, merged FROM clusters WHERE id = ?') : undefined;
  const anyClusterStmt = clustered ? db.prepare('SELECT 1 FROM search_clusters LIMIT 1') : undefined;
  const anyClusters = (): boolean => anyClusterStmt?.get() !== undefined;

  /** Candidate records in page order after `after`, at most `limit`; restricted to a cluster's members when given. */
  const page = (c: CandidateSql, after: Position | undefined, limit: number, clusterId?: string): Row[] => {
    const where = [...c.where];
    const params = [...c.params];
    if (clusterId !== undefined) {
      where.push(`${c.key} IN (SELECT rowid FROM search_clusters WHERE cluster_id = ?)`);
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

  /** FROM clause with search_meta joined (facets read it) and, per cluster, search_clusters. */
  const fromWith = (c: CandidateSql, meta: boolean, byCluster: boolean): string =>
    c.from + (meta && c.from === 'search_text' ? ' JOIN search_meta m ON m.rowid = search_text.rowid' : '') + (byCluster ? ` LEFT JOIN search_clusters s ON s.rowid = ${c.key}` : '');
  // Units among matching rows: every record, less the further matching members of each cluster
  // (`cl` is the row's cluster, NULL for a singleton or when counting records).
  const UNITS = 'count(*) - count(cl) + count(DISTINCT cl)';

  /**
   * The total in the unit of the hits, exact up to TOTAL_CAP. Counting every match of a common
   * word costs as much as ranking it again (a fifth of a million records: ~200 ms with clusters),
   * so only the first matches in index order are read: all of them when there are few, and
   * enough to know there are more than TOTAL_CAP units otherwise.
   */
  const count = (c: CandidateSql, byCluster: boolean): { total: number; exact: boolean } => {
    const scan = byCluster ? totalScan : totalCap + 1;
    const sql = `SELECT count(*) AS records, ${UNITS} AS n FROM (SELECT ${byCluster ? 's.cluster_id' : 'NULL'} AS cl FROM ${fromWith(c, false, byCluster)} ${whereSql(c.where)} LIMIT ?)`;
    const { records, n } = stmt(sql).get(...c.params, scan) as { records: number; n: number };
    if (records < scan) return { total: n, exact: true };
    // More matches than were read: at least n units; reported as the cap once past it.
    return { total: Math.min(n, totalCap), exact: false };
  };

  /**
   * Every match of a text query, ordered, with its cluster, when there are at most totalCap of
   * them; undefined when there are more. One pass over the index then gives the page, the one
   * hit per cluster (a cluster's first row is its best) and an exact total, where ORDER BY ...
   * LIMIT and a count would each walk every match of the words (and, with filters, look each up
   * in search_meta): most filtered queries find few records among many matches of their words.
   */
  const fewMatches = (c: CandidateSql, byCluster: boolean): { rowid: number; score: number; cl: string | null }[] | undefined => {
    const sql = `SELECT ${c.key}, ${c.score}, ${byCluster ? 's.cluster_id' : 'NULL'} FROM ${fromWith(c, false, byCluster)} ${whereSql(c.where)} LIMIT ?`;
    const rows = stmt(sql).raw(true).all(...c.params, totalCap + 1) as [number, number, string | null][];
    if (rows.length > totalCap) return undefined;
    // The order of the SQL path: score, then rowid (both numbers, compared as SQLite does).
    return rows.map(([rowid, score, cl]) => ({ rowid, score, cl })).sort((a, b) => a.score - b.score || a.rowid - b.rowid);
  };

  /**
   * Facet counts in the unit of the hits (clusters, or records with `records`), and the total in
   * that unit. A cluster counts once under each value that any of its matching members has, so a
   * value's count is the total that filtering on it gives.
   */
  const facets = (c: CandidateSql, byCluster: boolean, rowids?: number[]): { facets: Facets; total: number } => {
    // One lookup per match into search_meta (and search_clusters), materialised once; for the
    // matches fewMatches already holds, by their rowids, rather than walking every match of the
    // words through the filters again. Singletons are counted in SQL with two sorts (source,
    // rights and decade together: few combinations; then type and language combinations, split
    // below); clustered matches (a minority) come to JavaScript, where each (facet, value,
    // cluster) counts once. Each GROUP BY sorts every row it reads, so fewer of them is cheaper.
    const matches = rowids
      ? `json_each(?) j JOIN search_meta m ON m.rowid = j.value${byCluster ? ' LEFT JOIN search_clusters s ON s.rowid = m.rowid' : ''}`
      : `${fromWith(c, true, byCluster)} ${whereSql(c.where)}`;
    const sql = `WITH c AS MATERIALIZED (SELECT m.source_id AS source, m.rights AS rights, m.year_from - (((m.year_from % 10) + 10) % 10) AS decade, m.types AS types, m.languages AS languages, ${byCluster ? 's.cluster_id' : 'NULL'} AS cl FROM ${matches})
      SELECT 0, source, rights, decade, NULL, NULL, count(*) FROM c WHERE cl IS NULL GROUP BY source, rights, decade
      UNION ALL SELECT 1, NULL, NULL, NULL, types, languages, count(*) FROM c WHERE cl IS NULL GROUP BY types, languages
      UNION ALL SELECT 2, source, rights, decade, types, languages, cl FROM c WHERE cl IS NOT NULL`;
    type FacetRow = [part: 0 | 1 | 2, source: string | null, rights: string | null, decade: number | null, types: string | null, languages: string | null, n: number | string];
    const counts = { source: new Map<string, number>(), type: new Map<string, number>(), language: new Map<string, number>(), rights: new Map<string, number>(), decade: new Map<string, number>() };
    const add = (facet: keyof Facets, value: string | number | null, n: number): void => {
      if (value === null) return;
      const key = String(value);
      counts[facet].set(key, (counts[facet].get(key) ?? 0) + n);
    };
    const seen = new Set<string>();
    const clusters = new Set<string>();
    let total = 0;
    const params = rowids ? [JSON.stringify(rowids)] : c.params;
    for (const [part, source, rights, decade, types, languages, n] of stmt(sql).raw(true).all(...params) as FacetRow[]) {
      if (part === 0) {
        total += Number(n);
        add('source', source, Number(n));
        add('rights', rights, Number(n));
        add('decade', decade, Number(n));
      } else if (part === 1) {
        for (const v of types?.split(',') ?? []) add('type', v, Number(n));
        for (const v of languages?.split(',') ?? []) add('language', v, Number(n));
      } else {
        // A clustered match; n is its cluster id. Count each (facet, value, cluster) once.
        const cl = String(n);
        clusters.add(cl);
        const once = (facet: keyof Facets, value: string | number | null): void => {
          if (value === null) return;
          const key = `${facet}\u0000${value}\u0000${cl}`;
          if (seen.has(key)) return;
          seen.add(key);
          add(facet, value, 1);
        };
        once('source', source);
        once('rights', rights);
        once('decade', decade);
        for (const v of types?.split(',') ?? []) once('type', v);
        for (const v of languages?.split(',') ?? []) once('language', v);
      }
    }
    const list = (facet: keyof Facets): FacetCount[] => [...counts[facet]].map(([value, count]) => ({ value, count }));
    const byCount = (a: FacetCount, b: FacetCount): number => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    const out: Facets = { source: [], type: [], language: [], rights: [], decade: list('decade').sort((a, b) => Number(a.value) - Number(b.value)) };
    for (const key of ['source', 'type', 'language', 'rights'] as const) out[key] = list(key).sort(byCount).slice(0, 50);
    return { facets: out, total: total + clusters.size };
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
      const hitOf = (rowid: number, clusterId: string | null | undefined, score: number): SearchHit => {
        const { id, record } = load(rowid);
        if (!byCluster) return { kind: request.records ? 'record' : 'cluster', id, recordId: id, size: 1, score: c.hasText ? score : null, record };
        const cluster = clusterId ? clusterStmt?.get(clusterId) : undefined;
        const hit: SearchHit = { kind: 'cluster', id: clusterId ?? id, recordId: id, size: cluster?.size ?? 1, score: c.hasText ? score : null, record };
        if (cluster && cluster.size > 1) hit.merged = JSON.parse(cluster.merged) as MergedView;
        return hit;
      };
      const few = c.hasText ? fewMatches(c, byCluster) : undefined;
      let exactTotal: number | undefined;
      if (few) {
        // All matches are here, in order: a cluster stands where its first (best) row stands.
        const placed = new Set<string>();
        const units: typeof few = [];
        for (const row of few) {
          if (row.cl !== null) {
            if (placed.has(row.cl)) continue;
            placed.add(row.cl);
          }
          units.push(row);
        }
        exactTotal = units.length;
        const from = after;
        const start = from === undefined ? 0 : units.findIndex((u) => u.score > from[0] || (u.score === from[0] && u.rowid > Number(from[1])));
        const pageUnits = start < 0 ? [] : units.slice(start, start + limit);
        more = start >= 0 && units.length > start + limit;
        for (const u of pageUnits) {
          hits.push(hitOf(u.rowid, u.cl, u.score));
          after = [u.score, u.rowid];
        }
      } else if (!byCluster) {
        const rows = page(c, after, limit + 1);
        more = rows.length > limit;
        for (const row of rows.slice(0, limit)) {
          hits.push(hitOf(row.rowid, undefined, row.score));
          after = positionOf(c, row);
        }
      } else {
        // A cluster appears where its best-ranked matching member stands; later members are
        // skipped (on this page and the next ones, since they rank after that member). Walking
        // from the start, a cluster's first row is its best; after a cursor, a better member may
        // lie before it, so the first row of each cluster is checked once.
        const fromCursor = after !== undefined;
        const placed = new Set<string>();
        const batch = Math.max(limit * 2, 50);
        let cursor = after;
        outer: for (;;) {
          const rows = page(c, cursor, batch);
          for (const row of rows) {
            const clusterId = clusterOfRow?.get(row.rowid)?.cluster_id;
            cursor = positionOf(c, row);
            if (clusterId !== undefined) {
              if (placed.has(clusterId)) continue;
              placed.add(clusterId);
              if (fromCursor && page(c, undefined, 1, clusterId)[0]?.rowid !== row.rowid) continue;
            }
            if (hits.length === limit) {
              more = true;
              break outer;
            }
            hits.push(hitOf(row.rowid, clusterId, row.score));
            after = cursor;
          }
          if (rows.length < batch) break;
        }
      }
      // With facets, one pass over the matches gives the total and the counts.
      const counted = request.facets ? facets(c, byCluster, few?.map((row) => row.rowid)) : undefined;
      // A text query per record that fewMatches found past the cap is known to be past it: no count.
      const total = counted
        ? { total: counted.total, exact: true }
        : exactTotal !== undefined
          ? { total: exactTotal, exact: true }
          : c.hasText && !byCluster
            ? { total: totalCap, exact: false }
            : count(c, byCluster);
      const result: SearchResult = {
        total: total.total,
        totalExact: total.exact,
        hits,
        nextCursor: more && after ? encodeCursor(after) : null,
        match: parsed.match,
      };
      if (counted) result.facets = counted.facets;
      return result;
    },
  };
}
