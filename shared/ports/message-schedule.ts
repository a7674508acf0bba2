import type { DispatchMessage } from '../domain/dispatch-message';
import type { SendRef } from './ledger';

/**
 * A dispatch message held until an instant: a send deferred past quiet hours, an appointment
 * reminder 24 hours ahead. SQS delays a message by at most 15 minutes, so anything later waits
 * here (in the table) and a frequent scheduled release puts it on the dispatch queue when it is
 * within that delay of its due time. The ledger stays the truth: a release queued twice is
 * deduplicated by the send's claim.
 */
export interface HeldMessage {
  message: DispatchMessage;
  /** UTC instant the message is due (ISO-8601 with `Z`). */
  dueAt: string;
  /** Why it is held (`quiet-hours`, `appointment-reminder`): shown in the customer's history. */
  reason: string;
}

export interface MessageSchedule {
  /**
   * Holds the message until `dueAt`. Holding the same send (customer, journey, occurrence key,
   * message id) again replaces its due time and reason: a rescheduled appointment moves its
   * reminder instead of adding one.
   */
  hold(entry: HeldMessage, now: Date): Promise<void>;
  /** Drops the held send (an appointment cancelled, an erasure). Returns whether one was held. */
  cancel(send: SendRef): Promise<boolean>;
  /**
   * Held messages due at or before `until`, earliest first, at most `limit`; `unreadable` counts
   * stored entries that did not parse (skipped, never stopping the others).
   */
  listDue(until: Date, limit: number): Promise<{ entries: HeldMessage[]; unreadable: number }>;
  /**
   * Removes the entry after it was queued, only if its due time is still `dueAt` (one moved
   * meanwhile stays held for its new time). Returns whether it was removed.
   */
  release(send: SendRef, dueAt: string): Promise<boolean>;
  /**
   * Everything held for one customer (their history, an erasure); `unreadable` counts stored
   * entries that did not parse (skipped: one bad entry never stops an erasure cancelling the others).
   */
  listForCustomer(customerId: string): Promise<{ entries: HeldMessage[]; unreadable: number }>;
}
