// `entente show ID`: one record (all fields, provenance, issues) or one cluster (merged view,
// members and why each is there), readable or as JSON.

import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { EntenteError } from '../errors.js';
import { readClusterView, readRecordView, type RecordView } from '../search/views.js';
import { printError, renderTable, type Io } from './output.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { openForReading, resolveDbPath } from './catalogue-path.js';
// `show --cluster` and `entente cluster` print a cluster the same way.
import { renderCluster } from './cluster.js';

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

export function showCommand(id: string, options: ShowCommandOptions, io: Io): number {
  let catalogue: Catalogue | undefined;
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
