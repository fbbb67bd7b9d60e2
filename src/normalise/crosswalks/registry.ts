// Which crosswalk reads which metadata: one entry per root element namespace (and local name,
// where one namespace has several roots). Pure data: no I/O. Add a format by adding its entries.

import type { Crosswalk } from './draft.js';
import { crosswalkMarcxml, MARC_NS } from './marcxml.js';
import { crosswalkMets, crosswalkMods, METS_NS, MODS_NS } from './mods.js';
import { crosswalkQdc, DCTERMS_NS, QDC_DSPACE_NS, QDC_OCLC_NS } from './qdc.js';
import { crosswalkOaiDc, DC_NS, OAI_DC_NS } from './oai-dc.js';
import { crosswalkLido, LIDO_NS } from './lido.js';
import { crosswalkEdm, RDF_NS } from './edm.js';
import { crosswalkDatacite, DATACITE_3_NS, DATACITE_NS, OAI_DATACITE_1_0_NS, OAI_DATACITE_NS, OAIRE_NS } from './datacite.js';

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
  // LIDO 1.0 and 1.1: a lidoWrap (its first lido is mapped) or a single lido.
  { ns: LIDO_NS, format: 'lido', crosswalk: crosswalkLido },
  // EDM: an rdf:RDF document (provider EDM, or Europeana's with ore:Proxy nodes).
  { ns: RDF_NS, name: 'RDF', format: 'edm', crosswalk: crosswalkEdm },
  // DataCite: the kernel resource itself, oai_datacite (payload/resource), OpenAIRE Guidelines 4 oaire:resource.
  { ns: DATACITE_NS, format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: DATACITE_3_NS, format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: 'http://datacite.org/schema/kernel-2.2', format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: 'http://datacite.org/schema/kernel-2.1', format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: OAI_DATACITE_NS, format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: OAI_DATACITE_1_0_NS, format: 'datacite', crosswalk: crosswalkDatacite },
  { ns: OAIRE_NS, name: 'resource', format: 'datacite', crosswalk: crosswalkDatacite },
  // Qualified DC: CONTENTdm's oai_qdc, DSpace's qdc, and a root that is itself in the DCMI Terms namespace.
  { ns: QDC_OCLC_NS, format: 'qdc', crosswalk: crosswalkQdc },
  { ns: QDC_DSPACE_NS, format: 'qdc', crosswalk: crosswalkQdc },
  { ns: DCTERMS_NS, format: 'qdc', crosswalk: crosswalkQdc },
  // MODS 3.x: a mods record or a modsCollection (its first mods is mapped); METS is read by its MODS.
  { ns: MODS_NS, format: 'mods', crosswalk: crosswalkMods },
  { ns: METS_NS, format: 'mods', crosswalk: crosswalkMets },
  // MARCXML: record or collection in MARC21/slim, and without a namespace as Alma exports it. The
  // unnamespaced entries are by name only, so other unnamespaced roots stay unsupported; a bare
  // `record` of DC elements never gets here (normaliseRecord reads it as simple DC first).
  { ns: MARC_NS, format: 'marcxml', crosswalk: crosswalkMarcxml },
  { ns: '', name: 'record', format: 'marcxml', crosswalk: crosswalkMarcxml },
  { ns: '', name: 'collection', format: 'marcxml', crosswalk: crosswalkMarcxml },
  // (more formats: add their entries here)
];

const byKey = new Map<string, CrosswalkEntry>();
for (const e of CROSSWALKS) byKey.set(e.name === undefined ? e.ns : `${e.ns} ${e.name}`, e);

/** The entry for a metadata root, by namespace and local name, then by namespace alone. */
export function crosswalkEntryFor(ns: string, name: string): CrosswalkEntry | undefined {
  return byKey.get(`${ns} ${name}`) ?? byKey.get(ns);
}
