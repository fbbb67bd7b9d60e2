// A real loopback HTTP server in front of an OaiProvider that can misbehave on cue: error
// statuses, Retry-After, resets mid-body, truncated XML, HTML pages, hangs, custom bodies.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { OaiProvider } from '../../src/provider/types.js';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Sends the headers and half the body, then destroys the socket. */
  | { kind: 'reset' }
  /** Sends the first `fraction` of the real body and ends the response normally (chunked). */
  | { kind: 'truncate'; fraction?: number }
  | { kind: 'html' }
  | { kind: 'delay'; ms: number }
  /** Never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  | { kind: 'body'; body: string | Buffer; contentType?: string; headers?: Record<string, string> }
  | { kind: 'transform'; fn: (body: string) => string };

export interface RequestLog {
  n: number;
  params: URLSearchParams;
  at: number;
}

export interface FaultServer {
  url: string;
  requests: RequestLog[];
  /** TCP connections accepted so far. */
  connections: () => number;
  close(): Promise<void>;
}

export type FaultPlan = (request: { n: number; params: URLSearchParams }) => Fault | undefined;

export async function startFaultServer(provider: OaiProvider, plan: FaultPlan = () => undefined): Promise<FaultServer> {
  const requests: RequestLog[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let url = '';

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const n = requests.length + 1;
    requests.push({ n, params, at: Date.now() });
    const fault = plan({ n, params });
    const real = (): { status: number; contentType: string; body: string } => provider.handle(params, url);
    if (!fault) {
      const r = real();
      res.writeHead(r.status, { 'content-type': r.contentType });
      res.end(r.body);
      return;
    }
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
        res.end(fault.body ?? `status ${fault.status}`);
        return;
      case 'reset': {
        const body = Buffer.from(real().body);
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(body.length) });
        res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => req.socket.destroy(), 10));
        return;
      }
      case 'truncate': {
        const body = real().body;
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(body.slice(0, Math.floor(body.length * (fault.fraction ?? 0.5))));
        return;
      }
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><head><title>Service Temporarily Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>');
        return;
      case 'delay': {
        await new Promise((r) => setTimeout(r, fault.ms));
        const r = real();
        res.writeHead(r.status, { 'content-type': r.contentType });
        res.end(r.body);
        return;
      }
      case 'hang':
        return; // the socket stays open until the client gives up or the server closes
      case 'body':
        res.writeHead(200, { 'content-type': fault.contentType ?? 'text/xml; charset=utf-8', ...fault.headers });
        res.end(fault.body);
        return;
      case 'transform': {
        const r = real();
        res.writeHead(r.status, { 'content-type': r.contentType });
        res.end(fault.fn(r.body));
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
  return {
    url,
    requests,
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A repository that cannot render one record: while `broken()`, every ListRecords page that
 * would hold `identifier` answers 500; everything else gets `otherwise` (served as is by default).
 */
export function listsBrokenBy(provider: OaiProvider, identifier: string, options: { broken?: () => boolean; otherwise?: Fault } = {}): FaultPlan {
  const holds = `<identifier>${identifier}</identifier>`;
  return ({ params }) =>
    (options.broken?.() ?? true) && params.get('verb') === 'ListRecords' && provider.handle(params, '').body.includes(holds)
      ? { kind: 'status', status: 500, body: 'Internal Server Error: cannot render record' }
      : options.otherwise;
}
