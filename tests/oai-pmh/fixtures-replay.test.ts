// Every real OAI-PMH response in ../shared/fixtures/real goes through the response parser:
// none may crash it; each yields records (or sets, formats, Identify) or a clear OAI error.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { OaiError } from '../../src/protocols/oai-pmh/errors.js';
import { readRecords } from '../../src/protocols/oai-pmh/records.js';
import type { OaiVerb } from '../../src/protocols/oai-pmh/request.js';
import { decodeXmlBody, parseOaiResponse, parseOaiResponseBody, scanResumptionToken } from '../../src/protocols/oai-pmh/response.js';
import { readIdentify, readMetadataFormats, readSets } from '../../src/protocols/oai-pmh/verbs.js';
import { hasShared, OAI_FIXTURES, oaiFixtureFiles } from '../helpers/shared.js';

const VERBS: OaiVerb[] = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'];

function verbOf(text: string): OaiVerb | undefined {
  for (const v of VERBS) if (new RegExp(`<(?:\\w+:)?${v}[\\s>]`).test(text)) return v;
  return undefined;
}

describe.skipIf(!hasShared)('replaying real OAI-PMH responses', () => {
  for (const file of oaiFixtureFiles()) {
    it(`reads ${file} without crashing`, () => {
      const bytes = readFileSync(join(OAI_FIXTURES, file));
      const { text } = decodeXmlBody(bytes, undefined);
      const verb = verbOf(text) ?? 'ListRecords';
      try {
        const response = parseOaiResponse(text, verb);
        if (verb === 'Identify') expect(readIdentify(response).baseURL).toMatch(/^https?:\/\//);
        else if (verb === 'ListSets') expect(readSets(response).length).toBeGreaterThan(0);
        else if (verb === 'ListMetadataFormats') expect(readMetadataFormats(response).map((f) => f.metadataPrefix)).toContain('oai_dc');
        else {
          const kind = verb === 'ListIdentifiers' ? 'header' : 'record';
          const records = readRecords(response, { sourceId: 'fixture', metadataPrefix: 'any', kind });
          expect(records.length).toBeGreaterThan(0);
          for (const r of records) {
            expect(r.raw.localId).not.toBe('');
            expect(r.raw.hash).toMatch(/^[0-9a-f]{64}$/);
            if (kind === 'record' && !r.header.deleted) expect(r.metadata).toBeDefined();
          }
          const token = response.resumptionToken?.value;
          if (token) expect(scanResumptionToken(text)).toBe(token);
          // The harvester's path (bytes, binary mode when valid UTF-8) reads the same records.
          const fromBytes = readRecords(parseOaiResponseBody(bytes, undefined, verb), { sourceId: 'fixture', metadataPrefix: 'any', kind });
          expect(fromBytes.map((r) => [r.raw.localId, r.raw.hash, r.raw.payload, r.issues.length])).toEqual(records.map((r) => [r.raw.localId, r.raw.hash, r.raw.payload, r.issues.length]));
        }
      } catch (err) {
        if (err instanceof OaiError) {
          expect(err.oaiCode).toMatch(/^(badArgument|badResumptionToken|badVerb|cannotDisseminateFormat|idDoesNotExist|noRecordsMatch|noMetadataFormats|noSetHierarchy)$/);
          expect(err.message).toContain(err.oaiCode);
          return;
        }
        // Record-only files (no OAI envelope) are not responses: a clear error, not a crash.
        expect(err).toBeInstanceOf(EntenteError);
        expect((err as EntenteError).code).toBe('ERR_XML_NOT_OAI');
        expect(text).not.toMatch(/<(\w+:)?OAI-PMH[\s>]/);
      }
    });
  }

  it('reads the deleted header of a DSpace GetRecord', () => {
    const text = readFileSync(join(OAI_FIXTURES, 'dspace-erasmus-2004-getrecord-deleted.xml'), 'utf8');
    const [rec] = readRecords(parseOaiResponse(text, 'GetRecord'), { sourceId: 'f', metadataPrefix: 'oai_dc', kind: 'record' });
    expect(rec?.header.deleted).toBe(true);
    expect(rec?.metadata).toBeUndefined();
    expect(rec?.issues).toEqual([]);
  });

  it('reads completeListSize and cursor, and the empty final token', () => {
    const first = parseOaiResponse(readFileSync(join(OAI_FIXTURES, 'nsdl-listidentifiers-page1-token.xml'), 'utf8'), 'ListIdentifiers');
    expect(first.resumptionToken?.value).not.toBe('');
    expect(first.resumptionToken?.completeListSize).toBeGreaterThan(0);
    const last = parseOaiResponse(readFileSync(join(OAI_FIXTURES, 'nsdl-listidentifiers-page4-final-empty-token.xml'), 'utf8'), 'ListIdentifiers');
    expect(last.resumptionToken?.value).toBe('');
  });

  it('accepts an OAI-PMH root without the default namespace (PubMed Central)', () => {
    const r = parseOaiResponse(readFileSync(join(OAI_FIXTURES, 'pmc-nlm-identify-no-default-namespace.xml'), 'utf8'), 'Identify');
    expect(readIdentify(r).repositoryName).not.toBe('');
  });
});

describe('parseOaiResponse on bodies that are not OAI-PMH', () => {
  it('names an HTML error page by its title', () => {
    expect(() => parseOaiResponse('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body></body></html>', 'ListRecords')).toThrow(
      /HTML page \("502 Bad Gateway"\)/,
    );
  });
  it('says so for an empty body and for JSON', () => {
    expect(() => parseOaiResponse('', 'Identify')).toThrow(/empty body/);
    expect(() => parseOaiResponse('{"error": "x"}', 'Identify')).toThrow(/JSON document/);
  });
  it('decodes a Latin-1 declared body and marks invalid UTF-8', () => {
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>caf\xe9</r>', 'latin1');
    expect(decodeXmlBody(latin, undefined).text).toContain('café');
    const broken = decodeXmlBody(Buffer.from([0x3c, 0x72, 0x3e, 0xff, 0x3c, 0x2f, 0x72, 0x3e]), 'text/xml; charset=utf-8');
    expect(broken.replaced).toBe(true);
    expect(broken.text).toBe('<r>\uFFFD</r>');
  });
});
