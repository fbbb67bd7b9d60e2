// Harvests one JSON source (iiif-discovery, iiif-collection, json-pages) into the catalogue: plan
// the run (full, incremental or resume), read pages from the protocol's adapter, normalise them
// and commit each with the checkpoint after it (commit-pages.ts). Holds no SQL and no protocol logic.

import type { RunPlan } from '../catalogue/catalogue.js';
import type { SourceConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';
import type { HarvestWindow, RunCounts } from '../model/types.js';
import type { JsonFetchContext } from '../protocols/json/fetch-json.js';
import type { JsonAdapter, JsonItem, JsonPage } from '../protocols/json/json-page.js';
import { createDiscoveryAdapter } from '../protocols/iiif-discovery/discovery-adapter.js';
import { createCollectionAdapter } from '../protocols/iiif-collection/collection-adapter.js';
import { createPagesAdapter } from '../protocols/json-pages/pages-adapter.js';
import { commitPages, type HarvestPage } from './commit-pages.js';
import type { HarvestOptions, HarvestProgress, HarvestResult } from './harvest-source.js';
import { runFailure, storedError } from './run-error.js';
import { recordContext, retryEvents, retryPolicyFor, runStart } from './run-start.js';
import { catalogueId } from '../normalise/record-id.js';
import { mapAhead } from '../protocols/json/map-ahead.js';
import { isoSeconds } from '../protocols/json/datestamp.js';

/** Whether a source's protocol can ask for changes only (and so run incrementally). */
export function supportsIncremental(source: SourceConfig): boolean {
  if (source.protocol === 'iiif-discovery') return true;
  if (source.protocol === 'json-pages') return source.pages?.since !== undefined;
  return false;
}

/** The adapter for a JSON source, for one run. */
export function createJsonAdapter(source: SourceConfig, fetch: JsonFetchContext, from: string | undefined, known: (ids: readonly string[]) => Map<string, string>): JsonAdapter {
  switch (source.protocol) {
    case 'iiif-discovery':
      return createDiscoveryAdapter({ fetch, url: source.url, batchSize: source.iiif.batchSize, objectTypes: source.iiif.objectTypes, followSeeAlso: source.iiif.followSeeAlso, known, ...(from !== undefined ? { from } : {}) });
    case 'iiif-collection':
      return createCollectionAdapter({ fetch, url: source.url, batchSize: source.iiif.batchSize, maxDepth: source.iiif.maxDepth });
    case 'json-pages':
      if (!source.pages) throw new EntenteError('ERR_CONFIG_INVALID', `Source "${source.id}" (json-pages) has no "pages" settings`, { context: { source: source.id } });
      return createPagesAdapter({ fetch, url: source.url, pages: source.pages, ...(from !== undefined ? { from } : {}) });
    default:
      throw new EntenteError('ERR_INTERNAL', `Not a JSON protocol: ${source.protocol}`, { context: { source: source.id } });
  }
}

export async function harvestJsonLocked(source: SourceConfig, options: HarvestOptions): Promise<HarvestResult> {
  const { catalogue, http, pool } = options;
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => {});
  const policy = retryPolicyFor(source, options.retry);
  const { state, saved, incrementalFrom, mode } = runStart(catalogue, source, { full: options.full ?? false, incremental: supportsIncremental(source) });
  const window: HarvestWindow = saved?.plan.windows[0] ?? { metadataPrefix: source.protocol, ...(incrementalFrom ? { from: incrementalFrom } : {}) };
  const runId = catalogue.startRun({
    sourceId: source.id,
    mode,
    trigger: options.trigger ?? 'manual',
    from: window.from ?? null,
    responseDate: saved?.plan.responseDate ?? null,
  });
  const plan: RunPlan = saved ? saved.plan : { mode, windows: [window], responseDate: null };

  // The source's politeness applies to every host it reads from (harvestSource set the list's).
  const configuredHosts = new Set([new URL(source.url).host]);
  const fetch: JsonFetchContext = {
    http,
    sourceId: source.id,
    retry: policy,
    limits: { maxResponseBytes: source.http.maxResponseBytes, headersTimeoutMs: source.http.headersTimeoutMs, bodyTimeoutMs: source.http.bodyTimeoutMs },
    onRetry: retryEvents(source, emit),
    onHost: (host) => {
      if (configuredHosts.has(host)) return;
      configuredHosts.add(host);
      http.hosts.configure(host, source.politeness);
    },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const counts: RunCounts = { seen: 0, new: 0, updated: 0, unchanged: 0, deleted: 0, invalid: 0, pages: 0 };
  const totals = { pages: saved?.pages ?? 0, records: saved?.records ?? 0 };
  let total: number | undefined;
  let sawUnavailable = false;

  try {
    const adapter = createJsonAdapter(source, fetch, window.from, (ids) => catalogue.storedDatestamps(source.id, ids));
    const startToken = saved && saved.windowIndex === 0 ? saved.token : undefined;
    const done = saved !== undefined && saved.windowIndex > 0;
    const task = { ...recordContext(source, now().toISOString()), ...(source.mapping !== undefined ? { mapping: source.mapping } : {}) };
    /** What arrives with a page, before its items are normalised (main thread, in order). */
    const received = (page: JsonPage): JsonItem[] => {
      for (const notice of page.notices) emit({ type: 'notice', sourceId: source.id, message: notice.message });
      if (page.total !== undefined) total = page.total;
      // The archive's clock at the run's first response is the next run's 'from'.
      if (plan.responseDate === null) {
        const clock = adapter.serverDate();
        if (clock !== undefined) {
          plan.responseDate = clock;
          catalogue.setRunResponseDate(runId, clock);
        }
      }
      // An object that cannot be fetched now is not gone (the spec says so too): one stored
      // before keeps its description, and the run says which ones were skipped.
      const unavailable = page.items.filter((i) => i.unavailable);
      if (unavailable.length === 0) return page.items;
      sawUnavailable = true;
      const stored = catalogue.storedDatestamps(source.id, unavailable.map((i) => i.localId));
      for (const i of unavailable) {
        if (stored.has(i.localId)) emit({ type: 'notice', sourceId: source.id, message: `${i.localId} could not be fetched (${i.issues[0]?.message ?? 'unavailable'}); its stored record was kept.` });
      }
      return stored.size ? page.items.filter((i) => !(i.unavailable && stored.has(i.localId))) : page.items;
    };
    /**
     * Pages normalised on the pool's workers while the main thread fetches and commits: up to
     * one page per worker (plus one) in flight, handed on strictly in order. A failure of the
     * adapter is raised after the pages before it.
     */
    const processed = (pages: AsyncGenerator<JsonPage>): AsyncGenerator<HarvestPage> =>
      mapAhead(pages, pool.size + 1, (page) => pool.processJson(received(page), task).then((out) => ({ records: out.records, rawBlob: out.rawBlob, next: page.next })));
    if (!done) {
      await commitPages(processed(adapter.pages(startToken)), {
        catalogue,
        sourceId: source.id,
        runId,
        plan,
        windowIndex: 0,
        counts,
        totals,
        commitRecords: options.commitRecords ?? 500,
        ...(options.signal ? { signal: options.signal } : {}),
        onCommit: () => {
          const progress: HarvestProgress = { sourceId: source.id, runId, mode, windowIndex: 0, windows: 1, pages: totals.pages, records: totals.records, counts: { ...counts } };
          if (total !== undefined) progress.completeListSize = total;
          options.onProgress?.(progress);
        },
      });
    }
    if (!supportsIncremental(source)) {
      // The walk listed everything the source holds: what it no longer lists is gone. Only when
      // one run saw it all (a resumed walk's earlier part was seen by another run) and every
      // object was fetched (one that failed was not seen, but is not gone).
      if (mode === 'full' && !sawUnavailable) {
        const gone = catalogue.tombstoneUnseen(source.id, runId, (localId) => catalogueId(source.id, localId));
        if (gone.length) emit({ type: 'notice', sourceId: source.id, message: `${gone.length} record(s) no longer listed by the source are now deleted (tombstones): ${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ', ...' : ''}` });
      }
      const run = catalogue.finishRun(runId, 'ok', { nextFrom: null });
      return { run, identify: undefined };
    }
    const fromTime = plan.responseDate ? Date.parse(plan.responseDate) - source.incrementalOverlapSeconds * 1000 : NaN;
    const nextFrom = Number.isNaN(fromTime) ? (state?.nextFrom ?? null) : isoSeconds(fromTime);
    const run = catalogue.finishRun(runId, 'ok', { nextFrom });
    return { run, identify: undefined };
  } catch (err) {
    const { outcome, error } = runFailure(err, { signal: options.signal, sourceId: source.id });
    return { run: catalogue.finishRun(runId, outcome, { error: storedError(error) }), identify: undefined };
  }
}
