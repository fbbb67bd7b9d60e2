// Harvesting real loopback OAI-PMH servers into real SQLite files: paging, incremental runs,
// sets, deletions, and every fault the issue names. No mocks: a provider behind a fault server.

import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue.js';
import { normaliseSource, type SourceInput } from '../../src/config/load-config.js';
import type { HttpClient } from '../../src/http/client.js';
import { harvestSource, type HarvestEvent, type HarvestOptions } from '../../src/harvest/harvest-source.js';
import { createPagePool, type PagePool } from '../../src/harvest/page-pool.js';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider, ProviderOptions } from '../../src/provider/types.js';
import { startFaultServer, type FaultPlan, type FaultServer } from '../helpers/fault-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';
import { freshHarvestEachTest } from '../helpers/harvest-env.js';

let catalogue: Catalogue;
let http: HttpClient;
let pool: PagePool;
let server: FaultServer | undefined;
freshHarvestEachTest(
  (env) => ({ catalogue, http, pool } = env),
  async () => {
    await server?.close();
    server = undefined;
  },
);

/** Synthetic records stamped in seconds granularity (the default repository here). */
function recs(count: number) {
  return syntheticRecords(count, { datestamp: (i) => `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` });
}

function provider(overrides: Partial<ProviderOptions> = {}): OaiProvider {
  return createOaiProvider({
    repositoryName: 'Test archive',
    adminEmail: 'archive@example.org',
    granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: 'persistent',
    pageSize: 20,
    records: recs(95),
    sets: [
      { setSpec: 'a', setName: 'Odd' },
      { setSpec: 'b', setName: 'Even' },
    ],
    ...overrides,
  });
}

async function serve(p: OaiProvider, plan?: FaultPlan): Promise<string> {
  server = await startFaultServer(p, plan);
  return server.url;
}

function source(url: string, extra: Partial<SourceInput> = {}) {
  return normaliseSource({ id: 'test', url, http: { retries: 3, retryBaseDelayMs: 5 }, ...extra });
}

async function harvest(url: string, extra: Partial<SourceInput> = {}, opts: Partial<HarvestOptions> = {}) {
  const events: HarvestEvent[] = [];
  const result = await harvestSource(source(url, extra), { catalogue, http, pool, onEvent: (e) => events.push(e), ...opts });
  return { ...result, events };
}

function liveIds(): string[] {
  return [...catalogue.localIds('test').keys()].sort();
}

function expectedIds(p: OaiProvider, includeDeleted = false): string[] {
  return p
    .records()
    .filter((r) => includeDeleted || !r.deleted)
    .map((r) => r.identifier)
    .sort();
}

describe('harvesting a well-behaved repository', () => {
  it('stores every record of a multi-page list, once, and ends with no checkpoint', async () => {
    const p = provider();
    const url = await serve(p);
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(events).toEqual([]);
    expect(run.mode).toBe('full');
    expect(run.counts.seen).toBe(95);
    expect(run.counts.new).toBe(95);
    expect(run.counts.pages).toBe(5);
    expect(liveIds()).toEqual(expectedIds(p));
    expect(catalogue.getCheckpoint('test')).toBeUndefined();
    const exported = [...catalogue.exportRecords()].map((j) => JSON.parse(j) as { title: { value: string }[]; source: { localId: string } });
    expect(exported).toHaveLength(95);
    expect(exported[0]?.title[0]?.value).toMatch(/sheet \d+$/);
  });

  it('asks for everything again with full, changing nothing that did not change', async () => {
    const url = await serve(provider());
    await harvest(url);
    const { run } = await harvest(url, {}, { full: true });
    expect(run.mode).toBe('full');
    expect(run.counts.unchanged).toBe(95);
    expect(run.counts.new + run.counts.updated).toBe(0);
  });

  it('harvests incrementally from the responseDate of the last complete run', async () => {
    let clock = new Date('2024-03-01T10:00:00Z');
    const p = provider({ now: () => clock });
    const url = await serve(p);
    const first = await harvest(url);
    expect(first.run.responseDate).toBe('2024-03-01T10:00:00Z');

    clock = new Date('2024-03-02T09:00:00Z');
    p.upsert(syntheticRecords(3, { start: 1000, datestamp: () => '2024-03-01T12:00:00Z' }));
    p.markDeleted('oai:synthetic:5', '2024-03-01T13:00:00Z');
    const second = await harvest(url);
    expect(second.run.mode).toBe('incremental');
    expect(second.run.from).toBe('2024-03-01T10:00:00Z');
    const listRequests = server!.requests.filter((r) => r.params.get('verb') === 'ListRecords' && r.params.has('from'));
    expect(listRequests.at(-1)?.params.get('from')).toBe('2024-03-01T10:00:00Z');
    expect(second.run.counts.seen).toBe(4);
    expect(second.run.counts.new).toBe(3);
    expect(second.run.counts.deleted).toBe(1);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('goes back by the configured overlap for the next from', async () => {
    const clock = new Date('2024-03-01T10:00:00Z');
    const url = await serve(provider({ now: () => clock }));
    await harvest(url, { incrementalOverlapSeconds: 3600 });
    const second = await harvest(url, { incrementalOverlapSeconds: 3600 });
    expect(second.run.from).toBe('2024-03-01T09:00:00Z');
  });

  it('says so when the cursor does not grow by the records delivered', async () => {
    const p = provider();
    // The third page claims a cursor five records further than what was delivered.
    const url = await serve(p, ({ n }) =>
      n === 4 ? { kind: 'transform', fn: (b) => b.replace(/cursor="(\d+)"/, (_, c: string) => `cursor="${Number(c) + 5}"`) } : undefined,
    );
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    const notices = events.filter((e) => e.type === 'notice' && /cursor is/.test(e.message));
    expect(notices).toHaveLength(1);
  });

  it('uses the day of the responseDate for a day-granularity repository', async () => {
    const clock = new Date('2024-05-07T23:59:00Z');
    const url = await serve(provider({ granularity: 'YYYY-MM-DD', now: () => clock, records: syntheticRecords(10) }));
    await harvest(url);
    const second = await harvest(url);
    expect(second.run.from).toBe('2024-05-07');
    expect(server!.requests.at(-1)?.params.get('from')).toBe('2024-05-07');
  });

  it('turns deleted records into tombstones kept out of exports', async () => {
    const p = provider();
    p.markDeleted('oai:synthetic:3');
    p.markDeleted('oai:synthetic:4');
    const url = await serve(p);
    const { run } = await harvest(url);
    expect(run.counts.deleted).toBe(2);
    expect(liveIds()).toHaveLength(93);
    expect([...catalogue.exportRecords()]).toHaveLength(93);
    const all = [...catalogue.exportRecords({ includeDeleted: true })].map((j) => JSON.parse(j) as { deleted?: boolean });
    expect(all).toHaveLength(95);
    expect(all.filter((r) => r.deleted)).toHaveLength(2);
  });

  it('harvests each configured set as its own window', async () => {
    const p = provider();
    const url = await serve(p);
    const { run } = await harvest(url, { sets: ['a', 'b'] });
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toEqual(expectedIds(p));
    const sets = new Set(server!.requests.map((r) => r.params.get('set')).filter(Boolean));
    expect(sets).toEqual(new Set(['a', 'b']));
  });

  it('treats noRecordsMatch as an empty, successful harvest', async () => {
    const url = await serve(provider({ records: [] }));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(run.counts.seen).toBe(0);
  });

  it('keeps one connection for a whole harvest (one request at a time per host)', async () => {
    const url = await serve(provider());
    await harvest(url);
    expect(server!.connections()).toBe(1);
  });

  it('parses pages on worker threads with the same result', async () => {
    await pool.close();
    pool = createPagePool(2);
    const p = provider();
    const url = await serve(p);
    const { run } = await harvest(url);
    expect(run.error).toBeNull();
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toEqual(expectedIds(p));
  });
});

describe('surviving faults', () => {
  it('retries a 500 and finishes', async () => {
    const p = provider();
    const url = await serve(p, ({ n }) => (n === 3 ? { kind: 'status', status: 500 } : undefined));
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toEqual(expectedIds(p));
    expect(events.some((e) => e.type === 'retry' && e.error.code === 'ERR_HTTP_STATUS')).toBe(true);
  });

  it('waits as long as a 503 Retry-After asks', async () => {
    const p = provider();
    const url = await serve(p, ({ n }) => (n === 2 ? { kind: 'status', status: 503, headers: { 'retry-after': '1' } } : undefined));
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    const retry = events.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.delayMs).toBe(1000);
    const [r2, r3] = [server!.requests[1]!, server!.requests[2]!];
    expect(r3.at - r2.at).toBeGreaterThanOrEqual(950);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('recovers from a connection reset mid-body', async () => {
    const p = provider();
    const url = await serve(p, ({ n }) => (n === 3 ? { kind: 'reset' } : undefined));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('never stores half of a truncated page, and retries it', async () => {
    const p = provider();
    const url = await serve(p, ({ n }) => (n === 3 ? { kind: 'truncate', fraction: 0.6 } : undefined));
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(events.some((e) => e.type === 'retry' && e.error.code === 'ERR_XML_MALFORMED')).toBe(true);
    expect(run.counts.seen).toBe(95);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('fails a source that keeps truncating, keeping the pages before it and a checkpoint to resume', async () => {
    const p = provider();
    // Every answer after the second is cut short, Identify's too: the repository is failing as a
    // whole, so the list is not split into smaller windows (see window-split.test.ts).
    const url = await serve(p, () => (server!.requests.length > 2 ? { kind: 'truncate' } : undefined));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(run.error?.message).toMatch(/not well-formed/);
    expect(liveIds()).toHaveLength(20);
    expect(catalogue.getCheckpoint('test')?.token).toBeTruthy();
  });

  it('retries an HTML error page served with 200 and names it when it persists', async () => {
    const url = await serve(provider(), ({ n }) => (n >= 2 ? { kind: 'html' } : undefined));
    const { run } = await harvest(url, { http: { retries: 1, retryBaseDelayMs: 5 } });
    expect(run.outcome).toBe('failed');
    expect(run.error?.message).toMatch(/HTML page \("Service Temporarily Unavailable"\)/);
  });

  it('times out on a silent server and retries', async () => {
    const p = provider();
    const url = await serve(p, ({ n }) => (n === 2 ? { kind: 'hang' } : undefined));
    // The limit applies to every request of the harvest: generous enough for a busy machine.
    const { run, events } = await harvest(url, { http: { retries: 2, retryBaseDelayMs: 5, headersTimeoutMs: 1000 } });
    expect(run.outcome).toBe('ok');
    expect(events.some((e) => e.type === 'retry' && e.error.code === 'ERR_HTTP_TIMEOUT')).toBe(true);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('keeps a record with an invalid XML character, drops the character and records an issue', async () => {
    const p = provider({ records: recs(5) });
    const url = await serve(p, () => ({ kind: 'transform', fn: (b) => b.replace('sheet 2<', 'sheet\u000B 2<') }));
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toHaveLength(5);
    const rec = [...catalogue.exportRecords()].map((j) => JSON.parse(j) as { source: { localId: string }; title: { value: string }[]; issues: { code: string }[] }).find((r) => r.source.localId === 'oai:synthetic:2');
    expect(rec?.title[0]?.value).toBe('Letter from the mayor of Bristol, sheet 2');
    expect(rec?.issues.map((i) => i.code)).toContain('XML_INVALID_CHAR_REMOVED');
  });

  it('keeps the neighbours of a record that is not well-formed, and the broken record with an error', async () => {
    const p = provider();
    // Raw HTML in one description (a known Dataverse export bug) breaks the whole page's XML.
    const url = await serve(p, ({ params }) =>
      params.get('verb') === 'ListRecords' ? { kind: 'transform', fn: (b) => b.replace('item 7 of', 'item 7 <p>of') } : undefined,
    );
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(liveIds()).toEqual(expectedIds(p));
    const broken = [...catalogue.exportRecords()].map((j) => JSON.parse(j) as { source: { localId: string }; issues: { code: string }[] }).find((r) => r.source.localId === 'oai:synthetic:7');
    expect(broken?.issues.map((i) => i.code)).toContain('XML_MALFORMED_RECORD');
    expect(catalogue.rawPayload('test', 'oai:synthetic:7')?.payload).toContain('item 7 <p>of');
    expect(run.counts.invalid).toBe(1);
  });

  it('never expands DOCTYPE entities (no XXE, no entity bomb)', async () => {
    const p = provider({ records: recs(3) });
    const doctype = '<!DOCTYPE OAI-PMH [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const url = await serve(p, ({ params }) =>
      params.get('verb') === 'ListRecords'
        ? { kind: 'transform', fn: (b) => b.replace(/<OAI-PMH/, `${doctype}<OAI-PMH`).replace('sheet 1<', 'sheet 1 &xxe; &b;<') }
        : undefined,
    );
    const { run } = await harvest(url);
    expect(run.outcome).toBe('ok');
    const exported = [...catalogue.exportRecords()].join('\n');
    expect(exported).not.toContain('root:');
    expect(exported).not.toContain('aaaaaaaaaa');
    expect(exported).toContain('XML_UNDEFINED_ENTITY');
  });

  it('refuses a body over the size cap with a clear error', async () => {
    const url = await serve(provider());
    const { run } = await harvest(url, { http: { maxResponseBytes: 4096, retries: 0 } });
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_TOO_LARGE');
    expect(run.error?.message).toMatch(/larger than the 4 KiB cap/);
  });

  it('restarts the window when a token is refused mid-list, and loses nothing', async () => {
    const p = provider();
    let refused = false;
    const url = await serve(p, ({ params }) => {
      if (!refused && params.get('resumptionToken') && server!.requests.length === 4) {
        refused = true;
        return { kind: 'body', body: `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><error code="badResumptionToken">expired</error></OAI-PMH>` };
      }
      return undefined;
    });
    const { run, events } = await harvest(url);
    expect(run.outcome).toBe('ok');
    expect(events.filter((e) => e.type === 'restart-window')).toHaveLength(1);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('gets every record from a server whose tokens expire between pages', async () => {
    const p = provider({ tokenTtlMs: 1000 });
    // The fourth request arrives after its token's lifetime: the provider refuses it.
    const url = await serve(p, ({ n }) => (n === 4 ? { kind: 'delay', ms: 2100 } : undefined));
    const { run, events } = await harvest(url, {}, { prefetch: false });
    expect(run.error).toBeNull();
    expect(run.outcome).toBe('ok');
    expect(events.some((e) => e.type === 'restart-window' && /badResumptionToken/.test(e.reason))).toBe(true);
    expect(liveIds()).toEqual(expectedIds(p));
  });

  it('stops a repository that returns the token it was sent', async () => {
    const p = provider();
    const url = await serve(p, ({ params }) => {
      const token = params.get('resumptionToken');
      if (!token) return undefined;
      return { kind: 'transform', fn: (b) => b.replace(/<resumptionToken([^>]*)>[^<]*<\/resumptionToken>/, `<resumptionToken$1>${token}</resumptionToken>`) };
    });
    const { run } = await harvest(url, {}, { prefetch: false });
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_OAI_TOKEN_LOOP');
  });

  it('fails clearly on an OAI error such as cannotDisseminateFormat', async () => {
    const url = await serve(provider());
    const { run } = await harvest(url, { metadataPrefix: 'marc21' });
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_OAI_CANNOT_DISSEMINATE_FORMAT');
    expect(run.error?.hint).toMatch(/entente formats/);
  });

  it('writes a repeated page idempotently', async () => {
    const p = provider();
    const url = await serve(p);
    await harvest(url);
    const before = [...catalogue.exportRecords()];
    const { run } = await harvest(url, {}, { full: true });
    expect([...catalogue.exportRecords()]).toEqual(before);
    expect(run.counts.unchanged).toBe(95);
  });
});

describe('windowFrom', () => {
  it('uses the repository granularity and never goes before earliestDatestamp', async () => {
    const { windowFrom } = await import('../../src/harvest/harvest-source.js');
    expect(windowFrom('2024-03-01T10:00:00Z', '2020-01-01T00:00:00Z', 'YYYY-MM-DD')).toBe('2024-03-01');
    expect(windowFrom('2024-03-01T10:00:00Z', '2025-01-01', 'YYYY-MM-DD')).toBe('2025-01-01');
    expect(windowFrom('2024-03-01T10:00:00.123Z', '', 'YYYY-MM-DDThh:mm:ssZ')).toBe('2024-03-01T10:00:00Z');
  });
});
