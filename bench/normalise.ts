// `npm run bench -- normalise`: records/s per metadata format on one core, crosswalk and ajv
// validation included, over the real fixture records (../shared/fixtures/real: OAI-PMH XML, and
// the IIIF manifests and Linked Art objects of json/, already parsed) repeated to at least 50,000
// records per format, plus the synthetic oai_dc records of the harvest benchmark.

import { parseArgs } from 'node:util';
import type { Bench } from './run.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseRecord } from '../dist/normalise/normalise.js';
import { detectJsonFormat, normaliseJsonRecord } from '../dist/normalise/normalise-json.js';
import { crosswalkEntryFor } from '../dist/normalise/crosswalks/registry.js';
import { parseXml, childElements, firstChild, type XmlElement } from '../dist/xml/parse.js';
import { syntheticDc } from '../tests/helpers/synthetic.js';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const FIXTURES = fileURLToPath(new URL('../../shared/fixtures/real/oai-pmh/', import.meta.url));
const JSON_FIXTURES = fileURLToPath(new URL('../../shared/fixtures/real/json/', import.meta.url));

export interface FormatResult {
  format: string;
  sources: number;
  records: number;
  recordsPerSecond: number;
}

/** Metadata roots found in a file: inside OAI records (a whole response or one record), or the file's root itself. */
function metadataRoots(root: XmlElement): XmlElement[] {
  if (root.ns === OAI && root.name === 'record') {
    const md = firstChild(root, OAI, 'metadata');
    const first = md ? childElements(md)[0] : undefined;
    return first ? [first] : [];
  }
  if (root.ns === OAI && root.name === 'OAI-PMH') {
    const out: XmlElement[] = [];
    for (const verb of childElements(root, OAI)) {
      for (const rec of childElements(verb, OAI, 'record')) {
        const md = firstChild(rec, OAI, 'metadata');
        const first = md ? childElements(md)[0] : undefined;
        if (first) out.push(first);
      }
    }
    return out;
  }
  return [root];
}

export function benchNormalise(minRecords = 50_000): FormatResult[] {
  const byFormat = new Map<string, XmlElement[]>();
  const add = (format: string, el: XmlElement): void => {
    const list = byFormat.get(format) ?? [];
    list.push(el);
    byFormat.set(format, list);
  };
  if (existsSync(FIXTURES)) {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'))) {
      let root: XmlElement;
      try {
        root = parseXml(readFileSync(join(FIXTURES, file), 'utf8')).root;
      } catch {
        continue;
      }
      for (const md of metadataRoots(root)) {
        const entry = crosswalkEntryFor(md.ns, md.name);
        if (entry) add(entry.format, md);
      }
    }
  } else process.stderr.write(`  ${FIXTURES} is absent: only the synthetic oai_dc records are measured\n`);
  for (let i = 0; i < 100; i++) add('oai_dc (synthetic)', parseXml(syntheticDc(i)).root);

  const results: FormatResult[] = [];
  // JSON documents (IIIF manifests, Linked Art objects), by the format detectJsonFormat gives them.
  const jsonByFormat = new Map<string, unknown[]>();
  if (existsSync(JSON_FIXTURES)) {
    for (const file of readdirSync(JSON_FIXTURES).filter((f) => f.endsWith('.json'))) {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(join(JSON_FIXTURES, file), 'utf8')) as unknown;
      } catch {
        continue;
      }
      const format = detectJsonFormat(doc);
      if (format !== undefined) jsonByFormat.set(format, [...(jsonByFormat.get(format) ?? []), doc]);
    }
  }
  for (const [format, docs] of jsonByFormat) {
    const n = Math.max(minRecords, docs.length);
    const run = (count: number): number => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        normaliseJsonRecord({
          sourceId: 'bench', localId: `r${i}`, datestamp: '2024-01-01', deleted: false, sets: [], format,
          document: docs[i % docs.length], harvestedAt: '2024-01-01T00:00:00Z',
        });
      }
      return performance.now() - t0;
    };
    run(Math.min(n, 5000)); // warm up
    const ms = run(n);
    results.push({ format, sources: docs.length, records: n, recordsPerSecond: Math.round(n / (ms / 1000)) });
  }
  for (const [format, roots] of byFormat) {
    const n = Math.max(minRecords, roots.length);
    const run = (count: number): number => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        normaliseRecord({
          sourceId: 'bench', localId: `r${i}`, datestamp: '2024-01-01', deleted: false, sets: [], format: 'any',
          metadata: roots[i % roots.length], harvestedAt: '2024-01-01T00:00:00Z',
        });
      }
      return performance.now() - t0;
    };
    run(Math.min(n, 5000)); // warm up
    const ms = run(n);
    results.push({ format, sources: roots.length, records: n, recordsPerSecond: Math.round(n / (ms / 1000)) });
  }
  return results.sort((a, b) => a.format.localeCompare(b.format));
}

export const normaliseBench: Bench = {
  summary: 'records/s per format on one core (--records: at least N per format, default 50000)',
  async run(args) {
    const { values } = parseArgs({ args, options: { records: { type: 'string' } } });
    const min = Number(values.records ?? 50_000);
    process.stderr.write(`bench normalise: at least ${min} records per format, one core, validation included\n`);
    const results = benchNormalise(min);
    const w = Math.max(...results.map((r) => r.format.length), 6);
    process.stdout.write(`${'format'.padEnd(w)}  fixture records  records measured  records/s\n`);
    for (const r of results) process.stdout.write(`${r.format.padEnd(w)}  ${String(r.sources).padStart(15)}  ${String(r.records).padStart(16)}  ${String(r.recordsPerSecond).padStart(9)}\n`);
    return { results };
  },
};
