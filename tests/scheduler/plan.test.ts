// Cron parsing, next slots, catch-up and backoff: pure functions over fixed dates.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { EntenteError } from '../../src/errors.js';
import { backoffDelayMs, catchUp, nextSlot } from '../../src/scheduler/plan.js';
import { compileSchedules, parseSchedule } from '../../src/scheduler/schedule.js';

const at = (iso: string): Date => new Date(iso);

describe('parseSchedule', () => {
  it('reads five fields (minutes) and six (leading seconds)', () => {
    const daily = parseSchedule('0 3 * * *', 'UTC', '$.s');
    expect(daily.next(at('2026-03-01T03:00:00Z'))?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(daily.previous(at('2026-03-01T02:59:59Z'))?.toISOString()).toBe('2026-02-28T03:00:00.000Z');
    expect(daily.previous(at('2026-03-01T03:00:00Z'))?.toISOString()).toBe('2026-03-01T03:00:00.000Z');
    const everyTwo = parseSchedule('*/2 * * * * *', undefined, '$.s');
    expect(everyTwo.next(at('2026-03-01T10:00:03.500Z'))?.toISOString()).toBe('2026-03-01T10:00:04.000Z');
  });

  it('reads the expression in its time zone, daylight saving included', () => {
    const paris = parseSchedule('0 3 * * *', 'Europe/Paris', '$.s');
    expect(paris.next(at('2026-01-10T12:00:00Z'))?.toISOString()).toBe('2026-01-11T02:00:00.000Z'); // CET, UTC+1
    expect(paris.next(at('2026-07-10T12:00:00Z'))?.toISOString()).toBe('2026-07-11T01:00:00.000Z'); // CEST, UTC+2
  });

  it('refuses a bad expression or zone with the JSON path', () => {
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (err) {
        return err instanceof EntenteError ? `${err.code}: ${err.message}` : String(err);
      }
      return undefined;
    };
    expect(codeOf(() => parseSchedule('61 * * * *', undefined, '$.sources[0].schedule'))).toMatch(/^ERR_SCHEDULE_INVALID: \$\.sources\[0\]\.schedule: "61 \* \* \* \*" is not a cron expression/);
    expect(codeOf(() => parseSchedule('* * *', undefined, '$.x'))).toMatch(/^ERR_SCHEDULE_INVALID/);
    expect(codeOf(() => parseSchedule('0 3 * * *', 'Mars/Olympus', '$.sources[2].fullSchedule'))).toBe('ERR_SCHEDULE_INVALID: $.sources[2].timezone: "Mars/Olympus" is not an IANA time zone');
  });

  it('lists every bad schedule of a config at once', () => {
    const config = parseConfig({
      sources: [
        { id: 'a', protocol: 'oai-pmh', url: 'http://a.example/oai', schedule: 'nope' },
        { id: 'b', protocol: 'oai-pmh', url: 'http://b.example/oai', schedule: '0 3 * * *', fullSchedule: '0 4 * * 8' },
        { id: 'c', protocol: 'oai-pmh', url: 'http://c.example/oai' },
      ],
    });
    expect(() => compileSchedules(config)).toThrowError(/\$\.sources\[0\]\.schedule[\s\S]*\$\.sources\[1\]\.fullSchedule/);
  });
});

describe('nextSlot', () => {
  const schedules = { incremental: parseSchedule('0 * * * *', 'UTC', '$.i'), full: parseSchedule('0 3 * * 0', 'UTC', '$.f') };
  it('takes the earliest of the two schedules; a full slot wins a tie', () => {
    expect(nextSlot(schedules, at('2026-03-07T01:30:00Z'))).toEqual({ at: at('2026-03-07T02:00:00Z'), full: false });
    // 2026-03-08 is a Sunday: 03:00 is both an hourly and the weekly full slot.
    expect(nextSlot(schedules, at('2026-03-08T02:30:00Z'))).toEqual({ at: at('2026-03-08T03:00:00Z'), full: true });
    expect(nextSlot({}, at('2026-03-08T02:30:00Z'))).toBeNull();
  });
});

describe('catchUp', () => {
  const hourly = { incremental: parseSchedule('0 * * * *', 'UTC', '$.i') };
  const now = at('2026-03-07T10:20:00Z');
  it('runs once when a slot passed since the last success, however many slots were missed', () => {
    expect(catchUp({ schedules: hourly, lastSuccessAt: at('2026-03-01T10:05:00Z'), lastFullAt: null, hasCheckpoint: false, now })).toEqual({ full: false });
    expect(catchUp({ schedules: hourly, lastSuccessAt: null, lastFullAt: null, hasCheckpoint: false, now })).toEqual({ full: false });
  });
  it('waits for the next slot when the last success is after the last slot', () => {
    expect(catchUp({ schedules: hourly, lastSuccessAt: at('2026-03-07T10:00:01Z'), lastFullAt: null, hasCheckpoint: false, now })).toBeNull();
  });
  it('resumes an interrupted run at once', () => {
    expect(catchUp({ schedules: hourly, lastSuccessAt: at('2026-03-07T10:00:01Z'), lastFullAt: null, hasCheckpoint: true, now })).toEqual({ full: false });
  });
  it('makes it a full harvest when a full slot was missed', () => {
    const both = { ...hourly, full: parseSchedule('0 3 * * *', 'UTC', '$.f') };
    expect(catchUp({ schedules: both, lastSuccessAt: at('2026-03-07T10:00:01Z'), lastFullAt: at('2026-03-06T03:00:00Z'), hasCheckpoint: false, now })).toEqual({ full: true });
    expect(catchUp({ schedules: both, lastSuccessAt: at('2026-03-07T09:00:01Z'), lastFullAt: at('2026-03-07T03:00:00Z'), hasCheckpoint: false, now })).toEqual({ full: false });
  });
});

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000 };
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, policy, () => 0))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });
  it('adds at most 20% jitter, never beyond the cap', () => {
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(1200);
    expect(backoffDelayMs(4, policy, () => 0.999)).toBe(9598);
    expect(backoffDelayMs(6, policy, () => 0.999)).toBe(10_000);
  });
});
