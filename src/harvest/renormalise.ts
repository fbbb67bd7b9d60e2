// Re-runs the crosswalks over stored raw records, without the network: after a crosswalk or a
// vocabulary improves, `entente renormalise` brings every stored record up to date.

import type { Catalogue } from '../catalogue/catalogue.js';
import { toEntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { readStandaloneRecord } from '../protocols/oai-pmh/records.js';
import { parseXml } from '../xml/parse.js';
import type { JsonMapping } from '../config/types.js';
import type { RawRecordRow } from '../catalogue/catalogue.js';
import { MAPPED_FORMAT, normaliseJsonItem } from './process-json-page.js';
import { storedForm } from './stored-form.js';

/** Formats of records harvested from JSON protocols (see process-json-page.ts). */
const JSON_FORMATS = new Set(['iiif-v2', 'iiif-v3', 'linked-art', 'json', MAPPED_FORMAT]);

type Replacement = Parameters<Catalogue['replaceNormalised']>[0][number];

/** Provenance that came from the harvest (its time, the configured labels), kept as it was. */
function harvestProvenance(previous: Partial<NormalisedRecord> | undefined): { harvestedAt: string; provider?: string; dataProvider?: string } {
  return {
    harvestedAt: previous?.source?.harvestedAt ?? new Date().toISOString(),
    ...(previous?.provider ? { provider: previous.provider } : {}),
    ...(previous?.dataProvider ? { dataProvider: previous.dataProvider } : {}),
  };
}

/** The row for replaceNormalised, or undefined when the record reads as it was stored. */
function replacementFor(record: NormalisedRecord, stored: string | undefined): Replacement | undefined {
  // Most records read as they were: their search document is only made for those that changed.
  const json = JSON.stringify(record);
  return json === stored ? undefined : storedForm(record, json);
}

/** Re-normalises one stored JSON record; undefined when it is unchanged or cannot be redone (a mapped record without its mapping, a tombstone). */
function renormaliseJson(sourceId: string, row: RawRecordRow, mapping: JsonMapping | undefined): Replacement | undefined {
  if (row.deleted || (row.format === MAPPED_FORMAT && mapping === undefined)) return undefined;
  const previous = row.record ? (JSON.parse(row.record) as Partial<NormalisedRecord>) : undefined;
  // A record kept without its object (OBJECT_UNAVAILABLE) has no document to read again.
  if (previous?.issues?.some((i) => i.code === 'OBJECT_UNAVAILABLE')) return undefined;
  const record = normaliseJsonItem(
    { localId: row.localId, datestamp: row.datestamp, deleted: false, document: JSON.parse(row.payload) as unknown, issues: (previous?.issues ?? []).filter((i) => i.code === 'JSON_ITEM_NO_ID') },
    { sourceId, sets: row.sets, format: row.format, ...harvestProvenance(previous) },
    row.format === MAPPED_FORMAT ? mapping : undefined,
  );
  return replacementFor(record, row.record);
}

export interface RenormaliseResult {
  sourceId: string;
  /** Raw records read. */
  records: number;
  /** Normalised records whose JSON changed (and were rewritten). */
  changed: number;
  /** Raw records that could not be read again (their stored record is kept); with the first error. */
  failed: number;
  firstError?: string;
}

/** Renormalises one source's records, a batch per transaction. */
export function renormaliseSource(
  catalogue: Catalogue,
  sourceId: string,
  options: { onProgress?: (done: number) => void; /** json-pages: the source's mapping (records it mapped are kept as they are without it). */ mapping?: JsonMapping } = {},
): RenormaliseResult {
  const result: RenormaliseResult = { sourceId, records: 0, changed: 0, failed: 0 };
  for (const batch of catalogue.rawBatches(sourceId)) {
    const replacements: Replacement[] = [];
    for (const row of batch) {
      result.records++;
      try {
        if (JSON_FORMATS.has(row.format)) {
          const replacement = renormaliseJson(sourceId, row, options.mapping);
          if (replacement) replacements.push(replacement);
          continue;
        }
        const parsed = parseXml(row.payload, row.namespaces ? { namespaces: row.namespaces } : {});
        const item = readStandaloneRecord(parsed, { sourceId, metadataPrefix: row.format });
        const previous = row.record ? (JSON.parse(row.record) as Partial<NormalisedRecord>) : undefined;
        const record = normaliseRecord({
          sourceId,
          localId: row.localId,
          datestamp: row.datestamp,
          deleted: row.deleted,
          sets: row.sets,
          format: row.format,
          metadata: item.metadata,
          ...harvestProvenance(previous),
          extraIssues: [...harvestTimeIssues(previous, item.issues), ...item.issues],
        });
        // A deleted record has no metadata to re-map, and a tombstone keeps its last live description.
        if (row.deleted && previous) continue;
        const replacement = replacementFor(record, row.record);
        if (replacement) replacements.push(replacement);
      } catch (err) {
        result.failed++;
        result.firstError ??= `${row.localId}: ${toEntenteError(err).message}`;
      }
    }
    if (replacements.length) catalogue.replaceNormalised(replacements);
    result.changed += replacements.length;
    options.onProgress?.(result.records);
  }
  return result;
}

/**
 * Issues found while reading the page at harvest time (a forbidden character removed, bytes
 * invalid in the encoding) cannot be found again in the cleaned raw record: carry them over.
 */
function harvestTimeIssues(previous: Partial<NormalisedRecord> | undefined, found: { code: string }[]): NormalisedRecord['issues'] {
  const seen = new Set(found.map((i) => i.code));
  return (previous?.issues ?? []).filter((i) => i.code.startsWith('XML_') && !seen.has(i.code));
}
