import * as z from 'zod';
import { addDays, IsoDateString, localMomentIn, type IsoDate } from '../dates';
import { categoryOf, send, zoneOf, type Policy, type PolicyMessage } from './policy';

/** At most `max` promotional contacts in `days` calendar days of the customer's zone (today included). */
export interface FrequencyCap {
  days: number;
  max: number;
}

export const defaultFrequencyCaps: readonly FrequencyCap[] = [
  { days: 7, max: 2 },
  { days: 30, max: 6 },
];

/**
 * One promotional contact: an occurrence's steps of one day (the birthday's email and SMS are one
 * contact, not two), on the customer's local date it was let through.
 */
export interface Contact {
  journeyId: string;
  occurrenceKey: string;
  date: IsoDate;
}

/** The cap counter of one customer: its contacts and a version for conditional writes. */
export interface ContactHistory {
  contacts: readonly Contact[];
  /** 0 when none was ever written. */
  version: number;
}

export const noContacts: ContactHistory = { contacts: [], version: 0 };

/** A promotional occurrence due on the customer's local day, whatever its send time. */
export const DayContender = z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), priority: z.number().int() });
export type DayContender = z.infer<typeof DayContender>;

/**
 * The day's promotional contenders of a customer as the evaluation planned them, carried on each
 * promotional dispatch message (`DispatchMessage.dayContenders`), so the dispatch need not plan
 * the customer's day again for every send. `date` is the customer's local date they are for: a
 * message dispatched on another date (held overnight) plans that date's again. Here, beside the
 * cap, rather than with the planning (`day-contenders.ts`): the message schema stays free of the
 * planner for the functions that only read messages.
 */
export const DayContenders = z.object({ date: IsoDateString, contenders: z.array(DayContender) });
export type DayContenders = z.infer<typeof DayContenders>;

/** A journey's priority when it has none (the journey schema's default). */
const defaultPriority = 100;

const sameOccurrence = (a: Pick<Contact, 'journeyId' | 'occurrenceKey'>, b: Pick<Contact, 'journeyId' | 'occurrenceKey'>) =>
  a.journeyId === b.journeyId && a.occurrenceKey === b.occurrenceKey;

/** Lower priority number first; ties by journey id, then occurrence key, so every attempt ranks alike. */
const ranksBefore = (a: DayContender, b: DayContender) =>
  a.priority !== b.priority ? a.priority < b.priority : a.journeyId !== b.journeyId ? a.journeyId < b.journeyId : a.occurrenceKey < b.occurrenceKey;

/** Whether the message's occurrence already holds a contact (its other channel went, or a retry). */
export const hasContact = (contacts: readonly Contact[], message: Pick<Contact, 'journeyId' | 'occurrenceKey'>) => contacts.some((contact) => sameOccurrence(contact, message));

/**
 * Frequency caps across journeys: promotional occurrences only (service and transactional
 * messages are exempt), counted in calendar days of the customer's zone. When several fall due on
 * one day, the lower priority number gets the slots left: one ranked after as many unsent
 * contenders as there are slots is capped, even if it is dispatched first. A capped send is
 * final (`frequency-capped`): the journey goes on to its next occurrence.
 *
 * Pure; the dispatcher records the contact with a conditional write on the counter's version, and
 * decides again when another dispatch of the customer wrote first (see `dispatch-message.ts`).
 */
export const frequencyCapPolicy: Policy = (input) => {
  const { message, contacts, dayContenders, settings } = input;
  if (categoryOf(message) !== 'promotional' || hasContact(contacts.contacts, message)) return send;
  const today = localMomentIn(input.now, zoneOf(input)).date;
  let slots = Number.POSITIVE_INFINITY;
  for (const cap of settings.caps) {
    const since = addDays(today, -(cap.days - 1));
    const used = contacts.contacts.filter((contact) => contact.date >= since && contact.date <= today).length;
    if (used >= cap.max) return { decision: 'skip', status: 'frequency-capped', reason: `${cap.max} promotional messages in ${cap.days} days` };
    slots = Math.min(slots, cap.max - used);
  }
  const self: DayContender = { journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, priority: message.priority ?? defaultPriority };
  const ahead = dayContenders.filter((contender) => !sameOccurrence(contender, self) && !hasContact(contacts.contacts, contender) && ranksBefore(contender, self));
  if (ahead.length < slots) return send;
  return { decision: 'skip', status: 'frequency-capped', reason: `slots left today go first to ${[...new Set(ahead.map((contender) => contender.journeyId))].join(', ')}` };
};

/**
 * The counter after letting the message's occurrence through today: contacts older than the
 * longest cap are dropped, so the item stays small.
 */
export function withContact(history: ContactHistory, message: PolicyMessage, today: IsoDate, caps: readonly FrequencyCap[]): Contact[] {
  const longest = Math.max(1, ...caps.map((cap) => cap.days));
  const since = addDays(today, -(longest - 1));
  return [...history.contacts.filter((contact) => contact.date >= since), { journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, date: today }];
}

/** The counter's contacts without the occurrence's, or undefined when it holds none of it (nothing to give back). */
export function withoutContact(history: ContactHistory, occurrence: Pick<Contact, 'journeyId' | 'occurrenceKey'>): Contact[] | undefined {
  const kept = history.contacts.filter((contact) => !sameOccurrence(contact, occurrence));
  return kept.length === history.contacts.length ? undefined : kept;
}
