// XML Schema validation on the bundled schemas: offline (imports answered from data/xsd), correct
// records pass, broken ones fail with the element named, unknown formats have no schema; the real
// records of ../shared/fixtures/real are judged as they are.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseRecords } from '../../src/conformance/record-checks.js';
import { createResultCollector } from '../../src/conformance/results.js';
import { loadSchemaValidator, newerVersion, standaloneXml, XSD_DIR, type SchemaValidator } from '../../src/conformance/xsd.js';
import { readRecords } from '../../src/protocols/oai-pmh/records.js';
import { parseOaiResponse } from '../../src/protocols/oai-pmh/response.js';
import { hasShared, OAI_FIXTURES } from '../helpers/shared.js';

const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const MARC = 'http://www.loc.gov/MARC21/slim';
const MODS = 'http://www.loc.gov/mods/v3';

let v: SchemaValidator;
beforeAll(async () => {
  v = await loadSchemaValidator();
});

const dc = (inner: string): string => `<oai_dc:dc xmlns:oai_dc="${OAI_DC}" xmlns:dc="http://purl.org/dc/elements/1.1/">${inner}</oai_dc:dc>`;

describe('oai_dc.xsd (with simple DC and xml.xsd imported from the bundle)', () => {
  it('accepts a correct record, xml:lang included', () => {
    expect(v.validate(dc('<dc:title xml:lang="de">Karte</dc:title><dc:creator>A</dc:creator>'), OAI_DC)).toEqual({ schema: 'oai_dc.xsd', origin: 'bundled', errors: [] });
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

describe('mods-3-6.xsd (with xlink.xsd and xml.xsd imported from the bundle)', () => {
  const mods = (inner: string, version = '3.6'): string =>
    `<mods xmlns="${MODS}" xmlns:xlink="http://www.w3.org/1999/xlink" version="${version}">${inner}</mods>`;
  const GOOD =
    '<titleInfo><nonSort xml:space="preserve">The </nonSort><title>harbour of Antwerp</title></titleInfo>' +
    '<name type="personal" authority="naf"><namePart>Jansen, Pieter</namePart><role><roleTerm type="text">cartographer</roleTerm></role></name>' +
    '<typeOfResource>cartographic</typeOfResource>' +
    '<originInfo><dateIssued encoding="w3cdtf" keyDate="yes">1850</dateIssued></originInfo>' +
    '<language><languageTerm type="code" authority="iso639-2b">dut</languageTerm></language>' +
    '<abstract xml:lang="en">Hand-coloured map.</abstract>' +
    '<location><url usage="primary">https://maps.example.org/1</url></location>' +
    '<relatedItem type="host" xlink:href="https://maps.example.org/collections/harbours"><titleInfo><title>Harbours</title></titleInfo></relatedItem>' +
    '<accessCondition type="use and reproduction" xlink:href="http://rightsstatements.org/vocab/NoC-US/1.0/">No Copyright</accessCondition>' +
    '<recordInfo><recordIdentifier>map-1</recordIdentifier></recordInfo>';

  it('is bundled for the MODS namespace', () => {
    expect(v.schemaFor(MODS)).toBe('mods-3-6.xsd');
  });

  it('accepts a correct record, xlink and xml attributes included', () => {
    expect(v.validate(mods(GOOD), MODS)).toEqual({ schema: 'mods-3-6.xsd', origin: 'bundled', errors: [] });
  });

  it('refuses a misspelt element, naming it', () => {
    const verdict = v.validate(mods(GOOD.replace('<recordIdentifier>map-1</recordIdentifier>', '<recordIdentifer>map-1</recordIdentifer>')), MODS);
    expect(verdict.errors.join(' ')).toMatch(/recordIdentifer/);
  });

  it('refuses a value outside a closed list and an unknown xlink attribute value', () => {
    expect(v.validate(mods(GOOD.replace('iso639-2b', 'iso-639')), MODS).errors.join(' ')).toMatch(/authority/);
    expect(v.validate(mods(GOOD.replace('xlink:href="https://maps', 'xlink:show="popup" xlink:href="https://maps')), MODS).errors.join(' ')).toMatch(/show/);
  });

  it('does not judge a MODS 3.7 or 3.8 record by MODS 3.6, and says why', () => {
    const verdict = v.validate(mods(GOOD, '3.8'), MODS);
    expect(verdict.errors).toEqual([]);
    expect(verdict.skipped).toMatch(/MODS 3\.8 record: the bundled schema is mods-3-6\.xsd/);
    expect(newerVersion(mods(GOOD, '3.5'), MODS)).toBeUndefined();
    expect(newerVersion(`<?xml version="1.0"?>${mods(GOOD, '3.7')}`, MODS)).toMatch(/MODS 3\.7/);
    expect(newerVersion(mods(GOOD, '3.10'), MODS)).toMatch(/MODS 3\.10/);
  });

  it('a sample of newer-version records skips records.schema with the reason', () => {
    const results = createResultCollector();
    const entries = [1, 2].map((n) => ({ localId: `r${n}`, deleted: false, metadataXml: mods(GOOD, '3.7'), metadataNs: MODS, record: recordStub(`r${n}`) }));
    const report = analyseRecords('mods', 'mods', entries, { validator: v, results });
    expect(report.schemaValidation).toEqual({ validated: 0, invalid: 0, examples: [] });
    expect(results.results().find((c) => c.id === 'records.schema')).toMatchObject({ status: 'skip', note: expect.stringMatching(/MODS 3\.7 record/) });
  });
});

describe('schemas are read from the bundle only', () => {
  it('every bundled schema compiles offline (its imports answered from data/xsd)', () => {
    for (const ns of [OAI_DC, MARC, MODS]) {
      const file = v.schemaFor(ns);
      expect(file, ns).toBeDefined();
      // An empty root of the right namespace: invalid, but judged by a compiled schema, not a load failure.
      const verdict = v.validate(`<x xmlns="${ns}"/>`, ns);
      expect(verdict.errors.join(' '), ns).not.toMatch(/could not be compiled/);
    }
    expect(XSD_DIR).toMatch(/data\/xsd\/$/);
  });
});

describe('formats without a bundled schema', () => {
  it('give no schema and no errors', () => {
    expect(v.schemaFor('http://www.lido-schema.org')).toBeUndefined();
    expect(v.validate('<lido xmlns="http://www.lido-schema.org"/>', 'http://www.lido-schema.org')).toEqual({ errors: [] });
    for (const ns of ['http://www.europeana.eu/schemas/edm/', 'http://datacite.org/schema/kernel-4', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#']) expect(v.schemaFor(ns), ns).toBeUndefined();
  });
});

/** The metadata records of a real OAI-PMH response, each as a standalone document. */
function realRecords(file: string, verb: 'ListRecords' | 'GetRecord', metadataPrefix: string): { id: string; xml: string; ns: string }[] {
  const text = readFileSync(join(OAI_FIXTURES, file), 'utf8');
  const response = parseOaiResponse(text, verb);
  return readRecords(response, { sourceId: 't', metadataPrefix, kind: 'record' })
    .filter((r) => r.metadata)
    .map((r) => {
      const m = r.metadata as NonNullable<typeof r.metadata>;
      return { id: r.header.identifier, xml: standaloneXml(m, response.parsed.text), ns: m.ns };
    });
}

describe.skipIf(!hasShared)(`real records (${OAI_FIXTURES})`, () => {
  it('MODS 3.4 from a REPOX aggregator: its two faults are named, and without them the record is valid', () => {
    const [rec] = realRecords('repox-montana-getrecord-mods.xml', 'GetRecord', 'mods');
    expect(rec?.ns).toBe(MODS);
    const r = rec as { xml: string; ns: string };
    // A local element in the MODS namespace; libxml2 stops judging <mods>'s children there.
    expect(v.validate(r.xml, r.ns).errors).toEqual([expect.stringMatching(/contribState.*not expected/)]);
    const withoutState = r.xml.replace(/<contribState>[^<]*<\/contribState>/, '');
    // Then: a series title written as the text of <location>, which holds only elements.
    expect(v.validate(withoutState, r.ns).errors).toEqual([expect.stringMatching(/location.*Character content/)]);
    const fixed = withoutState.replace('<location>Series I: Works by Patricia Goedicke, 1945-2006</location>', '');
    expect(v.validate(fixed, r.ns)).toEqual({ schema: 'mods-3-6.xsd', origin: 'bundled', errors: [] });
  });

  it('MODS from the Qatar Digital Library: every record has the same two faults, named', () => {
    const records = realRecords('qdl-qnl-listrecords-mods.xml', 'ListRecords', 'mods');
    expect(records.length).toBe(20);
    for (const r of records) {
      const errors = v.validate(r.xml, r.ns).errors;
      expect(errors.length, r.id).toBe(2);
      // physicalLocation after url (the schema orders them), and recordIdentifier misspelt.
      expect(errors[0], r.id).toMatch(/physicalLocation.*not expected/);
      expect(errors[1], r.id).toMatch(/recordIdentifer.*not expected/);
    }
  });

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

/** The smallest normalised record analyseRecords needs (valid, no fields). */
function recordStub(id: string): NonNullable<Parameters<typeof analyseRecords>[2][number]['record']> {
  return { source: { id: 't', localId: id }, issues: [] } as unknown as NonNullable<Parameters<typeof analyseRecords>[2][number]['record']>;
}
