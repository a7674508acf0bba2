import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../../shared/config/load-journeys';
import type { CustomerFacts } from '../../../shared/domain/customer-facts';
import { localMomentIn } from '../../../shared/domain/dates';
import type { Journey } from '../../../shared/domain/journey/schema';
import { carriedDayContenders, dayContendersOf } from '../../../shared/domain/policies/day-contenders';
import { demoCustomerIndex, entryAndInstant, filedOn, quarterHoursFromDueDate } from '../../helpers/due-entries';
import { demoCustomerFacts, shippedJourneysDir } from '../../helpers/shipped-journeys';

// The evaluation carries each customer's day contenders on promotional messages, planned from the
// due-index entry it read; the dispatch used to plan them from the profile with every journey.
// These properties hold the two equal for the shipped journeys and every demo customer.
let journeys: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  customers = demoCustomerFacts();
});

describe("the day contenders the evaluation carries on a customer's promotional messages", () => {
  it('are those the dispatch plans from the profile with every journey, for the local date of the instant', () => {
    let withContenders = 0;
    fc.assert(
      fc.property(demoCustomerIndex, filedOn, quarterHoursFromDueDate, (index, filedFrom, quarterHours) => {
        const facts = customers[index]!;
        const filed = entryAndInstant(facts, journeys, filedFrom, quarterHours);
        fc.pre(filed !== undefined && localMomentIn(filed.now, facts.customer.timeZone).date >= filedFrom);
        const { entry, now } = filed!;
        // As the scheduled run reads the entry (a late one too); the replay's reads carry no late date.
        const candidate = { ...facts, dueDate: entry.dueDate, dueJourneys: entry.journeyIds, lateDate: entry.dueDate };

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

  it('are carried for nobody when the tick planned no promotion, whoever its candidates are', () => {
    const [facts] = customers;
    const now = new Date('2026-03-14T12:00:00Z');
    const candidates = [{ ...facts!, dueDate: '2026-03-14' }];

    const contendersOf = carriedDayContenders(journeys, candidates, [{ customerId: facts!.customer.id, category: 'service' }], now);

    expect(contendersOf({ customerId: facts!.customer.id, category: 'promotional' })).toBeUndefined();
  });
});
