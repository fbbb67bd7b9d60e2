// One stage of the dedupe speed bench, in its own process so that its peak RSS is its own:
//   load N FILE         generated records (10% of them perturbed copies) into a fresh catalogue
//   rebuild FILE        a full dedupe rebuild
//   incremental K FILE  K new records (10% copies of stored ones) written, then an incremental run
// Prints one JSON line with its figures.

import { openCatalogue } from '../src/catalogue/catalogue.js';
import { dedupeIncremental, dedupeRebuild } from '../src/dedupe/dedupe.js';
import { storeRecords, type DcFields, type RecordToStore } from '../src/dedupe/store-records.js';
import { createRng, generateBase, perturb, toQuickRecord } from '../src/dedupe/synthetic.js';
import type { NormalisedRecord } from '../src/model/record.js';
import { catalogueId } from '../src/normalise/record-id.js';

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time of this process (user + system): on a shared machine, wall time alone misleads. */
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};

function item(source: string, localId: string, fields: DcFields): RecordToStore {
  const record = toQuickRecord(source, localId, catalogueId(source, localId), fields);
  return { localId, payload: JSON.stringify(fields), record };
}

/** Generated records: bases in source `gen`, and `share` of them copied (perturbed) into `copies`. */
function* generated(n: number, seed: number, share: number, prefix: string): Generator<{ source: string; item: RecordToStore }> {
  const rng = createRng(seed);
  let made = 0;
  let k = 0;
  while (made < n) {
    const base = generateBase(rng);
    yield { source: 'gen', item: item('gen', `${prefix}${k}`, base) };
    made++;
    if (made < n && rng() < share / (1 - share)) {
      yield { source: 'copies', item: item('copies', `${prefix}${k}`, perturb(base, rng, 2).fields) };
      made++;
    }
    k++;
  }
}

function fieldsOf(r: NormalisedRecord): DcFields {
  const f: DcFields = { title: r.title.map((t) => t.value) };
  if (r.creator) f.creator = r.creator.map((c) => c.sortName ?? c.name);
  if (r.date) f.date = [r.date.display];
  if (r.type) f.type = r.type.map((t) => t.original ?? t.value);
  return f;
}

async function main(): Promise<void> {
  const [stage, a, b] = process.argv.slice(2);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (stage === 'load') {
    const n = Number(a);
    const c = openCatalogue(b as string);
    // Two sources, written in pages as a harvest would, each page in its own transaction.
    const bySource: Record<string, RecordToStore[]> = { gen: [], copies: [] };
    let count = 0;
    const flush = (source: string): void => {
      storeRecords(c, source, bySource[source] as RecordToStore[], 5000);
      bySource[source] = [];
    };
    for (const g of generated(n, 42, 0.1, 'r')) {
      (bySource[g.source] as RecordToStore[]).push(g.item);
      if ((bySource[g.source] as RecordToStore[]).length >= 20_000) flush(g.source);
      if (++count % 100_000 === 0) process.stderr.write(`  loaded ${count}\n`);
    }
    flush('gen');
    flush('copies');
    c.close();
    process.stdout.write(JSON.stringify({ stage, records: count, wallMs: Math.round(performance.now() - t0), peakRssMb: peakRssMb() }) + '\n');
  } else if (stage === 'rebuild') {
    const c = openCatalogue(a as string);
    const stats = dedupeRebuild(c, { onProgress: (phase, done, total) => process.stderr.write(`  ${phase} ${done}${total ? `/${total}` : ''}\n`) });
    c.close();
    process.stdout.write(JSON.stringify({ stage, wallMs: Math.round(performance.now() - t0), dedupeMs: stats.ms, cpuMs: cpuMs(cpu0), peakRssMb: peakRssMb(), stats }) + '\n');
  } else if (stage === 'incremental') {
    const k = Number(a);
    const c = openCatalogue(b as string);
    const rng = createRng(7);
    const max = (c.db.prepare('SELECT MAX(rowid) AS m FROM records').get() as { m: number }).m;
    const pick = c.db.prepare<[number], { record: string }>('SELECT record FROM records WHERE rowid = ?');
    const items: RecordToStore[] = [];
    for (let i = 0; items.length < k / 10; i++) {
      const row = pick.get(1 + Math.floor(rng() * max));
      if (row) items.push(item('late', `dup${i}`, perturb(fieldsOf(JSON.parse(row.record) as NormalisedRecord), rng, 2).fields));
    }
    for (const g of generated(k - items.length, 99, 0, 'new')) items.push(item('late', g.item.localId, fieldsOf(g.item.record)));
    storeRecords(c, 'late', items, 1000);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const stats = dedupeIncremental(c);
    const ms = performance.now() - t1;
    const cpu = cpuMs(cpu1);
    c.close();
    process.stdout.write(JSON.stringify({ stage, records: k, incrementalMs: Math.round(ms), incrementalCpuMs: cpu, peakRssMb: peakRssMb(), stats }) + '\n');
  } else {
    throw new Error(`unknown stage ${stage}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
