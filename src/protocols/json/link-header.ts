// Reads the HTTP Link header (RFC 8288) for the rel="next" target. Pure: no I/O.

/** The URL of the first link with the relation `rel` (resolved against `base`), or undefined. */
export function linkTarget(header: string | undefined, rel: string, base: string): string | undefined {
  if (!header) return undefined;
  // Links are separated by commas outside <...>; a URL may itself hold commas.
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+)*)/g;
  for (const m of header.matchAll(re)) {
    const params = m[2] ?? '';
    const relMatch = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (relMatch?.[1] ?? relMatch?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(rel.toLowerCase())) {
      try {
        return new URL(m[1] ?? '', base).href;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
