// `entente show ID`: one record (all fields, provenance, issues) or one cluster (merged view,
// members and why each is there), readable or as JSON.

import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import type { ClusterView } from '../dedupe/types.js';
import { EntenteError } from '../errors.js';
import { readClusterView, readRecordView, type RecordView } from '../search/views.js';
import { resolveDbPath } from './harvest.js';
import { printError, renderTable, type Io } from './output.js';
import { openForReading } from './search.js';

export interface ShowCommandOptions {
  db?: string;
  config?: string;
  json?: boolean;
  cluster?: boolean;
}

function renderRecord(view: RecordView): string {
  const r = view.record;
  const lines: string[] = [];
  const field = (name: string, value: string | undefined): void => {
    if (value) lines.push(`${name.padEnd(14)}${value}`);
  };
  const langs = (list: { value: string; lang?: string }[] | undefined): string | undefined =>
    list?.map((v) => (v.lang ? `${v.value} [${v.lang}]` : v.value)).join('\n' + ' '.repeat(14));
  field('id', r.id + (view.deleted ? '  (deleted at the source)' : ''));
  field('title', langs(r.title));
  field('alternative', langs(r.alternative));
  field('creator', r.creator?.map((c) => c.name + (c.role ? ` (${c.role})` : '')).join('; '));
  field('contributor', r.contributor?.map((c) => c.name + (c.role ? ` (${c.role})` : '')).join('; '));
  field('date', r.date ? `${r.date.display}${r.date.earliest !== undefined ? `  (${r.date.earliest}–${r.date.latest ?? ''})` : ''}` : undefined);
  field('type', r.type?.map((t) => t.value).join(', '));
  field('language', r.language?.join(', '));
  field('subject', langs(r.subject));
  field('description', langs(r.description));
  field('publisher', langs(r.publisher));
  field('spatial', langs(r.spatial));
  field('format', r.format?.join('; '));
  field('identifier', r.identifier?.map((i) => `${i.scheme}: ${i.value}`).join('\n' + ' '.repeat(14)));
  field('rights', [r.rights?.statement, r.rights?.uri].filter(Boolean).join('  '));
  field('shown at', r.isShownAt);
  field('media', r.isShownBy);
  field('cluster', view.cluster.size > 1 ? `${view.cluster.id} (${view.cluster.size} records: entente show --cluster ${view.cluster.id})` : undefined);
  const p = view.provenance;
  lines.push('', 'provenance');
  field('  source', `${p.sourceId}${p.sourceName ? ` (${p.sourceName})` : ''}${p.sourceUrl ? ` ${p.sourceUrl}` : ''}`);
  field('  local id', p.localId);
  field('  datestamp', p.datestamp);
  field('  format', p.format);
  field('  sets', p.sets.join(', '));
  field('  harvested', p.harvestedAt);
  field('  runs', p.firstRun !== null ? `first ${p.firstRun}, last ${p.lastRun}` : undefined);
  if (r.issues.length) {
    lines.push('', 'issues');
    lines.push(renderTable(['severity', 'code', 'path', 'message'], r.issues.map((i) => [i.severity, i.code, i.path, i.message])).trimEnd());
  }
  return lines.join('\n') + '\n';
}

function renderCluster(view: ClusterView): string {
  const m = view.merged;
  const lines = [`cluster ${view.id}: ${view.size} ${view.size === 1 ? 'record' : 'records'}${view.rules.length ? `, joined by ${view.rules.join(', ')}` : ''}`, ''];
  if (m.title) lines.push(`title         ${m.title.value.value}  (from ${m.title.from})`);
  if (m.creator) lines.push(`creator       ${m.creator.map((c) => c.value.name).join('; ')}`);
  if (m.date) lines.push(`date          ${m.date.display.map((d) => d.value).join(' / ')}`);
  if (m.identifier) lines.push(`identifier    ${m.identifier.map((i) => `${i.value.scheme}: ${i.value.value}`).join(', ')}`);
  lines.push(`sources       ${m.sources.map((s) => s.value).join(', ')}`, '', 'members');
  lines.push(renderTable(['record', 'source', 'title', 'joined by', 'score', 'linked to'], view.members.map((x) => [x.recordId, x.sourceId, x.title.slice(0, 40), x.rule, x.score, x.linkedTo ?? ''])).trimEnd());
  return lines.join('\n') + '\n';
}

export function showCommand(id: string, options: ShowCommandOptions, io: Io): number {
  let catalogue: ReturnType<typeof openForReading> | undefined;
  try {
    catalogue = openForReading(resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE));
    const db = catalogue.db;
    // An id is a record id first; --cluster (or an id that is only a cluster) shows the cluster.
    let record: RecordView | undefined;
    if (!options.cluster) {
      try {
        record = readRecordView(db, id);
      } catch (err) {
        if (!(err instanceof EntenteError && err.code === 'ERR_NOT_FOUND')) throw err;
      }
    }
    if (record) {
      io.out(options.json ? JSON.stringify(record, null, 2) + '\n' : renderRecord(record));
      return 0;
    }
    const cluster = readClusterView(db, id);
    io.out(options.json ? JSON.stringify(cluster, null, 2) + '\n' : renderCluster(cluster));
    return 0;
  } catch (err) {
    printError(io, err);
    return err instanceof EntenteError && err.code === 'ERR_NOT_FOUND' ? 1 : 2;
  } finally {
    catalogue?.close();
  }
}
