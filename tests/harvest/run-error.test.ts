// How a run that threw ends: the outcome and the error the run history keeps.

import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { runFailure, safeContext, storedError } from '../../src/harvest/run-error.js';

describe('runFailure', () => {
  const stopped = (): AbortSignal => AbortSignal.abort();

  it('is aborted when the run was stopped, failed otherwise, with the source in the context', () => {
    const cause = new Error('socket hang up');
    expect(runFailure(cause, { signal: stopped(), sourceId: 'maps' })).toMatchObject({ outcome: 'aborted', error: { code: 'ERR_ABORTED' } });
    expect(runFailure(cause, { signal: stopped(), sourceId: 'maps', stopped: 'kept what came' }).error.message).toBe('kept what came');
    const failed = runFailure(cause, { sourceId: 'maps' });
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'ERR_INTERNAL', context: { source: 'maps' } } });
  });

  it('reports a catalogue failure as such even when the run was being stopped', () => {
    const err = new EntenteError('ERR_CATALOGUE', 'disk I/O error');
    expect(runFailure(err, { signal: stopped(), sourceId: 'maps' })).toMatchObject({ outcome: 'failed', error: { code: 'ERR_CATALOGUE' } });
  });
});

describe('storedError', () => {
  it('keeps code, message and hint, and a context without undefined fields or very long strings', () => {
    const err = new EntenteError('ERR_HTTP_TIMEOUT', 'no answer', { context: { url: 'x'.repeat(600), token: undefined } });
    const stored = storedError(err);
    expect(stored).toMatchObject({ code: 'ERR_HTTP_TIMEOUT', message: 'no answer', hint: expect.stringMatching(/did not answer in time/) });
    expect(stored.context).toEqual(safeContext(err.context));
    expect(Object.keys(stored.context as object)).toEqual(['url']);
    expect(((stored.context as { url: string }).url).length).toBe(501);
  });
});
