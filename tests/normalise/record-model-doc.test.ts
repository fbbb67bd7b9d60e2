import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRecordModelDoc } from '../../scripts/make-record-model-doc.js';

describe('docs/record-model.md', () => {
  it('is generated from the current schema and crosswalk tables', () => {
    const current = readFileSync(new URL('../../docs/record-model.md', import.meta.url), 'utf8');
    expect(current, 'stale: run npx tsx scripts/make-record-model-doc.ts').toBe(renderRecordModelDoc());
  });
});
