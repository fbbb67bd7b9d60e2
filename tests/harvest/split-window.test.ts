import { describe, expect, it } from 'vitest';
import { describeWindow, retryFrom, splitWindow } from '../../src/harvest/split-window.js';
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

describe('retryFrom: where the run after one that set parts aside starts', () => {
  const window = { metadataPrefix: 'oai_dc', from: '2024-03-01', until: '2024-03-31' };
  it('starts at the earliest part set aside, or earlier when the run itself would', () => {
    expect(retryFrom([{ window, code: 'E', message: '' }], '2024-06-01', 'YYYY-MM-DD')).toBe('2024-03-01');
    expect(retryFrom([{ window, identifier: 'x', datestamp: '2024-03-09T10:00:00Z', code: 'E', message: '' }], '2024-06-01', 'YYYY-MM-DD')).toBe('2024-03-09');
    expect(retryFrom([{ window, code: 'E', message: '' }], '2024-02-01', 'YYYY-MM-DD')).toBe('2024-02-01');
  });

  it('harvests everything again rather than guess: a window with no start, no from to bound it', () => {
    expect(retryFrom([{ window: { metadataPrefix: 'oai_dc', until: '2024-03-31' }, code: 'E', message: '' }], '2024-06-01', 'YYYY-MM-DD')).toBeNull();
    expect(retryFrom([{ window, code: 'E', message: '' }], null, 'YYYY-MM-DD')).toBeNull();
  });

  it('falls back to the window start when a record datestamp does not read as a date', () => {
    expect(retryFrom([{ window, identifier: 'x', datestamp: '', code: 'E', message: '' }], '2024-06-01', 'YYYY-MM-DD')).toBe('2024-03-01');
    expect(retryFrom([{ window: { metadataPrefix: 'oai_dc' }, identifier: 'x', datestamp: 'unknown', code: 'E', message: '' }], '2024-06-01', 'YYYY-MM-DD')).toBeNull();
  });
});
