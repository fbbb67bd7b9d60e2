// One request to a repository and what came back, kept raw (status, headers, bytes, timing) so the
// checks can judge the response itself, plus a lenient reading of it that never throws.
// analyseExchange is pure; fetchExchange is the only I/O here (through src/http/client.ts).

import { EntenteError, toEntenteError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import { decodeXmlBody, readResumptionToken, OAI_NS, type OaiResponse } from '../protocols/oai-pmh/response.js';
import { attr, childElements, cleanText, firstChild, parseXml, type ParsedXml } from '../xml/parse.js';
import type { ReceivedResponse, SentRequest } from './types.js';

/** An OAI-PMH error as the repository sent it. */
export interface SentOaiError {
  code: string;
  message: string;
}

/** The raw material of an exchange: what an HTTP fetch (or a recorded fixture) gives. */
export interface RawExchange {
  /** Arguments as sent, in order, repeated ones included (`verb` first). */
  params: [string, string][];
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  elapsedMs: number;
}

export interface Exchange extends RawExchange {
  /** The verb sent (may be a made-up one, for the badVerb check). */
  verb: string;
  /** The transport failed: no status, no body. */
  networkError?: EntenteError;
  /** The body decoded as text (undefined when it could not be decoded at all). */
  text?: string;
  /** The encoding used to decode it (from BOM, XML declaration, Content-Type, else UTF-8). */
  encoding?: string;
  /** Bytes invalid in that encoding were replaced. */
  encodingReplaced: boolean;
  /** The encoding named in the XML declaration, if any. */
  declaredEncoding?: string;
  parsed?: ParsedXml;
  /** Why the body is not well-formed XML. */
  parseError?: string;
  /** The root is <OAI-PMH> in the OAI-PMH namespace (or, tolerated by harvesters, in none). */
  isOai: boolean;
  oaiErrors: SentOaiError[];
  /** The envelope as the harvester's readers take it, when the verb element is there. */
  response?: OaiResponse;
}

/** A request URL with arguments exactly as given: repeated and illegal ones too (for the error checks). */
export function buildRawUrl(baseUrl: string, params: readonly [string, string][]): string {
  const url = new URL(baseUrl);
  for (const [k] of params) url.searchParams.delete(k);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url.toString();
}

/** Reads an exchange's body leniently: every problem is recorded on the result, nothing is thrown. */
export function analyseExchange(raw: RawExchange, networkError?: EntenteError): Exchange {
  const verb = raw.params.find(([k]) => k === 'verb')?.[1] ?? '';
  const ex: Exchange = { ...raw, verb, encodingReplaced: false, isOai: false, oaiErrors: [] };
  if (networkError) {
    ex.networkError = networkError;
    return ex;
  }
  const head = Buffer.from(raw.body.buffer, raw.body.byteOffset, Math.min(raw.body.length, 200)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared) ex.declaredEncoding = declared;
  try {
    const decoded = decodeXmlBody(raw.body, raw.headers['content-type']);
    ex.text = decoded.text;
    ex.encoding = decoded.encoding;
    ex.encodingReplaced = decoded.replaced;
  } catch (err) {
    ex.parseError = toEntenteError(err).message;
    return ex;
  }
  const text = ex.text;
  if (text.trim() === '') {
    ex.parseError = 'The body is empty';
    return ex;
  }
  try {
    ex.parsed = parseXml(text);
  } catch (err) {
    ex.parseError = toEntenteError(err).message;
    return ex;
  }
  const root = ex.parsed.root;
  ex.isOai = root.name === 'OAI-PMH' && (root.ns === OAI_NS || root.ns === '');
  if (!ex.isOai) return ex;
  const ns = root.ns;
  ex.oaiErrors = childElements(root, ns, 'error').map((e) => ({ code: attr(e, 'code') ?? '', message: cleanText(e) }));
  const body = firstChild(root, ns, verb);
  if (body && ex.oaiErrors.length === 0) {
    const tokenEl = firstChild(body, ns, 'resumptionToken');
    const responseDateEl = firstChild(root, ns, 'responseDate');
    ex.response = {
      parsed: ex.parsed,
      responseDate: responseDateEl ? cleanText(responseDateEl) : '',
      body,
      resumptionToken: tokenEl ? readResumptionToken(tokenEl) : undefined,
      encodingReplaced: ex.encodingReplaced,
    };
  }
  return ex;
}

/** The request part of an exchange, for a finding. */
export function sentOf(ex: RawExchange): SentRequest {
  return { verb: ex.params.find(([k]) => k === 'verb')?.[1] ?? '', url: ex.url };
}

/** The response part of an exchange, for a finding: status, type, size, time and a short excerpt. */
export function receivedOf(ex: Exchange): ReceivedResponse {
  const text = ex.text ?? Buffer.from(ex.body).toString('latin1');
  return {
    status: ex.status,
    contentType: ex.headers['content-type'] ?? '',
    bytes: ex.body.length,
    elapsedMs: Math.round(ex.elapsedMs),
    excerpt: text.slice(0, 300),
  };
}

export interface FetchExchangeOptions {
  signal?: AbortSignal;
  maxResponseBytes?: number;
  /** Send the arguments as a form-encoded POST body instead of in the URL. @default 'GET' */
  method?: 'GET' | 'POST';
}

/**
 * Sends one request (GET, or POST with a form body) and returns the exchange, whatever the status: the checker wants to see
 * 4xx and 5xx answers, not retry them away. Only a transport failure is recorded as networkError.
 */
export async function fetchExchange(http: HttpClient, baseUrl: string, params: readonly [string, string][], options: FetchExchangeOptions = {}): Promise<Exchange> {
  const url = buildRawUrl(baseUrl, params);
  const started = performance.now();
  const post = options.method === 'POST';
  try {
    const res = await http.fetch(post ? baseUrl : url, {
      accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
      allowStatus: () => true,
      ...(post ? { method: 'POST' as const, form: formOf(params) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.maxResponseBytes ? { limits: { maxResponseBytes: options.maxResponseBytes } } : {}),
    });
    return analyseExchange({ params: [...params], url, status: res.status, headers: res.headers, body: res.body, elapsedMs: res.elapsedMs });
  } catch (err) {
    const e = err instanceof EntenteError ? err : toEntenteError(err, 'ERR_HTTP_NETWORK', { url });
    if (e.code === 'ERR_ABORTED') throw e;
    return analyseExchange({ params: [...params], url, status: 0, headers: {}, body: new Uint8Array(0), elapsedMs: performance.now() - started }, e);
  }
}

function formOf(params: readonly [string, string][]): URLSearchParams {
  const form = new URLSearchParams();
  for (const [k, v] of params) form.append(k, v);
  return form;
}
