// A static IIIF Change Discovery stream for `npm run bench -- json`: N Create activities in pages,
// each pointing at a pre-rendered Presentation 3 manifest, served from memory on 127.0.0.1.
// Prints its collection URL on stdout. Usage: static-discovery-server.ts ACTIVITIES PAGE_SIZE

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const activities = Number(process.argv[2] ?? 50_000);
const pageSize = Number(process.argv[3] ?? 1000);

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0] as string;
  const body = route(path);
  if (body === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/ld+json', 'content-length': String(body.length) });
  res.end(body);
});

let origin = '';
const pages = Math.ceil(activities / pageSize);
const pageBodies: Buffer[] = [];
let collection: Buffer;

function manifest(n: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: `${origin}/iiif/${n}/manifest`,
      type: 'Manifest',
      label: { en: [`Harbour map, sheet ${n}`], nl: [`Havenkaart, blad ${n}`] },
      summary: { en: [`Hand-coloured map of the harbour and its approaches, sheet ${n} of the survey.`] },
      metadata: [
        { label: { en: ['Date'] }, value: { none: [String(1800 + (n % 200))] } },
        { label: { en: ['Creator'] }, value: { none: ['Jansen, Pieter'] } },
        { label: { en: ['Subject'] }, value: { en: ['Harbours', 'Maps'] } },
        { label: { en: ['Language'] }, value: { none: ['nl'] } },
      ],
      requiredStatement: { label: { en: ['Attribution'] }, value: { en: ['Westerhaven Maritime Museum'] } },
      rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
      homepage: [{ id: `https://museum.example.org/objects/${n}`, type: 'Text', format: 'text/html', label: { en: ['Object page'] } }],
      thumbnail: [{ id: `https://images.example.org/iiif/${n}/full/200,/0/default.jpg`, type: 'Image', format: 'image/jpeg' }],
      items: [
        {
          id: `${origin}/iiif/${n}/canvas/1`,
          type: 'Canvas',
          height: 4000,
          width: 3000,
          items: [
            {
              id: `${origin}/iiif/${n}/page/1`,
              type: 'AnnotationPage',
              items: [{ id: `${origin}/iiif/${n}/annotation/1`, type: 'Annotation', motivation: 'painting', body: { id: `https://images.example.org/iiif/${n}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg' }, target: `${origin}/iiif/${n}/canvas/1` }],
            },
          ],
        },
      ],
    }),
  );
}

// Manifests are rendered before the server announces itself: serving must not be the bottleneck.
const manifests: Buffer[] = [];

function route(path: string): Buffer | undefined {
  if (path === '/activity/all-changes') return collection;
  let m = /^\/activity\/page-(\d+)$/.exec(path);
  if (m) return pageBodies[Number(m[1])];
  m = /^\/iiif\/(\d+)\/manifest$/.exec(path);
  if (m) {
    return manifests[Number(m[1])];
  }
  return undefined;
}

server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pageId = (k: number): string => `${origin}/activity/page-${k}`;
  collection = Buffer.from(JSON.stringify({ '@context': 'http://iiif.io/api/discovery/1/context.json', id: `${origin}/activity/all-changes`, type: 'OrderedCollection', totalItems: activities, first: { id: pageId(0), type: 'OrderedCollectionPage' }, last: { id: pageId(pages - 1), type: 'OrderedCollectionPage' } }));
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let k = 0; k < pages; k++) {
    const orderedItems = [];
    for (let i = k * pageSize; i < Math.min(activities, (k + 1) * pageSize); i++) {
      orderedItems.push({ type: 'Create', object: { id: `${origin}/iiif/${i + 1}/manifest`, type: 'Manifest' }, endTime: new Date(start + i * 1000).toISOString() });
    }
    const page: Record<string, unknown> = { '@context': 'http://iiif.io/api/discovery/1/context.json', id: pageId(k), type: 'OrderedCollectionPage', startIndex: k * pageSize, partOf: { id: `${origin}/activity/all-changes`, type: 'OrderedCollection' }, orderedItems };
    if (k > 0) page.prev = { id: pageId(k - 1), type: 'OrderedCollectionPage' };
    if (k < pages - 1) page.next = { id: pageId(k + 1), type: 'OrderedCollectionPage' };
    pageBodies.push(Buffer.from(JSON.stringify(page)));
  }
  for (let n = 1; n <= activities; n++) manifests[n] = manifest(n);
  process.stdout.write(`${origin}/activity/all-changes\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
