// Reads the bodies of Identify, ListMetadataFormats and ListSets responses. Pure: no I/O.

import { childElements, cleanText, firstChild, type XmlElement } from '../../xml/parse.js';
import type { OaiResponse } from './response.js';

export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';

export interface Identify {
  repositoryName: string;
  baseURL: string;
  protocolVersion: string;
  earliestDatestamp: string;
  deletedRecord: 'no' | 'transient' | 'persistent' | string;
  /** As declared; `granularity()` below gives the usable value. */
  granularity: string;
  adminEmails: string[];
  compression: string[];
  responseDate: string;
}

export interface MetadataFormat {
  metadataPrefix: string;
  schema: string;
  metadataNamespace: string;
}

export interface OaiSet {
  setSpec: string;
  setName: string;
}

function text(parent: XmlElement, ns: string, name: string): string {
  const el = firstChild(parent, ns, name);
  return el ? cleanText(el) : '';
}

function texts(parent: XmlElement, ns: string, name: string): string[] {
  return childElements(parent, ns, name).map(cleanText).filter(Boolean);
}

export function readIdentify(response: OaiResponse): Identify {
  const ns = response.parsed.root.ns;
  const body = response.body as XmlElement;
  return {
    repositoryName: text(body, ns, 'repositoryName'),
    baseURL: text(body, ns, 'baseURL'),
    protocolVersion: text(body, ns, 'protocolVersion'),
    earliestDatestamp: text(body, ns, 'earliestDatestamp'),
    deletedRecord: text(body, ns, 'deletedRecord'),
    granularity: text(body, ns, 'granularity'),
    adminEmails: texts(body, ns, 'adminEmail'),
    compression: texts(body, ns, 'compression'),
    responseDate: response.responseDate,
  };
}

/** The granularity to use: the declared one when valid, else day (always allowed by the spec). */
export function usableGranularity(declared: string): Granularity {
  return declared.trim() === 'YYYY-MM-DDThh:mm:ssZ' ? 'YYYY-MM-DDThh:mm:ssZ' : 'YYYY-MM-DD';
}

/**
 * Epoch milliseconds of a timestamp in any ISO form a repository sends (a day is its start, UTC;
 * milliseconds, offsets and a doubled Z are tolerated); NaN when it is not a date.
 */
export function datestampMs(timestamp: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(timestamp) ? `${timestamp}T00:00:00Z` : timestamp.replace(/Z+$/, 'Z'));
}

/** Epoch milliseconds as a datestamp in a granularity, UTC. */
export function datestampAt(ms: number, granularity: Granularity): string {
  const iso = new Date(ms).toISOString();
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/** Formats a UTC timestamp (any ISO form the repository sent, see datestampMs) in a granularity. */
export function toGranularity(timestamp: string, granularity: Granularity): string | undefined {
  const t = datestampMs(timestamp);
  return Number.isNaN(t) ? undefined : datestampAt(t, granularity);
}

export function readMetadataFormats(response: OaiResponse): MetadataFormat[] {
  const ns = response.parsed.root.ns;
  return childElements(response.body as XmlElement, ns, 'metadataFormat').map((f) => ({
    metadataPrefix: text(f, ns, 'metadataPrefix'),
    schema: text(f, ns, 'schema'),
    metadataNamespace: text(f, ns, 'metadataNamespace'),
  }));
}

export function readSets(response: OaiResponse): OaiSet[] {
  const ns = response.parsed.root.ns;
  return childElements(response.body as XmlElement, ns, 'set').map((s) => ({
    setSpec: text(s, ns, 'setSpec'),
    setName: text(s, ns, 'setName'),
  }));
}
