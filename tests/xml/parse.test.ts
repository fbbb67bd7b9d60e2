import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { attr, cleanText, firstChild, langOf, parseXml, resolveQName, sourceBytes, sourceSlice, type ParsedXml, type XmlElement } from '../../src/xml/parse.js';
import { sanitizeXmlText } from '../../src/xml/sanitize.js';
import { saxesTree, type RefElement } from '../helpers/saxes-tree.js';
import { hasShared, OAI_FIXTURES, oaiFixtureFiles } from '../helpers/shared.js';

function strip(el: XmlElement): RefElement {
  return {
    name: el.name,
    ns: el.ns,
    attrs: el.attrs,
    start: el.start,
    end: el.end,
    children: el.children.map((c) => (typeof c === 'string' ? c : strip(c))),
  };
}

function shift(el: RefElement, by: number): RefElement {
  return { ...el, start: el.start + by, end: el.end + by, children: el.children.map((c) => (typeof c === 'string' ? c : shift(c, by))) };
}

function malformed(text: string): string {
  try {
    parseXml(text);
  } catch (err) {
    expect(err).toBeInstanceOf(EntenteError);
    expect((err as EntenteError).code).toBe('ERR_XML_MALFORMED');
    return (err as Error).message;
  }
  throw new Error('expected a parse failure');
}

describe('parseXml', () => {
  it('resolves namespaces whatever the prefix, and keeps offsets of each element', () => {
    const text = '<r xmlns="urn:d" xmlns:x="urn:x"><x:a k="1" x:k="2">t</x:a><b/></r>';
    const { root } = parseXml(text);
    const a = firstChild(root, 'urn:x', 'a') as XmlElement;
    expect(a.qname).toBe('x:a');
    expect(attr(a, 'k')).toBe('1');
    expect(attr(a, 'k', 'urn:x')).toBe('2');
    expect(text.slice(a.start, a.end)).toBe('<x:a k="1" x:k="2">t</x:a>');
    const b = firstChild(root, 'urn:d', 'b') as XmlElement;
    expect(text.slice(b.start, b.end)).toBe('<b/>');
  });

  it('decodes predefined entities, character references and CDATA', () => {
    const { root } = parseXml('<r>a &amp; b &#233;&#xE9; <![CDATA[<i>raw</i> & more]]></r>');
    expect(cleanText(root)).toBe('a & b éé <i>raw</i> & more');
  });

  it('inherits xml:lang and resolves QName values such as xsi:type', () => {
    const { root } = parseXml('<r xml:lang="de" xmlns:t="http://purl.org/dc/terms/"><c><d v="t:W3CDTF"/></c></r>');
    const d = (firstChild(firstChild(root) as XmlElement) as XmlElement);
    expect(langOf(d)).toBe('de');
    expect(resolveQName(d, 't:W3CDTF')).toEqual({ ns: 'http://purl.org/dc/terms/', name: 'W3CDTF' });
  });

  it('skips a DOCTYPE and never expands its entities', () => {
    const parsed = parseXml('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "boom">]><r>&x;&y;</r>');
    expect(parsed.hadDoctype).toBe(true);
    expect(cleanText(parsed.root)).toBe('&x;&y;');
    expect(parsed.warnings.map((w) => w.code)).toEqual(['XML_UNDEFINED_ENTITY', 'XML_UNDEFINED_ENTITY']);
  });

  it('drops characters XML forbids and says where', () => {
    const parsed = parseXml('<r><a>ok</a><b>x\u0001y&#x0B;z</b></r>');
    expect(cleanText(parsed.root)).toBe('okxyz');
    expect(parsed.warnings).toHaveLength(2);
    const b = parsed.root.children[1] as XmlElement;
    for (const w of parsed.warnings) expect(w.offset >= b.start && w.offset <= b.end).toBe(true);
  });

  it('rejects truncated documents, naming line and column', () => {
    expect(malformed('<r>\n<a>text</a>\n<b>cut')).toMatch(/2?:\d+|not closed/);
    expect(malformed('<r><a>text</a')).toMatch(/truncated/);
    expect(malformed('<r><a k="v')).toMatch(/truncated/);
    expect(malformed('')).toMatch(/no root element/);
  });

  it('rejects what is not well-formed', () => {
    expect(malformed('<r><a></b></r>')).toMatch(/does not match/);
    expect(malformed('<r>a & b</r>')).toMatch(/'&'/);
    expect(malformed('<r a="1" a="2"/>')).toMatch(/repeated/);
    expect(malformed('<r><x:a/></r>')).toMatch(/unbound namespace prefix/);
    expect(malformed('<r/><s/>')).toMatch(/second root|after the root/);
    expect(malformed('<r a=1/>')).toMatch(/not quoted/);
  });
});

describe('sanitizeXmlText', () => {
  it('leaves clean text untouched (same string)', () => {
    const text = '<r>clean &#233;</r>';
    expect(sanitizeXmlText(text).text).toBe(text);
    expect(sanitizeXmlText(text).removed).toEqual([]);
  });

  it('removes lone surrogates and references to forbidden code points', () => {
    const r = sanitizeXmlText('a\uD800b&#0;c&#x1F;d&#x10FFFF;');
    expect(r.text).toBe('abcd&#x10FFFF;');
    expect(r.removed.map((x) => x.what)).toEqual(['U+D800', '&#0; (U+0000)', '&#x1F; (U+001F)']);
  });
});

describe.skipIf(!hasShared)('parseXml against saxes on every real OAI-PMH fixture', () => {
  for (const file of oaiFixtureFiles()) {
    it(`builds the same tree as saxes for ${file}`, () => {
      const text = readFileSync(join(OAI_FIXTURES, file), 'utf8');
      const ours = parseXml(text);
      expect(ours.warnings.filter((w) => w.code === 'XML_INVALID_CHAR_REMOVED')).toEqual([]);
      // dLibra sends white space before the XML declaration: saxes refuses it, we accept it.
      const lead = ours.text.length - ours.text.trimStart().length;
      expect(strip(ours.root)).toEqual(shift(saxesTree(ours.text.slice(lead)), lead));
    });
  }
});

/** The tree without offsets, which count bytes in binary mode and UTF-16 units otherwise. */
function shape(el: XmlElement): unknown {
  return { name: el.name, ns: el.ns, qname: el.qname, attrs: el.attrs, nsDecl: el.nsDecl, children: el.children.map((c) => (typeof c === 'string' ? c : shape(c))) };
}

function* elements(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) if (typeof c === 'object') yield* elements(c);
}

/** Parses UTF-8 bytes both ways: as a decoded string, and in binary mode. */
function bothWays(bytes: Buffer): { text: ParsedXml; binary: ParsedXml } {
  return { text: parseXml(bytes.toString('utf8')), binary: parseXml(bytes.toString('latin1'), { binary: true }) };
}

describe('parseXml in binary mode (UTF-8 bytes one per character)', () => {
  const doc = Buffer.from(
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<r xmlns:é="urn:x" a="Gdańsk &amp; Köln"><é:t xml:lang="pl">Łódź — 日本 😀</é:t><![CDATA[ß<]]>&#233;t&#xE9;</r>',
  );

  it('builds the same tree as from the decoded string, with byte offsets', () => {
    const { text, binary } = bothWays(doc);
    expect(binary.binary).toBe(true);
    expect(shape(binary.root)).toEqual(shape(text.root));
    const t = firstChild(binary.root, 'urn:x', 't') as XmlElement;
    expect(cleanText(t)).toBe('Łódź — 日本 😀');
    expect(sourceSlice(binary, t.start, t.end)).toBe('<é:t xml:lang="pl">Łódź — 日本 😀</é:t>');
    expect(Buffer.from(sourceBytes(binary, t.start, t.end)).equals(Buffer.from('<é:t xml:lang="pl">Łódź — 日本 😀</é:t>'))).toBe(true);
    // Given the bytes, slices are views of them, not copies.
    const viewed = parseXml(doc.toString('latin1'), { binary: true, bytes: doc });
    const v = firstChild(viewed.root, 'urn:x', 't') as XmlElement;
    expect(sourceBytes(viewed, v.start, v.end).buffer).toBe(doc.buffer);
    expect(Buffer.from(sourceBytes(viewed, v.start, v.end)).toString()).toBe('<é:t xml:lang="pl">Łódź — 日本 😀</é:t>');
    expect(cleanText(binary.root)).toBe('Łódź — 日本 😀ß<été');
  });

  it('removes U+FFFE and U+FFFF (EF BF BE, EF BF BF) and control characters, naming them', () => {
    const { text, binary } = bothWays(Buffer.from('<r>a\uFFFEb\uFFFFc\u000Bd</r>'));
    expect(cleanText(binary.root)).toBe('abcd');
    // The text changed, so the bytes no longer match it: slices are taken from the text.
    const bytes = Buffer.from('<r>a\uFFFEb</r>');
    expect(parseXml(bytes.toString('latin1'), { binary: true, bytes }).bytes).toBeUndefined();
    expect(binary.warnings.map((w) => w.message)).toEqual(text.warnings.map((w) => w.message));
    expect(binary.warnings.map((w) => w.message).join()).toMatch(/U\+FFFE.*U\+FFFF.*U\+000B/);
  });

  it('reports malformed input the same way', () => {
    expect(() => parseXml(Buffer.from('<a><b>Łódź</a>').toString('latin1'), { binary: true })).toThrow(/end tag <\/a> does not match <b>/);
  });
});

describe.skipIf(!hasShared)('binary mode on every real OAI-PMH fixture', () => {
  // Binary mode is only for valid UTF-8 (see parseOaiResponseBody); the others are decoded first.
  for (const file of oaiFixtureFiles().filter((f) => isUtf8(readFileSync(join(OAI_FIXTURES, f))))) {
    it(`reads ${file} as it reads the decoded text`, () => {
      const bytes = readFileSync(join(OAI_FIXTURES, file));
      const { text, binary } = bothWays(bytes);
      expect(shape(binary.root)).toEqual(shape(text.root));
      // Every element's source, sliced by byte offsets, is what the string offsets give.
      const a = [...elements(text.root)];
      const b = [...elements(binary.root)];
      for (let i = 0; i < a.length; i += Math.max(1, Math.floor(a.length / 200))) {
        expect(sourceSlice(binary, (b[i] as XmlElement).start, (b[i] as XmlElement).end)).toBe(text.text.slice((a[i] as XmlElement).start, (a[i] as XmlElement).end));
      }
    });
  }
});
