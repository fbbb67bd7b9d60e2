// The pages of a window read the slow, sure way: ListIdentifiers for the identifiers, then one
// GetRecord per identifier. For repositories whose ListRecords breaks or times out (ArchivesSpace
// full harvests, busy multi-journal OJS): each record comes alone, so one the repository cannot
// render costs only itself. Each identifiers page becomes one page to store, with the token that
// follows it as its checkpoint. Requests go one at a time, through the HTTP layer's politeness.

import { toEntenteError, type EntenteError } from '../errors.js';
import type { ListArgs, OaiClient } from '../protocols/oai-pmh/client.js';
import { isOaiError } from '../protocols/oai-pmh/errors.js';
import { readRecords, type OaiRecord } from '../protocols/oai-pmh/records.js';
import type { PipelinedPage } from './page-pipeline.js';
import { toProcessedPage, type RecordContext } from './process-page.js';

export interface GetRecordPagesOptions {
  client: OaiClient;
  args: ListArgs;
  context: RecordContext;
  /** A record listed but not served in this format, or no longer there: it is passed over. */
  onNotice: (message: string) => void;
  /**
   * A record whose GetRecord failed through every retry. Returning passes over it (the caller
   * keeps it to report); throwing fails the window.
   */
  onRecordFailure: (identifier: string, error: EntenteError) => Promise<void>;
  signal?: AbortSignal;
}

export async function* getRecordPages(firstToken: string | undefined, options: GetRecordPagesOptions): AsyncGenerator<PipelinedPage> {
  const { client, args, context } = options;
  for (let token = firstToken; ; ) {
    let response;
    try {
      response = await client.request('ListIdentifiers', token !== undefined ? { resumptionToken: token } : { metadataPrefix: args.metadataPrefix, set: args.set, from: args.from, until: args.until });
    } catch (err) {
      if (!isOaiError(err, 'noRecordsMatch')) throw err;
      const responseDate = typeof err.context.responseDate === 'string' ? err.context.responseDate : '';
      yield { requestToken: token, page: { responseDate, resumptionToken: undefined, records: [], rawBlob: new Uint8Array(0), noRecordsMatch: true, firstId: undefined, lastId: undefined } };
      return;
    }
    const items: OaiRecord[] = [];
    for (const listed of readRecords(response, { sourceId: context.sourceId, metadataPrefix: args.metadataPrefix, kind: 'header' })) {
      options.signal?.throwIfAborted();
      // A deleted record has nothing to fetch: its header says all there is.
      if (listed.header.deleted) {
        items.push(listed);
        continue;
      }
      const record = await fetchRecord(listed.header.identifier, options);
      if (record) items.push(record);
    }
    yield { requestToken: token, page: toProcessedPage(context, items, response.responseDate, response.resumptionToken) };
    const next = response.resumptionToken?.value || undefined;
    if (next === undefined || next === token) return; // the caller reports a token sent back
    token = next;
  }
}

async function fetchRecord(identifier: string, options: GetRecordPagesOptions): Promise<OaiRecord | undefined> {
  try {
    return await options.client.getRecord(identifier, options.args.metadataPrefix);
  } catch (err) {
    if (isOaiError(err, 'idDoesNotExist')) {
      options.onNotice(`${identifier} was listed, but GetRecord says it does not exist (removed since?): passed over.`);
      return undefined;
    }
    if (isOaiError(err, 'cannotDisseminateFormat')) {
      options.onNotice(`${identifier} is not available as ${options.args.metadataPrefix}: passed over.`);
      return undefined;
    }
    const error = toEntenteError(err, 'ERR_INTERNAL', { recordId: identifier });
    // Whatever this one record does (a 500, a body that is not XML, bytes in no encoding) is its
    // own failure; a wrong configuration, a bug or a stop is the run's.
    if (error.kind === 'config' || error.kind === 'internal' || error.code === 'ERR_ABORTED' || options.signal?.aborted) throw error;
    await options.onRecordFailure(identifier, error);
    return undefined;
  }
}
