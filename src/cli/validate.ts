// `entente validate FILE...`: normalise local files (an XML metadata element, an OAI `<record>`, a
// whole OAI-PMH response, or JSON: a IIIF manifest, a Linked Art object, or a list of them) and
// show each record with its issues. No network, no catalogue.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EntenteError, toEntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { detectJsonFormat, normaliseJsonRecord } from '../normalise/normalise-json.js';
import { readRecords, readStandaloneRecord, type OaiRecord } from '../protocols/oai-pmh/records.js';
import { decodeXmlBody, OAI_NS, parseOaiResponse } from '../protocols/oai-pmh/response.js';
import type { OaiVerb } from '../protocols/oai-pmh/request.js';
import { attr, firstChild, parseXml } from '../xml/parse.js';
import type { Io } from './output.js';

const LIST_VERBS: OaiVerb[] = ['ListRecords', 'GetRecord', 'ListIdentifiers'];

/** Every record in one file, normalised. Throws an EntenteError when the file cannot be read or parsed. */
export function validateFile(path: string, options: { format?: string; harvestedAt?: string } = {}): NormalisedRecord[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new EntenteError('ERR_CONFIG_INVALID', `Cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  const { text, replaced } = decodeXmlBody(bytes, undefined);
  const label = basename(path);
  const harvestedAt = options.harvestedAt ?? new Date().toISOString();
  if (/^\s*[[{]/.test(text)) return validateJson(path, text, label, harvestedAt, options.format);
  const parsed = parseXml(text, { label });
  const root = parsed.root;
  const sourceId = 'validate';
  const normalise = (item: OaiRecord, format: string): NormalisedRecord =>
    normaliseRecord({ sourceId, harvestedAt, localId: item.raw.localId, datestamp: item.raw.datestamp, deleted: item.raw.deleted, sets: item.raw.sets, format, metadata: item.metadata, extraIssues: item.issues });

  if (root.name === 'OAI-PMH' && (root.ns === OAI_NS || root.ns === '')) {
    const verb = LIST_VERBS.find((v) => firstChild(root, root.ns, v)) ?? 'ListRecords';
    const response = parseOaiResponse(text, verb, { encodingReplaced: replaced });
    const request = firstChild(root, root.ns, 'request');
    const format = options.format ?? (request ? attr(request, 'metadataPrefix') : undefined) ?? 'oai_dc';
    return readRecords(response, { sourceId, metadataPrefix: format, kind: verb === 'ListIdentifiers' ? 'header' : 'record' }).map((item) => normalise(item, format));
  }
  if (root.name === 'record' && root.ns === OAI_NS) {
    const format = options.format ?? 'oai_dc';
    return [normalise(readStandaloneRecord(parsed, { sourceId, metadataPrefix: format }), format)];
  }
  // A bare metadata element: the file name stands in for the identifier, the validation time for the datestamp.
  const extraIssues = parsed.warnings.map((w) => ({ code: w.code, severity: 'warning' as const, path: '', message: w.message }));
  return [normaliseRecord({ sourceId, harvestedAt, localId: label, datestamp: `${harvestedAt.slice(0, 19)}Z`, deleted: false, sets: [], format: options.format ?? root.name, metadata: root, extraIssues })];
}

/**
 * The records of a JSON file: one document (a IIIF manifest, a Linked Art object), or a list of
 * them. Each is keyed by its own id (else the file name, and its position in a list); the
 * validation time stands in for the datestamp. Throws ERR_JSON_NOT_JSON when the file does not parse.
 */
function validateJson(path: string, text: string, label: string, harvestedAt: string, format: string | undefined): NormalisedRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (err) {
    throw new EntenteError('ERR_JSON_NOT_JSON', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err, context: { url: path } });
  }
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  return documents.map((document, i) => {
    const own = typeof document === 'object' && document !== null ? ((document as Record<string, unknown>)['id'] ?? (document as Record<string, unknown>)['@id']) : undefined;
    const localId = typeof own === 'string' && own.trim() !== '' ? own.trim() : Array.isArray(parsed) ? `${label}#${i + 1}` : label;
    return normaliseJsonRecord({
      sourceId: 'validate',
      localId,
      datestamp: `${harvestedAt.slice(0, 19)}Z`,
      deleted: false,
      sets: [],
      format: format ?? detectJsonFormat(document) ?? 'json',
      harvestedAt,
      document,
      url: path,
    });
  });
}

function renderRecord(r: NormalisedRecord, where: string): string {
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const status = r.deleted ? 'deleted' : errors ? `${errors} error${errors > 1 ? 's' : ''}` : 'valid';
  const lines = [`── ${where} ${r.source.localId} (${status})`];
  const show = (label: string, values: string[] | undefined): void => {
    if (values && values.length) lines.push(`  ${label.padEnd(11)} ${values.join(' | ')}`);
  };
  show('title', r.title.map((t) => t.value + (t.lang ? ` @${t.lang}` : '')));
  show('creator', r.creator?.map((c) => c.name));
  show('date', r.date ? [`${r.date.display}${r.date.edtf ? ` (EDTF ${r.date.edtf})` : ''}`] : undefined);
  show('type', [...new Set(r.type?.map((t) => t.value))]);
  show('language', r.language);
  show('identifier', r.identifier?.map((i) => `${i.scheme}:${i.value}`));
  show('rights', r.rights ? [r.rights.uri ?? r.rights.statement ?? ''] : undefined);
  show('isShownAt', r.isShownAt ? [r.isShownAt] : undefined);
  for (const i of r.issues) lines.push(`  ${i.severity.padEnd(7)} ${i.code} ${i.path || '/'}: ${i.message}`);
  return lines.join('\n') + '\n';
}

export function validateCommand(files: string[], options: { format?: string; json?: boolean }, io: Io): number {
  let anyError = false;
  let unreadable = false;
  for (const file of files) {
    let records: NormalisedRecord[];
    try {
      records = validateFile(file, options.format ? { format: options.format } : {});
    } catch (err) {
      unreadable = true;
      const e = toEntenteError(err);
      io.err(`${file}: ${e.message}\n  code: ${e.code}\n`);
      continue;
    }
    records.forEach((r, i) => {
      if (r.issues.some((x) => x.severity === 'error')) anyError = true;
      io.out(options.json ? JSON.stringify(r) + '\n' : renderRecord(r, `${file}#${i + 1}`));
    });
    if (!options.json && records.length === 0) io.out(`── ${file}: no records\n`);
  }
  return unreadable ? 2 : anyError ? 1 : 0;
}
