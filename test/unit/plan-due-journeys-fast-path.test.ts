import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { addDays, localMomentIn } from '../../shared/domain/dates';
import { nextDue } from '../../shared/domain/journey/due-dates';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import type { Journey } from '../../shared/domain/journey/schema';
import { demoCustomerFacts, shippedJourneysDir } from '../helpers/shipped-journeys';

// The due index files each customer with the journeys due on their date, and the planner then
// evaluates only those: these properties hold its plan equal to evaluating every journey, for
// the shipped journeys and the demo customers (every after-sales situation), at any instant.
let journeys: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  customers = demoCustomerFacts();
});

const filedOn = fc.integer({ min: 0, max: 2 * 366 }).map((days) => addDays('2025-09-01', days));
const customerIndex = fc.integer({ min: 0, max: 1_199 });
// From 14 hours before the due date's midnight UTC (its start at UTC+14) to three days after it
// (planned late, from a catch-up or a missed tick), by quarter hours.
const quarterHoursFromDueDate = fc.integer({ min: -14 * 4, max: 84 * 4 });

describe('planning a due-index entry with the journeys it names', () => {
  it('plans what evaluating every journey plans, on the entry as the scheduled run reads it (late dates included)', () => {
    let planned = 0;
    fc.assert(
      fc.property(customerIndex, filedOn, quarterHoursFromDueDate, (index, filedFrom, quarterHours) => {
        const facts = customers[index]!;
        const entry = nextDue(facts, journeys, filedFrom);
        fc.pre(entry !== undefined);
        const now = new Date(Date.parse(`${entry!.dueDate}T00:00:00Z`) + quarterHours * 900_000);
        // The index files from the latest date current anywhere: never after the customer's own date at a later tick.
        fc.pre(localMomentIn(now, facts.customer.timeZone).date >= filedFrom);
        const candidate = { ...facts, lateDate: entry!.dueDate };

        const full = planDueJourneys({ journeys, candidates: [candidate], now });
        const listed = planDueJourneys({ journeys, candidates: [{ ...candidate, dueJourneys: entry!.journeyIds }], now });

        expect(listed).toEqual(full);
        if (full.length > 0) planned += 1;
      }),
      { numRuns: 2000 },
    );
    // Most runs plan something: the property is not about empty plans.
    expect(planned).toBeGreaterThan(1000);
  });

  it('plans what evaluating every journey plans in a run for the entry date (a replay)', () => {
    fc.assert(
      fc.property(customerIndex, filedOn, quarterHoursFromDueDate, (index, filedFrom, quarterHours) => {
        const facts = customers[index]!;
        const entry = nextDue(facts, journeys, filedFrom);
        fc.pre(entry !== undefined);
        const now = new Date(Date.parse(`${entry!.dueDate}T00:00:00Z`) + quarterHours * 900_000);

        const full = planDueJourneys({ journeys, candidates: [facts], now, onDate: entry!.dueDate });
        const listed = planDueJourneys({ journeys, candidates: [{ ...facts, dueJourneys: entry!.journeyIds }], now, onDate: entry!.dueDate });

        expect(listed).toEqual(full);
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluates only the journeys named: one left out of the list plans nothing', () => {
    const facts = customers.find((customer) => {
      const entry = nextDue(customer, journeys, '2026-03-14');
      return entry?.dueDate === '2026-03-14' && entry.journeyIds.length > 0;
    })!;
    const entry = nextDue(facts, journeys, '2026-03-14')!;
    const lateInTheDay = { ...facts, lateDate: entry.dueDate };
    const now = new Date('2026-03-16T12:00:00Z');

    const full = planDueJourneys({ journeys, candidates: [lateInTheDay], now });
    const none = planDueJourneys({ journeys, candidates: [{ ...lateInTheDay, dueJourneys: [] }], now });

    expect(full.length).toBeGreaterThan(0);
    expect(new Set(full.map((occurrence) => occurrence.journeyId))).toEqual(new Set(entry.journeyIds));
    expect(none).toEqual([]);
  });
});
