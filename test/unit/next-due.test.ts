import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { dueEntriesFor, dueLaterOn, listedDueLaterOn, nextDue } from '../../shared/domain/journey/due-dates';
import { addDays, minutesOfClock } from '../../shared/domain/dates';
import { scheduledJourneys, type Journey } from '../../shared/domain/journey/schema';
import { activeJourneys } from '../../shared/domain/journey/active-journeys';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import { customerFacts } from '../../shared/domain/customer-facts';
import { kindOf, nextOccurrence } from '../../shared/domain/triggers/registry';
import { frozenCopy } from '../../shared/adapters/memory/frozen-copy';
import { demoCustomerFacts, shippedJourneysDir } from '../helpers/shipped-journeys';
import { generateDemoData } from '../../local/demo-data';

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

  it('is left for later on its date by the journeys its entry lists as by working the date out, when nothing in the customer’s record is dated after the day it was filed', () => {
    let waiting = 0;
    let asked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: -1, max: 24 * 60 }), fc.boolean(), (index, days, minuteOfDay, backwards) => {
        const listed = backwards ? reversed : journeys;
        const facts = customers[index]!;
        const filedFrom = addDays('2025-06-01', days);
        // The trigger kinds' dates are fixed from the day they say (a service reminder: the last visit on).
        fc.pre(activeJourneys(listed).every(({ fixedDatesFrom, maxOffsetDays }) => (fixedDatesFrom?.(facts) ?? '') <= addDays(filedFrom, -maxOffsetDays)));
        const entry = nextDue(facts, listed, filedFrom);
        fc.pre(entry !== undefined);
        const expected = dueLaterOn({ ...facts }, listed, entry!.dueDate, minuteOfDay);

        expect(listedDueLaterOn(entry!.journeyIds, listed, minuteOfDay)).toBe(expected);
        asked += 1;
        if (expected) waiting += 1;
      }),
      { numRuns: 3000, examples: [[0, 0, -1, false], [5, 100, 24 * 60, true]] },
    );
    expect(waiting).toBeGreaterThan(asked / 10);
    expect(waiting).toBeLessThan(asked - asked / 10);
  });

  it('is moved on at a tick after which nothing more is planned of its date, asked of the journeys its entry lists as when worked out (any record, visits after the filing day too)', () => {
    // A tick each half hour of the date, as zones at half hours meet them.
    const tickMinutes = Array.from({ length: 48 }, (_, index) => index * 30);
    let planned = 0;
    let movedElsewhen = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.integer({ min: 0, max: 3 * 366 }), fc.boolean(), (index, days, backwards) => {
        const listed = backwards ? reversed : journeys;
        // In UTC, so a tick's local minute is its UTC one.
        const facts: CustomerFacts = { ...customers[index]!, customer: { ...customers[index]!.customer, timeZone: 'UTC' } };
        const entry = nextDue(facts, listed, addDays('2025-06-01', days));
        fc.pre(entry !== undefined);
        const { dueDate, journeyIds } = entry!;
        // The evaluation's ticks of the date: each plans the entry, then moves it on once nothing is due later.
        const walk = (dueLater: (minuteOfDay: number) => boolean) => {
          const keys = new Set<string>();
          for (const minute of tickMinutes) {
            const now = new Date(Date.parse(`${dueDate}T00:00:00Z`) + minute * 60_000);
            for (const occurrence of planDueJourneys({ journeys: listed, candidates: [{ ...facts, dueJourneys: journeyIds }], now, onDate: dueDate })) keys.add(`${occurrence.journeyId}#${occurrence.occurrenceKey}`);
            if (!dueLater(minute)) return { keys: [...keys].sort(), movedAt: minute };
          }
          return { keys: [...keys].sort(), movedAt: undefined };
        };
        const workedOut = walk((minute) => dueLaterOn({ ...facts }, listed, dueDate, minute));
        const byList = walk((minute) => listedDueLaterOn(journeyIds, listed, minute));

        expect(byList.keys).toEqual(workedOut.keys);
        if (byList.keys.length > 0) planned += 1;
        if (byList.movedAt !== workedOut.movedAt) movedElsewhen += 1;
      }),
      { numRuns: 1500, examples: [[513, 215, false]] },
    );
    expect(planned).toBeGreaterThan(1000);
    // Records with visits after the filing day are met: the move's tick then differs, what is planned not.
    expect(movedElsewhen).toBeGreaterThan(0);
  });

  it('is not left for later by a journey its entry lists that is no longer active', () => {
    expect(listedDueLaterOn(['no-such-journey'], journeys, 0)).toBe(false);
    const birthday = scheduledJourneys(journeys).find((journey) => journey.trigger.type === 'birthday')!;
    const sendAt = minutesOfClock(birthday.trigger.sendAt);
    expect(listedDueLaterOn(['no-such-journey', birthday.id], journeys, sendAt - 1)).toBe(true);
    expect(listedDueLaterOn([birthday.id], journeys, sendAt)).toBe(false);
  });

  it('comes from the same occurrence date, asked from any later day up to it, for the trigger kinds whose dates are fixed (from the day they say)', () => {
    const fixed = scheduledJourneys(journeys).filter((journey) => kindOf(journey.trigger).fixedDates);
    let later = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.nat({ max: fixed.length - 1 }), fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 0, max: 800 }), (index, journey, days, after) => {
        const { trigger } = fixed[journey]!;
        const facts = customers[index]!;
        // A service reminder's dates are fixed from the customer's last visit on.
        const fixedFrom = kindOf(trigger).fixedDatesFrom?.(trigger, facts);
        const day = addDays('2025-06-01', days);
        const asked = fixedFrom !== undefined && fixedFrom > day ? fixedFrom : day;
        const found = nextOccurrence(trigger, facts, asked);
        const askedLater = found === undefined ? addDays(asked, after) : addDays(asked, Math.min(after, daysBetween(asked, found.date)));

        expect(nextOccurrence(trigger, facts, askedLater)?.date).toBe(found?.date);
        if (found !== undefined && askedLater > asked) later += 1;
      }),
      { numRuns: 3000 },
    );
    expect(new Set(fixed.map((journey) => journey.trigger.type)).size).toBeGreaterThanOrEqual(9);
    expect(later).toBeGreaterThan(1000);
  });

  it('is the same whether the dates of a customer stored frozen are kept from earlier asks or worked out again (random walks through time)', () => {
    const records = generateRecords();
    // A walk: each step goes some days on, or moves the customer on past their due date as the evaluation does.
    const walk = fc.array(fc.record({ days: fc.nat({ max: 90 }), moveOn: fc.boolean(), minuteOfDay: fc.nat({ max: 24 * 60 }) }), { minLength: 1, maxLength: 12 });
    let kept = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_199 }), fc.integer({ min: 0, max: 2 * 366 }), walk, (index, days, steps) => {
        const { record, dealerCountry } = records[index]!;
        const fresh = () => customerFacts(structuredClone(record), dealerCountry);
        let today = addDays('2025-06-01', days);
        for (const step of steps) {
          // A new facts object of the same frozen record at each step, as the due index files one at each move.
          const stored = customerFacts(record, dealerCountry);
          const next = nextDue(stored, journeys, today);

          expect(next).toEqual(nextDue(fresh(), journeys, today));
          expect(dueEntriesFor(stored, journeys, today)).toEqual(dueEntriesFor(fresh(), journeys, today));
          if (next !== undefined) expect(dueLaterOn(stored, journeys, next.dueDate, step.minuteOfDay)).toBe(dueLaterOn(fresh(), journeys, next.dueDate, step.minuteOfDay));
          kept += 1;
          today = step.moveOn && next !== undefined ? addDays(next.dueDate, 1) : addDays(today, step.days);
        }
      }),
      { numRuns: 400 },
    );
    expect(kept).toBeGreaterThan(1000);
  });
});

/** The demo customers' records deeply frozen, as the simulation stores them, with their dealers' countries. */
function generateRecords() {
  const data = generateDemoData();
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  const strings = new Map<string, string>();
  return data.customers.map((record) => ({ record: frozenCopy(record, strings), dealerCountry: countries.get(record.customer.dealerId) }));
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

