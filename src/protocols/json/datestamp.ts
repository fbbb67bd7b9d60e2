// JSON APIs write their change dates in many ways (ISO with an offset, without a zone, with
// microseconds, epoch milliseconds); records keep one form: UTC, `YYYY-MM-DDThh:mm:ssZ` (with
// milliseconds when given), or a plain `YYYY-MM-DD`. Pure: no I/O.

/**
 * The datestamp in the record model's form, or undefined when the value is not a date. A date-time
 * without a zone is read as UTC (CKAN, Solr-backed APIs store UTC); numbers are epoch milliseconds.
 */
export function toDatestamp(value: string | number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? isoUtc(value) : undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Number.isNaN(Date.parse(text)) ? undefined : text;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return /^\d{12,14}$/.test(text) ? toDatestamp(Number(text)) : undefined;
  const fraction = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  const zone = m[4] ? (m[4].toUpperCase() === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const ms = Date.parse(`${m[1]}T${m[2]?.length === 5 ? `${m[2]}:00` : m[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : isoUtc(ms, fraction !== '');
}

/** Epoch milliseconds of a date as toDatestamp() reads it (a time without a zone is UTC); NaN when it is not a date. */
export function timeMs(value: string): number {
  const datestamp = toDatestamp(value);
  return datestamp === undefined ? NaN : Date.parse(datestamp);
}

function isoUtc(ms: number, keepMillis = true): string {
  const iso = new Date(ms).toISOString();
  return keepMillis && !iso.endsWith('.000Z') ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch milliseconds as `YYYY-MM-DDThh:mm:ssZ` (UTC, milliseconds dropped). */
export function isoSeconds(ms: number): string {
  return isoUtc(ms, false);
}
