// Turns the small HTML that IIIF and Linked Art allow in values (<a>, <b>, <i>, <br>, <p>, <span>, <img>) into plain text and its links.
// Pure: no I/O. Never builds a DOM and never evaluates anything: tags are dropped by a single scan, script and style content with them.

/** Plain text of an HTML fragment, and the href of each of its links in order. */
export interface HtmlText {
  text: string;
  links: string[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', shy: '',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;
const TAG_NAME = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)/;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;
// Elements that end a line or a paragraph in the text.
const LINE_BREAK = new Set(['br', 'li', 'tr', 'div']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table']);
// Elements whose content is not text for people.
const HIDDEN = new Set(['script', 'style', 'template']);
const LOOKS_LIKE_HTML = /<[a-zA-Z/!]|&(?:#\d|#x[0-9a-f]|[a-z]{2,8};)/i;

/** Decodes character references; an unknown name or an invalid code point is kept as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    // Control characters and surrogates are not text: drop them rather than store them.
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp < 32 && cp !== 9 && cp !== 10 && cp !== 13)) return '';
    return String.fromCodePoint(cp);
  });
}

/**
 * Plain text and links of a value that may hold HTML. Tags are removed (a line break for <br>,
 * list items and rows, a paragraph break "\n\n" for <p> and headings), script and style content
 * dropped, entities decoded. A value without anything like a tag or an entity is returned as is.
 */
export function htmlToText(raw: string): HtmlText {
  if (!LOOKS_LIKE_HTML.test(raw)) return { text: raw, links: [] };
  const links: string[] = [];
  let out = '';
  let hiddenDepth = 0;
  // A linear scan: each '<' is matched with the next '>' found by indexOf, so no input, however
  // long or broken, costs more than one pass. A '<' not followed by a name, '/' or '!' is text.
  let i = 0;
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt === -1) break;
    const next = raw.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (!isLetter && next !== 47 /* / */ && next !== 33 /* ! */) {
      if (hiddenDepth === 0) out += raw.slice(i, lt + 1);
      i = lt + 1;
      continue;
    }
    const isComment = raw.startsWith('<!--', lt);
    const gt = isComment ? raw.indexOf('-->', lt + 4) : raw.indexOf('>', lt + 1);
    if (hiddenDepth === 0) out += raw.slice(i, lt);
    if (gt === -1) {
      i = raw.length; // an unclosed tag or comment at the end: dropped
      break;
    }
    i = isComment ? gt + 3 : gt + 1;
    const tag = raw.slice(lt + 1, gt);
    const m = TAG_NAME.exec(tag);
    if (m === null) continue; // a comment or a declaration
    const name = (m[2] as string).toLowerCase();
    const closing = m[1] === '/';
    if (HIDDEN.has(name)) {
      hiddenDepth = Math.max(0, hiddenDepth + (closing ? -1 : 1));
      continue;
    }
    if (hiddenDepth > 0) continue;
    if (name === 'a' && !closing) {
      const h = HREF.exec(tag);
      const href = h && decodeEntities((h[1] ?? h[2] ?? h[3] ?? '').trim());
      if (href) links.push(href);
    }
    if (LINE_BREAK.has(name)) out += '\n';
    else if (PARAGRAPH.has(name)) out += '\n\n';
  }
  if (hiddenDepth === 0 && i < raw.length) out += raw.slice(i);
  return { text: decodeEntities(out), links };
}
