// Per-host politeness: every request to one host, from any source, waits in that host's queue,
// which runs at most `concurrency` at once and starts them at least `minIntervalMs` apart.

import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';

export interface PolitenessOptions {
  /**
   * Requests in flight at once to one host.
   * @default 1
   */
  concurrency: number;
  /**
   * Least time between the starts of two requests to one host.
   * @default 0
   */
  minIntervalMs: number;
}

export const DEFAULT_POLITENESS: Readonly<PolitenessOptions> = Object.freeze({ concurrency: 1, minIntervalMs: 0 });

export interface HostQueues {
  readonly options: PolitenessOptions;
  /** Runs `task` in the host's queue; a signal that aborts before the task starts removes it from the queue. */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Sets one host's limits (from a source's config). Where sources disagree, the most polite wins. */
  configure(host: string, options: Partial<PolitenessOptions>): void;
  /** The limits in force for a host. */
  limitsFor(host: string): PolitenessOptions;
  /** Requests waiting or running per host (for progress and tests). */
  pending(host: string): number;
}

export function createHostQueues(options: Partial<PolitenessOptions> = {}): HostQueues {
  const resolved: PolitenessOptions = {
    concurrency: options.concurrency ?? DEFAULT_POLITENESS.concurrency,
    minIntervalMs: options.minIntervalMs ?? DEFAULT_POLITENESS.minIntervalMs,
  };
  const queues = new Map<string, PQueue>();
  const perHost = new Map<string, PolitenessOptions>();
  // Next allowed start per host. p-queue's own interval counts starts per fixed window, which lets
  // two starts fall either side of a window edge; a reservation gives a true minimum spacing.
  const nextStart = new Map<string, number>();
  const queueFor = (host: string): PQueue => {
    let q = queues.get(host);
    if (!q) {
      q = new PQueue({ concurrency: (perHost.get(host) ?? resolved).concurrency });
      queues.set(host, q);
    }
    return q;
  };
  const spaced = async <T>(host: string, task: () => Promise<T>): Promise<T> => {
    const min = (perHost.get(host) ?? resolved).minIntervalMs;
    if (min > 0) {
      const now = Date.now();
      const start = Math.max(now, nextStart.get(host) ?? 0);
      nextStart.set(host, start + min);
      if (start > now) await sleep(start - now);
    }
    return task();
  };
  return {
    options: resolved,
    configure(host, options) {
      const before = perHost.get(host);
      const next: PolitenessOptions = {
        concurrency: Math.min(options.concurrency ?? resolved.concurrency, before?.concurrency ?? Infinity),
        minIntervalMs: Math.max(options.minIntervalMs ?? resolved.minIntervalMs, before?.minIntervalMs ?? 0),
      };
      perHost.set(host, next);
      const q = queues.get(host);
      if (q) q.concurrency = next.concurrency;
    },
    run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return queueFor(host).add(() => spaced(host, task), signal ? { signal } : {});
    },
    limitsFor(host) {
      return perHost.get(host) ?? resolved;
    },
    pending(host) {
      const q = queues.get(host);
      return q ? q.size + q.pending : 0;
    },
  };
}
