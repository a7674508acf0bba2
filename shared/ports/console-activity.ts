import type { CustomerRecord } from '../domain/customer';
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

/**
 * What the calendar job starts from, read for its slice of the customers: the customers it can
 * send to (the Scan slice: every customer stored in its slice of the table; the due index's: those
 * filed in the calendar's window, or with a message held in it) and their ledger's recent
 * occurrences and held messages.
 */
export interface ConsoleSliceContents {
  /** Every customer of the slice whose record parses, in no particular order. */
  customers: CustomerRecord[];
  /** Occurrences whose day (`sendDate ?? occurrenceDate`) is on or after the date asked for. */
  handled: HandledOccurrence[];
  /** Messages still held (quiet hours, reminders): they go out at their due instant. */
  held: HeldMessage[];
  /** Customer records, and occurrence and held items, that did not parse: left out and counted. */
  skipped: { customers: number; ledger: number };
}

/** The table as the calendar job reads it: a slice (a shard of the job's run), or all of it. */
export interface ConsoleSlice {
  /** The slice's customers, their occurrences of days from `handledFrom` on and the messages held now. */
  read(handledFrom: IsoDate): Promise<ConsoleSliceContents>;
}
