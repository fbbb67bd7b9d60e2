// `entente harvest`: harvest configured sources (or one ad-hoc URL) into the catalogue and
// print a summary. Also runs the demo's harvests. Parses flags, calls the library, renders.

import { openCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { loadConfig, parseConfig, DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import type { EntenteConfig, SourceConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';
import { createHttpClient } from '../http/client.js';
import { harvestSource } from '../harvest/harvest-source.js';
import { createPagePool, defaultPoolSize } from '../harvest/page-pool.js';
import { resolveDbPath } from './catalogue-path.js';
import type { HarvestRun } from '../model/types.js';
import { createProgressReporter } from './progress.js';
import { formatDuration, printError, renderTable, type Io } from './output.js';

export interface HarvestCommandOptions {
  config?: string;
  db?: string;
  full?: boolean;
  json?: boolean;
  url?: string;
  id?: string;
  format?: string;
  set?: string[];
  /** OAI-PMH --url: records from ListRecords (default) or ListIdentifiers + GetRecord. */
  recordsVia?: 'ListRecords' | 'GetRecord';
  /** Protocol of the --url source. @default 'oai-pmh' */
  protocol?: 'oai-pmh' | 'iiif-discovery' | 'iiif-collection' | 'json-pages';
  /** json-pages settings of the --url source, as JSON (the config's `pages` object). */
  pages?: string;
  workers?: number;
  quiet?: boolean;
  /** false (--no-dedupe): leave matching the harvested records to `entente dedupe`. */
  dedupe?: boolean;
  /** --record: fetch only these OAI-PMH identifiers, one GetRecord each, from one source. */
  record?: string[];
}

export interface SourceOutcome {
  source: string;
  run: HarvestRun;
  live: number;
  deleted: number;
  invalid: number;
  elapsedMs: number;
}

/** Picks the sources for a harvest: ad-hoc from --url, or from the config (all, or those named). */
export function selectSources(ids: string[], options: HarvestCommandOptions): { sources: SourceConfig[]; config?: EntenteConfig } {
  if (options.url && ids.length) {
    throw new EntenteError('ERR_CONFIG_INVALID', `--url harvests one endpoint without a config; source ids (${ids.join(', ')}) cannot be named with it (to fetch several records, repeat --record)`);
  }
  if (options.url) {
    let host: string;
    try {
      host = new URL(options.url).hostname;
    } catch {
      throw new EntenteError('ERR_CONFIG_INVALID', `--url is not a valid URL: ${options.url}`);
    }
    const id = options.id ?? host.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 64);
    const protocol = options.protocol ?? 'oai-pmh';
    const source: Record<string, unknown> = { id, protocol, url: options.url };
    if (protocol === 'oai-pmh') Object.assign(source, { metadataPrefix: options.format ?? 'oai_dc', sets: options.set ?? [], ...(options.recordsVia ? { recordsVia: options.recordsVia } : {}) });
    else if (options.set?.length) throw new EntenteError('ERR_CONFIG_INVALID', `--set applies to OAI-PMH only, not to --protocol ${protocol}`);
    else if (options.recordsVia) throw new EntenteError('ERR_CONFIG_INVALID', `--records-via applies to OAI-PMH only, not to --protocol ${protocol}`);
    if (options.pages !== undefined) {
      try {
        source.pages = JSON.parse(options.pages) as unknown;
      } catch (err) {
        throw new EntenteError('ERR_CONFIG_INVALID', `--pages is not valid JSON: ${(err as Error).message}`);
      }
    }
    // The same schema as a config file validates the ad-hoc source (id, URL, protocol, format, sets, pages).
    const config = parseConfig({ sources: [source] }, '--url/--id/--protocol/--format/--set/--pages');
    return { sources: [...config.sources] };
  }
  const config = loadConfig(options.config ?? DEFAULT_CONFIG_FILE);
  if (ids.length === 0) return { sources: [...config.sources], config };
  const sources = ids.map((id) => {
    const s = config.sources.find((c) => c.id === id);
    if (!s) {
      throw new EntenteError('ERR_SOURCE_UNKNOWN', `No source "${id}" in ${config.file ?? 'the configuration'} (known: ${config.sources.map((c) => c.id).join(', ') || 'none'})`, {
        context: { source: id },
      });
    }
    return s;
  });
  return { sources, config };
}

/** Harvests sources one after another into an open catalogue; returns one outcome per source. */
export async function runHarvests(
  sources: readonly SourceConfig[],
  catalogue: Catalogue,
  io: Io,
  options: { full?: boolean; contact?: string; workers?: number; quiet?: boolean; trigger?: HarvestRun['trigger']; signal?: AbortSignal; dedupe?: boolean; records?: readonly string[] },
): Promise<SourceOutcome[]> {
  // One client for all sources, so that sources on one host share its politeness queue. The
  // connect timeout belongs to the connection pool: the most patient source's applies.
  const http = createHttpClient({
    ...(options.contact ? { contact: options.contact } : {}),
    connectTimeoutMs: Math.max(...sources.map((s) => s.http.connectTimeoutMs), 1000),
  });
  // Records fetched by name are parsed as they come, one at a time: no worker threads for them.
  const pool = createPagePool(options.records ? 0 : (options.workers ?? defaultPoolSize()));
  const progress = createProgressReporter(io, { quiet: options.quiet ?? false });
  const outcomes: SourceOutcome[] = [];
  try {
    for (const source of sources) {
      if (options.signal?.aborted) break;
      const started = performance.now();
      const state = catalogue.getSource(source.id);
      const resuming = catalogue.getCheckpoint(source.id) !== undefined && !options.full;
      const label = options.records
        ? `fetching ${new Set(options.records).size} record(s) by identifier`
        : resuming
          ? 'resuming an interrupted harvest from its last checkpoint'
          : !options.full && state?.nextFrom
            ? `incremental harvest (from ${state.nextFrom})`
            : 'full harvest';
      progress.start(source.id, label);
      const { run } = await harvestSource(source, {
        catalogue,
        http,
        pool,
        full: options.full ?? false,
        trigger: options.trigger ?? 'manual',
        ...(options.records ? { records: options.records } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => progress.update(p),
        onEvent: (e) => progress.event(e),
      });
      progress.stop();
      const summary = catalogue.sources().find((s) => s.id === source.id);
      outcomes.push({
        source: source.id,
        run,
        live: summary?.live ?? 0,
        deleted: summary?.deleted ?? 0,
        invalid: summary?.invalid ?? 0,
        elapsedMs: performance.now() - started,
      });
      if (run.outcome !== 'ok' && run.error) {
        const e = new EntenteError(run.error.code as never, run.error.message, { context: (run.error.context ?? {}) as Record<string, unknown> });
        printError(io, e, `${source.id}: harvest ${run.outcome}`);
      }
    }
    // Match what changed against the whole catalogue, so the shared catalogue shows each work once.
    // The dedupe queue, filled as records are written, says what changed (also by earlier runs
    // with --no-dedupe); an empty queue costs one read.
    if (options.dedupe !== false && !options.signal?.aborted) {
      const { dedupeIncremental } = await import('../dedupe/dedupe.js');
      const stats = dedupeIncremental(catalogue);
      if (!options.quiet && stats.records > 0) {
        io.err(`dedupe: ${stats.records} changed records matched (${stats.mode}) in ${formatDuration(stats.ms)}; ${stats.clusters} clusters hold ${stats.recordsInClusters} records\n`);
      }
    }
  } finally {
    progress.stop();
    await pool.close();
    await http.close();
  }
  return outcomes;
}

export function renderSummary(outcomes: SourceOutcome[]): string {
  return renderTable(
    ['source', 'mode', 'outcome', 'records', 'new', 'updated', 'deleted', 'invalid', 'time'],
    outcomes.map((o) => [
      o.source,
      o.run.mode,
      o.run.outcome,
      o.live,
      o.run.counts.new,
      o.run.counts.updated,
      o.deleted,
      o.invalid,
      formatDuration(o.elapsedMs),
    ]),
  );
}

export function summaryJson(outcomes: SourceOutcome[], db: string): unknown {
  return {
    catalogue: db,
    ok: outcomes.every((o) => o.run.outcome === 'ok'),
    sources: outcomes.map((o) => ({
      source: o.source,
      runId: o.run.id,
      mode: o.run.mode,
      outcome: o.run.outcome,
      records: o.live,
      deleted: o.deleted,
      invalid: o.invalid,
      counts: o.run.counts,
      elapsedMs: Math.round(o.elapsedMs),
      error: o.run.error,
    })),
  };
}

/** Ctrl-C once: stop after the current request, keeping every committed page. Twice: exit now. */
export function abortOnSignals(io: Io): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let count = 0;
  const handler = (sig: NodeJS.Signals): void => {
    count++;
    if (count === 1) {
      io.err(`\n${sig}: stopping; committed pages are kept and the next run resumes. Press again to exit at once.\n`);
      controller.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** --record fetches from one OAI-PMH source, and is not a full harvest. */
function checkRecordsUsage(sources: readonly SourceConfig[], options: HarvestCommandOptions): void {
  if (options.full) throw new EntenteError('ERR_CONFIG_INVALID', '--record fetches the records named; it cannot be combined with --full');
  if (sources.length !== 1) {
    throw new EntenteError('ERR_CONFIG_INVALID', `--record needs one source (name it, or give --url); ${sources.length} were selected: ${sources.map((s) => s.id).join(', ')}`);
  }
  const [source] = sources as [SourceConfig];
  if (source.protocol !== 'oai-pmh') throw new EntenteError('ERR_CONFIG_INVALID', `--record fetches OAI-PMH records by identifier; ${source.id} is ${source.protocol}`, { context: { source: source.id } });
}

export async function harvestCommand(ids: string[], options: HarvestCommandOptions, io: Io): Promise<number> {
  let selected;
  try {
    selected = selectSources(ids, options);
    if (options.record?.length) checkRecordsUsage(selected.sources, options);
  } catch (err) {
    printError(io, err);
    return 2;
  }
  const db = resolveDbPath(options.db, selected.config);
  const catalogue = openCatalogue(db);
  const signals = abortOnSignals(io);
  try {
    const outcomes = await runHarvests(selected.sources, catalogue, io, {
      full: options.full ?? false,
      ...(selected.config ? { contact: selected.config.contact } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      quiet: options.quiet ?? options.json ?? false,
      signal: signals.signal,
      dedupe: options.dedupe !== false,
      ...(options.record?.length ? { records: options.record } : {}),
    });
    if (options.json) io.out(JSON.stringify(summaryJson(outcomes, db), null, 2) + '\n');
    else {
      io.out(renderSummary(outcomes));
      io.out(`catalogue: ${db}\n`);
    }
    return outcomes.length === selected.sources.length && outcomes.every((o) => o.run.outcome === 'ok') ? 0 : 1;
  } finally {
    signals.dispose();
    catalogue.close();
  }
}
