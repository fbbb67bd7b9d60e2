// XML Schema validation on the bundled schemas: offline (imports answered from data/xsd), correct
// records pass, broken ones fail with the element named, unknown formats have no schema.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchemaValidator, standaloneXml, type SchemaValidator } from '../../src/conformance/xsd.js';
import { readRecords } from '../../src/protocols/oai-pmh/records.js';
import { parseOaiResponse } from '../../src/protocols/oai-pmh/response.js';
import { hasShared, OAI_FIXTURES } from '../helpers/shared.js';

const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const MARC = 'http://www.loc.gov/MARC21/slim';

let v: SchemaValidator;
beforeAll(async () => {
  v = await loadSchemaValidator();
});

const dc = (inner: string): string => `<oai_dc:dc xmlns:oai_dc="${OAI_DC}" xmlns:dc="http://purl.org/dc/elements/1.1/">${inner}</oai_dc:dc>`;

describe('oai_dc.xsd (with simple DC and xml.xsd imported from the bundle)', () => {
  it('accepts a correct record, xml:lang included', () => {
    expect(v.validate(dc('<dc:title xml:lang="de">Karte</dc:title><dc:creator>A</dc:creator>'), OAI_DC)).toEqual({ schema: 'oai_dc.xsd', errors: [] });
  });

  it('refuses an element that is not simple DC, naming it', () => {
    const verdict = v.validate(dc('<dc:titel>Karte</dc:titel>'), OAI_DC);
    expect(verdict.errors.length).toBeGreaterThan(0);
    expect(verdict.errors[0]).toMatch(/titel/);
  });

  it('refuses markup inside a DC element', () => {
    expect(v.validate(dc('<dc:description>a <b>bold</b> word</dc:description>'), OAI_DC).errors.length).toBeGreaterThan(0);
  });
});

describe('MARC21slim.xsd', () => {
  const record = (leader: string): string =>
    `<record xmlns="${MARC}"><leader>${leader}</leader><controlfield tag="001">123</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Title</subfield></datafield></record>`;

  it('accepts a correct record', () => {
    expect(v.validate(record('00000nam a2200000 c 4500'), MARC).errors).toEqual([]);
  });

  it('refuses a leader that is not 24 characters of the right shape', () => {
    expect(v.validate(record('short leader'), MARC).errors.join(' ')).toMatch(/leader/i);
  });
});

describe('formats without a bundled schema', () => {
  it('give no schema and no errors', () => {
    expect(v.schemaFor('http://www.lido-schema.org')).toBeUndefined();
    expect(v.validate('<lido xmlns="http://www.lido-schema.org"/>', 'http://www.lido-schema.org')).toEqual({ errors: [] });
  });
});

describe.skipIf(!hasShared)(`real records (${OAI_FIXTURES})`, () => {
  it('validates the oai_dc records of a real ListRecords page', () => {
    const text = readFileSync(join(OAI_FIXTURES, 'bnf-gallica-listrecords-oai_dc.xml'), 'utf8');
    const response = parseOaiResponse(text, 'ListRecords');
    const records = readRecords(response, { sourceId: 't', metadataPrefix: 'oai_dc', kind: 'record' }).filter((r) => r.metadata);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      const m = r.metadata as NonNullable<typeof r.metadata>;
      const verdict = v.validate(standaloneXml(m, response.parsed.text), m.ns);
      expect(verdict.schema).toBe('oai_dc.xsd');
      expect(verdict.errors, r.header.identifier).toEqual([]);
    }
  });
});
