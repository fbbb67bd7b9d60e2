// One-line cases for normaliseIdentifier and the check-digit helpers (ISBN-10 to 13, wrong check digits).
// Pure: no I/O.

import { describe, it, expect } from 'vitest';
import { canonicalUrl, isbn10To13, isValidIsbn10, isValidIsbn13, isValidIssn, normaliseIdentifier } from '../../src/normalise/vocab/identifiers.js';

// [text, scheme, value, url?]
const cases: [string, string, string, string?][] = [
  ['10.1234/ABC.def', 'doi', '10.1234/abc.def'],
  ['doi:10.1234/abc', 'doi', '10.1234/abc'],
  ['DOI: 10.1234/abc', 'doi', '10.1234/abc'],
  ['info:doi/10.1234/abc', 'doi', '10.1234/abc'],
  ['https://doi.org/10.1234/ABC', 'doi', '10.1234/abc', 'https://doi.org/10.1234/ABC'],
  ['http://dx.doi.org/10.1234%2Fabc', 'doi', '10.1234/abc', 'http://dx.doi.org/10.1234%2Fabc'],
  ['https://hdl.handle.net/10.1234/x', 'doi', '10.1234/x', 'https://hdl.handle.net/10.1234/x'],
  ['hdl:1765/9', 'handle', '1765/9'],
  ['info:hdl/1765/9', 'handle', '1765/9'],
  ['http://hdl.handle.net/1765/9', 'handle', '1765/9', 'http://hdl.handle.net/1765/9'],
  ['ark:/12148/bpt6k5440618t', 'ark', 'ark:/12148/bpt6k5440618t'],
  ['ark:12148/bpt6k5440618t', 'ark', 'ark:/12148/bpt6k5440618t'],
  ['http://gallica.bnf.fr/ark:/12148/bpt6k5440618t', 'ark', 'ark:/12148/bpt6k5440618t', 'http://gallica.bnf.fr/ark:/12148/bpt6k5440618t'],
  ['https://n2t.net/ark:/13030/tf5p30086k', 'ark', 'ark:/13030/tf5p30086k', 'https://n2t.net/ark:/13030/tf5p30086k'],
  ['URN:NBN:de:101:1-2011', 'urn', 'urn:nbn:de:101:1-2011'],
  ['https://nbn-resolving.org/urn:nbn:de:101:1-2011', 'urn', 'urn:nbn:de:101:1-2011', 'https://nbn-resolving.org/urn:nbn:de:101:1-2011'],
  ['http://nbn-resolving.de/urn/resolver.pl?urn=urn:nbn:nl:ui:13-abc', 'urn', 'urn:nbn:nl:ui:13-abc', 'http://nbn-resolving.de/urn/resolver.pl?urn=urn:nbn:nl:ui:13-abc'],
  ['urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'urn', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66'],
  ['ISBN 0-306-40615-2', 'isbn', '9780306406157'],
  ['ISBN: 0306406152 (pbk.)', 'isbn', '9780306406157'],
  ['urn:isbn:0306406152', 'isbn', '9780306406157'],
  ['0-306-40615-2', 'isbn', '9780306406157'],
  ['90-9017382-X', 'isbn', '9789090173825'],
  ['978-0-306-40615-7', 'isbn', '9780306406157'],
  ['9780306406157', 'isbn', '9780306406157'],
  ['ISSN 0317-8471', 'issn', '0317-8471'],
  ['issn: 03178471', 'issn', '0317-8471'],
  ['2434-561x', 'issn', '2434-561X'],
  ['HTTP://Example.ORG:80/a/b?c=d#frag', 'uri', 'http://example.org/a/b?c=d', 'http://example.org/a/b?c=d'],
  ['https://example.org:443', 'uri', 'https://example.org/', 'https://example.org/'],
  ['https://example.org:8443/x', 'uri', 'https://example.org:8443/x', 'https://example.org:8443/x'],
  ['info:eu-repo/grantAgreement/EC/FP7/1', 'uri', 'info:eu-repo/grantAgreement/EC/FP7/1'],
  ['oai:arXiv.org:hep-th/0001001', 'uri', 'oai:arXiv.org:hep-th/0001001'],
  ['RePEc:dgr:eureri:2001134', 'local', 'RePEc:dgr:eureri:2001134'],
  ['9780306406158', 'local', '9780306406158'],
  ['1999-2000', 'local', '1999-2000'],
  ['http://foo bar', 'local', 'http://foo bar'],
];

describe('normaliseIdentifier', () => {
  it.each(cases)('reads %j as %s %s', (text, scheme, value, url) =>
    expect(normaliseIdentifier(text)).toEqual(url === undefined ? { identifier: { scheme, value } } : { identifier: { scheme, value }, url }),
  );

  it.each(['ISBN 0-306-40615-3', 'ISBN 978-0-306-40615-8', 'ISSN 0317-8472', 'urn:isbn:0306406153'])('keeps %j as local and reports the wrong check digit', (text) => {
    const r = normaliseIdentifier(text);
    expect(r.identifier).toEqual({ scheme: 'local', value: text });
    expect(r.issue).toMatchObject({ code: 'IDENTIFIER_CHECKSUM', severity: 'warning', value: text });
  });
});

describe('check digits', () => {
  it('converts ISBN-10 to ISBN-13', () => expect(isbn10To13('0306406152')).toBe('9780306406157'));
  it('converts an ISBN-10 ending in X', () => expect(isbn10To13('080442957X')).toBe('9780804429573'));
  it.each(['0306406152', '080442957X', '909017382X'])('accepts ISBN-10 %s', (isbn) => expect(isValidIsbn10(isbn)).toBe(true));
  it.each(['0306406153', '030640615', '03064061521'])('refuses ISBN-10 %s', (isbn) => expect(isValidIsbn10(isbn)).toBe(false));
  it.each(['9780306406157', '9791090636071'])('accepts ISBN-13 %s', (isbn) => expect(isValidIsbn13(isbn)).toBe(true));
  it.each(['9780306406158', '9770306406157'])('refuses ISBN-13 %s', (isbn) => expect(isValidIsbn13(isbn)).toBe(false));
  it.each(['03178471', '2434561X', '15667294'])('accepts ISSN %s', (issn) => expect(isValidIssn(issn)).toBe(true));
  it.each(['03178472', '2434561'])('refuses ISSN %s', (issn) => expect(isValidIssn(issn)).toBe(false));
});

describe('canonicalUrl', () => {
  it('lower-cases scheme and host and drops the default port and fragment', () =>
    expect(canonicalUrl('HTTPS://Gallica.BNF.fr:443/Ark:/x?a=B#p')).toBe('https://gallica.bnf.fr/Ark:/x?a=B'));
  it('encodes spaces in the path', () => expect(canonicalUrl('https://ep.eur.nl/retrieve/2570/ERS 2004.pdf')).toBe('https://ep.eur.nl/retrieve/2570/ERS%202004.pdf'));
  it.each(['ftp://example.org/', 'example.org', 'http://'])('refuses %j', (text) => expect(canonicalUrl(text)).toBeUndefined());
});
