import * as z from 'zod';
import { addMonthsAndDays } from './date-offsets';
import { sendAt } from './fields';
import type { CustomerFacts, Occurrence, TriggerKind } from './kind';
import { lastAnchorOn, visitAnchors } from './visit-anchors';

/** Dormant win-back: no visit to any workshop for N months. */
export const NoVisitTrigger = z.strictObject({
  type: z.literal('no-visit'),
  sendAt,
  /** Months without a visit, counted from the last visit (else from the latest car's delivery). */
  months: z.number().int().min(1).max(240).default(24),
});
export type NoVisitTrigger = z.infer<typeof NoVisitTrigger>;

/**
 * Every dormant spell's occurrence, oldest first: a spell starts at a visit (or, for a customer
 * who never came, at the latest delivery) and falls due N months later unless the customer came
 * back by then. Time alone makes it due, so the date comes from the data and the due index holds it.
 */
function dormantSpells(trigger: NoVisitTrigger, facts: Pick<CustomerFacts, 'visits' | 'vehicles'>): Occurrence[] {
  const anchors = visitAnchors(facts);
  const spells: Occurrence[] = [];
  anchors.forEach((anchor, index) => {
    const due = addMonthsAndDays(anchor, trigger.months, 0);
    const nextVisit = anchors[index + 1];
    // A visit on the due day itself means the customer came: not dormant.
    if (nextVisit !== undefined && nextVisit <= due) return;
    spells.push({ date: due, key: anchor, facts: { lastVisitOn: anchor, monthsSinceLastVisit: trigger.months } });
  });
  return spells;
}

/**
 * Once per dormant spell: the key is the day counting started from (the last visit), so a
 * customer who comes back and drifts away again is won back again, and a re-run finds its claim.
 */
export const noVisitKind: TriggerKind<NoVisitTrigger> = {
  type: 'no-visit',
  schema: NoVisitTrigger,
  fixedDates: true,
  nextOccurrence(trigger, facts, onOrAfter) {
    return dormantSpells(trigger, facts).find((spell) => spell.date >= onOrAfter);
  },
  // The planner asks this for every candidate on every tick: a spell due on `date` can only be the
  // one counted from the last visit by then (any later visit would be inside it), so one date is computed.
  occurrencesOn(trigger, facts, date) {
    const anchor = lastAnchorOn(visitAnchors(facts), date);
    if (anchor === undefined || addMonthsAndDays(anchor, trigger.months, 0) !== date) return [];
    return [{ date, key: anchor, facts: { lastVisitOn: anchor, monthsSinceLastVisit: trigger.months } }];
  },
  sampleFacts: { lastVisitOn: '2024-03-14', monthsSinceLastVisit: 24 },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...noVisitKind.sampleFacts } };
    // Counting may start from a delivery, but the car may since have been sold: no vehicle is a case.
    return [
      { label: 'a dormant customer with a vehicle and a known birth date', context: base },
      { label: 'a dormant customer without a vehicle or a birth date', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
