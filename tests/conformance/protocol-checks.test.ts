// Every protocol check fires on a loopback repository that breaks exactly its rule, and stays quiet
// on a correct one (day and seconds granularity).

import { describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../src/conformance/check-endpoint.js';
import type { CheckId } from '../../src/conformance/checks.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { correctOptions, dcRecord, rewrite, startFaultRepository, verbIs, without, type Breaker, type FaultRepository } from './fault-repository.js';
import type { ProviderOptions } from '../../src/provider/types.js';
import { NOTHING_LISTENS } from '../helpers/listen.js';

const isList = (p: URLSearchParams) => p.get('verb') === 'ListRecords' || p.get('verb') === 'ListIdentifiers';

async function check(repo: FaultRepository, extra: Partial<Parameters<typeof checkEndpoint>[0]> = {}): Promise<ConformanceReport> {
  return checkEndpoint({ url: repo.url, sampleSize: 500, schemaValidation: false, maxRetryAfterMs: 50, now: () => new Date('2024-06-01T12:00:00Z'), ...extra });
}

function statusOf(report: ConformanceReport, id: CheckId): string | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

function failing(report: ConformanceReport): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.findings.map((f) => f.message).join(' | ')}`);
}

describe('a correct repository', () => {
  for (const granularity of ['YYYY-MM-DD', 'YYYY-MM-DDThh:mm:ssZ'] as const) {
    it(`passes every check (${granularity})`, async () => {
      const repo = await startFaultRepository(correctOptions({ granularity }));
      try {
        const report = await check(repo, { schemaValidation: true });
        expect(failing(report)).toEqual([]);
        expect(report.summary.outcome).toBe('pass');
        expect(report.summary.errors).toBe(0);
        // Everything that can be judged on this repository was judged.
        const skipped = report.checks.filter((c) => c.status === 'skip').map((c) => c.id);
        expect(skipped).toEqual(granularity === 'YYYY-MM-DD' ? ['politeness.retry-after'] : ['selective.finer-granularity', 'politeness.retry-after']);
        expect(report.records?.formats[0]).toMatchObject({ metadataPrefix: 'oai_dc', sampled: 30, deleted: 1, valid: 29, readiness: 'ready' });
        expect(report.records?.formats[0]?.schemaValidation).toMatchObject({ schema: 'oai_dc.xsd', validated: 29, invalid: 0 });
      } finally {
        await repo.close();
      }
    });
  }
});

describe('the bundled demo archives', () => {
  it('pass with no errors and no warnings', async () => {
    const { loadDemoArchives } = await import('../../src/provider/demo.js');
    const { createOaiProvider } = await import('../../src/provider/oai-provider.js');
    const { startOaiServer } = await import('../../src/provider/oai-server.js');
    const archives = await loadDemoArchives();
    expect(archives.length).toBeGreaterThan(0);
    for (const archive of archives) {
      const provider = createOaiProvider(archive);
      const server = await startOaiServer(provider);
      try {
        const report = await checkEndpoint({ url: server.url, formats: provider.options.formats.map((f) => f.metadataPrefix), schemaValidation: true });
        expect(failing(report), archive.id).toEqual([]);
        expect(report.summary.readiness, archive.id).toBe('ready');
      } finally {
        await server.close();
      }
    }
  });
});

interface Fault {
  check: CheckId;
  breaks: string;
  breaker?: Breaker;
  options?: Partial<ProviderOptions>;
  run?: Partial<Parameters<typeof checkEndpoint>[0]>;
  /** Checks that necessarily fail with this fault too (an answer to other arguments echoes them). */
  alsoFails?: CheckId[];
  /** What one of the check's findings says, when the rule has several parts. */
  message?: RegExp;
}

const FAULTS: Fault[] = [
  { check: 'identify.responds', breaks: 'Identify answers with an HTML page', breaker: (p) => (p.get('verb') === 'Identify' ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><head><title>Welcome</title></head><body>Hi</body></html>' } : undefined), alsoFails: ['response.content-type', 'response.root-element'] },
  { check: 'request.post', breaks: 'POST answered 405', breaker: (_p, _real, method) => (method === 'POST' ? { status: 405, headers: { 'content-type': 'text/plain', allow: 'GET' }, body: 'GET only' } : undefined) },
  { check: 'identify.required-elements', breaks: 'Identify has no adminEmail', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<adminEmail>[^<]*<\/adminEmail>\n?/, '')) },
  { check: 'identify.protocol-version', breaks: 'protocolVersion 1.1', breaker: rewrite(verbIs('Identify'), (b) => b.replace('<protocolVersion>2.0<', '<protocolVersion>1.1<')) },
  { check: 'identify.base-url', breaks: 'baseURL names another host', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<baseURL>[^<]*</, '<baseURL>http://elsewhere.example.org/oai<')) },
  { check: 'identify.granularity', breaks: 'granularity YYYY', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<granularity>[^<]*</, '<granularity>YYYY<')) },
  { check: 'identify.earliest-datestamp', breaks: 'earliestDatestamp in the future', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<earliestDatestamp>[^<]*</, '<earliestDatestamp>2999-01-01<')) },
  { check: 'identify.deleted-record', breaks: 'deletedRecord "sometimes"', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<deletedRecord>[^<]*</, '<deletedRecord>sometimes<')) },
  { check: 'identify.admin-email', breaks: 'adminEmail without @', breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<adminEmail>[^<]*</, '<adminEmail>webmaster<')) },
  {
    check: 'response.http-status',
    breaks: 'OAI errors sent with HTTP 400',
    breaker: (_p, real) => {
      const a = real();
      return String(a.body).includes('<error ') ? { ...a, status: 400 } : undefined;
    },
  },
  { check: 'response.content-type', breaks: 'responses served as text/html', breaker: (_p, real) => ({ ...real(), headers: { 'content-type': 'text/html; charset=utf-8' } }) },
  { check: 'response.well-formed', breaks: 'ListSets truncated', breaker: rewrite(verbIs('ListSets'), (b) => b.slice(0, Math.floor(b.length / 2))), alsoFails: ['sets.list'] },
  {
    check: 'response.encoding',
    breaks: 'a Latin-1 byte in a UTF-8 response',
    breaker: (p, real) => {
      if (p.get('verb') !== 'ListSets') return undefined;
      const a = real();
      return { ...a, body: Buffer.from(String(a.body).replace('County maps', 'County maps \u0000'), 'utf8').map((b) => (b === 0 ? 0xe9 : b)) as Buffer };
    },
  },
  { check: 'response.root-element', breaks: 'ListSets in another namespace', breaker: rewrite(verbIs('ListSets'), (b) => b.replace('xmlns="http://www.openarchives.org/OAI/2.0/"', 'xmlns="http://example.org/not-oai/"')), alsoFails: ['sets.list'] },
  { check: 'response.response-date', breaks: 'responseDate with an offset', breaker: rewrite(verbIs('ListSets'), (b) => b.replace(/Z<\/responseDate>/, '+01:00</responseDate>')) },
  { check: 'response.request-element', breaks: 'request element without the arguments', breaker: rewrite(verbIs('ListRecords'), (b) => b.replace(/<request [^>]*>/, '<request>')) },
  { check: 'formats.oai-dc', breaks: 'oai_dc not offered', breaker: rewrite(verbIs('ListMetadataFormats'), (b) => b.replace('<metadataPrefix>oai_dc<', '<metadataPrefix>dc<')), alsoFails: ['formats.declared-namespace'] },
  { check: 'formats.declared-namespace', breaks: 'declared namespace differs from the records', breaker: rewrite(verbIs('ListMetadataFormats'), (b) => b.replace('<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/<', '<metadataNamespace>http://example.org/dc/<')) },
  { check: 'sets.list', breaks: 'ListSets answers badArgument', breaker: rewrite(verbIs('ListSets'), (b) => b.replace(/<ListSets>[\s\S]*<\/ListSets>/, '<error code="badArgument">no</error>')), alsoFails: ['response.request-element'] },
  { check: 'sets.set-spec', breaks: 'a setSpec listed twice and one with a space', breaker: rewrite(verbIs('ListSets'), (b) => b.replace('<set><setSpec>maps</setSpec>', '<set><setSpec>maps</setSpec><setName>x</setName></set><set><setSpec>maps</setSpec><setName>again</setName></set><set><setSpec>bad spec</setSpec>')) },
  { check: 'list.paging', breaks: 'every resumptionToken refused', breaker: (p, real) => (isList(p) && p.has('resumptionToken') && !p.get('resumptionToken')?.startsWith('entente-forged') ? real(new URLSearchParams('verb=ListRecords&resumptionToken=refused')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'list.final-token', breaks: 'the last page has no empty resumptionToken', breaker: rewrite(isList, (b) => b.replace(/<resumptionToken[^>]*\/>/, '')) },
  { check: 'list.cursor', breaks: 'cursor off by one', breaker: rewrite(isList, (b) => b.replace(/cursor="(\d+)"/, (_m, n: string) => `cursor="${Number(n) + 1}"`)) },
  { check: 'list.unique-identifiers', breaks: 'a record listed twice', breaker: rewrite(verbIs('ListRecords'), (b) => b.replace('rec-12</identifier>', 'rec-02</identifier>')), alsoFails: ['list.headers-consistent'] },
  { check: 'list.datestamp-granularity', breaks: 'a seconds datestamp at a day repository', breaker: rewrite(isList, (b) => b.replace('<datestamp>2024-01-05</datestamp>', '<datestamp>2024-01-05T08:00:00Z</datestamp>')) },
  { check: 'list.headers-consistent', breaks: 'ListIdentifiers gives another datestamp', breaker: rewrite(verbIs('ListIdentifiers'), (b) => b.replace('rec-03</identifier><datestamp>2024-01-03<', 'rec-03</identifier><datestamp>2024-02-03<')) },
  { check: 'selective.from-until', breaks: 'until ignored', breaker: (p, real) => (p.has('until') && p.has('from') && p.get('from')?.length === p.get('until')?.length ? real(without(p, 'until')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'selective.future-from', breaks: 'a future from ignored', breaker: (p, real) => ((p.get('from') ?? '') > '2025' ? real(without(p, 'from')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'selective.mixed-granularity', breaks: 'mixed granularities accepted', breaker: (p, real) => (p.has('from') && p.has('until') && p.get('from')?.length !== p.get('until')?.length ? real(without(p, 'until')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'selective.finer-granularity', breaks: 'seconds accepted at a day repository', breaker: (p, real) => (p.get('from')?.includes('T') && !p.has('until') ? real(without(p, 'from')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.bad-verb', breaks: 'unknown verbs answered as Identify', breaker: (p, real) => (p.get('verb')?.startsWith('Entente') ? real(new URLSearchParams('verb=Identify')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.bad-argument-missing', breaks: 'ListRecords without metadataPrefix answered with oai_dc', breaker: (p, real) => (p.get('verb') === 'ListRecords' && !p.has('metadataPrefix') && !p.has('resumptionToken') ? real(new URLSearchParams('verb=ListRecords&metadataPrefix=oai_dc')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.bad-argument-repeated', breaks: 'repeated arguments accepted', breaker: (p, real) => (p.getAll('metadataPrefix').length > 1 ? real(new URLSearchParams([...new Map(p).entries()])) : undefined) },
  { check: 'errors.bad-argument-illegal', breaks: 'unknown arguments ignored', breaker: (p, real) => (p.has('entente-probe') ? real(without(p, 'entente-probe')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.bad-resumption-token', breaks: 'a forged token gives noRecordsMatch', breaker: (p, real) => (p.get('resumptionToken')?.startsWith('entente-forged') ? real(new URLSearchParams('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.cannot-disseminate-format', breaks: 'an unknown prefix gives noRecordsMatch', breaker: (p, real) => (p.get('metadataPrefix') === 'entente_no_such_format' ? real(new URLSearchParams('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01')) : undefined), alsoFails: ['response.request-element'] },
  { check: 'errors.id-does-not-exist', breaks: 'an unknown identifier gives badArgument', breaker: (p, real) => (p.get('identifier')?.endsWith('no-such-record') ? real(new URLSearchParams('verb=GetRecord')) : undefined) },
  // Second faults under rules with several parts: each part of the issue's list is shown to fire.
  { check: 'identify.earliest-datestamp', breaks: 'earliestDatestamp with seconds at a day repository', message: /not in the declared granularity/, breaker: rewrite(verbIs('Identify'), (b) => b.replace(/<earliestDatestamp>([^<T]*)</, '<earliestDatestamp>$1T00:00:00Z<')) },
  {
    check: 'list.paging',
    breaks: 'the second resumptionToken leads back to the first page (tokens loop A, B, A)',
    breaker: (() => {
      let first: string | undefined;
      let second: string | undefined;
      return (p: URLSearchParams, real) => {
        const t = p.get('resumptionToken');
        if (p.get('verb') !== 'ListRecords' || !t) return undefined;
        first ??= t;
        if (t !== first) second ??= t;
        return t === second ? real(new URLSearchParams('verb=ListRecords&metadataPrefix=oai_dc')) : undefined;
      };
    })(),
    // The repeated page repeats identifiers and cursors, and its <request> echoes the other arguments.
    alsoFails: ['response.request-element', 'list.unique-identifiers', 'list.cursor'],
    message: /already issued earlier in this list/,
  },
  { check: 'list.cursor', breaks: 'completeListSize changes between pages', message: /completeListSize changed from/, breaker: rewrite((p) => isList(p) && p.has('resumptionToken'), (b) => b.replace(/completeListSize="(\d+)"/, (_m, n: string) => `completeListSize="${Number(n) + 5}"`)) },
  { check: 'list.cursor', breaks: 'completeListSize disagrees with the list', message: /completeListSize said \d+, the list held/, breaker: rewrite(isList, (b) => b.replace(/completeListSize="(\d+)"/, (_m, n: string) => `completeListSize="${Number(n) + 5}"`)) },
  {
    check: 'formats.declared-namespace',
    breaks: 'records point xsi:schemaLocation at another schema than the declared one (info)', message: /point xsi:schemaLocation at another schema/,
    breaker: rewrite(verbIs('ListRecords'), (b) => b.replaceAll('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"', '<oai_dc:dc xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://example.org/my-dc.xsd" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"')),
  },
  { check: 'list.unique-identifiers', breaks: 'ListIdentifiers lists a header twice', message: /ListIdentifiers oai_dc: 1 identifier/, breaker: rewrite(verbIs('ListIdentifiers'), (b) => b.replace('rec-12</identifier>', 'rec-02</identifier>')), alsoFails: ['list.headers-consistent'] },
  { check: 'deleted.policy', breaks: 'deletedRecord=no with deleted headers', breaker: rewrite(verbIs('Identify'), (b) => b.replace('<deletedRecord>persistent<', '<deletedRecord>no<')) },
  {
    check: 'politeness.response-time',
    breaks: 'one slow answer',
    breaker: async (p) => {
      if (p.get('verb') === 'ListSets') await new Promise((r) => setTimeout(r, 300));
      return undefined;
    },
    run: { slowMs: 200 },
  },
  {
    check: 'politeness.retry-after',
    breaks: 'a 503 without Retry-After',
    breaker: (() => {
      let sent = false;
      return (p: URLSearchParams) => {
        if (p.get('verb') !== 'ListSets' || sent) return undefined;
        sent = true;
        return { status: 503, headers: { 'content-type': 'text/plain' }, body: 'busy' };
      };
    })(),
  },
];

describe('each protocol check fires on a repository breaking its rule', () => {
  it('covers every protocol check of the catalogue', async () => {
    const { CHECKS } = await import('../../src/conformance/checks.js');
    const protocol = CHECKS.map((c) => c.id).filter((id) => !id.startsWith('records.') && !id.startsWith('json.'));
    expect(protocol.filter((id) => !FAULTS.some((f) => f.check === id))).toEqual([]);
  });

  for (const fault of FAULTS) {
    it(`${fault.check} fails when ${fault.breaks}`, async () => {
      const repo = await startFaultRepository(correctOptions(fault.options), fault.breaker);
      try {
        const report = await check(repo, fault.run);
        const result = report.checks.find((c) => c.id === fault.check);
        expect(result?.status, failing(report).join('\n')).toBe('fail');
        expect(result?.findings.length).toBeGreaterThan(0);
        expect(result?.findings[0]?.message).toBeTruthy();
        if (fault.message) expect(result?.findings.map((f) => f.message).join('\n')).toMatch(fault.message);
        // Only this rule broke: other failures are the ones its fault necessarily causes.
        const others = report.checks.filter((c) => c.status === 'fail' && c.id !== fault.check).map((c) => c.id);
        expect(others.sort()).toEqual([...(fault.alsoFails ?? [])].sort());
      } finally {
        await repo.close();
      }
    });
  }
});

describe('Retry-After', () => {
  it('is waited for and passes when the 503 carries it', async () => {
    let sent = false;
    const repo = await startFaultRepository(correctOptions(), (p) => {
      if (p.get('verb') !== 'ListSets' || sent) return undefined;
      sent = true;
      return { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '0' }, body: 'busy' };
    });
    try {
      const report = await check(repo);
      expect(statusOf(report, 'politeness.retry-after')).toBe('pass');
      expect(statusOf(report, 'sets.list')).toBe('pass');
      expect(repo.requests.filter((p) => p.get('verb') === 'ListSets').length).toBe(2);
    } finally {
      await repo.close();
    }
  });
});

describe('record checks', () => {
  it('counts schema-invalid records and records without a title', async () => {
    const options = correctOptions();
    const recs = options.records;
    (recs[1] as { metadata: Record<string, string> }).metadata = { oai_dc: dcRecord(2, '<dc:titel>typo</dc:titel>') };
    (recs[2] as { metadata: Record<string, string> }).metadata = {
      oai_dc: '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Nobody</dc:creator></oai_dc:dc>',
    };
    const repo = await startFaultRepository(options);
    try {
      const report = await check(repo, { schemaValidation: true });
      const f = report.records?.formats[0];
      expect(f?.schemaValidation.invalid).toBe(1);
      expect(f?.schemaValidation.examples[0]?.recordId).toBe('oai:maps.example.org:rec-02');
      expect(f?.schemaValidation.examples[0]?.message).toMatch(/titel/);
      expect(statusOf(report, 'records.schema')).toBe('fail');
      expect(statusOf(report, 'records.model')).toBe('fail');
      expect(f?.valid).toBe(28);
      const titleless = f?.issues.find((i) => i.examples.includes('oai:maps.example.org:rec-03') && i.severity === 'error');
      expect(titleless).toBeDefined();
      expect(f?.fields.find((x) => x.field === 'title')?.present).toBe(28);
    } finally {
      await repo.close();
    }
  });

  /** A repository offering oai_dc and MODS; `mods(i)` gives record i's MODS root. */
  function withMods(mods: (i: number) => string) {
    const options = correctOptions({
      formats: [
        { metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
        { metadataPrefix: 'mods', schema: 'http://www.loc.gov/standards/mods/v3/mods-3-6.xsd', metadataNamespace: 'http://www.loc.gov/mods/v3' },
      ],
    });
    options.records.forEach((r, n) => {
      if (!r.deleted) r.metadata.mods = mods(n + 1);
    });
    return options;
  }
  const modsRecord = (i: number, version = '3.6', extra = '') =>
    `<mods xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink" version="${version}"><titleInfo><title>Map of the parish, sheet ${i}</title></titleInfo>` +
    `<name type="personal"><namePart>Surveyor, Anna</namePart></name><typeOfResource>cartographic</typeOfResource><originInfo><dateIssued>18${10 + i}</dateIssued></originInfo>` +
    `<location><url>https://maps.example.org/item/${i}</url></location>${extra}</mods>`;

  it('validates MODS records against the bundled MODS 3.6 schema, naming the broken record', async () => {
    const repo = await startFaultRepository(withMods((i) => modsRecord(i, '3.6', i === 4 ? '<recordInfo><recordIdentifer>x</recordIdentifer></recordInfo>' : '')));
    try {
      const report = await check(repo, { schemaValidation: true, formats: ['mods'] });
      const f = report.records?.formats[0];
      expect(f?.schemaValidation).toMatchObject({ schema: 'mods-3-6.xsd', validated: 29, invalid: 1 });
      expect(f?.schemaValidation.examples[0]).toMatchObject({ recordId: 'oai:maps.example.org:rec-04', message: expect.stringMatching(/recordIdentifer/) });
      expect(statusOf(report, 'records.schema')).toBe('fail');
    } finally {
      await repo.close();
    }
  });

  it('passes records.schema for correct MODS records, and skips it for MODS 3.7 records with the reason', async () => {
    for (const version of ['3.6', '3.7']) {
      const repo = await startFaultRepository(withMods((i) => modsRecord(i, version)));
      try {
        const report = await check(repo, { schemaValidation: true, formats: ['mods'] });
        const result = report.checks.find((c) => c.id === 'records.schema');
        if (version === '3.6') expect(result?.status, JSON.stringify(result)).toBe('pass');
        else expect(result).toMatchObject({ status: 'skip', note: expect.stringMatching(/MODS 3\.7 record: the bundled schema is mods-3-6\.xsd/) });
      } finally {
        await repo.close();
      }
    }
  });

  it('says "schema not bundled" for a format without a bundled schema, instead of failing', async () => {
    const ns = 'http://example.org/local-format/';
    const options = correctOptions({
      formats: [
        { metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
        { metadataPrefix: 'local', schema: 'http://example.org/local.xsd', metadataNamespace: ns },
      ],
    });
    for (const r of options.records) if (!r.deleted) r.metadata.local = `<local xmlns="${ns}"><name>x</name></local>`;
    const repo = await startFaultRepository(options);
    try {
      const report = await check(repo, { schemaValidation: true, formats: ['local'] });
      const result = report.checks.find((c) => c.id === 'records.schema');
      expect(result?.status).toBe('skip');
      expect(result?.note).toMatch(/schema not bundled/);
      expect(report.records?.formats[0]?.schemaValidation.schema).toBeUndefined();
    } finally {
      await repo.close();
    }
  });
});

describe('a format the repository does not offer', () => {
  it('fails list.paging for it, and runs the other probes on a format it offers', async () => {
    const repo = await startFaultRepository();
    try {
      const report = await check(repo, { formats: ['mods', 'oai_dc'] });
      const paging = report.checks.find((c) => c.id === 'list.paging');
      expect(paging?.status).toBe('fail');
      expect(paging?.findings.map((f) => f.message).join(' ')).toMatch(/ListRecords mods, page 1: got the error cannotDisseminateFormat/);
      expect(statusOf(report, 'selective.from-until')).toBe('pass');
      expect(statusOf(report, 'errors.id-does-not-exist')).toBe('pass');
      expect(report.records?.formats.map((f) => [f.metadataPrefix, f.sampled])).toEqual([['mods', 0], ['oai_dc', 30]]);
    } finally {
      await repo.close();
    }
  });
});

describe('an endpoint that cannot be checked', () => {
  it('is reported unreachable when nothing listens', async () => {
    const report = await checkEndpoint({ url: NOTHING_LISTENS, schemaValidation: false });
    expect(report.summary.outcome).toBe('unreachable');
    expect(report.fatal?.code).toMatch(/^ERR_HTTP_/);
    expect(report.checks.find((c) => c.id === 'identify.responds')?.status).toBe('fail');
  });

  it('says where a redirecting base URL points', async () => {
    const repo = await startFaultRepository(correctOptions(), () => ({ status: 301, headers: { location: 'https://maps.example.org/oai' }, body: '' }));
    try {
      const report = await checkEndpoint({ url: repo.url, schemaValidation: false });
      expect(report.summary.outcome).toBe('unreachable');
      expect(report.checks.find((c) => c.id === 'identify.responds')?.findings[0]?.message).toMatch(/redirects \(HTTP 301\) to https:\/\/maps\.example\.org\/oai/);
    } finally {
      await repo.close();
    }
  });

  it('is reported unreachable when it is not OAI-PMH', async () => {
    const repo = await startFaultRepository(correctOptions(), () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' }));
    try {
      const report = await checkEndpoint({ url: repo.url, schemaValidation: false });
      expect(report.summary.outcome).toBe('unreachable');
      expect(report.fatal?.code).toBe('ERR_CHECK_NOT_OAI');
    } finally {
      await repo.close();
    }
  });
});
