// The real archive responses in ../shared/fixtures/real/oai-pmh replayed through the
// response-level checks (and Identify's where the fixture is one): none may crash the checker,
// and what is known to be wrong with them is found.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseExchange } from '../../src/conformance/exchange.js';
import { checkIdentify } from '../../src/conformance/identify-checks.js';
import { checkResponse } from '../../src/conformance/response-checks.js';
import { createResultCollector } from '../../src/conformance/results.js';
import { hasShared, OAI_FIXTURES, oaiFixtureFiles } from '../helpers/shared.js';

/** The verb a fixture answers, read from its name (as PROVENANCE.tsv describes them). */
function verbOf(file: string): string {
  if (/identify/i.test(file)) return 'Identify';
  if (/listmetadataformats/i.test(file)) return 'ListMetadataFormats';
  if (/listsets/i.test(file)) return 'ListSets';
  if (/listidentifiers/i.test(file)) return 'ListIdentifiers';
  if (/listrecords/i.test(file)) return 'ListRecords';
  if (/badverb/i.test(file)) return 'NoSuchVerb';
  return 'GetRecord';
}

/** Replays one fixture as if a repository at `base` had served it with HTTP 200 as text/xml. */
function replay(file: string) {
  const body = readFileSync(join(OAI_FIXTURES, file));
  const verb = verbOf(file);
  const ex = analyseExchange({ params: [['verb', verb]], url: `https://repository.example.org/oai?verb=${verb}`, status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body, elapsedMs: 1 });
  const results = createResultCollector();
  checkResponse(ex, results, 'https://repository.example.org/oai');
  const identify = verb === 'Identify' ? checkIdentify(ex, results, 'https://repository.example.org/oai') : undefined;
  return { ex, results: results.results(), identify };
}

describe.skipIf(!hasShared)(`real responses (${OAI_FIXTURES})`, () => {
  const files = oaiFixtureFiles();

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    it(`judges ${file} without crashing`, () => {
      const { ex, results } = replay(file);
      // Every fixture is a recorded, whole response: it parses and its root is found.
      expect(ex.parseError).toBeUndefined();
      const ids = results.map((r) => r.id);
      expect(ids).toContain('response.well-formed');
      expect(results.find((r) => r.id === 'response.well-formed')?.status).toBe('pass');
      for (const r of results) for (const f of r.findings) expect(f.message.length).toBeGreaterThan(0);
    });
  }

  it('reads the real Identify responses', () => {
    for (const file of files.filter((f) => verbOf(f) === 'Identify')) {
      const { identify, results } = replay(file);
      expect(identify, file).toBeDefined();
      expect(results.find((r) => r.id === 'identify.protocol-version')?.status, file).toBe('pass');
      // The recorded baseURL is the archive's own, not our made-up one: the check must notice.
      expect(results.find((r) => r.id === 'identify.base-url')?.status, file).toBe('fail');
    }
  });

  it('finds nothing wrong at response level with the whole responses, and tells record files apart', () => {
    for (const file of files) {
      const { ex, results } = replay(file);
      const errors = results.filter((r) => r.id.startsWith('response.') && r.id !== 'response.request-element').flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${r.id}: ${f.message}`));
      // Record files (a <record>, a LIDO or EDM document) are not responses: only the root check can say so.
      if (ex.isOai) expect(errors, file).toEqual([]);
      else expect(errors.every((e) => e.startsWith('response.root-element')) && errors.length === 1, file).toBe(true);
    }
  });

  it('finds the earliestDatestamp in seconds at a day-granularity repository (K-samsök)', () => {
    const { results } = replay('ksamsok-raa-identify.xml');
    const check = results.find((r) => r.id === 'identify.earliest-datestamp');
    expect(check?.status).toBe('fail');
    expect(check?.findings[0]?.message).toMatch(/not in the declared granularity YYYY-MM-DD/);
  });

  it('flags the PubMed Central root without a namespace as a warning', () => {
    const { results } = replay('pmc-nlm-identify-no-default-namespace.xml');
    const root = results.find((r) => r.id === 'response.root-element');
    expect(root?.status).toBe('fail');
    expect(root?.findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('sees the OAI-PMH errors the archives sent', () => {
    expect(replay('nsdl-error-badverb.xml').ex.oaiErrors.map((e) => e.code)).toEqual(['badVerb']);
    expect(replay('arxiv-error-norecordsmatch.xml').ex.oaiErrors.map((e) => e.code)).toEqual(['noRecordsMatch']);
    expect(replay('bepress-digitalcommons-wustl-error-iddoesnotexist.xml').ex.oaiErrors.map((e) => e.code)).toEqual(['idDoesNotExist']);
  });

  it('reads the final empty resumptionToken of a multi-page list', () => {
    const { ex } = replay('nsdl-listidentifiers-page4-final-empty-token.xml');
    expect(ex.response?.resumptionToken?.value).toBe('');
    const first = replay('nsdl-listidentifiers-page1-token.xml').ex;
    expect(first.response?.resumptionToken?.value).not.toBe('');
  });
});
