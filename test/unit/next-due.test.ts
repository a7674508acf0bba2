import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { dueEntriesFor, dueLaterOn, nextDue } from '../../shared/domain/journey/due-dates';
import { addDays, minutesOfClock } from '../../shared/domain/dates';
import { scheduledJourneys, type Journey } from '../../shared/domain/journey/schema';
import { demoCustomerFacts, shippedJourneysDir } from '../helpers/shipped-journeys';

let journeys: Journey[];
// The same journeys listed the other way round: the order of a date's journeys must not follow the list's.
let reversed: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  reversed = [...journeys].reverse();
  customers = demoCustomerFacts();
});

describe('a customer’s next due date', () => {
  it('is the first of their due entries, with every journey listed on that date in the entries’ order', () => {
    let severalJourneys = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.integer({ min: 0, max: 3 * 366 }), fc.boolean(), (index, days, backwards) => {
        const listed = backwards ? reversed : journeys;
        const facts = customers[index]!;
        const today = addDays('2025-06-01', days);
        const entries = dueEntriesFor(facts, listed, today);
        const first = entries[0]?.dueDate;

        const next = nextDue(facts, listed, today);

        expect(next).toEqual(first === undefined ? undefined : { dueDate: first, journeyIds: entries.filter((entry) => entry.dueDate === first).map((entry) => entry.journeyId) });
        if ((next?.journeyIds.length ?? 0) > 1) severalJourneys += 1;
      }),
      { numRuns: 2000 },
    );
    // Ties are where the order matters: the property must meet them.
    expect(severalJourneys).toBeGreaterThan(20);
  });

  it('is left for later on its date exactly while a journey listed on it has its send time still ahead', () => {
    const sendAt = (id: string) => minutesOfClock(scheduledJourneys(journeys).find((journey) => journey.id === id)!.trigger.sendAt);
    let waiting = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 0, max: 24 * 60 }), (index, days, minuteOfDay) => {
        const facts = customers[index]!;
        const date = nextDue(facts, journeys, addDays('2025-06-01', days))?.dueDate;
        fc.pre(date !== undefined);
        const expected = dueEntriesFor(facts, journeys, date!).some((entry) => entry.dueDate === date && minuteOfDay < sendAt(entry.journeyId));

        expect(dueLaterOn(facts, journeys, date!, minuteOfDay)).toBe(expected);
        if (expected) waiting += 1;
      }),
      { numRuns: 2000 },
    );
    expect(waiting).toBeGreaterThan(300);
  });
});
