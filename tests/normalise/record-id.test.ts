// catalogueId: stable, short, collision-safe ids from source id and local id.
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { catalogueId } from '../../src/normalise/record-id.js';

describe('catalogueId', () => {
  it('is the source id and 16 hex digits of SHA-256(source id, newline, local id)', () => {
    const hex = createHash('sha256').update('gallica\noai:bnf.fr:gallica/ark:/12148/bpt6k5440618t').digest('hex').slice(0, 16);
    expect(catalogueId('gallica', 'oai:bnf.fr:gallica/ark:/12148/bpt6k5440618t')).toBe(`gallica:${hex}`);
  });
  it('is stable', () => expect(catalogueId('s', 'x')).toBe(catalogueId('s', 'x')));
  it('differs between sources for the same local id', () => expect(catalogueId('a', 'x')).not.toBe(catalogueId('b', 'x')));
  it('cannot be confused by a newline moved between the parts', () => expect(catalogueId('a', 'b\nc')).not.toBe(catalogueId('a\nb', 'c')));
});
