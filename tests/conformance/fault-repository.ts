// Loopback OAI-PMH repositories for the conformance tests: the bundled provider (correct by
// construction) behind a server that lets a test break one rule by rewriting a request or an answer.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider, ProviderOptions, ProviderRecord } from '../../src/provider/types.js';
import { listenLoopback } from '../helpers/listen.js';

/** What the server sends back. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** The correct answer to some parameters (the provider's), for a breaker to change. */
export type RealAnswer = (params?: URLSearchParams) => Answer;

/** Breaks one rule: returns the answer to send, or undefined for the correct one. */
export type Breaker = (params: URLSearchParams, real: RealAnswer, method: string) => Answer | undefined | Promise<Answer | undefined>;

export interface FaultRepository {
  url: string;
  provider: OaiProvider;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

const DC = (i: number, extra = ''): string =>
  '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
  `<dc:title xml:lang="en">Map of the parish, sheet ${i}</dc:title><dc:creator>Surveyor, Anna</dc:creator>` +
  `<dc:date>18${String(10 + i).padStart(2, '0')}</dc:date><dc:type>Image</dc:type><dc:language>eng</dc:language>` +
  `<dc:subject>Cartography</dc:subject><dc:description>Sheet ${i} of the survey.</dc:description>` +
  `<dc:rights>http://rightsstatements.org/vocab/NoC-US/1.0/</dc:rights><dc:identifier>https://maps.example.org/item/${i}</dc:identifier>${extra}</oai_dc:dc>`;

/** A small, correct repository: 30 records (one deleted), pages of 10, two sets, day granularity. */
export function correctOptions(overrides: Partial<ProviderOptions> = {}): ProviderOptions {
  const seconds = overrides.granularity === 'YYYY-MM-DDThh:mm:ssZ';
  const records: ProviderRecord[] = Array.from({ length: 30 }, (_, n) => {
    const i = n + 1;
    const day = `2024-01-${String(i).padStart(2, '0')}`;
    const r: ProviderRecord = {
      identifier: `oai:maps.example.org:rec-${String(i).padStart(2, '0')}`,
      datestamp: seconds ? `${day}T10:00:00Z` : day,
      sets: [i % 2 ? 'maps' : 'maps:county'],
      metadata: { oai_dc: DC(i) },
    };
    if (i === 30) {
      r.deleted = true;
      r.metadata = {};
    }
    return r;
  });
  return {
    repositoryName: 'Test Map Library',
    adminEmail: 'oai@maps.example.org',
    granularity: 'YYYY-MM-DD',
    deletedRecord: 'persistent',
    pageSize: 10,
    records,
    sets: [
      { setSpec: 'maps', setName: 'Maps' },
      { setSpec: 'maps:county', setName: 'County maps' },
    ],
    now: () => new Date('2024-06-01T12:00:00Z'),
    ...overrides,
  };
}

/** The oai_dc metadata of record `i` with extra DC XML inside (for record-level faults). */
export const dcRecord = DC;

/** Starts a repository on 127.0.0.1; `breaker` may rewrite any exchange. */
export async function startFaultRepository(options: ProviderOptions = correctOptions(), breaker?: Breaker): Promise<FaultRepository> {
  const provider = createOaiProvider(options);
  const requests: URLSearchParams[] = [];
  let url = '';

  const real: (given: URLSearchParams) => RealAnswer = (given) => (params) => {
    const r = provider.handle(params ?? given, url);
    return { status: r.status, headers: { 'content-type': r.contentType }, body: r.body };
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let params = new URL(req.url ?? '/', 'http://x').searchParams;
    if (req.method === 'POST') {
      // OAI-PMH POST: the arguments come form-encoded in the body.
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    }
    requests.push(params);
    const answer = (breaker ? await breaker(params, real(params), req.method ?? 'GET') : undefined) ?? real(params)();
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
    res.end(body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  const listening = await listenLoopback(server);
  url = `${listening.origin}/oai`;
  return { url, provider, requests, close: listening.close };
}

/** Replaces text in the body of the correct answer when `when` holds. */
export function rewrite(when: (p: URLSearchParams) => boolean, fn: (body: string) => string): Breaker {
  return (params, real) => {
    if (!when(params)) return undefined;
    const a = real();
    return { ...a, body: fn(String(a.body)) };
  };
}

/** The parameters without some keys. */
export function without(params: URLSearchParams, ...keys: string[]): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const k of keys) p.delete(k);
  return p;
}

export const verbIs = (verb: string) => (p: URLSearchParams) => p.get('verb') === verb;
