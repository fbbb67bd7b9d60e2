// `npm run bench -- query [--records N] [--duration S] [--keep FILE]`
// Search, API and export over a catalogue of N synthetic records (written through
// catalogue.writePages, so the search index is written as a harvest writes it), about 12 % of
// them in clusters of two: latency of 200 realistic queries without and with filters and facets, one
// hit per cluster; API requests/s with autocannon against a server in a second process, with the
// search cache off and then on (filled by one pass of the 200 queries first, since they repeat);
// NDJSON export time and peak RSS in a third. Prints figures only.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { openCatalogue, type StoredRecord } from '../src/catalogue/catalogue.js';
import { singletonView, writeClusters, type ClusterRow } from '../src/catalogue/clusters.js';
import { createRng } from '../src/dedupe/synthetic.js';
import type { NormalisedRecord } from '../src/model/record.js';
import type { Bench } from './run.js';

const HERE = new URL('.', import.meta.url).pathname;

const NOUNS = ['letter', 'map', 'view', 'portrait', 'plan', 'survey', 'photograph', 'diary', 'sermon', 'treaty', 'charter', 'atlas', 'herbarium', 'sketch', 'score', 'manuscript', 'print', 'chart', 'poster', 'catalogue', 'ledger', 'journal', 'report', 'engraving', 'woodcut', 'lithograph', 'broadside', 'pamphlet', 'almanac', 'psalter'];
const PLACES = ['Amsterdam', 'Lyon', 'Bristol', 'Gdańsk', 'Sevilla', 'Köln', 'Bergen', 'Porto', 'Trieste', 'Gent', 'Kraków', 'Zürich', 'Praha', 'Dublin', 'Wien', 'Lisboa', 'Málaga', 'Tromsø', 'Łódź', 'Reykjavík', 'Glasgow', 'Leiden', 'Uppsala', 'Bologna', 'Toledo', 'Brno', 'Riga', 'Tartu', 'Vilnius', 'Nantes'];
const ADJ = ['old', 'new', 'great', 'northern', 'southern', 'royal', 'illustrated', 'coloured', 'annotated', 'unfinished', 'private', 'official', 'early', 'late', 'small', 'large'];
const FIRST = ['Anna', 'Jan', 'Marie', 'Pieter', 'Elisabeth', 'Antonín', 'Søren', 'José', 'François', 'Zofia', 'Ingrid', 'Giovanni', 'Hannah', 'Mateusz', 'Åsa', 'Thomas', 'Clara', 'Dmitri', 'Eleni', 'Karl'];
const LAST = ['Blaeu', 'Hollar', 'Merian', 'Speed', 'Mercator', 'Hondius', 'Dvořák', 'Kierkegaard', 'Goya', 'Curie', 'Skłodowska', 'Nansen', 'Verdi', 'Darwin', 'Huxley', 'Annan', 'Talbot', 'Herschel', 'Linné', 'Ørsted', 'Müller', 'Nowak', 'Janssen', 'Rossi', 'García'];
const SUBJECTS = ['Cartography', 'Botany', 'Correspondence', 'Architecture', 'Music', 'Religion', 'Trade', 'Navigation', 'Portraits', 'Topography', 'Natural history', 'Astronomy', 'Medicine', 'Law', 'Education', 'Agriculture', 'Fisheries', 'Railways', 'Theatre', 'War'];
const TYPES = ['Text', 'StillImage', 'Image', 'Text', 'Text', 'StillImage', 'Sound', 'PhysicalObject', 'MovingImage', 'Dataset'] as const;
const LANGS = ['eng', 'fra', 'deu', 'nld', 'lat', 'ita', 'spa', 'pol', 'ces', 'swe', 'dan', 'zxx'];
const RIGHTS = ['http://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/licenses/by/4.0/', 'http://creativecommons.org/licenses/by-nc/4.0/', 'http://rightsstatements.org/vocab/InC/1.0/', undefined];
const SOURCES = ['lindenau-archive', 'westerhaven-maps', 'north-library', 'city-museum', 'university-press'];

/** Picks with a skew towards the start of the list (a crude Zipf): common words are common. */
const skewed = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(list.length * r() ** 2)] as T;

function syntheticRecord(i: number, r: () => number): NormalisedRecord {
  const source = SOURCES[i % SOURCES.length] as string;
  const noun = skewed(r, NOUNS);
  const place = skewed(r, PLACES);
  const creator = `${skewed(r, LAST)}, ${skewed(r, FIRST)}`;
  const year = 1500 + Math.floor(r() * 500);
  const span = r() < 0.2 ? Math.floor(r() * 50) : 0;
  const rights = RIGHTS[Math.floor(r() * RIGHTS.length)];
  const rec: NormalisedRecord = {
    id: `${source}:${i.toString(16).padStart(16, '0')}`,
    source: { id: source, localId: `oai:${source}:${i}`, datestamp: '2024-01-01', format: 'oai_dc', sets: [], harvestedAt: '2026-01-01T00:00:00Z' },
    deleted: false,
    title: [{ value: `${skewed(r, ADJ)} ${noun} of ${place}${r() < 0.3 ? `, ${skewed(r, NOUNS)} ${i % 97}` : ''}`, lang: 'en' }],
    creator: [{ name: creator, sortName: creator }],
    subject: [{ value: skewed(r, SUBJECTS) }, { value: place }],
    description: [{ value: `A ${skewed(r, ADJ)} ${noun} concerning ${skewed(r, SUBJECTS).toLowerCase()} in ${place}, item ${i}, with notes by ${skewed(r, LAST)}.` }],
    date: { display: span ? `${year}-${year + span}` : String(year), earliest: year, latest: year + span },
    type: [{ value: skewed(r, TYPES) }],
    language: [skewed(r, LANGS)],
    publisher: [{ value: `${skewed(r, LAST)} & Co.` }],
    spatial: [{ value: place }],
    identifier: [{ scheme: 'uri', value: `https://${source}.example/item/${i}` }],
    isShownAt: `https://${source}.example/item/${i}`,
    issues: r() < 0.1 ? [{ code: 'DATE_UNPARSEABLE', severity: 'warning', path: '/date', message: 'synthetic' }] : [],
  };
  if (rights) rec.rights = { uri: rights };
  if (r() < 0.3) rec.isShownBy = `https://${source}.example/media/${i}.jpg`;
  return rec;
}

/** Writes N synthetic records, 500 per transaction, through the catalogue's write path. */
function buildCatalogue(path: string, n: number): number {
  const started = performance.now();
  const catalogue = openCatalogue(path);
  const r = createRng(42); // seeded: the same catalogue on every run
  const plan = { mode: 'full' as const, windows: [{ metadataPrefix: 'oai_dc' }], responseDate: null };
  for (const s of SOURCES) catalogue.upsertSource({ id: s, protocol: 'oai-pmh', url: `https://${s}.example/oai`, config: {} });
  const runs = new Map(SOURCES.map((s) => [s, catalogue.startRun({ sourceId: s, mode: 'full', trigger: 'manual', from: null, responseDate: null })]));
  const rawBlob = deflateRawSync(Buffer.from('<record/>'));
  let last = performance.now();
  for (let start = 0; start < n; start += 500 * SOURCES.length) {
    const pages = SOURCES.map((sourceId, s) => {
      const records: StoredRecord[] = [];
      for (let i = start + s; i < Math.min(n, start + 500 * SOURCES.length); i += SOURCES.length) {
        const rec = syntheticRecord(i, r);
        const json = JSON.stringify(rec);
        records.push({
          id: rec.id, localId: rec.source.localId, datestamp: '2024-01-01', deleted: false, sets: [], format: 'oai_dc',
          hash: createHash('sha1').update(json).digest('hex'), rawOffset: 0, rawLength: 9, namespaces: null, record: json,
          issueCount: rec.issues.length, errorCount: 0,
        });
      }
      return { sourceId, runId: runs.get(sourceId) as number, records, rawBlob, checkpoint: { windowIndex: 0, pages: 1, records: records.length }, plan };
    });
    catalogue.writePages(pages);
    if (performance.now() - last > 5000) {
      last = performance.now();
      process.stderr.write(`  ${Math.min(n, start + 500 * SOURCES.length)} records written (${Math.round((start / (last - started)) * 1000)}/s)\n`);
    }
  }
  for (const run of runs.values()) catalogue.finishRun(run, 'ok');
  catalogue.db.exec("INSERT INTO search_text (search_text) VALUES ('optimize')");
  catalogue.close();
  return performance.now() - started;
}

/**
 * Clusters about 12 % of the records in pairs, as dedupe would: two records with the same title
 * from different sources, so a query that finds one member usually finds the other and search
 * must collapse them. Written straight to the cluster tables (the merged view is the first
 * member's own); skipped when the catalogue has clusters already.
 */
function addClusters(path: string): { clusters: number; records: number } {
  const catalogue = openCatalogue(path); // writable: also applies new migrations to a kept catalogue
  const db = catalogue.db;
  const counts = (): { clusters: number; records: number } => ({
    clusters: (db.prepare('SELECT count(*) AS n FROM clusters').get() as { n: number }).n,
    records: (db.prepare('SELECT count(*) AS n FROM cluster_members').get() as { n: number }).n,
  });
  if (counts().clusters === 0) {
    const rows = db.prepare<[], { id: string; source_id: string; record: string; title: string }>(
      "SELECT id, source_id, record, json_extract(record, '$.title[0].value') AS title FROM records WHERE rowid % 10 < 2 ORDER BY title, rowid",
    );
    const out: ClusterRow[] = [];
    let prev: { id: string; source_id: string; record: string; title: string } | undefined;
    for (const row of rows.iterate()) {
      if (prev && prev.title === row.title && prev.source_id !== row.source_id) {
        const [a, b] = prev.id < row.id ? [prev, row] : [row, prev];
        out.push({
          id: a.id, size: 2, merged: singletonView(JSON.parse(a.record) as NormalisedRecord), rules: ['fuzzy'],
          members: [{ recordId: a.id, rule: 'seed', score: 1, linkedTo: null }, { recordId: b.id, rule: 'fuzzy', score: 0.95, linkedTo: a.id }],
        });
        prev = undefined;
      } else prev = row;
    }
    db.transaction(() => writeClusters(db, out, [], new Date().toISOString()))();
  }
  const result = counts();
  catalogue.close();
  return result;
}

interface QuerySpec {
  q?: string;
  filters?: Record<string, string>;
}

/** 200 queries as researchers type them: words, two words, phrases, fields, prefixes, exclusions; a third with filters. */
function queries(): QuerySpec[] {
  const r = createRng(7);
  const out: QuerySpec[] = [];
  for (let i = 0; i < 200; i++) {
    const k = i % 8;
    let q: string;
    if (k === 0) q = skewed(r, NOUNS);
    else if (k === 1) q = `${skewed(r, NOUNS)} ${skewed(r, PLACES)}`;
    else if (k === 2) q = `"${skewed(r, ADJ)} ${skewed(r, NOUNS)}"`;
    else if (k === 3) q = `creator:${skewed(r, LAST)}`;
    else if (k === 4) q = `${skewed(r, NOUNS).slice(0, 4)}*`;
    else if (k === 5) q = `${skewed(r, NOUNS)} -${skewed(r, PLACES)}`;
    else if (k === 6) q = `${skewed(r, LAST)} ${skewed(r, SUBJECTS)}`;
    else q = `title:${skewed(r, PLACES)} ${skewed(r, NOUNS)}`;
    const spec: QuerySpec = { q };
    if (i % 3 === 0) {
      const y = 1500 + Math.floor(r() * 450);
      spec.filters = i % 2 ? { type: skewed(r, TYPES), from: String(y), to: String(y + 50) } : { source: SOURCES[i % SOURCES.length] as string, language: skewed(r, LANGS) };
    }
    out.push(spec);
  }
  return out;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
const round = (ms: number): number => Math.round(ms * 100) / 100;

async function measureLatency(path: string): Promise<Record<string, unknown>> {
  const { createSearcher } = await import('../src/search/search.js');
  const { parseFilters } = await import('../src/search/filters.js');
  const catalogue = openCatalogue(path, { readonly: true });
  const searcher = createSearcher(catalogue.db);
  const specs = queries();
  const out: Record<string, unknown> = {};
  for (const facets of [false, true]) {
    for (const group of ['all', 'without filters', 'with filters'] as const) {
      const chosen = specs.filter((s) => (group === 'all' ? true : group === 'with filters' ? !!s.filters : !s.filters));
      // One warm-up pass, then the measured one.
      for (const s of chosen.slice(0, 20)) searcher.search({ q: s.q ?? '', filters: parseFilters(s.filters ?? {}), facets });
      const times: number[] = [];
      let hits = 0;
      for (const s of chosen) {
        const t0 = performance.now();
        const res = searcher.search({ q: s.q ?? '', filters: parseFilters(s.filters ?? {}), facets });
        times.push(performance.now() - t0);
        hits += res.total;
      }
      times.sort((a, b) => a - b);
      const key = `${facets ? 'facets' : 'no facets'}, ${group}`;
      out[key] = { queries: chosen.length, medianMs: round(pct(times, 0.5)), p99Ms: round(pct(times, 0.99)), maxMs: round(times[times.length - 1] as number), meanTotal: Math.round(hits / chosen.length) };
    }
  }
  catalogue.close();
  return out;
}

/** Runs this file as a child (`--child serve|export`), returning its last stdout line as JSON, plus the child. */
function child(args: string[], onLine?: (line: string) => void): { done: Promise<Record<string, unknown>>; kill: () => void } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'query.ts'), '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    onLine?.(out);
  });
  const done = new Promise<Record<string, unknown>>((resolve, reject) => {
    proc.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (last.startsWith('{')) resolve(JSON.parse(last) as Record<string, unknown>);
      else if (code === 0 || args[0] === 'serve') resolve({});
      else reject(new Error(`child ${args[0]} exited with ${code}`));
    });
  });
  return { done, kill: () => proc.kill('SIGTERM') };
}

async function measureApi(path: string, seconds: number, cacheSize: number): Promise<Record<string, unknown>> {
  let url = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = child(['serve', path, String(cacheSize)], (text) => {
    const m = /listening (\S+)/.exec(text);
    if (m && !url) {
      url = m[1] as string;
      markReady();
    }
  });
  await ready;
  try {
    // Imported by a computed name: autocannon ships no types, and only this bench uses it.
    const moduleName = 'autocannon';
    const { default: autocannon } = (await import(moduleName)) as { default: (opts: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }> };
    const specs = queries();
    const requests = specs.map((s) => ({ method: 'GET', path: `/api/search?${new URLSearchParams({ q: s.q ?? '', ...(s.filters ?? {}) })}` }));
    // With the cache on, one untimed pass fills it first: the figure is then the steady state of a
    // mix that repeats (each of the 200 queries is answered from the cache), not its cold start.
    let warmSeconds: number | null = null;
    if (cacheSize > 0) {
      const t0 = performance.now();
      for (const r of requests) await (await fetch(new URL(r.path, url))).arrayBuffer();
      warmSeconds = round((performance.now() - t0) / 1000);
    }
    const result = await autocannon({ url, connections: 16, duration: seconds, requests });
    return { cache: cacheSize > 0 ? 'on, filled by one pass of the 200 queries first (they repeat)' : 'off', warmSeconds, seconds, connections: 16, requestsPerSecond: Math.round(result.requests.average), total: result.requests.total, latencyP50Ms: result.latency.p50, latencyP99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  } finally {
    server.kill();
  }
}

// --- child processes -------------------------------------------------------------------------

async function childMain(mode: string, path: string): Promise<void> {
  // serve: argv[5] is the search cache size (0 = off).
  if (mode === 'serve') {
    const { buildServer } = await import('../src/server/app.js');
    const app = await buildServer({ dbPath: path, searchCacheSize: Number(process.argv[5] ?? 0) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    process.stdout.write(`listening ${url}\n`);
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
    return;
  }
  // export: NDJSON to /dev/null with back-pressure, as `entente export` does.
  const { createWriteStream } = await import('node:fs');
  const { exportChunks } = await import('../src/export/export.js');
  const catalogue = openCatalogue(path, { readonly: true });
  const out = createWriteStream('/dev/null');
  const t0 = performance.now();
  let bytes = 0;
  let peak = 0;
  const gen = exportChunks(catalogue.db, { format: 'ndjson' });
  let records = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) {
      records = next.value.records;
      break;
    }
    bytes += next.value.length;
    if (!out.write(next.value)) await once(out, 'drain');
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  out.end();
  const ms = performance.now() - t0;
  catalogue.close();
  process.stdout.write(JSON.stringify({ records, seconds: round(ms / 1000), recordsPerSecond: Math.round((records / ms) * 1000), megabytes: Math.round(bytes / 2 ** 20), peakRssMb: Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20) }) + '\n');
}

if (process.argv[2] === '--child') {
  childMain(process.argv[3] as string, process.argv[4] as string).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

export const queryBench: Bench = {
  summary: 'search latency (200 queries, with/without filters and facets), API requests/s (autocannon, second process; search cache off and on), NDJSON export time and RSS (--records N, default 1000000; --duration S, default 10; --keep FILE reuses/keeps the catalogue)',
  async run(args, machine) {
    const { values } = parseArgs({ args, options: { records: { type: 'string' }, duration: { type: 'string' }, keep: { type: 'string' } } });
    const n = Number(values.records ?? 1_000_000);
    const seconds = Number(values.duration ?? 10);
    const dir = mkdtempSync(join(tmpdir(), 'entente-query-bench-'));
    const path = values.keep ?? join(dir, 'catalogue.sqlite');
    try {
      let buildMs: number | null = null;
      if (values.keep && existsSync(path)) process.stderr.write(`bench query: reusing ${path}\n`);
      else {
        process.stderr.write(`bench query: writing ${n} synthetic records on ${machine.cpus} cores...\n`);
        buildMs = buildCatalogue(path, n);
      }
      const clustered = addClusters(path);
      process.stderr.write(`  ${clustered.clusters} clusters of 2 (${clustered.records} records)\n`);
      process.stderr.write('  search latency...\n');
      const latency = await measureLatency(path);
      process.stderr.write(`  API throughput for ${seconds} s, search cache off, then on...\n`);
      const api = await measureApi(path, seconds, 0);
      const apiCached = await measureApi(path, seconds, 500);
      process.stderr.write('  NDJSON export...\n');
      const exported = await child(['export', path]).done;
      const figures = { records: n, clusters: clustered, buildSeconds: buildMs === null ? null : round(buildMs / 1000), indexedPerSecond: buildMs === null ? null : Math.round((n / buildMs) * 1000), latency, api, apiCached, export: exported };
      process.stdout.write(`catalogue: ${n} records${buildMs === null ? '' : `, written and indexed in ${(buildMs / 1000).toFixed(1)} s`}, ${clustered.clusters} clusters of 2 (${clustered.records} records)\n`);
      process.stdout.write('search latency (in process):\n');
      for (const [k, v] of Object.entries(latency) as [string, { queries: number; medianMs: number; p99Ms: number; maxMs: number; meanTotal: number }][]) {
        process.stdout.write(`  ${k.padEnd(30)} ${String(v.queries).padStart(3)} queries  median ${String(v.medianMs).padStart(7)} ms  p99 ${String(v.p99Ms).padStart(8)} ms  max ${String(v.maxMs).padStart(8)} ms  mean hits ${v.meanTotal}\n`);
      }
      for (const [label, a] of [['API, cache off', api], ['API, cache on ', apiCached]] as const) {
        process.stdout.write(`${label}: ${a.requestsPerSecond} requests/s over ${seconds} s (16 connections), p50 ${a.latencyP50Ms} ms, p99 ${a.latencyP99Ms} ms, non-2xx ${a.non2xx}${a.warmSeconds === null ? '' : ` (after a ${a.warmSeconds} s pass filling the cache)`}\n`);
      }
      process.stdout.write(`export NDJSON: ${exported.records} records in ${exported.seconds} s (${exported.recordsPerSecond}/s), ${exported.megabytes} MB, peak RSS ${exported.peakRssMb} MB\n`);
      return figures;
    } finally {
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
