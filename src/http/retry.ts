// Retry as a composable layer: run an attempt, and on a transient EntenteError wait
// (Retry-After when the server gave one, else exponential backoff with jitter) and try again.

import { setTimeout as sleep } from 'node:timers/promises';
import { EntenteError, toEntenteError } from '../errors.js';

export interface RetryPolicy {
  /**
   * Attempts after the first one.
   * @default 5
   */
  retries: number;
  /**
   * First backoff delay; doubled on each retry.
   * @default 1000
   */
  baseDelayMs: number;
  /**
   * Longest backoff delay.
   * @default 60000
   */
  maxDelayMs: number;
  /**
   * Longest Retry-After entente agrees to wait; a server asking for more is waited for this long.
   * @default 120000
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
});

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: EntenteError;
}

/** The delay before retry number `attempt` (1-based): full jitter over an exponential ceiling. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Half fixed, half jitter: never a rapid-fire retry, and concurrent clients spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the retries are used up
 * (then throws ERR_HTTP_RETRIES_EXHAUSTED with the last error as cause and its context).
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; onRetry?: (event: RetryEvent) => void } = {},
): Promise<T> {
  for (let n = 1; ; n++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (err) {
      if (options.signal?.aborted) throw new EntenteError('ERR_ABORTED', 'The harvest was stopped', { cause: err });
      const error = toEntenteError(err);
      if (error.kind !== 'transient') throw error;
      if (n > policy.retries) {
        throw new EntenteError(
          'ERR_HTTP_RETRIES_EXHAUSTED',
          `Gave up after ${n} attempts: ${error.message}`,
          { cause: error, context: { ...error.context, attempts: n, lastCode: error.code } },
        );
      }
      const delayMs =
        error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, policy.maxRetryAfterMs) : backoffDelay(n, policy);
      options.onRetry?.({ attempt: n, delayMs, error });
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => {
        throw new EntenteError('ERR_ABORTED', 'The harvest was stopped', { cause: error });
      });
    }
  }
}

/** Parses Retry-After (delta-seconds or an HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
