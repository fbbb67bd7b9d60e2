// MARC 21 008/06-14 (type of date, Date 1, Date 2) read by normaliseMarc008Date.
// Pure: no fixtures, no I/O.

import { describe, it, expect } from 'vitest';
import { normaliseMarc008Date } from '../../src/normalise/vocab/dates.js';

/** An 008 with the given positions 06-14 (type of date, Date 1, Date 2). */
const f = (dates: string): string => `850101${dates}gw            000 0 ger d`;
const date = (dates: string) => normaliseMarc008Date(f(dates))?.date;

describe('normaliseMarc008Date', () => {
  it('reads a single date (s) and one not coded (|)', () => {
    expect(date('s1895    ')).toEqual({ display: '1895', edtf: '1895', earliest: 1895, latest: 1895 });
    expect(date('|1895    ')).toEqual({ display: '1895', edtf: '1895', earliest: 1895, latest: 1895 });
  });

  it('turns unknown digits into X', () => {
    expect(date('s189u    ')).toEqual({ display: '189X', edtf: '189X', earliest: 1890, latest: 1899 });
    expect(date('s19uu    ')).toEqual({ display: '19XX', edtf: '19XX', earliest: 1900, latest: 1999 });
    expect(date('s18--    ')).toMatchObject({ edtf: '18XX' });
  });

  it('reads a detailed date (e) with month and day in Date 2', () => {
    expect(date('e18950315')).toEqual({ display: '1895-03-15', edtf: '1895-03-15', earliest: 1895, latest: 1895 });
    expect(date('e189503uu')).toMatchObject({ edtf: '1895-03' });
    expect(date('e18951345')).toMatchObject({ edtf: '1895' });
  });

  it('reads ranges (m, i, k, d) and open ends (9999, a current serial)', () => {
    expect(date('m18901895')).toEqual({ display: '1890/1895', edtf: '1890/1895', earliest: 1890, latest: 1895 });
    expect(date('i1890195u')).toMatchObject({ edtf: '1890/195X', earliest: 1890, latest: 1959 });
    expect(date('c19759999')).toEqual({ display: '1975/..', edtf: '1975/..', earliest: 1975 });
    expect(date('u1975uuuu')).toMatchObject({ edtf: '1975/..' });
    expect(date('m1890    ')).toMatchObject({ edtf: '1890' });
  });

  it('reads a questionable date (q) as one date in a range', () => {
    expect(date('q18901895')).toEqual({ display: '[1890..1895]', edtf: '[1890..1895]', earliest: 1890, latest: 1895 });
    expect(date('q1890    ')).toMatchObject({ edtf: '1890?' });
  });

  it('uses Date 1 for reprints, releases and copyright dates (r, p, t)', () => {
    expect(date('r19801925')).toMatchObject({ edtf: '1980' });
    expect(date('t19901985')).toMatchObject({ edtf: '1990' });
  });

  it('gives nothing when the 008 has no date', () => {
    for (const d of ['n        ', 'nuuuuuuuu', 'b        ', 'suuuu    ', 's        ', '|||||||||', 'x1890    ']) expect(date(d)).toBeUndefined();
    expect(normaliseMarc008Date('850101s18')).toBeUndefined();
  });

  it('reports positions that hold no years', () => {
    expect(normaliseMarc008Date(f('s19x5    '))).toEqual({ date: { display: 's19x5' }, issue: expect.objectContaining({ code: 'DATE_UNPARSEABLE', value: 's19x5    ' }) });
    expect(normaliseMarc008Date(f('m18951890'))?.issue?.code).toBe('DATE_UNPARSEABLE');
  });
});
