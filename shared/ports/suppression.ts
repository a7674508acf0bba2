import type { ConsentChannel } from '../domain/customer';
import type { Suppression, SuppressionReason } from '../domain/suppression';

/**
 * The suppression list: who must not get what, and why. Entries live with the customer, so the
 * dispatch reads them in the same Query as the profile (`CustomerContext.suppressions`).
 */
export interface SuppressionList {
  /**
   * Adds the entry, or replaces the one of the same customer, channel, scope and reason (a second
   * STOP, a second click) and a lifted one applies again, unless the stored entry was said later
   * (see `saidAfter`): a STOP that arrives after a START sent later does not apply.
   */
  suppress(entry: Suppression): Promise<void>;
  /**
   * Lifts the customer's entries of that reason on that channel that began at or before `at`
   * (START after STOP; a STOP sent later stays); how many. With no entry of that reason at all it
   * keeps a lifted one dated `at` (scope `all`), so a STOP sent earlier that arrives later finds
   * the START it came before.
   */
  lift(customerId: string, channel: ConsentChannel, reason: SuppressionReason, at: string, source: string): Promise<number>;
  /** Every entry of the customer, lifted ones included. */
  listForCustomer(customerId: string): Promise<Suppression[]>;
}

/** Finds customers by their mobile number (inbound SMS carries only the number). */
export interface CustomerPhoneLookup {
  /** Ids of every customer whose stored phone is this E.164 number (a family may share one). */
  customersWithPhone(e164: string): Promise<string[]>;
}

/**
 * The provider's own opt-out list (End User Messaging SMS), kept in step so a number we stopped
 * is also refused by the carrier path, and one the customer restarted is sent to again.
 */
export interface SmsOptOutRegistry {
  optOut(e164: string): Promise<void>;
  optIn(e164: string): Promise<void>;
}
