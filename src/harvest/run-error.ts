// How a run's error is stored: its context without undefined fields and with long strings cut;
// and which error a run that threw ends with. Pure: no I/O.

import { EntenteError, toEntenteError } from '../errors.js';
import type { HarvestRun } from '../model/types.js';

export function safeContext(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(context)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' && v.length > 500 ? `${v.slice(0, 500)}…` : v;
  }
  return out;
}

/** An error as the run history keeps it. */
export function storedError(error: EntenteError): NonNullable<HarvestRun['error']> {
  return { code: error.code, message: error.message, hint: error.hint, context: safeContext(error.context) };
}

/**
 * How a run that threw `err` ends: aborted when its signal stopped it (unless the catalogue
 * failed, which is the worse news), failed otherwise, with the error to store.
 */
export function runFailure(
  err: unknown,
  options: { signal?: AbortSignal | undefined; sourceId: string; stopped?: string },
): { outcome: 'aborted' | 'failed'; error: EntenteError } {
  const catalogueFailed = err instanceof EntenteError && err.code === 'ERR_CATALOGUE';
  if (options.signal?.aborted && !catalogueFailed) {
    return { outcome: 'aborted', error: new EntenteError('ERR_ABORTED', options.stopped ?? 'The harvest was stopped; the next run resumes from the last committed page', { cause: err }) };
  }
  return { outcome: 'failed', error: toEntenteError(err, 'ERR_INTERNAL', { source: options.sourceId }) };
}
