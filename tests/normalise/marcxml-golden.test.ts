// Golden files: every MARCXML record of the shared real-world fixtures (in OAI-PMH responses, or a
// bare record as Alma exports it), normalised, against a hand-reviewed expected JSON in tests/golden/marcxml/. UPDATE_GOLDEN=1 rewrites the expected files;
// review every change against the source XML before committing it.

import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attr, cleanText, firstChild, parseXml, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import { normaliseRecord, type NormaliseInput } from '../../src/normalise/normalise.js';
import { validateRecord } from '../../src/normalise/validate.js';
import { MARC_NS } from '../../src/normalise/crosswalks/marcxml.js';
import { OAI_NS, oaiRecordInputs } from './oai-records.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/real/oai-pmh/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/marcxml/', import.meta.url));
const HARVESTED_AT = '2025-01-01T00:00:00Z';
/** Big pages are cut to their first records: enough to review by hand. */
const MAX_RECORDS = 10;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The fixtures reviewed so far; a new MARCXML fixture fails the test until it is reviewed and added. */
const REVIEWED = ['alma-hbz-marcxml-record', 'inspire-invenio-listrecords-marcxml', 'nusl-invenio-getrecord-marcxml'];

/** The metadataPrefix the records were harvested with: the request's, else the usual name. */
function formatOf(parsed: ParsedXml): string {
  const request = firstChild(parsed.root, OAI_NS, 'request');
  return (request && attr(request, 'metadataPrefix')) || 'marcxml';
}

/** A MARC record or collection: in the MARC21/slim namespace, or in none with MARC fields (Alma). */
function isMarc(el: XmlElement | undefined): boolean {
  if (el === undefined || (el.name !== 'record' && el.name !== 'collection')) return false;
  if (el.ns === MARC_NS) return true;
  const record = el.name === 'record' ? el : firstChild(el, '', 'record');
  return el.ns === '' && record !== undefined && firstChild(record, '', 'leader') !== undefined;
}

/** A MARCXML harvest: a record whose metadata root is MARC, or a bare MARC record. */
function isMarcxml(parsed: ParsedXml): boolean {
  if (isMarc(parsed.root)) return true;
  const stack = [parsed.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    if (el.ns === OAI_NS && el.name === 'metadata') {
      if (isMarc(firstChild(el))) return true;
      continue;
    }
    for (const c of el.children) if (typeof c === 'object') stack.push(c);
  }
  return false;
}

/** A bare MARC record has no OAI header: its id is the 001, its datestamp the 005 (yyyymmddhhmmss.f). */
function bareRecordInput(root: XmlElement, sourceId: string): NormaliseInput {
  const control = (tag: string): string => {
    for (const c of root.children) if (typeof c === 'object' && c.name === 'controlfield' && c.attrs.tag === tag) return cleanText(c);
    return '';
  };
  const d = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(control('005'));
  return {
    sourceId,
    localId: control('001') || sourceId,
    datestamp: d ? `${d[1]}-${d[2]}-${d[3]}T${d[4]}:${d[5]}:${d[6]}Z` : '1970-01-01',
    deleted: false,
    sets: [],
    format: 'marcxml',
    metadata: root,
    harvestedAt: HARVESTED_AT,
  };
}

function inputsOf(parsed: ParsedXml, name: string): NormaliseInput[] {
  if (isMarc(parsed.root)) return [bareRecordInput(parsed.root, name)];
  return oaiRecordInputs(parsed, name, formatOf(parsed), HARVESTED_AT);
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
    if (isMarcxml(parsed) && firstChild(parsed.root, OAI_NS, 'error') === undefined) found.set(file.slice(0, -4), parsed);
  }
  return found;
}

const present = existsSync(FIXTURES);
if (!present) console.warn(`golden marcxml tests skipped: fixture folder ${FIXTURES} not found`);

describe.skipIf(!present)('golden marcxml records', () => {
  const fixtures = present ? discover() : new Map<string, ParsedXml>();

  it('covers exactly the reviewed MARCXML fixtures', () => {
    expect([...fixtures.keys()]).toEqual(REVIEWED);
  });

  for (const [name, parsed] of fixtures) {
    it(`normalises ${name} as reviewed`, () => {
      const records = inputsOf(parsed, name).slice(0, MAX_RECORDS).map(normaliseRecord);
      expect(records.length).toBeGreaterThan(0);
      const file = `${GOLDEN}${name}.json`;
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, JSON.stringify(records, null, 2) + '\n');
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/normalise/marcxml-golden.test.ts and review it`).toBe(true);
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
