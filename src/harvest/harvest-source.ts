// Harvests one source into the catalogue. OAI-PMH here: Identify, plan the windows (sets,
// from/until), page through ListRecords and commit each page with the checkpoint that resumes
// after it. JSON protocols: harvest-json.ts. Both commit through commit-pages.ts.
// The one place where protocol, processing and catalogue meet; it holds no SQL and no XML.

import type { Catalogue, RunPlan, SavedCheckpoint } from '../catalogue/catalogue.js';
import type { SourceConfig } from '../config/types.js';
import { EntenteError, toEntenteError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import type { RetryPolicy } from '../http/retry.js';
import type { HarvestMode, HarvestRun, HarvestWindow, RunCounts } from '../model/types.js';
import { isOaiError } from '../protocols/oai-pmh/errors.js';
import type { OaiHeader } from '../protocols/oai-pmh/records.js';
import { datestampAt, datestampMs, toGranularity, usableGranularity, type Granularity, type Identify } from '../protocols/oai-pmh/verbs.js';
import { commitPages, type HarvestPage } from './commit-pages.js';
import { getRecordPages } from './get-record-pages.js';
import { harvestJsonLocked } from './harvest-json.js';
import type { PagePool } from './page-pool.js';
import { pipelinePages } from './page-pipeline.js';
import type { ProcessedPage } from './process-page.js';
import { runFailure, storedError } from './run-error.js';
import { harvestNamedRecords } from './harvest-records.js';
import { oaiClientFor, recordContext, retryEvents, retryPolicyFor, runStart, stillAnswers } from './run-start.js';
import { describeWindow, pendingWindows, splitWindow, windowKey } from './split-window.js';

export interface HarvestProgress {
  sourceId: string;
  runId: number;
  mode: HarvestMode;
  windowIndex: number;
  windows: number;
  /** Pages and records committed in this run (after a resume: including those before the crash). */
  pages: number;
  records: number;
  /** From the last resumptionToken, when the repository gives them. */
  completeListSize?: number;
  cursor?: number;
  counts: RunCounts;
}

export type HarvestEvent =
  | { type: 'retry'; sourceId: string; url: string; attempt: number; delayMs: number; error: EntenteError }
  | { type: 'restart-window'; sourceId: string; windowIndex: number; reason: string }
  | { type: 'notice'; sourceId: string; message: string };

export interface HarvestOptions {
  catalogue: Catalogue;
  http: HttpClient;
  pool: PagePool;
  /** Ignore the incremental 'from' and any checkpoint: harvest everything. */
  full?: boolean;
  /**
   * Fetch only these records (OAI-PMH identifiers), one GetRecord each, and store them: a run of
   * mode `records` that leaves the source's checkpoint and next 'from' alone (harvest-records.ts).
   */
  records?: readonly string[];
  trigger?: HarvestRun['trigger'];
  signal?: AbortSignal;
  /** Overrides the source's retry settings (tests use short delays). */
  retry?: Partial<RetryPolicy>;
  /** Request the next page while this one is parsed. @default true */
  prefetch?: boolean;
  onProgress?: (progress: HarvestProgress) => void;
  onEvent?: (event: HarvestEvent) => void;
  /**
   * Commit once this many records are parsed (whole pages, each with its checkpoint). Lower
   * means less repeated work after a crash; higher, fewer commits.
   * @default 500
   */
  commitRecords?: number;
  /** The run's clock, for harvestedAt. */
  now?: () => Date;
}

export interface HarvestResult {
  run: HarvestRun;
  identify: Identify | undefined;
}

/** How many times one window restarts after badResumptionToken before the run fails. */
const MAX_WINDOW_RESTARTS = 3;
/**
 * How many times one run splits (or sets aside) a failing window. One unreadable record in twenty
 * years takes 13 splits in a repository of days, about 30 in one of seconds; a repository that
 * fails every list while answering Identify would otherwise be asked for thousands of windows.
 */
const MAX_WINDOW_SPLITS = 64;
/** How many records one run sets aside in GetRecord mode before it fails instead. */
const MAX_SKIPPED_RECORDS = 100;
/** A commit group holds at most this many pages (and see HarvestOptions.commitRecords). */
const MAX_GROUP_PAGES = 10;

/**
 * Harvests a source. Never throws for a failure of the source: the run is recorded with its
 * outcome and error and returned. A crash at any point resumes from the last committed page.
 */
export async function harvestSource(source: SourceConfig, options: HarvestOptions): Promise<HarvestResult> {
  const { catalogue, http } = options;
  http.hosts.configure(new URL(source.url).host, source.politeness);
  catalogue.upsertSource({ id: source.id, ...(source.name ? { name: source.name } : {}), protocol: source.protocol, url: source.url, config: source });
  // Two harvests of one source would interleave their checkpoints: the second is refused.
  let orphans: number;
  try {
    orphans = catalogue.lockSource(source.id).orphans;
  } catch (err) {
    const error = toEntenteError(err);
    const runId = catalogue.startRun({ sourceId: source.id, mode: options.records ? 'records' : 'full', trigger: options.trigger ?? 'manual', from: null, responseDate: null });
    const run = catalogue.finishRun(runId, 'failed', { error: storedError(error) });
    return { run, identify: undefined };
  }
  try {
    if (orphans) options.onEvent?.({ type: 'notice', sourceId: source.id, message: `Marked ${orphans} earlier run(s) of a process that stopped without finishing (killed?) as aborted; what they committed is kept.` });
    // One driver commits pages for every protocol (commit-pages.ts); how pages are read differs.
    if (options.records) return await harvestNamedRecords(source, options.records, options);
    return source.protocol === 'oai-pmh' ? await harvestLocked(source, options) : await harvestJsonLocked(source, options);
  } finally {
    catalogue.unlockSource(source.id);
  }
}

async function harvestLocked(source: SourceConfig, options: HarvestOptions): Promise<HarvestResult> {
  const { catalogue, http, pool } = options;
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => {});
  const notice = (message: string): void => emit({ type: 'notice', sourceId: source.id, message });
  const commitRecords = options.commitRecords ?? 500;
  const policy = retryPolicyFor(source, options.retry);
  const start = runStart(catalogue, source, { full: options.full ?? false, incremental: true });
  let saved: SavedCheckpoint | undefined = start.saved;
  const { incrementalFrom, mode } = start;
  const runId = catalogue.startRun({
    sourceId: source.id,
    mode,
    trigger: options.trigger ?? 'manual',
    from: saved ? (saved.plan.windows[saved.windowIndex]?.from ?? null) : (incrementalFrom ?? null),
    responseDate: saved?.plan.responseDate ?? null,
  });

  const onRetry = retryEvents(source, emit);
  const client = oaiClientFor(source, { http, policy, onRetry, signal: options.signal });

  let identify: Identify | undefined;
  try {
    identify = await client.identify();
    catalogue.saveIdentify(source.id, identify);
    const granularity = usableGranularity(identify.granularity);
    if (identify.deletedRecord === 'no' && mode === 'incremental') {
      notice('The repository does not report deletions (deletedRecord=no): run a --full harvest now and then to drop withdrawn records.');
    }

    const from = incrementalFrom ? windowFrom(incrementalFrom, identify.earliestDatestamp, granularity) : undefined;
    const plan: RunPlan = saved
      ? saved.plan
      : {
          mode,
          // Identify is the run's first request: its responseDate is the next run's 'from'.
          responseDate: identify.responseDate || null,
          windows: [
            // What an earlier run set aside, asked for again by itself, unless the list of what
            // changed covers it (a full harvest, with no 'from', asks for everything).
            ...(!from ? [] : pendingWindows(start.state?.pending ?? [], source, granularity).filter((w) => w.from === undefined || datestampMs(w.from) < datestampMs(from))),
            ...planWindows(source, from),
          ],
        };
    if (!saved && plan.responseDate) catalogue.setRunResponseDate(runId, plan.responseDate);

    const counts: RunCounts = { seen: 0, new: 0, updated: 0, unchanged: 0, deleted: 0, invalid: 0, pages: 0 };
    const totals = { pages: saved?.pages ?? 0, records: saved?.records ?? 0 };
    const context = recordContext(source, now().toISOString(), identify.repositoryName);

    let splits = 0;
    windows: for (let windowIndex = saved?.windowIndex ?? 0; windowIndex < plan.windows.length; windowIndex++) {
      const window = plan.windows[windowIndex] as HarvestWindow;
      let token: string | undefined = saved && windowIndex === saved.windowIndex ? saved.token : undefined;
      let restarts = 0;
      const windowArgs = { metadataPrefix: window.metadataPrefix, set: window.set, from: window.from, until: window.until };
      for (;;) {
        let expectedCursor: number | undefined;
        let cursorWarned = false;
        let lastToken: ProcessedPage['resumptionToken'];
        // The OAI-PMH reading of a window: pipelined ListRecords pages, checked (a token that
        // loops, a cursor that skips), as the pages every protocol hands to commitPages.
        async function* oaiPages(): AsyncGenerator<HarvestPage> {
          const pages =
            source.recordsVia === 'GetRecord'
              ? getRecordPages(token, {
                  client,
                  args: windowArgs,
                  context,
                  policy,
                  onRetry,
                  onNotice: notice,
                  onRecordFailure: (header, error) => setAsideRecord(plan, window, header, error, notice),
                  ...(options.signal ? { signal: options.signal } : {}),
                })
              : pipelinePages(token, {
                  fetch: (t) => client.fetchOnce('ListRecords', t !== undefined ? { resumptionToken: t } : windowArgs),
                  process: (res) =>
                    pool.process({ ...context, body: res.body, contentType: res.headers['content-type'], status: res.status, url: res.url, metadataPrefix: window.metadataPrefix }),
                  // Enough pages in flight to keep every worker busy while the main thread writes.
                  depth: options.prefetch === false ? 1 : 2 * pool.size + 1,
                  policy,
                  ...(options.signal ? { signal: options.signal } : {}),
                  onRetry,
                });
          for await (const { requestToken, page, listed } of pages) {
            options.signal?.throwIfAborted();
            // A record set aside earlier in the run and fetched now (a window read again) is no
            // longer missing.
            if (plan.skipped?.some((k) => k.identifier !== undefined) && page.records.length) {
              const fetched = new Set(page.records.map((r) => r.localId));
              plan.skipped = plan.skipped.filter((k) => k.identifier === undefined || !fetched.has(k.identifier));
            }
            const next = page.noRecordsMatch ? undefined : page.resumptionToken?.value || undefined;
            if (next !== undefined && next === requestToken) {
              throw new EntenteError('ERR_OAI_TOKEN_LOOP', `The repository returned the resumption token it was sent ("${next.slice(0, 80)}")`, {
                context: { source: source.id, window, token: next, firstId: page.firstId, lastId: page.lastId },
              });
            }
            lastToken = page.resumptionToken;
            // The cursor counts records delivered before a response: it must grow by each page's
            // size. A mismatch means the repository skipped (or repeated) records: say so once.
            const cursor = page.resumptionToken?.cursor;
            if (cursor !== undefined && expectedCursor !== undefined && cursor !== expectedCursor && !cursorWarned) {
              cursorWarned = true;
              notice(
                `Window ${windowIndex + 1}: the repository's cursor is ${cursor} after ${expectedCursor} records were delivered in this list; it may have skipped or repeated records (first id on this page: ${page.firstId ?? 'none'}).`,
              );
            }
            expectedCursor = cursor === undefined ? undefined : cursor + (listed ?? page.records.length);
            yield { records: page.records, rawBlob: page.rawBlob, next };
          }
        }
        try {
          await commitPages(oaiPages(), {
            catalogue,
            sourceId: source.id,
            runId,
            plan,
            windowIndex,
            counts,
            totals,
            commitRecords,
            // One record at a time is slow: each identifiers page is committed as soon as it is read.
            maxGroupPages: source.recordsVia === 'GetRecord' ? 1 : MAX_GROUP_PAGES,
            onCommit: (committed) => {
              token = committed;
              const progress: HarvestProgress = { sourceId: source.id, runId, mode, windowIndex, windows: plan.windows.length, pages: totals.pages, records: totals.records, counts: { ...counts } };
              if (lastToken?.completeListSize !== undefined) progress.completeListSize = lastToken.completeListSize;
              if (lastToken?.cursor !== undefined) progress.cursor = lastToken.cursor;
              options.onProgress?.(progress);
            },
          });
          break;
        } catch (err) {
          // commitPages kept the pages parsed whole before the failure: the next run resumes after them.
          if (isOaiError(err, 'badResumptionToken') && token !== undefined && restarts < MAX_WINDOW_RESTARTS) {
            // Tokens expire: restart this window from its start; idempotent upserts make the repeat harmless.
            restarts++;
            emit({ type: 'restart-window', sourceId: source.id, windowIndex, reason: (err as Error).message });
            token = undefined;
            continue;
          }
          const failure = toEntenteError(err, 'ERR_INTERNAL', { source: source.id, window, ...(token ? { token } : {}) });
          const stopped = failure.code === 'ERR_ABORTED' || options.signal?.aborted === true;
          // A part asked for again that the archive now refuses another way (a strict repository
          // refusing a day before its earliestDatestamp, say) is set aside again: it must never
          // stand in the way of what changed since. Failures of ours (a bug, the catalogue) are not.
          const refusedAgain = window.pending === true && failure.kind === 'source' && failure.code !== 'ERR_HTTP_FORBIDDEN' && !stopped;
          const splittable = failure.kind === 'transient' && !stopped && splits < MAX_WINDOW_SPLITS && (await stillAnswers(client));
          if (refusedAgain || splittable) {
            // The repository answers, but not this list: halve the window and harvest each half
            // from its start (pages already stored are written again, unchanged). One granule
            // that still fails is set aside, and the run goes on with the rest.
            const halves = refusedAgain ? 'refused' : splitWindow(window, { earliest: identify.earliestDatestamp || undefined, latest: plan.responseDate ?? undefined }, granularity);
            // Without a bound to halve by, the window fails whole, as it did before splitting.
            if (halves === 'unbounded') throw failure;
            if (typeof halves !== 'string') {
              splits++;
              plan.windows.splice(windowIndex, 1, ...halves);
              notice(`The list for ${describeWindow(window)} keeps failing (${failure.message}): harvesting it in two halves, from ${halves[0].from} and from ${halves[1].from}.`);
            } else {
              plan.windows.splice(windowIndex, 1);
              setAsideWindow(plan, window, failure);
              notice(
                halves === 'refused'
                  ? `The list for ${describeWindow(window)}, set aside by an earlier run, fails again (${failure.message}): set aside; the run goes on and will report it.`
                  : `The list for ${describeWindow(window)} keeps failing (${failure.message}) and cannot be split further: skipped; the run goes on and will report it.`,
              );
            }
            // The new plan is saved at once: a crash now resumes at this index, in the new plan.
            catalogue.saveCheckpoint(source.id, runId, plan, { windowIndex, pages: totals.pages, records: totals.records });
            saved = undefined;
            windowIndex--;
            continue windows;
          }
          throw failure;
        }
      }
    }

    // The next 'from' is the repository's clock at this run's start, less an optional overlap
    // for repositories that stamp records before they become visible (indexing delays).
    const fromTime = plan.responseDate ? datestampMs(plan.responseDate) - source.incrementalOverlapSeconds * 1000 : NaN;
    const nextFrom = Number.isNaN(fromTime) ? null : datestampAt(fromTime, granularity);

    if (plan.skipped?.length) {
      // Everything else is stored. The run fails; the next 'from' moves on as after a complete
      // run, and the next run asks for the parts set aside by themselves.
      const windows = plan.skipped.filter((k) => k.identifier === undefined).map((k) => `${describeWindow(k.window)}: ${k.message}`);
      const records = plan.skipped.flatMap((k) => (k.identifier !== undefined ? [`${k.identifier}: ${k.message}`] : []));
      const said = [
        ...(windows.length ? [`${windows.length} date window(s) could not be harvested, even split as far as they go: ${windows.join('; ')}`] : []),
        ...(records.length ? [`${records.length} record(s) could not be fetched with GetRecord: ${records.slice(0, 20).join('; ')}${records.length > 20 ? '; ...' : ''}`] : []),
      ];
      const error = new EntenteError('ERR_OAI_SKIPPED', said.join('. '), { context: { source: source.id, skipped: plan.skipped } });
      const run = catalogue.finishRun(runId, 'failed', {
        error: storedError(error),
        nextFrom,
        setAside: plan.skipped,
      });
      return { run, identify };
    }
    if (!nextFrom) notice('The repository sent no usable responseDate: the next incremental harvest keeps the previous from date (or is full if there was none).');
    const run = catalogue.finishRun(runId, 'ok', { nextFrom });
    return { run, identify };
  } catch (err) {
    const { outcome, error } = runFailure(err, { signal: options.signal, sourceId: source.id });
    return { run: catalogue.finishRun(runId, outcome, { error: storedError(error) }), identify };
  } finally {
    await client.close();
  }
}

/** Sets a window aside in the plan, once (a day asked for again and also listed anew is one part). */
function setAsideWindow(plan: RunPlan, window: HarvestWindow, failure: EntenteError): void {
  if (plan.skipped?.some((k) => k.identifier === undefined && windowKey(k.window) === windowKey(window))) return;
  plan.skipped = [...(plan.skipped ?? []), { window, code: failure.code, message: failure.message }];
}

/**
 * GetRecord's failure for one record (one of its own, see recordFailure): set aside in the plan,
 * once per record, even when a restarted or split window lists it again, and not without end. A
 * GetRecord that fails for every record is the run's failure, not one to split windows over
 * (hence not transient).
 */
function setAsideRecord(plan: RunPlan, window: HarvestWindow, header: OaiHeader, error: EntenteError, notice: (message: string) => void): void {
  const skipped = plan.skipped?.filter((k) => k.identifier !== undefined).length ?? 0;
  if (skipped >= MAX_SKIPPED_RECORDS) {
    throw new EntenteError(error.code, `${MAX_SKIPPED_RECORDS} records could not be fetched with GetRecord; the last: ${error.message}`, { cause: error, context: error.context, kind: 'source' });
  }
  const transient = error.kind === 'transient';
  if (!plan.skipped?.some((k) => k.identifier === header.identifier)) {
    plan.skipped = [...(plan.skipped ?? []), { window, identifier: header.identifier, datestamp: header.datestamp, code: error.code, message: error.message }];
  }
  notice(`GetRecord for ${header.identifier} ${transient ? 'keeps failing' : 'failed'} (${error.message}): set aside; the run goes on and will report it.`);
}

/**
 * The 'from' of an incremental window, in the repository's granularity. Never earlier than the
 * repository's earliestDatestamp: nothing is older, and strict repositories refuse such a 'from'.
 */
export function windowFrom(from: string, earliestDatestamp: string, granularity: Granularity): string {
  const f = toGranularity(from, granularity) ?? from;
  const e = toGranularity(earliestDatestamp, granularity);
  return e !== undefined && datestampMs(e) > datestampMs(f) ? e : f;
}

/** The windows of a run: one per set (or one for the whole repository), all from the same 'from'. */
export function planWindows(source: SourceConfig, from: string | undefined): HarvestWindow[] {
  const sets: (string | undefined)[] = source.sets.length ? source.sets : [undefined];
  return sets.map((set) => {
    const w: HarvestWindow = { metadataPrefix: source.metadataPrefix };
    if (set !== undefined) w.set = set;
    if (from !== undefined) w.from = from;
    if (source.until !== undefined) w.until = source.until;
    return w;
  });
}
