// JSON Pointer (RFC 6901) for the JSON protocols and the declarative mapping, with one extension
// for mappings: a "*" segment stands for every element of an array (or value of an object).
// Pure: no I/O.

/** The segments of a pointer ("" is the whole document). Throws on a pointer not starting with "/". */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON Pointer: "${pointer}" (it must start with "/")`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Pointers come from the source's config and are read for every item of every page: each is
// parsed once. Bounded all the same, in case a caller passes pointers built from data.
const parsed = new Map<string, readonly string[]>();

function segmentsOf(pointer: string | readonly string[]): readonly string[] {
  if (typeof pointer !== 'string') return pointer;
  let segments = parsed.get(pointer);
  if (segments === undefined) {
    if (parsed.size >= 1000) parsed.clear();
    segments = parsePointer(pointer);
    parsed.set(pointer, segments);
  }
  return segments;
}

function step(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) {
    if (segment === '-' || !/^(0|[1-9]\d*)$/.test(segment)) return undefined;
    return value[Number(segment)];
  }
  if (value !== null && typeof value === 'object') {
    return Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return undefined;
}

/** The value at `pointer` in `document`, or undefined when any step is missing. No wildcards. */
export function getPointer(document: unknown, pointer: string | readonly string[]): unknown {
  const segments = segmentsOf(pointer);
  let value = document;
  for (const s of segments) {
    value = step(value, s);
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * Every value a path selects: like getPointer, but a "*" segment fans out over an array's
 * elements (or an object's values). Missing steps select nothing. Order is document order.
 */
export function selectAll(document: unknown, path: string | readonly string[]): unknown[] {
  const segments = segmentsOf(path);
  let current: unknown[] = [document];
  for (const s of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (s === '*') {
        if (Array.isArray(v)) next.push(...v);
        else if (v !== null && typeof v === 'object') next.push(...Object.values(v));
      } else {
        const found = step(v, s);
        if (found !== undefined) next.push(found);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}
