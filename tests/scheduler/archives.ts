// Loopback archives and helpers for the worker tests: real OAI-PMH servers (src/provider behind
// the fault server), configs through the real parser, a log sink, and waiting on conditions.

import { parseConfig } from '../../src/config/load-config.js';
import type { EntenteConfig } from '../../src/config/types.js';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider } from '../../src/provider/types.js';
import { startFaultServer, type FaultPlan, type FaultServer } from '../helpers/fault-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';

export interface Archive {
  provider: OaiProvider;
  server: FaultServer;
}

/** An archive of `records` synthetic records, `pageSize` per page, with an optional fault plan. */
export async function startArchive(records: number, pageSize: number, plan?: FaultPlan): Promise<Archive> {
  const provider = createOaiProvider({
    repositoryName: 'Worker test archive',
    adminEmail: 'a@example.org',
    granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: 'persistent',
    pageSize,
    records: syntheticRecords(records, { datestamp: (i) => `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }),
  });
  return { provider, server: await startFaultServer(provider, plan) };
}

/** Delays every ListRecords page by `ms` (a slow archive); a function can change it mid-harvest. */
export const slowPages =
  (ms: number | (() => number)): FaultPlan =>
  ({ params }) =>
    params.get('verb') === 'ListRecords' ? { kind: 'delay', ms: typeof ms === 'number' ? ms : ms() } : undefined;

/** A config through the real parser (defaults applied), with quick HTTP retries. */
export function workerConfig(
  catalogue: string,
  sources: { id: string; url: string; schedule?: string; fullSchedule?: string; timezone?: string; retries?: number }[],
  worker: Record<string, number> = {},
): EntenteConfig {
  return parseConfig({
    catalogue,
    worker,
    sources: sources.map(({ retries, ...s }) => ({ ...s, protocol: 'oai-pmh', http: { retries: retries ?? 1, retryBaseDelayMs: 20 } })),
  });
}

/** Collects log lines (JSON) written by a logger. */
export function logSink(): { write: (line: string) => void; lines: () => Record<string, unknown>[] } {
  let text = '';
  return {
    write: (line) => (text += line),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Waits until `check` returns true (polled every 25 ms), failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every second; at second 0 of each minute; never within a test (1 January, 00:00). */
export const EVERY_SECOND = '* * * * * *';
export const YEARLY = '0 0 0 1 1 *';
