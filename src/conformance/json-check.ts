// The checks that apply to JSON endpoints (iiif-discovery, iiif-collection, json-pages): reads a
// sample through the source's own protocol adapter (the harvester's), judging JSON validity,
// shape, pagination, unique ids and fetchable objects, and normalises the items for the record
// checks. I/O through the adapter only.

import type { SourceConfig } from '../config/types.js';
import { toEntenteError, type EntenteError } from '../errors.js';
import { createJsonAdapter } from '../harvest/harvest-json.js';
import { jsonFormatOf, normaliseJsonItem } from '../harvest/process-json-page.js';
import type { HttpClient } from '../http/client.js';
import type { JsonItem, NoticeKind } from '../protocols/json/json-page.js';
import { toDatestamp } from '../protocols/json/datestamp.js';
import type { CheckId } from './checks.js';
import type { Severity } from './types.js';
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

/**
 * Which check each kind of adapter notice breaks, and how badly; undefined for what the protocol
 * allows (a sub-collection shared by two collections, read once) or the source's own settings
 * asked for (iiif.maxDepth). A new kind must be placed here: the record is exhaustive.
 */
const NOTICE_CHECKS: Record<NoticeKind, { id: CheckId; severity: Severity } | undefined> = {
  // Entries the adapter had to skip.
  'not-activities': { id: 'json.shape', severity: 'error' },
  'not-collection': { id: 'json.shape', severity: 'error' },
  'empty-page': { id: 'json.pagination', severity: 'warning' },
  cycle: { id: 'json.pagination', severity: 'warning' },
  'max-page': { id: 'json.pagination', severity: 'warning' },
  'out-of-order': { id: 'json.activity-order', severity: 'error' },
  'shared-collection': undefined,
  'max-depth': undefined,
};

/** What json.unique-ids means for a protocol; undefined where an id may rightly come twice. */
function duplicateKey(protocol: SourceConfig['protocol'], item: JsonItem): string | undefined {
  // A stream lists an object once per change: only the same activity twice (same object, same time) is a fault.
  if (protocol === 'iiif-discovery') return `${item.localId}\u0000${item.datestamp}`;
  // A manifest may belong to several collections (IIIF Presentation 3.0, Collection items).
  if (protocol === 'iiif-collection') return undefined;
  return item.localId;
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
  for (const id of ['json.responds', 'json.valid-json', 'json.shape', 'json.pagination'] as const) results.ran(id);
  if (source.protocol === 'iiif-collection') results.skip('json.unique-ids', 'A manifest may belong to several collections (IIIF Presentation 3.0): the same id twice is allowed');
  else results.ran('json.unique-ids');
  if (source.protocol === 'iiif-discovery') results.ran('json.activity-order');
  else results.skip('json.activity-order', `A ${source.protocol === 'iiif-collection' ? 'IIIF collection' : 'json-pages API'} lists items, not timed activities: no order is required`);
  try {
    for await (const page of adapter.pages(undefined)) {
      pages++;
      options.onProgress?.({ phase: `${source.protocol} pages`, records: items.length, ...(options.sampleSize !== undefined ? { total: options.sampleSize } : page.total !== undefined ? { total: page.total } : {}) });
      for (const notice of page.notices) {
        const c = NOTICE_CHECKS[notice.kind];
        if (c) results.fail(c.id, { severity: c.severity, message: `Page ${pages}: ${notice.message}` });
      }
      for (const item of page.items) {
        const key = duplicateKey(source.protocol, item);
        if (key !== undefined) {
          const n = (seen.get(key) ?? 0) + 1;
          seen.set(key, n);
          if (n === 2) dupes.push(item.localId);
        }
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
  if (dupes.length) {
    const what = source.protocol === 'iiif-discovery' ? 'activities (same object, same endTime) are listed more than once' : 'item id(s) appear more than once';
    results.fail('json.unique-ids', { message: `${dupes.length} ${what} in ${items.length} items read`, recordIds: dupes.slice(0, 3) });
  }
  checkItemShape(source, items, results);

  if (source.protocol === 'json-pages') {
    // The items are in the pages themselves: there is nothing further to fetch.
    results.skip('json.objects', 'A json-pages API carries its items in the pages: no objects to fetch');
  } else {
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
    } else results.skip('json.objects', 'No object was named by the items read');
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

/**
 * json.shape at the item level, on what the adapter kept: Change Discovery activities must carry
 * an endTime (1.0, Activity); json-pages items must have an id (and a datestamp, when the source
 * says where it is) at the configured pointers.
 */
function checkItemShape(source: SourceConfig, items: readonly JsonItem[], results: ResultCollector): void {
  const report = (bad: readonly JsonItem[], severity: Severity, message: string): void => {
    if (bad.length) results.fail('json.shape', { severity, message: `${bad.length} of ${items.length} items: ${message}`, recordIds: bad.slice(0, 3).map((i) => i.localId) });
  };
  if (source.protocol === 'iiif-discovery') {
    // The adapter falls back on `published`, then on nothing: either way endTime is missing.
    report(items.filter((i) => i.datestamp === ''), 'error', 'the activity has no endTime (nor published); harvesters cannot tell when the change happened');
    report(items.filter((i) => i.datestamp !== '' && toDatestamp(i.datestamp) === undefined), 'error', 'the activity\'s endTime is not an xsd:dateTime');
  }
  if (source.protocol === 'json-pages' && source.pages) {
    report(items.filter((i) => i.issues.some((x) => x.code === 'JSON_ITEM_NO_ID')), 'error', `no id at pages.id "${source.pages.id}" (keyed by a content hash instead)`);
    const stamp = source.pages.datestamp;
    if (stamp !== undefined) {
      report(items.filter((i) => !i.deleted && i.datestamp === ''), 'warning', `no datestamp at pages.datestamp "${stamp}"`);
      report(items.filter((i) => i.datestamp !== '' && toDatestamp(i.datestamp) === undefined), 'warning', `the datestamp at pages.datestamp "${stamp}" is not a date`);
    }
  }
}
