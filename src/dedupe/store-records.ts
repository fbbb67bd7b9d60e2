// Loads records into a catalogue as a harvest would (raw payload kept, one page transaction per
// batch), through the same oai_dc crosswalk and validation as harvested records. For the dedupe
// benches, their labelled datasets and tests; the harvester has its own page pipeline.

import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { Catalogue, StoredRecord } from '../catalogue/catalogue.js';
import type { NormalisedRecord } from '../model/record.js';
import { normaliseRecord } from '../normalise/normalise.js';
import { parseXml } from '../xml/parse.js';

/** A simple Dublin Core description, as an archive would serve it in oai_dc. */
export interface DcFields {
  title?: string[];
  creator?: string[];
  date?: string[];
  type?: string[];
  identifier?: string[];
  language?: string[];
  publisher?: string[];
  subject?: string[];
  description?: string[];
  source?: string[];
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The oai_dc XML of a description (elements in DC order, values escaped). */
export function toOaiDcXml(fields: DcFields): string {
  const parts: string[] = [];
  for (const name of ['title', 'creator', 'subject', 'description', 'publisher', 'date', 'type', 'identifier', 'source', 'language'] as const) {
    for (const v of fields[name] ?? []) if (v.trim()) parts.push(`<dc:${name}>${escapeXml(v)}</dc:${name}>`);
  }
  return `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${parts.join('')}</oai_dc:dc>`;
}

/** Normalises one oai_dc payload exactly as a harvested record is normalised. */
export function normaliseOaiDc(sourceId: string, localId: string, xml: string, harvestedAt = '2026-01-01T00:00:00Z'): NormalisedRecord {
  const parsed = parseXml(xml);
  return normaliseRecord({ sourceId, localId, datestamp: harvestedAt.slice(0, 10), deleted: false, sets: [], format: 'oai_dc', metadata: parsed.root, harvestedAt });
}

/** An item to store: its local id, raw payload and normalised record (deleted: a tombstone). */
export interface RecordToStore {
  localId: string;
  payload: string;
  record: NormalisedRecord;
}

/**
 * Writes records of one source in pages of `pageSize`, each page in its own transaction with a
 * checkpoint, through Catalogue.writePages (so the dedupe triggers see them like harvested ones).
 */
export function storeRecords(catalogue: Catalogue, sourceId: string, items: Iterable<RecordToStore>, pageSize = 1000): number {
  if (!catalogue.getSource(sourceId)) catalogue.upsertSource({ id: sourceId, protocol: 'oai-pmh', url: `http://127.0.0.1/${sourceId}`, config: {} });
  const runId = catalogue.startRun({ sourceId, mode: 'full', trigger: 'manual', from: null, responseDate: null });
  let page: RecordToStore[] = [];
  let pages = 0;
  let count = 0;
  const flush = (): void => {
    if (page.length === 0) return;
    const buffers = page.map((p) => Buffer.from(p.payload));
    let offset = 0;
    const records: StoredRecord[] = page.map((p, i) => {
      const len = (buffers[i] as Buffer).length;
      const json = JSON.stringify(p.record);
      const r: StoredRecord = {
        id: p.record.id,
        localId: p.localId,
        datestamp: p.record.source.datestamp,
        deleted: p.record.deleted,
        sets: p.record.source.sets,
        format: p.record.source.format,
        hash: createHash('sha256').update(p.payload).update(json).digest('hex'),
        rawOffset: offset,
        rawLength: len,
        namespaces: null,
        record: json,
        issueCount: p.record.issues.length,
        errorCount: p.record.issues.filter((x) => x.severity === 'error').length,
      };
      offset += len;
      return r;
    });
    pages++;
    catalogue.writePages([
      {
        sourceId,
        runId,
        records,
        rawBlob: deflateRawSync(Buffer.concat(buffers)),
        checkpoint: { windowIndex: 0, pages, records: (count += page.length) },
        plan: { mode: 'full', windows: [{ metadataPrefix: 'oai_dc' }], responseDate: null },
      },
    ]);
    page = [];
  };
  for (const item of items) {
    page.push(item);
    if (page.length >= pageSize) flush();
  }
  flush();
  catalogue.finishRun(runId, 'ok');
  return count;
}

/** Stores Dublin Core descriptions of one source through the oai_dc crosswalk. */
export function storeDcRecords(catalogue: Catalogue, sourceId: string, items: Iterable<{ localId: string; fields: DcFields }>, pageSize = 1000): number {
  function* normalised(): Generator<RecordToStore> {
    for (const it of items) {
      const payload = toOaiDcXml(it.fields);
      yield { localId: it.localId, payload, record: normaliseOaiDc(sourceId, it.localId, payload) };
    }
  }
  return storeRecords(catalogue, sourceId, normalised(), pageSize);
}
