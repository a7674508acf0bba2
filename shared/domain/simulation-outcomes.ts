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

/** The final outcome of a send at the period's end, in the simulation's terms, and why. */
function outcomeOf(message: DueMessage, send: LedgerSend | undefined): { outcome: SimulatedOutcome; reason?: string } {
  if (!message.contactable) return { outcome: 'skipped', reason: 'no-consent' };
  if (!send) return { outcome: 'failed', reason: 'never dispatched' };
  const reason = send.reason ? { reason: send.reason } : {};
  switch (send.status) {
    case 'sent':
    case 'skipped':
    case 'failed':
    case 'frequency-capped':
      return { outcome: send.status, ...reason };
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
  for (const occurrence of occurrences) {
    const customer = readers.customerOf(occurrence.customerId);
    if (!customer) continue;
    for (const message of occurrence.messages) {
      const send = message.contactable ? readers.sendOf(occurrence, message.messageId) : undefined;
      const utc = new Date(send?.updatedAt ?? occurrence.lastQueuedAt);
      const local = localMomentIn(utc, customer.timeZone);
      yield {
        customerId: occurrence.customerId,
        dealerId: customer.dealerId,
        journeyId: occurrence.journeyId,
        messageId: message.messageId,
        channel: send?.channel ?? message.channel,
        category: occurrence.category ?? readers.categoryOf(occurrence.journeyId),
        occurrence: occurrence.occurrenceKey,
        localDate: local.date,
        localTime: `${pad(Math.floor(local.minuteOfDay / 60))}:${pad(local.minuteOfDay % 60)}`,
        utc: utc.toISOString(),
        ...outcomeOf(message, send),
      } satisfies SimulatedSend;
    }
  }
}
