// The record checks: normalise a sample of records, then measure validity, field coverage and
// quality, issue counts, XML Schema validity and a score per format. Pure apart from the schema
// validator it is given (synchronous, offline).

import type { NormalisedRecord } from '../model/record.js';
import type { Issue } from '../model/types.js';
import { formatOfPrefix } from '../normalise/crosswalks/format-names.js';
import { normaliseRecord } from '../normalise/normalise.js';
import type { SampledFormat } from './oai-pmh-check.js';
import type { ResultCollector } from './results.js';
import type { FieldCoverage, FormatReport, IssueCount, Readiness, SchemaValidation, Severity } from './types.js';
import type { SchemaValidator } from './xsd.js';

/** Score thresholds: at or above `ready` a format is ready to harvest as is; at or above `usable` it is usable. */
export const READINESS_THRESHOLDS = Object.freeze({ ready: 80, usable: 50 });

/** Fields whose coverage counts in the score: what search, display and deduplication rely on. */
const CORE_FIELDS = ['title', 'creator', 'date', 'type', 'language', 'subject', 'description', 'identifier', 'rights', 'isShownAt'] as const;

const ALL_FIELDS = [
  'title', 'alternative', 'description', 'subject', 'creator', 'contributor', 'date', 'type', 'format',
  'language', 'publisher', 'spatial', 'identifier', 'rights', 'isShownAt', 'isShownBy', 'relation',
] as const;

type Field = (typeof ALL_FIELDS)[number];

const isAbsoluteHttpUrl = (v: string | undefined): boolean => {
  if (!v) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

const hasIssue = (issues: Issue[], prefix: string): boolean => issues.some((i) => i.code.startsWith(prefix));

/** The quality test of a field, when it has one: what it means, and whether a record passes it. */
const QUALITY: Partial<Record<Field, { quality: string; good: (r: NormalisedRecord) => boolean }>> = {
  date: { quality: 'parses to EDTF or a year range', good: (r) => r.date?.edtf !== undefined || r.date?.earliest !== undefined },
  language: { quality: 'valid ISO 639 codes or names', good: (r) => !hasIssue(r.issues, 'LANGUAGE_UNRECOGNISED') },
  rights: { quality: 'maps to a rightsstatements.org or Creative Commons URI', good: (r) => r.rights?.uri !== undefined },
  identifier: { quality: 'checksums valid (ISBN, ISSN)', good: (r) => !hasIssue(r.issues, 'IDENTIFIER_CHECKSUM') },
  isShownAt: { quality: 'an absolute http(s) URL', good: (r) => isAbsoluteHttpUrl(r.isShownAt) },
  isShownBy: { quality: 'an absolute http(s) URL', good: (r) => isAbsoluteHttpUrl(r.isShownBy) },
  type: { quality: 'every type maps to DCMI Type', good: (r) => !hasIssue(r.issues, 'TYPE_UNMAPPED') },
};

function present(r: NormalisedRecord, field: Field): boolean {
  const v = r[field];
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (field === 'rights') return r.rights?.uri !== undefined || r.rights?.statement !== undefined;
  return true;
}

/** The readiness a score gives. */
export function readinessOf(score: number): Readiness {
  return score >= READINESS_THRESHOLDS.ready ? 'ready' : score >= READINESS_THRESHOLDS.usable ? 'usable' : 'needs work';
}

/**
 * The score of a format, 0 to 100: 40 % records that validate against the model, 30 % mean
 * coverage of the core fields, 20 % quality of the values present, 10 % XML Schema validity
 * (the model share again when no schema is bundled).
 */
export function scoreFormat(input: { live: number; valid: number; fields: FieldCoverage[]; schema: SchemaValidation }): number {
  if (input.live === 0) return 0;
  const validShare = input.valid / input.live;
  const core = input.fields.filter((f) => (CORE_FIELDS as readonly string[]).includes(f.field));
  const coverage = core.reduce((s, f) => s + f.present / input.live, 0) / CORE_FIELDS.length;
  const withQuality = input.fields.filter((f) => f.good !== undefined && f.present > 0);
  const presentTotal = withQuality.reduce((s, f) => s + f.present, 0);
  const quality = presentTotal === 0 ? 1 : withQuality.reduce((s, f) => s + (f.good as number), 0) / presentTotal;
  const schemaShare = input.schema.validated > 0 ? (input.schema.validated - input.schema.invalid) / input.schema.validated : validShare;
  return Math.round(100 * (0.4 * validShare + 0.3 * coverage + 0.2 * quality + 0.1 * schemaShare));
}

/** One sampled record, normalised, with its raw metadata for schema validation when it is XML. */
export interface RecordEntry {
  localId: string;
  deleted: boolean;
  /** The normalised record (live records). */
  record?: NormalisedRecord;
  /** The raw metadata as a standalone XML document, and its root namespace (XML formats). */
  metadataXml?: string;
  metadataNs?: string;
}

/** Normalises one OAI-PMH format's sample and measures it (see analyseRecords). */
export function analyseSample(
  sample: SampledFormat,
  options: { validator?: SchemaValidator; results: ResultCollector; harvestedAt: string; sourceId: string },
): FormatReport {
  const entries: RecordEntry[] = sample.records.map(({ record: r, metadataXml }) => {
    if (r.header.deleted) return { localId: r.header.identifier, deleted: true };
    const record = normaliseRecord({
      sourceId: options.sourceId,
      localId: r.header.identifier,
      datestamp: r.header.datestamp,
      deleted: false,
      sets: r.header.setSpecs,
      format: sample.metadataPrefix,
      metadata: r.metadata,
      harvestedAt: options.harvestedAt,
      extraIssues: r.issues,
    });
    const entry: RecordEntry = { localId: r.header.identifier, deleted: false, record };
    if (metadataXml !== undefined && r.metadata) {
      entry.metadataXml = metadataXml;
      entry.metadataNs = r.metadata.ns;
    }
    return entry;
  });
  return analyseRecords(sample.metadataPrefix, formatOfPrefix(sample.metadataPrefix), entries, options);
}

/** Measures one format's normalised sample and adds the records.* check results. Pure but for the validator. */
export function analyseRecords(
  metadataPrefix: string,
  format: string | undefined,
  entries: readonly RecordEntry[],
  options: { validator?: SchemaValidator; results: ResultCollector },
): FormatReport {
  const { results } = options;
  const counts = new Map<Field, { present: number; good: number }>(ALL_FIELDS.map((f) => [f, { present: 0, good: 0 }]));
  const issues = new Map<string, { severity: Severity; count: number; examples: string[] }>();
  const schema: SchemaValidation = { validated: 0, invalid: 0, examples: [] };
  let deleted = 0;
  let valid = 0;
  let live = 0;
  let unsupported = 0;
  let firstNs: string | undefined;
  // Why records were left unvalidated although a schema is bundled (the first reason met).
  let notValidated: string | undefined;

  for (const entry of entries) {
    const rec = entry.record;
    if (entry.deleted || !rec) {
      deleted++;
      continue;
    }
    live++;
    if (!rec.issues.some((i) => i.severity === 'error')) valid++;
    if (hasIssue(rec.issues, 'FORMAT_UNSUPPORTED')) unsupported++;
    for (const f of ALL_FIELDS) {
      if (!present(rec, f)) continue;
      const c = counts.get(f) as { present: number; good: number };
      c.present++;
      if (QUALITY[f]?.good(rec)) c.good++;
    }
    const seenCodes = new Set<string>();
    for (const i of rec.issues) {
      if (seenCodes.has(i.code)) continue; // count records, not occurrences
      seenCodes.add(i.code);
      const e = issues.get(i.code) ?? { severity: i.severity, count: 0, examples: [] };
      e.count++;
      if (e.examples.length < 3) e.examples.push(entry.localId);
      issues.set(i.code, e);
    }
    if (entry.metadataNs !== undefined) firstNs ??= entry.metadataNs;
    if (options.validator && entry.metadataXml !== undefined && entry.metadataNs !== undefined) {
      const verdict = options.validator.validate(entry.metadataXml, entry.metadataNs);
      // No schema for the namespace: the record is not validated.
      if (verdict.schema !== undefined) {
        if (verdict.skipped !== undefined) {
          notValidated ??= verdict.skipped;
          continue;
        }
        // Named only once a record was judged by it (a sample of MODS 3.7 records was not).
        schema.schema = verdict.schema;
        if (verdict.origin) schema.origin = verdict.origin;
        schema.validated++;
        if (verdict.errors.length) {
          schema.invalid++;
          if (schema.examples.length < 3) schema.examples.push({ recordId: entry.localId, message: verdict.errors[0] as string });
        }
      }
    }
  }

  const fields: FieldCoverage[] = ALL_FIELDS.map((f) => {
    const c = counts.get(f) as { present: number; good: number };
    const q = QUALITY[f];
    return q ? { field: f, present: c.present, good: c.good, quality: q.quality } : { field: f, present: c.present };
  });
  const issueList: IssueCount[] = [...issues.entries()]
    .map(([code, e]) => ({ code, severity: e.severity, count: e.count, examples: e.examples }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.count - a.count || a.code.localeCompare(b.code));
  const score = scoreFormat({ live, valid, fields, schema });

  if (live > 0) {
    if (schema.validated > 0) {
      results.ran('records.schema');
      if (schema.invalid > 0) {
        results.fail('records.schema', {
          message: `${schema.invalid} of ${schema.validated} ${metadataPrefix} records do not validate against ${schema.schema}: ${schema.examples[0]?.message ?? ''}`,
          recordIds: schema.examples.map((e) => e.recordId),
        });
      }
    } else if (notValidated !== undefined && !results.has('records.schema')) {
      results.skip('records.schema', `No ${metadataPrefix} record was validated: ${notValidated}`);
    } else if (!results.has('records.schema')) {
      const why = firstNs === undefined ? 'the records are not XML' : `root namespace ${firstNs || 'none'}`;
      // Say how to supply one: an archive holds its own format's schema even when entente does not.
      const how = firstNs ? `; give one with --schema ${firstNs}=FILE` : '';
      results.skip('records.schema', `No XML Schema is bundled for ${metadataPrefix} (${why}): schema not bundled${how}`);
    }
    results.ran('records.model');
    if (valid < live) {
      const worst = issueList.filter((i) => i.severity === 'error').slice(0, 3);
      results.fail('records.model', {
        severity: readinessOf(score) === 'needs work' ? 'warning' : 'info',
        message: `${live - valid} of ${live} ${metadataPrefix} records have error-level issues${worst.length ? ` (${worst.map((w) => `${w.code} ×${w.count}`).join(', ')})` : ''}${unsupported ? `; ${unsupported} in a format entente cannot map` : ''}`,
        recordIds: worst.flatMap((w) => w.examples).slice(0, 3),
      });
    }
  }

  const report: FormatReport = { metadataPrefix, sampled: entries.length, deleted, valid, fields, issues: issueList, schemaValidation: schema, score, readiness: readinessOf(score) };
  if (format !== undefined) report.format = format;
  return report;
}

function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}
