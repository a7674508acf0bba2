import { toE164 } from '../domain/phone';
import { smsIntentOf, type SmsIntent } from '../domain/sms-keywords';
import type { CustomerPhoneLookup, SmsOptOutRegistry, SuppressionList } from '../ports/suppression';

/** One inbound SMS: the sender's number, the text, when it arrived. */
export interface InboundSms {
  from: string;
  text: string;
  receivedAt: Date;
}

export interface SmsInboundDeps {
  phones: CustomerPhoneLookup;
  suppressions: SuppressionList;
  optOuts: SmsOptOutRegistry;
}

export type SmsInboundResult =
  | { outcome: 'ignored'; reason: 'invalid-number' | 'no-keyword' }
  | { outcome: SmsIntent; customers: number };

/**
 * Applies an inbound SMS: an opt-out keyword puts every customer with that number on the
 * suppression list for SMS (all categories) and the number on the provider's opt-out list; START
 * or UNSTOP lifts both. Customers are found by the normalised number, so `+44 7911 123456` and
 * `+447911123456` are one. Repeating either changes nothing more (SNS delivers at least once).
 * The keyword's own time (`receivedAt`, the inbound event's) decides between a STOP and a START
 * that arrive out of order: the one said later stands, and the provider's list follows ours.
 * The provider's list is updated even when no customer has the number: a STOP is the law whoever
 * sent it.
 */
export async function handleInboundSms(sms: InboundSms, deps: SmsInboundDeps): Promise<SmsInboundResult> {
  const number = toE164(sms.from);
  if (!number) return { outcome: 'ignored', reason: 'invalid-number' };
  const intent = smsIntentOf(sms.text);
  if (!intent) return { outcome: 'ignored', reason: 'no-keyword' };
  const customers = await deps.phones.customersWithPhone(number);
  const at = sms.receivedAt.toISOString();
  for (const customerId of customers) {
    if (intent === 'opt-out') {
      await deps.suppressions.suppress({ customerId, channel: 'sms', scope: 'all', reason: 'sms-opt-out', source: 'sms-inbound', at });
    } else {
      await deps.suppressions.lift(customerId, 'sms', 'sms-opt-out', at, 'sms-inbound');
    }
  }
  // What stands after a keyword that arrived late may be the other one: the provider's list follows ours.
  const stopped = customers.length === 0 ? intent === 'opt-out' : await anyStopped(customers, deps.suppressions);
  if (stopped) await deps.optOuts.optOut(number);
  else await deps.optOuts.optIn(number);
  return { outcome: intent, customers: customers.length };
}

async function anyStopped(customerIds: string[], suppressions: SuppressionList): Promise<boolean> {
  for (const customerId of customerIds) {
    const entries = await suppressions.listForCustomer(customerId);
    if (entries.some((entry) => entry.channel === 'sms' && entry.reason === 'sms-opt-out' && entry.liftedAt === undefined)) return true;
  }
  return false;
}
