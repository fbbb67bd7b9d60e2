// Classifies and normalises identifiers (DOI, ISBN, ISSN, handle, ARK, URN, URL) so equal ones compare equal.
// Pure: no I/O. Never repairs a check digit: a wrong one is reported and the value kept as given.

import type { Identifier } from '../../model/record.js';
import { issueValue, type VocabIssue } from './vocab-issue.js';

/** Result of normaliseIdentifier. */
export interface IdentifierResult {
  /** Always set: unknown forms become `{ scheme: 'local', value }`. */
  identifier: Identifier;
  /** The canonical URL when the value was an http(s) URL (a candidate landing page or media link). */
  url?: string;
  issue?: VocabIssue;
}

const DOI = /^10\.\d{4,9}\/\S+$/;
const DOI_PREFIXED = /^(?:doi\s*:?|info:doi\/)\s*(10\.\d{4,9}\/\S+)$/i;
const HANDLE_PREFIXED = /^(?:hdl:|handle:|info:hdl\/)\s*([^\s/]+\/\S+)$/i;
const ARK = /^ark:\/?([0-9a-z]{5,})\/(\S+)$/i;
const URN = /^urn:([a-z0-9][a-z0-9-]{0,31}):(\S+)$/i;
const ISBN_PREFIX = /^isbn(?:-?1[03])?\s*:?\s*/i;
// A qualifier after an ISBN: "0-306-40615-2 (pbk.)", "978-3-16-148410-0 : EUR 20.00"
const ISBN_QUALIFIER = /\s*(?:\(.*\)|[:;].*)$/;
const ISBN10_HYPHENATED = /^\d{1,5}-\d{1,7}-(?:\d{1,7}-)?[\dX]$/i;
const ISBN_BODY = /^[0-9][0-9 -]{8,15}[0-9Xx]$/;
const ISSN = /^(?:issn\s*:?\s*|urn:issn:)?(\d{4})-(\d{3}[\dXx])$/i;
const ISSN_PREFIXED = /^(?:issn\s*:?\s*|urn:issn:)(\d{4})-?(\d{3}[\dXx])$/i;
const HTTP = /^https?:\/\//i;
const INFO_URI = /^(?:info|ftp|oai|tag):\S+$/i;
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org', 'hdl.handle.net']);
const HANDLE_HOSTS = new Set(['hdl.handle.net', 'handle.net']);
const NBN_RESOLVERS = /^(?:www\.)?nbn-resolving\.(?:org|de)$|^urn\.(?:kb\.se|fi|nb\.no)$|^persistent-identifier\.nl$/;

function checksumIssue(kind: string, raw: string): VocabIssue {
  return {
    code: 'IDENTIFIER_CHECKSUM',
    severity: 'warning',
    message: `${kind} "${issueValue(raw)}" has a wrong check digit; kept as a local identifier, not corrected`,
    value: issueValue(raw),
  };
}

/** True when a 10-character ISBN (digits, last may be X) has a valid check digit. */
export function isValidIsbn10(isbn: string): boolean {
  if (!/^\d{9}[\dX]$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = isbn.charCodeAt(i);
    sum += (10 - i) * (c === 88 /* X */ ? 10 : c - 48);
  }
  return sum % 11 === 0;
}

function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** True when a 13-digit ISBN (978/979) has a valid check digit. */
export function isValidIsbn13(isbn: string): boolean {
  return /^97[89]\d{10}$/.test(isbn) && isbn13CheckDigit(isbn.slice(0, 12)) === isbn.charCodeAt(12) - 48;
}

/** ISBN-10 to ISBN-13 (978 prefix, check digit recomputed). The input must be a valid ISBN-10. */
export function isbn10To13(isbn10: string): string {
  const first12 = '978' + isbn10.slice(0, 9);
  return first12 + String(isbn13CheckDigit(first12));
}

/** True when an ISSN written NNNNNNNC (no hyphen) has a valid check digit. */
export function isValidIssn(issn: string): boolean {
  if (!/^\d{7}[\dX]$/.test(issn)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * (issn.charCodeAt(i) - 48);
  const check = (11 - (sum % 11)) % 11;
  return (check === 10 ? 'X' : String(check)) === issn[7];
}

/**
 * Canonical form of an http(s) URL: scheme and host in lower case, default port and fragment
 * dropped, path and query kept (percent-encoded where the WHATWG URL parser encodes them).
 * undefined when the text is not a valid http(s) URL.
 */
export function canonicalUrl(text: string): string | undefined {
  if (!HTTP.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  url.hash = '';
  return url.href;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function doi(value: string): Identifier {
  return { scheme: 'doi', value: value.toLowerCase() };
}

function handle(value: string): Identifier {
  // A handle under prefix 10. is a DOI (the DOI system is a handle namespace).
  return value.startsWith('10.') ? doi(value) : { scheme: 'handle', value };
}

function urn(nid: string, nss: string): IdentifierResult {
  const n = nid.toLowerCase();
  if (n === 'isbn') return isbn(nss, `urn:isbn:${nss}`, true) ?? local(`urn:isbn:${nss}`);
  if (n === 'issn') return issn(nss, `urn:issn:${nss}`, true) ?? local(`urn:issn:${nss}`);
  // Scheme and NID are case-insensitive (RFC 8141); the NSS is kept as given.
  return { identifier: { scheme: 'urn', value: `urn:${n}:${nss}` } };
}

function local(value: string): IdentifierResult {
  return { identifier: { scheme: 'local', value } };
}

/**
 * ISBN in `body` (prefix already removed), or undefined when it does not look like one.
 * `sure` says the text was marked as an ISBN (prefix or urn:isbn:), so a 10-digit number is
 * read as one; otherwise 10 digits need the hyphens of an ISBN and 13 the 978/979 prefix.
 */
function isbn(body: string, raw: string, sure: boolean): IdentifierResult | undefined {
  const b = body.replace(ISBN_QUALIFIER, '');
  if (!ISBN_BODY.test(b)) return undefined;
  const compact = b.replace(/[ -]/g, '').toUpperCase();
  // Unmarked, only a hyphenated ISBN-10 ("90-9017382-X", "0-306-40615-2") or a 978/979 ISBN-13
  // reads as an ISBN; and an unmarked one with a wrong check digit is just a local number.
  if (compact.length === 10) {
    if (!sure && !ISBN10_HYPHENATED.test(b)) return undefined;
    if (isValidIsbn10(compact)) return { identifier: { scheme: 'isbn', value: isbn10To13(compact) } };
  } else if (compact.length === 13 && /^97[89]/.test(compact)) {
    if (isValidIsbn13(compact)) return { identifier: { scheme: 'isbn', value: compact } };
  } else {
    return undefined;
  }
  return sure ? { identifier: { scheme: 'local', value: raw }, issue: checksumIssue('ISBN', raw) } : undefined;
}

function issn(body: string, raw: string, sure: boolean): IdentifierResult | undefined {
  const m = (sure ? /^(\d{4})-?(\d{3}[\dXx])$/ : ISSN).exec(body);
  if (!m) return undefined;
  const compact = (m[1] as string) + (m[2] as string).toUpperCase();
  if (!isValidIssn(compact)) {
    // Unmarked NNNN-NNNN is as often a year or page range as an ISSN: only a marked one is reported.
    return sure ? { identifier: { scheme: 'local', value: raw }, issue: checksumIssue('ISSN', raw) } : undefined;
  }
  return { identifier: { scheme: 'issn', value: `${compact.slice(0, 4)}-${compact.slice(4)}` } };
}

/** Reads the identifier inside a resolver URL (doi.org, hdl.handle.net, an ARK or URN:NBN resolver). */
function fromUrl(url: URL, canonical: string): IdentifierResult {
  const host = url.hostname;
  const path = url.pathname;
  if (DOI_HOSTS.has(host) || HANDLE_HOSTS.has(host)) {
    const id = safeDecode(path.slice(1));
    if (DOI.test(id)) return { identifier: doi(id), url: canonical };
    if (HANDLE_HOSTS.has(host) && /^[^/]+\/\S+$/.test(id)) return { identifier: handle(id), url: canonical };
  }
  // ARKs are resolved by their own host or n2t.net: https://gallica.bnf.fr/ark:/12148/bpt6k5440618t
  const ark = path.indexOf('/ark:');
  if (ark !== -1) {
    const m = ARK.exec(safeDecode(path.slice(ark + 1)));
    if (m) return { identifier: { scheme: 'ark', value: `ark:/${m[1] as string}/${m[2] as string}` }, url: canonical };
  }
  if (NBN_RESOLVERS.test(host)) {
    const candidate = url.searchParams.get('urn') ?? url.searchParams.get('identifier') ?? safeDecode(path.slice(1));
    const m = URN.exec(candidate);
    if (m) return { ...urn(m[1] as string, m[2] as string), url: canonical };
  }
  return { identifier: { scheme: 'uri', value: canonical }, url: canonical };
}

/**
 * Classifies and normalises one identifier:
 * - DOI (bare, `doi:`, `info:doi/`, any doi.org or hdl.handle.net URL) to lower-case `10.x/y`;
 * - ISBN-10 to ISBN-13, ISBN-13 checked; ISSN checked, as NNNN-NNNC;
 * - handle (`hdl:`, `info:hdl/`, hdl.handle.net URL) to `prefix/suffix`;
 * - ARK (bare or in any resolver URL) to `ark:/NAAN/name`; URN with lower-case scheme and NID;
 * - other http(s) URLs canonicalised (see canonicalUrl) as `uri`; `info:`, `oai:`, `ftp:` URIs kept as `uri`;
 * - anything else kept as given, scheme `local`.
 * An ISBN or ISSN marked as such (prefix, urn:isbn:) with a wrong check digit gives a `local`
 * identifier and an IDENTIFIER_CHECKSUM warning; an unmarked number that fails the check is
 * simply not taken for an ISBN or ISSN.
 */
export function normaliseIdentifier(text: string): IdentifierResult {
  const raw = text.trim();
  if (HTTP.test(raw)) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (url !== undefined && url.hostname !== '') {
      url.hash = '';
      return fromUrl(url, url.href);
    }
    return local(raw);
  }
  if (DOI.test(raw)) return { identifier: doi(raw) };
  let m = DOI_PREFIXED.exec(raw);
  if (m) return { identifier: doi(m[1] as string) };
  m = HANDLE_PREFIXED.exec(raw);
  if (m) return { identifier: handle(m[1] as string) };
  m = ARK.exec(raw);
  if (m) return { identifier: { scheme: 'ark', value: `ark:/${m[1] as string}/${m[2] as string}` } };
  m = URN.exec(raw);
  if (m) return urn(m[1] as string, m[2] as string);
  const isbnPrefix = ISBN_PREFIX.exec(raw);
  if (isbnPrefix) return isbn(raw.slice(isbnPrefix[0].length), raw, true) ?? local(raw);
  m = ISSN_PREFIXED.exec(raw);
  if (m) return issn(`${m[1] as string}-${m[2] as string}`, raw, true) ?? local(raw);
  const firstDigit = raw.charCodeAt(0);
  if (firstDigit >= 48 && firstDigit <= 57) {
    const asIssn = issn(raw, raw, false);
    if (asIssn) return asIssn;
    const asIsbn = isbn(raw, raw, false);
    if (asIsbn) return asIsbn;
  }
  if (INFO_URI.test(raw)) {
    // info:eu-repo and friends are URIs; keep them exactly as given.
    return { identifier: { scheme: 'uri', value: raw } };
  }
  return local(raw);
}
