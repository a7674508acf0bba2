import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, datesCurrentAnywhere, endOfLocalDay, epochDay, localMomentIn, minutesIntoLocalDay } from '../../shared/domain/dates';

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
        // Every date between, each once, in order.
        expect(dates.slice(1)).toEqual(dates.slice(0, -1).map((date) => addDays(date, 1)));
      }),
      { numRuns: 500 },
    );
  });
});

// Zones whose offset changes at or near midnight (Santiago, Havana, Beirut, Asuncion, Cairo, Sao
// Paulo until 2019), by half hours (Lord Howe) or by a whole day (Apia skipped 30 Dec 2011), and
// the demo data's.
const zonesOfEdgeCases = [
  'America/Santiago', 'America/Havana', 'Asia/Beirut', 'America/Asuncion', 'Africa/Cairo', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Apia',
  'Asia/Tehran', 'America/St_Johns', 'Asia/Kathmandu', 'Antarctica/Troll', 'Asia/Shanghai', 'Australia/Sydney', 'America/Los_Angeles', 'Pacific/Auckland', earliestZone, latestZone,
];

describe('the last instant of a local day', () => {
  it('is what luxon’s endOf("day") gives, to the millisecond, also where midnight falls in a change of offset', () => {
    const instant = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2040, 0, 1) });
    // Near a transition: the hours around local midnight of the days each zone changes its offset.
    const nearMidnight = fc.tuple(fc.integer({ min: 0, max: 65 * 366 }), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([day, minutes]) => Date.UTC(1975, 0, 1) + day * 86_400_000 + minutes * 60_000);
    fc.assert(
      fc.property(fc.constantFrom(...zonesOfEdgeCases), fc.oneof(instant, nearMidnight), (zone, time) => {
        const now = new Date(time);
        const luxon = DateTime.fromJSDate(now, { zone });

        expect(endOfLocalDay(now, zone).getTime()).toBe(luxon.endOf('day').toJSDate().getTime());
        expect(localMomentIn(now, zone).date).toBe(luxon.toISODate());
      }),
      { numRuns: 3000 },
    );
    // Every change of these zones' offsets is met, not only by chance: found week by week, then
    // each day of that week at hours around its midnights (2000-2035).
    const week = 7 * 86_400_000;
    for (const zone of zonesOfEdgeCases) {
      for (let time = Date.UTC(2000, 0, 1); time < Date.UTC(2035, 0, 1); time += week) {
        if (DateTime.fromMillis(time, { zone }).offset === DateTime.fromMillis(time + week, { zone }).offset) continue;
        for (let day = time - 86_400_000; day <= time + week; day += 86_400_000) {
          for (const hours of [-1, 0, 23]) {
            const now = new Date(DateTime.fromMillis(day, { zone }).startOf('day').toMillis() + hours * 3_600_000);
            expect(endOfLocalDay(now, zone).getTime()).toBe(DateTime.fromJSDate(now, { zone }).endOf('day').toJSDate().getTime());
          }
        }
      }
    }
  });
});

describe('the minutes into a local day, asked for one date', () => {
  it('are the local time of day on that date, a day more on the date before, a day less on the date after', () => {
    const nearMidnight = fc.tuple(fc.integer({ min: 0, max: 65 * 366 }), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([day, minutes]) => Date.UTC(1975, 0, 1) + day * 86_400_000 + minutes * 60_000);
    fc.assert(
      fc.property(fc.constantFrom(...zonesOfEdgeCases), nearMidnight, (zone, time) => {
        const now = new Date(time);
        const local = localMomentIn(now, zone);

        expect(minutesIntoLocalDay(now, zone, epochDay(local.date))).toBe(local.minuteOfDay);
        expect(minutesIntoLocalDay(now, zone, epochDay(addDays(local.date, -1)))).toBe(local.minuteOfDay + 1440);
        expect(minutesIntoLocalDay(now, zone, epochDay(addDays(local.date, 1)))).toBe(local.minuteOfDay - 1440);
      }),
      { numRuns: 3000 },
    );
  });
});
