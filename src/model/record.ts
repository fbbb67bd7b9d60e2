// The normalised record: the one shape every crosswalk produces and the catalogue stores.
// Types only: no code here. Mirrors schemas/record.schema.json exactly; change both together.

import type { Issue } from './types.js';

/** A term of the DCMI Type vocabulary (http://purl.org/dc/dcmitype/). */
export type DcmiType =
  | 'Collection'
  | 'Dataset'
  | 'Event'
  | 'Image'
  | 'InteractiveResource'
  | 'MovingImage'
  | 'PhysicalObject'
  | 'Service'
  | 'Software'
  | 'Sound'
  | 'StillImage'
  | 'Text';

/** A text value with the language the source gave it. */
export interface LangValue {
  /** The text as given, white space folded. */
  value: string;
  /** xml:lang as given (a BCP 47 tag, sometimes an ISO 639-2 code). */
  lang?: string;
  /** A URI for the value (a vocabulary concept), when known. */
  uri?: string;
}

/** A person or a body (creator, contributor). */
export interface Agent {
  /** The name as given, white space folded. */
  name: string;
  /** "Last, First" without life dates; the name itself for bodies and single names. */
  sortName?: string;
  /** e.g. editor, illustrator, when the format gives one. */
  role?: string;
  /** An authority URI (VIAF, ORCID, GND, ...), when known. */
  uri?: string;
}

/** A date: the text as given, plus EDTF and a year range when the text could be read. */
export interface RecordDate {
  /** The date as the source wrote it, for display. */
  display: string;
  /** EDTF (ISO 8601-2), e.g. `1890~`, `189X`, `17XX`, `1890/1895`, `{1974,2005}`. */
  edtf?: string;
  /** First year meant, astronomical numbering (1 BC = 0). */
  earliest?: number;
  /** Last year meant; never before `earliest`. */
  latest?: number;
}

/** A resource type mapped to DCMI Type, with the label the source used. */
export interface TypeValue {
  value: DcmiType;
  /** The source's label, e.g. "texte", "info:eu-repo/semantics/article". */
  original?: string;
}

/** The identifier schemes of the model; see the schema for each normal form. */
export type IdentifierScheme = 'doi' | 'isbn' | 'issn' | 'handle' | 'ark' | 'urn' | 'uri' | 'local';

/** A normalised identifier of the resource itself (used for deduplication). */
export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
}

/** Copyright and reuse status. */
export interface Rights {
  /** Canonical rightsstatements.org or Creative Commons URI, when recognised. */
  uri?: string;
  /** The statements as given, joined with " | ". */
  statement?: string;
}

/** Where and when the record was harvested. */
export interface RecordSource {
  /** Source id in the entente configuration. */
  id: string;
  /** OAI identifier or JSON item id. */
  localId: string;
  /** The archive's datestamp, as given. */
  datestamp: string;
  /** metadataPrefix or JSON format name. */
  format: string;
  /** setSpecs, in order, without duplicates. */
  sets: string[];
  /** ISO 8601 UTC time the record was received. */
  harvestedAt: string;
}

/**
 * One catalogue record. Optional fields are absent (never empty arrays) when the source has
 * nothing for them; `title` is always present and empty only for deleted or broken records.
 */
export interface NormalisedRecord {
  /** `${sourceId}:${16 hex}`: see catalogueId(). */
  id: string;
  source: RecordSource;
  /** A tombstone: the archive reported the record deleted. */
  deleted: boolean;
  title: LangValue[];
  alternative?: LangValue[];
  description?: LangValue[];
  subject?: LangValue[];
  creator?: Agent[];
  contributor?: Agent[];
  date?: RecordDate;
  type?: TypeValue[];
  format?: string[];
  /** ISO 639-3 codes. */
  language?: string[];
  publisher?: LangValue[];
  spatial?: LangValue[];
  identifier?: Identifier[];
  rights?: Rights;
  /** Landing page at the archive. */
  isShownAt?: string;
  /** Direct link to the digital object. */
  isShownBy?: string;
  relation?: string[];
  provider?: string;
  dataProvider?: string;
  /** Parsing, mapping and validation problems. */
  issues: Issue[];
}
