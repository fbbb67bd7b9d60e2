// Turns a page of JSON items into records ready to store: normalise (the IIIF and Linked Art
// crosswalks, or the source's declarative mapping), validate, hash and compress the payloads.
// Pure CPU work, no I/O.

import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { StoredRecord } from '../catalogue/catalogue.js';
import type { JsonMapping } from '../config/types.js';
import type { NormalisedRecord } from '../model/record.js';
import type { Issue } from '../model/types.js';
import { finishRecord, type RecordEnvelope } from '../normalise/normalise.js';
import { detectJsonFormat, normaliseJsonRecord } from '../normalise/normalise-json.js';
import { toDatestamp } from '../protocols/json/datestamp.js';
import type { JsonItem } from '../protocols/json/json-page.js';
import { mapItem } from '../protocols/json-pages/mapping.js';
import { storedForm } from './stored-form.js';

/** The stored format of items read by a json-pages mapping (others: iiif-v2, iiif-v3, linked-art, json). */
export const MAPPED_FORMAT = 'json-mapped';

export interface JsonPageTask {
  sourceId: string;
  harvestedAt: string;
  provider?: string;
  dataProvider?: string;
  /** json-pages: the source's mapping; without it, items are read by the IIIF or Linked Art crosswalks. */
  mapping?: JsonMapping;
}

/** The stored format of a JSON document: the crosswalk that reads it, the mapping, or plain json. */
export function jsonFormatOf(document: unknown, mapping: JsonMapping | undefined): string {
  if (mapping !== undefined) return MAPPED_FORMAT;
  return detectJsonFormat(document) ?? 'json';
}

/** Normalises one JSON item. Never throws: a failing crosswalk costs the item its description, with the reason. */
export function normaliseJsonItem(
  item: Pick<JsonItem, 'localId' | 'datestamp' | 'deleted' | 'document' | 'url' | 'unavailable' | 'issues'>,
  envelope: Omit<RecordEnvelope, 'localId' | 'datestamp' | 'deleted' | 'format'> & { format: string },
  mapping: JsonMapping | undefined,
): NormalisedRecord {
  const env: RecordEnvelope = { ...envelope, localId: item.localId, datestamp: item.datestamp, deleted: item.deleted };
  try {
    if (item.deleted || item.unavailable) return finishRecord(env, undefined, item.issues.slice());
    if (mapping !== undefined) {
      const issues: Issue[] = item.issues.slice();
      const draft = mapItem(item.document, mapping, { issues });
      return finishRecord(env, draft, issues);
    }
    return normaliseJsonRecord({ ...env, document: item.document, ...(item.url !== undefined ? { url: item.url } : {}), extraIssues: item.issues });
  } catch (err) {
    const issue: Issue = { code: 'NORMALISE_FAILED', severity: 'error', path: '', message: `The record could not be normalised: ${(err as Error).message}` };
    return finishRecord(env, undefined, [...item.issues, issue]);
  }
}

export interface ProcessedJsonPage {
  records: StoredRecord[];
  rawBlob: Uint8Array;
}

export function processJsonPage(items: readonly JsonItem[], task: JsonPageTask): ProcessedJsonPage {
  const payloads: Buffer[] = [];
  let rawOffset = 0;
  const records = items.map((item): StoredRecord => {
    // One datestamp form in the catalogue; an item without one is stamped with the harvest time
    // (IIIF collections give no change dates); one that does not read as a date is kept as given.
    const datestamp = item.datestamp === '' ? task.harvestedAt : (toDatestamp(item.datestamp) ?? item.datestamp);
    if (datestamp !== item.datestamp) item = { ...item, datestamp };
    // Items sent to a worker come without their parsed document (see PagePool.processJson).
    if (item.document === undefined && !item.deleted && !item.unavailable) item = { ...item, document: JSON.parse(item.payload) as unknown };
    const bytes = Buffer.from(item.payload, 'utf8');
    payloads.push(bytes);
    const offset = rawOffset;
    rawOffset += bytes.length;
    const format = item.deleted || item.unavailable ? 'json' : jsonFormatOf(item.document, task.mapping);
    const record = normaliseJsonItem(
      item,
      {
        sourceId: task.sourceId,
        sets: [],
        format,
        harvestedAt: task.harvestedAt,
        ...(task.provider !== undefined ? { provider: task.provider } : {}),
        ...(task.dataProvider !== undefined ? { dataProvider: task.dataProvider } : {}),
      },
      task.mapping,
    );
    return {
      ...storedForm(record),
      localId: item.localId,
      datestamp,
      deleted: item.deleted,
      sets: [],
      format,
      hash: createHash('sha256').update(bytes).digest('hex'),
      rawOffset: offset,
      rawLength: bytes.length,
      namespaces: null,
    };
  });
  return { records, rawBlob: deflateRawSync(Buffer.concat(payloads, rawOffset), { level: 1 }) };
}
