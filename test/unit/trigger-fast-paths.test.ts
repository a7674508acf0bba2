import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/domain/dates';
import { birthdayInYear, isBirthdayOn } from '../../shared/domain/journey/birthday';
import { addMonthsAndDays, landingOn, monthsBefore } from '../../shared/domain/triggers/date-offsets';
import { nextOccurrence, occurrencesOn } from '../../shared/domain/triggers/registry';
import { VehicleDateTrigger } from '../../shared/domain/triggers/vehicle-date';
import { aCustomerFacts, aVehicle } from '../helpers/factories';

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
});
