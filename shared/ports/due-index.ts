import type { IsoDate } from '../domain/dates';
import type { CustomerFacts } from '../domain/customer-facts';
import type { SkippedRecord } from './customers';

/** Customers due on some dates, as the due index carries them, and the entries that did not parse. */
export interface DueRead {
  due: (CustomerFacts & { dueDate: IsoDate })[];
  skipped: SkippedRecord[];
}

/**
 * The due index: each customer filed under the next local date a journey is due for them (see
 * `dueEntriesFor`). Written when a customer is written (import, later the event API) and
 * advanced once the customer's occurrences of a date are claimed, so a run reads only the
 * customers due, and a handled occurrence costs no further writes on later ticks.
 */
export interface DueIndex {
  /** Files each customer under their next due date, or removes their entry when none is ever due. */
  fileCustomers(entries: { facts: CustomerFacts; dueDate: IsoDate | undefined }[], fingerprint: string): Promise<void>;
  /** The customers filed under any of these local dates. */
  readDue(dates: readonly IsoDate[]): Promise<DueRead>;
  /**
   * Moves one customer from `from` to their next due date (or out of the index), unless the entry
   * was rewritten meanwhile (an import with newer facts wins).
   */
  advance(customerId: string, from: IsoDate, next: IsoDate | undefined): Promise<void>;
}
