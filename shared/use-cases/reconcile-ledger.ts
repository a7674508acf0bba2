import { addDays, datesCurrentAnywhere, datesOfPeriod, type IsoDate } from '../domain/dates';
import { dispatchMessagesOf } from '../domain/dispatch-message';
import type { DueMessage } from '../domain/journey/plan';
import type { DispatchQueue } from '../ports/channels';
import type { Ledger, OpenOccurrence, SendRecord } from '../ports/ledger';
import type { CustomerErasure } from '../ports/erasure';
import type { OutcomeCount } from '../ports/send-counts';
import { countOutcome, type OutcomeCounting } from './count-outcome';

/**
 * How long an unfinished message is left to SQS before it is put on the queue again. Longer than a
 * message's whole life on the dispatch queue (every receive with its visibility timeout, then the
 * dead-letter queue), so a re-drive never races SQS's own retries; shorter than the half hour
 * between the evaluation (:00) and the reconciler (:30). Tied to the queue by a test.
 */
export const redriveGraceSeconds = 20 * 60;

/**
 * Days after the end of an occurrence's date (its last hour anywhere on Earth) when the reconciler
 * gives up on its unfinished sends and marks them `expired`: a birthday greeting days late is
 * worse than none. Tied by a test to the queue's retention and receive count.
 */
export const occurrenceDeadlineDays = 2;

/**
 * How many dates back the reconciler looks for open occurrences: past the deadline, so an
 * occurrence left open while the reconciler was not running is still found and expired.
 */
export const reconcileLookbackDays = 7;

/** The last instant of a date anywhere (24:00 at UTC-12). */
export function endOfDateAnywhere(date: IsoDate): Date {
  return new Date(`${addDays(date, 1)}T12:00:00.000Z`);
}

/** When the reconciler gives up on an occurrence of this date. */
export function occurrenceDeadline(date: IsoDate): Date {
  return new Date(endOfDateAnywhere(date).getTime() + occurrenceDeadlineDays * 86_400_000);
}

export const expiredReason = `not finished ${occurrenceDeadlineDays} days after its date: given up by the reconciler`;

export interface ReconcileRequest {
  /** The real clock: leases and the re-drive grace are measured on it. */
  now: Date;
  /**
   * The schedule's clock, which decides the dates looked at and the deadlines. The same as `now`
   * except when a past date is replayed locally (`npm start -- --date`), whose occurrences must be
   * re-driven rather than expired at once.
   */
  scheduleNow?: Date;
  /**
   * The caller knows no message is on the queue and no attempt is alive: the local runtime, whose
   * queue lives in memory and whose data folder admits one process. Unfinished messages are then
   * re-driven at once, and leases released (their holders are dead).
   */
  nothingInFlight?: boolean;
}

export interface ReconcileDeps {
  ledger: Ledger;
  queue: DispatchQueue;
  /** Told of an occurrence the reconciler could not handle this time (for logs); the next run retries it. */
  onError?: (error: unknown, occurrence: OpenOccurrence) => void;
  /**
   * The console's outcome counters, with where to find the customer's dealer they are filed
   * under; none, nothing counted (the simulation).
   */
  counting?: OutcomeCounting & { customers: Pick<CustomerErasure, 'storedDealerOf'> };
}

export interface ReconcileSummary {
  /** Open occurrences looked at. */
  examined: number;
  /** Occurrences with messages put on the queue again, and how many messages. */
  occurrencesRedriven: number;
  messagesRedriven: number;
  /** Occurrences whose sends had all finished: closed. */
  closed: number;
  /** Occurrences given up at their deadline, and their sends marked `expired`. */
  occurrencesExpired: number;
  sendsExpired: number;
  /** Occurrences still open afterwards (waiting for the queue, a live lease or the grace period). */
  stillOpen: number;
  /** Stored open occurrences that did not parse (skipped). */
  unreadable: number;
  /** Occurrences the reconciler failed on (see `onError`); they stay open for the next run. */
  errors: number;
}

/** Dates whose occurrences may still be open at `scheduleNow`, oldest first. */
export function datesToReconcile(scheduleNow: Date): IsoDate[] {
  const current = datesCurrentAnywhere(scheduleNow);
  return datesOfPeriod(addDays(current[0]!, -reconcileLookbackDays), current[current.length - 1]!);
}

/** Not finished: never attempted, an attempt under way or dead, or deferred by a policy. */
const isUnfinished = (send: SendRecord | undefined) => send === undefined || send.status === 'sending' || send.status === 'deferred';

const dueAtOf = (send: SendRecord | undefined) => (send?.status === 'deferred' && send.dueAt ? Date.parse(send.dueAt) : undefined);

/**
 * When the reconciler gives up on an open occurrence: its date's deadline, moved later by a send
 * deferred past it (quiet hours until the next morning), by as long as a send of the date gets.
 */
export function deadlineOf(occurrence: Pick<OpenOccurrence, 'occurrenceDate' | 'sendDate'>, sends: Iterable<SendRecord>): Date {
  let deadline = occurrenceDeadline(occurrence.sendDate ?? occurrence.occurrenceDate).getTime();
  for (const send of sends) {
    const dueAt = dueAtOf(send);
    if (dueAt !== undefined) deadline = Math.max(deadline, dueAt + occurrenceDeadlineDays * 86_400_000);
  }
  return new Date(deadline);
}

// Made once rather than per run (the local runtime and the simulation reconcile twice a date).
const ignoreError = () => undefined;

/**
 * The reconciler: the ledger is the truth and the queue only transport. For each open occurrence
 * (claimed, or queued with sends not all finished) it closes it when every send has finished,
 * re-drives (queues again) messages whose last attempt is older than the grace period and whose
 * send is absent or its lease expired, and after the deadline marks the unfinished sends and the
 * occurrence `expired` with a reason. Nothing stays silently unfinished.
 *
 * Safe to run at any time and concurrently with dispatch: a re-driven duplicate finds its send
 * claimed or finished and sends nothing, and every state change is a conditional write.
 */
export async function reconcileLedger(request: ReconcileRequest, { ledger, queue, onError = ignoreError, counting }: ReconcileDeps): Promise<ReconcileSummary> {
  const { now, scheduleNow = now, nothingInFlight = false } = request;
  const summary: ReconcileSummary = {
    examined: 0, occurrencesRedriven: 0, messagesRedriven: 0, closed: 0, occurrencesExpired: 0, sendsExpired: 0, stillOpen: 0, unreadable: 0, errors: 0,
  };
  for (const date of datesToReconcile(scheduleNow)) {
    const { occurrences, unreadable } = await ledger.listOpenOccurrences(date);
    summary.unreadable += unreadable;
    for (const occurrence of occurrences) {
      summary.examined += 1;
      try {
        const result = await reconcileOccurrence(occurrence, { now, scheduleNow, nothingInFlight }, { ledger, queue, counting });
        if (result.outcome === 'closed') summary.closed += 1;
        else if (result.outcome === 'expired') {
          summary.occurrencesExpired += 1;
          summary.sendsExpired += result.sendsExpired;
        } else {
          summary.stillOpen += 1;
          summary.sendsExpired += result.sendsExpired;
          if (result.redriven > 0) {
            summary.occurrencesRedriven += 1;
            summary.messagesRedriven += result.redriven;
          }
        }
      } catch (error) {
        summary.errors += 1;
        summary.stillOpen += 1;
        onError(error, occurrence);
      }
    }
  }
  return summary;
}

/** The send of `messageId` on an occurrence's short list of sends. */
function sendOf(sends: readonly SendRecord[], messageId: string): SendRecord | undefined {
  for (let at = 0; at < sends.length; at += 1) if (sends[at]!.messageId === messageId) return sends[at];
  return undefined;
}

type OccurrenceResult = { outcome: 'closed' } | { outcome: 'expired'; sendsExpired: number } | { outcome: 'open'; redriven: number; sendsExpired: number };

async function reconcileOccurrence(
  occurrence: OpenOccurrence,
  { now, scheduleNow, nothingInFlight }: Required<ReconcileRequest>,
  { ledger, queue, counting }: Pick<ReconcileDeps, 'ledger' | 'queue' | 'counting'>,
): Promise<OccurrenceResult> {
  const listed = await ledger.listOccurrenceSends(occurrence);
  // An occurrence has a few sends: found in the short list as it came. Nearly every occurrence looked
  // at has finished (its sends went out today), and closes before anything is built to re-drive it.
  // In loops, not `filter` and `find` with closures made per occurrence and per message.
  const unfinished: DueMessage[] = [];
  for (let at = 0; at < occurrence.messages.length; at += 1) {
    const message = occurrence.messages[at]!;
    if (message.contactable && isUnfinished(sendOf(listed, message.messageId))) unfinished.push(message);
  }
  if (unfinished.length === 0) {
    await ledger.closeOccurrence(occurrence, now);
    return { outcome: 'closed' };
  }
  const sends = new Map(listed.map((send) => [send.messageId, send]));

  if (nothingInFlight) {
    for (const message of unfinished) {
      const send = sends.get(message.messageId);
      if (send?.status !== 'sending') continue;
      await ledger.releaseSend(send);
      sends.set(message.messageId, { ...send, leaseUntil: new Date(0).toISOString() });
    }
  }
  const leaseLive = (message: DueMessage) => {
    const send = sends.get(message.messageId);
    return send?.status === 'sending' && send.leaseUntil !== undefined && Date.parse(send.leaseUntil) >= now.getTime();
  };
  // A deferred send belongs to the held-message store until its due instant (and the grace
  // period after it, for the store's release to run first): neither re-driven nor expired before.
  const waiting = (message: DueMessage) => {
    const dueAt = dueAtOf(sends.get(message.messageId));
    return dueAt !== undefined && now.getTime() < dueAt + (nothingInFlight ? 0 : redriveGraceSeconds * 1000);
  };
  const idle = unfinished.filter((message) => !leaseLive(message) && !waiting(message));

  if (scheduleNow.getTime() >= deadlineOf(occurrence, sends.values()).getTime()) {
    const expired: DueMessage[] = [];
    for (const message of idle) {
      if (await ledger.expireSend({ ...occurrence, messageId: message.messageId }, message.channel, expiredReason, now)) expired.push(message);
    }
    await countExpired(occurrence, expired, now, counting);
    const sendsExpired = expired.length;
    // A live attempt, or one that took a send over meanwhile, may still finish it: look again next run.
    if (sendsExpired < unfinished.length) return { outcome: 'open', redriven: 0, sendsExpired };
    await ledger.expireOccurrence(occurrence, expiredReason, now);
    return { outcome: 'expired', sendsExpired };
  }

  const lastAttempt = (message: DueMessage) =>
    Math.max(Date.parse(occurrence.lastQueuedAt), Date.parse(sends.get(message.messageId)?.updatedAt ?? occurrence.lastQueuedAt));
  const due = idle.filter((message) => nothingInFlight || now.getTime() - lastAttempt(message) >= redriveGraceSeconds * 1000);
  if (due.length === 0) return { outcome: 'open', redriven: 0, sendsExpired: 0 };
  // Meant to go out now on the schedule's clock, or, for a deferred send, at its due instant.
  const plannedAt = (message: DueMessage) => new Date(Math.max(scheduleNow.getTime(), dueAtOf(sends.get(message.messageId)) ?? 0));
  await queue.enqueue(due.flatMap((message) => dispatchMessagesOf({ ...occurrence, messages: [message] }, plannedAt(message))));
  await ledger.markOccurrenceRedriven(occurrence, now);
  return { outcome: 'open', redriven: due.length, sendsExpired: 0 };
}

/**
 * Counts the sends this run expired (only those whose conditional write it won: a send another
 * attempt finished meanwhile is counted by that attempt) under the customer's dealer and today's
 * UTC day. Never throws: a count is a figure on a page, and the expiry is recorded already.
 */
async function countExpired(occurrence: OpenOccurrence, expired: readonly DueMessage[], now: Date, counting: ReconcileDeps['counting']): Promise<void> {
  if (!counting || expired.length === 0) return;
  const outcomeOf = (message: DueMessage, dealerId: string): OutcomeCount => ({
    dealerId,
    day: now.toISOString().slice(0, 10),
    journeyId: occurrence.journeyId,
    stepId: message.messageId,
    channel: message.channel,
    outcome: 'expired',
  });
  let dealerId: string | undefined;
  try {
    dealerId = await counting.customers.storedDealerOf(occurrence.customerId);
  } catch (error) {
    for (const message of expired) counting.onFailure(error, outcomeOf(message, 'unknown'));
    return;
  }
  // A customer erased meanwhile has no dealer to file under (as at dispatch).
  if (dealerId === undefined) return;
  for (const message of expired) await countOutcome(counting, outcomeOf(message, dealerId));
}
