// One ceiling stage of the harvest benchmark, in its own process (see harvest.ts; the end-to-end
// stage is harvest-cli-stage.mjs). Prints one JSON line.

import { XMLParser } from 'fast-xml-parser';
// The shipped code (dist/, built by `npm run bench`), so workers run compiled JavaScript as users get it.
import { createHttpClient } from '../dist/index.js';
import { processListPage } from '../dist/harvest/process-page.js';
import { buildRequestUrl } from '../dist/protocols/oai-pmh/request.js';
import { scanResumptionToken } from '../dist/protocols/oai-pmh/response.js';
import { saxesTree } from '../tests/helpers/saxes-tree.js';

const [stage, url, argsJson] = process.argv.slice(2) as [string, string, string];
const args = JSON.parse(argsJson) as { records: number; dir: string; workers?: number };

async function fetchAll(): Promise<Buffer[]> {
  const http = createHttpClient();
  const pages: Buffer[] = [];
  let token: string | undefined;
  do {
    const res = await http.fetch(buildRequestUrl(url, 'ListRecords', token ? { resumptionToken: token } : { metadataPrefix: 'oai_dc' }));
    pages.push(res.body);
    token = scanResumptionToken(res.body.toString('latin1', Math.max(0, res.body.length - 4096))) || undefined;
  } while (token);
  await http.close();
  return pages;
}

async function main(): Promise<void> {
  let note: string | undefined;
  let records = args.records;
  let pages: Buffer[] = [];
  if (stage.startsWith('parse')) pages = await fetchAll(); // loaded before the clock starts
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (stage === 'fetch-only') {
    records = args.records;
    note = `${(await fetchAll()).length} pages fetched, not parsed`;
  } else if (stage === 'parse-only') {
    // Parse, read records, normalise, validate, hash and compress: everything but the store, one core.
    let n = 0;
    for (const body of pages) n += processListPage({ body, contentType: 'text/xml', status: 200, url, sourceId: 'bench', metadataPrefix: 'oai_dc', harvestedAt: '2026-01-01T00:00:00Z' }).records.length;
    records = n;
    note = 'entente scanner + crosswalk + validation, one core';
  } else if (stage === 'parse-fast-xml-parser') {
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, htmlEntities: true });
    for (const body of pages) parser.parse(body.toString('utf8'));
    note = 'fast-xml-parser 5, tree only, one core';
  } else if (stage === 'parse-saxes') {
    for (const body of pages) saxesTree(body.toString('utf8'));
    note = 'saxes tree with namespaces and offsets, one core';
  } else throw new Error(`unknown stage ${stage}`);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result = {
    stage,
    records,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    recordsPerSecond: Math.round(records / (wallMs / 1000)),
    note,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
