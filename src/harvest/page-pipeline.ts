// Pipelined paging of one list: while page N is parsed on a worker, page N+1 is already being
// fetched (its token found by a quick scan of page N's tail) and, with a second worker, parsed.
// Pages still come out strictly in order, each whole, and a page's token is only trusted once the
// full parse agrees with the scan. Any failure discards everything after the failed page and
// retries that page alone. Knows nothing of SQL.

import { setTimeout as sleep } from 'node:timers/promises';
import { toEntenteError } from '../errors.js';
import type { HttpResponse } from '../http/client.js';
import { backoffDelay, withRetry, type RetryEvent, type RetryPolicy } from '../http/retry.js';
import { scanResumptionToken } from '../protocols/oai-pmh/response.js';
import type { ProcessedPage } from './process-page.js';

export interface PipelineOptions {
  /** Fetches the page for a token (undefined: the window's first page). One attempt. */
  fetch: (token: string | undefined) => Promise<HttpResponse>;
  /** Parses and processes a fetched page (on a worker thread, typically). */
  process: (response: HttpResponse) => Promise<ProcessedPage>;
  /** Pages in flight at once (fetched or being processed). 1 disables pipelining. */
  depth: number;
  policy: RetryPolicy;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export interface PipelinedPage {
  /** The token this page was requested with (undefined: first page of the window). */
  requestToken: string | undefined;
  page: ProcessedPage;
  /** Records the page listed, when some may not be on it (fetched one by one, some passed over). */
  listed?: number;
}

interface Job {
  token: string | undefined;
  generation: number;
  result: Promise<ProcessedPage>;
  /** The next token as scanned from this page's tail, once its response arrived. */
  hint?: string | undefined;
  hintKnown: boolean;
  launchedNext: boolean;
}

/** Tokens that are plain ASCII are safe to read from the raw bytes' tail without decoding. */
function scanHint(res: HttpResponse): string | undefined {
  const hint = scanResumptionToken(res.body.toString('latin1', Math.max(0, res.body.length - 8192)));
  return hint && /^[\x20-\x7e]+$/.test(hint) ? hint : undefined;
}

export async function* pipelinePages(firstToken: string | undefined, options: PipelineOptions): AsyncGenerator<PipelinedPage> {
  const depth = Math.max(1, options.depth);
  let jobs: Job[] = [];
  let generation = 0;

  const maybeLaunchNext = (): void => {
    const last = jobs[jobs.length - 1];
    if (!last || last.launchedNext || !last.hintKnown || last.hint === undefined || jobs.length >= depth) return;
    if (last.generation !== generation || last.hint === last.token) return;
    last.launchedNext = true;
    launch(last.hint);
  };

  const launch = (token: string | undefined): void => {
    const job: Job = { token, generation, hintKnown: false, launchedNext: false, result: Promise.resolve() as unknown as Promise<ProcessedPage> };
    job.result = (async () => {
      const res = await options.fetch(token);
      if (depth > 1) {
        job.hint = scanHint(res);
        job.hintKnown = true;
        if (job.generation === generation) maybeLaunchNext();
      }
      return options.process(res);
    })();
    job.result.catch(() => {}); // observed by the consumer, or discarded with its generation
    jobs.push(job);
  };

  const discard = (): void => {
    generation++;
    jobs = [];
  };

  launch(firstToken);
  try {
    while (jobs.length > 0) {
      options.signal?.throwIfAborted();
      const job = jobs[0] as Job;
      let page: ProcessedPage;
      try {
        page = await job.result;
      } catch (err) {
        // Everything fetched after a failed page is dropped: it is retried alone, in order.
        discard();
        const error = toEntenteError(err);
        if (error.kind !== 'transient' || options.policy.retries === 0) throw error;
        const delayMs = error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, options.policy.maxRetryAfterMs) : backoffDelay(1, options.policy);
        options.onRetry?.({ attempt: 1, delayMs, error });
        await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
        page = await withRetry(
          async () => options.process(await options.fetch(job.token)),
          { ...options.policy, retries: options.policy.retries - 1 },
          {
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.onRetry ? { onRetry: (e: RetryEvent) => options.onRetry?.({ ...e, attempt: e.attempt + 1 }) } : {}),
          },
        );
      }
      if (jobs[0] === job) jobs.shift();
      yield { requestToken: job.token, page };
      const next = page.noRecordsMatch ? undefined : page.resumptionToken?.value || undefined;
      if (next === undefined) return;
      if (next === job.token) return; // the caller reports the loop
      if (jobs[0]?.token !== next || jobs[0]?.generation !== generation) {
        // The scan guessed wrong (or nothing was prefetched): continue from the parsed token.
        discard();
        launch(next);
      } else maybeLaunchNext();
    }
  } finally {
    discard();
  }
}
