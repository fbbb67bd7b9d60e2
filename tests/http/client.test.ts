// The HTTP layer against real loopback servers: compression, size caps, timeouts, headers,
// politeness, and the classification of failures into retryable or not.

import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { createHttpClient, type HttpClient } from '../../src/http/client.js';
import { backoffDelay, parseRetryAfter, withRetry, DEFAULT_RETRY_POLICY } from '../../src/http/retry.js';
import { NOTHING_LISTENS } from '../helpers/listen.js';

let close: (() => Promise<void>) | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await close?.();
  client = undefined;
  close = undefined;
});

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function failure(p: Promise<unknown>): Promise<EntenteError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EntenteError);
    return err as EntenteError;
  }
  throw new Error('expected a failure');
}

describe('createHttpClient', () => {
  it('sends a User-Agent naming entente and its contact, and a From header for an e-mail', async () => {
    let headers: Record<string, unknown> = {};
    const url = await serve((req, res) => { headers = req.headers; res.end('ok'); });
    client = createHttpClient({ contact: 'harvest@example.org' });
    await client.fetch(url);
    expect(headers['user-agent']).toMatch(/^entente\/\d+\.\d+\.\d+ \(\+harvest@example.org/);
    expect(headers.from).toBe('harvest@example.org');
    expect(headers['accept-encoding']).toMatch(/gzip/);
  });

  it('decompresses gzip and deflate, and gzip sent without Content-Encoding', async () => {
    const body = '<r>' + 'x'.repeat(1000) + '</r>';
    const url = await serve((req, res) => {
      if (req.url === '/gz') { res.setHeader('content-encoding', 'gzip'); res.end(gzipSync(body)); }
      else if (req.url === '/deflate') { res.setHeader('content-encoding', 'deflate'); res.end(deflateSync(body)); }
      else res.end(gzipSync(body));
    });
    client = createHttpClient();
    for (const path of ['gz', 'deflate', 'sneaky']) expect((await client.fetch(url + path)).body.toString()).toBe(body);
  });

  it('refuses a body over the cap, declared or streamed, and a decompression bomb', async () => {
    const big = Buffer.alloc(300 * 1024, 'a');
    const url = await serve((req, res) => {
      if (req.url === '/declared') { res.setHeader('content-length', big.length); res.end(big); }
      else if (req.url === '/bomb') { res.setHeader('content-encoding', 'gzip'); res.end(gzipSync(Buffer.alloc(10 * 1024 * 1024))); }
      else { res.write(big.subarray(0, 100_000)); res.write(big.subarray(100_000)); res.end(); }
    });
    client = createHttpClient({ maxResponseBytes: 200 * 1024 });
    for (const path of ['declared', 'chunked', 'bomb']) {
      const err = await failure(client.fetch(url + path));
      expect(err.code).toBe('ERR_HTTP_TOO_LARGE');
      expect(err.kind).toBe('source');
    }
  });

  it('classifies statuses: 5xx and 429 retryable with Retry-After, 403 not', async () => {
    const url = await serve((req, res) => {
      const status = Number(req.url?.slice(1));
      res.writeHead(status, status === 429 ? { 'retry-after': '7' } : {});
      res.end('<html><body>nope</body></html>');
    });
    client = createHttpClient();
    const e503 = await failure(client.fetch(url + '503'));
    expect([e503.code, e503.kind]).toEqual(['ERR_HTTP_STATUS', 'transient']);
    const e429 = await failure(client.fetch(url + '429'));
    expect(e429.retryAfterMs).toBe(7000);
    const e403 = await failure(client.fetch(url + '403'));
    expect([e403.code, e403.kind]).toEqual(['ERR_HTTP_FORBIDDEN', 'source']);
    const e404 = await failure(client.fetch(url + '404'));
    expect(e404.kind).toBe('source');
    expect(e404.message).toMatch(/HTTP 404: nope/);
  });

  it('times out when headers do not come', async () => {
    const url = await serve(() => {});
    client = createHttpClient({ headersTimeoutMs: 200 });
    const err = await failure(client.fetch(url));
    expect([err.code, err.kind]).toEqual(['ERR_HTTP_TIMEOUT', 'transient']);
  });

  it('reports a refused connection as a retryable network error', async () => {
    client = createHttpClient();
    const err = await failure(client.fetch(NOTHING_LISTENS));
    expect([err.code, err.kind]).toEqual(['ERR_HTTP_NETWORK', 'transient']);
  });

  it('keeps requests to one host one at a time and spaced by minIntervalMs', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const url = await serve((_, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      starts.push(Date.now());
      setTimeout(() => { inFlight--; res.end('ok'); }, 20);
    });
    client = createHttpClient({ minIntervalMs: 100 });
    // One request first, so that the connection's setup does not delay the first measured arrival.
    await client.fetch(url);
    starts.length = 0;
    await Promise.all([1, 2, 3, 4].map(() => client!.fetch(url)));
    expect(maxInFlight).toBe(1);
    expect(starts).toHaveLength(4);
    // Spacing is enforced at the client; arrival at the server jitters with the event loop.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(60);
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(240);
  });
});

describe('retry', () => {
  it('backs off exponentially with jitter, within bounds', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('20')).toBe(20_000);
    expect(parseRetryAfter(new Date(1_000_000 + 5000).toUTCString(), 1_000_000)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('retries transient failures only, and says how many attempts it made', async () => {
    let calls = 0;
    const policy = { ...DEFAULT_RETRY_POLICY, retries: 2, baseDelayMs: 1 };
    const err = await failure(withRetry(async () => { calls++; throw new EntenteError('ERR_HTTP_NETWORK', 'reset'); }, policy));
    expect(calls).toBe(3);
    expect(err.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(err.context.attempts).toBe(3);
    calls = 0;
    await failure(withRetry(async () => { calls++; throw new EntenteError('ERR_HTTP_FORBIDDEN', 'no'); }, policy));
    expect(calls).toBe(1);
  });
});
