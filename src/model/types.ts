// The types that flow between stages: protocol adapters yield Pages of RawRecords, the
// normaliser turns RawRecords into Records with Issues, the catalogue stores both.
// Types only: no code here.

/** A problem with one record: data stored with it, never an exception. */
export interface Issue {
  /** Stable code, e.g. `DATE_UNPARSEABLE`, `XML_INVALID_CHAR_REMOVED`, `SCHEMA_REQUIRED`. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** JSON Pointer into the normalised record ('' for the record as a whole). */
  path: string;
  message: string;
  /** The offending source value, when there is one. */
  value?: string;
}

/** One record as the archive served it, before any mapping. */
export interface RawRecord {
  sourceId: string;
  /** The OAI identifier or the JSON item id. */
  localId: string;
  /** The archive's datestamp for the record, as given. */
  datestamp: string;
  deleted: boolean;
  sets: string[];
  /** metadataPrefix (OAI-PMH) or JSON format name. */
  format: string;
  /** The record as served (the OAI `<record>` element, or the JSON item), after invalid characters were removed. */
  payload: string;
  /**
   * The payload as UTF-8 bytes, when the reader had them at hand (a page parsed in binary mode):
   * stored as they are, where encoding `payload` again would cost a copy per record.
   */
  payloadBytes?: Uint8Array;
  /** Namespace bindings the payload inherits from its page (prefix to URI), needed to re-parse it alone. */
  namespaces?: Record<string, string>;
  /** Hex SHA-256 of the payload. */
  hash: string;
}

/** Resumes a harvest after the page it belongs to. Committed in the same transaction as the page. */
export interface Checkpoint {
  /** Index of the window in the run's plan that is in progress. */
  windowIndex: number;
  /** OAI resumptionToken (or JSON next URL / cursor) that fetches the next page of that window; undefined = start of window. */
  token?: string;
  /** Pages and records committed so far in this run (for progress after a resume). */
  pages: number;
  records: number;
}

/** One selective-harvest window: the arguments of the list request that starts it. */
export interface HarvestWindow {
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
  /** A part an earlier run set aside, asked for again: set aside again if it fails in any way. */
  pending?: true;
}

/**
 * A part of a run given up on: a date window whose list failed even at one granule (see
 * harvest/split-window.ts), or one record GetRecord could not fetch (`identifier`). The run then
 * fails, and the source keeps it for the next run to ask for again (`sources.pending`).
 */
export interface SkippedPart {
  window: HarvestWindow;
  /** A record set aside: its identifier and datestamp as listed. */
  identifier?: string;
  datestamp?: string;
  code: string;
  message: string;
}

/**
 * `records`: named records fetched one by one (`harvest --record`), outside the source's
 * incremental state: such a run neither moves the next 'from' nor touches a checkpoint.
 */
export type HarvestMode = 'full' | 'incremental' | 'resume' | 'records';
export type RunOutcome = 'running' | 'ok' | 'failed' | 'aborted';

export interface RunCounts {
  /** Records received (live and deleted). */
  seen: number;
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Records stored with at least one error-level issue. */
  invalid: number;
  pages: number;
}

export interface HarvestRun {
  id: number;
  sourceId: string;
  mode: HarvestMode;
  trigger: 'manual' | 'schedule' | 'catch-up' | 'retry' | 'demo';
  startedAt: string;
  endedAt: string | null;
  outcome: RunOutcome;
  counts: RunCounts;
  /** The repository's responseDate of the run's first list request: the next incremental `from`. */
  responseDate: string | null;
  from: string | null;
  error: { code: string; message: string; hint?: string; context?: unknown } | null;
}
