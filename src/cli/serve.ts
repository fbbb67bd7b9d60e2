// `entente serve`: the HTTP API and the web page over a catalogue, read-only, until Ctrl-C.

import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { EntenteError } from '../errors.js';
import { buildServer } from '../server/app.js';
import { printError, type Io } from './output.js';
import { openForReading, resolveDbPath } from './catalogue-path.js';

export interface ServeCommandOptions {
  db?: string;
  config?: string;
  port?: number;
  host?: string;
  log?: boolean;
}

/** Serves until SIGINT/SIGTERM (or `signal`); resolves with the exit code. */
export async function serveCommand(options: ServeCommandOptions, io: Io, signal?: AbortSignal): Promise<number> {
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    const dbPath = resolveDbPath(options.db, options.config ?? DEFAULT_CONFIG_FILE);
    // Migrates an older catalogue (adds the search index) before serving it read-only.
    openForReading(dbPath).close();
    app = await buildServer({ dbPath, logger: options.log ?? false });
    const host = options.host ?? '127.0.0.1';
    let address: string;
    try {
      address = await app.listen({ port: options.port ?? 8080, host });
    } catch (err) {
      throw new EntenteError('ERR_CONFIG_INVALID', `Cannot listen on ${host}:${options.port ?? 8080}: ${(err as Error).message}`, { cause: err, context: { parameter: 'port' } });
    }
    io.err(`entente serving ${dbPath}\n  web page  ${address}/\n  API docs  ${address}/api/docs\n  OpenAPI   ${address}/api/openapi.json\nCtrl-C stops.\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      signal?.addEventListener('abort', stop, { once: true });
    });
    return 0;
  } catch (err) {
    printError(io, err);
    return 2;
  } finally {
    await app?.close();
  }
}
