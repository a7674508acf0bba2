import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { addDays, minutesOfClock } from '../../shared/domain/dates';
import { dueEntriesFor, dueLaterOn, nextDue } from '../../shared/domain/journey/due-dates';
import { scheduledJourneys, type Journey } from '../../shared/domain/journey/schema';
import { demoCustomerFacts, shippedJourneysDir } from '../helpers/shipped-journeys';

// The evaluation asks of every customer filed under a date, at every tick of it, whether a
// journey still sends to them later that day; the dates behind the answer are worked out once per
// facts and date. These properties hold the kept answers equal to working them out each time.
let journeys: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  customers = demoCustomerFacts();
});

/** dueLaterOn worked out from scratch, from every journey's due entry on the date. */
function expectedLater(facts: CustomerFacts, date: string, minuteOfDay: number): boolean {
  const sendAt = (id: string) => minutesOfClock(scheduledJourneys(journeys).find((journey) => journey.id === id)!.trigger.sendAt);
  return dueEntriesFor(facts, journeys, date).some((entry) => entry.dueDate === date && minuteOfDay < sendAt(entry.journeyId));
}

const question = fc.record({ index: fc.integer({ min: 0, max: 40 }), days: fc.integer({ min: 0, max: 2 * 366 }), minutes: fc.array(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 1, maxLength: 8 }) });

describe('whether a journey still sends to a customer later on a date, asked at each tick', () => {
  it('answers a run of ticks over several customers and dates as working each answer out afresh', () => {
    let later = 0;
    let asked = 0;
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 12 }), (questions) => {
        for (const { index, days, minutes } of questions) {
          const facts = customers[index]!;
          const date = nextDue(facts, journeys, addDays('2025-06-01', days))?.dueDate ?? addDays('2025-06-01', days);
          for (const minute of minutes) {
            const expected = expectedLater(facts, date, minute);
            expect(dueLaterOn(facts, journeys, date, minute)).toBe(expected);
            asked += 1;
            if (expected) later += 1;
          }
        }
      }),
      { numRuns: 300 },
    );
    // Both answers are met often: the property is not about one of them.
    expect(later).toBeGreaterThan(asked / 10);
    expect(later).toBeLessThan(asked - asked / 10);
  });

  it('keeps no answer across facts objects: other facts of the same customer on the same date are asked afresh', () => {
    const due = customers
      .map((facts) => ({ facts, next: nextDue(facts, journeys, '2026-03-01') }))
      .find(({ facts, next }) => next !== undefined && facts.vehicles.length > 0 && dueLaterOn(facts, journeys, next.dueDate, 0) && !expectedLater({ ...facts, vehicles: [] }, next.dueDate, 0))!;
    const withoutCars: CustomerFacts = { ...due.facts, vehicles: [] };

    expect(dueLaterOn(due.facts, journeys, due.next!.dueDate, 0)).toBe(true);
    expect(dueLaterOn(withoutCars, journeys, due.next!.dueDate, 0)).toBe(false);
  });
});
