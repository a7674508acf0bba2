import type { IsoDate } from '../domain/dates';
import type { CustomerFacts } from '../domain/customer-facts';
import type { SkippedRecord } from './customers';

/** Customers due on some dates, as the due index carries them, and the entries that did not parse. */
export interface DueRead {
  /**
   * `dueJourneys`: the journeys due on `dueDate` when the entry was filed (see `nextDue`); absent
   * on entries filed before entries held them, which are planned with every journey.
   * `movedOn`: the customer's local date when `advance` last moved the entry (see `advance`);
   * absent on an entry filed since (an import, the recompute, an event) or moved before entries
   * held it.
   */
  due: (CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[]; movedOn?: IsoDate })[];
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
  fileCustomers(entries: { facts: CustomerFacts; dueDate: IsoDate | undefined; journeyIds?: readonly string[] }[], fingerprint: string): Promise<void>;
  /**
   * The customers filed under any of these local dates. With `dueBy`, an index may leave out an
   * entry none of whose journeys (`dueJourneys`) sends by that instant on the entry's date in the
   * customer's zone: the planner would plan nothing of it, and the entry stays for a later tick.
   * The in-memory index leaves them out (the simulation reads at every tick); the DynamoDB one
   * reads the date's partition whole.
   */
  readDue(dates: readonly IsoDate[], options?: { dueBy?: Date }): Promise<DueRead>;
  /**
   * Moves one customer from `from` to their next due date (or out of the index), with the
   * journeys due on it, unless the entry was rewritten meanwhile (an import with newer facts wins).
   * `movedOn`: the customer's local date at the move, kept on the entry: no occurrence the
   * evaluation claimed for them before the move is of a later date (it claims a date's
   * occurrences on that date or after), which lets the calendar job skip the ledgers of customers
   * not handled lately. Without it the entry carries none, and is read as one whose ledger may
   * hold anything.
   */
  advance(customerId: string, from: IsoDate, next: IsoDate | undefined, journeyIds?: readonly string[], movedOn?: IsoDate): Promise<void>;
}

/**
 * What the stored due entries were computed with, and how far a recompute has got (the `META`
 * item of the due index). `version` grows with each write, and each write is conditional on the
 * version read, so two evaluations that overlap never both walk the customers.
 */
export interface DueIndexState {
  /** `dueDatesFingerprint` of the journeys the entries are (being) computed with. */
  fingerprint: string;
  /** `recomputing` while the walk over the customers is under way; `current` once every customer is filed. */
  status: 'recomputing' | 'current';
  /** The local date the entries were computed from (the earliest date current anywhere when the recompute started). */
  computedFrom: IsoDate;
  /** Where the walk goes on (opaque to all but the customer listing); absent at the start and once done. */
  cursor?: string;
  /** Customers filed so far, customers counted when the recompute started, bad customer records skipped. */
  done: number;
  total: number;
  skipped: number;
  /**
   * While set, entries may be filed under dates already past (a recompute files from the date it
   * started): each evaluation also reads the dates from here up to before the current ones, and
   * plans what it finds on its due date. Cleared once the recompute is done and such a read finds
   * nothing.
   */
  catchUpFrom?: IsoDate;
  version: number;
}

/** The due index's state item. */
export interface DueIndexStateStore {
  read(): Promise<DueIndexState | undefined>;
  /**
   * Writes `next` if the stored state is still the one of `expectedVersion` (undefined: none
   * stored). Returns false, writing nothing, when another run wrote it meanwhile.
   */
  write(next: DueIndexState, expectedVersion: number | undefined): Promise<boolean>;
}
