// XML text of OAI-PMH responses: the envelope, headers, records, errors, resumptionTokens.
// Pure: string building only. Everything from outside is escaped here, except record metadata and
// `about` XML, which are XML already and go in verbatim.

import type { OaiErrorCode } from '../protocols/oai-pmh/errors.js';
import type { ProviderRecord } from './types.js';

/** The OAI-PMH error codes a repository can answer with: the client's list (section 3.6 of the specification). */
export type { OaiErrorCode };

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

export interface OaiError {
  code: OaiErrorCode;
  message: string;
}

const NEEDS_ESCAPE = /[&<>"']|[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPE_ALL = new RegExp(NEEDS_ESCAPE.source, 'g');
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for element content and attribute values alike. Characters that XML 1.0 cannot
 * carry at all (C0 controls, lone surrogates) are dropped: a correct provider never sends them.
 */
export function escapeXml(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, (c) => ENTITIES[c] ?? '');
}

/** Everything before the verb element: declaration, root, responseDate and the request echo. */
export function renderPreamble(responseDate: string, baseURL: string, requestAttrs: [string, string][]): string {
  let attrs = '';
  for (const [k, v] of requestAttrs) attrs += ` ${k}="${escapeXml(v)}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xsi:schemaLocation="${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
    `<responseDate>${responseDate}</responseDate>\n` +
    `<request${attrs}>${escapeXml(baseURL)}</request>\n`
  );
}

export const POSTAMBLE = '</OAI-PMH>\n';

export function renderErrors(errors: readonly OaiError[]): string {
  let out = '';
  for (const e of errors) out += `<error code="${e.code}">${escapeXml(e.message)}</error>\n`;
  return out;
}

/** The `<header>` of a record, without a trailing newline. */
export function renderHeader(r: ProviderRecord): string {
  const parts = [r.deleted ? '<header status="deleted"><identifier>' : '<header><identifier>', escapeXml(r.identifier), '</identifier><datestamp>', r.datestamp, '</datestamp>'];
  for (const s of r.sets) parts.push('<setSpec>', escapeXml(s), '</setSpec>');
  parts.push('</header>');
  // Flat, like renderRecord: ListIdentifiers pages join these directly.
  return parts.join('');
}

/** A whole `<record>`: header, then metadata in `prefix` and `about` containers unless deleted. */
export function renderRecord(r: ProviderRecord, header: string, prefix: string): string {
  if (r.deleted) return ['<record>', header, '</record>'].join('');
  const parts = ['<record>', header, '\n<metadata>', r.metadata[prefix] ?? '', '</metadata>'];
  if (r.about) for (const a of r.about) parts.push('<about>', a, '</about>');
  parts.push('</record>');
  // join() gives one flat string; '+' would give a rope that every page join walks again.
  return parts.join('');
}

/**
 * A resumptionToken element. An empty `token` gives the empty element that ends a multi-page list.
 * `expirationDate` only accompanies a token that can be used.
 */
export function renderResumptionToken(token: string, completeListSize: number, cursor: number, expirationDate?: string): string {
  let attrs = '';
  if (token !== '' && expirationDate !== undefined) attrs += ` expirationDate="${expirationDate}"`;
  attrs += ` completeListSize="${completeListSize}" cursor="${cursor}"`;
  return token === '' ? `<resumptionToken${attrs}/>\n` : `<resumptionToken${attrs}>${escapeXml(token)}</resumptionToken>\n`;
}
