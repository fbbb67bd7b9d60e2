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

/** One archive to harvest, with every default applied. */
export interface SourceConfig {
  id: string;
  name?: string;
  protocol: 'oai-pmh';
  url: string;
  metadataPrefix: string;
  sets: string[];
  until?: string;
  schedule?: string;
  fullSchedule?: string;
  provider?: string;
  dataProvider?: string;
  method: 'GET' | 'POST';
  /** Seconds subtracted from the last run's responseDate for the next incremental 'from'. */
  incrementalOverlapSeconds: number;
  politeness: PolitenessConfig;
  http: HttpConfig;
}

export interface EntenteConfig {
  contact: string;
  catalogue: string;
  sources: SourceConfig[];
  /** Where the config was read from, if from a file. */
  file?: string;
}
