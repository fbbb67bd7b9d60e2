// The SQL of clusters (migration 3): reads for search, the API and the CLI, and the writes the
// dedupe run makes. Reached through `catalogue.db`; knows nothing of how records are matched.

import type Database from 'better-sqlite3';
import type { NormalisedRecord } from '../model/record.js';
import type { ClusterLink, ClusterMember, ClusterView, LinkRule, LinkStatus, MergedView } from '../dedupe/types.js';
import { hasTable } from './tables.js';

/** The cluster a record belongs to; a record in no stored cluster is its own singleton. */
export function clusterOf(db: Database.Database, recordId: string): { id: string; size: number } {
  return createClusterLookup(db)(recordId);
}

/**
 * A prepared lookup of many records' clusters (for exports and search pages): one statement,
 * reused. Records in no cluster get themselves, size 1.
 */
export function createClusterLookup(db: Database.Database): (recordId: string) => { id: string; size: number } {
  const stmt = db.prepare<[string], { id: string; size: number }>(
    'SELECT c.id, c.size FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE m.record_id = ?',
  );
  return (recordId) => stmt.get(recordId) ?? { id: recordId, size: 1 };
}

interface MemberRow {
  record_id: string;
  rule: LinkRule;
  score: number;
  linked_to: string | null;
  source_id: string | null;
  title: string | null;
}

interface LinkRow {
  a: string;
  b: string;
  rule: LinkRule;
  score: number;
  status: LinkStatus;
  reason: string | null;
}

const toLink = (r: LinkRow): ClusterLink => ({ a: r.a, b: r.b, rule: r.rule, score: r.score, status: r.status, ...(r.reason ? { reason: r.reason } : {}) });

/**
 * A cluster with its merged view, members (and why each is there) and every stored link touching
 * a member. An id that is a live record in no stored cluster gives that record as a singleton;
 * an unknown id gives undefined.
 */
export function getCluster(db: Database.Database, clusterId: string): ClusterView | undefined {
  const row = db
    .prepare<[string], { id: string; size: number; merged: string; rules: string; updated_at: string }>(
      'SELECT id, size, merged, rules, updated_at FROM clusters WHERE id = ?',
    )
    .get(clusterId);
  const linkStmt = db.prepare<[string, string], LinkRow>('SELECT a, b, rule, score, status, reason FROM cluster_links WHERE a = ? OR b = ?');
  if (!row) {
    // A record that belongs to a stored cluster under another id is not a cluster id itself.
    if (db.prepare<[string], { c: number }>('SELECT 1 AS c FROM cluster_members WHERE record_id = ?').get(clusterId)) return undefined;
    const rec = db
      .prepare<[string], { record: string; source_id: string; updated_at: string }>('SELECT record, source_id, updated_at FROM records WHERE id = ? AND deleted = 0')
      .get(clusterId);
    if (!rec) return undefined;
    const record = JSON.parse(rec.record) as NormalisedRecord;
    return {
      id: clusterId,
      size: 1,
      merged: singletonView(record),
      members: [{ recordId: clusterId, sourceId: rec.source_id, title: record.title[0]?.value ?? '', rule: 'seed', score: 1 }],
      links: linkStmt.all(clusterId, clusterId).map(toLink),
      rules: [],
      updatedAt: rec.updated_at,
    };
  }
  const members = db
    .prepare<[string], MemberRow>(
      `SELECT m.record_id, m.rule, m.score, m.linked_to, r.source_id, json_extract(r.record, '$.title[0].value') AS title
       FROM cluster_members m LEFT JOIN records r ON r.id = m.record_id WHERE m.cluster_id = ? ORDER BY m.record_id`,
    )
    .all(clusterId)
    .map(
      (m): ClusterMember => ({
        recordId: m.record_id,
        sourceId: m.source_id ?? '',
        title: m.title ?? '',
        rule: m.rule,
        score: m.score,
        ...(m.linked_to ? { linkedTo: m.linked_to } : {}),
      }),
    );
  const seen = new Set<string>();
  const links: ClusterLink[] = [];
  for (const m of members) {
    for (const l of linkStmt.all(m.recordId, m.recordId)) {
      const key = `${l.a}\u0000${l.b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push(toLink(l));
    }
  }
  return {
    id: row.id,
    size: row.size,
    merged: JSON.parse(row.merged) as MergedView,
    members,
    links,
    rules: JSON.parse(row.rules) as LinkRule[],
    updatedAt: row.updated_at,
  };
}

/** The merged view of a record alone: each field from itself. */
export function singletonView(record: NormalisedRecord): MergedView {
  const from = record.id;
  const each = <T>(values: T[] | undefined): { value: T; from: string }[] | undefined => (values?.length ? values.map((value) => ({ value, from })) : undefined);
  const view: MergedView = { sources: [{ value: record.source.id, from }] };
  if (record.title[0]) view.title = { value: record.title[0], from };
  const set = <K extends keyof MergedView>(key: K, value: MergedView[K] | undefined): void => {
    if (value !== undefined) view[key] = value;
  };
  set('alternative', each([...record.title.slice(1), ...(record.alternative ?? [])]));
  set('creator', each(record.creator));
  set('contributor', each(record.contributor));
  set('subject', each(record.subject));
  set('identifier', each(record.identifier));
  set('type', each(record.type));
  set('language', each(record.language));
  set('publisher', each(record.publisher));
  set('description', each(record.description));
  set('isShownAt', each(record.isShownAt ? [record.isShownAt] : undefined));
  set('isShownBy', each(record.isShownBy ? [record.isShownBy] : undefined));
  if (record.date) {
    const date: NonNullable<MergedView['date']> = { display: [{ value: record.date.display, from }] };
    if (record.date.earliest !== undefined) date.earliest = { value: record.date.earliest, from };
    if (record.date.latest !== undefined) date.latest = { value: record.date.latest, from };
    view.date = date;
  }
  return view;
}

// ---- Writes, for src/dedupe (one writer: the process running `entente dedupe` or the worker) ----

/** A cluster ready to store. */
export interface ClusterRow {
  id: string;
  size: number;
  merged: MergedView;
  rules: LinkRule[];
  members: { recordId: string; rule: LinkRule; score: number; linkedTo: string | null }[];
}

/** A live record as dedupe reads it. */
export interface DedupeRecordRow {
  rid: number;
  id: string;
  record: string;
}

/** Live records in rowid order after `afterRid`, a batch at a time (keyset paging). */
export function readLiveRecords(db: Database.Database, afterRid: number, limit: number): DedupeRecordRow[] {
  return db
    .prepare<[number, number], DedupeRecordRow>('SELECT rowid AS rid, id, record FROM records WHERE rowid > ? AND deleted = 0 ORDER BY rowid LIMIT ?')
    .all(afterRid, limit);
}

/** A prepared reader of one record by rowid or id (live or not). */
export function createRecordReader(db: Database.Database): {
  byRid: (rid: number) => (DedupeRecordRow & { deleted: number }) | undefined;
  byId: (id: string) => (DedupeRecordRow & { deleted: number }) | undefined;
} {
  const byRid = db.prepare<[number], DedupeRecordRow & { deleted: number }>('SELECT rowid AS rid, id, record, deleted FROM records WHERE rowid = ?');
  const byId = db.prepare<[string], DedupeRecordRow & { deleted: number }>('SELECT rowid AS rid, id, record, deleted FROM records WHERE id = ?');
  return { byRid: (rid) => byRid.get(rid), byId: (id) => byId.get(id) };
}

/** What the change queue held when read: distinct record ids, and the last entry read. */
export interface QueueSnapshot {
  ids: string[];
  /** clearQueue(db, upTo) removes what was read, and nothing queued since. */
  upTo: number;
}

/** Record ids waiting in the change queue (new ones from the write path, the rest from triggers). */
export function readQueue(db: Database.Database): QueueSnapshot {
  const rows = db.prepare<[], { seq: number; record_id: string }>('SELECT seq, record_id FROM dedupe_queue ORDER BY seq').all();
  return { ids: [...new Set(rows.map((r) => r.record_id))], upTo: rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : 0 };
}

export function clearQueue(db: Database.Database, upTo: number): void {
  db.prepare('DELETE FROM dedupe_queue WHERE seq <= ?').run(upTo);
}

/** Hand splits as pairs [record, apart from]. */
export function readSplits(db: Database.Database): [string, string][] {
  return db.prepare<[], { record_id: string; apart_from: string }>('SELECT record_id, apart_from FROM cluster_splits').all().map((r) => [r.record_id, r.apart_from]);
}

export function addSplits(db: Database.Database, pairs: [string, string][], note: string | null, at: string): void {
  const ins = db.prepare('INSERT OR REPLACE INTO cluster_splits (record_id, apart_from, decided_at, note) VALUES (?, ?, ?, ?)');
  for (const [a, b] of pairs) ins.run(a, b, at, note);
}

/** Removes every split naming the record (either side); returns how many. */
export function removeSplits(db: Database.Database, recordId: string): number {
  return db.prepare('DELETE FROM cluster_splits WHERE record_id = ? OR apart_from = ?').run(recordId, recordId).changes;
}

/** Records of a stored cluster. */
export function clusterMemberIds(db: Database.Database, clusterId: string): string[] {
  return db.prepare<[string], { record_id: string }>('SELECT record_id FROM cluster_members WHERE cluster_id = ? ORDER BY record_id').all(clusterId).map((r) => r.record_id);
}

/** Cluster ids holding any of the records. */
export function clusterIdsOf(db: Database.Database, recordIds: Iterable<string>): Set<string> {
  const stmt = db.prepare<[string], { cluster_id: string }>('SELECT cluster_id FROM cluster_members WHERE record_id = ?');
  const out = new Set<string>();
  for (const id of recordIds) {
    const row = stmt.get(id);
    if (row) out.add(row.cluster_id);
  }
  return out;
}

/** Deletes everything dedupe derived (not the splits, which are decisions). */
export function clearDedupe(db: Database.Database): void {
  db.exec('DELETE FROM clusters; DELETE FROM cluster_members; DELETE FROM cluster_links; DELETE FROM dedupe_keys; DELETE FROM dedupe_record_keys;');
}

/** Writes blocking and identifier keys (rid = records.rowid); `keys` is the record's own list. */
export function createKeyWriter(db: Database.Database): {
  insert: (key: number, rid: number) => void;
  setRecordKeys: (rid: number, keys: number[]) => void;
  /** Removes a record's keys; returns the keys it had. */
  dropRecord: (rid: number) => number[];
} {
  const ins = db.prepare('INSERT OR IGNORE INTO dedupe_keys (key, rid) VALUES (?, ?)');
  const setRec = db.prepare('INSERT OR REPLACE INTO dedupe_record_keys (rid, keys) VALUES (?, ?)');
  const getRec = db.prepare<[number], { keys: string }>('SELECT keys FROM dedupe_record_keys WHERE rid = ?');
  const delKey = db.prepare('DELETE FROM dedupe_keys WHERE key = ? AND rid = ?');
  const delRec = db.prepare('DELETE FROM dedupe_record_keys WHERE rid = ?');
  return {
    insert: (key, rid) => void ins.run(key, rid),
    setRecordKeys: (rid, keys) => void setRec.run(rid, keys.map((k) => k.toString(36)).join(' ')),
    dropRecord: (rid) => {
      const row = getRec.get(rid);
      if (!row) return [];
      const keys = row.keys ? row.keys.split(' ').map((k) => parseInt(k, 36)) : [];
      for (const k of keys) delKey.run(k, rid);
      delRec.run(rid);
      return keys;
    },
  };
}

/** Rowids sharing a key, at most `limit` (ask one more than a cap to know it is exceeded). */
export function createKeyReader(db: Database.Database): (key: number, limit: number) => number[] {
  const stmt = db.prepare<[number, number], { rid: number }>('SELECT rid FROM dedupe_keys WHERE key = ? LIMIT ?');
  return (key, limit) => stmt.all(key, limit).map((r) => r.rid);
}

/** Removes clusters and their member rows (the caller chooses which links go). */
export function deleteClusters(db: Database.Database, clusterIds: Iterable<string>): void {
  const delC = db.prepare('DELETE FROM clusters WHERE id = ?');
  const delM = db.prepare('DELETE FROM cluster_members WHERE cluster_id = ?');
  for (const id of clusterIds) {
    delC.run(id);
    delM.run(id);
  }
}

/** Inserts clusters with their members, and links. */
export function writeClusters(db: Database.Database, clusters: Iterable<ClusterRow>, links: Iterable<ClusterLink>, at: string): void {
  const insC = db.prepare('INSERT OR REPLACE INTO clusters (id, size, merged, rules, updated_at) VALUES (?, ?, ?, ?, ?)');
  const insM = db.prepare('INSERT OR REPLACE INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, ?, ?, ?)');
  const insL = db.prepare('INSERT OR REPLACE INTO cluster_links (a, b, rule, score, status, reason) VALUES (?, ?, ?, ?, ?, ?)');
  for (const c of clusters) {
    insC.run(c.id, c.size, JSON.stringify(c.merged), JSON.stringify(c.rules), at);
    for (const m of c.members) insM.run(m.recordId, c.id, m.rule, m.score, m.linkedTo);
  }
  for (const l of links) insL.run(l.a, l.b, l.rule, l.score, l.status, l.reason ?? null);
}

/** Records a dedupe run. */
export function writeDedupeRun(db: Database.Database, mode: string, startedAt: string, endedAt: string, stats: unknown): void {
  db.prepare('INSERT INTO dedupe_runs (mode, started_at, ended_at, stats) VALUES (?, ?, ?, ?)').run(mode, startedAt, endedAt, JSON.stringify(stats));
}

/** The last dedupe run, if any. */
export function lastDedupeRun(db: Database.Database): { mode: string; startedAt: string; endedAt: string; stats: unknown } | undefined {
  const row = db.prepare<[], { mode: string; started_at: string; ended_at: string; stats: string }>('SELECT mode, started_at, ended_at, stats FROM dedupe_runs ORDER BY id DESC LIMIT 1').get();
  return row ? { mode: row.mode, startedAt: row.started_at, endedAt: row.ended_at, stats: JSON.parse(row.stats) as unknown } : undefined;
}

/**
 * SQL selecting each record's cluster as `cluster_id` and `cluster_size` (itself and 1 when in
 * none), for a query over `records` aliased `alias`: the columns (with a leading comma) and the
 * joins. A catalogue older than the cluster tables (opened read-only) gets the singleton values.
 */
export function recordClusterSql(db: Database.Database, alias: string): { columns: string; joins: string } {
  if (!hasTable(db, 'cluster_members')) return { columns: `, ${alias}.id AS cluster_id, 1 AS cluster_size`, joins: '' };
  return {
    columns: `, COALESCE(cm.cluster_id, ${alias}.id) AS cluster_id, COALESCE(cl.size, 1) AS cluster_size`,
    joins: ` LEFT JOIN cluster_members cm ON cm.record_id = ${alias}.id LEFT JOIN clusters cl ON cl.id = cm.cluster_id`,
  };
}
