// Typed errors for every failure that stops a request, a window or a run.
// Record-level problems are not errors: they are `Issue` data stored with the record.

/**
 * How a failure should be handled.
 * - `transient`: retry with backoff (network faults, 5xx, truncated pages).
 * - `source`: the archive answered, but wrongly or with an OAI error: fail the source, show the message.
 * - `config`: the operator must fix the configuration or the command line.
 * - `internal`: a bug or a local resource problem (disk, database).
 */
export type ErrorKind = 'transient' | 'source' | 'config' | 'internal';

interface CodeInfo {
  kind: ErrorKind;
  /** What the user can do about it. */
  hint: string;
}

/** The one table of error codes. Documented in docs/errors.md. */
export const ERROR_CODES = {
  ERR_HTTP_NETWORK: { kind: 'transient', hint: 'The connection failed or was reset; entente retried. Check that the archive is reachable.' },
  ERR_HTTP_TIMEOUT: { kind: 'transient', hint: 'The archive did not answer in time; entente retried. Raise timeouts in the source config if the archive is slow.' },
  ERR_HTTP_STATUS: { kind: 'transient', hint: 'The archive answered with an HTTP error status. 5xx and 429 are retried; 4xx usually means a wrong URL or a blocked client.' },
  ERR_HTTP_FORBIDDEN: { kind: 'source', hint: 'The archive refused access (401/403). Ask the archive whether entente may harvest, or configure credentials.' },
  ERR_HTTP_TOO_LARGE: { kind: 'source', hint: 'The response exceeded the size cap. Raise http.maxResponseBytes for this source if the archive really serves such pages.' },
  ERR_HTTP_RETRIES_EXHAUSTED: { kind: 'transient', hint: 'Every retry failed. The run stopped at its last checkpoint; run the harvest again to resume.' },
  ERR_XML_MALFORMED: { kind: 'transient', hint: 'The response is not well-formed XML (often a truncated body); entente retried the page.' },
  ERR_XML_NOT_OAI: { kind: 'transient', hint: 'The response is not an OAI-PMH document (an HTML error page, for example). Check the base URL.' },
  ERR_XML_ENCODING: { kind: 'source', hint: 'The response could not be decoded in its declared encoding.' },
  ERR_OAI_BAD_ARGUMENT: { kind: 'source', hint: 'The archive rejected the request arguments (badArgument). Check sets, dates and granularity in the config.' },
  ERR_OAI_BAD_RESUMPTION_TOKEN: { kind: 'source', hint: 'The resumption token was refused or expired; entente restarts the current window from its start.' },
  ERR_OAI_BAD_VERB: { kind: 'source', hint: 'The archive does not know this verb: is the URL an OAI-PMH base URL?' },
  ERR_OAI_CANNOT_DISSEMINATE_FORMAT: { kind: 'config', hint: 'The archive does not offer this metadataPrefix. Run `entente formats URL` to see what it offers.' },
  ERR_OAI_ID_DOES_NOT_EXIST: { kind: 'source', hint: 'The archive has no record with this identifier.' },
  ERR_OAI_NO_METADATA_FORMATS: { kind: 'source', hint: 'The archive offers no metadata formats for this item.' },
  ERR_OAI_NO_SET_HIERARCHY: { kind: 'config', hint: 'The archive does not support sets: remove `sets` from the source config.' },
  ERR_OAI_PROTOCOL: { kind: 'source', hint: 'The archive answered with an OAI-PMH error entente does not know.' },
  ERR_OAI_SKIPPED: { kind: 'source', hint: 'The repository failed on these dates (split as far as they go, down to one day or second), or on these records with GetRecord. Everything else was stored; ask the archive to look at its logs for them. The next run asks for them again by themselves (besides what changed); a record the archive has mended can be fetched at once with `entente harvest SOURCE --record ID`.' },
  ERR_OAI_RECORDS_UNAVAILABLE: { kind: 'source', hint: 'These records could not be fetched by identifier; the others were stored. Check each identifier (`entente record URL ID` shows what the repository answers), or ask the archive about them.' },
  ERR_OAI_TOKEN_LOOP: { kind: 'source', hint: 'The archive returned the same resumption token twice in a row; entente stopped the list rather than loop forever.' },
  ERR_CONFIG_INVALID: { kind: 'config', hint: 'Fix the configuration at the JSON paths listed.' },
  ERR_CONFIG_NOT_FOUND: { kind: 'config', hint: 'Create entente.config.json or pass --config FILE (see README, "Configuring a source").' },
  ERR_SOURCE_UNKNOWN: { kind: 'config', hint: 'Check the source id against `entente status` or the config file.' },
  ERR_CATALOGUE: { kind: 'internal', hint: 'The catalogue database failed. Check disk space and file permissions.' },
  ERR_CATALOGUE_LOCKED: { kind: 'config', hint: 'Another entente process is harvesting this source. Wait for it or stop it.' },
  ERR_ABORTED: { kind: 'transient', hint: 'The run was stopped; the next run resumes from its last checkpoint.' },
  ERR_INTERNAL: { kind: 'internal', hint: 'This is a bug in entente. Please report it with the message and context.' },
  ERR_JSON_NOT_JSON: { kind: 'transient', hint: 'The response is not JSON (an HTML error page or a truncated body); entente retried. Check the URL points at the JSON API, not its web page.' },
  ERR_JSON_SHAPE: { kind: 'source', hint: 'The JSON has not the expected shape: a pointer in the source config (pages.items, pages.id...) found nothing. Check the pointer named in the message against a response of the API.' },
  ERR_JSON_NEXT_LOOP: { kind: 'source', hint: 'The API sent a next link (or cursor) it had sent before; entente stopped the list rather than loop forever. Committed pages are kept.' },
  ERR_IIIF_NOT_DISCOVERY: { kind: 'source', hint: 'The URL does not serve an IIIF Change Discovery OrderedCollection (with first/last pages). Check the source url and protocol.' },
  ERR_IIIF_NOT_COLLECTION: { kind: 'source', hint: 'The URL does not serve a IIIF Presentation collection (sc:Collection or type Collection). Check the source url and protocol.' },
  ERR_WORKER_LOCKED: { kind: 'config', hint: 'Another entente worker owns this catalogue (its pid and host are in the message). Stop it first; a worker that was killed is taken over automatically.' },
  ERR_SCHEDULE_INVALID: { kind: 'config', hint: 'Fix the cron expression or time zone at the JSON path given: five fields (minute hour day month weekday), or six with leading seconds, and an IANA zone such as Europe/Paris.' },
  ERR_METRICS_LISTEN: { kind: 'config', hint: 'The metrics server could not listen on that address: choose another --metrics-port or --metrics-host.' },
  ERR_QUERY_PARAMETER: { kind: 'config', hint: 'Fix the named search or export parameter (see `entente search --help` or /api/openapi.json).' },
  ERR_NOT_FOUND: { kind: 'config', hint: 'No live record or cluster has this id: check it against `entente search` (ids look like source:0123456789abcdef).' },
  ERR_CLUSTER_NOT_FOUND: { kind: 'config', hint: 'No cluster or live record has this id: a cluster id is the smallest record id of its members (see `entente export` or `entente cluster RECORD_ID`).' },
  ERR_CLUSTER_SPLIT: { kind: 'config', hint: 'A split needs live records that share a cluster: check the ids with `entente cluster ID`; `--undo` removes an earlier split.' },
  ERR_DEDUPE_SETTINGS: { kind: 'config', hint: 'Fix the dedupe setting named in the message: thresholds are numbers between 0 and 1 with possible <= match, sizes are whole numbers (see docs/dedupe.md).' },
  ERR_CHECK_NOT_OAI: { kind: 'source', hint: 'The URL did not answer verb=Identify as an OAI-PMH repository, so nothing else could be checked. Check the base URL (no extra path or parameters) and that the endpoint is up.' },
  ERR_CHECK_OUTPUT: { kind: 'config', hint: 'The report file could not be written: check the --html path, its folder and permissions.' },
  ERR_CHECK_SCHEMA: { kind: 'config', hint: 'Fix the --schema NAMESPACE=FILE named in the message: FILE must be a local XML Schema (.xsd) that compiles; the files it includes must be beside it (its folder or below), and a remote schema it imports must be downloaded and passed with --schema or placed beside it (entente never fetches schemas).' },
  // New codes go above this line (and in docs/errors.md, which a test compares).
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Context that locates a failure: every field optional, include what is known. */
export interface ErrorContext {
  source?: string;
  url?: string;
  verb?: string;
  status?: number;
  window?: unknown;
  token?: string;
  recordId?: string;
  firstId?: string;
  lastId?: string;
  attempts?: number;
  [key: string]: unknown;
}

/** An entente failure with a stable code, a kind that decides retry or fail, and context. */
export class EntenteError extends Error {
  override readonly name = 'EntenteError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly context: ErrorContext;
  /** Seconds the server asked us to wait (Retry-After), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { context?: ErrorContext; cause?: unknown; kind?: ErrorKind; retryAfterMs?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.kind = options.kind ?? ERROR_CODES[code].kind;
    this.context = options.context ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }

  get hint(): string {
    return ERROR_CODES[this.code].hint;
  }

  /** A copy with more context (for adding the source or window as the error bubbles up); keeps its class. */
  withContext(extra: ErrorContext): this {
    const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(this);
    descriptors.context = { value: { ...extra, ...this.context }, enumerable: true, writable: false, configurable: true };
    return Object.create(Object.getPrototypeOf(this) as object, descriptors) as this;
  }

  toJSON(): { code: ErrorCode; kind: ErrorKind; message: string; hint: string; context: ErrorContext } {
    return { code: this.code, kind: this.kind, message: this.message, hint: this.hint, context: this.context };
  }
}

/** Wraps anything thrown into an EntenteError, keeping the original as `cause`. */
export function toEntenteError(error: unknown, fallback: ErrorCode = 'ERR_INTERNAL', context: ErrorContext = {}): EntenteError {
  if (error instanceof EntenteError) return Object.keys(context).length ? error.withContext(context) : error;
  const message = error instanceof Error ? error.message : String(error);
  return new EntenteError(fallback, message, { cause: error, context });
}

export function isTransient(error: unknown): boolean {
  return error instanceof EntenteError && error.kind === 'transient';
}
