// Per-host politeness: every request to one host, from any source, waits in that host's queue,
// which runs at most `concurrency` at once and starts them at least `minIntervalMs` apart.

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
  const queueFor = (host: string): PQueue => {
    let q = queues.get(host);
    if (!q) {
      const o = perHost.get(host) ?? resolved;
      q =
        o.minIntervalMs > 0
          ? new PQueue({ concurrency: o.concurrency, interval: o.minIntervalMs, intervalCap: 1 })
          : new PQueue({ concurrency: o.concurrency });
      queues.set(host, q);
    }
    return q;
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
      // A queue that exists keeps its interval (p-queue cannot change it); an idle one is rebuilt.
      if (q && q.size === 0 && q.pending === 0) queues.delete(host);
      else if (q) q.concurrency = next.concurrency;
    },
    run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return queueFor(host).add(task, signal ? { signal } : {});
    },
    pending(host) {
      const q = queues.get(host);
      return q ? q.size + q.pending : 0;
    },
  };
}
