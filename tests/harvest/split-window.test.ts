import { describe, expect, it } from 'vitest';
import { describeWindow, pendingWindows, splitWindow } from '../../src/harvest/split-window.js';
import type { HarvestWindow } from '../../src/model/types.js';

const w = { metadataPrefix: 'oai_dc' };

describe('splitWindow', () => {
  it('halves a day window into two that meet without overlap, keeping its set and format', () => {
    expect(splitWindow({ ...w, set: 'maps', from: '2024-03-01', until: '2024-03-31' }, {}, 'YYYY-MM-DD')).toEqual([
      { ...w, set: 'maps', from: '2024-03-01', until: '2024-03-16' },
      { ...w, set: 'maps', from: '2024-03-17', until: '2024-03-31' },
    ]);
  });

  it('halves an open window at the middle of the repository dates, and keeps its open ends open', () => {
    // Records stamped before a wrong earliestDatestamp, or after the run started, are still asked for.
    expect(splitWindow(w, { earliest: '2020-01-01T00:00:00Z', latest: '2020-01-04T12:00:00Z' }, 'YYYY-MM-DD')).toEqual([
      { ...w, until: '2020-01-02' },
      { ...w, from: '2020-01-03' },
    ]);
    expect(splitWindow({ ...w, from: '2020-01-01' }, { latest: '2020-01-04' }, 'YYYY-MM-DD')).toEqual([
      { ...w, from: '2020-01-01', until: '2020-01-02' },
      { ...w, from: '2020-01-03' },
    ]);
    // An open start already at the earliest day cannot be narrowed: "everything up to it".
    expect(splitWindow({ ...w, until: '2020-01-01' }, { earliest: '2020-01-01' }, 'YYYY-MM-DD')).toBe('one-granule');
  });

  it('splits seconds in a repository of seconds granularity, down to one second', () => {
    expect(splitWindow({ ...w, from: '2024-03-01T10:00:00Z', until: '2024-03-01T10:00:01Z' }, {}, 'YYYY-MM-DDThh:mm:ssZ')).toEqual([
      { ...w, from: '2024-03-01T10:00:00Z', until: '2024-03-01T10:00:00Z' },
      { ...w, from: '2024-03-01T10:00:01Z', until: '2024-03-01T10:00:01Z' },
    ]);
    expect(splitWindow({ ...w, from: '2024-03-01T10:00:00Z', until: '2024-03-01T10:00:00Z' }, {}, 'YYYY-MM-DDThh:mm:ssZ')).toBe('one-granule');
  });

  it('says why it cannot split: one granule, or a bound that is unknown or not a date', () => {
    expect(splitWindow({ ...w, from: '2024-03-01', until: '2024-03-01' }, {}, 'YYYY-MM-DD')).toBe('one-granule');
    expect(splitWindow({ ...w, from: '2024-03-01' }, {}, 'YYYY-MM-DD')).toBe('unbounded');
    expect(splitWindow(w, { earliest: 'soon', latest: '2024-01-01' }, 'YYYY-MM-DD')).toBe('unbounded');
  });

  it('reaches a single day from a twenty-year window in at most 13 halvings', () => {
    let window: HarvestWindow = { ...w, from: '2004-01-01', until: '2023-12-31' };
    let halvings = 0;
    for (let halves = splitWindow(window, {}, 'YYYY-MM-DD'); typeof halves !== 'string'; halves = splitWindow(window, {}, 'YYYY-MM-DD')) {
      // Follow the half holding 2011-07-15, as a harvest follows the half that fails.
      window = (halves[0].until as string) >= '2011-07-15' ? halves[0] : halves[1];
      halvings++;
    }
    expect(window).toEqual({ ...w, from: '2011-07-15', until: '2011-07-15' });
    expect(halvings).toBeLessThanOrEqual(13);
  });

  it('describes a window for messages', () => {
    expect(describeWindow({ ...w, set: 'maps', from: '2024-03-01', until: '2024-03-02' })).toBe('2024-03-01 to 2024-03-02 (set maps)');
    expect(describeWindow(w)).toBe('the earliest record to now');
  });
});

describe('pendingWindows: what the next run asks for again', () => {
  const harvests = { metadataPrefix: 'oai_dc', sets: [] as string[] };
  const day = { metadataPrefix: 'oai_dc', from: '2024-03-09', until: '2024-03-09' };
  const listing = { metadataPrefix: 'oai_dc', from: '2024-03-01', until: '2024-03-31' };
  /** As the next run asks for it: marked, so that any failure sets it aside again. */
  const asked = <W extends object>(w: W): W & { pending: true } => ({ ...w, pending: true });

  it('asks for a window set aside as it was, and for a record set aside by the granule of its datestamp', () => {
    expect(pendingWindows([{ window: day, code: 'E', message: '' }], harvests, 'YYYY-MM-DD')).toEqual([asked(day)]);
    expect(pendingWindows([{ window: listing, identifier: 'x', datestamp: '2024-03-09T10:00:00Z', code: 'E', message: '' }], harvests, 'YYYY-MM-DD')).toEqual([asked(day)]);
    expect(pendingWindows([{ window: listing, identifier: 'x', datestamp: '2024-03-09T10:00:00Z', code: 'E', message: '' }], harvests, 'YYYY-MM-DDThh:mm:ssZ')).toEqual([
      asked({ metadataPrefix: 'oai_dc', from: '2024-03-09T10:00:00Z', until: '2024-03-09T10:00:00Z' }),
    ]);
  });

  it('asks for the same window once, and for the listing window when a datestamp does not read', () => {
    const twoOnOneDay = [
      { window: listing, identifier: 'x', datestamp: '2024-03-09', code: 'E', message: '' },
      { window: listing, identifier: 'y', datestamp: '2024-03-09', code: 'E', message: '' },
      { window: day, code: 'E', message: '' },
    ];
    expect(pendingWindows(twoOnOneDay, harvests, 'YYYY-MM-DD')).toEqual([asked(day)]);
    expect(pendingWindows([{ window: listing, identifier: 'x', datestamp: 'unknown', code: 'E', message: '' }], harvests, 'YYYY-MM-DD')).toEqual([asked(listing)]);
    // A window with no start (records before a wrong earliestDatestamp) stays open.
    expect(pendingWindows([{ window: { metadataPrefix: 'oai_dc', until: '2024-03-31' }, code: 'E', message: '' }], harvests, 'YYYY-MM-DD')).toEqual([asked({ metadataPrefix: 'oai_dc', until: '2024-03-31' })]);
  });

  it('drops parts of a format or set the source no longer harvests', () => {
    const inSet = { window: { ...day, set: 'maps' }, code: 'E', message: '' };
    expect(pendingWindows([inSet], { metadataPrefix: 'oai_dc', sets: ['maps'] }, 'YYYY-MM-DD')).toEqual([asked({ ...day, set: 'maps' })]);
    expect(pendingWindows([inSet], { metadataPrefix: 'oai_dc', sets: ['prints'] }, 'YYYY-MM-DD')).toEqual([]);
    expect(pendingWindows([inSet], harvests, 'YYYY-MM-DD')).toEqual([]);
    expect(pendingWindows([{ window: day, code: 'E', message: '' }], { metadataPrefix: 'mods', sets: [] }, 'YYYY-MM-DD')).toEqual([]);
  });
});
