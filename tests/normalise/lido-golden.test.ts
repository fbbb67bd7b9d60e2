// Golden files: every LIDO record of the shared real-world fixtures, normalised through the registry,
// against a hand-reviewed expected JSON in tests/golden/lido/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it.

import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childElements, cleanText, firstChild, parseXml, type ParsedXml } from '../../src/xml/parse.js';
import { normaliseRecord, type NormaliseInput } from '../../src/normalise/normalise.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { crosswalkEntryFor } from '../../src/normalise/crosswalks/registry.js';
import { LIDO_NS } from '../../src/normalise/crosswalks/lido.js';
import { oaiRecordInputs } from './oai-records.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/real/oai-pmh/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/lido/', import.meta.url));
const HARVESTED_AT = '2025-01-01T00:00:00Z';
// A fixture without OAI envelope has no datestamp: the harvest day stands in, so the golden file is stable.
const NO_DATESTAMP = '2025-01-01';
/** Big pages are cut to their first records: enough to review by hand. */
const MAX_RECORDS = 10;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The fixtures reviewed so far; a new LIDO fixture fails the test until it is reviewed and added. */
const REVIEWED = ['cimec-ro-lido-record'];

/** The records of a fixture: its OAI records, or, without OAI envelope, the document itself (each lido of a lidoWrap holding several). */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  const oai = oaiRecordInputs(parsed, name, 'lido', HARVESTED_AT);
  if (oai.length > 0) return oai;
  const root = parsed.root;
  const lidos = root.name === 'lidoWrap' ? childElements(root, LIDO_NS, 'lido') : [root];
  return lidos.map((lido) => ({
    sourceId: name,
    localId: cleanText(firstChild(lido, LIDO_NS, 'lidoRecID') ?? lido) || name,
    datestamp: NO_DATESTAMP,
    deleted: false,
    sets: [],
    format: 'lido',
    metadata: lidos.length === 1 ? root : lido,
    harvestedAt: HARVESTED_AT,
  }));
}

function discover(): Map<string, NormaliseInput[]> {
  const found = new Map<string, NormaliseInput[]>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.xml')).sort()) {
    const name = file.slice(0, -4);
    let inputs: NormaliseInput[];
    try {
      inputs = recordInputs(parseXml(readFileSync(FIXTURES + file, 'utf8'), { label: file }), name);
    } catch {
      continue; // not well-formed on purpose, or not a record (tested elsewhere)
    }
    if (inputs.some((i) => i.metadata !== undefined && crosswalkEntryFor(i.metadata.ns, i.metadata.name)?.format === 'lido')) found.set(name, inputs);
  }
  return found;
}

const present = existsSync(FIXTURES);
if (!present) console.warn(`golden LIDO tests skipped: fixture folder ${FIXTURES} not found`);

describe.skipIf(!present)('golden LIDO records', () => {
  const fixtures = present ? discover() : new Map<string, NormaliseInput[]>();

  it('covers exactly the reviewed LIDO fixtures', () => {
    expect([...fixtures.keys()]).toEqual(REVIEWED);
  });

  for (const [name, inputs] of fixtures) {
    it(`normalises ${name} as reviewed`, () => {
      const records = inputs.slice(0, MAX_RECORDS).map(normaliseRecord);
      expect(records.length).toBeGreaterThan(0);
      const file = `${GOLDEN}${name}.json`;
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, JSON.stringify(records, null, 2) + '\n');
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/normalise/lido-golden.test.ts and review it`).toBe(true);
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
