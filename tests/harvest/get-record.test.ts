// recordsVia "GetRecord": identifiers from ListIdentifiers, then each record on its own, for
// repositories whose ListRecords breaks. Against a real loopback repository: the same catalogue
// as a ListRecords harvest, deletions from the headers, and one record that always fails costs
// only itself.

import { describe, expect, it } from 'vitest';
import { normaliseSource } from '../../src/config/load-config.js';
import { harvestSource } from '../../src/harvest/harvest-source.js';
import type { OaiProvider } from '../../src/provider/types.js';
import type { FaultPlan, FaultServer } from '../helpers/fault-server.js';
import { faultServerHarvests } from '../helpers/harvest-env.js';
import { syntheticRecords, syntheticRepository } from '../helpers/synthetic.js';

const t = faultServerHarvests();

/** 25 records in pages of 10, two of them deleted. */
const provider = (): OaiProvider => syntheticRepository(syntheticRecords(25).map((r, i) => (i === 3 || i === 17 ? { ...r, deleted: true } : r)));

/** Every GetRecord of `identifier` answers with its body changed by `fn`. */
const getRecordOf =
  (identifier: string, fn: (body: string) => string): FaultPlan =>
  ({ params }) =>
    params.get('verb') === 'GetRecord' && params.get('identifier') === identifier ? { kind: 'transform', fn } : undefined;

async function harvest(url: string, recordsVia: 'ListRecords' | 'GetRecord' = 'GetRecord', full = false) {
  const notices: string[] = [];
  const src = normaliseSource({ id: 'one', url, recordsVia, http: { retries: 1, retryBaseDelayMs: 1 } });
  const result = await harvestSource(src, { ...t.env(), full, onEvent: (e) => void (e.type === 'notice' && notices.push(e.message)) });
  return { ...result, notices };
}

const verbs = (s: FaultServer): Set<string> => new Set(s.requests.map((r) => r.params.get('verb') ?? ''));
const live = (): Map<string, string> => t.catalogue.localIds('one');
const all = (): Map<string, string> => t.catalogue.localIds('one', { includeDeleted: true });

describe('recordsVia GetRecord', () => {
  it('stores what a ListRecords harvest stores, record for record, without asking ListRecords', async () => {
    const p = provider();
    const server = await t.serve(p);
    const { run } = await harvest(server.url);
    expect(run.outcome).toBe('ok');
    expect(verbs(server)).toEqual(new Set(['Identify', 'ListIdentifiers', 'GetRecord']));
    // One GetRecord per live record: deleted ones are known from their headers.
    expect(server.requests.filter((r) => r.params.get('verb') === 'GetRecord')).toHaveLength(23);
    expect(live().size).toBe(23);
    expect(all().size).toBe(25);
    const viaGetRecord = live();

    // The same repository harvested with ListRecords into the same catalogue: every live record
    // hashes the same. The two deleted ones were stored as ListIdentifiers served them (a bare
    // header, not a record): their raw form is replaced, and they stay tombstones.
    const again = await harvest(server.url, 'ListRecords', true);
    expect(again.run.counts).toMatchObject({ seen: 25, new: 0, unchanged: 23, updated: 2, deleted: 2 });
    expect(live()).toEqual(viaGetRecord);
  });

  it('passes over one record that always fails, stores the rest, and names it in the run', async () => {
    const p = provider();
    let broken = true;
    const plan: FaultPlan = ({ params }) => (broken && params.get('verb') === 'GetRecord' && params.get('identifier') === 'oai:synthetic:12' ? { kind: 'status', status: 500 } : undefined);
    const server = await t.serve(p, plan);
    const { run, notices } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_OAI_SKIPPED');
    expect(run.error?.message).toMatch(/1 record\(s\) could not be fetched with GetRecord: oai:synthetic:12: .*HTTP 500/);
    expect(notices.some((m) => m.startsWith('GetRecord for oai:synthetic:12 keeps failing'))).toBe(true);
    // Kept for the next run, which asks for the day of the record set aside (2020-01-13) by itself.
    expect(t.catalogue.getSource('one')?.pending).toEqual([expect.objectContaining({ identifier: 'oai:synthetic:12', datestamp: '2020-01-13' })]);
    expect(live().size).toBe(22);
    expect(live().has('oai:synthetic:12')).toBe(false);
    expect(t.catalogue.getCheckpoint('one')).toBeUndefined();

    broken = false;
    const asked = server.requests.length;
    const next = await harvest(server.url);
    expect(next.run.outcome).toBe('ok');
    expect(live().size).toBe(23);
    // That day's identifiers (one) and their records, then what changed since (nothing).
    expect(server.requests.slice(asked).filter((r) => r.params.get('verb') === 'ListIdentifiers')[0]?.params.get('from')).toBe('2020-01-13');
    expect(server.requests.slice(asked).filter((r) => r.params.get('verb') === 'GetRecord').map((r) => r.params.get('identifier'))).toEqual(['oai:synthetic:12']);
    expect(t.catalogue.getSource('one')?.pending).toEqual([]);
  });

  it('sets aside a record listed but said not to exist (idDoesNotExist), and keeps it for the next run', async () => {
    // Listed live, then unknown: an anomaly, not a deletion. Passing over it would end the run
    // well and move the next 'from' past a record that may well exist.
    const p = provider();
    const server = await t.serve(p, getRecordOf('oai:synthetic:5', (body) => body.replace(/<GetRecord>[\s\S]*<\/GetRecord>/, '<error code="idDoesNotExist">No such record</error>')));
    const { run, notices } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.message).toMatch(/oai:synthetic:5: OAI-PMH idDoesNotExist/);
    expect(live().size).toBe(22);
    // syntheticRecords stamps record 5 on 2020-01-06: the next run asks for that day again.
    expect(t.catalogue.getSource('one')?.pending.map((k) => k.identifier)).toEqual(['oai:synthetic:5']);
    // Passing over records does not make the repository's cursor look wrong.
    expect(notices.some((m) => m.includes('cursor'))).toBe(false);
  });

  it('sets aside a record the repository answers badArgument for, and harvests the rest', async () => {
    // Repositories answer badArgument for an identifier they list but cannot take back (one with
    // a character they do not escape): that is the record's problem, not every run's.
    const p = provider();
    const server = await t.serve(p, getRecordOf('oai:synthetic:11', (body) => body.replace(/<GetRecord>[\s\S]*<\/GetRecord>/, '<error code="badArgument">Illegal identifier</error>')));
    const { run } = await harvest(server.url);
    expect(run).toMatchObject({ outcome: 'failed', error: { code: 'ERR_OAI_SKIPPED' } });
    expect(run.error?.message).toMatch(/oai:synthetic:11: OAI-PMH badArgument: Illegal identifier/);
    expect(live().size).toBe(22);
    expect(live().has('oai:synthetic:24')).toBe(true);
  });

  it('keeps a record whose response is whole but not well-formed, as ListRecords does, with an error issue', async () => {
    const p = provider();
    const server = await t.serve(p, getRecordOf('oai:synthetic:7', (body) => body.replace('<dc:title xml:lang="en">', '<dc:title xml:lang="en"><b>unclosed ')));
    const { run } = await harvest(server.url);
    expect(run.outcome).toBe('ok');
    expect(live().size).toBe(23);
    expect(t.catalogue.issueCounts('one')).toContainEqual(expect.objectContaining({ code: 'XML_MALFORMED_RECORD', count: 1 }));
    // Not asked for again and again: one GetRecord for it.
    expect(server.requests.filter((r) => r.params.get('identifier') === 'oai:synthetic:7')).toHaveLength(1);
  });

  it('fails the run instead of setting aside record after record when GetRecord fails for all of them', async () => {
    const many = syntheticRepository(syntheticRecords(130), { pageSize: 50 });
    const server = await t.serve(many, ({ params }) => (params.get('verb') === 'GetRecord' ? { kind: 'status', status: 500 } : undefined));
    const { run, notices } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(notices.filter((m) => m.includes('set aside'))).toHaveLength(100);
    expect(run.error?.message).toMatch(/^100 records could not be fetched with GetRecord; the last: /);
    // The run's failure, not a window's: nothing is split over it.
    expect(notices.some((m) => m.includes('two halves'))).toBe(false);
    expect(live().size).toBe(0);
  });

  it('never stores a record under another identifier than the one asked for', async () => {
    const p = provider();
    const server = await t.serve(p, getRecordOf('oai:synthetic:9', (body) => body.replace('<identifier>oai:synthetic:9</identifier>', '<identifier>oai:synthetic:999</identifier>')));
    const { run } = await harvest(server.url);
    expect(run.error?.message).toMatch(/oai:synthetic:9: GetRecord for oai:synthetic:9 returned a record for oai:synthetic:999/);
    expect(live().has('oai:synthetic:999')).toBe(false);
    expect(live().size).toBe(22);
  });

  it('fails the run at once when the repository refuses GetRecord (403): that is no one record\'s fault', async () => {
    const p = provider();
    const server = await t.serve(p, ({ params }) => (params.get('verb') === 'GetRecord' ? { kind: 'status', status: 403 } : undefined));
    const { run, notices } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_FORBIDDEN');
    expect(notices.some((m) => m.includes('set aside'))).toBe(false);
  });

  it('fails the run, keeping a checkpoint, when the repository stops answering altogether', async () => {
    const p = provider();
    // The first identifiers page and its records come through; then nothing does.
    const server = await t.serve(p, ({ params }) => (server.requests.filter((r) => r.params.get('verb') === 'GetRecord').length > 9 && params.get('verb') !== 'ListIdentifiers' ? { kind: 'status', status: 503 } : undefined));
    const { run } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(t.catalogue.getCheckpoint('one')?.token).toBeTruthy();
    expect(live().size).toBe(9);
  });
});
