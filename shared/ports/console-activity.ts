import type { IsoDate } from '../domain/dates';
import type { HeldMessage } from './message-schedule';

/** An occurrence the ledger already holds (claimed, queued, closed or expired): the engine will not plan it again. */
export interface HandledOccurrence {
  customerId: string;
  journeyId: string;
  occurrenceKey: string;
  occurrenceDate: IsoDate;
  sendDate?: IsoDate;
}

/** What the calendar job starts from: the ledger's recent occurrences and held messages, and which dealer each customer is with. */
export interface RecentActivity {
  /** Each stored customer's dealer, by customer id (for tenancy). */
  dealerOf: Map<string, string>;
  /** Occurrences whose day (`sendDate ?? occurrenceDate`) is on or after the date asked for. */
  handled: HandledOccurrence[];
  /** Messages still held (quiet hours, reminders): they go out at their due instant. */
  held: HeldMessage[];
  /** Occurrence and held items that did not parse, left out and counted. */
  skipped: number;
}

/** The ledger as the calendar job reads it. */
export interface ConsoleActivity {
  /** Occurrences of days from `handledFrom` on; messages held now; every customer's dealer. */
  recentActivity(handledFrom: IsoDate): Promise<RecentActivity>;
}
