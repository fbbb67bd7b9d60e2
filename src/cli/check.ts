// `entente check`: checks an endpoint (an OAI-PMH base URL, a IIIF URL, or a configured source of
// any protocol) for protocol conformance and record quality; prints the report (text or JSON),
// writes it as HTML, stores it for a configured source. Parses flags, calls src/conformance, renders.

import { writeFileSync } from 'node:fs';
import { openCatalogue } from '../catalogue/catalogue.js';
import { loadConfig, normaliseSource, DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import type { SourceConfig } from '../config/types.js';
import { EntenteError } from '../errors.js';
import { createHttpClient } from '../http/client.js';
import { checkEndpoint, checkJsonSource } from '../conformance/check-endpoint.js';
import type { CheckProgress } from '../conformance/oai-pmh-check.js';
import { renderHtmlReport } from '../conformance/render-html.js';
import { renderTextReport } from '../conformance/render-text.js';
import { exitCodeFor } from '../conformance/report.js';
import { saveReport } from '../conformance/store.js';
import { parseSchemaOption, type SuppliedSchema } from '../conformance/xsd.js';
import { resolveDbPath } from './catalogue-path.js';
import { printError, type Io } from './output.js';

export interface CheckCommandOptions {
  source?: string;
  config?: string;
  db?: string;
  format?: string[];
  sample?: number;
  all?: boolean;
  json?: boolean;
  html?: string;
  failOn?: 'error' | 'warning';
  /** `--schema NAMESPACE=FILE` values (repeatable); commander's --no-schema gives false. */
  schema?: boolean | string[];
  quiet?: boolean;
  /** For a bare URL: oai-pmh (default), iiif-discovery or iiif-collection. */
  protocol?: 'oai-pmh' | 'iiif-discovery' | 'iiif-collection';
}

/** A one-line live status on a terminal (stderr); nothing otherwise. */
function progressLine(io: Io, quiet: boolean): { update: (p: CheckProgress) => void; done: () => void } {
  if (quiet || !io.isTTY) return { update() {}, done() {} };
  let last = 0;
  let phase = '';
  return {
    update(p) {
      // A new phase is always shown; counts within a phase at most ten times a second.
      const t = performance.now();
      if (p.phase === phase && t - last < 100) return;
      last = t;
      phase = p.phase;
      const count = p.records !== undefined ? ` ${p.records}${p.total !== undefined ? `/${p.total}` : ''} records` : '';
      io.err(`\r\x1b[2Kchecking: ${p.phase}${count}`);
    },
    done() {
      io.err('\r\x1b[2K');
    },
  };
}

export async function checkCommand(url: string | undefined, options: CheckCommandOptions, io: Io): Promise<number> {
  if ((url === undefined) === (options.source === undefined)) {
    io.err('error: give either a base URL or --source ID (see `entente check --help`)\n');
    return 2;
  }
  let target = url as string;
  let formats = options.format ?? [];
  let contact: string | undefined;
  let dbPath: string | undefined;
  let politeness: { concurrency?: number; minIntervalMs?: number } = {};
  let jsonSource: SourceConfig | undefined;
  let schemas: SuppliedSchema[] = [];
  try {
    // Malformed NAMESPACE=FILE is a usage error; the files themselves are compiled by checkEndpoint before any request.
    if (Array.isArray(options.schema)) schemas = options.schema.map(parseSchemaOption);
    if (options.source !== undefined) {
      const config = loadConfig(options.config ?? DEFAULT_CONFIG_FILE);
      const source = config.sources.find((s) => s.id === options.source);
      if (!source) {
        throw new EntenteError('ERR_SOURCE_UNKNOWN', `No source "${options.source}" in ${config.file ?? 'the configuration'} (known: ${config.sources.map((s) => s.id).join(', ') || 'none'})`, {
          context: { source: options.source },
        });
      }
      if (source.protocol !== 'oai-pmh') jsonSource = source;
      // The source's configured schemas, unless --schema names the same namespace. JSON sources
      // have no XML to validate: their schemas are not even compiled.
      if (source.schemas && options.schema !== false && source.protocol === 'oai-pmh') {
        const given = new Set(schemas.map((s) => s.namespace));
        const configured = Object.entries(source.schemas).filter(([namespace]) => !given.has(namespace));
        schemas = [...configured.map(([namespace, file]) => ({ namespace, file })), ...schemas];
      }
      target = source.url;
      if (formats.length === 0) formats = [source.metadataPrefix];
      contact = config.contact;
      politeness = { concurrency: source.politeness.concurrency, minIntervalMs: source.politeness.minIntervalMs };
      dbPath = resolveDbPath(options.db, config);
    }
    try {
      new URL(target);
    } catch {
      throw new EntenteError('ERR_CONFIG_INVALID', `Not a valid URL: ${target}`, { context: { url: target } });
    }
    if (options.source === undefined && options.protocol !== undefined && options.protocol !== 'oai-pmh') {
      jsonSource = normaliseSource({ id: new URL(target).hostname.replace(/[^a-z0-9]+/gi, '-').toLowerCase() || 'check', url: target, protocol: options.protocol });
    }
  } catch (err) {
    printError(io, err);
    return 2;
  }

  const http = createHttpClient({ ...(contact ? { contact } : {}), ...politeness });
  const progress = progressLine(io, options.quiet ?? false);
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const common = {
      ...(options.sample !== undefined ? { sampleSize: options.sample } : {}),
      all: options.all ?? false,
      ...(schemas.length ? { schemas } : {}),
      http,
      signal: abort.signal,
      onProgress: progress.update,
    };
    const report = jsonSource
      ? await checkJsonSource({ source: jsonSource, ...common })
      : await checkEndpoint({
          url: target,
          ...(options.source !== undefined ? { sourceId: options.source } : {}),
          formats: formats.length ? formats : ['oai_dc'],
          schemaValidation: options.schema !== false,
          ...common,
        });
    progress.done();
    if (options.html) {
      try {
        writeFileSync(options.html, renderHtmlReport(report));
      } catch (err) {
        throw new EntenteError('ERR_CHECK_OUTPUT', `Could not write ${options.html}: ${(err as Error).message}`, { cause: err, context: { file: options.html } });
      }
    }
    if (dbPath !== undefined && options.source !== undefined) {
      const catalogue = openCatalogue(dbPath);
      try {
        saveReport(catalogue.db, options.source, report);
      } finally {
        catalogue.close();
      }
    }
    io.out(options.json ? JSON.stringify(report, null, 2) + '\n' : renderTextReport(report));
    if (!options.json) {
      if (options.html) io.out(`HTML report: ${options.html}\n`);
      if (dbPath !== undefined) io.out(`Report stored in ${dbPath} (shown by \`entente status\`).\n`);
    }
    return exitCodeFor(report, options.failOn ?? 'error');
  } catch (err) {
    progress.done();
    printError(io, err);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    await http.close();
  }
}
