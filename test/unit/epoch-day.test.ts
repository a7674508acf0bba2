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
