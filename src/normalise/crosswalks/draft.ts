// What a crosswalk produces: the descriptive part of a record, before id, provenance and validation.
// Types only: no code here.

import type { NormalisedRecord } from '../../model/record.js';
import type { Issue } from '../../model/types.js';
import type { XmlElement } from '../../xml/parse.js';

/** The fields a crosswalk fills. Optional fields are left out when empty; `title` may be empty. */
export type RecordDraft = Omit<NormalisedRecord, 'id' | 'source' | 'deleted' | 'provider' | 'dataProvider' | 'issues'>;

/** What a crosswalk may use besides the metadata. */
export interface CrosswalkContext {
  /** Mapping problems go here (normaliseRecord passes the record's issue list). */
  issues: Issue[];
}

/** A crosswalk: a pure function from one metadata element to a draft. */
export type Crosswalk = (metadata: XmlElement, ctx: CrosswalkContext) => RecordDraft;
