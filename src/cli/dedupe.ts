// `entente dedupe`: matches the records queued since the last run (or all of them with --rebuild)
// and updates the clusters. Parses flags, calls src/dedupe, renders the counts.

import { dedupeIncremental, dedupeRebuild } from '../dedupe/dedupe.js';
import type { DedupeStats } from '../dedupe/types.js';
import { withCatalogue } from './catalogue-path.js';
import { formatDuration, renderTable, type Io } from './output.js';

export interface DedupeCommandOptions {
  db?: string;
  config?: string;
  rebuild?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** The counts of a run as a two-column table. */
export function renderDedupeStats(s: DedupeStats): string {
  const rows: [string, string | number][] = [
    ['mode', s.mode],
    ['records considered', s.records],
    ...(s.mode === 'incremental' ? ([['changed', s.changed], ['deleted', s.deleted]] as [string, number][]) : []),
    ['candidate pairs scored', s.candidatePairs],
    ['identifier links', s.identifierLinks],
    ['fuzzy links', s.fuzzyLinks],
    ['possible matches (not merged)', s.possibleMatches],
    ['links refused (coherence, size cap, split)', s.refusedLinks],
    ['identifier hubs ignored', s.hubs],
    ['oversized blocks skipped', s.skippedBlocks],
    [s.mode === 'rebuild' ? 'clusters' : 'clusters rewritten', s.clusters],
    ['records in them', s.recordsInClusters],
    ['largest', s.largestCluster],
    ['time', formatDuration(s.ms)],
  ];
  return renderTable(['', 'count'], rows);
}

export function dedupeCommand(options: DedupeCommandOptions, io: Io): number {
  return withCatalogue(options, false, io, (catalogue) => {
    let last = 0;
    const onProgress = (phase: string, done: number, total?: number): void => {
      if (options.quiet || options.json) return;
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      io.err(`  ${phase}: ${done.toLocaleString('en')}${total ? ` of ${total.toLocaleString('en')}` : ''}\n`);
    };
    const stats = options.rebuild ? dedupeRebuild(catalogue, { onProgress }) : dedupeIncremental(catalogue, { onProgress });
    if (options.json) io.out(JSON.stringify(stats) + '\n');
    else if (stats.mode === 'incremental' && stats.changed === 0 && stats.deleted === 0) io.out('Nothing changed since the last dedupe run.\n');
    else io.out(renderDedupeStats(stats));
    return 0;
  });
}
