import type { IsoDate } from '../domain/dates';
import type { SendRecord } from './ledger';
import type { HeldMessage } from './message-schedule';

/** An occurrence the ledger already holds (claimed, queued, closed or expired): the engine will not plan it again. */
export interface HandledOccurrence {
  customerId: string;
  journeyId: string;
  occurrenceKey: string;
  occurrenceDate: IsoDate;
  sendDate?: IsoDate;
}

/** What the console counts from the ledger: recent sends, and which dealer each customer is with. */
export interface RecentActivity {
  /** Sends last written at or after the instant asked for. */
  sends: SendRecord[];
  /** Each stored customer's dealer, by customer id (for tenancy). */
  dealerOf: Map<string, string>;
  /** Occurrences whose day (`sendDate ?? occurrenceDate`) is on or after the date asked for. */
  handled: HandledOccurrence[];
  /** Messages still held (quiet hours, reminders): they go out at their due instant. */
  held: HeldMessage[];
  /** Send, occurrence and held items that did not parse, left out and counted. */
  skipped: number;
}

/** The ledger as the console reads it (Journeys' counts, Health). */
export interface ConsoleActivity {
  /** Sends written since `since`; occurrences of days from `handledFrom` on; messages held now. */
  recentActivity(since: Date, handledFrom: IsoDate): Promise<RecentActivity>;
}
