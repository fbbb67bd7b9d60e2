// The shared JSON pieces: JSON Pointer (with "*"), the Link header, reading bodies that are not
// JSON, and the loop guard. Pure functions, one behaviour per test.

import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { getPointer, parsePointer, selectAll } from '../../src/protocols/json/json-pointer.js';
import { linkTarget } from '../../src/protocols/json/link-header.js';
import { createLoopGuard } from '../../src/protocols/json/loop-guard.js';
import { parseJsonBody } from '../../src/protocols/json/parse-json-body.js';

const doc = { 'a/b': 1, 'm~n': 2, items: [{ id: 'x', t: ['p', 'q'] }, { id: 'y' }], '': 'empty key', zero: 0 };

describe('JSON Pointer', () => {
  it('reads RFC 6901 pointers, escapes included', () => {
    expect(getPointer(doc, '')).toBe(doc);
    expect(getPointer(doc, '/a~1b')).toBe(1);
    expect(getPointer(doc, '/m~0n')).toBe(2);
    expect(getPointer(doc, '/items/1/id')).toBe('y');
    expect(getPointer(doc, '/')).toBe('empty key');
    expect(getPointer(doc, '/zero')).toBe(0);
  });

  it('returns undefined for a missing step, a bad index or "-"', () => {
    expect(getPointer(doc, '/items/2/id')).toBeUndefined();
    expect(getPointer(doc, '/items/01')).toBeUndefined();
    expect(getPointer(doc, '/items/-')).toBeUndefined();
    expect(getPointer(doc, '/nope/deeper')).toBeUndefined();
    expect(getPointer(doc, '/toString')).toBeUndefined();
  });

  it('refuses a pointer that does not start with "/"', () => {
    expect(() => parsePointer('items')).toThrow(/must start with "\/"/);
  });

  it('fans out over arrays with "*" in mapping paths', () => {
    expect(selectAll(doc, '/items/*/id')).toEqual(['x', 'y']);
    expect(selectAll(doc, '/items/*/t/*')).toEqual(['p', 'q']);
    expect(selectAll(doc, '/items/*/missing')).toEqual([]);
  });
});

describe('Link header', () => {
  it('finds rel="next" among several links, resolving relative URLs', () => {
    const h = '<https://x.org/api/items?page=1>; rel="first", </api/items?page=3&a=b,c>; rel="next", <https://x.org/api/items?page=9>; rel="last"';
    expect(linkTarget(h, 'next', 'https://x.org/api/items?page=2')).toBe('https://x.org/api/items?page=3&a=b,c');
  });

  it('reads unquoted and multi-valued rel, and answers undefined when there is no next', () => {
    expect(linkTarget('<https://x.org/2>; rel=next', 'next', 'https://x.org/1')).toBe('https://x.org/2');
    expect(linkTarget('<https://x.org/2>; rel="prefetch next"', 'next', 'https://x.org/1')).toBe('https://x.org/2');
    expect(linkTarget('<https://x.org/1>; rel="prev"', 'next', 'https://x.org/2')).toBeUndefined();
    expect(linkTarget(undefined, 'next', 'https://x.org/2')).toBeUndefined();
  });
});

describe('reading a JSON body', () => {
  const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

  it('parses JSON and drops a byte order mark', () => {
    expect(parseJsonBody(bytes('\ufeff{"a":[1]}'), {}).document).toEqual({ a: [1] });
  });

  it('names an HTML page that came instead of JSON, with a snippet and the content type', () => {
    const err = (() => {
      try {
        parseJsonBody(bytes('<!DOCTYPE html><html><title>Service Unavailable</title></html>'), { url: 'http://x/api', contentType: 'text/html' });
      } catch (e) {
        return e as EntenteError;
      }
      throw new Error('expected an error');
    })();
    expect(err.code).toBe('ERR_JSON_NOT_JSON');
    expect(err.kind).toBe('transient');
    expect(err.message).toBe('An HTML or XML page came instead of JSON (Content-Type text/html): "Service Unavailable"');
    expect(err.context.url).toBe('http://x/api');
  });

  it('says a body was cut short, or empty', () => {
    expect(() => parseJsonBody(bytes('{"items": [1, 2'), {})).toThrow(/not valid JSON .*cut short/);
    expect(() => parseJsonBody(bytes(''), {})).toThrow(/the body was empty/);
  });
});

describe('loop guard', () => {
  it('throws ERR_JSON_NEXT_LOOP on a token seen before, and forgets the oldest beyond its capacity', () => {
    const guard = createLoopGuard(2);
    guard.visit('a', {});
    guard.visit('b', {});
    expect(() => guard.visit('b', { url: 'u' })).toThrow(expect.objectContaining({ code: 'ERR_JSON_NEXT_LOOP' }));
    guard.visit('c', {});
    expect(() => guard.visit('a', {})).not.toThrow();
  });
});

describe('datestamps of JSON items', () => {
  it('reads the forms APIs write into UTC', async () => {
    const { toDatestamp } = await import('../../src/protocols/json/datestamp.js');
    expect(toDatestamp('2019-01-25T08:39:44.247Z')).toBe('2019-01-25T08:39:44.247Z');
    expect(toDatestamp('2024-03-05T09:12:44+01:00')).toBe('2024-03-05T08:12:44Z');
    expect(toDatestamp('2022-12-19T12:51:37.469116')).toBe('2022-12-19T12:51:37.469Z');
    expect(toDatestamp('2024-03-05 09:12')).toBe('2024-03-05T09:12:00Z');
    expect(toDatestamp('2024-03-05')).toBe('2024-03-05');
    expect(toDatestamp(1548405584247)).toBe('2019-01-25T08:39:44.247Z');
    expect(toDatestamp('last Tuesday')).toBeUndefined();
    expect(toDatestamp('2024-13-45')).toBeUndefined();
  });
});
