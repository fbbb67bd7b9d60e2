// The HTTP layer: one undici Agent with pinned keep-alive connections, per-host politeness
// queues, timeouts, a streaming size cap and decompression. One attempt per call: retries are
// composed on top (see retry.ts) so callers can also retry on what they find in the body.

import { Agent, Pool, request, errors as undiciErrors } from 'undici';
import { gunzipSync, inflateSync, inflateRawSync, brotliDecompressSync } from 'node:zlib';
import { EntenteError } from '../errors.js';
import { createHostQueues, type HostQueues, type PolitenessOptions } from './host-queue.js';
import { parseRetryAfter } from './retry.js';
import { VERSION } from '../version.js';

export interface HttpOptions extends Partial<PolitenessOptions> {
  /**
   * Contact URL or e-mail put in the User-Agent (and From, for an e-mail), so archive staff can reach the operator.
   * @default 'https://github.com/entente-harvester/entente'
   */
  contact?: string;
  /** Replaces the whole User-Agent. Prefer `contact`. */
  userAgent?: string;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** Time to wait for the response headers. @default 60000 */
  headersTimeoutMs?: number;
  /** Longest silence while reading the body. @default 120000 */
  bodyTimeoutMs?: number;
  /**
   * Largest response accepted, counted while streaming (and again after decompression).
   * @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body, decompressed. */
  body: Buffer;
  elapsedMs: number;
}

export interface FetchOptions {
  signal?: AbortSignal;
  accept?: string;
  method?: 'GET' | 'POST';
  /** Form body for POST. */
  form?: URLSearchParams;
  /** Per-request limits (a source's own config); the client's options otherwise. */
  limits?: { maxResponseBytes?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number };
  /** Statuses other than 2xx that the caller wants to see rather than an error (e.g. OAI errors sent as 400). */
  allowStatus?: (status: number) => boolean;
}

export interface HttpClient {
  /** One polite attempt: queued per host, bounded in time and size. Throws a classified EntenteError. */
  fetch(url: string, options?: FetchOptions): Promise<HttpResponse>;
  /** The per-host politeness queues, shared by every source using this client. */
  readonly hosts: HostQueues;
  readonly userAgent: string;
  close(): Promise<void>;
}

export const DEFAULT_HTTP_OPTIONS = Object.freeze({
  contact: 'https://github.com/entente-harvester/entente',
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 120_000,
  maxResponseBytes: 64 * 1024 * 1024,
});

export function buildUserAgent(contact: string): string {
  return `entente/${VERSION} (+${contact}; cultural-heritage metadata harvester)`;
}

/** Creates a client. Share one per process so that every source on a host shares that host's queue. */
export function createHttpClient(options: HttpOptions = {}, queues?: HostQueues): HttpClient {
  const opts = { ...DEFAULT_HTTP_OPTIONS, ...options };
  const hostQueues = queues ?? createHostQueues(options);
  // One connection per origin by default: a single-process archive keeps one keep-alive socket
  // busy, and a second pooled socket would wait for its keep-alive timeout on every request.
  const agent = new Agent({
    // As many sockets per origin as the host's politeness allows requests in flight (one by
    // default): the queue and the pool agree, so a sequential harvest keeps one connection.
    factory: (origin, poolOptions) =>
      new Pool(origin, { ...poolOptions, connections: hostQueues.limitsFor(new URL(String(origin)).host).concurrency }),
    pipelining: 1,
    connect: { timeout: opts.connectTimeoutMs },
    headersTimeout: opts.headersTimeoutMs,
    bodyTimeout: opts.bodyTimeoutMs,
  });
  const userAgent = opts.userAgent ?? buildUserAgent(opts.contact);
  const from = /^[^@\s]+@[^@\s]+$/.test(opts.contact.replace(/^mailto:/, '')) ? opts.contact.replace(/^mailto:/, '') : undefined;

  async function attempt(url: string, fo: FetchOptions): Promise<HttpResponse> {
    const started = performance.now();
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      'accept-encoding': 'gzip, deflate, br',
      accept: fo.accept ?? '*/*',
    };
    if (from) headers.from = from;
    let body: string | undefined;
    if (fo.method === 'POST' && fo.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = fo.form.toString();
    }
    const context = { url };
    const maxBytes = fo.limits?.maxResponseBytes ?? opts.maxResponseBytes;
    let res;
    try {
      res = await request(url, {
        dispatcher: agent,
        method: fo.method ?? 'GET',
        headers,
        headersTimeout: fo.limits?.headersTimeoutMs ?? opts.headersTimeoutMs,
        bodyTimeout: fo.limits?.bodyTimeoutMs ?? opts.bodyTimeoutMs,
        ...(body === undefined ? {} : { body }),
        ...(fo.signal ? { signal: fo.signal } : {}),
      });
    } catch (err) {
      throw classifyNetworkError(err, context, fo.signal);
    }
    const status = res.statusCode;
    const flatHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flatHeaders[k] = Array.isArray(v) ? v.join(', ') : v;

    if (!(status >= 200 && status < 300) && !fo.allowStatus?.(status)) {
      // Read a little of the body for the message, then drop the rest.
      const snippet = await readCapped(res.body, 2048, context, true).catch(() => Buffer.alloc(0));
      throw statusError(status, flatHeaders, snippet.toString('utf8'), context);
    }

    const declared = Number(flatHeaders['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.body.destroy();
      throw tooLarge(declared, maxBytes, context);
    }
    let raw: Buffer;
    try {
      raw = await readCapped(res.body, maxBytes, context, false);
    } catch (err) {
      throw err instanceof EntenteError ? err : classifyNetworkError(err, context, fo.signal);
    }
    const decoded = decompress(raw, flatHeaders['content-encoding'], maxBytes, context);
    return { url, status, headers: flatHeaders, body: decoded, elapsedMs: performance.now() - started };
  }

  return {
    userAgent,
    hosts: hostQueues,
    fetch(url, fo = {}) {
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        return Promise.reject(new EntenteError('ERR_CONFIG_INVALID', `Not a valid URL: ${url}`, { context: { url } }));
      }
      return hostQueues.run(host, () => attempt(url, fo), fo.signal);
    },
    async close() {
      await agent.close();
    },
  };
}

async function readCapped(body: AsyncIterable<Buffer | Uint8Array> & { destroy(): unknown }, cap: number, context: { url: string }, truncate: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > cap) {
      body.destroy();
      if (truncate) {
        chunks.push(Buffer.from(chunk));
        return Buffer.concat(chunks).subarray(0, cap);
      }
      throw tooLarge(total, cap, context);
    }
    chunks.push(Buffer.from(chunk));
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function tooLarge(size: number, cap: number, context: { url: string }): EntenteError {
  return new EntenteError('ERR_HTTP_TOO_LARGE', `Response larger than the ${formatBytes(cap)} cap (at least ${formatBytes(size)})`, {
    context: { ...context, maxResponseBytes: cap },
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** Decompresses by Content-Encoding, or by magic bytes: some archives send gzip without saying so. */
function decompress(raw: Buffer, encoding: string | undefined, cap: number, context: { url: string }): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  const looksGzip = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  try {
    const limit = { maxOutputLength: cap };
    if (enc === 'gzip' || enc === 'x-gzip' || (looksGzip && enc !== 'identity')) return gunzipSync(raw, limit);
    if (enc === 'deflate') {
      try {
        return inflateSync(raw, limit);
      } catch {
        return inflateRawSync(raw, limit); // servers that send raw deflate without the zlib wrapper
      }
    }
    if (enc === 'br') return brotliDecompressSync(raw, limit);
    return raw;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(String(err))) {
      throw tooLarge(cap + 1, cap, context);
    }
    throw new EntenteError('ERR_HTTP_NETWORK', `Could not decompress the ${enc || 'gzip'} body: ${(err as Error).message}`, {
      cause: err,
      context,
      kind: 'transient',
    });
  }
}

function statusError(status: number, headers: Record<string, string>, snippet: string, context: { url: string }): EntenteError {
  const brief = snippet.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  const detail = brief ? `: ${brief}` : '';
  if (status === 401 || status === 403) {
    return new EntenteError('ERR_HTTP_FORBIDDEN', `HTTP ${status} from the archive${detail}`, { context: { ...context, status } });
  }
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const transient = status >= 500 || status === 429 || status === 408;
  return new EntenteError('ERR_HTTP_STATUS', `HTTP ${status}${detail}`, {
    context: { ...context, status },
    kind: transient ? 'transient' : 'source',
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function classifyNetworkError(err: unknown, context: { url: string }, signal: AbortSignal | undefined): EntenteError {
  if (err instanceof EntenteError) return err;
  if (signal?.aborted) return new EntenteError('ERR_ABORTED', 'The request was stopped', { cause: err, context });
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (
    err instanceof undiciErrors.ConnectTimeoutError ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    /TIMEOUT/i.test(code)
  ) {
    return new EntenteError('ERR_HTTP_TIMEOUT', `Timed out: ${message}`, { cause: err, context });
  }
  return new EntenteError('ERR_HTTP_NETWORK', `Network error${code ? ` (${code})` : ''}: ${message}`, { cause: err, context });
}
