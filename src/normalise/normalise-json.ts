// Turns one harvested JSON document (a IIIF manifest, a Linked Art object) into a validated NormalisedRecord.
// Pure: no I/O. Never throws on bad data: every problem becomes an Issue stored with the record.

import type { NormalisedRecord } from '../model/record.js';
import type { Issue } from '../model/types.js';
import type { CrosswalkContext, RecordDraft } from './crosswalks/draft.js';
import { crosswalkIiif, iiifVersionOf } from './crosswalks/iiif.js';
import { crosswalkLinkedArt, isLinkedArt } from './crosswalks/linked-art.js';
import { finishRecord, type RecordEnvelope } from './normalise.js';
import { issueValue } from './vocab/vocab-issue.js';

export type JsonFormat = 'iiif-v2' | 'iiif-v3' | 'linked-art';

/** Which crosswalk reads this document, by its @context/@type/type; undefined when none does. */
export function detectJsonFormat(document: unknown): JsonFormat | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const doc = document as Record<string, unknown>;
  const iiif = iiifVersionOf(doc);
  if (iiif !== undefined) return iiif === 2 ? 'iiif-v2' : 'iiif-v3';
  if (isLinkedArt(doc)) return 'linked-art';
  return undefined;
}

export interface JsonNormaliseInput extends RecordEnvelope {
  /** The parsed JSON document (a IIIF manifest, a Linked Art object); ignored when deleted. */
  document: unknown;
  /** Where the document was fetched from, when known. */
  url?: string;
  extraIssues?: Issue[];
}

/** What the document is, in a few words, for FORMAT_UNSUPPORTED. */
function describe(document: unknown): string {
  if (document === null) return 'null';
  if (Array.isArray(document)) return 'an array';
  if (typeof document !== 'object') return `a ${typeof document}`;
  const doc = document as Record<string, unknown>;
  const type = doc['type'] ?? doc['@type'];
  if (type === 'sc:Collection' || type === 'Collection') return `a IIIF collection (not a record: the iiif-collection protocol harvests its manifests)`;
  return typeof type === 'string' ? `an object of type "${type}"` : 'an object without a IIIF or Linked Art type';
}

/**
 * The crosswalk of a format, run so that a bug in it costs one record, not the run: an exception
 * (none is expected: bad data becomes issues) is kept as a CROSSWALK_FAILED error on the record.
 */
function runCrosswalk(format: JsonFormat, doc: Record<string, unknown>, ctx: CrosswalkContext): RecordDraft | undefined {
  try {
    return format === 'linked-art' ? crosswalkLinkedArt(doc, ctx) : crosswalkIiif(doc, ctx);
  } catch (err) {
    ctx.issues.push({ code: 'CROSSWALK_FAILED', severity: 'error', path: '', message: `The ${format} crosswalk failed: ${(err as Error).message ?? String(err)}; please report this with the record` });
    return undefined;
  }
}

/**
 * Normalises one JSON record: picks the crosswalk by detectJsonFormat, maps, and finishes the
 * record like the XML ones (id, provenance, validation). Pure, never throws on bad data
 * (problems become issues, FORMAT_UNSUPPORTED when no crosswalk applies).
 */
export function normaliseJsonRecord(input: JsonNormaliseInput): NormalisedRecord {
  const issues: Issue[] = input.extraIssues ? input.extraIssues.slice() : [];
  const ctx: CrosswalkContext = { issues };
  let draft: RecordDraft | undefined;
  const { document, url, extraIssues: _extra, ...rest } = input;
  const envelope: RecordEnvelope = rest;
  if (!input.deleted) {
    if (document === undefined) {
      issues.push({ code: 'METADATA_MISSING', severity: 'error', path: '', message: 'The record is not deleted but has no JSON document' });
    } else {
      const format = detectJsonFormat(document);
      if (format !== undefined) draft = runCrosswalk(format, document as Record<string, unknown>, ctx);
      else {
        const what = describe(document);
        const i: Issue = {
          code: 'FORMAT_UNSUPPORTED',
          severity: 'warning',
          path: '',
          message: `No JSON crosswalk for ${what} (expected a IIIF Presentation 2/3 manifest or a Linked Art object); only the source information was kept`,
        };
        if (url !== undefined) i.value = issueValue(url);
        issues.push(i);
      }
    }
  }
  return finishRecord(envelope, draft, issues);
}
