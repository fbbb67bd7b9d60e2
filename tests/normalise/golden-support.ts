// The golden-file harness every *-golden test declares itself with: the fixtures of one format in
// ../shared/fixtures/real, normalised, against hand-reviewed expected JSON in tests/golden/<folder>/.
// UPDATE_GOLDEN=1 rewrites the expected files; review every change against the source XML before
// committing it. Without ../shared the suite is skipped with a message naming the folder.

import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attr, firstChild, parseXml, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import { normaliseRecord, type NormaliseInput } from '../../src/normalise/normalise.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { crosswalkEntryFor } from '../../src/normalise/crosswalks/registry.js';
import { hasShared, OAI_FIXTURES, oaiFixtureFiles } from '../helpers/shared.js';
import { OAI_NS } from './oai-records.js';

export const HARVESTED_AT = '2025-01-01T00:00:00Z';
/** A fixture without OAI envelope has no datestamp: the harvest day stands in, so the golden file is stable. */
export const NO_DATESTAMP = '2025-01-01';
/** Big pages are cut to their first records: enough to review by hand. */
const MAX_RECORDS = 10;
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** One format's golden suite, as its test file declares it. */
export interface GoldenSuite {
  /** The format in the suite's name and its skip message: `oai_dc`, `LIDO`. */
  name: string;
  /** The folder of expected files under tests/golden/. */
  folder: string;
  /** What the reviewed fixtures are, in the name of the coverage test: `MODS and METS`. */
  kind: string;
  /** The test file's import.meta.url: the message for a missing expected file names the command to make it. */
  testFile: string;
  /**
   * The fixtures reviewed so far, in file-name order. The coverage test fails for a fixture of the
   * format that is not in the list, until it is reviewed and added.
   */
  reviewed: readonly string[];
  /** True when a fixture (parsed; `name` is its file name without .xml) holds records of the format. */
  matches(parsed: ParsedXml, name: string): boolean;
  /** The records of a matching fixture, as normaliseRecord takes them; the first MAX_RECORDS are compared. */
  inputs(parsed: ParsedXml, name: string): NormaliseInput[];
}

/** The metadataPrefix of the response's request echo, if it has one. */
export function requestedPrefix(parsed: ParsedXml): string | undefined {
  const request = firstChild(parsed.root, OAI_NS, 'request');
  return request && attr(request, 'metadataPrefix');
}

/** True when the response is an OAI-PMH error. */
export function isOaiError(parsed: ParsedXml): boolean {
  return firstChild(parsed.root, OAI_NS, 'error') !== undefined;
}

/** True when an OAI <metadata> of the response has a root (its first element; undefined when empty) that passes `test`. */
export function hasMetadataRoot(parsed: ParsedXml, test: (root: XmlElement | undefined) => boolean): boolean {
  const stack = [parsed.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    if (el.ns === OAI_NS && el.name === 'metadata') {
      if (test(firstChild(el))) return true;
      continue;
    }
    for (const c of el.children) if (typeof c === 'object') stack.push(c);
  }
  return false;
}

/**
 * For suites found through the registry: a fixture matches when the metadata root of one of its
 * records is read by the crosswalk of `format`; a fixture whose records cannot be read does not.
 */
export function readByCrosswalk(format: string, inputs: GoldenSuite['inputs']): GoldenSuite['matches'] {
  return (parsed, name) => {
    try {
      return inputs(parsed, name).some((i) => i.metadata !== undefined && crosswalkEntryFor(i.metadata.ns, i.metadata.name)?.format === format);
    } catch {
      return false; // not a record (tested elsewhere)
    }
  };
}

/** The input for a record without OAI envelope: not deleted, harvested at HARVESTED_AT; no sets and NO_DATESTAMP unless given. */
export function bareInput(record: Pick<NormaliseInput, 'sourceId' | 'localId' | 'format' | 'metadata'> & Partial<Pick<NormaliseInput, 'datestamp' | 'sets'>>): NormaliseInput {
  return {
    sourceId: record.sourceId,
    localId: record.localId,
    datestamp: record.datestamp ?? NO_DATESTAMP,
    deleted: false,
    sets: record.sets ?? [],
    format: record.format,
    metadata: record.metadata,
    harvestedAt: HARVESTED_AT,
  };
}

function discover(suite: GoldenSuite): Map<string, ParsedXml> {
  const found = new Map<string, ParsedXml>();
  for (const file of oaiFixtureFiles()) {
    let parsed: ParsedXml;
    try {
      parsed = parseXml(readFileSync(join(OAI_FIXTURES, file), 'utf8'), { label: file });
    } catch {
      continue; // not well-formed on purpose (tested elsewhere)
    }
    const name = file.slice(0, -4);
    if (suite.matches(parsed, name)) found.set(name, parsed);
  }
  return found;
}

/** Declares the golden tests of one format: coverage of the reviewed fixtures, each fixture as reviewed, each expected file valid. */
/**
 * Compares records with their reviewed golden file (UPDATE_GOLDEN=1 rewrites it, for review). A
 * missing file fails with the command that writes it.
 */
export function expectGolden(file: string, records: unknown[], testFile: string): void {
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(records, null, 2) + '\n');
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run ${testFile} and review it`).toBe(true);
  expect(records).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

export function describeGolden(suite: GoldenSuite): void {
  const golden = fileURLToPath(new URL(`../golden/${suite.folder}/`, import.meta.url));
  const testFile = relative(REPO, fileURLToPath(suite.testFile));
  if (!hasShared) console.warn(`golden ${suite.name} tests skipped: fixture folder ${OAI_FIXTURES}/ not found`);

  describe.skipIf(!hasShared)(`golden ${suite.name} records`, () => {
    const fixtures = hasShared ? discover(suite) : new Map<string, ParsedXml>();

    it(`covers exactly the reviewed ${suite.kind} fixtures`, () => {
      expect([...fixtures.keys()]).toEqual(suite.reviewed);
    });

    for (const [name, parsed] of fixtures) {
      it(`normalises ${name} as reviewed`, () => {
        const records = suite.inputs(parsed, name).slice(0, MAX_RECORDS).map(normaliseRecord);
        expect(records.length).toBeGreaterThan(0);
        expectGolden(`${golden}${name}.json`, records, testFile);
      });

      it(`keeps ${name} valid against the record schema, except for missing titles`, () => {
        const records = JSON.parse(readFileSync(`${golden}${name}.json`, 'utf8')) as unknown[];
        for (const record of records) {
          const problems = validateRecord(record).filter((i) => !(i.code === 'SCHEMA_MINITEMS' && i.path === '/title'));
          expect(problems).toEqual([]);
        }
      });
    }
  });
}
