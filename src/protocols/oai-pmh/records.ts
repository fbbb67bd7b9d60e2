// Reads the records (or headers) out of a parsed ListRecords, ListIdentifiers or GetRecord
// response into RawRecords, each with its metadata element and the XML warnings that fall in it.
// Pure: no I/O.

import { createHash } from 'node:crypto';
import type { Issue, RawRecord } from '../../model/types.js';
import { attr, childElements, cleanText, firstChild, inheritedNamespaces, sourceBytes, type ParsedXml, type XmlElement, type XmlWarning } from '../../xml/parse.js';
import type { OaiResponse } from './response.js';

export interface OaiHeader {
  identifier: string;
  datestamp: string;
  setSpecs: string[];
  deleted: boolean;
}

/** One record of a list page: what the archive sent, and its parsed metadata for the crosswalks. */
export interface OaiRecord {
  raw: RawRecord;
  header: OaiHeader;
  /** The single element inside `<metadata>`; undefined for deleted records and bare headers. */
  metadata: XmlElement | undefined;
  /** Problems found while reading this record: the record is kept, the problem carried with it. */
  issues: Issue[];
}

export function readHeader(header: XmlElement, ns: string): OaiHeader {
  const setSpecs: string[] = [];
  for (const s of childElements(header, ns, 'setSpec')) {
    const spec = cleanText(s);
    if (spec && !setSpecs.includes(spec)) setSpecs.push(spec); // DSpace repeated set specs
  }
  return {
    identifier: cleanText(firstChild(header, ns, 'identifier') ?? header).trim(),
    datestamp: cleanText(firstChild(header, ns, 'datestamp') ?? header),
    setSpecs,
    deleted: attr(header, 'status') === 'deleted',
  };
}

/** Hex SHA-256 of a payload: of its UTF-8 bytes, whether given as a string or as the bytes. */
export function sha256Hex(payload: string | Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

function warningsIn(el: XmlElement, warnings: XmlWarning[]): Issue[] {
  const out: Issue[] = [];
  for (const w of warnings) {
    if (w.offset >= el.start && w.offset <= el.end) out.push({ code: w.code, severity: 'warning', path: '', message: w.message });
  }
  return out;
}

/**
 * The records of a list or GetRecord response. `kind` picks `<record>` (ListRecords, GetRecord)
 * or bare `<header>` (ListIdentifiers) children.
 */
export function readRecords(
  response: OaiResponse,
  context: { sourceId: string; metadataPrefix: string; kind: 'record' | 'header' },
): OaiRecord[] {
  const body = response.body;
  if (!body) return [];
  const ns = response.parsed.root.ns;
  return childElements(body, ns, context.kind).map((el) =>
    readRecordElement(el, { ...context, ns, text: response.parsed.text, binary: response.parsed.binary, bytes: response.parsed.bytes, warnings: response.parsed.warnings, encodingReplaced: response.encodingReplaced }),
  );
}

/**
 * A `<record>` parsed on its own, as its root: a stored raw payload read again (`renormalise`),
 * one record of a broken page (salvage), a record file (`validate`).
 */
export function readStandaloneRecord(parsed: ParsedXml, context: { sourceId: string; metadataPrefix: string }): OaiRecord {
  return readRecordElement(parsed.root, { ...context, kind: 'record', ns: parsed.root.ns, text: parsed.text, binary: parsed.binary, bytes: parsed.bytes, warnings: parsed.warnings });
}

/**
 * A record read from a page parsed in binary mode: it holds the payload's bytes and decodes them
 * only when `payload` is read (the harvester stores the bytes and never does). A class, because
 * a getter defined per object costs ~3.5 us a record, a prototype getter nothing. Being a class
 * instance, structuredClone would drop `payload`: read it first if records cross threads.
 */
class Utf8RawRecord implements RawRecord {
  readonly sourceId: string;
  readonly localId: string;
  readonly datestamp: string;
  readonly deleted: boolean;
  readonly sets: string[];
  readonly format: string;
  readonly payloadBytes: Uint8Array;
  readonly hash: string;
  namespaces?: Record<string, string>;
  #payload: string | undefined;

  constructor(sourceId: string, header: OaiHeader, format: string, bytes: Uint8Array, hash: string) {
    this.sourceId = sourceId;
    this.localId = header.identifier;
    this.datestamp = header.datestamp;
    this.deleted = header.deleted;
    this.sets = header.setSpecs;
    this.format = format;
    this.payloadBytes = bytes;
    this.hash = hash;
  }

  get payload(): string {
    return (this.#payload ??= Buffer.from(this.payloadBytes.buffer, this.payloadBytes.byteOffset, this.payloadBytes.byteLength).toString('utf8'));
  }
}

/** One `<record>` (or bare `<header>`) element: its header, metadata, raw payload and issues. */
export function readRecordElement(
  el: XmlElement,
  context: { sourceId: string; metadataPrefix: string; kind: 'record' | 'header'; ns: string; text: string; binary?: boolean; bytes?: Uint8Array | undefined; warnings: XmlWarning[]; encodingReplaced?: boolean },
): OaiRecord {
  const { ns, text, warnings } = context;
  const headerEl = context.kind === 'header' ? el : firstChild(el, ns, 'header');
  const issues: Issue[] = warnings.length ? warningsIn(el, warnings) : [];
  // Binary mode: the bytes as served; the string only if someone asks for it (see RawRecord).
  const bytes = context.binary ? sourceBytes({ text, binary: true, ...(context.bytes ? { bytes: context.bytes } : {}) }, el.start, el.end) : undefined;
  const payloadText = bytes ? undefined : text.slice(el.start, el.end);
  if (context.encodingReplaced && payloadText?.includes('\uFFFD')) {
    issues.push({
      code: 'XML_ENCODING_REPLACED',
      severity: 'warning',
      path: '',
      message: 'Bytes invalid in the declared character encoding were replaced by U+FFFD',
    });
  }
  const hash = sha256Hex(bytes ?? (payloadText as string));
  const header: OaiHeader = headerEl ? readHeader(headerEl, ns) : { identifier: '', datestamp: '', setSpecs: [], deleted: false };
  if (!header.identifier) {
    // Keyed by content so the record is kept (and stays the same record if served again).
    header.identifier = `urn:entente:no-identifier:${hash.slice(0, 24)}`;
    issues.push({ code: 'OAI_HEADER_NO_IDENTIFIER', severity: 'error', path: '/source/localId', message: 'The record header has no identifier; entente keyed it by its content hash' });
  }
  if (!header.datestamp) {
    issues.push({ code: 'OAI_HEADER_NO_DATESTAMP', severity: 'warning', path: '/source/datestamp', message: 'The record header has no datestamp' });
  }
  const metadataEl = context.kind === 'record' ? firstChild(el, ns, 'metadata') : undefined;
  const metadata = metadataEl ? childElements(metadataEl)[0] : undefined;
  const namespaces = inheritedNamespaces(el);
  const raw: RawRecord = bytes
    ? new Utf8RawRecord(context.sourceId, header, context.metadataPrefix, bytes, hash)
    : { sourceId: context.sourceId, localId: header.identifier, datestamp: header.datestamp, deleted: header.deleted, sets: header.setSpecs, format: context.metadataPrefix, payload: payloadText ?? '', hash };
  if (Object.keys(namespaces).length) raw.namespaces = namespaces;
  return { raw, header, metadata, issues };
}
