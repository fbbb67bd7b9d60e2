// Loads and validates the configuration (entente.config.json) against
// schemas/sources.schema.json, applies defaults in one place, and freezes the result.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { EntenteError } from '../errors.js';
import type { EntenteConfig, HttpConfig, IiifConfig, PolitenessConfig, SourceConfig, WorkerConfig } from './types.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/sources.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, useDefaults: false, strict: false });
const validate = ajv.compile(schema);

export const DEFAULT_CONFIG_FILE = 'entente.config.json';

export const DEFAULT_POLITENESS_CONFIG: Readonly<PolitenessConfig> = Object.freeze({ concurrency: 1, minIntervalMs: 0 });
export const DEFAULT_HTTP_CONFIG: Readonly<HttpConfig> = Object.freeze({
  maxResponseBytes: 64 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 120_000,
  retries: 5,
  retryBaseDelayMs: 1000,
  maxRetryAfterMs: 120_000,
});

export const DEFAULT_IIIF_CONFIG: Readonly<IiifConfig> = Object.freeze({ batchSize: 100, maxDepth: 8, objectTypes: ['Manifest'], followSeeAlso: true });

/** `entente worker` defaults (documented in the schema's `worker` descriptions). */
export const DEFAULT_WORKER_CONFIG: Readonly<WorkerConfig> = Object.freeze({
  concurrency: 4,
  stopTimeoutSeconds: 30,
  retries: 3,
  retryBaseDelayMs: 60_000,
  retryMaxDelayMs: 3_600_000,
});

/** One problem in a config: where (JSON path) and what. */
export interface ConfigProblem {
  path: string;
  message: string;
}

function describe(e: ErrorObject): ConfigProblem {
  const path = '$' + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
  switch (e.keyword) {
    case 'required':
      return { path, message: `missing required property "${(e.params as { missingProperty: string }).missingProperty}"` };
    case 'additionalProperties':
      return { path, message: `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}" (check its spelling)` };
    case 'enum':
      return { path, message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { path, message: `${e.message ?? 'does not match'}` };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

/** Validates a parsed config object. Throws ERR_CONFIG_INVALID listing every problem with its JSON path. */
export function parseConfig(input: unknown, file?: string): EntenteConfig {
  if (!validate(input)) {
    const problems = (validate.errors ?? []).map(describe);
    const where = file ? ` in ${file}` : '';
    throw new EntenteError(
      'ERR_CONFIG_INVALID',
      `Invalid configuration${where}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
      { context: { file, problems } },
    );
  }
  const raw = input as {
    contact?: string;
    catalogue?: string;
    defaults?: { politeness?: Partial<PolitenessConfig>; http?: Partial<HttpConfig> };
    worker?: Partial<WorkerConfig>;
    sources: SourceInput[];
  };
  const seen = new Set<string>();
  const sources = raw.sources.map((s, i): SourceConfig => {
    if (seen.has(s.id)) {
      throw new EntenteError('ERR_CONFIG_INVALID', `Invalid configuration: $.sources[${i}].id: "${s.id}" is used by two sources`, {
        context: { file, problems: [{ path: `$.sources[${i}].id`, message: 'duplicate id' }] },
      });
    }
    seen.add(s.id);
    const source = normaliseSource(s, raw.defaults);
    // Schema paths are the config file's, wherever entente runs from.
    if (source.schemas && file) {
      for (const [namespace, path] of Object.entries(source.schemas)) source.schemas[namespace] = resolve(dirname(file), path);
    }
    return source;
  });
  const config: EntenteConfig = {
    contact: raw.contact ?? 'https://github.com/entente-harvester/entente',
    catalogue: raw.catalogue ?? 'data/catalogue.sqlite',
    worker: { ...DEFAULT_WORKER_CONFIG, ...raw.worker },
    sources,
    ...(file ? { file } : {}),
  };
  return deepFreeze(config);
}

/** A source as written in a config file: only id and url are required. */
export type SourceInput = Omit<Partial<SourceConfig>, 'politeness' | 'http' | 'iiif'> & {
  iiif?: Partial<IiifConfig>;
  id: string;
  url: string;
  politeness?: Partial<PolitenessConfig>;
  http?: Partial<HttpConfig>;
};

/** Applies defaults to one source (also used for the ad-hoc `harvest --url` form). */
export function normaliseSource(
  s: SourceInput,
  defaults: { politeness?: Partial<PolitenessConfig>; http?: Partial<HttpConfig> } = {},
): SourceConfig {
  const out: SourceConfig = {
    id: s.id,
    protocol: s.protocol ?? 'oai-pmh',
    url: s.url,
    metadataPrefix: s.metadataPrefix ?? 'oai_dc',
    sets: s.sets ?? [],
    method: s.method ?? 'GET',
    recordsVia: s.recordsVia ?? 'ListRecords',
    incrementalOverlapSeconds: s.incrementalOverlapSeconds ?? 0,
    politeness: { ...DEFAULT_POLITENESS_CONFIG, ...defaults.politeness, ...s.politeness },
    http: { ...DEFAULT_HTTP_CONFIG, ...defaults.http, ...s.http },
    iiif: { ...DEFAULT_IIIF_CONFIG, ...s.iiif, objectTypes: [...(s.iiif?.objectTypes ?? DEFAULT_IIIF_CONFIG.objectTypes)] },
  };
  if (s.pages !== undefined) out.pages = s.pages;
  if (s.mapping !== undefined) out.mapping = s.mapping;
  if (s.schemas !== undefined) out.schemas = { ...s.schemas };
  for (const key of ['name', 'until', 'schedule', 'fullSchedule', 'timezone', 'provider', 'dataProvider'] as const) {
    const v = s[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Reads and validates a config file. */
export function loadConfig(file: string = DEFAULT_CONFIG_FILE): EntenteConfig {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new EntenteError('ERR_CONFIG_NOT_FOUND', `No configuration file at ${path}`, { context: { file: path } });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new EntenteError('ERR_CONFIG_INVALID', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err, context: { file: path } });
  }
  return parseConfig(parsed, path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
