import { localMomentIn } from './dates';
import type { DueMessage } from './journey/plan';
import type { JourneyCategory } from './journey/category';
import { SimulatedSend, type SimulatedOutcome } from './simulated-send';
import type { Channel } from './customer';

/** An occurrence as the ledger keeps it (what `simulatedSendsOf` reads of it). */
export interface LedgerOccurrence {
  customerId: string;
  journeyId: string;
  occurrenceKey: string;
  occurrenceDate: string;
  sendDate?: string;
  category?: JourneyCategory;
  messages: DueMessage[];
  /** When it was claimed or last queued (UTC ISO). */
  lastQueuedAt: string;
}

/** A send as the ledger keeps it: its status, when it was last written (the virtual clock), why. */
export interface LedgerSend {
  channel: Channel;
  status: string;
  updatedAt: string;
  reason?: string;
  dueAt?: string;
}

export interface OutcomeReaders {
  sendOf(occurrence: LedgerOccurrence, messageId: string): LedgerSend | undefined;
  /** The customer's dealer and time zone (undefined: not stored, the occurrence is left out). */
  customerOf(customerId: string): { dealerId: string; timeZone: string } | undefined;
  /** The journey's category, for occurrences claimed without one. */
  categoryOf(journeyId: string): JourneyCategory;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** When a send was last written, as a simulated send states it: in UTC and in the customer's zone. */
export interface SendTimes {
  utc: string;
  localDate: string;
  localTime: string;
}

/** The times of an instant (an ISO text, as the ledger keeps it) in a zone, worked out anew. */
export function sendTimesOf(instant: string, timeZone: string): SendTimes {
  const utc = new Date(instant);
  const local = localMomentIn(utc, timeZone);
  return { utc: utc.toISOString(), localDate: local.date, localTime: `${pad(Math.floor(local.minuteOfDay / 60))}:${pad(local.minuteOfDay % 60)}` };
}

/**
 * {@link sendTimesOf}, each instant and zone worked out once: the ledger writes at the virtual
 * clock's instants (a tick's, or a held send's release), so a year of sends holds a few thousand
 * distinct instants per zone, each shared by hundreds of sends.
 */
export function sendTimesMemo(): (instant: string, timeZone: string) => SendTimes {
  const byZone = new Map<string, Map<string, SendTimes>>();
  return (instant, timeZone) => {
    let times = byZone.get(timeZone);
    if (!times) byZone.set(timeZone, (times = new Map()));
    let found = times.get(instant);
    if (!found) times.set(instant, (found = sendTimesOf(instant, timeZone)));
    return found;
  };
}

// Most sends end with no reason: one outcome object per status, read by every such send, not one made per send.
const bareOutcomes = Object.freeze({
  sent: Object.freeze({ outcome: 'sent' as const }),
  skipped: Object.freeze({ outcome: 'skipped' as const }),
  failed: Object.freeze({ outcome: 'failed' as const }),
  'frequency-capped': Object.freeze({ outcome: 'frequency-capped' as const }),
});

/** The final outcome of a send at the period's end, in the simulation's terms, and why. */
function outcomeOf(message: DueMessage, send: LedgerSend | undefined): { outcome: SimulatedOutcome; reason?: string } {
  if (!message.contactable) return { outcome: 'skipped', reason: 'no-consent' };
  if (!send) return { outcome: 'failed', reason: 'never dispatched' };
  switch (send.status) {
    case 'sent':
    case 'skipped':
    case 'failed':
    case 'frequency-capped':
      return send.reason ? { outcome: send.status, reason: send.reason } : bareOutcomes[send.status];
    case 'deferred':
      return { outcome: 'deferred', reason: send.reason ?? `held until ${send.dueAt}` };
    case 'expired':
      return { outcome: 'failed', reason: send.reason ?? 'expired' };
    default:
      return { outcome: 'failed', reason: `unfinished (${send.status}) when the period ended` };
  }
}

/**
 * One `SimulatedSend` per message of each occurrence the ledger holds: its final outcome, and the
 * instant of its last write (the send's; for a message planned without consent, the claim's), in
 * UTC and in the customer's own zone.
 */
export function* simulatedSendsOf(occurrences: Iterable<LedgerOccurrence>, readers: OutcomeReaders): Generator<SimulatedSend> {
  const timesOf = sendTimesMemo();
  for (const occurrence of occurrences) {
    const customer = readers.customerOf(occurrence.customerId);
    if (!customer) continue;
    const category = occurrence.category ?? readers.categoryOf(occurrence.journeyId);
    for (const message of occurrence.messages) {
      const send = message.contactable ? readers.sendOf(occurrence, message.messageId) : undefined;
      const { utc, localDate, localTime } = timesOf(send?.updatedAt ?? occurrence.lastQueuedAt, customer.timeZone);
      const { outcome, reason } = outcomeOf(message, send);
      const simulated: SimulatedSend = {
        customerId: occurrence.customerId,
        dealerId: customer.dealerId,
        journeyId: occurrence.journeyId,
        messageId: message.messageId,
        channel: send?.channel ?? message.channel,
        category,
        occurrence: occurrence.occurrenceKey,
        localDate,
        localTime,
        utc,
        outcome,
      };
      // Set only when there is one: the line's keys (and its JSON) as before, `reason` last.
      if (reason !== undefined) simulated.reason = reason;
      yield simulated;
    }
  }
}
