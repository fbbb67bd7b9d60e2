// The HTTP API and web page: a fastify app over a catalogue opened read-only. Routes come from
// routes.ts (validated by fastify's ajv, documented by the generated OpenAPI). No route writes.

import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { openCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { EntenteError, toEntenteError } from '../errors.js';
import { exportChunks } from '../export/export.js';
import { createFormatter, type ExportFormat } from '../export/formats.js';
import { DEFAULT_LIMIT, parseFilters, type RawParams } from '../search/filters.js';
import { createSearcher } from '../search/search.js';
import { readClusterView, readMemberRecords, readRawRecord, readRecordView, readSources } from '../search/views.js';
import { VERSION } from '../version.js';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApi, ROUTES, type RouteSpec } from './routes.js';

export interface ServerOptions {
  /** The catalogue file (opened read-only; migrate it first, as `entente serve` does). */
  dbPath: string;
  /** Folder of the web page (default: web/ of this package). */
  webDir?: URL;
  /** Log requests with pino (default: off). */
  logger?: boolean;
  /**
   * Search responses kept for repeated requests (paging back, facet toggles), dropped as soon as
   * another connection commits to the catalogue (PRAGMA data_version). 0 turns it off.
   * @default 500
   */
  searchCacheSize?: number;
}

const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};
const STATIC_TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** The JSON body of an error response. */
function errorBody(code: string, message: string, extra: { parameter?: string; hint?: string } = {}): { error: Record<string, string> } {
  return { error: { code, message, ...(extra.parameter ? { parameter: extra.parameter } : {}), ...(extra.hint ? { hint: extra.hint } : {}) } };
}

function statusOf(err: EntenteError): number {
  if (err.code === 'ERR_QUERY_PARAMETER') return 400;
  if (err.code === 'ERR_NOT_FOUND') return 404;
  return 500;
}

/** Builds the app (not listening). Close it to close the catalogue. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const catalogue: Catalogue = openCatalogue(options.dbPath, { readonly: true });
  const db = catalogue.db;
  const searcher = createSearcher(db);
  // The searcher memory-maps its connection; exports read in rowid order, which measured slower
  // mapped (1,000,000 records: 8.0 s unmapped, 9.6 s mapped), so they read through their own.
  const exportCatalogue: Catalogue = openCatalogue(options.dbPath, { readonly: true });
  const webDir = options.webDir ?? new URL('../../web/', import.meta.url);
  // The page is three small files: read once, served from memory.
  const statics = new Map(Object.entries(STATIC_FILES).map(([path, file]) => [path, { body: readFileSync(new URL(file, webDir)), type: STATIC_TYPES[file.split('.').pop() as string] as string }]));
  const openApi = buildOpenApi(VERSION);
  const docsPage = renderDocsPage(openApi);

  const app = Fastify({ logger: options.logger ? { level: 'info' } : false, routerOptions: { maxParamLength: 400 } });
  app.addHook('onClose', async () => {
    catalogue.close();
    exportCatalogue.close();
  });
  // Open for reads from any origin: the catalogue is public metadata.
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'] });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) {
      const first = error.validation[0];
      const fromPath = first?.instancePath?.split('/')[1];
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const parameter = fromPath || missing || error.validationContext || 'query';
      return reply.code(400).send(errorBody('ERR_QUERY_PARAMETER', `${parameter}: ${first?.message ?? error.message}`, { parameter }));
    }
    const e = toEntenteError(error);
    const status = error instanceof EntenteError ? statusOf(e) : (error.statusCode ?? 500);
    if (status >= 500) reply.log.error({ err: error }, 'request failed');
    const parameter = typeof e.context.parameter === 'string' ? e.context.parameter : undefined;
    // A 500 says what failed without leaking internals beyond the code and message.
    return reply.code(status).send(errorBody(error instanceof EntenteError ? e.code : status >= 500 ? 'ERR_INTERNAL' : 'ERR_QUERY_PARAMETER', e.message, { ...(parameter ? { parameter } : {}), hint: e.hint }));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}: see /api/docs`));
  });

  const route = (spec: RouteSpec, handler: (request: FastifyRequest, reply: FastifyReply) => unknown): void => {
    app.get(spec.url, { schema: { ...(spec.querystring ? { querystring: spec.querystring } : {}), ...(spec.params ? { params: spec.params } : {}) } }, async (request, reply) => handler(request, reply));
  };
  const spec = (id: string): RouteSpec => ROUTES.find((r) => r.id === id) as RouteSpec;
  const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

  const cacheSize = options.searchCacheSize ?? 500;
  // Response bodies by query, most recently used last; all of them from one data_version.
  const cache = new Map<string, string>();
  let cacheVersion: number | undefined;
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  route(spec('search'), (request, reply) => {
    // The key is the validated query (defaults applied), so equivalent URLs share an entry.
    const key = JSON.stringify(request.query);
    if (cacheSize > 0) {
      // A commit by another connection makes every entry stale at once.
      const version = dataVersion.get() as number;
      if (version !== cacheVersion) {
        cache.clear();
        cacheVersion = version;
      }
      const cached = cache.get(key);
      if (cached !== undefined) {
        cache.delete(key);
        cache.set(key, cached);
        return reply.type('application/json; charset=utf-8').send(cached);
      }
    }
    const q = request.query as RawParams & { q?: string; records?: boolean; facets?: boolean; limit?: number; cursor?: string };
    const body = JSON.stringify(
      searcher.search({
        q: q.q ?? '',
        filters: parseFilters(q),
        records: q.records ?? false,
        facets: q.facets ?? false,
        limit: q.limit ?? DEFAULT_LIMIT,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
    );
    if (cacheSize > 0) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(key, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
  route(spec('getRecord'), (request) => {
    const view = readRecordView(db, idOf(request));
    return { ...view, links: { raw: view.raw.href, cluster: `/api/clusters/${encodeURIComponent(view.cluster.id)}` } };
  });
  route(spec('getRawRecord'), (request, reply) => {
    const raw = readRawRecord(catalogue, idOf(request));
    return reply.type(raw.contentType).send(raw.payload);
  });
  route(spec('getCluster'), (request) => {
    const view = readClusterView(db, idOf(request));
    return { ...view, records: readMemberRecords(db, view.members.map((m) => m.recordId)) };
  });
  route(spec('listSources'), () => ({ sources: readSources(catalogue) }));
  route(spec('export'), (request, reply) => {
    const q = request.query as RawParams & { format?: ExportFormat; q?: string; bom?: boolean };
    const format = q.format ?? 'ndjson';
    const filters = parseFilters(q);
    const formatter = createFormatter(format);
    const chunks = exportChunks(exportCatalogue.db, { format, filters, bom: q.bom ?? false, ...(q.q ? { q: q.q } : {}) });
    // Pull the header now so a bad query fails as a 400 before any byte is sent.
    const first = chunks.next();
    const body = Readable.from(
      (function* () {
        if (!first.done) yield first.value;
        yield* chunks;
      })(),
    );
    return reply
      .type(formatter.contentType)
      .header('content-disposition', `attachment; filename="entente-export.${formatter.extension}"`)
      .send(body);
  });
  const recordCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_meta');
  route(spec('health'), () => ({ status: 'ok', records: recordCount.get()?.n, version: VERSION }));

  app.get('/api/openapi.json', async () => openApi);
  app.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage));
  for (const [path, file] of statics) {
    app.get(path, async (_request, reply) => reply.type(file.type).header('cache-control', 'no-cache').send(file.body));
  }
  return app;
}
