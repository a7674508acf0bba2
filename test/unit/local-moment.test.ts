import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfEpochDay, localMomentIn } from '../../shared/domain/dates';

// The demo regions' zones, and zones whose offsets are unusual: half-hour DST (Lord Howe),
// quarter-hour offsets (Kathmandu, Chatham), DST ending at midnight (Santiago), a DST paused
// for Ramadan (Casablanca), both ends of the day (UTC-12, UTC+14).
const zones = [
  'Asia/Shanghai',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Santiago',
  'Africa/Casablanca',
  'Europe/London',
  'Etc/GMT+12',
  'Pacific/Kiritimati',
  'UTC',
];

/** What localMomentIn computed before: luxon's local date and time of the instant. */
function luxonMoment(instant: number, zone: string) {
  const local = DateTime.fromMillis(instant, { zone });
  return { date: local.toISODate(), minuteOfDay: local.hour * 60 + local.minute };
}

/** Every instant a zone's offset changed in some years, found with luxon itself (daily, then bisected). */
function transitionsOf(zone: string, fromYear: number, toYear: number): number[] {
  const iana = IANAZone.create(zone);
  const found: number[] = [];
  const day = 86_400_000;
  for (let at = Date.UTC(fromYear, 0, 1); at < Date.UTC(toYear + 1, 0, 1); at += day) {
    if (iana.offset(at) === iana.offset(at + day)) continue;
    let [low, high] = [at, at + day];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (iana.offset(middle) === iana.offset(at)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}

const transitions = zones.flatMap((zone) => transitionsOf(zone, 2016, 2032).map((at) => ({ zone, at })));

describe('the local date and time of an instant in a zone', () => {
  it('is what luxon computes, at any instant from 1970 to 2100', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (zone, instant) => {
        expect(localMomentIn(new Date(instant), zone)).toEqual(luxonMoment(instant, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('is what luxon computes within two hours of every DST transition of 2016-2032, to the millisecond', () => {
    expect(transitions.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...transitions), fc.integer({ min: -7_200_000, max: 7_200_000 }), fc.constantFrom(0, -1, 1), ({ zone, at }, near, edge) => {
        // Half the cases land on the transition itself or a millisecond either side of it.
        const instant = near % 2 === 0 ? at + edge : at + near;
        expect(localMomentIn(new Date(instant), zone)).toEqual(luxonMoment(instant, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects a zone that does not exist', () => {
    expect(() => localMomentIn(new Date('2026-03-14T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('the date of an epoch day', () => {
  it('is the one a Date gives, leap days and year ends included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        expect(dateOfEpochDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
    for (const date of ['2024-02-29', '2100-02-28', '2100-03-01', '2000-02-29', '1999-12-31', '2000-01-01', '0001-01-01', '9999-12-31']) {
      expect(dateOfEpochDay(Date.parse(date) / 86_400_000)).toBe(date);
    }
  });
});

describe('adding days to a date', () => {
  it('gives the date a Date gives, across month ends, leap days and years', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), fc.integer({ min: -5_000, max: 5_000 }), (day, days) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, days)).toBe(new Date((day + days) * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
  });
});
