// `harvest SOURCE --record ID`: named records fetched again with GetRecord and stored the whole
// way, outside the source's incremental state. Against a real loopback repository and a real
// catalogue: the records change, the next 'from', an interrupted harvest's checkpoint and the
// scheduler's last success do not; records that cannot be had are named, the others kept.

import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { normaliseSource } from '../../src/config/load-config.js';
import { harvestSource } from '../../src/harvest/harvest-source.js';
import { createSchedulerStore } from '../../src/scheduler/store.js';
import { cli } from '../helpers/cli.js';
import { faultServerHarvests } from '../helpers/harvest-env.js';
import { NOTHING_LISTENS } from '../helpers/listen.js';
import { syntheticDc, syntheticRecords, syntheticRepository } from '../helpers/synthetic.js';
import { tempDir } from '../helpers/tmp.js';

const t = faultServerHarvests();

const source = (url: string) => normaliseSource({ id: 'one', url, http: { retries: 1, retryBaseDelayMs: 1 } });
const titleOf = (localId: string): string | undefined => {
  const row = t.catalogue.db.prepare<[string], { record: string }>("SELECT record FROM records WHERE source_id = 'one' AND local_id = ?").get(localId);
  return row ? (JSON.parse(row.record) as { title: { value: string }[] }).title[0]?.value : undefined;
};
const deleted = (localId: string): number | undefined =>
  t.catalogue.db.prepare<[string], { deleted: number }>("SELECT deleted FROM records WHERE source_id = 'one' AND local_id = ?").get(localId)?.deleted;

describe('harvesting named records', () => {
  it('stores them again and leaves the next from, a checkpoint and the last success alone', async () => {
    const p = syntheticRepository(syntheticRecords(25));
    const server = await t.serve(p);
    const first = await harvestSource(source(server.url), t.env());
    expect(first.run.outcome).toBe('ok');
    const before = t.catalogue.getSource('one');
    expect(before?.nextFrom).toBeTruthy();
    const lastSuccess = createSchedulerStore(t.catalogue.db).lastSuccessAt('one');
    const summaryBefore = t.catalogue.sources().find((s) => s.id === 'one');
    // An interrupted harvest of the source left a checkpoint.
    const interrupted = t.catalogue.startRun({ sourceId: 'one', mode: 'incremental', trigger: 'manual', from: before!.nextFrom, responseDate: null });
    const plan = { mode: 'incremental' as const, responseDate: null, windows: [{ metadataPrefix: 'oai_dc' }] };
    t.catalogue.saveCheckpoint('one', interrupted, plan, { windowIndex: 0, token: 'tok-7', pages: 3, records: 30 });
    const checkpoint = t.catalogue.getCheckpoint('one');

    // The archive mends record 5 and withdraws record 7, keeping their datestamps.
    const five = p.getRecord('oai:synthetic:5')!;
    p.upsert({ ...five, metadata: { oai_dc: syntheticDc(5).replace(/(<dc:title[^>]*>)[^<]*</, '$1Mended title<') } });
    p.markDeleted('oai:synthetic:7', p.getRecord('oai:synthetic:7')!.datestamp);
    const asked = server.requests.length;

    const { run } = await harvestSource(source(server.url), { ...t.env(), records: ['oai:synthetic:5', 'oai:synthetic:7', 'oai:synthetic:5'] });
    expect(run).toMatchObject({ mode: 'records', outcome: 'ok' });
    // A record that becomes a tombstone counts as updated and as deleted, as in any harvest.
    expect(run.counts).toMatchObject({ seen: 2, updated: 2, deleted: 1, new: 0 });
    // Identify, then one GetRecord per identifier (the repeated one asked once), nothing listed.
    expect(server.requests.slice(asked).map((r) => `${r.params.get('verb')} ${r.params.get('identifier') ?? ''}`.trim())).toEqual([
      'Identify',
      'GetRecord oai:synthetic:5',
      'GetRecord oai:synthetic:7',
    ]);
    expect(titleOf('oai:synthetic:5')).toBe('Mended title');
    expect(deleted('oai:synthetic:7')).toBe(1);
    expect(t.catalogue.getSource('one')?.nextFrom).toBe(before!.nextFrom);
    expect(t.catalogue.db.prepare("SELECT last_complete_run FROM sources WHERE id = 'one'").pluck().get()).toBe(first.run.id);
    expect(t.catalogue.getCheckpoint('one')).toEqual(checkpoint);
    // Status shows the source's harvests: the records run is in the run history only.
    expect(t.catalogue.sources().find((s) => s.id === 'one')?.lastRun?.id).toBe(interrupted);
    expect(t.catalogue.runs('one', 1)[0]?.id).toBe(run.id);
    expect(createSchedulerStore(t.catalogue.db).lastSuccessAt('one')).toEqual(lastSuccess);
    expect(t.catalogue.sources().find((s) => s.id === 'one')?.lastSuccess).toBe(summaryBefore?.lastSuccess);
  });

  it('takes a record fetched by name off the parts an earlier run set aside', async () => {
    const p = syntheticRepository(syntheticRecords(10));
    let broken = true;
    const server = await t.serve(p, ({ params }) => (broken && params.get('verb') === 'GetRecord' && params.get('identifier') === 'oai:synthetic:6' ? { kind: 'status', status: 500 } : undefined));
    const viaGetRecord = normaliseSource({ id: 'one', url: server.url, recordsVia: 'GetRecord', http: { retries: 1, retryBaseDelayMs: 1 } });
    expect((await harvestSource(viaGetRecord, t.env())).run.error?.code).toBe('ERR_OAI_SKIPPED');
    expect(t.catalogue.getSource('one')?.pending.map((k) => k.identifier)).toEqual(['oai:synthetic:6']);
    broken = false;
    const { run } = await harvestSource(viaGetRecord, { ...t.env(), records: ['oai:synthetic:6'] });
    expect(run.outcome).toBe('ok');
    expect(t.catalogue.getSource('one')?.pending).toEqual([]);
    expect(t.catalogue.localIds('one').has('oai:synthetic:6')).toBe(true);
  });

  it('names the records it could not fetch, and keeps the others', async () => {
    const p = syntheticRepository(syntheticRecords(10));
    const server = await t.serve(p, ({ params }) => {
      if (params.get('verb') !== 'GetRecord') return undefined;
      if (params.get('identifier') === 'oai:synthetic:3') return { kind: 'status', status: 500 };
      if (params.get('identifier') === 'oai:synthetic:6') return { kind: 'transform', fn: (b) => b.replace(/<GetRecord>[\s\S]*<\/GetRecord>/, '<error code="badArgument">Illegal identifier</error>') };
      return undefined;
    });
    const { run } = await harvestSource(source(server.url), { ...t.env(), records: ['oai:synthetic:2', 'oai:elsewhere:1', 'oai:synthetic:3', 'oai:synthetic:6', 'oai:synthetic:4'] });
    expect(run).toMatchObject({ mode: 'records', outcome: 'failed', error: { code: 'ERR_OAI_RECORDS_UNAVAILABLE' } });
    expect(run.error?.message).toMatch(/^3 of 5 record\(s\) could not be fetched: oai:elsewhere:1: .*\(ERR_OAI_ID_DOES_NOT_EXIST\); oai:synthetic:3: /);
    const unavailable = (run.error?.context as { unavailable: { identifier: string; code: string }[] }).unavailable;
    expect(unavailable.map((u) => u.identifier)).toEqual(['oai:elsewhere:1', 'oai:synthetic:3', 'oai:synthetic:6']);
    expect(unavailable[1]?.code).toMatch(/^ERR_HTTP_/);
    expect(unavailable[2]?.code).toBe('ERR_OAI_BAD_ARGUMENT');
    expect([...t.catalogue.localIds('one').keys()].sort()).toEqual(['oai:synthetic:2', 'oai:synthetic:4']);
    expect(run.counts).toMatchObject({ seen: 2, new: 2 });
    // A failed run of this kind does not move the next 'from' either (there was none).
    expect(t.catalogue.getSource('one')?.nextFrom ?? null).toBeNull();
  });

  it('fails the run, keeping what it fetched, when the repository stops answering altogether', async () => {
    const p = syntheticRepository(syntheticRecords(10));
    let down = false;
    const server = await t.serve(p, ({ params }) => {
      if (params.get('identifier') === 'oai:synthetic:2') down = true;
      return down ? { kind: 'status', status: 503 } : undefined;
    });
    const ids = ['oai:synthetic:1', 'oai:synthetic:2', 'oai:synthetic:3', 'oai:synthetic:4', 'oai:synthetic:5'];
    const { run } = await harvestSource(source(server.url), { ...t.env(), records: ids });
    expect(run).toMatchObject({ mode: 'records', outcome: 'failed' });
    expect(run.error?.code).toMatch(/^ERR_HTTP_/);
    expect([...t.catalogue.localIds('one').keys()]).toEqual(['oai:synthetic:1']);
    // The identifiers after the failure were not each retried against a dead repository.
    const asked = server.requests.map((r) => r.params.get('identifier')).filter(Boolean);
    expect(asked).not.toContain('oai:synthetic:3');
  });

  it('keeps the records fetched before a stop', async () => {
    const p = syntheticRepository(syntheticRecords(10));
    const stop = new AbortController();
    const server = await t.serve(p, ({ params }) => (params.get('identifier') === 'oai:synthetic:3' ? { kind: 'delay', ms: 5000 } : undefined));
    const harvest = harvestSource(source(server.url), { ...t.env(), signal: stop.signal, records: ['oai:synthetic:1', 'oai:synthetic:2', 'oai:synthetic:3', 'oai:synthetic:4'] });
    for (const deadline = Date.now() + 20_000; !server.requests.some((r) => r.params.get('identifier') === 'oai:synthetic:3'); ) {
      if (Date.now() > deadline) throw new Error('oai:synthetic:3 was never asked for');
      await new Promise((r) => setTimeout(r, 10));
    }
    stop.abort();
    const { run } = await harvest;
    expect(run).toMatchObject({ mode: 'records', outcome: 'aborted', error: { code: 'ERR_ABORTED' } });
    expect([...t.catalogue.localIds('one').keys()].sort()).toEqual(['oai:synthetic:1', 'oai:synthetic:2']);
  });

  it('is refused while another process harvests the source, as a records run', async () => {
    const server = await t.serve(syntheticRepository(syntheticRecords(3)));
    // A live process (this test runner's parent) holds the source.
    t.catalogue.db.prepare('INSERT INTO source_locks (source_id, pid, hostname, acquired_at) VALUES (?, ?, ?, ?)').run('one', process.ppid, hostname(), new Date().toISOString());
    t.catalogue.upsertSource({ id: 'one', protocol: 'oai-pmh', url: server.url, config: {} });
    const { run } = await harvestSource(source(server.url), { ...t.env(), records: ['oai:synthetic:1'] });
    expect(run).toMatchObject({ mode: 'records', outcome: 'failed', error: { code: 'ERR_CATALOGUE_LOCKED' } });
    expect(server.requests).toHaveLength(0);
  });

  it("says when a record is outside the source's sets, and stores it all the same", async () => {
    const server = await t.serve(syntheticRepository(syntheticRecords(6)));
    const notices: string[] = [];
    const inSets = normaliseSource({ id: 'one', url: server.url, sets: ['b'] });
    // Odd records are in set a, even ones in set b.
    const { run } = await harvestSource(inSets, { ...t.env(), records: ['oai:synthetic:1', 'oai:synthetic:2'], onEvent: (e) => void (e.type === 'notice' && notices.push(e.message)) });
    expect(run.outcome).toBe('ok');
    expect(notices).toEqual([expect.stringMatching(/^oai:synthetic:1 is in none of the source's sets \(b\): stored all the same/)]);
    expect(t.catalogue.localIds('one').size).toBe(2);
  });

  it('refuses a source that is not OAI-PMH, before any request', async () => {
    const json = normaliseSource({ id: 'one', protocol: 'iiif-collection', url: NOTHING_LISTENS });
    const { run } = await harvestSource(json, { ...t.env(), records: ['https://example.org/iiif/1'] });
    expect(run).toMatchObject({ mode: 'records', outcome: 'failed', error: { code: 'ERR_CONFIG_INVALID' } });
    expect(run.error?.message).toMatch(/OAI-PMH sources only; one is iiif-collection/);
  });
});

describe('entente harvest --record', () => {
  const dir = tempDir();

  it('fetches the records named from one source and reports a records run', async () => {
    const server = await t.serve(syntheticRepository(syntheticRecords(10)));
    const db = dir.file('cli.sqlite');
    const { code, out } = await cli('harvest', '--url', server.url, '--id', 'one', '--db', db, '--json', '--record', 'oai:synthetic:1', '--record', 'oai:synthetic:8');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { sources: { source: string; mode: string; outcome: string; records: number }[] };
    expect(summary.sources).toEqual([expect.objectContaining({ source: 'one', mode: 'records', outcome: 'ok', records: 2 })]);
    expect(server.requests.filter((r) => r.params.get('verb') === 'ListRecords')).toHaveLength(0);
  });

  it('is a usage error with --full, with other than one source, or with a JSON source', async () => {
    const full = await cli('harvest', '--url', NOTHING_LISTENS, '--record', 'oai:x:1', '--full', '--db', dir.file('u.sqlite'));
    expect(full.code).toBe(2);
    expect(full.err).toMatch(/cannot be combined with --full/);
    const config = dir.file('two.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, JSON.stringify({ catalogue: dir.file('two.sqlite'), sources: [{ id: 'a', protocol: 'oai-pmh', url: NOTHING_LISTENS }, { id: 'b', protocol: 'oai-pmh', url: NOTHING_LISTENS }] }));
    const two = await cli('harvest', '--config', config, '--record', 'oai:x:1');
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/--record needs one source .* 2 were selected: a, b/);
    // `--record a b` would take b for a source id: with --url, that is refused rather than ignored.
    const stray = await cli('harvest', '--url', NOTHING_LISTENS, '--record', 'oai:x:1', 'oai:x:2', '--db', dir.file('u.sqlite'));
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/source ids \(oai:x:2\) cannot be named with it \(to fetch several records, repeat --record\)/);
    const json = await cli('harvest', '--url', NOTHING_LISTENS, '--protocol', 'iiif-collection', '--record', 'oai:x:1', '--db', dir.file('u.sqlite'));
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/--record fetches OAI-PMH records by identifier; 127-0-0-1 is iiif-collection/);
  });
});
