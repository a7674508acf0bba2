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

/**
 * The cap counter of one customer: its contacts, the promotional occurrences of recent days that
 * ended without reaching the customer, and a version for conditional writes.
 */
export interface ContactHistory {
  contacts: readonly Contact[];
  /**
   * Occurrences settled without a contact (failed for good, skipped by a policy, expired, capped),
   * on the customer's local date they ended: they hold no slot and no longer rank ahead of the
   * day's other promotions. Kept only while that day may still be someone's today.
   */
  settled: readonly Contact[];
  /** 0 when none was ever written. */
  version: number;
}

/** What a counter write stores; the version is the write's own. */
export type ContactLists = Omit<ContactHistory, 'version'>;

export const noContacts: ContactHistory = { contacts: [], settled: [], version: 0 };

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

/** Whether the message's occurrence is on the list: holds a contact (its other channel went, or a retry), or is settled. */
export function hasContact(contacts: readonly Contact[], message: Pick<Contact, 'journeyId' | 'occurrenceKey'>): boolean {
  // An indexed loop, not `some` with a closure nor an iterator: every promotional send asks this
  // several times, of frozen lists (which V8 iterates slower than plain ones).
  for (let at = 0; at < contacts.length; at += 1) if (sameOccurrence(contacts[at]!, message)) return true;
  return false;
}

/** Whether the contender can still take a slot today: neither contacted nor settled without contact. */
const stillContending = (history: ContactLists, contender: DayContender) => !hasContact(history.contacts, contender) && !hasContact(history.settled, contender);

/**
 * Frequency caps across journeys: promotional occurrences only (service and transactional
 * messages are exempt), counted in calendar days of the customer's zone. When several fall due on
 * one day, the lower priority number gets the slots left: one ranked after as many unsent
 * contenders as there are slots is capped, even if it is dispatched first. A contender that
 * ended without reaching the customer (settled: failed for good, skipped, expired, capped) no
 * longer ranks ahead. A capped send is final (`frequency-capped`): the journey goes on to its
 * next occurrence.
 *
 * Pure; the dispatcher records the contact with a conditional write on the counter's version, and
 * decides again when another dispatch of the customer wrote first (see `dispatch-message.ts`).
 */
export const frequencyCapPolicy: Policy = (input) => {
  const { message, contacts, dayContenders, settings } = input;
  if (categoryOf(message) !== 'promotional' || hasContact(contacts.contacts, message)) return send;
  const today = localMomentIn(input.now, zoneOf(input)).date;
  // Counted in loops rather than filtered lists: every promotional send passes here.
  let slots = Number.POSITIVE_INFINITY;
  for (let capAt = 0; capAt < settings.caps.length; capAt += 1) {
    const cap = settings.caps[capAt]!;
    const since = daysBack(today, cap.days - 1);
    let used = 0;
    for (let at = 0; at < contacts.contacts.length; at += 1) {
      const { date } = contacts.contacts[at]!;
      if (date >= since && date <= today) used += 1;
    }
    if (used >= cap.max) return { decision: 'skip', status: 'frequency-capped', reason: `${cap.max} promotional messages in ${cap.days} days` };
    slots = Math.min(slots, cap.max - used);
  }
  const self: DayContender = { journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, priority: message.priority ?? defaultPriority };
  let ahead = 0;
  for (let at = 0; at < dayContenders.length; at += 1) if (isAhead(dayContenders[at]!, self, contacts)) ahead += 1;
  if (ahead < slots) return send;
  const first = dayContenders.filter((contender) => isAhead(contender, self, contacts)).map((contender) => contender.journeyId);
  return { decision: 'skip', status: 'frequency-capped', reason: `slots left today go first to ${[...new Set(first)].join(', ')}` };
};

/** Whether the contender takes a slot before `self`: another occurrence, still contending, ranked first. Here, not in the policy: a function made per send is a closure per send. */
const isAhead = (contender: DayContender, self: DayContender, history: ContactLists) =>
  !sameOccurrence(contender, self) && stillContending(history, contender) && ranksBefore(contender, self);

/**
 * `days` before `today`, as `addDays` tells it, kept for the next ask: every promotional send asks
 * it of each cap and of the counter it writes, and the sends of a tick share a few local dates.
 */
function daysBack(today: IsoDate, days: number): IsoDate {
  if (today !== daysBackOf.today) daysBackOf = { today, dates: new Map() };
  let date = daysBackOf.dates.get(days);
  if (date === undefined) daysBackOf.dates.set(days, (date = addDays(today, -days)));
  return date;
}

let daysBackOf = { today: '', dates: new Map<number, IsoDate>() };

/**
 * A settled mark matters only on its own local day; kept one day longer, because the day it was
 * written in one zone may still be today in another's clock reading (a held message judged late).
 */
const recentSettled = (settled: readonly Contact[], today: IsoDate) => {
  // Nearly always none: no list made for none.
  if (settled.length === 0) return settled;
  const since = daysBack(today, 1);
  return settled.filter((mark) => mark.date >= since);
};

/**
 * The counter after letting the message's occurrence through today: contacts older than the
 * longest cap are dropped, and settled marks of past days, so the item stays small.
 */
export function withContact(history: ContactHistory, message: PolicyMessage, today: IsoDate, caps: readonly FrequencyCap[]): ContactLists {
  // In loops rather than a spread of mapped and filtered lists: every promotional send that goes writes one.
  let longest = 1;
  for (let at = 0; at < caps.length; at += 1) if (caps[at]!.days > longest) longest = caps[at]!.days;
  const since = daysBack(today, longest - 1);
  const contacts: Contact[] = [];
  for (let at = 0; at < history.contacts.length; at += 1) if (history.contacts[at]!.date >= since) contacts.push(history.contacts[at]!);
  contacts.push({ journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, date: today });
  return { contacts, settled: recentSettled(history.settled, today) };
}

/**
 * The counter after the occurrence ended on `today` without reaching the customer: its contact,
 * if it took one, is given back and it is marked settled, in one write. Undefined when there is
 * nothing to change (settled already, holding no contact): settling twice writes once.
 */
export function withSettled(history: ContactHistory, occurrence: Pick<Contact, 'journeyId' | 'occurrenceKey'>, today: IsoDate): ContactLists | undefined {
  if (!hasContact(history.contacts, occurrence) && hasContact(history.settled, occurrence)) return undefined;
  const settled = recentSettled(history.settled, today).filter((mark) => !sameOccurrence(mark, occurrence));
  return {
    contacts: history.contacts.filter((contact) => !sameOccurrence(contact, occurrence)),
    settled: [...settled, { journeyId: occurrence.journeyId, occurrenceKey: occurrence.occurrenceKey, date: today }],
  };
}
