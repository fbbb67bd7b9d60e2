// Small readers for JSON-LD documents as parsed by JSON.parse: lists that may be single values, ids and types under either spelling.
// Pure: no I/O, never throws; a value of the wrong shape reads as absent.

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON-LD value as a list: [] for undefined and null, the array itself, else a list of one. */
export function asList(v: unknown): readonly unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The objects among a value's items (strings and other shapes left out). */
export function objectsOf(v: unknown): JsonObject[] {
  return asList(v).filter(isObject);
}

/** The id of a reference: the string itself, or an object's `id` (JSON-LD 1.1, IIIF 3) or `@id` (IIIF 2). */
export function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (!isObject(v)) return undefined;
  const id = v['id'] ?? v['@id'];
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** An object's `type` or `@type` (the first when a list); undefined when there is none. */
export function typeOf(o: JsonObject): string | undefined {
  const t = o['type'] ?? o['@type'];
  const first = Array.isArray(t) ? t[0] : t;
  return typeof first === 'string' ? first : undefined;
}

/** The `@context` URIs of a document (a string, or the strings of a list). */
export function contextsOf(o: JsonObject): string[] {
  return asList(o['@context']).filter((c): c is string => typeof c === 'string');
}
