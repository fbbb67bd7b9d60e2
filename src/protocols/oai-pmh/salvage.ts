// Reads what can be read from a complete list response that is not well-formed because one of
// its records is broken (raw HTML in a description, an unescaped '&'): each record is parsed on
// its own, the broken ones kept with an error issue, so no neighbour record is lost.
// Pure: no I/O. Used only for complete documents; a truncated one is refetched instead.

import { EntenteError } from '../../errors.js';
import { parseXml } from '../../xml/parse.js';
import { readStandaloneRecord, sha256Hex, type OaiRecord } from './records.js';
import { scanResumptionToken, type ResumptionToken } from './response.js';

export interface SalvagedPage {
  responseDate: string;
  resumptionToken: ResumptionToken | undefined;
  records: OaiRecord[];
}

const COMPLETE = /<\/(?:[\w.-]+:)?OAI-PMH\s*>\s*$/;

/** True when the text ends as an OAI-PMH document ends: the body was received whole. */
export function isCompleteDocument(text: string): boolean {
  return COMPLETE.test(text);
}

/** Namespace declarations on the root start tag, which every record inherits. */
function rootNamespaces(text: string): Record<string, string> {
  const start = /<(?:[\w.-]+:)?OAI-PMH\b([^>]*)>/.exec(text);
  const out: Record<string, string> = {};
  if (!start) return out;
  for (const m of (start[1] ?? '').matchAll(/xmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

/** The `<record>` elements of the list, by tag matching with nesting (MARC records are `record`s too). */
function recordChunks(text: string, qname: string): string[] {
  const chunks: string[] = [];
  const tag = new RegExp(`<(/?)${qname.replace(/[.]/g, '\\.')}(?=[\\s>/])[^>]*?(/?)>`, 'g');
  let depth = 0;
  let start = -1;
  for (const m of text.matchAll(tag)) {
    const closing = m[1] === '/';
    const selfClosing = m[2] === '/';
    if (!closing && !selfClosing) {
      if (depth === 0) start = m.index;
      depth++;
    } else if (closing && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        chunks.push(text.slice(start, m.index + m[0].length));
        start = -1;
      }
    }
  }
  return chunks;
}

function firstText(chunk: string, name: string): string {
  const m = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([^<]*)<`).exec(chunk);
  return (m?.[1] ?? '').trim();
}

/**
 * Salvages a complete ListRecords response that failed to parse. Throws the original error when
 * the envelope itself cannot be read (no records found at all).
 */
export function salvageListRecords(text: string, context: { sourceId: string; metadataPrefix: string }, original: EntenteError): SalvagedPage {
  const namespaces = rootNamespaces(text);
  const prefix = Object.entries(namespaces).find(([, uri]) => uri === 'http://www.openarchives.org/OAI/2.0/')?.[0];
  const qname = prefix ? `${prefix}:record` : 'record';
  const chunks = recordChunks(text, qname);
  if (chunks.length === 0) throw original;
  const records: OaiRecord[] = chunks.map((chunk) => {
    try {
      const item = readStandaloneRecord(parseXml(chunk, { namespaces }), context);
      // The slice inherits the page root's declarations: keep them so the raw record can be re-read.
      if (Object.keys(namespaces).length) item.raw.namespaces = { ...namespaces, ...item.raw.namespaces };
      return item;
    } catch (err) {
      // Kept as served, with what a regex can read of its header, and an error saying why.
      const hash = sha256Hex(chunk);
      const identifier = firstText(chunk, 'identifier') || `urn:entente:no-identifier:${hash.slice(0, 24)}`;
      const deleted = /<(?:[\w.-]+:)?header\b[^>]*status\s*=\s*["']deleted["']/.test(chunk);
      return {
        raw: { sourceId: context.sourceId, localId: identifier, datestamp: firstText(chunk, 'datestamp'), deleted, sets: [], format: context.metadataPrefix, payload: chunk, hash, namespaces },
        header: { identifier, datestamp: firstText(chunk, 'datestamp'), setSpecs: [], deleted },
        metadata: undefined,
        issues: [
          {
            code: 'XML_MALFORMED_RECORD',
            severity: 'error',
            path: '',
            message: `The record is not well-formed XML and could not be read (${(err as Error).message}); its neighbours were kept`,
          },
        ],
      };
    }
  });
  const token = scanResumptionToken(text);
  let resumptionToken: ResumptionToken | undefined;
  if (token !== undefined) {
    const attrs = /<(?:[\w.-]+:)?resumptionToken\b([^>]*)>/.exec(text.slice(Math.max(0, text.lastIndexOf('resumptionToken') - 4096)))?.[1] ?? '';
    const size = /completeListSize\s*=\s*["'](\d+)/.exec(attrs)?.[1];
    resumptionToken = { value: token, ...(size === undefined ? {} : { completeListSize: Number(size) }) };
  }
  return { responseDate: firstText(text, 'responseDate'), resumptionToken, records };
}
