import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { attr, cleanText, firstChild, langOf, parseXml, resolveQName, type XmlElement } from '../../src/xml/parse.js';
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
