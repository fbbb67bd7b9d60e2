// Runs the OAI-PMH protocol checks against a live repository: sends the requests (Identify,
// formats, sets, paged lists, selective and error probes), hands each exchange to the pure check
// functions, and collects the record sample for the record checks. All OAI-PMH I/O of the checker.

import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient } from '../http/client.js';
import { parseRetryAfter } from '../http/retry.js';
import { readRecords, type OaiHeader, type OaiRecord } from '../protocols/oai-pmh/records.js';
import { readMetadataFormats, readSets, type Identify, type MetadataFormat } from '../protocols/oai-pmh/verbs.js';
import { attr, XSI_NS } from '../xml/parse.js';
import type { CheckId } from './checks.js';
import { fetchExchange, receivedOf, sentOf, type Exchange } from './exchange.js';
import { checkIdentify, datestampGranularity, datestampTime } from './identify-checks.js';
import { checkResponse } from './response-checks.js';
import { standaloneXml } from './xsd.js';
import type { ResultCollector } from './results.js';

/** What the checker is doing, for a progress display. */
export interface CheckProgress {
  phase: string;
  /** Records read so far in the current list, and the target (sample size, or completeListSize). */
  records?: number;
  total?: number;
}

export interface OaiCheckOptions {
  http: HttpClient;
  baseUrl: string;
  /** Formats whose records are sampled. @default ['oai_dc'] */
  formats: string[];
  /** Records to sample per format; undefined: every record. */
  sampleSize: number | undefined;
  /** Slowest acceptable response before politeness.response-time fails. @default 10000 */
  slowMs?: number;
  /** Longest Retry-After the checker waits for. @default 30000 */
  maxRetryAfterMs?: number;
  /** Pages of ListSets read at most. @default 20 */
  maxSetPages?: number;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: CheckProgress) => void;
}

/** A sampled record with its metadata as a standalone XML document (for schema validation). */
export interface SampledRecord {
  record: OaiRecord;
  /** The metadata root as served, with the namespace declarations it inherits; undefined when deleted. */
  metadataXml?: string;
}

export interface SampledFormat {
  metadataPrefix: string;
  declared?: MetadataFormat;
  records: SampledRecord[];
  /** The list was read to its end. */
  complete: boolean;
}

export interface OaiCheckOutcome {
  identify?: Identify;
  /** Why the endpoint could not be checked (Identify failed). */
  fatal?: Exchange;
  samples: SampledFormat[];
  exchanges: Exchange[];
}

const RETRIES_503 = 3;

/** Runs every protocol check. Never throws for what the repository does; only an abort stops it. */
export async function runOaiChecks(options: OaiCheckOptions, results: ResultCollector): Promise<OaiCheckOutcome> {
  const { http, baseUrl } = options;
  const now = options.now ?? (() => new Date());
  const exchanges: Exchange[] = [];
  const progress = options.onProgress ?? (() => {});
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const withSignal = options.signal ? { signal: options.signal } : {};

  /** One request, with 503 handling (Retry-After honoured and judged), checked at response level. */
  async function send(params: [string, string][]): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const ex = await fetchExchange(http, baseUrl, params, withSignal);
      exchanges.push(ex);
      // A transport failure is tried once more before it counts: one reset must not fail a check.
      if (ex.networkError && attempt === 0) {
        await sleep(1000, undefined, withSignal);
        continue;
      }
      if (ex.status !== 503) {
        checkResponse(ex, results, baseUrl);
        return ex;
      }
      results.ran('politeness.retry-after');
      const wait = parseRetryAfter(ex.headers['retry-after']);
      if (wait === undefined) {
        results.fail('politeness.retry-after', { message: `HTTP 503 without a usable Retry-After header (${ex.headers['retry-after'] ?? 'none'})`, request: sentOf(ex), response: receivedOf(ex) });
      }
      if (attempt >= RETRIES_503) {
        results.ran('response.http-status');
        results.fail('response.http-status', { message: `Still HTTP 503 after ${RETRIES_503 + 1} attempts`, request: sentOf(ex), response: receivedOf(ex) });
        return ex;
      }
      await sleep(Math.min(wait ?? 2000 * (attempt + 1), maxRetryAfterMs), undefined, withSignal);
    }
  }

  // ---- Identify ----
  progress({ phase: 'Identify' });
  const idEx = await send([['verb', 'Identify']]);
  const identify = checkIdentify(idEx, results, baseUrl);
  if (!identify) return { fatal: idEx, samples: [], exchanges };
  // The same question by POST (OAI-PMH 2.0 §3.1.1: repositories must accept both).
  const postEx = await fetchExchange(http, baseUrl, [['verb', 'Identify']], { method: 'POST', ...withSignal });
  exchanges.push(postEx);
  results.ran('request.post');
  if (!postEx.response) {
    const got = postEx.networkError ? postEx.networkError.message : postEx.oaiErrors.length ? `the error ${postEx.oaiErrors.map((e) => e.code).join(', ')}` : `HTTP ${postEx.status}${postEx.parsed ? '' : ' without an OAI-PMH body'}`;
    results.fail('request.post', { message: `Identify sent by POST got ${got}`, request: { verb: 'Identify (POST verb=Identify)', url: baseUrl }, response: receivedOf(postEx) });
  }
  // An invalid declaration is judged by identify.granularity; day granularity is what every repository must support.
  const granularity = identify.granularity === 'YYYY-MM-DDThh:mm:ssZ' ? 'YYYY-MM-DDThh:mm:ssZ' : 'YYYY-MM-DD';

  // ---- ListMetadataFormats ----
  progress({ phase: 'ListMetadataFormats' });
  const fmtEx = await send([['verb', 'ListMetadataFormats']]);
  let formats: MetadataFormat[] = [];
  results.ran('formats.oai-dc');
  if (fmtEx.response) {
    formats = readMetadataFormats(fmtEx.response);
    if (!formats.some((f) => f.metadataPrefix === 'oai_dc')) {
      results.fail('formats.oai-dc', { message: `oai_dc is not offered (offered: ${formats.map((f) => f.metadataPrefix).join(', ') || 'none'})`, request: sentOf(fmtEx), response: receivedOf(fmtEx) });
    }
  } else {
    results.fail('formats.oai-dc', { message: `ListMetadataFormats did not answer with a list${fmtEx.oaiErrors.length ? ` (${fmtEx.oaiErrors.map((e) => e.code).join(', ')})` : ''}`, request: sentOf(fmtEx), response: receivedOf(fmtEx) });
  }

  // ---- ListSets ----
  progress({ phase: 'ListSets' });
  await checkSets();

  // ---- Lists and records, per format ----
  const samples: SampledFormat[] = [];
  for (const prefix of options.formats) {
    const declared = formats.find((f) => f.metadataPrefix === prefix);
    const list = await readList('ListRecords', prefix, options.sampleSize);
    const records = list.items as OaiRecord[];
    samples.push({ metadataPrefix: prefix, ...(declared ? { declared } : {}), records: records.map((r) => sampled(r, list.texts)), complete: list.complete });
    checkDeclaredNamespace(prefix, declared, records, list.firstExchange);
    checkDeleted(records.map((r) => r.header), list.firstExchange);
  }
  // The selective and error probes need a format the repository serves: the first one asked for
  // that records came in, else one ListMetadataFormats lists, else the first it lists.
  const offered = new Set(formats.map((f) => f.metadataPrefix));
  const probe = samples.find((s) => s.records.length > 0) ?? samples.find((s) => offered.has(s.metadataPrefix));
  const probePrefix = probe?.metadataPrefix ?? formats[0]?.metadataPrefix ?? options.formats[0] ?? 'oai_dc';
  const firstSample = probe?.records.map((s) => s.record) ?? [];
  await checkHeadersAcrossVerbs(probePrefix, firstSample);

  // ---- Selective harvesting ----
  progress({ phase: 'selective harvesting' });
  await checkSelective(probePrefix, firstSample);

  // ---- Error conditions ----
  progress({ phase: 'error conditions' });
  await checkErrors(probePrefix, firstSample);

  // ---- Politeness ----
  checkResponseTimes();
  if (!results.has('politeness.retry-after')) results.skip('politeness.retry-after', 'The repository answered no request with 503, so its Retry-After could not be seen');

  return { identify, samples, exchanges };

  // ---------------------------------------------------------------------------------------------

  function where(ex: Exchange) {
    return { request: sentOf(ex), response: receivedOf(ex) };
  }

  function expectOaiError(id: CheckId, ex: Exchange, code: string): void {
    results.ran(id);
    if (ex.networkError) {
      results.fail(id, { message: `No answer: ${ex.networkError.message}`, request: sentOf(ex) });
    } else if (!ex.oaiErrors.some((e) => e.code === code)) {
      const got = ex.oaiErrors.length
        ? `the error ${ex.oaiErrors.map((e) => e.code).join(', ')}`
        : ex.response
          ? 'a normal response'
          : ex.parsed
            ? `a <${ex.parsed.root.qname}> document without an OAI-PMH error`
            : `HTTP ${ex.status} with a body that is not XML`;
      results.fail(id, { message: `Expected ${code}, got ${got}`, ...where(ex) });
    }
  }

  async function checkSets(): Promise<void> {
    const maxPages = options.maxSetPages ?? 20;
    let params: [string, string][] = [['verb', 'ListSets']];
    const seen = new Set<string>();
    const bad: string[] = [];
    const dupes: string[] = [];
    results.ran('sets.list');
    for (let page = 0; page < maxPages; page++) {
      const ex = await send(params);
      if (ex.oaiErrors.some((e) => e.code === 'noSetHierarchy') && page === 0) {
        results.skip('sets.set-spec', 'The repository has no sets (noSetHierarchy)');
        return;
      }
      if (!ex.response) {
        results.fail('sets.list', { message: `ListSets did not answer with sets or noSetHierarchy${ex.oaiErrors.length ? ` (got ${ex.oaiErrors.map((e) => e.code).join(', ')})` : ''}`, ...where(ex) });
        return;
      }
      results.ran('sets.set-spec');
      for (const s of readSets(ex.response)) {
        if (!/^[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*$/.test(s.setSpec)) bad.push(s.setSpec);
        if (seen.has(s.setSpec)) dupes.push(s.setSpec);
        seen.add(s.setSpec);
      }
      const token = ex.response.resumptionToken?.value;
      if (!token) break;
      params = [['verb', 'ListSets'], ['resumptionToken', token]];
    }
    if (bad.length) results.fail('sets.set-spec', { message: `${bad.length} setSpec(s) are not valid: ${bad.slice(0, 5).map((s) => JSON.stringify(s)).join(', ')}` });
    if (dupes.length) results.fail('sets.set-spec', { message: `${dupes.length} setSpec(s) are listed twice: ${dupes.slice(0, 5).join(', ')}` });
  }

  /**
   * Pages through a list to its end or `limit` items, judging paging, tokens, cursors, unique
   * identifiers and datestamp granularity on the way.
   */
  async function readList(verb: 'ListRecords' | 'ListIdentifiers', prefix: string, limit: number | undefined, window: { from?: string; until?: string } = {}) {
    const items: (OaiRecord | OaiHeader)[] = [];
    /** The parsed text each record's offsets refer to (its page). */
    const texts = new Map<OaiRecord, string>();
    const ids = new Set<string>();
    const dupes: string[] = [];
    const badStamps: string[] = [];
    let params: [string, string][] = [['verb', verb], ['metadataPrefix', prefix]];
    if (window.from) params.push(['from', window.from]);
    if (window.until) params.push(['until', window.until]);
    let firstExchange: Exchange | undefined;
    let complete = false;
    let noMatch = false;
    let listSize: number | undefined;
    let lastToken: string | undefined;
    // Every token issued in this list: a token that comes back later (A, B, A...) is a loop that
    // would never end with --all, not only the same token twice in a row.
    const issued = new Set<string>();
    let pages = 0;
    const tag = window.from || window.until ? `${verb} (selective)` : verb;
    results.ran('list.paging');
    for (;;) {
      progress({ phase: `${verb} ${prefix}`, records: items.length, ...(limit !== undefined ? { total: limit } : listSize !== undefined ? { total: listSize } : {}) });
      const ex = await send(params);
      firstExchange ??= ex;
      pages++;
      if (ex.oaiErrors.some((e) => e.code === 'noRecordsMatch')) {
        if (pages === 1) noMatch = true;
        else results.fail('list.paging', { severity: 'warning', message: `${tag}: a resumptionToken led to noRecordsMatch instead of the next page`, ...where(ex) });
        complete = true;
        break;
      }
      if (!ex.response) {
        const what = ex.networkError ? ex.networkError.message : ex.oaiErrors.length ? `the error ${ex.oaiErrors.map((e) => `${e.code} (${e.message})`).join(', ')}` : ex.parsed ? 'a response without the list' : 'a body that is not XML';
        results.fail('list.paging', { message: `${tag} ${prefix}, page ${pages}: got ${what}`, ...where(ex) });
        break;
      }
      const before = items.length;
      const read = readRecords(ex.response, { sourceId: 'check', metadataPrefix: prefix, kind: verb === 'ListRecords' ? 'record' : 'header' });
      for (const r of read) {
        const h = r.header;
        if (ids.has(h.identifier)) dupes.push(h.identifier);
        ids.add(h.identifier);
        if (datestampGranularity(h.datestamp) !== granularity) badStamps.push(`${h.identifier} (${h.datestamp || 'empty'})`);
        items.push(verb === 'ListRecords' ? r : h);
        if (verb === 'ListRecords') texts.set(r, ex.response.parsed.text);
      }
      const token = ex.response.resumptionToken;
      if (token) {
        results.ran('list.cursor');
        if (token.cursor !== undefined && token.cursor !== before) {
          results.fail('list.cursor', { message: `${tag} page ${pages}: cursor is ${token.cursor}, but ${before} records came before this page`, ...where(ex) });
        }
        if (token.completeListSize !== undefined) {
          if (listSize !== undefined && listSize !== token.completeListSize) {
            results.fail('list.cursor', { message: `${tag} page ${pages}: completeListSize changed from ${listSize} to ${token.completeListSize}`, ...where(ex) });
          }
          listSize = token.completeListSize;
        }
      }
      const next = token?.value || undefined;
      if (next === undefined) {
        complete = true;
        if (pages > 1) {
          results.ran('list.final-token');
          if (!token) results.fail('list.final-token', { message: `${tag} ${prefix}: the last page (page ${pages}) has no resumptionToken element; it must have an empty one`, ...where(ex) });
        }
        break;
      }
      if (next === lastToken) {
        results.fail('list.paging', { message: `${tag} ${prefix}, page ${pages}: the repository returned the token it was sent (an endless loop)`, ...where(ex) });
        break;
      }
      if (issued.has(next)) {
        results.fail('list.paging', { message: `${tag} ${prefix}, page ${pages}: the resumptionToken "${next.slice(0, 80)}" was already issued earlier in this list (the list loops)`, ...where(ex) });
        break;
      }
      issued.add(next);
      if (limit !== undefined && items.length >= limit) break;
      if (read.length === 0 && pages > 1) {
        results.fail('list.paging', { severity: 'warning', message: `${tag} ${prefix}, page ${pages}: an empty page that still carries a resumptionToken`, ...where(ex) });
      }
      lastToken = next;
      params = [['verb', verb], ['resumptionToken', next]];
    }
    if (!complete && pages > 1 && !results.has('list.final-token')) {
      results.skip('list.final-token', `The sample stopped after ${items.length} records, before the end of the list`);
    }
    if (complete && listSize !== undefined && !noMatch && items.length !== listSize) {
      results.fail('list.cursor', { message: `${tag} ${prefix}: completeListSize said ${listSize}, the list held ${items.length}` });
    }
    results.ran('list.unique-identifiers');
    if (dupes.length) results.fail('list.unique-identifiers', { message: `${tag} ${prefix}: ${dupes.length} identifier(s) appear twice`, recordIds: dupes.slice(0, 3) });
    results.ran('list.datestamp-granularity');
    if (badStamps.length) {
      results.fail('list.datestamp-granularity', { message: `${tag} ${prefix}: ${badStamps.length} datestamp(s) are not in the declared granularity ${granularity}: ${badStamps.slice(0, 3).join(', ')}` });
    }
    return { items, complete, noMatch, firstExchange, texts };
  }

  function checkDeclaredNamespace(prefix: string, declared: MetadataFormat | undefined, records: OaiRecord[], ex: Exchange | undefined): void {
    if (!declared) {
      if (records.length > 0) {
        results.ran('formats.declared-namespace');
        results.fail('formats.declared-namespace', { message: `Records are served in ${prefix}, but ListMetadataFormats does not list it`, ...(ex ? where(ex) : {}) });
      }
      return;
    }
    const live = records.filter((r) => r.metadata);
    if (live.length === 0) return;
    results.ran('formats.declared-namespace');
    const wrongNs = live.filter((r) => r.metadata?.ns !== declared.metadataNamespace);
    if (wrongNs.length) {
      const seen = [...new Set(wrongNs.map((r) => r.metadata?.ns || '(no namespace)'))].slice(0, 3).join(', ');
      results.fail('formats.declared-namespace', {
        message: `${wrongNs.length} of ${live.length} ${prefix} records have a metadata root in ${seen}, but ListMetadataFormats declares ${declared.metadataNamespace}`,
        recordIds: wrongNs.slice(0, 3).map((r) => r.header.identifier),
      });
    }
    const strip = (u: string) => u.replace(/^https?:\/\//, '').replace(/\/$/, '');
    const wrongSchema = live.filter((r) => {
      const loc = r.metadata ? attr(r.metadata, 'schemaLocation', XSI_NS) : undefined;
      if (!loc) return false;
      const parts = loc.trim().split(/\s+/);
      const i = parts.indexOf(declared.metadataNamespace);
      return i !== -1 && parts[i + 1] !== undefined && strip(parts[i + 1] as string) !== strip(declared.schema);
    });
    if (wrongSchema.length) {
      results.fail('formats.declared-namespace', {
        severity: 'info',
        message: `${wrongSchema.length} ${prefix} records point xsi:schemaLocation at another schema than the declared ${declared.schema}`,
        recordIds: wrongSchema.slice(0, 3).map((r) => r.header.identifier),
      });
    }
  }

  function checkDeleted(headers: OaiHeader[], ex: Exchange | undefined): void {
    if (headers.length === 0) return;
    results.ran('deleted.policy');
    const deleted = headers.filter((h) => h.deleted);
    if (deleted.length && identify?.deletedRecord === 'no') {
      results.fail('deleted.policy', {
        message: `Identify says deletedRecord=no, but ${deleted.length} header(s) have status="deleted"`,
        recordIds: deleted.slice(0, 3).map((h) => h.identifier),
        ...(ex ? where(ex) : {}),
      });
    }
  }

  /** ListIdentifiers over the same records, and GetRecord for a few: headers must agree. */
  async function checkHeadersAcrossVerbs(prefix: string, records: OaiRecord[]): Promise<void> {
    if (records.length === 0) {
      results.skip('list.headers-consistent', `No ${prefix} records to compare`);
      return;
    }
    const list = await readList('ListIdentifiers', prefix, records.length);
    const byId = new Map(records.map((r) => [r.header.identifier, r.header]));
    results.ran('list.headers-consistent');
    const differ: string[] = [];
    for (const h of list.items as OaiHeader[]) {
      const other = byId.get(h.identifier);
      if (other && !sameHeader(h, other)) differ.push(`${h.identifier}: ListIdentifiers ${describeHeader(h)} vs ListRecords ${describeHeader(other)}`);
    }
    const idsFromIdentifiers = new Set((list.items as OaiHeader[]).map((h) => h.identifier));
    const comparable = Math.min(list.items.length, records.length);
    const missing = records.slice(0, comparable).filter((r) => !idsFromIdentifiers.has(r.header.identifier));
    if (list.complete && missing.length) {
      results.fail('list.headers-consistent', { message: `${missing.length} record(s) from ListRecords are missing from ListIdentifiers`, recordIds: missing.slice(0, 3).map((r) => r.header.identifier) });
    }
    const live = records.filter((r) => !r.header.deleted);
    const picks = [...new Set([live[0], live[Math.floor(live.length / 2)], live[live.length - 1]])].filter((r): r is OaiRecord => r !== undefined);
    for (const r of picks) {
      const ex = await send([['verb', 'GetRecord'], ['identifier', r.header.identifier], ['metadataPrefix', prefix]]);
      const got = ex.response ? readRecords(ex.response, { sourceId: 'check', metadataPrefix: prefix, kind: 'record' })[0] : undefined;
      if (!got) {
        results.fail('list.headers-consistent', { message: `GetRecord for ${r.header.identifier}, listed by ListRecords, did not return it${ex.oaiErrors.length ? ` (${ex.oaiErrors.map((e) => e.code).join(', ')})` : ''}`, ...where(ex) });
      } else if (!sameHeader(got.header, r.header)) {
        differ.push(`${r.header.identifier}: GetRecord ${describeHeader(got.header)} vs ListRecords ${describeHeader(r.header)}`);
      }
    }
    if (differ.length) results.fail('list.headers-consistent', { message: `${differ.length} header(s) differ between verbs: ${differ.slice(0, 3).join('; ')}` });
  }

  async function checkSelective(prefix: string, records: OaiRecord[]): Promise<void> {
    const stamps = records.map((r) => r.header.datestamp).filter((d) => datestampGranularity(d) === granularity).sort();
    if (stamps.length < 2) {
      results.skip('selective.from-until', 'Not enough records with valid datestamps to choose a window');
    } else {
      // A window from the middle of the sample to its 3/4 point: both bounds are real datestamps.
      const from = stamps[Math.floor(stamps.length / 2)] as string;
      const until = stamps[Math.floor((stamps.length * 3) / 4)] as string;
      const list = await readList('ListIdentifiers', prefix, 1000, { from, until });
      results.ran('selective.from-until');
      const lo = datestampTime(from);
      const hi = granularity === 'YYYY-MM-DD' ? datestampTime(until) + 86_399_999 : datestampTime(until);
      const outside = (list.items as OaiHeader[]).filter((h) => {
        const t = datestampTime(h.datestamp);
        return Number.isNaN(t) || t < lo || t > hi;
      });
      if (list.noMatch) {
        results.fail('selective.from-until', { message: `from=${from}&until=${until} gave noRecordsMatch, but records with these datestamps were listed`, ...(list.firstExchange ? where(list.firstExchange) : {}) });
      } else if (outside.length) {
        results.fail('selective.from-until', {
          message: `from=${from}&until=${until} returned ${outside.length} record(s) outside the window, e.g. ${outside.slice(0, 3).map((h) => `${h.identifier} (${h.datestamp})`).join(', ')}`,
          ...(list.firstExchange ? where(list.firstExchange) : {}),
        });
      }
    }

    const future = new Date(now().getTime() + 366 * 86_400_000);
    const fromFuture = granularity === 'YYYY-MM-DD' ? future.toISOString().slice(0, 10) : `${future.toISOString().slice(0, 19)}Z`;
    expectOaiError('selective.future-from', await send([['verb', 'ListIdentifiers'], ['metadataPrefix', prefix], ['from', fromFuture]]), 'noRecordsMatch');

    const day = (stamps[0] ?? '2000-01-01').slice(0, 10);
    expectOaiError('selective.mixed-granularity', await send([['verb', 'ListIdentifiers'], ['metadataPrefix', prefix], ['from', day], ['until', `${day}T23:59:59Z`]]), 'badArgument');

    if (granularity === 'YYYY-MM-DD') {
      expectOaiError('selective.finer-granularity', await send([['verb', 'ListIdentifiers'], ['metadataPrefix', prefix], ['from', `${day}T00:00:00Z`]]), 'badArgument');
    } else {
      results.skip('selective.finer-granularity', 'The repository declares seconds granularity, the finest there is');
    }
  }

  async function checkErrors(prefix: string, records: OaiRecord[]): Promise<void> {
    expectOaiError('errors.bad-verb', await send([['verb', 'EntenteNoSuchVerb']]), 'badVerb');
    expectOaiError('errors.bad-argument-missing', await send([['verb', 'ListRecords']]), 'badArgument');
    expectOaiError('errors.bad-argument-repeated', await send([['verb', 'ListIdentifiers'], ['metadataPrefix', prefix], ['metadataPrefix', prefix]]), 'badArgument');
    expectOaiError('errors.bad-argument-illegal', await send([['verb', 'Identify'], ['entente-probe', '1']]), 'badArgument');
    expectOaiError('errors.bad-resumption-token', await send([['verb', 'ListIdentifiers'], ['resumptionToken', 'entente-forged-token-0000']]), 'badResumptionToken');
    expectOaiError('errors.cannot-disseminate-format', await send([['verb', 'ListIdentifiers'], ['metadataPrefix', 'entente_no_such_format']]), 'cannotDisseminateFormat');
    const known = records[0]?.header.identifier ?? 'oai:entente.invalid:x';
    expectOaiError('errors.id-does-not-exist', await send([['verb', 'GetRecord'], ['identifier', `${known}-entente-no-such-record`], ['metadataPrefix', prefix]]), 'idDoesNotExist');
  }

  function checkResponseTimes(): void {
    const slowMs = options.slowMs ?? 10_000;
    const answered = exchanges.filter((e) => !e.networkError);
    if (answered.length === 0) return;
    results.ran('politeness.response-time');
    const slow = answered.filter((e) => e.elapsedMs > slowMs);
    for (const e of slow.slice(0, 3)) {
      results.fail('politeness.response-time', { message: `${e.verb} took ${(e.elapsedMs / 1000).toFixed(1)} s (more than ${slowMs / 1000} s)`, ...where(e) });
    }
  }
}

/** A record with its metadata cut out of its page as a document of its own. */
function sampled(record: OaiRecord, texts: Map<OaiRecord, string>): SampledRecord {
  const text = texts.get(record);
  if (!record.metadata || text === undefined) return { record };
  return { record, metadataXml: standaloneXml(record.metadata, text) };
}

function sameHeader(a: OaiHeader, b: OaiHeader): boolean {
  return a.identifier === b.identifier && a.datestamp === b.datestamp && a.deleted === b.deleted && [...a.setSpecs].sort().join('\n') === [...b.setSpecs].sort().join('\n');
}

function describeHeader(h: OaiHeader): string {
  return `(${h.datestamp}${h.deleted ? ', deleted' : ''}${h.setSpecs.length ? `, sets ${h.setSpecs.join(' ')}` : ''})`;
}
