// The pages of a window read the slow, sure way: ListIdentifiers for the identifiers, then one
// GetRecord per identifier. For repositories whose ListRecords breaks or times out (ArchivesSpace
// full harvests, busy multi-journal OJS): each record comes alone, so one the repository cannot
// render costs only itself. Each identifiers page becomes one page to store, with the token that
// follows it as its checkpoint. Requests go one at a time, through the HTTP layer's politeness.

import { EntenteError, toEntenteError, type ErrorCode } from '../errors.js';
import { withRetry, type RetryEvent, type RetryPolicy } from '../http/retry.js';
import type { ListArgs, OaiClient } from '../protocols/oai-pmh/client.js';
import { isOaiError } from '../protocols/oai-pmh/errors.js';
import { readRecords, type OaiHeader, type OaiRecord } from '../protocols/oai-pmh/records.js';
import type { PipelinedPage } from './page-pipeline.js';
import { stillAnswers } from './run-start.js';
import { noRecordsMatchPage, readResponseRecords, toProcessedPage, type RecordContext } from './process-page.js';

export interface GetRecordPagesOptions {
  client: OaiClient;
  args: ListArgs;
  context: RecordContext;
  policy: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** A record listed but not offered in this format: it is passed over, as ListRecords would. */
  onNotice: (message: string) => void;
  /**
   * A record that cannot be had (see recordFailure): its GetRecord failed through every retry
   * while the repository still answers, or the repository says it does not exist although it
   * listed it. Returning passes over it (the caller keeps it to report and ask again); throwing
   * fails the window.
   */
  onRecordFailure: (header: OaiHeader, error: EntenteError) => void;
  signal?: AbortSignal;
}

/**
 * Failures that belong to one record: what the repository did with it (an error status, a body
 * that is not XML, bytes in no encoding, too large, an unknown id, or badArgument: repositories
 * answer it for an identifier they cannot take back, one with a character they do not escape, say).
 * A refusal (403) or a stop is the run's. A repository that fails GetRecord for every record
 * fails the run after MAX_SKIPPED_RECORDS of them.
 */
const RECORD_FAILURES: ReadonlySet<ErrorCode> = new Set(['ERR_XML_ENCODING', 'ERR_HTTP_TOO_LARGE', 'ERR_HTTP_STATUS', 'ERR_OAI_ID_DOES_NOT_EXIST', 'ERR_OAI_PROTOCOL', 'ERR_OAI_BAD_ARGUMENT']);

/**
 * What a failed GetRecord of `identifier` means. A record not offered in this format
 * (`unoffered`), or a failure that belongs to the record, is returned, to pass over and report;
 * one that belongs to the run is thrown: a refusal, a bug, a stop, or a timeout or reset after
 * which the repository no longer answers Identify.
 */
export async function recordFailure(
  err: unknown,
  identifier: string,
  options: Pick<GetRecordPagesOptions, 'client' | 'context' | 'signal'>,
): Promise<{ error: EntenteError; unoffered: boolean }> {
  const error = toEntenteError(err, 'ERR_INTERNAL', { source: options.context.sourceId, recordId: identifier });
  if (isOaiError(err, 'cannotDisseminateFormat')) return { error, unoffered: true };
  const stopped = options.signal?.aborted === true || error.code === 'ERR_ABORTED';
  const recordsOwn = error.kind === 'transient' || RECORD_FAILURES.has(error.code);
  if (stopped || !recordsOwn || (error.kind === 'transient' && !(await stillAnswers(options.client)))) throw error;
  return { error, unoffered: false };
}

export async function* getRecordPages(firstToken: string | undefined, options: GetRecordPagesOptions): AsyncGenerator<PipelinedPage> {
  const { client, args, context } = options;
  for (let token = firstToken; ; ) {
    let response;
    try {
      response = await client.request('ListIdentifiers', token !== undefined ? { resumptionToken: token } : { metadataPrefix: args.metadataPrefix, set: args.set, from: args.from, until: args.until });
    } catch (err) {
      if (!isOaiError(err, 'noRecordsMatch')) throw err;
      yield { requestToken: token, page: noRecordsMatchPage(err), listed: 0 };
      return;
    }
    const listed = readRecords(response, { sourceId: context.sourceId, metadataPrefix: args.metadataPrefix, kind: 'header' });
    const items: OaiRecord[] = [];
    for (const item of listed) {
      options.signal?.throwIfAborted();
      // A deleted record has nothing to fetch: its header says all there is.
      if (item.header.deleted) {
        items.push(item);
        continue;
      }
      const record = await fetchRecord(item.header, options);
      if (record) items.push(record);
    }
    yield { requestToken: token, page: toProcessedPage(context, items, response.responseDate, response.resumptionToken), listed: listed.length };
    const next = response.resumptionToken?.value || undefined;
    if (next === undefined || next === token) return; // the caller reports a token sent back
    token = next;
  }
}

async function fetchRecord(header: OaiHeader, options: GetRecordPagesOptions): Promise<OaiRecord | undefined> {
  try {
    return await getRecord(header.identifier, options);
  } catch (err) {
    const { error, unoffered } = await recordFailure(err, header.identifier, options);
    if (unoffered) options.onNotice(`${header.identifier} is not available as ${options.args.metadataPrefix}: passed over.`);
    else options.onRecordFailure(header, error);
    return undefined;
  }
}

export type GetRecordOptions = Pick<GetRecordPagesOptions, 'client' | 'args' | 'context' | 'policy' | 'onRetry' | 'signal'>;

/**
 * One record, with retries, read as ListRecords pages are (readResponseRecords): a response that
 * arrived whole but does not parse (raw HTML in a description, say) keeps the record as served,
 * with an error issue, instead of asking for it again and again.
 */
export function getRecord(identifier: string, options: GetRecordOptions): Promise<OaiRecord> {
  const { client, args, context } = options;
  return withRetry(
    async () => {
      const res = await client.fetchOnce('GetRecord', { identifier, metadataPrefix: args.metadataPrefix });
      const [record] = readResponseRecords({ body: res.body, contentType: res.headers['content-type'], status: res.status, url: res.url }, 'GetRecord', {
        sourceId: context.sourceId,
        metadataPrefix: args.metadataPrefix,
      }).records;
      if (!record) throw new EntenteError('ERR_OAI_PROTOCOL', `GetRecord returned no record for ${identifier}`, { context: { source: context.sourceId, recordId: identifier } });
      // Stored under the identifier it was asked for, or not at all (a salvaged record's id is
      // what a pattern found in it).
      if (record.raw.localId !== identifier) {
        throw new EntenteError('ERR_OAI_PROTOCOL', `GetRecord for ${identifier} returned a record for ${record.raw.localId}`, { context: { source: context.sourceId, recordId: identifier } });
      }
      return record;
    },
    options.policy,
    { ...(options.signal ? { signal: options.signal } : {}), ...(options.onRetry ? { onRetry: options.onRetry } : {}) },
  ).catch((err: unknown) => {
    throw err instanceof EntenteError ? err.withContext({ source: context.sourceId, recordId: identifier }) : err;
  });
}
