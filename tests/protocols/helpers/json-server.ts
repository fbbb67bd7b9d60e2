// A real loopback HTTP server for JSON APIs in tests: a router answers each request (path and
// query) with a status, headers and a body; faults (HTML pages, 429, slow answers) are routes too.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface JsonReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  delayMs?: number;
}

export interface JsonRequest {
  n: number;
  path: string;
  query: URLSearchParams;
}

/** Answers a request; undefined is a 404 with a JSON error body. */
export type JsonRouter = (req: JsonRequest, origin: string) => JsonReply | undefined | Promise<JsonReply | undefined>;

export interface JsonServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: JsonRequest[];
  close(): Promise<void>;
}

export async function startJsonServer(router: JsonRouter): Promise<JsonServer> {
  const requests: JsonRequest[] = [];
  const sockets = new Set<Socket>();
  let origin = '';
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://x');
    const r: JsonRequest = { n: requests.length + 1, path: u.pathname, query: u.searchParams };
    requests.push(r);
    const reply = (await router(r, origin)) ?? { status: 404, body: { error: 'not found' } };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
    res.writeHead(reply.status ?? 200, { 'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json', ...reply.headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
