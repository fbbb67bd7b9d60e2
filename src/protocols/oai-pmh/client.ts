// An OAI-PMH 2.0 client: the six verbs, paging hidden behind async iterators, retries on
// network faults, 5xx, 503 Retry-After, truncated bodies and HTML error pages.
// Knows nothing of the catalogue; usable on its own as a library.

import { EntenteError } from '../../errors.js';
import { createHttpClient, type HttpClient, type HttpResponse } from '../../http/client.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryEvent, type RetryPolicy } from '../../http/retry.js';
import { isOaiError } from './errors.js';
import { readRecords, type OaiHeader, type OaiRecord } from './records.js';
import { buildRequestUrl, type OaiArgs, type OaiVerb } from './request.js';
import { parseOaiResponseBody, type OaiResponse, type ResumptionToken } from './response.js';
import { readIdentify, readMetadataFormats, readSets, type Identify, type MetadataFormat, type OaiSet } from './verbs.js';

export interface OaiClientOptions {
  /** The repository's base URL. */
  baseUrl: string;
  /** Shared HTTP client (politeness queues are per client). One is created when omitted. */
  http?: HttpClient;
  retry?: Partial<RetryPolicy>;
  /** Used in RawRecords and error context. @default the base URL's host */
  sourceId?: string;
  /**
   * Send requests as POST (form-encoded). Some repositories need it for very long tokens.
   * @default 'GET'
   */
  method?: 'GET' | 'POST';
  signal?: AbortSignal;
  /** Per-request size and time limits for this repository. */
  limits?: { maxResponseBytes?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number };
  onRetry?: (event: RetryEvent & { url: string }) => void;
}

export interface ListArgs {
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
}

/** One page of a list response, whole and parsed. */
export interface OaiPage<T> {
  items: T[];
  responseDate: string;
  /** The token as sent; undefined or value '' at the end of the list. */
  resumptionToken: ResumptionToken | undefined;
  url: string;
}

export interface OaiClient {
  readonly baseUrl: string;
  identify(): Promise<Identify>;
  listMetadataFormats(identifier?: string): Promise<MetadataFormat[]>;
  listSets(): AsyncIterable<OaiSet>;
  listIdentifiers(args: ListArgs): AsyncIterable<OaiPage<OaiHeader>>;
  listRecords(args: ListArgs): AsyncIterable<OaiPage<OaiRecord>>;
  /** Every record of a list, page after page: the simplest way to harvest. */
  records(args: ListArgs): AsyncIterable<OaiRecord>;
  getRecord(identifier: string, metadataPrefix: string): Promise<OaiRecord>;
  /** One request with retries, parsed. */
  request(verb: OaiVerb, args: OaiArgs): Promise<OaiResponse>;
  /** One attempt, unparsed (low-level: the harvester parses ListRecords pages off the main thread). */
  fetchOnce(verb: OaiVerb, args: OaiArgs): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** How many times a list restarts from its first page after badResumptionToken before giving up. */
const MAX_LIST_RESTARTS = 3;

export function createOaiClient(options: OaiClientOptions): OaiClient {
  const ownHttp = options.http === undefined;
  const http = options.http ?? createHttpClient();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sourceId = options.sourceId ?? new URL(options.baseUrl).host;
  const method = options.method ?? 'GET';

  async function fetchOnce(verb: OaiVerb, args: OaiArgs): Promise<HttpResponse> {
    const url = buildRequestUrl(options.baseUrl, verb, args);
    const fo = {
      accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
      // Some repositories send OAI errors with 400 or 404: look at the body before failing.
      allowStatus: (s: number) => s === 400 || s === 404 || s === 422,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    };
    if (method === 'POST') {
      const form = new URLSearchParams(new URL(buildRequestUrl(options.baseUrl, verb, args)).search);
      const base = new URL(options.baseUrl);
      base.search = '';
      return http.fetch(base.toString(), { ...fo, method: 'POST', form });
    }
    return http.fetch(url, fo);
  }

  async function request(verb: OaiVerb, args: OaiArgs): Promise<OaiResponse> {
    const url = buildRequestUrl(options.baseUrl, verb, args);
    return withRetry(
      async () => {
        const res = await fetchOnce(verb, args);
        try {
          return parseOaiResponseBody(res.body, res.headers['content-type'], verb, { url });
        } catch (err) {
          // A 4xx whose body is not an OAI error is an HTTP failure, not a parse failure.
          if (res.status >= 400 && !isOaiError(err)) {
            throw new EntenteError('ERR_HTTP_STATUS', `HTTP ${res.status} without an OAI-PMH error body`, { context: { url, status: res.status }, kind: 'source' });
          }
          throw err;
        }
      },
      policy,
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onRetry: (e) => options.onRetry?.({ ...e, url }),
      },
    ).catch((err: unknown) => {
      throw err instanceof EntenteError ? err.withContext({ source: sourceId, url, verb, ...(args.resumptionToken ? { token: args.resumptionToken } : {}) }) : err;
    });
  }

  async function* pages<T>(verb: 'ListRecords' | 'ListIdentifiers' | 'ListSets', args: OaiArgs, read: (r: OaiResponse) => T[]): AsyncGenerator<OaiPage<T>> {
    let token: string | undefined;
    let restarts = 0;
    for (;;) {
      const reqArgs: OaiArgs = token === undefined ? args : { resumptionToken: token };
      let response: OaiResponse;
      try {
        response = await request(verb, reqArgs);
      } catch (err) {
        if (isOaiError(err, 'noRecordsMatch')) return; // an empty list, even when it comes after a token
        if (isOaiError(err, 'badResumptionToken') && token !== undefined && restarts < MAX_LIST_RESTARTS) {
          restarts++;
          token = undefined; // OAI-PMH has no offsets: restart the list (records may repeat)
          continue;
        }
        throw err;
      }
      const next = response.resumptionToken?.value || undefined;
      yield { items: read(response), responseDate: response.responseDate, resumptionToken: response.resumptionToken, url: buildRequestUrl(options.baseUrl, verb, reqArgs) };
      if (next === undefined) return;
      if (next === token) {
        throw new EntenteError('ERR_OAI_TOKEN_LOOP', `The repository returned the resumption token it was sent ("${next.slice(0, 80)}")`, {
          context: { source: sourceId, verb, token: next },
        });
      }
      token = next;
    }
  }

  const listArgs = (a: ListArgs): OaiArgs => ({ metadataPrefix: a.metadataPrefix, set: a.set, from: a.from, until: a.until });

  const client: OaiClient = {
    baseUrl: options.baseUrl,
    async identify() {
      return readIdentify(await request('Identify', {}));
    },
    async listMetadataFormats(identifier) {
      return readMetadataFormats(await request('ListMetadataFormats', identifier ? { identifier } : {}));
    },
    async *listSets() {
      try {
        for await (const page of pages('ListSets', {}, readSets)) yield* page.items;
      } catch (err) {
        if (isOaiError(err, 'noSetHierarchy')) return;
        throw err;
      }
    },
    listIdentifiers(args) {
      return pages('ListIdentifiers', listArgs(args), (r) =>
        readRecords(r, { sourceId, metadataPrefix: args.metadataPrefix, kind: 'header' }).map((rec) => rec.header),
      );
    },
    listRecords(args) {
      return pages('ListRecords', listArgs(args), (r) => readRecords(r, { sourceId, metadataPrefix: args.metadataPrefix, kind: 'record' }));
    },
    async *records(args) {
      for await (const page of client.listRecords(args)) yield* page.items;
    },
    async getRecord(identifier, metadataPrefix) {
      const response = await request('GetRecord', { identifier, metadataPrefix });
      const [record] = readRecords(response, { sourceId, metadataPrefix, kind: 'record' });
      if (!record) throw new EntenteError('ERR_OAI_PROTOCOL', `GetRecord returned no record for ${identifier}`, { context: { source: sourceId, recordId: identifier } });
      return record;
    },
    request,
    fetchOnce,
    async close() {
      if (ownHttp) await http.close();
    },
  };
  return client;
}
