// Namespace-aware XML parsing into a small element tree that keeps source offsets.
// Pure: no I/O. Never expands DTD entities (no XXE, no entity bombs); never fetches anything.
//
// Why a scanner of our own: crosswalks match elements by namespace URI whatever prefix an
// archive chose, and the raw record must be sliced from the page exactly as served, so we
// need namespaces and offsets (fast-xml-parser gives neither). saxes gives both but builds a
// tree at about 10,000 oai_dc records/s, the same as fast-xml-parser; this indexOf-driven
// scanner does the same work several times faster (`npm run bench -- harvest` measures all
// three), and tests/xml/parse.test.ts checks it against saxes on every fixture.

import { EntenteError } from '../errors.js';
import { sanitizeXmlText, type RemovedChar } from './sanitize.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** An element: names resolved against namespaces, attributes, children and where it stood in the text. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI, '' when none. */
  ns: string;
  /** The name as written, with its prefix. */
  qname: string;
  /** Attributes without a namespace by local name; namespaced ones as `{uri}local`. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Namespace declarations made on this element (prefix to URI; '' for the default). */
  nsDecl: Record<string, string> | undefined;
  parent: XmlElement | undefined;
  /** Offsets in the parsed text: `text.slice(start, end)` is the element as written. */
  start: number;
  end: number;
}

export type XmlNode = XmlElement | string;

/** A problem that does not stop parsing: the text is kept, the problem reported. */
export interface XmlWarning {
  offset: number;
  code: 'XML_INVALID_CHAR_REMOVED' | 'XML_UNDEFINED_ENTITY';
  message: string;
}

export interface ParsedXml {
  root: XmlElement;
  /**
   * The text that was parsed (after invalid characters were removed): offsets refer to it. In
   * binary mode it holds UTF-8 bytes one per character (see ParseXmlOptions.binary): read
   * slices of it with sourceSlice, never directly.
   */
  text: string;
  /** Parsed in binary mode: `text` holds bytes and offsets count bytes. */
  binary: boolean;
  /** The bytes the binary-mode text was read from, when the text is still exactly them (nothing was removed). */
  bytes?: Uint8Array;
  warnings: XmlWarning[];
  /** True when the document carried a DOCTYPE (skipped, never processed). */
  hadDoctype: boolean;
}

export interface ParseXmlOptions {
  /** Namespace bindings in scope before the root (for re-parsing a slice of a larger document). */
  namespaces?: Record<string, string>;
  /** Named in error messages. */
  label?: string;
  /**
   * The input is valid UTF-8 held one byte per character (a 'latin1' decode of the bytes, which
   * costs a copy, where decoding UTF-8 costs about 11 us per record on a page of real-looking
   * records). The markup is ASCII, so the scanner reads the bytes as they are; names, text and
   * attribute values are decoded as they are taken, and only when they hold non-ASCII bytes.
   * Offsets then count bytes, which is also what slicing the raw payload from the page needs.
   */
  binary?: boolean;
  /** In binary mode, the bytes `input` holds: sourceBytes then returns slices of them, not copies. */
  bytes?: Uint8Array;
}

const NON_ASCII = /[\x80-\xff]/;

/** Decodes a slice of a binary-mode text (UTF-8 bytes one per char) into a string. */
function fromUtf8Bytes(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

const identity = (s: string): string => s;

/** The source text from start to end (an element as written, say), decoded. */
export function sourceSlice(parsed: Pick<ParsedXml, 'text' | 'binary'>, start: number, end: number): string {
  const s = parsed.text.slice(start, end);
  return parsed.binary ? fromUtf8Bytes(s) : s;
}

/** The source bytes from start to end, UTF-8 encoded (the raw payload as served, for binary mode). */
export function sourceBytes(parsed: Pick<ParsedXml, 'text' | 'binary' | 'bytes'>, start: number, end: number): Uint8Array {
  if (parsed.bytes) return parsed.bytes.subarray(start, end);
  return Buffer.from(parsed.text.slice(start, end), parsed.binary ? 'latin1' : 'utf8');
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?$/;
const ENTITY_REF = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z_][\w.\-]*));/g;

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `${line}:${offset - last}`;
}

/** Parses a complete XML document. Throws ERR_XML_MALFORMED with line and column when it is not well-formed. */
export function parseXml(input: string, options: ParseXmlOptions = {}): ParsedXml {
  // XML end-of-line handling (XML 1.0 section 2.11): CR LF and lone CR read as LF.
  const binary = options.binary === true;
  const { text, removed } = sanitizeXmlText(input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input, { binary });
  const warnings: XmlWarning[] = removed.map((r: RemovedChar) => ({
    offset: r.offset,
    code: 'XML_INVALID_CHAR_REMOVED',
    message: `Removed a character not allowed in XML: ${r.what}`,
  }));
  try {
    const { root, hadDoctype } = scan(text, warnings, options.namespaces, binary ? fromUtf8Bytes : identity);
    const parsed: ParsedXml = { root, text, warnings, hadDoctype, binary };
    if (binary && options.bytes && text === input && options.bytes.length === text.length) parsed.bytes = options.bytes;
    return parsed;
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      throw new EntenteError(
        'ERR_XML_MALFORMED',
        `${options.label ? options.label + ': ' : ''}not well-formed XML at ${lineCol(text, err.offset)}: ${err.message}`,
        { cause: err, context: { offset: err.offset } },
      );
    }
    throw err;
  }
}

function decodeEntities(raw: string, offset: number, warnings: XmlWarning[]): string {
  if (raw.indexOf('&') === -1) return raw;
  let out = '';
  let last = 0;
  ENTITY_REF.lastIndex = 0;
  for (let m = ENTITY_REF.exec(raw); m !== null; m = ENTITY_REF.exec(raw)) {
    // A bare '&' between references is not well-formed.
    const amp = raw.indexOf('&', last);
    if (amp !== -1 && amp < m.index) throw new XmlSyntaxError("'&' must start an entity or character reference", offset + amp);
    out += raw.slice(last, m.index);
    const [whole, hex, dec, name] = m;
    if (name !== undefined) {
      const v = PREDEFINED[name];
      if (v !== undefined) out += v;
      else {
        // An HTML entity, or one a DOCTYPE defines: kept as text, never expanded.
        out += whole;
        warnings.push({
          offset: offset + m.index,
          code: 'XML_UNDEFINED_ENTITY',
          message: `Entity &${name}; is not defined in XML and was kept as text (entities are never expanded)`,
        });
      }
    } else {
      const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
      if (!(cp <= 0x10ffff)) throw new XmlSyntaxError(`character reference ${whole} is out of range`, offset + m.index);
      out += String.fromCodePoint(cp);
    }
    last = m.index + whole.length;
  }
  if (raw.indexOf('&', last) !== -1) throw new XmlSyntaxError("'&' must start an entity or character reference", offset + raw.indexOf('&', last));
  return out + raw.slice(last);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function lookup(el: XmlElement | undefined, prefix: string, outer: Record<string, string> | undefined): string | undefined {
  for (let e = el; e; e = e.parent) {
    const uri = e.nsDecl?.[prefix];
    if (uri !== undefined) return uri;
  }
  if (prefix === 'xml') return XML_NS;
  return outer?.[prefix];
}

/** `dec` turns a slice of the text into a string: identity, or UTF-8 decoding in binary mode. */
function scan(text: string, warnings: XmlWarning[], outer: Record<string, string> | undefined, dec: (s: string) => string): { root: XmlElement; hadDoctype: boolean } {
  const len = text.length;
  let i = 0;
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let hadDoctype = false;
  // A byte-order mark is allowed before the prolog.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  else if (dec !== identity && text.startsWith('\xef\xbb\xbf')) i = 3;

  const addText = (raw: string, at: number): void => {
    if (!current) {
      if (raw.trim() !== '') throw new XmlSyntaxError(root ? 'text after the root element' : 'text before the root element', at);
      return;
    }
    if (raw.indexOf('<') !== -1) throw new XmlSyntaxError("'<' in text", at + raw.indexOf('<'));
    const value = decodeEntities(dec(raw), at, warnings);
    const kids = current.children;
    const last = kids[kids.length - 1];
    if (typeof last === 'string') kids[kids.length - 1] = last + value;
    else kids.push(value);
  };

  while (i < len) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      addText(text.slice(i), i);
      break;
    }
    if (lt > i) addText(text.slice(i, lt), i);
    const next = text.charCodeAt(lt + 1);

    if (next === 0x2f /* / */) {
      const gt = text.indexOf('>', lt + 2);
      if (gt === -1) throw new XmlSyntaxError('unterminated end tag (truncated document?)', lt);
      const qname = dec(text.slice(lt + 2, gt).trimEnd());
      if (!current) throw new XmlSyntaxError(`end tag </${qname}> without a start tag`, lt);
      if (qname !== current.qname) throw new XmlSyntaxError(`end tag </${qname}> does not match <${current.qname}>`, lt);
      current.end = gt + 1;
      current = current.parent;
      i = gt + 1;
      continue;
    }

    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw new XmlSyntaxError('unterminated processing instruction', lt);
      i = end + 2;
      continue;
    }

    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) throw new XmlSyntaxError('unterminated comment (truncated document?)', lt);
        i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        if (!current) throw new XmlSyntaxError('CDATA outside the root element', lt);
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) throw new XmlSyntaxError('unterminated CDATA section (truncated document?)', lt);
        const value = dec(text.slice(lt + 9, end));
        const kids = current.children;
        const last = kids[kids.length - 1];
        if (typeof last === 'string') kids[kids.length - 1] = last + value;
        else kids.push(value);
        i = end + 3;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', lt)) {
        if (root) throw new XmlSyntaxError('DOCTYPE after the root element', lt);
        // Skipped whole, internal subset included: its entities are never defined, let alone expanded.
        let j = lt + 9;
        let depth = 0;
        for (; j < len; j++) {
          const c = text.charCodeAt(j);
          if (c === 0x5b) depth++;
          else if (c === 0x5d) depth--;
          else if (c === 0x22 || c === 0x27) {
            const q = text.indexOf(text[j] as string, j + 1);
            if (q === -1) break;
            j = q;
          } else if (c === 0x3e && depth <= 0) break;
        }
        if (j >= len) throw new XmlSyntaxError('unterminated DOCTYPE', lt);
        hadDoctype = true;
        i = j + 1;
        continue;
      }
      throw new XmlSyntaxError('unexpected markup declaration', lt);
    }

    // Start tag.
    if (root && !current) throw new XmlSyntaxError('a second root element', lt);
    let j = lt + 1;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 0x3e || c === 0x2f) break;
      j++;
    }
    const qname = dec(text.slice(lt + 1, j));
    if (!NAME.test(qname)) throw new XmlSyntaxError(`invalid element name "${qname.slice(0, 40)}"`, lt);
    let rawAttrs: [string, string, number][] | undefined;
    let selfClosing = false;
    for (;;) {
      while (j < len && isSpace(text.charCodeAt(j))) j++;
      if (j >= len) throw new XmlSyntaxError(`unterminated start tag <${qname}> (truncated document?)`, lt);
      const c = text.charCodeAt(j);
      if (c === 0x3e) {
        j++;
        break;
      }
      if (c === 0x2f) {
        if (text.charCodeAt(j + 1) !== 0x3e) throw new XmlSyntaxError(`expected '/>' in <${qname}>`, j);
        selfClosing = true;
        j += 2;
        break;
      }
      const eq = text.indexOf('=', j);
      if (eq === -1) throw new XmlSyntaxError(`attribute without a value in <${qname}>`, j);
      const aname = dec(text.slice(j, eq).trimEnd());
      if (!NAME.test(aname)) throw new XmlSyntaxError(`invalid attribute name "${aname.slice(0, 40)}" in <${qname}>`, j);
      let q = eq + 1;
      while (q < len && isSpace(text.charCodeAt(q))) q++;
      const quote = text[q];
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`attribute ${aname} in <${qname}> is not quoted`, q);
      const close = text.indexOf(quote, q + 1);
      if (close === -1) throw new XmlSyntaxError(`unterminated attribute ${aname} in <${qname}> (truncated document?)`, q);
      const rawValue = dec(text.slice(q + 1, close));
      if (rawValue.indexOf('<') !== -1) throw new XmlSyntaxError(`'<' in the value of attribute ${aname}`, q + 1);
      (rawAttrs ??= []).push([aname, rawValue, q + 1]);
      j = close + 1;
      const after = text.charCodeAt(j);
      if (!isSpace(after) && after !== 0x3e && after !== 0x2f) throw new XmlSyntaxError(`missing white space after attribute ${aname}`, j);
    }

    const el: XmlElement = { name: '', ns: '', qname, attrs: {}, children: [], nsDecl: undefined, parent: current, start: lt, end: -1 };
    if (rawAttrs) {
      const seen = new Set<string>();
      for (const [aname, rawValue, at] of rawAttrs) {
        if (seen.has(aname)) throw new XmlSyntaxError(`attribute ${aname} repeated in <${qname}>`, at);
        seen.add(aname);
        if (aname === 'xmlns' || aname.startsWith('xmlns:')) {
          (el.nsDecl ??= {})[aname === 'xmlns' ? '' : aname.slice(6)] = decodeEntities(rawValue, at, warnings);
        }
      }
      for (const [aname, rawValue, at] of rawAttrs) {
        if (aname === 'xmlns' || aname.startsWith('xmlns:')) continue;
        // Attribute-value normalisation: literal tabs and newlines read as spaces.
        const value = decodeEntities(rawValue.replace(/[\t\n\r]/g, ' '), at, warnings);
        const colon = aname.indexOf(':');
        if (colon === -1) el.attrs[aname] = value;
        else {
          const uri = lookup(el, aname.slice(0, colon), outer);
          if (uri === undefined) throw new XmlSyntaxError(`unbound namespace prefix in attribute ${aname}`, at);
          el.attrs[`{${uri}}${aname.slice(colon + 1)}`] = value;
        }
      }
    }
    const colon = qname.indexOf(':');
    if (colon === -1) {
      el.name = qname;
      el.ns = lookup(el, '', outer) ?? '';
    } else {
      el.name = qname.slice(colon + 1);
      const uri = lookup(el, qname.slice(0, colon), outer);
      if (uri === undefined) throw new XmlSyntaxError(`unbound namespace prefix in <${qname}>`, lt);
      el.ns = uri;
    }

    if (current) current.children.push(el);
    else root = el;
    if (selfClosing) el.end = j;
    else current = el;
    i = j;
  }

  if (current) throw new XmlSyntaxError(`<${current.qname}> is not closed (truncated document?)`, len);
  if (!root) throw new XmlSyntaxError('no root element (empty document?)', 0);
  if (outer) root.nsDecl = { ...outer, ...root.nsDecl };
  return { root, hadDoctype };
}

// ---- Navigation helpers used by the protocol parsers and the crosswalks ----

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === 'object';
}

/** Child elements, optionally filtered by namespace and local name. */
export function childElements(el: XmlElement, ns?: string, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (typeof c === 'object' && (ns === undefined || c.ns === ns) && (name === undefined || c.name === name)) out.push(c);
  }
  return out;
}

export function firstChild(el: XmlElement, ns?: string, name?: string): XmlElement | undefined {
  for (const c of el.children) {
    if (typeof c === 'object' && (ns === undefined || c.ns === ns) && (name === undefined || c.name === name)) return c;
  }
  return undefined;
}

/** All text below an element, concatenated as written. */
export function textOf(el: XmlElement): string {
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  // Iterative, so a record with thousands of nested elements cannot exhaust the stack.
  let out = '';
  const stack: XmlNode[] = el.children.slice().reverse();
  while (stack.length) {
    const c = stack.pop() as XmlNode;
    if (typeof c === 'string') out += c;
    else for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i] as XmlNode);
  }
  return out;
}

/** Text with runs of white space folded to one space and trimmed; '' when only white space. */
export function cleanText(el: XmlElement): string {
  return textOf(el).replace(/\s+/g, ' ').trim();
}

export function attr(el: XmlElement, name: string, ns?: string): string | undefined {
  return el.attrs[ns ? `{${ns}}${name}` : name];
}

/** The xml:lang in scope for an element (inherited from ancestors), if any. */
const XML_LANG_KEY = `{${XML_NS}}lang`;

export function langOf(el: XmlElement): string | undefined {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const l = e.attrs[XML_LANG_KEY];
    if (l !== undefined) return l.trim() || undefined;
  }
  return undefined;
}

/** Resolves a prefix against the declarations in scope at an element. */
export function lookupNamespace(el: XmlElement, prefix: string, outer: Record<string, string> = {}): string | undefined {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const uri = e.nsDecl?.[prefix];
    if (uri !== undefined) return uri;
  }
  return outer[prefix];
}

/** Namespace declarations in scope at an element that were made *outside* it (to re-parse its slice alone). */
export function inheritedNamespaces(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (let e = el.parent; e; e = e.parent) {
    if (!e.nsDecl) continue;
    for (const [prefix, uri] of Object.entries(e.nsDecl)) if (!(prefix in out)) out[prefix] = uri;
  }
  return out;
}

/** Resolves a QName value such as xsi:type="dcterms:W3CDTF" into `{ ns, name }`. */
export function resolveQName(el: XmlElement, value: string): { ns: string; name: string } {
  const i = value.indexOf(':');
  const prefix = i < 0 ? '' : value.slice(0, i);
  const name = i < 0 ? value : value.slice(i + 1);
  return { ns: lookupNamespace(el, prefix) ?? '', name };
}
