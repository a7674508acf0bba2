import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, type IsoDate } from '../../shared/domain/dates';
import {
  dateMileageReaches,
  estimateMileage,
  fitMileage,
  OdometerReading,
  type OdometerReading as Reading,
} from '../../shared/domain/vehicle/mileage';

const start: IsoDate = '2024-01-01';

/** Readings a year apart, the first on `start`. */
function yearly(...kms: number[]): Reading[] {
  return kms.map((km, index) => ({ on: addDays(start, index * 365), km }));
}

describe('estimated mileage', () => {
  it('gives no estimate from fewer than two readings, or two taken on one day', () => {
    expect(estimateMileage([], '2026-01-01')).toBeUndefined();
    expect(estimateMileage([{ on: start, km: 10_000 }], '2026-01-01')).toBeUndefined();
    expect(estimateMileage([{ on: start, km: 10_000 }, { on: start, km: 10_050 }], '2026-01-01')).toBeUndefined();
  });

  it('extends a steady driver\'s line from the latest reading', () => {
    const readings = [{ on: '2025-01-01', km: 5_000 }, { on: '2025-03-02', km: 8_000 }];

    expect(estimateMileage(readings, '2025-04-01')).toBe(9_500);
  });

  it('uses the readings in date order whatever order they come in', () => {
    const readings = yearly(5_000, 15_000, 25_000);

    expect(estimateMileage([readings[2]!, readings[0]!, readings[1]!], addDays(start, 3 * 365))).toBe(35_000);
  });

  it('gives no estimate from two readings that go down, as it cannot tell which is wrong', () => {
    expect(estimateMileage(yearly(15_000, 5_000), '2026-06-01')).toBeUndefined();
  });

  // A steady 10,000 km a year: the fourth year ends at 35,000 km. Each row spoils one reading.
  it.each([
    ['the latest reading typed ten times too high', yearly(5_000, 15_000, 250_000)],
    ['a middle reading typed ten times too high', yearly(5_000, 150_000, 25_000)],
    ['the first reading typed ten times too high', yearly(50_000, 15_000, 25_000)],
    ['the latest reading lower than an earlier one', yearly(5_000, 15_000, 12_000)],
    ['the latest reading typed ten times too low', yearly(5_000, 15_000, 2_500)],
    ['a middle reading typed ten times too low', yearly(5_000, 1_500, 25_000)],
  ])('leaves out %s among three readings', (_, readings) => {
    const estimate = estimateMileage(readings, addDays(start, 3 * 365));

    expect(estimate).toBeCloseTo(35_000, 6);
  });

  it.each([
    ['the latest', yearly(5_000, 15_000, 25_000, 350_000)],
    ['a middle', yearly(5_000, 15_000, 250_000, 35_000)],
    ['the first', yearly(50_000, 15_000, 25_000, 35_000)],
  ])('leaves out %s of four readings when it is ten times too high', (_, readings) => {
    expect(estimateMileage(readings, addDays(start, 4 * 365))).toBeCloseTo(45_000, 6);
  });

  it('keeps every reading of a driver whose pace changes, never falling below the latest reading', () => {
    // 9,000 km the first year, 13,000 the second: nothing is a typo.
    const readings = yearly(5_000, 14_000, 27_000);

    const fitted = fitMileage(readings)!;

    expect(fitted.kms).toEqual([5_000, 14_000, 27_000]);
    expect(estimateMileage(readings, addDays(start, 2 * 365))).toBe(27_000);
  });

  it('gives no estimate when two readings are bad', () => {
    expect(estimateMileage(yearly(5_000, 150_000, 1_000, 35_000), addDays(start, 4 * 365))).toBeUndefined();
  });

  it('rejects readings that are not kilometres on a date', () => {
    expect(OdometerReading.safeParse({ on: '2026-01-01', km: -1 }).success).toBe(false);
    expect(OdometerReading.safeParse({ on: '1 Jan 2026', km: 10 }).success).toBe(false);
    expect(() => fitMileage([{ on: start, km: Number.NaN }, { on: '2025-01-01', km: 10 }])).toThrow(RangeError);
  });
});

describe('date the mileage reaches a threshold', () => {
  it('is the day the estimate crosses it', () => {
    const readings = [{ on: '2025-01-01', km: 0 }, { on: '2025-01-11', km: 500 }];

    expect(dateMileageReaches(readings, 1_000)).toBe('2025-01-21');
    expect(dateMileageReaches(readings, 1_001)).toBe('2025-01-22');
  });

  it('is a past date when a reading already passed it', () => {
    const readings = yearly(40_000, 60_000);

    const due = dateMileageReaches(readings, 50_000)!;

    expect(due > start && due < addDays(start, 365)).toBe(true);
  });

  it('is never for a car that is not driven, or without an estimate', () => {
    expect(dateMileageReaches(yearly(20_000, 20_000, 20_000), 50_000)).toBeUndefined();
    expect(dateMileageReaches([{ on: start, km: 20_000 }], 50_000)).toBeUndefined();
  });
});

// Readings of a car driven at a steady pace: kilometres, days between readings, and how many.
const straightLine = fc.record({
  firstKm: fc.integer({ min: 0, max: 150_000 }),
  kmPerDay: fc.double({ min: 5, max: 150, noNaN: true }),
  gaps: fc.array(fc.integer({ min: 30, max: 400 }), { minLength: 3, maxLength: 11 }),
});

function readingsOn(line: { firstKm: number; kmPerDay: number; gaps: number[] }): Reading[] {
  let day = 0;
  const days = [0, ...line.gaps.map((gap) => (day += gap))];
  return days.map((offset) => ({ on: addDays(start, offset), km: line.firstKm + line.kmPerDay * offset }));
}

describe('mileage estimate properties', () => {
  it('is exact on a straight line, from any two or more readings', () => {
    fc.assert(
      fc.property(straightLine, fc.integer({ min: 1, max: 11 }), fc.integer({ min: 0, max: 3_000 }), (line, count, daysAfterStart) => {
        const readings = readingsOn(line).slice(0, count + 1);
        const date = addDays(start, daysAfterStart);

        expect(estimateMileage(readings, date)).toBeCloseTo(line.firstKm + line.kmPerDay * daysAfterStart, 4);
      }),
      { numRuns: 300 },
    );
  });

  it('never decreases with the date and is never negative, whatever the readings', () => {
    const reading = fc.record({ on: fc.integer({ min: 0, max: 3_000 }).map((d) => addDays(start, d)), km: fc.integer({ min: 0, max: 300_000 }) });
    fc.assert(
      fc.property(fc.array(reading, { minLength: 2, maxLength: 15 }), fc.array(fc.integer({ min: -500, max: 5_000 }), { minLength: 2, maxLength: 8 }), (readings, offsets) => {
        const dates = offsets.sort((a, b) => a - b).map((offset) => addDays(start, offset));

        const estimates = dates.map((date) => estimateMileage(readings, date));

        if (estimates[0] === undefined) return;
        for (let i = 1; i < estimates.length; i++) expect(estimates[i]!).toBeGreaterThanOrEqual(estimates[i - 1]!);
        expect(estimates[0]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('moves by at most 10% a year ahead when one of four or more readings is ten times off or lower than the one before', () => {
    const spoil = fc.constantFrom('times ten', 'tenth', 'below previous');
    fc.assert(
      fc.property(straightLine, fc.nat(), spoil, fc.double({ min: 0, max: 0.99, noNaN: true }), (line, at, how, fraction) => {
        const readings = readingsOn(line);
        const index = at % readings.length;
        const bad = readings[index]!;
        const km =
          how === 'times ten' ? bad.km * 10 : how === 'tenth' ? bad.km / 10 : index === 0 ? bad.km : readings[index - 1]!.km * fraction;
        readings[index] = { on: bad.on, km };
        const yearAhead = addDays(readings.at(-1)!.on, 365);
        const truth = line.firstKm + line.kmPerDay * daysBetween(start, yearAhead);

        const estimate = estimateMileage(readings, yearAhead);

        expect(estimate).toBeDefined();
        expect(Math.abs(estimate! - truth) / truth).toBeLessThanOrEqual(0.1);
      }),
      { numRuns: 1_000 },
    );
  });

  it('reaches a threshold on the first day the estimate reaches it, or never within a century', () => {
    fc.assert(
      fc.property(straightLine, fc.integer({ min: 1, max: 400_000 }), (line, threshold) => {
        const readings = readingsOn(line);

        const due = dateMileageReaches(readings, threshold);

        if (due === undefined) {
          expect(estimateMileage(readings, addDays(readings.at(-1)!.on, 36_525))!).toBeLessThan(threshold);
          return;
        }
        expect(estimateMileage(readings, due)!).toBeGreaterThanOrEqual(threshold);
        expect(estimateMileage(readings, addDays(due, -1))!).toBeLessThan(threshold);
      }),
      { numRuns: 300 },
    );
  });
});

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
