import { canContact } from '../customer';
import { localMomentIn } from '../dates';
import type { DealerEvent } from '../events/event';
import type { AppliedVersions } from '../events/state';
import type { Customer } from '../customer';
import { hoursAfter, type EventOccurrence } from '../triggers/event-kind';
import type { CustomerFacts } from '../triggers/kind';
import { eventKindOf } from '../triggers/registry';
import { matchesAudience, type DueOccurrence } from './plan';
import { eventJourneys, type EventJourney, type Journey, type JourneyStep } from './schema';
import { ledgerUnitKey } from './steps';

/** An occurrence an applied event starts, for the journey's recipient. */
export interface StartedOccurrence {
  journey: EventJourney;
  /** Who it is for: the event's customer, or another (`occurrence.recipientId`). */
  customerId: string;
  occurrence: EventOccurrence;
}

/** Held steps of a journey for a customer whose keys start so: the new plan replaces them. */
export interface ConcernedOccurrences {
  journeyId: string;
  customerId: string;
  keyPrefix: string;
}

/**
 * What the events just applied to a customer start: each enabled event-started journey whose
 * kind is started by an event's type, planned from the customer's state after the events (so a
 * replay, or the same events in another order, plans the same). The same occurrence started by
 * two events of one batch is planned once. Pure.
 */
export function startedOccurrences(
  journeys: readonly Journey[],
  events: readonly DealerEvent[],
  versions: AppliedVersions,
  customer: Customer,
): { started: StartedOccurrence[]; concerned: ConcernedOccurrences[] } {
  const started = new Map<string, StartedOccurrence>();
  const concerned = new Map<string, ConcernedOccurrences>();
  for (const journey of eventJourneys(journeys).filter((each) => each.enabled)) {
    const kind = eventKindOf(journey.trigger);
    for (const event of events) {
      if (!kind.startedBy.includes(event.type)) continue;
      for (const occurrence of kind.occurrences(journey.trigger, { event, versions, customer })) {
        const customerId = occurrence.recipientId ?? customer.id;
        started.set(`${journey.id}#${customerId}#${occurrence.key}`, { journey, customerId, occurrence });
      }
      const keyPrefix = kind.concerns?.(journey.trigger, event);
      if (keyPrefix !== undefined) concerned.set(`${journey.id}#${keyPrefix}`, { journeyId: journey.id, customerId: customer.id, keyPrefix });
    }
  }
  return { started: [...started.values()], concerned: [...concerned.values()] };
}

/** Steps held until `dueAt` (UTC), then dispatched as the occurrence's messages. */
export interface HeldSteps {
  occurrence: DueOccurrence;
  dueAt: string;
  reason: string;
}

/** The steps of a started occurrence at one hour offset: the unit the ledger claims once. */
function groupsByHour(steps: readonly JourneyStep[]): { offsetHours: number; steps: JourneyStep[] }[] {
  const byHour = new Map<number, JourneyStep[]>();
  for (const step of steps) byHour.set(step.offsetHours ?? 0, [...(byHour.get(step.offsetHours ?? 0) ?? []), step]);
  return [...byHour].sort(([a], [b]) => a - b).map(([offsetHours, grouped]) => ({ offsetHours, steps: grouped }));
}

/**
 * Times the steps of started occurrences: a step whose time has come (and, if it passed, is
 * still within the occurrence's `sendLateUntil`) is `due` now, through the same claim and queue
 * as scheduled occurrences; a later one is `held` until its time; one whose time passed beyond
 * that is dropped (a reminder for an appointment an hour away that was due a day before).
 * A recipient not known (`facts` undefined) or outside the journey's audience gets nothing. Pure.
 *
 * @example a booking at 09:00 for 10:00 tomorrow: the 24 h reminder (due 10:00 today) is dropped,
 * the 2 h one is held until 08:00 tomorrow.
 */
export function timeStartedSteps(
  started: readonly StartedOccurrence[],
  facts: (customerId: string) => CustomerFacts | undefined,
  now: Date,
): { due: DueOccurrence[]; held: HeldSteps[] } {
  const due: DueOccurrence[] = [];
  const held: HeldSteps[] = [];
  for (const { journey, customerId, occurrence } of started) {
    const recipient = facts(customerId);
    if (!recipient || !matchesAudience(journey.audience, recipient)) continue;
    const { customer } = recipient;
    const kind = eventKindOf(journey.trigger);
    for (const group of groupsByHour(journey.steps)) {
      const sendAt = hoursAfter(occurrence.at, group.offsetHours);
      const late = Date.parse(sendAt) <= now.getTime();
      if (late && (occurrence.sendLateUntil === undefined || now.getTime() > Date.parse(occurrence.sendLateUntil))) continue;
      const sendDate = localMomentIn(late ? now : new Date(sendAt), customer.timeZone).date;
      const unit: DueOccurrence = {
        journeyId: journey.id,
        customerId,
        occurrenceKey: ledgerUnitKey(occurrence.key, group),
        occurrenceDate: occurrence.date,
        ...(sendDate !== occurrence.date ? { sendDate } : {}),
        category: journey.category,
        priority: journey.priority,
        ...(Object.keys(occurrence.facts).length > 0 ? { facts: occurrence.facts } : {}),
        ...(occurrence.validUntil ? { validUntil: occurrence.validUntil } : {}),
        messages: group.steps.map((step) => ({ messageId: step.id, channel: step.channel, template: step.template, contactable: canContact(customer, step.channel) })),
      };
      if (late) due.push(unit);
      else held.push({ occurrence: unit, dueAt: sendAt, reason: kind.holdReason });
    }
  }
  return { due, held };
}
