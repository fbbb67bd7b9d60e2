// Removes characters that XML 1.0 forbids, so that one bad character costs an issue, not a page.
// Pure: no I/O. Reports where each character was removed so the caller can blame the right record.

/** A character removed from the text, located by its offset in the *cleaned* text. */
export interface RemovedChar {
  offset: number;
  /** The code point (or reference) that was removed, for the issue message, e.g. "U+000B". */
  what: string;
}

export interface SanitizeResult {
  text: string;
  removed: RemovedChar[];
}

// Raw characters outside XML 1.0's Char production, and lone surrogates.
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Character references are checked separately: `&#11;` is as illegal as the raw character.
const CHAR_REF = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/;
const EITHER = new RegExp(`${INVALID_CHAR.source}|${CHAR_REF.source}`, 'g');
// A cheap superset for the fast path (any surrogate, paired or not): one character class scans
// four times faster than the alternation with look-arounds. Matches fall through to the exact scan.
const MAYBE_INVALID = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;
// The same for UTF-8 bytes held one per character (binary mode): U+FFFE and U+FFFF are the byte
// sequences EF BF BE and EF BF BF; surrogates cannot occur in valid UTF-8.
const INVALID_BYTES = /[\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/;
const EITHER_BYTES = new RegExp(`${INVALID_BYTES.source}|${CHAR_REF.source}`, 'g');

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Drops characters (raw or referenced) that are not allowed in XML 1.0. */
export function sanitizeXmlText(input: string, options: { binary?: boolean } = {}): SanitizeResult {
  const binary = options.binary === true;
  // Fast path: almost every page is clean, and a scan without allocation is cheap.
  if (!input.includes('&#') && (binary ? !INVALID_BYTES.test(input) : !MAYBE_INVALID.test(input) || !INVALID_CHAR.test(input))) return { text: input, removed: [] };
  const either = binary ? EITHER_BYTES : EITHER;

  const removed: RemovedChar[] = [];
  let out = '';
  let last = 0;
  either.lastIndex = 0;
  for (let m = either.exec(input); m !== null; m = either.exec(input)) {
    const [match, hexRef, decRef] = m;
    if (hexRef !== undefined || decRef !== undefined) {
      const cp = hexRef !== undefined ? parseInt(hexRef, 16) : parseInt(decRef ?? '', 10);
      if (isXmlChar(cp)) continue;
      out += input.slice(last, m.index);
      removed.push({ offset: out.length, what: `&#${hexRef !== undefined ? 'x' + hexRef : decRef}; (${Number.isFinite(cp) && cp <= 0x10ffff ? hex(cp) : 'out of range'})` });
    } else {
      out += input.slice(last, m.index);
      const cp = binary && match.length === 3 ? (match.charCodeAt(2) === 0xbe ? 0xfffe : 0xffff) : match.charCodeAt(0);
      removed.push({ offset: out.length, what: hex(cp) });
    }
    last = m.index + match.length;
  }
  if (removed.length === 0) return { text: input, removed };
  out += input.slice(last);
  return { text: out, removed };
}
