// The API's routes as data: path, summary, and the JSON Schemas of their parameters. The app
// registers them with fastify (ajv validates requests against them) and the OpenAPI document is
// generated from the same table, so docs and validation cannot drift apart. Pure: no I/O.

import { EXPORT_FORMATS } from '../export/formats.js';
import { DCMI_TYPES, DEFAULT_LIMIT, MAX_LIMIT, RIGHTS_CLASSES } from '../search/filters.js';
import { MAX_QUERY_LENGTH } from '../search/query.js';
import { TOTAL_CAP } from '../search/search.js';

export interface JsonSchema {
  [key: string]: unknown;
}

export interface RouteResponse {
  description: string;
  contentType?: string;
  /** A schema for the documentation (responses are not re-serialised through it). */
  schema?: JsonSchema;
}

export interface RouteSpec {
  id: string;
  url: string;
  summary: string;
  description?: string;
  tag: string;
  querystring?: JsonSchema;
  params?: JsonSchema;
  responses: Record<number, RouteResponse>;
}

const stringList = (description: string, items: JsonSchema = { type: 'string', maxLength: 200 }): JsonSchema => ({
  type: 'array',
  items,
  maxItems: 50,
  description: `${description} Repeat the parameter or separate values with commas.`,
});

/** The filters of search and export. */
const FILTERS: Record<string, JsonSchema> = {
  source: stringList('Only these source ids.'),
  type: stringList(`Only these DCMI types (${DCMI_TYPES.join(', ')}).`),
  language: stringList('Only these languages (ISO 639-3 codes, e.g. eng, fra).'),
  from: { type: 'integer', minimum: -9999, maximum: 9999, description: "Records whose year range overlaps from..to (undated records are left out)." },
  to: { type: 'integer', minimum: -9999, maximum: 9999, description: 'See from.' },
  rights: stringList(`Rights class: ${RIGHTS_CLASSES.join(', ')} (open = public domain, CC0, CC BY, CC BY-SA).`),
  media: { type: 'boolean', description: 'true: only records with a media link (isShownBy); false: only those without.' },
  issues: { type: 'boolean', description: 'true: only records with stored issues; false: only those without.' },
};

const Q: JsonSchema = {
  type: 'string',
  maxLength: MAX_QUERY_LENGTH,
  description: 'Words, "quoted phrases", -exclusions, field:value (title:, creator: or author:, subject:, alternative:, description:, publisher:, spatial: or place:), prefix word*. Never a syntax error.',
};

const ERROR: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', example: 'ERR_QUERY_PARAMETER' },
        message: { type: 'string' },
        parameter: { type: 'string', description: 'The parameter at fault (400 only).' },
        hint: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const ID_PARAMS: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 300, description: 'A record id (source:16 hex digits) or cluster id.' } },
  required: ['id'],
};

export const ROUTES: readonly RouteSpec[] = [
  {
    id: 'search',
    url: '/api/search',
    tag: 'search',
    summary: 'Full-text search with filters, facets and cursor paging',
    description: 'One hit per cluster (its best-ranked member and merged view) unless records=true. Sorted by BM25 relevance (title weighs most), then id.',
    querystring: {
      type: 'object',
      properties: {
        q: Q,
        ...FILTERS,
        records: { type: 'boolean', default: false, description: 'One hit per record instead of one per cluster.' },
        facets: { type: 'boolean', default: false, description: 'Also count source, type, language, rights and decade for the query, in the unit of the hits: clusters (a cluster counts once under each value any matching member has, so a count is the total that filtering on the value gives), or records with records=true. Makes total exact.' },
        limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: `Page size (at most ${MAX_LIMIT}).` },
        cursor: { type: 'string', maxLength: 600, description: 'nextCursor of the previous page.' },
      },
      additionalProperties: false,
    },
    responses: {
      200: {
        description: 'A page of hits',
        schema: {
          type: 'object',
          properties: {
            total: { type: 'integer', description: `Matching clusters (records with records=true). Exact when totalExact; past ${TOTAL_CAP.toLocaleString('en')} without facets, a lower bound (at least this many).` },
            totalExact: { type: 'boolean', description: 'false when total is a lower bound (shown as 10,000+); always true with facets=true.' },
            hits: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['cluster', 'record'] }, id: { type: 'string' }, recordId: { type: 'string' }, size: { type: 'integer' }, score: { type: ['number', 'null'] }, record: { $ref: 'https://entente.example/schemas/record.schema.json' }, merged: { type: 'object' } } } },
            nextCursor: { type: ['string', 'null'] },
            facets: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' } } } } },
            match: { type: ['string', 'null'], description: 'The FTS5 expression the query became.' },
          },
        },
      },
      400: { description: 'A bad parameter (named in error.parameter)', schema: ERROR },
    },
  },
  {
    id: 'getRecord',
    url: '/api/records/:id',
    tag: 'records',
    summary: 'One normalised record with its issues, cluster, provenance and a link to the raw original',
    params: ID_PARAMS,
    responses: { 200: { description: 'The record view' }, 404: { description: 'No such record', schema: ERROR } },
  },
  {
    id: 'getRawRecord',
    url: '/api/records/:id/raw',
    tag: 'records',
    summary: 'The original record as the archive served it (XML or JSON), with its real content type',
    params: ID_PARAMS,
    responses: { 200: { description: 'The raw payload', contentType: 'application/xml' }, 404: { description: 'No such record', schema: ERROR } },
  },
  {
    id: 'getCluster',
    url: '/api/clusters/:id',
    tag: 'records',
    summary: 'A cluster: merged view with per-field provenance, members and why each is there, and the member records',
    params: ID_PARAMS,
    responses: { 200: { description: 'The cluster view' }, 404: { description: 'No such cluster', schema: ERROR } },
  },
  {
    id: 'listSources',
    url: '/api/sources',
    tag: 'sources',
    summary: 'Sources with record counts, last run and conformance summary (when a report exists)',
    responses: { 200: { description: 'The sources' } },
  },
  {
    id: 'export',
    url: '/api/export',
    tag: 'export',
    summary: 'Stream records as NDJSON, CSV, JSON-LD (schema.org) or oai_dc XML, with the search filters',
    querystring: {
      type: 'object',
      properties: {
        format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'ndjson', description: 'Output format.' },
        q: Q,
        ...FILTERS,
        bom: { type: 'boolean', default: false, description: 'Start with a UTF-8 byte-order mark (for spreadsheets opening CSV).' },
      },
      additionalProperties: false,
    },
    responses: { 200: { description: 'The records, streamed', contentType: 'application/x-ndjson' }, 400: { description: 'A bad parameter', schema: ERROR } },
  },
  {
    id: 'health',
    url: '/healthz',
    tag: 'service',
    summary: 'Liveness: the catalogue answers',
    responses: { 200: { description: 'ok', schema: { type: 'object', properties: { status: { const: 'ok' }, records: { type: 'integer' }, version: { type: 'string' } } } } },
  },
];

/** Builds the OpenAPI 3.1 document from the route table. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const route of ROUTES) {
    const parameters: unknown[] = [];
    const push = (where: 'query' | 'path', schema: JsonSchema | undefined): void => {
      const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema?.required as string[] | undefined) ?? []);
      for (const [name, s] of Object.entries(props)) {
        const { description, ...rest } = s;
        const explode = rest.type === 'array';
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest, ...(explode ? { style: 'form', explode: true } : {}) });
      }
    };
    push('path', route.params);
    push('query', route.querystring);
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      responses[status] = { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema ?? {} } } };
    }
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { get: { operationId: route.id, tags: [route.tag], summary: route.summary, ...(route.description ? { description: route.description } : {}), parameters, responses } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'entente API',
      version,
      description: 'Read-only access to the shared catalogue: search, records, clusters, sources and exports. Errors are JSON: {"error": {"code", "message", "parameter"?}}.',
    },
    paths,
  };
}
