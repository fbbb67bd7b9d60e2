// Test helpers: OAI-PMH requests over real HTTP and a reading of the responses with src/xml/parse.ts.
// No assertions here beyond "this is an OAI-PMH document": the tests say what they expect.

import { attr, childElements, firstChild, parseXml, textOf, type XmlElement } from '../../src/xml/parse.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';

export type Params = Record<string, string> | [string, string][] | string;

export interface OaiHeader {
  identifier: string;
  datestamp: string;
  sets: string[];
  deleted: boolean;
}

export interface OaiToken {
  value: string;
  completeListSize: number | undefined;
  cursor: number | undefined;
  expirationDate: string | undefined;
}

/** A parsed OAI-PMH response. */
export interface OaiDoc {
  status: number;
  headers: Headers;
  body: string;
  root: XmlElement;
  responseDate: string;
  request: { attrs: Record<string, string>; url: string };
  errors: { code: string; message: string }[];
  /** The element named after the verb, when the response is not an error. */
  verb: XmlElement | undefined;
}

export function toSearchParams(params: Params): URLSearchParams {
  return new URLSearchParams(params);
}

export function parseOai(body: string, status = 200, headers = new Headers()): OaiDoc {
  const { root } = parseXml(body, { label: 'OAI-PMH response' });
  if (root.ns !== OAI_NS || root.name !== 'OAI-PMH') throw new Error(`not an OAI-PMH document: <${root.qname}>`);
  const responseDate = textOf(firstChild(root, OAI_NS, 'responseDate') as XmlElement);
  const req = firstChild(root, OAI_NS, 'request') as XmlElement;
  const errors = childElements(root, OAI_NS, 'error').map((e) => ({ code: attr(e, 'code') ?? '', message: textOf(e) }));
  const verb = childElements(root, OAI_NS).find((e) => !['responseDate', 'request', 'error'].includes(e.name));
  return { status, headers, body, root, responseDate, request: { attrs: { ...req.attrs }, url: textOf(req) }, errors, verb };
}

/** GET baseURL?params and parse the answer. */
export async function oaiGet(baseURL: string, params: Params): Promise<OaiDoc> {
  const res = await fetch(`${baseURL}?${toSearchParams(params).toString()}`);
  return parseOai(await res.text(), res.status, res.headers);
}

/** POST the params form-encoded and parse the answer. */
export async function oaiPost(baseURL: string, params: Params): Promise<OaiDoc> {
  const res = await fetch(baseURL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: toSearchParams(params).toString(),
  });
  return parseOai(await res.text(), res.status, res.headers);
}

function readHeader(h: XmlElement): OaiHeader {
  return {
    identifier: textOf(firstChild(h, OAI_NS, 'identifier') as XmlElement),
    datestamp: textOf(firstChild(h, OAI_NS, 'datestamp') as XmlElement),
    sets: childElements(h, OAI_NS, 'setSpec').map(textOf),
    deleted: attr(h, 'status') === 'deleted',
  };
}

/** Headers of a ListIdentifiers, ListRecords or GetRecord response, in document order. */
export function headersOf(doc: OaiDoc): OaiHeader[] {
  if (!doc.verb) return [];
  if (doc.verb.name === 'ListIdentifiers') return childElements(doc.verb, OAI_NS, 'header').map(readHeader);
  return childElements(doc.verb, OAI_NS, 'record').map((r) => readHeader(firstChild(r, OAI_NS, 'header') as XmlElement));
}

export function recordsOf(doc: OaiDoc): XmlElement[] {
  return doc.verb ? childElements(doc.verb, OAI_NS, 'record') : [];
}

export function tokenOf(doc: OaiDoc): OaiToken | undefined {
  const el = doc.verb ? firstChild(doc.verb, OAI_NS, 'resumptionToken') : undefined;
  if (!el) return undefined;
  const num = (name: string): number | undefined => (attr(el, name) === undefined ? undefined : Number(attr(el, name)));
  return { value: textOf(el), completeListSize: num('completeListSize'), cursor: num('cursor'), expirationDate: attr(el, 'expirationDate') };
}

/** Follows a list to its end, the way a harvester does: only verb and token after the first request. */
export async function harvestAll(baseURL: string, params: Record<string, string>, maxPages = 10_000): Promise<{ pages: OaiDoc[]; headers: OaiHeader[] }> {
  const pages: OaiDoc[] = [];
  let doc = await oaiGet(baseURL, params);
  for (;;) {
    pages.push(doc);
    const token = tokenOf(doc);
    if (!token || token.value === '') break;
    if (pages.length >= maxPages) throw new Error('too many pages');
    doc = await oaiGet(baseURL, { verb: params.verb as string, resumptionToken: token.value });
  }
  return { pages, headers: pages.flatMap(headersOf) };
}
