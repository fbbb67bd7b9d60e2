// The shapes of a conformance check: check definitions, findings, record measurements, the report.
// Types only: no code here. The report mirrors schemas/report.schema.json; change both together.

export type Severity = 'error' | 'warning' | 'info';

/** Whether a check held, failed, or could not be run against this repository. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** A rule of the OAI-PMH specification (or of entente's record model) that the checker tests. */
export interface CheckDefinition {
  /** Stable id, e.g. `identify.granularity`: never renamed, so CI scripts and stored reports can rely on it. */
  id: string;
  /** What the rule says, in one line. */
  title: string;
  /** How much a failure matters: `error` breaks harvesters, `warning` degrades them, `info` is advice. */
  severity: Severity;
  /** Section of the OAI-PMH 2.0 specification (or another document) the rule rests on. */
  section: string;
  /** What the archive should do when the check fails. */
  fix: string;
}

/** What the checker sent: enough to repeat the request by hand. */
export interface SentRequest {
  verb: string;
  /** The full request URL (GET). */
  url: string;
}

/** What came back, briefly (never the whole body). */
export interface ReceivedResponse {
  status: number;
  contentType: string;
  bytes: number;
  elapsedMs: number;
  /** The first characters of the body, for context. */
  excerpt: string;
}

/** One observation that makes a check fail (or, for info checks, a note). */
export interface Finding {
  /** Usually the check's severity; a milder problem under the same rule may be lower. */
  severity: Severity;
  message: string;
  request?: SentRequest;
  response?: ReceivedResponse;
  /** Record identifiers concerned, at most a few. */
  recordIds?: string[];
}

export interface CheckResult {
  id: string;
  title: string;
  severity: Severity;
  section: string;
  fix: string;
  status: CheckStatus;
  /** Why the check was skipped, or a short note about a pass. */
  note?: string;
  findings: Finding[];
}

/** Coverage and quality of one field of the record model across the sample. */
export interface FieldCoverage {
  field: string;
  /** Records having the field. */
  present: number;
  /** Of those, the records whose value passes the field's quality test (undefined when the field has none). */
  good?: number;
  /** What "good" means for this field. */
  quality?: string;
}

export interface IssueCount {
  code: string;
  severity: Severity;
  count: number;
  /** Up to three record identifiers (OAI identifiers) carrying it. */
  examples: string[];
}

export type Readiness = 'ready' | 'usable' | 'needs work';

/** Where a schema comes from: bundled with entente, or supplied by the archive (--schema, a source's `schemas`). */
export type SchemaOrigin = 'bundled' | 'supplied';

/** XML Schema validation of the raw metadata against the format's bundled (or supplied) XSD. */
export interface SchemaValidation {
  /** The schema that judged the records: a bundled file name, or the path given with --schema; undefined when none judged them. */
  schema?: string;
  /** Whether `schema` is bundled with entente or supplied with --schema. */
  origin?: SchemaOrigin;
  /** Records validated (deleted records have no metadata). */
  validated: number;
  invalid: number;
  /** A few validation messages with their record ids. */
  examples: { recordId: string; message: string }[];
}

export interface FormatReport {
  metadataPrefix: string;
  /** The crosswalk format (oai_dc, mods, marcxml, lido, edm, datacite, qdc) or undefined when unknown. */
  format?: string;
  /** Records read (live and deleted). */
  sampled: number;
  deleted: number;
  /** Live records that validate against the record model (no error-level issue). */
  valid: number;
  fields: FieldCoverage[];
  issues: IssueCount[];
  schemaValidation: SchemaValidation;
  /** 0 to 100, see docs/conformance.md. */
  score: number;
  readiness: Readiness;
}

export interface RecordsReport {
  /** Records asked for per format; undefined with --all. */
  sampleSize?: number;
  thresholds: { ready: number; usable: number };
  formats: FormatReport[];
}

export interface TimingSummary {
  requests: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReportSummary {
  outcome: 'pass' | 'fail' | 'unreachable';
  errors: number;
  warnings: number;
  infos: number;
  checks: { passed: number; failed: number; skipped: number };
  /** Lowest format score, when records were checked. */
  score?: number;
  readiness?: Readiness;
}

export interface ConformanceReport {
  reportVersion: 1;
  tool: { name: 'entente'; version: string };
  target: { url: string; protocol: string; sourceId?: string; repositoryName?: string };
  checkedAt: string;
  durationMs: number;
  summary: ReportSummary;
  /** When the endpoint could not be checked at all: why. */
  fatal?: { code: string; message: string; hint: string };
  checks: CheckResult[];
  records?: RecordsReport;
  timings: TimingSummary;
}
