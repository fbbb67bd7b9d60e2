import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { createOaiProvider, startOaiServer, type OaiServer, type ProviderOptions, type ProviderRecord } from '../../src/provider/index.js';
import { childElements, firstChild, textOf, type XmlElement } from '../../src/xml/parse.js';
import { DC_NS, OAI_DC_NS, OAI_NS, harvestAll, headersOf, oaiGet, oaiPost, parseOai, recordsOf, tokenOf, type OaiDoc } from './oai-http.js';

const MODS = { metadataPrefix: 'mods', schema: 'http://www.loc.gov/standards/mods/v3/mods-3-7.xsd', metadataNamespace: 'http://www.loc.gov/mods/v3' };
const OAI_DC = { metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: OAI_DC_NS };

function dc(title: string): string {
  return `<oai_dc:dc xmlns:oai_dc="${OAI_DC_NS}" xmlns:dc="${DC_NS}"><dc:title>${title}</dc:title></oai_dc:dc>`;
}

function rec(n: number, datestamp: string, sets: string[], extra: Partial<ProviderRecord> = {}): ProviderRecord {
  const id = `oai:test.example:r${String(n).padStart(2, '0')}`;
  return { identifier: id, datestamp, sets, metadata: { oai_dc: dc(`Title ${n}`) }, ...extra };
}

/** Ten records, list order r01..r10; r05 is deleted; r08 also has mods. */
function fixtureRecords(): ProviderRecord[] {
  return [
    rec(10, '2024-01-07T00:00:00Z', ['maps:europe']),
    rec(2, '2024-01-01T00:00:00Z', ['maps:europe']),
    rec(1, '2024-01-01T00:00:00Z', ['maps']),
    rec(3, '2024-01-02T10:00:00Z', ['maps:europe:nl']),
    rec(4, '2024-01-02T23:59:59Z', ['prints']),
    rec(5, '2024-01-03T00:00:00Z', [], { deleted: true, metadata: {} }),
    rec(6, '2024-01-03T12:00:00Z', ['prints', 'maps']),
    rec(7, '2024-01-04T08:30:00Z', ['prints']),
    rec(8, '2024-01-05T00:00:01Z', ['maps'], { metadata: { oai_dc: dc('Title 8'), mods: '<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>Title 8</title></titleInfo></mods>' } }),
    rec(9, '2024-01-06T00:00:00Z', []),
  ];
}

const ids = (...ns: number[]): string[] => ns.map((n) => `oai:test.example:r${String(n).padStart(2, '0')}`);
const ALL = ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

let clock = Date.parse('2024-06-01T12:00:00.250Z');
const now = (): Date => new Date(clock);
const TTL = 3_600_000;

function options(overrides: Partial<ProviderOptions> = {}): ProviderOptions {
  return {
    repositoryName: 'Test repository <maps & prints>',
    adminEmail: 'admin@test.example',
    granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: 'persistent',
    pageSize: 4,
    records: fixtureRecords(),
    sets: [
      { setSpec: 'maps', setName: 'Maps' },
      { setSpec: 'maps:europe', setName: 'Maps of Europe' },
      { setSpec: 'maps:europe:nl', setName: 'Maps of the Netherlands' },
      { setSpec: 'prints', setName: 'Prints & drawings' },
    ],
    formats: [OAI_DC, MODS],
    now,
    tokenTtlMs: TTL,
    ...overrides,
  };
}

/** Servers started by a test, closed after it. */
const started: OaiServer[] = [];
async function serve(overrides: Partial<ProviderOptions> = {}): Promise<{ server: OaiServer; provider: ReturnType<typeof createOaiProvider> }> {
  const provider = createOaiProvider(options(overrides));
  const server = await startOaiServer(provider);
  started.push(server);
  return { server, provider };
}
afterEach(async () => {
  while (started.length) await started.pop()?.close();
});

function errorCodes(doc: OaiDoc): string[] {
  return doc.errors.map((e) => e.code);
}

function expectBareRequest(doc: OaiDoc, url: string): void {
  // OAI-PMH 2.0 §3.2: for badVerb and badArgument the request element carries the base URL only.
  expect(doc.request.attrs).toEqual({});
  expect(doc.request.url).toBe(url);
}

describe('OAI-PMH provider over HTTP', () => {
  let server: OaiServer;
  let url: string;

  beforeAll(async () => {
    server = await startOaiServer(createOaiProvider(options()));
    url = server.url;
  });
  afterAll(async () => {
    await server.close();
  });

  describe('Identify', () => {
    it('describes the repository with its base URL, granularity, deletion policy and earliest datestamp', async () => {
      const doc = await oaiGet(url, { verb: 'Identify' });
      expect(doc.status).toBe(200);
      expect(doc.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      expect(doc.errors).toEqual([]);
      const field = (name: string): string => textOf(firstChild(doc.verb as XmlElement, OAI_NS, name) as XmlElement);
      expect(doc.verb?.name).toBe('Identify');
      expect(field('repositoryName')).toBe('Test repository <maps & prints>');
      expect(field('baseURL')).toBe(url);
      expect(field('protocolVersion')).toBe('2.0');
      expect(field('adminEmail')).toBe('admin@test.example');
      expect(field('earliestDatestamp')).toBe('2024-01-01T00:00:00Z');
      expect(field('deletedRecord')).toBe('persistent');
      expect(field('granularity')).toBe('YYYY-MM-DDThh:mm:ssZ');
      expect(childElements(doc.verb as XmlElement, OAI_NS, 'compression')).toEqual([]);
    });

    it('stamps responses with the repository clock in UTC, to the second', async () => {
      const doc = await oaiGet(url, { verb: 'Identify' });
      expect(doc.responseDate).toBe('2024-06-01T12:00:00Z');
    });

    it('echoes the verb and arguments in the request element', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'prints', from: '2024-01-02' });
      expect(doc.request).toEqual({ attrs: { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'prints', from: '2024-01-02' }, url });
    });

    it('refuses arguments to Identify with badArgument and a bare request element', async () => {
      const doc = await oaiGet(url, { verb: 'Identify', metadataPrefix: 'oai_dc' });
      expect(errorCodes(doc)).toEqual(['badArgument']);
      expectBareRequest(doc, url);
    });
  });

  describe('badVerb', () => {
    it.each([
      ['missing', ''],
      ['unknown', 'verb=ListEverything'],
      ['wrongly cased', 'verb=identify'],
      ['repeated', 'verb=Identify&verb=Identify'],
      ['repeated, different', 'verb=Identify&verb=ListSets'],
    ])('answers a %s verb with badVerb', async (_what, query) => {
      const doc = await oaiGet(url, query);
      expect(doc.status).toBe(200);
      expect(errorCodes(doc)).toEqual(['badVerb']);
      expect(doc.verb).toBeUndefined();
      expectBareRequest(doc, url);
    });
  });

  describe('badArgument', () => {
    it.each([
      ['an illegal argument', 'verb=ListRecords&metadataPrefix=oai_dc&foo=bar', /foo is not an argument of ListRecords/],
      ['a repeated argument', 'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&from=2024-01-02', /from is repeated/],
      ['a missing metadataPrefix', 'verb=ListIdentifiers', /requires metadataPrefix/],
      ['an empty metadataPrefix', 'verb=ListRecords&metadataPrefix=', /metadataPrefix has an empty value/],
      ['GetRecord without identifier', 'verb=GetRecord&metadataPrefix=oai_dc', /requires identifier/],
      ['GetRecord without metadataPrefix', 'verb=GetRecord&identifier=oai:test.example:r01', /requires metadataPrefix/],
      ['resumptionToken with other arguments', 'verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', /exclusive/],
      ['metadataPrefix on ListMetadataFormats', 'verb=ListMetadataFormats&metadataPrefix=oai_dc', /not an argument/],
      ['set on ListSets', 'verb=ListSets&set=maps', /not an argument/],
    ])('answers %s with badArgument', async (_what, query, message) => {
      const doc = await oaiGet(url, query);
      expect(errorCodes(doc)).toContain('badArgument');
      expect(doc.errors.map((e) => e.message).join('\n')).toMatch(message);
      expectBareRequest(doc, url);
    });

    it('reports every problem of a request, each as its own error', async () => {
      const doc = await oaiGet(url, 'verb=ListRecords&foo=1&from=2024-01-01&from=2024-01-02');
      expect(errorCodes(doc)).toEqual(['badArgument', 'badArgument', 'badArgument']);
    });
  });

  describe('from and until', () => {
    it('takes day bounds on a seconds repository as whole days, both inclusive', async () => {
      const { headers } = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-02', until: '2024-01-03' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(3, 4, 5, 6));
    });

    it('compares seconds bounds inclusively', async () => {
      const { headers } = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-02T23:59:59Z', until: '2024-01-03T12:00:00Z' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(4, 5, 6));
    });

    it('takes from alone and until alone', async () => {
      const from = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-05T00:00:01Z' });
      expect(from.headers.map((h) => h.identifier)).toEqual(ids(8, 9, 10));
      const until = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', until: '2024-01-01' });
      expect(until.headers.map((h) => h.identifier)).toEqual(ids(1, 2));
    });

    it.each([
      ['mixed granularities', { from: '2024-01-01', until: '2024-01-03T00:00:00Z' }, /same granularity/],
      ['from after until', { from: '2024-01-04', until: '2024-01-03' }, /later than until/],
      ['an impossible date', { from: '2024-02-30' }, /not a UTC datestamp/],
      ['a month 13', { from: '2024-13-01' }, /not a UTC datestamp/],
      ['an hour 25', { until: '2024-01-01T25:00:00Z' }, /not a UTC datestamp/],
      ['milliseconds', { from: '2024-01-01T00:00:00.000Z' }, /not a UTC datestamp/],
      ['a time zone offset', { from: '2024-01-01T00:00:00+01:00' }, /not a UTC datestamp/],
      ['a word', { until: 'yesterday' }, /not a UTC datestamp/],
    ])('refuses %s with badArgument', async (_what, dates, message) => {
      const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', ...dates });
      expect(errorCodes(doc)).toEqual(['badArgument']);
      expect(doc.errors[0]?.message).toMatch(message);
      expectBareRequest(doc, url);
    });

    it('refuses a from finer than a day repository’s granularity, and takes day bounds there inclusively', async () => {
      const day = fixtureRecords().map((r) => ({ ...r, datestamp: r.datestamp.slice(0, 10) }));
      const { server: dayServer } = await serve({ granularity: 'YYYY-MM-DD', records: day });
      const fine = await oaiGet(dayServer.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-02T00:00:00Z' });
      expect(errorCodes(fine)).toEqual(['badArgument']);
      expect(fine.errors[0]?.message).toMatch(/finer than the repository granularity/);
      const { headers } = await harvestAll(dayServer.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-02', until: '2024-01-03' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(3, 4, 5, 6));
      const identify = await oaiGet(dayServer.url, { verb: 'Identify' });
      expect(textOf(firstChild(identify.verb as XmlElement, OAI_NS, 'granularity') as XmlElement)).toBe('YYYY-MM-DD');
    });

    it('answers noRecordsMatch for a window with nothing in it', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2023-12-31' });
      expect(errorCodes(doc)).toEqual(['noRecordsMatch']);
      // Not a badArgument: the request is echoed in full.
      expect(doc.request.attrs).toEqual({ verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2023-12-31' });
    });
  });

  describe('sets', () => {
    it('lists the sets with their names on one page, without a resumptionToken', async () => {
      const doc = await oaiGet(url, { verb: 'ListSets' });
      const sets = childElements(doc.verb as XmlElement, OAI_NS, 'set').map((s) => [
        textOf(firstChild(s, OAI_NS, 'setSpec') as XmlElement),
        textOf(firstChild(s, OAI_NS, 'setName') as XmlElement),
      ]);
      expect(sets).toEqual([['maps', 'Maps'], ['maps:europe', 'Maps of Europe'], ['maps:europe:nl', 'Maps of the Netherlands'], ['prints', 'Prints & drawings']]);
      expect(tokenOf(doc)).toBeUndefined();
    });

    it.each([
      ['maps', ids(1, 2, 3, 6, 8, 10)],
      ['maps:europe', ids(2, 3, 10)],
      ['maps:europe:nl', ids(3)],
      ['prints', ids(4, 6, 7)],
    ])('puts records of child sets in their ancestors: set=%s', async (set, expected) => {
      const { headers } = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set });
      expect(headers.map((h) => h.identifier)).toEqual(expected);
    });

    it('does not treat a setSpec prefix as a parent set', async () => {
      const doc = await oaiGet(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'map' });
      expect(errorCodes(doc)).toEqual(['noRecordsMatch']);
    });

    it('lists every setSpec of a record in its header', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r06' });
      expect(headersOf(doc)[0]?.sets).toEqual(['prints', 'maps']);
    });

    it('pages ListSets when there are more sets than a page holds', async () => {
      const { server: s } = await serve({ pageSize: 3 });
      const first = await oaiGet(s.url, { verb: 'ListSets' });
      expect(childElements(first.verb as XmlElement, OAI_NS, 'set')).toHaveLength(3);
      const token = tokenOf(first);
      expect(token).toMatchObject({ completeListSize: 4, cursor: 0 });
      const second = await oaiGet(s.url, { verb: 'ListSets', resumptionToken: token?.value ?? '' });
      expect(childElements(second.verb as XmlElement, OAI_NS, 'set').map((e) => textOf(firstChild(e, OAI_NS, 'setSpec') as XmlElement))).toEqual(['prints']);
      expect(tokenOf(second)).toEqual({ value: '', completeListSize: 4, cursor: 3, expirationDate: undefined });
    });

    it('answers noSetHierarchy when the repository has no sets', async () => {
      const { server: flat } = await serve({ sets: [] });
      expect(errorCodes(await oaiGet(flat.url, { verb: 'ListSets' }))).toEqual(['noSetHierarchy']);
      expect(errorCodes(await oaiGet(flat.url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'maps' }))).toEqual(['noSetHierarchy']);
      expect(errorCodes(await oaiGet(flat.url, { verb: 'ListRecords', metadataPrefix: 'marc21', set: 'maps' }))).toEqual(['cannotDisseminateFormat', 'noSetHierarchy']);
    });
  });

  describe('metadata formats', () => {
    const prefixes = (doc: OaiDoc): string[] =>
      childElements(doc.verb as XmlElement, OAI_NS, 'metadataFormat').map((f) => textOf(firstChild(f, OAI_NS, 'metadataPrefix') as XmlElement));

    it('lists the repository’s formats with schema and namespace', async () => {
      const doc = await oaiGet(url, { verb: 'ListMetadataFormats' });
      expect(prefixes(doc)).toEqual(['oai_dc', 'mods']);
      const mods = childElements(doc.verb as XmlElement, OAI_NS, 'metadataFormat')[1] as XmlElement;
      expect(textOf(firstChild(mods, OAI_NS, 'schema') as XmlElement)).toBe(MODS.schema);
      expect(textOf(firstChild(mods, OAI_NS, 'metadataNamespace') as XmlElement)).toBe(MODS.metadataNamespace);
    });

    it('lists an item’s own formats, and every format for a deleted item', async () => {
      expect(prefixes(await oaiGet(url, { verb: 'ListMetadataFormats', identifier: 'oai:test.example:r08' }))).toEqual(['oai_dc', 'mods']);
      expect(prefixes(await oaiGet(url, { verb: 'ListMetadataFormats', identifier: 'oai:test.example:r01' }))).toEqual(['oai_dc']);
      expect(prefixes(await oaiGet(url, { verb: 'ListMetadataFormats', identifier: 'oai:test.example:r05' }))).toEqual(['oai_dc', 'mods']);
    });

    it('answers idDoesNotExist for an unknown item', async () => {
      const doc = await oaiGet(url, { verb: 'ListMetadataFormats', identifier: 'oai:test.example:nope' });
      expect(errorCodes(doc)).toEqual(['idDoesNotExist']);
      expect(doc.request.attrs).toEqual({ verb: 'ListMetadataFormats', identifier: 'oai:test.example:nope' });
    });

    it('lists only records available in the format asked for, deletions included', async () => {
      const { headers, pages } = await harvestAll(url, { verb: 'ListRecords', metadataPrefix: 'mods' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(5, 8));
      const metadata = firstChild(recordsOf(pages[0] as OaiDoc)[1] as XmlElement, OAI_NS, 'metadata') as XmlElement;
      expect(childElements(metadata)[0]?.ns).toBe('http://www.loc.gov/mods/v3');
    });

    it.each([
      ['ListRecords', { verb: 'ListRecords', metadataPrefix: 'marc21' }],
      ['ListIdentifiers', { verb: 'ListIdentifiers', metadataPrefix: 'marc21' }],
      ['GetRecord', { verb: 'GetRecord', metadataPrefix: 'marc21', identifier: 'oai:test.example:r01' }],
    ])('answers cannotDisseminateFormat to %s in an unknown format, echoing the request', async (_verb, params) => {
      const doc = await oaiGet(url, params);
      expect(errorCodes(doc)).toEqual(['cannotDisseminateFormat']);
      expect(doc.request.attrs).toEqual(params);
    });

    it('answers cannotDisseminateFormat for an item not available in a known format', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'mods', identifier: 'oai:test.example:r01' });
      expect(errorCodes(doc)).toEqual(['cannotDisseminateFormat']);
      expect(doc.errors[0]?.message).toMatch(/r01 is not available in mods/);
    });
  });

  describe('GetRecord', () => {
    it('returns the header and the metadata as given', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r03' });
      expect(doc.errors).toEqual([]);
      expect(headersOf(doc)).toEqual([{ identifier: 'oai:test.example:r03', datestamp: '2024-01-02T10:00:00Z', sets: ['maps:europe:nl'], deleted: false }]);
      const metadata = firstChild(recordsOf(doc)[0] as XmlElement, OAI_NS, 'metadata') as XmlElement;
      const dcRoot = childElements(metadata)[0] as XmlElement;
      expect([dcRoot.ns, dcRoot.name]).toEqual([OAI_DC_NS, 'dc']);
      expect(textOf(firstChild(dcRoot, DC_NS, 'title') as XmlElement)).toBe('Title 3');
    });

    it('returns a deleted record as a header with status="deleted" and no metadata', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r05' });
      expect(headersOf(doc)).toEqual([{ identifier: 'oai:test.example:r05', datestamp: '2024-01-03T00:00:00Z', sets: [], deleted: true }]);
      expect(firstChild(recordsOf(doc)[0] as XmlElement, OAI_NS, 'metadata')).toBeUndefined();
    });

    it('answers idDoesNotExist for an unknown identifier', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r99' });
      expect(errorCodes(doc)).toEqual(['idDoesNotExist']);
    });
  });

  describe('paging', () => {
    it('pages ListRecords to the end with completeListSize, cursor, expirationDate and a final empty token', async () => {
      const { pages, headers } = await harvestAll(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' });
      expect(pages.map((p) => headersOf(p).length)).toEqual([4, 4, 2]);
      const tokens = pages.map(tokenOf);
      expect(tokens.map((t) => t?.cursor)).toEqual([0, 4, 8]);
      expect(tokens.map((t) => t?.completeListSize)).toEqual([10, 10, 10]);
      expect(tokens[0]?.expirationDate).toBe(new Date(clock + TTL).toISOString().slice(0, 19) + 'Z');
      expect(tokens[1]?.value).not.toBe('');
      expect(tokens[2]).toEqual({ value: '', completeListSize: 10, cursor: 8, expirationDate: undefined });
      // Sorted by (datestamp, identifier): r01 and r02 share a datestamp.
      expect(headers.map((h) => h.identifier)).toEqual(ALL);
      expect(headers.find((h) => h.deleted)?.identifier).toBe('oai:test.example:r05');
    });

    it('echoes only verb and resumptionToken on a resumed request', async () => {
      const first = await oaiGet(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
      const value = tokenOf(first)?.value ?? '';
      const second = await oaiGet(url, { verb: 'ListIdentifiers', resumptionToken: value });
      expect(second.request.attrs).toEqual({ verb: 'ListIdentifiers', resumptionToken: value });
    });

    it('pages ListIdentifiers the same way, headers only', async () => {
      const { pages, headers } = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
      expect(headers.map((h) => h.identifier)).toEqual(ALL);
      expect(pages.every((p) => recordsOf(p).length === 0)).toBe(true);
      expect(tokenOf(pages[2] as OaiDoc)).toMatchObject({ value: '', cursor: 8, completeListSize: 10 });
    });

    it('sends no resumptionToken when the list fits one page', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'maps:europe' });
      expect(headersOf(doc)).toHaveLength(3);
      expect(tokenOf(doc)).toBeUndefined();
    });

    it('sends no resumptionToken when the list fills exactly one page', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2024-01-02' });
      expect(headersOf(doc)).toHaveLength(4);
      expect(tokenOf(doc)).toBeUndefined();
    });

    it('keeps the window and set across pages', async () => {
      const { pages, headers } = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'maps', from: '2024-01-01T00:00:01Z' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(3, 6, 8, 10));
      expect(pages).toHaveLength(1);
      const wide = await harvestAll(url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'maps', until: '2024-01-06' });
      expect(wide.headers.map((h) => h.identifier)).toEqual(ids(1, 2, 3, 6, 8));
      expect(wide.pages.map((p) => tokenOf(p)?.completeListSize)).toEqual([5, 5]);
    });

    it('answers a re-issued token with the same page', async () => {
      const first = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' });
      const value = tokenOf(first)?.value ?? '';
      const a = await oaiGet(url, { verb: 'ListRecords', resumptionToken: value });
      const b = await oaiGet(url, { verb: 'ListRecords', resumptionToken: value });
      expect(b.body).toBe(a.body);
    });

    it('serves interleaved harvests with different arguments', async () => {
      const seqA = { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' };
      const seqB = { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'maps', until: '2024-01-06' };
      let a = await oaiGet(url, seqA);
      let b = await oaiGet(url, seqB);
      const seenA = headersOf(a);
      const seenB = headersOf(b);
      while (tokenOf(a)?.value || tokenOf(b)?.value) {
        const [ta, tb] = [tokenOf(a)?.value, tokenOf(b)?.value];
        [a, b] = await Promise.all([
          ta ? oaiGet(url, { verb: 'ListIdentifiers', resumptionToken: ta }) : Promise.resolve(a),
          tb ? oaiGet(url, { verb: 'ListRecords', resumptionToken: tb }) : Promise.resolve(b),
        ]);
        if (ta) seenA.push(...headersOf(a));
        if (tb) seenB.push(...headersOf(b));
      }
      expect(seenA.map((h) => h.identifier)).toEqual(ALL);
      expect(seenB.map((h) => h.identifier)).toEqual(ids(1, 2, 3, 6, 8));
    });

    it('honours its tokens after a restart of the server and the provider', async () => {
      const first = await serve();
      const page1 = await oaiGet(first.server.url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' });
      const token = tokenOf(page1)?.value ?? '';
      await first.server.close();
      started.splice(started.indexOf(first.server), 1);
      const second = await serve();
      const page2 = await oaiGet(second.server.url, { verb: 'ListRecords', resumptionToken: token });
      expect(page2.errors).toEqual([]);
      expect(headersOf(page2).map((h) => h.identifier)).toEqual(ids(5, 6, 7, 8));
      expect(tokenOf(page2)?.cursor).toBe(4);
    });
  });

  describe('badResumptionToken', () => {
    async function firstToken(verb = 'ListRecords'): Promise<string> {
      return tokenOf(await oaiGet(url, { verb, metadataPrefix: 'oai_dc' }))?.value ?? '';
    }

    it('refuses a token it did not issue, echoing verb and token', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', resumptionToken: 'not-a-token' });
      expect(errorCodes(doc)).toEqual(['badResumptionToken']);
      expect(doc.request.attrs).toEqual({ verb: 'ListRecords', resumptionToken: 'not-a-token' });
    });

    it('refuses an altered or truncated token', async () => {
      const token = await firstToken();
      const altered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
      expect(errorCodes(await oaiGet(url, { verb: 'ListRecords', resumptionToken: altered }))).toEqual(['badResumptionToken']);
      expect(errorCodes(await oaiGet(url, { verb: 'ListRecords', resumptionToken: token.slice(0, -3) }))).toEqual(['badResumptionToken']);
    });

    it('refuses an empty token', async () => {
      expect(errorCodes(await oaiGet(url, { verb: 'ListRecords', resumptionToken: '' }))).toEqual(['badResumptionToken']);
    });

    it('refuses a token issued for another verb', async () => {
      const doc = await oaiGet(url, { verb: 'ListRecords', resumptionToken: await firstToken('ListIdentifiers') });
      expect(errorCodes(doc)).toEqual(['badResumptionToken']);
      expect(doc.errors[0]?.message).toMatch(/issued for ListIdentifiers/);
    });

    it('refuses a token issued by another repository', async () => {
      const { server: other } = await serve({ repositoryName: 'Another repository' });
      const doc = await oaiGet(other.url, { verb: 'ListRecords', resumptionToken: await firstToken() });
      expect(errorCodes(doc)).toEqual(['badResumptionToken']);
    });

    it('honours a token until its expirationDate and refuses it after', async () => {
      const saved = clock;
      try {
        const doc = await oaiGet(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' });
        const token = tokenOf(doc);
        const expires = Date.parse(token?.expirationDate ?? '');
        expect(expires - clock).toBeGreaterThan(TTL - 1000);
        expect(expires - clock).toBeLessThanOrEqual(TTL);
        clock = expires;
        expect((await oaiGet(url, { verb: 'ListRecords', resumptionToken: token?.value ?? '' })).errors).toEqual([]);
        clock = expires + 1;
        const late = await oaiGet(url, { verb: 'ListRecords', resumptionToken: token?.value ?? '' });
        expect(errorCodes(late)).toEqual(['badResumptionToken']);
        expect(late.errors[0]?.message).toMatch(/expired/);
      } finally {
        clock = saved;
      }
    });

    it('issues tokens without expirationDate, that never expire, when no TTL is set', async () => {
      const { server: s } = await serve({ tokenTtlMs: undefined });
      const token = tokenOf(await oaiGet(s.url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' }));
      expect(token?.expirationDate).toBeUndefined();
      const saved = clock;
      clock += 10 * 365 * 86_400_000;
      try {
        expect((await oaiGet(s.url, { verb: 'ListRecords', resumptionToken: token?.value ?? '' })).errors).toEqual([]);
      } finally {
        clock = saved;
      }
    });
  });

  describe('deleted records', () => {
    it('hides deletions entirely when deletedRecord is "no"', async () => {
      const { server: s } = await serve({ deletedRecord: 'no' });
      const identify = await oaiGet(s.url, { verb: 'Identify' });
      expect(textOf(firstChild(identify.verb as XmlElement, OAI_NS, 'deletedRecord') as XmlElement)).toBe('no');
      const { headers, pages } = await harvestAll(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(1, 2, 3, 4, 6, 7, 8, 9, 10));
      expect(tokenOf(pages[0] as OaiDoc)?.completeListSize).toBe(9);
      expect(errorCodes(await oaiGet(s.url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r05' }))).toEqual(['idDoesNotExist']);
    });

    it('announces transient deletion and still serves the deleted headers', async () => {
      const { server: s } = await serve({ deletedRecord: 'transient' });
      const identify = await oaiGet(s.url, { verb: 'Identify' });
      expect(textOf(firstChild(identify.verb as XmlElement, OAI_NS, 'deletedRecord') as XmlElement)).toBe('transient');
      const { headers } = await harvestAll(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2024-01-03', until: '2024-01-03' });
      expect(headers).toEqual([
        { identifier: 'oai:test.example:r05', datestamp: '2024-01-03T00:00:00Z', sets: [], deleted: true },
        { identifier: 'oai:test.example:r06', datestamp: '2024-01-03T12:00:00Z', sets: ['prints', 'maps'], deleted: false },
      ]);
    });
  });

  describe('changes between requests', () => {
    it('lists only what changed since the responseDate of an earlier harvest', async () => {
      const { server: s, provider } = await serve();
      const saved = clock;
      try {
        const full = await harvestAll(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
        const since = full.pages[0]?.responseDate as string;
        clock += 60_000;
        provider.upsert([rec(11, provider.datestamp(), ['prints']), { ...rec(2, provider.datestamp(), ['maps:europe']), metadata: { oai_dc: dc('Title 2, revised') } }]);
        provider.markDeleted('oai:test.example:r07');
        const incremental = await harvestAll(s.url, { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: since });
        expect(incremental.headers.map((h) => [h.identifier, h.deleted])).toEqual([
          ['oai:test.example:r02', false],
          ['oai:test.example:r07', true],
          ['oai:test.example:r11', false],
        ]);
        expect(incremental.headers.every((h) => h.datestamp === '2024-06-01T12:01:00Z')).toBe(true);
        expect(incremental.pages[0]?.body).toContain('Title 2, revised');
        expect(provider.records()).toHaveLength(11);
      } finally {
        clock = saved;
      }
    });

    it('neither skips nor repeats records when records change between pages', async () => {
      const { server: s, provider } = await serve();
      const saved = clock;
      try {
        const page1 = await oaiGet(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
        const seen = headersOf(page1).map((h) => h.identifier);
        // A record already served disappears, and a new one arrives: an offset would now skip r05.
        expect(provider.remove('oai:test.example:r02')).toBe(true);
        clock += 1000;
        provider.upsert(rec(12, provider.datestamp(), []));
        let doc = page1;
        while (tokenOf(doc)?.value) {
          doc = await oaiGet(s.url, { verb: 'ListIdentifiers', resumptionToken: tokenOf(doc)?.value ?? '' });
          seen.push(...headersOf(doc).map((h) => h.identifier));
        }
        expect(seen).toEqual([...ALL, ...ids(12)]);
        // The cursor counts what this harvest was served; completeListSize is the list as it is now.
        expect(tokenOf(doc)).toMatchObject({ cursor: 8, completeListSize: 10 });
      } finally {
        clock = saved;
      }
    });

    it('replaces every record with setRecords', async () => {
      const { server: s, provider } = await serve();
      provider.setRecords([rec(20, '2024-02-01T00:00:00Z', [])]);
      const { headers } = await harvestAll(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
      expect(headers.map((h) => h.identifier)).toEqual(ids(20));
      const identify = await oaiGet(s.url, { verb: 'Identify' });
      expect(textOf(firstChild(identify.verb as XmlElement, OAI_NS, 'earliestDatestamp') as XmlElement)).toBe('2024-02-01T00:00:00Z');
    });

    it('keeps its own copy of the records it was given', async () => {
      const records = fixtureRecords();
      const { server: s } = await serve({ records });
      (records[0] as ProviderRecord).datestamp = '1999-01-01T00:00:00Z';
      records.push(rec(30, '2024-01-01T00:00:00Z', []));
      const { headers } = await harvestAll(s.url, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
      expect(headers.map((h) => h.identifier)).toEqual(ALL);
    });
  });

  describe('HTTP', () => {
    it('answers POST (form-encoded) exactly as GET', async () => {
      const params = { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'prints' };
      const [get, post] = [await oaiGet(url, params), await oaiPost(url, params)];
      expect(post.status).toBe(200);
      expect(post.body).toBe(get.body);
      const token = tokenOf(await oaiPost(url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' }))?.value ?? '';
      const resumed = await oaiPost(url, { verb: 'ListRecords', resumptionToken: token });
      expect(headersOf(resumed).map((h) => h.identifier)).toEqual(ids(5, 6, 7, 8));
    });

    it('answers OAI errors to POST like GET', async () => {
      const doc = await oaiPost(url, 'verb=Nope');
      expect(errorCodes(doc)).toEqual(['badVerb']);
    });

    it('refuses POST bodies that are not form-encoded, other methods and other paths', async () => {
      const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"verb":"Identify"}' });
      expect(json.status).toBe(415);
      await json.text();
      const put = await fetch(`${url}?verb=Identify`, { method: 'PUT' });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
      await put.text();
      const other = await fetch(url.replace(/\/oai$/, '/elsewhere?verb=Identify'));
      expect(other.status).toBe(404);
      await other.text();
    });

    it('answers HEAD with the headers of the GET answer and no body', async () => {
      const get = await fetch(`${url}?verb=Identify`);
      const body = await get.text();
      const head = await fetch(`${url}?verb=Identify`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(await head.text()).toBe('');
    });

    it('refuses a POST body over the size limit', async () => {
      const provider = createOaiProvider(options());
      const small = await startOaiServer(provider, { maxBodyBytes: 100 });
      started.push(small);
      const res = await fetch(small.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `verb=Identify&x=${'a'.repeat(500)}` });
      expect(res.status).toBe(413);
      await res.text();
    });

    it('counts the requests it receives', async () => {
      const { server: s } = await serve();
      expect(s.requests).toBe(0);
      await oaiGet(s.url, { verb: 'Identify' });
      await oaiPost(s.url, { verb: 'Identify' });
      await (await fetch(s.url.replace('/oai', '/x'))).text();
      expect(s.requests).toBe(3);
    });

    it('serves on the host, port and path asked for', async () => {
      const provider = createOaiProvider(options());
      const s = await startOaiServer(provider, { host: '127.0.0.1', port: 0, path: '/repository/oai2' });
      started.push(s);
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/repository/oai2`);
      const doc = await oaiGet(s.url, { verb: 'Identify' });
      expect(textOf(firstChild(doc.verb as XmlElement, OAI_NS, 'baseURL') as XmlElement)).toBe(s.url);
    });

    it('compresses with gzip when Identify announces it and the client accepts it', async () => {
      const { server: s } = await serve({ compression: ['gzip'] });
      const identify = await oaiGet(s.url, { verb: 'Identify' });
      expect(childElements(identify.verb as XmlElement, OAI_NS, 'compression').map(textOf)).toEqual(['gzip']);
      const res = await request(`${s.url}?verb=ListRecords&metadataPrefix=oai_dc`, { headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(res.headers['content-encoding']).toBe('gzip');
      const body = gunzipSync(Buffer.from(await res.body.arrayBuffer())).toString('utf8');
      expect(headersOf(parseOai(body))).toHaveLength(4);
      const plain = await request(`${s.url}?verb=Identify`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      await plain.body.text();
    });

    it('never compresses when the repository does not announce it', async () => {
      const res = await request(`${url}?verb=Identify`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(parseOai(await res.body.text()).errors).toEqual([]);
    });
  });

  describe('XML escaping', () => {
    it('escapes identifiers, names and echoed arguments so the response stays well-formed', async () => {
      const odd = 'oai:test.example:a&b<c>"d\'e';
      const { server: s } = await serve({
        repositoryName: 'Maps & "Prints" <Test>',
        records: [{ identifier: odd, datestamp: '2024-01-01T00:00:00Z', sets: ['maps'], metadata: { oai_dc: dc('Fish &amp; chips') } }],
      });
      const doc = await oaiGet(s.url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: odd });
      expect(doc.request.attrs.identifier).toBe(odd);
      expect(headersOf(doc)[0]?.identifier).toBe(odd);
      const unknown = await oaiGet(s.url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: '<&>' });
      expect(errorCodes(unknown)).toEqual(['idDoesNotExist']);
      expect(unknown.errors[0]?.message).toContain('<&>');
      const identify = await oaiGet(s.url, { verb: 'Identify' });
      expect(textOf(firstChild(identify.verb as XmlElement, OAI_NS, 'repositoryName') as XmlElement)).toBe('Maps & "Prints" <Test>');
    });

    it('drops characters XML cannot carry from echoed arguments', async () => {
      const doc = await oaiGet(url, { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:x\u0001y' });
      expect(errorCodes(doc)).toEqual(['idDoesNotExist']);
      expect(doc.request.attrs.identifier).toBe('oai:xy');
    });
  });
});

describe('createOaiProvider', () => {
  const make = (overrides: Partial<ProviderOptions>) => () => createOaiProvider(options(overrides));

  it.each([
    ['a datestamp in another granularity', { records: [rec(1, '2024-01-01', [])] }, /records\[0\]\.datestamp/],
    ['a datestamp with milliseconds', { records: [rec(1, '2024-01-01T00:00:00.000Z', [])] }, /records\[0\]\.datestamp/],
    ['duplicate identifiers', { records: [rec(1, '2024-01-01T00:00:00Z', []), rec(1, '2024-01-02T00:00:00Z', [])] }, /records\[1\]\.identifier: .* not unique/],
    ['an invalid setSpec', { records: [rec(1, '2024-01-01T00:00:00Z', ['a b'])] }, /records\[0\]\.sets\[0\]/],
    ['metadata in an unknown format', { records: [{ ...rec(1, '2024-01-01T00:00:00Z', []), metadata: { marc21: '<record/>' } }] }, /metadata\.marc21/],
    ['a page size of 0', { pageSize: 0 }, /pageSize/],
    ['an unknown granularity', { granularity: 'YYYY' as never }, /granularity/],
    ['no formats', { formats: [] }, /formats/],
    ['a set listed twice', { sets: [{ setSpec: 'a', setName: 'A' }, { setSpec: 'a', setName: 'A again' }] }, /sets\[1\]\.setSpec/],
    ['an earliestDatestamp in another granularity', { earliestDatestamp: '2024-01-01' }, /earliestDatestamp/],
  ])('refuses %s with ERR_CONFIG_INVALID and the path of the problem', (_what, overrides, message) => {
    expect(make(overrides)).toThrow(EntenteError);
    expect(make(overrides)).toThrow(message);
    try {
      make(overrides)();
    } catch (err) {
      expect((err as EntenteError).code).toBe('ERR_CONFIG_INVALID');
    }
  });

  it('leaves its records unchanged when an upsert is refused', () => {
    const provider = createOaiProvider(options());
    expect(() => provider.upsert([rec(40, '2024-03-01T00:00:00Z', []), rec(41, 'bad', [])])).toThrow(/upsert\[1\]\.datestamp/);
    expect(provider.getRecord('oai:test.example:r40')).toBeUndefined();
    expect(provider.records()).toHaveLength(10);
  });

  it('answers without a socket, the same as over HTTP', () => {
    const provider = createOaiProvider(options());
    const res = provider.handle(new URLSearchParams({ verb: 'ListSets' }), 'http://example.org/oai');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/xml; charset=utf-8');
    expect(childElements(parseOai(res.body).verb as XmlElement, OAI_NS, 'set')).toHaveLength(4);
  });

  it('uses the earliestDatestamp it is given', () => {
    const provider = createOaiProvider(options({ earliestDatestamp: '2000-01-01T00:00:00Z' }));
    const doc = parseOai(provider.handle(new URLSearchParams({ verb: 'Identify' }), 'http://example.org/oai').body);
    expect(textOf(firstChild(doc.verb as XmlElement, OAI_NS, 'earliestDatestamp') as XmlElement)).toBe('2000-01-01T00:00:00Z');
  });

  it('serves about containers after the metadata', () => {
    const about = '<provenance xmlns="http://www.openarchives.org/OAI/2.0/provenance"><originDescription/></provenance>';
    const provider = createOaiProvider(options({ records: [{ ...rec(1, '2024-01-01T00:00:00Z', []), about: [about] }] }));
    const doc = parseOai(provider.handle(new URLSearchParams({ verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:test.example:r01' }), 'http://x/oai').body);
    const record = recordsOf(doc)[0] as XmlElement;
    expect(childElements(record).map((e) => e.name)).toEqual(['header', 'metadata', 'about']);
    const provenance = childElements(childElements(record, OAI_NS, 'about')[0] as XmlElement)[0] as XmlElement;
    expect([provenance.ns, provenance.name]).toEqual(['http://www.openarchives.org/OAI/2.0/provenance', 'provenance']);
  });
});
