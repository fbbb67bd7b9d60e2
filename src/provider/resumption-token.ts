// Stateless resumptionTokens: the list request's arguments and its position, base64url-encoded.
// Pure: no I/O, no clock, no server-side state (a restarted provider honours tokens it issued before).
//
// Why a position (the last datestamp and identifier served) rather than an offset: when records
// are added or deleted between pages, an offset shifts and a harvester silently skips or repeats
// records; "everything after (datestamp, identifier)" stays right, and new or changed records
// (whose datestamp is newer) still arrive at the end of the list.

/** What a token carries. */
export interface TokenState {
  verb: 'ListRecords' | 'ListIdentifiers' | 'ListSets';
  metadataPrefix?: string;
  from?: string;
  until?: string;
  set?: string;
  /** The last item served, as [datestamp, identifier] (ListSets: ['', setSpec]): the next page starts after it. */
  after: [string, string];
  /** Items served before the next page: that page's `cursor`. */
  cursor: number;
  /** Epoch milliseconds after which the token is refused. */
  expires?: number;
}

export type DecodedToken = { ok: true; state: TokenState } | { ok: false; reason: string };

interface Wire {
  b: TokenState['verb'];
  m?: string;
  f?: string;
  u?: string;
  s?: string;
  a: [string, string];
  c: number;
  x?: number;
}

const VERBS = new Set<string>(['ListRecords', 'ListIdentifiers', 'ListSets']);

// FNV-1a: catches a truncated, mistyped or foreign token (the salt is the repository name). Not a
// secret: tokens are opaque by convention, and a forged token only lists what the repository lists.
function checksum(salt: string, payload: string): string {
  let h = 0x811c9dc5;
  const s = salt + '\n' + payload;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Encodes a token; `salt` binds it to one repository. */
export function encodeResumptionToken(state: TokenState, salt: string): string {
  const wire: Wire = { b: state.verb, a: state.after, c: state.cursor };
  if (state.metadataPrefix !== undefined) wire.m = state.metadataPrefix;
  if (state.from !== undefined) wire.f = state.from;
  if (state.until !== undefined) wire.u = state.until;
  if (state.set !== undefined) wire.s = state.set;
  if (state.expires !== undefined) wire.x = state.expires;
  const payload = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${payload}.${checksum(salt, payload)}`;
}

function isOptionalString(v: unknown): v is string | undefined {
  return v === undefined || typeof v === 'string';
}

/** Decodes a token, or says why it is not one of ours. Expiry is the caller's check (it owns the clock). */
export function decodeResumptionToken(token: string, salt: string): DecodedToken {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return { ok: false, reason: 'not a token issued by this repository' };
  const payload = token.slice(0, dot);
  if (token.slice(dot + 1) !== checksum(salt, payload)) return { ok: false, reason: 'not a token issued by this repository (checksum mismatch: truncated or altered?)' };
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the token cannot be decoded' };
  }
  const w = wire as Partial<Wire> | null;
  if (
    typeof w !== 'object' || w === null ||
    typeof w.b !== 'string' || !VERBS.has(w.b) ||
    !Array.isArray(w.a) || w.a.length !== 2 || typeof w.a[0] !== 'string' || typeof w.a[1] !== 'string' ||
    typeof w.c !== 'number' || !Number.isSafeInteger(w.c) || w.c < 0 ||
    !isOptionalString(w.m) || !isOptionalString(w.f) || !isOptionalString(w.u) || !isOptionalString(w.s) ||
    (w.x !== undefined && typeof w.x !== 'number')
  ) {
    return { ok: false, reason: 'the token is malformed' };
  }
  const state: TokenState = { verb: w.b, after: [w.a[0], w.a[1]], cursor: w.c };
  if (w.m !== undefined) state.metadataPrefix = w.m;
  if (w.f !== undefined) state.from = w.f;
  if (w.u !== undefined) state.until = w.u;
  if (w.s !== undefined) state.set = w.s;
  if (w.x !== undefined) state.expires = w.x;
  return { ok: true, state };
}
