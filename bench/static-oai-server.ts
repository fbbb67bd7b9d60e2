// A static OAI-PMH source for benchmarks, run as its own process so that serving costs the
// harvester nothing: N synthetic oai_dc records pre-rendered into pages held in memory.
// Usage: tsx bench/static-oai-server.ts RECORDS PAGE_SIZE  (prints its base URL on stdout)

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticDc } from '../tests/helpers/synthetic.js';

const total = Number(process.argv[2] ?? 100_000);
const pageSize = Number(process.argv[3] ?? 100);
const OAI = 'http://www.openarchives.org/OAI/2.0/';
const head = (verb: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="${OAI}"><responseDate>2026-01-01T00:00:00Z</responseDate><request verb="${verb}">http://127.0.0.1/oai</request>`;

const identify = Buffer.from(
  `${head('Identify')}<Identify><repositoryName>Bench</repositoryName><baseURL>http://127.0.0.1/oai</baseURL><protocolVersion>2.0</protocolVersion>` +
    `<adminEmail>bench@example.org</adminEmail><earliestDatestamp>2020-01-01T00:00:00Z</earliestDatestamp><deletedRecord>persistent</deletedRecord>` +
    `<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>`,
);

const pages: Buffer[] = [];
const pageCount = Math.ceil(total / pageSize);
for (let p = 0; p < pageCount; p++) {
  let body = `${head('ListRecords')}<ListRecords>`;
  for (let i = p * pageSize; i < Math.min(total, (p + 1) * pageSize); i++) {
    body += `<record><header><identifier>oai:bench:${i}</identifier><datestamp>2020-01-01T00:00:00Z</datestamp><setSpec>bench</setSpec></header><metadata>${syntheticDc(i)}</metadata></record>`;
  }
  const last = p === pageCount - 1;
  body += last
    ? `<resumptionToken completeListSize="${total}" cursor="${p * pageSize}"/>`
    : `<resumptionToken completeListSize="${total}" cursor="${p * pageSize}">p${p + 1}</resumptionToken>`;
  body += '</ListRecords></OAI-PMH>';
  pages.push(Buffer.from(body));
}

const server = createServer((req, res) => {
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const verb = params.get('verb');
  let body: Buffer | undefined;
  if (verb === 'Identify') body = identify;
  else if (verb === 'ListRecords') {
    const token = params.get('resumptionToken');
    body = pages[token ? Number(token.slice(1)) : 0];
  }
  if (!body) {
    res.writeHead(400);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/oai\n`);
});
process.on('SIGTERM', () => process.exit(0));
