import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, epochDay } from '../../shared/domain/dates';
import type { Vehicle } from '../../shared/domain/customer';
import type { ServiceVisit } from '../../shared/domain/service-history';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, nextOccurrenceDay, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';

const trigger = (value: Record<string, unknown> = {}) => Trigger.parse({ type: 'service-due', ...value });
const oilOnly = { services: [{ work: 'oil-service', km: 15_000, months: 12 }] };
const owner = (vehicle: Partial<Vehicle>, visits: Partial<ServiceVisit>[] = []): CustomerFacts =>
  aCustomerFacts({}, [aVehicle({ deliveredOn: '2025-01-01', ...vehicle })], { visits: visits.map((visit) => aVisit(visit)) });
const datesDue = (value: Record<string, unknown>, facts: CustomerFacts, dates: string[]) =>
  dates.filter((date) => occurrencesOn(trigger(value), facts, date).length > 0);

// 50 km a day from delivery on 1 January 2025: 15,000 km on day 300 (28 October 2025).
const fiftyADay = [
  { on: '2025-01-01', km: 0 },
  { on: '2025-03-02', km: 3_000 },
  { on: '2025-05-01', km: 6_000 },
  { on: '2025-06-30', km: 9_000 },
];

describe('service-due trigger', () => {
  it('falls due by time on the day 12 months after the last oil service, not the day before, without a mileage estimate', () => {
    const facts = owner({ odometerReadings: [] }, [{ on: '2025-03-14', odometerKm: undefined, work: ['oil-service'] }]);

    expect(datesDue(oilOnly, facts, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(trigger(oilOnly), facts, '2026-03-14')).toEqual([
      {
        date: '2026-03-14',
        key: 'WBA11AA010CH00001#oil-service@2025-03-14',
        facts: { brand: 'BMW', model: 'X5', service: 'oil-service', dueReason: 'time', dueDate: '2026-03-14' },
      },
    ]);
  });

  it('falls due by mileage on the day the estimate reaches 15,000 km from delivery, when that comes before 12 months', () => {
    const facts = owner({ odometerReadings: fiftyADay });

    expect(datesDue(oilOnly, facts, ['2025-10-27', '2025-10-28', '2026-01-01'])).toEqual(['2025-10-28']);
    expect(nextOccurrence(trigger(oilOnly), facts, '2025-07-01')).toMatchObject({
      date: '2025-10-28',
      key: 'WBA11AA010CH00001#oil-service@2025-01-01',
      facts: { dueReason: 'mileage', dueDate: '2025-10-28', estimatedKm: 15_000 },
    });
  });

  it('is not due while the estimate is one km short of the interval counted from the reading at the last service', () => {
    // The oil service read 3,001 km: due at 18,001 km, which the line (18,000 km on 27 December) reaches a day later.
    const facts = owner({ odometerReadings: fiftyADay.filter((reading) => reading.km !== 3_000) }, [{ on: '2025-03-02', odometerKm: 3_001, work: ['oil-service'] }]);

    expect(datesDue(oilOnly, facts, ['2025-12-27', '2025-12-28'])).toEqual(['2025-12-28']);
  });

  it('keeps the due date when one reading is a typo ten times too high', () => {
    const typo = [...fiftyADay, { on: '2025-04-01', km: 45_000 }];

    expect(nextOccurrence(trigger(oilOnly), owner({ odometerReadings: typo }), '2025-07-01')?.date).toBe('2025-10-28');
  });

  it('counts a distance-only service (key-parts inspection) only with a mileage estimate', () => {
    const keyParts = { services: [{ work: 'key-parts-inspection', km: 40_000 }] };

    expect(nextOccurrence(trigger(keyParts), owner({ odometerReadings: [{ on: '2025-06-30', km: 9_000 }] }), '2025-07-01')).toBeUndefined();
    expect(nextOccurrence(trigger(keyParts), owner({ odometerReadings: fiftyADay }), '2025-07-01')).toMatchObject({ date: '2027-03-12', facts: { dueReason: 'mileage' } });
  });

  it('starts a new occurrence from the visit that did the service, and none for the interval already served', () => {
    const served = owner({ odometerReadings: fiftyADay }, [{ on: '2025-10-20', odometerKm: 14_600, work: ['oil-service'] }]);

    expect(datesDue(oilOnly, served, ['2025-10-28'])).toEqual([]);
    // 14,600 + 15,000 km at 50 km a day from 14,600 on 20 October: 300 days later.
    expect(nextOccurrence(trigger(oilOnly), served, '2025-10-21')).toMatchObject({ date: '2026-08-16', key: 'WBA11AA010CH00001#oil-service@2025-10-20' });
  });

  it('counts from the estimate on the day of a service visit that took no reading', () => {
    const served = owner({ odometerReadings: fiftyADay }, [{ on: '2025-10-20', odometerKm: undefined, work: ['oil-service'] }]);

    // 14,600 km estimated on 20 October, as above.
    expect(nextOccurrence(trigger(oilOnly), served, '2025-10-21')?.date).toBe('2026-08-16');
  });

  it('goes out daysBefore the due date', () => {
    const facts = owner({ odometerReadings: [] }, [{ on: '2025-03-14', odometerKm: undefined, work: ['oil-service'] }]);

    expect(datesDue({ ...oilOnly, daysBefore: 14 }, facts, ['2026-02-27', '2026-02-28', '2026-03-14'])).toEqual(['2026-02-28']);
    expect(occurrencesOn(trigger({ ...oilOnly, daysBefore: 14 }), facts, '2026-02-28')[0]?.facts).toMatchObject({ dueDate: '2026-03-14' });
  });

  it('sends one reminder for services due together, named after the first listed, keyed by each', () => {
    const facts = owner({ deliveredOn: '2024-03-14', odometerReadings: [] }, [
      { on: '2024-03-14', odometerKm: undefined, work: ['oil-service', 'regular-service'] },
      { on: '2025-03-14', odometerKm: undefined, work: ['oil-service'] },
    ]);

    expect(occurrencesOn(trigger(), facts, '2026-03-14')).toEqual([
      {
        date: '2026-03-14',
        key: 'WBA11AA010CH00001#regular-service@2024-03-14&oil-service@2025-03-14',
        facts: { brand: 'BMW', model: 'X5', service: 'regular-service', dueReason: 'time', dueDate: '2026-03-14' },
      },
    ]);
  });

  it('sends nothing for an interval that passed before the date asked about', () => {
    const overdue = owner({ odometerReadings: [] }, [{ on: '2023-03-14', work: ['oil-service'] }]);

    expect(nextOccurrence(trigger(oilOnly), overdue, '2026-03-14')).toBeUndefined();
  });

  it('leaves an electric car out of a service its fuel never needs, but not out of the others, and reminds a car of unknown fuel', () => {
    const services = { services: [{ work: 'oil-service', months: 12, exceptFuel: ['ev'] }, { work: 'regular-service', months: 24 }] };
    const servicedOn = [{ on: '2025-03-14', odometerKm: undefined, work: ['oil-service', 'regular-service'] }];

    expect(occurrencesOn(trigger(services), owner({ fuel: 'ev' }, servicedOn), '2026-03-14')).toEqual([]);
    expect(occurrencesOn(trigger(services), owner({ fuel: 'ev' }, servicedOn), '2027-03-14')[0]?.facts).toMatchObject({ service: 'regular-service' });
    expect(occurrencesOn(trigger(services), owner({ fuel: 'petrol' }, servicedOn), '2026-03-14')[0]?.facts).toMatchObject({ service: 'oil-service' });
    expect(occurrencesOn(trigger(services), owner({}, servicedOn), '2026-03-14')[0]?.facts).toMatchObject({ service: 'oil-service' });
  });

  it('rejects an interval with neither km nor months, and a service listed twice', () => {
    expect(Trigger.safeParse({ type: 'service-due', services: [{ work: 'oil-service' }] }).error?.issues[0]?.message).toMatch(/km, months or both/);
    const twice = Trigger.safeParse({ type: 'service-due', services: [{ work: 'oil-service', months: 12 }, { work: 'oil-service', km: 10_000 }] });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['services', 1, 'work'], message: 'service "oil-service" is listed twice' });
  });
});

describe('service-due, trade-in and cover-expiry agree with themselves', () => {
  // The due index files a customer under nextOccurrence's date; the planner then asks
  // occurrencesOn for that date: the two must agree, or a customer is filed and not sent.
  const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((offset) => addDays(from, offset));
  const car = fc.record({
    deliveredOn: day('2020-01-01', 1_500),
    kmPerDay: fc.integer({ min: 5, max: 120 }),
    readingDays: fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 5 }),
    visits: fc.array(fc.record({ after: fc.integer({ min: 30, max: 2_000 }), work: fc.subarray(['oil-service', 'regular-service', 'key-parts-inspection']), withKm: fc.boolean() }), { maxLength: 4 }),
    coverDays: fc.integer({ min: 300, max: 2_500 }),
  });
  const triggers = [
    Trigger.parse({ type: 'service-due', daysBefore: 14 }),
    Trigger.parse({ type: 'trade-in' }),
    Trigger.parse({ type: 'cover-expiry', cover: 'maintenance-plan', daysBefore: 30 }),
  ];

  it('finds on a date exactly the occurrences whose next occurrence from that date falls on it', () => {
    fc.assert(
      fc.property(car, day('2021-01-01', 2_500), fc.constantFrom(...triggers), (c, date, each) => {
        const kmOn = (offset: number) => c.kmPerDay * offset;
        const facts = aCustomerFacts({}, [aVehicle({
          deliveredOn: c.deliveredOn,
          odometerReadings: c.readingDays.map((offset) => ({ on: addDays(c.deliveredOn, offset), km: kmOn(offset) })),
          maintenancePlan: { endsOn: addDays(c.deliveredOn, c.coverDays), endsAtKm: 60_000 },
        })], {
          visits: c.visits.map((v) => aVisit({ on: addDays(c.deliveredOn, v.after), work: v.work, odometerKm: v.withKm ? kmOn(v.after) : undefined })),
        });
        const next = nextOccurrence(each, facts, date);
        const on = occurrencesOn(each, facts, date);

        for (const occurrence of on) expect(occurrence.date).toBe(date);
        if (next?.date === date) expect(on).toContainEqual(next);
        else expect(on).toEqual([]);
      }),
    );
  });

  it('gives as the next occurrence’s day number the date of the next occurrence (the due dates ask the day only)', () => {
    const serviceDue = [...triggers, Trigger.parse({ type: 'service-due' }), Trigger.parse({ type: 'service-due', daysBefore: 90, ...oilOnly })];
    let found = 0;
    fc.assert(
      fc.property(fc.array(car, { minLength: 1, maxLength: 3 }), day('2019-06-01', 3_500), fc.constantFrom(...serviceDue), fc.constantFrom<Vehicle['fuel']>(undefined, 'ev', 'petrol'), (cars, date, each, fuel) => {
        const facts = aCustomerFacts({}, cars.map((c, index) => aVehicle({
          vin: `WBA11AA010CH0000${index}`,
          deliveredOn: c.deliveredOn,
          ...(fuel ? { fuel } : {}),
          odometerReadings: c.readingDays.map((offset) => ({ on: addDays(c.deliveredOn, offset), km: c.kmPerDay * offset })),
          maintenancePlan: { endsOn: addDays(c.deliveredOn, c.coverDays), endsAtKm: 60_000 },
        })), {
          visits: cars.flatMap((c, index) => c.visits.map((v) => aVisit({ vin: `WBA11AA010CH0000${index}`, on: addDays(c.deliveredOn, v.after), work: v.work, odometerKm: v.withKm ? c.kmPerDay * v.after : undefined }))),
        });
        const next = nextOccurrence(each, facts, date);

        expect(nextOccurrenceDay(each, facts, date)).toBe(next && epochDay(next.date));
        if (next) found += 1;
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(1000);
  });
});
