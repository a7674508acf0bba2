import type { DispatchMessage } from '../domain/dispatch-message';
import type { IsoDate } from '../domain/dates';
import { categoryOf } from '../domain/policies/policy';
import type { Ledger } from '../ports/ledger';

/**
 * A promotion whose send ended without reaching the customer (failed for good, skipped by a
 * policy, expired, capped) settles its occurrence on the cap counter: the slot it took, if any,
 * is given back, so the customer's next promotion is not capped for a contact that never reached
 * them, and it stops ranking ahead of the day's other promotions, which may take the slot. Left
 * alone when another send of the occurrence went out or is being sent (the birthday's email went,
 * its SMS failed: the customer was contacted).
 *
 * Called before the outcome is recorded: if recording fails, the redelivered message decides
 * again (taking the slot again, if it sends) and settles again, so a send gives back at most
 * what it took.
 *
 * @param today the customer's local date the send was judged on.
 * @returns whether a slot was given back.
 */
export async function settleOccurrence(message: DispatchMessage, today: IsoDate, ledger: Pick<Ledger, 'listOccurrenceSends' | 'settleOccurrence'>, now: Date): Promise<boolean> {
  if (categoryOf(message) !== 'promotional') return false;
  const others = (await ledger.listOccurrenceSends(message)).filter((send) => send.messageId !== message.messageId);
  if (others.some((send) => send.status === 'sent' || send.status === 'sending')) return false;
  return ledger.settleOccurrence(message, today, now);
}
