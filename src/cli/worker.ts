// `entente worker`: the long-lived scheduled harvester. Wires the config, catalogue, logger,
// metrics server and process signals to the scheduler (src/scheduler/worker.ts), which holds the logic.

import { openCatalogue } from '../catalogue/catalogue.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import type { EntenteConfig } from '../config/types.js';
import { toEntenteError } from '../errors.js';
import { createLogger, workerLog } from '../logging/logger.js';
import { createWorkerMetrics } from '../metrics/metrics.js';
import { startMetricsServer, type MetricsServer } from '../metrics/server.js';
import { createWorker } from '../scheduler/worker.js';
import { resolveDbPath } from './catalogue-path.js';
import { printError, type Io } from './output.js';

export interface WorkerCommandOptions {
  config?: string;
  db?: string;
  metricsPort?: number;
  metricsHost?: string;
  concurrency?: number;
  stopTimeout?: number;
  workers?: number;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat?: 'json' | 'pretty';
}

/**
 * Runs until SIGTERM or SIGINT. Exit status: 0 after a stop (within the stop timeout: harvests
 * still running then are left at their last committed page, and a warning says so), 2 for a configuration problem (invalid config or schedule, another
 * worker on the catalogue, metrics port in use).
 */
export async function workerCommand(options: WorkerCommandOptions, io: Io): Promise<number> {
  if (options.concurrency === 0) {
    io.err('error: --concurrency must be at least 1\n');
    return 2;
  }
  const configFile = options.config ?? DEFAULT_CONFIG_FILE;
  let config: EntenteConfig;
  try {
    config = loadConfig(configFile);
  } catch (err) {
    printError(io, err);
    return 2;
  }
  const pretty = options.logFormat ? options.logFormat === 'pretty' : io.isTTY;
  const logger = createLogger({ level: options.logLevel ?? 'info', pretty, write: (line) => io.err(line) });
  const log = workerLog(logger);
  const db = resolveDbPath(options.db, config);
  const catalogue = openCatalogue(db);
  const metrics = createWorkerMetrics();
  const worker = createWorker({
    config,
    catalogue,
    logger,
    metrics,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.workers !== undefined ? { pageWorkers: options.workers } : {}),
  });
  let server: MetricsServer | undefined;
  try {
    await worker.start();
  } catch (err) {
    printError(io, err);
    catalogue.close();
    return 2;
  }
  if (options.metricsPort !== undefined) {
    try {
      server = await startMetricsServer({ registry: metrics.registry, health: () => worker.health(), port: options.metricsPort, ...(options.metricsHost ? { host: options.metricsHost } : {}) });
      log.info({ url: server.url }, 'metrics at %s/metrics, health at %s/healthz', server.url, server.url);
    } catch (err) {
      printError(io, err);
      await worker.stop({ timeoutMs: 0 });
      catalogue.close();
      return 2;
    }
  }

  // First SIGTERM/SIGINT: graceful stop (current pages committed). Second: exit at once; the
  // next start resumes from the committed checkpoints. SIGHUP: reload the config file.
  let signals = 0;
  const onStop = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals === 1) {
      log.info({ signal: sig }, '%s: stopping gracefully (again to stop at once)', sig);
      void worker.stop(options.stopTimeout !== undefined ? { timeoutMs: options.stopTimeout * 1000 } : {});
    } else {
      log.warn({ signal: sig }, '%s again: exiting now; the next start resumes from the last committed pages', sig);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
  };
  const onReload = (): void => {
    try {
      const next = loadConfig(configFile);
      worker.reload(next);
    } catch (err) {
      const e = toEntenteError(err);
      log.error({ code: e.code, err: e, hint: e.hint }, 'configuration reload refused, the previous one stays in force: %s', e.message);
    }
  };
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  process.on('SIGHUP', onReload);
  try {
    const result = await worker.stopped;
    if (result.timedOut) {
      // Harvests still running would keep the process alive: leave now, as the stop timeout
      // promises. Nothing is lost: SQLite keeps every committed page, the next start resumes there
      // (the worker logged which harvests were cut short).
      process.exit(0);
    }
    return 0;
  } finally {
    process.off('SIGTERM', onStop);
    process.off('SIGINT', onStop);
    process.off('SIGHUP', onReload);
    await server?.close();
    catalogue.close();
  }
}
