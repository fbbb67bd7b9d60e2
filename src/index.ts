// entente as a library: the OAI-PMH client on its own, the whole harvest into a catalogue, and
// what is built on the catalogue (dedupe, search, exports). Everything exported here is typed and
// documented; nothing else is public.

import { createOaiClient, type ListArgs, type OaiClientOptions } from './protocols/oai-pmh/client.js';
import type { OaiRecord } from './protocols/oai-pmh/records.js';

export { EntenteError, ERROR_CODES, type ErrorCode, type ErrorKind, type ErrorContext } from './errors.js';
export { createHttpClient, type HttpClient, type HttpOptions, type HttpResponse, type FetchOptions } from './http/client.js';
export { withRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retry.js';
export { createOaiClient, type OaiClient, type OaiClientOptions, type OaiPage, type ListArgs } from './protocols/oai-pmh/client.js';
export { OaiError, isOaiError, type OaiErrorCode } from './protocols/oai-pmh/errors.js';
export type { OaiRecord, OaiHeader } from './protocols/oai-pmh/records.js';
export type { Identify, MetadataFormat, OaiSet, Granularity } from './protocols/oai-pmh/verbs.js';
export { parseXml, type XmlElement, type XmlNode, type ParsedXml } from './xml/parse.js';
export { normaliseRecord, type NormaliseInput } from './normalise/normalise.js';
export type { NormalisedRecord } from './model/record.js';
export type { Issue, RawRecord, Checkpoint, HarvestRun, HarvestWindow, RunCounts } from './model/types.js';
export { openCatalogue, type Catalogue, type StoredRecord } from './catalogue/catalogue.js';
export { loadConfig, parseConfig, normaliseSource } from './config/load-config.js';
export type { EntenteConfig, SourceConfig } from './config/types.js';
export { harvestSource, type HarvestOptions, type HarvestProgress, type HarvestEvent, type HarvestResult } from './harvest/harvest-source.js';
export { createPagePool, type PagePool } from './harvest/page-pool.js';
export { normaliseJsonRecord, detectJsonFormat, type JsonNormaliseInput, type JsonFormat } from './normalise/normalise-json.js';
export { dedupeIncremental, dedupeRebuild } from './dedupe/dedupe.js';
export type { DedupeStats, ClusterView } from './dedupe/types.js';
export { clusterOf, getCluster } from './catalogue/clusters.js';
export { createSearcher, type Searcher, type SearchRequest, type SearchResult, type SearchHit, type Facets } from './search/search.js';
export { exportChunks } from './export/export.js';
// The API server (fastify), the worker (pino, prom-client) and the checker are entry points of
// their own, so importing the harvester does not load them: 'entente/server', 'entente/worker',
// 'entente/check'.
export type { ConformanceReport, ReportSummary } from './conformance/types.js';

/**
 * Every record of a repository's list, with retries, politeness and typed errors; no catalogue.
 *
 * @example
 * for await (const record of oaiRecords('https://example.org/oai', { metadataPrefix: 'oai_dc', set: 'maps' })) {
 *   console.log(record.header.identifier, record.header.deleted);
 * }
 */
export async function* oaiRecords(baseUrl: string, args: ListArgs, options: Omit<OaiClientOptions, 'baseUrl'> = {}): AsyncGenerator<OaiRecord> {
  const client = createOaiClient({ ...options, baseUrl });
  try {
    yield* client.records(args);
  } finally {
    await client.close();
  }
}
