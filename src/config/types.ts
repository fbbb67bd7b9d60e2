// Configuration types, mirroring schemas/sources.schema.json (where the defaults and
// descriptions live). Types only.

export interface PolitenessConfig {
  concurrency: number;
  minIntervalMs: number;
}

export interface HttpConfig {
  maxResponseBytes: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
}

/** How an archive publishes (the `protocol` of a source). */
export type Protocol = 'oai-pmh' | 'iiif-discovery' | 'iiif-collection' | 'json-pages';

/** Settings of the iiif-discovery and iiif-collection protocols. */
export interface IiifConfig {
  /** Objects fetched and committed together with their checkpoint. @default 100 */
  batchSize: number;
  /** iiif-collection: how deep sub-collections are followed. @default 8 */
  maxDepth: number;
  /** iiif-discovery: activity object types harvested. @default ['Manifest'] */
  objectTypes: string[];
  /** iiif-discovery: harvest the Linked Art description an object names in `seeAlso` instead of the object. @default true */
  followSeeAlso: boolean;
}

/** How a json-pages API gives its next page. */
export type NextRule =
  | { type: 'body-url'; pointer: string }
  | { type: 'link-header' }
  | { type: 'cursor'; param: string; pointer: string; initial?: string }
  | { type: 'offset'; param: string; limitParam?: string; limit: number; start?: number; total?: string }
  | { type: 'page'; param: string; limitParam?: string; limit: number; start?: number; total?: string; maxPage?: number };

/** json-pages: where the items are and how to page through them. */
export interface PagesConfig {
  items: string;
  id: string;
  datestamp?: string;
  deleted?: string;
  next: NextRule;
  since?: { param: string; format?: 'datetime' | 'date' };
}

/** Where one record field's values come from (see the schema's `mappingValue`). */
export type MappingValue =
  | string
  | {
      path?: string;
      paths?: string[];
      join?: string[];
      separator?: string;
      const?: string;
      languageMap?: boolean;
      lang?: string;
      prefix?: string;
      first?: boolean;
    }
  | MappingValue[];

/** The record fields a json-pages mapping can fill. */
export type MappingField =
  | 'title' | 'alternative' | 'description' | 'subject' | 'creator' | 'contributor' | 'date' | 'type' | 'format'
  | 'language' | 'publisher' | 'spatial' | 'identifier' | 'rights' | 'isShownAt' | 'isShownBy' | 'relation';

/** json-pages: record field to where its values are in an item. */
export type JsonMapping = Partial<Record<MappingField, MappingValue>>;

/** One archive to harvest, with every default applied. */
export interface SourceConfig {
  id: string;
  name?: string;
  protocol: Protocol;
  url: string;
  metadataPrefix: string;
  sets: string[];
  until?: string;
  schedule?: string;
  fullSchedule?: string;
  /** IANA time zone of `schedule` and `fullSchedule` (default: the worker's local zone). */
  timezone?: string;
  provider?: string;
  dataProvider?: string;
  method: 'GET' | 'POST';
  /** OAI-PMH: records from ListRecords pages, or from ListIdentifiers then one GetRecord each. */
  recordsVia: 'ListRecords' | 'GetRecord';
  /** Seconds subtracted from the last run's responseDate for the next incremental 'from'. */
  incrementalOverlapSeconds: number;
  politeness: PolitenessConfig;
  http: HttpConfig;
  /** iiif-discovery and iiif-collection settings (defaults applied for every source). */
  iiif: IiifConfig;
  /** json-pages: paging (required for that protocol). */
  pages?: PagesConfig;
  /** json-pages: item to record mapping. */
  mapping?: JsonMapping;
  /** XML Schema file by namespace for `entente check --source` (absolute once loaded from a file). */
  schemas?: Record<string, string>;
}

/** `entente worker` settings (schemas/sources.schema.json `worker`), defaults applied. */
export interface WorkerConfig {
  /** Harvests at once, across sources. */
  concurrency: number;
  /** Grace period for running harvests on SIGTERM/SIGINT. */
  stopTimeoutSeconds: number;
  /** Retries of a failed run before waiting for the next slot. */
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export interface EntenteConfig {
  contact: string;
  catalogue: string;
  worker: WorkerConfig;
  sources: SourceConfig[];
  /** Where the config was read from, if from a file. */
  file?: string;
}
