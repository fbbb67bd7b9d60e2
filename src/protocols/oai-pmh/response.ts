// Decodes and parses an OAI-PMH response envelope: responseDate, request, errors, the verb
// element and its resumptionToken. Pure: no I/O.

import { isUtf8 } from 'node:buffer';
import { EntenteError } from '../../errors.js';
import { parseXml, sourceSlice, firstChild, childElements, cleanText, textOf, attr, type ParsedXml, type XmlElement } from '../../xml/parse.js';
import { OaiError } from './errors.js';
import type { OaiVerb } from './request.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

export interface ResumptionToken {
  /** The token; '' on the last page of a list. */
  value: string;
  completeListSize?: number;
  cursor?: number;
  expirationDate?: string;
}

export interface OaiResponse {
  parsed: ParsedXml;
  /** The repository's clock at the time of the response (UTC as sent). */
  responseDate: string;
  /** The verb element (`<ListRecords>`, `<Identify>`, ...); undefined for error responses. */
  body: XmlElement | undefined;
  /** undefined when the response carried none (the end of the list for many repositories). */
  resumptionToken: ResumptionToken | undefined;
  /** True when the text had to be decoded with replacement characters (invalid bytes for its encoding). */
  encodingReplaced: boolean;
}

export interface DecodedBody {
  text: string;
  /** Some bytes were invalid in the encoding and became U+FFFD. */
  replaced: boolean;
  encoding: string;
}

/** A response body's character encoding: BOM first, then the XML declaration, then the Content-Type charset, else UTF-8. */
export function xmlEncodingOf(body: Uint8Array, contentType: string | undefined): string {
  let encoding = 'utf-8';
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) encoding = 'utf-8';
  else if (body[0] === 0xfe && body[1] === 0xff) encoding = 'utf-16be';
  else if (body[0] === 0xff && body[1] === 0xfe) encoding = 'utf-16le';
  else {
    const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 200)).toString('latin1');
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    const fromHeader = /charset\s*=\s*"?([A-Za-z0-9._-]+)/i.exec(contentType ?? '')?.[1];
    encoding = (declared ?? fromHeader ?? 'utf-8').toLowerCase();
  }
  return encoding;
}

/** Decodes a response body in its encoding (see xmlEncodingOf); invalid bytes become U+FFFD and `replaced` says so. */
export function decodeXmlBody(body: Uint8Array, contentType: string | undefined): DecodedBody {
  const encoding = xmlEncodingOf(body, contentType);
  if (encoding === 'utf-8' || encoding === 'utf8') {
    // The common case, measured: isUtf8 (simdutf) plus Buffer#toString decode a page in about a
    // sixth of the time of a fatal TextDecoder. TextDecoder strips a BOM; so does this.
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (isUtf8(buf)) {
      const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      return { text: buf.toString('utf8', start), replaced: false, encoding };
    }
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new EntenteError('ERR_XML_ENCODING', `Unsupported character encoding "${encoding}"`, { context: { encoding } });
  }
  try {
    return { text: decoder.decode(body), replaced: false, encoding };
  } catch {
    // Invalid bytes: keep the page, mark the damage (U+FFFD) and let the records carry an issue.
    return { text: new TextDecoder(encoding).decode(body), replaced: true, encoding };
  }
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

export function readResumptionToken(el: XmlElement): ResumptionToken {
  const token: ResumptionToken = { value: textOf(el).trim() }; // opaque: inner white space kept
  const size = toInt(attr(el, 'completeListSize'));
  const cursor = toInt(attr(el, 'cursor'));
  const expirationDate = attr(el, 'expirationDate');
  if (size !== undefined) token.completeListSize = size;
  if (cursor !== undefined) token.cursor = cursor;
  if (expirationDate) token.expirationDate = expirationDate;
  return token;
}

/** Says what a non-OAI body looks like, for the error message (an HTML error page, JSON, ...). */
function describeNonOai(text: string): string {
  const head = text.slice(0, 2000);
  const title = /<title[^>]*>([^<]{0,120})/i.exec(head)?.[1]?.trim();
  if (/<html[\s>]|<!doctype html/i.test(head)) return `an HTML page${title ? ` ("${title}")` : ''}`;
  if (/^\s*[[{]/.test(head)) return 'a JSON document';
  if (head.trim() === '') return 'an empty body';
  return `a document starting "${head.trim().slice(0, 60)}"`;
}

/**
 * Parses a complete response. Throws:
 * - ERR_XML_MALFORMED (transient) for a truncated or broken body,
 * - ERR_XML_NOT_OAI (transient) for HTML error pages and other non-OAI bodies,
 * - OaiError for an OAI-PMH `<error>` (every code, noRecordsMatch included: the caller decides).
 */
/**
 * Decodes and parses a response body. Valid UTF-8, nearly every page, is parsed in binary mode
 * (see ParseXmlOptions.binary), which spares decoding the whole page; anything else is decoded first.
 */
export function parseOaiResponseBody(body: Uint8Array, contentType: string | undefined, verb: OaiVerb, options: { url?: string } = {}): OaiResponse {
  const encoding = xmlEncodingOf(body, contentType);
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if ((encoding === 'utf-8' || encoding === 'utf8') && isUtf8(buf)) return parseOaiResponse(buf.toString('latin1'), verb, { ...options, binary: true, bytes: buf });
  const decoded = decodeXmlBody(body, contentType);
  return parseOaiResponse(decoded.text, verb, { ...options, encodingReplaced: decoded.replaced });
}

export function parseOaiResponse(text: string, verb: OaiVerb, options: { encodingReplaced?: boolean; url?: string; binary?: boolean; bytes?: Uint8Array } = {}): OaiResponse {
  const context = { url: options.url, verb };
  // For messages: the start of the body as a string, whatever the mode.
  const shown = (): string => (options.binary ? sourceSlice({ text, binary: true }, 0, 4000) : text);
  const trimmed = text.trimStart();
  if (trimmed === '' || (!trimmed.startsWith('<') )) {
    throw new EntenteError('ERR_XML_NOT_OAI', `Expected an OAI-PMH response, got ${describeNonOai(shown())}`, { context });
  }
  let parsed: ParsedXml;
  try {
    parsed = parseXml(text, { binary: options.binary === true, ...(options.bytes ? { bytes: options.bytes } : {}) });
  } catch (err) {
    if (/<html[\s>]|<!doctype html/i.test(text.slice(0, 2000))) {
      throw new EntenteError('ERR_XML_NOT_OAI', `Expected an OAI-PMH response, got ${describeNonOai(shown())}`, { context, cause: err });
    }
    throw err instanceof EntenteError ? err.withContext(context) : err;
  }
  const root = parsed.root;
  // The OAI namespace is required, but PubMed Central served a root without it for years: accept that.
  if (root.name !== 'OAI-PMH' || (root.ns !== OAI_NS && root.ns !== '')) {
    throw new EntenteError('ERR_XML_NOT_OAI', `Expected an OAI-PMH response, got ${root.name === 'html' ? describeNonOai(shown()) : `a <${root.qname}> document`}`, { context });
  }
  const ns = root.ns;
  const responseDate = cleanText(firstChild(root, ns, 'responseDate') ?? root);
  const errors = childElements(root, ns, 'error');
  if (errors.length > 0) {
    const first = errors[0] as XmlElement;
    throw new OaiError(attr(first, 'code') ?? 'unknown', cleanText(first), { ...context, responseDate });
  }
  const body = firstChild(root, ns, verb);
  if (!body) {
    throw new EntenteError('ERR_XML_NOT_OAI', `OAI-PMH response has no <${verb}> element`, { context });
  }
  const tokenEl = firstChild(body, ns, 'resumptionToken');
  return {
    parsed,
    responseDate,
    body,
    resumptionToken: tokenEl ? readResumptionToken(tokenEl) : undefined,
    encodingReplaced: options.encodingReplaced ?? false,
  };
}

/**
 * Finds the resumptionToken of a list response without parsing it, so the next page can be
 * requested while this one is parsed. Only a hint: the full parse confirms it before anything
 * is committed, and a page that fails to parse discards the prefetched one.
 */
export function scanResumptionToken(text: string): string | undefined {
  const at = text.lastIndexOf('resumptionToken');
  if (at === -1) return undefined;
  const from = text.lastIndexOf('<', at);
  const m = /^<(?:[\w.-]+:)?resumptionToken\b[^>]*?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?resumptionToken\s*>)/.exec(text.slice(from, from + 4096));
  if (!m) {
    // The last mention may be the closing tag.
    const open = text.lastIndexOf('<', from - 1);
    const m2 = /^<(?:[\w.-]+:)?resumptionToken\b[^>]*>([^<]*)<\/(?:[\w.-]+:)?resumptionToken\s*>/.exec(text.slice(open, open + 4096));
    if (!m2) return undefined;
    return decodeTokenText(m2[1] ?? '');
  }
  return decodeTokenText(m[1] ?? '');
}

function decodeTokenText(raw: string): string {
  return raw
    .replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
      switch (e) {
        case 'lt': return '<';
        case 'gt': return '>';
        case 'quot': return '"';
        case 'apos': return "'";
        case 'amp': return '&';
        default: return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
    })
    .trim();
}
