// Turns one list response body into records ready to store: decode, parse (or salvage), read
// records, normalise, validate, hash and compress. Pure CPU work with no I/O, so it can run in a worker.

import { deflateRawSync } from 'node:zlib';
import type { StoredRecord } from '../catalogue/catalogue.js';
import { EntenteError } from '../errors.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { isOaiError, type OaiError } from '../protocols/oai-pmh/errors.js';
import { readRecords, type OaiRecord } from '../protocols/oai-pmh/records.js';
import { isCompleteDocument, salvageListRecords } from '../protocols/oai-pmh/salvage.js';
import { decodeXmlBody, parseOaiResponseBody, type ResumptionToken } from '../protocols/oai-pmh/response.js';
import { storedForm } from './stored-form.js';

export interface PageTask {
  body: Uint8Array;
  contentType: string | undefined;
  status: number;
  url: string;
  sourceId: string;
  metadataPrefix: string;
  harvestedAt: string;
  provider?: string;
  dataProvider?: string;
}

export interface ProcessedPage {
  responseDate: string;
  resumptionToken: ResumptionToken | undefined;
  records: StoredRecord[];
  /** The page's raw payloads, concatenated and compressed once (records point into it). */
  rawBlob: Uint8Array;
  /** The repository answered noRecordsMatch: an empty result, not a failure. */
  noRecordsMatch: boolean;
  firstId: string | undefined;
  lastId: string | undefined;
}

export function processListPage(task: PageTask): ProcessedPage {
  let read;
  try {
    read = readResponseRecords(task, 'ListRecords', task);
  } catch (err) {
    if (isOaiError(err, 'noRecordsMatch')) return noRecordsMatchPage(err);
    throw err;
  }
  return toProcessedPage(task, read.records, read.responseDate, read.resumptionToken);
}

/** An empty page for a list the repository answered with noRecordsMatch: an empty result, not a failure. */
export function noRecordsMatchPage(err: OaiError): ProcessedPage {
  // parseOaiResponse puts the response's responseDate in the error's context.
  const responseDate = typeof err.context.responseDate === 'string' ? err.context.responseDate : '';
  return { responseDate, resumptionToken: undefined, records: [], rawBlob: new Uint8Array(0), noRecordsMatch: true, firstId: undefined, lastId: undefined };
}

/**
 * The records of a ListRecords or GetRecord response, with its responseDate and token. One that
 * arrived whole but does not parse (one bad record) is read record by record: every record that
 * reads is kept, the broken one quarantined (stored as served, with an error issue). OAI errors
 * are thrown as they are, an error status without an OAI-PMH body as ERR_HTTP_STATUS.
 */
export function readResponseRecords(
  res: Pick<PageTask, 'body' | 'contentType' | 'status' | 'url'>,
  verb: 'ListRecords' | 'GetRecord',
  context: { sourceId: string; metadataPrefix: string },
): { records: OaiRecord[]; responseDate: string; resumptionToken: ResumptionToken | undefined } {
  try {
    const response = parseOaiResponseBody(res.body, res.contentType, verb, { url: res.url });
    return { records: readRecords(response, { ...context, kind: 'record' }), responseDate: response.responseDate, resumptionToken: response.resumptionToken };
  } catch (err) {
    const decoded = err instanceof EntenteError && err.code === 'ERR_XML_MALFORMED' ? decodeXmlBody(res.body, res.contentType) : undefined;
    if (decoded && isCompleteDocument(decoded.text)) return salvageListRecords(decoded.text, context, err as EntenteError);
    if (res.status >= 400 && !isOaiError(err)) {
      throw new EntenteError('ERR_HTTP_STATUS', `HTTP ${res.status} without an OAI-PMH error body`, { context: { url: res.url, status: res.status }, kind: 'source' });
    }
    throw err;
  }
}

/** What a page's records are normalised with. */
export type RecordContext = Pick<PageTask, 'sourceId' | 'harvestedAt' | 'provider' | 'dataProvider'>;

/** Normalises records read from a response (or several: GetRecord) into a page ready to store. */
export function toProcessedPage(task: RecordContext, items: OaiRecord[], responseDate: string, resumptionToken: ResumptionToken | undefined): ProcessedPage {
  const payloads: Uint8Array[] = [];
  let rawOffset = 0;
  const records: StoredRecord[] = items.map((item) => {
    const bytes = item.raw.payloadBytes ?? Buffer.from(item.raw.payload, 'utf8');
    payloads.push(bytes);
    const offset = rawOffset;
    rawOffset += bytes.length;
    const input = {
      sourceId: task.sourceId,
      localId: item.raw.localId,
      datestamp: item.raw.datestamp,
      deleted: item.raw.deleted,
      sets: item.raw.sets,
      format: item.raw.format,
      metadata: item.metadata,
      harvestedAt: task.harvestedAt,
      ...(task.provider ? { provider: task.provider } : {}),
      ...(task.dataProvider ? { dataProvider: task.dataProvider } : {}),
      extraIssues: item.issues,
    };
    let record;
    try {
      record = normaliseRecord(input);
    } catch (err) {
      // A crosswalk bug or a pathological record (thousands of nested elements) costs that record
      // its description, never its neighbours: it is stored raw, with the reason.
      const issue = { code: 'NORMALISE_FAILED', severity: 'error' as const, path: '', message: `The record could not be normalised: ${(err as Error).message}` };
      record = normaliseRecord({ ...input, metadata: undefined, extraIssues: [...item.issues, issue] });
    }
    return {
      ...storedForm(record),
      localId: item.raw.localId,
      datestamp: item.raw.datestamp,
      deleted: item.raw.deleted,
      sets: item.raw.sets,
      format: item.raw.format,
      hash: item.raw.hash,
      rawOffset: offset,
      rawLength: bytes.length,
      namespaces: item.raw.namespaces ? JSON.stringify(item.raw.namespaces) : null,
    };
  });
  return {
    responseDate,
    resumptionToken,
    records,
    rawBlob: deflateRawSync(Buffer.concat(payloads, rawOffset), { level: 1 }),
    noRecordsMatch: false,
    firstId: records[0]?.localId,
    lastId: records[records.length - 1]?.localId,
  };
}
