import type { Channel } from '../domain/customer';
import type { OccurrenceStatus } from './ledger';

/** One occurrence of a journey for a customer, as the ledger claimed it, with the messages it planned. */
export interface OccurrenceRecord {
  journeyId: string;
  occurrenceKey: string;
  occurrenceDate: string;
  sendDate?: string;
  status: OccurrenceStatus;
  lastQueuedAt?: string;
  /** `contactable: false`: the customer could not be reached on that channel (no consent, no address); never queued. */
  messages: { messageId: string; channel: Channel; template: string; contactable: boolean }[];
}

/** A customer's occurrences (the console's timeline). */
export interface OccurrenceHistory {
  /** Items that do not parse are left out and counted in `skipped`. */
  occurrencesOf(customerId: string): Promise<{ occurrences: OccurrenceRecord[]; skipped: number }>;
}
