// The checks that apply to JSON endpoints (iiif-discovery, iiif-collection, json-pages): reads a
// sample through the source's own protocol adapter (the harvester's), judging JSON validity,
// shape, pagination, unique ids and fetchable objects, and normalises the items for the record
// checks. I/O through the adapter only.

import type { SourceConfig } from '../config/types.js';
import { toEntenteError, type EntenteError } from '../errors.js';
import { createJsonAdapter } from '../harvest/harvest-json.js';
import { jsonFormatOf, normaliseJsonItem } from '../harvest/process-json-page.js';
import type { HttpClient } from '../http/client.js';
import type { JsonItem } from '../protocols/json/json-page.js';
import { toDatestamp } from '../protocols/json/datestamp.js';
import type { CheckId } from './checks.js';
import type { CheckProgress } from './oai-pmh-check.js';
import type { RecordEntry } from './record-checks.js';
import type { ResultCollector } from './results.js';

export interface JsonCheckOptions {
  http: HttpClient;
  source: SourceConfig;
  /** Items to read; undefined: the whole list. */
  sampleSize: number | undefined;
  harvestedAt: string;
  signal?: AbortSignal;
  onProgress?: (p: CheckProgress) => void;
}

export interface JsonCheckOutcome {
  /** The endpoint could not be read at all: why. */
  fatal?: EntenteError;
  /** The stored format of most items (iiif-v3, linked-art, json-mapped...). */
  format?: string;
  entries: RecordEntry[];
}

/** Which check an adapter's error breaks. */
function checkOfError(code: string): CheckId {
  if (code === 'ERR_JSON_NOT_JSON') return 'json.valid-json';
  if (code === 'ERR_JSON_NEXT_LOOP') return 'json.pagination';
  if (code === 'ERR_IIIF_NOT_DISCOVERY' || code === 'ERR_IIIF_NOT_COLLECTION' || code === 'ERR_JSON_SHAPE') return 'json.shape';
  return 'json.responds';
}

export async function runJsonChecks(options: JsonCheckOptions, results: ResultCollector): Promise<JsonCheckOutcome> {
  const { source } = options;
  const fetch = {
    http: options.http,
    sourceId: source.id,
    // One retry, soon: the checker reports a flaky endpoint rather than waiting it out.
    retry: { retries: 1, baseDelayMs: 200, maxDelayMs: 1000, maxRetryAfterMs: 30_000 },
    limits: { maxResponseBytes: source.http.maxResponseBytes, headersTimeoutMs: source.http.headersTimeoutMs, bodyTimeoutMs: source.http.bodyTimeoutMs },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const adapter = createJsonAdapter(source, fetch, undefined, () => new Map());
  const items: JsonItem[] = [];
  const seen = new Map<string, number>();
  const dupes: string[] = [];
  let pages = 0;
  let complete = false;
  for (const id of ['json.responds', 'json.valid-json', 'json.shape', 'json.pagination', 'json.unique-ids'] as const) results.ran(id);
  try {
    for await (const page of adapter.pages(undefined)) {
      pages++;
      options.onProgress?.({ phase: `${source.protocol} pages`, records: items.length, ...(options.sampleSize !== undefined ? { total: options.sampleSize } : page.total !== undefined ? { total: page.total } : {}) });
      for (const notice of page.notices) results.fail('json.pagination', { severity: 'warning', message: `Page ${pages}: ${notice}` });
      for (const item of page.items) {
        const n = (seen.get(item.localId) ?? 0) + 1;
        seen.set(item.localId, n);
        if (n === 2) dupes.push(item.localId);
        items.push(item);
      }
      if (page.next === undefined) {
        complete = true;
        break;
      }
      if (options.sampleSize !== undefined && items.length >= options.sampleSize) break;
    }
  } catch (err) {
    const e = toEntenteError(err);
    if (e.code === 'ERR_ABORTED') throw e;
    // After retries the adapter's error is wrapped: the code that matters is the last one.
    const code = e.code === 'ERR_HTTP_RETRIES_EXHAUSTED' && typeof e.context.lastCode === 'string' ? e.context.lastCode : e.code;
    const id = checkOfError(code);
    results.fail(id, { message: `${e.code}: ${e.message}`, ...(typeof e.context.url === 'string' ? { request: { verb: 'GET', url: e.context.url } } : {}) });
    if (pages === 0 && items.length === 0) {
      if (id !== 'json.responds') results.fail('json.responds', { message: `${source.url} could not be read as ${source.protocol}: ${e.message}` });
      return { fatal: e, entries: [] };
    }
  }
  if (!complete && options.sampleSize === undefined) results.fail('json.pagination', { severity: 'warning', message: `The list stopped after ${pages} pages without reaching its end` });
  if (dupes.length) results.fail('json.unique-ids', { message: `${dupes.length} item id(s) appear more than once in ${items.length} items read`, recordIds: dupes.slice(0, 3) });

  // Objects that could not be fetched (404, wrong shape, not JSON) come as unavailable items.
  const unavailable = items.filter((i) => i.unavailable);
  const fetched = items.filter((i) => !i.deleted);
  if (fetched.length > 0) {
    results.ran('json.objects');
    if (unavailable.length) {
      results.fail('json.objects', {
        message: `${unavailable.length} of ${fetched.length} objects could not be fetched: ${unavailable[0]?.issues[0]?.message ?? ''}`,
        recordIds: unavailable.slice(0, 3).map((i) => i.localId),
      });
    }
  }

  const formats = new Map<string, number>();
  const entries: RecordEntry[] = items.map((item) => {
    if (item.deleted) return { localId: item.localId, deleted: true };
    const format = item.unavailable ? 'json' : jsonFormatOf(item.document, source.mapping);
    formats.set(format, (formats.get(format) ?? 0) + 1);
    // As the harvester stores it (processJsonPage): one datestamp form, the check time when the item has none.
    const datestamp = item.datestamp === '' ? options.harvestedAt : (toDatestamp(item.datestamp) ?? item.datestamp);
    const record = normaliseJsonItem({ ...item, datestamp }, { sourceId: source.id, sets: [], format, harvestedAt: options.harvestedAt }, source.mapping);
    return { localId: item.localId, deleted: false, record };
  });
  const format = [...formats.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { ...(format !== undefined ? { format } : {}), entries };
}
