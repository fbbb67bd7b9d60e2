// Turns one list response body into records ready to store: decode, parse, read records,
// normalise, validate, hash and compress. Pure CPU work with no I/O, so it can run in a worker.

import { deflateRawSync } from 'node:zlib';
import type { StoredRecord } from '../catalogue/catalogue.js';
import { EntenteError } from '../errors.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { isOaiError } from '../protocols/oai-pmh/errors.js';
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
  let response;
  try {
    response = parseOaiResponseBody(task.body, task.contentType, 'ListRecords', { url: task.url });
  } catch (err) {
    if (isOaiError(err, 'noRecordsMatch')) {
      // parseOaiResponse puts the response's responseDate in the error's context.
      const responseDate = typeof err.context.responseDate === 'string' ? err.context.responseDate : '';
      return { responseDate, resumptionToken: undefined, records: [], rawBlob: new Uint8Array(0), noRecordsMatch: true, firstId: undefined, lastId: undefined };
    }
    const decoded = err instanceof EntenteError && err.code === 'ERR_XML_MALFORMED' ? decodeXmlBody(task.body, task.contentType) : undefined;
    if (decoded && isCompleteDocument(decoded.text)) {
      // Whole but broken (one bad record): keep every record that reads, quarantine the rest.
      const salvaged = salvageListRecords(decoded.text, { sourceId: task.sourceId, metadataPrefix: task.metadataPrefix }, err as EntenteError);
      return toProcessedPage(task, salvaged.records, salvaged.responseDate, salvaged.resumptionToken);
    }
    if (task.status >= 400 && !isOaiError(err)) {
      throw new EntenteError('ERR_HTTP_STATUS', `HTTP ${task.status} without an OAI-PMH error body`, { context: { url: task.url, status: task.status }, kind: 'source' });
    }
    throw err;
  }
  const items = readRecords(response, { sourceId: task.sourceId, metadataPrefix: task.metadataPrefix, kind: 'record' });
  return toProcessedPage(task, items, response.responseDate, response.resumptionToken);
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
