// Where a run starts, the same for every protocol: the source's retry policy, and whether the run
// resumes a checkpoint, asks only for what changed, or harvests everything. And the OAI-PMH client
// every OAI-PMH run asks through.

import type { Catalogue, SavedCheckpoint, SourceRow } from '../catalogue/catalogue.js';
import type { SourceConfig } from '../config/types.js';
import type { HttpClient } from '../http/client.js';
import { DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from '../http/retry.js';
import type { HarvestMode } from '../model/types.js';
import { createOaiClient, type OaiClient } from '../protocols/oai-pmh/client.js';

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
  options: { http: HttpClient; policy: RetryPolicy; onRetry: (event: RetryEvent & { url: string }) => void; signal?: AbortSignal | undefined },
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
