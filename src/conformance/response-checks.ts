// Checks every OAI-PMH response must pass whatever its verb: HTTP status, content type, XML,
// encoding, root element, responseDate, the request echo. Pure: judges an Exchange, no I/O.

import { attr, firstChild } from '../xml/parse.js';
import type { Exchange } from './exchange.js';
import { receivedOf, sentOf } from './exchange.js';
import type { ResultCollector } from './results.js';

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Typical of UTF-8 text decoded as Latin-1 and encoded again ("Ã©" for "é"). */
const DOUBLE_ENCODED = /\u00C3[\u0080-\u00BF]|\u00C2[\u00A0-\u00BF]/;

/** Scheme, host, port and path, lower-cased where case does not matter, without a trailing slash. */
export function normaliseBaseUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    u.search = '';
    u.hash = '';
    const s = `${u.protocol}//${u.host.toLowerCase()}${u.pathname}`;
    return s.endsWith('/') ? s.slice(0, -1) : s;
  } catch {
    return url.trim();
  }
}

function mediaType(contentType: string): { type: string; charset?: string } {
  const [type = '', ...params] = contentType.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)/i.exec(p)?.[1]).find(Boolean);
  return charset ? { type: type.trim().toLowerCase(), charset: charset.toLowerCase() } : { type: type.trim().toLowerCase() };
}

function describeBody(ex: Exchange): string {
  const head = (ex.text ?? '').slice(0, 2000);
  if (/<html[\s>]|<!doctype html/i.test(head)) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(head)?.[1]?.trim();
    return `an HTML page${title ? ` ("${title}")` : ''}`;
  }
  if (/^\s*[[{]/.test(head)) return 'a JSON document';
  if (head.trim() === '') return 'an empty body';
  return `a document starting "${head.trim().slice(0, 60)}"`;
}

/**
 * Runs the response-level checks on one exchange. `baseUrl` is the URL the repository was asked
 * at. Exchanges that failed in transport are left to the caller.
 */
export function checkResponse(ex: Exchange, results: ResultCollector, baseUrl: string): void {
  if (ex.networkError) return;
  const request = sentOf(ex);
  const response = receivedOf(ex);
  const where = { request, response };

  // HTTP status. 503 is judged by politeness.retry-after (a busy repository may say so).
  results.ran('response.http-status');
  if (ex.status !== 200 && ex.status !== 503) {
    const what = ex.oaiErrors.length ? `the OAI-PMH error ${ex.oaiErrors.map((e) => e.code).join(', ')}` : describeBody(ex);
    results.fail('response.http-status', { message: `${ex.verb || 'The request'} was answered with HTTP ${ex.status} (${what})`, ...where });
  }
  if (ex.status === 503) return;

  // Content type: text/xml is the rule; application/xml is a lesser problem (harvesters cope).
  results.ran('response.content-type');
  const ct = mediaType(ex.headers['content-type'] ?? '');
  if (ct.type !== 'text/xml') {
    const xmlish = ct.type === 'application/xml' || ct.type.endsWith('+xml');
    results.fail('response.content-type', {
      severity: xmlish ? 'warning' : 'error',
      message: ct.type ? `Content-Type is ${ct.type}, not text/xml` : 'The response has no Content-Type',
      ...where,
    });
  }

  // Well-formedness.
  results.ran('response.well-formed');
  if (ex.parsed === undefined) {
    results.fail('response.well-formed', { message: `The body is not well-formed XML: ${ex.parseError ?? 'unreadable'} (${describeBody(ex)})`, ...where });
  }

  // Encoding: declared UTF-8 (or nothing, which means UTF-8), valid bytes, no double encoding.
  results.ran('response.encoding');
  const declared = ex.declaredEncoding?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    results.fail('response.encoding', { message: `The XML declaration says encoding="${ex.declaredEncoding}", not UTF-8`, ...where });
  } else if (ct.charset && ct.charset !== 'utf-8' && ct.charset !== 'utf8') {
    results.fail('response.encoding', { severity: 'warning', message: `Content-Type says charset=${ct.charset}, not UTF-8`, ...where });
  }
  if (ex.encodingReplaced) {
    results.fail('response.encoding', { message: `The body has bytes that are not valid ${ex.encoding ?? 'UTF-8'}`, ...where });
  } else if (ex.text !== undefined && DOUBLE_ENCODED.test(ex.text)) {
    const at = ex.text.search(DOUBLE_ENCODED);
    results.fail('response.encoding', {
      severity: 'warning',
      message: `The text looks double-encoded (UTF-8 read as Latin-1 and encoded again): "…${ex.text.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, ' ')}…"`,
      ...where,
    });
  }

  if (ex.parsed === undefined) return;
  const root = ex.parsed.root;

  results.ran('response.root-element');
  if (!ex.isOai) {
    results.fail('response.root-element', { message: `The root element is <${root.qname}>${root.ns ? ` in ${root.ns}` : ''}, not <OAI-PMH>`, ...where });
    return;
  }
  if (root.ns === '') {
    results.fail('response.root-element', { severity: 'warning', message: '<OAI-PMH> has no namespace (harvesters tolerate it, validators do not)', ...where });
  }

  results.ran('response.response-date');
  const rd = firstChild(root, root.ns, 'responseDate');
  const rdText = rd ? ex.parsed.text.slice(rd.start, rd.end).replace(/<[^>]*>/g, '').trim() : undefined;
  if (rdText === undefined) results.fail('response.response-date', { message: 'The response has no <responseDate>', ...where });
  else if (!UTC_SECONDS.test(rdText)) results.fail('response.response-date', { message: `responseDate "${rdText}" is not YYYY-MM-DDThh:mm:ssZ (UTC)`, ...where });

  results.ran('response.request-element');
  const req = firstChild(root, root.ns, 'request');
  if (!req) {
    results.fail('response.request-element', { message: 'The response has no <request> element', ...where });
    return;
  }
  const echoed = ex.parsed.text.slice(req.start, req.end).replace(/^<[^>]*>|<\/[^>]*>$/g, '').replace(/&amp;/g, '&').trim();
  if (echoed !== '' && normaliseBaseUrl(echoed) !== normaliseBaseUrl(baseUrl)) {
    results.fail('response.request-element', { message: `<request> says ${echoed}, but the request went to ${normaliseBaseUrl(baseUrl)}`, ...where });
  } else if (echoed === '') {
    results.fail('response.request-element', { message: '<request> is empty: it must hold the base URL', ...where });
  }
  const refused = ex.oaiErrors.some((e) => e.code === 'badVerb' || e.code === 'badArgument');
  const attrNames = Object.keys(req.attrs).filter((k) => !k.startsWith('{'));
  if (refused) {
    if (attrNames.length > 0) {
      results.fail('response.request-element', { severity: 'info', message: `After ${ex.oaiErrors[0]?.code}, <request> should carry no attributes, but has ${attrNames.join(', ')}`, ...where });
    }
    return;
  }
  const missing: string[] = [];
  for (const [k, v] of ex.params) {
    const got = attr(req, k);
    if (got !== v) missing.push(got === undefined ? `${k} is missing` : `${k}="${got}" (sent "${v}")`);
  }
  const sentKeys = new Set(ex.params.map(([k]) => k));
  for (const k of attrNames) if (!sentKeys.has(k)) missing.push(`${k}="${req.attrs[k] ?? ''}" was not sent`);
  if (missing.length > 0) {
    results.fail('response.request-element', { message: `<request> does not echo the arguments: ${missing.join('; ')}`, ...where });
  }
}
