import * as z from 'zod';
import { Channel } from './customer';
import { IsoDateString } from './dates';
import type { DueOccurrence } from './journey/plan';
import { JourneyCategory } from './journey/category';
import { DayContenders } from './policies/frequency-cap';

/** What the evaluator puts on the dispatch queue: one message of one occurrence. */
export const DispatchMessage = z.object({
  version: z.literal(1),
  journeyId: z.string().min(1),
  occurrenceKey: z.string().min(1),
  occurrenceDate: IsoDateString,
  /**
   * The local date the message goes out, when it is not the occurrence's (a card mailed three
   * days ahead): print files are batched for the print house by this day.
   */
  sendDate: IsoDateString.optional(),
  customerId: z.string().min(1),
  messageId: z.string().min(1),
  channel: Channel,
  template: z.string().min(1),
  /** What the trigger added to the message context (e.g. the years of ownership). */
  facts: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** For the dispatch policies; absent on messages queued before journeys had them. */
  category: JourneyCategory.optional(),
  priority: z.number().int().optional(),
  /**
   * The instant the message was meant to go out: the evaluation's tick, a held message's due
   * instant, a re-drive's schedule time. In AWS the policies judge by the clock; a local replay
   * of a past date judges by this (`DISPATCH_POLICY_TIME=planned`), as if sent then.
   */
  plannedAt: z.iso.datetime().optional(),
  /**
   * On promotional messages the evaluation queued: the customer's promotional occurrences of the
   * day, which the frequency cap ranks. Absent (messages queued before it, re-drives, events):
   * the dispatch plans the day again.
   */
  dayContenders: DayContenders.optional(),
  /**
   * The UTC instant after which the message must not go out (an appointment reminder: the
   * appointment's start). A message held or deferred past it ends `expired` with the reason.
   */
  validUntil: z.iso.datetime().optional(),
});
export type DispatchMessage = z.infer<typeof DispatchMessage>;

/** Stable id of a message across retries and re-runs: the key of its send in the ledger. */
export function dispatchMessageId(message: Pick<DispatchMessage, 'customerId' | 'journeyId' | 'occurrenceKey' | 'messageId'>): string {
  return [message.customerId, message.journeyId, message.occurrenceKey, message.messageId].join('#');
}

/**
 * The dispatch messages of an occurrence: one per contactable message. The one place they are
 * built, by the evaluation when it queues an occurrence and by the reconciler when it re-drives
 * the unfinished messages of one (from what the ledger stored at the claim).
 */
export function dispatchMessagesOf(occurrence: DueOccurrence, plannedAt?: Date, dayContenders?: DayContenders): DispatchMessage[] {
  // Each message built field by field in the schema's order, what is absent left out (spreads of
  // a few small objects per message cost more than the message: each tick queues thousands); the
  // planned instant's text worked out once, and each message given its own copy of the facts.
  const { journeyId, occurrenceKey, occurrenceDate, sendDate, customerId, facts, category, priority, validUntil } = occurrence;
  const withFacts = facts !== undefined && hasAny(facts);
  const plannedText = plannedAt && instantText(plannedAt);
  const messages: DispatchMessage[] = [];
  for (const { messageId, channel, template, contactable } of occurrence.messages) {
    if (!contactable) continue;
    const message: DispatchMessage = sendDate
      ? { version: 1, journeyId, occurrenceKey, occurrenceDate, sendDate, customerId, messageId, channel, template }
      : { version: 1, journeyId, occurrenceKey, occurrenceDate, customerId, messageId, channel, template };
    if (withFacts) message.facts = { ...facts };
    if (category) message.category = category;
    if (priority !== undefined) message.priority = priority;
    if (plannedText !== undefined) message.plannedAt = plannedText;
    if (dayContenders) message.dayContenders = dayContenders;
    if (validUntil) message.validUntil = validUntil;
    messages.push(message);
  }
  return messages;
}

function hasAny(facts: object): boolean {
  for (const _key in facts) return true;
  return false;
}

// The occurrences of one tick are all planned at its instant: its text is made once, not once per occurrence.
let lastPlanned = { time: Number.NaN, text: '' };
function instantText(instant: Date): string {
  if (instant.getTime() !== lastPlanned.time) lastPlanned = { time: instant.getTime(), text: instant.toISOString() };
  return lastPlanned.text;
}
