// Golden files: every DataCite and OpenAIRE record of the shared real-world fixtures, normalised through the registry,
// against a hand-reviewed expected JSON in tests/golden/datacite/. UPDATE_GOLDEN=1 rewrites the expected
// files; review every change against the source XML before committing it.

import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanText, isElement, parseXml, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import { normaliseRecord, type NormaliseInput } from '../../src/normalise/normalise.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { crosswalkEntryFor } from '../../src/normalise/crosswalks/registry.js';
import { oaiRecordInputs } from './oai-records.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/real/oai-pmh/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/datacite/', import.meta.url));
const HARVESTED_AT = '2025-01-01T00:00:00Z';
/** Big pages are cut to their first records: enough to review by hand. */
const MAX_RECORDS = 10;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The fixtures reviewed so far; a new DataCite or OpenAIRE fixture fails the test until it is reviewed and added. */
const REVIEWED = ['iris-unimi-record-oai_openaire', 'zenodo-record-oai_datacite'];

function byName(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.name === name);
}

/**
 * The records of a fixture: its OAI records; else a record as the OpenAIRE aggregator stores it
 * (IRIS, Milan: <record> and <metadata> in no namespace, header fields in OpenAIRE's), read by
 * local name; its metadata root is the first element of <metadata>.
 */
function recordInputs(parsed: ParsedXml, name: string): NormaliseInput[] {
  const oai = oaiRecordInputs(parsed, name, 'oai_datacite', HARVESTED_AT);
  const root = parsed.root;
  const header = byName(root, 'header')[0];
  const metadata = byName(root, 'metadata')[0];
  if (oai.length > 0 || root.name !== 'record' || header === undefined || metadata === undefined) return oai;
  const first = metadata.children.find(isElement);
  return [
    {
      sourceId: name,
      localId: cleanText(byName(header, 'identifier')[0] ?? header),
      datestamp: cleanText(byName(header, 'datestamp')[0] ?? header),
      deleted: false,
      sets: byName(header, 'setSpec').map(cleanText),
      // The metadataPrefix OpenAIRE harvests these records with.
      format: 'oai_openaire',
      metadata: first,
      harvestedAt: HARVESTED_AT,
    },
  ];
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
    if (inputs.some((i) => i.metadata !== undefined && crosswalkEntryFor(i.metadata.ns, i.metadata.name)?.format === 'datacite')) found.set(name, inputs);
  }
  return found;
}

const present = existsSync(FIXTURES);
if (!present) console.warn(`golden DataCite tests skipped: fixture folder ${FIXTURES} not found`);

describe.skipIf(!present)('golden DataCite records', () => {
  const fixtures = present ? discover() : new Map<string, NormaliseInput[]>();

  it('covers exactly the reviewed DataCite and OpenAIRE fixtures', () => {
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
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/normalise/datacite-golden.test.ts and review it`).toBe(true);
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
