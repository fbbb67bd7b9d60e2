// An OAI-PMH 2.0 data provider over an in-memory record list: request parameters in, XML response out.
// No I/O and no sockets (startOaiServer adds HTTP); no state between requests beyond the records themselves.
//
// Speed: records are kept sorted by (datestamp, identifier); each list request finds its window by
// binary search over a per-(metadataPrefix, set) list, and a page is a join of `<record>` strings
// rendered once per record and prefix. Changing a record replaces its frozen copy, which drops its
// rendered strings with it, so the cache cannot go stale.

import { EntenteError } from '../errors.js';
import { formatDatestamp, fromBound, granularityOf, untilBound } from './datestamp.js';
import {
  POSTAMBLE,
  escapeXml,
  renderErrors,
  renderHeader,
  renderPreamble,
  renderRecord,
  renderResumptionToken,
  type OaiError,
} from './render.js';
import { decodeResumptionToken, encodeResumptionToken, type TokenState } from './resumption-token.js';
import type {
  MetadataFormat,
  OaiProvider,
  OaiResponse,
  ProviderOptions,
  ProviderRecord,
  ProviderSet,
  ResolvedProviderOptions,
} from './types.js';

/** The format every OAI-PMH repository must offer. */
export const OAI_DC_FORMAT: MetadataFormat = Object.freeze({
  metadataPrefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
});

const CONTENT_TYPE = 'text/xml; charset=utf-8';
// setSpec and metadataPrefix syntax from the OAI-PMH 2.0 schema (unreserved URI characters, ':' for hierarchy).
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*$/;
const METADATA_PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;

type Verb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'ListIdentifiers' | 'ListRecords' | 'GetRecord';

/** Arguments each verb accepts (OAI-PMH 2.0 §4); `exclusive` must come alone when present. */
const VERB_ARGS: Record<Verb, { required: readonly string[]; optional: readonly string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

function isVerb(v: string | undefined): v is Verb {
  return v !== undefined && Object.hasOwn(VERB_ARGS, v);
}

/** A record as held: the frozen copy plus what is derived from it (cached renderings die with it). */
interface Item {
  readonly record: ProviderRecord;
  /** Every set the record is in, ancestors of its setSpecs included (a handful: an array beats a Set). */
  readonly memberOf: readonly string[];
  header: string | undefined;
  /** prefix to rendered `<record>` ('' for a deletion, the same in every prefix). */
  rendered: Map<string, string> | undefined;
}

type Outcome = { xml: string } | { errors: OaiError[] };


function invalid(path: string, message: string): EntenteError {
  return new EntenteError('ERR_CONFIG_INVALID', `OAI provider: ${path}: ${message}`, { context: { path } });
}

function compareItems(a: Item, b: Item): number {
  const x = a.record;
  const y = b.record;
  if (x.datestamp !== y.datestamp) return x.datestamp < y.datestamp ? -1 : 1;
  return x.identifier < y.identifier ? -1 : x.identifier > y.identifier ? 1 : 0;
}

/** First index whose datestamp is >= ds (or > ds when `strict`). */
function searchDatestamp(list: readonly Item[], ds: string, strict: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = (list[mid] as Item).record.datestamp;
    if (v < ds || (strict && v === ds)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index strictly after (datestamp, identifier). */
function searchAfter(list: readonly Item[], ds: string, id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = (list[mid] as Item).record;
    if (r.datestamp < ds || (r.datestamp === ds && r.identifier <= id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolveOptions(opts: ProviderOptions): ResolvedProviderOptions {
  if (typeof opts !== 'object' || opts === null) throw invalid('options', 'must be an object');
  const nonEmpty = (key: 'repositoryName' | 'adminEmail'): string => {
    const v = opts[key];
    if (typeof v !== 'string' || v.trim() === '') throw invalid(key, 'must be a non-empty string');
    return v;
  };
  const repositoryName = nonEmpty('repositoryName');
  const adminEmail = nonEmpty('adminEmail');
  if (opts.granularity !== 'YYYY-MM-DD' && opts.granularity !== 'YYYY-MM-DDThh:mm:ssZ') {
    throw invalid('granularity', `must be 'YYYY-MM-DD' or 'YYYY-MM-DDThh:mm:ssZ', not ${JSON.stringify(opts.granularity)}`);
  }
  if (!['no', 'transient', 'persistent'].includes(opts.deletedRecord)) {
    throw invalid('deletedRecord', `must be 'no', 'transient' or 'persistent', not ${JSON.stringify(opts.deletedRecord)}`);
  }
  if (!Number.isSafeInteger(opts.pageSize) || opts.pageSize < 1) throw invalid('pageSize', 'must be a positive integer');
  if (opts.earliestDatestamp !== undefined && granularityOf(opts.earliestDatestamp) !== opts.granularity) {
    throw invalid('earliestDatestamp', `${JSON.stringify(opts.earliestDatestamp)} is not a datestamp in ${opts.granularity}`);
  }
  if (opts.tokenTtlMs !== undefined && !(Number.isFinite(opts.tokenTtlMs) && opts.tokenTtlMs > 0)) {
    throw invalid('tokenTtlMs', 'must be a positive number of milliseconds');
  }
  if (opts.now !== undefined && typeof opts.now !== 'function') throw invalid('now', 'must be a function returning a Date');

  const sets: ProviderSet[] = [];
  const seenSets = new Set<string>();
  (opts.sets ?? []).forEach((s, i) => {
    if (typeof s?.setSpec !== 'string' || !SET_SPEC.test(s.setSpec)) throw invalid(`sets[${i}].setSpec`, `${JSON.stringify(s?.setSpec)} is not a valid setSpec`);
    if (typeof s.setName !== 'string') throw invalid(`sets[${i}].setName`, 'must be a string');
    if (seenSets.has(s.setSpec)) throw invalid(`sets[${i}].setSpec`, `${s.setSpec} is listed twice`);
    seenSets.add(s.setSpec);
    sets.push(Object.freeze({ setSpec: s.setSpec, setName: s.setName }));
  });

  const formats: MetadataFormat[] = [];
  const seenFormats = new Set<string>();
  const givenFormats = opts.formats ?? [OAI_DC_FORMAT];
  if (givenFormats.length === 0) throw invalid('formats', 'must list at least one format (OAI-PMH requires oai_dc)');
  givenFormats.forEach((f, i) => {
    if (typeof f?.metadataPrefix !== 'string' || !METADATA_PREFIX.test(f.metadataPrefix)) {
      throw invalid(`formats[${i}].metadataPrefix`, `${JSON.stringify(f?.metadataPrefix)} is not a valid metadataPrefix`);
    }
    if (typeof f.schema !== 'string' || typeof f.metadataNamespace !== 'string') throw invalid(`formats[${i}]`, 'schema and metadataNamespace must be strings');
    if (seenFormats.has(f.metadataPrefix)) throw invalid(`formats[${i}].metadataPrefix`, `${f.metadataPrefix} is listed twice`);
    seenFormats.add(f.metadataPrefix);
    formats.push(Object.freeze({ metadataPrefix: f.metadataPrefix, schema: f.schema, metadataNamespace: f.metadataNamespace }));
  });

  const compression = [...(opts.compression ?? [])];
  compression.forEach((c, i) => {
    if (c !== 'gzip' && c !== 'deflate') throw invalid(`compression[${i}]`, `must be 'gzip' or 'deflate', not ${JSON.stringify(c)}`);
  });

  return Object.freeze({
    repositoryName,
    adminEmail,
    granularity: opts.granularity,
    earliestDatestamp: opts.earliestDatestamp,
    deletedRecord: opts.deletedRecord,
    pageSize: opts.pageSize,
    sets: Object.freeze(sets),
    formats: Object.freeze(formats),
    now: opts.now ?? (() => new Date()),
    tokenTtlMs: opts.tokenTtlMs,
    compression: Object.freeze(compression),
  });
}

/**
 * Creates an OAI-PMH 2.0 repository.
 *
 * @example
 * const provider = createOaiProvider({ repositoryName: 'Demo', adminEmail: 'a@example.org',
 *   granularity: 'YYYY-MM-DD', deletedRecord: 'persistent', pageSize: 100, records });
 * provider.handle(new URLSearchParams('verb=Identify'), 'http://127.0.0.1:8080/oai');
 */
export function createOaiProvider(opts: ProviderOptions): OaiProvider {
  const options = resolveOptions(opts);
  const formatByPrefix = new Map(options.formats.map((f) => [f.metadataPrefix, f]));
  const hasSets = options.sets.length > 0;
  const declaredSets = new Set(options.sets.map((s) => s.setSpec));
  const exposeDeleted = options.deletedRecord !== 'no';

  let items = new Map<string, Item>();
  // Derived views, rebuilt lazily after a change.
  let sortedAll: Item[] | undefined;
  const lists = new Map<string, Item[]>();

  function toItem(r: ProviderRecord, path: string): Item {
    if (typeof r !== 'object' || r === null) throw invalid(path, 'must be a record object');
    if (typeof r.identifier !== 'string' || r.identifier === '') throw invalid(`${path}.identifier`, 'must be a non-empty string');
    if (typeof r.datestamp !== 'string' || granularityOf(r.datestamp) !== options.granularity) {
      throw invalid(`${path}.datestamp`, `${JSON.stringify(r.datestamp)} (record ${r.identifier}) is not a datestamp in ${options.granularity}`);
    }
    if (!Array.isArray(r.sets)) throw invalid(`${path}.sets`, 'must be an array of setSpecs');
    const sets = Object.freeze([...r.sets]) as string[];
    let memberOf: readonly string[] = sets;
    for (let i = 0; i < sets.length; i++) {
      const s = sets[i];
      if (typeof s !== 'string' || !SET_SPEC.test(s)) throw invalid(`${path}.sets[${i}]`, `${JSON.stringify(s)} is not a valid setSpec`);
      // Hierarchy: a record in a:b:c is also in a:b and a.
      if (s.includes(':')) {
        if (memberOf === sets) memberOf = [...sets];
        for (let c = s.indexOf(':'); c !== -1; c = s.indexOf(':', c + 1)) {
          const ancestor = s.slice(0, c);
          if (!memberOf.includes(ancestor)) (memberOf as string[]).push(ancestor);
        }
      }
    }
    if (r.deleted !== undefined && typeof r.deleted !== 'boolean') throw invalid(`${path}.deleted`, 'must be a boolean');
    const deleted = r.deleted === true;
    const metadata: Record<string, string> = {};
    if (!deleted) {
      if (typeof r.metadata !== 'object' || r.metadata === null) throw invalid(`${path}.metadata`, 'must map metadataPrefix to XML');
      for (const prefix in r.metadata) {
        if (!Object.hasOwn(r.metadata, prefix)) continue;
        const xml = r.metadata[prefix];
        if (!formatByPrefix.has(prefix)) throw invalid(`${path}.metadata.${prefix}`, `the repository offers no format ${prefix} (see options.formats)`);
        if (typeof xml !== 'string') throw invalid(`${path}.metadata.${prefix}`, 'must be an XML string');
        metadata[prefix] = xml;
      }
    }
    if (r.about !== undefined && (!Array.isArray(r.about) || r.about.some((a) => typeof a !== 'string'))) {
      throw invalid(`${path}.about`, 'must be an array of XML strings');
    }
    const record: ProviderRecord = {
      identifier: r.identifier,
      datestamp: r.datestamp,
      sets,
      metadata: Object.freeze(metadata),
    };
    if (deleted) record.deleted = true;
    if (r.about !== undefined && !deleted) record.about = Object.freeze([...r.about]) as string[];
    return { record: Object.freeze(record), memberOf, header: undefined, rendered: undefined };
  }

  function changed(): void {
    sortedAll = undefined;
    lists.clear();
  }

  function setRecords(records: readonly ProviderRecord[]): void {
    if (!Array.isArray(records)) throw invalid('records', 'must be an array');
    const next = new Map<string, Item>();
    for (let i = 0; i < records.length; i++) {
      const item = toItem(records[i] as ProviderRecord, `records[${i}]`);
      if (next.has(item.record.identifier)) throw invalid(`records[${i}].identifier`, `${item.record.identifier} is not unique`);
      next.set(item.record.identifier, item);
    }
    items = next;
    changed();
  }

  function upsert(records: ProviderRecord | readonly ProviderRecord[]): void {
    const list: readonly ProviderRecord[] = Array.isArray(records) ? records : [records as ProviderRecord];
    // Validate all first, so a bad record leaves the provider unchanged.
    const next = list.map((r, i) => toItem(r, `upsert[${i}]`));
    for (const item of next) items.set(item.record.identifier, item);
    changed();
  }

  function getSortedAll(): Item[] {
    sortedAll ??= [...items.values()].sort(compareItems);
    return sortedAll;
  }

  function isVisible(item: Item): boolean {
    return exposeDeleted || item.record.deleted !== true;
  }

  function supports(item: Item, prefix: string): boolean {
    // A deletion has no metadata, but its header must reach harvesters of every format.
    return item.record.deleted === true || Object.hasOwn(item.record.metadata, prefix);
  }

  /** The records a list request in (prefix, set) ranges over, in list order. */
  function listFor(prefix: string, set: string | undefined): Item[] {
    const key = set === undefined ? prefix : `${prefix}\n${set}`;
    let list = lists.get(key);
    if (!list) {
      list = getSortedAll().filter((it) => isVisible(it) && supports(it, prefix) && (set === undefined || it.memberOf.includes(set)));
      // Cache declared sets only, so that requests for made-up sets cannot grow memory without bound.
      if (set === undefined || declaredSets.has(set)) lists.set(key, list);
    }
    return list;
  }

  function headerOf(item: Item): string {
    item.header ??= renderHeader(item.record);
    return item.header;
  }

  function recordOf(item: Item, prefix: string): string {
    const key = item.record.deleted ? '' : prefix;
    item.rendered ??= new Map();
    let xml = item.rendered.get(key);
    if (xml === undefined) {
      xml = renderRecord(item.record, headerOf(item), prefix);
      item.rendered.set(key, xml);
    }
    return xml;
  }

  function visibleItem(identifier: string): Item | undefined {
    const item = items.get(identifier);
    return item && isVisible(item) ? item : undefined;
  }

  function datestamp(date?: Date): string {
    return formatDatestamp(date ?? options.now(), options.granularity);
  }

  // ---- verbs ----

  function identify(baseURL: string): Outcome {
    let earliest = options.earliestDatestamp;
    if (earliest === undefined) {
      const first = getSortedAll().find(isVisible);
      earliest = first ? first.record.datestamp : formatDatestamp(new Date(0), options.granularity);
    }
    let xml =
      '<Identify>\n' +
      `<repositoryName>${escapeXml(options.repositoryName)}</repositoryName>\n` +
      `<baseURL>${escapeXml(baseURL)}</baseURL>\n` +
      '<protocolVersion>2.0</protocolVersion>\n' +
      `<adminEmail>${escapeXml(options.adminEmail)}</adminEmail>\n` +
      `<earliestDatestamp>${earliest}</earliestDatestamp>\n` +
      `<deletedRecord>${options.deletedRecord}</deletedRecord>\n` +
      `<granularity>${options.granularity}</granularity>\n`;
    for (const c of options.compression) xml += `<compression>${c}</compression>\n`;
    return { xml: xml + '</Identify>\n' };
  }

  function listMetadataFormats(identifier: string | undefined): Outcome {
    let formats: readonly MetadataFormat[] = options.formats;
    if (identifier !== undefined) {
      const item = visibleItem(identifier);
      if (!item) return { errors: [{ code: 'idDoesNotExist', message: `No item has the identifier ${identifier}` }] };
      formats = formats.filter((f) => supports(item, f.metadataPrefix));
      if (formats.length === 0) return { errors: [{ code: 'noMetadataFormats', message: `No metadata formats are available for ${identifier}` }] };
    }
    let xml = '<ListMetadataFormats>\n';
    for (const f of formats) {
      xml +=
        `<metadataFormat><metadataPrefix>${escapeXml(f.metadataPrefix)}</metadataPrefix>` +
        `<schema>${escapeXml(f.schema)}</schema>` +
        `<metadataNamespace>${escapeXml(f.metadataNamespace)}</metadataNamespace></metadataFormat>\n`;
    }
    return { xml: xml + '</ListMetadataFormats>\n' };
  }

  /** Decodes a token for `verb`, checking it was issued for that verb and has not expired. */
  function readToken(token: string, verb: TokenState['verb']): TokenState | OaiError {
    const decoded = token === '' ? { ok: false as const, reason: 'the resumptionToken is empty' } : decodeResumptionToken(token, options.repositoryName);
    if (!decoded.ok) return { code: 'badResumptionToken', message: `Invalid resumptionToken: ${decoded.reason}` };
    const state = decoded.state;
    if (state.verb !== verb) return { code: 'badResumptionToken', message: `This resumptionToken was issued for ${state.verb}, not ${verb}` };
    if (state.expires !== undefined && options.now().getTime() > state.expires) {
      return { code: 'badResumptionToken', message: `This resumptionToken expired at ${new Date(state.expires).toISOString().slice(0, 19)}Z` };
    }
    if (state.metadataPrefix !== undefined && !formatByPrefix.has(state.metadataPrefix)) {
      return { code: 'badResumptionToken', message: `This resumptionToken is for metadataPrefix ${state.metadataPrefix}, which the repository no longer offers` };
    }
    return state;
  }

  function expiry(): { expires?: number; expirationDate?: string } {
    if (options.tokenTtlMs === undefined) return {};
    // Whole seconds, so that the expirationDate announced is exactly when the token stops working.
    const expires = Math.floor((options.now().getTime() + options.tokenTtlMs) / 1000) * 1000;
    return { expires, expirationDate: new Date(expires).toISOString().slice(0, 19) + 'Z' };
  }

  function listSets(token: string | undefined): Outcome {
    if (!hasSets) return { errors: [{ code: 'noSetHierarchy', message: 'This repository does not support sets' }] };
    let start = 0;
    if (token !== undefined) {
      const state = readToken(token, 'ListSets');
      if ('code' in state) return { errors: [state] };
      start = state.cursor;
    }
    const all = options.sets;
    if (start >= all.length) return { errors: [{ code: 'badResumptionToken', message: 'This resumptionToken points past the end of the list of sets' }] };
    const end = Math.min(start + options.pageSize, all.length);
    let xml = '<ListSets>\n';
    for (let i = start; i < end; i++) {
      const s = all[i] as ProviderSet;
      xml += `<set><setSpec>${escapeXml(s.setSpec)}</setSpec><setName>${escapeXml(s.setName)}</setName></set>\n`;
    }
    if (end < all.length) {
      const { expires, expirationDate } = expiry();
      const next: TokenState = { verb: 'ListSets', after: ['', (all[end - 1] as ProviderSet).setSpec], cursor: end };
      if (expires !== undefined) next.expires = expires;
      xml += renderResumptionToken(encodeResumptionToken(next, options.repositoryName), all.length, start, expirationDate);
    } else if (token !== undefined) {
      xml += renderResumptionToken('', all.length, start);
    }
    return { xml: xml + '</ListSets>\n' };
  }

  function list(verb: 'ListRecords' | 'ListIdentifiers', args: Map<string, string>): Outcome {
    const token = args.get('resumptionToken');
    let state: TokenState;
    if (token !== undefined) {
      const read = readToken(token, verb);
      if ('code' in read) return { errors: [read] };
      state = read;
    } else {
      state = { verb, after: ['', ''], cursor: 0 };
      const prefix = args.get('metadataPrefix') as string;
      state.metadataPrefix = prefix;
      const from = args.get('from');
      const until = args.get('until');
      const set = args.get('set');
      if (from !== undefined) state.from = from;
      if (until !== undefined) state.until = until;
      if (set !== undefined) state.set = set;
      const errors: OaiError[] = [];
      if (!formatByPrefix.has(prefix)) errors.push({ code: 'cannotDisseminateFormat', message: `The metadata format ${prefix} is not supported by this repository` });
      if (set !== undefined && !hasSets) errors.push({ code: 'noSetHierarchy', message: 'This repository does not support sets' });
      if (errors.length > 0) return { errors };
    }

    const prefix = state.metadataPrefix as string;
    const list = listFor(prefix, state.set);
    const lo = state.from === undefined ? 0 : searchDatestamp(list, fromBound(state.from, options.granularity), false);
    const hi = state.until === undefined ? list.length : searchDatestamp(list, untilBound(state.until, options.granularity), true);
    const start = token === undefined ? lo : Math.max(lo, searchAfter(list, state.after[0], state.after[1]));
    const end = Math.min(start + options.pageSize, hi);
    if (start >= end) {
      return {
        errors: [{
          code: 'noRecordsMatch',
          message: token === undefined ? 'No records match the request' : 'No records remain after this resumptionToken (records were removed since it was issued)',
        }],
      };
    }

    const parts: string[] = [verb === 'ListRecords' ? '<ListRecords>' : '<ListIdentifiers>'];
    if (verb === 'ListRecords') for (let i = start; i < end; i++) parts.push(recordOf(list[i] as Item, prefix));
    else for (let i = start; i < end; i++) parts.push(headerOf(list[i] as Item));
    let tail = '';
    const completeListSize = Math.max(0, hi - lo);
    if (end < hi) {
      const last = (list[end - 1] as Item).record;
      const { expires, expirationDate } = expiry();
      const next: TokenState = { ...state, after: [last.datestamp, last.identifier], cursor: state.cursor + (end - start) };
      if (expires !== undefined) next.expires = expires;
      else delete next.expires;
      tail = renderResumptionToken(encodeResumptionToken(next, options.repositoryName), completeListSize, state.cursor, expirationDate);
    } else if (token !== undefined) {
      // The last page of a multi-page list ends it with an empty token (OAI-PMH 2.0 §3.5).
      tail = renderResumptionToken('', completeListSize, state.cursor);
    }
    return { xml: parts.join('\n') + '\n' + tail + (verb === 'ListRecords' ? '</ListRecords>\n' : '</ListIdentifiers>\n') };
  }

  function getRecord(identifier: string, prefix: string): Outcome {
    const errors: OaiError[] = [];
    const item = visibleItem(identifier);
    if (!formatByPrefix.has(prefix)) errors.push({ code: 'cannotDisseminateFormat', message: `The metadata format ${prefix} is not supported by this repository` });
    if (!item) errors.push({ code: 'idDoesNotExist', message: `No item has the identifier ${identifier}` });
    else if (errors.length === 0 && !supports(item, prefix)) {
      errors.push({ code: 'cannotDisseminateFormat', message: `The item ${identifier} is not available in ${prefix}` });
    }
    if (errors.length > 0 || !item) return { errors };
    return { xml: '<GetRecord>\n' + recordOf(item, prefix) + '\n</GetRecord>\n' };
  }

  // ---- arguments ----

  /** The badArgument problems of a request whose verb is known; empty when the arguments are legal. */
  function checkArguments(verb: Verb, params: URLSearchParams): OaiError[] {
    const spec = VERB_ARGS[verb];
    const errors: OaiError[] = [];
    const bad = (message: string): void => void errors.push({ code: 'badArgument', message });
    const counts = new Map<string, number>();
    for (const [key, value] of params) {
      if (key === 'verb') continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const legal = spec.required.includes(key) || spec.optional.includes(key) || spec.exclusive === key;
      if (!legal) bad(`${key} is not an argument of ${verb}`);
      else if (value === '' && key !== 'resumptionToken') bad(`${key} has an empty value`);
    }
    for (const [key, n] of counts) if (n > 1) bad(`${key} is repeated (${n} times)`);
    if (spec.exclusive !== undefined && counts.has(spec.exclusive)) {
      const others = [...counts.keys()].filter((k) => k !== spec.exclusive);
      if (others.length > 0) bad(`${spec.exclusive} is an exclusive argument: ${others.join(', ')} must not accompany it`);
      return errors;
    }
    for (const key of spec.required) if (!counts.has(key)) bad(`${verb} requires ${key}`);

    // Dates: well-formed, not finer than the repository, one granularity, from <= until.
    const from = params.get('from');
    const until = params.get('until');
    const gFrom = from ? granularityOf(from) : undefined;
    const gUntil = until ? granularityOf(until) : undefined;
    if (from && !gFrom) bad(`from=${from} is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
    if (until && !gUntil) bad(`until=${until} is not a UTC datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
    for (const [name, value, g] of [['from', from, gFrom], ['until', until, gUntil]] as const) {
      if (g === 'YYYY-MM-DDThh:mm:ssZ' && options.granularity === 'YYYY-MM-DD') {
        bad(`${name}=${value} is finer than the repository granularity (YYYY-MM-DD)`);
      }
    }
    if (gFrom && gUntil) {
      if (gFrom !== gUntil) bad(`from and until must have the same granularity (from=${from}, until=${until})`);
      else if ((from as string) > (until as string)) bad(`from=${from} is later than until=${until}`);
    }
    return errors;
  }

  function respond(responseDate: string, baseURL: string, attrs: [string, string][], outcome: Outcome): OaiResponse {
    const inner = 'errors' in outcome ? renderErrors(outcome.errors) : outcome.xml;
    return { status: 200, contentType: CONTENT_TYPE, body: renderPreamble(responseDate, baseURL, attrs) + inner + POSTAMBLE };
  }

  function handle(params: URLSearchParams, baseURL: string): OaiResponse {
    const responseDate = formatDatestamp(options.now(), 'YYYY-MM-DDThh:mm:ssZ');
    const verbs = params.getAll('verb');
    const verb = verbs[0];
    if (verbs.length !== 1 || !isVerb(verb)) {
      const message =
        verbs.length === 0 ? 'The verb argument is missing' :
        verbs.length > 1 ? 'The verb argument is repeated' :
        `${verb ?? ''} is not an OAI-PMH verb`;
      // For badVerb and badArgument the request element carries no attributes (OAI-PMH 2.0 §3.2).
      return respond(responseDate, baseURL, [], { errors: [{ code: 'badVerb', message }] });
    }
    const argErrors = checkArguments(verb, params);
    if (argErrors.length > 0) return respond(responseDate, baseURL, [], { errors: argErrors });

    const args = new Map<string, string>();
    for (const [k, v] of params) if (k !== 'verb') args.set(k, v);
    const attrs: [string, string][] = [['verb', verb], ...args];
    let outcome: Outcome;
    switch (verb) {
      case 'Identify':
        outcome = identify(baseURL);
        break;
      case 'ListMetadataFormats':
        outcome = listMetadataFormats(args.get('identifier'));
        break;
      case 'ListSets':
        outcome = listSets(args.get('resumptionToken'));
        break;
      case 'ListIdentifiers':
      case 'ListRecords':
        outcome = list(verb, args);
        break;
      case 'GetRecord':
        outcome = getRecord(args.get('identifier') as string, args.get('metadataPrefix') as string);
        break;
    }
    return respond(responseDate, baseURL, attrs, outcome);
  }

  setRecords(opts.records ?? []);

  return {
    options,
    handle,
    setRecords,
    upsert,
    remove(identifier: string): boolean {
      const existed = items.delete(identifier);
      if (existed) changed();
      return existed;
    },
    markDeleted(identifier: string, when?: string): boolean {
      const item = items.get(identifier);
      if (!item) return false;
      upsert({ identifier, datestamp: when ?? datestamp(), sets: [...item.record.sets], deleted: true, metadata: {} });
      return true;
    },
    getRecord(identifier: string): ProviderRecord | undefined {
      return items.get(identifier)?.record;
    },
    records(): readonly ProviderRecord[] {
      return getSortedAll().map((it) => it.record);
    },
    datestamp,
  };
}
