// Named records fetched one by one with GetRecord and stored the whole way (normalised, indexed,
// queued for dedupe): a partner mended a record, or one set aside by the last run is served
// again, and it is wanted now, not at the next slot. Outside the source's incremental state: the
// run (mode `records`) reads and writes no checkpoint and does not move the next 'from', so an
// interrupted harvest still resumes where it stopped. Repeating it is harmless (upserts).

import type { SourceConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';
import type { RunCounts } from '../model/types.js';
import type { OaiRecord } from '../protocols/oai-pmh/records.js';
import { addCounts } from './commit-pages.js';
import { getRecord, recordFailure } from './get-record-pages.js';
import type { HarvestOptions, HarvestResult } from './harvest-source.js';
import { toProcessedPage } from './process-page.js';
import { runFailure, storedError } from './run-error.js';
import { oaiClientFor, recordContext, retryEvents, retryPolicyFor } from './run-start.js';

/** Records written per transaction: a long list of identifiers is not held in memory whole. */
const WRITE_EVERY = 100;
/** Records that could not be had, listed in the run's error context (the rest are counted). */
const MAX_LISTED = 100;

/** A record that could not be had, as the run reports it. */
interface Unavailable {
  identifier: string;
  code: string;
  message: string;
}

export async function harvestNamedRecords(source: SourceConfig, identifiers: readonly string[], options: HarvestOptions): Promise<HarvestResult> {
  const { catalogue, http } = options;
  const emit = options.onEvent ?? (() => {});
  const now = options.now ?? (() => new Date());
  const runId = catalogue.startRun({ sourceId: source.id, mode: 'records', trigger: options.trigger ?? 'manual', from: null, responseDate: null });
  const fail = (error: EntenteError): HarvestResult['run'] => catalogue.finishRun(runId, 'failed', { error: storedError(error) });
  if (source.protocol !== 'oai-pmh') {
    const error = new EntenteError('ERR_CONFIG_INVALID', `Records are fetched by identifier from OAI-PMH sources only; ${source.id} is ${source.protocol}`, { context: { source: source.id } });
    return { run: fail(error), identify: undefined };
  }
  const policy = retryPolicyFor(source, options.retry);
  const onRetry = retryEvents(source, emit);
  const client = oaiClientFor(source, { http, policy, onRetry, signal: options.signal });
  let identify: HarvestResult['identify'];
  try {
    identify = await client.identify();
    catalogue.saveIdentify(source.id, identify);
    const context = recordContext(source, now().toISOString(), identify.repositoryName);
    const counts: RunCounts = { seen: 0, new: 0, updated: 0, unchanged: 0, deleted: 0, invalid: 0, pages: 0 };
    const unavailable: Unavailable[] = [];
    let waiting: OaiRecord[] = [];
    const stored: string[] = [];
    const write = (): void => {
      if (waiting.length === 0) return;
      const page = toProcessedPage(context, waiting, identify?.responseDate ?? '', undefined);
      const [written] = catalogue.writePages([{ sourceId: source.id, runId, records: page.records, rawBlob: page.rawBlob }]);
      if (written) addCounts(counts, written, page.records.length);
      for (const r of page.records) stored.push(r.localId);
      waiting = [];
    };
    const wanted = [...new Set(identifiers)];
    let failure: unknown;
    try {
      for (const identifier of wanted) {
        options.signal?.throwIfAborted();
        let record: OaiRecord;
        try {
          record = await getRecord(identifier, { client, args: { metadataPrefix: source.metadataPrefix }, context, policy, onRetry, ...(options.signal ? { signal: options.signal } : {}) });
        } catch (err) {
          // A failure of the run (a repository that no longer answers, a refusal, a stop) is
          // thrown: the identifiers after it would each wait out their retries.
          const { error, unoffered } = await recordFailure(err, identifier, { client, context, signal: options.signal });
          const detail = unoffered ? `not available as ${source.metadataPrefix}` : error.message;
          unavailable.push({ identifier, code: error.code, message: detail });
          emit({ type: 'notice', sourceId: source.id, message: `${identifier}: ${detail} (${error.code})` });
          continue;
        }
        if (source.sets.length && !record.header.setSpecs.some((spec) => source.sets.some((set) => spec === set || spec.startsWith(`${set}:`)))) {
          emit({ type: 'notice', sourceId: source.id, message: `${identifier} is in none of the source's sets (${source.sets.join(', ')}): stored all the same, but the source's harvests will not update it.` });
        }
        waiting.push(record);
        if (waiting.length >= WRITE_EVERY) write();
      }
    } catch (err) {
      failure = err;
    }
    // Records fetched before a failure or a stop are kept (a catalogue error here is the worse one),
    // and those an earlier run set aside are no longer asked for by the next run.
    write();
    catalogue.forgetPendingRecords(source.id, stored);
    if (failure !== undefined) throw failure;
    options.onProgress?.({ sourceId: source.id, runId, mode: 'records', windowIndex: 0, windows: 1, pages: counts.pages, records: counts.seen, counts: { ...counts } });
    if (unavailable.length) {
      const listed = unavailable.slice(0, 20).map((u) => `${u.identifier}: ${u.message} (${u.code})`);
      const error = new EntenteError(
        'ERR_OAI_RECORDS_UNAVAILABLE',
        `${unavailable.length} of ${wanted.length} record(s) could not be fetched: ${listed.join('; ')}${unavailable.length > 20 ? '; ...' : ''}`,
        { context: { source: source.id, unavailable: unavailable.slice(0, MAX_LISTED), ...(unavailable.length > MAX_LISTED ? { more: unavailable.length - MAX_LISTED } : {}) } },
      );
      return { run: fail(error), identify };
    }
    return { run: catalogue.finishRun(runId, 'ok'), identify };
  } catch (err) {
    const { outcome, error } = runFailure(err, { signal: options.signal, sourceId: source.id, stopped: 'The harvest was stopped; the records fetched before it were kept' });
    return { run: catalogue.finishRun(runId, outcome, { error: storedError(error) }), identify };
  } finally {
    await client.close();
  }
}
