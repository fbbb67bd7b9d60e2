// The golden-file harness of the JSON crosswalks (IIIF, Linked Art): every document of a format in
// ../shared/fixtures/real/json, normalised, against a hand-reviewed expected JSON in tests/golden/<folder>/.
// UPDATE_GOLDEN=1 rewrites the expected files; review every change against the source document before
// keeping it. Without ../shared the suite is skipped with a message naming the folder.

import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectJsonFormat, normaliseJsonRecord, type JsonFormat } from '../../src/normalise/normalise-json.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { SHARED_DIR } from '../helpers/shared.js';
import { expectGolden, HARVESTED_AT, NO_DATESTAMP } from './golden-support.js';

export const JSON_FIXTURES = join(SHARED_DIR, 'fixtures/real/json');
const hasJsonFixtures = existsSync(JSON_FIXTURES);
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** One JSON format family's golden suite, as its test file declares it. */
export interface JsonGoldenSuite {
  name: string;
  /** The folder of expected files under tests/golden/. */
  folder: string;
  /** The formats detectJsonFormat gives for the suite's fixtures. */
  formats: readonly JsonFormat[];
  testFile: string;
  /** The fixtures reviewed so far (file names without .json, in order): a new fixture of the format fails the coverage test until reviewed. */
  reviewed: readonly string[];
}

/** Every fixture of the JSON folder, parsed, by name (file name without .json); unparseable files left out. */
export function jsonFixtures(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!hasJsonFixtures) return out;
  for (const file of readdirSync(JSON_FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
    try {
      out.set(file.slice(0, -5), JSON.parse(readFileSync(join(JSON_FIXTURES, file), 'utf8')) as unknown);
    } catch {
      // not JSON on purpose (tested by the protocols)
    }
  }
  return out;
}

/** A fixture normalised as a harvest would: its own id as the local id, the harvest day as datestamp. */
export function normaliseFixture(name: string, document: unknown): ReturnType<typeof normaliseJsonRecord> {
  const doc = document as Record<string, unknown>;
  const own = doc['id'] ?? doc['@id'];
  return normaliseJsonRecord({
    sourceId: name,
    localId: typeof own === 'string' ? own : name,
    datestamp: NO_DATESTAMP,
    deleted: false,
    sets: [],
    format: detectJsonFormat(document) ?? 'json',
    harvestedAt: HARVESTED_AT,
    document,
  });
}

export function describeJsonGolden(suite: JsonGoldenSuite): void {
  const golden = fileURLToPath(new URL(`../golden/${suite.folder}/`, import.meta.url));
  const testFile = relative(REPO, fileURLToPath(suite.testFile));
  if (!hasJsonFixtures) console.warn(`golden ${suite.name} tests skipped: fixture folder ${JSON_FIXTURES}/ not found`);

  describe.skipIf(!hasJsonFixtures)(`golden ${suite.name} records`, () => {
    const fixtures = new Map([...jsonFixtures()].filter(([, doc]) => {
      const f = detectJsonFormat(doc);
      return f !== undefined && suite.formats.includes(f);
    }));

    it(`covers exactly the reviewed ${suite.name} fixtures`, () => {
      expect([...fixtures.keys()]).toEqual(suite.reviewed);
    });

    for (const [name, doc] of fixtures) {
      it(`normalises ${name} as reviewed`, () => {
        const records = [normaliseFixture(name, doc)];
        expectGolden(`${golden}${name}.json`, records, testFile);
      });

      it(`keeps ${name} valid against the record schema`, () => {
        const records = JSON.parse(readFileSync(`${golden}${name}.json`, 'utf8')) as unknown[];
        for (const record of records) expect(validateRecord(record)).toEqual([]);
      });
    }
  });
}
