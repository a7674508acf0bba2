import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../local/demo-data';
import { loadJourneyConfig } from '../../../shared/config/load-journeys';
import { customerFacts, type CustomerFacts } from '../../../shared/domain/customer-facts';
import { addDays, localMomentIn } from '../../../shared/domain/dates';
import { nextDue } from '../../../shared/domain/journey/due-dates';
import type { Journey } from '../../../shared/domain/journey/schema';
import { carriedDayContenders, dayContendersOf } from '../../../shared/domain/policies/day-contenders';
import { shippedJourneysDir } from '../../helpers/shipped-journeys';

// The evaluation carries each customer's day contenders on promotional messages, planned from the
// due-index entry it read; the dispatch used to plan them from the profile with every journey.
// These properties hold the two equal for the shipped journeys and every demo customer.
let journeys: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  const data = generateDemoData();
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  customers = data.customers.map((record) => customerFacts(record, countries.get(record.customer.dealerId)));
});

const customerIndex = fc.integer({ min: 0, max: 1_199 });
const filedOn = fc.integer({ min: 0, max: 2 * 366 }).map((days) => addDays('2025-09-01', days));
// From the due date's start at UTC+14 to three days after it (a catch-up), by quarter hours.
const quarterHoursFromDueDate = fc.integer({ min: -14 * 4, max: 84 * 4 });

describe("the day contenders the evaluation carries on a customer's promotional messages", () => {
  it('are those the dispatch plans from the profile with every journey, for the local date of the instant', () => {
    let withContenders = 0;
    fc.assert(
      fc.property(customerIndex, filedOn, quarterHoursFromDueDate, (index, filedFrom, quarterHours) => {
        const facts = customers[index]!;
        const entry = nextDue(facts, journeys, filedFrom);
        fc.pre(entry !== undefined);
        const now = new Date(Date.parse(`${entry!.dueDate}T00:00:00Z`) + quarterHours * 900_000);
        fc.pre(localMomentIn(now, facts.customer.timeZone).date >= filedFrom);
        // As the scheduled run reads the entry (a late one too); the replay's reads carry no late date.
        const candidate = { ...facts, dueDate: entry!.dueDate, dueJourneys: entry!.journeyIds, lateDate: entry!.dueDate };

        const promotion = { customerId: facts.customer.id, category: 'promotional' };
        const carried = carriedDayContenders(journeys, [candidate], [promotion], now)(promotion);
        const planned = dayContendersOf(journeys, facts, now);

        expect(carried).toEqual({ date: localMomentIn(now, facts.customer.timeZone).date, contenders: planned });
        if (planned.length > 0) withContenders += 1;
      }),
      { numRuns: 1500 },
    );
    // Many runs find contenders: the property is not about empty days.
    expect(withContenders).toBeGreaterThan(200);
  });

  it("planned for a tick's customers at once, are each customer's own, as planned alone", () => {
    const now = new Date('2026-03-14T12:00:00Z');
    // Every demo customer as a candidate of one tick, several zones and dates among them.
    const candidates = customers.map((facts) => ({ ...facts, dueDate: localMomentIn(now, facts.customer.timeZone).date }));
    const due = candidates.map((facts) => ({ customerId: facts.customer.id, category: 'promotional' }));

    const contendersOf = carriedDayContenders(journeys, candidates, due, now);

    let withContenders = 0;
    for (const facts of customers) {
      const contenders = dayContendersOf(journeys, facts, now);
      expect(contendersOf({ customerId: facts.customer.id, category: 'promotional' })).toEqual({ date: localMomentIn(now, facts.customer.timeZone).date, contenders });
      if (contenders.length > 0) withContenders += 1;
    }
    expect(withContenders).toBeGreaterThan(10);
  });

  it('are carried only for promotional occurrences, for the customers of the promotions planned', () => {
    const [facts, other] = customers;
    const now = new Date('2026-03-14T12:00:00Z');
    const candidates = [facts!, other!].map((customer) => ({ ...customer, dueDate: '2026-03-14' }));

    const contendersOf = carriedDayContenders(journeys, candidates, [{ customerId: facts!.customer.id, category: 'promotional' }], now);

    expect(contendersOf({ customerId: facts!.customer.id, category: 'promotional' })).toBeDefined();
    expect(contendersOf({ customerId: facts!.customer.id, category: 'service' })).toBeUndefined();
    expect(contendersOf({ customerId: other!.customer.id, category: 'promotional' })).toBeUndefined();
  });
});
