import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';

describe('the error code table', () => {
  it('documents every code in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const missing = Object.keys(ERROR_CODES).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});

describe('EntenteError.withContext', () => {
  it('adds context and keeps the class, code and message', async () => {
    const { OaiError } = await import('../../src/protocols/oai-pmh/errors.js');
    const err = new OaiError('badResumptionToken', 'expired', { verb: 'ListRecords' });
    const more = err.withContext({ source: 'maps' });
    expect(more).toBeInstanceOf(OaiError);
    expect(more.oaiCode).toBe('badResumptionToken');
    expect(more.message).toBe(err.message);
    expect(more.context).toEqual({ source: 'maps', verb: 'ListRecords' });
    expect(err.context).toEqual({ verb: 'ListRecords' });
  });
});
