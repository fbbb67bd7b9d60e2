// A record the repository cannot render breaks every list that contains it (a 500 for that page,
// every time). The harvest halves the failing date window until only the broken day is left, sets
// it aside, stores everything else, and fails the run naming that day; the next run asks for that
// day again by itself, while its own 'from' moves on.

import { describe, expect, it } from 'vitest';
import { normaliseSource } from '../../src/config/load-config.js';
import { harvestSource, type HarvestEvent } from '../../src/harvest/harvest-source.js';
import type { OaiProvider } from '../../src/provider/types.js';
import { cli } from '../helpers/cli.js';
import { listsBrokenBy } from '../helpers/fault-server.js';
import { faultServerHarvests } from '../helpers/harvest-env.js';
import { syntheticRecords, syntheticRepository } from '../helpers/synthetic.js';

const t = faultServerHarvests();

const day = (i: number): string => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
/** 90 records, one a day from 2020-01-01, in a repository of day granularity, pages of 10. */
const provider = (): OaiProvider => syntheticRepository(syntheticRecords(90, { datestamp: day }));
/** Breaks every list page holding it (listsBrokenBy); stamped 2020-02-10. */
const POISON = 'oai:synthetic:40';

async function harvest(url: string, signal?: AbortSignal, onNotice?: (message: string) => void) {
  const events: HarvestEvent[] = [];
  const src = normaliseSource({ id: 'split', url, http: { retries: 1, retryBaseDelayMs: 1 } });
  const result = await harvestSource(src, {
    ...t.env(),
    ...(signal ? { signal } : {}),
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'notice') onNotice?.(e.message);
    },
  });
  return { ...result, notices: events.flatMap((e) => (e.type === 'notice' ? [e.message] : [])) };
}

const stored = (): string[] => [...t.catalogue.localIds('split').keys()].sort();
const allBut = (p: OaiProvider, skippedDay: string): string[] =>
  p
    .records()
    .filter((r) => r.datestamp !== skippedDay)
    .map((r) => r.identifier)
    .sort();

/** A first run that sets POISON's day aside; then the archive mends the record. */
async function setAsideThenMended() {
  const p = provider();
  let broken = true;
  const server = await t.serve(p, listsBrokenBy(p, POISON, { broken: () => broken }));
  expect((await harvest(server.url)).run.outcome).toBe('failed');
  broken = false;
  return { p, server, asked: server.requests.length };
}

describe('a list that fails at one record', () => {
  it('is split down to the broken day; everything else is stored and the run fails naming that day', async () => {
    const p = provider();
    const server = await t.serve(p, listsBrokenBy(p, POISON));
    const { run, notices } = await harvest(server.url);

    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_OAI_SKIPPED');
    expect(run.error?.message).toContain('2020-02-10 to 2020-02-10');
    expect(run.error?.message).toContain('HTTP 500');
    expect(stored()).toEqual(allBut(p, '2020-02-10'));
    expect(stored()).toHaveLength(89);
    expect(notices.some((m) => m.includes('harvesting it in two halves'))).toBe(true);
    expect(notices.filter((m) => m.includes('cannot be split further'))).toHaveLength(1);
    // No checkpoint; the next 'from' moves on as after a complete run, and the day set aside is
    // kept for the next run to ask for.
    expect(t.catalogue.getCheckpoint('split')).toBeUndefined();
    expect(t.catalogue.getSource('split')?.nextFrom).toBe(run.responseDate?.slice(0, 10));
    expect(t.catalogue.getSource('split')?.pending).toEqual([expect.objectContaining({ window: { metadataPrefix: 'oai_dc', from: '2020-02-10', until: '2020-02-10' }, code: 'ERR_HTTP_RETRIES_EXHAUSTED' })]);
    // `entente status` says so.
    expect(t.catalogue.sources().find((s) => s.id === 'split')?.setAside).toBe(1);
    const status = await cli('status', '--db', t.catalogue.path, '--config', 'none.json');
    expect(status.out).toContain('split: 1 part(s) set aside (a day or a record the archive could not serve), asked for again by the next run.');
    // The first window runs from the earliest record to the run's start (today): halving it
    // reaches one day in ceil(log2(days)) splits, each costing the failed page twice (one retry)
    // and an Identify, so the requests stay near a hundred, not one list per day.
    const days = Math.ceil((Date.now() - Date.UTC(2020, 0, 1)) / 86_400_000) + 1;
    expect(notices.filter((m) => m.includes('two halves')).length).toBeLessThanOrEqual(Math.ceil(Math.log2(days)));
    expect(server.requests.length).toBeLessThan(150);
  });

  it('gets the skipped day on the next run once the archive has mended the record', async () => {
    const { p, server, asked } = await setAsideThenMended();
    const { run } = await harvest(server.url);
    // The day set aside, by itself, and what changed since the last run (nothing): the days
    // around it are not asked for again.
    expect(run).toMatchObject({ mode: 'incremental', outcome: 'ok' });
    expect(run.counts.seen).toBe(1);
    expect(server.requests.slice(asked).filter((r) => r.params.get('verb') === 'ListRecords').map((r) => [r.params.get('from'), r.params.get('until')])).toEqual([
      ['2020-02-10', '2020-02-10'],
      [expect.any(String), null],
    ]);
    expect(stored()).toEqual(p.records().map((r) => r.identifier).sort());
    expect(stored()).toContain(POISON);
    expect(t.catalogue.getSource('split')?.pending).toEqual([]);
    expect(t.catalogue.sources().find((s) => s.id === 'split')?.setAside).toBe(0);
  });

  it('asks only for the day set aside while it stays broken, not for everything since', async () => {
    const p = provider();
    const server = await t.serve(p, listsBrokenBy(p, POISON));
    expect((await harvest(server.url)).run.outcome).toBe('failed');
    const asked = server.requests.length;
    const { run, notices } = await harvest(server.url);
    expect(run).toMatchObject({ mode: 'incremental', outcome: 'failed', error: { code: 'ERR_OAI_SKIPPED' } });
    expect(run.counts.seen).toBe(0);
    // Identify, the broken day twice (one retry), an Identify to see the repository answers, then
    // the list of what changed since the last run: no split, nothing before or after asked again.
    const lists = server.requests.slice(asked).filter((r) => r.params.get('verb') === 'ListRecords');
    expect(lists.map((r) => r.params.get('from'))).toEqual(['2020-02-10', '2020-02-10', expect.any(String)]);
    expect(notices.some((m) => m.includes('two halves'))).toBe(false);
    expect(server.requests.length - asked).toBeLessThanOrEqual(6);
    expect(t.catalogue.getSource('split')?.pending).toEqual([expect.objectContaining({ window: { metadataPrefix: 'oai_dc', from: '2020-02-10', until: '2020-02-10', pending: true } })]);
    expect(stored()).toEqual(allBut(p, '2020-02-10'));
  });

  it('sets a day asked for again aside when it now fails another way, and harvests what changed', async () => {
    const p = provider();
    let refuse = false;
    const broken = listsBrokenBy(p, POISON);
    const server = await t.serve(p, (request) => {
      // Later, the repository refuses that day outright (badArgument), as strict ones refuse a
      // day before their earliestDatestamp.
      if (refuse && request.params.get('from') === '2020-02-10') return { kind: 'transform', fn: (b) => b.replace(/<ListRecords>[\s\S]*<\/ListRecords>/, '<error code="badArgument">Illegal from</error>') };
      return broken(request);
    });
    expect((await harvest(server.url)).run.outcome).toBe('failed');
    refuse = true;
    p.upsert({ ...p.getRecord('oai:synthetic:3')!, datestamp: p.datestamp() });
    const { run } = await harvest(server.url);
    expect(run).toMatchObject({ outcome: 'failed', error: { code: 'ERR_OAI_SKIPPED' } });
    expect(run.error?.message).toContain('OAI-PMH badArgument: Illegal from');
    // What changed since the last run was harvested all the same.
    expect(run.counts.seen).toBe(1);
    expect(t.catalogue.getSource('split')?.pending).toEqual([expect.objectContaining({ code: 'ERR_OAI_BAD_ARGUMENT', window: expect.objectContaining({ from: '2020-02-10' }) })]);
  });

  it('leaves the days set aside to a full harvest, which asks for everything, and clears them when it ends well', async () => {
    const { p, server, asked } = await setAsideThenMended();
    const src = normaliseSource({ id: 'split', url: server.url, http: { retries: 1, retryBaseDelayMs: 1 } });
    const { run } = await harvestSource(src, { ...t.env(), full: true });
    expect(run).toMatchObject({ mode: 'full', outcome: 'ok' });
    // One list of everything, not the day first.
    expect(server.requests.slice(asked).find((r) => r.params.get('verb') === 'ListRecords')?.params.get('from')).toBeNull();
    expect(stored()).toEqual(p.records().map((r) => r.identifier).sort());
    expect(t.catalogue.getSource('split')?.pending).toEqual([]);
  });

  it('still asks for records stamped before the earliestDatestamp the repository claims', async () => {
    // Identify says 2020-02-01; January's records exist all the same, and one of them (on the
    // list's first page) breaks the list. Halving the whole list must keep its open start open,
    // or January would never be asked for, and the run would end well without it. Below the
    // claimed earliest day there is no bound to halve by: that open window is set aside whole,
    // and the next run asks for it whole again.
    const p = syntheticRepository(syntheticRecords(90, { datestamp: day }), { earliestDatestamp: '2020-02-01' });
    const server = await t.serve(p, listsBrokenBy(p, 'oai:synthetic:5'));
    const { run } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_OAI_SKIPPED');
    expect(run.error?.message).toContain('the earliest record to 2020-02-01');
    expect(stored()).toEqual(p.records().filter((r) => r.datestamp > '2020-02-01').map((r) => r.identifier).sort());
    expect(t.catalogue.getSource('split')?.pending.map((k) => k.window)).toEqual([{ metadataPrefix: 'oai_dc', until: '2020-02-01' }]);
  });

  it('keeps the days set aside through a stop and a resume, and reports them at the end', async () => {
    const p = provider();
    const server = await t.serve(p, listsBrokenBy(p, POISON));
    const stop = new AbortController();
    const first = await harvest(server.url, stop.signal, (m) => {
      if (m.includes('cannot be split further')) stop.abort();
    });
    expect(first.run.outcome).toBe('aborted');
    expect(t.catalogue.getCheckpoint('split')?.plan.skipped).toEqual([expect.objectContaining({ window: { metadataPrefix: 'oai_dc', from: '2020-02-10', until: '2020-02-10' } })]);
    const { run } = await harvest(server.url);
    expect(run.mode).toBe('resume');
    expect(run.error?.code).toBe('ERR_OAI_SKIPPED');
    expect(run.error?.message).toContain('2020-02-10 to 2020-02-10');
    expect(stored()).toEqual(allBut(p, '2020-02-10'));
  });

  it('is not split when the repository stops answering altogether: the run fails as before', async () => {
    const p = provider();
    const server = await t.serve(p, ({ n }) => (n > 1 ? { kind: 'status', status: 500 } : undefined));
    const { run, notices } = await harvest(server.url);
    expect(run.outcome).toBe('failed');
    expect(run.error?.code).toBe('ERR_HTTP_RETRIES_EXHAUSTED');
    expect(notices.some((m) => m.includes('halves'))).toBe(false);
    expect(stored()).toEqual([]);
    // Identify, the list page twice (one retry), then one Identify that fails (retried once).
    expect(server.requests.length).toBeLessThanOrEqual(5);
  });

  it('saves the split plan at once: a run stopped just after a split resumes in the halves', async () => {
    const p = provider();
    let broken = true;
    const server = await t.serve(p, listsBrokenBy(p, POISON, { broken: () => broken }));
    const stop = new AbortController();
    const first = await harvest(server.url, stop.signal, (m) => {
      if (m.includes('two halves')) stop.abort();
    });
    expect(first.run.outcome).toBe('aborted');
    const checkpoint = t.catalogue.getCheckpoint('split');
    // The whole list, halved: its open ends stay open.
    expect(checkpoint?.plan.windows).toEqual([
      { metadataPrefix: 'oai_dc', until: expect.any(String) },
      { metadataPrefix: 'oai_dc', from: expect.any(String) },
    ]);
    broken = false;
    const { run } = await harvest(server.url);
    expect(run.mode).toBe('resume');
    expect(run.outcome).toBe('ok');
    expect(stored()).toEqual(p.records().map((r) => r.identifier).sort());
  });
});
