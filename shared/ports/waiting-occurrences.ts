import type { Tenant } from '../domain/tenant';
import type { EventOccurrence } from '../domain/triggers/event-kind';

/**
 * An event-started occurrence for another customer than the event's (the referred side of a
 * referral) who was not a customer yet: kept until they become one, then started for them within
 * the occurrence's own timing (`sendLateUntil`).
 */
export interface WaitingOccurrence {
  /** Who it is for: not a customer when it started. */
  customerId: string;
  journeyId: string;
  occurrence: EventOccurrence;
  /** The customer whose event started it: erasing them removes it too. */
  startedBy: string;
  /** Who sent the events that started it: each must reach the customer's dealer, once known. */
  senders: Tenant[];
}

/**
 * Occurrences waiting for their customer. Filed under that customer, so their first
 * `customer.upserted` finds them by key (no Scan), and under the customer who started them, so
 * erasing either side removes them.
 */
export interface WaitingOccurrences {
  /** Keeps it; the same (customer, journey, occurrence key) again replaces it. */
  wait(entry: WaitingOccurrence, now: Date): Promise<void>;
  /** What waits for this customer; entries that do not parse are left out (and counted). */
  listFor(customerId: string): Promise<{ entries: WaitingOccurrence[]; unreadable: number }>;
  /** Drops it once started (or no longer wanted). Idempotent. */
  remove(entry: Pick<WaitingOccurrence, 'customerId' | 'journeyId'> & { occurrenceKey: string }): Promise<void>;
}
