// Golden files: every MODS record (bare, or inside METS) of the shared real-world fixtures, normalised, against a
// hand-reviewed expected JSON in tests/golden/mods/. UPDATE_GOLDEN=1 rewrites the expected files;
// review every change against the source XML before committing it.

import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attr, firstChild, parseXml, type ParsedXml } from '../../src/xml/parse.js';
import { normaliseRecord } from '../../src/normalise/normalise.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { METS_NS, MODS_NS } from '../../src/normalise/crosswalks/mods.js';
import { OAI_NS, oaiRecordInputs } from './oai-records.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/real/oai-pmh/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/mods/', import.meta.url));
const HARVESTED_AT = '2025-01-01T00:00:00Z';
/** Big pages are cut to their first records: enough to review by hand. */
const MAX_RECORDS = 10;
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const MODS_ROOTS = new Set([MODS_NS, METS_NS]);

/** The fixtures reviewed so far; a new MODS or METS fixture fails the test until it is reviewed and added. */
const REVIEWED = ['dspace-mit-via-celestial-getrecord-mets', 'qdl-qnl-listrecords-mods', 'repox-montana-getrecord-mods', 'zvdd-getrecord-mets'];

/** The metadataPrefix the records were harvested with: the request's, else the usual name. */
function formatOf(parsed: ParsedXml): string {
  const request = firstChild(parsed.root, OAI_NS, 'request');
  return (request && attr(request, 'metadataPrefix')) || 'mods';
}

/** A MODS harvest: a record whose metadata root is MODS, or METS (read by its MODS). */
function isMods(parsed: ParsedXml): boolean {
  const stack = [parsed.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    if (el.ns === OAI_NS && el.name === 'metadata') {
      const root = firstChild(el);
      if (root !== undefined && MODS_ROOTS.has(root.ns)) return true;
      continue;
    }
    for (const c of el.children) if (typeof c === 'object') stack.push(c);
  }
  return false;
}

function discover(): Map<string, ParsedXml> {
  const found = new Map<string, ParsedXml>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.xml')).sort()) {
    let parsed: ParsedXml;
    try {
      parsed = parseXml(readFileSync(FIXTURES + file, 'utf8'), { label: file });
    } catch {
      continue; // not well-formed on purpose (tested elsewhere)
    }
    if (isMods(parsed) && firstChild(parsed.root, OAI_NS, 'error') === undefined) found.set(file.slice(0, -4), parsed);
  }
  return found;
}

const present = existsSync(FIXTURES);
if (!present) console.warn(`golden mods tests skipped: fixture folder ${FIXTURES} not found`);

describe.skipIf(!present)('golden mods records', () => {
  const fixtures = present ? discover() : new Map<string, ParsedXml>();

  it('covers exactly the reviewed MODS and METS fixtures', () => {
    expect([...fixtures.keys()]).toEqual(REVIEWED);
  });

  for (const [name, parsed] of fixtures) {
    it(`normalises ${name} as reviewed`, () => {
      const records = oaiRecordInputs(parsed, name, formatOf(parsed), HARVESTED_AT).slice(0, MAX_RECORDS).map(normaliseRecord);
      expect(records.length).toBeGreaterThan(0);
      const file = `${GOLDEN}${name}.json`;
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, JSON.stringify(records, null, 2) + '\n');
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/normalise/mods-golden.test.ts and review it`).toBe(true);
      expect(records).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });

    it(`keeps ${name} valid against the record schema, except for missing titles`, () => {
      const golden = JSON.parse(readFileSync(`${GOLDEN}${name}.json`, 'utf8')) as unknown[];
      for (const record of golden) {
        const problems = validateRecord(record).filter((i) => !(i.code === 'SCHEMA_MINITEMS' && i.path === '/title'));
        expect(problems).toEqual([]);
      }
    });
  }
});
