// A small pool of worker threads for page processing, or inline processing when size is 0.
// Results come back in the order asked per caller (each call awaits its own page).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EntenteError, type ErrorCode, type ErrorKind } from '../errors.js';
import { OaiError } from '../protocols/oai-pmh/errors.js';
import { processListPage, type PageTask, type ProcessedPage } from './process-page.js';
import { processJsonPage, type JsonPageTask, type ProcessedJsonPage } from './process-json-page.js';
import type { JsonItem } from '../protocols/json/json-page.js';

export interface PagePool {
  /** Worker threads (0 = processing on the calling thread). */
  readonly size: number;
  process(task: PageTask): Promise<ProcessedPage>;
  /**
   * Normalises a page of JSON items. Their parsed documents are not sent to a worker (cloning
   * costs as much as parsing): the worker parses the payloads again.
   */
  processJson(items: readonly JsonItem[], task: JsonPageTask): Promise<ProcessedJsonPage>;
  close(): Promise<void>;
}

/** A job for a worker: an OAI-PMH list page, or a page of JSON items. */
export type PoolJob = { id: number; task: PageTask } | { id: number; json: { items: JsonItem[]; task: JsonPageTask } };

interface SerialisedError {
  code: string;
  kind: string;
  message: string;
  context: Record<string, unknown>;
  oaiCode?: string;
}

/**
 * The ArrayBuffer behind a view, when the view owns all of it: then it can be moved to another
 * thread instead of copied. A small Buffer may share Node's pool with others: never move those.
 */
export function transferable(view: Uint8Array): ArrayBuffer[] {
  const buffer = view.buffer;
  return buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength && view.byteLength > 0 ? [buffer] : [];
}

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof OaiError) return { code: err.code, kind: err.kind, message: err.message, context: err.context, oaiCode: err.oaiCode };
  if (err instanceof EntenteError) return { code: err.code, kind: err.kind, message: err.message, context: err.context };
  return { code: 'ERR_INTERNAL', kind: 'internal', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err), context: {} };
}

function reviveError(e: SerialisedError): EntenteError {
  if (e.oaiCode !== undefined) {
    const err = new OaiError(e.oaiCode, '', e.context);
    err.message = e.message;
    return err;
  }
  return new EntenteError(e.code as ErrorCode, e.message, { context: e.context, kind: e.kind as ErrorKind });
}

function spawnWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // Under tests and `tsx` this module is TypeScript: the worker registers tsx before loading its twin.
    const target = new URL('./page-worker.ts', import.meta.url).href;
    return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`, { eval: true });
  }
  // A page's garbage is a few MiB: a small young generation keeps each worker's RSS down (peak
  // RSS of a 2-worker harvest: ~290 MB with V8's default, ~250 MB with 8 MiB).
  return new Worker(new URL('./page-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
}

/**
 * Worker threads a harvest should parse on: one per core but one, up to 4 (none on one core).
 * The main thread keeps HTTP and the single SQLite writer, the slower stage (~100 us a record
 * against ~50 us of parsing), so it gets a core of its own: on two cores one worker harvested
 * faster than two, with less CPU and ~40 MB less RSS.
 */
export function defaultPoolSize(): number {
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores - 1, 4) : 0;
}

export function createPagePool(size: number): PagePool {
  if (size <= 0) {
    return {
      size: 0,
      process: async (task) => processListPage(task),
      processJson: async (items, task) => processJsonPage(items, task),
      close: async () => {},
    };
  }
  type Pending = { resolve: (p: ProcessedPage | ProcessedJsonPage) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  const waiting: PoolJob[] = [];
  // Jobs sent to each worker and not yet answered. Each worker gets a second job queued behind
  // the one it is on, so it never idles while the main thread is busy committing (a worker's
  // answer is only read, and its next job only sent, when the main thread's event loop turns).
  const inFlight = new Map<Worker, number[]>();
  const PER_WORKER = 2;
  let nextId = 1;
  let closed = false;

  const dispatch = (): void => {
    while (waiting.length) {
      let best: Worker | undefined;
      for (const [w, jobs] of inFlight) if (jobs.length < PER_WORKER && (!best || jobs.length < (inFlight.get(best) as number[]).length)) best = w;
      if (!best) return;
      const job = waiting.shift() as PoolJob;
      (inFlight.get(best) as number[]).push(job.id);
      best.postMessage(job, 'task' in job ? transferable(job.task.body) : []);
    }
  };

  const start = (): void => {
    const w = spawnWorker();
    w.unref();
    w.on('message', (msg: { id: number; page?: ProcessedPage | ProcessedJsonPage; error?: SerialisedError }) => {
      const jobs = inFlight.get(w);
      if (jobs) jobs.splice(jobs.indexOf(msg.id), 1);
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p) {
        if (msg.error) p.reject(reviveError(msg.error));
        else p.resolve(msg.page as ProcessedPage | ProcessedJsonPage);
      }
      dispatch();
    });
    // A worker that dies (out of memory on a huge page, say) fails its pages, which are then
    // retried or reported, and is replaced so that the pool never runs dry.
    let gone = false;
    const lost = (reason: string, cause?: unknown): void => {
      if (gone) return;
      gone = true;
      const jobs = inFlight.get(w) ?? [];
      inFlight.delete(w);
      for (const id of jobs) {
        pending.get(id)?.reject(new EntenteError('ERR_INTERNAL', `Page worker stopped: ${reason}`, { cause }));
        pending.delete(id);
      }
      if (!closed) {
        start();
        dispatch();
      }
    };
    w.on('error', (err) => lost(err.message, err));
    w.on('exit', (code) => lost(`exited with code ${code}`));
    inFlight.set(w, []);
  };
  for (let i = 0; i < size; i++) start();

  const submit = (job: (id: number) => PoolJob): Promise<ProcessedPage | ProcessedJsonPage> => {
    if (closed) return Promise.reject(new EntenteError('ERR_INTERNAL', 'The page pool is closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      waiting.push(job(id));
      dispatch();
    });
  };

  return {
    size,
    process(task) {
      return submit((id) => ({ id, task })) as Promise<ProcessedPage>;
    },
    processJson(items, task) {
      // Documents stay behind: the worker parses each payload again, which is cheaper than cloning.
      const bare = items.map((i) => (i.document === undefined ? i : { ...i, document: undefined }));
      return submit((id) => ({ id, json: { items: bare, task } })) as Promise<ProcessedJsonPage>;
    },
    async close() {
      closed = true;
      await Promise.all([...inFlight.keys()].map((w) => w.terminate()));
    },
  };
}
