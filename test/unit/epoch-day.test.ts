import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../shared/domain/dates';
import { dateOfEpochDay, epochDay } from '../../shared/domain/calendar/epoch-day';

describe('epoch days', () => {
  it('count days as addDays does and convert back to the same date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), (days) => {
        const date = addDays('1970-01-01', days);

        expect(epochDay(date)).toBe(days);
        expect(dateOfEpochDay(days)).toBe(date);
      }),
    );
  });

  it.each(['2026-1-01', '2026/01/01', '2026-0a-01', ''])('rejects %j', (date) => {
    expect(() => epochDay(date)).toThrow(RangeError);
  });
});

describe('epoch days against Date', () => {
  const digitsOf = (value: number, width: number) => String(value).padStart(width, '0');

  it('are what Date.UTC gives for any date of digits, days past a month end and months out of range included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (year, month, day) => {
        expect(epochDay(`${digitsOf(year, 4)}-${digitsOf(month, 2)}-${digitsOf(day, 2)}`)).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
      }),
      { numRuns: 5000 },
    );
  });

  it('give back the date Date gives for the day, inside the kept years and outside them', () => {
    // 1000-01-01 to 9999-12-31; the dates of 1900-2199 are kept once made.
    fc.assert(
      fc.property(fc.integer({ min: -354_285, max: 2_932_896 }), fc.integer({ min: -40_000, max: 100_000 }), (anyDay, keptDay) => {
        for (const day of [anyDay, keptDay, keptDay]) expect(dateOfEpochDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });

  it('move a date by whole days as Date does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 100_000 }), fc.integer({ min: -800, max: 800 }), (day, days) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, days)).toBe(new Date((day + days) * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });
});
