// The json-pages paging rules and item reading, and the IIIF readers (collections, activities),
// as pure functions over documents modelled on real responses.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NextRule, PagesConfig } from '../../src/config/types.js';
import { readCollection } from '../../src/protocols/iiif-collection/collection-adapter.js';
import { outOfOrder, readActivity } from '../../src/protocols/iiif-discovery/discovery-adapter.js';
import { firstPageUrl, nextRequest, readItems } from '../../src/protocols/json-pages/pages-adapter.js';
import { SHARED_DIR } from '../helpers/shared.js';

const JSON_FIXTURES = join(SHARED_DIR, 'fixtures/real/json');
const hasJson = existsSync(JSON_FIXTURES);
if (!hasJson) console.warn(`[entente tests] ${JSON_FIXTURES} is absent: tests over real JSON fixtures are skipped.`);
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(JSON_FIXTURES, name), 'utf8'));

const ctx = { source: 's' };
const page = (url: string, document: unknown, received: number, headers: Record<string, string> = {}) => ({ url, document, headers, received });

describe('json-pages paging rules', () => {
  it('builds the first request: initial cursor, first offset and page size, and since', () => {
    const pages = (next: NextRule): PagesConfig => ({ items: '/items', id: '/id', next, since: { param: 'modified_since', format: 'date' } });
    expect(firstPageUrl({ url: 'https://x.org/api?q=a', pages: pages({ type: 'cursor', param: 'cursor', pointer: '/nextCursor', initial: '*' }) })).toBe('https://x.org/api?q=a&cursor=*');
    expect(firstPageUrl({ url: 'https://x.org/api?q=a', pages: pages({ type: 'offset', param: 'start', limitParam: 'rows', limit: 50 }), from: '2024-05-01T10:00:00Z' })).toBe(
      'https://x.org/api?q=a&start=0&rows=50&modified_since=2024-05-01',
    );
    expect(firstPageUrl({ url: 'https://x.org/api', pages: pages({ type: 'page', param: 'page', limit: 10 }) })).toBe('https://x.org/api?page=1');
  });

  it('follows a next URL in the body, relative ones included, and ends without one', () => {
    const rule: NextRule = { type: 'body-url', pointer: '/links/next' };
    expect(nextRequest(rule, page('https://x.org/api/items?p=1', { links: { next: '/api/items?p=2' } }, 10), ctx).next).toBe('https://x.org/api/items?p=2');
    expect(nextRequest(rule, page('https://x.org/api/items?p=2', { links: {} }, 10), ctx).next).toBeUndefined();
    expect(() => nextRequest(rule, page('https://x.org/a', { links: { next: 3 } }, 10), ctx)).toThrow('pages.next.pointer "/links/next" did not find a URL string');
  });

  it('sends a cursor back as its parameter, replacing the previous one', () => {
    const rule: NextRule = { type: 'cursor', param: 'cursor', pointer: '/nextCursor' };
    expect(nextRequest(rule, page('https://x.org/s?query=a&cursor=*', { nextCursor: 'AoE/abc=' }, 100), ctx).next).toBe('https://x.org/s?query=a&cursor=AoE%2Fabc%3D');
    expect(nextRequest(rule, page('https://x.org/s?cursor=AoE', {}, 3), ctx).next).toBeUndefined();
  });

  it('moves an offset by the items received and stops at the total', () => {
    const rule: NextRule = { type: 'offset', param: 'start', limit: 100, total: '/result/count' };
    expect(nextRequest(rule, page('https://x.org/p?start=0', { result: { count: 250 } }, 100), ctx)).toEqual({ next: 'https://x.org/p?start=100', total: 250 });
    expect(nextRequest(rule, page('https://x.org/p?start=200', { result: { count: 250 } }, 50), ctx).next).toBeUndefined();
    // Without a total, a short page is the last.
    expect(nextRequest({ type: 'offset', param: 'start', limit: 100 }, page('https://x.org/p?start=0', {}, 99), ctx).next).toBeUndefined();
  });

  it('counts pages, stops at the total, and stops with a notice at maxPage', () => {
    const rule: NextRule = { type: 'page', param: 'page', limit: 100, total: '/count', maxPage: 3 };
    expect(nextRequest(rule, page('https://x.org/i?page=1', { count: 1000 }, 100), ctx).next).toBe('https://x.org/i?page=2');
    const last = nextRequest(rule, page('https://x.org/i?page=3', { count: 1000 }, 100), ctx);
    expect(last.next).toBeUndefined();
    expect(last.notice).toEqual({ kind: 'max-page', message: 'Stopped at page 3, the last the API serves (pages.next.maxPage); 700 of 1000 items were not reached.' });
    expect(nextRequest(rule, page('https://x.org/i?page=2', { count: 200 }, 100), ctx).next).toBeUndefined();
    expect(nextRequest(rule, page('https://x.org/i?page=2', { count: 1000 }, 0), ctx).next).toBeUndefined();
  });

  it('reads ids (strings or numbers), datestamps and deleted flags by pointer', () => {
    const pages: PagesConfig = { items: '', id: '/o:id', datestamp: '/o:modified/@value', deleted: '/state', next: { type: 'link-header' } };
    const items = readItems([{ 'o:id': 12, 'o:modified': { '@value': '2024-01-01T00:00:00+00:00' }, state: 'active' }, { 'o:id': 'b', state: 'deleted' }], pages, 'https://x.org/api');
    expect(items.map((i) => [i.localId, i.datestamp, i.deleted])).toEqual([
      ['12', '2024-01-01T00:00:00+00:00', false],
      ['b', '', true],
    ]);
    expect(items[1]?.document).toBeUndefined();
    expect(items[0]?.payload).toBe('{"o:id":12,"o:modified":{"@value":"2024-01-01T00:00:00+00:00"},"state":"active"}');
  });
});

describe('IIIF readers', () => {
  it('reads a Change Discovery activity, with Move targets and published as the fallback time', () => {
    expect(readActivity({ type: 'Update', object: { id: 'https://x/m/1', type: 'Manifest' }, endTime: '2024-01-01T00:00:00Z' })).toMatchObject({ type: 'Update', objectId: 'https://x/m/1', objectType: 'Manifest', time: '2024-01-01T00:00:00Z' });
    expect(readActivity({ type: 'Move', object: 'https://x/m/1', target: { id: 'https://x/m/2' }, published: '2024-02-01' })).toMatchObject({ objectId: 'https://x/m/1', targetId: 'https://x/m/2', time: '2024-02-01', objectType: undefined });
    expect(readActivity({ type: 'Update' })).toBeUndefined();
  });

  it('finds activities out of endTime order in the direction of the walk, across pages, passing over unreadable times', () => {
    const at = (time: string) => readActivity({ type: 'Update', object: `https://x/m/${time}`, endTime: time });
    const oldestFirst = [at('2024-01-01T00:00:00Z'), at('2024-01-01T00:00:00Z'), undefined, at('2024-01-02T00:00:00Z'), at('not a date'), at('2024-01-03T00:00:00Z')];
    expect(outOfOrder(oldestFirst, 'forward', undefined)).toEqual({ count: 0, last: Date.parse('2024-01-03T00:00:00Z') });
    // Walking backwards the same stream comes newest first: in order too.
    expect(outOfOrder(oldestFirst.slice().reverse(), 'backward', undefined).count).toBe(0);
    expect(outOfOrder(oldestFirst, 'backward', undefined).count).toBe(2);
    // The page before ended later than this page begins.
    const next = outOfOrder(oldestFirst, 'forward', Date.parse('2024-01-02T12:00:00Z'));
    expect(next.count).toBe(1);
    expect(next.first).toEqual({ activity: expect.objectContaining({ time: '2024-01-01T00:00:00Z' }), after: '2024-01-02T12:00:00.000Z' });
    // Offsets are compared as instants, and a time without a zone is UTC (whatever the machine's zone).
    expect(outOfOrder([at('2024-01-01T10:00:00+01:00'), at('2024-01-01T09:30:00Z')], 'forward', undefined).count).toBe(0);
    expect(outOfOrder([at('2024-01-01T09:30:00Z'), at('2024-01-01T10:00:00+01:00')], 'forward', undefined).count).toBe(1);
    expect(outOfOrder([at('2024-01-01T00:30:00'), at('2024-01-01T03:00:00Z')], 'forward', undefined).count).toBe(0);
    expect(outOfOrder([at('2024-01-01T03:00:00Z'), at('2024-01-01T00:30:00')], 'forward', undefined).count).toBe(1);
  });

  it.skipIf(!hasJson)('reads the sub-collections and manifests of real v2 and v3 collections', () => {
    const villanova = readCollection(fixture('iiif-v2-collection-villanova-top.json'), 'http://digital.library.villanova.edu/');
    expect(villanova?.entries).toEqual([{ kind: 'collection', id: 'http://localhost:3001/nested-middle.json', raw: expect.anything() }]);
    const wellcome = readCollection(fixture('iiif-v2-collection-wellcome-members.json'), 'http://wellcomelibrary.org/');
    expect(wellcome?.entries.map((e) => e.kind)).toEqual(['manifest', 'manifest', 'collection', 'collection']);
    expect(wellcome?.entries[0]?.id).toBe('http://wellcomelibrary.org/iiif/b18031511-0/manifest');
    const aub = readCollection(fixture('iiif-v3-collection-aub-posters.json'), 'https://libraries.aub.edu.lb/');
    expect(aub?.entries).toEqual([{ kind: 'collection', id: 'https://libraries.aub.edu.lb/iiifservices/collection/Posters/0/166', raw: expect.anything() }]);
  });

  it.skipIf(!hasJson)('does not take a manifest for a collection', () => {
    expect(readCollection(fixture('iiif-v3-manifest-bodleian.json'), 'https://x/')).toBeUndefined();
    expect(readCollection(fixture('iiif-v2-manifest-loc.json'), 'https://x/')).toBeUndefined();
  });
});
