import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';
import { configProblems } from '../helpers/config-problems.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());

const problems = configProblems;

describe('configuration', () => {
  it('accepts the smallest config and applies documented defaults, frozen', () => {
    const config = parseConfig({ sources: [{ id: 'maps', protocol: 'oai-pmh', url: 'https://example.org/oai', metadataPrefix: 'oai_dc' }] });
    const maps = config.sources[0]!;
    expect(maps.sets).toEqual([]);
    expect(maps.politeness).toEqual({ concurrency: 1, minIntervalMs: 0 });
    expect(maps.http.maxResponseBytes).toBe(64 * 1024 * 1024);
    expect(config.catalogue).toBe('data/catalogue.sqlite');
    expect(Object.isFrozen(maps)).toBe(true);
  });

  it('refuses a bad config with the JSON path of each problem', () => {
    expect(
      problems({ sources: [{ id: 'Maps!', protocol: 'ftp', url: 'example.org', politness: {} }, { protocol: 'oai-pmh', url: 'https://x.org/oai' }] }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\.sources\[0\]: unknown property "politness"/),
        expect.stringMatching(/^\$\.sources\[0\]\.id: /),
        expect.stringMatching(/^\$\.sources\[0\]\.protocol: must be one of "oai-pmh"/),
        expect.stringMatching(/^\$\.sources\[0\]\.url: /),
        expect.stringMatching(/^\$\.sources\[1\]: missing required property "id"/),
      ]),
    );
  });

  it('refuses two sources with one id', () => {
    const src = { id: 'a', protocol: 'oai-pmh', url: 'https://x.org/oai' };
    expect(() => parseConfig({ sources: [src, src] })).toThrow(/used by two sources/);
  });

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadConfig(dir.file('nope.json'))).toThrow(/No configuration file at .*nope\.json/);
    writeFileSync(dir.file('bad.json'), '{ "sources": [ }');
    expect(() => loadConfig(dir.file('bad.json'))).toThrow(/bad\.json is not valid JSON/);
  });
});

describe('the example configuration in data/', () => {
  it('is valid', () => {
    const config = loadConfig(new URL('../../data/entente.config.example.json', import.meta.url).pathname);
    expect(config.sources.map((s) => s.id)).toEqual(['maps', 'theses', 'museum']);
    expect(config.sources[1]?.politeness.minIntervalMs).toBe(1000);
    expect(config.sources[2]?.politeness.minIntervalMs).toBe(250);
  });
});
