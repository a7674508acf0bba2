import type { Channel, Customer } from '../customer';
import type { JourneyCategory } from '../journey/category';
import { normalEmail, type Suppression } from '../suppression';
import { send, type Policy } from './policy';

/** What a policy answers for one send: go ahead, or skip with the reason the history shows. */
export type PolicyVerdict = { send: true } | { send: false; reason: string };

/** The go-ahead, one object for all: every send asks the suppression and pause policies. */
export const goAhead: PolicyVerdict = Object.freeze({ send: true });

/** What the suppression policy looks at of one send. */
export interface SuppressionSend {
  channel: Channel;
  /** Messages queued before journeys had categories count as promotional (the schema's default). */
  category?: JourneyCategory | undefined;
}

/**
 * Skips a send the suppression list forbids: an entry for the channel whose scope is the
 * message's category or `all`, not lifted, and, for an entry tied to an email address (a bounce,
 * a complaint), only while the customer still has that address. Tasks go to the dealer's staff
 * and are never suppressed. Pure: the entries are read with the customer at dispatch.
 *
 * @example
 * suppressionVerdict({ channel: 'email', category: 'promotional' }, customer, [unsubscribed])
 * // { send: false, reason: 'suppressed: unsubscribe' }
 */
export function suppressionVerdict(send: SuppressionSend, customer: Pick<Customer, 'email'>, entries: readonly Suppression[]): PolicyVerdict {
  // Nearly every customer has no entry: answered with no closure made and no verdict object.
  if (send.channel === 'task' || entries.length === 0) return goAhead;
  const category = send.category ?? 'promotional';
  const blocking = entries.find(
    (entry) =>
      entry.liftedAt === undefined &&
      entry.channel === send.channel &&
      (entry.scope === 'all' || entry.scope === category) &&
      (entry.address === undefined || (customer.email !== undefined && normalEmail(entry.address) === normalEmail(customer.email))),
  );
  return blocking ? { send: false, reason: `suppressed: ${blocking.reason}` } : goAhead;
}

/** The chain's suppression policy: a suppressed channel is as final as a withdrawn consent. */
export const suppressionPolicy: Policy = ({ message, customer, suppressions }) => {
  const verdict = suppressionVerdict(message, customer, suppressions);
  return verdict.send ? send : { decision: 'skip', status: 'skipped', reason: verdict.reason };
};
