// Every record issue code the code can raise is explained to users: in docs/errors.md (codes
// raised while reading a page), docs/crosswalks.md (crosswalks, vocabularies, validation) or
// docs/json-harvesting.md (JSON adapters and mappings).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const doc = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

/** Issue codes written as `code: 'SOME_CODE'` (or `code: "..."`) anywhere under src/. */
function raisedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/\bcode:\s*['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g)) {
      if (!m[1]!.startsWith('ERR_')) codes.add(m[1]!);
    }
  }
  return codes;
}

describe('record issue codes', () => {
  it('are found in the source (the scan reads what it should)', () => {
    const codes = raisedCodes();
    expect(codes.size).toBeGreaterThan(40);
    for (const known of ['METADATA_MISSING', 'DATE_UNPARSEABLE', 'IIIF_LABEL_MISSING', 'NORMALISE_FAILED']) expect(codes).toContain(known);
  });

  it('are each explained in docs/errors.md, docs/crosswalks.md or docs/json-harvesting.md', () => {
    const docs = ['errors.md', 'crosswalks.md', 'json-harvesting.md'].map(doc).join('\n');
    const missing = [...raisedCodes()].filter((code) => !docs.includes(`\`${code}\``)).sort();
    expect(missing).toEqual([]);
  });
});
