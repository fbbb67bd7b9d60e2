// Where a run starts, the same for every protocol: the source's retry policy, how its retries are
// reported, what its records are normalised with, and whether the run resumes a checkpoint, asks
// only for what changed, or harvests everything. And the client every OAI-PMH run asks through.

import type { Catalogue, SavedCheckpoint, SourceRow } from '../catalogue/catalogue.js';
import type { SourceConfig } from '../config/types.js';
import type { HttpClient } from '../http/client.js';
import { DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from '../http/retry.js';
import type { HarvestMode } from '../model/types.js';
import { createOaiClient, type OaiClient } from '../protocols/oai-pmh/client.js';
import type { HarvestEvent } from './harvest-source.js';
import type { RecordContext } from './process-page.js';

/** The source's retry settings over the defaults; `override` (tests) over both. */
export function retryPolicyFor(source: SourceConfig, override: Partial<RetryPolicy> | undefined): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    retries: source.http.retries,
    baseDelayMs: source.http.retryBaseDelayMs,
    maxRetryAfterMs: source.http.maxRetryAfterMs,
    ...override,
  };
}

/** A run's retries as harvest events; one reported without its URL was a request to the source's. */
export function retryEvents(source: SourceConfig, emit: (event: HarvestEvent) => void): (event: RetryEvent & { url?: string }) => void {
  return (e) => emit({ type: 'retry', sourceId: source.id, url: e.url ?? source.url, attempt: e.attempt, delayMs: e.delayMs, error: e.error });
}

/**
 * What a run's records are normalised with: the source, when they were harvested, and who
 * provides them (the config's names, else the repository's own name, else the source id).
 */
export function recordContext(source: SourceConfig, harvestedAt: string, repositoryName?: string): RecordContext {
  return { sourceId: source.id, harvestedAt, dataProvider: source.dataProvider ?? source.name ?? repositoryName ?? source.id, ...(source.provider ? { provider: source.provider } : {}) };
}

export interface RunStart {
  state: SourceRow | undefined;
  /** The checkpoint to resume from; undefined for a fresh run (and always with `full`). */
  saved: SavedCheckpoint | undefined;
  /** The incremental 'from' of a fresh run, when the source supports one. */
  incrementalFrom: string | undefined;
  mode: HarvestMode;
}

/** Decides how a run starts; `full` drops any checkpoint. */
export function runStart(catalogue: Catalogue, source: SourceConfig, options: { full?: boolean; incremental: boolean }): RunStart {
  const state = catalogue.getSource(source.id);
  let saved = catalogue.getCheckpoint(source.id);
  if (saved && options.full) {
    catalogue.clearCheckpoint(source.id);
    saved = undefined;
  }
  const incrementalFrom = !options.full && options.incremental ? (state?.nextFrom ?? undefined) : undefined;
  return { state, saved, incrementalFrom, mode: saved ? 'resume' : incrementalFrom ? 'incremental' : 'full' };
}

/** An OAI-PMH run's client: the source's URL, method, size and time limits, and retry policy. */
export function oaiClientFor(
  source: SourceConfig,
  options: { http: HttpClient; policy: RetryPolicy; onRetry: (event: RetryEvent & { url?: string }) => void; signal?: AbortSignal | undefined },
): OaiClient {
  return createOaiClient({
    baseUrl: source.url,
    http: options.http,
    sourceId: source.id,
    method: source.method,
    retry: options.policy,
    limits: {
      maxResponseBytes: source.http.maxResponseBytes,
      headersTimeoutMs: source.http.headersTimeoutMs,
      bodyTimeoutMs: source.http.bodyTimeoutMs,
    },
    onRetry: options.onRetry,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * Whether the repository still answers Identify: a list or record that keeps failing then is its
 * own problem (worth splitting, or setting aside), not the repository's as a whole.
 */
export async function stillAnswers(client: OaiClient): Promise<boolean> {
  try {
    await client.identify();
    return true;
  } catch {
    return false;
  }
}
