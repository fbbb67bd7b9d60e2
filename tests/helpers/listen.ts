// Loopback test servers: a free port, and a close() that does not wait on keep-alive clients.

import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Listening {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  origin: string;
  /** Destroys open sockets (keep-alive would hold server.close()), then closes the server. */
  close(): Promise<void>;
}

/** Listens on a free loopback port. */
export async function listenLoopback(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A loopback URL where nothing listens. Port 1 is privileged and nothing here binds it, so the
 * connection is always refused; a port freed by a closed server could be taken by another test.
 */
export const NOTHING_LISTENS = 'http://127.0.0.1:1/oai';
