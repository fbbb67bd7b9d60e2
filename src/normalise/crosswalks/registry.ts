// Which crosswalk reads which metadata: one entry per root element namespace (and local name,
// where one namespace has several roots). Pure data: no I/O. Add a format by adding its entries.

import type { Crosswalk } from './draft.js';
import { crosswalkOaiDc, DC_NS, OAI_DC_NS } from './oai-dc.js';

/** One way to recognise a metadata root and the crosswalk that reads it. */
export interface CrosswalkEntry {
  /** Namespace URI of the metadata root element. */
  ns: string;
  /** Local name of the root, when the namespace alone is not enough (e.g. MARC `record` vs `collection`). */
  name?: string;
  /** The format's usual name, for issues and docs (oai_dc, mods, marcxml, lido, edm, datacite). */
  format: string;
  crosswalk: Crosswalk;
}

export const CROSSWALKS: readonly CrosswalkEntry[] = [
  // Simple DC: oai_dc, SRU's srw_dc, and a root that is itself in the DC namespace.
  { ns: OAI_DC_NS, format: 'oai_dc', crosswalk: crosswalkOaiDc },
  { ns: 'info:srw/schema/1/dc-schema', format: 'oai_dc', crosswalk: crosswalkOaiDc },
  { ns: DC_NS, format: 'oai_dc', crosswalk: crosswalkOaiDc },
  // (more formats: add their entries here)
];

const byKey = new Map<string, CrosswalkEntry>();
for (const e of CROSSWALKS) byKey.set(e.name === undefined ? e.ns : `${e.ns} ${e.name}`, e);

/** The entry for a metadata root, by namespace and local name, then by namespace alone. */
export function crosswalkEntryFor(ns: string, name: string): CrosswalkEntry | undefined {
  return byKey.get(`${ns} ${name}`) ?? byKey.get(ns);
}
