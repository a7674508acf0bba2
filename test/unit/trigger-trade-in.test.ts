import { describe, expect, it } from 'vitest';
import type { Vehicle } from '../../shared/domain/customer';
import { addDays } from '../../shared/domain/dates';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomerFacts, aVehicle } from '../helpers/factories';

const tradeIn = (value: Record<string, unknown> = {}) => Trigger.parse({ type: 'trade-in', ...value });
/** Readings every 100 days from delivery, `kmPerDay` from zero, up to `until`. */
const readings = (deliveredOn: string, kmPerDay: number, until: string) => {
  const all = [];
  for (let day = 0; addDays(deliveredOn, day) <= until; day += 100) all.push({ on: addDays(deliveredOn, day), km: kmPerDay * day });
  return all;
};
const owner = (vehicles: Partial<Vehicle>[]): CustomerFacts =>
  aCustomerFacts({}, vehicles.map((vehicle, i) => aVehicle({ vin: `WBA11AA010CH0000${i + 1}`, ...vehicle })));
const datesDue = (facts: CustomerFacts, dates: string[], value: Record<string, unknown> = {}) =>
  dates.filter((date) => occurrencesOn(tradeIn(value), facts, date).length > 0);

describe('trade-in trigger', () => {
  it('invites on the third anniversary of delivery when the estimate passed 50,000 km before, not the day before', () => {
    // 50 km a day: 50,000 km on 8 December 2025, before the third year is full.
    const facts = owner([{ deliveredOn: '2023-03-14', odometerReadings: readings('2023-03-14', 50, '2026-01-31') }]);

    expect(datesDue(facts, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(tradeIn(), facts, '2026-03-14')).toEqual([
      { date: '2026-03-14', key: 'WBA11AA010CH00001', facts: { brand: 'BMW', model: 'X5', deliveredOn: '2023-03-14', yearsOwned: 3, estimatedKm: 54_800 } },
    ]);
  });

  it('waits for the day the estimate reaches 50,000 km for a car three years old that is driven less', () => {
    // 40 km a day: 50,000 km on day 1,250 after delivery, 15 August 2026.
    const facts = owner([{ deliveredOn: '2023-03-14', odometerReadings: readings('2023-03-14', 40, '2026-01-31') }]);

    expect(datesDue(facts, ['2026-03-14', '2026-08-14', '2026-08-15'])).toEqual(['2026-08-15']);
    expect(nextOccurrence(tradeIn(), facts, '2026-03-14')?.facts).toMatchObject({ yearsOwned: 3, estimatedKm: 50_000 });
  });

  it('does not invite a car that is one km short of 50,000 on its third anniversary until it gets there', () => {
    const facts = owner([{ deliveredOn: '2023-03-14', odometerReadings: readings('2023-03-14', 50, '2026-01-31') }]);

    // 54,800 km estimated on the anniversary (1,096 days at 50 km): one km more is reached the day after.
    expect(datesDue(facts, ['2026-03-14', '2026-03-15'], { km: 54_801 })).toEqual(['2026-03-15']);
  });

  it('does not invite a car with 50,000 km before it is three years old', () => {
    const facts = owner([{ deliveredOn: '2024-03-14', odometerReadings: readings('2024-03-14', 100, '2026-01-31') }]);

    expect(datesDue(facts, ['2026-03-14', '2027-03-14'])).toEqual(['2027-03-14']);
  });

  it('invites nobody whose mileage cannot be estimated (one reading), however old the car', () => {
    expect(nextOccurrence(tradeIn(), owner([{ deliveredOn: '2023-03-14', odometerReadings: [{ on: '2025-01-01', km: 60_000 }] }]), '2026-01-01')).toBeUndefined();
  });

  it('ignores one reading typed ten times too low', () => {
    const typo = [...readings('2023-03-14', 50, '2026-01-31'), { on: '2025-12-20', km: 5_100 }];

    expect(datesDue(owner([{ deliveredOn: '2023-03-14', odometerReadings: typo }]), ['2026-03-14'])).toEqual(['2026-03-14']);
  });

  it('invites once per car: each of two qualifying cars on its own day, none once the day has passed', () => {
    const facts = owner([
      { deliveredOn: '2023-03-14', odometerReadings: readings('2023-03-14', 50, '2026-01-31') },
      { deliveredOn: '2023-04-01', odometerReadings: readings('2023-04-01', 50, '2026-01-31') },
    ]);

    expect(nextOccurrence(tradeIn(), facts, '2026-03-15')).toMatchObject({ date: '2026-04-01', key: 'WBA11AA010CH00002' });
    expect(nextOccurrence(tradeIn(), facts, '2026-04-02')).toBeUndefined();
  });
});
