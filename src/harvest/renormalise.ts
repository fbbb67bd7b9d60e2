// Re-runs the crosswalks over stored raw records, without the network: after a crosswalk or a
// vocabulary improves, `entente renormalise` brings every stored record up to date.

import type { Catalogue } from '../catalogue/catalogue.js';
import { toEntenteError } from '../errors.js';
import type { NormalisedRecord } from '../model/record.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { readStandaloneRecord } from '../protocols/oai-pmh/records.js';
import { parseXml } from '../xml/parse.js';

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
export function renormaliseSource(catalogue: Catalogue, sourceId: string, options: { onProgress?: (done: number) => void } = {}): RenormaliseResult {
  const result: RenormaliseResult = { sourceId, records: 0, changed: 0, failed: 0 };
  for (const batch of catalogue.rawBatches(sourceId)) {
    const replacements: { id: string; record: string; issueCount: number; errorCount: number }[] = [];
    for (const row of batch) {
      result.records++;
      try {
        const parsed = parseXml(row.payload, row.namespaces ? { namespaces: row.namespaces } : {});
        const item = readStandaloneRecord(parsed, { sourceId, metadataPrefix: row.format });
        // Provenance that came from the harvest (its time, the configured labels) is kept as it was.
        const previous = row.record ? (JSON.parse(row.record) as Partial<NormalisedRecord>) : undefined;
        const record = normaliseRecord({
          sourceId,
          localId: row.localId,
          datestamp: row.datestamp,
          deleted: row.deleted,
          sets: row.sets,
          format: row.format,
          metadata: item.metadata,
          harvestedAt: previous?.source?.harvestedAt ?? new Date().toISOString(),
          ...(previous?.provider ? { provider: previous.provider } : {}),
          ...(previous?.dataProvider ? { dataProvider: previous.dataProvider } : {}),
          extraIssues: [...harvestTimeIssues(previous, item.issues), ...item.issues],
        });
        // A deleted record has no metadata to re-map, and a tombstone keeps its last live description.
        if (row.deleted && previous) continue;
        const json = JSON.stringify(record);
        if (json === row.record) continue;
        let errorCount = 0;
        for (const i of record.issues) if (i.severity === 'error') errorCount++;
        replacements.push({ id: record.id, record: json, issueCount: record.issues.length, errorCount });
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
