// The types of the OAI-PMH data provider: the records it serves, its options and its request handler.
// Types only: no code here, so the demo loader and the server can share them without cycles.

/** One item as the provider serves it. */
export interface ProviderRecord {
  /** The OAI identifier, e.g. `oai:example.org:1234`. Unique within the provider. */
  identifier: string;
  /**
   * Datestamp of the last change (or of the deletion), in the provider's granularity:
   * `2024-05-01` for `YYYY-MM-DD`, `2024-05-01T12:00:00Z` for `YYYY-MM-DDThh:mm:ssZ`.
   */
  datestamp: string;
  /** setSpecs the record is in; `a:b` also puts it in `a`. */
  sets: string[];
  /** Served as `<header status="deleted">` with no metadata. @default false */
  deleted?: boolean;
  /**
   * metadataPrefix to the XML of the metadata root element, inserted verbatim (not escaped, not checked):
   * e.g. `{ oai_dc: '<oai_dc:dc xmlns:oai_dc="…" xmlns:dc="…">…</oai_dc:dc>' }`.
   * A record is listed for a prefix only when it has metadata in it (deleted records: in every prefix).
   */
  metadata: Record<string, string>;
  /** XML of `about` container contents (one element each), served after the metadata. */
  about?: string[];
}

/** A set as ListSets describes it. */
export interface ProviderSet {
  setSpec: string;
  setName: string;
}

/** A metadata format as ListMetadataFormats describes it. */
export interface MetadataFormat {
  metadataPrefix: string;
  schema: string;
  metadataNamespace: string;
}

export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
export type DeletedRecordPolicy = 'no' | 'transient' | 'persistent';

/** Options of {@link createOaiProvider}. Validated once, then frozen. */
export interface ProviderOptions {
  repositoryName: string;
  adminEmail: string;
  /** Datestamp granularity of the repository: record datestamps and from/until finer than it are refused. */
  granularity: Granularity;
  /** Identify's earliestDatestamp. @default the oldest datestamp among the records (or the epoch when there are none) */
  earliestDatestamp?: string;
  /** With `no`, deleted records are not exposed at all (as a repository without deletion tracking would behave). */
  deletedRecord: DeletedRecordPolicy;
  /** Records (or headers) per ListRecords/ListIdentifiers page, and sets per ListSets page. */
  pageSize: number;
  /**
   * The initial records, copied: later changes go through `setRecords`, `upsert`, `remove` and `markDeleted`.
   * Datestamps must be in `granularity`; identifiers unique.
   */
  records: ProviderRecord[];
  /** The set hierarchy. Absent or empty: the repository has none (ListSets and `set` give noSetHierarchy). */
  sets?: ProviderSet[];
  /** @default [{ metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' }] */
  formats?: MetadataFormat[];
  /** Clock for responseDate, token expiry and `datestamp()`. @default () => new Date() */
  now?: () => Date;
  /** Lifetime of a resumptionToken: it carries expirationDate and is refused (badResumptionToken) after. @default tokens never expire */
  tokenTtlMs?: number;
  /** Content encodings Identify announces; `startOaiServer` applies them when the client accepts one. @default [] */
  compression?: ('gzip' | 'deflate')[];
}

/** A response of {@link OaiProvider.handle}: OAI errors are 200 responses, as the protocol requires. */
export interface OaiResponse {
  status: number;
  contentType: string;
  body: string;
}

/** {@link ProviderOptions} after validation, with defaults applied; frozen. */
export interface ResolvedProviderOptions {
  readonly repositoryName: string;
  readonly adminEmail: string;
  readonly granularity: Granularity;
  /** As given; when undefined Identify computes it from the records. */
  readonly earliestDatestamp: string | undefined;
  readonly deletedRecord: DeletedRecordPolicy;
  readonly pageSize: number;
  readonly sets: readonly ProviderSet[];
  readonly formats: readonly MetadataFormat[];
  readonly now: () => Date;
  readonly tokenTtlMs: number | undefined;
  readonly compression: readonly ('gzip' | 'deflate')[];
}

/** An OAI-PMH 2.0 repository over an in-memory record list. */
export interface OaiProvider {
  /** The validated, frozen options (records excluded: see {@link OaiProvider.records}). */
  readonly options: ResolvedProviderOptions;
  /** Answers one protocol request: pure request to response, no socket needed. */
  handle(params: URLSearchParams, baseURL: string): OaiResponse;
  /** Replaces every record. */
  setRecords(records: readonly ProviderRecord[]): void;
  /** Adds records or replaces those with the same identifier. */
  upsert(records: ProviderRecord | readonly ProviderRecord[]): void;
  /** Forgets a record entirely, as a repository without deletion tracking would. Returns whether it existed. */
  remove(identifier: string): boolean;
  /** Turns a record into a deletion (no metadata) stamped `datestamp` (default: now). Returns whether it existed. */
  markDeleted(identifier: string, datestamp?: string): boolean;
  /** A record by identifier (a frozen copy), hidden deletions included. */
  getRecord(identifier: string): ProviderRecord | undefined;
  /** All records in list order (datestamp, then identifier), frozen copies. */
  records(): readonly ProviderRecord[];
  /** A date (default: now) as a datestamp in the repository granularity. */
  datestamp(date?: Date): string;
}
