import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, epochDay, type IsoDate } from '../../shared/domain/dates';
import { birthdayInYear, isBirthdayOn } from '../../shared/domain/journey/birthday';
import { addMonthsAndDays, dayAfterMonths, landingOn, monthsBefore } from '../../shared/domain/triggers/date-offsets';
import { nextOccurrence, nextOccurrenceDay, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { ServiceDueTrigger } from '../../shared/domain/triggers/service-due';
import { VehicleDateTrigger } from '../../shared/domain/triggers/vehicle-date';
import { aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';

// The planner's per-tick checks read dates as text instead of building them; these properties
// hold them equal to the plain date arithmetic they replace, over the whole calendar.
const day = fc.integer({ min: 0, max: 40 * 366 }).map((offset) => addDays('2000-01-01', offset));

describe('the fast date checks the planner uses', () => {
  it('monthsBefore finds exactly the month counts addMonthsAndDays lands on the target with', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 400 }), (from, months, days) => {
        const target = addMonthsAndDays(from, months, days);
        expect(monthsBefore(landingOn(target, days), from)).toBe(months);
        // One day later never lands with that count (no date is two dates).
        expect(monthsBefore(landingOn(addDays(target, 1), days), from)).not.toBe(months);
      }),
      { numRuns: 2000 },
    );
  });

  it('dayAfterMonths is the epoch day of the date addMonthsAndDays lands on, month ends and leap days included', () => {
    const monthEnd = fc.constantFrom('2024-01-31', '2024-02-29', '2023-02-28', '2025-08-31', '2000-12-31');
    fc.assert(
      fc.property(fc.oneof(day, monthEnd), fc.integer({ min: 0, max: 600 }), (from, months) => {
        expect(dayAfterMonths(from, months)).toBe(epochDay(addMonthsAndDays(from, months, 0)));
      }),
      { numRuns: 3000 },
    );
  });

  it('isBirthdayOn agrees with the birthday computed for the year, leap days included', () => {
    const leapish = fc.constantFrom('1980-02-29', '1981-02-28', '1984-03-01', '1990-12-31', '2000-01-01');
    fc.assert(
      fc.property(fc.oneof(day, leapish), day, fc.constantFrom('feb28' as const, 'mar1' as const), (birthDate, date, rule) => {
        expect(isBirthdayOn(birthDate, date, rule)).toBe(birthdayInYear(birthDate, Number(date.slice(0, 4)), rule) === date);
      }),
      { numRuns: 3000 },
    );
  });

  it('the vehicle-date kind plans on a date exactly the occurrence nextOccurrence finds for it', () => {
    const trigger = fc
      .record({ months: fc.integer({ min: 0, max: 60 }), days: fc.integer({ min: 0, max: 120 }), repeat: fc.constantFrom('once', 'yearly') })
      .map(({ months, days, repeat }) => VehicleDateTrigger.parse({ type: 'vehicle-date', after: { months, days }, repeat }));
    fc.assert(
      fc.property(trigger, day, fc.integer({ min: 0, max: 12 * 366 }), (parsed, deliveredOn, later) => {
        const facts = aCustomerFacts({}, [aVehicle({ deliveredOn })]);
        const date: IsoDate = addDays(deliveredOn, later);
        const next = nextOccurrence(parsed, facts, date);
        expect(occurrencesOn(parsed, facts, date)).toEqual(next?.date === date ? [next] : []);
      }),
      { numRuns: 3000 },
    );
  });

  it('the service-due kind plans on a date exactly the reminder nextOccurrence finds for it (time, mileage, visits)', () => {
    const work = fc.constantFrom('oil-service', 'regular-service', 'key-parts-inspection');
    const service = fc.record({
      work,
      km: fc.option(fc.integer({ min: 1_000, max: 40_000 }), { nil: undefined }),
      months: fc.option(fc.integer({ min: 1, max: 36 }), { nil: undefined }),
      exceptFuel: fc.option(fc.constant(['ev']), { nil: undefined }),
    });
    const trigger = fc
      .record({ services: fc.uniqueArray(service, { minLength: 1, maxLength: 3, selector: (listed) => listed.work }), daysBefore: fc.integer({ min: 0, max: 30 }) })
      .map(({ services, daysBefore }) => ServiceDueTrigger.parse({ type: 'service-due', daysBefore, services: services.map((listed) => (listed.km === undefined && listed.months === undefined ? { ...listed, months: 12 } : listed)) }));
    const history = fc.record({
      // Readings and visits counted in days after delivery; kilometres growing from a random pace, with the odd typo.
      readings: fc.array(fc.record({ after: fc.integer({ min: 0, max: 1_500 }), kmPerDay: fc.integer({ min: 0, max: 120 }), typo: fc.boolean() }), { maxLength: 5 }),
      visits: fc.array(fc.record({ after: fc.integer({ min: 0, max: 1_500 }), work: fc.subarray(['oil-service', 'regular-service', 'key-parts-inspection']), km: fc.option(fc.integer({ min: 0, max: 80_000 }), { nil: undefined }) }), { maxLength: 3 }),
      fuel: fc.constantFrom('petrol' as const, 'ev' as const, undefined),
    });
    let onReminderDay = 0;
    fc.assert(
      fc.property(trigger, day, history, fc.integer({ min: 0, max: 4 * 366 }), fc.boolean(), (parsed, deliveredOn, { readings, visits, fuel }, later, onNext) => {
        const odometerReadings = readings.map(({ after, kmPerDay, typo }) => ({ on: addDays(deliveredOn, after), km: after * kmPerDay * (typo ? 10 : 1) }));
        const vehicle = aVehicle({ deliveredOn, odometerReadings, fuel });
        const facts = aCustomerFacts({}, [vehicle], { visits: visits.map(({ after, work: done, km }) => aVisit({ on: addDays(deliveredOn, after), vin: vehicle.vin, work: done, odometerKm: km })) });
        // Half the cases on the day of the next reminder, which a random day seldom is.
        const from = addDays(deliveredOn, later);
        const date: IsoDate = (onNext ? nextOccurrence(parsed, facts, from)?.date : undefined) ?? from;
        const next = nextOccurrence(parsed, facts, date);
        if (next?.date === date) onReminderDay += 1;
        expect(occurrencesOn(parsed, facts, date)).toEqual(next?.date === date ? [next] : []);
      }),
      { numRuns: 3000 },
    );
    expect(onReminderDay).toBeGreaterThan(300);
  });

  it('the loyalty review\'s day is the epoch day of the review nextOccurrence finds, for members and others', () => {
    const trigger = fc
      .record({ months: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), offset: fc.integer({ min: 1, max: 3 }), day: fc.integer({ min: 1, max: 28 }) })
      // At most one month a quarter, in any order.
      .map(({ months, offset, day }) => Trigger.parse({ type: 'loyalty-review', months: months.map((quarter) => quarter * 3 + offset), day }));
    const loyalty = fc.option(fc.record({ tier: fc.constantFrom('standard' as const, 'silver' as const, 'gold' as const), points: fc.nat(20_000) }), { nil: undefined });
    let found = 0;
    fc.assert(
      fc.property(trigger, day, loyalty, (parsed, date, member) => {
        const facts = aCustomerFacts(member ? { loyalty: member } : {});
        const next = nextOccurrence(parsed, facts, date);
        expect(nextOccurrenceDay(parsed, facts, date)).toBe(next && epochDay(next.date));
        if (next) {
          found += 1;
          // The first review date on or after the date, of this year's or the next year's.
          const year = Number(date.slice(0, 4));
          const { months, day: reviewDay } = parsed as { months: number[]; day: number };
          const reviews = [year, year + 1].flatMap((each) => months.map((month) => `${each}-${String(month).padStart(2, '0')}-${String(reviewDay).padStart(2, '0')}`));
          expect(next.date).toBe(reviews.filter((review) => review >= date).sort()[0]);
        }
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(1000);
  });
});
