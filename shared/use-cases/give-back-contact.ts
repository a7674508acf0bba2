import type { DispatchMessage } from '../domain/dispatch-message';
import { categoryOf } from '../domain/policies/policy';
import type { Ledger } from '../ports/ledger';

/**
 * A promotion that failed for good (the provider refused it, it could not be rendered) gives back
 * the cap slot its occurrence took, so the customer's next promotion is not capped for a contact
 * that never reached them. The slot stays when another send of the occurrence went out or is
 * being sent (the birthday's email went, its SMS failed: the customer was contacted).
 *
 * Called before the failure is recorded: if recording fails, the redelivered message decides
 * again (taking the slot again) and gives it back again, so a send gives back at most what it took.
 *
 * @returns whether a slot was given back.
 */
export async function giveBackContact(message: DispatchMessage, ledger: Pick<Ledger, 'listOccurrenceSends' | 'releaseContact'>, now: Date): Promise<boolean> {
  if (categoryOf(message) !== 'promotional') return false;
  const others = (await ledger.listOccurrenceSends(message)).filter((send) => send.messageId !== message.messageId);
  if (others.some((send) => send.status === 'sent' || send.status === 'sending')) return false;
  return ledger.releaseContact(message, now);
}
