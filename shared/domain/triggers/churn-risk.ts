import * as z from 'zod';
import { epochDay } from '../calendar/epoch-day';
import { addDays, type IsoDate } from '../dates';
import type { Complaint } from '../service-history';
import { isOpenOn } from '../service-history';
import { sendAt } from './fields';
import { earliestOccurrence } from './per-vehicle';
import type { CustomerFacts, Occurrence, TriggerKind } from './kind';
import { lastAnchorOn, visitAnchors } from './visit-anchors';

/** Churn risk: no visit for N days while a complaint is still open. */
export const ChurnRiskTrigger = z.strictObject({
  type: z.literal('churn-risk'),
  sendAt,
  /** Days without a visit (counted from the last visit, else from the latest car's delivery). */
  daysWithoutVisit: z.number().int().min(1).max(3650).default(60),
});
export type ChurnRiskTrigger = z.infer<typeof ChurnRiskTrigger>;

/**
 * The day a complaint puts the customer at risk: the later of "N days since the last visit" and
 * the day it was opened, where a visit in between restarts the count; undefined when there is
 * nothing to count from, or when the complaint is closed by that day (a closed complaint is not a
 * risk, however long the silence).
 */
function riskFor(trigger: ChurnRiskTrigger, anchors: readonly IsoDate[], complaint: Complaint): Occurrence | undefined {
  let date = complaint.openedOn;
  let last = lastAnchorOn(anchors, date);
  // Each pass moves `last` to a later visit, so this ends within the number of visits.
  for (;;) {
    if (last === undefined) return undefined;
    const quietUntil = addDays(last, trigger.daysWithoutVisit);
    if (quietUntil > date) date = quietUntil;
    const latest = lastAnchorOn(anchors, date);
    if (latest === last) break;
    last = latest;
  }
  if (!isOpenOn(complaint, date)) return undefined;
  return {
    date,
    key: complaint.reference,
    facts: { complaintReference: complaint.reference, complaintOpenedOn: complaint.openedOn, daysSinceLastVisit: epochDay(date) - epochDay(last) },
  };
}

function risks(trigger: ChurnRiskTrigger, facts: Pick<CustomerFacts, 'visits' | 'vehicles' | 'complaints'>): Occurrence[] {
  const anchors = visitAnchors(facts);
  return facts.complaints.map((complaint) => riskFor(trigger, anchors, complaint)).filter((risk) => risk !== undefined);
}

/**
 * Once per complaint (the key is its reference). Whether the complaint is still open is decided
 * on the day itself from the stored `closedOn`: one closed in between is not due.
 */
export const churnRiskKind: TriggerKind<ChurnRiskTrigger> = {
  type: 'churn-risk',
  schema: ChurnRiskTrigger,
  fixedDates: true,
  nextOccurrence(trigger, facts, onOrAfter) {
    return earliestOccurrence(risks(trigger, facts).filter((risk) => risk.date >= onOrAfter));
  },
  // Two complaints may put a customer at risk on the same day: each is its own task.
  occurrencesOn(trigger, facts, date) {
    return risks(trigger, facts).filter((risk) => risk.date === date);
  },
  sampleFacts: { complaintReference: 'CR-1001', complaintOpenedOn: '2026-01-10', daysSinceLastVisit: 60 },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...churnRiskKind.sampleFacts } };
    return [
      { label: 'a customer at risk with a vehicle and a known birth date', context: base },
      { label: 'a customer at risk without a vehicle or a birth date', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
