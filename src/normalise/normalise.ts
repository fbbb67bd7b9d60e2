// Turns one harvested record (header fields plus parsed metadata) into a validated NormalisedRecord.
// Pure: no I/O. Never throws on bad data: every problem becomes an Issue stored with the record.

import type { NormalisedRecord, RecordSource } from '../model/record.js';
import type { Issue } from '../model/types.js';
import type { XmlElement } from '../xml/parse.js';
import type { Crosswalk, CrosswalkContext, RecordDraft } from './crosswalks/draft.js';
import { crosswalkOaiDc, DC_NS } from './crosswalks/oai-dc.js';
import { formatOfPrefix } from './crosswalks/format-names.js';
import { crosswalkEntryFor } from './crosswalks/registry.js';
import { catalogueId } from './record-id.js';
import { validateRecord } from './validate.js';

/** Everything normaliseRecord needs about one harvested record. */
export interface NormaliseInput {
  sourceId: string;
  /** OAI identifier or JSON item id. */
  localId: string;
  /** The archive's datestamp, as given. */
  datestamp: string;
  /** OAI status="deleted": the record becomes a tombstone. */
  deleted: boolean;
  /** setSpecs as given (duplicates are removed). */
  sets: string[];
  /** metadataPrefix or JSON format name. */
  format: string;
  /** The root element inside OAI `<metadata>`; undefined for deleted records. */
  metadata: XmlElement | undefined;
  /** ISO 8601 UTC; passed in, never read from a clock here. */
  harvestedAt: string;
  provider?: string;
  dataProvider?: string;
  /** Problems found before normalising (XML warnings from the parser, for example); kept first. */
  extraIssues?: Issue[];
}

/**
 * The crosswalk for a metadata root: a container whose children are all DC 1.1 elements is simple
 * DC whatever it is called (a no-namespace `<record>` of DC must not be taken for MARC); anything
 * else by its namespace and local name (see registry.ts).
 */
function crosswalkFor(root: XmlElement): { crosswalk: Crosswalk; format: string } | undefined {
  let sawDc = false;
  let onlyDc = true;
  for (const c of root.children) {
    if (typeof c !== 'object') continue;
    if (c.ns === DC_NS) sawDc = true;
    else onlyDc = false;
  }
  if (sawDc && onlyDc) return { crosswalk: crosswalkOaiDc, format: 'oai_dc' };
  return crosswalkEntryFor(root.ns, root.name);
}

function uniqueSets(sets: string[]): string[] {
  return sets.length < 2 ? sets.slice() : [...new Set(sets)];
}

/**
 * Normalises one record: picks the crosswalk by the metadata root's namespace, maps, adds id
 * and provenance, validates against the record schema, and returns the record with all its
 * issues (extraIssues first, then mapping problems, then schema problems). A deleted record is
 * a tombstone with an empty title and no schema error for it; an unsupported format gives a
 * record with source information only and FORMAT_UNSUPPORTED.
 */
export function normaliseRecord(input: NormaliseInput): NormalisedRecord {
  const issues: Issue[] = input.extraIssues ? input.extraIssues.slice() : [];
  const ctx: CrosswalkContext = { issues };
  let draft: RecordDraft | undefined;
  if (!input.deleted) {
    const root = input.metadata;
    if (root === undefined) {
      issues.push({ code: 'METADATA_MISSING', severity: 'error', path: '', message: 'The record is not deleted but has no metadata' });
    } else {
      const found = crosswalkFor(root);
      const declared = formatOfPrefix(input.format);
      if (found !== undefined && declared !== undefined && declared !== found.format) {
        issues.push({
          code: 'FORMAT_MISMATCH',
          severity: 'warning',
          path: '/source/format',
          message: `Declared as ${input.format}, but the metadata root <${root.qname}> is ${found.format}; read as ${found.format}`,
          value: root.ns,
        });
      }
      if (found !== undefined) draft = found.crosswalk(root, ctx);
      else {
        issues.push({
          code: 'FORMAT_UNSUPPORTED',
          severity: 'warning',
          path: '',
          message: `No crosswalk for metadata <${root.qname}> in namespace "${root.ns}"; only the source information was kept`,
          value: root.ns,
        });
      }
    }
  }

  return finishRecord(input, draft, issues);
}

/** What finishRecord needs: a harvested record's header fields, without its metadata. */
export type RecordEnvelope = Omit<NormaliseInput, 'metadata' | 'extraIssues'>;

/**
 * Turns a crosswalk's draft into a record: id, provenance, the draft's fields in schema order,
 * then validation. Shared by the XML crosswalks (normaliseRecord) and the JSON ones, so every
 * record is finished the same way. `issues` becomes the record's issue list (schema issues appended).
 */
export function finishRecord(input: RecordEnvelope, draft: RecordDraft | undefined, issues: Issue[]): NormalisedRecord {
  const source: RecordSource = {
    id: input.sourceId,
    localId: input.localId,
    datestamp: input.datestamp,
    format: input.format,
    sets: uniqueSets(input.sets),
    harvestedAt: input.harvestedAt,
  };
  // Fields are added in the schema's order so that stored JSON reads the same for every record.
  // `issues` is added last, so it is built as a partial record first.
  const record: Omit<NormalisedRecord, 'issues'> & { issues?: Issue[] } = {
    id: catalogueId(input.sourceId, input.localId),
    source,
    deleted: input.deleted,
    title: draft?.title ?? [],
  };
  if (draft !== undefined) {
    if (draft.alternative !== undefined) record.alternative = draft.alternative;
    if (draft.description !== undefined) record.description = draft.description;
    if (draft.subject !== undefined) record.subject = draft.subject;
    if (draft.creator !== undefined) record.creator = draft.creator;
    if (draft.contributor !== undefined) record.contributor = draft.contributor;
    if (draft.date !== undefined) record.date = draft.date;
    if (draft.type !== undefined) record.type = draft.type;
    if (draft.format !== undefined) record.format = draft.format;
    if (draft.language !== undefined) record.language = draft.language;
    if (draft.publisher !== undefined) record.publisher = draft.publisher;
    if (draft.spatial !== undefined) record.spatial = draft.spatial;
    if (draft.identifier !== undefined) record.identifier = draft.identifier;
    if (draft.rights !== undefined) record.rights = draft.rights;
    if (draft.isShownAt !== undefined) record.isShownAt = draft.isShownAt;
    if (draft.isShownBy !== undefined) record.isShownBy = draft.isShownBy;
    if (draft.relation !== undefined) record.relation = draft.relation;
  }
  if (input.provider !== undefined) record.provider = input.provider;
  if (input.dataProvider !== undefined) record.dataProvider = input.dataProvider;
  record.issues = issues;
  const done = record as NormalisedRecord;
  for (const i of validateRecord(done)) issues.push(i);
  return done;
}
