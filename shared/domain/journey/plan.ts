import { canContact, type Channel, type Customer } from '../customer';
import { localMomentIn, minutesOfClock, parseIsoDate, type IsoDate, type LocalMoment } from '../dates';
import { assertNever } from '../assert-never';
import { isBirthdayOn } from './birthday';
import type { Audience, Journey, Trigger } from './schema';

/** A message of a due occurrence, with whether the customer can be reached on its channel. */
export interface DueMessage {
  messageId: string;
  channel: Channel;
  template: string;
  contactable: boolean;
}

/** One occurrence of a journey for one customer that is due now (e.g. Ann's 2026 birthday). */
export interface DueOccurrence {
  journeyId: string;
  customerId: string;
  /** Identifies the occurrence within the journey: the year, for a yearly trigger. */
  occurrenceKey: string;
  /** The customer's local date the occurrence belongs to. */
  occurrenceDate: IsoDate;
  messages: DueMessage[];
}

export interface PlanInput {
  journeys: Journey[];
  /** Customers possibly due (from an index); planning needs only the profile, not cars or dealer. */
  candidates: Customer[];
  now: Date;
  /**
   * Restricts planning to occurrences on this local date, for a run "for a date" (the local
   * runtime's `--date`, or a replay). Without it, each customer's current local date is used.
   */
  onDate?: IsoDate;
}

/**
 * Decides which journey occurrences are due at `now`. Pure: the caller supplies candidates
 * (customers possibly due, from an index) and records the result; running it twice at the same
 * instant gives the same plan, and the occurrence ledger makes acting on it idempotent.
 *
 * @example
 * planDueJourneys({ journeys, candidates, now: new Date('2026-03-14T01:00:00Z') })
 * // -> [{ journeyId: 'birthday', customerId: 'c-0001', occurrenceKey: '2026', ... }]
 */
export function planDueJourneys({ journeys, candidates, now, onDate }: PlanInput): DueOccurrence[] {
  const due: DueOccurrence[] = [];
  for (const customer of candidates) {
    const local = localMomentIn(now, customer.timeZone);
    if (onDate !== undefined && local.date !== onDate) continue;
    for (const journey of journeys) {
      if (!journey.enabled || !matchesAudience(journey.audience, customer)) continue;
      const occurrence = occurrenceDue(journey.trigger, customer, local);
      if (!occurrence) continue;
      due.push({
        journeyId: journey.id,
        customerId: customer.id,
        ...occurrence,
        messages: journey.messages.map((message) => ({
          messageId: message.id,
          channel: message.channel,
          template: message.template,
          contactable: canContact(customer, message.channel),
        })),
      });
    }
  }
  return due;
}

function occurrenceDue(
  trigger: Trigger,
  customer: Customer,
  local: LocalMoment,
): Pick<DueOccurrence, 'occurrenceKey' | 'occurrenceDate'> | undefined {
  switch (trigger.type) {
    case 'birthday': {
      if (customer.birthDate === undefined) return undefined;
      if (local.minuteOfDay < minutesOfClock(trigger.sendAt)) return undefined;
      if (!isBirthdayOn(customer.birthDate, local.date, trigger.leapDay)) return undefined;
      return { occurrenceKey: String(parseIsoDate(local.date).year), occurrenceDate: local.date };
    }
    default:
      return assertNever(trigger.type);
  }
}

export function matchesAudience(audience: Audience, customer: Customer): boolean {
  if (audience.stages && !audience.stages.includes(customer.stage)) return false;
  if (audience.dealers && !audience.dealers.includes(customer.dealerId)) return false;
  if (audience.locales && !audience.locales.includes(customer.locale)) return false;
  return true;
}
