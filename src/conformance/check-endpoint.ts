// Checks one endpoint end to end: protocol checks, the record sample and its measurements, the
// report. Wires the I/O (HTTP client, schema validator) to the pure parts; knows no catalogue.

import { createHttpClient, type HttpClient } from '../http/client.js';
import { ERROR_CODES, toEntenteError } from '../errors.js';
import { runOaiChecks, type CheckProgress, type OaiCheckOptions } from './oai-pmh-check.js';
import { analyseRecords, analyseSample } from './record-checks.js';
import { runJsonChecks } from './json-check.js';
import type { SourceConfig } from '../config/types.js';
import { buildReport } from './report.js';
import { createResultCollector } from './results.js';
import type { ConformanceReport, FormatReport } from './types.js';
import { loadSchemaValidator, type SchemaValidator, type SuppliedSchema } from './xsd.js';

export interface CheckEndpointOptions extends Pick<OaiCheckOptions, 'slowMs' | 'maxRetryAfterMs' | 'now' | 'signal' | 'onProgress'> {
  /** The OAI-PMH base URL. */
  url: string;
  /** Config source id, when checking a configured source (shown in the report). */
  sourceId?: string;
  /** metadataPrefixes whose records are sampled. @default ['oai_dc'] */
  formats?: string[];
  /** Records per format. @default 500; `all: true` reads every record. */
  sampleSize?: number;
  all?: boolean;
  /** Validate records against their XML Schemas (bundled, or supplied in `schemas`). @default true */
  schemaValidation?: boolean;
  /**
   * Schemas the archive supplies, one per namespace (overriding a bundled one). Compiled before
   * any request: a bad one rejects with ERR_CHECK_SCHEMA. Ignored when schemaValidation is false.
   */
  schemas?: readonly SuppliedSchema[];
  /** Shared HTTP client (politeness queues); one is created and closed when omitted. */
  http?: HttpClient;
}

export const DEFAULT_SAMPLE_SIZE = 500;

/** What both checks set up before their first request. */
function begin(options: { now?: () => Date; http?: HttpClient; all?: boolean; sampleSize?: number }) {
  const now = options.now ?? (() => new Date());
  return {
    now,
    started: performance.now(),
    checkedAt: now().toISOString(),
    http: options.http ?? createHttpClient(),
    results: createResultCollector(),
    sampleSize: options.all ? undefined : (options.sampleSize ?? DEFAULT_SAMPLE_SIZE),
  };
}

/** Runs the whole check. Resolves to a report even when the endpoint cannot be reached (outcome `unreachable`). */
export async function checkEndpoint(options: CheckEndpointOptions): Promise<ConformanceReport> {
  const { now, started, checkedAt, http, results, sampleSize } = begin(options);
  // Compiling libxml2 (WebAssembly) takes seconds on a busy machine: start it now, alongside the
  // network work, and wait for it only when the records are checked.
  const validatorLoad = options.schemaValidation === false ? undefined : loadSchemaValidator(options.schemas?.length ? { schemas: options.schemas } : {});
  validatorLoad?.catch(() => {});
  try {
    // Supplied schemas are the caller's input: a bad one fails before any request is sent.
    if (validatorLoad && options.schemas?.length) await validatorLoad;
    const outcome = await runOaiChecks(
      {
        http,
        baseUrl: options.url,
        formats: options.formats?.length ? options.formats : ['oai_dc'],
        sampleSize,
        ...(options.slowMs !== undefined ? { slowMs: options.slowMs } : {}),
        ...(options.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: options.maxRetryAfterMs } : {}),
        now,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      results,
    );
    const target: ConformanceReport['target'] = { url: options.url, protocol: 'oai-pmh' };
    if (options.sourceId !== undefined) target.sourceId = options.sourceId;
    if (outcome.identify?.repositoryName) target.repositoryName = outcome.identify.repositoryName;
    const timesMs = outcome.exchanges.filter((e) => !e.networkError).map((e) => e.elapsedMs);

    if (outcome.fatal) {
      const ex = outcome.fatal;
      const fatal = ex.networkError
        ? { code: ex.networkError.code, message: ex.networkError.message, hint: ex.networkError.hint }
        : {
            code: 'ERR_CHECK_NOT_OAI',
            message: `${options.url} did not answer Identify as an OAI-PMH repository (HTTP ${ex.status}${ex.parseError ? `, ${ex.parseError}` : ex.oaiErrors.length ? `, error ${ex.oaiErrors.map((e) => e.code).join(', ')}` : ''})`,
            hint: ERROR_CODES.ERR_CHECK_NOT_OAI.hint,
          };
      return buildReport({ target, checkedAt, durationMs: performance.now() - started, checks: results.results(), timesMs, fatal });
    }

    options.onProgress?.({ phase: 'record checks' });
    const validator: SchemaValidator | undefined = await validatorLoad;
    const formats: FormatReport[] = outcome.samples.map((s) =>
      analyseSample(s, { results, harvestedAt: checkedAt, sourceId: options.sourceId ?? 'check', ...(validator ? { validator } : {}) }),
    );
    return buildReport({
      target,
      checkedAt,
      durationMs: performance.now() - started,
      checks: results.results(),
      formats,
      ...(sampleSize !== undefined ? { sampleSize } : {}),
      timesMs,
    });
  } catch (err) {
    throw toEntenteError(err);
  } finally {
    if (!options.http) await http.close();
  }
}

export interface CheckJsonSourceOptions {
  /** A JSON source (iiif-discovery, iiif-collection, json-pages) with its settings applied. */
  source: SourceConfig;
  sampleSize?: number;
  all?: boolean;
  /**
   * As for checkEndpoint, checked before any request (a bad one rejects with ERR_CHECK_SCHEMA).
   * JSON items are not XML, so no schema judges them; the option is accepted so one call site
   * can serve every protocol.
   */
  schemas?: readonly SuppliedSchema[];
  http?: HttpClient;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: CheckProgress) => void;
}

/** Checks a JSON endpoint: the checks that apply to its protocol, then the record checks. */
export async function checkJsonSource(options: CheckJsonSourceOptions): Promise<ConformanceReport> {
  const { started, checkedAt, http, results, sampleSize } = begin(options);
  const { source } = options;
  const times: number[] = [];
  try {
    // JSON items carry no XML to validate; supplied schemas are still compiled, so a bad one is
    // refused before any request, as for OAI-PMH.
    if (options.schemas?.length) await loadSchemaValidator({ schemas: options.schemas });
    const outcome = await runJsonChecks(
      {
        http: timed(http, times),
        source,
        sampleSize,
        harvestedAt: checkedAt,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      results,
    );
    const target: ConformanceReport['target'] = { url: source.url, protocol: source.protocol, sourceId: source.id };
    if (source.name) target.repositoryName = source.name;
    if (outcome.fatal) {
      const e = outcome.fatal;
      return buildReport({ target, checkedAt, durationMs: performance.now() - started, checks: results.results(), timesMs: times, fatal: { code: e.code, message: e.message, hint: e.hint } });
    }
    const formats = [analyseRecords(outcome.format ?? source.protocol, outcome.format, outcome.entries, { results })];
    return buildReport({ target, checkedAt, durationMs: performance.now() - started, checks: results.results(), formats, ...(sampleSize !== undefined ? { sampleSize } : {}), timesMs: times });
  } catch (err) {
    throw toEntenteError(err);
  } finally {
    if (!options.http) await http.close();
  }
}

/** The same client, recording how long each request took (the JSON adapters do not expose it). */
function timed(http: HttpClient, times: number[]): HttpClient {
  return {
    get hosts() {
      return http.hosts;
    },
    get userAgent() {
      return http.userAgent;
    },
    async fetch(url, fo) {
      const res = await http.fetch(url, fo);
      times.push(res.elapsedMs);
      return res;
    },
    close: () => http.close(),
  };
}
