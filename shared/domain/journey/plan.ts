import { canContact, type Channel } from '../customer';
import { addDays, localMomentIn, minutesOfClock, type IsoDate } from '../dates';
import type { CustomerFacts, OccurrenceFacts } from '../triggers/kind';
import { occurrencesOn } from '../triggers/registry';
import type { Audience, Journey, JourneyCategory } from './schema';
import { ledgerUnitKey, stepGroupsOf } from './steps';

/** A message of a due occurrence, with whether the customer can be reached on its channel. */
export interface DueMessage {
  messageId: string;
  channel: Channel;
  template: string;
  contactable: boolean;
}

/**
 * The steps of one occurrence of a journey for one customer that are due now (e.g. the email and
 * SMS of Ann's 2026 birthday, or its card three days ahead): the unit the ledger claims once.
 */
export interface DueOccurrence {
  journeyId: string;
  customerId: string;
  /**
   * Identifies the unit within the journey: the occurrence's key (the year, for a yearly trigger),
   * plus the step ids for steps on another day (see {@link ledgerUnitKey}).
   */
  occurrenceKey: string;
  /** The customer's local date the occurrence belongs to (the birthday, even for a card sent ahead). */
  occurrenceDate: IsoDate;
  /** The local date these steps go out, when it is not the occurrence's date. */
  sendDate?: IsoDate;
  /** The journey's category and priority (absent on occurrences the ledger kept from before them). */
  category?: JourneyCategory;
  /** Lower goes first. */
  priority?: number;
  /** What the trigger adds to the message context (e.g. the years of ownership); may be empty. */
  facts?: OccurrenceFacts;
  messages: DueMessage[];
}

export interface PlanInput {
  journeys: Journey[];
  /**
   * Customers possibly due (from an index), with what the triggers read of them. `lateDate`: an
   * entry found under a date already past for the customer (a recompute's catch-up), planned on
   * that date with every send time past: late rather than never.
   */
  candidates: readonly (CustomerFacts & { lateDate?: IsoDate })[];
  now: Date;
  /**
   * Restricts planning to occurrences on this local date, for a run "for a date" (the local
   * runtime's `--date`, or a replay). Without it, each customer's current local date is used.
   */
  onDate?: IsoDate;
}

const minutesPerDay = 24 * 60;

/**
 * Decides which journey occurrences are due at `now`. Pure: the caller supplies candidates
 * (customers possibly due, from an index) and records the result; running it twice at the same
 * instant gives the same plan, and the occurrence ledger makes acting on it idempotent.
 * Each trigger kind decides its own dates (shared/domain/triggers/); this loop knows none.
 *
 * @example
 * planDueJourneys({ journeys, candidates: [{ customer, vehicles }], now: new Date('2026-03-14T01:00:00Z') })
 * // -> [{ journeyId: 'birthday', customerId: 'c-0001', occurrenceKey: '2026', ... }]
 */
export function planDueJourneys({ journeys, candidates, now, onDate }: PlanInput): DueOccurrence[] {
  const active = journeys
    .filter((journey) => journey.enabled)
    .map((journey) => ({ journey, groups: stepGroupsOf(journey.steps), sendAtMinute: minutesOfClock(journey.trigger.sendAt) }));
  const due: DueOccurrence[] = [];
  for (const facts of candidates) {
    const { customer } = facts;
    const current = localMomentIn(now, customer.timeZone);
    if (onDate !== undefined && current.date !== onDate) continue;
    const local = facts.lateDate !== undefined && facts.lateDate < current.date ? { date: facts.lateDate, minuteOfDay: minutesPerDay } : current;
    for (const { journey, groups, sendAtMinute } of active) {
      if (local.minuteOfDay < sendAtMinute || !matchesAudience(journey.audience, facts)) continue;
      for (const group of groups) {
        // Steps `offsetDays` from the occurrence go out today for an occurrence that many days away.
        const occurrenceDate = group.offsetDays === 0 ? local.date : addDays(local.date, -group.offsetDays);
        for (const occurrence of occurrencesOn(journey.trigger, facts, occurrenceDate)) {
          due.push({
            journeyId: journey.id,
            customerId: customer.id,
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
              contactable: canContact(customer, step.channel),
            })),
          });
        }
      }
    }
  }
  return due;
}

export function matchesAudience(audience: Audience, { customer }: Pick<CustomerFacts, 'customer'>): boolean {
  if (audience.stages && !audience.stages.includes(customer.stage)) return false;
  if (audience.dealers && !audience.dealers.includes(customer.dealerId)) return false;
  if (audience.locales && !audience.locales.includes(customer.locale)) return false;
  return true;
}
