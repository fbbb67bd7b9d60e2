// The value helpers every crosswalk shares (src/normalise/crosswalks/values.ts), one behaviour a test.
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import type { Issue } from '../../src/model/types.js';
import type { LangValue } from '../../src/model/record.js';
import { parseXml } from '../../src/xml/parse.js';
import { addDistinct, addIssue, addLangValue, addLanguage, buildDraft, buildRights, distinctIdentifiers, foldedText, foldText, HTTP_URI, isFileUrl, keepRightsUri, langValue, mergeLangValue, otherDatesIssue, persistentIdentifier, pickDate, prefixedIdentifier, splitList, TYPE_PREFIX, urlPathMatches } from '../../src/normalise/crosswalks/values.js';
import { normaliseIdentifier } from '../../src/normalise/vocab/identifiers.js';

/** The plain form of foldText: every run of white space replaced, then trimmed. */
function foldReference(raw: string, keepParagraphs: boolean): string {
  return raw.replace(/\s+/g, (run) => (keepParagraphs && run.indexOf('\n') !== run.lastIndexOf('\n') ? '\n\n' : ' ')).trim();
}

describe('foldText', () => {
  it('folds each run of white space to one space and trims the ends', () => {
    expect(foldText('  A \n  b\tc  ')).toBe('A b c');
    expect(foldText('\u00a0x\u2003y\r\n')).toBe('x y');
  });

  it('returns the same string when nothing needs folding', () => {
    const s = 'A tidy value';
    expect(foldText(s)).toBe(s);
    expect(foldText('')).toBe('');
  });

  it('keeps a run holding two line breaks as a paragraph break only when asked', () => {
    expect(foldText('One\n  two.\n\n  Three.', true)).toBe('One two.\n\nThree.');
    expect(foldText('One\n  two.\n\n  Three.', false)).toBe('One two. Three.');
    expect(foldText('\n\nEdge\n\n', true)).toBe('Edge');
  });

  it('agrees with replace-and-trim on every mix of spaces, tabs, line breaks and no-break spaces', () => {
    const alphabet = ['a', 'b', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\n \n'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let raw = '';
      for (let j = next(9); j > 0; j--) raw += alphabet[next(alphabet.length)];
      expect(foldText(raw, false)).toBe(foldReference(raw, false));
      expect(foldText(raw, true)).toBe(foldReference(raw, true));
    }
  });
});

describe('foldedText', () => {
  it('reads an element with its descendants and CDATA, folded; no element is the empty string', () => {
    const root = parseXml('<a> x <b>y\n\n z</b><![CDATA[ & w ]]></a>').root;
    expect(foldedText(root)).toBe('x y z & w');
    expect(foldedText(root, true)).toBe('x y\n\nz & w');
    expect(foldedText(undefined)).toBe('');
  });
});

describe('splitList', () => {
  it("splits on ';' with the spaces around it, and leaves a value without ';' whole", () => {
    expect(splitList('history ; geography;maps')).toEqual(['history', 'geography', 'maps']);
    expect(splitList('1970-1979;')).toEqual(['1970-1979', '']);
    expect(splitList('one value')).toEqual(['one value']);
  });
});

describe('addDistinct', () => {
  it('adds a string unless it is empty or already there', () => {
    const out: string[] = [];
    for (const v of ['a', '', 'b', 'a']) addDistinct(out, v);
    expect(out).toEqual(['a', 'b']);
  });
});

describe('language-tagged values', () => {
  it('builds a LangValue with lang only when there is one', () => {
    expect(langValue('T', undefined)).toStrictEqual({ value: 'T' });
    expect(langValue('T', 'de')).toStrictEqual({ value: 'T', lang: 'de' });
  });

  it('addLangValue skips empty values and repeats in the same language, keeping the first URI', () => {
    const out: LangValue[] = [];
    addLangValue(out, 'A', 'en', 'http://example.org/a');
    addLangValue(out, 'A', 'en', 'http://example.org/other');
    addLangValue(out, 'A', 'de');
    addLangValue(out, '');
    addLangValue(out, 'B');
    expect(out).toStrictEqual([{ value: 'A', lang: 'en', uri: 'http://example.org/a' }, { value: 'A', lang: 'de' }, { value: 'B' }]);
  });

  it('mergeLangValue lets a repeat lend its URI to the value there, and ignores undefined', () => {
    const out: LangValue[] = [];
    const first: LangValue = { value: 'Paris', lang: 'en' };
    mergeLangValue(out, first);
    mergeLangValue(out, { value: 'Paris', lang: 'en', uri: 'http://example.org/paris' });
    mergeLangValue(out, { value: 'Paris', lang: 'en', uri: 'http://example.org/other' });
    mergeLangValue(out, undefined);
    mergeLangValue(out, { value: 'Paris' });
    expect(out).toStrictEqual([{ value: 'Paris', lang: 'en', uri: 'http://example.org/paris' }, { value: 'Paris' }]);
    expect(out[0]).toBe(first);
  });
});

describe('issues', () => {
  it('adds a vocabulary issue at its path, with a value only when there is one', () => {
    const issues: Issue[] = [];
    addIssue({ issues }, '/date', { code: 'DATE_UNPARSEABLE', severity: 'warning', message: 'm', value: 'v' });
    addIssue({ issues }, '', { code: 'X', severity: 'info', message: 'n' });
    expect(issues).toStrictEqual([
      { code: 'DATE_UNPARSEABLE', severity: 'warning', path: '/date', message: 'm', value: 'v' },
      { code: 'X', severity: 'info', path: '', message: 'n' },
    ]);
  });

  it('names the value used and lists the others in DATE_OTHERS_IGNORED', () => {
    expect(otherDatesIssue('dc:date "1885"', ['1886'], 'value')).toEqual({ code: 'DATE_OTHERS_IGNORED', severity: 'info', message: 'Used dc:date "1885"; 1 other value not used', value: '1886' });
    expect(otherDatesIssue('Issued "2020"', ['Created: 2019', 'Updated: 2021'], 'date').message).toBe('Used Issued "2020"; 2 other dates not used');
  });
});

describe('addLanguage', () => {
  it('adds the code of a language and reports what the vocabulary reports at /language', () => {
    const out = new Set<string>();
    const issues: Issue[] = [];
    addLanguage(out, 'English', { issues });
    addLanguage(out, 'eng', { issues });
    addLanguage(out, 'Klingonish', { issues });
    expect([...out]).toEqual(['eng']);
    expect(issues.map((i) => i.path)).toEqual(['/language']);
  });
});

describe('pickDate', () => {
  it('takes the first text that reads as a date, else the first text, and says which', () => {
    expect(pickDate(['sometime', '1885', '1886'])).toMatchObject({ index: 1, text: '1885', result: { date: { edtf: '1885' } } });
    expect(pickDate(['sometime', 'never'])).toMatchObject({ index: 0, text: 'sometime' });
    expect(pickDate([])).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('adds the prefix a type gives, unless the value is a URL or has it already', () => {
    expect(prefixedIdentifier('10.1000/ABC', TYPE_PREFIX.get('doi') as string).identifier).toEqual({ scheme: 'doi', value: '10.1000/abc' });
    expect(prefixedIdentifier('doi:10.1000/ABC', 'doi:').identifier).toEqual({ scheme: 'doi', value: '10.1000/abc' });
    expect(prefixedIdentifier('https://doi.org/10.1000/ABC', 'hdl:').identifier).toEqual({ scheme: 'doi', value: '10.1000/abc' });
  });

  it('reads a link as an identifier only when it is a persistent one', () => {
    expect(persistentIdentifier('https://doi.org/10.1000/xyz')?.identifier).toEqual({ scheme: 'doi', value: '10.1000/xyz' });
    expect(persistentIdentifier('https://example.org/page')).toBeUndefined();
  });

  it('drops repeats of scheme and value, and reports each kept one’s issue at its index', () => {
    const issues: Issue[] = [];
    const parsed = ['doi:10.1000/A', 'https://doi.org/10.1000/a', 'ISBN 0-306-40615-3', 'x'].map((v) => normaliseIdentifier(v));
    const ids = distinctIdentifiers(parsed, { issues });
    expect(ids).toEqual([{ scheme: 'doi', value: '10.1000/a' }, { scheme: 'local', value: 'ISBN 0-306-40615-3' }, { scheme: 'local', value: 'x' }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['IDENTIFIER_CHECKSUM', '/identifier/1']]);
  });
});

describe('file URLs', () => {
  it('tells a file of media or documents from a page by the path, the query left out', () => {
    expect(isFileUrl('https://example.org/a/scan.PDF')).toBe(true);
    expect(isFileUrl('https://example.org/image.jpg?size=full')).toBe(true);
    expect(isFileUrl('https://example.org/view?file=scan.pdf')).toBe(false);
    expect(isFileUrl('https://example.org/record/12')).toBe(false);
  });

  it('matches a URL path against another list of extensions', () => {
    expect(urlPathMatches('https://example.org/data.nc?x=1', /\.nc$/)).toBe(true);
    expect(urlPathMatches('https://example.org/data.nc?x=1', /\.pdf$/)).toBe(false);
  });

  it('knows a value that is one http(s) URI and nothing else', () => {
    expect(HTTP_URI.test('https://example.org/x')).toBe(true);
    expect(HTTP_URI.test('see https://example.org/x')).toBe(false);
  });
});

describe('keepRightsUri', () => {
  it('keeps the first rights URI and reports a different later one, naming where it was read', () => {
    const issues: Issue[] = [];
    const ctx = { issues };
    let uri = keepRightsUri(ctx, undefined, 'http://rightsstatements.org/vocab/InC/1.0/', 'dc:rights', 'In copyright');
    uri = keepRightsUri(ctx, uri, 'http://rightsstatements.org/vocab/InC/1.0/', 'dc:rights', 'InC again');
    uri = keepRightsUri(ctx, uri, 'https://creativecommons.org/licenses/by/4.0/', 'dc:rights', 'CC BY 4.0');
    expect(uri).toBe('http://rightsstatements.org/vocab/InC/1.0/');
    expect(issues).toEqual([
      {
        code: 'RIGHTS_CONFLICT',
        severity: 'warning',
        path: '/rights/uri',
        message: 'dc:rights names more than one licence or statement; kept http://rightsstatements.org/vocab/InC/1.0/',
        value: 'CC BY 4.0',
      },
    ]);
  });
});

describe('buildRights', () => {
  it('gives the URI and the statements joined with " | ", or nothing when there is neither', () => {
    expect(buildRights('http://rightsstatements.org/vocab/InC/1.0/', ['A', 'B'])).toStrictEqual({ uri: 'http://rightsstatements.org/vocab/InC/1.0/', statement: 'A | B' });
    expect(buildRights(undefined, ['A'])).toStrictEqual({ statement: 'A' });
    expect(buildRights(undefined, [])).toBeUndefined();
  });
});

describe('buildDraft', () => {
  it('keeps the title always and other fields only when they have a value, in the order of the record schema', () => {
    const draft = buildDraft({
      title: [],
      alternative: [],
      description: [{ value: 'D' }],
      subject: [],
      creator: [],
      contributor: [],
      date: undefined,
      type: [],
      format: ['1 map'],
      language: [],
      publisher: [],
      spatial: [],
      identifier: [],
      rights: { statement: 'S' },
      isShownAt: 'https://example.org/1',
      isShownBy: undefined,
      relation: [],
    });
    expect(draft).toStrictEqual({ title: [], description: [{ value: 'D' }], format: ['1 map'], rights: { statement: 'S' }, isShownAt: 'https://example.org/1' });
    expect(Object.keys(draft)).toEqual(['title', 'description', 'format', 'rights', 'isShownAt']);
  });
});
