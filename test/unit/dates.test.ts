import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { datesCurrentAnywhere, localMomentIn } from '../../shared/domain/dates';

// The civil zones at both ends of the day: Baker Island (UTC-12, "Etc/GMT+12" in IANA's inverted
// sign) and Kiritimati (UTC+14). A customer in either must be evaluated on their own date.
const earliestZone = 'Etc/GMT+12';
const latestZone = 'Pacific/Kiritimati';

describe('dates current somewhere on Earth', () => {
  it('includes the date in UTC-12 during the hour when only UTC-12 is still on the previous day', () => {
    // 11:30 UTC is 23:30 on the 13th at UTC-12, but already the 14th at UTC-11.
    const now = new Date('2026-03-14T11:30:00Z');

    expect(localMomentIn(now, earliestZone).date).toBe('2026-03-13');
    expect(datesCurrentAnywhere(now)).toContain('2026-03-13');
  });

  it('runs from the local date at UTC-12 to the local date at UTC+14 at any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (now) => {
        const dates = datesCurrentAnywhere(now);
        const earliest = localMomentIn(now, earliestZone).date;
        const latest = localMomentIn(now, latestZone).date;

        expect(dates[0]).toBe(earliest);
        expect(dates.at(-1)).toBe(latest);
      }),
      { numRuns: 500 },
    );
  });
});
