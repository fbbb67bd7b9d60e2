// The configuration of JSON sources: the protocol enum, per-protocol settings with defaults,
// and the json-pages paging and mapping, validated with the JSON path of each problem.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { configProblems } from '../helpers/config-problems.js';

const problems = configProblems;

describe('JSON source configuration', () => {
  it('keeps the smallest OAI-PMH config valid and gives every source the IIIF defaults', () => {
    const config = parseConfig({ sources: [{ id: 'maps', protocol: 'oai-pmh', url: 'https://example.org/oai', metadataPrefix: 'oai_dc' }] });
    expect(config.sources[0]?.protocol).toBe('oai-pmh');
    expect(config.sources[0]?.iiif).toEqual({ batchSize: 100, maxDepth: 8, objectTypes: ['Manifest'], followSeeAlso: true });
  });

  it('accepts the IIIF protocols with only a URL', () => {
    const config = parseConfig({
      sources: [
        { id: 'stream', protocol: 'iiif-discovery', url: 'https://x.org/activity/all-changes', iiif: { objectTypes: ['Manifest', 'HumanMadeObject'] } },
        { id: 'coll', protocol: 'iiif-collection', url: 'https://x.org/collection/top', iiif: { maxDepth: 3 } },
      ],
    });
    expect(config.sources.map((s) => s.protocol)).toEqual(['iiif-discovery', 'iiif-collection']);
    expect(config.sources[0]?.iiif.objectTypes).toEqual(['Manifest', 'HumanMadeObject']);
    expect(config.sources[1]?.iiif).toEqual({ batchSize: 100, maxDepth: 3, objectTypes: ['Manifest'], followSeeAlso: true });
    expect(Object.isFrozen(config.sources[0]?.iiif.objectTypes)).toBe(true);
  });

  it('requires pages for json-pages and checks pointers, paging rules and mapping fields', () => {
    expect(problems({ sources: [{ id: 'api', protocol: 'json-pages', url: 'https://x.org/api' }] })).toContain('$.sources[0]: missing required property "pages"');
    const found = problems({
      sources: [
        {
          id: 'api',
          protocol: 'json-pages',
          url: 'https://x.org/api',
          pages: { items: 'items', id: '/id', next: { type: 'offset', param: 'start' } },
          mapping: { title: '/title', colour: '/c' },
        },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\.sources\[0\]\.pages\.items: /),
        expect.stringMatching(/^\$\.sources\[0\]\.pages\.next: /),
        '$.sources[0].mapping: unknown property "colour" (check its spelling)',
      ]),
    );
  });

  it('accepts every paging rule and mapping form', () => {
    const rules = [
      { type: 'body-url', pointer: '/links/next' },
      { type: 'link-header' },
      { type: 'cursor', param: 'cursor', pointer: '/nextCursor', initial: '*' },
      { type: 'offset', param: 'start', limitParam: 'rows', limit: 100, total: '/result/count' },
      { type: 'page', param: 'page', limit: 100, maxPage: 100 },
    ];
    const config = parseConfig({
      sources: rules.map((next, i) => ({
        id: `api${i}`,
        protocol: 'json-pages',
        url: 'https://x.org/api',
        pages: { items: '', id: '/id', next, since: { param: 'since', format: 'date' } },
        mapping: { title: ['/title', { path: '/labels', languageMap: true }], spatial: { join: ['/city', '/country'], separator: ', ' }, type: { const: 'Text' } },
      })),
    });
    expect(config.sources.map((s) => s.pages?.next.type)).toEqual(['body-url', 'link-header', 'cursor', 'offset', 'page']);
  });
});
