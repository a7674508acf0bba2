import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { canContact } from '../../shared/domain/customer';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import { addDays, localMomentIn, minutesOfClock, type IsoDate } from '../../shared/domain/dates';
import { nextDue } from '../../shared/domain/journey/due-dates';
import { matchesAudience, planDueJourneys, type DueOccurrence, type PlanInput } from '../../shared/domain/journey/plan';
import { scheduledJourneys, type Journey } from '../../shared/domain/journey/schema';
import { ledgerUnitKey, stepGroupsOf } from '../../shared/domain/journey/steps';
import { occurrencesOn } from '../../shared/domain/triggers/registry';
import { demoCustomerFacts, shippedJourneysDir } from '../helpers/shipped-journeys';

/**
 * The planner written plainly: every journey, trigger and local time asked afresh for each
 * customer, nothing kept between them. The planner's per-plan caches and shortcuts must not
 * change a single occurrence of what this plans.
 */
function plainPlan({ journeys, candidates, now, onDate }: PlanInput): DueOccurrence[] {
  const due: DueOccurrence[] = [];
  for (const facts of candidates) {
    const current = localMomentIn(now, facts.customer.timeZone);
    if (onDate !== undefined && current.date !== onDate) continue;
    const local = facts.lateDate !== undefined && facts.lateDate < current.date ? { date: facts.lateDate, minuteOfDay: 24 * 60 } : current;
    for (const journey of scheduledJourneys(journeys)) {
      if (!journey.enabled || (facts.dueJourneys && !facts.dueJourneys.includes(journey.id))) continue;
      if (local.minuteOfDay < minutesOfClock(journey.trigger.sendAt) || !matchesAudience(journey.audience, facts)) continue;
      for (const group of stepGroupsOf(journey.steps)) {
        for (const occurrence of occurrencesOn(journey.trigger, facts, addDays(local.date, -group.offsetDays))) {
          due.push({
            journeyId: journey.id,
            customerId: facts.customer.id,
            occurrenceKey: ledgerUnitKey(occurrence.key, group),
            occurrenceDate: occurrence.date,
            ...(group.offsetDays !== 0 ? { sendDate: local.date } : {}),
            category: journey.category,
            priority: journey.priority,
            ...(Object.keys(occurrence.facts).length > 0 ? { facts: occurrence.facts } : {}),
            messages: group.steps.map((step) => ({
              messageId: step.id,
              channel: step.channel,
              template: step.template,
              contactable: canContact(facts.customer, step.channel) || (step.fallback !== undefined && canContact(facts.customer, step.fallback.channel)),
            })),
          });
        }
      }
    }
  }
  return due;
}

let journeys: Journey[];
let customers: CustomerFacts[];

beforeAll(async () => {
  ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  customers = demoCustomerFacts();
});

// Around the demo's busy day and a leap day, by quarter hours, so every zone's send times and
// midnights are met, DST days included (Sydney, Auckland and Los Angeles change clocks in March and April).
const instant = fc
  .tuple(fc.constantFrom('2026-03-14', '2026-04-05', '2027-01-01', '2028-02-29'), fc.integer({ min: -4 * 24 * 4, max: 4 * 24 * 4 }))
  .map(([day, quarterHours]) => new Date(Date.parse(`${day}T00:00:00Z`) + quarterHours * 900_000));

describe('the planner', () => {
  it('plans what the plain planner plans for a whole tick of candidates, each filed as the due index files them or late', () => {
    let planned = 0;
    fc.assert(
      fc.property(instant, fc.boolean(), fc.integer({ min: 0, max: 3 }), (now, named, lateDays) => {
        // The candidates of the tick: every demo customer due on a date current anywhere (or a few days before, late).
        const candidates = customers.flatMap((facts) => {
          const today = localMomentIn(now, facts.customer.timeZone).date;
          const from = addDays(today, -lateDays);
          const entry = nextDue(facts, journeys, from);
          if (entry === undefined || entry.dueDate > today) return [];
          return [{ ...facts, ...(entry.dueDate < today ? { lateDate: entry.dueDate } : {}), ...(named ? { dueJourneys: entry.journeyIds } : {}) }];
        });

        const plan = planDueJourneys({ journeys, candidates, now });

        expect(plan).toEqual(plainPlan({ journeys, candidates, now }));
        planned += plan.length;
      }),
      { numRuns: 20 },
    );
    expect(planned).toBeGreaterThan(300);
  });

  it('plans what the plain planner plans for every demo customer in a run for one date', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const onDate: IsoDate = now.toISOString().slice(0, 10);

        expect(planDueJourneys({ journeys, candidates: customers, now, onDate })).toEqual(plainPlan({ journeys, candidates: customers, now, onDate }));
      }),
      { numRuns: 20 },
    );
  });
});
