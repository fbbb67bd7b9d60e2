// Checks of the Identify response (OAI-PMH 2.0 §4.2). Pure: judges an Exchange, no I/O.

import { readIdentify, type Identify } from '../protocols/oai-pmh/verbs.js';
import { receivedOf, sentOf, type Exchange } from './exchange.js';
import { normaliseBaseUrl } from './response-checks.js';
import type { ResultCollector } from './results.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
// The pattern of adminEmail in the OAI-PMH 2.0 response schema (OAI-PMH.xsd, emailType).
const EMAIL = /^\S+@(\S+\.)+\S+$/;

/** The granularity a datestamp is written in, if it is in one of the two OAI-PMH forms. */
export function datestampGranularity(value: string): 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ' | undefined {
  if (DAY.test(value)) return 'YYYY-MM-DD';
  if (SECONDS.test(value)) return 'YYYY-MM-DDThh:mm:ssZ';
  return undefined;
}

/** Milliseconds since the epoch of an OAI datestamp (day granularity: the start of the day, UTC). */
export function datestampTime(value: string): number {
  return Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
}

/**
 * Judges Identify. Returns what it says, or undefined when the exchange is no Identify response
 * (identify.responds fails: the endpoint cannot be checked further).
 */
export function checkIdentify(ex: Exchange, results: ResultCollector, askedUrl: string): Identify | undefined {
  const where = { request: sentOf(ex), response: receivedOf(ex) };
  results.ran('identify.responds');
  if (ex.networkError) {
    results.fail('identify.responds', { message: `No answer: ${ex.networkError.message}`, request: sentOf(ex) });
    return undefined;
  }
  if (!ex.response) {
    const location = ex.headers.location;
    const why = ex.status >= 300 && ex.status < 400 && location
      ? `it redirects (HTTP ${ex.status}) to ${location}: check with that URL, or answer at this one`
      : ex.oaiErrors.length
      ? `it answered with the OAI-PMH error ${ex.oaiErrors.map((e) => `${e.code} (${e.message})`).join(', ')}`
      : ex.parsed === undefined
        ? `the body is not XML (${ex.parseError ?? 'unreadable'})`
        : !ex.isOai
          ? `the body is a <${ex.parsed.root.qname}> document, not OAI-PMH`
          : 'the response has no <Identify> element';
    results.fail('identify.responds', { message: `Identify did not work: ${why}`, ...where });
    return undefined;
  }
  const identify = readIdentify(ex.response);

  results.ran('identify.required-elements');
  const missing = (['repositoryName', 'baseURL', 'protocolVersion', 'earliestDatestamp', 'deletedRecord', 'granularity'] as const).filter((k) => identify[k] === '');
  if (identify.adminEmails.length === 0) missing.push('adminEmail' as never);
  if (missing.length > 0) results.fail('identify.required-elements', { message: `Identify lacks ${missing.join(', ')}`, ...where });

  results.ran('identify.protocol-version');
  if (identify.protocolVersion !== '' && identify.protocolVersion !== '2.0') {
    results.fail('identify.protocol-version', { message: `protocolVersion is "${identify.protocolVersion}", not 2.0`, ...where });
  }

  if (identify.baseURL !== '') {
    results.ran('identify.base-url');
    if (normaliseBaseUrl(identify.baseURL) !== normaliseBaseUrl(askedUrl)) {
      results.fail('identify.base-url', { message: `baseURL is ${identify.baseURL}, but the repository was asked at ${normaliseBaseUrl(askedUrl)}`, ...where });
    }
  }

  results.ran('identify.granularity');
  const granularity = identify.granularity === 'YYYY-MM-DD' || identify.granularity === 'YYYY-MM-DDThh:mm:ssZ' ? identify.granularity : undefined;
  if (identify.granularity !== '' && !granularity) {
    results.fail('identify.granularity', { message: `granularity "${identify.granularity}" is neither YYYY-MM-DD nor YYYY-MM-DDThh:mm:ssZ`, ...where });
  }

  if (identify.earliestDatestamp !== '') {
    results.ran('identify.earliest-datestamp');
    const eg = datestampGranularity(identify.earliestDatestamp);
    if (!eg) {
      results.fail('identify.earliest-datestamp', { message: `earliestDatestamp "${identify.earliestDatestamp}" is not an OAI-PMH datestamp`, ...where });
    } else {
      if (granularity && eg !== granularity) {
        results.fail('identify.earliest-datestamp', { message: `earliestDatestamp "${identify.earliestDatestamp}" is not in the declared granularity ${granularity}`, ...where });
      }
      const clock = Date.parse(identify.responseDate);
      const reference = Number.isNaN(clock) ? Date.now() : clock;
      if (datestampTime(identify.earliestDatestamp) > reference) {
        results.fail('identify.earliest-datestamp', { message: `earliestDatestamp ${identify.earliestDatestamp} is in the future (the repository's clock says ${identify.responseDate || 'now'})`, ...where });
      }
    }
  }

  if (identify.deletedRecord !== '') {
    results.ran('identify.deleted-record');
    if (!['no', 'transient', 'persistent'].includes(identify.deletedRecord)) {
      results.fail('identify.deleted-record', { message: `deletedRecord is "${identify.deletedRecord}", not no, transient or persistent`, ...where });
    }
  }

  if (identify.adminEmails.length > 0) {
    results.ran('identify.admin-email');
    for (const email of identify.adminEmails) {
      if (!EMAIL.test(email)) results.fail('identify.admin-email', { message: `adminEmail "${email}" is not a well-formed e-mail address`, ...where });
    }
  }
  return identify;
}
