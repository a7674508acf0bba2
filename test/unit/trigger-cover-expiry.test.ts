import { describe, expect, it } from 'vitest';
import type { Vehicle } from '../../shared/domain/customer';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomerFacts, aVehicle } from '../helpers/factories';

const expiry = (cover: string, daysBefore = 30) => Trigger.parse({ type: 'cover-expiry', cover, daysBefore });
const owner = (vehicle: Partial<Vehicle>): CustomerFacts => aCustomerFacts({}, [aVehicle({ deliveredOn: '2023-04-13', ...vehicle })]);
const datesDue = (cover: string, facts: CustomerFacts, dates: string[], daysBefore = 30) =>
  dates.filter((date) => occurrencesOn(expiry(cover, daysBefore), facts, date).length > 0);
// 50 km a day from 1 January 2025: 60,000 km on day 1,200 (15 April 2028).
const fiftyADay = [
  { on: '2025-01-01', km: 0 },
  { on: '2025-04-11', km: 5_000 },
  { on: '2025-07-20', km: 10_000 },
];

describe('cover-expiry trigger', () => {
  it('reminds 30 days before the warranty ends, once, not the day before', () => {
    const facts = owner({ warrantyEndsOn: '2026-04-13' });

    expect(datesDue('warranty', facts, ['2026-03-13', '2026-03-14', '2026-03-15', '2026-04-13'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(expiry('warranty'), facts, '2026-03-14')).toEqual([
      { date: '2026-03-14', key: 'WBA11AA010CH00001#2026-04-13', facts: { brand: 'BMW', model: 'X5', cover: 'warranty', endDate: '2026-04-13', endsBy: 'date' } },
    ]);
  });

  it('reads only the cover the journey names', () => {
    const facts = owner({ warrantyEndsOn: '2026-04-13' });

    expect(nextOccurrence(expiry('roadside-assistance'), facts, '2026-01-01')).toBeUndefined();
    expect(nextOccurrence(expiry('roadside-assistance'), owner({ roadsideAssistanceEndsOn: '2026-04-13' }), '2026-01-01')?.date).toBe('2026-03-14');
  });

  it('ends a maintenance plan at its distance when the estimate gets there before its date', () => {
    const facts = owner({ odometerReadings: fiftyADay, maintenancePlan: { endsOn: '2030-01-01', endsAtKm: 60_000 } });

    expect(nextOccurrence(expiry('maintenance-plan'), facts, '2026-01-01')).toEqual({
      date: '2028-03-16',
      key: 'WBA11AA010CH00001#2030-01-01@60000',
      facts: { brand: 'BMW', model: 'X5', cover: 'maintenance-plan', endDate: '2028-04-15', endsBy: 'mileage', endKm: 60_000 },
    });
  });

  it('ends an extended warranty on its date when the distance is not reached by then, or not estimated', () => {
    const plan = { extendedWarranty: { endsOn: '2026-04-13', endsAtKm: 100_000 } };

    expect(datesDue('extended-warranty', owner({ ...plan, odometerReadings: fiftyADay }), ['2026-03-13', '2026-03-14'])).toEqual(['2026-03-14']);
    expect(datesDue('extended-warranty', owner({ ...plan, odometerReadings: [{ on: '2025-01-01', km: 99_000 }] }), ['2026-03-14'])).toEqual(['2026-03-14']);
  });

  it('keeps the date when one reading is ten times too high', () => {
    const facts = owner({ odometerReadings: [...fiftyADay, { on: '2025-05-01', km: 60_000 }], maintenancePlan: { endsOn: '2030-01-01', endsAtKm: 60_000 } });

    expect(nextOccurrence(expiry('maintenance-plan'), facts, '2026-01-01')?.facts).toMatchObject({ endDate: '2028-04-15' });
  });

  it('reminds again for a renewed cover, as a new occurrence', () => {
    const renewed = owner({ warrantyEndsOn: '2028-04-13' });

    expect(nextOccurrence(expiry('warranty'), renewed, '2026-03-15')?.key).toBe('WBA11AA010CH00001#2028-04-13');
  });

  it('has nothing for a car without the cover, or a cover that ended', () => {
    expect(nextOccurrence(expiry('maintenance-plan'), owner({}), '2026-01-01')).toBeUndefined();
    expect(nextOccurrence(expiry('warranty'), owner({ warrantyEndsOn: '2026-04-13' }), '2026-03-15')).toBeUndefined();
  });

  it('rejects a cover it does not know', () => {
    expect(Trigger.safeParse({ type: 'cover-expiry', cover: 'tyre-insurance' }).success).toBe(false);
  });
});
