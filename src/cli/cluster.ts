// `entente cluster ID`: a cluster, its merged view (each value with the member it came from) and
// why each member is in it; `entente cluster split RECORD...`: keeps records apart by hand, a
// decision stored in the catalogue that later runs respect. Parses flags and renders; SQL lives in
// src/catalogue/clusters.ts.

import { addSplits, clusterMemberIds, clusterOf, createClusterLookup, getCluster, removeSplits } from '../catalogue/clusters.js';
import { dedupeIncremental } from '../dedupe/dedupe.js';
import type { ClusterView, FromMember, MergedView } from '../dedupe/types.js';
import { EntenteError } from '../errors.js';
import { withCatalogue } from './catalogue-path.js';
import { printError, renderTable, type Io } from './output.js';

export interface ClusterCommandOptions {
  db?: string;
  config?: string;
  json?: boolean;
  note?: string;
  undo?: boolean;
}

const short = (s: string, n = 70): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function valueText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.value === 'string' && typeof o.scheme === 'string') return `${o.scheme}:${o.value}`;
    if (typeof o.value === 'string') return o.value;
    if (typeof o.name === 'string') return o.name;
  }
  return JSON.stringify(v);
}

/** The merged view as rows: field, value, the member it came from. */
export function mergedRows(m: MergedView): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const add = (field: string, values: FromMember<unknown>[] | FromMember<unknown> | undefined): void => {
    for (const v of Array.isArray(values) ? values : values ? [values] : []) rows.push([field, short(valueText(v.value)), v.from]);
  };
  add('title', m.title);
  add('alternative', m.alternative);
  add('creator', m.creator);
  add('contributor', m.contributor);
  if (m.date) {
    add('date', m.date.display);
    add('earliest', m.date.earliest);
    add('latest', m.date.latest);
  }
  add('type', m.type);
  add('language', m.language);
  add('publisher', m.publisher);
  add('subject', m.subject);
  add('identifier', m.identifier);
  add('isShownAt', m.isShownAt);
  add('source', m.sources);
  return rows;
}

/** A cluster for the terminal. */
export function renderCluster(c: ClusterView): string {
  let out = `Cluster ${c.id}: ${c.size} record${c.size === 1 ? '' : 's'}${c.rules.length ? ` (joined by ${c.rules.join(', ')})` : ''}\n\nMerged view (each value with the record it came from):\n`;
  out += renderTable(['field', 'value', 'from'], mergedRows(c.merged));
  out += '\nMembers and why they are here:\n';
  out += renderTable(
    ['record', 'source', 'title', 'rule', 'score', 'linked to'],
    c.members.map((m) => [m.recordId, m.sourceId, short(m.title, 50), m.rule, m.score.toFixed(3), m.linkedTo ?? '']),
  );
  if (c.links.length) {
    out += '\nLinks (merged, possible matches not merged, refused):\n';
    out += renderTable(['a', 'b', 'rule', 'score', 'status', 'reason'], c.links.map((l) => [l.a, l.b, l.rule, l.score.toFixed(3), l.status, l.reason ?? '']));
  }
  return out;
}

/** `entente cluster ID`. An id of a record in a cluster shows that cluster. */
export function showCluster(id: string, options: ClusterCommandOptions, io: Io): number {
  return withCatalogue(options, true, io, (catalogue) => {
    const view = getCluster(catalogue.db, id) ?? getCluster(catalogue.db, clusterOf(catalogue.db, id).id);
    if (!view) {
      throw new EntenteError('ERR_CLUSTER_NOT_FOUND', `No cluster or live record ${id}`, { context: { recordId: id } });
    }
    io.out(options.json ? JSON.stringify(view, null, 2) + '\n' : renderCluster(view));
    return 0;
  });
}

/**
 * `entente cluster split RECORD...`: the named records (live, all in one cluster) are kept apart
 * from the other members of that cluster, now and in every later run. `--undo RECORD...` removes
 * the splits naming those records. Either way the records are matched again at once.
 */
export function splitCluster(recordIds: string[], options: ClusterCommandOptions, io: Io): number {
  if (recordIds.length === 0) {
    printError(io, new EntenteError('ERR_CLUSTER_SPLIT', 'Name at least one record to split out of its cluster'));
    return 2;
  }
  return withCatalogue(options, false, io, (catalogue) => {
    const db = catalogue.db;
    const clusterOfRecord = createClusterLookup(db);
    const live = db.prepare<[string], { id: string }>('SELECT id FROM records WHERE id = ? AND deleted = 0');
    for (const id of recordIds) {
      if (!live.get(id)) throw new EntenteError('ERR_CLUSTER_SPLIT', `No live record ${id}`, { context: { recordId: id } });
    }
    const queue = db.prepare('INSERT INTO dedupe_queue (record_id) VALUES (?)');
    let message: string;
    if (options.undo) {
      let removed = 0;
      db.transaction(() => {
        for (const id of recordIds) removed += removeSplits(db, id);
        for (const id of recordIds) queue.run(id);
      })();
      if (removed === 0) throw new EntenteError('ERR_CLUSTER_SPLIT', `No split names ${recordIds.join(', ')}`, { context: { recordId: recordIds[0] } });
      message = `Removed ${removed} split decision${removed === 1 ? '' : 's'}; the records were matched again.`;
    } else {
      const cluster = clusterOfRecord(recordIds[0] as string);
      for (const id of recordIds) {
        if (clusterOfRecord(id).id !== cluster.id) {
          throw new EntenteError('ERR_CLUSTER_SPLIT', `${id} is not in cluster ${cluster.id} with ${recordIds[0]}: split records of one cluster at a time`, {
            context: { recordId: id, cluster: cluster.id },
          });
        }
      }
      const named = new Set(recordIds);
      const rest = clusterMemberIds(db, cluster.id).filter((m) => !named.has(m));
      if (rest.length === 0) throw new EntenteError('ERR_CLUSTER_SPLIT', `${recordIds.join(', ')} ${recordIds.length === 1 ? 'is' : 'are'} alone in ${cluster.id}: nothing to split`, { context: { recordId: recordIds[0] } });
      const at = new Date().toISOString();
      db.transaction(() => {
        addSplits(db, recordIds.flatMap((r) => rest.map((o): [string, string] => [r, o])), options.note ?? null, at);
        for (const id of [...recordIds, ...rest]) queue.run(id);
      })();
      message = `Kept ${recordIds.join(', ')} apart from ${rest.length} other record${rest.length === 1 ? '' : 's'} of ${cluster.id}; the decision is stored and survives rebuilds.`;
    }
    dedupeIncremental(catalogue);
    const now = recordIds.map((id) => ({ record: id, cluster: clusterOfRecord(id) }));
    if (options.json) io.out(JSON.stringify({ message, clusters: now }) + '\n');
    else io.out(`${message}\n${now.map((n) => `  ${n.record} → cluster ${n.cluster.id} (${n.cluster.size})`).join('\n')}\n`);
    return 0;
  });
}
